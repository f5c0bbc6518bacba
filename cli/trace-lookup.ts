/**
 * `npm run trace -- <clause-id>`: every place one clause lives, read from the registries — the rule
 * with its quote and evidence, the boundary cases and generators that exercise it, the checks that
 * judge it and the suites that apply them, the faults that break it and the dialects (legitimate
 * variants) that touch it. Nothing is grepped: a clause that is not wired somewhere shows a gap.
 */
import { CHECKS, EVERY_EXCHANGE_CHECKS, checksFor } from '../checks/registry.ts';
import { type ClauseId, clause as clauseOf } from '../contract/index.ts';
import { boundaryCases } from '../generators/boundary-cases.ts';
import { hostileBodies, hostileJsonBodies } from '../generators/hostile-xml.ts';
import { hostileKeys } from '../generators/hostile-keys.ts';
import { keyLimitCases } from '../generators/key-limits.ts';
import { MUTATIONS } from '../generators/mutations/index.ts';
import { credentialVariants, soapRequestWith } from '../generators/valid-soap-request.ts';
import { soapViolationCatalogue } from '../generators/violating-soap-request.ts';
import { DIALECTS } from '../reference/dialects.ts';
import { FAULTS } from '../reference/faults/index.ts';
import { DEFAULT_FIXTURES } from '../reference/fixtures.ts';
import { SUITES } from '../suites/index.ts';

export interface Trace {
  readonly clause: ReturnType<typeof clauseOf>;
  /** Deterministic cases, by name (the boundary, hostile-body, hostile-key and SOAP catalogues). */
  readonly cases: string[];
  /** Arbitraries that generate cases for it. */
  readonly generators: string[];
  readonly checks: { readonly name: string; readonly description: string }[];
  readonly suites: string[];
  readonly faults: { readonly name: string; readonly description: string }[];
  readonly dialects: { readonly name: string; readonly description: string }[];
}

export function trace(id: ClauseId): Trace {
  const clause = clauseOf(id);
  const target = { securityId: DEFAULT_FIXTURES.soap.securityId, customerInternalId: DEFAULT_FIXTURES.soap.customers[0]!.customerInternalId };
  const soapValid = credentialVariants(target).flatMap((c) => (['quoted', 'unquoted'] as const).map((a) => soapRequestWith(target, c, a)));
  const hostile = (['put-customer', 'mark-customer-as-synchronized'] as const).flatMap((operation) =>
    hostileBodies({ operation, validXml: '<Root xmlns="urn:x"><Field>x</Field></Root>', rootName: 'Root', field: 'Field', rootNamespace: 'urn:x' }),
  );
  const cases = [
    ...boundaryCases().filter((c) => c.clause === id).map((c) => c.name),
    ...[...hostile, ...hostileJsonBodies()].filter((c) => c.clause === id).map((c) => c.name),
    ...hostileKeys().filter((c) => c.clause === id).map((c) => c.name),
    ...keyLimitCases().filter((c) => c.clause === id).map((c) => c.name),
    ...[...soapValid, ...soapViolationCatalogue(target)].filter((c) => c.clause === id).map((c) => c.description),
  ];
  const mutations = MUTATIONS.filter((m) => m.clause === id);
  const generators = [
    ...(mutations.some((m) => m.expect === 'rejected' && m.param) ? ['violatingCustomer() (generators/violating-customer.ts)'] : []),
    ...(mutations.some((m) => m.expect === 'accepted') || id === 'put-customer/response/status-200' ? ['boundaryCases() (generators/boundary-cases.ts)'] : []),
    ...(id.startsWith('mark-customer-as-synchronized/fault/invalid') ? ['violatingSoapRequest() (generators/violating-soap-request.ts)'] : []),
  ];
  const checks = checksFor(id).map((name) => ({ name, description: CHECKS[name].description }));
  const names = new Set(checks.map((c) => c.name));
  return {
    clause,
    cases,
    generators,
    checks,
    // A check applied to every exchange judges the clause in every suite of its API.
    suites: SUITES.filter((s) => s.checks.some((c) => names.has(c)) || (EVERY_EXCHANGE_CHECKS.some((c) => names.has(c)) && s.api === (clause.operation === 'put-customer' ? 'syntch' : 'ebiz'))).map((s) => s.name),
    faults: FAULTS.filter((f) => f.clauses.includes(id)).map((f) => ({ name: f.name, description: f.description })),
    dialects: DIALECTS.filter((d) => d.touches.includes(id)).map((d) => ({ name: d.name, description: d.description })),
  };
}

export function renderTrace(t: Trace, maxCases = 12): string[] {
  const c = t.clause;
  const list = <T>(items: readonly T[], line: (x: T) => string, none: string) => (items.length ? items.map((x) => `  ${line(x)}`) : [`  (${none})`]);
  return [
    `${c.id} [${c.level}] — ${c.title}`,
    `  quote:    ${c.quote}`,
    `  source:   ${c.source}${c.evidence ? ` — ${c.evidence}` : ''}`,
    ...(c.field ? [`  field:    ${c.field.type}.${c.field.member}, rule ${c.field.rule}`] : []),
    ...(c.unobservable ? [`  unobservable: ${c.unobservable}`] : []),
    `cases (${t.cases.length}):`,
    ...list(t.cases.slice(0, maxCases), (x) => x, 'none in the deterministic catalogues'),
    ...(t.cases.length > maxCases ? [`  … ${t.cases.length - maxCases} more`] : []),
    'generators:',
    ...list(t.generators, (x) => x, 'none'),
    'checks:',
    ...list(t.checks, (x) => `${x.name} — ${x.description}`, 'none: no check judges this clause'),
    'suites:',
    ...list(t.suites, (x) => x, 'none'),
    `faults (${t.faults.length}):`,
    ...list(t.faults, (x) => `${x.name} — ${x.description}`, 'none: no injected fault breaks this clause'),
    'dialects:',
    ...list(t.dialects, (x) => `${x.name} — ${x.description}`, 'none'),
  ];
}
