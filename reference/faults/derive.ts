/**
 * One fault per field clause, derived from the contract: the rule left unenforced (a maximum
 * length, a required member, an allowable-value list, a blank required string) or an optional
 * member enforced as required. So every field rule is shown to be checked, without a hand-written
 * fault for each.
 */
import { ALL_CLAUSES } from '../../contract/index.ts';
import { LOCATIONS } from '../../contract/locations.ts';
import { childPath, lastSegment, parentPath, valueAt } from '../../lib/paths.ts';
import type { ValueObject } from '../../lib/values.ts';
import type { ValidationError } from '../rest/validate.ts';
import { unknownActivationStatusAsActive } from './helpers.ts';
import type { Fault } from './hooks.ts';
import { defined } from '../../lib/source-location.ts';

export function derivedFieldFaults(): Fault[] {
  const out: Fault[] = [];
  // Each fault records the line below that makes it, for `trace` (lib/source-location.ts).
  const push = (f: Fault) => out.push(defined(f, 1));
  for (const c of ALL_CLAUSES) {
    if (!c.field) continue;
    const { type, member, rule } = c.field;
    const name = `${rule === 'optional' ? 'over-enforced' : 'unenforced'}:${c.id.replace(/^put-customer\//, '')}`;
    const onMember = (e: ValidationError) => lastSegment(e.fieldName) === member && ownerType(e.fieldName) === type;
    const clauses = [c.id];
    switch (rule) {
      case 'max-length':
        push({
          name,
          description: `never checks the maximum length of ${type}.${member}`,
          clauses,
          hooks: { validate: (_b, es) => es.filter((e) => !(onMember(e) && e.errorCode === 'MaximumLength')) },
        });
        break;
      case 'required':
        push({
          name,
          description: `accepts a ${type} without ${member}`,
          clauses,
          hooks: {
            validate: (b, es) =>
              es.filter((e) => !(onMember(e) && (e.errorCode === 'NotNull' || e.errorCode === 'NotEmpty') && valueAt(b, e.fieldName) == null)),
          },
        });
        break;
      case 'not-empty':
        push({
          name,
          description: `accepts an empty or whitespace-only ${type}.${member}`,
          clauses,
          hooks: {
            validate: (b, es) => es.filter((e) => !(onMember(e) && e.errorCode === 'NotEmpty' && typeof valueAt(b, e.fieldName) === 'string')),
          },
        });
        break;
      case 'allowed-values':
        push(
          member === 'ActivationStatus'
            ? {
                name,
                description: 'maps an unknown ActivationStatus to Active instead of rejecting it',
                clauses,
                hooks: { rawBody: unknownActivationStatusAsActive },
              }
            : {
                name,
                description: `accepts any value for ${type}.${member}`,
                clauses,
                hooks: { validate: (_b, es) => es.filter((e) => !(onMember(e) && e.errorCode === 'Predicate')) },
              },
        );
        break;
      case 'optional':
        push({
          name,
          description: `requires the optional ${type}.${member}`,
          clauses,
          hooks: {
            validate: (b, es) => [
              ...es,
              ...missingAt(b, type, member).map((fieldName) => ({ errorCode: 'NotEmpty', fieldName, message: `'${member}' must not be empty.` })),
            ],
          },
        });
        break;
    }
  }
  return out;
}

/** Which contract type the object holding the member a FieldName names is (contract/locations.ts). */
function ownerType(fieldName: string): string | undefined {
  const path = parentPath(fieldName);
  return LOCATIONS.find((l) => l.path === path)?.typeName;
}

/** FieldNames where an object of `type` is present but lacks `member` (for over-enforced optional members). */
function missingAt(body: ValueObject, type: string, member: string): string[] {
  return LOCATIONS.filter((l) => l.typeName === type)
    .filter((l) => {
      const obj = valueAt(body, l.path);
      return obj != null && typeof obj === 'object' && (obj as ValueObject)[member] == null;
    })
    .map((l) => childPath(l.path, member));
}
