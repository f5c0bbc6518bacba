/**
 * `PUT {base}/customers/{customerKey}` as ServiceStack would run it, in its pipeline order:
 * route → body (size) → deserialize and bind (400 SerializationException / RequestBindingException)
 * → [Authenticate] (401) → [RequiredRole] (403) → validation (400, every failing member)
 * → the service (404 unknown key, else replace and 200 CustomerDetail).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NS, TYPES } from '../../contract/put-customer.ts';
import { DeserializeError, type ValueObject, parseInt32 } from '../../lib/values.ts';
import { readServiceStackJson, writeServiceStackJson } from '../../lib/json/servicestack-json.ts';
import { valueAt } from '../../lib/paths.ts';
import { readDataContractXml, writeDataContractXml } from '../../lib/xml/datacontract.ts';
import { XmlReadError, hasDoctype, parseXml, qualifiedName } from '../../lib/xml/parse.ts';
import type { HooksFor } from '../faults/hooks.ts';

type Hooks = HooksFor<'put-customer'>;
import { expandEntitiesUnsafely, isEntityBomb } from '../unsafe-entities.ts';
import type { ReferenceFixtures, RestUser } from '../fixtures.ts';
import { BodyEncodingError, BodyTooLargeError, MAX_BODY_BYTES, decodeBody, mediaType, readBody, refuseOversized, send, sendServerErrorPage } from '../http-util.ts';
import { CONTENT_TYPES, type Format, formatOfMediaType, negotiateFormat } from './negotiation.ts';
import { CustomerStore, customerDetail } from './store.ts';
import { type ValidationError, validatePutCustomer } from './validate.ts';

export const REST_BASE_PATH = '/api';
const ROUTE = /^\/api\/customers\/([^/]+)$/;

export interface RestContext {
  readonly fixtures: ReferenceFixtures;
  readonly store: CustomerStore;
  readonly now: () => Date;
  /** Fault hooks, only PutCustomer's (reference/faults/hooks.ts HOOK_OPERATIONS); empty for the faithful reference. */
  readonly hooks: Hooks;
  /** Shared with the SOAP side: requests left to fail after a hostile one (fault `fails-after-hostile-input`). */
  readonly hostileAftermath: { remaining: number };
}

/** The realm the reference gateway names in WWW-Authenticate. */
const WWW_AUTHENTICATE = 'Bearer realm="syntch-reference"';

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly errors: readonly ValidationError[] = [],
  ) {
    super(message);
  }
}

export function isRestPath(pathname: string): boolean {
  return pathname === REST_BASE_PATH || pathname.startsWith(`${REST_BASE_PATH}/`);
}

