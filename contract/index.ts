/** The whole contract: every clause of both operations, looked up by id. */
import { createHash } from 'node:crypto';
import * as putCustomer from './put-customer.ts';
import * as markCustomer from './mark-customer-as-synchronized.ts';
import { CLAUSE_IDS, type ClauseId } from './clause-ids.ts';
import type { Clause } from './types.ts';
import { didYouMean } from '../lib/did-you-mean.ts';

export { putCustomer, markCustomer };
export type { Clause, OperationId } from './types.ts';
export { CLAUSE_IDS, type ClauseId } from './clause-ids.ts';

export const ALL_CLAUSES: readonly Clause[] = [...putCustomer.CLAUSES, ...markCustomer.CLAUSES];

const BY_ID = new Map(ALL_CLAUSES.map((c) => [c.id, c]));

export function clause(id: ClauseId): Clause {
  const c = BY_ID.get(id);
  if (!c) throw new Error(`contract: no clause ${id} (run \`npm run contract:export\`)`);
  return c;
}

const IDS: ReadonlySet<string> = new Set(CLAUSE_IDS);

/** Narrows a string read from outside (a CLI argument, a file) to a clause id. */
export function isClauseId(id: string): id is ClauseId {
  return IDS.has(id);
}

/** ` (did you mean …?)` for the clause ids closest to a mistyped one, or ''. */
export function clauseSuggestion(id: string): string {
  return didYouMean(id, CLAUSE_IDS, Math.max(3, Math.floor(id.length / 5)));
}

/**
 * A hash of the contract data (every clause and every message type of both operations): a report
 * names it, so two reports can be told apart when the contract they were judged by changed.
 */
export const CONTRACT_HASH: string = createHash('sha256')
  .update(JSON.stringify({ clauses: ALL_CLAUSES, putCustomer: putCustomer.TYPES, markCustomer: markCustomer.TYPES }))
  .digest('hex');
