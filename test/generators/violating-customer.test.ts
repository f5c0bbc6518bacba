/**
 * violatingCustomer(): exactly one clause broken, labelled right, rejected by the reference with
 * the labelled FieldName, reproducible, and still violating the same clause after shrinking.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClauseId } from '../../contract/index.ts';
import type { CustomerCase } from '../../generators/customer-case.ts';
import { VIOLABLE_CLAUSES, violatingCustomer } from '../../generators/violating-customer.ts';
import { validatePutCustomer } from '../../reference/rest/validate.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import { namesField, sendCustomerCase } from '../helpers/send.ts';

const SEED = 2;

/**
 * Clauses the reference's validator does not report as a field error, because the reference
 * refuses them earlier (deserialization, binding) — the gateway tests below cover those.
 */
const NOT_VALIDATOR_ERRORS = new Set([
  'put-customer/customer-key/int32',
  'put-customer/activation-status/allowed-values',
  'put-customer/activation-status/exact-case',
]);

/** Offline: the reference validator finds exactly the labelled error and no other. */
function violatesOnlyItsClause(v: CustomerCase): boolean {
  if (NOT_VALIDATOR_ERRORS.has(v.clause)) return true;
  const errors = validatePutCustomer(v.value);
  return errors.length === 1 && [v.fieldPath, ...(v.alsoAcceptedFieldNames ?? [])].includes(errors[0]!.fieldName);
}

describe('violatingCustomer', () => {
  it('labels every violation with a clause of the contract, a description and (but for the path key) a FieldName', () => {
    fc.assert(
      fc.property(violatingCustomer(), (v) => isClauseId(v.clause) && v.expect === 'rejected' && v.description.length > 0 && (v.pathKey !== undefined || v.fieldPath !== undefined)),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('breaks exactly the labelled clause and no other', () => {
    fc.assert(fc.property(violatingCustomer(), violatesOnlyItsClause), { seed: SEED, numRuns: 3000 });
  });

  it('reaches every clause a request can break', () => {
    const seen = new Set(fc.sample(violatingCustomer(), { seed: SEED, numRuns: 4000 }).map((v) => v.clause));
    expect([...seen].sort()).toEqual([...VIOLABLE_CLAUSES].sort());
  });

  it('can be restricted to some clauses', () => {
    const only = ['put-customer/either-address'];
    expect(new Set(fc.sample(violatingCustomer({ clauses: only }), { seed: SEED, numRuns: 50 }).map((v) => v.clause))).toEqual(new Set(only));
    expect(() => violatingCustomer({ clauses: ['put-customer/response/echo'] })).toThrow(/no violation/);
  });

  it('is reproducible from a seed', () => {
    expect(fc.sample(violatingCustomer(), { seed: 99, numRuns: 30 })).toEqual(fc.sample(violatingCustomer(), { seed: 99, numRuns: 30 }));
  });

  it.each(Array.from({ length: 12 }, (_, i) => 1000 + i))('shrinking keeps violating the same clause (seed %i)', (seed) => {
    const seen: CustomerCase[] = [];
    const result = fc.check(
      fc.property(violatingCustomer(), (v) => {
        seen.push(v);
        return false; // every value "fails", so fast-check shrinks all the way down
      }),
      { seed, numRuns: 1 },
    );
    expect(result.failed).toBe(true);
    expect(seen.length).toBeGreaterThan(1);
    const clause = seen[0]!.clause;
    for (const v of seen) {
      expect(v.clause).toBe(clause);
      expect(violatesOnlyItsClause(v), `${v.description} still violates ${clause}`).toBe(true);
    }
  });
});

describe('against the reference gateway', () => {
  let gw: ReferenceGateway;
  beforeAll(async () => {
    gw = await startReferenceGateway();
  });
  afterAll(() => gw.close());

  it.each(['xml', 'json'] as const)('every violation sent as %s is rejected with 400 naming the labelled member', async (format) => {
    await fc.assert(
      fc.asyncProperty(violatingCustomer(), async (v) => {
        const res = await sendCustomerCase(gw, v, format);
        return res.status === 400 && namesField(v, res);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
