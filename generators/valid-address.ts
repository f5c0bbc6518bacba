/**
 * A valid Address: StreetAddress1, StateOrProvinceCode, PostalCode and CountryCode present, the
 * others present or absent; the state/province code and the country consistent (a USA state
 * with USA, a CAN province with CAN — docs/INTERPRETING.md §state-country), every one of the 64
 * codes equally likely. Clauses: `put-customer/address/*`.
 */
import fc from 'fast-check';
import { CODES_BY_COUNTRY, COUNTRY_CODES } from '../contract/put-customer.ts';
import type { ValueObject } from '../lib/values.ts';
import { objectOf } from './object-of.ts';

export interface ValidAddressConstraints {
  /** Only addresses in this country. Default: either. */
  readonly country?: (typeof COUNTRY_CODES)[number];
}

/** Every (code, country) pair the contract allows, in the seed's order. */
export const STATE_COUNTRY_PAIRS: readonly (readonly [string, string])[] = COUNTRY_CODES.flatMap((country) =>
  CODES_BY_COUNTRY[country].map((code) => [code, country] as const),
);

export function validAddress(constraints: ValidAddressConstraints = {}): fc.Arbitrary<ValueObject> {
  const pairs = STATE_COUNTRY_PAIRS.filter(([, c]) => !constraints.country || c === constraints.country);
  return fc
    .tuple(objectOf({ typeName: 'Address', omit: ['StateOrProvinceCode', 'CountryCode'] }), fc.constantFrom(...pairs))
    .map(([address, [code, country]]) => ({ ...address, StateOrProvinceCode: code, CountryCode: country }));
}
