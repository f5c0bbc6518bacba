/**
 * `npm run trace -- <clause-id>`: every place one clause lives, read from the registries — the rule,
 * the generators whose cases carry it (with those cases), the checks that judge it, the suites that
 * apply them, the faults that break it and the dialects (legitimate variants) that touch it — each
 * with the `file:line` where it is defined (lib/source-location.ts), so one command takes a reader
 * to every line that matters for a clause. Nothing is guessed: a generator is listed when a case it
 * makes carries the clause, a suite when it applies (and so calls: runner/context.ts refuses any
 * other) a check that judges it — a case check only for the case clauses the suite declares
 * (runner/selection.ts, as `--clause` selects). test/cli/trace.test.ts holds the listing against
 * what a run records: nothing missing, nothing a run does not use.
 */
import fc from 'fast-check';
import { CHECKS, EVERY_EXCHANGE_CHECKS, checksFor } from '../checks/registry.ts';
import { type ClauseId, clause as clauseOf } from '../contract/index.ts';
import { boundaryCases } from '../generators/boundary-cases.ts';
import { hostileKeys } from '../generators/hostile-keys.ts';
import { keyLimitCases } from '../generators/key-limits.ts';
import type { SoapTarget } from '../generators/soap-case.ts';
import { VALID_CUSTOMER_CLAUSE } from '../generators/valid-customer.ts';
import { VIOLABLE_CLAUSES } from '../generators/violating-customer.ts';
import { credentialVariants, otherCaseIdRequest, soapRequestWith, unknownHeaderRequests } from '../generators/valid-soap-request.ts';
import { soapViolationCatalogue, violatingSoapRequest } from '../generators/violating-soap-request.ts';
import { exportLocation, whereDefined } from '../lib/source-location.ts';
import { DIALECTS } from '../reference/dialects.ts';
import { FAULTS } from '../reference/faults/index.ts';
import { DEFAULT_FIXTURES } from '../reference/fixtures.ts';
import { suitesJudging } from '../runner/selection.ts';
import { putCustomerHostileCases, soapHostileCases } from '../suites/hardening.ts';

/** One entry of a trace: a name, what it is, and where it is defined (`file:line`). */
export interface TraceEntry {
  readonly name: string;
  readonly description?: string;
  readonly where: string | undefined;
}

export interface Trace {
  readonly clause: ReturnType<typeof clauseOf>;
  readonly where: string | undefined;
  /** Deterministic cases carrying the clause, by name. */
  readonly cases: string[];
  /** The generators whose cases carry the clause. */
  readonly generators: TraceEntry[];
  readonly checks: TraceEntry[];
  readonly suites: TraceEntry[];
  readonly faults: TraceEntry[];
  readonly dialects: TraceEntry[];
}

/** A generator the suites use, where it is exported, and the cases it makes (named when they are a catalogue). */
export interface GeneratorUse {
  readonly name: string;
  /** The module that exports it, relative to this one. */
  readonly module: string;
  cases(target: SoapTarget, customerKey: number): readonly { readonly clause: ClauseId | string; readonly name?: string }[];
}

const named = <T extends { clause: ClauseId }>(cases: readonly T[], name: (c: T) => string) => cases.map((c) => ({ clause: c.clause, name: name(c) }));

/** Every generator the suites call for cases, in the order a reader meets them. */
export const GENERATORS: readonly GeneratorUse[] = [
  { name: 'boundaryCases', module: '../generators/boundary-cases.ts', cases: () => named(boundaryCases(), (c) => c.name) },
  { name: 'validCustomer', module: '../generators/valid-customer.ts', cases: () => [{ clause: VALID_CUSTOMER_CLAUSE }] },
  { name: 'violatingCustomer', module: '../generators/violating-customer.ts', cases: () => VIOLABLE_CLAUSES.map((clause) => ({ clause })) },
  { name: 'keyLimitCases', module: '../generators/key-limits.ts', cases: (_t, key) => named(keyLimitCases(key), (c) => c.name) },
  { name: 'hostileKeys', module: '../generators/hostile-keys.ts', cases: () => named(hostileKeys(), (c) => c.name) },
  { name: 'hostileBodies', module: '../generators/hostile-xml.ts', cases: (t) => named([...putCustomerHostileCases().xml, ...soapHostileCases(t)], (c) => c.name) },
  { name: 'hostileJsonBodies', module: '../generators/hostile-xml.ts', cases: () => named(putCustomerHostileCases().json, (c) => c.name) },
  { name: 'soapRequestWith', module: '../generators/valid-soap-request.ts', cases: (t) => named(credentialVariants(t).flatMap((c) => (['quoted', 'unquoted'] as const).map((a) => soapRequestWith(t, c, a))), (c) => c.description) },
  { name: 'otherCaseIdRequest', module: '../generators/valid-soap-request.ts', cases: (t) => named([otherCaseIdRequest(t)].filter((c) => c !== undefined), (c) => c.description) },
  { name: 'unknownHeaderRequests', module: '../generators/valid-soap-request.ts', cases: (t) => named(unknownHeaderRequests(t), (c) => c.description) },
  { name: 'soapViolationCatalogue', module: '../generators/violating-soap-request.ts', cases: (t) => named(soapViolationCatalogue(t), (c) => c.description) },
  { name: 'violatingSoapRequest', module: '../generators/violating-soap-request.ts', cases: (t) => fc.sample(violatingSoapRequest(t), { seed: 1, numRuns: 100 }).map((c) => ({ clause: c.clause })) },
];

