/**
 * PutCustomer's hand-written clauses, one group per subject, each in the order the contract lists
 * them (contract/put-customer.ts assembles them around the derived field clauses; the order is
 * part of the contract hash). Each is a sentence of the seed (`seed`) or a decision with its
 * evidence (`decided`, docs/INTERPRETING.md).
 */
import { hardeningClauses } from '../hardening.ts';
import type { Clause, ClauseId } from '../types.ts';
import { EITHER_ADDRESS_SENTENCE, OPERATION } from './types.ts';
import { defined } from '../../lib/source-location.ts';

// Each clause records the line that makes it, for `trace` (lib/source-location.ts).
const seed = (id: string, title: string, quote: string, level: Clause['level'] = 'MUST'): Clause =>
  defined({ id: `${OPERATION}/${id}` as ClauseId, operation: OPERATION, level, title, quote, source: 'seed' }, 1);

const decided = (
  id: string,
  level: Clause['level'],
  source: Exclude<Clause['source'], 'seed'>,
  title: string,
  quote: string,
  evidence: string,
): Clause => defined({ id: `${OPERATION}/${id}` as ClauseId, operation: OPERATION, level, title, quote, source, evidence }, 1);

/** Rules about the request as a whole: the path key, the either-address rule, enum case, the length unit. */
export const REQUEST_CLAUSES: readonly Clause[] = [
  seed('customer-key/int32', 'The path key is a 32-bit integer: a key that is not one is rejected with 400',
    'CustomerKey (path, int, Required: Yes): "The key of the customer to be edited."'),
  decided('customer-key/path-wins', 'SHOULD', 'platform', 'A CustomerKey in the body that differs from the path is overridden by the path key',
    'PUT /customers/{customerKey} "Replaces a customer for a merchant"',
    'INTERPRETING.md §path-key; ServiceStack populates route variables after the body, so the path wins'),
  decided('customer-key/int32-limits', 'MUST', 'interpretation', 'A PUT to the path key 0, -1, Int32.MinValue or Int32.MaxValue is refused like an unknown key, with a 4xx: never a 5xx, never a success',
    'CustomerKey (path, int, Required: Yes): "The key of the customer to be edited."',
    'INTERPRETING.md §path-key (keys at the limits of Int32), §unknown-key'),
  seed('either-address', 'A customer with neither a shipping nor a billing address is rejected; either one, or both, is accepted',
    `ShippingAddress / BillingAddress: "${EITHER_ADDRESS_SENTENCE}"`),
  decided('activation-status/exact-case', 'SHOULD', 'platform', 'An ActivationStatus name in the wrong case is rejected',
    'ActivationStatus Enum: Pending, Active, Inactive, Deleted',
    'PLATFORM-NOTES.md §datacontract-xml (an unknown enum name fails deserialization); INTERPRETING.md §enum-case'),
  decided('length-unit/utf-16', 'SHOULD', 'platform', 'Maximum lengths count UTF-16 code units, so astral characters count twice',
    '"Cannot exceed 100 characters." / "max 50 chars"',
    'PLATFORM-NOTES.md §lengths (.NET string.Length counts UTF-16 code units); INTERPRETING.md §lengths'),
];

