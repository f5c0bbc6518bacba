/**
 * `gateway-conformance [COMMAND] …` — the command-line tool (bin/gateway-conformance.js runs this
 * file through tsx; `npm run conformance -- …` runs it directly).
 *
 * Without a command it runs the suite: it reads the settings (flags over the environment over
 * `.env` in the working directory over `.env` in the project root), checks the report directory,
 * runs the selected suites against the configured gateway — or the embedded reference gateway
 * when none is configured — writes the reports and exits 0 (conformant), 1 (not conformant) or 2
 * (no verdict; docs/INTERPRETING.md §exit-codes). The commands `reference`, `self-check` and
 * `trace` are the modules that `npm run reference`, `npm run self-check` and `npm run trace` run.
 *
 * The command line is read completely before anything else happens: an unknown option, command,
 * suite, check or clause exits 2 with the usage, and nothing is sent.
 */
import { join } from 'node:path';
import { type Env, ConfigError, flagOf, maskSecrets, secretsOf } from '../config/settings.ts';
import { guardLine, guardLines } from '../lib/untrusted-text.ts';
import { didYouMean } from '../lib/did-you-mean.ts';
import { PACKAGE_ROOT } from '../lib/package-root.ts';
import {
  COMMON_OPTIONS,
  PROGRAM,
  isEntry,
  readCommandLine,
  secretFlagWarning,
  settingHelp,
  settingOptions,
  settingsFor,
  settingsFromFlags,
  usageError,
  writeThenExit,
  asText,
} from './support.ts';
import { readEnvironment } from '../config/environment.ts';
import { INTERRUPT_EXIT_CODES, type InterruptSignal } from '../runner/interrupt.ts';
import type { RunOutcome } from '../runner/run.ts';

/** The subcommands, each a module with `main(argv)`; loaded only when named. */
const COMMANDS = {
  reference: { what: 'the reference gateway, in the foreground', load: () => import('./reference.ts') },
  'self-check': { what: 'the suite against the reference with each injected fault and dialect', load: () => import('./self-check.ts') },
  trace: { what: 'every place one clause lives: rule, cases, checks, suites, faults, dialects', load: () => import('./trace.ts') },
  verify: { what: 'checks the certificate in a report directory against its conformance.json', load: () => import('./verify.ts') },
} as const satisfies Record<string, { what: string; load: () => Promise<{ main(argv: readonly string[]): Promise<void> }> }>;
type CommandName = keyof typeof COMMANDS;
const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
const isCommand = (word: string): word is CommandName => Object.hasOwn(COMMANDS, word);

/** The settings a run reads, each with its flag (REFERENCE_PORT is the `reference` command's). */
const RUN_SETTINGS = settingsFor(['syntch', 'ebiz', 'run']);

const OPTIONS = {
  suite: { type: 'string', multiple: true },
  clause: { type: 'string', multiple: true },
  checks: { type: 'string' },
  'exclude-checks': { type: 'string' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'string' },
  'list-clauses': { type: 'boolean' },
  'list-checks': { type: 'boolean' },
  'list-suites': { type: 'boolean' },
  ...COMMON_OPTIONS,
  ...settingOptions(RUN_SETTINGS),
} as const;

