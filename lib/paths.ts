/**
 * Dotted member paths (`DefaultContact.BillingAddress.City`): how FluentValidation names a member
 * in a FieldName, and how the suite addresses a member of a customer value. The one walker every
 * reader and writer of a value by path uses; '' is the root.
 */
import { type ValueObject, isObject } from './values.ts';

/** The segments of a dotted path; the root ('') has none. */
export function pathSegments(path: string): string[] {
  return path ? path.split('.') : [];
}

/** The path of `member` inside the object at `parent` (`member` itself at the root). */
export function childPath(parent: string, member: string): string {
  return parent ? `${parent}.${member}` : member;
}

/** The member a path ends in: `City` for `BillingAddress.City`. */
export function lastSegment(path: string): string {
  return path.split('.').pop() ?? '';
}

/** The path of the object holding the member a path names: `BillingAddress` for `BillingAddress.City`, '' for `City`. */
export function parentPath(path: string): string {
  return path.split('.').slice(0, -1).join('.');
}

/**
 * The value at `path` (a dotted path or its segments), or undefined where the way down leaves the
 * objects (a member absent or nil, a string, a list, a date).
 */
export function valueAt(value: unknown, path: string | readonly string[]): unknown {
  let cur = value;
  for (const part of typeof path === 'string' ? pathSegments(path) : path) cur = isObject(cur) ? cur[part] : undefined;
  return cur;
}

/** The object at `path`, or undefined when there is none. */
export function objectAt(value: ValueObject, path: string): ValueObject | undefined {
  const v = valueAt(value, path);
  return isObject(v) ? v : undefined;
}

/**
 * A copy of `value` with `update` applied to the object at `path`; an object missing on the way
 * (absent, nil or not an object) is created with `fill(its path)`.
 */
export function updateAt(
  value: ValueObject,
  path: string,
  update: (obj: ValueObject) => void,
  fill: (path: string) => ValueObject,
): ValueObject {
  const copy = structuredClone(value);
  let cur = copy;
  let curPath = '';
  for (const part of pathSegments(path)) {
    curPath = childPath(curPath, part);
    if (!isObject(cur[part])) cur[part] = fill(curPath);
    cur = cur[part] as ValueObject;
  }
  update(cur);
  return copy;
}
