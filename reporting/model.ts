/**
 * The report: one object built from a run's outcome, which every format (terminal, JSON, HTML,
 * JUnit) renders. It never holds a secret: settings are copied without credentials, and every
 * value that can carry one is masked ({@link maskReport}, lib/secrets.ts: every form a secret
 * takes) before a format escapes anything — the values, never the rendered document.
 *
 * It names what was tested: the target (a run against the embedded reference gateway is a
 * self-test, never a certification) and the scope (a run that leaves clauses not tested for any
 * reason but their being unobservable is *partial*: docs/INTERPRETING.md §partial). Its verdict
 * and exit code never contradict each other: exit 2 is always the verdict `error` (no verdict).
 */
import { ALL_CLAUSES, CONTRACT_HASH } from '../contract/index.ts';
import { type Failure, type RecordedRequest, type RecordedResponse, simplerFirst, simplicityOf } from '../runner/recorder.ts';
import { PACKAGE } from '../lib/package-root.ts';
import { maskSecrets, type Secrets } from '../lib/secrets.ts';
import type { RunOutcome } from '../runner/run.ts';
import type { ClauseStatus, RunScope, Verdict } from '../runner/verdict.ts';
import { INTERRUPT_EXIT_CODES, type InterruptSignal } from '../runner/interrupt.ts';

export const REPORT_SCHEMA_VERSION = 1;
/** The version of docs/INTERPRETING.md the run was judged under. */
export const INTERPRETING_VERSION = '5';

/** This suite's version (package.json), printed in every report. */
export const SUITE_VERSION = PACKAGE.version;

/** A failure as reported: the recorder's shape, without the clause it sits under. */
export type ReportFailure = Omit<Failure, 'clause'>;

/**
 * A clause's status in a report: the run's ({@link ClauseStatus}), or `expected` — a failure (or,
 * for a SHOULD clause, a warning) the expected-failures baseline excuses (reporting/expected-failures.ts,
 * docs/INTERPRETING.md §baseline).
 */
export type ReportStatus = ClauseStatus | 'expected';

/** The baseline entry of a listed clause, and what became of it in this run. */
export interface ClauseBaseline {
  readonly reason: string;
  /** `YYYY-MM-DD` (UTC): from that day on the entry excuses nothing. */
  readonly expires?: string;
  /**
   * `expected`: the clause failed and the entry excuses it; `stale`: the clause passed (remove the
   * entry); `expired`: the entry is past its date and excuses nothing; `not-judged`: the clause was
   * not judged (not tested, not applicable, or no verdict).
   */
  readonly state: 'expected' | 'stale' | 'expired' | 'not-judged';
}

/** The expected-failures baseline a run was judged with (docs/INTERPRETING.md §baseline). */
export interface ReportBaseline {
  /** The file as configured (`--baseline`, `CONFORMANCE_BASELINE`). */
  readonly file: string;
  readonly entries: number;
  /** Clause ids whose failure the baseline excused. */
  readonly expected: string[];
  /** Listed clauses that passed: the run fails until they are removed. */
  readonly stale: string[];
  /** Listed clauses past their expiry date: judged as if not listed. */
  readonly expired: string[];
}

export interface ReportClause {
  readonly id: string;
  readonly operation: string;
  readonly level: 'MUST' | 'SHOULD';
  readonly title: string;
  readonly quote: string;
  readonly source: string;
  readonly status: ReportStatus;
  readonly cases: number;
  readonly reason?: string;
  /** The clause's baseline entry, when the expected-failures baseline lists it. */
  readonly baseline?: ClauseBaseline;
  /** Every failure of the clause counted; `failures` keeps the simplest of them (at most KEEP_FAILURES). */
  readonly failureCount: number;
  /** The kept failures, the simplest counterexample first. */
  readonly failures: ReportFailure[];
}

export interface Sensitivity {
  readonly at: string;
  /** What the self-check measured: evidence is cited only for the same contract, suite and interpretation. */
  readonly contractHash: string;
  readonly suiteVersion: string;
  readonly interpretingVersion: string;
  readonly seed: number;
  readonly plainReferencePasses: boolean;
  readonly faultsDetected: number;
  readonly faultsTotal: number;
  readonly missed: string[];
  readonly dialectsAccepted: number;
  readonly dialectsTotal: number;
  readonly rejectedDialects: string[];
}

