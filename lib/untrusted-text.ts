/**
 * Text the suite does not write itself — a gateway's body, header or status text, a request's
 * body, an error message that quotes them — as the suite's output shows it
 * (docs/INTERPRETING.md §untrusted-output). A gateway must not be able to write the suite's
 * output: move the cursor, clear the screen, set the clipboard, start a line of its own that
 * looks like the verdict, or give a CI runner a workflow command.
 *
 * - {@link showControls}: every character a terminal, a CI log or an XML 1.0 parser acts on or
 *   refuses is shown as a visible escape (`\x1b`, `\n`, `\u0085`, `\u202e`): C0 controls, DEL,
 *   C1 controls (U+0080–U+009F; U+009B is a one-byte CSI), the line and paragraph separators
 *   (U+2028, U+2029), the bidi embedding, override and isolate controls (U+202A–U+202E,
 *   U+2066–U+2069), the noncharacters U+FFFE and U+FFFF and lone surrogates. Multi-line text (a
 *   body) keeps `\n`, `\r\n` and `\t`. A backslash is not escaped itself: an escape and the same
 *   characters sent as text read alike (conformance.json keeps the exact text).
 * - {@link guardLine}: an output line a gateway can influence never begins (after white space,
 *   which GitHub's runner trims) with `verdict:` (the suite's verdict line), `::` (GitHub and
 *   GitLab workflow commands) or `##[` (Azure and GitHub log commands): such a line is prefixed
 *   with {@link GUARD_MARKER}; `##vso[`, which Azure Pipelines looks for anywhere in a line, is
 *   shown as `##vso\x5b`.
 * - {@link guardMarkup}: the same for text already escaped for XML or HTML, with character
 *   references instead, so the document reads back exactly what was received.
 */

/** Characters never written raw into a single line (a quoted excerpt, a header, an error line). */
const SHOWN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** The same, less the line breaks and tabs a multi-line body keeps (`\r` only as part of `\r\n`). */
const SHOWN_MULTILINE = /\r\n|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const SHOWN_ONE = new RegExp(SHOWN.source);

/** Whether `text` holds a character {@link showControls} shows as an escape in a single line. */
export function hasControls(text: string): boolean {
  return SHOWN_ONE.test(text);
}

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The visible escape of one character: `\n` `\r` `\t`, `\xHH` below U+0080, `\uHHHH` above. */
export function escapeOf(ch: string): string {
  const code = ch.charCodeAt(0);
  return SHORT[ch] ?? (code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

export interface ShowOptions {
  /** Keep `\n`, `\r\n` and `\t` (a body shown whole); default: shown as `\n`, `\r`, `\t` too. */
  readonly multiline?: boolean;
}

/** `text` with every control character (see the module) shown as a visible escape. */
export function showControls(text: string, options: ShowOptions = {}): string {
  return options.multiline ? text.replace(SHOWN_MULTILINE, (m) => (m === '\r\n' ? m : escapeOf(m))) : text.replace(SHOWN, escapeOf);
}

/** `##vso[` in any case: Azure Pipelines reads a logging command wherever it stands in a line. */
const AZURE_COMMAND = /(##vso)\[/gi;
/** What a line must not begin with (after white space): the verdict line, workflow and log commands. */
const COMMAND_START = /^\s*(?:verdict:|::|##\[)/i;

/** What a guarded line starts with: visibly not the suite's own line, nor a command. */
export const GUARD_MARKER = '> ';

/**
 * One output line that text from outside may have shaped: controls shown (see the module), `##vso[`
 * shown as `##vso\x5b`, and a line that would begin with `verdict:`, `::` or `##[` prefixed with
 * {@link GUARD_MARKER}.
 */
export function guardLine(line: string): string {
  const shown = showControls(line).replace(AZURE_COMMAND, '$1\\x5b');
  return COMMAND_START.test(shown) ? `${GUARD_MARKER}${shown}` : shown;
}

/** Every line of `text` (split at `\n`), each through {@link guardLine}. */
export function guardLines(text: string): string[] {
  return text.split('\n').map(guardLine);
}

/**
 * Text from outside quoted inside one of the suite's sentences (`received: MerchantKey = '…'`):
 * controls shown, `##vso[` shown as `##vso\x5b`. It never starts a line: it has no line break left.
 */
export function untrustedInline(text: string): string {
  return showControls(text).replace(AZURE_COMMAND, '$1\\x5b');
}

/**
 * Text already escaped for XML or HTML (no raw `<` or `&` of its own), made safe to `cat` in a CI
 * log while it reads back exactly: `##vso[` as `##vso&#91;`, and a line that would begin with
 * `verdict:`, `::` or `##[` with its first character as a character reference.
 */
export function guardMarkup(escaped: string): string {
  return escaped.replace(AZURE_COMMAND, '$1&#91;').replace(/^(\s*)(v(?=erdict:)|:(?=:)|#(?=#\[))/gim, (_m, space: string, ch: string) => `${space}&#${ch.charCodeAt(0)};`);
}

/** Characters a JSON writer leaves raw that a terminal acts on (JSON.stringify escapes C0 and lone surrogates itself). */
const JSON_RAW = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Serialised JSON made safe to `cat`: DEL, C1, U+2028/U+2029 and bidi controls as `\uXXXX`, and
 * `##vso[` as `##vso\u005b`. Every such character can only stand inside a string, so the data
 * reads back exactly.
 */
export function guardJson(json: string): string {
  return json.replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(AZURE_COMMAND, '$1\\u005b');
}
