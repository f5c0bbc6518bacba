/**
 * MarkCustomerAsSynchronized on a SOAP 1.1 endpoint, behaving as WCF basicHttpBinding does
 * (docs/PLATFORM-NOTES.md §wcf, §xmlserializer, §wcf-faults).
 *
 * Why not the `soap` package's server: it always writes the body with its own `tns`-style
 * prefixes and no xsi/xsd on Body, cannot put `xml:lang` on faultstring, has no notion of WCF's
 * ActionNotSupported or the 415 for SOAP 1.2, and parses before we can refuse a DTD. The
 * envelopes here are written from the contract (contract/soap-envelope.ts) so the reference
 * answers in the seed's exact form; the `soap` package is exercised as the client of this
 * endpoint, through the project's WSDL, in the tests and the suite.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  FAULT_INVALID_CUSTOMER_INTERNAL_ID,
  FAULT_INVALID_SECURITY_ID,
  type FaultSpec,
  NS,
  OPERATION_NAME,
  SOAP11_CONTENT_TYPE,
  SOAP12_CONTENT_TYPE,
  SOAP_ACTION,
  SUCCESS,
} from '../../contract/mark-customer-as-synchronized.ts';
import { buildFault, buildMarkResponse } from '../../contract/soap-envelope.ts';
import { XmlReadError, attr, child, hasDoctype, parseXml } from '../../lib/xml/parse.ts';
import type { ValueObject } from '../../lib/values.ts';
import type { HooksFor } from '../faults/hooks.ts';

type Hooks = HooksFor<'mark-customer-as-synchronized'>;
import { expandEntitiesUnsafely, isEntityBomb } from '../unsafe-entities.ts';
import type { ReferenceFixtures } from '../fixtures.ts';
import { BodyEncodingError, BodyTooLargeError, MAX_BODY_BYTES, decodeBody, mediaType, readBody, refuseOversized, send, sendServerErrorPage } from '../http-util.ts';

export const SOAP_PATH = '/soap/eBizService.svc';
const XML_CONTENT_TYPE = `${SOAP11_CONTENT_TYPE}; charset=utf-8`;

export interface SoapContext {
  readonly fixtures: ReferenceFixtures;
  /** customerInternalId (lower case) → last CustomerLastSyncDateTime set. */
  readonly syncTimes: Map<string, Date>;
  readonly now: () => Date;
  /** The project's WSDL with its address pointing at this endpoint. */
  readonly wsdl: (address: string) => string;
  /** Fault hooks, only MarkCustomerAsSynchronized's (reference/faults/hooks.ts HOOK_OPERATIONS); empty for the faithful reference. */
  readonly hooks: Hooks;
  readonly hostileAftermath: { remaining: number };
}

const clientFault = (faultString: string): FaultSpec => ({ codeNamespace: NS.soapEnv, codeLocalName: 'Client', faultString, lang: 'en-US' });

function sendFault(res: ServerResponse, fault: FaultSpec, hooks: Hooks): void {
  const f = hooks.soapFault ? hooks.soapFault(fault) : fault;
  sendXml(res, hooks.soapFaultStatus ?? 500, buildFault(f), hooks);
}

function sendXml(res: ServerResponse, status: number, xml: string, hooks: Hooks): void {
  send(res, status, hooks.soapContentType ?? XML_CONTENT_TYPE, hooks.soapXml ? hooks.soapXml(xml) : xml);
}

