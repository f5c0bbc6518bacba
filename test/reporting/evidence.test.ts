/**
 * What a failure carries of its exchange (runner/evidence.ts, SuiteContext.record): the request as
 * sent and the answer as received, secrets masked (the Authorization header, a SOAP SecurityId),
 * bodies cut only past 64 KiB with a note; built only for the failures the recorder keeps, and the
 * recorder keeps the simplest ones whatever order they come in.
 */
import { describe, expect, it } from 'vitest';
import { CHECK_NAMES } from '../../checks/registry.ts';
import type { HttpExchange, HttpRequest } from '../../lib/http/client.ts';
import type { ConformanceConfig } from '../../config/settings.ts';
import { RunContext } from '../../runner/context.ts';
import type { CheckedFinding } from '../../suites/context.ts';
import { recordRequest, recordResponse, requestBodyBytes } from '../../runner/evidence.ts';
import { EVIDENCE_BODY_LIMIT, type FailureInput, KEEP_FAILURES, Recorder, type RecordedRequest } from '../../runner/recorder.ts';
import { AUTHORIZATION, SECRETS, SECURITY_ID } from './outcomes.ts';

const identity = (s: string) => s;
const exchange = (request: HttpRequest, text: string, over: Partial<HttpExchange> = {}): HttpExchange => ({ request, status: 200, headers: { 'content-type': 'application/xml' }, contentType: 'application/xml', text, truncated: false, durationMs: 1, attempts: 1, ...over });
const put = (body: HttpRequest['body']): HttpRequest => ({ method: 'PUT', url: 'http://gw.test/api/customers/1', headers: { 'Content-Type': 'application/xml', Authorization: AUTHORIZATION }, ...(body !== undefined ? { body } : {}) });

describe('the request and response a failure shows', () => {
  it('keeps a body whole up to 64 KiB, and cuts past it with a note', () => {
    const whole = recordRequest(put('x'.repeat(EVIDENCE_BODY_LIMIT)), identity);
    expect([whole.body.length, whole.truncated, whole.note]).toEqual([EVIDENCE_BODY_LIMIT, false, undefined]);
    const long = recordResponse(exchange(put(''), 'y'.repeat(100_000)), identity);
    expect([long.body.length, long.bodyBytes, long.truncated]).toEqual([EVIDENCE_BODY_LIMIT, 100_000, true]);
    expect(long.note).toBe('shown: the first 65,536 of 100,000 characters (a report keeps 64 KiB of a body)');
  });

  it('never cuts inside a surrogate pair', () => {
    const r = recordRequest(put(`${'a'.repeat(EVIDENCE_BODY_LIMIT - 1)}😀tail`), identity);
    expect(r.body).toBe('a'.repeat(EVIDENCE_BODY_LIMIT - 1));
  });

  it('says when the client stopped reading an answer (CONFORMANCE_MAX_RESPONSE_BYTES)', () => {
    const r = recordResponse(exchange(put(''), '<CustomerDetail>', { truncated: true }), identity);
    expect(r).toMatchObject({ truncated: true, body: '<CustomerDetail>', note: 'only the first 16 bytes were read: the answer was longer than CONFORMANCE_MAX_RESPONSE_BYTES' });
  });

  it('says when an answer was decoded from a content coding, or could not be', () => {
    const gz = recordResponse(exchange(put(''), '<CustomerDetail>', { truncated: true, decoded: 'gzip' }), identity);
    expect(gz.note).toBe('shown decoded from Content-Encoding gzip; only the first 16 decoded bytes were read: the answer was longer than CONFORMANCE_MAX_RESPONSE_BYTES');
    const odd = recordResponse(exchange(put(''), 'raw', { decodeNote: "Content-Encoding 'zstd' is not a coding the suite decodes" }), identity);
    expect(odd.note).toBe("Content-Encoding 'zstd' is not a coding the suite decodes");
  });

  it('describes a streamed body instead of spelling it out, and shows bytes that are not UTF-8 as U+FFFD', () => {
    const streamed = recordRequest(put({ length: 67_108_864, async *stream() {} }), identity);
    expect(streamed).toMatchObject({ body: '', bodyBytes: 67_108_864, truncated: true, note: 'a streamed body of 67,108,864 bytes, not shown (the curl reproduction writes it)' });
    expect(requestBodyBytes(put({ length: 67_108_864, async *stream() {} }))).toBe(67_108_864);
    const latin1 = recordRequest(put(new Uint8Array([0x3c, 0x61, 0x3e, 0x4d, 0xfc, 0x6c, 0x3c, 0x2f, 0x61, 0x3e])), identity);
    expect(latin1).toMatchObject({ body: '<a>M\uFFFDl</a>', bodyBytes: 10, truncated: false, note: 'the body is not valid UTF-8: bytes that are not are shown as U+FFFD' });
  });
});

