/**
 * A PutCustomer that satisfies every clause: CustomerName, ActivationStatus (each of the four)
 * and DefaultContact present; CustomerId present or absent; and an address layout the
 * either-address rule allows — shipping only, billing only, or both
 * (`put-customer/either-address`: "Either a shipping address, a billing address, or both are
 * required."). CustomerKey is not in the body: the path carries it.
 */
import type { ClauseId } from '../contract/index.ts';
import fc from 'fast-check';
import type { ValueObject } from '../lib/values.ts';
import { objectOf } from './object-of.ts';
import { validAddress } from './valid-address.ts';
import { validContact } from './valid-contact.ts';

export type AddressLayout = 'shipping' | 'billing' | 'both';
/** The clause a generated valid customer exercises: accepted, 200 with the CustomerDetail (the suites judge it so). */
export const VALID_CUSTOMER_CLAUSE: ClauseId = 'put-customer/response/status-200';

export const ADDRESS_LAYOUTS: readonly AddressLayout[] = ['shipping', 'billing', 'both'];

export interface ValidCustomerConstraints {
  /** Only this layout. Default: any of the three. */
  readonly layout?: AddressLayout;
}

export function validCustomer(constraints: ValidCustomerConstraints = {}): fc.Arbitrary<ValueObject> {
  const layout = constraints.layout ? fc.constant(constraints.layout) : fc.constantFrom(...ADDRESS_LAYOUTS);
  return fc
    .tuple(objectOf({ typeName: 'PutCustomer', members: { DefaultContact: validContact() }, omit: ['ShippingAddress', 'BillingAddress'] }), layout, validAddress(), validAddress())
    .map(([customer, l, shipping, billing]) => ({
      ...customer,
      ...(l !== 'billing' ? { ShippingAddress: shipping } : {}),
      ...(l !== 'shipping' ? { BillingAddress: billing } : {}),
    }));
}
