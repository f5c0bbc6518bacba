/**
 * The suites' names in the registry's order (suites/index.ts), for `--help`, which names them
 * without loading the suites and everything they import; test/cli/startup-loads.test.ts holds the
 * two equal.
 */
export const SUITE_NAMES: readonly string[] = ['put-customer-inputs', 'put-customer-replace', 'put-customer-access', 'mark-customer', 'hardening', 'hardening-soap'];
