/**
 * Every way the suite changes one member of a valid customer, derived from the contract: for
 * each member at each location, the values on both sides of each of its clauses. A mutation
 * knows the clause it exercises, whether the result must be accepted or rejected, the FieldName a
 * gateway should name, the values the deterministic boundary catalogue always sends, and (for
 * rejections) an arbitrary of further values for random generation.
 *
 * `violatingCustomer()` and `boundaryCases()` both read this list, so a rule is written once.
 */
import { MEMBER_SITES } from '../locations.ts';
import type { Mutation } from '../customer-case.ts';
import { customerMutations } from './customer-rules.ts';
import { siteMutations } from './field-rules.ts';

/** Every mutation of the contract: each member at each location, then the customer-wide rules. */
export const MUTATIONS: readonly Mutation[] = [...MEMBER_SITES.flatMap(siteMutations), ...customerMutations()];
