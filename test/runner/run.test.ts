/**
 * The in-process runner: one run against the embedded reference, check selection (an excluded
 * check's clauses are not-tested with the reason, and the run says it is partial), suite filters,
 * and bad selections refused before any request.
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runConformance } from '../../runner/run.ts';
import { selectChecks } from '../../runner/selection.ts';
import { CHECK_NAMES, EVERY_EXCHANGE_CHECKS } from '../../checks/registry.ts';
import { embeddedReference } from '../../reference/embedded.ts';
import { SUITES } from '../../suites/index.ts';
import { buildReport } from '../../reporting/model.ts';

const env = { CONFORMANCE_SEED: '3', CONFORMANCE_RUNS: '10' };

describe('runConformance against the embedded reference', () => {
  it('the whole run: exit 0, every observable clause passed, not partial, one client counted every request', async () => {
    const outcome = await runConformance({ embedded: embeddedReference(), env, log: () => undefined });
    expect(outcome.errors).toEqual([]);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.clauses.filter((c) => c.status !== 'passed').map((c) => c.clause.id)).toEqual(['mark-customer-as-synchronized/effect/last-sync-recorded']);
    expect(outcome.scope?.partial).toBe(false);
    expect(outcome.requests?.sent).toBeGreaterThan(500);
    expect(outcome.requests?.failed).toBe(0);
    // Each suite called every check it declares (and no other: an undeclared one is refused), so
    // --clause and trace, which read the declarations, read what the suites really do.
    expect(outcome.suites?.map((s) => [s.suite, s.checks])).toEqual(SUITES.map((s) => [s.name, CHECK_NAMES.filter((c) => s.checks.includes(c) || EVERY_EXCHANGE_CHECKS.includes(c))]));
  });

  it('an excluded check leaves the clauses only it judges not-tested, says why, and marks the run partial', async () => {
    const outcome = await runConformance({ embedded: embeddedReference(), env, log: () => undefined, excludeChecks: ['response_echo', 'role_required'], suites: ['access', 'inputs'] });
    expect(outcome.exitCode).toBe(0);
    const role = outcome.clauses.find((c) => c.clause.id === 'put-customer/auth/role-required-403')!;
    expect(role.status).toBe('not-tested');
    expect(role.reason).toMatch(/role_required, excluded from this run/);
    const echo = outcome.clauses.find((c) => c.clause.id === 'put-customer/response/echo')!;
    expect(echo.status).toBe('not-tested');
    expect(outcome.scope).toMatchObject({ partial: true, filters: { suites: ['access', 'inputs'], excludeChecks: ['response_echo', 'role_required'] } });
    // Clauses of suites filtered out are not-tested too, with the filter named.
    const soap = outcome.clauses.find((c) => c.clause.id === 'mark-customer-as-synchronized/fault/http-500')!;
    expect(soap.reason).toMatch(/suite filter/);
  });

  it('an excluded check finds nothing even on a gateway that breaks its clause; a self-test says so in its first line', async () => {
    const lines: string[] = [];
    const outcome = await runConformance({ env, log: (l) => lines.push(l), excludeChecks: ['unauthenticated_rejection'], suites: ['access'], embedded: embeddedReference({ fault: 'auth-not-enforced' }) });
    expect(lines[0]).toMatch(/^gateway-conformance: no SYNTCH_BASE_URL or EBIZ_SOAP_URL set: a self-test of the embedded reference gateway/);
    const c = outcome.clauses.find((x) => x.clause.id === 'put-customer/auth/unauthenticated-401')!;
    expect(c.status).toBe('not-tested');
  });

  it('unknown check names and a suite filter matching nothing are refused before any request', async () => {
    const outcome = await runConformance({ env: { ...env, SYNTCH_BASE_URL: 'http://127.0.0.1:9/api', SYNTCH_AUTHORIZATION: 'Bearer x', SYNTCH_CUSTOMER_KEY: '1' }, log: () => undefined, checks: ['negative_data_rejektion'], suites: ['nothing-like-this'] });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.errors.join('\n')).toMatch(/unknown check 'negative_data_rejektion'/);
    expect(outcome.errors.join('\n')).toMatch(/no suite matches 'nothing-like-this'/);
    expect(outcome.requests).toBeUndefined();
  });

  it('with no gateway configured and none given to start, a library run has no verdict and starts nothing (the runner never imports the reference)', async () => {
    const outcome = await runConformance({ env, log: () => undefined });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.errors.join('\n')).toMatch(/no SYNTCH_BASE_URL or EBIZ_SOAP_URL set, and no embedded gateway given .*embeddedReference\(\)/);
    expect(outcome.requests).toBeUndefined();
  });

  it('is never silent: progress lines name the suites done, requests answered and retries', async () => {
    const lines: string[] = [];
    await runConformance({ embedded: embeddedReference(), env, log: (l) => lines.push(l), suites: ['inputs'], progressEveryMs: 20 });
    expect(lines.some((l) => /… 0\/1 suites done, \d+ requests answered in \d+ s \(\d+ req\/s\), \d+ retried/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('  ran put-customer-inputs'))).toBe(true);
  });

  it('with no CONFORMANCE_SEED, the seed printed for replay is the one the run used and reports', async () => {
    const lines: string[] = [];
    const outcome = await runConformance({ embedded: embeddedReference(), env: { CONFORMANCE_RUNS: '1' }, log: (l) => lines.push(l), suites: ['mark-customer'] });
    const printed = lines.map((l) => /replay: CONFORMANCE_SEED=(-?\d+)/.exec(l)?.[1]).find((s) => s !== undefined);
    expect(printed).toBeDefined();
    expect(outcome.config?.run.seed).toBe(Number(printed));
    expect(buildReport(outcome).run.seed).toBe(Number(printed));
  });

  it('runs given one signal leave no listener on it: a library may pass one signal to any number of runs', async () => {
    const stop = new AbortController();
    for (let i = 0; i < 3; i++) {
      const outcome = await runConformance({ embedded: embeddedReference(), env, log: () => undefined, suites: ['mark-customer'], signal: stop.signal });
      expect(outcome.exitCode).toBe(0);
      expect(getEventListeners(stop.signal, 'abort'), `after run ${i + 1}`).toHaveLength(0);
    }
  });

  it('selectChecks: only, then minus the excluded', () => {
    expect([...selectChecks(['role_required', 'roles_accepted'], ['roles_accepted']).enabled]).toEqual(['role_required']);
  });
});
