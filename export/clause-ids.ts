/**
 * `contract/clause-ids.ts`, generated from the contract data: every clause id as one string
 * literal union, so findings, faults, mutations, checks and the recorder take only ids the
 * contract has, and a typo is a compile error. `npm run contract:export` writes it; a test fails
 * when it drifts from the data.
 */
import { ALL_CLAUSES } from '../contract/index.ts';

export const CLAUSE_IDS_PATH = 'contract/clause-ids.ts';

export function generateClauseIds(): string {
  const lines = [
    '/**',
    ' * Every clause id of the contract, generated from the contract data by `npm run contract:export`',
    ' * (export/clause-ids.ts). Do not edit: change the clause in contract/ and export again;',
    ' * test/export/export.test.ts fails when this file drifts from the data.',
    ' */',
    'export const CLAUSE_IDS = [',
    ...ALL_CLAUSES.map((c) => `  '${c.id}',`),
    '] as const;',
    '',
    '/** A clause id the contract has. */',
    'export type ClauseId = (typeof CLAUSE_IDS)[number];',
    '',
  ];
  return lines.join('\n');
}
