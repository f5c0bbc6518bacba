/**
 * Syntch Gateway API, PutCustomer (`PUT /customers/{customerKey}`), as data.
 * Source: contract/seeds/syntch-PutCustomer.txt. Platform facts: REFERENCE-NOTES.md.
 * Decisions where the docs are silent: docs/INTERPRETING.md.
 */
import {
  type Clause,
  type ClauseId,
  type ContractTypes,
  type EnumSpec,
  type MemberSpec,
  type TypeSpec,
  dataContractOrder,
  kebab,
} from './types.ts';
import { hardeningClauses } from './hardening.ts';

export const OPERATION = 'put-customer' as const;

/** DataContract namespaces, derived from the C# namespaces (seed sample). */
export const NS = {
  bindingModels: 'http://schemas.datacontract.org/2004/07/Gateway.RestApi.Customers.BindingModels',
  commonDto: 'http://schemas.datacontract.org/2004/07/Gateway.RestApi.Common.DTO',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  serviceStackTypes: 'http://schemas.servicestack.net/types',
  serializationArrays: 'http://schemas.microsoft.com/2003/10/Serialization/Arrays',
} as const;

/**
 * The media types of the two body formats (ServiceStack registers both names of each); the first
 * is the one a client sends. Content negotiation and the Content-Type check read these.
 */
export const MEDIA_TYPES = {
  xml: ['application/xml', 'text/xml'],
  json: ['application/json', 'text/json'],
} as const;

/** Route as documented, relative to the service's base URL. */
export const ROUTE = { method: 'PUT', path: '/customers/{customerKey}' } as const;

/** "Requires any of the roles: Reseller, Merchant". */
export const ROLES = ['Reseller', 'Merchant'] as const;

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

const str = (
  name: string,
  required: boolean,
  doc: string,
  extra: { maxLength?: number; allowedValues?: readonly string[] } = {},
): MemberSpec => ({ kind: 'scalar', type: 'string', name, required, doc, ...extra });

const complex = (name: string, typeName: string, required: boolean, doc: string): MemberSpec => ({
  kind: 'complex',
  name,
  typeName,
  required,
  doc,
});

/** Address Parameters (seed). Used at four places: customer and default-contact billing/shipping. */
const ADDRESS: TypeSpec = {
  name: 'Address',
  namespace: NS.commonDto,
  members: dataContractOrder([
    str('StreetAddress1', true, 'The street address, max 50 chars', { maxLength: 50 }),
    str('StreetAddress2', false, 'The street address 2, max 50 chars', { maxLength: 50 }),
    str('StreetAddress3', false, 'The street address 3, max 50 chars', { maxLength: 50 }),
    str('City', false, 'The city, max 50 chars', { maxLength: 50 }),
    str('StateOrProvinceCode', true, 'The CHAR-2 USA state and CAN province codes', {
      allowedValues: STATE_OR_PROVINCE_CODES,
    }),
    str('PostalCode', true, 'The postal code, max 30 chars', { maxLength: 30 }),
    str('CountryCode', true, 'The ISO Alpha-3 USA or CAN country codes', { allowedValues: COUNTRY_CODES }),
  ]),
};

/** Contact Parameters (seed). */
const CONTACT: TypeSpec = {
  name: 'Contact',
  namespace: NS.commonDto,
  members: dataContractOrder([
    str('LastName', false, 'The last name, max 50 chars', { maxLength: 50 }),
    str('FirstName', false, 'The first name, max 50 chars', { maxLength: 50 }),
    str('JobTitle', false, 'The job title, max 50 chars', { maxLength: 50 }),
    str('DepartmentName', false, 'The department name, max 50 chars', { maxLength: 50 }),
    str('EmailAddress', false, 'The e-mail address, max 100 chars', { maxLength: 100 }),
    str('DaytimeTelephoneNumber', false, 'The daytime telephone number, max 25 chars', { maxLength: 25 }),
    str('NighttimeTelephoneNumber', false, 'The nighttime telephone number, max 25 chars', { maxLength: 25 }),
    str('FaxNumber', false, 'The fax number, max 25 chars', { maxLength: 25 }),
    str('MobileTelephoneNumber', false, 'The mobile telephone number, max 25 chars', { maxLength: 25 }),
    complex('BillingAddress', 'Address', false, 'Billing address for the primary contact.'),
    complex('ShippingAddress', 'Address', false, 'Shipping address for the primary contact'),
  ]),
};

