/**
 * PutCustomer access and negotiation: authentication (401, WWW-Authenticate), roles (403 for a
 * user with neither role, when one is configured), unknown keys (refused, nothing created, 404 —
 * when a missing key is configured), and the three documented ways to choose the response format.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { baselineCustomer } from '../generators/baseline.ts';
import type { HttpExchange, HttpRequest } from '../lib/http/client.ts';
import { readCustomerDetail } from './checks/customer-detail.ts';
import { type Finding, excerpt, fail, pass } from './checks/finding.ts';
import { bodyFormat, contentTypeMatchesBody } from './checks/http.ts';
import { Harness, resolvedRunFromEnv } from './harness.ts';
import { failedMustClauses, mustFailures } from './support.ts';

const h = new Harness('put-customer-access', resolvedRunFromEnv());
afterAll(() => h.finish());

const P = (rule: string) => `put-customer/${rule}`;
const INVALID_CREDENTIAL = 'Bearer gateway-conformance-invalid-credential';

async function exchangeFor(request: HttpRequest, counterexample: string, judge: (e: HttpExchange) => Finding[]): Promise<HttpExchange> {
  const exchange = await h.send(request);
  h.record([...judge(exchange), contentTypeMatchesBody(exchange)], { request, counterexample });
  return exchange;
}

describe.runIf(h.syntch)('PutCustomer authentication and roles', () => {
  const value = baselineCustomer();

  it.each([
    ['no Authorization header', null],
    ['an unknown credential', INVALID_CREDENTIAL],
  ] as const)('%s gets 401', async (name, authorization) => {
    const before = mustFailures(h);
    await exchangeFor(h.customerRequest({ value }, { authorization }), `a valid PutCustomer with ${name}`, (e) => [
      e.status === 401 ? pass(P('auth/unauthenticated-401')) : fail(P('auth/unauthenticated-401'), e.status < 300 ? 'accepted-invalid' : 'wrong-behaviour', `${name}: 401`, `${e.status}: ${excerpt(e.text, 160)}`),
      ...(e.status === 401 ? [e.headers['www-authenticate'] ? pass(P('auth/www-authenticate')) : fail(P('auth/www-authenticate'), 'wrong-shape', 'a WWW-Authenticate header on the 401', 'none')] : []),
    ]);
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });

  it('a user with neither role gets 403', async () => {
    const noRole = h.requireSyntch().authorizationNoRole;
    if (!noRole) {
      h.recorder.notTested(P('auth/role-required-403'), 'SYNTCH_AUTHORIZATION_NO_ROLE not set');
      return;
    }
    const before = mustFailures(h);
    await exchangeFor(h.customerRequest({ value }, { authorization: noRole }), 'a valid PutCustomer by a user with neither role', (e) => [
      e.status === 403 ? pass(P('auth/role-required-403')) : fail(P('auth/role-required-403'), e.status < 300 ? 'accepted-invalid' : 'wrong-behaviour', '403 Forbidden', `${e.status}: ${excerpt(e.text, 160)}`),
    ]);
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });

  it('the configured user (Merchant or Reseller) may replace the customer', async () => {
    const before = mustFailures(h);
    await exchangeFor(h.customerRequest({ value }), 'a valid PutCustomer by the configured user', (e) => [
      e.status >= 200 && e.status < 300 ? pass(P('auth/roles-accepted')) : fail(P('auth/roles-accepted'), 'rejected-valid', 'accepted', `${e.status}: ${excerpt(e.text, 160)}`),
    ]);
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });
});

describe.runIf(h.syntch)('PutCustomer unknown keys', () => {
  it('a key that does not exist is refused, twice (so nothing was created), with 404', async () => {
    const missing = h.requireSyntch().missingCustomerKey;
    if (missing === undefined) {
      for (const c of ['errors/unknown-key-not-created', 'errors/not-found-404']) h.recorder.notTested(P(c), 'SYNTCH_MISSING_CUSTOMER_KEY not set');
      return;
    }
    const before = mustFailures(h);
    for (const attempt of ['first', 'second']) {
      await exchangeFor(h.customerRequest({ value: baselineCustomer(), pathKey: String(missing) }), `a valid PutCustomer to the missing key ${missing} (${attempt} time)`, (e) => [
        e.status >= 400 && e.status < 500
          ? pass(P('errors/unknown-key-not-created'))
          : fail(P('errors/unknown-key-not-created'), e.status < 300 ? 'accepted-invalid' : 'wrong-behaviour', 'refused with a 4xx, nothing created', `${e.status}: ${excerpt(e.text, 160)}`),
        ...(e.status >= 400 && e.status < 500 ? [e.status === 404 ? pass(P('errors/not-found-404')) : fail(P('errors/not-found-404'), 'wrong-behaviour', '404 Not Found', String(e.status))] : []),
      ]);
    }
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });
});

describe.runIf(h.syntch)('PutCustomer content negotiation', () => {
  const value = baselineCustomer();
  const XML = 'application/xml';
  const JSON_TYPE = 'application/json';
  const cases: [clause: string, name: string, format: 'xml' | 'json', options: { path?: string; headers: Record<string, string> }][] = [
    ['negotiation/accept-header', 'Accept: application/json', 'json', { headers: { Accept: JSON_TYPE } }],
    ['negotiation/accept-header', 'Accept: application/xml', 'xml', { headers: { Accept: XML } }],
    ['negotiation/format-suffix', 'the .json suffix', 'json', { path: '.json', headers: { Accept: '*/*' } }],
    ['negotiation/format-suffix', 'the .xml suffix', 'xml', { path: '.xml', headers: { Accept: '*/*' } }],
    ['negotiation/format-query', '?format=json', 'json', { path: '?format=json', headers: { Accept: '*/*' } }],
    ['negotiation/format-query', '?format=xml', 'xml', { path: '?format=xml', headers: { Accept: '*/*' } }],
  ];

  it.each(cases)('%s: %s answers %s', async (clause, name, format, options) => {
    const before = mustFailures(h);
    const s = h.requireSyntch();
    const request = h.customerRequest({ value }, { path: `/customers/${s.customerKey}${options.path ?? ''}`, headers: { 'Content-Type': XML, ...options.headers } });
    await exchangeFor(request, `an XML PutCustomer with ${name}`, (e) => {
      const got = bodyFormat(e.text);
      const findings: Finding[] = [
        e.status === 200 && got === format ? pass(P(clause)) : fail(P(clause), 'wrong-behaviour', `${name}: a 200 ${format.toUpperCase()} answer`, `${e.status} ${got.toUpperCase()} (${e.contentType || 'no Content-Type'})`),
      ];
      if (e.status === 200 && got === format) findings.push(...readCustomerDetail(e).findings);
      return findings;
    });
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });

  it('no Accept header: XML or JSON, as long as the Content-Type says which', async () => {
    const before = mustFailures(h);
    const request = h.customerRequest({ value });
    const { Accept: _accept, ...headers } = request.headers;
    await exchangeFor({ ...request, headers }, 'an XML PutCustomer with no Accept header', (e) => [contentTypeMatchesBody(e)]);
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });
});
