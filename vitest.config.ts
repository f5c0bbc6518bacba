import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, longest first (each over 30 s on two cores; then the type check, a
 * small file that runs tsc over the whole project for about ten seconds). Vitest orders a file
 * it has no timing for by its size, so on a fresh clone (CI) the self-check test, a small file that
 * runs about 170 runs, started three minutes in and ran alone at the end while the other worker
 * idled. Started first, the two workers finish together (longest processing time first).
 */
const LONGEST_FIRST = ['test/cli/self-check.test.ts', 'test/field/field-trust.test.ts', 'test/cli/cli.test.ts', 'test/cli/conformance-cli.test.ts', 'test/architecture/types.test.ts'];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((name) => f.moduleId.replaceAll('\\', '/').endsWith(name));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    const sorted = await super.sort(files);
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests that start a command start the compiled JavaScript, as the installed package runs it
    // (test/helpers/cli.ts): through tsx each child cost half a second or more of CPU more, and
    // they start about a hundred. Built once here, before any file, fresh every run.
    globalSetup: ['test/global-setup.ts'],
    sequence: { sequencer: LongestFirst },
    // The reference gateway tests open real sockets on loopback: the workers are processes, not threads.
    pool: 'forks',
    // A worker runs its files one after another without a fresh module graph for each: every file
    // loaded the same sources again (a fifth of the CPU of the light files). No test changes global
    // state it does not restore (one sets HTTP_PROXY and deletes it), so sharing is safe; each file
    // starts and closes its own gateways.
    isolate: false,
    // Two workers on two cores: most files wait on sockets and child processes, so the default
    // (cores − 1 = one worker) left a core idle for most of the run.
    maxWorkers: 2,
    testTimeout: 30_000,
    // The JSON result lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: ['default', ['json', { outputFile: 'node_modules/.cache/vitest-results.json' }]],
    hookTimeout: 30_000,
  },
});
