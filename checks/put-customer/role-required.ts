import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { excerpt, fail, pass } from '../finding.ts';

/** "Requires any of the roles: Reseller, Merchant": a user with neither gets 403. */
export const roleRequired = defineCheck<HttpExchange>({
  name: 'role_required',
  description: 'a user with neither the Reseller nor the Merchant role gets 403',
  clauses: ['put-customer/auth/role-required-403'],
  run: (e) => [e.status === 403 ? pass('put-customer/auth/role-required-403') : fail('put-customer/auth/role-required-403', e.status < 300 ? 'accepted-invalid' : 'wrong-behaviour', '403 Forbidden', `${e.status}: ${excerpt(e.text, 160)}`)],
});
