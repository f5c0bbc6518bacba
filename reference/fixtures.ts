/**
 * What the embedded reference gateway knows at start: users, customers and SOAP ids. All of it is
 * configurable (`startReferenceGateway({ fixtures })`, `npm run reference -- --fixtures file.json`)
 * and printed on start, so the suite and a person can both target it.
 */
import type { ValueObject } from '../lib/values.ts';

export type Role = 'Merchant' | 'Reseller';

export interface RestUser {
  /** The full Authorization header value that identifies the user. */
  readonly authorization: string;
  readonly roles: readonly Role[];
  /** Merchant users see only their merchant's customers; resellers see all. */
  readonly merchantKey?: number;
}

export interface RestCustomerFixture {
  readonly customerKey: number;
  readonly merchantKey: number;
  /** The customer's data before any PUT (a valid PutCustomer body). */
  readonly initial: ValueObject;
}

export interface SoapCustomerFixture {
  readonly customerInternalId: string;
  readonly customerId: string;
}

export interface ReferenceFixtures {
  readonly rest: {
    readonly users: {
      readonly merchant: RestUser;
      readonly reseller: RestUser;
      /** Authenticated, but with neither documented role. */
      readonly noRole: RestUser;
    };
    readonly customers: readonly RestCustomerFixture[];
    /** A key no customer has (for 404 checks). */
    readonly missingCustomerKey: number;
  };
  readonly soap: {
    readonly securityId: string;
    readonly customers: readonly SoapCustomerFixture[];
  };
}

const initialCustomer = (n: number): ValueObject => ({
  CustomerName: `Reference customer ${n}`,
  CustomerId: `REF-${n}`,
  ActivationStatus: 'Active',
  DefaultContact: { FirstName: 'Ada', LastName: 'Lovelace' },
  BillingAddress: { StreetAddress1: '1 Main Street', StateOrProvinceCode: 'NY', PostalCode: '10001', CountryCode: 'USA' },
});

export const DEFAULT_FIXTURES: ReferenceFixtures = {
  rest: {
    users: {
      merchant: { authorization: 'Bearer reference-merchant-token', roles: ['Merchant'], merchantKey: 1001 },
      reseller: { authorization: 'Bearer reference-reseller-token', roles: ['Reseller'] },
      noRole: { authorization: 'Bearer reference-no-role-token', roles: [] },
    },
    customers: [
      { customerKey: 1, merchantKey: 1001, initial: initialCustomer(1) },
      { customerKey: 2, merchantKey: 1001, initial: initialCustomer(2) },
      { customerKey: 3, merchantKey: 1001, initial: initialCustomer(3) },
      { customerKey: 4, merchantKey: 2002, initial: initialCustomer(4) },
    ],
    missingCustomerKey: 999999,
  },
  soap: {
    securityId: '6a1f5c2e-55ee-434c-b126-0f9a3c7d2e11',
    customers: [
      { customerInternalId: '9b2d7e41-61b1-4457-a4d1-5c3e8f0a1b2c', customerId: 'CUST-001' },
      { customerInternalId: '0c4e6a8b-2d1f-4aad-ae21-7b9c1d3e5f70', customerId: 'CUST-002' },
    ],
  },
};

/** Fixtures as lines for the terminal. */
export function describeFixtures(f: ReferenceFixtures): string[] {
  const u = f.rest.users;
  return [
    `  merchant user   Authorization: ${u.merchant.authorization}  (merchant ${u.merchant.merchantKey ?? '-'})`,
    `  reseller user   Authorization: ${u.reseller.authorization}`,
    `  no-role user    Authorization: ${u.noRole.authorization}`,
    `  customers       ${f.rest.customers.map((c) => `${c.customerKey} (merchant ${c.merchantKey})`).join(', ')}; missing key ${f.rest.missingCustomerKey}`,
    `  SOAP SecurityId ${f.soap.securityId}`,
    `  SOAP customers  ${f.soap.customers.map((c) => `${c.customerInternalId} (${c.customerId})`).join(', ')}`,
  ];
}
