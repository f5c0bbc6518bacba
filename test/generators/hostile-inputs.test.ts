/**
 * The hostile inputs of issue 13 §10: malformed percent-escapes in the path key
 * (generators/hostile-keys.ts) and a body that is not UTF-8 (generators/hostile-xml.ts). Each
 * case is what it says, the plain reference refuses it, and the fault it exists for is caught by it.
 */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clause, isClauseId } from '../../contract/index.ts';
import { NS as SOAP_NS } from '../../contract/mark-customer-as-synchronized.ts';
import { NS as PUT_NS } from '../../contract/put-customer.ts';
import { baselineCustomer } from '../../generators/baseline.ts';
import { hostileKeys, isRefusedKeyStatus } from '../../generators/hostile-keys.ts';
import { type HostileCase, LATIN1_TEXT, hostileBodies } from '../../generators/hostile-xml.ts';
import { customerBody, soapRequest } from '../../generators/serialize.ts';
import { soapRequestWith } from '../../generators/valid-soap-request.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';

const NOT_UTF8 = 'a body that is not valid UTF-8 (Latin-1 bytes in a text field) is refused';

async function send(method: 'PUT' | 'POST', url: string, headers: Record<string, string>, body: string | Uint8Array): Promise<{ status: number; text: string }> {
  const res = await request(url, { method, headers, body, headersTimeout: 20_000, bodyTimeout: 20_000 });
  return { status: res.statusCode, text: await res.body.text() };
}

describe('hostileKeys()', () => {
  const keys = hostileKeys();

  it('names are unique, every case is on a MUST clause of the contract and expects 400 from the reference', () => {
    expect(new Set(keys.map((k) => k.name)).size).toBe(keys.length);
    for (const k of keys) {
      expect(isClauseId(k.clause)).toBe(true);
      expect(clause(k.clause).level).toBe('MUST');
      expect(isRefusedKeyStatus(k.referenceStatus)).toBe(true);
    }
    expect(keys.map((k) => k.rawSegment)).toEqual(expect.arrayContaining(['%ZZ', '%', '%E0%A4%A', '%ZZ.xml', '%ZZ.json']));
  });

  it('every raw segment is a malformed escape: decodeURIComponent throws on it, suffix or not', () => {
    for (const k of keys) {
      const key = k.suffix ? k.rawSegment.slice(0, -(k.suffix.length + 1)) : k.rawSegment;
      expect(() => decodeURIComponent(key), k.rawSegment).toThrow(URIError);
    }
  });

  it('a 4xx is refused; a 5xx or a success is not', () => {
    expect([400, 404, 499].map(isRefusedKeyStatus)).toEqual([true, true, true]);
    expect([200, 204, 399, 500, 503].map(isRefusedKeyStatus)).toEqual([false, false, false, false, false]);
  });
});

describe('the non-UTF-8 hostile body', () => {
  const soapTarget = { securityId: 'sid', customerInternalId: 'id-1' };
  const restCases = hostileBodies({ operation: 'put-customer', validXml: customerBody(baselineCustomer(), 'xml').body, rootName: 'PutCustomer', field: 'CustomerName', rootNamespace: PUT_NS.bindingModels });
  const soapValid = soapRequest(soapRequestWith(soapTarget, 'empty', 'quoted').value).body;
  const soapCases = hostileBodies({ operation: 'mark-customer-as-synchronized', validXml: soapValid, rootName: 'soapenv:Envelope', field: 'customerInternalId', rootNamespace: SOAP_NS.soapEnv, freeTextField: 'UserId' });

  it.each([
    ['PutCustomer', restCases, 'put-customer/hardening/malformed-body-refused', customerBody(baselineCustomer(), 'xml').body, /<CustomerName>[^<]*<\/CustomerName>/, '<CustomerName>M\uFFFDller</CustomerName>'],
    ['MarkCustomerAsSynchronized', soapCases, 'mark-customer-as-synchronized/hardening/malformed-body-refused', soapValid, /<ebiz:UserId><\/ebiz:UserId>/, '<ebiz:UserId>M\uFFFDller</ebiz:UserId>'],
  ] as const)('%s: one case, bytes that are not UTF-8, read leniently only the free text field differs', (_api, cases, clauseId, valid, field, lenientField) => {
    const [c, ...more] = only(cases);
    expect(more).toEqual([]);
    expect(c!.clause).toBe(clauseId);
    expect(c!.body).toBeInstanceOf(Uint8Array);
    const bytes = c!.body as Uint8Array;
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(TypeError);
    expect(new TextDecoder('utf-8').decode(bytes)).toBe(valid.replace(field, lenientField));
    expect(Buffer.from(bytes).includes(Buffer.from(LATIN1_TEXT, 'latin1'))).toBe(true);
  });

  it('every other hostile body is still text, but the oversized one, which is streamed', () => {
    for (const c of [...restCases, ...soapCases].filter((x) => x.name !== NOT_UTF8)) {
      expect(typeof c.body === 'string' || c.clause.endsWith('/hardening/oversized-body-refused'), c.name).toBe(true);
    }
  });

  it('without freeTextField the Latin-1 text goes into `field`', () => {
    const [c] = only(hostileBodies({ operation: 'put-customer', validXml: '<a><f>x</f></a>', rootName: 'a', field: 'f', rootNamespace: 'urn:x' }));
    expect(Buffer.from(c!.body as Uint8Array)).toEqual(Buffer.concat([Buffer.from('<a><f>'), Buffer.from(LATIN1_TEXT, 'latin1'), Buffer.from('</f></a>')]));
  });
});

