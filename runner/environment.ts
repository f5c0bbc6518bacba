/**
 * Where the settings come from. One function, {@link readEnvironment}, merges them — the process
 * environment over `.env` in the working directory over `.env` in the project root — and returns
 * the result without touching `process.env`. `npm run conformance` passes it to `loadConfig`
 * (runner/config.ts), `npm run reference` reads REFERENCE_PORT from it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import dotenv from 'dotenv';
import { ConfigError, type Env } from './config.ts';

/** Names one file to read instead of both `.env` files (the project's tests use it to ignore a developer's `.env`). */
export const ENV_FILE_VARIABLE = 'DOTENV_CONFIG_PATH';

export interface EnvironmentOptions {
  /** The project root: its `.env` is read wherever the command runs from. */
  readonly root: string;
  /** The working directory; its `.env` wins over the root's. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** The process environment, read and never written; it wins over every file. Default: `process.env`. */
  readonly processEnv?: Env;
}

/**
 * The `.env` files read, lowest precedence first: `<root>/.env`, then `<cwd>/.env` (once when they
 * are the same file); or only the file `DOTENV_CONFIG_PATH` names (relative to `cwd`) when it is
 * set and not empty. Files that do not exist are left out.
 */
export function environmentFiles(options: EnvironmentOptions): string[] {
  return readFiles(options).map(([file]) => file);
}

/**
 * The merged settings: every variable of the process environment (a variable set there wins, even
 * when empty), over `.env` in the working directory, over `.env` in the project root — or over
 * only the file `DOTENV_CONFIG_PATH` names. Files are parsed with `dotenv.parse`; a missing file
 * is no file. Throws {@link ConfigError} when a file exists but cannot be read.
 */
export function readEnvironment(options: EnvironmentOptions): Record<string, string> {
  const processEnv = options.processEnv ?? process.env;
  const merged: Record<string, string> = {};
  for (const [, text] of readFiles(options)) Object.assign(merged, dotenv.parse(text));
  for (const [name, value] of Object.entries(processEnv)) if (value !== undefined) merged[name] = value;
  return merged;
}

function readFiles(options: EnvironmentOptions): [file: string, text: string][] {
  const cwd = options.cwd ?? process.cwd();
  const explicit = (options.processEnv ?? process.env)[ENV_FILE_VARIABLE]?.trim();
  const candidates = explicit ? [resolve(cwd, explicit)] : [...new Set([resolve(options.root, '.env'), resolve(cwd, '.env')])];
  const out: [string, string][] = [];
  for (const file of candidates) {
    const text = read(file);
    if (text !== undefined) out.push([file, text]);
  }
  return out;
}

/** A file's text; undefined when it does not exist. */
function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ConfigError([`cannot read ${file}: ${(e as Error).message}`]);
  }
}
