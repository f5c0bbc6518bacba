/**
 * How a test starts a command of the suite as the installed package runs it: node on the compiled
 * JavaScript (`node dist/cli/main.js …`), one process, no loader. Through tsx (`tsx cli/main.ts`, or
 * the clone's bin, which starts node a second time with tsx's loader) every child cost half a
 * second or more of CPU more, and the tests start about a hundred.
 *
 * The compiled JavaScript is the build test/global-setup.ts makes once per test run, before any
 * test file (never a build left from an earlier run): the same compile as `npm run build`, into a
 * directory of the tests' own shaped like the installed package — package.json, dist/ and the
 * shipped files beside it — so the package root, the WSDL and `trace`'s `dist/…:line` are found as
 * installed. Not the project's dist/: test/package/pack.test.ts runs `npm pack`, whose prepack
 * deletes and rebuilds dist/ while other test files' children run from it.
 *
 * Tests whose point is the clone's bin, npx or tsx (a few of test/cli/cli.test.ts, the signal
 * tests of test/field/signals.test.ts, test/cli/startup-loads.test.ts, test/package/pack.test.ts)
 * start those instead.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package-shaped directory the global setup builds into (under node_modules/.cache: ignored by git). */
export const COMPILED_PACKAGE: string = fileURLToPath(new URL('../../node_modules/.cache/gateway-conformance-compiled', import.meta.url));

/** The compiled module of the source `source` (`cli/reference.ts` → …/dist/cli/reference.js): the script node is given. */
export function compiled(source: `${string}.ts`): string {
  return join(COMPILED_PACKAGE, 'dist', source.replace(/\.ts$/, '.js'));
}

/** `gateway-conformance`: the compiled cli/main.ts, which the installed bin imports. Start it with `process.execPath`. */
export const CLI_MAIN: string = compiled('cli/main.ts');