export async function handleRest(req: IncomingMessage, res: ServerResponse, url: URL, ctx: RestContext): Promise<void> {
  const match = ROUTE.exec(url.pathname);
  if (!match || req.method !== 'PUT') {
    req.resume();
    send(res, 404, 'text/plain', `Handler for Request not found (404):\n\n  Request.HttpMethod: ${req.method}\n  Request.PathInfo: ${url.pathname}\n`);
    return;
  }
  const hooks = ctx.hooks;
  let keyText = hooks.crashOnMalformedKeyEscape ? decodeURIComponent(match[1] ?? '') : routeVariable(match[1] ?? '');
  let suffix: Format | undefined;
  const suffixMatch = /\.(xml|json)$/i.exec(keyText);
  if (suffixMatch) {
    suffix = suffixMatch[1]!.toLowerCase() as Format;
    keyText = keyText.slice(0, -suffixMatch[0].length);
  }
  const negotiation = { formatQuery: url.searchParams.get('format'), suffix, accept: req.headers.accept, contentType: req.headers['content-type'] };
  const format = hooks.negotiate
    ? hooks.negotiate(negotiation)
    : hooks.negotiateNoAccept && !negotiation.accept && !negotiation.formatQuery && !negotiation.suffix
      ? hooks.negotiateNoAccept
      : negotiateFormat(negotiation);
  if (hooks.failAfterHostile && ctx.hostileAftermath.remaining > 0) {
    ctx.hostileAftermath.remaining--;
    req.resume();
    send(res, 500, 'text/plain', 'Internal Server Error');
    return;
  }

  try {
    let bytes: Buffer;
    try {
      bytes = await readBody(req, hooks.noSizeLimit ? Infinity : (hooks.maxBodyBytes ?? MAX_BODY_BYTES));
    } catch (e) {
      if (e instanceof BodyTooLargeError) {
        refuseOversized(req, res, hooks.oversizedAnswer);
        return;
      }
      throw e;
    }
    /** A body that cannot be read: answered by the catch below (or, under a fault, crashes the request). */
    const unreadable = (e: unknown): void => {
      if (hooks.failAfterHostile) ctx.hostileAftermath.remaining = 3;
      if (hooks.crashOnMalformed && e instanceof HttpFailure && e.errorCode === 'SerializationException') {
        send(res, 500, 'text/html', '<!DOCTYPE html><html><body><h1>Server Error in \'/\' Application.</h1></body></html>');
        return;
      }
      throw e;
    };
    let raw: string;
    try {
      raw = decodeRequestBody(bytes, req.headers['content-type'], hooks);
    } catch (e) {
      unreadable(e);
      return;
    }
    if (hooks.rawBody) raw = hooks.rawBody(raw);
    if (hooks.hangOnEntityBomb && isEntityBomb(raw)) await new Promise((r) => setTimeout(r, hooks.hangOnEntityBomb));
    if (hooks.failAfterHostile && (hasDoctype(raw) || bytes.length > MAX_BODY_BYTES)) ctx.hostileAftermath.remaining = 3;
    if (hooks.expandEntities) raw = expandEntitiesUnsafely(raw);
    if (hooks.acceptContentType && !hooks.acceptContentType(req.headers['content-type'] ?? '')) throw unsupportedContentType(req.headers['content-type']);
    if (hooks.rejectJsonBodies && formatOfMediaType(req.headers['content-type']) === 'json') {
      throw new HttpFailure(415, 'NotSupportedException', 'JSON is not supported; send application/xml');
    }
    let body: ValueObject;
    try {
      body = deserialize(raw, req.headers['content-type']);
    } catch (e) {
      unreadable(e);
      return;
    }
    let customerKey = hooks.parseKey ? hooks.parseKey(keyText) : parseInt32(keyText);
    if (hooks.bodyKeyWins && typeof body.CustomerKey === 'number') customerKey = body.CustomerKey;
    if (customerKey === undefined) {
      throw new HttpFailure(400, 'RequestBindingException', `Unable to bind to request 'PutCustomer': '${keyText}' is not a valid value for CustomerKey (Int32)`);
    }
    const user = authenticate(req, ctx.fixtures) ?? (hooks.acceptAnyCredential ? ctx.fixtures.rest.users.reseller : undefined);
    if (!user) {
      const headers: Record<string, string> = hooks.omitWwwAuthenticate ? {} : { 'WWW-Authenticate': WWW_AUTHENTICATE };
      if (hooks.authErrorBodies) send(res, 401, CONTENT_TYPES[format], errorResponse(format, new HttpFailure(401, 'Unauthorized', 'Not Authenticated'), hooks), headers);
      else send(res, 401, undefined, '', headers);
      return;
    }
    const refusedMerchant = hooks.rejectMerchantRole === true && !user.roles.includes('Reseller');
    const refusedReseller = hooks.rejectResellerRole === true && !user.roles.includes('Merchant');
    if (refusedMerchant || refusedReseller || (!hooks.ignoreRoles && !user.roles.some((r) => r === 'Merchant' || r === 'Reseller'))) {
      if (hooks.authErrorBodies) send(res, 403, CONTENT_TYPES[format], errorResponse(format, new HttpFailure(403, 'Forbidden', 'Invalid Role'), hooks));
      else send(res, 403, undefined, '');
      return;
    }
    let errors = validatePutCustomer(body, hooks.lengthOf ? { length: hooks.lengthOf } : {});
    if (hooks.validate) errors = hooks.validate(body, errors);
    if (hooks.jsonNullsUnvalidated && formatOfMediaType(req.headers['content-type']) === 'json') errors = errors.filter((e) => valueAt(body, e.fieldName) !== null);
    if (errors.length > 0) throw new HttpFailure(hooks.validationStatus ?? 400, errors[0]!.errorCode, errors[0]!.message, errors);
    if (hooks.crashOnValidPut?.(body)) {
      sendServerErrorPage(res, 'Object reference not set to an instance of an object.');
      return;
    }
    if (hooks.serverErrorForKey?.(customerKey)) {
      sendServerErrorPage(res, 'Arithmetic operation resulted in an overflow.');
      return;
    }

    const stored = hooks.storeBody ? hooks.storeBody(body) : body;
    let current = ctx.store.get(customerKey);
    if (!current && hooks.upsertUnknownKeys) current = ctx.store.create(customerKey, user.merchantKey ?? 1001, ctx.now());
    // A Merchant user sees only their merchant's customers: another merchant's is not found (404).
    const visible = current && (user.roles.includes('Reseller') || user.merchantKey === current.merchantKey || hooks.ignoreRoles || hooks.ignoreMerchantOwnership);
    if (!visible) throw new HttpFailure(hooks.unknownKeyStatus ?? 404, 'NotFound', `Customer ${customerKey} not found`);
    const updated = await ctx.store.replace(customerKey, stored, ctx.now(), hooks);
    let detail = customerDetail(updated);
    if (hooks.detail) detail = hooks.detail(detail);
    send(res, hooks.successStatus ?? 200, hooks.contentType?.(format) ?? CONTENT_TYPES[format], render(format, 'CustomerDetail', detail, hooks));
  } catch (e) {
    if (!(e instanceof HttpFailure)) throw e;
    const errorFormat = hooks.errorFormat ? hooks.errorFormat(format, formatOfMediaType(req.headers['content-type'])) : format;
    send(res, e.status, hooks.contentType?.(errorFormat) ?? CONTENT_TYPES[errorFormat], errorResponse(errorFormat, e, hooks));
  }
}

