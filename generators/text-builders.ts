/** Deterministic text of a given length in UTF-16 code units, for the boundary cases. */

/** Deterministic text of exactly `units` UTF-16 code units from the characters of `pattern`. */
export function textOfLength(units: number, pattern: string): string {
  let out = '';
  const chars = [...pattern];
  for (let i = 0; out.length < units; i++) {
    const c = chars[i % chars.length]!;
    out += out.length + c.length <= units ? c : 'x';
  }
  return out;
}

/** `units` code units in as few code points as astral characters allow: `floor(units/2)` astral plus a letter if odd. */
export function astralTextOfLength(units: number): string {
  return '😀'.repeat(Math.floor(units / 2)) + (units % 2 ? 'x' : '');
}
