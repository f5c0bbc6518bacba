import { defineConfig } from 'vitest/config';

/** The conformance suites, run by `npm run conformance` (suites/run.ts), never by `npm test`. */
export default defineConfig({
  test: {
    include: ['suites/**/*.suite.ts'],
    pool: 'forks',
    // Suites pace their own requests; a slow gateway is a finding, not a vitest timeout.
    testTimeout: 0,
    hookTimeout: 60_000,
    sequence: { concurrent: false },
    reporters: [],
  },
});
