import { withAllMembers } from '../../lib/xml/datacontract.ts';
import { CUSTOMER_DETAIL_SOURCES, TYPES } from '../../contract/put-customer.ts';
import type { ValueObject } from '../../lib/values.ts';
import type { RestCustomerFixture } from '../fixtures.ts';

export interface StoredCustomer {
  readonly customerKey: number;
  readonly merchantKey: number;
  readonly creationTimestamp: Date;
  readonly lastUpdateTimestamp: Date;
  /** The PutCustomer body that last replaced the customer (CustomerKey excluded). */
  readonly body: ValueObject;
}

/** In-memory customers. Every replace is one synchronous step, so concurrent PUTs never mix. */
export class CustomerStore {
  private readonly customers = new Map<number, StoredCustomer>();

  constructor(fixtures: readonly RestCustomerFixture[], createdAt: Date) {
    for (const f of fixtures) {
      this.customers.set(f.customerKey, {
        customerKey: f.customerKey,
        merchantKey: f.merchantKey,
        creationTimestamp: createdAt,
        lastUpdateTimestamp: createdAt,
        body: f.initial,
      });
    }
  }

  get(customerKey: number): StoredCustomer | undefined {
    return this.customers.get(customerKey);
  }

  /** Replaces the customer's data; LastUpdateTimestamp strictly increases, CreationTimestamp stays. */
  replace(customerKey: number, body: ValueObject, now: Date): StoredCustomer {
    const current = this.customers.get(customerKey);
    if (!current) throw new Error(`no customer ${customerKey}`);
    const { CustomerKey: _ignored, ...rest } = body;
    const last = Math.max(now.getTime(), current.lastUpdateTimestamp.getTime() + 1);
    const next: StoredCustomer = { ...current, body: rest, lastUpdateTimestamp: new Date(last) };
    this.customers.set(customerKey, next);
    return next;
  }
}

/** The CustomerDetail of a stored customer, derived member by member from the contract's sources. */
export function customerDetail(c: StoredCustomer): ValueObject {
  const detail: ValueObject = {};
  for (const [member, source] of Object.entries(CUSTOMER_DETAIL_SOURCES)) {
    switch (source.kind) {
      case 'echo':
        detail[member] = c.body[source.requestMember];
        break;
      case 'path-key':
        detail[member] = c.customerKey;
        break;
      case 'merchant-key':
        detail[member] = c.merchantKey;
        break;
      case 'creation-timestamp':
        detail[member] = c.creationTimestamp;
        break;
      case 'update-timestamp':
        detail[member] = c.lastUpdateTimestamp;
        break;
    }
  }
  return withAllMembers(TYPES, 'CustomerDetail', detail);
}
