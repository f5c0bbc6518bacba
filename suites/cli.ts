/**
 * `npm run conformance`: reads `.env` (dotenv) and the environment, runs every suite against the
 * configured gateway — or the embedded reference gateway when none is configured — and exits
 * 0 (conformant), 1 (not conformant) or 2 (no verdict). See docs/INTERPRETING.md §exit-codes.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { maskSecrets, secretsOf } from './config.ts';
import { readSensitivity, writeReports } from './reporters/index.ts';
import { buildReport } from './reporters/model.ts';
import { renderTerminal } from './reporters/terminal.ts';
import { runConformance } from './run.ts';

// DOTENV_CONFIG_PATH points at another file (the project's tests use it to ignore a developer's .env).
dotenv.config({ quiet: true, path: process.env.DOTENV_CONFIG_PATH ?? '.env' });
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const suites = process.argv.slice(2).filter((a) => !a.startsWith('-'));

try {
  const outcome = await runConformance({ env: process.env, root, ...(suites.length ? { suites } : {}) });
  const dir = outcome.config?.run.reportDir ?? process.env.CONFORMANCE_REPORT_DIR?.trim() ?? 'reports';
  const secrets = secretsOf(process.env);
  const report = buildReport(outcome, readSensitivity(dir));
  let written: string[] = [];
  try {
    written = writeReports(report, dir, secrets);
  } catch (e) {
    console.error(`gateway-conformance: cannot write the reports to ${dir}: ${(e as Error).message}`);
  }
  for (const line of renderTerminal(report, written)) console.log(maskSecrets(line, secrets));
  process.exit(written.length === 0 ? 2 : outcome.exitCode);
} catch (e) {
  console.error(`gateway-conformance: unexpected error, no verdict: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(2);
}
