/**
 * The conformance run: configuration → target (the configured gateway, or the embedded reference
 * when none is configured) → a reachability check → every suite in suites/ under vitest → the
 * per-clause verdict. Exit codes (docs/INTERPRETING.md §exit-codes): 0 every MUST clause holds,
 * 1 a MUST clause failed (or a SHOULD clause, when strict), 2 no verdict (configuration,
 * unreachable gateway, a suite that crashed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestModule } from 'vitest/node';
import { startVitest } from 'vitest/node';
import { ALL_CLAUSES, type Clause } from '../contract/index.ts';
import { GatewayTimeoutError, GatewayUnreachableError, HttpClient } from '../lib/http/client.ts';
import { startReferenceGateway, type ReferenceGateway, type ReferenceGatewayOptions } from '../reference/server.ts';
import { type ConformanceConfig, ConfigError, type Env, loadConfig, maskSecrets, secretsOf } from './config.ts';
import { RESOLVED_CONFIG_VAR, RESULTS_DIR_VAR, type ResolvedRun } from './harness.ts';
import { type Failure, readSuiteResults } from './results.ts';

export type ClauseStatus = 'passed' | 'failed' | 'warning' | 'not-tested';
export type Verdict = 'conformant' | 'not conformant' | 'error';

export interface ClauseResult {
  readonly clause: Clause;
  readonly status: ClauseStatus;
  readonly cases: number;
  readonly failures: Failure[];
  readonly reason?: string;
}

export interface RunOutcome {
  readonly exitCode: 0 | 1 | 2;
  readonly verdict: Verdict;
  readonly clauses: ClauseResult[];
  readonly errors: string[];
  readonly config?: ConformanceConfig;
  readonly target?: { readonly embedded: boolean; readonly syntchBaseUrl?: string; readonly ebizSoapUrl?: string };
  /** Which clauses each suite file exercised (recorded a case or a reason for). */
  readonly suites?: { readonly suite: string; readonly clauses: string[] }[];
  readonly startedAt: string;
  readonly finishedAt: string;
}

export interface RunOptions {
  readonly env: Env;
  /** Repository root (where vitest.conformance.config.ts is). */
  readonly root: string;
  /** Only suite files whose path contains one of these. Default: every suite. */
  readonly suites?: readonly string[];
  readonly log?: (line: string) => void;
  /** Options for the embedded reference gateway (tests use them to run against a broken one). */
  readonly reference?: ReferenceGatewayOptions;
}

export async function runConformance(options: RunOptions): Promise<RunOutcome> {
  const startedAt = new Date().toISOString();
  const secrets = secretsOf(options.env);
  const log = (line: string) => (options.log ?? console.log)(maskSecrets(line, secrets));
  const noVerdict = (errors: string[], config?: ConformanceConfig): RunOutcome => {
    return { exitCode: 2, verdict: 'error', clauses: [], errors, ...(config ? { config } : {}), startedAt, finishedAt: new Date().toISOString() };
  };

  let config: ConformanceConfig;
  try {
    config = loadConfig(options.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      log('gateway-conformance: the configuration is not usable; nothing was sent.');
      return noVerdict([...e.problems, 'See .env.example for every setting.']);
    }
    throw e;
  }

  let reference: ReferenceGateway | undefined;
  let runSecrets = secrets;
  try {
    if (config.embedded) {
      reference = await startReferenceGateway({ port: 0, ...options.reference });
      const f = reference.fixtures;
      config = {
        ...config,
        syntch: {
          baseUrl: reference.restBaseUrl,
          authorization: f.rest.users.merchant.authorization,
          authorizationNoRole: f.rest.users.noRole.authorization,
          customerKey: f.rest.customers[0]!.customerKey,
          missingCustomerKey: f.rest.missingCustomerKey,
        },
        ebiz: { soapUrl: reference.soapUrl, securityId: f.soap.securityId, customerInternalId: f.soap.customers[0]!.customerInternalId },
      };
      runSecrets = secretsOf({
        SYNTCH_AUTHORIZATION: config.syntch!.authorization,
        SYNTCH_AUTHORIZATION_NO_ROLE: config.syntch!.authorizationNoRole,
        EBIZ_SECURITY_ID: config.ebiz!.securityId,
      });
    }
    const target = {
      embedded: config.embedded,
      ...(config.syntch ? { syntchBaseUrl: config.syntch.baseUrl } : {}),
      ...(config.ebiz ? { ebizSoapUrl: config.ebiz.soapUrl } : {}),
    };

    const unreachable = await preflight(config);
    if (unreachable.length > 0) return { ...noVerdict(unreachable, config), target };

    log(`gateway-conformance: ${config.embedded ? 'no gateway configured, testing the embedded reference gateway' : 'testing the configured gateway'}`);
    if (config.syntch) log(`  Syntch PutCustomer:          ${config.syntch.baseUrl}`);
    else log(`  Syntch PutCustomer:          not tested (${config.notTested.syntch})`);
    if (config.ebiz) log(`  eBizCharge SOAP:             ${config.ebiz.soapUrl}`);
    else log(`  eBizCharge SOAP:             not tested (${config.notTested.ebiz})`);
    log(`  seed ${config.run.seed} (replay: CONFORMANCE_SEED=${config.run.seed}), ${config.run.runs} runs per property`);

    const resultsDir = mkdtempSync(join(tmpdir(), 'conformance-results-'));
    const crashes: string[] = [];
    try {
      const resolved: ResolvedRun = { config, secrets: runSecrets };
      process.env[RESOLVED_CONFIG_VAR] = JSON.stringify(resolved);
      process.env[RESULTS_DIR_VAR] = resultsDir;
      const vitest = await startVitest('test', [...(options.suites ?? [])], {
        root: options.root,
        config: join(options.root, 'vitest.conformance.config.ts'),
        watch: false,
        reporters: [progressReporter(log, crashes)],
      });
      await vitest.close();
    } finally {
      delete process.env[RESOLVED_CONFIG_VAR];
      delete process.env[RESULTS_DIR_VAR];
    }
    const suiteResults = readSuiteResults(resultsDir);
    rmSync(resultsDir, { recursive: true, force: true });

    const errors = [...new Set([...suiteResults.flatMap((s) => s.errors.map((e) => e.message)), ...crashes])];
    if (suiteResults.length === 0 && errors.length === 0) errors.push('no suite reported any result');
    const clauses = aggregate(config, suiteResults);
    const mustFailed = clauses.some((c) => c.status === 'failed');
    const warned = clauses.some((c) => c.status === 'warning');
    const exitCode: 0 | 1 | 2 = errors.length > 0 ? 2 : mustFailed || (config.run.strict && warned) ? 1 : 0;
    const verdict: Verdict = exitCode === 2 ? 'error' : exitCode === 1 ? 'not conformant' : 'conformant';
    const suites = suiteResults.map((s) => ({ suite: s.suite, clauses: s.clauses.map((c) => c.clause) }));
    const outcome: RunOutcome = { exitCode, verdict, clauses, errors, config, target, suites, startedAt, finishedAt: new Date().toISOString() };
    return outcome;
  } finally {
    await reference?.close();
  }
}

