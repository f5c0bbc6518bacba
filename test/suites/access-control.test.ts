/**
 * Access control by role and by merchant, and the path key at the limits of Int32 (issue 10 §1,
 * §2, §3 "the path key at its limits"): the reference models merchants and roles, each new check
 * fails against the fault that breaks its clause and passes on the plain reference, and a run
 * without the optional credentials says which half it left out (PARTIAL, the settings named).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../../checks/registry.ts';
import { TYPES } from '../../contract/put-customer.ts';
import type { HttpExchange } from '../../lib/http/client.ts';
import { INT32_MAX, INT32_MIN } from '../../lib/values.ts';
import { writeDataContractXml } from '../../lib/xml/datacontract.ts';
import { DEFAULT_FIXTURES, parseFixtures } from '../../reference/fixtures.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import { type RunOutcome, runConformance } from '../../runner/run.ts';
import { baselineCustomer } from '../../generators/baseline.ts';
import { http } from '../helpers/http.ts';
import { embeddedReference } from '../../reference/embedded.ts';

const env = { CONFORMANCE_SEED: '3', CONFORMANCE_RUNS: '10' };
const RESELLER = 'put-customer/auth/reseller-accepted';
const ROLES = 'put-customer/auth/roles-accepted';
const OTHER = 'put-customer/auth/other-merchant-refused';
const LIMITS = 'put-customer/customer-key/int32-limits';

const access = (fault?: string) => runConformance({ env, suites: ['access'], embedded: embeddedReference(fault ? { fault } : {}), log: () => undefined });
const status = (o: RunOutcome, id: string) => o.clauses.find((c) => c.clause.id === id)!;

describe('the reference models roles and merchants', () => {
  let gw: ReferenceGateway;
  beforeAll(async () => {
    gw = await startReferenceGateway();
  });
  afterAll(() => gw.close());

  const put = (key: number, authorization: string) =>
    http('PUT', `${gw.restBaseUrl}/customers/${key}`, { Authorization: authorization, 'Content-Type': 'application/xml', Accept: 'application/xml' }, writeDataContractXml(TYPES, 'PutCustomer', baselineCustomer()));

  it("a Merchant user of another merchant gets 404 for the first customer, and replaces its own merchant's", async () => {
    const other = gw.fixtures.rest.users.otherMerchant!;
    expect(other.merchantKey).not.toBe(gw.fixtures.rest.customers[0]!.merchantKey);
    expect((await put(gw.fixtures.rest.customers[0]!.customerKey, other.authorization)).status).toBe(404);
    const own = gw.fixtures.rest.customers.find((c) => c.merchantKey === other.merchantKey)!;
    expect((await put(own.customerKey, other.authorization)).status).toBe(200);
  });

  it('the Reseller user replaces any customer; keys at the limits of Int32 get 404', async () => {
    expect((await put(1, gw.fixtures.rest.users.reseller.authorization)).status).toBe(200);
    for (const key of [0, -1, INT32_MIN, INT32_MAX]) expect((await put(key, gw.fixtures.rest.users.merchant.authorization)).status, String(key)).toBe(404);
  });

  it('fixtures: the other merchant is optional, and must be another merchant', () => {
    const { otherMerchant: _other, ...users } = DEFAULT_FIXTURES.rest.users;
    expect(() => parseFixtures({ ...DEFAULT_FIXTURES, rest: { ...DEFAULT_FIXTURES.rest, users } })).not.toThrow();
    const same = { ...DEFAULT_FIXTURES.rest.users, otherMerchant: { ...DEFAULT_FIXTURES.rest.users.otherMerchant!, merchantKey: DEFAULT_FIXTURES.rest.users.merchant.merchantKey } };
    expect(() => parseFixtures({ ...DEFAULT_FIXTURES, rest: { ...DEFAULT_FIXTURES.rest, users: same } })).toThrow(/otherMerchant\.merchantKey must differ/);
  });
});

describe('the checks, on answers', () => {
  const exchange = (status: number, text = ''): HttpExchange => ({ status, headers: {}, text }) as unknown as HttpExchange;
  const detail = (merchantKey: number) =>
    exchange(200, writeDataContractXml(TYPES, 'CustomerDetail', { CustomerKey: 1, MerchantKey: merchantKey, CustomerName: 'x' }));

  it('other_merchant_refused: 404 and 403 pass; a success, another 4xx or a 5xx fail', () => {
    const run = (s: number) => CHECKS.other_merchant_refused.run(exchange(s))[0]!;
    expect([404, 403].map((s) => run(s).ok)).toEqual([true, true]);
    expect(run(200)).toMatchObject({ ok: false, kind: 'accepted-invalid' });
    expect([400, 401, 500].map((s) => run(s).ok)).toEqual([false, false, false]);
  });

  it('key_limits_refused: any 4xx passes; a success or a 5xx fails, naming the key', () => {
    const run = (s: number) => CHECKS.key_limits_refused.run({ exchange: exchange(s), key: INT32_MIN });
    expect([400, 403, 404].map((s) => run(s))).toEqual([400, 403, 404].map(() => [{ clause: LIMITS, ok: true }]));
    expect(run(500)).toEqual([expect.objectContaining({ clause: LIMITS, ok: false, kind: 'wrong-behaviour', documented: expect.stringContaining(`the key ${INT32_MIN}`) })]);
    expect(run(200)).toEqual([expect.objectContaining({ clause: LIMITS, ok: false, kind: 'accepted-invalid' })]);
  });

  it('roles_accepted: the configured user judges roles-accepted only; the Reseller both, against the Merchant user', () => {
    const run = (input: Parameters<typeof CHECKS.roles_accepted.run>[0]) => CHECKS.roles_accepted.run(input).map((f) => [f.clause, f.ok]);
    expect(run({ exchange: detail(1001), user: 'm', role: 'configured' })).toEqual([[ROLES, true]]);
    expect(run({ exchange: exchange(403), user: 'm', role: 'configured' })).toEqual([[ROLES, false]]);
    expect(run({ exchange: detail(1001), user: 'r', role: 'reseller', merchant: detail(1001) })).toEqual([[ROLES, true], [RESELLER, true]]);
    expect(run({ exchange: exchange(403), user: 'r', role: 'reseller', merchant: detail(1001) })).toEqual([[ROLES, false], [RESELLER, false]]);
    // Served, but not as the Merchant user is: another status, or another customer.
    expect(run({ exchange: { ...detail(1001), status: 201 }, user: 'r', role: 'reseller', merchant: detail(1001) })).toEqual([[ROLES, true], [RESELLER, false]]);
    expect(run({ exchange: detail(2002), user: 'r', role: 'reseller', merchant: detail(1001) })).toEqual([[ROLES, true], [RESELLER, false]]);
    // The Merchant user refused: nothing to compare with (roles-accepted fails on the Merchant's answer).
    expect(run({ exchange: detail(2002), user: 'r', role: 'reseller', merchant: exchange(403) })).toEqual([[ROLES, true], [RESELLER, true]]);
  });
});

describe('the access suite against the reference', () => {
  it('passes on the plain reference, with both roles, the other merchant and the key limits judged', async () => {
    const o = await access();
    expect(o.errors).toEqual([]);
    expect(o.exitCode).toBe(0);
    for (const id of [ROLES, RESELLER, OTHER, LIMITS]) expect(status(o, id).status, id).toBe('passed');
    expect(status(o, ROLES).cases).toBe(2);
    expect(status(o, LIMITS).cases).toBe(4);
    expect(o.scope?.settingsLeftOut).toEqual([]);
  });

  it.each([
    ['reseller-role-rejected', [RESELLER, ROLES]],
    ['other-merchant-can-replace', [OTHER]],
    ['key-limits-500', [LIMITS]],
  ])('fails against the fault %s', async (fault, clauses) => {
    const o = await access(fault);
    expect(o.errors).toEqual([]);
    expect(o.exitCode).toBe(1);
    for (const id of clauses) expect(status(o, id).status, id).toBe('failed');
  });

  it('a wrongful acceptance of the other merchant misleads no other check: against that fault, only its clause fails on the PutCustomer side', async () => {
    // The PutCustomer suites run at once, writing the same customer: the other merchant's PUT lands among theirs.
    const o = await runConformance({ env, suites: ['put-customer'], embedded: embeddedReference({ fault: 'other-merchant-can-replace' }), log: () => undefined });
    expect(o.errors).toEqual([]);
    expect(o.clauses.filter((c) => c.status === 'failed' || c.status === 'warning').map((c) => c.clause.id)).toEqual([OTHER]);
  });
});

describe('a gateway configured without the optional credentials', () => {
  let gw: ReferenceGateway;
  beforeAll(async () => {
    gw = await startReferenceGateway();
  });
  afterAll(() => gw.close());

  const configured = (extra: Record<string, string> = {}) => ({
    ...env,
    SYNTCH_BASE_URL: gw.restBaseUrl,
    SYNTCH_AUTHORIZATION: gw.fixtures.rest.users.merchant.authorization,
    SYNTCH_AUTHORIZATION_NO_ROLE: gw.fixtures.rest.users.noRole.authorization,
    SYNTCH_CUSTOMER_KEY: String(gw.fixtures.rest.customers[0]!.customerKey),
    SYNTCH_MISSING_CUSTOMER_KEY: String(gw.fixtures.rest.missingCustomerKey),
    CONFORMANCE_RATE_LIMIT: '10000',
    ...extra,
  });

  it('is PARTIAL: the Reseller half and the other merchant are not tested, with the reason and the settings named', async () => {
    const o = await runConformance({ env: configured(), suites: ['access'], log: () => undefined });
    expect(o.exitCode).toBe(0);
    expect(status(o, ROLES).status).toBe('passed');
    expect(status(o, RESELLER)).toMatchObject({ status: 'not-tested', reason: 'SYNTCH_AUTHORIZATION_RESELLER not set' });
    expect(status(o, OTHER)).toMatchObject({ status: 'not-tested', reason: 'SYNTCH_AUTHORIZATION_OTHER_MERCHANT not set' });
    expect(o.scope?.partial).toBe(true);
    expect(o.scope?.reasons).toEqual(expect.arrayContaining(['SYNTCH_AUTHORIZATION_RESELLER not set', 'SYNTCH_AUTHORIZATION_OTHER_MERCHANT not set']));
    expect(o.scope?.settingsLeftOut).toEqual(expect.arrayContaining(['SYNTCH_AUTHORIZATION_RESELLER', 'SYNTCH_AUTHORIZATION_OTHER_MERCHANT']));
  });

  it('with them set, both clauses are judged and no setting of PutCustomer is left out', async () => {
    const o = await runConformance({
      env: configured({ SYNTCH_AUTHORIZATION_RESELLER: gw.fixtures.rest.users.reseller.authorization, SYNTCH_AUTHORIZATION_OTHER_MERCHANT: gw.fixtures.rest.users.otherMerchant!.authorization }),
      suites: ['access'],
      log: () => undefined,
    });
    expect(o.exitCode).toBe(0);
    expect([status(o, RESELLER).status, status(o, OTHER).status]).toEqual(['passed', 'passed']);
    expect(o.scope?.settingsLeftOut).toEqual(['EBIZ_SOAP_URL']);
  });

  it('skips a limit key that is the test customer', async () => {
    const fixtures = structuredClone(DEFAULT_FIXTURES) as typeof DEFAULT_FIXTURES & { rest: { customers: { customerKey: number }[] } };
    fixtures.rest.customers[0]!.customerKey = INT32_MAX;
    const edge = await startReferenceGateway({ fixtures });
    try {
      const o = await runConformance({
        env: { ...configured(), SYNTCH_BASE_URL: edge.restBaseUrl, SYNTCH_CUSTOMER_KEY: String(INT32_MAX) },
        suites: ['access'],
        log: () => undefined,
      });
      expect(o.exitCode).toBe(0);
      expect(status(o, LIMITS)).toMatchObject({ status: 'passed', cases: 3 });
    } finally {
      await edge.close();
    }
  });
});
