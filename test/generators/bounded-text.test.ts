import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEXT_POOLS, boundedText } from '../../generators/bounded-text.ts';

const SEED = 20261124;

describe('boundedText', () => {
  it.each([1, 2, 3, 25, 30, 50, 100])('produces only well-formed strings of at most %i UTF-16 units', (max) => {
    fc.assert(
      fc.property(boundedText({ maxLength: max, edgeSpaces: true }), (s) => s.length <= max && s.isWellFormed()),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('a non-blank string is never empty or whitespace-only, and has no edge spaces', () => {
    fc.assert(
      fc.property(boundedText({ maxLength: 10, nonBlank: true }), (s) => s.length >= 1 && s.trim() === s && s.trim() !== ''),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('respects minLength', () => {
    fc.assert(fc.property(boundedText({ minLength: 7, maxLength: 9 }), (s) => s.length >= 7 && s.length <= 9), { seed: SEED, numRuns: 500 });
  });

  it('reaches the maximum, the minimum and every character pool', () => {
    const xs = fc.sample(boundedText({ maxLength: 50, edgeSpaces: true }), { seed: SEED, numRuns: 2000 });
    const all = xs.join('');
    expect(xs.some((s) => s.length === 50)).toBe(true);
    expect(xs.some((s) => s.length === 0)).toBe(true);
    expect(xs.some((s) => s.startsWith(' ') || s.endsWith(' '))).toBe(true);
    for (const c of [...TEXT_POOLS.accented.slice(0, 5), '中', ...TEXT_POOLS.xml, ...TEXT_POOLS.astral]) expect(all, c).toContain(c);
  });

  it('without astral characters there is no surrogate', () => {
    fc.assert(fc.property(boundedText({ maxLength: 40, astral: false }), (s) => !/[\uD800-\uDFFF]/.test(s)), { seed: SEED, numRuns: 500 });
  });

  it('is reproducible from a seed', () => {
    const a = fc.sample(boundedText({ maxLength: 30 }), { seed: 42, numRuns: 50 });
    const b = fc.sample(boundedText({ maxLength: 30 }), { seed: 42, numRuns: 50 });
    expect(a).toEqual(b);
    expect(fc.sample(boundedText({ maxLength: 30 }), { seed: 43, numRuns: 50 })).not.toEqual(a);
  });

  it('rejects impossible bounds', () => {
    expect(() => boundedText({ minLength: 5, maxLength: 4 })).toThrow(/minLength 5 > maxLength 4/);
  });
});
