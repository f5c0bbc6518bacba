import type { ClauseId } from '../contract/index.ts';

/** How a clause failed: each kind has a fixed title (Schemathesis-style) in every report. */
export type FailureKind = 'accepted-invalid' | 'rejected-valid' | 'wrong-shape' | 'wrong-behaviour' | 'no-answer';

export const FAILURE_TITLES: Readonly<Record<FailureKind, string>> = {
  'accepted-invalid': 'API accepted a request that breaks a documented rule',
  'rejected-valid': 'API rejected a request the documentation allows',
  'wrong-shape': 'Response does not match the documented shape',
  'wrong-behaviour': 'API did not behave as documented',
  'no-answer': 'API did not answer',
};

/** One clause judged on one exchange: held, or did not with documented-vs-received. */
export interface Finding {
  readonly clause: ClauseId;
  readonly ok: boolean;
  readonly kind?: FailureKind;
  readonly documented?: string;
  readonly received?: string;
  /**
   * Set when the case could not exercise the clause because the gateway legitimately did not meet
   * its precondition (a bare 400 where the clause judges a fault): the clause is not applicable
   * rather than untested (docs/INTERPRETING.md §statuses). Such a finding is neither a pass nor a failure.
   */
  readonly notApplicable?: string;
}

export const pass = (clause: ClauseId): Finding => ({ clause, ok: true });

/** The clause's precondition was legitimately not met, and why (docs/INTERPRETING.md §statuses). */
export const notApplicable = (clause: ClauseId, reason: string): Finding => ({ clause, ok: true, notApplicable: reason });

export const fail = (clause: ClauseId, kind: FailureKind, documented: string, received: string): Finding => ({ clause, ok: false, kind, documented, received });

/** One finding for `clause`: ok when `problems` is empty, else a failure listing them. */
export function judge(clause: ClauseId, kind: FailureKind, documented: string, problems: readonly string[]): Finding {
  return problems.length === 0 ? pass(clause) : fail(clause, kind, documented, problems.slice(0, 8).join('; ') + (problems.length > 8 ? `; … ${problems.length - 8} more` : ''));
}

/** A short, single-line excerpt of a body for messages. */
export function excerpt(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat || '(empty body)';
}
