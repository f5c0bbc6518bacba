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
import { findSecrets, type SecretPair, type Secrets, shellExpression } from '../lib/secrets.ts';
import { hasControls } from '../lib/untrusted-text.ts';

const LONG_RUN = 64;
/** A character repeated LONG_RUN times or more (matchAll copies it, so one instance serves every call). */
const LONG_RUN_RE = new RegExp(`([^\\p{Cc}\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ufffe\\uffff'\\\\])\\1{${LONG_RUN - 1},}`, 'gu');

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
      return quoteLiteral(p.text);
    })
    .join('');
}

/**
 * The URL argument. A URL built from a configured URL that holds secrets (a key in its query, see
 * lib/url.ts) is printed from that URL's variable, the route and the route's own query around it:
 * `"${SYNTCH_BASE_URL%%\?*}"'/customers/1?'"${SYNTCH_BASE_URL#*\?}"'&format=json'` — POSIX
 * expansions (the text before the first `?`, the text after it), used only when what they expand
 * to is the URL sent. Any other URL is a word like any text, its secrets from their variables.
 */
export function urlWord(url: string, secrets: Secrets): string {
  const bases = new Map<string, string>();
  for (const [, variable, part] of secrets) if (part) bases.set(variable, part.url);
  for (const [variable, base] of bases) {
    const word = fromVariable(url, variable, base, secrets);
    if (word !== undefined) return word;
  }
  return shellWord(url, secrets);
}

/** `url` as an expression on `variable` (whose value is `base`), or undefined when the expansion would not be `url`. */
function fromVariable(url: string, variable: string, base: string, secrets: Secrets): string | undefined {
  let sent: URL;
  let configured: URL;
  try {
    sent = new URL(url);
    configured = new URL(base);
  } catch {
    return undefined;
  }
  const basePath = configured.pathname.replace(/\/+$/, '');
  if (sent.origin !== configured.origin || !(sent.pathname === basePath || sent.pathname.startsWith(`${basePath}/`)) || !sent.search.startsWith(configured.search)) return undefined;
  const q = base.indexOf('?');
  const before = q < 0 ? base : base.slice(0, q);
  let route = sent.pathname.slice(basePath.length);
  if (before.endsWith('/') && route.startsWith('/')) route = route.slice(1);
  const after = sent.search.slice(configured.search.length);
  const expanded = q < 0 ? `${base}${route}${after}` : `${before}${route}?${base.slice(q + 1)}${after}`;
  try {
    if (new URL(expanded).href !== sent.href) return undefined;
  } catch {
    return undefined;
  }
  const literal = (text: string) => (text === '' ? '' : shellWord(text, secrets));
  if (q < 0) return `"$${variable}"${literal(route)}${literal(after)}`;
  return `"\${${variable}%%\\?*}"${literal(`${route}?`)}"\${${variable}#*\\?}"${literal(after)}`;
}

/** `##vso[`, which Azure Pipelines reads as a command anywhere in a line. */
const AZURE_COMMAND = /##vso\[/i;

/**
 * One literal part as a shell word. Single-quoted when it is printable; otherwise — a control
 * character (a line break, ESC, NUL, C1, a bidi control: lib/untrusted-text.ts) or `##vso[` —
 * in bash's ANSI-C quoting, each such character as the `\xHH` escapes of its UTF-8 bytes: bash
 * reads the word back to the same bytes, and the terminal (or a CI log) shows printable text only,
 * on one line.
 */
export function quoteLiteral(text: string): string {
  if (!hasControls(text) && !AZURE_COMMAND.test(text)) return `'${text.replace(/'/g, `'\\''`)}'`;
  let out = '';
  for (const ch of text) {
    if (ch === '\\' || ch === "'") out += `\\${ch}`;
    else if (hasControls(ch)) out += [...Buffer.from(ch, 'utf8')].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
    else out += ch;
  }
  return `$'${out.replace(/(##vso)\[/gi, '$1\\x5b')}'`;
}

export function curlCommand(req: HttpRequest, secrets: Secrets): string {
  const lines = [`curl -sS -i -X ${req.method} ${urlWord(req.url, secrets)}`];
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
 * Latin-1 body, say, or any body with a NUL) through bash process substitution, printable ASCII as it is and every other
 * byte as an octal escape, with each secret found in the bytes (as the UTF-8 bytes of any of its
 * forms) printed from its variable.
 */
export function bodyArgument(body: string | Uint8Array, secrets: Secrets): string {
  const latin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
  // A NUL cannot stand in a shell word: such a body is written byte by byte, as one that is not UTF-8.
  if (typeof body === 'string' && !body.includes('\0')) return shellWord(body, secrets);
  if (typeof body !== 'string') {
    try {
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
      if (!text.includes('\0')) return shellWord(text, secrets);
    } catch {
      // not UTF-8: byte by byte below
    }
  }
  const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const bytes = raw.toString('latin1');
  const asBytes: SecretPair[] = secrets.map(([value, variable, part]): SecretPair => (part ? [latin1(value), variable, part] : [latin1(value), variable]));
  const commands: string[] = [];
  let last = 0;
  const literal = (text: string) => {
    if (text === '') return;
    // `[` too, so no `##vso[` stands in the command.
    const escaped = [...text].map((c) => (c >= ' ' && c <= '~' && c !== "'" && c !== '\\' && c !== '%' && c !== '[' ? c : `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`)).join('');
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
