/**
 * PutCustomer replace semantics (docs/INTERPRETING.md §replace): a sequence of PUTs to the
 * configured key judged by replace_semantics and replace_repeat, and concurrent PUTs of different
 * customers judged by replace_atomic. Every PUT's answer is self-contained, so other suites writing
 * the same customer meanwhile do not disturb these checks.
 */
import { readCustomerDetail } from '../checks/customer-detail.ts';
import { baselineCustomer } from '../generators/baseline.ts';
import type { HttpExchange, HttpRequest } from '../lib/http/client.ts';
import type { ValueObject } from '../lib/values.ts';
import { mapLimit } from '../lib/map-limit.ts';
import type { SuiteContext } from './context.ts';
import { defineSuite } from './define.ts';
import { ACCEPTED_CASE_CHECKS, judgeCustomerCase } from './support.ts';

/**
 * A valid PUT, its answer judged like any accepted case (so an answer that is not a readable
 * CustomerDetail fails a response clause here, not only a skipped replace check), and the
 * CustomerDetail when there is one.
 */
async function put(ctx: SuiteContext, value: ValueObject, counterexample: string): Promise<{ detail?: ValueObject; request: HttpRequest; exchange: HttpExchange }> {
  const request = ctx.customerRequest({ value });
  const exchange = await ctx.send(request);
  ctx.record(judgeCustomerCase(ctx, exchange, { clause: REPLACE_CASE_CLAUSE, description: counterexample, expect: 'accepted', value }), { request, exchange, counterexample });
  if (exchange.status < 200 || exchange.status >= 300) return { request, exchange };
  const { detail } = readCustomerDetail(exchange);
  return { request, exchange, ...(detail ? { detail } : {}) };
}

/** The clause of every PUT the replace sequence judges as a case. */
const REPLACE_CASE_CLAUSE = 'put-customer/response/status-200';

/** Different customers PUT at once to one key (replace/atomic). */
const CONCURRENT_PUTS = 10;

export const putCustomerReplace = defineSuite({
  name: 'put-customer-replace',
  api: 'syntch',
  description: 'replace semantics, timestamps, idempotence and atomicity of concurrent PUTs',
  checks: [...ACCEPTED_CASE_CHECKS, 'replace_semantics', 'replace_repeat', 'replace_atomic'],
  caseClauses: () => [REPLACE_CASE_CLAUSE],
  async run(ctx) {
    ctx.plan(4 + CONCURRENT_PUTS);
    await sequence(ctx);
    await concurrent(ctx);
  },
});

async function sequence(ctx: SuiteContext): Promise<void> {
  const full = baselineCustomer();
  const minimal: ValueObject = { CustomerName: 'Replaced', ActivationStatus: 'Inactive', DefaultContact: {}, BillingAddress: { StreetAddress1: '2 Side Street', StateOrProvinceCode: 'QC', PostalCode: 'H2X 1Y4', CountryCode: 'CAN' } };
  const a = await put(ctx, full, 'the replace sequence: a PUT of every member');
  const b = await put(ctx, minimal, 'the replace sequence: a PUT of the required members only');
  const unread = 'the gateway did not answer the replace sequence with CustomerDetails (see put-customer/response/*)';
  if (!a.detail || !b.detail) {
    ctx.notTested(['put-customer/replace/omitted-member-removed', 'put-customer/replace/creation-timestamp-stable', 'put-customer/replace/merchant-key-stable', 'put-customer/replace/last-update-timestamp-advances', 'put-customer/replace/idempotent'], unread);
    return;
  }
  ctx.check('replace_semantics', { full, minimal, a: a.detail, b: b.detail }, { request: b.request, exchange: b.exchange, counterexample: 'PUT of every member, then PUT of the required members only' });

  // More than a second later, so a gateway with second-resolution timestamps can show the move.
  await new Promise((r) => setTimeout(r, 1100));
  const updated = { ...minimal, CustomerName: 'Replaced again' };
  const c = await put(ctx, updated, 'the replace sequence: an update 1.1 s later');
  const d = await put(ctx, updated, 'the replace sequence: the same update again');
  if (!c.detail || !d.detail) {
    ctx.notTested(['put-customer/replace/last-update-timestamp-advances', 'put-customer/replace/idempotent'], 'the gateway did not answer the repeated PUT with CustomerDetails (see put-customer/response/*)');
    return;
  }
  ctx.check('replace_repeat', { a: a.detail, b: b.detail, c: c.detail, d: d.detail }, { request: d.request, exchange: d.exchange, counterexample: 'the same PUT twice, 1.1 s after the previous one' });
}

async function concurrent(ctx: SuiteContext): Promise<void> {
  const pathKey = ctx.syntch.customerKey;
  const bodies = Array.from({ length: CONCURRENT_PUTS }, (_, i): ValueObject => ({
    ...baselineCustomer(),
    CustomerName: `Concurrent customer ${i}`,
    CustomerId: `ATOMIC-${i}`,
    DefaultContact: { FirstName: `First${i}`, LastName: `Last${i}`, EmailAddress: `c${i}@example.com` },
    BillingAddress: { StreetAddress1: `${i} Atomic Way`, City: `City ${i}`, StateOrProvinceCode: 'NY', PostalCode: `1000${i}`, CountryCode: 'USA' },
  }));
  await mapLimit(bodies, bodies.length, async (sent, index) => {
    const request = ctx.customerRequest({ value: sent });
    const exchange = await ctx.send(request);
    const { detail } = exchange.status === 200 ? readCustomerDetail(exchange) : {};
    if (!detail) return;
    ctx.check('replace_atomic', { sent, detail, pathKey, index }, { request, exchange, counterexample: `PUT ${index + 1} of ${bodies.length} sent at once to one key` });
  });
}
