import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import type { Finding } from '../finding.ts';
import { unknownKeyRejection } from './unknown-key-rejection.ts';

/**
 * A path key at the limits of Int32 (0, -1, Int32.MinValue, Int32.MaxValue) is a key no customer
 * has, so it is judged as `unknown_key_rejection` judges a missing key: refused with a 4xx, never a
 * 5xx (the gateway threw on a valid Int32), never a success (docs/INTERPRETING.md §path-key).
 * Which 4xx is not judged here: a gateway may check the key's range first (400), and 404 is
 * judged on SYNTCH_MISSING_CUSTOMER_KEY (`errors/not-found-404`).
 */
export const keyLimitsRefused = defineCheck<{ exchange: HttpExchange; key: number }>({
  name: 'key_limits_refused',
  description: 'a PUT to the path key 0, -1, Int32.MinValue or Int32.MaxValue is refused with a 4xx, never a 5xx or a success',
  clauses: ['put-customer/customer-key/int32-limits'],
  run({ exchange, key }): Finding[] {
    return unknownKeyRejection
      .run(exchange)
      .filter((f) => f.clause === 'put-customer/errors/unknown-key-not-created')
      .map((f) => (f.ok ? { ...f, clause: 'put-customer/customer-key/int32-limits' } : { ...f, clause: 'put-customer/customer-key/int32-limits', documented: `the key ${key}: ${f.documented ?? ''}` }));
  },
});
