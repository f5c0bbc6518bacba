/** Configuration: sensible defaults, every problem at once, typos caught with the name meant, secrets masked. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, SECRET_VARIABLES, SETTINGS, loadConfig, maskSecrets, secretsOf, suggestSetting } from '../../config/settings.ts';

const syntch = { SYNTCH_BASE_URL: 'https://gw.example/api/', SYNTCH_AUTHORIZATION: 'Bearer s3cret', SYNTCH_CUSTOMER_KEY: '42' };
const ebiz = { EBIZ_SOAP_URL: 'https://soap.example/eBizService.svc', EBIZ_SECURITY_ID: 'sec-id', EBIZ_CUSTOMER_INTERNAL_ID: 'cid' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return [...e.problems];
  }
  return [];
}

describe('loadConfig', () => {
  it('with no endpoint, targets the embedded reference with the defaults', () => {
    const c = loadConfig({});
    expect(c.embedded).toBe(true);
    expect(c.run).toMatchObject({ runs: 100, concurrency: 256, timeoutMs: 10000, retries: 2, maxResponseBytes: 4194304, checks: [], excludeChecks: [], reportDir: 'reports', strict: false });
    expect(c.run.rateLimit).toBeUndefined();
    expect(Number.isInteger(c.run.seed)).toBe(true);
  });

  it('reads a configured Syntch gateway, strips the trailing slash, and sets no fixed rate', () => {
    const c = loadConfig({ ...syntch, SYNTCH_MISSING_CUSTOMER_KEY: '99', CONFORMANCE_SEED: '7' });
    expect(c.embedded).toBe(false);
    expect(c.syntch).toEqual({ baseUrl: 'https://gw.example/api', authorization: 'Bearer s3cret', customerKey: 42, missingCustomerKey: 99 });
    expect(c.notTested.ebiz).toBe('EBIZ_SOAP_URL not set');
    expect(c.run.rateLimit).toBeUndefined();
    expect(c.run.seed).toBe(7);
  });

  it('paces at CONFORMANCE_RATE_LIMIT when it is set', () => {
    expect(loadConfig({ ...syntch, CONFORMANCE_RATE_LIMIT: '2.5' }).run.rateLimit).toBe(2.5);
    expect(loadConfig({ CONFORMANCE_RATE_LIMIT: '50' }).run.rateLimit).toBe(50);
  });

  it('reads both APIs with every optional setting', () => {
    const c = loadConfig({ ...syntch, SYNTCH_AUTHORIZATION_NO_ROLE: 'Bearer none', ...ebiz, EBIZ_USER_ID: 'u', EBIZ_PASSWORD: 'p', CONFORMANCE_STRICT: 'yes' });
    expect(c.syntch?.authorizationNoRole).toBe('Bearer none');
    expect(c.ebiz).toEqual({ soapUrl: 'https://soap.example/eBizService.svc', securityId: 'sec-id', customerInternalId: 'cid', userId: 'u', password: 'p' });
    expect(c.notTested).toEqual({});
    expect(c.run.strict).toBe(true);
  });

  it('reads the Reseller and the other merchant credentials, optional and secret', () => {
    const c = loadConfig({ ...syntch, SYNTCH_AUTHORIZATION_RESELLER: 'Bearer reseller', SYNTCH_AUTHORIZATION_OTHER_MERCHANT: 'Bearer other' });
    expect(c.syntch).toMatchObject({ authorizationReseller: 'Bearer reseller', authorizationOtherMerchant: 'Bearer other' });
    expect(loadConfig(syntch).syntch).not.toHaveProperty('authorizationReseller');
    expect(loadConfig(syntch).syntch).not.toHaveProperty('authorizationOtherMerchant');
    const masked = maskSecrets('sent Bearer reseller and Bearer other', secretsOf({ SYNTCH_AUTHORIZATION_RESELLER: 'Bearer reseller', SYNTCH_AUTHORIZATION_OTHER_MERCHANT: 'Bearer other' }));
    expect(masked).not.toMatch(/reseller|other/);
    expect(masked).toContain('$SYNTCH_AUTHORIZATION_RESELLER');
  });

  it('refuses a Reseller or other-merchant credential that is the configured user, without showing it', () => {
    const p = problems({ ...syntch, SYNTCH_AUTHORIZATION_RESELLER: syntch.SYNTCH_AUTHORIZATION, SYNTCH_AUTHORIZATION_OTHER_MERCHANT: syntch.SYNTCH_AUTHORIZATION });
    expect(p).toEqual([
      'SYNTCH_AUTHORIZATION_RESELLER must be another user than SYNTCH_AUTHORIZATION (it has the same value)',
      'SYNTCH_AUTHORIZATION_OTHER_MERCHANT must be another user than SYNTCH_AUTHORIZATION (it has the same value)',
    ]);
    expect(p.join('\n')).not.toContain('s3cret');
  });

  it('the new credentials without SYNTCH_BASE_URL are a problem, not a silent self-test', () => {
    expect(problems({ SYNTCH_AUTHORIZATION_RESELLER: 'Bearer r', SYNTCH_AUTHORIZATION_OTHER_MERCHANT: 'Bearer o' })).toEqual([
      expect.stringMatching(/^SYNTCH_BASE_URL is not set, but SYNTCH_AUTHORIZATION_RESELLER and SYNTCH_AUTHORIZATION_OTHER_MERCHANT are/),
    ]);
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
    [{ CONFORMANCE_RATE_LIMIT: '0' }, /CONFORMANCE_RATE_LIMIT must be a positive number/],
    [{ CONFORMANCE_TIMEOUT_MS: '-5' }, /CONFORMANCE_TIMEOUT_MS must be a whole number/],
    [{ CONFORMANCE_STRICT: 'maybe' }, /CONFORMANCE_STRICT must be 0 or 1/],
    [{ CONFORMANCE_SEED: '1.5' }, /CONFORMANCE_SEED must be a whole number/],
  ])('%j is refused', (env, message) => {
    expect(problems(env as Record<string, string>).join('\n')).toMatch(message);
  });
});

describe('the settings table', () => {
  const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');

  it('.env.example documents exactly the known settings, in their order', () => {
    const documented = [...example.matchAll(/^#?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect(documented).toEqual(SETTINGS.map((s) => s.name));
  });

  it('.env.example states the default of every numeric setting that has one', () => {
    for (const s of SETTINGS) {
      if (s.type !== 'int' || !('default' in s)) continue;
      const lines = example.split('\n');
      const comment: string[] = [];
      for (let i = lines.findIndex((l) => l.startsWith(`#${s.name}=`)) - 1; i >= 0 && /^# [^-]/.test(lines[i]!); i--) comment.unshift(lines[i]!);
      expect(comment.join(' '), s.name).toContain(`default ${s.default}`);
    }
  });

  it('every default is a valid value of its setting', () => {
    // An empty default ('': no check list) is written by leaving the setting unset.
    const defaults = Object.fromEntries(SETTINGS.filter((s) => 'default' in s && s.api !== 'reference' && s.default !== '').map((s) => [s.name, (s as { default: string }).default]));
    expect(problems(defaults)).toEqual([]);
  });

  it('the secrets are the settings marked secret', () => {
    expect([...SECRET_VARIABLES].sort()).toEqual([
      'EBIZ_PASSWORD',
      'EBIZ_SECURITY_ID',
      'EBIZ_SECURITY_ID_OTHER_MERCHANT',
      'EBIZ_USER_ID',
      'SYNTCH_AUTHORIZATION',
      'SYNTCH_AUTHORIZATION_NO_ROLE',
      'SYNTCH_AUTHORIZATION_OTHER_MERCHANT',
      'SYNTCH_AUTHORIZATION_RESELLER',
    ]);
  });
});

describe('a typo never certifies the wrong target', () => {
  it('credentials with both URL names misspelt stop the run instead of testing the embedded reference', () => {
    const p = problems({ SYNTCH_BASEURL: 'https://gw.example/api', SYNTCH_AUTHORIZATION: 'Bearer s3cret', SYNTCH_CUSTOMER_KEY: '42', EBIZ_SOAP_ULR: 'https://soap.example', EBIZ_SECURITY_ID: 'sec-id', EBIZ_CUSTOMER_INTERNAL_ID: 'cid' });
    expect(p).toEqual([
      'EBIZ_SOAP_ULR is not a known setting: did you mean EBIZ_SOAP_URL?',
      'SYNTCH_BASEURL is not a known setting: did you mean SYNTCH_BASE_URL?',
      expect.stringMatching(/^SYNTCH_BASE_URL is not set, but SYNTCH_AUTHORIZATION and SYNTCH_CUSTOMER_KEY are: set SYNTCH_BASE_URL to /),
      expect.stringMatching(/^EBIZ_SOAP_URL is not set, but EBIZ_SECURITY_ID and EBIZ_CUSTOMER_INTERNAL_ID are: set EBIZ_SOAP_URL to /),
    ]);
  });

  it.each([
    ['SYNTCH_BASEURL', 'SYNTCH_BASE_URL'],
    ['EBIZ_SOAP_ULR', 'EBIZ_SOAP_URL'],
    ['EBIZ_SOAPURL', 'EBIZ_SOAP_URL'],
    ['EBIZ_URL', 'EBIZ_SOAP_URL'],
    ['SYNTCH_URL', 'SYNTCH_BASE_URL'],
    ['SYNTCH_AUTHORISATION', 'SYNTCH_AUTHORIZATION'],
    ['SYNTCH_AUTHORIZATION_NOROLE', 'SYNTCH_AUTHORIZATION_NO_ROLE'],
    ['SYNTCH_AUTHORIZATION_RESSELLER', 'SYNTCH_AUTHORIZATION_RESELLER'],
    ['SYNTCH_AUTHORISATION_OTHER_MERCHANT', 'SYNTCH_AUTHORIZATION_OTHER_MERCHANT'],
    ['SYNTCH_AUTHORIZATION_OTHERMERCHANT', 'SYNTCH_AUTHORIZATION_OTHER_MERCHANT'],
    ['SYNTCH_CUSTOMERKEY', 'SYNTCH_CUSTOMER_KEY'],
    ['SYNTCH_MISSING_CUSTOMER', 'SYNTCH_MISSING_CUSTOMER_KEY'],
    ['EBIZ_SECURITYID', 'EBIZ_SECURITY_ID'],
    ['EBIZ_USERID', 'EBIZ_USER_ID'],
    ['EBIZ_PASSWD', 'EBIZ_PASSWORD'],
    ['EBIZ_CUSTOMER_ID', 'EBIZ_CUSTOMER_INTERNAL_ID'],
    ['CONFORMANCE_SEEDS', 'CONFORMANCE_SEED'],
    ['CONFORMANCE_RATELIMIT', 'CONFORMANCE_RATE_LIMIT'],
    ['CONFORMANCE_TIMEOUT', 'CONFORMANCE_TIMEOUT_MS'],
    ['CONFORMANCE_RETRY', 'CONFORMANCE_RETRIES'],
    ['CONFORMANCE_MAX_RESPONSE_SIZE', 'CONFORMANCE_MAX_RESPONSE_BYTES'],
    ['CONFORMANCE_CHECK', 'CONFORMANCE_CHECKS'],
    ['CONFORMANCE_EXCLUDE', 'CONFORMANCE_EXCLUDE_CHECKS'],
    ['CONFORMANCE_REPORTS_DIR', 'CONFORMANCE_REPORT_DIR'],
    ['CONFROMANCE_STRICT', 'CONFORMANCE_STRICT'],
  ])('%s is refused: did you mean %s?', (typo, meant) => {
    expect(problems({ [typo]: '1' })).toEqual([`${typo} is not a known setting: did you mean ${meant}?`]);
  });

  it('a name that differs only in case is refused, saying names are case-sensitive', () => {
    expect(problems({ syntch_base_url: 'https://gw.example/api' })).toEqual(['syntch_base_url is not a known setting: did you mean SYNTCH_BASE_URL? (names are case-sensitive)']);
  });

  it('an unknown name of ours with nothing close is refused without a guess', () => {
    expect(problems({ CONFORMANCE_FOO: '1' })).toEqual(['CONFORMANCE_FOO is not a known setting']);
  });

  it('a misspelt prefix one edit from a setting is caught too', () => {
    expect(problems({ SYNCH_BASE_URL: 'https://gw.example/api' })).toEqual(['SYNCH_BASE_URL is not a known setting: did you mean SYNTCH_BASE_URL?']);
  });

  it("other programs' variables are left alone", () => {
    expect(problems({ PATH: '/bin', HOME: '/root', SYNC_DIR: 'x', EBIZTALK: 'x', npm_config_cache: 'x', REFERENCE_PORT: '9000', DOTENV_CONFIG_PATH: '/x' })).toEqual([]);
  });

  it('every problem is listed at once, typos with the rest', () => {
    const p = problems({ ...syntch, SYNTCH_AUTHORIZATION: '', CONFORMANCE_RUNS: '0', CONFORMANCE_SEEDS: '1' });
    expect(p).toEqual([
      'CONFORMANCE_SEEDS is not a known setting: did you mean CONFORMANCE_SEED?',
      expect.stringMatching(/^SYNTCH_AUTHORIZATION is set but empty/),
      expect.stringMatching(/^CONFORMANCE_RUNS must be a whole number/),
    ]);
  });

  it('never shows the value of a misspelt setting (it may be a secret)', () => {
    const p = problems({ ...syntch, SYNTCH_AUTHORISATION_NO_ROLE: 'Bearer leaked-token' });
    expect(p).toEqual(['SYNTCH_AUTHORISATION_NO_ROLE is not a known setting: did you mean SYNTCH_AUTHORIZATION_NO_ROLE?']);
  });

  it('suggests every equally close name when there is a tie', () => {
    expect(suggestSetting('CONFORMANCE_RUN', ['CONFORMANCE_RUNS', 'CONFORMANCE_RUNX'])).toEqual(['CONFORMANCE_RUNS', 'CONFORMANCE_RUNX']);
  });
});

describe('credentials for an API whose URL is missing', () => {
  it.each([
    [{ SYNTCH_AUTHORIZATION: 'Bearer s3cret' }, 'SYNTCH_BASE_URL is not set, but SYNTCH_AUTHORIZATION is: set SYNTCH_BASE_URL to'],
    [{ SYNTCH_CUSTOMER_KEY: '42' }, 'SYNTCH_BASE_URL is not set, but SYNTCH_CUSTOMER_KEY is'],
    [{ SYNTCH_AUTHORIZATION_NO_ROLE: 'Bearer x', SYNTCH_MISSING_CUSTOMER_KEY: '9' }, 'SYNTCH_BASE_URL is not set, but SYNTCH_AUTHORIZATION_NO_ROLE and SYNTCH_MISSING_CUSTOMER_KEY are'],
    [{ EBIZ_SECURITY_ID: 'sec-id' }, 'EBIZ_SOAP_URL is not set, but EBIZ_SECURITY_ID is: set EBIZ_SOAP_URL to'],
    [{ ...syntch, EBIZ_PASSWORD: 'pw', EBIZ_USER_ID: 'u' }, 'EBIZ_SOAP_URL is not set, but EBIZ_USER_ID and EBIZ_PASSWORD are'],
    [{ ...ebiz, SYNTCH_AUTHORIZATION: 'Bearer s3cret', SYNTCH_CUSTOMER_KEY: '1' }, 'SYNTCH_BASE_URL is not set, but SYNTCH_AUTHORIZATION and SYNTCH_CUSTOMER_KEY are'],
  ])('%j stops the run naming the missing URL', (env, message) => {
    const p = problems(env);
    expect(p).toHaveLength(1);
    expect(p[0]).toContain(message);
  });

});

describe('a setting present but empty (an unset CI secret) is a configuration problem, never a self-test', () => {
  it('the CI case: the URLs and the credential empty stop the run, every empty name in one message', () => {
    const p = problems({ SYNTCH_BASE_URL: '', EBIZ_SOAP_URL: '', SYNTCH_AUTHORIZATION: '' });
    expect(p).toEqual([expect.stringMatching(/^SYNTCH_BASE_URL, SYNTCH_AUTHORIZATION and EBIZ_SOAP_URL are set but empty/)]);
  });

  it.each([
    [{ SYNTCH_AUTHORIZATION: '', EBIZ_SECURITY_ID: '   ' }, 'SYNTCH_AUTHORIZATION and EBIZ_SECURITY_ID are set but empty'],
    [{ ...syntch, EBIZ_USER_ID: '' }, 'EBIZ_USER_ID is set but empty'],
    [{ ...syntch, SYNTCH_AUTHORIZATION_NO_ROLE: ' \t' }, 'SYNTCH_AUTHORIZATION_NO_ROLE is set but empty'],
    [{ CONFORMANCE_RUNS: '' }, 'CONFORMANCE_RUNS is set but empty'],
    [{ CONFORMANCE_CHECKS: '' }, 'CONFORMANCE_CHECKS is set but empty'],
    [{ DOTENV_CONFIG_PATH: '' }, 'DOTENV_CONFIG_PATH is set but empty'],
  ])('%j: %s', (env, message) => {
    const p = problems(env);
    expect(p).toHaveLength(1);
    expect(p[0]).toContain(message);
    expect(p[0]).toMatch(/give it a value or unset it|give each a value or unset it/);
  });

  it('an empty URL is not "not set": no orphan message, no self-test', () => {
    expect(problems({ SYNTCH_BASE_URL: ' ', SYNTCH_AUTHORIZATION: 'Bearer x', SYNTCH_CUSTOMER_KEY: '1' })).toEqual([expect.stringMatching(/^SYNTCH_BASE_URL is set but empty/)]);
  });

  it('REFERENCE_PORT is the reference command\'s: an empty one does not stop a run', () => {
    expect(problems({ REFERENCE_PORT: '' })).toEqual([]);
  });
});

describe('URLs: the query is kept, a fragment or a user name refused, and their secrets never shown', () => {
  it('keeps the query of the base URL (Azure Functions and API Management keys) and strips the trailing slash of the path only', () => {
    expect(loadConfig({ ...syntch, SYNTCH_BASE_URL: 'http://127.0.0.1:8080/api/?code=K3y' }).syntch?.baseUrl).toBe('http://127.0.0.1:8080/api?code=K3y');
    expect(loadConfig({ ...syntch, SYNTCH_BASE_URL: 'http://127.0.0.1:8080/api?code=K3y/' }).syntch?.baseUrl).toBe('http://127.0.0.1:8080/api?code=K3y/');
    expect(loadConfig({ ...ebiz, EBIZ_SOAP_URL: 'https://soap.example/eBizService.svc?code=K3y' }).ebiz?.soapUrl).toBe('https://soap.example/eBizService.svc?code=K3y');
  });

  it.each([
    ['SYNTCH_BASE_URL', { ...syntch, SYNTCH_BASE_URL: 'http://127.0.0.1:8080/api?code=K3y#top' }, /^SYNTCH_BASE_URL has a fragment/],
    ['EBIZ_SOAP_URL', { ...ebiz, EBIZ_SOAP_URL: 'https://soap.example/eBizService.svc#K3y' }, /^EBIZ_SOAP_URL has a fragment/],
    ['SYNTCH_BASE_URL', { ...syntch, SYNTCH_BASE_URL: 'http://merchant:pa55word@127.0.0.1:8080/api?code=K3y' }, /^SYNTCH_BASE_URL has a user name or password[^\n]*SYNTCH_AUTHORIZATION/],
    ['EBIZ_SOAP_URL', { ...ebiz, EBIZ_SOAP_URL: 'https://merchant:pa55word@soap.example/eBizService.svc' }, /^EBIZ_SOAP_URL has a user name or password/],
    ['SYNTCH_BASE_URL', { ...syntch, SYNTCH_BASE_URL: 'http://merchant:pa55word@127.0.0.1:99999/api?code=K3y' }, /^SYNTCH_BASE_URL is not an http\(s\) URL/],
  ])('%s %j is refused without showing its user name, password, query or fragment', (_name, env, message) => {
    const p = problems(env);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(message);
    for (const secret of ['merchant', 'pa55word', 'K3y', 'top']) expect(p[0]).not.toContain(secret);
  });

  it('the query values and the user name and password of a configured URL are secrets, masked with a mask naming the variable', () => {
    const secrets = secretsOf({ SYNTCH_BASE_URL: 'http://127.0.0.1:8080/api?code=K3y-f00-bar&v=1', EBIZ_SOAP_URL: 'https://merchant:pa55word@soap.example/eBizService.svc?subscription-key=0a1b2c3d4e' });
    const masked = maskSecrets('GET /api/customers/1?code=K3y-f00-bar&v=1 sub 0a1b2c3d4e as merchant:pa55word, echo K3y%2Df00%2Dbar', secrets);
    for (const secret of ['K3y', 'pa55word', 'merchant', '0a1b2c3d4e']) expect(masked).not.toContain(secret);
    expect(masked).toContain('?code=[code in SYNTCH_BASE_URL]&v=1');
    expect(masked).toContain('sub [subscription-key in EBIZ_SOAP_URL]');
    expect(masked).toContain('[user in EBIZ_SOAP_URL]:[password in EBIZ_SOAP_URL]');
    // A URL with no secret in it gives no secret: the host and the path stay readable.
    expect(secretsOf({ SYNTCH_BASE_URL: 'http://127.0.0.1:8080/api' })).toEqual([]);
  });
});

describe('run settings', () => {
  it.each([
    ['CONFORMANCE_RETRIES', '0', 'retries', 0],
    ['CONFORMANCE_RETRIES', '10', 'retries', 10],
    ['CONFORMANCE_MAX_RESPONSE_BYTES', '1024', 'maxResponseBytes', 1024],
    ['CONFORMANCE_MAX_RESPONSE_BYTES', '268435456', 'maxResponseBytes', 268435456],
    ['CONFORMANCE_CONCURRENCY', '256', 'concurrency', 256],
    ['CONFORMANCE_TIMEOUT_MS', ' 100 ', 'timeoutMs', 100],
    ['CONFORMANCE_STRICT', 'TRUE', 'strict', true],
    ['CONFORMANCE_STRICT', '0', 'strict', false],
    ['CONFORMANCE_REPORT_DIR', 'out/reports', 'reportDir', 'out/reports'],
  ])('%s=%j gives %s %j', (name, value, key, expected) => {
    expect(loadConfig({ [name]: value }).run[key as keyof ReturnType<typeof loadConfig>['run']]).toEqual(expected);
  });

  it.each([
    ['CONFORMANCE_RETRIES', '-1', /^CONFORMANCE_RETRIES must be a whole number from 0 to 10, got '-1'$/],
    ['CONFORMANCE_RETRIES', '11', /^CONFORMANCE_RETRIES must be a whole number from 0 to 10, got '11'$/],
    ['CONFORMANCE_RETRIES', '1.5', /^CONFORMANCE_RETRIES must be a whole number/],
    ['CONFORMANCE_MAX_RESPONSE_BYTES', '1023', /^CONFORMANCE_MAX_RESPONSE_BYTES must be a whole number from 1024 to 268435456, got '1023'$/],
    ['CONFORMANCE_MAX_RESPONSE_BYTES', '268435457', /^CONFORMANCE_MAX_RESPONSE_BYTES must be a whole number from 1024 to 268435456/],
    ['CONFORMANCE_MAX_RESPONSE_BYTES', '4MB', /^CONFORMANCE_MAX_RESPONSE_BYTES must be a whole number/],
    ['CONFORMANCE_CONCURRENCY', '257', /^CONFORMANCE_CONCURRENCY must be a whole number from 1 to 256/],
  ])('%s=%j is refused', (name, value, message) => {
    const p = problems({ [name]: value });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(message);
  });

  it('reads the check lists as comma-separated names, blanks and repeats dropped', () => {
    const c = loadConfig({ CONFORMANCE_CHECKS: ' customer-detail, soap-fault,,customer-detail ', CONFORMANCE_EXCLUDE_CHECKS: 'slow' });
    expect(c.run.checks).toEqual(['customer-detail', 'soap-fault']);
    expect(c.run.excludeChecks).toEqual(['slow']);
    expect(loadConfig({ CONFORMANCE_CHECKS: ' , ' }).run.checks).toEqual([]);
  });
});

describe('secrets', () => {
  it('masks every configured secret, the longest first', () => {
    const secrets = secretsOf({ SYNTCH_AUTHORIZATION: 'Bearer abc123', EBIZ_SECURITY_ID: 'abc', EBIZ_PASSWORD: 'pw' });
    expect(maskSecrets('h: Bearer abc123; id abc; pw', secrets)).toBe('h: $SYNTCH_AUTHORIZATION; id $EBIZ_SECURITY_ID; $EBIZ_PASSWORD');
  });
});
