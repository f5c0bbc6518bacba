/**
 * A valid Contact: every member optional (clauses `put-customer/contact/*`), so anything from an
 * empty contact (a branch of its own) to one with every string at its maximum and both nested
 * addresses.
 */
import fc from 'fast-check';
import type { ValueObject } from '../lib/values.ts';
import { objectOf } from './object-of.ts';
import { validAddress } from './valid-address.ts';

export interface ValidContactConstraints {
  /** Members that must be present. Default none. */
  readonly require?: readonly string[];
}

export function validContact(constraints: ValidContactConstraints = {}): fc.Arbitrary<ValueObject> {
  const contact = objectOf({
    typeName: 'Contact',
    members: { BillingAddress: validAddress(), ShippingAddress: validAddress() },
    require: constraints.require,
  });
  // An empty contact (every member is optional) is rare by chance and worth sending on purpose.
  if (constraints.require?.length) return contact;
  return fc.oneof({ weight: 1, arbitrary: fc.constant({}) }, { weight: 9, arbitrary: contact });
}
