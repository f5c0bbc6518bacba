/**
 * Issue 16, findings 4 and 12: what the run does before its suites and when the gateway goes away.
 *
 * - The baseline requests (runner/baseline.ts): a valid PutCustomer with the configured credential
 *   and a valid MarkCustomerAsSynchronized with the configured token, refused outright (401/403, a
 *   redirect, an HTML login page, the documented fault for the configured id) — no verdict (exit 2)
 *   naming the setting, never NOT CONFORMANT with dozens of failures. A gateway that refuses the
 *   Merchant role while serving the configured Reseller is still judged.
 * - A gateway that stops listening right after a hostile request: that request is the finding
 *   (`…/hardening/survives-hostile-input` fails, exit 1), not a run without a verdict.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { configuredSettings } from '../../reference/fixtures.ts';
import type { ReferenceGatewayOptions } from '../../reference/server.ts';
import { type RunOutcome, runConformance } from '../../runner/run.ts';
import { matching, misbehavingReferences, type Rule } from '../helpers/misbehaving-gateway.ts';
import { embeddedReference } from '../../reference/embedded.ts';

const RUN = { CONFORMANCE_SEED: '16', CONFORMANCE_RUNS: '5', CONFORMANCE_TIMEOUT_MS: '3000', CONFORMANCE_RETRIES: '1' };

const references = misbehavingReferences();
afterAll(() => references.closeAll());

/** A reference gateway behind a misbehaving proxy with these rules. */
const misbehaving = (rules: Rule[], reference: ReferenceGatewayOptions = {}) => references.start(rules, reference);

async function run(settings: Record<string, string>, suites?: string[]): Promise<RunOutcome & { lines: string[] }> {
  const lines: string[] = [];
  const outcome = await runConformance({ embedded: embeddedReference(), env: { ...RUN, ...settings }, log: (l) => lines.push(l), progressEveryMs: 0, ...(suites ? { suites } : {}) });
  return { ...outcome, lines };
}

const failed = (o: RunOutcome) => o.clauses.filter((c) => c.status === 'failed').map((c) => c.clause.id);

