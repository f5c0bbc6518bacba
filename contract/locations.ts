/**
 * Where each request member can stand: the PutCustomer root, DefaultContact, the two customer
 * addresses and the two default-contact addresses. Derived by walking the contract's complex
 * members, so a member added to the contract is generated, violated and catalogued everywhere.
 */
import { typeSpec } from './put-customer.ts';
import type { MemberSpec } from './types.ts';
import { childPath, updateAt as updateAtPath } from '../lib/paths.ts';
import type { ValueObject } from '../lib/values.ts';

export interface Location {
  /** Dotted path of the object ('' for the root), as FluentValidation names it. */
  readonly path: string;
  readonly typeName: string;
}

export interface MemberSite {
  readonly location: Location;
  readonly member: MemberSpec;
  /** Dotted FieldName of the member, e.g. `DefaultContact.BillingAddress.City`. */
  readonly fieldPath: string;
}

function walk(typeName: string, path: string, out: Location[]): Location[] {
  out.push({ path, typeName });
  for (const m of typeSpec(typeName).members) {
    if (m.kind === 'complex') walk(m.typeName, childPath(path, m.name), out);
  }
  return out;
}

/** Every object location in a PutCustomer, root first. */
export const LOCATIONS: readonly Location[] = walk('PutCustomer', '', []);

/** Every member at every location (path-bound members excluded: they are not body fields). */
export const MEMBER_SITES: readonly MemberSite[] = LOCATIONS.flatMap((location) =>
  typeSpec(location.typeName)
    .members.filter((m) => m.boundFrom === undefined)
    .map((member) => ({ location, member, fieldPath: childPath(location.path, member.name) })),
);

const TYPE_AT: ReadonlyMap<string, string> = new Map(LOCATIONS.map((l) => [l.path, l.typeName]));

/**
 * A copy of `value` with `update` applied to the object at `path` (a location's path); objects
 * missing on the way are created with `fill(typeName)` so a violation deep down still sits in a
 * valid customer.
 */
export function updateAt(
  value: ValueObject,
  path: string,
  update: (obj: ValueObject) => void,
  fill: (typeName: string, path: string) => ValueObject,
): ValueObject {
  if (!TYPE_AT.has(path)) throw new Error(`no location ${path} in PutCustomer`);
  return updateAtPath(value, path, update, (p) => fill(TYPE_AT.get(p)!, p));
}
