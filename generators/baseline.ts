/**
 * Deterministic valid objects, derived from the contract: the starting point of every boundary
 * case and the filler for objects a violation needs on its way down (a violation of
 * `ShippingAddress.City` needs a ShippingAddress to stand in).
 */
import { allowedValuesOf, countryOfCode, typeSpec } from '../contract/put-customer.ts';
import type { MemberSpec } from '../contract/types.ts';
import type { Value, ValueObject } from '../lib/values.ts';

export interface BaselineOptions {
  /** Every optional member present too (default), or only the required ones. */
  readonly full?: boolean;
}

/** A readable valid value for a scalar or enum member: its first allowable value, or its name cut to fit. */
export function baselineScalar(member: MemberSpec): Value {
  const allowed = allowedValuesOf(member);
  if (allowed) return allowed[0]!;
  if (member.kind === 'scalar' && member.type === 'string') return member.name.slice(0, member.maxLength ?? member.name.length);
  if (member.kind === 'scalar' && member.type === 'int') return 1;
  throw new Error(`baselineScalar: no baseline for ${member.kind} member ${member.name}`);
}

export function baselineOf(typeName: string, options: BaselineOptions = {}): ValueObject {
  const full = options.full ?? true;
  const out: ValueObject = {};
  for (const m of typeSpec(typeName).members) {
    if (m.boundFrom !== undefined || (!m.required && !full)) continue;
    out[m.name] = m.kind === 'complex' ? baselineOf(m.typeName, options) : baselineScalar(m);
  }
  // Keep a state/province code and its country consistent (docs/INTERPRETING.md §state-country).
  if (typeof out.StateOrProvinceCode === 'string' && 'CountryCode' in out) {
    out.CountryCode = countryOfCode(out.StateOrProvinceCode) ?? out.CountryCode;
  }
  return out;
}

/** The full baseline customer: every member of every type present, both addresses. */
export function baselineCustomer(): ValueObject {
  return baselineOf('PutCustomer');
}
