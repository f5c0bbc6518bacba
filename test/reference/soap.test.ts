/** The reference gateway's SOAP side: one test per documented behaviour (issue #2). */
import { fileURLToPath } from 'node:url';
import * as soap from 'soap';
import { request as undiciRequest } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  FAULT_INVALID_CUSTOMER_INTERNAL_ID,
  NS,
  OPERATION_NAME,
  SOAP_ACTION,
  soapTypeSpec,
} from '../../contract/mark-customer-as-synchronized.ts';
import { WSDL_PATH } from '../../contract/mark-customer-as-synchronized.ts';
import { buildMarkRequest, type MarkRequestValue } from '../../contract/soap-envelope.ts';
import { XML_NS, attr, child, parseXml } from '../../lib/xml/parse.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import { type HttpResult, http, sendStreamed } from '../helpers/http.ts';
import { type StreamedBody, isStreamedBody } from '../../lib/http/client.ts';
import { hostileBodies, withLatin1Text } from '../../generators/hostile-xml.ts';
import { SEED_SOAP_RESPONSE } from '../helpers/seed.ts';

let gw: ReferenceGateway;
let known: { customerInternalId: string; customerId: string };
let securityId: string;
beforeAll(async () => {
  gw = await startReferenceGateway();
  known = gw.fixtures.soap.customers[0]!;
  securityId = gw.fixtures.soap.securityId;
});
afterAll(() => gw.close());

