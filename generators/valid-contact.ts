/**
 * A valid Contact: every member optional (clauses `put-customer/contact/*`), so anything from an
 * empty contact to one with every string at its maximum and both nested addresses.
 */
import type fc from 'fast-check';
import type { ValueObject } from '../lib/values.ts';
import { objectOf } from './object-of.ts';
import { validAddress } from './valid-address.ts';

export interface ValidContactConstraints {
  /** Members that must be present. Default none. */
  readonly require?: readonly string[];
}

export function validContact(constraints: ValidContactConstraints = {}): fc.Arbitrary<ValueObject> {
  return objectOf({
    typeName: 'Contact',
    members: { BillingAddress: validAddress(), ShippingAddress: validAddress() },
    require: constraints.require,
  });
}
