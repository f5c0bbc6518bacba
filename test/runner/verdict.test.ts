/**
 * The verdict of a run (runner/verdict.ts), without a gateway: a status per clause from what the
 * recorder holds, the reason a clause was not exercised, the run's scope and the exit code
 * (docs/INTERPRETING.md §statuses, §partial, §exit-codes).
 */
import { describe, expect, it } from 'vitest';
import { CHECK_NAMES, type CheckName } from '../../checks/registry.ts';
import type { ConformanceConfig } from '../../config/settings.ts';
import { Recorder } from '../../runner/recorder.ts';
import { aggregate, scopeOf, verdictOf } from '../../runner/verdict.ts';
import { SUITES } from '../../suites/index.ts';

const config = {
  embedded: false,
  syntch: { baseUrl: 'http://gw.test/api', authorization: 'Bearer x', customerKey: 1 },
  notTested: { ebiz: 'EBIZ_SOAP_URL not set' },
  run: { strict: false },
} as unknown as ConformanceConfig;
const noFilters = { suites: [], checks: [], excludeChecks: [] };
const all = new Set<CheckName>(CHECK_NAMES);
const statusOf = (results: ReturnType<typeof aggregate>, id: string) => results.find((r) => r.clause.id === id)!;

describe('verdictOf', () => {
  it('exit 2 on any error, 1 on a failed MUST clause (or a warning when strict), else 0', () => {
    expect(verdictOf([{ status: 'failed' }], ['a suite crashed'], false)).toEqual({ exitCode: 2, verdict: 'error' });
    expect(verdictOf([{ status: 'passed' }, { status: 'failed' }], [], false)).toEqual({ exitCode: 1, verdict: 'not conformant' });
    expect(verdictOf([{ status: 'warning' }], [], false)).toEqual({ exitCode: 0, verdict: 'conformant' });
    expect(verdictOf([{ status: 'warning' }], [], true)).toEqual({ exitCode: 1, verdict: 'not conformant' });
    expect(verdictOf([{ status: 'not-tested' }, { status: 'not-applicable' }], [], true)).toEqual({ exitCode: 0, verdict: 'conformant' });
  });
});

describe('aggregate and scopeOf', () => {
  it('a failure fails a MUST clause and warns on a SHOULD one; a case passes; an API not configured is not-tested with its reason', () => {
    const recorder = new Recorder();
    recorder.pass('put-customer/response/echo');
    recorder.fail({ clause: 'put-customer/auth/unauthenticated-401', kind: 'accepted-invalid', documented: '401', received: '200' });
    recorder.fail({ clause: 'put-customer/negotiation/json-body', kind: 'rejected-valid', documented: '200', received: '415' });
    const results = aggregate(config, recorder, SUITES, all, noFilters);
    expect(statusOf(results, 'put-customer/response/echo')).toMatchObject({ status: 'passed', cases: 1 });
    expect(statusOf(results, 'put-customer/auth/unauthenticated-401')).toMatchObject({ status: 'failed', failureCount: 1 });
    expect(statusOf(results, 'put-customer/negotiation/json-body').status).toBe('warning');
    expect(statusOf(results, 'mark-customer-as-synchronized/fault/http-500')).toMatchObject({ status: 'not-tested', reason: 'EBIZ_SOAP_URL not set' });
  });

  it('not-applicable only when nothing else left the clause unexercised; an excluded check or a suite filter is named', () => {
    const recorder = new Recorder();
    recorder.notApplicable('put-customer/response/echo', 'the gateway answered no body');
    recorder.notApplicable('put-customer/response/customer-detail-root', 'no body');
    recorder.notTested('put-customer/response/customer-detail-root', 'the JSON probe failed');
    const excluded = new Set(CHECK_NAMES.filter((c) => c !== 'role_required'));
    const filters = { suites: ['inputs'], checks: [], excludeChecks: ['role_required'] };
    const results = aggregate(config, recorder, SUITES.filter((s) => s.name === 'put-customer-inputs'), excluded, filters);
    expect(statusOf(results, 'put-customer/response/echo')).toMatchObject({ status: 'not-applicable', reason: 'the gateway answered no body' });
    expect(statusOf(results, 'put-customer/response/customer-detail-root')).toMatchObject({ status: 'not-tested', reason: 'the JSON probe failed' });
    expect(statusOf(results, 'put-customer/auth/role-required-403').reason).toMatch(/judged only by role_required, excluded from this run/);
    expect(statusOf(results, 'put-customer/replace/omitted-member-removed').reason).toMatch(/no selected suite applies its checks \(suite filter: inputs\)/);

    const scope = scopeOf(config, results, filters);
    expect(scope.partial).toBe(true);
    expect(scope.reasons).toContain('the JSON probe failed');
    expect(scope.reasons).not.toContain('the gateway answered no body');
    expect(scope.settingsLeftOut).toEqual(expect.arrayContaining(['EBIZ_SOAP_URL', 'SYNTCH_AUTHORIZATION_NO_ROLE', 'SYNTCH_MISSING_CUSTOMER_KEY']));
    expect(scope.filters).toBe(filters);
  });
});
