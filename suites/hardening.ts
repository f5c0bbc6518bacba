/**
 * Hostile input for both APIs (docs/INTERPRETING.md §hardening): a DTD with an internal entity,
 * an expansion bomb, an external entity, malformed bodies, the wrong namespace, an oversized body.
 * Each must be refused — never answered with success, never expanded or resolved — and after each
 * the gateway must still answer a valid request.
 */
import type { OperationId } from '../contract/index.ts';
import { NS as SOAP_NS } from '../contract/mark-customer-as-synchronized.ts';
import { NS as PUT_NS } from '../contract/put-customer.ts';
import { hostileNames } from '../checks/hardening/survives-hostile-input.ts';
import { readSoap } from '../checks/soap.ts';
import { baselineCustomer } from '../generators/baseline.ts';
import { type HostileCase, hostileBodies, hostileJsonBodies } from '../generators/hostile-xml.ts';
import { customerBody, soapRequest } from '../generators/serialize.ts';
import type { SoapTarget } from '../generators/soap-case.ts';
import { soapRequestWith } from '../generators/valid-soap-request.ts';
import type { HttpExchange, HttpRequest, TransportError } from '../lib/http/client.ts';
import type { CheckedFinding, RecordContext, SuiteContext } from './context.ts';
import { defineSuite } from './define.ts';

type Attempt = { exchange: HttpExchange } | { dropped: TransportError };
type Cases = readonly (readonly [HostileCase, HttpRequest])[];

/**
 * Each hostile request, then a valid one once it is answered (docs/INTERPRETING.md §hardening).
 * The pairs go at once — a gateway far away costs two round trips for all of them, not two each —
 * and are recorded as they are when every hostile request was refused and every valid request
 * after one succeeded. Otherwise another hostile request in flight may be the cause, so the pairs
 * are sent again one after another, as the clause reads, and that is what is recorded, with any
 * failed answer of the pairs at once that did not fail again (a drop or silence that did not
 * repeat is dropped: the others' load may explain it). A gateway that no longer accepts
 * connections cannot be asked again: what it answered stands, and the failure names the hostile
 * requests it stopped after. `CONFORMANCE_CONCURRENCY=1` sends the pairs in turn from the start, and
 * so does a run that stops at a first failure (the self-check: the catch spares the rest).
 */
async function hostile(ctx: SuiteContext, operation: OperationId, cases: Cases, valid: HttpRequest, succeeded: (e: HttpExchange) => boolean): Promise<void> {
  const api = operation === 'put-customer' ? 'rest' : 'soap';
  ctx.plan(cases.length * 2);
  const judged = (c: HostileCase, request: HttpRequest, refused: Attempt, answer: Attempt): Judged[] => {
    const after = 'exchange' in answer ? { exchange: answer.exchange, succeeded: succeeded(answer.exchange) } : answer;
    return [
      { findings: ctx.judge('hostile_input_refused', { answer: refused, case: c, api }), context: { request, ...('exchange' in refused ? { exchange: refused.exchange } : {}), counterexample: c.name } },
      { findings: ctx.judge('survives_hostile_input', { operation, after: c.name, answer: after }), context: { request: valid, ...('exchange' in answer ? { exchange: answer.exchange } : {}), counterexample: `a valid request after ${c.name}` } },
    ];
  };
  const recordAll = (records: readonly Judged[]) => {
    for (const r of records) ctx.record(r.findings, r.context);
  };
  if (ctx.concurrency > 1 && !ctx.stopsEarly) {
    const pairs: { c: HostileCase; request: HttpRequest; refused: Attempt; answer: Attempt }[] = [];
    await ctx.together(
      ...cases.map(([c, request], i) => async () => {
        const refused = await ctx.attempt(request, { hostile: c.name });
        pairs[i] = { c, request, refused, answer: await ctx.attempt(valid, { after: c.name }) };
      }),
    );
    const records = pairs.flatMap((p) => judged(p.c, p.request, p.refused, p.answer));
    if (records.every((r) => r.findings.every((f) => f.ok))) return recordAll(records);
    const gone = pairs.flatMap((p) => ('dropped' in p.answer && p.answer.dropped.kind === 'unreachable' ? [{ name: p.c.name, dropped: p.answer.dropped }] : []));
    if (gone.length > 0) {
      // What the gateway answered before it went stands; what it dropped may have been in flight when it went.
      recordAll(records.filter((r) => r.context.exchange !== undefined));
      const after = hostileNames(gone);
      ctx.check('survives_hostile_input', { operation, after, answer: { dropped: gone[0]!.dropped } }, { request: valid, counterexample: `a valid request after ${after}` });
      return;
    }
    ctx.plan(cases.length * 2);
    const inTurn = await oneAfterAnother(ctx, cases, valid, judged);
    recordAll(inTurn);
    // An answer that failed while the pairs went together and did not fail again is the gateway's
    // own answer to that request all the same: kept, saying so. A drop or silence is not (the load
    // of the other hostile requests may explain it).
    const failing = (r: Judged) => r.findings.filter((f) => !f.ok).map((f) => `${f.clause} ${r.context.counterexample}`);
    const again = new Set(inTurn.flatMap(failing));
    for (const r of records) {
      if (r.context.exchange === undefined) continue;
      const findings = r.findings.filter((f) => !f.ok && !again.has(`${f.clause} ${r.context.counterexample}`));
      if (findings.length > 0) ctx.record(findings, { ...r.context, counterexample: `${r.context.counterexample} (sent together with the other hostile requests; not seen again when sent one after another)` });
    }
    return;
  }
  recordAll(await oneAfterAnother(ctx, cases, valid, judged));
}