const EITHER_ADDRESS_SENTENCE =
  'Either a shipping address, a billing address, or both are required.';

/** PutCustomer Parameters (seed). `CustomerKey` travels in the path and, as in the sample, in the body. */
const PUT_CUSTOMER: TypeSpec = {
  name: 'PutCustomer',
  namespace: NS.bindingModels,
  members: dataContractOrder([
    { kind: 'scalar', type: 'int', name: 'CustomerKey', required: true, boundFrom: 'path', doc: 'The key of the customer to be edited.' },
    str('CustomerName', true, 'The name of the customer. Cannot exceed 100 characters.', { maxLength: 100 }),
    str('CustomerId', false, 'The ID of the customer. Cannot exceed 50 characters.', { maxLength: 50 }),
    { kind: 'enum', name: 'ActivationStatus', enumName: 'ActivationStatus', required: true, doc: 'The customer status.' },
    complex('DefaultContact', 'Contact', true, 'The default contact for the customer.'),
    complex('ShippingAddress', 'Address', false, `The shipping address for the customer. ${EITHER_ADDRESS_SENTENCE}`),
    complex('BillingAddress', 'Address', false, `The billing address for the customer. ${EITHER_ADDRESS_SENTENCE}`),
  ]),
};

/**
 * CustomerDetail Parameters (seed). The docs name the address types `BillingAddress` and
 * `ShippingAddress`; the seed's sample shows them with exactly Address's members, so they are
 * modelled as Address.
 */
const CUSTOMER_DETAIL: TypeSpec = {
  name: 'CustomerDetail',
  namespace: NS.bindingModels,
  members: dataContractOrder([
    { kind: 'scalar', type: 'int', name: 'CustomerKey', required: false, doc: 'Unique identifier generated by the system for the customer' },
    str('CustomerID', true, 'Unique identifier, assigned by the merchant, as a friendly way to identify the customer'),
    str('CustomerName', false, "Customer's full name. Can be first+last name for an individual, or the business name if applicable."),
    { kind: 'enum', name: 'ActivationStatus', enumName: 'ActivationStatus', required: true, doc: 'Indicates whether the customer is currently active or inactive.' },
    { kind: 'scalar', type: 'int', name: 'MerchantKey', required: true, doc: 'The merchant key for the customer' },
    { kind: 'scalar', type: 'dateTime', name: 'CreationTimestamp', required: false, doc: 'Customer creation timestamp.' },
    { kind: 'scalar', type: 'dateTime', name: 'LastUpdateTimestamp', required: false, doc: 'Last customer update timestamp.' },
    complex('DefaultContact', 'Contact', false, "The link to this customer's default contact"),
    complex('BillingAddress', 'Address', false, "The link to this customer's billing address"),
    complex('ShippingAddress', 'Address', false, "The link to this customer's shipping address"),
  ]),
};

/** How each CustomerDetail member relates to the request that produced it. */
export type DetailSource =
  | { readonly kind: 'echo'; readonly requestMember: string }
  | { readonly kind: 'path-key' }
  | { readonly kind: 'creation-timestamp' }
  | { readonly kind: 'update-timestamp' }
  | { readonly kind: 'merchant-key' };

