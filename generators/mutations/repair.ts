/**
 * Keeps a mutated customer valid around its one change: objects created on the way down are the
 * minimal valid object of their type, a state/province code and its country stay consistent, and
 * the either-address rule stays satisfied.
 */
import { CODES_BY_COUNTRY, COUNTRY_CODES, countryOfCode } from '../../contract/put-customer.ts';
import { objectAt } from '../../lib/paths.ts';
import type { Value, ValueObject } from '../../lib/values.ts';
import { baselineOf } from '../baseline.ts';
import { type MemberSite, updateAt } from '../locations.ts';

/** Filler for objects a mutation needs on its way down: the minimal valid object of the type. */
export const fill = (typeName: string): ValueObject => baselineOf(typeName, { full: false });

/**
 * Keeps the rest of the customer valid around the one change: a state/province code and its
 * country stay consistent, and the either-address rule stays satisfied.
 */
function keepValid(customer: ValueObject, site: MemberSite | undefined): ValueObject {
  if (site) {
    const obj = objectAt(customer, site.location.path);
    const code = obj?.StateOrProvinceCode;
    if (obj && site.member.name === 'StateOrProvinceCode' && typeof code === 'string' && countryOfCode(code) && typeof obj.CountryCode === 'string') {
      obj.CountryCode = countryOfCode(code)!;
    }
    const country = obj?.CountryCode;
    if (obj && site.member.name === 'CountryCode' && typeof country === 'string' && (COUNTRY_CODES as readonly string[]).includes(country)) {
      const codes = CODES_BY_COUNTRY[country as (typeof COUNTRY_CODES)[number]];
      if (typeof obj.StateOrProvinceCode === 'string' && !codes.includes(obj.StateOrProvinceCode)) obj.StateOrProvinceCode = codes[0]!;
    }
  }
  if (customer.ShippingAddress == null && customer.BillingAddress == null) {
    customer[site?.member.name === 'ShippingAddress' ? 'BillingAddress' : 'ShippingAddress'] = fill('Address');
  }
  return customer;
}

/** `base` with the member of `site` set to `v` (undefined: absent; null: nil). */
export function setMember(base: ValueObject, site: MemberSite, v: Value | undefined): ValueObject {
  const changed = updateAt(
    base,
    site.location.path,
    (obj) => {
      if (v === undefined) delete obj[site.member.name];
      else obj[site.member.name] = v;
    },
    fill,
  );
  return keepValid(changed, site);
}
