/**
 * Syntch Gateway API, PutCustomer (`PUT /customers/{customerKey}`), as data.
 * Source: contract/seeds/syntch-PutCustomer.txt. Platform facts: docs/PLATFORM-NOTES.md.
 * Decisions where the docs are silent: docs/INTERPRETING.md.
 *
 * The entry point: the data lives in `put-customer/` — the code lists (`codes.ts`), the message
 * types with namespaces, media types, route and roles (`types.ts`), what each CustomerDetail
 * member holds (`detail-sources.ts`), the hand-written clauses (`clauses.ts`) — and the field
 * clauses are derived from the member specs (`field-clauses.ts`). This module assembles the
 * clause list, in the order the contract hash and the reports depend on.
 */
import type { Clause } from './types.ts';
import {
  AUTH_CLAUSES,
  ERROR_CLAUSES,
  HARDENING_CLAUSES,
  NEGOTIATION_CLAUSES,
  REPLACE_CLAUSES,
  REQUEST_CLAUSES,
  RESPONSE_CLAUSES,
} from './put-customer/clauses.ts';
import { fieldClauses } from './put-customer/field-clauses.ts';

export {
  ACTIVATION_STATUS_VALUES,
  CAN_PROVINCE_CODES,
  CODES_BY_COUNTRY,
  COUNTRY_CODES,
  STATE_OR_PROVINCE_CODES,
  USA_STATE_CODES,
  countryOfCode,
} from './put-customer/codes.ts';
export { CUSTOMER_DETAIL_SOURCES, type DetailSource } from './put-customer/detail-sources.ts';
export { REQUEST_TYPE_PREFIXES, fieldClauseId } from './put-customer/field-clauses.ts';
export { MEDIA_TYPES, NS, mediaTypeSpellings, OPERATION, ROLES, ROUTE, TYPES, allowedValuesOf, enumSpec, typeSpec } from './put-customer/types.ts';

export const CLAUSES: readonly Clause[] = [
  ...REQUEST_CLAUSES,
  ...fieldClauses(),
  ...RESPONSE_CLAUSES,
  ...REPLACE_CLAUSES,
  ...AUTH_CLAUSES,
  ...ERROR_CLAUSES,
  ...NEGOTIATION_CLAUSES,
  ...HARDENING_CLAUSES,
];
