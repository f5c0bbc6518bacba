/**
 * A suite: a named group of requests for one API that composes checks from the registry by name.
 * The runner runs the selected suites in one process, sharing the run's client and recorder.
 */
import type { CheckName } from '../checks/registry.ts';
import type { ClauseId } from '../contract/index.ts';
import type { SuiteContext } from './context.ts';
import { defined } from '../lib/source-location.ts';

export interface SuiteDefinition {
  /** kebab-case, stable: `npm run conformance -- <part of a name>` selects suites. */
  readonly name: string;
  readonly api: 'syntch' | 'ebiz';
  readonly description: string;
  /** The checks it applies (the trace and the exclusion of checks read this). */
  readonly checks: readonly CheckName[];
  /**
   * The clauses of the request cases it gives the case checks (checks/registry.ts
   * CASE_CLAUSE_CHECKS); runner/context.ts refuses a case carrying another, so `trace` and
   * `--clause` list the suite only for clauses it exercises. None when it applies no case check.
   */
  readonly caseClauses?: () => readonly ClauseId[];
  run(ctx: SuiteContext): Promise<void>;
}

/** A suite, with where it is defined recorded for `trace` (lib/source-location.ts). */
export const defineSuite = (s: SuiteDefinition): SuiteDefinition => defined(s, 1);