/**
 * A route variable as ServiceStack binds it: percent-decoded, or — when an escape is malformed
 * (`%ZZ`, a lone `%`, a cut-off or invalid UTF-8 sequence) — the text as sent, the way ASP.NET's
 * URL decoding leaves an escape it cannot read. Either way it is text the Int32 binding refuses
 * (400 RequestBindingException), never an exception that ends the request in a 500.
 */
function routeVariable(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (e) {
    if (e instanceof URIError) return segment;
    throw e;
  }
}

/**
 * The body as text: UTF-8, strictly (reference/http-util.ts `decodeBody`). A body that is not
 * UTF-8 is one that cannot be deserialized: 400 SerializationException, as the XML reader
 * answers it — or 415 when its Content-Type is one the service does not take at all.
 */
function decodeRequestBody(bytes: Uint8Array, contentType: string | undefined, hooks: Hooks): string {
  try {
    return decodeBody(bytes, { lenient: hooks.lenientBodyDecoding });
  } catch (e) {
    if (!(e instanceof BodyEncodingError)) throw e;
    if (!formatOfMediaType(contentType)) throw unsupportedContentType(contentType);
    throw new HttpFailure(400, 'SerializationException', `There was an error deserializing the object of type PutCustomer. ${e.message}`);
  }
}

function unsupportedContentType(contentType: string | undefined): HttpFailure {
  return new HttpFailure(415, 'NotSupportedException', `Content-Type '${mediaType(contentType) || '(none)'}' is not supported; send application/xml or application/json`);
}

function render(format: Format, typeName: string, value: ValueObject, hooks: Hooks): string {
  if (format === 'xml') {
    const xml = writeDataContractXml(TYPES, typeName, value, hooks.xmlWriteOptions);
    return hooks.xmlAnswer ? hooks.xmlAnswer(xml) : xml;
  }
  if (!hooks.jsonAnswer) return writeServiceStackJson(TYPES, typeName, value);
  return JSON.stringify(hooks.jsonAnswer(JSON.parse(writeServiceStackJson(TYPES, typeName, value)) as Record<string, unknown>));
}

function authenticate(req: IncomingMessage, fixtures: ReferenceFixtures): RestUser | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  return Object.values(fixtures.rest.users).find((u) => u.authorization === header);
}

/** Deserializes a PutCustomer body in the format of its Content-Type (400 SerializationException if it cannot). */
function deserialize(raw: string, contentType: string | undefined): ValueObject {
  if (raw.trim() === '') return {};
  const format = formatOfMediaType(contentType);
  try {
    if (format === 'xml') {
      const root = parseXml(raw);
      if (root.local !== 'PutCustomer' || root.ns !== NS.bindingModels) {
        throw new DeserializeError(`Expecting element 'PutCustomer' from namespace '${NS.bindingModels}'.. Encountered 'Element' with name '${qualifiedName(root)}'.`);
      }
      return readDataContractXml(TYPES, root, 'PutCustomer');
    }
    if (format === 'json') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch (e) {
        throw new DeserializeError(`Invalid JSON: ${(e as Error).message}`);
      }
      return readServiceStackJson(TYPES, parsed, 'PutCustomer');
    }
  } catch (e) {
    if (e instanceof XmlReadError) {
      const message = e.kind === 'dtd' ? 'For security reasons DTD is prohibited in this XML document.' : `There was an error deserializing the object of type PutCustomer. ${e.message}`;
      throw new HttpFailure(400, 'SerializationException', message);
    }
    if (e instanceof DeserializeError) throw new HttpFailure(400, 'SerializationException', e.message);
    throw e;
  }
  throw unsupportedContentType(contentType);
}

function errorResponse(format: Format, failure: HttpFailure, hooks: Hooks): string {
  let value: ValueObject = {
    ResponseStatus: {
      ErrorCode: failure.errorCode,
      Message: failure.message,
      StackTrace: null,
      Errors: failure.errors.map((e) => ({ ErrorCode: e.errorCode, FieldName: e.fieldName, Message: e.message, Meta: null })),
      Meta: null,
    },
  };
  if (hooks.errorResponse) value = hooks.errorResponse(value);
  return render(format, 'ErrorResponse', value, hooks);
}