function post(body: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return http('POST', gw.soapUrl, { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${SOAP_ACTION}"`, ...headers }, body);
}

/** Like `post`, but the body may be bytes (sent unchanged), to `url` (default the reference). */
async function postBytes(body: string | Uint8Array | StreamedBody, url = gw.soapUrl, headers: Record<string, string> = {}): Promise<HttpResult> {
  const all = { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${SOAP_ACTION}"`, ...headers };
  if (isStreamedBody(body)) return sendStreamed('POST', url, all, body);
  const res = await undiciRequest(url, { method: 'POST', headers: all, body, headersTimeout: 20_000, bodyTimeout: 20_000 });
  const text = await res.body.text();
  const ct = res.headers['content-type'];
  return { status: res.statusCode, headers: res.headers, text, contentType: Array.isArray(ct) ? (ct[0] ?? '') : (ct ?? '') };
}

const request = (overrides: Partial<MarkRequestValue> = {}): string =>
  buildMarkRequest({ securityToken: { SecurityId: securityId, UserId: '', Password: '' }, customerInternalId: known.customerInternalId, ...overrides });

function resultOf(res: HttpResult) {
  const body = child(parseXml(res.text), NS.soapEnv, 'Body')!;
  return child(child(body, NS.service, `${OPERATION_NAME}Response`)!, NS.service, `${OPERATION_NAME}Result`)!;
}

function faultOf(res: HttpResult) {
  const fault = child(child(parseXml(res.text), NS.soapEnv, 'Body')!, NS.soapEnv, 'Fault')!;
  const code = child(fault, '', 'faultcode')!;
  const [prefix, local] = code.text.split(':') as [string, string];
  const str = child(fault, '', 'faultstring')!;
  return { ns: code.scope.get(prefix), local, string: str.text, lang: attr(str, XML_NS, 'lang') };
}

describe('success', () => {
  it('answers 200 text/xml in the shape of the seed example, and records the sync time', async () => {
    const before = Date.now();
    const res = await post(request());
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/xml/);
    const result = resultOf(res);
    expect(result.children.map((c) => `${c.ns} ${c.local}`)).toEqual(soapTypeSpec('CustomerResponse').members.map((m) => `${NS.service} ${m.name}`));
    const v = (n: string) => child(result, NS.service, n)!.text;
    expect([v('CustomerId'), v('CustomerInternalId'), v('Status'), v('StatusCode'), v('Error'), v('ErrorCode')]).toEqual([
      known.customerId, known.customerInternalId, 'Success', '1', '', '0',
    ]);
    expect(gw.lastSyncOf(known.customerInternalId)!.getTime()).toBeGreaterThanOrEqual(before);
    // Same serialization as the seed's example, once the example's masked values are substituted.
    const seedLike = SEED_SOAP_RESPONSE.replace(/\n/g, '').replace('CUST-001', known.customerId).replace('********-61b1-4457-a4d1-************', known.customerInternalId);
    expect(res.text).toBe(seedLike);
  });

  it.each([
    ['quoted', `"${SOAP_ACTION}"`],
    ['unquoted', SOAP_ACTION],
  ])('accepts the SOAPAction %s', async (_n, action) => {
    expect((await post(request(), { SOAPAction: action })).status).toBe(200);
  });

  it.each([
    ['empty UserId and Password', { SecurityId: '', UserId: '', Password: '' }],
    ['absent UserId and Password', {}],
    ['present UserId and Password', { UserId: 'merchant1', Password: 'merchant1' }],
  ])('accepts a token with %s', async (_n, token) => {
    expect((await post(request({ securityToken: { ...token, SecurityId: securityId } }))).status).toBe(200);
  });

  it('matches customerInternalId case-insensitively, as GUIDs compare', async () => {
    expect((await post(request({ customerInternalId: known.customerInternalId.toUpperCase() }))).status).toBe(200);
  });
});

describe('the documented fault', () => {
  it.each([
    ['unknown', '00000000-0000-4000-8000-000000000000'],
    ['empty', ''],
    ['malformed', 'not-a-guid'],
  ])('an %s customerInternalId gets s:InvalidCustomerInternalId, "Invalid CustomerInternalId", xml:lang en-US, HTTP 500, text/xml', async (_n, id) => {
    const res = await post(request({ customerInternalId: id }));
    expect(res.status).toBe(500);
    expect(res.contentType).toMatch(/^text\/xml/);
    expect(faultOf(res)).toEqual({
      ns: FAULT_INVALID_CUSTOMER_INTERNAL_ID.codeNamespace,
      local: FAULT_INVALID_CUSTOMER_INTERNAL_ID.codeLocalName,
      string: FAULT_INVALID_CUSTOMER_INTERNAL_ID.faultString,
      lang: 'en-US',
    });
  });

  it('a missing customerInternalId element gets the same fault', async () => {
    const res = await post(buildMarkRequest({ securityToken: { SecurityId: securityId } }));
    expect(faultOf(res).local).toBe('InvalidCustomerInternalId');
  });
});

describe('security', () => {
  it.each([
    ['an unknown SecurityId', { securityToken: { SecurityId: '11111111-2222-4333-8444-555555555555' } }],
    ['an empty SecurityId', { securityToken: { SecurityId: '' } }],
    ['no securityToken', { securityToken: undefined }],
  ])('%s gets the InvalidSecurityId fault, never Success', async (_n, overrides) => {
    const res = await post(request(overrides as Partial<MarkRequestValue>));
    expect(res.status).toBe(500);
    expect(faultOf(res)).toMatchObject({ ns: NS.soapEnv, local: 'InvalidSecurityId' });
  });
});

describe('protocol', () => {
  it('a wrong SOAPAction gets a:ActionNotSupported', async () => {
    const res = await post(request(), { SOAPAction: '"http://eBizCharge.ServiceModel.SOAP/IeBizService/GetCustomer"' });
    expect(res.status).toBe(500);
    expect(faultOf(res)).toMatchObject({ ns: NS.addressingNone, local: 'ActionNotSupported' });
  });

  it('a SOAP 1.2 content type gets 415', async () => {
    expect((await post(request(), { 'Content-Type': 'application/soap+xml; charset=utf-8' })).status).toBe(415);
  });

  it('a SOAP 1.2 envelope sent as text/xml gets a VersionMismatch fault', async () => {
    const res = await post(request().replaceAll(NS.soapEnv, NS.soap12Env));
    expect(faultOf(res)).toMatchObject({ ns: NS.soapEnv, local: 'VersionMismatch' });
  });

  it('GET ?wsdl serves the project WSDL with this endpoint as its address', async () => {
    const res = await http('GET', `${gw.soapUrl}?wsdl`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`location="${gw.soapUrl}"`);
    expect(res.text).toContain(`soapAction="${SOAP_ACTION}"`);
  });
});

describe('hostile input is refused and the endpoint keeps answering', () => {
  // Built lazily: the fixtures are known only once the gateway has started. The internal entity
  // expands to the real id, so a gateway that expanded it would answer Success.
  const cases = () =>
    hostileBodies({
      operation: 'mark-customer-as-synchronized',
      validXml: request(),
      rootName: 'soapenv:Envelope',
      field: 'customerInternalId',
      expansion: known.customerInternalId,
      rootNamespace: NS.soapEnv,
      freeTextField: 'UserId',
    });
  const names = hostileBodies({ operation: 'mark-customer-as-synchronized', validXml: '<a><UserId></UserId><customerInternalId>x</customerInternalId></a>', rootName: 'a', field: 'customerInternalId', rootNamespace: 'urn:x', freeTextField: 'UserId' }).map((c) => c.name);

  it.each(names)('%s: a Client fault (or 413 when oversized), never Success; a valid call still succeeds', async (name) => {
    const c = cases().find((x) => x.name === name)!;
    const res = await postBytes(c.body);
    if (c.clause.endsWith('oversized-body-refused')) expect(res.status).toBe(413);
    else {
      expect(res.status).toBe(500);
      expect(res.contentType).toMatch(/^text\/xml/);
      expect(faultOf(res)).toMatchObject({ ns: NS.soapEnv, local: 'Client' });
    }
    expect(res.text).not.toContain('Success');
    if (c.leakMarker) expect(res.text).not.toContain(c.leakMarker);
    expect((await post(request())).status).toBe(200);
  });

  it('a body that is not an Envelope at all gets a Client fault', async () => {
    expect(faultOf(await post('<hello/>'))).toMatchObject({ ns: NS.soapEnv, local: 'Client' });
  });
});

describe('envelopes are read as UTF-8, strictly', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(['UserId', 'customerInternalId'])('Latin-1 bytes in %s: a Client fault naming the byte, never Success, nothing on stderr', async (local) => {
    const write = vi.spyOn(process.stderr, 'write');
    const error = vi.spyOn(console, 'error');
    const res = await postBytes(withLatin1Text(request(), local));
    expect(res.status).toBe(500);
    expect(faultOf(res)).toMatchObject({ ns: NS.soapEnv, local: 'Client' });
    expect(faultOf(res).string).toContain('0xFC');
    expect(res.text).not.toContain('Success');
    expect([...write.mock.calls, ...error.mock.calls]).toEqual([]);
    expect((await post(request())).status).toBe(200);
  });

  it('a leading byte-order mark is dropped', async () => {
    const res = await postBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(request())]));
    expect(res.status).toBe(200);
  });

  it('fault non-utf8-body-accepted: the same envelope is taken, Success', async () => {
    const faulty = await startReferenceGateway({ fault: 'non-utf8-body-accepted' });
    try {
      const sent = withLatin1Text(buildMarkRequest({ securityToken: { SecurityId: faulty.fixtures.soap.securityId, UserId: '', Password: '' }, customerInternalId: faulty.fixtures.soap.customers[0]!.customerInternalId }), 'UserId');
      const res = await postBytes(sent, faulty.soapUrl);
      expect(res.status).toBe(200);
      expect(child(resultOf(res), NS.service, 'Status')!.text).toBe('Success');
    } finally {
      await faulty.close();
    }
  });
});

