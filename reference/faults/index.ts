/**
 * Fault injection for the reference gateway: named, realistic deviations from the contract, each
 * tied to the clause(s) it breaks. `startReferenceGateway({ fault: 'name' })` (and
 * `npm run reference -- --fault name`) runs the reference with one of them, so the project's tests
 * can show that every check fails on a gateway that breaks its clause.
 *
 * The hooks a fault may set: ./hooks.ts. The hand-written faults: ./catalogue.ts (hook bodies in
 * ./helpers.ts). One fault per field clause, derived from the contract: ./derive.ts.
 */
import { HAND_WRITTEN } from './catalogue.ts';
import { derivedFieldFaults } from './derive.ts';
import type { Fault } from './hooks.ts';

export type { Fault, FaultHooks } from './hooks.ts';

/** Every fault: the hand-written ones, then one per field clause. */
export const FAULTS: readonly Fault[] = [...HAND_WRITTEN, ...derivedFieldFaults()];

const BY_NAME = new Map(FAULTS.map((f) => [f.name, f]));
if (BY_NAME.size !== FAULTS.length) throw new Error('faults: two faults share a name');

export function fault(name: string): Fault {
  const f = BY_NAME.get(name);
  if (!f) throw new Error(`unknown fault '${name}'; known: ${FAULTS.map((x) => x.name).join(', ')}`);
  return f;
}