export interface ReportScope extends RunScope {
  /** Clauses not tested for a reason other than being unobservable (or no verdict). */
  readonly clausesLeftOut: number;
}

/** The area of a clause: the second segment of its id (`put-customer/response/…` → `response`). */
export const areaOf = (id: string): string => id.split('/')[1] ?? '';

/** The words every format uses for a run against the embedded reference gateway. */
export const SELF_TEST_NOTE = 'self-test of the embedded reference gateway — not a certification';

export interface ConformanceReport {
  readonly schemaVersion: number;
  readonly suite: { readonly name: string; readonly version: string; readonly interpretingVersion: string };
  readonly contractHash: string;
  readonly run: {
    readonly startedAt: string;
    readonly finishedAt: string;
    readonly seed: number | null;
    readonly runsPerProperty: number | null;
    readonly settings: Readonly<Record<string, string | number | boolean | null>>;
  };
  readonly target: { readonly embedded: boolean; readonly syntchBaseUrl: string | null; readonly ebizSoapUrl: string | null };
  readonly scope: ReportScope;
  readonly verdict: Verdict;
  /** 0, 1, 2; 130 or 143 for a run interrupted by SIGINT or SIGTERM (verdict `error`). */
  readonly exitCode: number;
  /** The signal that stopped the run before its verdict, or null. */
  readonly interrupted: InterruptSignal | null;
  /** The verdict in words, as the terminal prints it: `CONFORMANT (PARTIAL: …; self-test …)`, `ERROR — no verdict`. */
  readonly summary: string;
  /** Whether the run meets the definition of a certification (INTERPRETING.md §certification), and if not, why. */
  readonly certification: { readonly certifies: boolean; readonly because: string[] };
  /** The expected-failures baseline the run was judged with, or null. */
  readonly baseline: ReportBaseline | null;
  readonly totals: Readonly<Record<ReportStatus | 'clauses', number>>;
  readonly clauses: ReportClause[];
  readonly errors: string[];
  readonly sensitivity: Sensitivity | null;
}

/** A run outcome, with the scope the runner reports (optional until every runner fills it in). */
export type ReportableOutcome = RunOutcome & { readonly scope?: RunScope };

const NO_VERDICT_REASON = 'no verdict';

export function buildReport(outcome: ReportableOutcome, sensitivity: Sensitivity | null = null): ConformanceReport {
  const byId = new Map(outcome.clauses.map((c) => [c.clause.id, c]));
  const noVerdict = outcome.errors.length > 0 ? `${NO_VERDICT_REASON}: ${outcome.errors[0]}` : 'not run';
  const clauses: ReportClause[] = ALL_CLAUSES.map((c) => {
    const r = byId.get(c.id);
    const status: ClauseStatus = r?.status ?? 'not-tested';
    const reason = r ? r.reason : noVerdict;
    return {
      id: c.id,
      operation: c.operation,
      level: c.level,
      title: c.title,
      quote: c.quote,
      source: c.source,
      status,
      cases: r?.cases ?? 0,
      ...(reason !== undefined && (status === 'not-tested' || status === 'not-applicable') ? { reason } : {}),
      failureCount: r?.failureCount ?? r?.failures.length ?? 0,
      // The simplest counterexample first (runner/recorder.ts simplerFirst), whatever order suites finished in.
      failures: [...(r?.failures ?? [])].sort((a, b) => simplerFirst(simplicityOf(a), simplicityOf(b))).map(({ clause: _clause, ...f }) => f),
    };
  });
  const run = outcome.config?.run;
  const error = outcome.exitCode === 2 || outcome.verdict === 'error';
  const report: Omit<ConformanceReport, 'summary' | 'certification'> = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    suite: { name: PACKAGE.name, version: PACKAGE.version, interpretingVersion: INTERPRETING_VERSION },
    contractHash: CONTRACT_HASH,
    run: {
      startedAt: outcome.startedAt,
      finishedAt: outcome.finishedAt,
      seed: run?.seed ?? null,
      runsPerProperty: run?.runs ?? null,
      settings: {
        concurrency: run?.concurrency ?? null,
        rateLimit: run?.rateLimit ?? null,
        timeoutMs: run?.timeoutMs ?? null,
        strict: run?.strict ?? null,
        reportDir: run?.reportDir ?? null,
        customerKey: outcome.config?.syntch?.customerKey ?? null,
        missingCustomerKeyConfigured: outcome.config?.syntch ? outcome.config.syntch.missingCustomerKey !== undefined : null,
        noRoleUserConfigured: outcome.config?.syntch ? outcome.config.syntch.authorizationNoRole !== undefined : null,
      },
    },
    target: {
      embedded: outcome.target?.embedded ?? outcome.config?.embedded ?? false,
      syntchBaseUrl: outcome.target?.syntchBaseUrl ?? null,
      ebizSoapUrl: outcome.target?.ebizSoapUrl ?? null,
    },
    scope: scopeOf(outcome, clauses),
    verdict: error || outcome.interrupted ? 'error' : outcome.verdict,
    exitCode: outcome.interrupted ? INTERRUPT_EXIT_CODES[outcome.interrupted] : error ? 2 : outcome.exitCode,
    interrupted: outcome.interrupted ?? null,
    baseline: null,
    totals: totalsOf(clauses),
    clauses,
    errors: error && outcome.errors.length === 0 ? ['the run ended without a verdict'] : outcome.errors,
    sensitivity,
  };
  return { ...report, summary: summaryOf(report), certification: certificationOf(report) };
}

