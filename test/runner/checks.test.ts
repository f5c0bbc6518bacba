/** The check registry: named checks, each declaring the clauses it judges; suites compose them by name. */
import { describe, expect, it } from 'vitest';
import { CHECKS, CHECK_NAMES, EVERY_EXCHANGE_CHECKS, checksFor, isCheckName } from '../../checks/registry.ts';
import { ALL_CLAUSES } from '../../contract/index.ts';
import { SUITES } from '../../suites/index.ts';

describe('the check registry', () => {
  it('every check is named in snake_case under its registry key, describes itself and declares clauses', () => {
    for (const name of CHECK_NAMES) {
      const check = CHECKS[name];
      expect(check.name, name).toBe(name);
      expect(name).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
      expect(check.description.length, name).toBeGreaterThan(20);
      expect(check.clauses.length, name).toBeGreaterThan(0);
    }
  });

  it('every clause a black-box test can observe is judged by at least one check', () => {
    expect(ALL_CLAUSES.filter((c) => !c.unobservable && checksFor(c.id).length === 0).map((c) => c.id)).toEqual([]);
  });

  it('every check is applied by at least one suite (or by the runner to every exchange), and suites name only registered checks', () => {
    const used = new Set([...SUITES.flatMap((s) => s.checks), ...EVERY_EXCHANGE_CHECKS]);
    expect(CHECK_NAMES.filter((n) => !used.has(n))).toEqual([]);
    for (const s of SUITES) for (const c of s.checks) expect(isCheckName(c), `${s.name} → ${c}`).toBe(true);
  });

  it('suite names are unique and kebab-case', () => {
    expect(new Set(SUITES.map((s) => s.name)).size).toBe(SUITES.length);
    for (const s of SUITES) expect(s.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('isCheckName tells registered names from others', () => {
    expect(isCheckName('negative_data_rejection')).toBe(true);
    expect(isCheckName('negative-data-rejection')).toBe(false);
    expect(isCheckName('toString')).toBe(false);
  });
});
