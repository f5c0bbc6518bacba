/**
 * PutCustomer inputs: the whole boundary catalogue (deterministic, every run), then generated
 * valid customers (positive_data_acceptance) and generated violations (negative_data_rejection),
 * in XML and — when the gateway takes it — JSON.
 */
import fc from 'fast-check';
import { boundaryCases } from '../generators/boundary-cases.ts';
import type { CustomerCase } from '../generators/customer-case.ts';
import type { BodyFormat } from '../generators/serialize.ts';
import { VALID_CUSTOMER_CLAUSE, validCustomer } from '../generators/valid-customer.ts';
import { VIOLABLE_CLAUSES, violatingCustomer } from '../generators/violating-customer.ts';
import { inBatchLane } from '../lib/http/lane.ts';
import { mapLimit } from '../lib/map-limit.ts';
import { runProperty } from './property.ts';
import { defineSuite } from './define.ts';
import { CUSTOMER_CASE_CHECKS, judgeCustomerCase, probeJsonBody } from './support.ts';

export const putCustomerInputs = defineSuite({
  name: 'put-customer-inputs',
  api: 'syntch',
  description: 'the boundary catalogue, generated valid customers and generated violations, in XML and JSON',
  checks: [...CUSTOMER_CASE_CHECKS, 'json_body_acceptance'],
  caseClauses: () => [...boundaryCases().map((c) => c.clause), VALID_CUSTOMER_CLAUSE, ...VIOLABLE_CLAUSES],
  async run(ctx) {
    ctx.plan(1);
    const formats: BodyFormat[] = (await probeJsonBody(ctx)) ? ['xml', 'json'] : ['xml'];

    const jobs = ctx.watchedFirst(
      formats.flatMap((format) => boundaryCases().filter((c) => (c.onlyIn ?? format) === format).map((c) => [c, format] as const)),
      ([c]) => c.clause,
    );
    ctx.plan(jobs.length + 2 * ctx.config.run.runs);
    // Three independent sets of requests, all at once (a gateway far away costs their round trips
    // once, not three times over), in the batch lane behind any suite's sequence (lib/http/lane.ts).
    await ctx.together(
      () =>
        inBatchLane(() =>
          mapLimit(jobs, ctx.concurrency, async ([c, format]) => {
            const request = ctx.customerRequest(c, { format });
            const exchange = await ctx.send(request);
            ctx.record(judgeCustomerCase(ctx, exchange, c), { request, exchange, counterexample: `${c.name} (${format.toUpperCase()})` });
          }),
        ),
      () =>
        runProperty(
          ctx,
          'a generated valid customer',
          fc.tuple(validCustomer(), fc.constantFrom(...formats)),
          async ([value, format]) => {
            const c: CustomerCase = { clause: VALID_CUSTOMER_CLAUSE, description: 'a valid customer', expect: 'accepted', value };
            const request = ctx.customerRequest(c, { format });
            const exchange = await ctx.send(request);
            return { findings: judgeCustomerCase(ctx, exchange, c), request, exchange };
          },
          ([value, format]) => `${format.toUpperCase()} ${JSON.stringify(value)}`,
        ),
      () =>
        runProperty(
          ctx,
          'a generated violation',
          fc.tuple(violatingCustomer(), fc.constantFrom(...formats)).map(([v, format]) => [v, v.onlyIn ?? format] as const),
          async ([c, format]) => {
            const request = ctx.customerRequest(c, { format });
            const exchange = await ctx.send(request);
            return { findings: judgeCustomerCase(ctx, exchange, c), request, exchange };
          },
          ([c, format]) => `${c.description} (${c.clause}), ${format.toUpperCase()}: ${JSON.stringify(c.pathKey !== undefined ? { pathKey: c.pathKey } : c.value)}`,
        ),
    );
  },
});
