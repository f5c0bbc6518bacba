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
 * - The preflight and the baseline requests go in one round trip, and no suite request goes before
 *   they are answered (issue 18: a distant gateway's time to verdict is its chain of round trips).
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { configuredSettings } from '../../reference/fixtures.ts';
import { type ReferenceGatewayOptions, startReferenceGateway } from '../../reference/server.ts';
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

describe('before the suites: the preflight and the baseline requests, in one round trip', () => {
  /**
   * A proxy in front of the reference that answers none of the first `first` requests until all of
   * them have arrived and `holdMs` has passed (a gateway far away, and a slow one), then forwards
   * everything; it logs each request with whether those first answers were written when it came.
   */
  async function holding(first: number, holdMs: number) {
    const gw = await startReferenceGateway({});
    const upstream = new URL(gw.restBaseUrl);
    const log: { method: string; path: string; afterFirstAnswers: boolean }[] = [];
    const held: (() => void)[] = [];
    let answered = 0;
    let firstAt = 0;
    const server = createServer((req, res) => {
      log.push({ method: req.method ?? '', path: req.url ?? '', afterFirstAnswers: answered >= first });
      const index = log.length;
      const forward = () => {
        const f = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          if (index <= first) res.on('finish', () => answered++);
        });
        f.on('error', () => res.destroy());
        req.pipe(f);
      };
      if (index > first) return forward();
      firstAt ||= Date.now();
      req.pause();
      held.push(() => (req.resume(), forward()));
      if (held.length === first) setTimeout(() => held.splice(0).forEach((go) => go()), Math.max(0, holdMs - (Date.now() - firstAt)));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const swap = (u: string) => `${origin}${new URL(u).pathname}`;
    const close = async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await gw.close();
    };
    return { settings: configuredSettings({ restBaseUrl: swap(gw.restBaseUrl), soapUrl: swap(gw.soapUrl) }, gw.fixtures), log, close };
  }

  it('the preflight GETs and the baseline PUT and POST are all sent before any is answered, and no suite request goes before all four are answered', async () => {
    // Held for a second (the suites build their first cases meanwhile): a suite request sent before
    // the gate opened would arrive while the four answers are held. Sent one after another, the
    // baseline would wait for an answer that waits for it, and the run would end unreachable (exit 2).
    const gateway = await holding(4, 1_000);
    try {
      const o = await run(gateway.settings, ['mark-customer', 'access']);
      expect(o.errors).toEqual([]);
      expect(o.exitCode).toBe(0);
      expect(gateway.log.slice(0, 4).map((r) => r.method).sort()).toEqual(['GET', 'GET', 'POST', 'PUT']);
      expect(gateway.log.length).toBeGreaterThan(20);
      expect(gateway.log.slice(4).filter((r) => !r.afterFirstAnswers)).toEqual([]);
    } finally {
      await gateway.close();
    }
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
