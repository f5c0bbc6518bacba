import type { ValueObject } from '../../lib/values.ts';
import { checkEcho } from '../customer-detail.ts';
import { defineCheck } from '../define.ts';
import { judge } from '../finding.ts';

/** Concurrent PUTs of different customers to one key: each answer is exactly its own customer. */
export const replaceAtomic = defineCheck<{ sent: ValueObject; detail: ValueObject; pathKey: number; index: number }>({
  name: 'replace_atomic',
  description: 'each of several concurrent PUTs to one key is answered with exactly its own customer',
  clauses: ['put-customer/replace/atomic'],
  run({ sent, detail, pathKey, index }) {
    const echo = checkEcho(sent, detail, pathKey).filter((f) => f.clause === 'put-customer/response/echo' || f.clause === 'put-customer/response/customer-id-echo');
    const mixed = echo.filter((f) => !f.ok).map((f) => f.received ?? '');
    return [judge('put-customer/replace/atomic', 'wrong-behaviour', `the answer to concurrent PUT ${index} is exactly customer ${index}`, mixed)];
  },
});