export const CUSTOMER_DETAIL_SOURCES: Readonly<Record<string, DetailSource>> = {
  ActivationStatus: { kind: 'echo', requestMember: 'ActivationStatus' },
  BillingAddress: { kind: 'echo', requestMember: 'BillingAddress' },
  CreationTimestamp: { kind: 'creation-timestamp' },
  CustomerID: { kind: 'echo', requestMember: 'CustomerId' },
  CustomerKey: { kind: 'path-key' },
  CustomerName: { kind: 'echo', requestMember: 'CustomerName' },
  DefaultContact: { kind: 'echo', requestMember: 'DefaultContact' },
  LastUpdateTimestamp: { kind: 'update-timestamp' },
  MerchantKey: { kind: 'merchant-key' },
  ShippingAddress: { kind: 'echo', requestMember: 'ShippingAddress' },
};

/**
 * ServiceStack's error body (REFERENCE-NOTES.md, "Errors"): `ErrorResponse/ResponseStatus/
 * {ErrorCode, Message, StackTrace, Errors/ResponseError/{ErrorCode, FieldName, Message, Meta}}`.
 * ServiceStack declares these with explicit `[DataMember(Order)]`, so their order is not alphabetical.
 */
const RESPONSE_ERROR: TypeSpec = {
  name: 'ResponseError',
  namespace: NS.serviceStackTypes,
  members: [
    str('ErrorCode', false, 'Error code of this field error'),
    str('FieldName', false, 'Dotted path of the member in error'),
    str('Message', false, 'Human-readable message'),
    { kind: 'opaque', name: 'Meta', required: false, doc: 'Additional data' },
  ],
};

const RESPONSE_STATUS: TypeSpec = {
  name: 'ResponseStatus',
  namespace: NS.serviceStackTypes,
  members: [
    str('ErrorCode', false, 'Error code of the first error'),
    str('Message', false, 'Message of the first error'),
    str('StackTrace', false, 'Stack trace (debug mode only)'),
    { kind: 'list', name: 'Errors', itemTypeName: 'ResponseError', itemElement: 'ResponseError', required: false, doc: 'Every field error' },
    { kind: 'opaque', name: 'Meta', required: false, doc: 'Additional data' },
  ],
};

const ERROR_RESPONSE: TypeSpec = {
  name: 'ErrorResponse',
  namespace: NS.serviceStackTypes,
  members: [complex('ResponseStatus', 'ResponseStatus', true, 'The error')],
};

const ACTIVATION_STATUS: EnumSpec = {
  name: 'ActivationStatus',
  // DataContract enums live in the namespace of their C# namespace; the seed shows only names.
  namespace: NS.bindingModels,
  values: ACTIVATION_STATUS_VALUES,
};

export const TYPES: ContractTypes = {
  types: {
    PutCustomer: PUT_CUSTOMER,
    Contact: CONTACT,
    Address: ADDRESS,
    CustomerDetail: CUSTOMER_DETAIL,
    ErrorResponse: ERROR_RESPONSE,
    ResponseStatus: RESPONSE_STATUS,
    ResponseError: RESPONSE_ERROR,
  },
  enums: { ActivationStatus: ACTIVATION_STATUS },
};

/** The request types whose members carry field clauses, with the clause-id prefix of each. */
export const REQUEST_TYPE_PREFIXES: Readonly<Record<string, string>> = {
  PutCustomer: 'put-customer',
  Contact: 'put-customer/contact',
  Address: 'put-customer/address',
};

export function typeSpec(name: string): TypeSpec {
  const spec = TYPES.types[name];
  if (!spec) throw new Error(`contract: unknown type ${name}`);
  return spec;
}

export function enumSpec(name: string): EnumSpec {
  const spec = TYPES.enums[name];
  if (!spec) throw new Error(`contract: unknown enum ${name}`);
  return spec;
}

/** Allowed values of a member, from its list or its enum; undefined when unrestricted. */
export function allowedValuesOf(member: MemberSpec): readonly string[] | undefined {
  if (member.kind === 'enum') return enumSpec(member.enumName).values;
  if (member.kind === 'scalar') return member.allowedValues;
  return undefined;
}