describe('on the reference: refused when plain, caught under the fault it exists for', () => {
  const gateways: Record<string, ReferenceGateway> = {};
  beforeAll(async () => {
    gateways.plain = await startReferenceGateway();
    gateways['malformed-key-escape-crashes'] = await startReferenceGateway({ fault: 'malformed-key-escape-crashes' });
    gateways['non-utf8-body-accepted'] = await startReferenceGateway({ fault: 'non-utf8-body-accepted' });
  });
  afterAll(() => Promise.all(Object.values(gateways).map((g) => g.close())));

  const putKey = (gw: ReferenceGateway, segment: string) => {
    const { contentType, body } = customerBody(baselineCustomer(), 'xml');
    return send('PUT', `${gw.restBaseUrl}/customers/${segment}`, { Authorization: gw.fixtures.rest.users.merchant.authorization, 'Content-Type': contentType }, body);
  };

  it.each(hostileKeys().map((k) => [k.rawSegment, k] as const))('key %j: the reference answers its referenceStatus; the crashing fault a 5xx', async (_s, k) => {
    expect((await putKey(gateways.plain!, k.rawSegment)).status).toBe(k.referenceStatus);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const crashed = await putKey(gateways['malformed-key-escape-crashes']!, k.rawSegment);
      expect(crashed.status).toBe(500);
      expect(isRefusedKeyStatus(crashed.status)).toBe(false);
    } finally {
      quiet.mockRestore();
    }
  });

  it('PutCustomer: the plain reference answers 400, the lenient fault 200', async () => {
    const put = (gw: ReferenceGateway) => {
      const [c] = only(hostileBodies({ operation: 'put-customer', validXml: customerBody(baselineCustomer(), 'xml').body, rootName: 'PutCustomer', field: 'CustomerName', rootNamespace: PUT_NS.bindingModels }));
      return send('PUT', `${gw.restBaseUrl}/customers/1`, { Authorization: gw.fixtures.rest.users.merchant.authorization, 'Content-Type': 'application/xml' }, c!.body as Uint8Array);
    };
    expect((await put(gateways.plain!)).status).toBe(400);
    expect((await put(gateways['non-utf8-body-accepted']!)).status).toBe(200);
  });

  it('MarkCustomerAsSynchronized: the plain reference answers a Client fault, the lenient fault Success', async () => {
    const post = (gw: ReferenceGateway) => {
      const target = { securityId: gw.fixtures.soap.securityId, customerInternalId: gw.fixtures.soap.customers[0]!.customerInternalId };
      const valid = soapRequest(soapRequestWith(target, 'empty', 'quoted').value);
      const [c] = only(hostileBodies({ operation: 'mark-customer-as-synchronized', validXml: valid.body, rootName: 'soapenv:Envelope', field: 'customerInternalId', expansion: target.customerInternalId, rootNamespace: SOAP_NS.soapEnv, freeTextField: 'UserId' }));
      return send('POST', gw.soapUrl, { 'Content-Type': valid.contentType, SOAPAction: valid.soapAction }, c!.body as Uint8Array);
    };
    const plain = await post(gateways.plain!);
    expect([plain.status, plain.text.includes('<faultcode>s:Client</faultcode>'), plain.text.includes('Success')]).toEqual([500, true, false]);
    const lenient = await post(gateways['non-utf8-body-accepted']!);
    expect([lenient.status, lenient.text.includes('<Status>Success</Status>')]).toEqual([200, true]);
  });
});

/** The non-UTF-8 case of a list. */
function only(cases: HostileCase[]): HostileCase[] {
  return cases.filter((c) => c.name === NOT_UTF8);
}
