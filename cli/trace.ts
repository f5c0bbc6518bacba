/**
 * `gateway-conformance trace <clause-id> […]` (`npm run trace -- …`): prints where each clause lives
 * (cli/trace-lookup.ts). Exit 2 on an unknown id (with a did-you-mean) or an unknown option.
 */
import { clauseSuggestion, isClauseId } from '../contract/index.ts';
import { COMMON_OPTIONS, PROGRAM, isEntry, readCommandLine, usageError, writeThenExit, asText } from './support.ts';
import { renderTrace, trace } from './trace-lookup.ts';

const COMMAND = `${PROGRAM} trace`;
export const TRACE_USAGE = `usage: ${COMMAND} CLAUSE-ID […]          (npm run trace -- CLAUSE-ID …)
  prints, for each clause, every place it lives: the rule with its quote and evidence, its cases and
  generators, the checks that judge it and the suites that apply them, the faults that break it and
  the dialects that touch it.  e.g. ${COMMAND} put-customer/customer-name/max-length
  --help, -h     this text        --version     the suite's version
  clause ids: ${PROGRAM} --list-clauses`;

export async function main(argv: readonly string[]): Promise<void> {
  const parsed = await readCommandLine(COMMAND, { args: [...argv], options: COMMON_OPTIONS, allowPositionals: true }, TRACE_USAGE);
  const ids = parsed.positionals;
  if (ids.length === 0) usageError(COMMAND, 'name at least one clause id', TRACE_USAGE);
  let code = 0;
  const lines: string[] = [];
  for (const id of ids) {
    if (!isClauseId(id)) {
      console.error(`trace: no clause '${id}'${clauseSuggestion(id)} (${PROGRAM} --list-clauses, or contract/clause-ids.ts)`);
      code = 2;
      continue;
    }
    lines.push(...renderTrace(trace(id)));
  }
  return writeThenExit(asText(lines), code);
}

if (isEntry(import.meta.url)) await main(process.argv.slice(2));
