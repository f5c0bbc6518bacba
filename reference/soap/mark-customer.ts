/**
 * MarkCustomerAsSynchronized on a SOAP 1.1 endpoint, behaving as WCF basicHttpBinding does
 * (REFERENCE-NOTES.md, "eBizCharge SOAP API").
 *
 * Why not the `soap` package's server: it always writes the body with its own `tns`-style
 * prefixes and no xsi/xsd on Body, cannot put `xml:lang` on faultstring, has no notion of WCF's
 * ActionNotSupported or the 415 for SOAP 1.2, and parses before we can refuse a DTD. The
 * envelopes here are built with xmlbuilder2 from the contract so the reference answers in the
 * seed's exact form; the `soap` package is exercised as the client of this endpoint, through the
 * project's WSDL, in the tests and the suite.
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
import { buildFault, buildMarkResponse } from '../../lib/soap/envelope.ts';
import { XmlReadError, child, parseXml } from '../../lib/xml/parse.ts';
import type { ReferenceFixtures } from '../fixtures.ts';
import { BodyTooLargeError, mediaType, readBody, send } from '../http-util.ts';

export const SOAP_PATH = '/soap/eBizService.svc';
const XML_CONTENT_TYPE = `${SOAP11_CONTENT_TYPE}; charset=utf-8`;

export interface SoapContext {
  readonly fixtures: ReferenceFixtures;
  /** customerInternalId (lower case) → last CustomerLastSyncDateTime set. */
  readonly syncTimes: Map<string, Date>;
  readonly now: () => Date;
  /** The project's WSDL with its address pointing at this endpoint. */
  readonly wsdl: (address: string) => string;
}

const clientFault = (faultString: string): FaultSpec => ({ codeNamespace: NS.soapEnv, codeLocalName: 'Client', faultString, lang: 'en-US' });

function sendFault(res: ServerResponse, fault: FaultSpec): void {
  send(res, 500, XML_CONTENT_TYPE, buildFault(fault));
}

export async function handleSoap(req: IncomingMessage, res: ServerResponse, url: URL, ctx: SoapContext): Promise<void> {
  if (req.method === 'GET' && (url.searchParams.has('wsdl') || url.searchParams.has('singleWsdl') || url.searchParams.has('singlewsdl'))) {
    send(res, 200, XML_CONTENT_TYPE, ctx.wsdl(`${url.origin}${url.pathname}`));
    return;
  }
  if (req.method !== 'POST') {
    req.resume();
    send(res, 405, 'text/plain', 'Method Not Allowed: POST a SOAP 1.1 envelope, or GET ?wsdl', { Allow: 'POST, GET' });
    return;
  }
  const contentType = mediaType(req.headers['content-type']);
  if (contentType !== SOAP11_CONTENT_TYPE) {
    req.resume();
    // WCF basicHttpBinding answers any other content type, SOAP 1.2's included, with a bare 415.
    const expected = contentType === SOAP12_CONTENT_TYPE ? 'SOAP 1.2 is not supported by this SOAP 1.1 endpoint' : `expected ${SOAP11_CONTENT_TYPE}`;
    send(res, 415, 'text/plain', `Cannot process the message because the content type '${contentType}' was not the expected type: ${expected}`);
    return;
  }
  let raw: string;
  try {
    raw = await readBody(req);
  } catch (e) {
    if (!(e instanceof BodyTooLargeError)) throw e;
    req.resume();
    send(res, 413, 'text/plain', 'Request Entity Too Large', { Connection: 'close' });
    return;
  }

  let envelope;
  try {
    envelope = parseXml(raw);
  } catch (e) {
    if (!(e instanceof XmlReadError)) throw e;
    sendFault(res, clientFault(e.kind === 'dtd' ? 'For security reasons DTD is prohibited in this XML document.' : `The message is not well-formed XML: ${e.message}`));
    return;
  }
  if (envelope.local !== 'Envelope' || envelope.ns !== NS.soapEnv) {
    const versionMismatch = envelope.local === 'Envelope' && envelope.ns === NS.soap12Env;
    sendFault(res, versionMismatch
      ? { codeNamespace: NS.soapEnv, codeLocalName: 'VersionMismatch', faultString: 'The SOAP envelope version is not SOAP 1.1', lang: 'en-US' }
      : clientFault('The message is not a SOAP 1.1 Envelope'));
    return;
  }
  const action = (req.headers.soapaction as string | undefined)?.trim().replace(/^"(.*)"$/, '$1');
  if (action !== SOAP_ACTION) {
    sendFault(res, {
      codeNamespace: NS.addressingNone,
      codeLocalName: 'ActionNotSupported',
      faultString: `The message with Action '${action ?? ''}' cannot be processed at the receiver, due to a ContractFilter mismatch at the EndpointDispatcher.`,
      lang: 'en-US',
    });
    return;
  }
  const body = child(envelope, NS.soapEnv, 'Body');
  const op = body && child(body, NS.service, OPERATION_NAME);
  if (!op) {
    sendFault(res, clientFault(`The Body must hold {${NS.service}}${OPERATION_NAME}`));
    return;
  }

  const token = child(op, NS.service, 'securityToken');
  const securityId = token && child(token, NS.service, 'SecurityId')?.text.trim();
  if (!securityId || securityId.toLowerCase() !== ctx.fixtures.soap.securityId.toLowerCase()) {
    sendFault(res, FAULT_INVALID_SECURITY_ID);
    return;
  }
  const internalId = child(op, NS.service, 'customerInternalId')?.text.trim() ?? '';
  const customer = ctx.fixtures.soap.customers.find((c) => c.customerInternalId.toLowerCase() === internalId.toLowerCase());
  if (!customer || internalId === '') {
    sendFault(res, FAULT_INVALID_CUSTOMER_INTERNAL_ID);
    return;
  }
  ctx.syncTimes.set(customer.customerInternalId.toLowerCase(), ctx.now());
  send(res, 200, XML_CONTENT_TYPE, buildMarkResponse({
    CustomerId: customer.customerId,
    CustomerInternalId: customer.customerInternalId,
    Status: SUCCESS.Status,
    StatusCode: SUCCESS.StatusCode,
    Error: '',
    ErrorCode: SUCCESS.ErrorCode,
  }));
}
