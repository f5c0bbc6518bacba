/**
 * A check: one small named function that judges what came back and says which clauses it can
 * speak for (Schemathesis' `status_code_conformance`, `negative_data_rejection`). Suites compose
 * checks by name from the registry (registry.ts); `--checks` / `--exclude-checks` select them, and
 * a clause that only excluded checks can judge is reported not-tested with the reason.
 */
import type { ClauseId } from '../contract/index.ts';
import type { Finding } from './finding.ts';
import { defined } from '../lib/source-location.ts';

export interface Check<I> {
  /** snake_case, stable: users select checks by it. */
  readonly name: string;
  /** What the check asserts, in one line. */
  readonly description: string;
  /** Every clause the check can report on; a finding for any other clause is a bug in the check. */
  readonly clauses: readonly ClauseId[];
  run(input: I): Finding[];
}

/** A check, with where it is defined recorded for `trace` (lib/source-location.ts). */
export function defineCheck<I>(check: Check<I>): Check<I> {
  return defined(check, 1);
}
