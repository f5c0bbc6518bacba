/**
 * Fault injection for the reference gateway: named, realistic deviations from the contract, each
 * tied to the clause(s) it breaks. `startReferenceGateway({ fault: 'name' })` (and
 * `npm run reference -- --fault name`) runs the reference with one of them, so the project's tests
 * can show that every check fails on a gateway that breaks its clause.
 *
 * A fault is a set of hooks the handlers consult at fixed points; the reference is unchanged
 * where a fault sets no hook.
 */
import type { ClauseId } from '../contract/index.ts';
import { ALL_CLAUSES } from '../contract/index.ts';
import { LOCATIONS } from '../contract/locations.ts';
import type { FaultSpec as SoapFaultSpec } from '../contract/mark-customer-as-synchronized.ts';
import { NS as SOAP_NS } from '../contract/mark-customer-as-synchronized.ts';
import { ACTIVATION_STATUS_VALUES, NS, typeSpec } from '../contract/put-customer.ts';
import type { ValueObject } from '../lib/values.ts';
import type { XmlWriteOptions } from '../lib/xml/datacontract.ts';
import { type Format, type NegotiationInput, negotiateFormat } from './rest/negotiation.ts';
import type { ValidationError } from './rest/validate.ts';

export interface FaultHooks {
  // --- REST: reading and validating the request
  /** Rewrites the raw body before it is deserialized. */
  readonly rawBody?: (raw: string) => string;
  /** How string lengths are counted (default UTF-16 code units). */
  readonly lengthOf?: (s: string) => number;
  /** Post-processes the validation errors (drop some, add some). */
  readonly validate?: (body: ValueObject, errors: ValidationError[]) => ValidationError[];
  /** Changes the body after validation, before it is stored (truncation, say). */
  readonly storeBody?: (body: ValueObject) => ValueObject;
  /** Parses the path key instead of the strict Int32 binding. */
  readonly parseKey?: (text: string) => number | undefined;
  /**
   * Decodes the path key with a bare `decodeURIComponent`, so a malformed percent-escape (`%ZZ`)
   * throws out of the handler: 500 and a stack trace on stderr.
   */
  readonly crashOnMalformedKeyEscape?: boolean;
  /** A CustomerKey in the body replaces the path key. */
  readonly bodyKeyWins?: boolean;
  readonly rejectJsonBodies?: boolean;
  // --- REST: access
  readonly acceptAnyCredential?: boolean;
  readonly ignoreRoles?: boolean;
  readonly omitWwwAuthenticate?: boolean;
  /** A PUT to an unknown key creates the customer. */
  readonly upsertUnknownKeys?: boolean;
  readonly unknownKeyStatus?: number;
  // --- REST: the store
  readonly mergeInsteadOfReplace?: boolean;
  readonly resetCreationTimestamp?: boolean;
  readonly freezeLastUpdate?: boolean;
  /** Writes members one at a time, yielding between them, and answers what the store holds then. */
  readonly nonAtomicWrites?: boolean;
  // --- REST: the answer
  /** How DataContract XML answers are written (the dialects' freedoms). */
  readonly xmlWriteOptions?: XmlWriteOptions;
  /** 401/403 answered with an ErrorResponse body instead of an empty one. */
  readonly authErrorBodies?: boolean;
  /** The format answered when the request has no Accept header (default: the request's). */
  readonly negotiateNoAccept?: Format;
  readonly detail?: (detail: ValueObject) => ValueObject;
  readonly xmlAnswer?: (xml: string) => string;
  readonly jsonAnswer?: (json: Record<string, unknown>) => Record<string, unknown>;
  readonly successStatus?: number;
  readonly contentType?: (format: Format) => string;
  readonly negotiate?: (input: NegotiationInput) => Format;
  /** Status of a validation failure (default 400). */
  readonly validationStatus?: number;
  readonly errorResponse?: (value: ValueObject) => ValueObject;
  // --- both APIs: hostile input
  /** Expands internal entities (and fakes external ones) instead of refusing DTDs. */
  readonly expandEntities?: boolean;
  /** A malformed body crashes the handler: 500 with an HTML page. */
  readonly crashOnMalformed?: boolean;
  /** Request bodies decoded leniently: bytes that are not UTF-8 become U+FFFD and the body is taken (REST and SOAP). */
  readonly lenientBodyDecoding?: boolean;
  readonly noSizeLimit?: boolean;
  /** After a hostile request, the next few requests fail. */
  readonly failAfterHostile?: boolean;
  /** A body with many entity declarations is answered only after this many ms. */
  readonly hangOnEntityBomb?: number;
  /** Users with the Merchant role are refused (only Resellers served). */
  readonly rejectMerchantRole?: boolean;
  // --- SOAP
  readonly soapSuccessForUnknownIds?: boolean;
  readonly soapFault?: (fault: SoapFaultSpec) => SoapFaultSpec;
  readonly soapFaultStatus?: number;
  readonly soapResult?: (result: ValueObject) => ValueObject;
  readonly soapXml?: (xml: string) => string;
  readonly soapSkipTokenCheck?: boolean;
  readonly soapRejectEmptyCredentials?: boolean;
  /** Whether a raw SOAPAction header is taken (default: the action, quoted or not). */
  readonly soapAcceptAction?: (raw: string | undefined, expected: string) => boolean;
  readonly soapAcceptSoap12?: boolean;
  readonly soapHtmlOnMalformed?: boolean;
  readonly soapServerFaultOnMalformed?: boolean;
  readonly soapContentType?: string;
  readonly soapSuccessStatus?: number;
  /** The InvalidCustomerInternalId fault's faultstring names the id it got. */
  readonly soapEchoIdInFault?: boolean;
}

