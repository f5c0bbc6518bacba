/** A fault inside one request answers 500 and never takes the server down. */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { TYPES } from '../../contract/put-customer.ts';
import { writeDataContractXml } from '../../lib/xml/datacontract.ts';
import { parseFixtures, DEFAULT_FIXTURES } from '../../reference/fixtures.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import { customer } from '../helpers/customers.ts';
import { http } from '../helpers/http.ts';

let gw: ReferenceGateway;
let explode = false;
beforeAll(async () => {
  gw = await startReferenceGateway({
    now: () => {
      if (explode) throw new Error('injected failure inside the handler');
      return new Date();
    },
  });
});
afterAll(() => gw.close());

it('a request that throws gets 500 and the next one is served', async () => {
  const put = () =>
    http('PUT', `${gw.restBaseUrl}/customers/1`, { Authorization: gw.fixtures.rest.users.merchant.authorization, 'Content-Type': 'application/xml' }, writeDataContractXml(TYPES, 'PutCustomer', customer()));
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  explode = true;
  const broken = await put();
  explode = false;
  expect(broken.status).toBe(500);
  expect(quiet).toHaveBeenCalledOnce();
  quiet.mockRestore();
  expect((await put()).status).toBe(200);
});

it('a client that sends garbage instead of HTTP gets 400 and the server keeps serving', async () => {
  const { connect } = await import('node:net');
  const url = new URL(gw.restBaseUrl);
  const answer = await new Promise<string>((resolve) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write('\x00\x01 NOT HTTP\r\n\r\n'));
    let data = '';
    socket.on('data', (d) => (data += d.toString()));
    socket.on('close', () => resolve(data));
  });
  expect(answer).toMatch(/^HTTP\/1\.1 400/);
  expect((await http('PUT', `${gw.restBaseUrl}/customers/1`, {}, '')).status).toBe(401);
});

/** Sends raw bytes over a socket and returns everything the server answers. */
function rawExchange(text: string): Promise<string> {
  return import('node:net').then(({ connect }) => {
    const url = new URL(gw.restBaseUrl);
    return new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write(text));
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('close', () => resolve(data));
    });
  });
}

it.each([
  ['a Host with a space', '/api/customers/1', 'Host: a b\r\n'],
  ['an empty Host', '/api/customers/1', 'Host:\r\n'],
  ['a Host with an unclosed IPv6 bracket', '/soap/eBizService.svc', 'Host: [::1\r\n'],
  ['an absolute request target that is no URL', 'http://[bad/api/customers/1', 'Host: x\r\n'],
])('%s gets 400, nothing on stderr, and the server keeps serving', async (_name, target, host) => {
  const write = vi.spyOn(process.stderr, 'write');
  const error = vi.spyOn(console, 'error');
  try {
    const answer = await rawExchange(`PUT ${target} HTTP/1.1\r\n${host}Content-Length: 0\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect([...write.mock.calls, ...error.mock.calls]).toEqual([]);
  } finally {
    write.mockRestore();
    error.mockRestore();
  }
  expect((await http('PUT', `${gw.restBaseUrl}/customers/1`, {}, '')).status).toBe(401);
});

it('the default fixtures pass their own validation', () => {
  expect(parseFixtures(structuredClone(DEFAULT_FIXTURES))).toEqual(DEFAULT_FIXTURES);
});
