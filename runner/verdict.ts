/**
 * The verdict of a run, from what its recorder holds (docs/INTERPRETING.md §statuses, §partial,
 * §exit-codes): a status per clause, the run's scope, the exit code. Pure: no request, no clock, no
 * output; runner/run.ts calls it once the suites are done (or interrupted).
 */
import { type CheckName, checksFor } from '../checks/registry.ts';
import { ALL_CLAUSES, type Clause, type ClauseId } from '../contract/index.ts';
import type { ConformanceConfig } from '../config/settings.ts';
import type { SuiteDefinition } from '../suites/index.ts';
import { type Failure, type Recorder, simplerFirst, simplicityOf } from './recorder.ts';

/**
 * `not-applicable`: the gateway legitimately gave no case of the clause anything to judge (its
 * precondition was not met, as the interpretation allows); unlike `not-tested` it never makes the
 * run partial (docs/INTERPRETING.md §statuses, §partial).
 */
export type ClauseStatus = 'passed' | 'failed' | 'warning' | 'not-tested' | 'not-applicable';

export type Verdict = 'conformant' | 'not conformant' | 'error';

export interface ClauseResult {
  readonly clause: Clause;
  readonly status: ClauseStatus;
  readonly cases: number;
  readonly failures: Failure[];
  /** Every failure counted, also those not kept with full detail. */
  readonly failureCount?: number;
  readonly reason?: string;
}

/** What the run covered, and why it is partial when it is (docs/INTERPRETING.md §partial). */
export interface RunScope {
  /** Clauses were left not-tested for a reason other than "unobservable". */
  readonly partial: boolean;
  readonly reasons: string[];
  readonly filters: { readonly suites: string[]; readonly checks: string[]; readonly excludeChecks: string[] };
  /** Optional settings left unset that would have let more clauses be tested. */
  readonly settingsLeftOut: string[];
}

/**
 * Exit 2 (no verdict) when anything stopped the run; else 1 when a MUST clause failed (or, strict,
 * a SHOULD clause warned); else 0.
 */
export function verdictOf(clauses: readonly Pick<ClauseResult, 'status'>[], errors: readonly string[], strict: boolean): { exitCode: 0 | 1 | 2; verdict: Verdict } {
  const mustFailed = clauses.some((c) => c.status === 'failed');
  const warned = clauses.some((c) => c.status === 'warning');
  const exitCode: 0 | 1 | 2 = errors.length > 0 ? 2 : mustFailed || (strict && warned) ? 1 : 0;
  return { exitCode, verdict: exitCode === 2 ? 'error' : exitCode === 1 ? 'not conformant' : 'conformant' };
}

/** The status of every clause of the contract, from the recorder, the configuration and the selection. */
export function aggregate(config: ConformanceConfig, recorder: Recorder, suites: readonly SuiteDefinition[], enabled: ReadonlySet<CheckName>, filters: RunScope['filters']): ClauseResult[] {
  const composed = new Set(suites.flatMap((s) => s.checks));
  return ALL_CLAUSES.map((clause): ClauseResult => {
    const apiMissing = clause.operation === 'put-customer' ? (config.syntch ? undefined : config.notTested.syntch) : config.ebiz ? undefined : config.notTested.ebiz;
    if (apiMissing) return { clause, status: 'not-tested', cases: 0, failures: [], reason: apiMissing };
    if (clause.unobservable) return { clause, status: 'not-tested', cases: 0, failures: [], reason: clause.unobservable };
    const m = recorder.get(clause.id);
    // Suites finish in any order: sort (simplest first, as the reports show them), so the same seed reports the same failures first.
    const failures = [...(m?.failures ?? [])].sort((a, b) => simplerFirst(simplicityOf(a), simplicityOf(b)));
    if (m && m.failureCount > 0) return { clause, status: clause.level === 'MUST' ? 'failed' : 'warning', cases: m.cases, failures, failureCount: m.failureCount };
    if (m && m.cases > 0) return { clause, status: 'passed', cases: m.cases, failures: [] };
    // Not applicable only when nothing else left it unexercised: a case ran and found the precondition legitimately unmet.
    if (m?.notApplicable !== undefined && m.notTested === undefined) return { clause, status: 'not-applicable', cases: 0, failures: [], reason: m.notApplicable };
    return { clause, status: 'not-tested', cases: 0, failures: [], reason: m?.notTested ?? whyUnexercised(clause.id, enabled, composed, filters) };
  });
}

/** Why no case exercised a clause: its checks were excluded, its suites filtered out, or neither. */
function whyUnexercised(id: ClauseId, enabled: ReadonlySet<CheckName>, composed: ReadonlySet<CheckName>, filters: RunScope['filters']): string {
  const checks = checksFor(id);
  if (checks.length > 0 && checks.every((c) => !enabled.has(c))) return `judged only by ${checks.join(', ')}, excluded from this run (--checks / --exclude-checks)`;
  if (filters.suites.length > 0 && !checks.some((c) => composed.has(c))) return `no selected suite applies its checks (suite filter: ${filters.suites.join(', ')})`;
  return 'no case exercised this clause in this run';
}

export function scopeOf(config: ConformanceConfig, clauses: readonly ClauseResult[], filters: RunScope['filters']): RunScope {
  const reasons = [...new Set(clauses.filter((c) => c.status === 'not-tested' && !c.clause.unobservable).map((c) => c.reason ?? 'not tested'))];
  const settingsLeftOut = [
    ...(config.notTested.syntch ? ['SYNTCH_BASE_URL'] : []),
    ...(config.notTested.ebiz ? ['EBIZ_SOAP_URL'] : []),
    ...(config.syntch && !config.syntch.authorizationNoRole ? ['SYNTCH_AUTHORIZATION_NO_ROLE'] : []),
    ...(config.syntch && !config.syntch.authorizationReseller ? ['SYNTCH_AUTHORIZATION_RESELLER'] : []),
    ...(config.syntch && !config.syntch.authorizationOtherMerchant ? ['SYNTCH_AUTHORIZATION_OTHER_MERCHANT'] : []),
    ...(config.syntch && config.syntch.missingCustomerKey === undefined ? ['SYNTCH_MISSING_CUSTOMER_KEY'] : []),
    ...(config.ebiz && !config.ebiz.securityIdOtherMerchant ? ['EBIZ_SECURITY_ID_OTHER_MERCHANT'] : []),
  ];
  return { partial: reasons.length > 0, reasons, filters, settingsLeftOut };
}
