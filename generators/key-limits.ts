/**
 * The path key at the limits of Int32 (docs/INTERPRETING.md §path-key): 0, −1, Int32.MinValue and
 * Int32.MaxValue are valid Int32 keys no customer has (system-generated keys count up from 1), so
 * each is refused like an unknown key — a 4xx, never a 5xx or a success. A deterministic
 * catalogue, sent every run.
 */
import type { ClauseId } from '../contract/index.ts';
import { INT32_MAX, INT32_MIN } from '../lib/values.ts';

export interface KeyLimitCase {
  readonly clause: ClauseId;
  readonly key: number;
  /** Stable, unique name: what is sent and what must happen. */
  readonly name: string;
}

const CLAUSE: ClauseId = 'put-customer/customer-key/int32-limits';

/** Every limit key, except `customerKey` (the configured test customer's, which exists). */
export function keyLimitCases(customerKey?: number): KeyLimitCase[] {
  return [0, -1, INT32_MIN, INT32_MAX]
    .filter((key) => key !== customerKey)
    .map((key) => ({ clause: CLAUSE, key, name: `a valid PutCustomer to the key ${key} is refused with a 4xx, never a 5xx` }));
}
