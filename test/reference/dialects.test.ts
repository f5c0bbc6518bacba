/**
 * Each dialect is a real variant: some answer of the reference differs from the plain one. (That
 * the suite accepts each one is shown by the self-check test.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOAP_ACTION } from '../../contract/mark-customer-as-synchronized.ts';
import { TYPES } from '../../contract/put-customer.ts';
import { writeServiceStackJson } from '../../lib/json/servicestack-json.ts';
import { buildMarkRequest } from '../../contract/soap-envelope.ts';
import { writeDataContractXml } from '../../lib/xml/datacontract.ts';
import { DIALECTS } from '../../reference/dialects.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import { customer } from '../helpers/customers.ts';
import { http, sendStreamed } from '../helpers/http.ts';
import { streamedBody } from '../../lib/http/streamed-body.ts';
import { PLATFORM_BODY_LIMITS } from '../../contract/hardening.ts';

/** A fixed set of requests whose answers show a gateway's dialect. */
async function probe(gw: ReferenceGateway): Promise<string[]> {
  const auth = gw.fixtures.rest.users.merchant.authorization;
  const url = `${gw.restBaseUrl}/customers/1`;
  const xml = writeDataContractXml(TYPES, 'PutCustomer', customer({ CustomerId: undefined }));
  const invalid = writeDataContractXml(TYPES, 'PutCustomer', customer({ CustomerName: 'x'.repeat(101), CustomerId: 'y'.repeat(51) }));
  const json = writeServiceStackJson(TYPES, 'PutCustomer', customer({ CustomerId: undefined }));
  const soap = (id: string) => buildMarkRequest({ securityToken: { SecurityId: gw.fixtures.soap.securityId }, customerInternalId: id });
  const answers = [
    await http('PUT', url, { Authorization: auth, 'Content-Type': 'application/xml', Accept: 'application/xml' }, xml),
    await http('PUT', url, { Authorization: auth, 'Content-Type': 'application/xml' }, xml),
    await http('PUT', url, { Authorization: auth, 'Content-Type': 'application/json', Accept: 'application/json' }, json),
    await http('PUT', url, { Authorization: auth, 'Content-Type': 'application/xml', Accept: 'application/xml' }, invalid),
    await http('PUT', url, { 'Content-Type': 'application/xml', Accept: 'application/xml' }, xml),
    await http('POST', gw.soapUrl, { 'Content-Type': 'text/xml', SOAPAction: `"${SOAP_ACTION}"` }, soap(gw.fixtures.soap.customers[0]!.customerInternalId)),
    await http('POST', gw.soapUrl, { 'Content-Type': 'text/xml', SOAPAction: `"${SOAP_ACTION}"` }, soap('unknown')),
    // A malformed envelope (not well-formed XML).
    await http('POST', gw.soapUrl, { 'Content-Type': 'text/xml', SOAPAction: `"${SOAP_ACTION}"` }, soap('unknown').slice(0, -10)),
    // Over the platforms' default size limit: refused on its Content-Length, streamed no further.
    await sendStreamed('PUT', url, { Authorization: auth, 'Content-Type': 'application/xml' }, streamedBody([xml, { char: ' ', count: PLATFORM_BODY_LIMITS.kestrelMaxRequestBodySize }])),
  ];
  return answers.map((a) => `${a.status} ${a.contentType}\n${a.text}`);
}

/** A fixed clock: the same requests get the same timestamps from every gateway. */
const now = () => new Date('2026-01-02T03:04:05.678Z');

let plain: string[];
beforeAll(async () => {
  const gw = await startReferenceGateway({ now });
  plain = await probe(gw);
  await gw.close();
});

describe('every dialect changes some answer', () => {
  const gateways: ReferenceGateway[] = [];
  afterAll(() => Promise.all(gateways.map((g) => g.close())));

  it.each(DIALECTS.map((d) => d.name))('%s', async (name) => {
    const gw = await startReferenceGateway({ dialect: name, now });
    gateways.push(gw);
    const answers = await probe(gw);
    expect(answers.some((a, i) => a !== plain[i]), `${name} answers exactly like the plain reference`).toBe(true);
  });
});
