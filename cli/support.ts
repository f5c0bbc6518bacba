/**
 * What the commands of `gateway-conformance` share (cli/main.ts and the subcommands it
 * dispatches to: cli/reference.ts, cli/self-check.ts, cli/trace.ts): the version, "is this
 * module the entry script", the setting flags derived from {@link SETTINGS}, the reading of a command line
 * with the --help and --version every command takes, and the usage error (exit 2, nothing sent). Kept light: it loads no suite, check or report code, so a
 * subcommand starts without them.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE } from '../lib/package-root.ts';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Env, type Setting, SETTINGS, flagOf, maskSecrets, secretsOf } from '../config/settings.ts';
import { didYouMean } from '../lib/did-you-mean.ts';

export const PROGRAM = 'gateway-conformance';

/** package.json's version: the one `SUITE_VERSION` (reporting/model.ts) prints in every report. */
export const VERSION: string = PACKAGE.version;

/**
 * Whether the module at `moduleUrl` is the script the process was started with (`tsx file.ts`,
 * `node --import tsx file.ts`), as opposed to imported by the `gateway-conformance` dispatcher.
 */
export function isEntry(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(resolve(script)) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/** The options every command takes. */
export const COMMON_OPTIONS = { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } } as const;

/**
 * Reads a command line (node:util parseArgs, strict) and answers what every command answers the
 * same way: --help prints `help()` and --version the version, each exiting 0; a command line that
 * cannot be read prints the problem with `usage` and exits 2 (nothing sent). `config.options` must
 * include {@link COMMON_OPTIONS}.
 */
export async function readCommandLine<T extends ParseArgsConfig & { options: typeof COMMON_OPTIONS }>(command: string, config: T, usage: string, help: () => string | Promise<string> = () => usage): Promise<ReturnType<typeof parseArgs<T>>> {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs<T>({ ...config, strict: true });
  } catch (e) {
    return usageError(command, describeParseError(e, Object.keys(config.options)), usage);
  }
  const values = parsed.values as { help?: boolean; version?: boolean };
  if (values.version) return writeThenExit(`${VERSION}\n`, 0);
  if (values.help) return writeThenExit(`${await help()}\n`, 0);
  return parsed;
}

/**
 * Writes `text` to standard output and exits with `code` once it is written. `console.log` then
 * `process.exit` loses what a shell pipe (`| jq`, `| tee`) has not taken yet: past its 64 KiB
 * buffer, the rest of the text. An error writing (a closed pipe) still exits with `code`. Never
 * resolves: a caller that awaits it goes no further.
 */
export function writeThenExit(text: string, code: number): Promise<never> {
  return new Promise<never>(() => process.stdout.write(text, () => process.exit(code)));
}

/** `lines`, each ending in a line feed: the text {@link writeThenExit} writes. */
export const asText = (lines: readonly string[]): string => lines.map((line) => `${line}\n`).join('');

/**
 * Prints `message` and the usage to stderr and exits 2: a command line that cannot be read sends
 * nothing. Every configured secret (`env`: the merged settings or the flags read so far) is masked.
 */
export function usageError(command: string, message: string, usage: string, env: Env = {}): never {
  process.stderr.write(`${command}: ${maskSecrets(message, secretsOf(env))}\n${usage}\n`);
  process.exit(2);
}

/**
 * A `node:util` parseArgs failure, in words: `Unknown option '--syntch-base-ur' — did you mean
 * --syntch-base-url?`. Option values never appear in parseArgs messages, so no secret can either.
 */
export function describeParseError(e: unknown, knownOptions: readonly string[]): string {
  const err = e as { code?: string; message?: string };
  const option = /'(-[^' ]*)/.exec(err.message ?? '')?.[1];
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const flags = knownOptions.map((o) => `--${o}`);
    return `Unknown option '${option}'${didYouMean(option, flags)}`;
  }
  return (err.message ?? String(e)).replace(/\. To specify a positional argument.*$/s, '');
}

/** The settings of these areas (`syntch`, `ebiz`, `run`, `reference`), in table order. */
export function settingsFor(apis: readonly Setting['api'][]): Setting[] {
  return SETTINGS.filter((s) => apis.includes(s.api));
}

/** parseArgs options for the flags of `settings`: each takes a value (`--conformance-runs 10`, `--conformance-runs=10`). */
export function settingOptions(settings: readonly Setting[]): Record<string, { type: 'string' }> {
  return Object.fromEntries(settings.map((s) => [flagOf(s).slice(2), { type: 'string' as const }]));
}

/**
 * The settings the flags set, by variable name: `{ CONFORMANCE_RUNS: '10' }`. A flag given empty
 * (`--name=`) is `''` here, and unsets its variable where the flags are laid over the settings
 * (cli/main.ts): unlike an empty value in the environment, which is a configuration problem.
 */
export function settingsFromFlags(settings: readonly Setting[], values: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of settings) {
    const v = values[flagOf(s).slice(2)];
    if (typeof v === 'string') out[s.name] = v;
  }
  return out;
}

const PLACEHOLDER: Record<Setting['type'], string> = { url: 'URL', text: 'TEXT', int: 'N', number: 'N', flag: '0|1', list: 'a,b' };

/** Help lines for the flags of `settings`, grouped by area, with what each sets and its default. */
export function settingHelp(settings: readonly Setting[]): string[] {
  const titles: Record<Setting['api'], string> = { syntch: 'Syntch PutCustomer (REST)', ebiz: 'eBizCharge MarkCustomerAsSynchronized (SOAP)', run: 'the run', reference: 'the reference gateway' };
  const lines: string[] = [];
  const width = Math.max(...settings.map((s) => flagOf(s).length + PLACEHOLDER[s.type].length + 1)) + 2;
  for (const api of [...new Set(settings.map((s) => s.api))]) {
    lines.push(`  ${titles[api]}:`);
    for (const s of settings.filter((x) => x.api === api)) {
      const def = 'default' in s && s.default !== undefined && s.default !== '' ? ` (default ${s.default})` : '';
      lines.push(`    ${`${flagOf(s)} ${PLACEHOLDER[s.type]}`.padEnd(width)}${s.name}${s.secret ? ', a secret' : ''}: ${s.what}${def}`);
    }
  }
  return lines;
}

/** The help text's warning about secrets given as flags, naming them. */
export function secretFlagWarning(settings: readonly Setting[]): string {
  const secret = settings.filter((s) => s.secret).map((s) => flagOf(s));
  if (secret.length === 0) return '';
  return wrap(
    `Secrets (${secret.join(', ')}) given as flags are masked in every output and report like the ` +
      'others, but a command line stays in your shell history and is visible to other users in the ' +
      'process list: prefer the environment or .env for them (CI: its secret variables).',
  );
}

/** `text` wrapped at `width` columns, on spaces. */
export function wrap(text: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