/** The usage text; the suite names are read from the registry only when it is printed in full. */
function usage(suiteNames?: readonly string[]): string {
  const rows: [string, string][] = [
    ['[SUITE …] [options]', 'run the suite (npm run conformance -- [SUITE …] [options])'],
    ...COMMAND_NAMES.map((c): [string, string] => [`${c} ${c === 'trace' ? 'CLAUSE-ID …' : c === 'verify' ? 'DIR' : '[options]'}`, COMMANDS[c].what]),
    ['COMMAND --help', "a command's own options"],
  ];
  const width = Math.max(...rows.map(([left]) => left.length)) + 3;
  const short = rows.map(([left, right], i) => `${i === 0 ? 'usage:' : '      '} ${PROGRAM} ${left.padEnd(width)}${right}`).join('\n');
  if (!suiteNames) return `${short}\nrun '${PROGRAM} --help' for every option.`;
  return `${short}

Runs the suites against the gateway the settings name, or the embedded reference gateway when
none is configured (a self-test, never a certification), writes conformance.json, conformance.html,
junit.xml and conformance.md (and, when the run certifies, certificate.json and badge.svg) to
CONFORMANCE_REPORT_DIR, and exits 0 (every MUST clause holds), 1 (a MUST clause
failed; with CONFORMANCE_STRICT=1 a SHOULD clause too) or 2 (no verdict: configuration, command
line, unreachable gateway, …; nothing is sent when the problem is known before the first request).

Selecting what runs (a selection makes the run PARTIAL: the clauses left out are reported not-tested):
  SUITE, --suite NAME     only the suite named NAME, or the suites whose name contains it (repeatable): ${suiteNames.join(', ')}
  --clause ID             only the suites and checks that judge this clause (repeatable); the report
                          lists every clause, and those the selected checks do not judge are
                          not-tested. Ids: --list-clauses; where one lives: ${PROGRAM} trace ID
  --checks a,b            only these checks (the same as ${flagOf('CONFORMANCE_CHECKS')})
  --exclude-checks a,b    leave these checks out (the same as ${flagOf('CONFORMANCE_EXCLUDE_CHECKS')})
Expected failures (docs/INTERPRETING.md §baseline; a run with a baseline never certifies):
  --baseline FILE         the failing clauses FILE lists are reported expected, not failed; a listed
                          clause that passes fails the run (the same as ${flagOf('CONFORMANCE_BASELINE')})
  --update-baseline FILE  after the run, write its failing clauses to FILE (keeps the reasons there)
Listing (prints, and exits 0):
  --list-clauses          every clause: id, level (MUST / SHOULD) and the sentence it comes from
  --list-checks           every check with the clauses it judges
  --list-suites           every suite with the checks it applies
  --help, -h              this text
  --version               the suite's version (the one every report names)

Settings: every setting has a flag that sets the variable of the same name. A flag wins over the
environment, which wins over .env (in the working directory, then the project root; see
.env.example). Each flag takes a value as the variable does (--conformance-runs 10 or
--conformance-runs=10); an empty value (--name=) unsets the variable.
${settingHelp(RUN_SETTINGS).join('\n')}

${secretFlagWarning(RUN_SETTINGS)}`;
}

export async function main(argv: readonly string[]): Promise<void> {
  const first = argv[0];
  if (first !== undefined && isCommand(first)) {
    const command = await COMMANDS[first].load();
    await command.main(argv.slice(1));
    return;
  }
  await runCommand(argv);
}

const list = (v: string | undefined): string[] => [...new Set((v ?? '').split(',').map((s) => s.trim()).filter(Boolean))];

