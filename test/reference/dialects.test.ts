/**
 * Each dialect is a real variant: some answer of the reference differs from the plain one — and
 * only answers of the operations its hooks reach (reference/faults/hooks.ts HOOK_OPERATIONS), which
 * is why the self-check runs it through those operations' suites alone. (That the suite accepts
 * each one is shown by the self-check test.)
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
import { clause as clauseOf, type OperationId } from '../../contract/index.ts';
import { hooksFor, operationsOf } from '../../reference/faults/hooks.ts';

/** The operation each answer of {@link probe} is from, in its order. */
const PROBED: readonly OperationId[] = [...Array<OperationId>(5).fill('put-customer'), ...Array<OperationId>(3).fill('mark-customer-as-synchronized'), 'put-customer'];

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
    const reached = operationsOf(DIALECTS.find((d) => d.name === name)!.hooks);
    expect(answers.filter((a, i) => !reached.includes(PROBED[i]!) && a !== plain[i]), `${name} changes answers of an operation its hooks do not reach (${reached.join(', ')})`).toEqual([]);
  });
});

describe('the operations a dialect reaches', () => {
  it.each(DIALECTS.map((d) => d.name))('%s: every clause it touches is of an operation its hooks reach', (name) => {
    const d = DIALECTS.find((x) => x.name === name)!;
    const reached = operationsOf(d.hooks);
    expect(d.touches.filter((id) => !reached.includes(clauseOf(id).operation))).toEqual([]);
  });

  it('a handler is given only the hooks of its operation', () => {
    const hooks = { soapXml: (x: string) => x, validate: () => [], oversizedAnswer: 'close' as const };
    expect(Object.keys(hooksFor(hooks, 'put-customer')).sort()).toEqual(['oversizedAnswer', 'validate']);
    expect(Object.keys(hooksFor(hooks, 'mark-customer-as-synchronized')).sort()).toEqual(['oversizedAnswer', 'soapXml']);
    expect(operationsOf({ soapXml: hooks.soapXml })).toEqual(['mark-customer-as-synchronized']);
    expect(operationsOf(hooks)).toEqual(['put-customer', 'mark-customer-as-synchronized']);
    expect(operationsOf({})).toEqual([]);
  });
});
