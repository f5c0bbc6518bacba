/**
 * Errors follow negotiation too (docs/INTERPRETING.md §negotiation, `negotiation/error-format`,
 * MUST): a rejected request is answered in the format it asked for — `?format=`, the suffix or
 * `Accept` — as a success is.
 */
import { describe, expect, it } from 'vitest';
import { errorFollowsNegotiation, requestedFormat } from '../../checks/http.ts';
import type { HttpExchange } from '../../lib/http/client.ts';
import { runConformance } from '../../runner/run.ts';
import { embeddedReference } from '../../reference/embedded.ts';

const exchange = (url: string, accept: string | undefined, status: number, contentType: string, text: string): HttpExchange => ({
  request: { method: 'PUT', url, headers: { 'Content-Type': 'application/xml', ...(accept ? { Accept: accept } : {}) }, body: '<PutCustomer/>' },
  status, headers: { 'content-type': contentType }, contentType, text, truncated: false, durationMs: 1, attempts: 1,
});
const XML_ERROR = '<ErrorResponse xmlns="http://schemas.servicestack.net/types"/>';
const JSON_ERROR = '{"ResponseStatus":{}}';

describe('the format of an error answer', () => {
  it('is asked for by ?format= over the suffix over Accept; nothing when the request asks for none', () => {
    expect(requestedFormat(exchange('http://gw/api/customers/1?format=json', 'application/xml', 400, '', '').request)).toBe('json');
    expect(requestedFormat(exchange('http://gw/api/customers/1.xml', 'application/json', 400, '', '').request)).toBe('xml');
    expect(requestedFormat(exchange('http://gw/api/customers/1', 'text/html, application/json;q=0.9', 400, '', '').request)).toBe('json');
    expect(requestedFormat(exchange('http://gw/api/customers/1', '*/*', 400, '', '').request)).toBeUndefined();
    expect(requestedFormat(exchange('http://gw/api/customers/1', undefined, 400, '', '').request)).toBeUndefined();
  });

  it('a 4xx body in the other format fails; in the asked format, empty, or a success is not judged against it', () => {
    expect(errorFollowsNegotiation(exchange('http://gw/api/customers/1', 'application/xml', 400, 'application/json', JSON_ERROR))).toMatchObject([{ ok: false, clause: 'put-customer/negotiation/error-format' }]);
    expect(errorFollowsNegotiation(exchange('http://gw/api/customers/1', 'application/xml', 400, 'application/xml', XML_ERROR))).toMatchObject([{ ok: true }]);
    expect(errorFollowsNegotiation(exchange('http://gw/api/customers/1', 'application/json', 401, '', ''))).toEqual([]);
    expect(errorFollowsNegotiation(exchange('http://gw/api/customers/1', 'application/json', 200, 'application/xml', XML_ERROR))).toEqual([]);
  });

  it('the reference passes; errors always in JSON, or in the request body\'s format, fail', async () => {
    const env = { CONFORMANCE_SEED: '13', CONFORMANCE_RUNS: '5' };
    const status = async (fault?: string) =>
      (await runConformance({ env, log: () => undefined, suites: ['put-customer-access'], embedded: embeddedReference(fault ? { fault } : {}) })).clauses.find((c) => c.clause.id === 'put-customer/negotiation/error-format')!.status;
    expect(await status()).toBe('passed');
    expect(await status('errors-in-host-default-json')).toBe('failed');
    expect(await status('errors-in-request-body-format')).toBe('failed');
  });
});
