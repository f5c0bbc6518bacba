/**
 * The hand-written faults: named, realistic deviations from the contract, each tied to the
 * clause(s) it breaks, one entry each. Hook bodies longer than a short expression are named
 * helpers (./helpers.ts). The faults derived from the field clauses are in ./derive.ts.
 */
import { definedInTable } from '../../lib/source-location.ts';
import { NS as SOAP_NS } from '../../contract/mark-customer-as-synchronized.ts';
import { CLAUSES as PUT_CUSTOMER_CLAUSES, NS } from '../../contract/put-customer.ts';
import { INT32_MAX } from '../../lib/values.ts';
import {
  acceptedValues,
  activationStatusAnyCase,
  activationStatusAsNumber,
  creationAfterUpdate,
  localTimeLabelledUtc,
  activationStatusNumbersAsNames,
  blankAccepted,
  camel,
  customerNameBeforeKey,
  dropErrors,
  invalidIdFault,
  mapDetail,
  namesTrimmed,
  negotiateIgnoring,
  nextRevision,
  offByOne,
  offByOneEach,
  omittedShippingAddressAsEmpty,
  parseKeyLeniently,
  rejectedValue,
  renameKey,
  requiredTopLevel,
  soapStatusFirst,
  timestampsAsEpochSeconds,
  truncated,
  without,
  withoutFieldNames,
} from './helpers.ts';
import type { Fault } from './hooks.ts';

const TELEPHONE_MEMBERS = ['DaytimeTelephoneNumber', 'NighttimeTelephoneNumber', 'MobileTelephoneNumber', 'FaxNumber'];

/** Every max-length clause: a fault in how lengths are measured breaks them all. */
const REQUIRED_CLAUSES = PUT_CUSTOMER_CLAUSES.filter((c) => c.field?.rule === 'required').map((c) => c.id);
const MAX_LENGTH_CLAUSES = PUT_CUSTOMER_CLAUSES.filter((c) => c.field?.rule === 'max-length').map((c) => c.id);

