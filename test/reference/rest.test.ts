/**
 * The reference gateway's REST side: one test per documented behaviour (issue #2), against a real
 * server on loopback.
 */
import { request } from 'undici';
import { type MockInstance, afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { NS, TYPES } from '../../contract/put-customer.ts';
import { writeServiceStackJson } from '../../lib/json/servicestack-json.ts';
import type { ValueObject } from '../../lib/values.ts';
import { readDataContractXml, writeDataContractXml } from '../../lib/xml/datacontract.ts';
import { child, parseXml } from '../../lib/xml/parse.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import { ADDRESS, customer } from '../helpers/customers.ts';
import { LATIN1_TEXT, hostileBodies, hostileJsonBodies, withLatin1Text } from '../../generators/hostile-xml.ts';
import { hostileKeys } from '../../generators/hostile-keys.ts';
import { customerBody } from '../../generators/serialize.ts';
import { type HttpResult, http, sendStreamed } from '../helpers/http.ts';
import { type StreamedBody, isStreamedBody } from '../../lib/http/client.ts';
import { validateAgainst } from '../helpers/xsd.ts';

let gw: ReferenceGateway;
let merchant: string;
beforeAll(async () => {
  gw = await startReferenceGateway();
  merchant = gw.fixtures.rest.users.merchant.authorization;
});
afterAll(() => gw.close());

const XML = 'application/xml';
const JSON_TYPE = 'application/json';

function putXml(key: number | string, body: ValueObject, headers: Record<string, string> = {}, suffix = ''): Promise<HttpResult> {
  return http('PUT', `${gw.restBaseUrl}/customers/${key}${suffix}`, { Authorization: merchant, 'Content-Type': XML, Accept: XML, ...headers }, writeDataContractXml(TYPES, 'PutCustomer', body));
}

function putJson(key: number | string, body: ValueObject, headers: Record<string, string> = {}, suffix = ''): Promise<HttpResult> {
  return http('PUT', `${gw.restBaseUrl}/customers/${key}${suffix}`, { Authorization: merchant, 'Content-Type': JSON_TYPE, Accept: JSON_TYPE, ...headers }, writeServiceStackJson(TYPES, 'PutCustomer', body));
}

/** Like `http`, but the body may be bytes (sent unchanged). */
async function httpBytes(method: string, url: string, headers: Record<string, string>, body: string | Uint8Array | StreamedBody): Promise<HttpResult> {
  if (isStreamedBody(body)) return sendStreamed(method, url, headers, body);
  const res = await request(url, { method: method as 'PUT', headers, body, headersTimeout: 20_000, bodyTimeout: 20_000 });
  const text = await res.body.text();
  const ct = res.headers['content-type'];
  return { status: res.statusCode, headers: res.headers, text, contentType: Array.isArray(ct) ? (ct[0] ?? '') : (ct ?? '') };
}

/** Watches stderr (and console.error) for the test: the reference must write nothing there. */
function watchStderr(): () => unknown[][] {
  let write: MockInstance;
  let error: MockInstance;
  beforeEach(() => {
    write = vi.spyOn(process.stderr, 'write');
    error = vi.spyOn(console, 'error');
  });
  afterEach(() => {
    write.mockRestore();
    error.mockRestore();
  });
  return () => [...write.mock.calls, ...error.mock.calls];
}

function detailOf(res: HttpResult): ValueObject {
  return readDataContractXml(TYPES, parseXml(res.text), 'CustomerDetail');
}

interface ErrorBody {
  errorCode: string;
  errors: { ErrorCode: string; FieldName: string }[];
}

function errorsOf(res: HttpResult): ErrorBody {
  if (res.contentType.startsWith('application/json')) {
    const j = JSON.parse(res.text) as { ResponseStatus: { ErrorCode: string; Errors: ErrorBody['errors'] } };
    return { errorCode: j.ResponseStatus.ErrorCode, errors: j.ResponseStatus.Errors };
  }
  const v = readDataContractXml(TYPES, parseXml(res.text), 'ErrorResponse') as { ResponseStatus: { ErrorCode: string; Errors: ErrorBody['errors'] } };
  return { errorCode: v.ResponseStatus.ErrorCode, errors: v.ResponseStatus.Errors };
}

describe('PUT replaces a customer and answers CustomerDetail', () => {
  it('an XML PutCustomer gets 200 and a CustomerDetail in the BindingModels namespace that echoes the request', async () => {
    const sent = customer({ ShippingAddress: { ...ADDRESS, StateOrProvinceCode: 'ON', CountryCode: 'CAN' } });
    const res = await putXml(1, sent);
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/xml/);
    const root = parseXml(res.text);
    expect([root.local, root.ns]).toEqual(['CustomerDetail', NS.bindingModels]);
    const d = detailOf(res);
    expect(d.CustomerKey).toBe(1);
    expect(d.CustomerID).toBe(sent.CustomerId);
    expect(d.CustomerName).toBe(sent.CustomerName);
    expect(d.ActivationStatus).toBe('Active');
    expect(d.MerchantKey).toBe(1001);
    expect(d.BillingAddress).toMatchObject(ADDRESS);
    expect(d.ShippingAddress).toMatchObject({ StateOrProvinceCode: 'ON', CountryCode: 'CAN' });
    expect(d.DefaultContact).toMatchObject({ FirstName: 'Grace', LastName: 'Hopper', EmailAddress: 'grace@example.com', JobTitle: null });
  });

  it('the CustomerDetail validates against the exported XSD, members in DataContract order', async () => {
    const res = await putXml(1, customer());
    expect(await validateAgainst('bindingModels', res.text)).toEqual({ valid: true, errors: [] });
    expect(parseXml(res.text).children.map((c) => c.local)).toEqual(TYPES.types.CustomerDetail!.members.map((m) => m.name));
  });

  it('members not sent come back i:nil="true"', async () => {
    const res = await putXml(1, customer({ CustomerId: undefined }));
    expect(res.text).toContain('<CustomerID i:nil="true"/>');
    expect(res.text).toContain('<ShippingAddress i:nil="true"/>');
  });

  it('characters that need escaping and non-ASCII text come back exactly', async () => {
    const name = `Ünïcødé & <tags> "quotes" 'apos' ]]> 中文 😀`;
    const d = detailOf(await putXml(1, customer({ CustomerName: name })));
    expect(d.CustomerName).toBe(name);
  });

  it('a JSON PutCustomer gets 200 and PascalCase JSON, nulls omitted, dates as \\/Date(ms)\\/', async () => {
    const res = await putJson(2, customer({ CustomerId: undefined }));
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    const j = JSON.parse(res.text) as Record<string, unknown>;
    expect(j.CustomerName).toBe('Acme Ltd');
    expect(j).not.toHaveProperty('CustomerID');
    expect(j.CustomerKey).toBe(2);
    expect(res.text).toMatch(/"CreationTimestamp":"\\\/Date\(\d+\)\\\/"/);
  });

  it('a Reseller user may replace a customer of any merchant', async () => {
    const res = await putXml(4, customer(), { Authorization: gw.fixtures.rest.users.reseller.authorization });
    expect(res.status).toBe(200);
    expect(detailOf(res).MerchantKey).toBe(2002);
  });

  it('a body CustomerKey that differs from the path is overridden by the path key', async () => {
    const d = detailOf(await putXml(3, customer({ CustomerKey: 2 })));
    expect(d.CustomerKey).toBe(3);
  });
});

