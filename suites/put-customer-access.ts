/**
 * PutCustomer access and negotiation: authentication (401, WWW-Authenticate), roles (403 for a
 * user with neither role, when one is configured; both documented roles served, the Reseller as
 * the Merchant when one is configured), unknown keys (refused, nothing created, 404 — when a
 * missing key is configured), keys at the limits of Int32, the three documented ways to choose the
 * response format, and last, one merchant's user refused the customer of another (when configured).
 */
import { baselineCustomer } from '../generators/baseline.ts';
import { boundaryCases } from '../generators/boundary-cases.ts';
import { hostileKeys } from '../generators/hostile-keys.ts';
import { keyLimitCases } from '../generators/key-limits.ts';
import type { HttpExchange, HttpRequest } from '../lib/http/client.ts';
import type { CheckedFinding, SuiteContext } from './context.ts';
import type { NegotiationClause } from '../checks/put-customer/format-negotiation.ts';
import type { SpellingClause } from '../checks/put-customer/content-type-spellings.ts';
import { mediaTypeSpellings } from '../contract/put-customer.ts';
import { defineSuite } from './define.ts';
import { inBatchLane } from '../lib/http/lane.ts';

const INVALID_CREDENTIAL = 'Bearer gateway-conformance-invalid-credential';
const XML = 'application/xml';
const JSON_TYPE = 'application/json';

/** A request, what it is as a counterexample, and how its answer is judged (with the Content-Type check added). */
interface Planned {
  readonly request: HttpRequest;
  readonly counterexample: string;
  readonly judge: (e: HttpExchange) => CheckedFinding[];
}

/** Sends, then records the given checks' findings and the Content-Type check on the answer. */
async function sendAndCheck(ctx: SuiteContext, request: HttpRequest, counterexample: string, judge: (e: HttpExchange) => CheckedFinding[]): Promise<void> {
  const exchange = await ctx.send(request);
  ctx.record([...judge(exchange), ...ctx.judge('content_type_conformance', exchange)], { request, exchange, counterexample });
}

/** The clause of the invalid case whose error must follow content negotiation. */
const NEGOTIATED_ERROR_CLAUSE = 'put-customer/customer-name/max-length';