describe('the soap package, from the project WSDL', () => {
  const wsdlFile = fileURLToPath(new URL(`../../${WSDL_PATH}`, import.meta.url));

  it('loads the WSDL and marks a customer through the reference', async () => {
    const client = await soap.createClientAsync(wsdlFile);
    client.setEndpoint(gw.soapUrl);
    const [result] = (await client.MarkCustomerAsSynchronizedAsync({
      securityToken: { SecurityId: securityId, UserId: '', Password: '' },
      customerInternalId: known.customerInternalId,
    })) as [{ MarkCustomerAsSynchronizedResult: Record<string, unknown> }];
    expect(result.MarkCustomerAsSynchronizedResult).toMatchObject({
      CustomerId: known.customerId,
      CustomerInternalId: known.customerInternalId,
      Status: 'Success',
      StatusCode: 1,
      ErrorCode: 0,
    });
  });

  it('surfaces the documented fault for an unknown id', async () => {
    const client = await soap.createClientAsync(wsdlFile);
    client.setEndpoint(gw.soapUrl);
    const error = await client
      .MarkCustomerAsSynchronizedAsync({ securityToken: { SecurityId: securityId }, customerInternalId: 'nope' })
      .then(() => undefined, (e: { root?: { Envelope?: { Body?: { Fault?: { faultcode?: string; faultstring?: unknown } } } } }) => e);
    expect(error?.root?.Envelope?.Body?.Fault?.faultcode).toBe('s:InvalidCustomerInternalId');
  });

  it('loads the WSDL the reference serves at ?wsdl', async () => {
    const client = await soap.createClientAsync(`${gw.soapUrl}?wsdl`);
    expect(Object.keys(client.describe().eBizService.BasicHttpBinding_IeBizService)).toEqual([OPERATION_NAME]);
  });
});
