/**
 * What a fault is: a set of hooks the reference gateway's handlers consult at fixed points, and
 * the clauses it breaks. The reference is unchanged where a fault sets no hook.
 */
import type { ClauseId, OperationId } from '../../contract/index.ts';
import type { FaultSpec as SoapFaultSpec } from '../../contract/mark-customer-as-synchronized.ts';
import type { ValueObject } from '../../lib/values.ts';
import type { XmlWriteOptions } from '../../lib/xml/datacontract.ts';
import type { OversizedAnswer } from '../http-util.ts';
import type { Format, NegotiationInput } from '../rest/negotiation.ts';
import type { ValidationError } from '../rest/validate.ts';

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
  /** Whether the request's raw Content-Type is taken at all (default: any spelling of a known media type); 415 when not. */
  readonly acceptContentType?: (raw: string) => boolean;
  /**
   * A JSON member sent as an explicit `null` escapes validation (bound to a null, as ServiceStack
   * binds it, with no NotNull rule to catch it); `i:nil` in XML is still refused.
   */
  readonly jsonNullsUnvalidated?: boolean;
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
  /** The format an ErrorResponse is written in, given the negotiated one and the request body's (default: the negotiated). */
  readonly errorFormat?: (negotiated: Format, requestBody: Format | undefined) => Format;
  // --- both APIs: hostile input
  /** Expands internal entities (and fakes external ones) instead of refusing DTDs. */
  readonly expandEntities?: boolean;
  /** A malformed body crashes the handler: 500 with an HTML page. */
  readonly crashOnMalformed?: boolean;
  /** Request bodies decoded leniently: bytes that are not UTF-8 become U+FFFD and the body is taken (REST and SOAP). */
  readonly lenientBodyDecoding?: boolean;
  readonly noSizeLimit?: boolean;
  /** The request-size limit in bytes (default the reference's, 30,000,000: Kestrel's and IIS's default). */
  readonly maxBodyBytes?: number;
  /** How a body over the limit is refused (default 413). */
  readonly oversizedAnswer?: OversizedAnswer;
  /** A valid PutCustomer this says yes to throws in the service: 500 and an HTML error page. */
  readonly crashOnValidPut?: (body: ValueObject) => boolean;
  /** A valid MarkCustomerAsSynchronized this says yes to throws: 500 and an HTML error page, no SOAP fault. */
  readonly crashOnValidMark?: (token: { readonly userId: string | undefined; readonly password: string | undefined }) => boolean;
  /** After a hostile request, the next few requests fail. */
  readonly failAfterHostile?: boolean;
  /** A body with many entity declarations is answered only after this many ms. */
  readonly hangOnEntityBomb?: number;
  /** Users with the Merchant role are refused (only Resellers served). */
  readonly rejectMerchantRole?: boolean;
  /** Users with the Reseller role are refused (only Merchants served). */
  readonly rejectResellerRole?: boolean;
  /** A Merchant user may replace any merchant's customer (no object-level authorization). */
  readonly ignoreMerchantOwnership?: boolean;
  /** The service throws (500) on a valid path key this says yes to (unchecked arithmetic on the key, say). */
  readonly serverErrorForKey?: (key: number) => boolean;
  // --- SOAP
  readonly soapSuccessForUnknownIds?: boolean;
  /** Any merchant's SecurityId may mark any merchant's customer (no object-level authorization). */
  readonly soapIgnoreMerchantOwnership?: boolean;
  /** Header blocks are never looked at: one with mustUnderstand="1" is ignored like any other. */
  readonly soapIgnoreMustUnderstand?: boolean;
  /** Any header block it does not understand gets a fault, mustUnderstand or not. */
  readonly soapRefuseUnknownHeaders?: boolean;
  /** customerInternalIds are looked up as exact strings: the same GUID in another case is unknown. */
  readonly soapCaseSensitiveIds?: boolean;
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
  /** A malformed envelope is answered with a bare 400 (no body), not a Client fault (INTERPRETING.md §soap-protocol allows both). */
  readonly soapBare400OnMalformed?: boolean;
  readonly soapContentType?: string;
  readonly soapSuccessStatus?: number;
  /** The InvalidCustomerInternalId fault's faultstring names the id it got. */
  readonly soapEchoIdInFault?: boolean;
}

