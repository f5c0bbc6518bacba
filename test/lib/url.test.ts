/** lib/url.ts: every request URL is the configured base URL joined with a route by the URL API. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { baseUrlProblem, redactUrl, requestUrl, urlSecrets } from '../../lib/url.ts';

describe('requestUrl', () => {
  it.each([
    ['http://127.0.0.1:8080/api', '/customers/1', 'http://127.0.0.1:8080/api/customers/1'],
    ['http://127.0.0.1:8080/api/', '/customers/1', 'http://127.0.0.1:8080/api/customers/1'],
    ['http://127.0.0.1:8080', '/customers/1', 'http://127.0.0.1:8080/customers/1'],
    ['http://127.0.0.1:8080/', '/customers/1', 'http://127.0.0.1:8080/customers/1'],
    // The configured query (Azure Functions, API Management keys) is kept on every request.
    ['http://127.0.0.1:8080/api?code=K3y', '/customers/1', 'http://127.0.0.1:8080/api/customers/1?code=K3y'],
    ['http://127.0.0.1:8080/api/?code=K3y==&x=1', '/customers/1', 'http://127.0.0.1:8080/api/customers/1?code=K3y==&x=1'],
    // …and merged with the route's own query, the configured one first.
    ['http://127.0.0.1:8080/api?code=K3y', '/customers/1?format=json', 'http://127.0.0.1:8080/api/customers/1?code=K3y&format=json'],
    ['http://127.0.0.1:8080/api', '/customers/1?format=xml', 'http://127.0.0.1:8080/api/customers/1?format=xml'],
    ['http://127.0.0.1:8080/api?code=K3y', '/customers/1.json', 'http://127.0.0.1:8080/api/customers/1.json?code=K3y'],
    // A route segment already percent-encoded goes on the wire as written, never encoded again.
    ['http://127.0.0.1:8080/api?code=K3y', '/customers/%ZZ.xml', 'http://127.0.0.1:8080/api/customers/%ZZ.xml?code=K3y'],
    ['http://127.0.0.1:8080/api', '/customers/%E0%A4%A', 'http://127.0.0.1:8080/api/customers/%E0%A4%A'],
    ['http://127.0.0.1:8080/api', '/customers/1%', 'http://127.0.0.1:8080/api/customers/1%'],
    // No route: the configured URL itself (the SOAP endpoint), query and all.
    ['http://127.0.0.1:8080/soap/eBizService.svc?code=K3y', '', 'http://127.0.0.1:8080/soap/eBizService.svc?code=K3y'],
    ['http://127.0.0.1:8080/soap/eBizService.svc', undefined, 'http://127.0.0.1:8080/soap/eBizService.svc'],
  ])('%s + %j is %s', (base, route, url) => {
    expect(requestUrl(base, route)).toBe(url);
  });
});

describe('baseUrlProblem', () => {
  it('accepts an http(s) URL with a path and a query', () => {
    expect(baseUrlProblem('https://gw.example/api?code=K3y')).toBeUndefined();
    expect(baseUrlProblem('http://127.0.0.1:8080')).toBeUndefined();
  });

  it.each([
    ['not a url', 'not-http'],
    ['ftp://gw.example/api', 'not-http'],
    ['http://gw.example/api#frag', 'fragment'],
    ['http://gw.example/api?code=K3y#frag', 'fragment'],
    ['http://gw.example/api#', 'fragment'],
    ['http://user:pa55word@gw.example/api', 'userinfo'],
    ['http://user@gw.example/api', 'userinfo'],
  ])('%j is refused: %s', (value, problem) => {
    expect(baseUrlProblem(value)).toBe(problem);
  });
});

describe('redactUrl', () => {
  it.each([
    ['http://user:pa55word@gw.example/api?code=K3y#frag', 'http://…@gw.example/api?…'],
    ['http://gw.example/api?code=K3y', 'http://gw.example/api?…'],
    ['http://gw.example/api#frag', 'http://gw.example/api#…'],
    ['http://gw.example/api', 'http://gw.example/api'],
    // Not a URL at all: still no userinfo, query or fragment.
    ['htp//user:pa55word@gw example/api?code=K3y', 'htp//…@gw example/api?…'],
    ['http://us er:pa55word@gw.example:99999/api', 'http://…@gw.example:99999/api'],
  ])('%j is shown as %j', (value, shown) => {
    expect(redactUrl(value)).toBe(shown);
  });
});

describe('urlSecrets', () => {
  const URL_VALUE = 'https://us%40er:pa55:w0rd@gw.example/api?v=2&code=K%2B3y+z&flag';
  const parts = urlSecrets(URL_VALUE, 'SYNTCH_BASE_URL');

  it('gives every query value and the user name and password, as written and decoded, each a part of the variable', () => {
    expect(parts.map(([value, variable, part]) => [value, variable, part?.part])).toEqual([
      ['2', 'SYNTCH_BASE_URL', 'v'],
      ['K%2B3y+z', 'SYNTCH_BASE_URL', 'code'],
      ['K+3y z', 'SYNTCH_BASE_URL', 'code'],
      ['us%40er', 'SYNTCH_BASE_URL', 'user'],
      ['us@er', 'SYNTCH_BASE_URL', 'user'],
      ['pa55:w0rd', 'SYNTCH_BASE_URL', 'password'],
    ]);
    expect(urlSecrets('https://gw.example/api', 'SYNTCH_BASE_URL')).toEqual([]);
  });

  it('each shell expression yields the part as written, from the variable', () => {
    const written: Record<string, string> = { v: '2', code: 'K%2B3y+z', user: 'us%40er', password: 'pa55:w0rd' };
    for (const [, , part] of parts) {
      const out = execFileSync('sh', ['-c', `printf %s ${part!.shell}`], { env: { PATH: process.env.PATH, SYNTCH_BASE_URL: URL_VALUE } }).toString();
      expect(out, part!.part).toBe(written[part!.part]);
    }
  });
});