export async function handleSoap(req: IncomingMessage, res: ServerResponse, url: URL, ctx: SoapContext): Promise<void> {
  const hooks = ctx.hooks;
  if (req.method === 'GET' && (url.searchParams.has('wsdl') || url.searchParams.has('singleWsdl') || url.searchParams.has('singlewsdl'))) {
    send(res, 200, XML_CONTENT_TYPE, ctx.wsdl(`${url.origin}${url.pathname}`));
    return;
  }
  if (req.method !== 'POST') {
    req.resume();
    send(res, 405, 'text/plain', 'Method Not Allowed: POST a SOAP 1.1 envelope, or GET ?wsdl', { Allow: 'POST, GET' });
    return;
  }
  if (hooks.failAfterHostile && ctx.hostileAftermath.remaining > 0) {
    ctx.hostileAftermath.remaining--;
    req.resume();
    send(res, 500, 'text/plain', 'Internal Server Error');
    return;
  }
  const contentType = mediaType(req.headers['content-type']);
  const soap12 = contentType === SOAP12_CONTENT_TYPE && hooks.soapAcceptSoap12;
  if (contentType !== SOAP11_CONTENT_TYPE && !soap12) {
    req.resume();
    // WCF basicHttpBinding answers any other content type, SOAP 1.2's included, with a bare 415.
    const expected = contentType === SOAP12_CONTENT_TYPE ? 'SOAP 1.2 is not supported by this SOAP 1.1 endpoint' : `expected ${SOAP11_CONTENT_TYPE}`;
    send(res, 415, 'text/plain', `Cannot process the message because the content type '${contentType}' was not the expected type: ${expected}`);
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await readBody(req, hooks.noSizeLimit ? Infinity : (hooks.maxBodyBytes ?? MAX_BODY_BYTES));
  } catch (e) {
    if (!(e instanceof BodyTooLargeError)) throw e;
    refuseOversized(req, res, hooks.oversizedAnswer);
    return;
  }
  let raw: string;
  try {
    // UTF-8, strictly (reference/http-util.ts): WCF's text encoder throws on a byte that is not.
    raw = decodeBody(bytes, { lenient: hooks.lenientBodyDecoding });
  } catch (e) {
    if (!(e instanceof BodyEncodingError)) throw e;
    if (hooks.failAfterHostile) ctx.hostileAftermath.remaining = 3;
    malformed(res, `The message is not well-formed XML: ${e.message}`, hooks);
    return;
  }
  if (hooks.failAfterHostile && (hasDoctype(raw) || bytes.length > MAX_BODY_BYTES)) ctx.hostileAftermath.remaining = 3;
  if (hooks.hangOnEntityBomb && isEntityBomb(raw)) await new Promise((r) => setTimeout(r, hooks.hangOnEntityBomb));
  if (hooks.expandEntities) raw = expandEntitiesUnsafely(raw);
  if (soap12) raw = raw.replaceAll(NS.soap12Env, NS.soapEnv);

  let envelope;
  try {
    envelope = parseXml(raw);
  } catch (e) {
    if (!(e instanceof XmlReadError)) throw e;
    if (hooks.failAfterHostile) ctx.hostileAftermath.remaining = 3;
    malformed(res, e.kind === 'dtd' ? 'For security reasons DTD is prohibited in this XML document.' : `The message is not well-formed XML: ${e.message}`, hooks);
    return;
  }
  if (envelope.local !== 'Envelope' || envelope.ns !== NS.soapEnv) {
    if (envelope.local === 'Envelope' && envelope.ns === NS.soap12Env) {
      sendFault(res, { codeNamespace: NS.soapEnv, codeLocalName: 'VersionMismatch', faultString: 'The SOAP envelope version is not SOAP 1.1', lang: 'en-US' }, hooks);
    } else {
      malformed(res, 'The message is not a SOAP 1.1 Envelope', hooks);
    }
    return;
  }
  const rawAction = req.headers.soapaction as string | undefined;
  const actionOk = hooks.soapAcceptAction ? hooks.soapAcceptAction(rawAction, SOAP_ACTION) : rawAction?.trim().replace(/^"(.*)"$/, '$1') === SOAP_ACTION;
  if (!actionOk && !soap12) {
    sendFault(res, {
      codeNamespace: NS.addressingNone,
      codeLocalName: 'ActionNotSupported',
      faultString: `The message with Action '${rawAction ?? ''}' cannot be processed at the receiver, due to a ContractFilter mismatch at the EndpointDispatcher.`,
      lang: 'en-US',
    }, hooks);
    return;
  }
  // The reference understands no header block (SOAP 1.1 §4.2.3): one it must understand is a MustUnderstand fault.
  const blocks = child(envelope, NS.soapEnv, 'Header')?.children ?? [];
  const notUnderstood = blocks.find((h) => hooks.soapRefuseUnknownHeaders || (!hooks.soapIgnoreMustUnderstand && attr(h, NS.soapEnv, 'mustUnderstand')?.trim() === '1'));
  if (notUnderstood) {
    sendFault(res, { codeNamespace: NS.soapEnv, codeLocalName: 'MustUnderstand', faultString: `The header '${notUnderstood.local}' from the namespace '${notUnderstood.ns}' was not understood by the recipient of this message, causing the message to not be processed.`, lang: 'en-US' }, hooks);
    return;
  }
  const body = child(envelope, NS.soapEnv, 'Body');
  const op = body && child(body, NS.service, OPERATION_NAME);
  if (!op) {
    malformed(res, `The Body must hold {${NS.service}}${OPERATION_NAME}`, hooks);
    return;
  }

  const token = child(op, NS.service, 'securityToken');
  const securityId = token && child(token, NS.service, 'SecurityId')?.text.trim();
  const sameId = (a: string | undefined) => a !== undefined && securityId !== undefined && securityId !== '' && securityId.toLowerCase() === a.toLowerCase();
  const otherMerchant = sameId(ctx.fixtures.soap.otherMerchantSecurityId);
  const tokenOk = sameId(ctx.fixtures.soap.securityId) || otherMerchant;
  const blankCredentials = !child(token ?? op, NS.service, 'UserId')?.text && !child(token ?? op, NS.service, 'Password')?.text;
  if ((!tokenOk && !hooks.soapSkipTokenCheck) || (hooks.soapRejectEmptyCredentials && blankCredentials)) {
    sendFault(res, FAULT_INVALID_SECURITY_ID, hooks);
    return;
  }
  if (hooks.crashOnValidMark?.({ userId: child(token ?? op, NS.service, 'UserId')?.text, password: child(token ?? op, NS.service, 'Password')?.text })) {
    sendServerErrorPage(res, 'Object reference not set to an instance of an object.');
    return;
  }
  const internalId = child(op, NS.service, 'customerInternalId')?.text.trim() ?? '';
  const known = ctx.fixtures.soap.customers.find((c) => (hooks.soapCaseSensitiveIds ? c.customerInternalId === internalId : c.customerInternalId.toLowerCase() === internalId.toLowerCase()));
  // Another merchant's token sees none of these customers: their ids are unknown to it.
  const customer = known && internalId !== '' && (!otherMerchant || hooks.soapIgnoreMerchantOwnership) ? known : hooks.soapSuccessForUnknownIds ? { customerInternalId: internalId, customerId: 'UNKNOWN' } : undefined;
  if (!customer) {
    sendFault(res, hooks.soapEchoIdInFault ? { ...FAULT_INVALID_CUSTOMER_INTERNAL_ID, faultString: `${FAULT_INVALID_CUSTOMER_INTERNAL_ID.faultString}: ${internalId}` } : FAULT_INVALID_CUSTOMER_INTERNAL_ID, hooks);
    return;
  }
  ctx.syncTimes.set(customer.customerInternalId.toLowerCase(), ctx.now());
  const result: ValueObject = {
    CustomerId: customer.customerId,
    CustomerInternalId: customer.customerInternalId,
    Status: SUCCESS.Status,
    StatusCode: SUCCESS.StatusCode,
    Error: '',
    ErrorCode: SUCCESS.ErrorCode,
  };
  sendXml(res, hooks.soapSuccessStatus ?? 200, buildMarkResponse(hooks.soapResult ? hooks.soapResult(result) : result), hooks);
}

/** A message that is not a well-formed SOAP 1.1 request: a Client fault (or what a fault makes of it). */
function malformed(res: ServerResponse, message: string, hooks: Hooks): void {
  if (hooks.soapHtmlOnMalformed || hooks.crashOnMalformed) {
    send(res, 500, 'text/html', '<!DOCTYPE html><html><body><h1>Server Error in \'/\' Application.</h1></body></html>');
    return;
  }
  if (hooks.soapBare400OnMalformed) {
    send(res, 400, undefined, '');
    return;
  }
  sendFault(res, { ...clientFault(message), ...(hooks.soapServerFaultOnMalformed ? { codeLocalName: 'Server' } : {}) }, hooks);
}
