/**
 * PutCustomer's code lists, verbatim from the seed: the ActivationStatus names, the 64
 * state/province codes (51 USA, 13 CAN) and the two country codes, with which code belongs to
 * which country.
 */

export const ACTIVATION_STATUS_VALUES = ['Pending', 'Active', 'Inactive', 'Deleted'] as const;

/** The 51 USA codes (50 states and DC) of the seed's list, in the seed's order. */
export const USA_STATE_CODES = [
  'AK', 'AL', 'AR', 'AZ', 'CA', 'CO', 'CT', 'DC', 'DE', 'FL', 'GA', 'HI', 'IA', 'ID', 'IL', 'IN',
  'KS', 'KY', 'LA', 'MA', 'MD', 'ME', 'MI', 'MN', 'MO', 'MS', 'MT', 'NC', 'ND', 'NE', 'NH', 'NJ',
  'NM', 'NV', 'NY', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VA', 'VT', 'WA',
  'WI', 'WV', 'WY',
] as const;

/** The 13 CAN province and territory codes of the seed's list, in the seed's order. */
export const CAN_PROVINCE_CODES = [
  'AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT',
] as const;

/** "The CHAR-2 USA state and CAN province codes": all 64, in the seed's order. */
export const STATE_OR_PROVINCE_CODES: readonly string[] = [...USA_STATE_CODES, ...CAN_PROVINCE_CODES];

/** "The ISO Alpha-3 USA or CAN country codes". */
export const COUNTRY_CODES = ['USA', 'CAN'] as const;

/** Which codes belong to which country (used to generate consistent pairs; see INTERPRETING §state-country). */
export const CODES_BY_COUNTRY: Readonly<Record<(typeof COUNTRY_CODES)[number], readonly string[]>> = {
  USA: USA_STATE_CODES,
  CAN: CAN_PROVINCE_CODES,
};

/** The country a state/province code belongs to (docs/INTERPRETING.md §state-country). */
export function countryOfCode(code: string): (typeof COUNTRY_CODES)[number] | undefined {
  return COUNTRY_CODES.find((c) => CODES_BY_COUNTRY[c].includes(code));
}
