/** The whole contract: every clause of both operations, looked up by id. */
import * as putCustomer from './put-customer.ts';
import * as markCustomer from './mark-customer-as-synchronized.ts';
import type { Clause } from './types.ts';

export { putCustomer, markCustomer };
export type { Clause } from './types.ts';

export const ALL_CLAUSES: readonly Clause[] = [...putCustomer.CLAUSES, ...markCustomer.CLAUSES];

const BY_ID = new Map(ALL_CLAUSES.map((c) => [c.id, c]));

export function clause(id: string): Clause {
  const c = BY_ID.get(id);
  if (!c) throw new Error(`contract: no clause ${id}`);
  return c;
}

export function hasClause(id: string): boolean {
  return BY_ID.has(id);
}
