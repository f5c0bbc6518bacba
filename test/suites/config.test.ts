/** Configuration: sensible defaults, every problem at once, secrets masked. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, maskSecrets, secretsOf } from '../../suites/config.ts';

const syntch = { SYNTCH_BASE_URL: 'https://gw.example/api/', SYNTCH_AUTHORIZATION: 'Bearer s3cret', SYNTCH_CUSTOMER_KEY: '42' };
const ebiz = { EBIZ_SOAP_URL: 'https://soap.example/eBizService.svc', EBIZ_SECURITY_ID: 'sec-id', EBIZ_CUSTOMER_INTERNAL_ID: 'cid' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    return [...(e as ConfigError).problems];
  }
  return [];
}

describe('loadConfig', () => {
  it('with no endpoint, targets the embedded reference with the defaults', () => {
    const c = loadConfig({});
    expect(c.embedded).toBe(true);
    expect(c.run).toMatchObject({ runs: 100, concurrency: 4, timeoutMs: 10000, reportDir: 'reports', strict: false });
    expect(c.run.rateLimit).toBeUndefined();
    expect(Number.isInteger(c.run.seed)).toBe(true);
  });

  it('reads a configured Syntch gateway, strips the trailing slash, paces at 10 requests/s by default', () => {
    const c = loadConfig({ ...syntch, SYNTCH_MISSING_CUSTOMER_KEY: '99', CONFORMANCE_SEED: '7' });
    expect(c.embedded).toBe(false);
    expect(c.syntch).toEqual({ baseUrl: 'https://gw.example/api', authorization: 'Bearer s3cret', customerKey: 42, missingCustomerKey: 99 });
    expect(c.notTested.ebiz).toBe('EBIZ_SOAP_URL not set');
    expect(c.run.rateLimit).toBe(10);
    expect(c.run.seed).toBe(7);
  });

  it('with only the SOAP endpoint, PutCustomer is not tested', () => {
    const c = loadConfig(ebiz);
    expect(c.syntch).toBeUndefined();
    expect(c.notTested.syntch).toBe('SYNTCH_BASE_URL not set');
  });

  it('reports every missing setting at once, with what to set', () => {
    const p = problems({ SYNTCH_BASE_URL: 'https://gw.example/api', EBIZ_SOAP_URL: 'https://soap.example' });
    expect(p).toEqual([
      expect.stringMatching(/^SYNTCH_AUTHORIZATION is not set: the full Authorization header value/),
      expect.stringMatching(/^SYNTCH_CUSTOMER_KEY is not set/),
      expect.stringMatching(/^EBIZ_SECURITY_ID is not set/),
      expect.stringMatching(/^EBIZ_CUSTOMER_INTERNAL_ID is not set/),
    ]);
  });

  it.each([
    [{ ...syntch, SYNTCH_BASE_URL: 'not a url' }, /SYNTCH_BASE_URL is not an http\(s\) URL/],
    [{ ...syntch, SYNTCH_BASE_URL: 'ftp://gw.example' }, /SYNTCH_BASE_URL is not an http\(s\) URL/],
    [{ ...syntch, SYNTCH_CUSTOMER_KEY: 'abc' }, /SYNTCH_CUSTOMER_KEY must be a whole number/],
    [{ ...syntch, SYNTCH_CUSTOMER_KEY: '2147483648' }, /SYNTCH_CUSTOMER_KEY must be a whole number/],
    [{ ...syntch, SYNTCH_MISSING_CUSTOMER_KEY: '42' }, /must differ from SYNTCH_CUSTOMER_KEY/],
    [{ CONFORMANCE_RUNS: '0' }, /CONFORMANCE_RUNS must be a whole number from 1/],
    [{ CONFORMANCE_RATE_LIMIT: 'fast' }, /CONFORMANCE_RATE_LIMIT must be a positive number/],
    [{ CONFORMANCE_TIMEOUT_MS: '-5' }, /CONFORMANCE_TIMEOUT_MS must be a whole number/],
    [{ CONFORMANCE_STRICT: 'maybe' }, /CONFORMANCE_STRICT must be 0 or 1/],
    [{ CONFORMANCE_SEED: '1.5' }, /CONFORMANCE_SEED must be a whole number/],
  ])('%j is refused', (env, message) => {
    expect(problems(env as Record<string, string>).join('\n')).toMatch(message);
  });

  it('masks every configured secret, the longest first', () => {
    const secrets = secretsOf({ SYNTCH_AUTHORIZATION: 'Bearer abc123', EBIZ_SECURITY_ID: 'abc', EBIZ_PASSWORD: 'pw' });
    expect(maskSecrets('h: Bearer abc123; id abc; pw', secrets)).toBe('h: $SYNTCH_AUTHORIZATION; id $EBIZ_SECURITY_ID; $EBIZ_PASSWORD');
  });
});
