/**
 * Text whose length, counted in UTF-16 code units as .NET's string.Length counts it
 * (docs/INTERPRETING.md §lengths; clauses `…/max-length`), lies within the given bounds.
 */
import fc from 'fast-check';

export interface BoundedTextConstraints {
  /** Minimum length in UTF-16 code units. Default 0. */
  readonly minLength?: number;
  /** Maximum length in UTF-16 code units. */
  readonly maxLength: number;
  /** Never produce a string that is empty or whitespace-only (required members). Default false. */
  readonly nonBlank?: boolean;
  /** Allow leading and trailing spaces (optional members only). Default false. */
  readonly edgeSpaces?: boolean;
  /** Allow astral-plane characters (two code units each). Default true. */
  readonly astral?: boolean;
}

/** Character pools, each a realistic source of trouble for a gateway. */
export const TEXT_POOLS = {
  ascii: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-/#@()+',
  accented: 'àáâãäåçèéêëìíîïñòóôõöøùúûüýÿßÀÉÎÕÜÇÑÆŒ',
  cjk: '中文字測試日本語漢字한국어',
  /** Characters XML must escape, the CDATA terminator, and text shaped like entity references. */
  xml: ['&', '<', '>', '"', "'", ']]>', ';', '&amp;', '&#65;', '&lt;'],
  /** Astral-plane characters: one code point, two UTF-16 code units each. */
  astral: ['😀', '𝄞', '🏦', '𠀋'],
} as const;

const unitOf = (s: string): fc.Arbitrary<string> => fc.constantFrom(...s);

function tokenArbitrary(astral: boolean): fc.Arbitrary<string> {
  const pools = [
    { weight: 8, arbitrary: unitOf(TEXT_POOLS.ascii) },
    { weight: 2, arbitrary: unitOf(TEXT_POOLS.accented) },
    { weight: 1, arbitrary: unitOf(TEXT_POOLS.cjk) },
    { weight: 1, arbitrary: fc.constantFrom(...TEXT_POOLS.xml) },
  ];
  if (astral) pools.push({ weight: 1, arbitrary: fc.constantFrom(...TEXT_POOLS.astral) });
  return fc.oneof(...pools);
}

/**
 * Joins tokens, cycling through them, up to exactly `target` code units; never splits a surrogate
 * pair or the `]]>` sequence; pads with ASCII when no token fits the remainder.
 */
function fit(tokens: readonly string[], target: number): string {
  let out = '';
  let progressed = tokens.length > 0;
  while (progressed && out.length < target) {
    progressed = false;
    for (const t of tokens) {
      if (out.length + t.length > target) continue;
      out += t;
      progressed = true;
    }
  }
  const pad = TEXT_POOLS.ascii.replace(' ', '');
  for (let i = 0; out.length < target; i++) out += pad[i % pad.length];
  return out;
}

export function boundedText(constraints: BoundedTextConstraints): fc.Arbitrary<string> {
  const min = Math.max(constraints.minLength ?? 0, constraints.nonBlank ? 1 : 0);
  const max = constraints.maxLength;
  if (min > max) throw new Error(`boundedText: minLength ${min} > maxLength ${max}`);
  const target = fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min, max }) },
    { weight: 1, arbitrary: fc.constant(max) },
    { weight: 1, arbitrary: fc.constant(min) },
  );
  const edges = constraints.edgeSpaces ? fc.tuple(fc.boolean(), fc.boolean()) : fc.constant([false, false] as [boolean, boolean]);
  return fc.tuple(target, fc.array(tokenArbitrary(constraints.astral ?? true), { maxLength: max }), edges).map(([len, tokens, [lead, trail]]) => {
    let s = fit(tokens, len);
    if (lead && s.length > 0) s = isHighSurrogate(s.charCodeAt(0)) ? `  ${s.slice(2)}` : ` ${s.slice(1)}`;
    if (trail && s.length > 1 && !isHighSurrogate(s.charCodeAt(s.length - 2))) s = `${s.slice(0, -1)} `;
    if (!constraints.edgeSpaces) s = unspaceEdges(s);
    if (constraints.nonBlank && s.trim() === '') s = s.length > 0 ? `A${s.slice(1)}` : s;
    return s;
  });
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Replaces leading/trailing spaces by a letter, keeping the length. */
function unspaceEdges(s: string): string {
  return s.replace(/^ +/, (m) => 'x'.repeat(m.length)).replace(/ +$/, (m) => 'x'.repeat(m.length));
}