describe('replace semantics', () => {
  it('a member omitted in the next PUT is gone; CreationTimestamp and MerchantKey stay; LastUpdateTimestamp advances', async () => {
    const first = detailOf(await putXml(2, customer({ CustomerId: 'KEEP?', ShippingAddress: { ...ADDRESS } })));
    const second = detailOf(await putXml(2, customer({ CustomerId: undefined, ShippingAddress: undefined, DefaultContact: {} })));
    expect(second.CustomerID).toBeNull();
    expect(second.ShippingAddress).toBeNull();
    expect(second.DefaultContact).toMatchObject({ FirstName: null, LastName: null });
    expect(second.CreationTimestamp).toBe(first.CreationTimestamp);
    expect(second.MerchantKey).toBe(first.MerchantKey);
    expect(Date.parse(`${second.LastUpdateTimestamp as string}Z`)).toBeGreaterThan(Date.parse(`${first.LastUpdateTimestamp as string}Z`));
  });

  it('concurrent PUTs of different customers to one key each answer exactly their own customer, never a mix', async () => {
    const bodies = Array.from({ length: 20 }, (_, i) =>
      customer({ CustomerName: `Concurrent ${i}`, CustomerId: `ID-${i}`, DefaultContact: { FirstName: `F${i}` }, BillingAddress: { ...ADDRESS, City: `City ${i}` } }));
    const answers = await Promise.all(bodies.map((b) => putXml(3, b)));
    for (const [i, r] of answers.entries()) {
      const d = detailOf(r);
      expect([d.CustomerName, d.CustomerID, (d.DefaultContact as ValueObject).FirstName, (d.BillingAddress as ValueObject).City]).toEqual([
        `Concurrent ${i}`, `ID-${i}`, `F${i}`, `City ${i}`,
      ]);
    }
  });
});

