/**
 * Where the settings come from. One function, {@link readEnvironment}, merges them — the process
 * environment over `.env` in the working directory over `.env` in the project root — and returns
 * the result, with the warnings about the files, without touching `process.env` and without
 * printing anything (its caller prints the warnings). `npm run conformance` passes the settings to
 * `loadConfig` (config/settings.ts), `npm run reference` reads REFERENCE_PORT from them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import dotenv from 'dotenv';
import { ConfigError, ENV_FILE_VARIABLE, type Env } from './settings.ts';

/** Names one file to read instead of both `.env` files (the project's tests use it to ignore a developer's `.env`). */
export { ENV_FILE_VARIABLE };

export interface EnvironmentOptions {
  /** The project root: its `.env` is read wherever the command runs from. */
  readonly root: string;
  /** The working directory; its `.env` wins over the root's. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** The process environment, read and never written; it wins over every file. Default: `process.env`. */
  readonly processEnv?: Env;
}

/** The merged settings, and what the caller should warn about before using them. */
export interface Environment {
  readonly env: Record<string, string>;
  /** One line each, naming the setting and the file, never a value: a value cut at an unquoted `#`. */
  readonly warnings: readonly string[];
}

/**
 * The `.env` files read, lowest precedence first: `<root>/.env`, then `<cwd>/.env` (once when they
 * are the same file); or only the file `DOTENV_CONFIG_PATH` names (relative to `cwd`) when it is
 * set — none when it is set but empty (loadConfig refuses that). Files that do not exist are left out.
 */
export function environmentFiles(options: EnvironmentOptions): string[] {
  return readFiles(options).map(([file]) => file);
}

/**
 * The merged settings: every variable of the process environment (a variable set there wins, even
 * when empty), over `.env` in the working directory, over `.env` in the project root — or over
 * only the file `DOTENV_CONFIG_PATH` names. Files are parsed with `dotenv.parse`, whose rules
 * stand (an unquoted `#` starts a comment); a value it cut at a `#` right after other text
 * (`Bearer abc#def` → `Bearer abc`) and that the run uses is a warning. A missing file is no file.
 * Throws {@link ConfigError} when a file exists but cannot be read, or is not UTF-8 text.
 */
export function readEnvironment(options: EnvironmentOptions): Environment {
  const processEnv = options.processEnv ?? process.env;
  const merged: Record<string, string> = {};
  const cutIn = new Map<string, string>();
  for (const [file, text] of readFiles(options)) {
    const parsed = dotenv.parse(text);
    for (const name of Object.keys(parsed)) cutIn.delete(name);
    for (const name of cutAtHash(text, parsed)) cutIn.set(name, file);
    Object.assign(merged, parsed);
  }
  for (const [name, value] of Object.entries(processEnv)) {
    if (value === undefined) continue;
    merged[name] = value;
    cutIn.delete(name);
  }
  const warnings = [...cutIn].map(
    ([name, file]) => `${name} in ${file} was cut at a '#' (dotenv reads an unquoted '#' as the start of a comment): if the '#' belongs to the value, quote it: ${name}="…#…"`,
  );
  return { env: merged, warnings };
}

/**
 * The names whose value dotenv cut at an unquoted `#` that follows other text directly (`abc#def`,
 * or `=#abc`), not after white space (`abc # comment`): the lines of `text` with such a `#`
 * whose name has, in `parsed`, exactly the text before it.
 */
function cutAtHash(text: string, parsed: Readonly<Record<string, string>>): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r\n?|\n/)) {
    // dotenv's line: [export] NAME (= or ": ") value
    const m = /^\s*(?:export\s+)?([\w.-]+)(?:\s*=|:\s)(.*)$/.exec(line);
    if (!m) continue;
    const [, name, rest] = m as unknown as [string, string, string];
    const value = rest.replace(/^\s+/, '');
    if (/^['"`]/.test(value)) continue;
    const hash = value.indexOf('#');
    if (hash < 0 || (hash > 0 && /\s/.test(value[hash - 1]!))) continue;
    if (parsed[name] === value.slice(0, hash).trim()) names.push(name);
  }
  return [...new Set(names)];
}

function readFiles(options: EnvironmentOptions): [file: string, text: string][] {
  const cwd = options.cwd ?? process.cwd();
  const explicit = (options.processEnv ?? process.env)[ENV_FILE_VARIABLE];
  // Set but empty (an undefined CI variable): no file at all, and loadConfig says so.
  if (explicit !== undefined && explicit.trim() === '') return [];
  const candidates = explicit !== undefined ? [resolve(cwd, explicit.trim())] : [...new Set([resolve(options.root, '.env'), resolve(cwd, '.env')])];
  const out: [string, string][] = [];
  for (const file of candidates) {
    const text = read(file);
    if (text !== undefined) out.push([file, text]);
  }
  return out;
}

/** A file's text; undefined when it does not exist. */
function read(file: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ConfigError([`cannot read ${file}: ${(e as Error).message}`]);
  }
  const problem = notUtf8Text(bytes);
  if (problem) throw new ConfigError([`cannot read ${file}: ${problem}; save it as UTF-8 text (no setting from it was used)`]);
  // A UTF-8 byte-order mark is dropped by the decoder.
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * Why `bytes` are not UTF-8 text, or undefined when they are. A UTF-16 file (Windows editors and
 * PowerShell's `>` write one) would otherwise parse as no setting at all, silently.
 */
function notUtf8Text(bytes: Buffer): string | undefined {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return `it is UTF-16 text (it starts with the byte-order mark ${bytes[0] === 0xff ? 'FF FE' : 'FE FF'})`;
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return `it has a NUL byte (at byte ${nul}): UTF-16 text without a byte-order mark, or not text at all`;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'it is not UTF-8 text (a byte sequence that is not UTF-8, e.g. Latin-1 or Windows-1252 text)';
  }
  return undefined;
}
