/**
 * `gateway-conformance trace <clause-id> […]` (`npm run trace -- …`): prints where each clause lives
 * (runner/trace.ts). Exit 2 on an unknown id (with a did-you-mean) or an unknown option.
 */
import { CLAUSE_IDS, isClauseId } from '../contract/index.ts';
import { PROGRAM, commandPositionals, didYouMean, isEntry, usageError } from './cli-support.ts';
import { renderTrace, trace } from './trace.ts';

const COMMAND = `${PROGRAM} trace`;
export const TRACE_USAGE = `usage: ${COMMAND} CLAUSE-ID […]          (npm run trace -- CLAUSE-ID …)
  prints, for each clause, every place it lives: the rule with its quote and evidence, its cases and
  generators, the checks that judge it and the suites that apply them, the faults that break it and
  the dialects that touch it.  e.g. ${COMMAND} put-customer/customer-name/max-length
  --help, -h     this text        --version     the suite's version
  clause ids: ${PROGRAM} --list-clauses`;

/** Closest clause ids to a mistyped one. */
export function clauseSuggestion(id: string): string {
  return didYouMean(id, CLAUSE_IDS, Math.max(3, Math.floor(id.length / 5)));
}

export async function main(argv: readonly string[]): Promise<void> {
  const ids = commandPositionals(COMMAND, TRACE_USAGE, argv);
  if (ids.length === 0) usageError(COMMAND, 'name at least one clause id', TRACE_USAGE);
  let code = 0;
  for (const id of ids) {
    if (!isClauseId(id)) {
      console.error(`trace: no clause '${id}'${clauseSuggestion(id)} (${PROGRAM} --list-clauses, or contract/clause-ids.ts)`);
      code = 2;
      continue;
    }
    console.log(renderTrace(trace(id)).join('\n'));
  }
  process.exit(code);
}

if (isEntry(import.meta.url)) await main(process.argv.slice(2));