export const putCustomerAccess = defineSuite({
  name: 'put-customer-access',
  api: 'syntch',
  description: 'authentication, roles, unknown keys and content negotiation',
  checks: [
    'unauthenticated_rejection',
    'role_required',
    'roles_accepted',
    'other_merchant_refused',
    'unknown_key_rejection',
    'malformed_key_refused',
    'key_limits_refused',
    'format_negotiation',
    'customer_detail_conformance',
    'content_type_conformance',
    'content_type_spellings',
    'negative_data_rejection',
  ],
  caseClauses: () => [NEGOTIATED_ERROR_CLAUSE],
  async run(ctx) {
    const value = baselineCustomer();
    const s = ctx.syntch;
    const optional = [s.authorizationNoRole, s.authorizationReseller, s.authorizationOtherMerchant].filter(Boolean).length;
    // Credentials, the configured user, the missing key twice, the limit and malformed keys, six negotiations, no Accept, the Content-Type spellings.
    const spellings = mediaTypeSpellings(XML);
    const spelled: [SpellingClause, string][] = [
      ...spellings.withCharset.map((t): [SpellingClause, string] => ['put-customer/negotiation/content-type-parameters', t]),
      ['put-customer/negotiation/content-type-case', spellings.otherCase],
    ];
    ctx.plan(2 + 1 + optional + (s.missingCustomerKey !== undefined ? 2 : 0) + keyLimitCases(s.customerKey).length + hostileKeys().length + 6 + 1 + spelled.length + 1);

    // Every request below but the last is independent of the others, except two pairs (the Reseller's
    // answer is judged against the configured user's; the missing key's second PUT follows its first):
    // all are sent at once, the client's window pacing them, so a gateway far away costs a few round
    // trips, not one per request. Each answer is judged and recorded in the order written here, so
    // neither the report nor a verdict depends on which answer came first.
    const planned: Planned[] = [];
    const plan = (request: HttpRequest, counterexample: string, judge: Planned['judge']) => planned.push({ request, counterexample, judge });

    for (const [credential, authorization] of [['no Authorization header', null], ['an unknown credential', INVALID_CREDENTIAL]] as const) {
      plan(ctx.customerRequest({ value }, { authorization }), `a valid PutCustomer with ${credential}`, (exchange) => ctx.judge('unauthenticated_rejection', { exchange, credential }));
    }

    if (s.authorizationNoRole) {
      plan(ctx.customerRequest({ value }, { authorization: s.authorizationNoRole }), 'a valid PutCustomer by a user with neither role', (e) => ctx.judge('role_required', e));
    } else {
      ctx.notTested(['put-customer/auth/role-required-403'], 'SYNTCH_AUTHORIZATION_NO_ROLE not set');
    }
    /** The credentials' requests, recorded before the roles'. */
    const beforeRoles = planned.length;

    // Both documented roles: the configured user's answer, then the Reseller user's, judged against it.
    const asMerchant = ctx.customerRequest({ value });
    const asReseller = s.authorizationReseller ? ctx.customerRequest({ value }, { authorization: s.authorizationReseller }) : undefined;
    const roles = (async () => {
      const merchant = await ctx.send(asMerchant);
      return { merchant, reseller: asReseller ? await ctx.send(asReseller) : undefined };
    })();
    if (!asReseller) ctx.notTested(['put-customer/auth/reseller-accepted'], 'SYNTCH_AUTHORIZATION_RESELLER not set');

    // Twice, one after the other: a gateway that created the customer on the first PUT answers the second with success.
    const missing: Planned[] = [];
    if (s.missingCustomerKey !== undefined) {
      for (const attempt of ['first', 'second']) {
        missing.push({ request: ctx.customerRequest({ value, pathKey: String(s.missingCustomerKey) }), counterexample: `a valid PutCustomer to the missing key ${s.missingCustomerKey} (${attempt} time)`, judge: (e) => ctx.judge('unknown_key_rejection', e) });
      }
    } else {
      ctx.notTested(['put-customer/errors/unknown-key-not-created', 'put-customer/errors/not-found-404'], 'SYNTCH_MISSING_CUSTOMER_KEY not set');
    }
    const missingAnswers = (async () => {
      const answers: HttpExchange[] = [];
      for (const m of missing) answers.push(await ctx.send(m.request));
      return answers;
    })();

    // Keys at the limits of Int32: valid keys no customer has (INTERPRETING §path-key), so refused
    // like an unknown key, never a 5xx. One that is the test customer's key is left out.
    for (const { key, name } of keyLimitCases(s.customerKey)) {
      plan(ctx.customerRequest({ value, pathKey: String(key) }), name, (exchange) => ctx.judge('key_limits_refused', { exchange, key }));
    }

    // Raw path segments (a malformed percent-escape), sent as they are: never re-encoded.
    for (const c of hostileKeys()) {
      plan(ctx.customerRequest({ value }, { path: `/customers/${c.rawSegment}` }), c.name, (exchange) => ctx.judge('malformed_key_refused', { exchange, case: c }));
    }

    const cases: [clause: NegotiationClause, how: string, format: 'xml' | 'json', options: { path?: string; headers: Record<string, string> }][] = [
      ['put-customer/negotiation/accept-header', 'Accept: application/json', 'json', { headers: { Accept: JSON_TYPE } }],
      ['put-customer/negotiation/accept-header', 'Accept: application/xml', 'xml', { headers: { Accept: XML } }],
      ['put-customer/negotiation/format-suffix', 'the .json suffix', 'json', { path: '.json', headers: { Accept: '*/*' } }],
      ['put-customer/negotiation/format-suffix', 'the .xml suffix', 'xml', { path: '.xml', headers: { Accept: '*/*' } }],
      ['put-customer/negotiation/format-query', '?format=json', 'json', { path: '?format=json', headers: { Accept: '*/*' } }],
      ['put-customer/negotiation/format-query', '?format=xml', 'xml', { path: '?format=xml', headers: { Accept: '*/*' } }],
    ];
    for (const [clause, how, format, options] of cases) {
      const request = ctx.customerRequest({ value }, { path: `/customers/${s.customerKey}${options.path ?? ''}`, headers: { 'Content-Type': XML, ...options.headers } });
      plan(request, `an XML PutCustomer with ${how}`, (exchange) => {
        const findings = ctx.judge('format_negotiation', { exchange, clause, how, format });
        return findings.every((f) => f.ok) ? [...findings, ...ctx.judge('customer_detail_conformance', exchange)] : findings;
      });
    }

    // The same media type spelt otherwise (RFC 9110 §8.3.1): with a charset parameter, in another case.
    for (const [clause, contentType] of spelled) {
      const request = ctx.customerRequest({ value }, { headers: { 'Content-Type': contentType, Accept: XML } });
      plan(request, `an XML PutCustomer with Content-Type: ${contentType}`, (exchange) => {
        const findings = ctx.judge('content_type_spellings', { exchange, clause, contentType });
        return findings.every((f) => f.ok) ? [...findings, ...ctx.judge('customer_detail_conformance', exchange)] : findings;
      });
    }

    // Errors follow negotiation too: an invalid XML PutCustomer asking for JSON gets a JSON ErrorResponse.
    const invalid = boundaryCases().find((c) => c.expect === 'rejected' && c.clause === NEGOTIATED_ERROR_CLAUSE)!;
    plan(ctx.customerRequest(invalid, { headers: { 'Content-Type': XML, Accept: JSON_TYPE } }), `${invalid.name}, sent as XML with Accept: ${JSON_TYPE}`, (exchange) => ctx.judge('negative_data_rejection', { exchange, case: invalid }));

    // No Accept header: XML or JSON, as long as the Content-Type says which.
    const request = ctx.customerRequest({ value });
    const { Accept: _accept, ...headers } = request.headers;
    plan({ ...request, headers }, 'an XML PutCustomer with no Accept header', () => []);

    // The planned requests are independent of each other: the batch lane, behind any suite's sequence (lib/http/lane.ts).
    const [answers, { merchant, reseller }, missed] = await Promise.all([inBatchLane(() => Promise.all(planned.map((p) => ctx.send(p.request)))), roles, missingAnswers]);
    const check = (p: Planned, exchange: HttpExchange) => ctx.record([...p.judge(exchange), ...ctx.judge('content_type_conformance', exchange)], { request: p.request, exchange, counterexample: p.counterexample });
    planned.slice(0, beforeRoles).forEach((p, i) => check(p, answers[i]!));
    ctx.record([...ctx.judge('roles_accepted', { exchange: merchant, user: 'the configured user (SYNTCH_AUTHORIZATION)', role: 'configured' }), ...ctx.judge('content_type_conformance', merchant)], { request: asMerchant, exchange: merchant, counterexample: 'a valid PutCustomer by the configured user' });
    if (asReseller && reseller) {
      check({ request: asReseller, counterexample: 'a valid PutCustomer by the Reseller user', judge: (exchange) => [
        ...ctx.judge('roles_accepted', { exchange, user: 'the Reseller user (SYNTCH_AUTHORIZATION_RESELLER)', role: 'reseller', merchant }),
        ...(exchange.status >= 200 && exchange.status < 300 ? ctx.judge('customer_detail_conformance', exchange) : []),
      ] }, reseller);
    }
    missing.forEach((m, i) => check(m, missed[i]!));
    planned.slice(beforeRoles).forEach((p, i) => check(p, answers[beforeRoles + i]!));

    // Last: another merchant's user sends the same valid PUT. A gateway that wrongly accepts it
    // replaces the test customer, so it is sent after every other request of this suite, and with
    // the baseline customer this suite sends as the configured user throughout: the customer ends up
    // as this suite would have left it anyway. The other suites, running at the same time, judge
    // every PUT answer on its own (INTERPRETING §running), so a write from here changes none of
    // their verdicts (a gateway that also hands the customer over to that merchant fails this
    // clause, and the replace clauses it breaks fail with it, as they should).
    if (s.authorizationOtherMerchant) {
      await sendAndCheck(ctx, ctx.customerRequest({ value }, { authorization: s.authorizationOtherMerchant }), "a valid PutCustomer by a Merchant user of another merchant", (e) => ctx.judge('other_merchant_refused', e));
    } else {
      ctx.notTested(['put-customer/auth/other-merchant-refused'], 'SYNTCH_AUTHORIZATION_OTHER_MERCHANT not set');
    }
  },
});
