/** Helpers shared by the suite files. */
import { clause as clauseOf, hasClause } from '../contract/index.ts';
import { baselineCustomer } from '../generators/baseline.ts';
import { GatewayTimeoutError } from '../lib/http/client.ts';
import { contentTypeMatchesBody } from './checks/http.ts';
import type { Finding } from './checks/finding.ts';
import { type Harness } from './harness.ts';
import type { HttpRequest, HttpExchange } from '../lib/http/client.ts';

/** How many MUST failures the recorder holds: a suite's vitest test fails when this grows. */
export function mustFailures(h: Harness): number {
  return h.recorder
    .result()
    .clauses.filter((c) => hasClause(c.clause) && clauseOf(c.clause).level === 'MUST')
    .reduce((n, c) => n + h.recorder.failuresOf(c.clause), 0);
}

/** The failed MUST clauses, for a vitest assertion message. */
export function failedMustClauses(h: Harness): string[] {
  return h.recorder
    .result()
    .clauses.filter((c) => hasClause(c.clause) && clauseOf(c.clause).level === 'MUST' && h.recorder.failuresOf(c.clause) > 0)
    .map((c) => `${c.clause}: ${c.failures[0]?.received ?? ''}`);
}

/**
 * Does the gateway take JSON bodies (`negotiation/json-body`, SHOULD)? Probed once with the
 * baseline customer; when it does not, JSON variants are left out so a SHOULD gap does not turn
 * into MUST failures.
 */
export async function probeJsonBody(h: Harness): Promise<boolean> {
  const request = h.customerRequest({ value: baselineCustomer() }, { format: 'json' });
  let exchange: HttpExchange;
  try {
    exchange = await h.send(request);
  } catch (e) {
    if (e instanceof GatewayTimeoutError) return false;
    throw e;
  }
  const ok = exchange.status === 200 && exchange.text.trimStart().startsWith('{');
  h.record([ok ? { clause: 'put-customer/negotiation/json-body', ok: true } : { clause: 'put-customer/negotiation/json-body', ok: false, kind: 'rejected-valid', documented: 'a JSON PutCustomer accepted, answered in JSON', received: `${exchange.status} ${exchange.contentType}` }, contentTypeMatchesBody(exchange)], { request, counterexample: 'the baseline customer as JSON' });
  return ok;
}

/** Sends and judges; a timeout becomes a finding about `timeoutClause`. */
export async function sendAndJudge(h: Harness, request: HttpRequest, judge: (e: HttpExchange) => Finding[], timeoutClause: string, counterexample: string): Promise<number> {
  let exchange: HttpExchange;
  try {
    exchange = await h.send(request);
  } catch (e) {
    if (e instanceof GatewayTimeoutError) {
      h.timedOut(timeoutClause, e, request, counterexample);
      return 1;
    }
    throw e;
  }
  return h.record(judge(exchange), { request, counterexample });
}
