/** The clauses a PutCustomer request case can carry: read from the mutation catalogue, never listed. */
import type { ClauseId } from '../../contract/index.ts';
import { MUTATIONS } from '../../generators/mutations/index.ts';

export const INPUT_CLAUSES: readonly ClauseId[] = [...new Set(MUTATIONS.map((m) => m.clause)), 'put-customer/response/status-200'];
