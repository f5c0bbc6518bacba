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

/** Every replace is one synchronous step (unless a fault says otherwise), so concurrent PUTs never mix. */

/** In-memory customers. */
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

  /** A new, empty customer (only the `upsert-unknown-keys` fault creates customers through PUT). */
  create(customerKey: number, merchantKey: number, now: Date): StoredCustomer {
    const c: StoredCustomer = { customerKey, merchantKey, creationTimestamp: now, lastUpdateTimestamp: now, body: {} };
    this.customers.set(customerKey, c);
    return c;
  }

  /**
   * Replaces the customer's data in one synchronous step: LastUpdateTimestamp strictly increases,
   * CreationTimestamp and MerchantKey stay. The store hooks of a fault change exactly that.
   */
  async replace(customerKey: number, body: ValueObject, now: Date, hooks: StoreHooks = {}): Promise<StoredCustomer> {
    const current = this.customers.get(customerKey);
    if (!current) throw new Error(`no customer ${customerKey}`);
    const { CustomerKey: _ignored, ...rest } = body;
    const last = hooks.freezeLastUpdate ? current.lastUpdateTimestamp.getTime() : Math.max(now.getTime(), current.lastUpdateTimestamp.getTime() + 1);
    const next: StoredCustomer = {
      ...current,
      body: hooks.mergeInsteadOfReplace ? merge(current.body, rest) : rest,
      lastUpdateTimestamp: new Date(last),
      ...(hooks.resetCreationTimestamp ? { creationTimestamp: now } : {}),
    };
    if (!hooks.nonAtomicWrites) {
      this.customers.set(customerKey, next);
      return next;
    }
    // Member by member, yielding between writes: concurrent replaces interleave.
    const live = { ...current, body: { ...current.body } };
    this.customers.set(customerKey, live);
    for (const [member, value] of Object.entries(next.body)) {
      live.body[member] = value;
      await new Promise((r) => setImmediate(r));
    }
    return this.customers.get(customerKey)!;
  }
}

export interface StoreHooks {
  readonly mergeInsteadOfReplace?: boolean;
  readonly resetCreationTimestamp?: boolean;
  readonly freezeLastUpdate?: boolean;
  readonly nonAtomicWrites?: boolean;
}

function merge(old: ValueObject, update: ValueObject): ValueObject {
  const out: ValueObject = { ...old };
  for (const [k, v] of Object.entries(update)) {
    if (v === undefined || v === null) continue;
    const prev = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && prev && typeof prev === 'object' ? merge(prev as ValueObject, v as ValueObject) : v;
  }
  return out;
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