/** The count of clauses by status. */
export function totalsOf(clauses: readonly ReportClause[]): ConformanceReport['totals'] {
  const count = (s: ReportStatus) => clauses.filter((c) => c.status === s).length;
  return { clauses: clauses.length, passed: count('passed'), failed: count('failed'), warning: count('warning'), expected: count('expected'), 'not-tested': count('not-tested'), 'not-applicable': count('not-applicable') };
}

/** The runs per property a certification needs at least (INTERPRETING.md §certification). */
export const CERTIFICATION_MIN_RUNS = 100;

/** Does the run meet INTERPRETING.md §certification? Every reason it does not. */
export function certificationOf(report: Pick<ConformanceReport, 'verdict' | 'exitCode' | 'scope' | 'target' | 'run'> & { readonly baseline?: ReportBaseline | null }): ConformanceReport['certification'] {
  const because: string[] = [];
  if (report.verdict === 'error' || report.exitCode === 2) because.push('the run has no verdict');
  if (report.target.embedded) because.push('the target is the embedded reference gateway (a self-test)');
  if (report.scope.partial) because.push('the run is partial');
  if (report.run.runsPerProperty !== null && report.run.runsPerProperty < CERTIFICATION_MIN_RUNS) because.push(`CONFORMANCE_RUNS is ${report.run.runsPerProperty}, below ${CERTIFICATION_MIN_RUNS}`);
  if (report.baseline && report.baseline.entries > 0) because.push(`an expected-failures baseline is in use (${report.baseline.entries} entr${report.baseline.entries === 1 ? 'y' : 'ies'}, ${report.baseline.expected.length} clause${report.baseline.expected.length === 1 ? '' : 's'} excused)`);
  return { certifies: because.length === 0, because };
}

/**
 * The scope: the runner's, completed from the clauses and the configuration, so a report can
 * never call a run complete that left clauses out (whatever the runner said).
 */
