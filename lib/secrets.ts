/**
 * Secrets in every form they can take in output (docs/INTERPRETING.md §secrets).
 *
 * A configured secret is a [value, variable] pair. A gateway or a report format rarely shows the
 * value as it was configured: it may echo the Authorization header URL-encoded or base64-encoded,
 * an XML or HTML writer turns `"<&>` into entities, a JSON writer into `\"` or `\u003c`. So each
 * secret gives a few *literal forms*:
 *
 * - the value itself;
 * - for an `<scheme> <token>` value (`Bearer abc…`, `Basic dXNl…`): the token alone, and for
 *   `Basic`, the `user:password` it decodes to and the password;
 * - base64 of each of these (standard and url-safe alphabet, with and without padding);
 *
 * and every literal form is matched through every escaping a text can carry it in: XML/HTML
 * entities (named, decimal, hexadecimal), JSON escapes (`\"`, `\\`, `\/`, `\n`, `\uXXXX`) and
 * URL encoding (`%XX` of the UTF-8 bytes, `+` for a space), each character independently, so a
 * mixture of escaped and plain characters is found too. Longer forms are matched first, so a
 * secret inside another is masked as the outer one.
 *
 * Derived forms shorter than {@link MIN_DERIVED_LENGTH} characters are not masked (they would
 * mask unrelated text); the configured value is masked whatever its length.
 */
import { escapeXmlText } from './xml/text.ts';

/**
 * A secret that is one part of its variable's value (a query value or the user name or password
 * of a configured URL): masked as `[PART in VARIABLE]`, printed in a shell by `shell`, an
 * expression on the variable that yields it.
 */
export interface SecretPart {
  /** What the part is: `code` (a query parameter's name), `user`, `password`. Plain text: no `"'<>&\\`. */
  readonly part: string;
  /** A POSIX shell expression (one word) that yields the part from the variable. */
  readonly shell: string;
  /** The variable's whole value, the URL the part comes from (curl reproductions print that URL from the variable). */
  readonly url: string;
}

export type SecretPair = readonly [value: string, variable: string, part?: SecretPart];
export type Secrets = readonly SecretPair[];

/** Derived forms (token, base64, decoded credentials) shorter than this are not masked. */
export const MIN_DERIVED_LENGTH = 4;

/** How one literal form is derived from the variable's value. */
type Derivation = 'value' | 'token' | 'credentials' | 'password' | 'part';
type Base64Kind = 'base64' | 'base64-unpadded' | 'base64url' | 'base64url-unpadded';

export interface SecretForm {
  readonly variable: string;
  /** The literal text (before any escaping). */
  readonly literal: string;
  readonly derivation: Derivation;
  readonly base64?: Base64Kind;
  /** What replaces the form in reports and terminal output: no `"'<>&\` so it is neutral in every format. */
  readonly mask: string;
  /** A POSIX shell expression (one word, safe inside a double-quoted context) that yields `literal` from the variable. */
  readonly shell: string;
}

/** Secret values with the variable that holds each, longest first; empty and unset variables are left out. */
export function secretPairs(env: Readonly<Record<string, string | undefined>>, variables: readonly string[]): [value: string, variable: string][] {
  const out: [string, string][] = [];
  for (const name of variables) {
    const v = env[name]?.trim();
    if (v) out.push([v, name]);
  }
  return out.sort((a, b) => b[0].length - a[0].length);
}

const SCHEME = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*) (\S(?:.*\S)?)$/s;

