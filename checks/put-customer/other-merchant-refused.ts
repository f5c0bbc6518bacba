import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { excerpt, fail, pass } from '../finding.ts';

/**
 * "Replaces a customer for a merchant": a Merchant user of another merchant cannot replace the
 * customer — 404 (the customer does not exist for them, ServiceStack's HttpError.NotFound) or 403,
 * never a success (broken object-level authorization, OWASP API1:2023; docs/INTERPRETING.md §auth).
 */
export const otherMerchantRefused = defineCheck<HttpExchange>({
  name: 'other_merchant_refused',
  description: "a Merchant user of another merchant cannot replace the customer: 404 or 403, never a success",
  clauses: ['put-customer/auth/other-merchant-refused'],
  run(e) {
    const clause = 'put-customer/auth/other-merchant-refused';
    if (e.status === 404 || e.status === 403) return [pass(clause)];
    return [fail(clause, e.status >= 200 && e.status < 300 ? 'accepted-invalid' : 'wrong-behaviour', "another merchant's user: 404 Not Found or 403 Forbidden, the customer left as it was", `${e.status}: ${excerpt(e.text, 160)}`)];
  },
});
