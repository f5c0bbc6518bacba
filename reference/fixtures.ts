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
      /**
       * A Merchant user of another merchant than the first customer's: that customer is not
       * theirs (404). Optional in a fixtures file; without it the other-merchant check is not run.
       */
      readonly otherMerchant?: RestUser;
    };
    readonly customers: readonly RestCustomerFixture[];
    /** A key no customer has (for 404 checks). */
    readonly missingCustomerKey: number;
  };
  readonly soap: {
    readonly securityId: string;
    readonly customers: readonly SoapCustomerFixture[];
    /**
     * A SecurityId of another merchant, which has none of these customers (their ids are unknown
     * to it: InvalidCustomerInternalId). Optional; without it the SOAP other-merchant check is not run.
     */
    readonly otherMerchantSecurityId?: string;
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
      otherMerchant: { authorization: 'Bearer reference-other-merchant-token', roles: ['Merchant'], merchantKey: 2002 },
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
    otherMerchantSecurityId: 'd3c8b1a0-7e4f-4c2b-9a6d-1f0e2b3c4d5e',
    customers: [
      { customerInternalId: '9b2d7e41-61b1-4457-a4d1-5c3e8f0a1b2c', customerId: 'CUST-001' },
      { customerInternalId: '0c4e6a8b-2d1f-4aad-ae21-7b9c1d3e5f70', customerId: 'CUST-002' },
    ],
  },
};

/** Fixtures as lines for the terminal. */
/**
 * The settings a user writes to test the reference as a configured gateway at `urls` (its own, or
 * a proxy's in front of it): every API, every optional credential the fixtures have.
 */
export function configuredSettings(urls: { readonly restBaseUrl: string; readonly soapUrl: string }, f: ReferenceFixtures): Record<string, string> {
  const u = f.rest.users;
  return {
    SYNTCH_BASE_URL: urls.restBaseUrl,
    SYNTCH_AUTHORIZATION: u.merchant.authorization,
    SYNTCH_AUTHORIZATION_NO_ROLE: u.noRole.authorization,
    SYNTCH_AUTHORIZATION_RESELLER: u.reseller.authorization,
    ...(u.otherMerchant ? { SYNTCH_AUTHORIZATION_OTHER_MERCHANT: u.otherMerchant.authorization } : {}),
    SYNTCH_CUSTOMER_KEY: String(f.rest.customers[0]!.customerKey),
    SYNTCH_MISSING_CUSTOMER_KEY: String(f.rest.missingCustomerKey),
    EBIZ_SOAP_URL: urls.soapUrl,
    EBIZ_SECURITY_ID: f.soap.securityId,
    ...(f.soap.otherMerchantSecurityId ? { EBIZ_SECURITY_ID_OTHER_MERCHANT: f.soap.otherMerchantSecurityId } : {}),
    EBIZ_CUSTOMER_INTERNAL_ID: f.soap.customers[0]!.customerInternalId,
  };
}

export function describeFixtures(f: ReferenceFixtures): string[] {
  const u = f.rest.users;
  return [
    `  merchant user   Authorization: ${u.merchant.authorization}  (merchant ${u.merchant.merchantKey ?? '-'})`,
    `  reseller user   Authorization: ${u.reseller.authorization}`,
    `  no-role user    Authorization: ${u.noRole.authorization}`,
    ...(u.otherMerchant ? [`  other merchant  Authorization: ${u.otherMerchant.authorization}  (merchant ${u.otherMerchant.merchantKey ?? '-'})`] : []),
    `  customers       ${f.rest.customers.map((c) => `${c.customerKey} (merchant ${c.merchantKey})`).join(', ')}; missing key ${f.rest.missingCustomerKey}`,
    `  SOAP SecurityId ${f.soap.securityId}`,
    `  SOAP customers  ${f.soap.customers.map((c) => `${c.customerInternalId} (${c.customerId})`).join(', ')}`,
  ];
}

/**
 * Checks fixtures read from a file and says everything that is wrong at once, so a bad file is
 * a clear message, never a crash halfway through a request.
 */
export function parseFixtures(json: unknown): ReferenceFixtures {
  const problems: string[] = [];
  const obj = (v: unknown, path: string): Record<string, unknown> => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
    problems.push(`${path} must be an object`);
    return {};
  };
  const nonEmpty = (v: unknown, path: string): void => {
    if (typeof v !== 'string' || v.trim() === '') problems.push(`${path} must be a non-empty string`);
  };
  const int32 = (v: unknown, path: string): void => {
    if (!Number.isInteger(v) || (v as number) < -2147483648 || (v as number) > 2147483647) problems.push(`${path} must be a 32-bit integer`);
  };
  const root = obj(json, 'fixtures');
  const rest = obj(root.rest, 'rest');
  const users = obj(rest.users, 'rest.users');
  for (const name of ['merchant', 'reseller', 'noRole', ...(users.otherMerchant !== undefined ? ['otherMerchant'] : [])]) {
    const u = obj(users[name], `rest.users.${name}`);
    nonEmpty(u.authorization, `rest.users.${name}.authorization`);
    if (!Array.isArray(u.roles) || u.roles.some((r) => r !== 'Merchant' && r !== 'Reseller')) {
      problems.push(`rest.users.${name}.roles must be a list of "Merchant" / "Reseller"`);
    }
  }
  if (users.otherMerchant !== undefined) {
    const other = obj(users.otherMerchant, 'rest.users.otherMerchant');
    const merchant = obj(users.merchant, 'rest.users.merchant');
    int32(other.merchantKey, 'rest.users.otherMerchant.merchantKey');
    if (other.merchantKey === merchant.merchantKey) problems.push('rest.users.otherMerchant.merchantKey must differ from rest.users.merchant.merchantKey');
  }
  if (!Array.isArray(rest.customers)) problems.push('rest.customers must be a list');
  else {
    rest.customers.forEach((c, i) => {
      const o = obj(c, `rest.customers[${i}]`);
      int32(o.customerKey, `rest.customers[${i}].customerKey`);
      int32(o.merchantKey, `rest.customers[${i}].merchantKey`);
      obj(o.initial, `rest.customers[${i}].initial`);
    });
  }
  int32(rest.missingCustomerKey, 'rest.missingCustomerKey');
  const soap = obj(root.soap, 'soap');
  nonEmpty(soap.securityId, 'soap.securityId');
  if (soap.otherMerchantSecurityId !== undefined) {
    nonEmpty(soap.otherMerchantSecurityId, 'soap.otherMerchantSecurityId');
    if (soap.otherMerchantSecurityId === soap.securityId) problems.push('soap.otherMerchantSecurityId must differ from soap.securityId');
  }
  if (!Array.isArray(soap.customers)) problems.push('soap.customers must be a list');
  else {
    soap.customers.forEach((c, i) => {
      const o = obj(c, `soap.customers[${i}]`);
      nonEmpty(o.customerInternalId, `soap.customers[${i}].customerInternalId`);
      nonEmpty(o.customerId, `soap.customers[${i}].customerId`);
    });
  }
  if (problems.length > 0) throw new Error(`invalid fixtures:\n  - ${problems.join('\n  - ')}`);
  return json as ReferenceFixtures;
}