async function runCommand(argv: readonly string[]): Promise<void> {
  // --help lists the suites: the registry is loaded only for it.
  // --help names the suites from suites/names.ts (held equal to the registry by a test): no suite is loaded for it.
  const fullUsage = async () => usage((await import('../suites/names.ts')).SUITE_NAMES);
  const parsed = await readCommandLine(PROGRAM, { args: [...argv], options: OPTIONS, allowPositionals: true, tokens: true }, usage(), fullUsage);
  const args = parsed.values as { suite?: string[]; clause?: string[]; checks?: string; 'exclude-checks'?: string; baseline?: string; 'update-baseline'?: string; 'list-clauses'?: boolean; 'list-checks'?: boolean; 'list-suites'?: boolean } & Record<string, unknown>;
  const flags = settingsFromFlags(RUN_SETTINGS, args);
  // The settings as the run will see them (flags over the environment over .env), read now so that
  // every message below can mask every configured secret; a file that cannot be read is reported,
  // and the warnings about the files printed, once the command line is known to be a run.
  let env: Record<string, string> | undefined;
  let envProblem: ConfigError | undefined;
  let envWarnings: readonly string[] = [];
  try {
    const read = readEnvironment({ root: PACKAGE_ROOT, cwd: process.cwd(), processEnv: process.env });
    env = withFlags(read.env, flags);
    envWarnings = read.warnings;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    envProblem = e;
  }
  const fail = (message: string): never => usageError(PROGRAM, message, usage(), env ?? withFlags(process.env, flags));

  // --help and each listing load only what they print (--list-clauses the contract alone); a run, the registries.
  const [checks, contract, suites] = [() => import('../checks/registry.ts'), () => import('../contract/index.ts'), () => import('../suites/index.ts')];
  if (parsed.positionals[0] === 'help') return writeThenExit(`${await fullUsage()}\n`, 0);
  if (args['list-clauses'] || args['list-checks'] || args['list-suites']) {
    const lines: string[] = [];
    if (args['list-clauses']) {
      const { ALL_CLAUSES } = await contract();
      const width = Math.max(...ALL_CLAUSES.map((c) => c.id.length));
      for (const c of ALL_CLAUSES) lines.push(`${c.id.padEnd(width)}  ${c.level.padEnd(6)}  ${c.quote}`);
    }
    if (args['list-checks']) {
      const { CHECKS, CHECK_NAMES } = await checks();
      for (const name of CHECK_NAMES) lines.push(`${name.padEnd(28)} ${CHECKS[name].description}\n${' '.repeat(29)}${CHECKS[name].clauses.join(', ')}`);
    }
    if (args['list-suites']) {
      for (const s of (await suites()).SUITES) lines.push(`${s.name.padEnd(22)} ${s.api.padEnd(7)} ${s.description}\n${' '.repeat(31)}checks: ${s.checks.join(', ')}`);
    }
    return writeThenExit(asText(lines), 0);
  }
  const [{ CHECK_NAMES, EVERY_EXCHANGE_CHECKS, isCheckName }, { isClauseId, clauseSuggestion }, { SUITES }, { matchesSuite, selectChecks, selectForClauses }] = await Promise.all([checks(), contract(), suites(), import('../runner/selection.ts')]);
  const suiteNames = SUITES.map((s) => s.name);

  // Suites: each filter must select at least one (a word that selects none is a mistyped command or suite).
  const suiteFilters = [...parsed.positionals, ...(args.suite ?? [])];
  // A word right after a secret's value is most likely the rest of an unquoted secret ("Bearer abc"): never echo it.
  const tokens = parsed.tokens ?? [];
  tokens.forEach((t, i) => {
    const before = tokens[i - 1];
    if (t.kind !== 'positional' || before?.kind !== 'option' || before.inlineValue !== false) return;
    const setting = RUN_SETTINGS.find((s) => flagOf(s) === `--${before.name}`);
    if (setting?.secret && !SUITES.some((s) => s.name.includes(t.value))) {
      fail(`unexpected word after the value of ${flagOf(setting)} (not shown: it may be part of the secret); a value with spaces must be quoted: ${flagOf(setting)} "Bearer …"`);
    }
  });
  for (const f of suiteFilters) {
    if (!SUITES.some((s) => matchesSuite(s, f))) {
      const isPositional = parsed.positionals.includes(f);
      fail(`${isPositional ? 'unknown command or suite' : 'unknown suite'} '${f}'${didYouMean(f, isPositional ? [...COMMAND_NAMES, ...suiteNames] : suiteNames)} (commands: ${COMMAND_NAMES.join(', ')}; suites: ${suiteNames.join(', ')})`);
    }
  }

  // Checks: --checks and --exclude-checks are the CONFORMANCE_CHECKS / CONFORMANCE_EXCLUDE_CHECKS flags by shorter names.
  for (const [short, setting] of [['checks', 'CONFORMANCE_CHECKS'], ['exclude-checks', 'CONFORMANCE_EXCLUDE_CHECKS']] as const) {
    const value = args[short];
    if (value === undefined) continue;
    if (flags[setting] !== undefined) fail(`give --${short} or ${flagOf(setting)}, not both (they are the same setting)`);
    for (const name of list(value)) if (!isCheckName(name)) fail(`unknown check '${name}' in --${short}${didYouMean(name, CHECK_NAMES)} (${PROGRAM} --list-checks)`);
    flags[setting] = value;
    if (env) env = withFlags(env, { [setting]: value });
  }
  for (const setting of ['CONFORMANCE_CHECKS', 'CONFORMANCE_EXCLUDE_CHECKS'] as const) {
    for (const name of list(flags[setting])) if (!isCheckName(name)) fail(`unknown check '${name}' in ${flagOf(setting)}${didYouMean(name, CHECK_NAMES)} (${PROGRAM} --list-checks)`);
  }

  // --baseline is CONFORMANCE_BASELINE by a shorter name.
  if (args.baseline !== undefined) {
    if (flags.CONFORMANCE_BASELINE !== undefined) fail(`give --baseline or ${flagOf('CONFORMANCE_BASELINE')}, not both (they are the same setting)`);
    flags.CONFORMANCE_BASELINE = args.baseline;
    if (env) env = withFlags(env, { CONFORMANCE_BASELINE: args.baseline });
  }
  if (args['update-baseline']?.trim() === '') fail('--update-baseline needs a file name');

  // Clauses: each must be a known id, judged by some check.
  const clauses = args.clause ?? [];
  for (const id of clauses) {
    if (!isClauseId(id)) fail(`unknown clause '${id}'${clauseSuggestion(id)} (${PROGRAM} --list-clauses)`);
  }

  if (!env) {
    console.error(`${PROGRAM}: ${guardLines(maskSecrets(envProblem!.message, secretsOf(withFlags(process.env, flags)))).join('\n')}\nno verdict; nothing was sent.`);
    process.exit(2);
  }
  const secrets = secretsOf(env);
  // Before the run (and before a configuration problem it may explain): values a .env file cut short.
  for (const w of envWarnings) console.error(maskSecrets(`${PROGRAM}: warning: ${w}`, secrets));

  // --clause narrows the run to the checks that judge the clauses (within CONFORMANCE_CHECKS, less
  // CONFORMANCE_EXCLUDE_CHECKS) and the suites that apply one of them.
  let selection: { suites?: string[]; checks?: string[] } = suiteFilters.length ? { suites: suiteFilters } : {};
  if (clauses.length > 0) {
    const enabled = selectChecks(list(env.CONFORMANCE_CHECKS), list(env.CONFORMANCE_EXCLUDE_CHECKS)).enabled;
    const chosen = selectForClauses(clauses.filter(isClauseId), enabled, suiteFilters, EVERY_EXCHANGE_CHECKS);
    if ('problem' in chosen) fail(chosen.problem);
    else selection = chosen;
  }

  await run(env, secrets, selection, clauses, args['update-baseline']);
}

