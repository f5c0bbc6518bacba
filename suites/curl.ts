/**
 * A `curl` command that reproduces a request, with every configured secret replaced by a
 * reference to its environment variable (`"$SYNTCH_AUTHORIZATION"`), so it can be pasted into a
 * shell that has the variables and never shows a secret. Long runs of one character (the 1 MiB
 * body) are written as a printf expression to keep the command short.
 */
import type { HttpRequest } from '../lib/http/client.ts';

const LONG_RUN = 64;

/** One shell word for `text`: literal parts single-quoted, secrets as "$VAR", long runs as printf. */
export function shellWord(text: string, secrets: readonly (readonly [string, string])[]): string {
  if (text === '') return "''";
  type Part = { kind: 'literal' | 'secret' | 'run'; text: string; count?: number };
  let parts: Part[] = [{ kind: 'literal', text }];
  for (const [value, name] of secrets) {
    parts = parts.flatMap((p) => {
      if (p.kind !== 'literal' || !p.text.includes(value)) return [p];
      const pieces = p.text.split(value);
      return pieces.flatMap((piece, i) => (i === 0 ? [{ kind: 'literal' as const, text: piece }] : [{ kind: 'secret' as const, text: name }, { kind: 'literal' as const, text: piece }]));
    });
  }
  parts = parts.flatMap((p) => {
    if (p.kind !== 'literal') return [p];
    const out: Part[] = [];
    const re = new RegExp(`([^\\n'\\\\])\\1{${LONG_RUN - 1},}`, 'gu');
    let last = 0;
    for (const m of p.text.matchAll(re)) {
      out.push({ kind: 'literal', text: p.text.slice(last, m.index) });
      out.push({ kind: 'run', text: m[1]!, count: [...m[0]].length });
      last = m.index! + m[0].length;
    }
    out.push({ kind: 'literal', text: p.text.slice(last) });
    return out;
  });
  return parts
    .filter((p) => p.kind !== 'literal' || p.text !== '')
    .map((p) => {
      if (p.kind === 'secret') return `"$${p.text}"`;
      if (p.kind === 'run') return `"$(printf '%${p.count}s' '' | sed 's/ /${p.text === '/' ? '\\/' : p.text === '&' ? '\\&' : p.text}/g')"`;
      return `'${p.text.replace(/'/g, `'\\''`)}'`;
    })
    .join('');
}

export function curlCommand(req: HttpRequest, secrets: readonly (readonly [string, string])[]): string {
  const lines = [`curl -sS -i -X ${req.method} ${shellWord(req.url, secrets)}`];
  for (const [name, value] of Object.entries(req.headers)) lines.push(`  -H ${shellWord(`${name}: ${value}`, secrets)}`);
  if (req.body !== undefined) lines.push(`  --data-binary ${shellWord(req.body, secrets)}`);
  return lines.join(' \\\n');
}