describe('content negotiation in ServiceStack order', () => {
  const cases: [string, Record<string, string>, string, RegExp][] = [
    ['Accept: application/json on an XML body answers JSON', { Accept: JSON_TYPE }, '', /^application\/json/],
    ['Accept: application/xml answers XML', { Accept: XML }, '', /^application\/xml/],
    ['the .json suffix beats Accept: application/xml', { Accept: XML }, '.json', /^application\/json/],
    ['the .xml suffix answers XML', { Accept: JSON_TYPE }, '.xml', /^application\/xml/],
    ['?format=json beats the .xml suffix', {}, '.xml?format=json', /^application\/json/],
    ['?format=xml answers XML', { Accept: JSON_TYPE }, '?format=xml', /^application\/xml/],
    ['no Accept answers in the request format', { Accept: '' }, '', /^application\/xml/],
    ['Accept: */* answers in the request format', { Accept: '*/*' }, '', /^application\/xml/],
    ['q-values are honoured', { Accept: 'application/xml;q=0.5, application/json' }, '', /^application\/json/],
  ];
  it.each(cases)('%s', async (_name, headers, suffix, expected) => {
    const h = { ...headers };
    if (h.Accept === '') delete h.Accept;
    const res = await http('PUT', `${gw.restBaseUrl}/customers/1${suffix}`, { Authorization: merchant, 'Content-Type': XML, ...h }, writeDataContractXml(TYPES, 'PutCustomer', customer()));
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(expected);
    if (expected.source.includes('json')) expect(() => JSON.parse(res.text)).not.toThrow();
    else expect(parseXml(res.text).local).toBe('CustomerDetail');
  });
});

