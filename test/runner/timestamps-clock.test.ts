/**
 * Timestamps against the gateway's own clock (docs/INTERPRETING.md §dates): a LastUpdateTimestamp
 * with an explicit zone lies within 10 minutes of the answer's Date header; CreationTimestamp is
 * not later than LastUpdateTimestamp. The suite's own clock is never used.
 */
import { describe, expect, it } from 'vitest';
import { timestampFindings } from '../../checks/put-customer/timestamps.ts';
import type { HttpExchange } from '../../lib/http/client.ts';
import { runConformance } from '../../runner/run.ts';
import { embeddedReference } from '../../reference/embedded.ts';

const answer = (date: string | undefined): HttpExchange => ({
  request: { method: 'PUT', url: 'http://gw/api/customers/1', headers: {} },
  status: 200, headers: date ? { date } : {}, contentType: 'application/xml', text: '', truncated: false, durationMs: 1, attempts: 1,
});
const DATE = 'Tue, 01 Dec 2026 12:00:00 GMT';
const near = (f: ReturnType<typeof timestampFindings>) => f.filter((x) => x.clause === 'put-customer/response/last-update-near-date').map((x) => x.ok);
const order = (f: ReturnType<typeof timestampFindings>) => f.filter((x) => x.clause === 'put-customer/response/creation-not-after-update').map((x) => x.ok);

describe('timestamps against the Date header', () => {
  it('an explicit zone within 10 minutes holds, five hours off fails; JSON /Date(ms)/ is an instant', () => {
    expect(near(timestampFindings(answer(DATE), { LastUpdateTimestamp: '2026-12-01T12:09:00Z' }))).toEqual([true]);
    expect(near(timestampFindings(answer(DATE), { LastUpdateTimestamp: '2026-12-01T07:00:00Z' }))).toEqual([false]);
    expect(near(timestampFindings(answer(DATE), { LastUpdateTimestamp: '2026-12-01T07:00:00-05:00' }))).toEqual([true]);
    expect(near(timestampFindings(answer(DATE), { LastUpdateTimestamp: `/Date(${Date.parse(DATE) - 5 * 3_600_000})/` }))).toEqual([false]);
  });

  it('a zone-less time, or an answer without Date, is not judged against the clock', () => {
    expect(near(timestampFindings(answer(DATE), { LastUpdateTimestamp: '2026-12-01T07:00:00' }))).toEqual([]);
    expect(near(timestampFindings(answer(undefined), { LastUpdateTimestamp: '2026-12-01T07:00:00Z' }))).toEqual([]);
  });

  it('CreationTimestamp not after LastUpdateTimestamp, compared only between like kinds', () => {
    expect(order(timestampFindings(answer(DATE), { CreationTimestamp: '2026-12-01T11:00:00', LastUpdateTimestamp: '2026-12-01T12:00:00' }))).toEqual([true]);
    expect(order(timestampFindings(answer(DATE), { CreationTimestamp: '2026-12-01T13:00:00Z', LastUpdateTimestamp: '2026-12-01T12:00:00Z' }))).toEqual([false]);
    expect(order(timestampFindings(answer(DATE), { CreationTimestamp: '2026-12-01T13:00:00', LastUpdateTimestamp: '2026-12-01T12:00:00Z' }))).toEqual([]);
  });

  it('the reference passes; local time labelled UTC and creation after update fail', async () => {
    const env = { CONFORMANCE_SEED: '23', CONFORMANCE_RUNS: '5' };
    const status = async (id: string, fault?: string) =>
      (await runConformance({ env, log: () => undefined, suites: ['put-customer-access'], embedded: embeddedReference(fault ? { fault } : {}) })).clauses.find((c) => c.clause.id === id)!.status;
    expect(await status('put-customer/response/last-update-near-date')).toBe('passed');
    expect(await status('put-customer/response/creation-not-after-update')).toBe('passed');
    expect(await status('put-customer/response/last-update-near-date', 'local-time-labelled-utc')).toBe('failed');
    expect(await status('put-customer/response/creation-not-after-update', 'creation-after-update')).toBe('failed');
  });
});
