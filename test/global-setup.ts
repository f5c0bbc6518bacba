/**
 * Vitest's global setup: builds the compiled JavaScript once per test run, before any test file,
 * for the tests that start a command as the installed package runs it (test/helpers/cli.ts says
 * why and where). Always a fresh build, never one left from an earlier run; a build that fails
 * (a syntax error; types are test/architecture/types.test.ts's) fails the run with tsc's message,
 * before any test.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { COMPILED_PACKAGE } from './helpers/cli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export default async function setup(): Promise<void> {
  rmSync(COMPILED_PACKAGE, { recursive: true, force: true });
  mkdirSync(COMPILED_PACKAGE, { recursive: true });
  // `npm run build`'s compile (tsconfig.build.json) into another directory, emitting the same
  // JavaScript without checking the types or writing declarations (--noCheck: half the time,
  // before any test can start). `npm test` type-checks everything in a test of its own
  // (test/architecture/types.test.ts), and the package test runs the whole build, declarations and
  // checks included, through `npm pack`. tsc is started by node directly (no npm: a process and
  // its start-up for nothing).
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noCheck', '--declaration', 'false', '--outDir', join(COMPILED_PACKAGE, 'dist')], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const { stdout, stderr, message } = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`test/global-setup.ts: the compiled JavaScript the tests run did not build (tsc -p tsconfig.build.json):\n${`${stdout ?? ''}${stderr ?? ''}`.trim() || message}`);
  }
  // Shaped like the installed package: its package.json (the package root every module finds by
  // it, the version, "type": "module") and the files package.json ships beside dist/, linked. Not
  // bin/: the tests start dist/ directly, and a linked bin would run the clone's sources.
  copyFileSync(join(root, 'package.json'), join(COMPILED_PACKAGE, 'package.json'));
  const { files } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] };
  for (const top of new Set(files.map((f) => f.split('/')[0]!))) {
    if (top !== 'dist' && top !== 'bin') symlinkSync(join(root, top), join(COMPILED_PACKAGE, top));
  }
}