/** Field clause id, e.g. `put-customer/address/street-address-1/max-length`. */
export function fieldClauseId(typeName: string, member: string, rule: string): ClauseId {
  const prefix = REQUEST_TYPE_PREFIXES[typeName];
  if (!prefix) throw new Error(`contract: ${typeName} has no field clauses`);
  return `${prefix}/${kebab(member)}/${rule}` as ClauseId;
}

function memberQuote(member: MemberSpec): string {
  const type =
    member.kind === 'enum' ? `${member.enumName}?` : member.kind === 'complex' ? member.typeName : member.kind === 'scalar' ? member.type : member.kind;
  return `${member.name} (${type}, Required: ${member.required ? 'Yes' : 'No'}): "${member.doc}"`;
}

/** Derives the field clauses of every request member from the member specs above. */
function fieldClauses(): Clause[] {
  const clauses: Clause[] = [];
  for (const typeName of Object.keys(REQUEST_TYPE_PREFIXES)) {
    for (const m of typeSpec(typeName).members) {
      if (m.boundFrom === 'path') continue;
      const make = (rule: NonNullable<Clause['field']>['rule'], level: Clause['level'], title: string, extra: Partial<Clause> = {}): void => {
        clauses.push({
          id: fieldClauseId(typeName, m.name, rule),
          operation: OPERATION,
          level,
          title,
          quote: memberQuote(m),
          source: 'seed',
          field: { type: typeName, member: m.name, rule },
          ...extra,
        });
      };
      const allowed = allowedValuesOf(m);
      if (m.required) {
        make('required', 'MUST', `${typeName}.${m.name} is required: a request without it is rejected`);
        if (m.kind === 'scalar' && m.type === 'string' && !allowed) {
          make('not-empty', 'SHOULD', `${typeName}.${m.name} empty or whitespace-only is rejected`, {
            source: 'platform',
            evidence: 'INTERPRETING.md §required-strings; REFERENCE-NOTES.md: FluentValidation NotEmpty also rejects whitespace-only strings',
          });
        }
      } else {
        make('optional', 'MUST', `${typeName}.${m.name} is optional: a request without it is accepted`);
      }
      if (m.kind === 'scalar' && m.maxLength !== undefined) {
        make('max-length', 'MUST', `${typeName}.${m.name} of ${m.maxLength} characters is accepted, ${m.maxLength + 1} is rejected`);
      }
      if (allowed) {
        make('allowed-values', 'MUST', `${typeName}.${m.name} accepts each of its ${allowed.length} allowable values and rejects any other`);
      }
    }
  }
  return clauses;
}

const seed = (id: string, title: string, quote: string, level: Clause['level'] = 'MUST'): Clause => ({
  id: `${OPERATION}/${id}` as ClauseId,
  operation: OPERATION,
  level,
  title,
  quote,
  source: 'seed',
});

const decided = (
  id: string,
  level: Clause['level'],
  source: Exclude<Clause['source'], 'seed'>,
  title: string,
  quote: string,
  evidence: string,
): Clause => ({ id: `${OPERATION}/${id}` as ClauseId, operation: OPERATION, level, title, quote, source, evidence });