/** The hand-written faults; each records the line of its name, for `trace` (lib/source-location.ts). */
export const HAND_WRITTEN: readonly Fault[] = definedInTable<Fault>(import.meta.url, 'name', [
  // --- field rules
  {
    name: 'customer-name-max-off-by-one',
    description: 'accepts a CustomerName of 101 characters',
    clauses: ['put-customer/customer-name/max-length'],
    hooks: { validate: offByOne('PutCustomer', 'CustomerName') },
  },
  {
    name: 'address-city-max-off-by-one',
    description: 'accepts a City of 51 characters in every address',
    clauses: ['put-customer/address/city/max-length'],
    hooks: { validate: offByOne('Address', 'City') },
  },
  {
    name: 'telephone-max-off-by-one',
    description: 'accepts telephone numbers of 26 characters',
    clauses: [
      'put-customer/contact/daytime-telephone-number/max-length',
      'put-customer/contact/nighttime-telephone-number/max-length',
      'put-customer/contact/mobile-telephone-number/max-length',
      'put-customer/contact/fax-number/max-length',
    ],
    hooks: { validate: offByOneEach('Contact', TELEPHONE_MEMBERS) },
  },
  {
    name: 'nested-contact-address-unvalidated',
    description: 'validates the customer addresses but not the default contact\'s',
    clauses: [
      'put-customer/address/street-address-1/required',
      'put-customer/address/city/max-length',
      'put-customer/address/state-or-province-code/allowed-values',
      'put-customer/address/postal-code/required',
      'put-customer/address/country-code/allowed-values',
    ],
    hooks: {
      validate: dropErrors((f) => f.startsWith('DefaultContact.BillingAddress.') || f.startsWith('DefaultContact.ShippingAddress.')),
    },
  },
  {
    name: 'length-in-utf8-bytes',
    description: 'counts maximum lengths in UTF-8 bytes instead of characters',
    clauses: [
      'put-customer/customer-name/max-length',
      'put-customer/customer-id/max-length',
      'put-customer/address/city/max-length',
      'put-customer/contact/first-name/max-length',
    ],
    hooks: { lengthOf: (s) => Buffer.byteLength(s) },
  },
  {
    name: 'length-in-code-points',
    description: 'counts maximum lengths in code points, so astral characters count once',
    clauses: ['put-customer/length-unit/utf-16'],
    hooks: { lengthOf: (s) => [...s].length },
  },
  {
    name: 'truncate-instead-of-reject',
    description: 'truncates a CustomerName over 100 characters and accepts it',
    clauses: ['put-customer/customer-name/max-length'],
    hooks: {
      validate: dropErrors((f, c) => f === 'CustomerName' && c === 'MaximumLength'),
      storeBody: truncated('PutCustomer', 'CustomerName'),
    },
  },
  {
    name: 'trims-before-measuring',
    description: 'trims a string before it measures its length (and stores it as sent): one unit over the maximum with a leading or trailing space is accepted',
    clauses: MAX_LENGTH_CLAUSES,
    hooks: { lengthOf: (s) => s.trim().length },
  },
  {
    name: 'blank-name-accepted',
    description: 'rejects a missing CustomerName but accepts an empty or whitespace-only one (NotNull instead of NotEmpty)',
    clauses: ['put-customer/customer-name/not-empty'],
    hooks: { validate: blankAccepted('CustomerName') },
  },
  {
    name: 'state-codes-lenient',
    description: 'accepts any two-letter upper-case state/province code',
    clauses: ['put-customer/address/state-or-province-code/allowed-values'],
    hooks: { validate: acceptedValues('StateOrProvinceCode', (v) => /^[A-Z]{2}$/.test(v)) },
  },
  {
    name: 'state-code-list-missing-wy',
    description: 'its code list lacks WY (rejects Wyoming addresses)',
    clauses: ['put-customer/address/state-or-province-code/allowed-values'],
    hooks: { validate: rejectedValue('StateOrProvinceCode', 'WY') },
  },
  {
    name: 'state-codes-case-insensitive',
    description: 'accepts state/province codes in lower case',
    clauses: ['put-customer/address/state-or-province-code/allowed-values'],
    hooks: { validate: acceptedValues('StateOrProvinceCode', (v) => /^[a-z]{2}$/.test(v)) },
  },
  {
    name: 'country-alpha-2-accepted',
    description: 'accepts the alpha-2 country codes US and CA',
    clauses: ['put-customer/address/country-code/allowed-values'],
    hooks: { validate: acceptedValues('CountryCode', (v) => ['US', 'CA'].includes(v)) },
  },
  {
    name: 'either-address-unenforced',
    description: 'accepts a customer with neither a shipping nor a billing address',
    clauses: ['put-customer/either-address'],
    hooks: { validate: dropErrors((f, c) => f === 'ShippingAddress' && c === 'NotNull') },
  },
  {
    name: 'billing-address-required',
    description: 'requires a billing address (the either-address rule over-enforced)',
    clauses: ['put-customer/either-address', 'put-customer/billing-address/optional'],
    hooks: { validate: requiredTopLevel('BillingAddress', "'Billing Address' must not be empty.") },
  },
  {
    name: 'activation-status-case-insensitive',
    description: 'accepts ActivationStatus names in any case',
    clauses: ['put-customer/activation-status/exact-case'],
    hooks: { rawBody: activationStatusAnyCase },
  },
  {
    name: 'activation-status-numbers-accepted',
    description: 'accepts an XML ActivationStatus written as a number (1 read as Active), as Enum.Parse does',
    clauses: ['put-customer/activation-status/allowed-values'],
    hooks: { rawBody: activationStatusNumbersAsNames },
  },
  {
    name: 'activation-status-answered-as-number',
    description: 'answers ActivationStatus as a number (1 for Active) instead of its name',
    clauses: ['put-customer/response/member-types'],
    hooks: { detail: mapDetail(activationStatusAsNumber) },
  },
  {
    name: 'malformed-key-escape-crashes',
    description: 'a malformed percent-escape in the path key (%ZZ) throws: 500 instead of 400',
    clauses: ['put-customer/customer-key/int32', 'put-customer/errors/no-server-error'],
    hooks: { crashOnMalformedKeyEscape: true },
  },
  {
    name: 'key-parsed-leniently',
    description: 'reads the path key with parseInt, so "1.5" and "1e3" are key 1',
    clauses: ['put-customer/customer-key/int32'],
    hooks: { parseKey: parseKeyLeniently },
  },
  {
    name: 'body-key-wins',
    description: 'uses the CustomerKey of the body instead of the path',
    clauses: ['put-customer/customer-key/path-wins'],
    hooks: { bodyKeyWins: true },
  },

  // --- the answer's shape
  {
    name: 'customer-id-misnamed',
    description: 'writes CustomerID as CustomerId in the answer',
    clauses: ['put-customer/response/member-names', 'put-customer/response/customer-id-echo'],
    hooks: {
      xmlAnswer: (x) => x.replace(/<(\/?)CustomerID\b/g, '<$1CustomerId'),
      jsonAnswer: (j) => renameKey(j, 'CustomerID', 'CustomerId'),
    },
  },
  {
    name: 'members-out-of-order',
    description: 'writes CustomerName before CustomerKey',
    clauses: ['put-customer/response/member-order'],
    hooks: { xmlAnswer: customerNameBeforeKey },
  },
  {
    name: 'address-members-wrong-namespace',
    description: 'writes address members in the BindingModels namespace',
    clauses: ['put-customer/response/member-namespaces'],
    hooks: {
      xmlAnswer: (x) => x.replaceAll(`xmlns:d2p1="${NS.commonDto}"`, `xmlns:d2p1="${NS.bindingModels}"`),
    },
  },
  {
    name: 'root-wrong-namespace',
    description: 'writes CustomerDetail in the wrong namespace',
    clauses: ['put-customer/response/customer-detail-root'],
    hooks: {
      xmlAnswer: (x) => x.replace(`xmlns="${NS.bindingModels}"`, 'xmlns="http://schemas.datacontract.org/2004/07/Gateway.Models"'),
    },
  },
  {
    name: 'merchant-key-missing',
    description: 'leaves MerchantKey out of the answer',
    clauses: ['put-customer/response/merchant-key'],
    hooks: { detail: mapDetail((d) => delete d.MerchantKey) },
  },
  {
    name: 'timestamps-as-epoch',
    description: 'writes timestamps as epoch seconds',
    clauses: ['put-customer/response/member-types'],
    hooks: { detail: mapDetail(timestampsAsEpochSeconds) },
  },
  {
    name: 'name-trimmed',
    description: 'trims CustomerName and the contact names before storing them',
    clauses: ['put-customer/response/echo'],
    hooks: { storeBody: namesTrimmed },
  },
  {
    name: 'customer-key-zero',
    description: 'answers CustomerKey 0',
    clauses: ['put-customer/response/customer-key-echo'],
    hooks: { detail: mapDetail((d) => (d.CustomerKey = 0)) },
  },
  {
    name: 'omitted-address-as-empty',
    description: 'answers an address that was not sent as an empty element',
    clauses: ['put-customer/response/omitted-members-nil-or-absent'],
    hooks: { detail: mapDetail(omittedShippingAddressAsEmpty) },
  },
  {
    name: 'status-201',
    description: 'answers 201 Created instead of 200 OK',
    clauses: ['put-customer/response/status-200'],
    hooks: { successStatus: 201 },
  },
  {
    name: 'xml-labelled-json',
    description: 'labels XML answers application/json',
    clauses: ['put-customer/response/content-type-matches-body'],
    hooks: { contentType: () => 'application/json; charset=utf-8' },
  },
  {
    name: 'json-camel-case',
    description: 'writes JSON member names in camelCase',
    clauses: ['put-customer/response/json-pascal-case'],
    hooks: { jsonAnswer: camel },
  },

  // --- replace semantics
  {
    name: 'merge-instead-of-replace',
    description: 'merges the body into the stored customer: members left out are kept',
    clauses: ['put-customer/replace/omitted-member-removed'],
    hooks: { mergeInsteadOfReplace: true },
  },
  {
    name: 'creation-timestamp-resets',
    description: 'sets CreationTimestamp on every PUT',
    clauses: ['put-customer/replace/creation-timestamp-stable'],
    hooks: { resetCreationTimestamp: true },
  },
  {
    name: 'last-update-frozen',
    description: 'never moves LastUpdateTimestamp',
    clauses: ['put-customer/replace/last-update-timestamp-advances'],
    hooks: { freezeLastUpdate: true },
  },
  {
    name: 'merchant-key-changes',
    description: 'answers a different MerchantKey on every PUT',
    clauses: ['put-customer/replace/merchant-key-stable', 'put-customer/replace/idempotent'],
    hooks: { detail: mapDetail((d) => (d.MerchantKey = 5000 + nextRevision())) },
  },
  {
    name: 'non-atomic-writes',
    description: 'writes members one by one, so concurrent PUTs mix',
    clauses: ['put-customer/replace/atomic'],
    hooks: { nonAtomicWrites: true },
  },

  // --- access and errors
  {
    name: 'merchant-role-rejected',
    description: 'serves Resellers only, refusing Merchant users',
    clauses: ['put-customer/auth/roles-accepted'],
    hooks: { rejectMerchantRole: true },
  },
  {
    name: 'reseller-role-rejected',
    description: 'serves Merchants only, refusing Reseller users with 403',
    clauses: ['put-customer/auth/reseller-accepted', 'put-customer/auth/roles-accepted'],
    hooks: { rejectResellerRole: true },
  },
  {
    name: 'other-merchant-can-replace',
    description: "lets a Merchant user of another merchant replace the customer (no object-level authorization)",
    clauses: ['put-customer/auth/other-merchant-refused'],
    hooks: { ignoreMerchantOwnership: true },
  },
  {
    name: 'key-limits-500',
    description: 'answers 500 to the path keys 0, negative ones and Int32.MaxValue (unchecked arithmetic on the key)',
    clauses: ['put-customer/customer-key/int32-limits'],
    hooks: { serverErrorForKey: (key) => key <= 0 || key === INT32_MAX },
  },
  {
    name: 'auth-not-enforced',
    description: 'serves requests without a credential',
    clauses: ['put-customer/auth/unauthenticated-401'],
    hooks: { acceptAnyCredential: true },
  },
  {
    name: 'no-www-authenticate',
    description: 'answers 401 without WWW-Authenticate',
    clauses: ['put-customer/auth/www-authenticate'],
    hooks: { omitWwwAuthenticate: true },
  },
  {
    name: 'roles-not-enforced',
    description: 'serves users with neither role',
    clauses: ['put-customer/auth/role-required-403'],
    hooks: { ignoreRoles: true },
  },
  {
    name: 'upsert-unknown-keys',
    description: 'creates a customer when the key does not exist',
    clauses: ['put-customer/errors/unknown-key-not-created'],
    hooks: { upsertUnknownKeys: true },
  },
  {
    name: 'unknown-key-400',
    description: 'answers an unknown key with 400 instead of 404',
    clauses: ['put-customer/errors/not-found-404'],
    hooks: { unknownKeyStatus: 400 },
  },
  {
    name: 'validation-500',
    description: 'answers validation failures with 500',
    clauses: [
      'put-customer/customer-name/max-length',
      'put-customer/customer-name/required',
      'put-customer/either-address',
      'put-customer/errors/no-server-error',
    ],
    hooks: { validationStatus: 500 },
  },
  {
    name: 'server-error-on-missing-optional',
    description: 'dereferences optional members it was not sent: a valid PUT without a BillingAddress, or a token without a UserId, gets a 500 HTML error page (REST and SOAP)',
    clauses: ['put-customer/errors/no-server-error', 'mark-customer-as-synchronized/errors/no-server-error'],
    hooks: { crashOnValidPut: (body) => body.BillingAddress == null, crashOnValidMark: (token) => token.userId === undefined },
  },
  {
    name: 'validation-200-with-errors',
    description: 'answers validation failures 200 with the error body',
    clauses: [
      'put-customer/customer-name/max-length',
      'put-customer/customer-name/required',
      'put-customer/either-address',
    ],
    hooks: { validationStatus: 200 },
  },
  {
    name: 'validation-422',
    description: 'answers validation failures with 422',
    clauses: ['put-customer/errors/validation-400'],
    hooks: { validationStatus: 422 },
  },
  {
    name: 'no-field-name',
    description: 'lists validation errors without FieldName',
    clauses: ['put-customer/errors/field-name'],
    hooks: { errorResponse: mapDetail(withoutFieldNames) },
  },
  {
    name: 'plain-error-body',
    description: 'answers validation failures with a body that is not an ErrorResponse',
    clauses: ['put-customer/errors/error-response-shape'],
    hooks: { errorResponse: () => ({}) },
  },

  // --- negotiation
  {
    name: 'accept-ignored',
    description: 'answers in the request format whatever the Accept header says',
    clauses: ['put-customer/negotiation/accept-header'],
    hooks: { negotiate: negotiateIgnoring({ accept: undefined }) },
  },
  {
    name: 'suffix-ignored',
    description: 'ignores the .xml/.json suffix',
    clauses: ['put-customer/negotiation/format-suffix'],
    hooks: { negotiate: negotiateIgnoring({ suffix: undefined }) },
  },
  {
    name: 'format-query-ignored',
    description: 'ignores ?format=',
    clauses: ['put-customer/negotiation/format-query'],
    hooks: { negotiate: negotiateIgnoring({ formatQuery: null }) },
  },
  {
    name: 'json-bodies-unsupported',
    description: 'takes XML bodies only',
    clauses: ['put-customer/negotiation/json-body'],
    hooks: { rejectJsonBodies: true },
  },
  {
    name: 'content-type-parameters-refused',
    description: 'a request Content-Type with a parameter (application/xml; charset=utf-8) is refused with 415: the header is compared as a whole string',
    clauses: ['put-customer/negotiation/content-type-parameters'],
    hooks: { acceptContentType: (raw) => !raw.includes(';') },
  },
  {
    name: 'content-type-case-sensitive',
    description: 'a request Content-Type in another case (Application/XML) is refused with 415',
    clauses: ['put-customer/negotiation/content-type-case'],
    hooks: { acceptContentType: (raw) => raw.split(';')[0] === raw.split(';')[0]!.toLowerCase() },
  },
  {
    name: 'errors-in-host-default-json',
    description: 'every ErrorResponse is JSON (the host default), whatever the request asked for',
    clauses: ['put-customer/negotiation/error-format'],
    hooks: { errorFormat: () => 'json' },
  },
  {
    name: 'errors-in-request-body-format',
    description: 'an ErrorResponse follows the request body\'s format, not the Accept header',
    clauses: ['put-customer/negotiation/error-format'],
    hooks: { errorFormat: (negotiated, body) => body ?? negotiated },
  },
  {
    name: 'local-time-labelled-utc',
    description: 'timestamps are the host\'s local time (UTC−5) labelled as UTC: …Z in XML, \\/Date(ms)\\/ in JSON, five hours off',
    clauses: ['put-customer/response/last-update-near-date'],
    hooks: { xmlWriteOptions: { dateTimeKind: 'utc' }, detail: mapDetail(localTimeLabelledUtc) },
  },
  {
    name: 'creation-after-update',
    description: 'CreationTimestamp answered an hour after LastUpdateTimestamp',
    clauses: ['put-customer/response/creation-not-after-update'],
    hooks: { detail: mapDetail(creationAfterUpdate) },
  },
  {
    name: 'json-null-required-accepted',
    description: 'a required member sent as JSON null is bound to null and passes validation (i:nil in XML is still refused)',
    clauses: REQUIRED_CLAUSES,
    hooks: { jsonNullsUnvalidated: true },
  },

  // --- hostile input
  {
    name: 'entities-expanded',
    description: 'expands DTD entities (REST and SOAP)',
    clauses: [
      'put-customer/hardening/dtd-refused',
      'put-customer/hardening/entity-bomb-refused',
      'put-customer/hardening/external-entity-refused',
      'mark-customer-as-synchronized/hardening/dtd-refused',
    ],
    hooks: { expandEntities: true },
  },
  {
    name: 'hangs-on-entity-bomb',
    description: 'takes 3 s over a body declaring many entities (REST and SOAP)',
    clauses: [
      'put-customer/hardening/entity-bomb-refused',
      'mark-customer-as-synchronized/hardening/entity-bomb-refused',
    ],
    hooks: { hangOnEntityBomb: 3000 },
    settings: { CONFORMANCE_TIMEOUT_MS: '1500' },
  },
  {
    name: 'soap-entities-expanded-and-echoed',
    description: 'expands entities and names the id it got in the InvalidCustomerInternalId fault',
    clauses: [
      'mark-customer-as-synchronized/hardening/external-entity-refused',
      'mark-customer-as-synchronized/hardening/entity-bomb-refused',
      'mark-customer-as-synchronized/hardening/dtd-refused',
    ],
    hooks: { expandEntities: true, soapEchoIdInFault: true },
  },
  {
    name: 'crash-on-malformed',
    description: 'answers malformed bodies with a 500 HTML page (REST and SOAP)',
    clauses: [
      'put-customer/hardening/malformed-body-refused',
      'mark-customer-as-synchronized/hardening/malformed-body-refused',
      'put-customer/errors/no-server-error',
      'mark-customer-as-synchronized/errors/no-server-error',
    ],
    hooks: { crashOnMalformed: true },
  },
  {
    name: 'no-size-limit',
    description: 'takes bodies of any size: reads the 64 MiB body whole and answers success (REST and SOAP)',
    clauses: [
      'put-customer/hardening/oversized-body-refused',
      'mark-customer-as-synchronized/hardening/oversized-body-refused',
    ],
    hooks: { noSizeLimit: true },
  },
  {
    name: 'non-utf8-body-accepted',
    description: 'decodes bodies that are not UTF-8 leniently and takes them, storing U+FFFD (REST and SOAP)',
    clauses: [
      'put-customer/hardening/malformed-body-refused',
      'mark-customer-as-synchronized/hardening/malformed-body-refused',
    ],
    hooks: { lenientBodyDecoding: true },
  },
  {
    name: 'fails-after-hostile-input',
    description: 'fails the requests that follow a hostile one',
    clauses: [
      'put-customer/hardening/survives-hostile-input',
      'mark-customer-as-synchronized/hardening/survives-hostile-input',
    ],
    hooks: { failAfterHostile: true },
  },

  // --- SOAP
  {
    name: 'soap-success-for-unknown-ids',
    description: 'marks unknown customerInternalIds as synchronized',
    clauses: ['mark-customer-as-synchronized/fault/invalid-customer-internal-id'],
    hooks: { soapSuccessForUnknownIds: true },
  },
  {
    name: 'soap-wrong-fault-code',
    description: 'answers unknown ids with s:Client',
    clauses: ['mark-customer-as-synchronized/fault/invalid-customer-internal-id'],
    hooks: { soapFault: invalidIdFault({ codeLocalName: 'Client' }) },
  },
  {
    name: 'soap-fault-code-wrong-namespace',
    description: 'puts InvalidCustomerInternalId in the service namespace',
    clauses: ['mark-customer-as-synchronized/fault/invalid-customer-internal-id'],
    hooks: { soapFault: invalidIdFault({ codeNamespace: SOAP_NS.service }) },
  },
  {
    name: 'soap-wrong-fault-string',
    description: 'words the fault "Customer not found"',
    clauses: ['mark-customer-as-synchronized/fault/fault-string'],
    hooks: { soapFault: invalidIdFault({ faultString: 'Customer not found' }) },
  },
  {
    name: 'soap-fault-without-lang',
    description: 'writes faultstring without xml:lang',
    clauses: ['mark-customer-as-synchronized/fault/fault-string-lang'],
    hooks: { soapXml: (x) => x.replace(/ xml:lang="[^"]*"/g, '') },
  },
  {
    name: 'soap-must-understand-ignored',
    description: 'ignores a header block with mustUnderstand="1" it does not understand and answers Success',
    clauses: ['mark-customer-as-synchronized/protocol/must-understand-fault'],
    hooks: { soapIgnoreMustUnderstand: true },
  },
  {
    name: 'soap-unknown-header-refused',
    description: 'faults on any header block it does not understand, even without mustUnderstand',
    clauses: ['mark-customer-as-synchronized/request/unknown-header-ignored'],
    hooks: { soapRefuseUnknownHeaders: true },
  },
  {
    name: 'soap-other-merchant-accepted',
    description: 'another merchant\'s SecurityId marks this merchant\'s customer (no object-level authorization)',
    clauses: ['mark-customer-as-synchronized/auth/other-merchant-refused'],
    hooks: { soapIgnoreMerchantOwnership: true },
  },
  {
    name: 'customer-internal-id-case-sensitive',
    description: 'looks customerInternalIds up as exact strings: the same GUID in upper case gets InvalidCustomerInternalId',
    clauses: ['mark-customer-as-synchronized/request/customer-internal-id-any-case'],
    hooks: { soapCaseSensitiveIds: true },
  },
  {
    name: 'soap-fault-lang-empty',
    description: 'writes faultstring with an empty xml:lang (WCF under the invariant culture)',
    clauses: ['mark-customer-as-synchronized/fault/fault-string-lang'],
    hooks: { soapFault: (f) => ({ ...f, lang: '' }) },
  },
  {
    name: 'soap-fault-lang-malformed',
    description: 'writes faultstring with xml:lang="en_US", a POSIX locale name, not a BCP 47 language tag',
    clauses: ['mark-customer-as-synchronized/fault/fault-string-lang'],
    hooks: { soapFault: (f) => ({ ...f, lang: 'en_US' }) },
  },
  {
    name: 'soap-fault-http-200',
    description: 'answers faults with HTTP 200',
    clauses: ['mark-customer-as-synchronized/fault/http-500'],
    hooks: { soapFaultStatus: 200 },
  },
  {
    name: 'soap-wrong-status-code',
    description: 'answers StatusCode 0 on success',
    clauses: ['mark-customer-as-synchronized/response/success-values'],
    hooks: { soapResult: (r) => ({ ...r, StatusCode: 0 }) },
  },
  {
    name: 'soap-status-not-success',
    description: 'answers Status "OK" on success',
    clauses: ['mark-customer-as-synchronized/response/success-values'],
    hooks: { soapResult: (r) => ({ ...r, Status: 'OK' }) },
  },
  {
    name: 'soap-members-reordered',
    description: 'writes Status before CustomerId',
    clauses: ['mark-customer-as-synchronized/response/member-order'],
    hooks: { soapXml: soapStatusFirst },
  },
  {
    name: 'soap-result-wrong-namespace',
    description: 'writes the response in the tempuri.org namespace',
    clauses: ['mark-customer-as-synchronized/response/wrapper-elements'],
    hooks: {
      soapXml: (x) => x.replace(`xmlns="${SOAP_NS.service}"`, 'xmlns="http://tempuri.org/"'),
    },
  },
  {
    name: 'soap-status-code-missing',
    description: 'leaves StatusCode out',
    clauses: ['mark-customer-as-synchronized/response/member-types'],
    hooks: { soapResult: without('StatusCode') },
  },
  {
    name: 'soap-internal-id-not-echoed',
    description: 'answers an empty CustomerInternalId',
    clauses: ['mark-customer-as-synchronized/response/customer-internal-id-echo'],
    hooks: { soapResult: (r) => ({ ...r, CustomerInternalId: '' }) },
  },
  {
    name: 'soap-customer-id-missing',
    description: 'leaves CustomerId out',
    clauses: ['mark-customer-as-synchronized/response/customer-id'],
    hooks: { soapResult: without('CustomerId') },
  },
  {
    name: 'soap-error-text-on-success',
    description: 'writes Error "None" on success',
    clauses: ['mark-customer-as-synchronized/response/error-empty-on-success'],
    hooks: { soapResult: (r) => ({ ...r, Error: 'None' }) },
  },
  {
    name: 'soap-token-not-checked',
    description: 'never checks the SecurityId',
    clauses: ['mark-customer-as-synchronized/fault/invalid-security-id'],
    hooks: { soapSkipTokenCheck: true },
  },
  {
    name: 'soap-empty-credentials-rejected',
    description: 'rejects a token whose UserId and Password are empty',
    clauses: ['mark-customer-as-synchronized/request/empty-credentials-accepted'],
    hooks: { soapRejectEmptyCredentials: true },
  },
  {
    name: 'soap-quoted-action-rejected',
    description: 'takes the SOAPAction only unquoted',
    clauses: ['mark-customer-as-synchronized/request/soap-action-quoted'],
    hooks: { soapAcceptAction: (raw, expected) => raw?.trim() === expected },
  },
  {
    name: 'soap-unquoted-action-rejected',
    description: 'takes the SOAPAction only quoted',
    clauses: ['mark-customer-as-synchronized/request/soap-action-unquoted'],
    hooks: { soapAcceptAction: (raw, expected) => raw?.trim() === `"${expected}"` },
  },
  {
    name: 'soap-any-action-accepted',
    description: 'ignores the SOAPAction',
    clauses: ['mark-customer-as-synchronized/protocol/wrong-soap-action'],
    hooks: { soapAcceptAction: () => true },
  },
  {
    name: 'soap-12-accepted',
    description: 'answers SOAP 1.2 requests as if they were SOAP 1.1',
    clauses: ['mark-customer-as-synchronized/protocol/soap12-rejected'],
    hooks: { soapAcceptSoap12: true },
  },
  {
    name: 'soap-server-fault-on-malformed',
    description: 'answers malformed envelopes with a Server fault',
    clauses: ['mark-customer-as-synchronized/protocol/malformed-client-fault'],
    hooks: { soapServerFaultOnMalformed: true },
  },
  {
    name: 'soap-html-on-malformed',
    description: 'answers malformed envelopes with an HTML error page',
    clauses: ['mark-customer-as-synchronized/hardening/malformed-body-refused', 'mark-customer-as-synchronized/errors/no-server-error'],
    hooks: { soapHtmlOnMalformed: true },
  },
  {
    name: 'soap-content-type-wrong',
    description: 'answers application/xml instead of text/xml',
    clauses: ['mark-customer-as-synchronized/response/content-type'],
    hooks: { soapContentType: 'application/xml; charset=utf-8' },
  },
  {
    name: 'soap-success-202',
    description: 'answers success with HTTP 202',
    clauses: ['mark-customer-as-synchronized/response/status-200'],
    hooks: { soapSuccessStatus: 202 },
  },
  {
    name: 'soap-envelope-1-2',
    description: 'answers in a SOAP 1.2 envelope',
    clauses: ['mark-customer-as-synchronized/response/envelope'],
    hooks: { soapXml: (x) => x.replaceAll(SOAP_NS.soapEnv, SOAP_NS.soap12Env) },
  },
]);
