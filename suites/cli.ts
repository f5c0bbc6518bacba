/**
 * `npm run conformance`: reads `.env` (dotenv) and the environment, runs every suite against the
 * configured gateway — or the embedded reference gateway when none is configured — and exits
 * 0 (conformant), 1 (not conformant) or 2 (no verdict). See docs/INTERPRETING.md §exit-codes.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { runConformance } from './run.ts';

// DOTENV_CONFIG_PATH points at another file (the project's tests use it to ignore a developer's .env).
dotenv.config({ quiet: true, path: process.env.DOTENV_CONFIG_PATH ?? '.env' });
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const suites = process.argv.slice(2).filter((a) => !a.startsWith('-'));

try {
  const outcome = await runConformance({ env: process.env, root, ...(suites.length ? { suites } : {}) });
  process.exit(outcome.exitCode);
} catch (e) {
  console.error(`gateway-conformance: unexpected error, no verdict: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(2);
}
