/** Near-misses of an allowable-value list: the rejected cases of an `…/allowed-values` clause. */
import fc from 'fast-check';
import { UPPER_LATIN } from '../alphabets.ts';

/**
 * Values near an allowable-value list but not in it: wrong case, one character short (an alpha-2
 * country for an alpha-3 one), the next code of the same shape, surrounding spaces, empty.
 * For enums (read at deserialization) wrong case is its own clause and spaces are left out.
 */
export function nearMisses(allowed: readonly string[], isEnum: boolean): { boundary: string[]; arbitrary: fc.Arbitrary<string> } {
  const inList = (v: string) => allowed.includes(v) || (isEnum && allowed.some((a) => a.toLowerCase() === v.toLowerCase()));
  const next = (v: string): string => {
    for (let s = successor(v); s !== v; s = successor(s)) if (!inList(s)) return s;
    return `${v}X`;
  };
  const shapes = [...new Set(allowed.map((v) => v.length))];
  const variants = (v: string): string[] => [
    ...(isEnum ? [] : [v.toLowerCase(), ` ${v}`, `${v} `]),
    v.slice(0, -1),
    next(v),
    `${v}X`,
  ];
  // Always the next code of the same shape (`AM` for the state codes): a gateway that accepts any
  // value of the right shape is caught at every seed, not only when the property happens to draw one.
  const boundary = [...new Set([...variants(allowed[0]!).slice(0, isEnum ? 2 : 5), ''])].filter((v) => !inList(v));
  const sameShape = fc.constantFrom(...shapes).chain((n) => fc.string({ unit: fc.constantFrom(...UPPER_LATIN), minLength: n, maxLength: n }));
  const arbitrary = fc
    .oneof(fc.constantFrom(...allowed).chain((v) => fc.constantFrom(...variants(v))), sameShape, fc.constant(''))
    .filter((v) => !inList(v));
  return { boundary, arbitrary };
}

/** The next string of the same length in A–Z order (`AK` → `AL`, `YT` → `YU`). */
function successor(v: string): string {
  const chars = [...v];
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i]!;
    if (c >= 'A' && c < 'Z') {
      chars[i] = String.fromCharCode(c.charCodeAt(0) + 1);
      return chars.join('');
    }
    if (c === 'Z') chars[i] = 'A';
  }
  return chars.join('');
}
