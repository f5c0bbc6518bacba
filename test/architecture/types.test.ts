/**
 * The whole project type-checks under its strict tsconfig: `tsc --noEmit -p .` (the sources, the
 * tests, bench/ and scripts/) reports nothing. A test rather than a step before vitest, so that
 * the check runs beside the other test files instead of before all of them (it is one of the
 * files vitest.config.ts starts early); a run of a single test file does not pay for it, and
 * `npm run typecheck` runs it alone. Incremental, its state in node_modules/.cache: tsc checks
 * again only the files changed since the last run and those that depend on them (a fresh clone
 * checks everything; the state records each file's hash and the options, so it is never stale).
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

it('tsc --noEmit -p . reports no error', { timeout: 180_000 }, async () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const state = join(root, 'node_modules/.cache/gateway-conformance/types.tsbuildinfo');
  const result = await promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', state], { cwd: root, maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, output: `${stdout}${stderr}` }),
    (e: { code?: number; stdout?: string; stderr?: string; message: string }) => ({ code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message }),
  );
  expect(result.output.trim()).toBe('');
  expect(result.code).toBe(0);
});