/** One request to each configured endpoint: any HTTP answer means it can be reached. */
async function preflight(config: ConformanceConfig): Promise<string[]> {
  const client = new HttpClient({ timeoutMs: config.run.timeoutMs, concurrency: 2, maxRetries: 0 });
  const problems: string[] = [];
  const targets: [string, string, string][] = [];
  if (config.syntch) targets.push(['SYNTCH_BASE_URL', config.syntch.baseUrl, `${config.syntch.baseUrl}/customers/${config.syntch.customerKey}`]);
  if (config.ebiz) targets.push(['EBIZ_SOAP_URL', config.ebiz.soapUrl, config.ebiz.soapUrl]);
  try {
    for (const [variable, base, url] of targets) {
      try {
        await client.send({ method: 'GET', url, headers: {} });
      } catch (e) {
        if (e instanceof GatewayUnreachableError) problems.push(`${variable}: cannot reach ${base} (${e.code}); no verdict is given for a gateway that cannot be reached`);
        else if (e instanceof GatewayTimeoutError) problems.push(`${variable}: ${base} did not answer within ${config.run.timeoutMs} ms (CONFORMANCE_TIMEOUT_MS)`);
        else throw e;
      }
    }
  } finally {
    await client.close();
  }
  return problems;
}

function aggregate(config: ConformanceConfig, suites: ReturnType<typeof readSuiteResults>): ClauseResult[] {
  const merged = new Map<string, { cases: number; failures: Failure[]; failed: number; notTested?: string }>();
  for (const s of suites) {
    for (const r of s.clauses) {
      const m = merged.get(r.clause) ?? { cases: 0, failures: [], failed: 0 };
      m.cases += r.cases;
      m.failures.push(...r.failures);
      if (r.notTested) m.notTested ??= r.notTested;
      merged.set(r.clause, m);
    }
  }
  return ALL_CLAUSES.map((clause): ClauseResult => {
    const apiMissing = clause.operation === 'put-customer' ? (config.syntch ? undefined : config.notTested.syntch) : config.ebiz ? undefined : config.notTested.ebiz;
    if (apiMissing) return { clause, status: 'not-tested', cases: 0, failures: [], reason: apiMissing };
    if (clause.unobservable) return { clause, status: 'not-tested', cases: 0, failures: [], reason: clause.unobservable };
    const m = merged.get(clause.id);
    // Concurrent requests finish in any order: sort, so the same seed reports the same failures first.
    const failures = (m?.failures ?? []).sort((a, b) => (a.counterexample ?? '').localeCompare(b.counterexample ?? '') || a.received.localeCompare(b.received));
    if (m && failures.length > 0) return { clause, status: clause.level === 'MUST' ? 'failed' : 'warning', cases: m.cases, failures };
    if (m && m.cases > 0) return { clause, status: 'passed', cases: m.cases, failures: [] };
    return { clause, status: 'not-tested', cases: 0, failures: [], reason: m?.notTested ?? 'no case exercised this clause in this run' };
  });
}

/** A quiet vitest reporter: one line per suite file; unexpected errors are collected as run errors. */
function progressReporter(log: (line: string) => void, crashes: string[]) {
  return {
    onTestModuleEnd(module: TestModule) {
      const name = module.moduleId.split('/').pop();
      let problems = 0;
      for (const test of module.children.allTests()) {
        const result = test.result();
        for (const error of result.errors ?? []) {
          if (error.name === 'AssertionError') continue;
          problems++;
          crashes.push(`${name} › ${test.name}: ${error.name ?? 'Error'}: ${error.message}`);
        }
      }
      for (const error of module.errors()) {
        problems++;
        crashes.push(`${name}: ${error.name ?? 'Error'}: ${error.message}`);
      }
      log(`  ran ${name}${problems ? ` (${problems} error(s))` : ''}`);
    },
    onTestRunEnd(_modules: readonly TestModule[], unhandled: readonly { message?: string }[]) {
      for (const e of unhandled) crashes.push(`unhandled: ${e.message ?? String(e)}`);
    },
  };
}
