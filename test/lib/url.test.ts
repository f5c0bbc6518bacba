/** lib/url.ts: every request URL is the configured base URL joined with a route by the URL API. */
import { describe, expect, it } from 'vitest';
import { baseUrlProblem, redactUrl, requestUrl } from '../../lib/url.ts';

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
    ['not a url', /not an http\(s\) URL/],
    ['ftp://gw.example/api', /not an http\(s\) URL/],
    ['http://gw.example/api#frag', /fragment/],
    ['http://gw.example/api?code=K3y#frag', /fragment/],
    ['http://user:pa55word@gw.example/api', /user name or password/],
    ['http://user@gw.example/api', /user name or password/],
  ])('%j is refused', (value, message) => {
    expect(baseUrlProblem(value)).toMatch(message);
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
