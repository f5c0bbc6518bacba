/**
 * Did-you-mean, for every name a user types (a setting, an option, a command, a suite, a check, a
 * clause id, a fault, a dialect): the known names closest to a mistyped one.
 */

/** The candidates closest to `word` (Damerau-Levenshtein, case-insensitive), when one is close enough; ties all returned. */
export function nearest(word: string, candidates: readonly string[], within = Math.max(2, Math.floor(word.length / 4))): string[] {
  const scored = candidates.map((c) => [c, distance(word.toLowerCase(), c.toLowerCase())] as const).filter(([, d]) => d <= within);
  const best = Math.min(...scored.map(([, d]) => d));
  return scored.filter(([, d]) => d === best).map(([c]) => c);
}

/** ` — did you mean a or b?` or nothing. */
export function didYouMean(word: string, candidates: readonly string[], within?: number): string {
  const near = nearest(word, candidates, within);
  return near.length ? ` — did you mean ${near.join(' or ')}?` : '';
}

/** Damerau-Levenshtein distance, optimal string alignment variant. */
export function distance(a: string, b: string): number {
  const w = b.length + 1;
  const d = new Array<number>((a.length + 1) * w).fill(0);
  for (let i = 0; i <= a.length; i++) d[i * w] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * w + j]! + 1, d[i * w + j - 1]! + 1, d[(i - 1) * w + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * w + j - 2]! + 1);
      d[i * w + j] = v;
    }
  }
  return d[a.length * w + b.length]!;
}
