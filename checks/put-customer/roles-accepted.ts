import type { HttpExchange } from '../../lib/http/client.ts';
import { readCustomerDetail } from '../customer-detail.ts';
import { defineCheck } from '../define.ts';
import { excerpt, fail, type Finding, pass } from '../finding.ts';

export interface RolesAcceptedInput {
  readonly exchange: HttpExchange;
  /** Who sent it, as a report should name them ("the configured user", "the Reseller user"). */
  readonly user: string;
  /**
   * `configured`: SYNTCH_AUTHORIZATION (a Merchant user, or a Reseller one); `reseller`:
   * SYNTCH_AUTHORIZATION_RESELLER, judged against the configured user's answer to the same PUT.
   */
  readonly role: 'configured' | 'reseller';
  /** The configured user's answer to the same PUT (for `reseller`). */
  readonly merchant?: HttpExchange;
}

const ok = (e: HttpExchange) => e.status >= 200 && e.status < 300;

/**
 * "Requires any of the roles: Reseller, Merchant": a user with one of them may replace the
 * customer. `roles-accepted` is judged with every configured user that has a role; the Reseller
 * user's answer must also be the Merchant user's answer (`reseller-accepted`, docs/INTERPRETING.md
 * §auth): the same success status, and the same customer (CustomerKey, MerchantKey).
 */
export const rolesAccepted = defineCheck<RolesAcceptedInput>({
  name: 'roles_accepted',
  description: 'a user with the Merchant or the Reseller role may replace the customer, the Reseller exactly as the Merchant',
  clauses: ['put-customer/auth/roles-accepted', 'put-customer/auth/reseller-accepted'],
  run({ exchange: e, user, role, merchant }) {
    const received = `${e.status}: ${excerpt(e.text, 160)}`;
    if (!ok(e)) {
      const findings = [fail('put-customer/auth/roles-accepted', 'rejected-valid', `${user}: accepted`, received)];
      if (role === 'reseller') findings.push(fail('put-customer/auth/reseller-accepted', 'rejected-valid', `${user}: accepted as the Merchant user is`, received));
      return findings;
    }
    const findings: Finding[] = [pass('put-customer/auth/roles-accepted')];
    if (role === 'reseller') findings.push(sameAsMerchant(e, user, merchant));
    return findings;
  },
});

/** The Reseller user's success against the Merchant user's, when that one succeeded too. */
function sameAsMerchant(e: HttpExchange, user: string, merchant: HttpExchange | undefined): Finding {
  const clause = 'put-customer/auth/reseller-accepted';
  if (!merchant || !ok(merchant)) return pass(clause);
  if (e.status !== merchant.status) return fail(clause, 'wrong-behaviour', `${user}: ${merchant.status}, as the Merchant user's same PUT`, `${e.status}: ${excerpt(e.text, 160)}`);
  const mine = readCustomerDetail(e).detail;
  const theirs = readCustomerDetail(merchant).detail;
  // An answer that is not a readable CustomerDetail fails the response clauses (customer_detail_conformance).
  if (!mine || !theirs) return pass(clause);
  const differs = (['CustomerKey', 'MerchantKey'] as const).filter((m) => String(mine[m]) !== String(theirs[m])).map((m) => `${m} ${String(mine[m])} (Merchant user: ${String(theirs[m])})`);
  return differs.length === 0 ? pass(clause) : fail(clause, 'wrong-behaviour', `${user}: the same customer as the Merchant user's same PUT`, differs.join('; '));
}
