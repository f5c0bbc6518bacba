/**
 * The misbehaving gateway (test/helpers/misbehaving-gateway.ts) does what each mode says, seen
 * with plain undici requests: it forwards untouched by default, resets, stalls, streams huge and
 * endless bodies lazily, redirects to a recording server, echoes credentials in every encoding
 * into a still well-formed answer, and injects 429/503.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'undici';
import { SOAP11_CONTENT_TYPE, SOAP_ACTION } from '../../contract/mark-customer-as-synchronized.ts';
import { baselineCustomer } from '../../generators/baseline.ts';
import { customerBody } from '../../generators/serialize.ts';
import { buildMarkRequest } from '../../contract/soap-envelope.ts';
import { type XmlElement, parseXml } from '../../lib/xml/parse.ts';
import { DEFAULT_FIXTURES, type ReferenceFixtures } from '../../reference/fixtures.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import { type MisbehavingGateway, type MisbehavingGatewayOptions, credentialForms, credentialsOf, matching, startMisbehavingGateway } from '../helpers/misbehaving-gateway.ts';

const AUTH = 'Bearer s3cret "quoted" <tag> & more';
const SECURITY_ID = 'sec id "x" <y> & z';
const fixtures = structuredClone(DEFAULT_FIXTURES) as ReferenceFixtures & { rest: { users: { merchant: { authorization: string } } }; soap: { securityId: string } };
fixtures.rest.users.merchant.authorization = AUTH;
fixtures.soap.securityId = SECURITY_ID;

const validXml = customerBody(baselineCustomer(), 'xml').body;
const validJson = customerBody(baselineCustomer(), 'json').body;

let gw: ReferenceGateway;
const started: MisbehavingGateway[] = [];
beforeAll(async () => {
  gw = await startReferenceGateway({ fixtures });
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.close()));
});
afterAll(() => gw.close());

async function proxy(options: Omit<MisbehavingGatewayOptions, 'upstream'>): Promise<MisbehavingGateway> {
  const p = await startMisbehavingGateway({ upstream: gw, ...options });
  started.push(p);
  return p;
}

/** A fresh connection per request unless a dispatcher is given, so one reset never leaks into the next. */
async function put(p: MisbehavingGateway, body = validXml, headers: Record<string, string> = {}, signal?: AbortSignal) {
  const dispatcher = new Agent({ pipelining: 0 });
  try {
    const res = await request(`${p.restBaseUrl}/customers/1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/xml', accept: 'application/xml', authorization: AUTH, ...headers },
      body,
      dispatcher,
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
      ...(signal ? { signal } : {}),
    });
    return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
  } finally {
    await dispatcher.destroy();
  }
}

async function post(p: MisbehavingGateway, body: string) {
  const res = await request(p.soapUrl, { method: 'POST', headers: { 'content-type': `${SOAP11_CONTENT_TYPE}; charset=utf-8`, soapaction: `"${SOAP_ACTION}"` }, body, headersTimeout: 10_000, bodyTimeout: 10_000 });
  return { status: res.statusCode, text: await res.body.text() };
}

const errorCode = (e: unknown) => (e as { code?: string; cause?: { code?: string } }).code ?? (e as { cause?: { code?: string } }).cause?.code;

function find(el: XmlElement, local: string): XmlElement | undefined {
  if (el.local === local) return el;
  for (const c of el.children) {
    const f = find(c, local);
    if (f) return f;
  }
  return undefined;
}

describe('forwarding', () => {
  it('without rules, answers exactly what the upstream answers, on URLs mirroring it', async () => {
    const p = await proxy({});
    expect(p.restBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(p.soapUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/soap\/eBizService\.svc$/);
    const through = await put(p);
    const direct = await request(`${gw.restBaseUrl}/customers/1`, { method: 'PUT', headers: { 'content-type': 'application/xml', accept: 'application/xml', authorization: AUTH }, body: validXml });
    const directText = await direct.body.text();
    expect(through.status).toBe(200);
    expect(through.headers['content-type']).toBe(direct.headers['content-type']);
    expect(through.text.replace(/<(LastUpdateTimestamp)>[^<]*</g, '<$1><')).toBe(directText.replace(/<(LastUpdateTimestamp)>[^<]*</g, '<$1><'));
    const soap = await post(p, buildMarkRequest({ securityToken: { SecurityId: SECURITY_ID }, customerInternalId: fixtures.soap.customers[0]!.customerInternalId }));
    expect(soap.status).toBe(200);
    expect(soap.text).toContain('Success');
    expect(p.log.map((e) => [e.method, e.api, e.action, e.status])).toEqual([
      ['PUT', 'rest', 'forwarded', 200],
      ['POST', 'soap', 'forwarded', 200],
    ]);
  });

  it("keeps the client's Host, so the WSDL the upstream builds from it names the proxy", async () => {
    const p = await proxy({});
    const res = await request(`${p.soapUrl}?wsdl`);
    expect(res.statusCode).toBe(200);
    const wsdl = await res.body.text();
    expect(wsdl).toContain(`location="${p.soapUrl}"`);
    expect(wsdl).not.toContain(gw.soapUrl);
  });

  it('matching() picks by method, endpoint, path and body', () => {
    const r = { index: 1, method: 'PUT', url: '/api/customers/1?x=1', pathname: '/api/customers/1', api: 'rest' as const, headers: {}, body: validXml };
    expect(matching({ method: 'put', api: 'rest', path: '/api/customers/1', bodyContains: '<CustomerName>' })(r)).toBe(true);
    expect(matching({ path: /\?x=1$/ })(r)).toBe(true);
    expect(matching({ method: 'POST' })(r)).toBe(false);
    expect(matching({ api: 'soap' })(r)).toBe(false);
    expect(matching({ bodyLacks: '<CustomerName>' })(r)).toBe(false);
  });
});

describe('reset', () => {
  it('the N-th matching request is dropped without an answer; the others are forwarded', async () => {
    const p = await proxy({ rules: [{ when: matching({ method: 'PUT' }), which: { nth: 2 }, do: { kind: 'reset' } }] });
    expect((await put(p)).status).toBe(200);
    const dropped = await put(p).then(
      () => 'answered',
      (e: unknown) => errorCode(e),
    );
    expect(dropped).toMatch(/ECONNRESET|UND_ERR_SOCKET/);
    expect((await put(p)).status).toBe(200);
    expect(p.log.map((e) => e.action)).toEqual(['forwarded', 'reset', 'forwarded']);
  });

  it('every matching request, and only those', async () => {
    const p = await proxy({ rules: [{ when: matching({ bodyContains: '<!DOCTYPE' }), do: { kind: 'reset' } }] });
    for (let i = 0; i < 2; i++) await expect(put(p, `<!DOCTYPE x []>${validXml}`)).rejects.toThrow();
    expect((await put(p)).status).toBe(200);
    expect(p.log.map((e) => e.action)).toEqual(['reset', 'reset', 'forwarded']);
  });

  it('the N-th connection is destroyed before anything is read', async () => {
    const p = await proxy({ resetConnections: { nth: 1 } });
    await expect(put(p)).rejects.toThrow();
    expect((await put(p)).status).toBe(200);
    expect(p.log.map((e) => e.action)).toEqual(['reset-connection', 'forwarded']);
  });
});

describe('stall', () => {
  it('one request is never answered, the next is', async () => {
    const p = await proxy({ rules: [{ when: matching({ method: 'PUT' }), which: { nth: 1 }, do: { kind: 'stall' } }] });
    await expect(put(p, validXml, {}, AbortSignal.timeout(500))).rejects.toThrow();
    expect((await put(p)).status).toBe(200);
    expect(p.log.map((e) => e.action)).toEqual(['stall', 'forwarded']);
  });

  it('close() ends a stalled request still waiting, and resolves', async () => {
    const p = await startMisbehavingGateway({ upstream: gw, rules: [{ do: { kind: 'stall' } }] });
    const hanging = put(p, validXml, {}, AbortSignal.timeout(20_000)).then(
      () => 'answered',
      (e: unknown) => errorCode(e) ?? (e as Error).name,
    );
    await expect.poll(() => p.log.length, { timeout: 5_000 }).toBe(1);
    await p.close();
    expect(await hanging).toMatch(/ECONNRESET|UND_ERR_SOCKET/);
  });
});

describe('huge and endless bodies', () => {
  it('huge: 200 OK, XML, the declared length, written lazily and stopped when the client goes away', async () => {
    const p = await proxy({ rules: [{ when: matching({ method: 'PUT' }), do: { kind: 'huge' } }] });
    const controller = new AbortController();
    const res = await request(`${p.restBaseUrl}/customers/1`, { method: 'PUT', headers: { 'content-type': 'application/xml', authorization: AUTH }, body: validXml, signal: controller.signal });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/xml/);
    expect(res.headers['content-length']).toBe(String(200 * 1000 * 1000));
    let read = 0;
    let first = '';
    for await (const chunk of res.body) {
      if (!first) first = (chunk as Buffer).subarray(0, 40).toString();
      read += (chunk as Buffer).length;
      if (read >= 2 * 1024 * 1024) break;
    }
    controller.abort();
    expect(first).toMatch(/^<\?xml/);
    await expect.poll(() => p.log[0]?.end, { timeout: 10_000 }).toBe('client-gone');
    expect(p.log[0]!.bytes).toBeLessThan(100 * 1000 * 1000);
  });

  it('huge with a small size: exactly that many bytes, then the end', async () => {
    const p = await proxy({ rules: [{ do: { kind: 'huge', bytes: 3 * 1024 * 1024 + 7 } }] });
    const { text, status } = await put(p);
    expect(status).toBe(200);
    expect(Buffer.byteLength(text)).toBe(3 * 1024 * 1024 + 7);
    expect(p.log[0]).toMatchObject({ action: 'huge', end: 'complete', bytes: 3 * 1024 * 1024 + 7 });
  });

  it('endless: no length, streams until the client goes away', async () => {
    const p = await proxy({ rules: [{ when: matching({ api: 'soap' }), do: { kind: 'endless' } }] });
    const controller = new AbortController();
    const res = await request(p.soapUrl, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<x/>', signal: controller.signal });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(res.headers['content-length']).toBeUndefined();
    let read = 0;
    for await (const chunk of res.body) {
      read += (chunk as Buffer).length;
      if (read >= 8 * 1024 * 1024) break;
    }
    controller.abort();
    await expect.poll(() => p.log[0]?.end, { timeout: 10_000 }).toBe('client-gone');
  });

  it('endless stops by itself at its byte cap or its time cap', async () => {
    const p = await proxy({ rules: [{ which: { nth: 1 }, do: { kind: 'endless', maxBytes: 1024 * 1024 } }, { do: { kind: 'endless', maxMs: 300 } }] });
    const capped = await put(p);
    expect(Buffer.byteLength(capped.text)).toBe(1024 * 1024);
    // Counted, not kept: 300 ms of loopback can be a lot of bytes.
    const res = await request(`${p.restBaseUrl}/customers/1`, { method: 'PUT', body: validXml });
    expect(res.statusCode).toBe(200);
    let read = 0;
    for await (const chunk of res.body) read += (chunk as Buffer).length;
    expect(p.log.map((e) => e.end)).toEqual(['byte-cap', 'time-cap']);
    expect(read).toBe(p.log[1]!.bytes);
  });
});

describe('redirect', () => {
  it('answers 307 to the same path on the recorder, which records whatever follows it', async () => {
    const p = await proxy({ rules: [{ when: matching({ api: 'rest' }), do: { kind: 'redirect' } }] });
    const res = await put(p);
    expect(res.status).toBe(307);
    expect(res.headers.location).toBe(`${p.recorder.origin}/api/customers/1`);
    expect(p.recorder.requests).toEqual([]);
    // A client that follows it sends the body there (fetch drops Authorization across origins; SecurityId in a body it cannot).
    const followed = await fetch(`${p.restBaseUrl}/customers/1`, { method: 'PUT', headers: { 'content-type': 'application/xml', 'x-token': 'seen' }, body: validXml, redirect: 'follow' });
    expect(followed.status).toBe(200);
    expect(p.recorder.requests).toHaveLength(1);
    expect(p.recorder.requests[0]).toMatchObject({ method: 'PUT', url: '/api/customers/1', body: validXml });
    expect(p.recorder.requests[0]!.headers['x-token']).toBe('seen');
    // The SOAP endpoint is not matched: forwarded.
    expect((await post(p, '<x/>')).status).toBe(500);
  });
});

describe('echo-credentials', () => {
  const forms = (v: string) => credentialForms(v);

  it('credentialForms: raw, URL-encoded, base64 of the value and of the token, JSON- and XML-escaped', () => {
    const f = forms(AUTH);
    expect(f).toContain(AUTH);
    expect(f).toContain(encodeURIComponent(AUTH));
    expect(f).toContain(Buffer.from(AUTH).toString('base64'));
    expect(f).toContain(Buffer.from(AUTH.slice('Bearer '.length)).toString('base64'));
    expect(f).toContain(JSON.stringify(AUTH).slice(1, -1));
    expect(f).toContain('Bearer s3cret &quot;quoted&quot; &lt;tag&gt; &amp; more');
  });

  it('credentialsOf reads the Authorization header and the SOAP token members, unescaped', () => {
    const body = buildMarkRequest({ securityToken: { SecurityId: SECURITY_ID, UserId: 'u <1>', Password: 'p&"2"' }, customerInternalId: 'x' });
    expect(credentialsOf({ headers: { authorization: AUTH }, body })).toEqual([
      { name: 'Authorization', value: AUTH },
      { name: 'SecurityId', value: SECURITY_ID },
      { name: 'UserId', value: 'u <1>' },
      { name: 'Password', value: 'p&"2"' },
    ]);
  });

  it('REST XML: every form of the Authorization value in the ErrorResponse Message, the XML still well-formed', async () => {
    const p = await proxy({ rules: [{ when: matching({ api: 'rest' }), do: { kind: 'echo-credentials' } }] });
    const res = await put(p, validXml.replace(/<CustomerName>[^<]*</, '<CustomerName><'));
    expect(res.status).toBe(400);
    const message = find(parseXml(res.text), 'Message')!.text;
    for (const f of forms(AUTH)) expect(message).toContain(f);
    expect(message).toMatch(/Customer Name/);
  });

  it('REST JSON: every form in the ErrorResponse message, the JSON still parses', async () => {
    const p = await proxy({ rules: [{ do: { kind: 'echo-credentials' } }] });
    const res = await put(p, validJson.replace(/"CustomerName":"[^"]*"/, '"CustomerName":""'), { 'content-type': 'application/json', accept: 'application/json' });
    expect(res.status).toBe(400);
    const message = (JSON.parse(res.text) as { ResponseStatus: { Message: string } }).ResponseStatus.Message;
    for (const f of forms(AUTH)) expect(message).toContain(f);
  });

  it('SOAP: SecurityId, UserId and Password in every form in the faultstring, the fault still well-formed', async () => {
    const p = await proxy({ rules: [{ when: matching({ api: 'soap' }), do: { kind: 'echo-credentials' } }] });
    const creds = { SecurityId: SECURITY_ID, UserId: 'user "u" <1>', Password: 'pa ss & <w>' };
    const res = await post(p, buildMarkRequest({ securityToken: creds, customerInternalId: '00000000-0000-0000-0000-000000000000' }));
    expect(res.status).toBe(500);
    const faultString = find(parseXml(res.text), 'faultstring')!.text;
    for (const v of Object.values(creds)) for (const f of forms(v)) expect(faultString).toContain(f);
  });

  it('an answer with no message is left as it was', async () => {
    const p = await proxy({ rules: [{ do: { kind: 'echo-credentials' } }] });
    const res = await put(p);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('s3cret');
    expect(p.log[0]!.action).toBe('echo-credentials');
  });
});

describe('status injection', () => {
  it('429 with Retry-After for the first K matching requests, then forwarded', async () => {
    const p = await proxy({ rules: [{ when: matching({ method: 'PUT' }), which: { first: 2 }, do: { kind: 'status', status: 429, retryAfter: '1' } }] });
    const statuses: (number | string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await put(p);
      statuses.push(r.status, r.headers['retry-after'] as string | undefined);
    }
    expect(statuses).toEqual([429, '1', 429, '1', 200, undefined]);
  });

  it('503 for every N-th matching request', async () => {
    const p = await proxy({ rules: [{ which: { everyNth: 3 }, do: { kind: 'status', status: 503, retryAfter: '0' } }] });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await put(p)).status);
    expect(statuses).toEqual([200, 200, 503, 200, 200, 503]);
  });

  it('the first rule that picks a request decides; the others still count it', async () => {
    const p = await proxy({
      rules: [
        { which: { nth: 1 }, do: { kind: 'status', status: 503 } },
        { which: { nth: 2 }, do: { kind: 'status', status: 429 } },
      ],
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await put(p)).status);
    expect(statuses).toEqual([503, 429, 200]);
  });
});
