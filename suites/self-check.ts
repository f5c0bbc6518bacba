/**
 * The suite's sensitivity, measured: a conformance run against the reference gateway with one
 * injected fault must exit 1 and fail at least one clause the fault is tied to. A fault tied only
 * to SHOULD clauses is run with CONFORMANCE_STRICT=1, where warnings fail the run.
 */
import { clause as clauseOf } from '../contract/index.ts';
import { fault as faultOf } from '../reference/faults.ts';
import { runConformance } from './run.ts';

export interface FaultCheck {
  readonly fault: string;
  readonly description: string;
  readonly clauses: readonly string[];
  readonly strict: boolean;
  readonly exitCode: number;
  /** Failed (or, strict, warned) clauses the fault is tied to. */
  readonly caughtBy: string[];
  /** Other clauses that failed or warned. */
  readonly alsoFailed: string[];
  readonly detected: boolean;
  readonly errors: string[];
}

export interface SelfCheckOptions {
  readonly root: string;
  readonly seed: number;
  readonly runs: number;
}

export async function checkFault(name: string, options: SelfCheckOptions): Promise<FaultCheck> {
  const f = faultOf(name);
  const strict = f.clauses.every((id) => clauseOf(id).level === 'SHOULD');
  const outcome = await runConformance({
    env: { CONFORMANCE_SEED: String(options.seed), CONFORMANCE_RUNS: String(options.runs), ...(strict ? { CONFORMANCE_STRICT: '1' } : {}), ...f.settings },
    root: options.root,
    log: () => undefined,
    reference: { fault: name },
  });
  const bad = outcome.clauses.filter((c) => c.status === 'failed' || c.status === 'warning').map((c) => c.clause.id);
  const caughtBy = bad.filter((id) => f.clauses.includes(id));
  return {
    fault: name,
    description: f.description,
    clauses: f.clauses,
    strict,
    exitCode: outcome.exitCode,
    caughtBy,
    alsoFailed: bad.filter((id) => !f.clauses.includes(id)),
    detected: outcome.exitCode === 1 && caughtBy.length > 0,
    errors: outcome.errors,
  };
}