function scopeOf(outcome: ReportableOutcome, clauses: readonly ReportClause[]): ReportScope {
  const unobservable = new Set<string>(ALL_CLAUSES.filter((c) => c.unobservable !== undefined).map((c) => c.id));
  const leftOut = clauses.filter((c) => c.status === 'not-tested' && !unobservable.has(c.id) && !(c.reason ?? '').startsWith(NO_VERDICT_REASON) && c.reason !== 'not run');
  const byReason = new Map<string, number>();
  for (const c of leftOut) byReason.set(c.reason ?? 'not tested', (byReason.get(c.reason ?? 'not tested') ?? 0) + 1);
  const counted = (reason: string) => {
    const n = byReason.get(reason);
    return n === undefined ? reason : `${reason} (${n} clause${n === 1 ? '' : 's'} not tested)`;
  };
  const given = outcome.scope;
  const filters = {
    suites: [...(given?.filters.suites ?? [])],
    checks: [...(given?.filters.checks ?? [])],
    excludeChecks: [...(given?.filters.excludeChecks ?? [])],
  };
  const derivedSettings: string[] = [];
  const config = outcome.config;
  if (config?.syntch) {
    if (config.syntch.authorizationNoRole === undefined) derivedSettings.push('SYNTCH_AUTHORIZATION_NO_ROLE');
    if (config.syntch.missingCustomerKey === undefined) derivedSettings.push('SYNTCH_MISSING_CUSTOMER_KEY');
  }
  if (config?.notTested.syntch) derivedSettings.push('SYNTCH_BASE_URL');
  if (config?.notTested.ebiz) derivedSettings.push('EBIZ_SOAP_URL');
  const reasons = unique([...(given?.reasons ?? []), ...byReason.keys()]).map(counted);
  return {
    partial: (given?.partial ?? false) || leftOut.length > 0,
    reasons,
    filters,
    settingsLeftOut: unique([...(given?.settingsLeftOut ?? []), ...derivedSettings]),
    clausesLeftOut: leftOut.length,
  };
}

const unique = (xs: readonly string[]): string[] => [...new Set(xs)];

/**
 * The verdict in words; exit 2 (or the verdict `error`) is always `ERROR — no verdict` (and never
 * PARTIAL: there is no verdict to qualify).
 */
export function summaryOf(report: Pick<ConformanceReport, 'verdict' | 'exitCode' | 'scope' | 'target' | 'run'> & { readonly interrupted?: InterruptSignal | null; readonly baseline?: ReportBaseline | null }): string {
  const qualifiers: string[] = [];
  const error = report.verdict === 'error' || report.exitCode === 2;
  if (report.interrupted) qualifiers.push(`interrupted by ${report.interrupted}`);
  if (report.scope.partial && !error) {
    const n = report.scope.clausesLeftOut;
    qualifiers.push(`PARTIAL: ${n > 0 ? `${n} clause${n === 1 ? '' : 's'} not tested` : 'not every clause was tested'}`);
  }
  const baseline = report.baseline;
  if (baseline && !error) {
    const n = baseline.expected.length;
    qualifiers.push(`baseline: ${n} expected failure${n === 1 ? '' : 's'} excused`);
    if (baseline.stale.length > 0) qualifiers.push(`STALE BASELINE: ${baseline.stale.length} listed clause${baseline.stale.length === 1 ? '' : 's'} passed — remove ${baseline.stale.length === 1 ? 'it' : 'them'} from the baseline`);
    if (baseline.expired.length > 0) qualifiers.push(`${baseline.expired.length} baseline entr${baseline.expired.length === 1 ? 'y' : 'ies'} expired`);
  }
  if (report.target.embedded) qualifiers.push(SELF_TEST_NOTE);
  else if (baseline && baseline.entries > 0 && !error) qualifiers.push('not a certification: an expected-failures baseline is in use');
  else if (!error && !report.scope.partial && report.run.runsPerProperty !== null) {
    qualifiers.push(report.run.runsPerProperty >= CERTIFICATION_MIN_RUNS ? 'a certification run' : `not a certification: CONFORMANCE_RUNS below ${CERTIFICATION_MIN_RUNS}`);
  }
  const verdict = error ? 'ERROR — no verdict' : report.verdict.toUpperCase();
  return `${verdict}${qualifiers.length ? ` (${qualifiers.join('; ')})` : ''}`;
}

/**
 * The report of a run that ends without a verdict after all (its reports could not be written,
 * say): verdict `error`, exit 2, the problem added to its errors.
 */
export function withoutVerdict(report: ConformanceReport, problem: string): ConformanceReport {
  const r = { ...report, verdict: 'error' as const, exitCode: 2, errors: [...report.errors, problem] };
  return { ...r, summary: summaryOf(r), certification: certificationOf(r) };
}

/**
 * The report with every value that can carry a secret masked: every form of every secret
 * (lib/secrets.ts) in what came from the gateway or the request — each failure's documented,
 * received, case and reproduction, its request and response — and in the configured values and
 * messages: the target URLs, the settings, the errors. Never the report's own vocabulary (statuses,
 * clause ids, rules, titles, the summary): a secret that happens to be an ordinary word (`test`,
 * `pass`) must not rewrite them (docs/INTERPRETING.md §secrets). Masking an already masked value
 * changes nothing, so the runner masks where the values are made and this masks them once more.
 */
