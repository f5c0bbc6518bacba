/**
 * The suite's sensitivity, measured: a conformance run against the reference gateway with one
 * injected fault must exit 1 and fail at least one clause the fault is tied to. A fault tied only
 * to SHOULD clauses is run with CONFORMANCE_STRICT=1, where warnings fail the run.
 *
 * A plain run against the faithful reference comes first: it must pass, and it records which
 * suite files exercise which clauses, so each fault is run only through the suites that can see
 * the clauses it breaks. A dialect is run through every suite of the operations its hooks reach:
 * the other operation's handler is not given them (reference/faults/hooks.ts HOOK_OPERATIONS).
 */
import { type ClauseId, clause as clauseOf } from '../contract/index.ts';
import { dialect as dialectOf } from '../reference/dialects.ts';
import { fault as faultOf } from '../reference/faults/index.ts';
import { operationsOf } from '../reference/faults/hooks.ts';
import { embeddedReference } from '../reference/embedded.ts';
import { runConformance } from '../runner/run.ts';
import { suitesOfOperations } from '../runner/selection.ts';
import { SUITES } from '../suites/index.ts';

export interface FaultCheck {
  readonly fault: string;
  readonly description: string;
  readonly clauses: readonly ClauseId[];
  readonly strict: boolean;
  /** The suite files the fault was run through. */
  readonly suites: readonly string[];
  readonly exitCode: number;
  /** Failed (or, strict, warned) clauses the fault is tied to. */
  readonly caughtBy: string[];
  /** Other clauses that failed or warned. */
  readonly alsoFailed: string[];
  /** The checks whose findings failed a clause the fault is tied to. */
  readonly caughtByChecks: string[];
  readonly detected: boolean;
  readonly errors: string[];
}

export interface PlainCheck {
  readonly exitCode: number;
  readonly passed: boolean;
  readonly failed: string[];
  /** Suite name → the clauses it exercised. */
  readonly suites: Readonly<Record<string, readonly ClauseId[]>>;
  readonly errors: string[];
}

export interface DialectCheck {
  readonly dialect: string;
  readonly description: string;
  /**
   * The suite files the dialect was run through: every suite of the operations its hooks reach
   * (reference/faults/hooks.ts HOOK_OPERATIONS; the other operation's handler is not given them).
   */
  readonly suites: readonly string[];
  readonly exitCode: number;
  /** A dialect is accepted when the run exits 0 with no failed clause and no warning. */
  readonly accepted: boolean;
  readonly failed: string[];
  readonly errors: string[];
}

export interface SelfCheckOptions {
  readonly seed: number;
  readonly runs: number;
}

const env = (o: SelfCheckOptions, extra: Record<string, string> = {}) => ({ CONFORMANCE_SEED: String(o.seed), CONFORMANCE_RUNS: String(o.runs), ...extra });

export async function checkPlain(options: SelfCheckOptions): Promise<PlainCheck> {
  const outcome = await runConformance({ env: env(options), log: () => undefined, embedded: embeddedReference() });
  return {
    exitCode: outcome.exitCode,
    passed: outcome.exitCode === 0 && outcome.clauses.every((c) => c.status !== 'failed' && c.status !== 'warning'),
    failed: outcome.clauses.filter((c) => c.status === 'failed' || c.status === 'warning').map((c) => c.clause.id),
    suites: Object.fromEntries((outcome.suites ?? []).map((s) => [s.suite, s.clauses])),
    errors: outcome.errors,
  };
}

/** The suite files that exercise any of `clauses` (every suite when none is known to). */
export function suitesFor(clauses: readonly ClauseId[], plain: PlainCheck): string[] {
  const chosen = Object.entries(plain.suites).filter(([, exercised]) => exercised.some((c) => clauses.includes(c))).map(([suite]) => suite);
  return chosen.length > 0 ? chosen : Object.keys(plain.suites);
}

export async function checkFault(name: string, options: SelfCheckOptions, plain?: PlainCheck): Promise<FaultCheck> {
  const f = faultOf(name);
  const strict = f.clauses.every((id) => clauseOf(id).level === 'SHOULD');
  const suites = plain ? suitesFor(f.clauses, plain) : [];
  const outcome = await runConformance({
    env: env(options, { ...(strict ? { CONFORMANCE_STRICT: '1' } : {}), ...f.settings }),
    log: () => undefined,
    // Quiet: a fault that crashes the reference does so on purpose (no stack on stderr).
    embedded: embeddedReference({ fault: name, quiet: true }),
    stopOnFailureOf: f.clauses,
    ...(suites.length ? { suites } : {}),
  });
  const bad = outcome.clauses.filter((c) => c.status === 'failed' || c.status === 'warning').map((c) => c.clause.id);
  const caughtBy = bad.filter((id) => f.clauses.includes(id));
  const caughtByChecks = [...new Set(outcome.clauses.filter((c) => caughtBy.includes(c.clause.id)).flatMap((c) => c.failures.map((x) => x.check).filter((x): x is string => x !== undefined)))];
  return {
    fault: name,
    description: f.description,
    clauses: f.clauses,
    strict,
    suites,
    exitCode: outcome.exitCode,
    caughtBy,
    alsoFailed: bad.filter((id) => !f.clauses.includes(id)),
    caughtByChecks,
    detected: outcome.exitCode === 1 && caughtBy.length > 0,
    errors: outcome.errors,
  };
}

export async function checkDialect(name: string, options: SelfCheckOptions): Promise<DialectCheck> {
  const d = dialectOf(name);
  const reached = operationsOf(d.hooks);
  const suites = (reached.length > 0 ? suitesOfOperations(reached) : SUITES).map((s) => s.name);
  const outcome = await runConformance({ env: env(options), log: () => undefined, embedded: embeddedReference({ dialect: name }), ...(suites.length < SUITES.length ? { suites } : {}) });
  const failed = outcome.clauses.filter((c) => c.status === 'failed' || c.status === 'warning').map((c) => c.clause.id);
  return { dialect: name, description: d.description, suites, exitCode: outcome.exitCode, accepted: outcome.exitCode === 0 && failed.length === 0, failed, errors: outcome.errors };
}
