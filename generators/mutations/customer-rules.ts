/**
 * The mutations of the customer-wide rules: neither address (rejected) and each address layout
 * (accepted), a path key that is not a 32-bit integer, a body CustomerKey that differs from the
 * path key.
 */
import fc from 'fast-check';
import { INT32_MAX, INT32_MIN, type ValueObject } from '../../lib/values.ts';
import { LOWER_LATIN } from '../alphabets.ts';
import { MISSING, type Missing, type Mutation, mutation } from '../customer-case.ts';
import { fill } from './repair.ts';

/** The mutations of the rules that concern the whole request rather than one member. */
export function customerMutations(): Mutation[] {
  const either = 'put-customer/either-address';
  const int32 = 'put-customer/customer-key/int32';
  const pathWins = 'put-customer/customer-key/path-wins';
  const layouts: readonly ['shipping' | 'billing' | 'both', string][] = [['shipping', 'a shipping address only'], ['billing', 'a billing address only'], ['both', 'both addresses']];
  const badKeys = ['abc', '1.5', '1e3', String(INT32_MAX + 1), String(INT32_MIN - 1)];
  return [
    mutation<Missing>({
      clause: either, expect: 'rejected', boundary: MISSING, param: fc.constantFrom(...MISSING),
      apply: (b, p) => {
        const v = structuredClone(b);
        delete v.ShippingAddress;
        delete v.BillingAddress;
        if (p === 'nil') Object.assign(v, { ShippingAddress: null, BillingAddress: null });
        return { clause: either, expect: 'rejected', description: `neither a shipping nor a billing address (${p})`, value: v, fieldPath: 'ShippingAddress', alsoAcceptedFieldNames: ['BillingAddress'], mayLackFieldName: true };
      },
    }),
    mutation<(typeof layouts)[number]>({
      clause: either, expect: 'accepted', boundary: layouts,
      apply: (b, [layout, words]) => {
        const v = structuredClone(b);
        v.ShippingAddress = layout === 'billing' ? undefined : ((v.ShippingAddress as ValueObject | undefined) ?? fill('Address'));
        v.BillingAddress = layout === 'shipping' ? undefined : ((v.BillingAddress as ValueObject | undefined) ?? fill('Address'));
        if (v.ShippingAddress === undefined) delete v.ShippingAddress;
        if (v.BillingAddress === undefined) delete v.BillingAddress;
        return { clause: either, expect: 'accepted', description: `a customer with ${words}`, value: v };
      },
    }),
    mutation<string>({
      clause: int32, expect: 'rejected', boundary: badKeys.slice(0, 4),
      param: fc.oneof(
        fc.constantFrom(...badKeys),
        fc.string({ unit: fc.constantFrom(...LOWER_LATIN), minLength: 1, maxLength: 8 }),
        fc.bigInt({ min: BigInt(INT32_MAX) + 1n, max: 10n ** 15n }).map(String),
        fc.bigInt({ min: -(10n ** 15n), max: BigInt(INT32_MIN) - 1n }).map(String),
        fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 1, max: 99 })).map(([a, b]) => `${a}.${b}`),
      ),
      apply: (b, key) => ({ clause: int32, expect: 'rejected', description: `the path key ${JSON.stringify(key)}`, value: b, pathKey: key, mayLackFieldName: true, fieldPath: 'CustomerKey' }),
    }),
    mutation<null>({
      clause: pathWins, expect: 'accepted', boundary: [null],
      apply: (b) => ({ clause: pathWins, expect: 'accepted', description: 'a body CustomerKey that differs from the path key', value: b, bodyKeyDiffers: true }),
    }),
  ];
}
