/**
 * Where each request member can stand: the PutCustomer root, DefaultContact, the two customer
 * addresses and the two default-contact addresses. Derived by walking the contract's complex
 * members, so a member added to the contract is generated, violated and catalogued everywhere.
 */
import { typeSpec } from './put-customer.ts';
import type { MemberSpec } from './types.ts';
import { type ValueObject, isObject } from '../lib/values.ts';

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
    if (m.kind === 'complex') walk(m.typeName, path ? `${path}.${m.name}` : m.name, out);
  }
  return out;
}

/** Every object location in a PutCustomer, root first. */
export const LOCATIONS: readonly Location[] = walk('PutCustomer', '', []);

/** Every member at every location (path-bound members excluded: they are not body fields). */
export const MEMBER_SITES: readonly MemberSite[] = LOCATIONS.flatMap((location) =>
  typeSpec(location.typeName)
    .members.filter((m) => m.boundFrom === undefined)
    .map((member) => ({ location, member, fieldPath: location.path ? `${location.path}.${member.name}` : member.name })),
);

export function getAt(value: ValueObject, path: string): ValueObject | undefined {
  let cur: unknown = value;
  for (const part of path ? path.split('.') : []) cur = isObject(cur) ? cur[part] : undefined;
  return isObject(cur) ? cur : undefined;
}

/**
 * A copy of `value` with `update` applied to the object at `path`; objects missing on the way
 * are created with `fill(typeName)` so a violation deep down still sits in a valid customer.
 */
export function updateAt(
  value: ValueObject,
  path: string,
  update: (obj: ValueObject) => void,
  fill: (typeName: string, path: string) => ValueObject,
): ValueObject {
  const copy = structuredClone(value);
  let cur = copy;
  let typeName = 'PutCustomer';
  let curPath = '';
  for (const part of path ? path.split('.') : []) {
    const member = typeSpec(typeName).members.find((m) => m.name === part);
    if (!member || member.kind !== 'complex') throw new Error(`no complex member ${part} in ${typeName}`);
    curPath = curPath ? `${curPath}.${part}` : part;
    if (!isObject(cur[part])) cur[part] = fill(member.typeName, curPath);
    cur = cur[part] as ValueObject;
    typeName = member.typeName;
  }
  update(cur);
  return copy;
}