/** The answer to a valid PutCustomer: status, CustomerDetail shape, echo, media type. */
export const RESPONSE_CLAUSES: readonly Clause[] = [
  seed('response/status-200', 'A valid PutCustomer is answered 200 OK', 'Sample response: "HTTP/1.1 200 OK"'),
  seed('response/customer-detail-root', 'The response body is a CustomerDetail (XML root CustomerDetail in the BindingModels namespace)',
    'Sample response: <CustomerDetail xmlns="http://schemas.datacontract.org/2004/07/Gateway.RestApi.Customers.BindingModels">'),
  seed('response/member-names', 'Every CustomerDetail member has its documented name (namespace URI + local name in XML)',
    'CustomerDetail Parameters: CustomerKey, CustomerID, CustomerName, ActivationStatus, MerchantKey, CreationTimestamp, LastUpdateTimestamp, DefaultContact, BillingAddress, ShippingAddress'),
  seed('response/member-namespaces', 'CustomerDetail members are in the BindingModels namespace; contact and address members in Common.DTO',
    'Sample response: <DefaultContact xmlns:d2p1="http://schemas.datacontract.org/2004/07/Gateway.RestApi.Common.DTO"><d2p1:BillingAddress>…'),
  decided('response/member-order', 'MUST', 'platform', 'XML members come in DataContract order (ordinal by name), as in the sample',
    'Sample response member order: ActivationStatus, BillingAddress, CreationTimestamp, CustomerID, CustomerKey, …',
    'PLATFORM-NOTES.md §datacontract-xml: DataContractSerializer reads members in ordinal order and silently drops out-of-order elements, so order carries data'),
  seed('response/member-types', 'CustomerKey and MerchantKey are integers, timestamps are DateTime, ActivationStatus is an enum name',
    'CustomerKey int; MerchantKey int?; CreationTimestamp DateTime; LastUpdateTimestamp DateTime; ActivationStatus ActivationStatus?'),
  seed('response/echo', 'Every member sent is returned as sent (CustomerName, ActivationStatus, DefaultContact, addresses)',
    'PUT /customers/{customerKey} "Replaces a customer for a merchant"; CustomerDetail is the replaced customer'),
  seed('response/customer-id-echo', 'CustomerID in the response is the CustomerId sent',
    'CustomerID: "Unique identifier, assigned by the merchant, as a friendly way to identify the customer"'),
  seed('response/customer-key-echo', 'CustomerKey in the response is the key of the path',
    'CustomerKey: "Unique identifier generated by the system for the customer"'),
  decided('response/omitted-members-nil-or-absent', 'MUST', 'platform', 'A member not sent is returned nil, absent (or, for strings, empty)',
    'PUT "Replaces a customer for a merchant"',
    'PLATFORM-NOTES.md §datacontract-xml (a member without a value is written i:nil="true", or left out with EmitDefaultValue=false); INTERPRETING.md §nil'),
  seed('response/merchant-key', 'MerchantKey is present and an integer', 'MerchantKey (int?, Required: Yes): "The merchant key for the customer"'),
  decided('response/content-type-matches-body', 'MUST', 'standard', 'The Content-Type of every response names the format of its body',
    'RFC 9110 §8.3: "Content-Type … indicates the media type of the associated representation"', 'INTERPRETING.md §negotiation'),
  decided('response/json-pascal-case', 'SHOULD', 'platform', 'JSON member names are PascalCase as documented, nulls omitted',
    'Parameter tables name members in PascalCase', 'PLATFORM-NOTES.md §servicestack-json (property names as declared, members without a value left out)'),
];

/** A PUT replaces the stored customer. */
export const REPLACE_CLAUSES: readonly Clause[] = [
  seed('replace/omitted-member-removed', 'A member present in one PUT and omitted in the next is gone from the response',
    'PUT /customers/{customerKey}: "Replaces a customer for a merchant"'),
  decided('response/last-update-near-date', 'MUST', 'standard', "A LastUpdateTimestamp with an explicit zone lies within 10 minutes of the Date header of the answer that set it (the gateway's own clock)",
    'LastUpdateTimestamp: "Last customer update timestamp."; RFC 9110 §6.6.1: Date is "the date and time at which the message was originated"',
    'INTERPRETING.md §dates'),
  decided('response/creation-not-after-update', 'MUST', 'interpretation', 'CreationTimestamp is not later than LastUpdateTimestamp (compared when both have a zone, or neither)',
    'CreationTimestamp: "Customer creation timestamp."; LastUpdateTimestamp: "Last customer update timestamp."',
    'INTERPRETING.md §dates'),
  seed('replace/creation-timestamp-stable', 'CreationTimestamp does not change across PUTs', 'CreationTimestamp: "Customer creation timestamp."'),
  seed('replace/last-update-timestamp-advances', 'LastUpdateTimestamp never moves backwards and is later after an update',
    'LastUpdateTimestamp: "Last customer update timestamp."'),
  seed('replace/merchant-key-stable', 'MerchantKey does not change across PUTs', 'MerchantKey: "The merchant key for the customer"'),
  decided('replace/idempotent', 'MUST', 'standard', 'The same PUT twice gives the same representation (timestamps aside)',
    'RFC 9110 §9.2.2: PUT is idempotent', 'INTERPRETING.md §replace'),
  decided('replace/atomic', 'MUST', 'interpretation', 'Concurrent PUTs to one key end in a representation equal to one of them, never a mix',
    '"Replaces a customer for a merchant"', 'INTERPRETING.md §replace'),
];

export const AUTH_CLAUSES: readonly Clause[] = [
  seed('auth/unauthenticated-401', 'A request with no credential or a bad one is answered 401', 'PutCustomer: "Requires Authentication"'),
  decided('auth/www-authenticate', 'SHOULD', 'standard', 'A 401 carries a WWW-Authenticate header',
    'RFC 9110 §11.6.1: a 401 response "MUST send a WWW-Authenticate header field"', 'PLATFORM-NOTES.md §auth (not authenticated: 401 with a WWW-Authenticate header)'),
  seed('auth/role-required-403', 'An authenticated user with neither role is answered 403', 'PutCustomer: "Requires any of the roles: Reseller, Merchant"'),
  seed('auth/roles-accepted', 'A Merchant and a Reseller user are each allowed to replace a customer', 'PutCustomer: "Requires any of the roles: Reseller, Merchant"'),
  seed('auth/reseller-accepted', 'A Reseller user replaces the customer exactly as the Merchant user does: the same success, the same customer',
    'PutCustomer: "Requires any of the roles: Reseller, Merchant"'),
  decided('auth/other-merchant-refused', 'MUST', 'interpretation', "A Merchant user of another merchant cannot replace the customer: a valid PUT is refused with 404 or 403, never a success",
    'PUT /customers/{customerKey}: "Replaces a customer for a merchant" / MerchantKey: "The merchant key for the customer"',
    'INTERPRETING.md §auth; OWASP API Security Top 10 2023, API1 Broken Object Level Authorization; ServiceStack HttpError.NotFound'),
];

