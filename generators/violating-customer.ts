/**
 * A valid customer with exactly one clause broken, labelled with that clause and the FieldName a
 * gateway should name: each maximum length at max+1 and beyond, each required member missing
 * (absent or nil) or blank, each allowable-value list with near-misses, ActivationStatus in the
 * wrong case, neither address, a path key that is not a 32-bit integer, astral text over the
 * limit. Every rejected mutation of {@link MUTATIONS} is one branch; shrinking stays within the
 * branch, so a shrunk violation still breaks the same clause.
 */
import fc from 'fast-check';
import type { ClauseId } from '../contract/index.ts';
import type { CustomerCase } from './customer-case.ts';
import { MUTATIONS } from './mutations/index.ts';
import { validCustomer } from './valid-customer.ts';

export interface ViolatingCustomerConstraints {
  /** Only violations of these clause ids. Default: every clause a request can break. */
  readonly clauses?: readonly string[];
}

/** The clause ids a single request body or path can break. */
export const VIOLABLE_CLAUSES: readonly ClauseId[] = [...new Set(MUTATIONS.filter((m) => m.expect === 'rejected').map((m) => m.clause))];

export function violatingCustomer(constraints: ViolatingCustomerConstraints = {}): fc.Arbitrary<CustomerCase> {
  const wanted = constraints.clauses ? new Set(constraints.clauses) : undefined;
  // One valid-customer arbitrary for every branch: an arbitrary holds no state (the values come
  // from the random stream), and building one per branch cost a fifth of a second per call.
  const valid = validCustomer();
  const branches = MUTATIONS.filter((m) => m.expect === 'rejected' && (!wanted || wanted.has(m.clause))).map((m) => {
    if (!m.param) throw new Error(`mutation for ${m.clause} has no parameter arbitrary`);
    return fc.tuple(valid, m.param).map(([base, p]) => m.apply(base, p));
  });
  if (branches.length === 0) throw new Error(`violatingCustomer: no violation for ${[...(wanted ?? [])].join(', ')}`);
  return fc.oneof(...branches);
}
