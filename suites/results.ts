/**
 * What a run finds, clause by clause. A suite records every case that exercised a clause and
 * every failure, in one shape (Schemathesis-style): a fixed title per kind, what was documented
 * vs what was received, the counterexample, the seed and a curl reproduction.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type FailureKind = 'accepted-invalid' | 'rejected-valid' | 'wrong-shape' | 'wrong-behaviour' | 'no-answer';

export const FAILURE_TITLES: Readonly<Record<FailureKind, string>> = {
  'accepted-invalid': 'API accepted a request that breaks a documented rule',
  'rejected-valid': 'API rejected a request the documentation allows',
  'wrong-shape': 'Response does not match the documented shape',
  'wrong-behaviour': 'API did not behave as documented',
  'no-answer': 'API did not answer in time',
};

export interface Failure {
  readonly clause: string;
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
}

export interface ClauseRecord {
  readonly clause: string;
  cases: number;
  failures: Failure[];
  notTested?: string;
}

/** Findings the harness could not attribute to a clause: a run with any of these gives no verdict. */
export interface RunError {
  readonly message: string;
  readonly unreachable?: boolean;
}

export interface SuiteResult {
  readonly suite: string;
  readonly clauses: ClauseRecord[];
  readonly errors: RunError[];
}

/** How many failures of one clause are kept with full detail (the count is always exact). */
const KEEP_FAILURES = 20;

export class Recorder {
  private readonly byClause = new Map<string, ClauseRecord & { failureCount: number }>();
  readonly errors: RunError[] = [];

  constructor(readonly suite: string) {}

  private entry(clause: string) {
    let e = this.byClause.get(clause);
    if (!e) {
      e = { clause, cases: 0, failures: [], failureCount: 0 };
      this.byClause.set(clause, e);
    }
    return e;
  }

  /** A case exercised `clause` and it held. */
  pass(clause: string): void {
    this.entry(clause).cases++;
  }

  /** A case exercised the failure's clause and it did not hold. */
  fail(failure: Omit<Failure, 'title'>): void {
    const e = this.entry(failure.clause);
    e.cases++;
    e.failureCount++;
    if (e.failures.length < KEEP_FAILURES) e.failures.push({ ...failure, title: FAILURE_TITLES[failure.kind] });
  }

  notTested(clause: string, reason: string): void {
    this.entry(clause).notTested = reason;
  }

  error(error: RunError): void {
    this.errors.push(error);
  }

  failuresOf(clause: string): number {
    return this.byClause.get(clause)?.failureCount ?? 0;
  }

  result(): SuiteResult {
    return { suite: this.suite, clauses: [...this.byClause.values()].map(({ failureCount: _c, ...r }) => r), errors: this.errors };
  }

  /** Writes this suite's result where the runner collects it. */
  flush(dir: string): void {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${this.suite}-${process.pid}.json`), JSON.stringify(this.result()));
  }
}

export function readSuiteResults(dir: string): SuiteResult[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as SuiteResult);
}
