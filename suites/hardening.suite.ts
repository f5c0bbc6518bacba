/**
 * Hostile input for both APIs (docs/INTERPRETING.md §hardening): a DTD with an internal entity,
 * an expansion bomb, an external entity, malformed bodies, the wrong namespace, a body over 1 MiB.
 * Each must be refused — never answered with success, never expanded or resolved — in time, and
 * after each the gateway must still answer a valid request.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { NS as SOAP_NS } from '../contract/mark-customer-as-synchronized.ts';
import { NS as PUT_NS } from '../contract/put-customer.ts';
import { baselineCustomer } from '../generators/baseline.ts';
import { type HostileCase, hostileBodies, hostileJsonBodies } from '../generators/hostile-xml.ts';
import { customerBody, soapRequest } from '../generators/serialize.ts';
import { soapRequestWith } from '../generators/valid-soap-request.ts';
import { GatewayTimeoutError, GatewayUnreachableError, type HttpExchange, type HttpRequest } from '../lib/http/client.ts';
import { type Finding, excerpt, fail, pass } from './checks/finding.ts';
import { mediaTypeOf } from './checks/http.ts';
import { readSoap } from './checks/soap.ts';
import { Harness, resolvedRunFromEnv } from './harness.ts';
import { failedMustClauses, mustFailures } from './support.ts';

const h = new Harness('hardening', resolvedRunFromEnv());
afterAll(() => h.finish());

type Answer = { exchange: HttpExchange } | { reset: true } | { timeout: true };

async function attempt(request: HttpRequest): Promise<Answer> {
  try {
    return { exchange: await h.send(request) };
  } catch (e) {
    if (e instanceof GatewayTimeoutError) return { timeout: true };
    if (e instanceof GatewayUnreachableError && e.reset) return { reset: true };
    throw e;
  }
}

const isHtml = (e: HttpExchange) => mediaTypeOf(e.contentType) === 'text/html' || /^\s*<(!doctype html|html)/i.test(e.text);

/** Judges one hostile answer: refused as the API refuses, nothing leaked, in time. */
function judgeHostile(c: HostileCase, answer: Answer, api: 'rest' | 'soap'): Finding[] {
  const oversized = c.clause.endsWith('oversized-body-refused');
  if ('timeout' in answer) return [fail(c.clause, 'no-answer', `${c.name}: refused within the request timeout`, 'no answer in time')];
  if ('reset' in answer) {
    return [oversized ? pass(c.clause) : fail(c.clause, 'wrong-behaviour', `${c.name}: an HTTP answer refusing it`, 'the connection was dropped')];
  }
  const e = answer.exchange;
  const leaked = c.leakMarker !== undefined && e.text.includes(c.leakMarker);
  if (leaked) return [fail(c.clause, 'accepted-invalid', `${c.name}: never expanded or resolved`, `the answer contains "${c.leakMarker}": ${excerpt(e.text, 200)}`)];
  if (api === 'rest') {
    const ok = oversized ? e.status === 413 || e.status === 400 : e.status >= 400 && e.status < 500;
    return [ok ? pass(c.clause) : fail(c.clause, e.status < 300 ? 'accepted-invalid' : 'wrong-behaviour', oversized ? '413 or 400' : 'refused with a 4xx', `${e.status}: ${excerpt(e.text, 200)}`)];
  }
  const read = readSoap(e.text);
  if (read.result) return [fail(c.clause, 'accepted-invalid', `${c.name}: a fault, never Success`, 'a successful CustomerResponse')];
  if (oversized) return [e.status === 413 || e.status === 400 || read.fault ? pass(c.clause) : fail(c.clause, 'wrong-behaviour', '413, 400 or a SOAP fault', `${e.status}: ${excerpt(e.text, 200)}`)];
  const findings: Finding[] = [];
  const refused = (e.status === 400 || read.fault !== undefined) && !isHtml(e);
  findings.push(refused ? pass(c.clause) : fail(c.clause, 'wrong-behaviour', '400 or a SOAP fault, never an HTML page', `${e.status} ${e.contentType}: ${excerpt(e.text, 200)}`));
  if (read.fault) {
    const client = read.fault.codeNs === SOAP_NS.soapEnv && /^Client(\.|$)/.test(read.fault.codeLocal);
    findings.push(client ? pass('mark-customer-as-synchronized/protocol/malformed-client-fault') : fail('mark-customer-as-synchronized/protocol/malformed-client-fault', 'wrong-shape', 'a Client fault code', `{${read.fault.codeNs ?? '?'}}${read.fault.codeLocal}`));
  }
  return findings;
}

async function survives(operation: string, valid: HttpRequest, expectSuccess: (e: HttpExchange) => boolean, after: string): Promise<void> {
  const clause = `${operation}/hardening/survives-hostile-input`;
  const answer = await attempt(valid);
  const ok = 'exchange' in answer && expectSuccess(answer.exchange);
  h.record([ok ? pass(clause) : fail(clause, 'wrong-behaviour', `a valid request answered after ${after}`, 'exchange' in answer ? `${answer.exchange.status}: ${excerpt(answer.exchange.text, 160)}` : 'timeout' in answer ? 'no answer in time' : 'connection dropped')], { request: valid, counterexample: `a valid request after ${after}` });
}

describe.runIf(h.syntch)('PutCustomer hostile bodies', () => {
  it('each is refused, nothing is expanded, and a valid PUT still succeeds', async () => {
    const before = mustFailures(h);
    const valid = h.customerRequest({ value: baselineCustomer() });
    const cases = [
      ...hostileBodies({ operation: 'put-customer', validXml: customerBody(baselineCustomer(), 'xml').body, rootName: 'PutCustomer', field: 'CustomerName', rootNamespace: PUT_NS.bindingModels }).map((c) => [c, 'application/xml'] as const),
      ...hostileJsonBodies().map((c) => [c, 'application/json'] as const),
    ];
    for (const [c, contentType] of cases) {
      const request = { ...valid, headers: { ...valid.headers, 'Content-Type': contentType }, body: c.body };
      h.record(judgeHostile(c, await attempt(request), 'rest'), { request, counterexample: c.name });
      await survives('put-customer', valid, (e) => e.status === 200, c.name);
    }
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });
});

describe.runIf(h.ebiz)('MarkCustomerAsSynchronized hostile envelopes', () => {
  it('each is refused with a fault or 400, never Success or HTML, and a valid call still succeeds', async () => {
    const before = mustFailures(h);
    const target = h.soapTarget!;
    const validCase = soapRequestWith(target, 'empty', 'quoted');
    const valid = h.soapRequest(validCase);
    // The internal entity expands to the real id: a gateway that expands it answers Success and is caught.
    const cases = hostileBodies({ operation: 'mark-customer-as-synchronized', validXml: soapRequest(validCase.value).body, rootName: 'soapenv:Envelope', field: 'customerInternalId', expansion: target.customerInternalId, rootNamespace: SOAP_NS.soapEnv });
    for (const c of cases) {
      const request = { ...valid, body: c.body };
      h.record(judgeHostile(c, await attempt(request), 'soap'), { request, counterexample: c.name });
      await survives('mark-customer-as-synchronized', valid, (e) => e.status === 200 && readSoap(e.text).result !== undefined, c.name);
    }
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });
});
