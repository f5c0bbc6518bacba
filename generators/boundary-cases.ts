/**
 * The deterministic boundary catalogue (Schemathesis' coverage phase): run every time, whatever the
 * seed, so a boundary fault is found at any seed. For every string member at every location:
 * lengths max-1, max (ASCII, non-ASCII and astral), max+1 and far beyond, 1 and blank where
 * required; every optional member absent, nil and empty; every allowable value accepted and
 * near-misses rejected; every required member removed; every address layout; bad path keys.
 * Each case is named for what it shows ("CustomerName of exactly 100 characters is accepted").
 */
import { baselineCustomer } from './baseline.ts';
import type { CustomerCase } from './customer-case.ts';
import { MUTATIONS } from './mutations/index.ts';

export interface BoundaryCase extends CustomerCase {
  /** Stable name, unique in the catalogue: the description and the expectation. */
  readonly name: string;
}

let catalogue: readonly BoundaryCase[] | undefined;

/**
 * The boundary catalogue: every mutation's boundary cases, applied to the baseline customer. The
 * same every time (no seed), so built once per process and frozen — a run asks for it several
 * times (its suite's case clauses, the suite itself), and the self-check runs it 170 times.
 */
export function boundaryCases(): BoundaryCase[] {
  catalogue ??= deepFreeze(buildCatalogue());
  return [...catalogue];
}

function buildCatalogue(): BoundaryCase[] {
  const base = baselineCustomer();
  const cases: BoundaryCase[] = [];
  for (const m of MUTATIONS) {
    for (const p of m.boundary) {
      const c = m.apply(base, p);
      cases.push({ ...c, name: `${c.description} is ${c.expect}` });
    }
  }
  return cases;
}

/** `value` and everything reachable from it, frozen: a case shared by every run cannot be changed by one. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