export function maskReport(report: ConformanceReport, secrets: Secrets): ConformanceReport {
  if (secrets.length === 0) return report;
  const mask = (text: string) => maskSecrets(text, secrets);
  const maybe = (text: string | null) => (text === null ? null : mask(text));
  const body = (part: RecordedRequest | RecordedResponse) => ({
    headers: Object.fromEntries(Object.entries(part.headers).map(([k, v]) => [k, mask(v)])),
    body: mask(part.body),
    ...(part.note !== undefined ? { note: mask(part.note) } : {}),
  });
  const failure = (f: ReportFailure): ReportFailure => ({
    ...f,
    documented: mask(f.documented),
    received: mask(f.received),
    ...(f.counterexample !== undefined ? { counterexample: mask(f.counterexample) } : {}),
    ...(f.curl !== undefined ? { curl: mask(f.curl) } : {}),
    ...(f.request ? { request: { ...f.request, url: mask(f.request.url), ...body(f.request) } } : {}),
    ...(f.response ? { response: { ...f.response, ...body(f.response) } } : {}),
  });
  return {
    ...report,
    run: { ...report.run, settings: Object.fromEntries(Object.entries(report.run.settings).map(([k, v]) => [k, typeof v === 'string' ? mask(v) : v])) },
    target: { ...report.target, syntchBaseUrl: maybe(report.target.syntchBaseUrl), ebizSoapUrl: maybe(report.target.ebizSoapUrl) },
    clauses: report.clauses.map((c) => ({ ...c, ...(c.baseline ? { baseline: { ...c.baseline, reason: mask(c.baseline.reason) } } : {}), ...(c.reason !== undefined && c.reason.startsWith(`${NO_VERDICT_REASON}: `) ? { reason: `${NO_VERDICT_REASON}: ${mask(c.reason.slice(NO_VERDICT_REASON.length + 2))}` } : {}), failures: c.failures.map(failure) })),
    errors: report.errors.map(mask),
    baseline: report.baseline ? { ...report.baseline, file: mask(report.baseline.file) } : null,
  };
}

/** The report files a run wrote (reporting/index.ts), as the terminal lists them. */
export interface WrittenReports {
  /** The report files written, in the order of reporting/index.ts REPORTERS. */
  readonly files: string[];
  /** Reports of an earlier run with a verdict, moved aside because this run has none. */
  readonly previous?: { readonly dir: string; readonly files: string[] };
}

/** What the run left out, one line each: why it is partial, the filters, the settings not set. */
export function scopeLines(report: ConformanceReport): string[] {
  const s = report.scope;
  const lines: string[] = [];
  if (s.partial && report.verdict !== 'error') {
    lines.push('partial run: not every clause was tested, so this verdict covers the tested clauses only');
    for (const r of s.reasons) lines.push(`  left out: ${r}`);
  }
  const filters = [
    s.filters.suites.length ? `suites ${s.filters.suites.join(', ')}` : '',
    s.filters.checks.length ? `only checks ${s.filters.checks.join(', ')}` : '',
    s.filters.excludeChecks.length ? `checks left out ${s.filters.excludeChecks.join(', ')}` : '',
  ].filter(Boolean);
  if (filters.length) lines.push(`filters: ${filters.join('; ')}`);
  if (s.settingsLeftOut.length) lines.push(`settings left out: ${s.settingsLeftOut.join(', ')}`);
  if (report.target.embedded) lines.push('target: the embedded reference gateway — a self-test of the suite, not a certification of any gateway');
  const b = report.baseline;
  if (b) lines.push(`baseline: ${b.file}: ${b.entries} entr${b.entries === 1 ? 'y' : 'ies'}, ${b.expected.length} clause${b.expected.length === 1 ? '' : 's'} excused${b.stale.length ? `, ${b.stale.length} stale` : ''}${b.expired.length ? `, ${b.expired.length} expired` : ''} — a run with a baseline is never a certification`);
  return lines;
}
