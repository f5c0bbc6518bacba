/**
 * PutCustomer's message types as data: the DataContract namespaces, media types, route and roles,
 * and the seven type specs (PutCustomer, Contact, Address, CustomerDetail and ServiceStack's
 * ErrorResponse, ResponseStatus, ResponseError) with members in wire order, and the lookups over
 * them. Source: contract/seeds/syntch-PutCustomer.txt; platform facts: docs/PLATFORM-NOTES.md.
 */
import { type ContractTypes, type EnumSpec, type MemberSpec, type TypeSpec, dataContractOrder } from '../types.ts';
import { ACTIVATION_STATUS_VALUES, COUNTRY_CODES, STATE_OR_PROVINCE_CODES } from './codes.ts';

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

/**
 * Other spellings of a request's media type that name the same type (RFC 9110 §8.3.1): with a
 * `charset` parameter, which does not change the type (most clients send one: .NET's
 * `StringContent` always does) — accepted, MUST; and the type in another case ("The type and
 * subtype tokens are case-insensitive") — accepted, SHOULD (INTERPRETING.md §negotiation).
 */
export function mediaTypeSpellings(type: string): { readonly withCharset: readonly string[]; readonly otherCase: string } {
  const [top, sub] = type.split('/') as [string, string];
  return {
    withCharset: [`${type}; charset=utf-8`, `${type};charset=UTF-8`],
    otherCase: `${top[0]!.toUpperCase()}${top.slice(1)}/${sub.toUpperCase()}`,
  };
}

/** Route as documented, relative to the service's base URL. */
export const ROUTE = { method: 'PUT', path: '/customers/{customerKey}' } as const;

/** "Requires any of the roles: Reseller, Merchant". */
export const ROLES = ['Reseller', 'Merchant'] as const;

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

/** The seed sentence the two customer addresses share; the either-address clause quotes it. */
export const EITHER_ADDRESS_SENTENCE =
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

/**
 * ServiceStack's error body (docs/PLATFORM-NOTES.md §errors): `ErrorResponse/ResponseStatus/
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