/** The embedded reference's target: the cases as a run against it makes them. */
const TARGET: SoapTarget = { securityId: DEFAULT_FIXTURES.soap.securityId, customerInternalId: DEFAULT_FIXTURES.soap.customers[0]!.customerInternalId };
const CUSTOMER_KEY = DEFAULT_FIXTURES.rest.customers[0]!.customerKey;

export function generatorLocation(g: GeneratorUse): string | undefined {
  return exportLocation(new URL(g.module, import.meta.url).href, g.name);
}

export function trace(id: ClauseId): Trace {
  const clause = clauseOf(id);
  const generators: TraceEntry[] = [];
  const cases: string[] = [];
  for (const g of GENERATORS) {
    const mine = g.cases(TARGET, CUSTOMER_KEY).filter((c) => c.clause === id);
    if (mine.length === 0) continue;
    generators.push({ name: `${g.name}()`, where: generatorLocation(g) });
    cases.push(...mine.flatMap((c) => (c.name ? [c.name] : [])));
  }
  return {
    clause,
    where: whereDefined(clause),
    cases: [...new Set(cases)],
    generators,
    checks: checksFor(id).map((name) => ({ name, description: CHECKS[name].description, where: whereDefined(CHECKS[name]) })),
    suites: suitesJudging(id, undefined, EVERY_EXCHANGE_CHECKS).map((s) => ({ name: s.name, description: s.description, where: whereDefined(s) })),
    faults: FAULTS.filter((f) => f.clauses.includes(id)).map((f) => ({ name: f.name, description: f.description, where: whereDefined(f) })),
    dialects: DIALECTS.filter((d) => d.touches.includes(id)).map((d) => ({ name: d.name, description: d.description, where: whereDefined(d) })),
  };
}

export function renderTrace(t: Trace, maxCases = 12): string[] {
  const c = t.clause;
  const at = (where: string | undefined) => where ?? '(location unknown)';
  const entry = (e: TraceEntry) => `${at(e.where)}  ${e.name}${e.description ? ` — ${e.description}` : ''}`;
  const list = (items: readonly TraceEntry[], none: string) => (items.length ? items.map((x) => `  ${entry(x)}`) : [`  (${none})`]);
  return [
    `${c.id} [${c.level}] — ${c.title}`,
    `  defined:  ${at(t.where)}`,
    `  quote:    ${c.quote}`,
    `  source:   ${c.source}${c.evidence ? ` — ${c.evidence}` : ''}`,
    ...(c.field ? [`  field:    ${c.field.type}.${c.field.member}, rule ${c.field.rule}`] : []),
    ...(c.unobservable ? [`  unobservable: ${c.unobservable}`] : []),
    `generators (${t.generators.length}):`,
    ...list(t.generators, 'none: no generated case carries this clause'),
    `cases (${t.cases.length}):`,
    ...(t.cases.length ? t.cases.slice(0, maxCases).map((x) => `  ${x}`) : ['  (none in the deterministic catalogues)']),
    ...(t.cases.length > maxCases ? [`  … ${t.cases.length - maxCases} more`] : []),
    `checks (${t.checks.length}):`,
    ...list(t.checks, 'none: no check judges this clause'),
    `suites (${t.suites.length}):`,
    ...list(t.suites, 'none'),
    `faults (${t.faults.length}):`,
    ...list(t.faults, 'none: no injected fault breaks this clause'),
    `dialects (${t.dialects.length}):`,
    ...list(t.dialects, 'none'),
  ];
}
