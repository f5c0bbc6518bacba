/**
 * What a run selects, in one place: the checks (`--checks`, `--exclude-checks`), the suites (by a
 * part of their name) and, for `--clause`, the checks that judge a clause and the suites that apply
 * them. The command line, the run and `trace` all read these.
 */
import { type CheckName, CHECK_NAMES, checksFor, isCheckName, judgesOnlyDeclaredCases } from '../checks/registry.ts';
import { type ClauseId, type OperationId, clause as clauseOf } from '../contract/index.ts';
import { SUITES, type SuiteDefinition } from '../suites/index.ts';

/** The selection of checks, or the problems with the names given. */
export function selectChecks(only: readonly string[], exclude: readonly string[]): { enabled: Set<CheckName>; problems: string[] } {
  const problems: string[] = [];
  for (const name of [...only, ...exclude]) if (!isCheckName(name)) problems.push(`unknown check '${name}' (gateway-conformance --list-checks lists them)`);
  const base = only.length > 0 ? only.filter(isCheckName) : CHECK_NAMES;
  return { enabled: new Set(base.filter((n) => !exclude.includes(n))), problems };
}

/** The suites a filter selects, or the problem with it. */
export function selectSuites(filters: readonly string[]): { suites: SuiteDefinition[]; problems: string[] } {
  if (filters.length === 0) return { suites: [...SUITES], problems: [] };
  const suites = SUITES.filter((s) => filters.some((f) => matchesSuite(s, f)));
  return suites.length > 0 ? { suites, problems: [] } : { suites, problems: [`no suite matches ${filters.map((f) => `'${f}'`).join(', ')} (suites: ${SUITES.map((s) => s.name).join(', ')})`] };
}


/**
 * Whether a suite filter selects `suite`: a suite's whole name selects that suite only (`hardening`,
 * not `hardening-soap`: what `--clause` passes), any other part of a name every suite containing it
 * (`harden`, `put-customer`; a file name `put-customer-inputs.ts` too).
 */
export function matchesSuite(suite: Pick<SuiteDefinition, 'name'>, filter: string, suites: readonly Pick<SuiteDefinition, 'name'>[] = SUITES): boolean {
  const bare = filter.replace(/\.ts$/, '');
  return suites.some((s) => s.name === bare) ? suite.name === bare : suite.name.includes(bare);
}

/** The API an operation belongs to, as suites name it. */
const apiOfOperation = (operation: OperationId): SuiteDefinition['api'] => (operation === 'put-customer' ? 'syntch' : 'ebiz');
/** The API a clause belongs to, as suites name it. */
const apiOf = (id: ClauseId): SuiteDefinition['api'] => apiOfOperation(clauseOf(id).operation);

/** Every suite of these operations, in the runner's order. */
export function suitesOfOperations(operations: readonly OperationId[]): SuiteDefinition[] {
  const apis = new Set(operations.map(apiOfOperation));
  return SUITES.filter((s) => apis.has(s.api));
}

/**
 * The suites that judge `clause`: those of its API that apply (declare, and so call: runner/context.ts
 * refuses any other) a check that judges it — for a case check judging a request-case clause, only
 * when the suite declares cases carrying it (`caseClauses`, held by runner/context.ts too). A
 * suite's every-exchange checks are declared for it by the runner (checks/registry.ts EVERY_EXCHANGE_CHECKS).
 */
export function suitesJudging(id: ClauseId, suites: readonly SuiteDefinition[] = SUITES, everyExchange: readonly CheckName[] = []): SuiteDefinition[] {
  const judging = new Set(checksFor(id));
  const judges = (s: SuiteDefinition, c: CheckName) => judging.has(c) && (!judgesOnlyDeclaredCases(c, id) || (s.caseClauses?.() ?? []).includes(id));
  return suites.filter((s) => s.api === apiOf(id) && [...s.checks, ...everyExchange].some((c) => judges(s, c)));
}

/**
 * `--clause`: the checks that judge the clauses (within `enabled`) and the suites that apply them
 * (within the suite filters), or the problem that leaves nothing to run.
 */
export function selectForClauses(ids: readonly ClauseId[], enabled: ReadonlySet<CheckName>, suiteFilters: readonly string[], everyExchange: readonly CheckName[]): { suites: string[]; checks: CheckName[] } | { problem: string } {
  const judging = new Set<CheckName>();
  for (const id of ids) {
    const all = checksFor(id);
    const unobservable = clauseOf(id).unobservable;
    if (all.length === 0) return { problem: `clause '${id}' is judged by no check${unobservable ? ` (it cannot be observed from outside: ${unobservable})` : ''}; nothing to run` };
    const on = all.filter((c) => enabled.has(c));
    if (on.length === 0) return { problem: `clause '${id}' is judged only by ${all.join(', ')}, which the check selection leaves out (--checks / --exclude-checks, CONFORMANCE_CHECKS / CONFORMANCE_EXCLUDE_CHECKS)` };
    for (const c of on) judging.add(c);
  }
  const candidates = SUITES.filter((s) => suiteFilters.length === 0 || suiteFilters.some((f) => matchesSuite(s, f)));
  const suites = [...new Set(ids.flatMap((id) => suitesJudging(id, candidates, everyExchange).map((s) => s.name)))];
  if (suites.length === 0) return { problem: `no selected suite applies a check that judges ${ids.join(', ')} (checks ${[...judging].join(', ')}; suites: ${suiteFilters.join(', ')})` };
  return { suites: SUITES.map((s) => s.name).filter((n) => suites.includes(n)), checks: CHECK_NAMES.filter((c) => judging.has(c)) };
}
