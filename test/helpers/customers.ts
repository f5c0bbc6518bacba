/** Hand-made PutCustomer values for the reference gateway's tests. */
import type { ValueObject } from '../../lib/values.ts';

export const ADDRESS: ValueObject = { StreetAddress1: '1 Main Street', City: 'Albany', StateOrProvinceCode: 'NY', PostalCode: '12207', CountryCode: 'USA' };

export function customer(overrides: ValueObject = {}): ValueObject {
  return {
    ActivationStatus: 'Active',
    CustomerId: 'C-1',
    CustomerName: 'Acme Ltd',
    DefaultContact: { FirstName: 'Grace', LastName: 'Hopper', EmailAddress: 'grace@example.com' },
    BillingAddress: { ...ADDRESS },
    ...overrides,
  };
}