interface Judged {
  readonly findings: readonly CheckedFinding[];
  readonly context: RecordContext;
}

/** The pairs one after another, as the clause reads: stops at a gateway that no longer accepts connections. */
async function oneAfterAnother(ctx: SuiteContext, cases: Cases, valid: HttpRequest, judged: (c: HostileCase, request: HttpRequest, refused: Attempt, answer: Attempt) => Judged[]): Promise<Judged[]> {
  const records: Judged[] = [];
  for (const [c, request] of cases) {
    const refused = await ctx.attempt(request, { hostile: c.name });
    const answer = await ctx.attempt(valid, { after: c.name });
    records.push(...judged(c, request, refused, answer));
    // A gateway that no longer accepts connections cannot be judged on the cases left.
    if ('dropped' in answer && answer.dropped.kind === 'unreachable') break;
  }
  return records;
}

/** PutCustomer's hostile bodies, XML and JSON (`trace` lists them as the cases of their clauses). */
export function putCustomerHostileCases(): { xml: HostileCase[]; json: HostileCase[] } {
  return {
    xml: hostileBodies({ operation: 'put-customer', validXml: customerBody(baselineCustomer(), 'xml').body, rootName: 'PutCustomer', field: 'CustomerName', rootNamespace: PUT_NS.bindingModels }),
    json: hostileJsonBodies(),
  };
}

/** MarkCustomerAsSynchronized's hostile envelopes, around a valid request for `target`. */
export function soapHostileCases(target: SoapTarget): HostileCase[] {
  // The internal entity expands to the real id: a gateway that expands it answers Success and is caught.
  const validCase = soapRequestWith(target, 'empty', 'quoted');
  return hostileBodies({ operation: 'mark-customer-as-synchronized', validXml: soapRequest(validCase.value).body, rootName: 'soapenv:Envelope', field: 'customerInternalId', freeTextField: 'UserId', expansion: target.customerInternalId, rootNamespace: SOAP_NS.soapEnv });
}

export const hardening = defineSuite({
  name: 'hardening',
  api: 'syntch',
  description: 'hostile and malformed bodies for PutCustomer',
  checks: ['hostile_input_refused', 'survives_hostile_input'],
  async run(ctx) {
    const valid = ctx.customerRequest({ value: baselineCustomer() });
    const withBody = (c: HostileCase, contentType: string) => [c, { ...valid, headers: { ...valid.headers, 'Content-Type': contentType }, body: c.body }] as const;
    const { xml, json } = putCustomerHostileCases();
    const cases = [...xml.map((c) => withBody(c, 'application/xml')), ...json.map((c) => withBody(c, 'application/json'))];
    await hostile(ctx, 'put-customer', cases, valid, (e) => e.status === 200);
  },
});

export const soapHardening = defineSuite({
  name: 'hardening-soap',
  api: 'ebiz',
  description: 'hostile and malformed envelopes for MarkCustomerAsSynchronized',
  checks: ['hostile_input_refused', 'survives_hostile_input'],
  async run(ctx) {
    const valid = ctx.soapRequest(soapRequestWith(ctx.soapTarget, 'empty', 'quoted'));
    const cases = soapHostileCases(ctx.soapTarget).map((c) => [c, { ...valid, body: c.body }] as const);
    await hostile(ctx, 'mark-customer-as-synchronized', cases, valid, (e) => e.status === 200 && readSoap(e.text).result !== undefined);
  },
});