describe('SuiteContext.record', () => {
  const config = { run: { seed: 1, runs: 1, concurrency: 1 } } as unknown as ConformanceConfig;
  const finding = (received: string): CheckedFinding => ({ clause: 'put-customer/response/echo', ok: false, kind: 'wrong-shape', documented: 'echoed', received, check: 'response_echo' });

  it('keeps the request and the answer with a failure, every secret masked', () => {
    const recorder = new Recorder();
    const ctx = new RunContext(config, {} as never, recorder, SECRETS, new Set(CHECK_NAMES)).forSuite('test');
    const request = put(`<PutCustomer><SecurityId>${SECURITY_ID}</SecurityId></PutCustomer>`);
    const answer = exchange(request, `<CustomerDetail><Echo>${AUTHORIZATION}</Echo></CustomerDetail>`, { headers: { 'x-echo': AUTHORIZATION } });
    ctx.record([finding('CustomerName differs')], { request, exchange: answer, counterexample: 'a valid customer' });
    const [f] = recorder.get('put-customer/response/echo')!.failures;
    expect(f!.request).toMatchObject({ method: 'PUT', url: 'http://gw.test/api/customers/1', headers: { Authorization: '$SYNTCH_AUTHORIZATION' }, body: '<PutCustomer><SecurityId>$EBIZ_SECURITY_ID</SecurityId></PutCustomer>' });
    expect(f!.response).toMatchObject({ status: 200, headers: { 'x-echo': '$SYNTCH_AUTHORIZATION' }, body: '<CustomerDetail><Echo>$SYNTCH_AUTHORIZATION</Echo></CustomerDetail>', truncated: false });
    expect(JSON.stringify(f)).not.toContain('SECRET-');
  });

  it('without an exchange, a failure has the request only', () => {
    const recorder = new Recorder();
    const ctx = new RunContext(config, {} as never, recorder, [], new Set(CHECK_NAMES)).forSuite('test');
    ctx.record([finding('x')], { request: put('<a/>') });
    const [f] = recorder.get('put-customer/response/echo')!.failures;
    expect(f!.request?.body).toBe('<a/>');
    expect(f!.response).toBeUndefined();
  });
});

describe('the recorder keeps the simplest failures', () => {
  const input = (size: number, built: number[]): FailureInput => ({
    clause: 'put-customer/customer-name/max-length',
    kind: 'accepted-invalid',
    documented: 'a 4xx',
    received: 'HTTP 200',
    counterexample: `case ${size}`,
    requestBytes: size,
    request: (): RecordedRequest => {
      built.push(size);
      return { method: 'PUT', url: 'u', headers: {}, body: 'x'.repeat(size), bodyBytes: size, truncated: false };
    },
  });

  it(`keeps the ${KEEP_FAILURES} simplest of many and counts them all`, () => {
    const recorder = new Recorder();
    const sizes = Array.from({ length: 60 }, (_, i) => ((i * 37) % 60) + 1); // 1..60, shuffled
    for (const size of sizes) recorder.fail(input(size * 100, []));
    const record = recorder.get('put-customer/customer-name/max-length')!;
    expect(record.failureCount).toBe(60);
    expect(record.failures.map((f) => f.request!.bodyBytes).sort((a, b) => a - b)).toEqual(Array.from({ length: KEEP_FAILURES }, (_, i) => (i + 1) * 100));
  });

  it('builds the evidence of a failure only when it is kept', () => {
    const built: number[] = [];
    const recorder = new Recorder();
    for (let size = 1; size <= 60; size++) recorder.fail(input(size, built)); // simplest first: the later ones are never kept
    expect(built).toEqual(Array.from({ length: KEEP_FAILURES }, (_, i) => i + 1));
  });

  it('keeps the same failures whatever order they come in', () => {
    const kept = (order: number[]) => {
      const recorder = new Recorder();
      for (const size of order) recorder.fail(input(size, []));
      return recorder.get('put-customer/customer-name/max-length')!.failures.map((f) => f.counterexample).sort();
    };
    const sizes = Array.from({ length: 40 }, (_, i) => i + 1);
    expect(kept(sizes)).toEqual(kept([...sizes].reverse()));
  });
});