/** Every literal form of every secret, longest first, each literal once (the first secret to give it wins). */
export function secretForms(secrets: Secrets): SecretForm[] {
  const forms: SecretForm[] = [];
  const seen = new Set<string>();
  const add = (f: SecretForm, always = false) => {
    if (seen.has(f.literal) || (!always && f.literal.length < MIN_DERIVED_LENGTH)) return;
    seen.add(f.literal);
    forms.push(f);
  };
  for (const [value, variable, part] of [...secrets].sort((a, b) => b[0].length - a[0].length)) {
    if (value === '') continue;
    const sources: { literal: string; derivation: Derivation; mask: string; producer: string }[] = [
      part ? { literal: value, derivation: 'part', mask: `[${part.part} in ${variable}]`, producer: part.shell } : { literal: value, derivation: 'value', mask: `$${variable}`, producer: `"$${variable}"` },
    ];
    const m = part ? null : SCHEME.exec(value);
    if (m) {
      const token = m[2]!;
      sources.push({ literal: token, derivation: 'token', mask: `\${${variable}#* }`, producer: `"\${${variable}#* }"` });
      if (m[1]!.toLowerCase() === 'basic') {
        const credentials = decodeBase64(token);
        if (credentials !== undefined && credentials.includes(':')) {
          const decode = `printf %s "\${${variable}#* }" | base64 -d`;
          sources.push({ literal: credentials, derivation: 'credentials', mask: `[credentials in ${variable}]`, producer: `"$(${decode})"` });
          const password = credentials.slice(credentials.indexOf(':') + 1);
          sources.push({ literal: password, derivation: 'password', mask: `[password in ${variable}]`, producer: `"$(${decode} | cut -d: -f2-)"` });
        }
      }
    }
    for (const s of sources) {
      add({ variable, literal: s.literal, derivation: s.derivation, mask: s.mask, shell: s.producer }, s.derivation === 'value');
      const b64 = Buffer.from(s.literal, 'utf8').toString('base64');
      const url = b64.replace(/\+/g, '-').replace(/\//g, '_');
      const source = `printf %s ${s.producer} | base64 | tr -d '\\n'`;
      const of = s.mask.startsWith('[') ? s.mask.slice(1, -1) : s.mask;
      const variants: [Base64Kind, string, string][] = [
        ['base64', b64, source],
        ['base64-unpadded', b64.replace(/=+$/, ''), `${source} | tr -d =`],
        ['base64url', url, `${source} | tr '+/' '-_'`],
        ['base64url-unpadded', url.replace(/=+$/, ''), `${source} | tr '+/' '-_' | tr -d =`],
      ];
      for (const [kind, literal, pipeline] of variants) {
        add({ variable, literal, derivation: s.derivation, base64: kind, mask: `[${kind.startsWith('base64url') ? 'base64url' : 'base64'} of ${of}]`, shell: `"$(${pipeline})"` });
      }
    }
  }
  return forms.sort((a, b) => b.literal.length - a.literal.length);
}

function decodeBase64(token: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token) || token.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(token, 'base64');
  if (bytes.toString('base64') !== token) return undefined;
  const text = bytes.toString('utf8');
  if (Buffer.from(text, 'utf8').compare(bytes) !== 0 || /[\u0000-\u001f\u007f]/.test(text)) return undefined;
  return text;
}

// ---------------------------------------------------------------------------------------------
// Matching: one regular expression per set of secrets, each literal form one capturing group.

const reEscape = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const hexPattern = (hex: string): string => [...hex].map((d) => (/[a-f]/i.test(d) ? `[${d.toLowerCase()}${d.toUpperCase()}]` : d)).join('');
const hex = (n: number, width = 0): string => n.toString(16).padStart(width, '0');

const XML_NAMED: Readonly<Record<string, string>> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' };
const JSON_SHORT: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Every way one character (code point) can be written in XML/HTML, JSON or a URL. */
function charPattern(ch: string): string {
  if (/^[A-Za-z0-9]$/.test(ch)) return ch;
  const cp = ch.codePointAt(0)!;
  const alts = new Set<string>([reEscape(ch)]);
  const named = XML_NAMED[ch];
  // `&(amp;)*`: an entity written into XML again, once or more (`&amp;lt;`, `&amp;amp;`).
  if (named) alts.add(`&(?:amp;)*${named};`);
  alts.add(`&(?:amp;)*#0*${cp};`);
  alts.add(`&(?:amp;)*#[xX]0*${hexPattern(hex(cp))};`);
  const short = JSON_SHORT[ch];
  if (short) alts.add(reEscape(short));
  const units = cp > 0xffff ? [ch.charCodeAt(0), ch.charCodeAt(1)] : [cp];
  alts.add(units.map((u) => `\\\\u${hexPattern(hex(u, 4))}`).join(''));
  alts.add([...Buffer.from(ch, 'utf8')].map((b) => `%${hexPattern(hex(b, 2))}`).join(''));
  if (ch === ' ') alts.add('\\+');
  // Any run of backslashes before a form: text escaped for JSON twice or more (a JSON message
  // quoting a JSON-escaped echo: `\\\"`, `\\u003c`), or JSON inside XML (`\&quot;`).
  return `(?:\\\\*(?:${[...alts].join('|')}))`;
}

function literalPattern(literal: string): string {
  let out = '';
  let run = '';
  for (const ch of literal) {
    if (/^[A-Za-z0-9]$/.test(ch)) {
      run += ch;
      continue;
    }
    out += run + charPattern(ch);
    run = '';
  }
  return out + run;
}

interface Matcher {
  readonly re: RegExp;
  /** One per capturing group: a secret form, or `undefined` for a mask already in the text (kept as it is). */
  readonly forms: readonly (SecretForm | undefined)[];
}

const cache = new Map<string, Matcher | null>();

/** Every string a set of secrets is made of, in order: what its matcher depends on. */
const contentOf = (secrets: Secrets): string[] => secrets.flatMap(([value, variable, part]) => [value, variable, part?.part ?? '', part?.shell ?? '', part?.url ?? '', part ? 'part' : '']);

/**
 * The matcher last built for a set of secrets, by the set's identity (a run masks every answer with
 * the same one), with the strings it was built from: a set changed since then is looked up anew.
 */
const byIdentity = new WeakMap<Secrets, { readonly content: readonly string[]; readonly m: Matcher | null }>();

function matcher(secrets: Secrets): Matcher | null {
  const known = byIdentity.get(secrets);
  if (known && sameContent(known.content, secrets)) return known.m;
  const m = matcherByContent(secrets);
  byIdentity.set(secrets, { content: contentOf(secrets), m });
  return m;
}

