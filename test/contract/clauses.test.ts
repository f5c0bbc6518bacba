/** Clause metadata is checked, not trusted (test262 lints its frontmatter the same way). */
import { describe, expect, it } from 'vitest';
import { ALL_CLAUSES } from '../../contract/index.ts';

describe('clause metadata', () => {
  it('ids are unique', () => {
    const ids = ALL_CLAUSES.map((c) => c.id);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it.each(ALL_CLAUSES.map((c) => [c.id, c] as const))('%s is well-formed', (id, c) => {
    expect(id).toMatch(/^(put-customer|mark-customer-as-synchronized)(\/[a-z0-9]+(-[a-z0-9]+)*)+$/);
    expect(id.startsWith(`${c.operation}/`)).toBe(true);
    expect(['MUST', 'SHOULD']).toContain(c.level);
    expect(c.title.length).toBeGreaterThan(10);
    expect(c.quote.length).toBeGreaterThan(5);
    if (c.source !== 'seed') expect(c.evidence, `${id}: a clause not stated by the seed names its evidence`).toBeTruthy();
  });

  // That every section a clause cites exists, in INTERPRETING.md or PLATFORM-NOTES.md: evidence.test.ts.

  it('a clause no black-box test can observe says why', () => {
    const unobservable = ALL_CLAUSES.filter((c) => c.unobservable !== undefined);
    for (const c of unobservable) expect(c.unobservable!.length).toBeGreaterThan(20);
    expect(unobservable.map((c) => c.id)).toEqual(['mark-customer-as-synchronized/effect/last-sync-recorded']);
  });
});
