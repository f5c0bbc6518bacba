/**
 * `npm run conformance [-- [SUITE …] [options]]`: reads the settings (the environment over `.env`
 * in the working directory over `.env` in the project root), checks the report directory, runs the
 * selected suites against the configured gateway — or the embedded reference gateway when none is
 * configured — writes the reports and exits 0 (conformant), 1 (not conformant) or 2 (no verdict).
 * See docs/INTERPRETING.md §exit-codes. An unknown option exits 2 with the usage and sends nothing.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHECKS, CHECK_NAMES } from '../checks/registry.ts';
import { ConfigError, maskSecrets, secretsOf } from './config.ts';
import { readEnvironment } from './environment.ts';
import { SUITES } from '../suites/index.ts';
import { prepareReportDir, readSensitivity, writeReports } from '../reporting/index.ts';
import { buildReport } from '../reporting/model.ts';
import { renderTerminal } from '../reporting/terminal.ts';
import { runConformance } from './run.ts';

const USAGE = `usage: npm run conformance -- [SUITE …] [--checks a,b] [--exclude-checks a,b] [--list-checks] [--list-suites] [--help]
  SUITE             run only the suites whose name contains it (${SUITES.map((s) => s.name).join(', ')})
  --checks          run only these checks (comma-separated; CONFORMANCE_CHECKS)
  --exclude-checks  leave these checks out; their clauses are reported not-tested (CONFORMANCE_EXCLUDE_CHECKS)
  --list-checks     list every check with the clauses it judges, and exit
  --list-suites     list every suite with the checks it applies, and exit
Settings come from the environment and .env (see .env.example).`;

function usage(message: string): never {
  console.error(`gateway-conformance: ${message}\n${USAGE}`);
  process.exit(2);
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      checks: { type: 'string' },
      'exclude-checks': { type: 'string' },
      'list-checks': { type: 'boolean' },
      'list-suites': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (e) {
  usage((e as Error).message);
}
const { values: args, positionals } = parsed;
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args['list-checks']) {
  for (const name of CHECK_NAMES) console.log(`${name.padEnd(28)} ${CHECKS[name].description}\n${' '.repeat(29)}${CHECKS[name].clauses.join(', ')}`);
  process.exit(0);
}
if (args['list-suites']) {
  for (const s of SUITES) console.log(`${s.name.padEnd(22)} ${s.api.padEnd(7)} ${s.description}\n${' '.repeat(31)}checks: ${s.checks.join(', ')}`);
  process.exit(0);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let env: Record<string, string>;
try {
  env = readEnvironment({ root, cwd: process.cwd(), processEnv: process.env });
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(`gateway-conformance: ${e.message}\nno verdict; nothing was sent.`);
  process.exit(2);
}
const secrets = secretsOf(env);
const reportDir = env.CONFORMANCE_REPORT_DIR?.trim() || join(process.cwd(), 'reports');

// The report directory is checked before the first request: a run whose reports cannot be written has no verdict.
const dirProblem = prepareReportDir(reportDir);
if (dirProblem) {
  console.error(`gateway-conformance: ${dirProblem}\nverdict: ERROR — no verdict; nothing was sent.`);
  process.exit(2);
}

try {
  const outcome = await runConformance({
    env,
    ...(positionals.length ? { suites: positionals } : {}),
    ...(args.checks !== undefined ? { checks: list(args.checks) } : {}),
    ...(args['exclude-checks'] !== undefined ? { excludeChecks: list(args['exclude-checks']) } : {}),
  });
  let report = buildReport(outcome, readSensitivity(reportDir));
  let written;
  try {
    written = writeReports(report, reportDir, secrets);
  } catch (e) {
    // The verdict line must not contradict the exit code: a run whose reports were not written has no verdict.
    report = buildReport({ ...outcome, exitCode: 2, verdict: 'error', errors: [...outcome.errors, `cannot write the reports to ${reportDir}: ${(e as Error).message}`] }, null);
    written = { files: [] };
  }
  const text = renderTerminal(report, written, secrets).map((line) => `${maskSecrets(line, secrets)}\n`).join('');
  // Exit once the whole text is written: a pipe (CI) must receive the verdict line too.
  process.stdout.write(text, () => process.exit(report.exitCode));
} catch (e) {
  console.error(maskSecrets(`gateway-conformance: unexpected error, no verdict: ${e instanceof Error ? e.stack : String(e)}`, secrets));
  process.exit(2);
}
