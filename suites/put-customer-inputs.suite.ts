/**
 * PutCustomer inputs: the whole boundary catalogue (deterministic, every run), then generated
 * valid customers (positive_data_acceptance) and generated violations (negative_data_rejection),
 * in XML and — when the gateway takes it — JSON.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { boundaryCases } from '../generators/boundary-cases.ts';
import type { CustomerCase } from '../generators/mutations.ts';
import type { BodyFormat } from '../generators/serialize.ts';
import { validCustomer } from '../generators/valid-customer.ts';
import { violatingCustomer } from '../generators/violating-customer.ts';
import { judgeCase } from './checks/put-customer.ts';
import { Harness, mapLimit, resolvedRunFromEnv } from './harness.ts';
import { runProperty } from './property.ts';
import { failedMustClauses, mustFailures, probeJsonBody, sendAndJudge } from './support.ts';

const h = new Harness('put-customer-inputs', resolvedRunFromEnv());
afterAll(() => h.finish());

describe.runIf(h.syntch)('PutCustomer inputs', () => {
  let formats: BodyFormat[] = ['xml'];

  it('JSON bodies are taken (probe)', async () => {
    if (await probeJsonBody(h)) formats = ['xml', 'json'];
  });

  it('boundary catalogue: every case as labelled', async () => {
    const before = mustFailures(h);
    const s = h.requireSyntch();
    const jobs = formats.flatMap((format) => boundaryCases().map((c) => [c, format] as const));
    await mapLimit(jobs, h.config.run.concurrency, ([c, format]) =>
      sendAndJudge(h, h.customerRequest(c, { format }), (e) => judgeCase(e, c, s.customerKey), c.clause, `${c.name} (${format.toUpperCase()})`),
    );
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });

  it('generated valid customers are accepted and echoed (positive_data_acceptance)', async () => {
    const before = mustFailures(h);
    const s = h.requireSyntch();
    const arb = fc.tuple(validCustomer(), fc.constantFrom(...formats));
    await runProperty(
      h,
      'a generated valid customer',
      arb,
      async ([value, format]) => {
        const c: CustomerCase = { clause: 'put-customer/response/status-200', description: 'a valid customer', expect: 'accepted', value };
        const request = h.customerRequest(c, { format });
        const exchange = await h.send(request);
        return { findings: judgeCase(exchange, c, s.customerKey), request, exchange };
      },
      ([value, format]) => `${format.toUpperCase()} ${JSON.stringify(value)}`,
      'put-customer/response/status-200',
    );
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });

  it('generated violations are rejected (negative_data_rejection)', async () => {
    const before = mustFailures(h);
    const s = h.requireSyntch();
    await runProperty(
      h,
      'a generated violation',
      fc.tuple(violatingCustomer(), fc.constantFrom(...formats)),
      async ([c, format]) => {
        const request = h.customerRequest(c, { format });
        const exchange = await h.send(request);
        return { findings: judgeCase(exchange, c, s.customerKey), request, exchange };
      },
      ([c, format]) => `${c.description} (${c.clause}), ${format.toUpperCase()}: ${JSON.stringify(c.pathKey !== undefined ? { pathKey: c.pathKey } : c.value)}`,
      'put-customer/response/status-200',
    );
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });
});