export interface Fault {
  readonly name: string;
  /** One line: what the faulty gateway does. */
  readonly description: string;
  /** The clauses it breaks; a run against it must fail at least one of them. */
  readonly clauses: readonly ClauseId[];
  readonly hooks: FaultHooks;
  /** Run settings the self-check needs to see this fault (a short timeout for a hang, say). */
  readonly settings?: Readonly<Record<string, string>>;
}


/** Drops the validation errors of some FieldNames. */
const dropErrors = (match: (fieldName: string, code: string) => boolean) => (_b: ValueObject, errors: ValidationError[]) =>
  errors.filter((e) => !match(e.fieldName, e.errorCode));

const lastSegment = (fieldName: string) => fieldName.split('.').pop() ?? '';

/** The documented maximum length of `typeName.member` (contract/put-customer.ts). */
function maxLengthOf(typeName: string, member: string): number {
  const m = typeSpec(typeName).members.find((x) => x.name === member);
  if (m?.kind !== 'scalar' || m.maxLength === undefined) throw new Error(`faults: ${typeName}.${member} has no maximum length`);
  return m.maxLength;
}

/** An error of a length rule whose length is exactly max+1 is dropped (off by one). */
function offByOne(typeName: string, member: string) {
  const max = maxLengthOf(typeName, member);
  return (body: ValueObject, errors: ValidationError[]) =>
    errors.filter((e) => !(lastSegment(e.fieldName) === member && e.errorCode === 'MaximumLength' && lengthAt(body, e.fieldName) === max + 1));
}

function lengthAt(body: ValueObject, path: string): number {
  let cur: unknown = body;
  for (const part of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as ValueObject)[part] : undefined;
  return typeof cur === 'string' ? cur.length : -1;
}

function mapDetail(fn: (d: ValueObject) => void) {
  return (d: ValueObject) => {
    const copy = structuredClone(d);
    fn(copy);
    return copy;
  };
}

