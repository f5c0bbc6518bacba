/**
 * What a run finds, clause by clause. Every check's findings land here, in one shape
 * (Schemathesis-style): a fixed title per kind, what was documented vs what was received, the
 * counterexample, the seed and a curl reproduction. One recorder per run; it takes only clause
 * ids the contract has ({@link ClauseId}), so a typo is a compile error, never a silent
 * `not-tested`.
 */
import type { ClauseId } from '../contract/index.ts';
import { FAILURE_TITLES, type FailureKind } from '../checks/finding.ts';


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
  /** The request of the failing case, as sent (secrets masked), when there was one. */
  readonly request?: RecordedRequest;
  /** The answer received, when one came (secrets masked). */
  readonly response?: RecordedResponse;
}

/** A body as a failure shows it: text, cut past {@link EVIDENCE_BODY_LIMIT} with a note. */
interface RecordedBody {
  /** The body as text (UTF-8; bytes that are not UTF-8 shown as U+FFFD), at most {@link EVIDENCE_BODY_LIMIT} characters. */
  readonly body: string;
  /** Bytes of the whole body (of what was read, for an answer cut by the client). */
  readonly bodyBytes: number;
  /** Whether `body` is less than the whole body. */
  readonly truncated: boolean;
  /** How the body was cut or altered, in words, when it was. */
  readonly note?: string;
}

export interface RecordedRequest extends RecordedBody {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface RecordedResponse extends RecordedBody {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
}

/** Characters of a request or response body a failure keeps (64 KiB); past it the body is cut, with a note. */
export const EVIDENCE_BODY_LIMIT = 64 * 1024;

/**
 * A failure as handed to the recorder: the reproduction, the request and the response are built
 * only if the failure is kept. `requestBytes` (the request body's size) ranks it by simplicity.
 */
export type FailureInput = Omit<Failure, 'title' | 'curl' | 'request' | 'response'> & {
  readonly curl?: () => string;
  readonly request?: () => RecordedRequest;
  readonly response?: () => RecordedResponse;
  readonly requestBytes?: number;
};

/** What ranks a failure by simplicity. */
export interface SimplicityKey {
  readonly counterexample?: string;
  readonly received: string;
  readonly requestBytes?: number;
}

/** A kept failure's simplicity key. */
export const simplicityOf = (f: Pick<Failure, 'counterexample' | 'received' | 'request'>): SimplicityKey => ({
  received: f.received,
  ...(f.counterexample !== undefined ? { counterexample: f.counterexample } : {}),
  ...(f.request ? { requestBytes: f.request.bodyBytes } : {}),
});

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Simplest first: the smaller case — the request body's bytes plus the counterexample's length —
 * then the counterexample's text, then what was received. A total order that depends on nothing
 * but the failures, so the same failures are kept and shown first whatever order suites finish in.
 */
export function simplerFirst(a: SimplicityKey, b: SimplicityKey): number {
  const size = (k: SimplicityKey) => (k.requestBytes ?? 0) + (k.counterexample ?? '').length;
  return size(a) - size(b) || byCodeUnits(a.counterexample ?? '', b.counterexample ?? '') || byCodeUnits(a.received, b.received);
}

export interface ClauseRecord {
  readonly clause: ClauseId;
  cases: number;
  /** Every failure counted; at most {@link KEEP_FAILURES} kept with full detail. */
  failureCount: number;
  failures: Failure[];
  notTested?: string;
  /** Why the gateway legitimately gave no case of this clause anything to judge (the first reason given). */
  notApplicable?: string;
}

/** Something that stopped a suite before it could judge: a run with any of these gives no verdict. */
export interface RunError {
  readonly suite?: string;
  readonly message: string;
}

/** How many failures of one clause are kept with full detail, the simplest ones (the count is always exact). */
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
    // A copy: every string of a kept failure is its own. An excerpt or a cut body is otherwise a
    // slice that keeps the whole answer it was cut from (4 MiB each) alive until the run ends.
    const keep = (): Failure => {
      const { curl, request, response, requestBytes: _bytes, ...rest } = failure;
      return structuredClone({ ...rest, title: FAILURE_TITLES[failure.kind], ...(curl ? { curl: curl() } : {}), ...(request ? { request: request() } : {}), ...(response ? { response: response() } : {}) });
    };
    if (e.failures.length < KEEP_FAILURES) {
      e.failures.push(keep());
      return;
    }
    // Full: the new failure replaces the least simple kept one when it is simpler.
    let worst = 0;
    for (let i = 1; i < e.failures.length; i++) if (simplerFirst(simplicityOf(e.failures[i]!), simplicityOf(e.failures[worst]!)) > 0) worst = i;
    if (simplerFirst(failure, simplicityOf(e.failures[worst]!)) < 0) e.failures[worst] = keep();
  }

  /** Why `clause` could not be exercised (the first reason given is kept). */
  notTested(clause: ClauseId, reason: string, suite?: string): void {
    this.entry(clause, suite).notTested ??= reason;
  }

  /**
   * A case could not exercise `clause` because the gateway legitimately did not meet its
   * precondition (the first reason given is kept); no case is counted.
   */
  notApplicable(clause: ClauseId, reason: string, suite?: string): void {
    this.entry(clause, suite).notApplicable ??= reason;
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