export const CLAUSES: readonly Clause[] = [
  seed('customer-key/int32', 'The path key is a 32-bit integer: a key that is not one is rejected with 400',
    'CustomerKey (path, int, Required: Yes): "The key of the customer to be edited."'),
  decided('customer-key/path-wins', 'SHOULD', 'platform', 'A CustomerKey in the body that differs from the path is overridden by the path key',
    'PUT /customers/{customerKey} "Replaces a customer for a merchant"',
    'INTERPRETING.md §path-key; ServiceStack populates route variables after the body, so the path wins'),
  seed('either-address', 'A customer with neither a shipping nor a billing address is rejected; either one, or both, is accepted',
    `ShippingAddress / BillingAddress: "${EITHER_ADDRESS_SENTENCE}"`),
  decided('activation-status/exact-case', 'SHOULD', 'platform', 'An ActivationStatus name in the wrong case is rejected',
    'ActivationStatus Enum: Pending, Active, Inactive, Deleted',
    'REFERENCE-NOTES.md: "An unknown enum name in a request body fails deserialization"; INTERPRETING.md §enum-case'),
  decided('length-unit/utf-16', 'SHOULD', 'platform', 'Maximum lengths count UTF-16 code units, so astral characters count twice',
    '"Cannot exceed 100 characters." / "max 50 chars"',
    'REFERENCE-NOTES.md: ".NET string.Length counts UTF-16 code units"; INTERPRETING.md §lengths'),
  ...fieldClauses(),

  seed('response/status-200', 'A valid PutCustomer is answered 200 OK', 'Sample response: "HTTP/1.1 200 OK"'),
  seed('response/customer-detail-root', 'The response body is a CustomerDetail (XML root CustomerDetail in the BindingModels namespace)',
    'Sample response: <CustomerDetail xmlns="http://schemas.datacontract.org/2004/07/Gateway.RestApi.Customers.BindingModels">'),
  seed('response/member-names', 'Every CustomerDetail member has its documented name (namespace URI + local name in XML)',
    'CustomerDetail Parameters: CustomerKey, CustomerID, CustomerName, ActivationStatus, MerchantKey, CreationTimestamp, LastUpdateTimestamp, DefaultContact, BillingAddress, ShippingAddress'),
  seed('response/member-namespaces', 'CustomerDetail members are in the BindingModels namespace; contact and address members in Common.DTO',
    'Sample response: <DefaultContact xmlns:d2p1="http://schemas.datacontract.org/2004/07/Gateway.RestApi.Common.DTO"><d2p1:BillingAddress>…'),
  decided('response/member-order', 'MUST', 'platform', 'XML members come in DataContract order (ordinal by name), as in the sample',
    'Sample response member order: ActivationStatus, BillingAddress, CreationTimestamp, CustomerID, CustomerKey, …',
    'REFERENCE-NOTES.md: DataContractSerializer reads members in ordinal order and silently drops out-of-order elements, so order carries data'),
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
    'REFERENCE-NOTES.md: "Null members: written as <X i:nil=\\"true\\"/> by default, or left out when EmitDefaultValue=false"; INTERPRETING.md §nil'),
  seed('response/merchant-key', 'MerchantKey is present and an integer', 'MerchantKey (int?, Required: Yes): "The merchant key for the customer"'),
  decided('response/content-type-matches-body', 'MUST', 'standard', 'The Content-Type of every response names the format of its body',
    'RFC 9110 §8.3: "Content-Type … indicates the media type of the associated representation"', 'INTERPRETING.md §negotiation'),
  decided('response/json-pascal-case', 'SHOULD', 'platform', 'JSON member names are PascalCase as documented, nulls omitted',
    'Parameter tables name members in PascalCase', 'REFERENCE-NOTES.md: ServiceStack.Text defaults: "Property names PascalCase as declared; null members omitted"'),

  seed('replace/omitted-member-removed', 'A member present in one PUT and omitted in the next is gone from the response',
    'PUT /customers/{customerKey}: "Replaces a customer for a merchant"'),
  seed('replace/creation-timestamp-stable', 'CreationTimestamp does not change across PUTs', 'CreationTimestamp: "Customer creation timestamp."'),
  seed('replace/last-update-timestamp-advances', 'LastUpdateTimestamp never moves backwards and is later after an update',
    'LastUpdateTimestamp: "Last customer update timestamp."'),
  seed('replace/merchant-key-stable', 'MerchantKey does not change across PUTs', 'MerchantKey: "The merchant key for the customer"'),
  decided('replace/idempotent', 'MUST', 'standard', 'The same PUT twice gives the same representation (timestamps aside)',
    'RFC 9110 §9.2.2: PUT is idempotent', 'INTERPRETING.md §replace'),
  decided('replace/atomic', 'MUST', 'interpretation', 'Concurrent PUTs to one key end in a representation equal to one of them, never a mix',
    '"Replaces a customer for a merchant"', 'INTERPRETING.md §replace'),

  seed('auth/unauthenticated-401', 'A request with no credential or a bad one is answered 401', 'PutCustomer: "Requires Authentication"'),
  decided('auth/www-authenticate', 'SHOULD', 'standard', 'A 401 carries a WWW-Authenticate header',
    'RFC 9110 §11.6.1: a 401 response "MUST send a WWW-Authenticate header field"', 'REFERENCE-NOTES.md: "Not authenticated: 401 with a WWW-Authenticate header"'),
  seed('auth/role-required-403', 'An authenticated user with neither role is answered 403', 'PutCustomer: "Requires any of the roles: Reseller, Merchant"'),
  seed('auth/roles-accepted', 'A Merchant and a Reseller user are each allowed to replace a customer', 'PutCustomer: "Requires any of the roles: Reseller, Merchant"'),

  decided('errors/unknown-key-not-created', 'MUST', 'interpretation', 'A PUT to a key that does not exist is refused with a 4xx and creates nothing',
    'CustomerKey: "The key of the customer to be edited." / CustomerKey: "Unique identifier generated by the system for the customer"',
    'INTERPRETING.md §unknown-key'),
  decided('errors/not-found-404', 'SHOULD', 'platform', 'That refusal is 404 Not Found', 'HttpError.NotFound', 'INTERPRETING.md §unknown-key'),
  decided('errors/validation-400', 'SHOULD', 'platform', 'A request that breaks a field rule is answered 400 (not another 4xx)',
    'FluentValidation failure: HTTP 400', 'REFERENCE-NOTES.md: "Validation failure (FluentValidation): HTTP 400"'),
  decided('errors/error-response-shape', 'SHOULD', 'platform', 'A 400 body is a ServiceStack ErrorResponse with a ResponseStatus',
    'ErrorResponse/ResponseStatus/{ErrorCode, Message, StackTrace, Errors/ResponseError/{ErrorCode, FieldName, Message, Meta}}',
    'REFERENCE-NOTES.md, "Errors"'),
  decided('errors/field-name', 'SHOULD', 'platform', "A validation error's FieldName names the member in error as a dotted path",
    'FieldName for nested members is a dotted path (BillingAddress.StreetAddress1)', 'REFERENCE-NOTES.md, "Errors"; INTERPRETING.md §field-name'),

  seed('negotiation/accept-header', 'Accept: application/xml gets XML and Accept: application/json gets JSON',
    '"To override the Content-type in your clients, use the HTTP Accept Header, append the .xml suffix or ?format=xml"'),
  seed('negotiation/format-suffix', 'A .xml / .json suffix on the route selects the response format',
    '"To override the Content-type in your clients, use the HTTP Accept Header, append the .xml suffix or ?format=xml"'),
  seed('negotiation/format-query', '?format=xml / ?format=json selects the response format',
    '"To override the Content-type in your clients, use the HTTP Accept Header, append the .xml suffix or ?format=xml"'),
  decided('negotiation/json-body', 'SHOULD', 'platform', 'A JSON request body is accepted like its XML equivalent',
    'ServiceStack services accept every registered format', 'REFERENCE-NOTES.md: "the host default, which is JSON unless configured"'),

  ...hardeningClauses(OPERATION),
  {
    id: 'put-customer/hardening/malformed-body-refused',
    operation: OPERATION,
    level: 'MUST',
    title: 'A malformed XML or JSON body is refused with a 4xx, never a 5xx or a success',
    quote: 'A body that cannot be deserialized: 400, ErrorCode SerializationException',
    source: 'platform',
    evidence: 'REFERENCE-NOTES.md, "Errors"; INTERPRETING.md §hardening',
  },
];
