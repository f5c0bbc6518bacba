/**
 * The report: one object built from a run's outcome, which every format (terminal, JSON, HTML,
 * JUnit) renders. It never holds a secret: settings are copied without credentials, and every
 * rendered file is passed through the secret mask once more before it is written.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALL_CLAUSES, CONTRACT_HASH } from '../../contract/index.ts';
import type { Failure } from '../results.ts';
import type { ClauseStatus, RunOutcome, Verdict } from '../run.ts';

export const REPORT_SCHEMA_VERSION = 1;
/** The version of docs/INTERPRETING.md the run was judged under. */
export const INTERPRETING_VERSION = '1';

const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { name: string; version: string };

/** A failure as reported: the recorder's shape, without the clause it sits under. */
export type ReportFailure = Omit<Failure, 'clause'>;

export interface ReportClause {
  readonly id: string;
  readonly operation: string;
  readonly level: 'MUST' | 'SHOULD';
  readonly title: string;
  readonly quote: string;
  readonly source: string;
  readonly status: ClauseStatus;
  readonly cases: number;
  readonly reason?: string;
  readonly failures: ReportFailure[];
}

export interface Sensitivity {
  readonly at: string;
  readonly seed: number;
  readonly plainReferencePasses: boolean;
  readonly faultsDetected: number;
  readonly faultsTotal: number;
  readonly missed: string[];
  readonly dialectsAccepted: number;
  readonly dialectsTotal: number;
  readonly rejectedDialects: string[];
}

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
  readonly verdict: Verdict;
  readonly exitCode: number;
  readonly totals: Readonly<Record<ClauseStatus | 'clauses', number>>;
  readonly clauses: ReportClause[];
  readonly errors: string[];
  readonly sensitivity: Sensitivity | null;
}

export function buildReport(outcome: RunOutcome, sensitivity: Sensitivity | null = null): ConformanceReport {
  const byId = new Map(outcome.clauses.map((c) => [c.clause.id, c]));
  const noVerdict = outcome.errors.length > 0 ? `no verdict: ${outcome.errors[0]}` : 'not run';
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
      ...(reason !== undefined && status === 'not-tested' ? { reason } : {}),
      failures: (r?.failures ?? []).map(({ clause: _clause, ...f }) => f),
    };
  });
  const count = (s: ClauseStatus) => clauses.filter((c) => c.status === s).length;
  const run = outcome.config?.run;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    suite: { name: pkg.name, version: pkg.version, interpretingVersion: INTERPRETING_VERSION },
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
    verdict: outcome.verdict,
    exitCode: outcome.exitCode,
    totals: { clauses: clauses.length, passed: count('passed'), failed: count('failed'), warning: count('warning'), 'not-tested': count('not-tested') },
    clauses,
    errors: outcome.errors,
    sensitivity,
  };
}
