/**
 * Ids as GUIDs (docs/INTERPRETING.md §soap-success): the configured customerInternalId in another
 * case addresses the same customer — SHOULD (`request/customer-internal-id-any-case`); a gateway
 * that looks ids up as exact strings warns, and only under that clause.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURES } from '../../reference/fixtures.ts';
import { runConformance } from '../../runner/run.ts';
import { embeddedReference, type ReferenceGatewayOptions } from '../../reference/embedded.ts';

const env = { CONFORMANCE_SEED: '17', CONFORMANCE_RUNS: '5' };
const run = (reference: ReferenceGatewayOptions = {}) => runConformance({ env, log: () => undefined, suites: ['mark-customer'], embedded: embeddedReference(reference) });
const CLAUSE = 'mark-customer-as-synchronized/request/customer-internal-id-any-case';

describe('the customerInternalId in another case', () => {
  it('marks the same customer on the reference', async () => {
    expect((await run()).clauses.find((c) => c.clause.id === CLAUSE)!.status).toBe('passed');
  });

  it('a case-sensitive lookup warns under this clause only, never under the MUST response clauses', async () => {
    const o = await run({ fault: 'customer-internal-id-case-sensitive' });
    expect(o.exitCode).toBe(0);
    expect(o.clauses.filter((c) => c.status === 'failed' || c.status === 'warning').map((c) => c.clause.id)).toEqual([CLAUSE]);
  });

  it('an id with no letters has no other case: not applicable', async () => {
    const fixtures = { ...DEFAULT_FIXTURES, soap: { ...DEFAULT_FIXTURES.soap, customers: [{ customerInternalId: '12345678-1234-4234-8234-123456789012', customerId: 'CUST-009' }, ...DEFAULT_FIXTURES.soap.customers] } };
    const o = await run({ fixtures });
    expect(o.clauses.find((c) => c.clause.id === CLAUSE)).toMatchObject({ status: 'not-applicable', reason: expect.stringMatching(/no letters/) });
  });
});