function sameContent(content: readonly string[], secrets: Secrets): boolean {
  if (content.length !== secrets.length * 6) return false;
  return secrets.every(([value, variable, part], i) => {
    const at = i * 6;
    return content[at] === value && content[at + 1] === variable && content[at + 2] === (part?.part ?? '') && content[at + 3] === (part?.shell ?? '') && content[at + 4] === (part?.url ?? '') && content[at + 5] === (part ? 'part' : '');
  });
}

function matcherByContent(secrets: Secrets): Matcher | null {
  const key = JSON.stringify(secrets);
  let m = cache.get(key);
  if (m === undefined) {
    const forms = secretForms(secrets);
    // Masks are matched first and kept, so masking twice (the report model, then the rendered
    // file) never masks a secret-looking word inside a mask.
    const masks = [...new Set(forms.map((f) => f.mask))].sort((a, b) => b.length - a.length);
    // A value shorter than MIN_DERIVED_LENGTH (a placeholder such as `s`) is masked only where it
    // stands alone, not inside every word that contains its letters.
    const alone = (f: SecretForm) => (f.literal.length < MIN_DERIVED_LENGTH ? `(?<![A-Za-z0-9])(?:${literalPattern(f.literal)})(?![A-Za-z0-9])` : literalPattern(f.literal));
    const groups = [...masks.map((mask) => `(${reEscape(mask)})`), ...forms.map((f) => `(${alone(f)})`)];
    m = forms.length === 0 ? null : { re: new RegExp(groups.join('|'), 'g'), forms: [...masks.map(() => undefined), ...forms] };
    if (cache.size > 64) cache.clear();
    cache.set(key, m);
  }
  return m;
}

export interface SecretMatch {
  readonly index: number;
  readonly text: string;
  readonly form: SecretForm;
}

/** Every occurrence of a secret, in any form, left to right and not overlapping. */
export function findSecrets(text: string, secrets: Secrets): SecretMatch[] {
  const m = matcher(secrets);
  if (!m || text === '') return [];
  const out: SecretMatch[] = [];
  for (const match of text.matchAll(m.re)) {
    const form = m.forms[match.findIndex((g, i) => i > 0 && g !== undefined) - 1];
    if (form) out.push({ index: match.index!, text: match[0], form });
  }
  return out;
}

/** `text` with every form of every secret replaced by its mask (`$VARIABLE`, `[base64 of $VARIABLE]`, …). */
export function maskSecrets(text: string, secrets: Secrets): string {
  const m = matcher(secrets);
  if (!m || text === '') return text;
  return text.replace(m.re, (...args: unknown[]) => {
    const groups = args.slice(1, m.forms.length + 1);
    return m.forms[groups.findIndex((g) => g !== undefined)]?.mask ?? (args[0] as string);
  });
}

/** A copy of `value` with every string in it (deeply, through arrays and plain objects) masked. Keys are kept. */
export function maskDeep<T>(value: T, secrets: Secrets): T {
  if (!matcher(secrets)) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return maskSecrets(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}

// ---------------------------------------------------------------------------------------------
// Shell: the exact expression for the common escapings, so a curl reproduction sends what was sent.

const XML_TEXT_SED = `sed -e 's/&/\\&amp;/g' -e 's/</\\&lt;/g' -e 's/>/\\&gt;/g'`;
const xmlText = escapeXmlText;

/** The escapings a curl reproduction writes exactly: XML text, XML/HTML attribute, full XML, HTML with &#39; (and &#34;), JSON. */
const ENCODINGS: readonly { readonly encode: (s: string) => string; readonly pipe: string }[] = [
  { encode: xmlText, pipe: XML_TEXT_SED },
  { encode: (s) => xmlText(s).replace(/"/g, '&quot;'), pipe: `${XML_TEXT_SED} -e 's/"/\\&quot;/g'` },
  { encode: (s) => xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;'), pipe: `${XML_TEXT_SED} -e 's/"/\\&quot;/g' -e "s/'/\\&apos;/g"` },
  { encode: (s) => xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&#39;'), pipe: `${XML_TEXT_SED} -e 's/"/\\&quot;/g' -e "s/'/\\&#39;/g"` },
  { encode: (s) => xmlText(s).replace(/"/g, '&#34;').replace(/'/g, '&#39;'), pipe: `${XML_TEXT_SED} -e 's/"/\\&#34;/g' -e "s/'/\\&#39;/g"` },
  { encode: (s) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"'), pipe: `sed -e 's/\\\\/\\\\\\\\/g' -e 's/"/\\\\"/g'` },
];

/**
 * A shell expression (to be placed unquoted; it quotes itself) that yields `match.text` from the
 * secret's variable when the escaping is a common one; otherwise the form's own expression, a
 * placeholder that names the variable and never shows the secret.
 */
export function shellExpression(match: SecretMatch): string {
  const { form, text } = match;
  if (text === form.literal) return form.shell;
  for (const e of ENCODINGS) {
    if (e.encode(form.literal) === text) return `"$(printf %s ${form.shell} | ${e.pipe})"`;
  }
  return form.shell;
}
