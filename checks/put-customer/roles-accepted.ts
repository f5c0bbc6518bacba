import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { excerpt, fail, pass } from '../finding.ts';

/** "Requires any of the roles: Reseller, Merchant": a user with one of them may replace the customer. */
export const rolesAccepted = defineCheck<{ exchange: HttpExchange; user: string }>({
  name: 'roles_accepted',
  description: 'a user with the Merchant or the Reseller role may replace the customer',
  clauses: ['put-customer/auth/roles-accepted'],
  run: ({ exchange: e, user }) => [e.status >= 200 && e.status < 300 ? pass('put-customer/auth/roles-accepted') : fail('put-customer/auth/roles-accepted', 'rejected-valid', `${user}: accepted`, `${e.status}: ${excerpt(e.text, 160)}`)],
});
