/**
 * "No 5xx, anywhere" (docs/INTERPRETING.md §server-errors) and the oversized body (§body-size):
 * the `not_a_server_error` check on its own (a SOAP fault answered HTTP 500 is not a server error,
 * anything else 5xx is), the oversized judgements of `hostile_input_refused`, and the check applied
 * by the runner to every exchange of every suite — caught under its clause, and left out by
 * `--exclude-checks not_a_server_error` like any other check.
 */
import { describe, expect, it } from 'vitest';
import { notAServerError } from '../../checks/common/not-a-server-error.ts';
import { hostileInputRefused } from '../../checks/hardening/hostile-input-refused.ts';
import { FAULT_INVALID_CUSTOMER_INTERNAL_ID } from '../../contract/mark-customer-as-synchronized.ts';
import type { HostileCase } from '../../generators/hostile-xml.ts';
import { type HttpExchange, TransportError } from '../../lib/http/client.ts';
import { buildFault } from '../../contract/soap-envelope.ts';
import { runConformance } from '../../runner/run.ts';
import { embeddedReference } from '../../reference/embedded.ts';

const answer = (status: number, contentType: string, text: string): HttpExchange => ({
  request: { method: 'PUT', url: 'http://127.0.0.1:1/api/customers/1', headers: {} },
  status,
  headers: { 'content-type': contentType },
  contentType,
  text,
  truncated: false,
  durationMs: 1,
  attempts: 1,
});
const HTML_500 = "<!DOCTYPE html><html><body><h1>Server Error in '/' Application.</h1></body></html>";
const verdict = (exchange: HttpExchange, api: 'rest' | 'soap') => notAServerError.run({ exchange, api }).map((f) => [f.clause, f.ok]);

describe('not_a_server_error', () => {
  it('any answer below 500 holds, for either API', () => {
    for (const status of [200, 201, 301, 400, 401, 404, 413, 415, 499]) {
      expect(verdict(answer(status, 'text/plain', ''), 'rest')).toEqual([['put-customer/errors/no-server-error', true]]);
      expect(verdict(answer(status, 'text/plain', ''), 'soap')).toEqual([['mark-customer-as-synchronized/errors/no-server-error', true]]);
    }
  });

  it('a 5xx from PutCustomer fails, whatever its body', () => {
    for (const [status, type, body] of [[500, 'text/html', HTML_500], [500, 'application/xml', '<ErrorResponse/>'], [502, 'text/plain', 'Bad Gateway'], [504, '', '']] as const) {
      const [f] = notAServerError.run({ exchange: answer(status, type, body), api: 'rest' });
      expect([f!.clause, f!.ok, f!.kind]).toEqual(['put-customer/errors/no-server-error', false, 'wrong-behaviour']);
      expect(f!.received).toContain(String(status));
    }
  });

  it('SOAP: HTTP 500 with a fault envelope is the documented fault, not a server error; 500 without one, or another 5xx, is', () => {
    const fault = buildFault(FAULT_INVALID_CUSTOMER_INTERNAL_ID);
    expect(verdict(answer(500, 'text/xml; charset=utf-8', fault), 'soap')).toEqual([['mark-customer-as-synchronized/errors/no-server-error', true]]);
    expect(verdict(answer(500, 'text/html', HTML_500), 'soap')).toEqual([['mark-customer-as-synchronized/errors/no-server-error', false]]);
    expect(verdict(answer(500, 'text/xml', fault.slice(0, 40)), 'soap')).toEqual([['mark-customer-as-synchronized/errors/no-server-error', false]]);
    expect(verdict(answer(502, 'text/xml', fault), 'soap')).toEqual([['mark-customer-as-synchronized/errors/no-server-error', false]]);
    // A fault envelope is no excuse on the REST API.
    expect(verdict(answer(500, 'text/xml', fault), 'rest')).toEqual([['put-customer/errors/no-server-error', false]]);
  });
});

