/**
 * eBizCharge SOAP API, MarkCustomerAsSynchronized, as data.
 * Source: contract/seeds/ebizcharge-MarkCustomerAsSynchronized.txt. Platform facts (WCF,
 * XmlSerializer, basicHttpBinding): docs/PLATFORM-NOTES.md. Decisions: docs/INTERPRETING.md.
 */
import { defined } from '../lib/source-location.ts';
import type { Clause, ClauseId, ContractTypes, MemberSpec, TypeSpec } from './types.ts';
import { hardeningClauses } from './hardening.ts';

export const OPERATION = 'mark-customer-as-synchronized' as const;

export const NS = {
  soapEnv: 'http://schemas.xmlsoap.org/soap/envelope/',
  soap12Env: 'http://www.w3.org/2003/05/soap-envelope',
  service: 'http://eBizCharge.ServiceModel.SOAP',
  /** WCF's namespace for the `a:ActionNotSupported` fault code. */
  addressingNone: 'http://schemas.microsoft.com/ws/2005/05/addressing/none',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  xsd: 'http://www.w3.org/2001/XMLSchema',
  wsdl: 'http://schemas.xmlsoap.org/wsdl/',
  wsdlSoap: 'http://schemas.xmlsoap.org/wsdl/soap/',
  xml: 'http://www.w3.org/XML/1998/namespace',
  /** The namespace of the header block the suite sends that no service understands (SOAP 1.1 §4.2.3 probes). */
  unknownHeader: 'urn:gateway-conformance:unknown-header',
} as const;

export const OPERATION_NAME = 'MarkCustomerAsSynchronized';
export const PORT_TYPE = 'IeBizService';
export const SERVICE_NAME = 'eBizService';
export const BINDING_NAME = 'BasicHttpBinding_IeBizService';
export const PUBLISHED_ADDRESS = 'https://soap.ebizcharge.net/eBizService.svc';
/**
 * The WSDL generated from this data, relative to the repository root: `npm run contract:export`
 * writes it (export/wsdl.ts), test/export/export.test.ts fails when it drifts; the runner's `soap`
 * client and the reference gateway read it.
 */
export const WSDL_PATH = 'contract/ebiz/eBizService.wsdl';
export const SOAP_ACTION = `${NS.service}/${PORT_TYPE}/${OPERATION_NAME}`;
export const SOAP11_CONTENT_TYPE = 'text/xml';
export const SOAP12_CONTENT_TYPE = 'application/soap+xml';

/** Values of a successful CustomerResponse, as in the seed's example response. */
export const SUCCESS = { Status: 'Success', StatusCode: 1, ErrorCode: 0 } as const;

export interface FaultSpec {
  readonly codeNamespace: string;
  readonly codeLocalName: string;
  readonly faultString: string;
  readonly lang: string;
}

/** The documented fault (seed example). */
export const FAULT_INVALID_CUSTOMER_INTERNAL_ID: FaultSpec = {
  codeNamespace: NS.soapEnv,
  codeLocalName: 'InvalidCustomerInternalId',
  faultString: 'Invalid CustomerInternalId',
  lang: 'en-US',
};

/**
 * The rule for the faultstring's `xml:lang` (INTERPRETING.md §fault-lang): WCF writes it in the
 * host's culture (`CultureInfo.CurrentCulture`: `en-US` in the seed, `de-DE` under a German
 * culture), so any well-formed BCP 47 language tag holds. Well-formed is what
 * `Intl.getCanonicalLocales` accepts (a Unicode BCP 47 locale identifier, the grammar .NET culture
 * names follow); an empty tag (the invariant culture), a POSIX name (`en_US`) or text is not one.
 */
