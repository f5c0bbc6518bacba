/**
 * What a run finds, clause by clause. Every check's findings land here, in one shape
 * (Schemathesis-style): a fixed title per kind, what was documented vs what was received, the
 * counterexample, the seed and a curl reproduction. One recorder per run; it takes only clause
 * ids the contract has ({@link ClauseId}), so a typo is a compile error, never a silent
 * `not-tested`.
 */
import type { ClauseId } from '../contract/index.ts';

export type FailureKind = 'accepted-invalid' | 'rejected-valid' | 'wrong-shape' | 'wrong-behaviour' | 'no-answer';

export const FAILURE_TITLES: Readonly<Record<FailureKind, string>> = {
  'accepted-invalid': 'API accepted a request that breaks a documented rule',
  'rejected-valid': 'API rejected a request the documentation allows',
  'wrong-shape': 'Response does not match the documented shape',
  'wrong-behaviour': 'API did not behave as documented',
  'no-answer': 'API did not answer',
};

export interface Failure {
  readonly clause: ClauseId;
  readonly kind: FailureKind;
  readonly title: string;
  /** What the contract says should have happened. */
  readonly documented: string;
  /** What happened instead. */
  readonly received: string;
  /** The case, e.g. "CustomerName of 101 characters" or a generated value after shrinking. */
  readonly counterexample?: string;
  readonly curl?: string;
  readonly seed?: number;
  /** fast-check's path to replay a shrunk counterexample. */
  readonly path?: string;
  /** The check that found it. */
  readonly check?: string;
}

/** A failure as handed to the recorder: the reproduction is rendered only if the failure is kept. */
export type FailureInput = Omit<Failure, 'title' | 'curl'> & { readonly curl?: () => string };

export interface ClauseRecord {
  readonly clause: ClauseId;
  cases: number;
  /** Every failure counted; at most {@link KEEP_FAILURES} kept with full detail. */
  failureCount: number;
  failures: Failure[];
  notTested?: string;
}

/** Something that stopped a suite before it could judge: a run with any of these gives no verdict. */
export interface RunError {
  readonly suite?: string;
  readonly message: string;
}

/** How many failures of one clause are kept with full detail (the count is always exact). */
export const KEEP_FAILURES = 20;

export class Recorder {
  private readonly byClause = new Map<ClauseId, ClauseRecord>();
  private readonly bySuite = new Map<string, Set<ClauseId>>();
  readonly errors: RunError[] = [];
  /** Called with the clause of every failure recorded (the self-check stops a run on its first catch). */
  onFail?: (clause: ClauseId) => void;

  private entry(clause: ClauseId, suite: string | undefined): ClauseRecord {
    let e = this.byClause.get(clause);
    if (!e) {
      e = { clause, cases: 0, failureCount: 0, failures: [] };
      this.byClause.set(clause, e);
    }
    if (suite !== undefined) {
      let set = this.bySuite.get(suite);
      if (!set) this.bySuite.set(suite, (set = new Set()));
      set.add(clause);
    }
    return e;
  }

  /** A case exercised `clause` and it held. */
  pass(clause: ClauseId, suite?: string): void {
    this.entry(clause, suite).cases++;
  }

  /** A case exercised the failure's clause and it did not hold. */
  fail(failure: FailureInput, suite?: string): void {
    const e = this.entry(failure.clause, suite);
    e.cases++;
    e.failureCount++;
    this.onFail?.(failure.clause);
    if (e.failures.length < KEEP_FAILURES) {
      const { curl, ...rest } = failure;
      e.failures.push({ ...rest, title: FAILURE_TITLES[failure.kind], ...(curl ? { curl: curl() } : {}) });
    }
  }

  /** Why `clause` could not be exercised (the first reason given is kept). */
  notTested(clause: ClauseId, reason: string, suite?: string): void {
    this.entry(clause, suite).notTested ??= reason;
  }

  error(error: RunError): void {
    this.errors.push(error);
  }

  failuresOf(clause: ClauseId): number {
    return this.byClause.get(clause)?.failureCount ?? 0;
  }

  get(clause: ClauseId): Readonly<ClauseRecord> | undefined {
    return this.byClause.get(clause);
  }

  /** Which clauses each suite exercised (recorded a case or a reason for). */
  suites(): { suite: string; clauses: ClauseId[] }[] {
    return [...this.bySuite].map(([suite, clauses]) => ({ suite, clauses: [...clauses] }));
  }
}
