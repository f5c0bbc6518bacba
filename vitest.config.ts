import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests that start a command start the compiled JavaScript, as the installed package runs it
    // (test/helpers/cli.ts): through tsx each child cost half a second or more of CPU more, and
    // they start about a hundred. Built once here, before any file, fresh every run.
    globalSetup: ['test/global-setup.ts'],
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