/**
 * The settings with the flags over them; a flag given empty (`--name=`) unsets its variable (an
 * empty value in the environment or a .env file is a configuration problem, a flag's is not).
 */
function withFlags(env: Env, flags: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value;
  for (const [name, value] of Object.entries(flags)) {
    if (value.trim() === '') delete out[name];
    else out[name] = value;
  }
  return out;
}

/** The run itself, once the command line and the settings are read. */
async function run(env: Env, secrets: ReturnType<typeof secretsOf>, selection: { suites?: string[]; checks?: string[] }, clauses: readonly string[], updateBaseline?: string): Promise<void> {
  const [{ prepareReportDir, readSensitivity, writeReports }, { buildReport, withoutVerdict }, { renderTerminal }, { runConformance }] = await Promise.all([
    import('../reporting/index.ts'),
    import('../reporting/model.ts'),
    import('../reporting/terminal.ts'),
    import('../runner/run.ts'),
  ]);
  const reportDir = env.CONFORMANCE_REPORT_DIR?.trim() || join(process.cwd(), 'reports');

  // The expected-failures baseline is configuration: a file that cannot be read, or an id that is not a clause, sends nothing.
  const baselineFile = env.CONFORMANCE_BASELINE?.trim();
  // Loaded only when asked for: reading the file names the clause meant by a mistyped id (contract/index.ts clauseSuggestion).
  const [expectedFailures, expectedFailuresFile] = baselineFile || updateBaseline ? await Promise.all([import('../reporting/expected-failures.ts'), import('../reporting/expected-failures-file.ts')]) : [];
  const read = baselineFile ? expectedFailuresFile!.readExpectedFailures(baselineFile) : undefined;
  if (read && 'problems' in read) {
    console.error(`${PROGRAM}: ${guardLines(maskSecrets(`configuration problems:\n${read.problems.map((p) => `  - ${p}`).join('\n')}`, secrets)).join('\n')}\nno verdict; nothing was sent.`);
    process.exit(2);
  }
  const baseline = read?.baseline;

  // The report directory is checked before the first request: a run whose reports cannot be written has no verdict.
  const dirProblem = prepareReportDir(reportDir);
  if (dirProblem) {
    console.error(`${PROGRAM}: ${guardLines(maskSecrets(dirProblem, secrets)).join('\n')}\nverdict: ERROR — no verdict; nothing was sent.`);
    process.exit(2);
  }
  if (clauses.length > 0) console.log(`${PROGRAM}: --clause ${clauses.join(', ')}: suites ${selection.suites!.join(', ')}; checks ${selection.checks!.join(', ')}`);

  // SIGINT / SIGTERM: stop sending at once, write this run's reports marked interrupted (the last
  // run's reports moved aside), exit 128 + the signal's number. A second signal ends it at once.
  const interrupt = new AbortController();
  const onSignal = (signal: InterruptSignal) => () => {
    if (interrupt.signal.aborted) process.exit(INTERRUPT_EXIT_CODES[signal]);
    process.stderr.write(`\n${PROGRAM}: ${signal}: stopping — no request is sent from now on; writing the reports of the interrupted run\n`);
    interrupt.abort(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, onSignal(signal));
  // Whoever reads our output may be gone (`npm run` killed by the same signal, a closed pipe): the
  // reports are still written and the exit code still says what happened.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

  let outcome: RunOutcome;
  const tty = process.stderr.isTTY === true;
  try {
    // On a terminal, one progress line rewritten every second; in CI, a line every 10 s.
    // The run's lines are its own words with values masked where they are put in (runner/run.ts);
    // each is guarded here (lib/untrusted-text.ts): a gateway's text in them shows its control
    // characters as escapes and never starts a line that looks like the verdict or a CI command.
    const live = (line: string) => process.stderr.write(`\r\x1b[2K${guardLine(line.trim()).slice(0, Math.max(20, (process.stderr.columns ?? 120) - 1))}`);
    // Lines the run logs go above the live line: clear it first, the next tick draws it again.
    const log = (line: string) => (tty && process.stderr.write('\r\x1b[2K'), console.log(guardLines(line).join('\n')));
    // No gateway configured: the embedded reference, started by the run (reference/embedded.ts).
    const embedded = async () => (await import('../reference/embedded.ts')).embeddedReference()();
    outcome = await runConformance({ env, ...selection, embedded, log, signal: interrupt.signal, ...(tty ? { progress: live, progressEveryMs: 1000 } : {}) });
  } catch (e) {
    // A defect of the suite, not a verdict on the gateway: still a verdict line and reports (no verdict).
    const now = new Date().toISOString();
    const problem = maskSecrets(`unexpected error, no verdict (a defect of the suite: please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, secrets);
    outcome = { exitCode: 2, verdict: 'error', clauses: [], errors: [problem], startedAt: now, finishedAt: now };
  }
  if (tty) process.stderr.write('\r\x1b[2K');
  try {
    let report = buildReport(outcome, readSensitivity(reportDir));
    if (baseline) report = expectedFailures!.applyExpectedFailures(report, baseline);
    let written;
    try {
      written = writeReports(report, reportDir, secrets);
    } catch (e) {
      // The verdict line must not contradict the exit code: a run whose reports were not written has no verdict.
      report = withoutVerdict(report, `cannot write the reports to ${reportDir}: ${(e as Error).message}`);
      written = { files: [] };
    }
    // Masked and guarded by renderTerminal: the values, not the lines (a secret `pass` must not rewrite "passed").
    const updated = updateBaseline ? [guardLines(maskSecrets(expectedFailuresFile!.writeUpdatedBaseline(updateBaseline, report, baseline), secrets)).join('\n')] : [];
    const text = [...renderTerminal(report, written, secrets), ...updated].map((line) => `${line}\n`).join('');
    // Exit once the whole text is written: a pipe (CI) must receive the verdict line too.
    writeThenExit(text, report.exitCode);
  } catch (e) {
    console.error(`${guardLines(`${PROGRAM}: unexpected error, no verdict: ${maskSecrets(e instanceof Error ? (e.stack ?? e.message) : String(e), secrets)}`).join('\n')}\nverdict: ERROR — no verdict`);
    process.exit(outcome.interrupted ? INTERRUPT_EXIT_CODES[outcome.interrupted] : 2);
  }
}

if (isEntry(import.meta.url)) await main(process.argv.slice(2));