describe('hostile_input_refused on the 64 MiB body', () => {
  const oversized = (api: 'rest' | 'soap'): HostileCase => ({
    clause: api === 'rest' ? 'put-customer/hardening/oversized-body-refused' : 'mark-customer-as-synchronized/hardening/oversized-body-refused',
    name: 'a valid body padded to 64 MiB with a comment is refused before it is read whole',
    body: '',
  });
  const judge = (api: 'rest' | 'soap', a: Parameters<typeof hostileInputRefused.run>[0]['answer']) => hostileInputRefused.run({ answer: a, case: oversized(api), api }).map((f) => f.ok);

  it('refused by any 4xx — 413 (Kestrel, WCF), 404.13 (IIS request filtering), 400 — or a connection closed before it was read', () => {
    for (const api of ['rest', 'soap'] as const) {
      for (const status of [413, 404, 400]) expect(judge(api, { exchange: answer(status, 'text/html', '') }), `${api} ${status}`).toEqual([true]);
      expect(judge(api, { dropped: new TransportError('reset', 'http://x/', 'ECONNRESET', 2, 'dropped') })).toEqual([true]);
    }
  });

  it('never by a success, a 5xx (ASP.NET\'s "Maximum request length exceeded" page) or silence', () => {
    for (const api of ['rest', 'soap'] as const) {
      expect(judge(api, { exchange: answer(200, 'application/xml', '') })).toEqual([false]);
      expect(judge(api, { exchange: answer(500, 'text/html', HTML_500) })).toEqual([false]);
      expect(judge(api, { dropped: new TransportError('timeout', 'http://x/', 'UND_ERR_HEADERS_TIMEOUT', 2, 'silent') })).toEqual([false]);
    }
  });
});

describe('applied by the runner to every exchange', () => {
  const env = { CONFORMANCE_SEED: '5', CONFORMANCE_RUNS: '5' };
  const clauseOf = (o: Awaited<ReturnType<typeof runConformance>>, id: string) => o.clauses.find((c) => c.clause.id === id)!;

  it('a gateway that answers some valid requests with a 500 HTML page fails no-server-error, found by not_a_server_error, in suites that never name it', async () => {
    const outcome = await runConformance({ env, log: () => undefined, suites: ['mark-customer', 'put-customer-inputs'], embedded: embeddedReference({ fault: 'server-error-on-missing-optional' }) });
    expect(outcome.exitCode).toBe(1);
    for (const id of ['put-customer/errors/no-server-error', 'mark-customer-as-synchronized/errors/no-server-error']) {
      const c = clauseOf(outcome, id);
      expect(c.status, id).toBe('failed');
      expect(c.failures[0]!.check).toBe('not_a_server_error');
      expect(c.failures[0]!.received).toMatch(/^HTTP 500 without a SOAP fault envelope|^a 500/);
      expect(c.failures[0]!.curl).toMatch(/^curl /);
    }
  });

  it('the plain reference passes it in every suite of a run, SOAP faults (HTTP 500) included', async () => {
    const outcome = await runConformance({ embedded: embeddedReference(), env, log: () => undefined, suites: ['mark-customer', 'harden'] });
    expect(outcome.exitCode).toBe(0);
    expect(clauseOf(outcome, 'mark-customer-as-synchronized/errors/no-server-error').status).toBe('passed');
    expect(clauseOf(outcome, 'put-customer/errors/no-server-error').status).toBe('passed');
    expect(outcome.suites!.filter((s) => s.clauses.some((c) => c.endsWith('/errors/no-server-error'))).map((s) => s.suite).sort()).toEqual(['hardening', 'hardening-soap', 'mark-customer']);
  });

  it('--exclude-checks not_a_server_error leaves both clauses not-tested, with the reason, and the run partial', async () => {
    const outcome = await runConformance({ env, log: () => undefined, suites: ['mark-customer'], excludeChecks: ['not_a_server_error'], embedded: embeddedReference({ fault: 'server-error-on-missing-optional' }) });
    const c = clauseOf(outcome, 'mark-customer-as-synchronized/errors/no-server-error');
    expect(c.status).toBe('not-tested');
    expect(c.reason).toMatch(/not_a_server_error, excluded from this run/);
    expect(outcome.scope?.partial).toBe(true);
  });
});
