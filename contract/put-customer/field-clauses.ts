/**
 * The field clauses, derived from the member specs of the request types: for each member that
 * is not bound from the path, required (and, for free strings, not-empty) or optional, its
 * maximum length and its allowable values. A member added to the types gets its clauses here.
 */
import { defined } from '../../lib/source-location.ts';
import type { Clause, ClauseId, MemberSpec } from '../types.ts';
import { kebab } from '../types.ts';
import { OPERATION, allowedValuesOf, typeSpec } from './types.ts';

/** The request types whose members carry field clauses, with the clause-id prefix of each. */
export const REQUEST_TYPE_PREFIXES: Readonly<Record<string, string>> = {
  PutCustomer: 'put-customer',
  Contact: 'put-customer/contact',
  Address: 'put-customer/address',
};

/** Field clause id, e.g. `put-customer/address/street-address-1/max-length`. */
export function fieldClauseId(typeName: string, member: string, rule: string): ClauseId {
  const prefix = REQUEST_TYPE_PREFIXES[typeName];
  if (!prefix) throw new Error(`contract: ${typeName} has no field clauses`);
  return `${prefix}/${kebab(member)}/${rule}` as ClauseId;
}

function memberQuote(member: MemberSpec): string {
  const type =
    member.kind === 'enum' ? `${member.enumName}?` : member.kind === 'complex' ? member.typeName : member.kind === 'scalar' ? member.type : member.kind;
  return `${member.name} (${type}, Required: ${member.required ? 'Yes' : 'No'}): "${member.doc}"`;
}

/** Derives the field clauses of every request member from its member spec (./types.ts). */
export function fieldClauses(): Clause[] {
  const clauses: Clause[] = [];
  for (const typeName of Object.keys(REQUEST_TYPE_PREFIXES)) {
    for (const m of typeSpec(typeName).members) {
      if (m.boundFrom === 'path') continue;
      const make = (rule: NonNullable<Clause['field']>['rule'], level: Clause['level'], title: string, extra: Partial<Clause> = {}): void => {
        // Derived: the line of the rule below that makes it (lib/source-location.ts, for `trace`).
        clauses.push(defined({
          id: fieldClauseId(typeName, m.name, rule),
          operation: OPERATION,
          level,
          title,
          quote: memberQuote(m),
          source: 'seed',
          field: { type: typeName, member: m.name, rule },
          ...extra,
        }, 1));
      };
      const allowed = allowedValuesOf(m);
      if (m.required) {
        make('required', 'MUST', `${typeName}.${m.name} is required: a request without it is rejected`);
        if (m.kind === 'scalar' && m.type === 'string' && !allowed) {
          make('not-empty', 'SHOULD', `${typeName}.${m.name} empty or whitespace-only is rejected`, {
            source: 'platform',
            evidence: 'INTERPRETING.md §required-strings; PLATFORM-NOTES.md §errors (FluentValidation NotEmpty also rejects whitespace-only strings)',
          });
        }
      } else {
        make('optional', 'MUST', `${typeName}.${m.name} is optional: a request without it is accepted`);
      }
      if (m.kind === 'scalar' && m.maxLength !== undefined) {
        make('max-length', 'MUST', `${typeName}.${m.name} of ${m.maxLength} characters is accepted, ${m.maxLength + 1} is rejected`);
      }
      if (allowed) {
        make('allowed-values', 'MUST', `${typeName}.${m.name} accepts each of its ${allowed.length} allowable values and rejects any other`);
      }
    }
  }
  return clauses;
}