const REST = ['put-customer'] as const;
const SOAP = ['mark-customer-as-synchronized'] as const;
const BOTH = [...REST, ...SOAP] as const;

/**
 * The operations whose requests each hook can change. The reference hands each operation's handler
 * only the hooks listed for it ({@link hooksFor}): a hook read by a handler it is not listed for is
 * a type error there, and absent at run time. So a set of hooks all of one operation leaves the
 * other answering exactly as the plain reference, and the self-check runs a dialect only through
 * the suites of the operations its hooks reach. `failAfterHostile` is both: the count of requests
 * to fail after a hostile one is shared.
 */
export const HOOK_OPERATIONS = {
  rawBody: REST, lengthOf: REST, validate: REST, storeBody: REST, parseKey: REST, crashOnMalformedKeyEscape: REST, bodyKeyWins: REST, rejectJsonBodies: REST, acceptContentType: REST, jsonNullsUnvalidated: REST,
  acceptAnyCredential: REST, ignoreRoles: REST, omitWwwAuthenticate: REST, upsertUnknownKeys: REST, unknownKeyStatus: REST,
  mergeInsteadOfReplace: REST, resetCreationTimestamp: REST, freezeLastUpdate: REST, nonAtomicWrites: REST,
  xmlWriteOptions: REST, authErrorBodies: REST, negotiateNoAccept: REST, detail: REST, xmlAnswer: REST, jsonAnswer: REST, successStatus: REST, contentType: REST, negotiate: REST, validationStatus: REST, errorResponse: REST, errorFormat: REST,
  expandEntities: BOTH, crashOnMalformed: BOTH, lenientBodyDecoding: BOTH, noSizeLimit: BOTH, maxBodyBytes: BOTH, oversizedAnswer: BOTH, crashOnValidPut: REST, crashOnValidMark: SOAP, failAfterHostile: BOTH, hangOnEntityBomb: BOTH,
  rejectMerchantRole: REST, rejectResellerRole: REST, ignoreMerchantOwnership: REST, serverErrorForKey: REST,
  soapSuccessForUnknownIds: SOAP, soapIgnoreMerchantOwnership: SOAP, soapIgnoreMustUnderstand: SOAP, soapRefuseUnknownHeaders: SOAP, soapCaseSensitiveIds: SOAP, soapFault: SOAP, soapFaultStatus: SOAP, soapResult: SOAP, soapXml: SOAP,
  soapSkipTokenCheck: SOAP, soapRejectEmptyCredentials: SOAP, soapAcceptAction: SOAP, soapAcceptSoap12: SOAP, soapHtmlOnMalformed: SOAP, soapServerFaultOnMalformed: SOAP, soapBare400OnMalformed: SOAP, soapContentType: SOAP, soapSuccessStatus: SOAP, soapEchoIdInFault: SOAP,
} as const satisfies { readonly [K in keyof Required<FaultHooks>]: readonly OperationId[] };

type HookName = keyof typeof HOOK_OPERATIONS;
/** The hooks one operation's handler is given. */
export type HooksFor<Op extends OperationId> = Pick<FaultHooks, { [K in HookName]: Op extends (typeof HOOK_OPERATIONS)[K][number] ? K : never }[HookName]>;

/** `hooks` with only those listed for `operation` (the rest are not the handler's to read). */
export function hooksFor<Op extends OperationId>(hooks: FaultHooks, operation: Op): HooksFor<Op> {
  return Object.fromEntries(Object.entries(hooks).filter(([name]) => (HOOK_OPERATIONS[name as HookName] as readonly OperationId[]).includes(operation))) as HooksFor<Op>;
}

/** The operations whose answers these hooks can change, in the contract's order. */
export function operationsOf(hooks: FaultHooks): OperationId[] {
  const reached = new Set(Object.keys(hooks).flatMap((name) => HOOK_OPERATIONS[name as HookName] ?? []));
  return BOTH.filter((op) => reached.has(op));
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
