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
import { readDataContractXml, writeDataContractXml } from '../../lib/xml/datacontract.ts';
import { XmlReadError, parseXml, qualifiedName } from '../../lib/xml/parse.ts';
import type { ReferenceFixtures, RestUser } from '../fixtures.ts';
import { BodyTooLargeError, mediaType, readBody, send } from '../http-util.ts';
import { CONTENT_TYPES, type Format, formatOfMediaType, negotiateFormat } from './negotiation.ts';
import { CustomerStore, customerDetail } from './store.ts';
import { type ValidationError, validatePutCustomer } from './validate.ts';

export const REST_BASE_PATH = '/api';
const ROUTE = /^\/api\/customers\/([^/]+)$/;

export interface RestContext {
  readonly fixtures: ReferenceFixtures;
  readonly store: CustomerStore;
  readonly now: () => Date;
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
  let keyText = decodeURIComponent(match[1] ?? '');
  let suffix: Format | undefined;
  const suffixMatch = /\.(xml|json)$/i.exec(keyText);
  if (suffixMatch) {
    suffix = suffixMatch[1]!.toLowerCase() as Format;
    keyText = keyText.slice(0, -suffixMatch[0].length);
  }
  const format = negotiateFormat({
    formatQuery: url.searchParams.get('format'),
    suffix,
    accept: req.headers.accept,
    contentType: req.headers['content-type'],
  });

  try {
    let raw: string;
    try {
      raw = await readBody(req);
    } catch (e) {
      if (e instanceof BodyTooLargeError) {
        req.resume();
        send(res, 413, 'text/plain', 'Request Entity Too Large', { Connection: 'close' });
        return;
      }
      throw e;
    }
    const body = deserialize(raw, req.headers['content-type']);
    const customerKey = parseInt32(keyText);
    if (customerKey === undefined) {
      throw new HttpFailure(400, 'RequestBindingException', `Unable to bind to request 'PutCustomer': '${keyText}' is not a valid value for CustomerKey (Int32)`);
    }
    const user = authenticate(req, ctx.fixtures);
    if (!user) {
      send(res, 401, undefined, '', { 'WWW-Authenticate': WWW_AUTHENTICATE });
      return;
    }
    if (!user.roles.some((r) => r === 'Merchant' || r === 'Reseller')) {
      send(res, 403, undefined, '');
      return;
    }
    const errors = validatePutCustomer(body);
    if (errors.length > 0) throw new HttpFailure(400, errors[0]!.errorCode, errors[0]!.message, errors);

    const current = ctx.store.get(customerKey);
    const visible = current && (user.roles.includes('Reseller') || user.merchantKey === current.merchantKey);
    if (!visible) throw new HttpFailure(404, 'NotFound', `Customer ${customerKey} not found`);
    const updated = ctx.store.replace(customerKey, body, ctx.now());
    const detail = customerDetail(updated);
    const text = format === 'xml' ? writeDataContractXml(TYPES, 'CustomerDetail', detail) : writeServiceStackJson(TYPES, 'CustomerDetail', detail);
    send(res, 200, CONTENT_TYPES[format], text);
  } catch (e) {
    if (!(e instanceof HttpFailure)) throw e;
    send(res, e.status, CONTENT_TYPES[format], errorResponse(format, e));
  }
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
  throw new HttpFailure(415, 'NotSupportedException', `Content-Type '${mediaType(contentType) || '(none)'}' is not supported; send application/xml or application/json`);
}

function errorResponse(format: Format, failure: HttpFailure): string {
  const value: ValueObject = {
    ResponseStatus: {
      ErrorCode: failure.errorCode,
      Message: failure.message,
      StackTrace: null,
      Errors: failure.errors.map((e) => ({ ErrorCode: e.errorCode, FieldName: e.fieldName, Message: e.message, Meta: null })),
      Meta: null,
    },
  };
  return format === 'xml' ? writeDataContractXml(TYPES, 'ErrorResponse', value) : writeServiceStackJson(TYPES, 'ErrorResponse', value);
}