/** Unknown keys and validation failures. */
export const ERROR_CLAUSES: readonly Clause[] = [
  decided('errors/unknown-key-not-created', 'MUST', 'interpretation', 'A PUT to a key that does not exist is refused with a 4xx and creates nothing',
    'CustomerKey: "The key of the customer to be edited." / CustomerKey: "Unique identifier generated by the system for the customer"',
    'INTERPRETING.md §unknown-key'),
  decided('errors/not-found-404', 'SHOULD', 'platform', 'That refusal is 404 Not Found', 'HttpError.NotFound', 'INTERPRETING.md §unknown-key'),
  decided('errors/validation-400', 'SHOULD', 'platform', 'A request that breaks a field rule is answered 400 (not another 4xx)',
    'FluentValidation failure: HTTP 400', 'PLATFORM-NOTES.md §errors (a FluentValidation failure is HTTP 400)'),
  decided('errors/error-response-shape', 'SHOULD', 'platform', 'A 400 body is a ServiceStack ErrorResponse with a ResponseStatus',
    'ErrorResponse/ResponseStatus/{ErrorCode, Message, StackTrace, Errors/ResponseError/{ErrorCode, FieldName, Message, Meta}}',
    'PLATFORM-NOTES.md §errors'),
  decided('errors/field-name', 'SHOULD', 'platform', "A validation error's FieldName names the member in error as a dotted path",
    'FieldName for nested members is a dotted path (BillingAddress.StreetAddress1)', 'PLATFORM-NOTES.md §errors; INTERPRETING.md §field-name'),
  decided('errors/no-server-error', 'MUST', 'interpretation', 'No request is answered with a 5xx: every answer is a success or a refusal the client can act on',
    'RFC 9110 §15.6: "The 5xx (Server Error) class of status code indicates that the server is aware that it has erred or is incapable of performing the requested method"',
    'INTERPRETING.md §server-errors'),
];

/** Content negotiation. */
export const NEGOTIATION_CLAUSES: readonly Clause[] = [
  seed('negotiation/accept-header', 'Accept: application/xml gets XML and Accept: application/json gets JSON',
    '"To override the Content-type in your clients, use the HTTP Accept Header, append the .xml suffix or ?format=xml"'),
  seed('negotiation/format-suffix', 'A .xml / .json suffix on the route selects the response format',
    '"To override the Content-type in your clients, use the HTTP Accept Header, append the .xml suffix or ?format=xml"'),
  seed('negotiation/format-query', '?format=xml / ?format=json selects the response format',
    '"To override the Content-type in your clients, use the HTTP Accept Header, append the .xml suffix or ?format=xml"'),
  seed('negotiation/error-format', 'An error answer with a body is in the format the request asked for (?format=, suffix, Accept), like a success',
    '"To override the Content-type in your clients, use the HTTP Accept Header, append the .xml suffix or ?format=xml"'),
  decided('negotiation/json-body', 'SHOULD', 'platform', 'A JSON request body is accepted like its XML equivalent',
    'ServiceStack services accept every registered format', 'PLATFORM-NOTES.md §negotiation (every registered format is taken as a body; the host default is JSON)'),
  decided('negotiation/content-type-parameters', 'MUST', 'standard', 'A request whose Content-Type carries a charset parameter (application/xml; charset=utf-8) is taken like one with the bare media type',
    'RFC 9110 §8.3.1: a media type is "type/subtype" followed by optional parameters; the charset parameter names the encoding, not another type',
    'INTERPRETING.md §negotiation'),
  decided('negotiation/content-type-case', 'SHOULD', 'standard', 'A request whose Content-Type names the media type in another case (Application/XML) is taken like application/xml',
    'RFC 9110 §8.3.1: "The type and subtype tokens are case-insensitive."',
    'INTERPRETING.md §negotiation'),
];

/** The hardening clauses both operations share, then PutCustomer's malformed-body rule. */
export const HARDENING_CLAUSES: readonly Clause[] = [
  ...hardeningClauses(OPERATION),
  defined({
    id: 'put-customer/hardening/malformed-body-refused',
    operation: OPERATION,
    level: 'MUST',
    title: 'A malformed XML or JSON body is refused with a 4xx, never a 5xx or a success',
    quote: 'A body that cannot be deserialized: 400, ErrorCode SerializationException',
    source: 'platform',
    evidence: 'PLATFORM-NOTES.md §errors; INTERPRETING.md §hardening',
  }),
];
