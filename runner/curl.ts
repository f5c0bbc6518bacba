/**
 * A `curl` command that reproduces a request, with every configured secret — in any form it takes
 * in the request: as configured, its token, XML- or JSON-escaped, URL- or base64-encoded (see
 * lib/secrets.ts) — replaced by a shell expression on its environment variable
 * (`"$SYNTCH_AUTHORIZATION"`, `"$(printf %s "$EBIZ_PASSWORD" | sed …)"`), so it can be pasted
 * into a shell that has the variables and never shows a secret. Where the escaping is not one the
 * shell can redo simply, the expression names the variable unescaped (a placeholder). Long runs of
 * one character are written as a printf expression to keep the command short; a streamed body (the
 * 64 MiB one) as the shell command that writes it.
 */
import { type HttpRequest, isStreamedBody } from '../lib/http/client.ts';
import { findSecrets, type Secrets, shellExpression } from '../lib/secrets.ts';

const LONG_RUN = 64;
/** A character repeated LONG_RUN times or more (matchAll copies it, so one instance serves every call). */
const LONG_RUN_RE = new RegExp(`([^\\n'\\\\])\\1{${LONG_RUN - 1},}`, 'gu');

/** One shell word for `text`: literal parts single-quoted, secrets as "$VAR" (or an expression on it), long runs as printf. */
export function shellWord(text: string, secrets: Secrets): string {
  if (text === '') return "''";
  type Part = { kind: 'literal' | 'secret' | 'run'; text: string; count?: number };
  let parts: Part[] = [];
  let last = 0;
  for (const m of findSecrets(text, secrets)) {
    parts.push({ kind: 'literal', text: text.slice(last, m.index) });
    parts.push({ kind: 'secret', text: shellExpression(m) });
    last = m.index + m.text.length;
  }
  parts.push({ kind: 'literal', text: text.slice(last) });
  parts = parts.flatMap((p) => {
    if (p.kind !== 'literal') return [p];
    const out: Part[] = [];
    let last = 0;
    for (const m of p.text.matchAll(LONG_RUN_RE)) {
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
      if (p.kind === 'secret') return p.text;
      if (p.kind === 'run') return `"$(printf '%${p.count}s' '' | sed 's/ /${p.text === '/' ? '\\/' : p.text === '&' ? '\\&' : p.text}/g')"`;
      return `'${p.text.replace(/'/g, `'\\''`)}'`;
    })
    .join('');
}

export function curlCommand(req: HttpRequest, secrets: Secrets): string {
  const lines = [`curl -sS -i -X ${req.method} ${shellWord(req.url, secrets)}`];
  for (const [name, value] of Object.entries(req.headers)) lines.push(`  -H ${shellWord(`${name}: ${value}`, secrets)}`);
  if (isStreamedBody(req.body)) {
    // A streamed body (64 MiB) is written by the shell command it describes, never spelled out.
    const write = req.body.shell?.((text) => shellWord(text, secrets)) ?? `head -c ${req.body.length} /dev/zero`;
    lines.push(`  --data-binary @<(${write})`);
  } else if (req.body !== undefined) lines.push(`  --data-binary ${bodyArgument(req.body, secrets)}`);
  return lines.join(' \\\n');
}

/**
 * The `--data-binary` argument: text (and bytes that are UTF-8) as one word; other bytes (a
 * Latin-1 body, say) through bash process substitution, printable ASCII as it is and every other
 * byte as an octal escape, with each secret found in the bytes (as the UTF-8 bytes of any of its
 * forms) printed from its variable.
 */
export function bodyArgument(body: string | Uint8Array, secrets: Secrets): string {
  if (typeof body === 'string') return shellWord(body, secrets);
  try {
    return shellWord(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), secrets);
  } catch {
    // not UTF-8: byte by byte below
  }
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
  const asBytes: [string, string][] = secrets.map(([value, variable]) => [Buffer.from(value, 'utf8').toString('latin1'), variable]);
  const commands: string[] = [];
  let last = 0;
  const literal = (text: string) => {
    if (text === '') return;
    const escaped = [...text].map((c) => (c >= ' ' && c <= '~' && c !== "'" && c !== '\\' && c !== '%' ? c : `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`)).join('');
    commands.push(`printf '${escaped}'`);
  };
  for (const m of findSecrets(bytes, asBytes)) {
    literal(bytes.slice(last, m.index));
    commands.push(`printf %s ${shellExpression(m)}`);
    last = m.index + m.text.length;
  }
  literal(bytes.slice(last));
  return `@<(${commands.join('; ')})`;
}