const HAND_WRITTEN: readonly Fault[] = [
  // --- field rules
  { name: 'customer-name-max-off-by-one', description: 'accepts a CustomerName of 101 characters', clauses: ['put-customer/customer-name/max-length'], hooks: { validate: offByOne('PutCustomer', 'CustomerName') } },
  { name: 'address-city-max-off-by-one', description: 'accepts a City of 51 characters in every address', clauses: ['put-customer/address/city/max-length'], hooks: { validate: offByOne('Address', 'City') } },
  { name: 'telephone-max-off-by-one', description: 'accepts telephone numbers of 26 characters', clauses: ['put-customer/contact/daytime-telephone-number/max-length', 'put-customer/contact/nighttime-telephone-number/max-length', 'put-customer/contact/mobile-telephone-number/max-length', 'put-customer/contact/fax-number/max-length'], hooks: { validate: (b, errors) => ['DaytimeTelephoneNumber', 'NighttimeTelephoneNumber', 'MobileTelephoneNumber', 'FaxNumber'].reduce((es, m) => offByOne('Contact', m)(b, es), errors) } },
  { name: 'nested-contact-address-unvalidated', description: 'validates the customer addresses but not the default contact\'s', clauses: ['put-customer/address/street-address-1/required', 'put-customer/address/city/max-length', 'put-customer/address/state-or-province-code/allowed-values', 'put-customer/address/postal-code/required', 'put-customer/address/country-code/allowed-values'], hooks: { validate: dropErrors((f) => f.startsWith('DefaultContact.BillingAddress.') || f.startsWith('DefaultContact.ShippingAddress.')) } },
  { name: 'length-in-utf8-bytes', description: 'counts maximum lengths in UTF-8 bytes instead of characters', clauses: ['put-customer/customer-name/max-length', 'put-customer/customer-id/max-length', 'put-customer/address/city/max-length', 'put-customer/contact/first-name/max-length'], hooks: { lengthOf: (s) => Buffer.byteLength(s) } },
  { name: 'length-in-code-points', description: 'counts maximum lengths in code points, so astral characters count once', clauses: ['put-customer/length-unit/utf-16'], hooks: { lengthOf: (s) => [...s].length } },
  { name: 'truncate-instead-of-reject', description: 'truncates a CustomerName over 100 characters and accepts it', clauses: ['put-customer/customer-name/max-length'], hooks: { validate: dropErrors((f, c) => f === 'CustomerName' && c === 'MaximumLength'), storeBody: (b) => ({ ...b, CustomerName: typeof b.CustomerName === 'string' ? b.CustomerName.slice(0, maxLengthOf('PutCustomer', 'CustomerName')) : b.CustomerName }) } },
  { name: 'blank-name-accepted', description: 'rejects a missing CustomerName but accepts an empty or whitespace-only one (NotNull instead of NotEmpty)', clauses: ['put-customer/customer-name/not-empty'], hooks: { validate: (b, errors) => errors.filter((e) => !(e.fieldName === 'CustomerName' && e.errorCode === 'NotEmpty' && typeof b.CustomerName === 'string')) } },
  { name: 'state-codes-lenient', description: 'accepts any two-letter upper-case state/province code', clauses: ['put-customer/address/state-or-province-code/allowed-values'], hooks: { validate: (b, errors) => errors.filter((e) => !(lastSegment(e.fieldName) === 'StateOrProvinceCode' && /^[A-Z]{2}$/.test(String(valueAt(b, e.fieldName))))) } },
  { name: 'state-code-list-missing-wy', description: 'its code list lacks WY (rejects Wyoming addresses)', clauses: ['put-customer/address/state-or-province-code/allowed-values'], hooks: { validate: (b, errors) => [...errors, ...findValues(b, 'StateOrProvinceCode', 'WY').map((fieldName) => ({ errorCode: 'Predicate', fieldName, message: 'The specified condition was not met.' }))] } },
  { name: 'state-codes-case-insensitive', description: 'accepts state/province codes in lower case', clauses: ['put-customer/address/state-or-province-code/allowed-values'], hooks: { validate: (b, errors) => errors.filter((e) => !(lastSegment(e.fieldName) === 'StateOrProvinceCode' && /^[a-z]{2}$/.test(String(valueAt(b, e.fieldName))))) } },
  { name: 'country-alpha-2-accepted', description: 'accepts the alpha-2 country codes US and CA', clauses: ['put-customer/address/country-code/allowed-values'], hooks: { validate: (b, errors) => errors.filter((e) => !(lastSegment(e.fieldName) === 'CountryCode' && ['US', 'CA'].includes(String(valueAt(b, e.fieldName))))) } },
  { name: 'either-address-unenforced', description: 'accepts a customer with neither a shipping nor a billing address', clauses: ['put-customer/either-address'], hooks: { validate: dropErrors((f, c) => f === 'ShippingAddress' && c === 'NotNull') } },
  { name: 'billing-address-required', description: 'requires a billing address (the either-address rule over-enforced)', clauses: ['put-customer/either-address', 'put-customer/billing-address/optional'], hooks: { validate: (b, errors) => (b.BillingAddress == null ? [...errors, { errorCode: 'NotNull', fieldName: 'BillingAddress', message: "'Billing Address' must not be empty." }] : errors) } },
  { name: 'activation-status-case-insensitive', description: 'accepts ActivationStatus names in any case', clauses: ['put-customer/activation-status/exact-case'], hooks: { rawBody: (raw) => raw.replace(/(<ActivationStatus>|"ActivationStatus"\s*:\s*")([A-Za-z]+)/g, (_m, pre: string, v: string) => pre + (ACTIVATION_STATUS_VALUES.find((x) => x.toLowerCase() === v.toLowerCase()) ?? v)) } },
  { name: 'malformed-key-escape-crashes', description: 'a malformed percent-escape in the path key (%ZZ) throws: 500 instead of 400', clauses: ['put-customer/customer-key/int32'], hooks: { crashOnMalformedKeyEscape: true } },
  { name: 'key-parsed-leniently', description: 'reads the path key with parseInt, so "1.5" and "1e3" are key 1', clauses: ['put-customer/customer-key/int32'], hooks: { parseKey: (t) => (Number.isNaN(parseInt(t, 10)) ? undefined : parseInt(t, 10)) } },
  { name: 'body-key-wins', description: 'uses the CustomerKey of the body instead of the path', clauses: ['put-customer/customer-key/path-wins'], hooks: { bodyKeyWins: true } },

  // --- the answer's shape
  { name: 'customer-id-misnamed', description: 'writes CustomerID as CustomerId in the answer', clauses: ['put-customer/response/member-names', 'put-customer/response/customer-id-echo'], hooks: { xmlAnswer: (x) => x.replace(/<(\/?)CustomerID\b/g, '<$1CustomerId'), jsonAnswer: (j) => renameKey(j, 'CustomerID', 'CustomerId') } },
  { name: 'members-out-of-order', description: 'writes CustomerName before CustomerKey', clauses: ['put-customer/response/member-order'], hooks: { xmlAnswer: (x) => x.replace(/(<CustomerKey>[^<]*<\/CustomerKey>)(<CustomerName[^>]*?(?:\/>|>[^<]*<\/CustomerName>))/, '$2$1') } },
  { name: 'address-members-wrong-namespace', description: 'writes address members in the BindingModels namespace', clauses: ['put-customer/response/member-namespaces'], hooks: { xmlAnswer: (x) => x.replaceAll(`xmlns:d2p1="${NS.commonDto}"`, `xmlns:d2p1="${NS.bindingModels}"`) } },
  { name: 'root-wrong-namespace', description: 'writes CustomerDetail in the wrong namespace', clauses: ['put-customer/response/customer-detail-root'], hooks: { xmlAnswer: (x) => x.replace(`xmlns="${NS.bindingModels}"`, 'xmlns="http://schemas.datacontract.org/2004/07/Gateway.Models"') } },
  { name: 'merchant-key-missing', description: 'leaves MerchantKey out of the answer', clauses: ['put-customer/response/merchant-key'], hooks: { detail: mapDetail((d) => delete d.MerchantKey) } },
  { name: 'timestamps-as-epoch', description: 'writes timestamps as epoch seconds', clauses: ['put-customer/response/member-types'], hooks: { detail: mapDetail((d) => { for (const k of ['CreationTimestamp', 'LastUpdateTimestamp']) if (d[k] instanceof Date) d[k] = String(Math.floor((d[k] as Date).getTime() / 1000)); }) } },
  { name: 'name-trimmed', description: 'trims CustomerName and the contact names before storing them', clauses: ['put-customer/response/echo'], hooks: { storeBody: (b) => ({ ...b, CustomerName: typeof b.CustomerName === 'string' ? b.CustomerName.trim() : b.CustomerName, DefaultContact: trimStrings(b.DefaultContact as ValueObject | undefined) }) } },
  { name: 'customer-key-zero', description: 'answers CustomerKey 0', clauses: ['put-customer/response/customer-key-echo'], hooks: { detail: mapDetail((d) => (d.CustomerKey = 0)) } },
  { name: 'omitted-address-as-empty', description: 'answers an address that was not sent as an empty element', clauses: ['put-customer/response/omitted-members-nil-or-absent'], hooks: { detail: mapDetail((d) => { if (d.ShippingAddress == null) d.ShippingAddress = {}; }) } },
  { name: 'status-201', description: 'answers 201 Created instead of 200 OK', clauses: ['put-customer/response/status-200'], hooks: { successStatus: 201 } },
  { name: 'xml-labelled-json', description: 'labels XML answers application/json', clauses: ['put-customer/response/content-type-matches-body'], hooks: { contentType: () => 'application/json; charset=utf-8' } },
  { name: 'json-camel-case', description: 'writes JSON member names in camelCase', clauses: ['put-customer/response/json-pascal-case'], hooks: { jsonAnswer: (j) => camel(j) } },

  // --- replace semantics
  { name: 'merge-instead-of-replace', description: 'merges the body into the stored customer: members left out are kept', clauses: ['put-customer/replace/omitted-member-removed'], hooks: { mergeInsteadOfReplace: true } },
  { name: 'creation-timestamp-resets', description: 'sets CreationTimestamp on every PUT', clauses: ['put-customer/replace/creation-timestamp-stable'], hooks: { resetCreationTimestamp: true } },
  { name: 'last-update-frozen', description: 'never moves LastUpdateTimestamp', clauses: ['put-customer/replace/last-update-timestamp-advances'], hooks: { freezeLastUpdate: true } },
  { name: 'merchant-key-changes', description: 'answers a different MerchantKey on every PUT', clauses: ['put-customer/replace/merchant-key-stable', 'put-customer/replace/idempotent'], hooks: { detail: mapDetail((d) => (d.MerchantKey = 5000 + nextRevision())) } },
  { name: 'non-atomic-writes', description: 'writes members one by one, so concurrent PUTs mix', clauses: ['put-customer/replace/atomic'], hooks: { nonAtomicWrites: true } },

  // --- access and errors
  { name: 'merchant-role-rejected', description: 'serves Resellers only, refusing Merchant users', clauses: ['put-customer/auth/roles-accepted'], hooks: { rejectMerchantRole: true } },
  { name: 'auth-not-enforced', description: 'serves requests without a credential', clauses: ['put-customer/auth/unauthenticated-401'], hooks: { acceptAnyCredential: true } },
  { name: 'no-www-authenticate', description: 'answers 401 without WWW-Authenticate', clauses: ['put-customer/auth/www-authenticate'], hooks: { omitWwwAuthenticate: true } },
  { name: 'roles-not-enforced', description: 'serves users with neither role', clauses: ['put-customer/auth/role-required-403'], hooks: { ignoreRoles: true } },
  { name: 'upsert-unknown-keys', description: 'creates a customer when the key does not exist', clauses: ['put-customer/errors/unknown-key-not-created'], hooks: { upsertUnknownKeys: true } },
  { name: 'unknown-key-400', description: 'answers an unknown key with 400 instead of 404', clauses: ['put-customer/errors/not-found-404'], hooks: { unknownKeyStatus: 400 } },
  { name: 'validation-500', description: 'answers validation failures with 500', clauses: ['put-customer/customer-name/max-length', 'put-customer/customer-name/required', 'put-customer/either-address'], hooks: { validationStatus: 500 } },
  { name: 'validation-200-with-errors', description: 'answers validation failures 200 with the error body', clauses: ['put-customer/customer-name/max-length', 'put-customer/customer-name/required', 'put-customer/either-address'], hooks: { validationStatus: 200 } },
  { name: 'validation-422', description: 'answers validation failures with 422', clauses: ['put-customer/errors/validation-400'], hooks: { validationStatus: 422 } },
  { name: 'no-field-name', description: 'lists validation errors without FieldName', clauses: ['put-customer/errors/field-name'], hooks: { errorResponse: mapDetail((v) => { const rs = v.ResponseStatus as ValueObject; rs.Errors = ((rs.Errors as ValueObject[]) ?? []).map((e) => ({ ...e, FieldName: null })); }) } },
  { name: 'plain-error-body', description: 'answers validation failures with a body that is not an ErrorResponse', clauses: ['put-customer/errors/error-response-shape'], hooks: { errorResponse: () => ({}) } },

  // --- negotiation
  { name: 'accept-ignored', description: 'answers in the request format whatever the Accept header says', clauses: ['put-customer/negotiation/accept-header'], hooks: { negotiate: (input) => negotiateFormat({ ...input, accept: undefined }) } },
  { name: 'suffix-ignored', description: 'ignores the .xml/.json suffix', clauses: ['put-customer/negotiation/format-suffix'], hooks: { negotiate: (input) => negotiateFormat({ ...input, suffix: undefined }) } },
  { name: 'format-query-ignored', description: 'ignores ?format=', clauses: ['put-customer/negotiation/format-query'], hooks: { negotiate: (input) => negotiateFormat({ ...input, formatQuery: null }) } },
  { name: 'json-bodies-unsupported', description: 'takes XML bodies only', clauses: ['put-customer/negotiation/json-body'], hooks: { rejectJsonBodies: true } },

  // --- hostile input
  { name: 'entities-expanded', description: 'expands DTD entities (REST and SOAP)', clauses: ['put-customer/hardening/dtd-refused', 'put-customer/hardening/entity-bomb-refused', 'put-customer/hardening/external-entity-refused', 'mark-customer-as-synchronized/hardening/dtd-refused'], hooks: { expandEntities: true } },
  { name: 'hangs-on-entity-bomb', description: 'takes 3 s over a body declaring many entities (REST and SOAP)', clauses: ['put-customer/hardening/entity-bomb-refused', 'mark-customer-as-synchronized/hardening/entity-bomb-refused'], hooks: { hangOnEntityBomb: 3000 }, settings: { CONFORMANCE_TIMEOUT_MS: '1500' } },
  { name: 'soap-entities-expanded-and-echoed', description: 'expands entities and names the id it got in the InvalidCustomerInternalId fault', clauses: ['mark-customer-as-synchronized/hardening/external-entity-refused', 'mark-customer-as-synchronized/hardening/entity-bomb-refused', 'mark-customer-as-synchronized/hardening/dtd-refused'], hooks: { expandEntities: true, soapEchoIdInFault: true } },
  { name: 'crash-on-malformed', description: 'answers malformed bodies with a 500 HTML page (REST and SOAP)', clauses: ['put-customer/hardening/malformed-body-refused', 'mark-customer-as-synchronized/hardening/malformed-body-refused'], hooks: { crashOnMalformed: true } },
  { name: 'no-size-limit', description: 'takes bodies of any size', clauses: ['put-customer/hardening/oversized-body-refused', 'mark-customer-as-synchronized/hardening/oversized-body-refused'], hooks: { noSizeLimit: true } },
  { name: 'non-utf8-body-accepted', description: 'decodes bodies that are not UTF-8 leniently and takes them, storing U+FFFD (REST and SOAP)', clauses: ['put-customer/hardening/malformed-body-refused', 'mark-customer-as-synchronized/hardening/malformed-body-refused'], hooks: { lenientBodyDecoding: true } },
  { name: 'fails-after-hostile-input', description: 'fails the requests that follow a hostile one', clauses: ['put-customer/hardening/survives-hostile-input', 'mark-customer-as-synchronized/hardening/survives-hostile-input'], hooks: { failAfterHostile: true } },

  // --- SOAP
  { name: 'soap-success-for-unknown-ids', description: 'marks unknown customerInternalIds as synchronized', clauses: ['mark-customer-as-synchronized/fault/invalid-customer-internal-id'], hooks: { soapSuccessForUnknownIds: true } },
  { name: 'soap-wrong-fault-code', description: 'answers unknown ids with s:Client', clauses: ['mark-customer-as-synchronized/fault/invalid-customer-internal-id'], hooks: { soapFault: (f) => (f.codeLocalName === 'InvalidCustomerInternalId' ? { ...f, codeLocalName: 'Client' } : f) } },
  { name: 'soap-fault-code-wrong-namespace', description: 'puts InvalidCustomerInternalId in the service namespace', clauses: ['mark-customer-as-synchronized/fault/invalid-customer-internal-id'], hooks: { soapFault: (f) => (f.codeLocalName === 'InvalidCustomerInternalId' ? { ...f, codeNamespace: SOAP_NS.service } : f) } },
  { name: 'soap-wrong-fault-string', description: 'words the fault "Customer not found"', clauses: ['mark-customer-as-synchronized/fault/fault-string'], hooks: { soapFault: (f) => (f.codeLocalName === 'InvalidCustomerInternalId' ? { ...f, faultString: 'Customer not found' } : f) } },
  { name: 'soap-fault-without-lang', description: 'writes faultstring without xml:lang', clauses: ['mark-customer-as-synchronized/fault/fault-string-lang'], hooks: { soapXml: (x) => x.replace(/ xml:lang="[^"]*"/g, '') } },
  { name: 'soap-fault-http-200', description: 'answers faults with HTTP 200', clauses: ['mark-customer-as-synchronized/fault/http-500'], hooks: { soapFaultStatus: 200 } },
  { name: 'soap-wrong-status-code', description: 'answers StatusCode 0 on success', clauses: ['mark-customer-as-synchronized/response/success-values'], hooks: { soapResult: (r) => ({ ...r, StatusCode: 0 }) } },
  { name: 'soap-status-not-success', description: 'answers Status "OK" on success', clauses: ['mark-customer-as-synchronized/response/success-values'], hooks: { soapResult: (r) => ({ ...r, Status: 'OK' }) } },
  { name: 'soap-members-reordered', description: 'writes Status before CustomerId', clauses: ['mark-customer-as-synchronized/response/member-order'], hooks: { soapXml: (x) => x.replace(/(<CustomerId>[^<]*<\/CustomerId>)(<CustomerInternalId>[^<]*<\/CustomerInternalId>)(<Status>[^<]*<\/Status>)/, '$3$1$2') } },
  { name: 'soap-result-wrong-namespace', description: 'writes the response in the tempuri.org namespace', clauses: ['mark-customer-as-synchronized/response/wrapper-elements'], hooks: { soapXml: (x) => x.replace(`xmlns="${SOAP_NS.service}"`, 'xmlns="http://tempuri.org/"') } },
  { name: 'soap-status-code-missing', description: 'leaves StatusCode out', clauses: ['mark-customer-as-synchronized/response/member-types'], hooks: { soapResult: (r) => { const { StatusCode: _s, ...rest } = r; return rest; } } },
  { name: 'soap-internal-id-not-echoed', description: 'answers an empty CustomerInternalId', clauses: ['mark-customer-as-synchronized/response/customer-internal-id-echo'], hooks: { soapResult: (r) => ({ ...r, CustomerInternalId: '' }) } },
  { name: 'soap-customer-id-missing', description: 'leaves CustomerId out', clauses: ['mark-customer-as-synchronized/response/customer-id'], hooks: { soapResult: (r) => { const { CustomerId: _c, ...rest } = r; return rest; } } },
  { name: 'soap-error-text-on-success', description: 'writes Error "None" on success', clauses: ['mark-customer-as-synchronized/response/error-empty-on-success'], hooks: { soapResult: (r) => ({ ...r, Error: 'None' }) } },
  { name: 'soap-token-not-checked', description: 'never checks the SecurityId', clauses: ['mark-customer-as-synchronized/fault/invalid-security-id'], hooks: { soapSkipTokenCheck: true } },
  { name: 'soap-empty-credentials-rejected', description: 'rejects a token whose UserId and Password are empty', clauses: ['mark-customer-as-synchronized/request/empty-credentials-accepted'], hooks: { soapRejectEmptyCredentials: true } },
  { name: 'soap-quoted-action-rejected', description: 'takes the SOAPAction only unquoted', clauses: ['mark-customer-as-synchronized/request/soap-action-quoted'], hooks: { soapAcceptAction: (raw, expected) => raw?.trim() === expected } },
  { name: 'soap-unquoted-action-rejected', description: 'takes the SOAPAction only quoted', clauses: ['mark-customer-as-synchronized/request/soap-action-unquoted'], hooks: { soapAcceptAction: (raw, expected) => raw?.trim() === `"${expected}"` } },
  { name: 'soap-any-action-accepted', description: 'ignores the SOAPAction', clauses: ['mark-customer-as-synchronized/protocol/wrong-soap-action'], hooks: { soapAcceptAction: () => true } },
  { name: 'soap-12-accepted', description: 'answers SOAP 1.2 requests as if they were SOAP 1.1', clauses: ['mark-customer-as-synchronized/protocol/soap12-rejected'], hooks: { soapAcceptSoap12: true } },
  { name: 'soap-server-fault-on-malformed', description: 'answers malformed envelopes with a Server fault', clauses: ['mark-customer-as-synchronized/protocol/malformed-client-fault'], hooks: { soapServerFaultOnMalformed: true } },
  { name: 'soap-html-on-malformed', description: 'answers malformed envelopes with an HTML error page', clauses: ['mark-customer-as-synchronized/hardening/malformed-body-refused'], hooks: { soapHtmlOnMalformed: true } },
  { name: 'soap-content-type-wrong', description: 'answers application/xml instead of text/xml', clauses: ['mark-customer-as-synchronized/response/content-type'], hooks: { soapContentType: 'application/xml; charset=utf-8' } },
  { name: 'soap-success-202', description: 'answers success with HTTP 202', clauses: ['mark-customer-as-synchronized/response/status-200'], hooks: { soapSuccessStatus: 202 } },
  { name: 'soap-envelope-1-2', description: 'answers in a SOAP 1.2 envelope', clauses: ['mark-customer-as-synchronized/response/envelope'], hooks: { soapXml: (x) => x.replaceAll(SOAP_NS.soapEnv, SOAP_NS.soap12Env) } },
];

/** Every fault: the hand-written ones, then one per field clause. */
export const FAULTS: readonly Fault[] = [...HAND_WRITTEN, ...derivedFieldFaults()];

/**
 * One fault per field clause, derived from the contract: the rule left unenforced (a maximum
 * length, a required member, an allowable-value list, a blank required string) or an optional
 * member enforced as required. So every field rule is shown to be checked, without a hand-written
 * fault for each.
 */
function derivedFieldFaults(): Fault[] {
  const out: Fault[] = [];
  for (const c of ALL_CLAUSES) {
    if (!c.field) continue;
    const { member, rule } = c.field;
    const name = `${rule === 'optional' ? 'over-enforced' : 'unenforced'}:${c.id.replace(/^put-customer\//, '')}`;
    const onMember = (e: ValidationError) => lastSegment(e.fieldName) === member && ownerType(e.fieldName) === c.field!.type;
    switch (rule) {
      case 'max-length':
        out.push({ name, description: `never checks the maximum length of ${c.field.type}.${member}`, clauses: [c.id], hooks: { validate: (_b, es) => es.filter((e) => !(onMember(e) && e.errorCode === 'MaximumLength')) } });
        break;
      case 'required':
        out.push({ name, description: `accepts a ${c.field.type} without ${member}`, clauses: [c.id], hooks: { validate: (b, es) => es.filter((e) => !(onMember(e) && (e.errorCode === 'NotNull' || e.errorCode === 'NotEmpty') && valueAt(b, e.fieldName) == null)) } });
        break;
      case 'not-empty':
        out.push({ name, description: `accepts an empty or whitespace-only ${c.field.type}.${member}`, clauses: [c.id], hooks: { validate: (b, es) => es.filter((e) => !(onMember(e) && e.errorCode === 'NotEmpty' && typeof valueAt(b, e.fieldName) === 'string')) } });
        break;
      case 'allowed-values':
        out.push(member === 'ActivationStatus'
          ? { name, description: 'maps an unknown ActivationStatus to Active instead of rejecting it', clauses: [c.id], hooks: { rawBody: (raw) => raw.replace(/(<ActivationStatus>|"ActivationStatus"\s*:\s*")([^<"]*)/g, (_m, pre: string, v: string) => pre + (ACTIVATION_STATUS_VALUES.some((x) => x.toLowerCase() === v.toLowerCase()) ? v : 'Active')) } }
          : { name, description: `accepts any value for ${c.field.type}.${member}`, clauses: [c.id], hooks: { validate: (_b, es) => es.filter((e) => !(onMember(e) && e.errorCode === 'Predicate')) } });
        break;
      case 'optional':
        out.push({ name, description: `requires the optional ${c.field.type}.${member}`, clauses: [c.id], hooks: { validate: (b, es) => [...es, ...missingAt(b, c.field!.type, member).map((fieldName) => ({ errorCode: 'NotEmpty', fieldName, message: `'${member}' must not be empty.` }))] } });
        break;
    }
  }
  return out;
}

/** Which contract type the object holding the member a FieldName names is (contract/locations.ts). */
function ownerType(fieldName: string): string | undefined {
  const path = fieldName.split('.').slice(0, -1).join('.');
  return LOCATIONS.find((l) => l.path === path)?.typeName;
}

/** FieldNames where an object of `type` is present but lacks `member` (for over-enforced optional members). */
function missingAt(body: ValueObject, type: string, member: string): string[] {
  return LOCATIONS.filter((l) => l.typeName === type)
    .filter((l) => {
      const obj = l.path ? valueAt(body, l.path) : body;
      return obj != null && typeof obj === 'object' && (obj as ValueObject)[member] == null;
    })
    .map((l) => (l.path ? `${l.path}.${member}` : member));
}

let revision = 0;
/** A number that changes on every call (the answers of `merchant-key-changes`). */
function nextRevision(): number {
  revision = (revision + 1) % 100000;
  return revision;
}

const BY_NAME = new Map(FAULTS.map((f) => [f.name, f]));
if (BY_NAME.size !== FAULTS.length) throw new Error('faults: two faults share a name');

export function fault(name: string): Fault {
  const f = BY_NAME.get(name);
  if (!f) throw new Error(`unknown fault '${name}'; known: ${FAULTS.map((x) => x.name).join(', ')}`);
  return f;
}

function valueAt(body: ValueObject, path: string): unknown {
  let cur: unknown = body;
  for (const part of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as ValueObject)[part] : undefined;
  return cur;
}

/** FieldNames of every `member` holding `value`, anywhere in the body. */
function findValues(body: ValueObject, member: string, value: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(body)) {
    const where = prefix ? `${prefix}.${k}` : k;
    if (k === member && v === value) out.push(where);
    else if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) out.push(...findValues(v as ValueObject, member, value, where));
  }
  return out;
}

function trimStrings(v: ValueObject | undefined): ValueObject | undefined {
  if (!v) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x.trim() : x]));
}

function renameKey(j: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(j).map(([k, v]) => [k === from ? to : k, v]));
}

function camel(j: unknown): Record<string, unknown> {
  if (!j || typeof j !== 'object' || Array.isArray(j)) return j as Record<string, unknown>;
  return Object.fromEntries(Object.entries(j).map(([k, v]) => [k[0]!.toLowerCase() + k.slice(1), v && typeof v === 'object' ? camel(v) : v]));
}