describe('authentication and roles', () => {
  it('no Authorization header gets 401 with WWW-Authenticate', async () => {
    const res = await putXml(1, customer(), { Authorization: '' });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBeTruthy();
  });

  it('an unknown credential gets 401', async () => {
    expect((await putXml(1, customer(), { Authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('an authenticated user with neither role gets 403', async () => {
    expect((await putXml(1, customer(), { Authorization: gw.fixtures.rest.users.noRole.authorization })).status).toBe(403);
  });

  it("a Merchant user cannot see another merchant's customer: 404", async () => {
    expect((await putXml(4, customer())).status).toBe(404);
  });
});

describe('keys and routes', () => {
  it('an unknown key gets 404 with an ErrorResponse, and nothing is created', async () => {
    const key = gw.fixtures.rest.missingCustomerKey;
    const res = await putXml(key, customer());
    expect(res.status).toBe(404);
    expect(errorsOf(res).errorCode).toBe('NotFound');
    expect((await putXml(key, customer())).status).toBe(404);
  });

  it.each(['abc', '1.5', '2147483648', '-2147483649'])('the key %j is not a 32-bit integer: 400 RequestBindingException', async (key) => {
    const res = await putXml(key, customer());
    expect(res.status).toBe(400);
    expect(errorsOf(res).errorCode).toBe('RequestBindingException');
  });

  describe('a malformed percent-escape in the key is bound like any other non-Int32 key', () => {
    const stderr = watchStderr();
    it.each(hostileKeys().map((c) => [c.rawSegment, c] as const))('%j: 400 RequestBindingException, nothing on stderr', async (_segment, c) => {
      const res = await putXml(c.rawSegment, customer());
      expect(res.status).toBe(c.referenceStatus);
      expect(res.contentType).toMatch(c.suffix === 'json' ? /^application\/json/ : /^application\/xml/);
      expect(errorsOf(res).errorCode).toBe('RequestBindingException');
      expect(stderr()).toEqual([]);
    });

    it('the raw segment reaches the gateway as sent (undici does not re-encode it)', async () => {
      const res = await putXml('%ZZ', customer());
      expect(res.text).toContain("'%ZZ' is not a valid value for CustomerKey");
    });

    it('without a credential too: binding comes before authentication', async () => {
      const res = await putXml('%E0%A4%A', customer(), { Authorization: '' });
      expect(res.status).toBe(400);
      expect(stderr()).toEqual([]);
    });

    it('a well-formed escape still decodes: %31 is key 1', async () => {
      expect((await putXml('%31', customer())).status).toBe(200);
    });
  });

  it('no key segment matches no route: 404', async () => {
    expect((await putXml('', customer())).status).toBe(404);
  });

  it('another verb on the route gets 404 text/plain', async () => {
    const res = await http('GET', `${gw.restBaseUrl}/customers/1`, { Authorization: merchant });
    expect(res.status).toBe(404);
    expect(res.contentType).toMatch(/^text\/plain/);
  });

  it('an unsupported request Content-Type gets 415', async () => {
    const res = await http('PUT', `${gw.restBaseUrl}/customers/1`, { Authorization: merchant, 'Content-Type': 'text/csv' }, 'a,b');
    expect(res.status).toBe(415);
  });
});

describe('validation: 400 ErrorResponse naming every failing member by dotted path', () => {
  const fieldNames = async (body: ValueObject, json = false) => {
    const res = json ? await putJson(1, body) : await putXml(1, body);
    expect(res.status).toBe(400);
    return errorsOf(res).errors.map((e) => `${e.FieldName}:${e.ErrorCode}`);
  };

  it('CustomerName of exactly 100 characters is accepted', async () => {
    expect((await putXml(1, customer({ CustomerName: 'x'.repeat(100) }))).status).toBe(200);
  });

  it('CustomerName of 101 characters is rejected with MaximumLength', async () => {
    expect(await fieldNames(customer({ CustomerName: 'x'.repeat(101) }))).toEqual(['CustomerName:MaximumLength']);
  });

  it('lengths count UTF-16 code units: 50 emoji are 100 units and accepted, 51 are rejected', async () => {
    expect((await putXml(1, customer({ CustomerName: '😀'.repeat(50) }))).status).toBe(200);
    expect(await fieldNames(customer({ CustomerName: '😀'.repeat(51) }))).toEqual(['CustomerName:MaximumLength']);
  });

  it('every failing member is listed, nested ones by dotted path', async () => {
    const body = customer({
      CustomerName: ' ',
      CustomerId: 'i'.repeat(51),
      DefaultContact: { FaxNumber: 'f'.repeat(26), BillingAddress: { ...ADDRESS, City: 'c'.repeat(51), StateOrProvinceCode: 'ZZ' } },
      BillingAddress: { ...ADDRESS, StreetAddress1: undefined, CountryCode: 'US' },
    });
    expect((await fieldNames(body)).sort()).toEqual([
      'BillingAddress.CountryCode:Predicate',
      'BillingAddress.StreetAddress1:NotEmpty',
      'CustomerId:MaximumLength',
      'CustomerName:NotEmpty',
      'DefaultContact.BillingAddress.City:MaximumLength',
      'DefaultContact.BillingAddress.StateOrProvinceCode:Predicate',
      'DefaultContact.FaxNumber:MaximumLength',
    ]);
  });

  it('required members missing: CustomerName, ActivationStatus, DefaultContact', async () => {
    expect((await fieldNames(customer({ CustomerName: undefined, ActivationStatus: undefined, DefaultContact: undefined }))).sort()).toEqual([
      'ActivationStatus:NotNull',
      'CustomerName:NotEmpty',
      'DefaultContact:NotNull',
    ]);
  });

  it('neither a shipping nor a billing address is rejected', async () => {
    expect(await fieldNames(customer({ BillingAddress: undefined }))).toEqual(['ShippingAddress:NotNull']);
  });

  it('a shipping address alone is accepted', async () => {
    expect((await putXml(1, customer({ BillingAddress: undefined, ShippingAddress: { ...ADDRESS } }))).status).toBe(200);
  });

  it('JSON bodies are validated the same way', async () => {
    expect(await fieldNames(customer({ CustomerName: 'x'.repeat(101) }), true)).toEqual(['CustomerName:MaximumLength']);
  });

  it('an unknown ActivationStatus name fails deserialization: 400 SerializationException', async () => {
    for (const put of [putXml, putJson]) {
      const res = await put(1, customer({ ActivationStatus: 'Enabled' }));
      expect(res.status).toBe(400);
      expect(errorsOf(res).errorCode).toBe('SerializationException');
    }
  });

  it('an ActivationStatus in the wrong case is rejected', async () => {
    expect((await putXml(1, customer({ ActivationStatus: 'active' }))).status).toBe(400);
  });

  it('the XML ErrorResponse validates against the exported ServiceStack XSD', async () => {
    const res = await putXml(1, customer({ CustomerName: 'x'.repeat(101) }));
    expect(await validateAgainst('serviceStack', res.text)).toEqual({ valid: true, errors: [] });
    const rs = child(parseXml(res.text), NS.serviceStackTypes, 'ResponseStatus')!;
    expect(rs.children.map((c) => c.local)).toEqual(['ErrorCode', 'Message', 'StackTrace', 'Errors', 'Meta']);
  });
});

describe('hostile input is refused and the server keeps answering', () => {
  const rawPut = (body: string | Uint8Array | StreamedBody, contentType = XML) =>
    httpBytes('PUT', `${gw.restBaseUrl}/customers/1`, { Authorization: merchant, 'Content-Type': contentType, Accept: XML }, body);
  const xmlCases = hostileBodies({
    operation: 'put-customer',
    validXml: customerBody(customer(), 'xml').body,
    rootName: 'PutCustomer',
    field: 'CustomerName',
    rootNamespace: NS.bindingModels,
  });

  it.each(xmlCases.map((c) => [c.name, c] as const))('%s; a valid PUT still succeeds', async (_name, c) => {
    const res = await rawPut(c.body);
    expect(res.status).toBe(c.clause.endsWith('oversized-body-refused') ? 413 : 400);
    if (c.leakMarker) expect(res.text).not.toContain(c.leakMarker);
    expect((await putXml(1, customer())).status).toBe(200);
  });

  it.each(hostileJsonBodies().map((c) => [c.name, c] as const))('%s with 400', async (_name, c) => {
    expect((await rawPut(c.body, JSON_TYPE)).status).toBe(400);
    expect((await putXml(1, customer())).status).toBe(200);
  });
});

describe('bodies are read as UTF-8, strictly', () => {
  const stderr = watchStderr();
  const rawPut = (key: number, body: string | Uint8Array, contentType: string) =>
    httpBytes('PUT', `${gw.restBaseUrl}/customers/${key}`, { Authorization: merchant, 'Content-Type': contentType, Accept: XML }, body);
  /** A JSON PutCustomer whose CustomerName is Latin-1 bytes. */
  const latin1Json = () => {
    const [before = '', after = ''] = writeServiceStackJson(TYPES, 'PutCustomer', customer({ CustomerName: '\uE000' })).split('\uE000');
    return Buffer.concat([Buffer.from(before), Buffer.from(LATIN1_TEXT, 'latin1'), Buffer.from(after)]);
  };

  it.each([
    ['XML', XML, () => withLatin1Text(writeDataContractXml(TYPES, 'PutCustomer', customer()), 'CustomerName')],
    ['JSON', JSON_TYPE, latin1Json],
    ['XML declared charset=utf-8', `${XML}; charset=utf-8`, () => withLatin1Text(writeDataContractXml(TYPES, 'PutCustomer', customer()), 'CustomerName')],
  ] as const)('a %s body that is not UTF-8 gets 400 SerializationException, nothing is stored, nothing on stderr', async (_name, contentType, body) => {
    const before = detailOf(await putXml(2, customer({ CustomerName: 'Before' })));
    const res = await rawPut(2, body(), contentType);
    expect(res.status).toBe(400);
    expect(errorsOf(res).errorCode).toBe('SerializationException');
    expect(res.text).toContain('0xFC');
    expect(res.text).not.toContain('\uFFFD');
    const after = detailOf(await putXml(2, customer({ CustomerName: 'Before' })));
    expect(after.CustomerName).toBe(before.CustomerName);
    expect(stderr()).toEqual([]);
  });

  it('an unsupported Content-Type is still 415 whatever the bytes', async () => {
    expect((await rawPut(1, Buffer.from([0x61, 0xfc, 0x62]), 'text/csv')).status).toBe(415);
  });

  it('a leading byte-order mark is dropped, and U+FFFD sent as UTF-8 is kept', async () => {
    const xml = writeDataContractXml(TYPES, 'PutCustomer', customer({ CustomerName: 'A\uFFFDB' }));
    const res = await rawPut(1, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]), XML);
    expect(res.status).toBe(200);
    expect(detailOf(res).CustomerName).toBe('A\uFFFDB');
  });
});

describe('faults that bring the old defects back', () => {
  let faulty: ReferenceGateway | undefined;
  afterEach(async () => {
    await faulty?.close();
    faulty = undefined;
  });

  it('malformed-key-escape-crashes: %ZZ throws out of the handler, 500 and a stack trace on stderr', async () => {
    const g = (faulty = await startReferenceGateway({ fault: 'malformed-key-escape-crashes' }));
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await http('PUT', `${g.restBaseUrl}/customers/%ZZ`, { Authorization: merchant, 'Content-Type': XML }, writeDataContractXml(TYPES, 'PutCustomer', customer()));
      expect(res.status).toBe(500);
      expect(String(quiet.mock.calls[0]?.[1])).toMatch(/^URIError: URI malformed/);
    } finally {
      quiet.mockRestore();
    }
    expect((await http('PUT', `${g.restBaseUrl}/customers/abc`, { Authorization: merchant, 'Content-Type': XML }, writeDataContractXml(TYPES, 'PutCustomer', customer()))).status).toBe(400);
  });

  it('quiet (as the self-check starts it): the same crash answers 500 and writes nothing', async () => {
    const g = (faulty = await startReferenceGateway({ fault: 'malformed-key-escape-crashes', quiet: true }));
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await http('PUT', `${g.restBaseUrl}/customers/%ZZ`, { Authorization: merchant, 'Content-Type': XML }, writeDataContractXml(TYPES, 'PutCustomer', customer()));
      expect(res.status).toBe(500);
      expect(stderr.mock.calls).toEqual([]);
    } finally {
      stderr.mockRestore();
    }
  });

  it('non-utf8-body-accepted: a Latin-1 CustomerName is taken and stored with U+FFFD', async () => {
    const g = (faulty = await startReferenceGateway({ fault: 'non-utf8-body-accepted' }));
    const res = await httpBytes('PUT', `${g.restBaseUrl}/customers/1`, { Authorization: merchant, 'Content-Type': XML, Accept: XML }, withLatin1Text(writeDataContractXml(TYPES, 'PutCustomer', customer()), 'CustomerName'));
    expect(res.status).toBe(200);
    expect(detailOf(res).CustomerName).toBe('M\uFFFDller');
  });
});
