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

it('the default fixtures pass their own validation', () => {
  expect(parseFixtures(structuredClone(DEFAULT_FIXTURES))).toEqual(DEFAULT_FIXTURES);
});
