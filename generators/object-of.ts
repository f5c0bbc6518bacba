/**
 * A valid object of a contract type, member by member from the contract: required members always
 * present, optional ones present or absent, strings within their maximum length (clauses
 * `…/max-length`, `…/required`, `…/optional`), enums and lists from their allowable values.
 */
import fc from 'fast-check';
import { allowedValuesOf, typeSpec } from '../contract/put-customer.ts';
import type { MemberSpec } from '../contract/types.ts';
import type { Value, ValueObject } from '../lib/values.ts';
import { boundedText } from './bounded-text.ts';

export interface ObjectOfConstraints {
  readonly typeName: string;
  /** Arbitraries that replace the generic one for some members (complex members need one). */
  readonly members?: Readonly<Record<string, fc.Arbitrary<Value>>>;
  /** Optional members that must be present. */
  readonly require?: readonly string[];
  /** Members never produced (a caller adds them itself). */
  readonly omit?: readonly string[];
}

/** Upper bound for a string member that documents no maximum (none does today). */
const UNDOCUMENTED_MAX = 50;

/** The generic arbitrary of a scalar or enum member's valid values. */
export function memberArbitrary(member: MemberSpec): fc.Arbitrary<Value> {
  const allowed = allowedValuesOf(member);
  if (allowed) return fc.constantFrom(...allowed);
  if (member.kind === 'scalar' && member.type === 'string') {
    return boundedText({ maxLength: member.maxLength ?? UNDOCUMENTED_MAX, nonBlank: member.required, edgeSpaces: !member.required });
  }
  if (member.kind === 'scalar' && member.type === 'int') return fc.integer({ min: -2147483648, max: 2147483647 });
  throw new Error(`memberArbitrary: give an arbitrary for ${member.kind} member ${member.name}`);
}

export function objectOf(constraints: ObjectOfConstraints): fc.Arbitrary<ValueObject> {
  const omit = new Set(constraints.omit ?? []);
  const model: Record<string, fc.Arbitrary<Value>> = {};
  const requiredKeys: string[] = [];
  for (const member of typeSpec(constraints.typeName).members) {
    if (omit.has(member.name) || member.boundFrom !== undefined) continue;
    model[member.name] = constraints.members?.[member.name] ?? memberArbitrary(member);
    if (member.required || constraints.require?.includes(member.name)) requiredKeys.push(member.name);
  }
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<ValueObject>;
}