describe('the baseline requests: a refused configuration is no verdict, never NOT CONFORMANT', () => {
  it('a revoked SYNTCH_AUTHORIZATION (401): exit 2 naming it, no suite ran', async () => {
    const { proxy, fixtures } = await misbehaving([]);
    const o = await run({ ...configuredSettings(proxy, fixtures), SYNTCH_AUTHORIZATION: 'Bearer revoked' });
    expect(o.exitCode).toBe(2);
    expect(o.errors.join('\n')).toMatch(/valid PutCustomer with the configured SYNTCH_AUTHORIZATION was refused with 401[^]*check SYNTCH_AUTHORIZATION/);
    expect(o.clauses).toEqual([]);
    // The preflight and the baselines only: nothing the suites send.
    expect(proxy.log.length).toBeLessThanOrEqual(4);
  });

  it('an http:// URL answered with a redirect to https:// on every request: exit 2, configure the https:// URL', async () => {
    const { proxy, fixtures } = await misbehaving([{ do: { kind: 'redirect', status: 301, location: 'https://gateway.invalid/api/customers/1' } }]);
    const o = await run(configuredSettings(proxy, fixtures));
    expect(o.exitCode).toBe(2);
    const errors = o.errors.join('\n');
    expect(errors).toMatch(/PutCustomer[^]*refused with a redirect \(301 to https:\/\/gateway\.invalid[^]*check SYNTCH_BASE_URL: it says http:\/\/ and the gateway redirects to https:\/\//);
    expect(errors).toMatch(/MarkCustomerAsSynchronized[^]*refused with a redirect[^]*check EBIZ_SOAP_URL/);
    expect(o.clauses).toEqual([]);
  });

  it('an HTML login page (200 text/html) for the valid requests: exit 2', async () => {
    const page = '<!doctype html><html><body><form action="/login"><input name="password"></form></body></html>';
    const { proxy, fixtures } = await misbehaving([{ when: matching({ api: 'rest' }), do: { kind: 'status', status: 200, contentType: 'text/html; charset=utf-8', body: page } }]);
    const o = await run(configuredSettings(proxy, fixtures), ['access']);
    expect(o.exitCode).toBe(2);
    expect(o.errors.join('\n')).toMatch(/refused with an HTML page \(200, text\/html; charset=utf-8\)[^]*check SYNTCH_BASE_URL and SYNTCH_AUTHORIZATION/);
  });

  it('a 403 for the SOAP endpoint (a front end refusing the caller): exit 2 naming EBIZ_SECURITY_ID', async () => {
    const { proxy, fixtures } = await misbehaving([{ when: matching({ api: 'soap' }), do: { kind: 'status', status: 403 } }]);
    const o = await run(configuredSettings(proxy, fixtures), ['soap']);
    expect(o.exitCode).toBe(2);
    expect(o.errors.join('\n')).toMatch(/MarkCustomerAsSynchronized with the configured EBIZ_SECURITY_ID was refused with 403[^]*check EBIZ_SECURITY_ID/);
  });

  it('an EBIZ_CUSTOMER_INTERNAL_ID the gateway does not know (the documented fault): exit 2 naming it', async () => {
    const { proxy, fixtures } = await misbehaving([]);
    const o = await run({ ...configuredSettings(proxy, fixtures), EBIZ_CUSTOMER_INTERNAL_ID: 'no-such-customer-16' });
    expect(o.exitCode).toBe(2);
    expect(o.errors.join('\n')).toMatch(/EBIZ_CUSTOMER_INTERNAL_ID: [^]*documented InvalidCustomerInternalId fault/);
  });

  it('a gateway that refuses the Merchant role but serves the configured Reseller is judged: exit 1, roles-accepted failed', async () => {
    const { proxy, fixtures } = await misbehaving([], { fault: 'merchant-role-rejected' });
    const o = await run(configuredSettings(proxy, fixtures), ['access']);
    expect(o.errors).toEqual([]);
    expect(o.exitCode).toBe(1);
    expect(failed(o)).toContain('put-customer/auth/roles-accepted');
  });

  it('the same 403 without a Reseller configured: no verdict, SYNTCH_AUTHORIZATION named', async () => {
    const { proxy, fixtures } = await misbehaving([], { fault: 'merchant-role-rejected' });
    const { SYNTCH_AUTHORIZATION_RESELLER: _reseller, ...settings } = configuredSettings(proxy, fixtures);
    const o = await run(settings, ['access']);
    expect(o.exitCode).toBe(2);
    expect(o.errors.join('\n')).toMatch(/refused with 403 \(forbidden\); check SYNTCH_AUTHORIZATION/);
  });
});

describe('a gateway that stops listening right after a hostile request', () => {
  it('the hostile request is the finding: survives-hostile-input fails with it, exit 1, no run error', async () => {
    const { proxy, fixtures } = await misbehaving([{ when: matching({ api: 'rest', bodyContains: '<!DOCTYPE' }), which: { nth: 1 }, do: { kind: 'die' } }]);
    const o = await run(configuredSettings(proxy, fixtures));
    expect(o.errors).toEqual([]);
    expect(o.exitCode).toBe(1);
    const survives = o.clauses.find((c) => c.clause.id === 'put-customer/hardening/survives-hostile-input')!;
    expect(survives.status).toBe('failed');
    const said = survives.failures.map((f) => `${f.counterexample} → ${f.received}`).join('\n');
    expect(said).toMatch(/stopped (accepting connections|answering) after/);
    // The case names the hostile request (a DTD body), the first one the gateway got.
    const dtd = proxy.log.find((e) => e.action === 'die')!;
    expect(dtd).toBeDefined();
    expect(survives.failures.some((f) => /DTD|DOCTYPE|entity/i.test(f.counterexample ?? ''))).toBe(true);
  });

  it('an answer that is not HTTP to a hostile body is judged (the hostile-input clause fails), not a run error', async () => {
    const { proxy, fixtures } = await misbehaving([{ when: matching({ api: 'rest', bodyContains: '<!DOCTYPE' }), do: { kind: 'garbage' } }]);
    const o = await run(configuredSettings(proxy, fixtures), ['hardening']);
    expect(o.errors).toEqual([]);
    expect(o.exitCode).toBe(1);
    const said = o.clauses.filter((c) => c.status === 'failed').flatMap((c) => c.failures.map((f) => f.received));
    expect(said.some((r) => /not HTTP/.test(r))).toBe(true);
    expect(proxy.log.some((e) => e.action === 'garbage')).toBe(true);
  });

  it('a gateway that stops listening with no hostile request before it: still no verdict (exit 2)', async () => {
    // Dies on the first valid JSON PutCustomer of the inputs suite: nothing hostile preceded it there.
    const { proxy, fixtures } = await misbehaving([{ when: matching({ api: 'rest', method: 'PUT', bodyContains: '"CustomerName"' }), which: { nth: 1 }, do: { kind: 'die' } }]);
    const o = await run(configuredSettings(proxy, fixtures), ['inputs']);
    expect(o.exitCode).toBe(2);
    expect(o.errors.join('\n')).toMatch(/cannot reach|dropped the connection|no answer/);
  });
});