export function isLanguageTag(tag: string): boolean {
  if (tag.trim() !== tag || tag === '') return false;
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/**
 * Not documented: the reference gateway's fault for an unknown or missing SecurityId, shaped
 * like the documented one (INTERPRETING.md §security-id). The suite accepts any fault here.
 */
export const FAULT_INVALID_SECURITY_ID: FaultSpec = {
  codeNamespace: NS.soapEnv,
  codeLocalName: 'InvalidSecurityId',
  faultString: 'Invalid SecurityId',
  lang: 'en-US',
};

const str = (name: string, required: boolean, doc: string): MemberSpec => ({ kind: 'scalar', type: 'string', name, required, doc });
const int = (name: string, doc: string): MemberSpec => ({ kind: 'scalar', type: 'int', name, required: true, doc });

/** XmlSerializer types: members in declaration order, all in the service namespace (qualified). */
const SECURITY_TOKEN: TypeSpec = {
  name: 'SecurityToken',
  namespace: NS.service,
  members: [
    str('SecurityId', false, 'Identifies the merchant'),
    str('UserId', false, 'Merchant user (may be empty)'),
    str('Password', false, 'Merchant password (may be empty)'),
  ],
};

const REQUEST: TypeSpec = {
  name: OPERATION_NAME,
  namespace: NS.service,
  members: [
    { kind: 'complex', name: 'securityToken', typeName: 'SecurityToken', required: true, doc: 'A unique token that is used to identify a merchant and authenticate the API request.' },
    str('customerInternalId', true, 'Customer to mark as synchronized.'),
  ],
};

const CUSTOMER_RESPONSE: TypeSpec = {
  name: 'CustomerResponse',
  namespace: NS.service,
  members: [
    str('CustomerId', false, "The merchant's id of the customer (not returned on failure)"),
    str('CustomerInternalId', false, 'The customer marked (not returned on failure)'),
    str('Status', false, 'Success on success'),
    int('StatusCode', '1 on success'),
    str('Error', false, 'Empty on success'),
    int('ErrorCode', '0 on success'),
  ],
};

const RESPONSE: TypeSpec = {
  name: `${OPERATION_NAME}Response`,
  namespace: NS.service,
  members: [
    { kind: 'complex', name: `${OPERATION_NAME}Result`, typeName: 'CustomerResponse', required: false, doc: 'Indicates whether the Customer was successfully marked as synchronized. Otherwise, a fault is returned.' },
  ],
};

export const TYPES: ContractTypes = {
  types: {
    SecurityToken: SECURITY_TOKEN,
    [OPERATION_NAME]: REQUEST,
    CustomerResponse: CUSTOMER_RESPONSE,
    [`${OPERATION_NAME}Response`]: RESPONSE,
  },
  enums: {},
};

export function soapTypeSpec(name: string): TypeSpec {
  const spec = TYPES.types[name];
  if (!spec) throw new Error(`contract: unknown SOAP type ${name}`);
  return spec;
}

const RETURN_SENTENCE =
  'Return Value: CustomerResponse "Indicates whether the Customer was successfully marked as synchronized. Otherwise, a fault is returned."';

const clause = (
  id: string,
  level: Clause['level'],
  source: Clause['source'],
  title: string,
  quote: string,
  evidence?: string,
  unobservable?: string,
): Clause =>
  // The line that makes the clause, for `trace` (lib/source-location.ts).
  defined({ id: `${OPERATION}/${id}` as ClauseId, operation: OPERATION, level, title, quote, source, ...(evidence ? { evidence } : {}), ...(unobservable ? { unobservable } : {}) }, 1);

export const CLAUSES: readonly Clause[] = [
  clause('request/empty-credentials-accepted', 'MUST', 'seed', 'A token with a SecurityId and empty (or absent) UserId and Password is accepted',
    'Example Request: <ebiz:SecurityId>…</ebiz:SecurityId><ebiz:UserId/><ebiz:Password/>'),
  clause('request/customer-internal-id-any-case', 'SHOULD', 'standard', 'The customerInternalId in another case (upper case) addresses the same customer: GUIDs are case-insensitive on input',
    'customerInternalId is a GUID; RFC 9562 §4: GUIDs are case-insensitive on input (.NET Guid.Parse)', 'INTERPRETING.md §soap-success'),
  clause('request/unknown-header-ignored', 'MUST', 'standard', 'A header block the service does not understand, without mustUnderstand or with mustUnderstand="0", is ignored: the call succeeds',
    'SOAP 1.1 §4.2.3: "The absence of the SOAP mustUnderstand attribute is semantically equivalent to its presence with the value \'0\'"; §4.2: a header block is an extension the recipient may ignore', 'INTERPRETING.md §soap-protocol'),
  clause('request/soap-action-quoted', 'MUST', 'standard', 'The SOAPAction header as a quoted string is accepted',
    'SOAP 1.1 §6.1.1: the SOAPAction header field value is a quoted URI', `INTERPRETING.md §soap-action; SOAPAction: "${SOAP_ACTION}"`),
  clause('request/soap-action-unquoted', 'SHOULD', 'platform', 'The SOAPAction header unquoted is accepted too',
    `SOAPAction: ${SOAP_ACTION}`, 'PLATFORM-NOTES.md §wcf (public clients send it quoted and unquoted; WCF takes both)'),

  clause('response/status-200', 'MUST', 'standard', 'A successful call is answered HTTP 200', 'SOAP 1.1 §6.2: a successful response uses a 2xx status',
    'INTERPRETING.md §soap-success'),
  clause('response/content-type', 'MUST', 'standard', 'Every SOAP answer (success or fault) is text/xml', 'SOAP 1.1 §6.1.1: "SOAP HTTP follows the semantics of the HTTP Content-Type text/xml"',
    'INTERPRETING.md §soap-success; §fault'),
  clause('response/envelope', 'MUST', 'seed', 'The answer is a SOAP 1.1 Envelope with a Body', 'Example Response: <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'),
  clause('response/wrapper-elements', 'MUST', 'seed', 'The Body holds MarkCustomerAsSynchronizedResponse/MarkCustomerAsSynchronizedResult in the service namespace',
    'Example Response: <MarkCustomerAsSynchronizedResponse xmlns="http://eBizCharge.ServiceModel.SOAP"><MarkCustomerAsSynchronizedResult>'),
  clause('response/member-order', 'MUST', 'seed', 'CustomerResponse members come in the order CustomerId, CustomerInternalId, Status, StatusCode, Error, ErrorCode, in the service namespace',
    'Example Response: <CustomerId/>, <CustomerInternalId/>, <Status/>, <StatusCode/>, <Error/>, <ErrorCode/>', 'PLATFORM-NOTES.md §xmlserializer (declaration order, elementFormDefault qualified)'),
  clause('response/member-types', 'MUST', 'seed', 'StatusCode and ErrorCode are integers and always present', 'Example Response: <StatusCode>1</StatusCode> … <ErrorCode>0</ErrorCode>',
    'PLATFORM-NOTES.md §xmlserializer (an int is always written)'),
  clause('response/success-values', 'MUST', 'seed', 'On success Status is Success, StatusCode 1 and ErrorCode 0',
    'Example Response: <Status>Success</Status><StatusCode>1</StatusCode><Error/><ErrorCode>0</ErrorCode>'),
  clause('response/error-empty-on-success', 'SHOULD', 'seed', 'On success Error is empty or absent', 'Example Response: <Error/>'),
  clause('response/customer-internal-id-echo', 'MUST', 'seed', 'CustomerInternalId in the result is the id that was marked',
    'Example: request customerInternalId ********-61b1-4457-a4d1-************ → <CustomerInternalId>********-61b1-4457-a4d1-************</CustomerInternalId>'),
  clause('response/customer-id', 'MUST', 'seed', "CustomerId in the result is the customer's (non-empty) merchant id", 'Example Response: <CustomerId>CUST-001</CustomerId>'),

  clause('fault/invalid-customer-internal-id', 'MUST', 'seed', 'An unknown, empty or malformed customerInternalId gets the fault code InvalidCustomerInternalId in the SOAP envelope namespace, never Success',
    '<s:Fault><faultcode>s:InvalidCustomerInternalId</faultcode>…; ' + RETURN_SENTENCE),
  clause('fault/fault-string', 'MUST', 'seed', 'That fault\'s faultstring is "Invalid CustomerInternalId"', '<faultstring xml:lang="en-US">Invalid CustomerInternalId</faultstring>'),
  clause('fault/fault-string-lang', 'SHOULD', 'platform', 'That faultstring carries xml:lang with a well-formed BCP 47 language tag (the host culture: en-US in the seed)', '<faultstring xml:lang="en-US">Invalid CustomerInternalId</faultstring>',
    'PLATFORM-NOTES.md §wcf-faults (WCF writes faultstring with xml:lang in the host culture); INTERPRETING.md §fault-lang'),
  clause('fault/http-500', 'MUST', 'standard', 'A fault is answered with HTTP 500',
    'SOAP 1.1 §6.2: "In case of a SOAP error while processing the request, the SOAP HTTP server MUST issue an HTTP 500"', 'INTERPRETING.md §fault'),
  clause('auth/other-merchant-refused', 'MUST', 'interpretation', "Another merchant's SecurityId with this merchant's customerInternalId gets a fault, never Success",
    'securityToken: "A unique token that is used to identify a merchant and authenticate the API request."; OWASP API Security Top 10, API1:2023 Broken Object Level Authorization',
    'INTERPRETING.md §soap-other-merchant'),
  clause('fault/invalid-security-id', 'MUST', 'seed', 'A missing or unknown SecurityId gets a fault, never Success',
    `securityToken: "A unique token that is used to identify a merchant and authenticate the API request."; ${RETURN_SENTENCE}`, 'INTERPRETING.md §security-id'),

  clause('errors/no-server-error', 'MUST', 'interpretation', 'No request is answered with a 5xx other than an HTTP 500 carrying a SOAP fault',
    'SOAP 1.1 §6.2: a SOAP error is answered HTTP 500 "including a SOAP Fault element"; RFC 9110 §15.6: a 5xx says "the server is aware that it has erred"',
    'INTERPRETING.md §server-errors'),

  clause('protocol/wrong-soap-action', 'SHOULD', 'platform', 'A wrong SOAPAction gets a fault (WCF: a:ActionNotSupported), never Success',
    'WCF ContractFilter mismatch at the EndpointDispatcher', 'PLATFORM-NOTES.md §wcf-faults (a wrong SOAPAction gets a:ActionNotSupported)'),
  clause('protocol/soap12-rejected', 'SHOULD', 'platform', 'A SOAP 1.2 request (application/soap+xml) gets 415 or a VersionMismatch fault',
    'basicHttpBinding is SOAP 1.1 only', 'PLATFORM-NOTES.md §wcf-faults (SOAP 1.2 sent to basicHttpBinding gets HTTP 415)'),
  clause('hardening/malformed-body-refused', 'MUST', 'standard', 'A malformed envelope gets 400 or a SOAP fault, never Success and never an HTML page',
    'SOAP 1.1 §4.4.1: Client faults: "the message was incorrectly formed"', 'INTERPRETING.md §soap-protocol; §hardening'),
  clause('protocol/must-understand-fault', 'MUST', 'standard', 'A header block with soapenv:mustUnderstand="1" that the service does not understand gets a MustUnderstand fault, never Success',
    'SOAP 1.1 §4.2.3: "If a header element is tagged with a SOAP mustUnderstand attribute with a value of \'1\', the recipient of that header entry either MUST obey the semantics … or MUST fail processing the message"; §4.4.1: MustUnderstand faultcode',
    'INTERPRETING.md §soap-protocol'),
  clause('protocol/malformed-client-fault', 'SHOULD', 'standard', 'That fault has a Client fault code', 'SOAP 1.1 §4.4.1: "The Client class of errors indicate that the message was incorrectly formed"',
    'INTERPRETING.md §soap-protocol'),

  clause('effect/last-sync-recorded', 'MUST', 'seed', 'The customer\'s CustomerLastSyncDateTime is set to the current UTC time',
    '"marks a Customer as synchronized by by assigning the current UTC time to its CustomerLastSyncDateTime field"', undefined,
    'CustomerLastSyncDateTime can only be read through GetCustomer, which is not part of this contract'),

  ...hardeningClauses(OPERATION),
];
