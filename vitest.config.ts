import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The reference gateway tests open real sockets on loopback; keep them isolated per file.
    pool: 'forks',
    // Two workers on two cores: most files wait on sockets and child processes, so the default
    // (cores − 1 = one worker) left a core idle for most of the run.
    maxWorkers: 2,
    testTimeout: 30_000,
    // The JSON result lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: ['default', ['json', { outputFile: 'node_modules/.cache/vitest-results.json' }]],
    hookTimeout: 30_000,
  },
});
