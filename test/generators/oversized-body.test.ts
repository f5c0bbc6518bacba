/**
 * The oversized body (docs/INTERPRETING.md §body-size): a valid request padded to 64 MiB with a
 * comment of white space, streamed — over every platform's default limit, so a gateway on its defaults refuses it —
 * and on the reference: refused (413) by the plain one after only part of it was produced, 404.13 by
 * the IIS dialect, the connection closed by another, accepted only by the fault without a limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OVERSIZED_BODY_BYTES, PLATFORM_BODY_LIMITS } from '../../contract/hardening.ts';
import { NS as SOAP_NS } from '../../contract/mark-customer-as-synchronized.ts';
import { NS as PUT_NS } from '../../contract/put-customer.ts';
import { baselineCustomer } from '../../generators/baseline.ts';
import { type HostileCase, hostileBodies } from '../../generators/hostile-xml.ts';
import { customerBody, soapRequest } from '../../generators/serialize.ts';
import { soapRequestWith } from '../../generators/valid-soap-request.ts';
import { HttpClient, type StreamedBody, TransportError, isStreamedBody } from '../../lib/http/client.ts';
import { MAX_BODY_BYTES } from '../../reference/http-util.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';

const restValid = customerBody(baselineCustomer(), 'xml').body;
const oversized = (cases: HostileCase[]) => cases.find((c) => c.clause.endsWith('/hardening/oversized-body-refused'))!;
const restCase = oversized(hostileBodies({ operation: 'put-customer', validXml: restValid, rootName: 'PutCustomer', field: 'CustomerName', rootNamespace: PUT_NS.bindingModels }));

/** The body's bytes with its run of white space taken out, and how many bytes it had. */
async function shape(body: StreamedBody): Promise<{ text: string; bytes: number }> {
  let bytes = 0;
  const parts: Buffer[] = [];
  for await (const chunk of body.stream()) {
    bytes += chunk.length;
    const b = Buffer.from(chunk);
    if (b.some((x) => x !== 0x20)) parts.push(b);
  }
  return { text: Buffer.concat(parts).toString('utf8'), bytes };
}

describe('the oversized case', () => {
  it('is 64 MiB, over every platform default and the reference limit, streamed', () => {
    expect(OVERSIZED_BODY_BYTES).toBe(64 * 1024 * 1024);
    for (const limit of [...Object.values(PLATFORM_BODY_LIMITS), MAX_BODY_BYTES]) expect(OVERSIZED_BODY_BYTES).toBeGreaterThan(2 * limit);
    expect(isStreamedBody(restCase.body)).toBe(true);
    expect((restCase.body as StreamedBody).length).toBe(OVERSIZED_BODY_BYTES);
    expect(restCase.name).toBe('a valid body padded to 64 MiB with a comment is refused before it is read whole');
  });

  it('is the valid body with a comment of white space after the root\'s start tag, and nothing else', async () => {
    const { text, bytes } = await shape(restCase.body as StreamedBody);
    expect(bytes).toBe(OVERSIZED_BODY_BYTES);
    const rootStart = restValid.indexOf('>') + 1;
    expect(text).toBe(`${restValid.slice(0, rootStart)}<!---->${restValid.slice(rootStart)}`);
  });
});

describe('on the reference', () => {
  const gateways: Record<string, ReferenceGateway> = {};
  let client: HttpClient;
  beforeAll(async () => {
    for (const [name, options] of [['plain', {}], ['iis', { dialect: 'iis-request-filtering' }], ['close', { dialect: 'oversized-connection-closed' }], ['no-limit', { fault: 'no-size-limit' }]] as const) {
      gateways[name] = await startReferenceGateway(options);
    }
    client = new HttpClient({ timeoutMs: 30_000, concurrency: 2, retries: 0 });
  });
  afterAll(async () => {
    await client.close();
    await Promise.all(Object.values(gateways).map((g) => g.close()));
  });

  const put = (gw: ReferenceGateway, body: StreamedBody) =>
    client.send({ method: 'PUT', url: `${gw.restBaseUrl}/customers/1`, headers: { Authorization: gw.fixtures.rest.users.merchant.authorization, 'Content-Type': 'application/xml', Accept: 'application/xml' }, body });
  const post = (gw: ReferenceGateway) => {
    const target = { securityId: gw.fixtures.soap.securityId, customerInternalId: gw.fixtures.soap.customers[0]!.customerInternalId };
    const valid = soapRequest(soapRequestWith(target, 'empty', 'quoted').value);
    const c = oversized(hostileBodies({ operation: 'mark-customer-as-synchronized', validXml: valid.body, rootName: 'soapenv:Envelope', field: 'customerInternalId', rootNamespace: SOAP_NS.soapEnv, freeTextField: 'UserId' }));
    return client.send({ method: 'POST', url: gw.soapUrl, headers: { 'Content-Type': valid.contentType, SOAPAction: valid.soapAction }, body: c.body as StreamedBody });
  };
  /** The case's body, counting what the client produced of it. */
  const counted = (): StreamedBody & { produced: number } => {
    const inner = restCase.body as StreamedBody;
    const body = {
      length: inner.length,
      produced: 0,
      async *stream() {
        for await (const c of inner.stream()) {
          body.produced += c.length;
          yield c;
        }
      },
    };
    return body;
  };

  it('plain (Kestrel\'s default): 413 on the Content-Length, and the client stopped producing the body', async () => {
    const body = counted();
    const e = await put(gateways.plain!, body);
    expect(e.status).toBe(413);
    expect(body.produced).toBeLessThan(OVERSIZED_BODY_BYTES / 2);
    expect((await post(gateways.plain!)).status).toBe(413);
  });

  it('the IIS dialect: 404.13 with its HTML page', async () => {
    const e = await put(gateways.iis!, counted());
    expect([e.status, e.text.includes('404.13')]).toEqual([404, true]);
  });

  it('the closing dialect: the connection is dropped, unanswered', async () => {
    const error = await put(gateways.close!, counted()).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('reset');
  });

  it('no-size-limit reads all 64 MiB and answers success (REST and SOAP)', async () => {
    const body = counted();
    const e = await put(gateways['no-limit']!, body);
    expect(e.status).toBe(200);
    expect(body.produced).toBe(OVERSIZED_BODY_BYTES);
    const soap = await post(gateways['no-limit']!);
    expect([soap.status, soap.text.includes('<Status>Success</Status>')]).toEqual([200, true]);
  }, 60_000);
});
