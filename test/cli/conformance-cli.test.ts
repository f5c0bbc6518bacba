/**
 * `npm run conformance` end to end, as a user runs it (a child process with an environment):
 * the verdict on the reference, exit 2 for every configuration and connection problem, one API
 * only, no secret in the output, and the same seed replaying the same run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { configuredSettings, DEFAULT_FIXTURES, type ReferenceFixtures } from '../../reference/fixtures.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import { CLI_MAIN } from '../helpers/cli.ts';
import { embeddedReference } from '../../reference/embedded.ts';
import { runConformance } from '../../runner/run.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface CliRun {
  readonly code: number | null;
  readonly out: string;
}

/** Runs the CLI with only the given variables (no .env, no inherited CONFORMANCE_* settings). */
function conformance(env: Record<string, string>, args: string[] = []): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '', DOTENV_CONFIG_PATH: '/nonexistent/.env', CONFORMANCE_REPORT_DIR: mkdtempSync(join(tmpdir(), 'cli-reports-')), ...env },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** The reference as an external gateway, configured the way a user configures a real one. */
function configuredFor(gw: ReferenceGateway, f: ReferenceFixtures = gw.fixtures): Record<string, string> {
  return configuredSettings(gw, f);
}

const gateways: ReferenceGateway[] = [];
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  for (const s of servers) s.close();
});

describe('against the embedded reference, with the default settings', () => {
  it('seed 1: exit 0, no failed clause, no warning', async () => {
    const run = await conformance({ CONFORMANCE_SEED: '1' });
    expect(run.out).toContain('seed 1 (replay: CONFORMANCE_SEED=1), 100 runs per property');
    expect(run.out).toMatch(/verdict: CONFORMANT \(self-test of the embedded reference gateway — not a certification\) — \d+ passed, 0 failed, 0 warnings, 1 not tested/);
    expect(run.out).not.toMatch(/FAILED|WARNING/);
    expect(run.code).toBe(0);
  });

  // The same run the command line makes (its settings, the embedded reference), in this process:
  // what seed 1 shows of the command line holds for every seed, and a process of its own costs
  // three times the CPU of the run (most of it warming up).
  it.each(['2', '3'])('seed %s: exit 0, no failed clause, no warning (the run in process)', async (seed) => {
    const outcome = await runConformance({ env: { CONFORMANCE_SEED: seed }, embedded: embeddedReference(), log: () => undefined, progressEveryMs: 0 });
    expect(outcome.config?.run.runs).toBe(100);
    expect(outcome.errors).toEqual([]);
    expect(outcome.clauses.filter((c) => c.status === 'failed' || c.status === 'warning').map((c) => c.clause.id)).toEqual([]);
    expect(outcome.clauses.filter((c) => c.status === 'not-tested')).toHaveLength(1);
    expect(outcome.exitCode).toBe(0);
  });
});

describe('exit 2, no verdict', () => {
  it('a gateway nobody listens on', async () => {
    const run = await conformance({ SYNTCH_BASE_URL: 'http://127.0.0.1:9/api', SYNTCH_AUTHORIZATION: 'Bearer x', SYNTCH_CUSTOMER_KEY: '1' });
    expect(run.code).toBe(2);
    expect(run.out).toMatch(/SYNTCH_BASE_URL: cannot reach http:\/\/127\.0\.0\.1:9\/api \(ECONNREFUSED\)/);
    expect(run.out).toMatch(/verdict: ERROR — no verdict — 0 passed, 0 failed, 0 warnings, \d+ not tested/);
  });

  it('missing settings, all listed at once, before any request', async () => {
    let requests = 0;
    const server = createServer((_q, r) => {
      requests++;
      r.end();
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const run = await conformance({ SYNTCH_BASE_URL: `${url}/api`, EBIZ_SOAP_URL: `${url}/soap` });
    expect(run.code).toBe(2);
    for (const v of ['SYNTCH_AUTHORIZATION', 'SYNTCH_CUSTOMER_KEY', 'EBIZ_SECURITY_ID', 'EBIZ_CUSTOMER_INTERNAL_ID']) expect(run.out).toContain(`${v} is not set`);
    expect(run.out).toContain('nothing was sent');
    expect(requests).toBe(0);
  });

  it('a malformed URL', async () => {
    const run = await conformance({ SYNTCH_BASE_URL: 'htp:/nowhere', SYNTCH_AUTHORIZATION: 'Bearer x', SYNTCH_CUSTOMER_KEY: '1' });
    expect(run.code).toBe(2);
    expect(run.out).toContain("SYNTCH_BASE_URL is not an http(s) URL: 'htp:/nowhere'");
  });
});

describe('a configured gateway', () => {
  it('with only the SOAP endpoint, PutCustomer is reported not tested and the run can still pass', async () => {
    const gw = await startReferenceGateway();
    gateways.push(gw);
    const { EBIZ_SOAP_URL, EBIZ_SECURITY_ID, EBIZ_CUSTOMER_INTERNAL_ID } = configuredFor(gw);
    const run = await conformance({ EBIZ_SOAP_URL: EBIZ_SOAP_URL!, EBIZ_SECURITY_ID: EBIZ_SECURITY_ID!, EBIZ_CUSTOMER_INTERNAL_ID: EBIZ_CUSTOMER_INTERNAL_ID!, CONFORMANCE_SEED: '5', CONFORMANCE_RUNS: '10', CONFORMANCE_RATE_LIMIT: '10000' });
    expect(run.out).toContain('Syntch PutCustomer:          not tested (SYNTCH_BASE_URL not set)');
    expect(run.out).toMatch(/verdict: CONFORMANT/);
    expect(run.code).toBe(0);
  });

  it('failures show clause, rule, documented vs received, the case and a curl reproduction — and never a secret', async () => {
    const secretFixtures = structuredClone(DEFAULT_FIXTURES) as ReferenceFixtures & { rest: { users: { merchant: { authorization: string }; noRole: { authorization: string } } }; soap: { securityId: string } };
    secretFixtures.rest.users.merchant.authorization = 'Bearer SECRET-merchant-7c1e9d';
    secretFixtures.rest.users.noRole.authorization = 'Bearer SECRET-norole-55aa01';
    secretFixtures.soap.securityId = 'SECRET-0b5d8e3a-security-id';
    const gw = await startReferenceGateway({ fixtures: secretFixtures, fault: 'customer-name-max-off-by-one' });
    gateways.push(gw);
    const run = await conformance({ ...configuredFor(gw, secretFixtures), CONFORMANCE_SEED: '9', CONFORMANCE_RUNS: '20' });
    expect(run.code).toBe(1);
    expect(run.out).toContain('FAILED  put-customer/customer-name/max-length [MUST] — API accepted a request that breaks a documented rule');
    expect(run.out).toContain('rule:        CustomerName (string, Required: Yes): "The name of the customer. Cannot exceed 100 characters."');
    expect(run.out).toMatch(/documented: {2}CustomerName of 101 characters: rejected with a 4xx/);
    expect(run.out).toMatch(/received: {4}200: /);
    expect(run.out).toMatch(/case: {8}CustomerName of 101 characters is rejected/);
    expect(run.out).toMatch(/curl -sS -i -X PUT '[^']+\/customers\/1'/);
    expect(run.out).toContain(`-H 'Authorization: '"$SYNTCH_AUTHORIZATION"`);
    expect(run.out).toMatch(/verdict: NOT CONFORMANT/);
    expect(run.out).not.toContain('SECRET-');
  });

  it('the same seed replays the same run', async () => {
    const gw = await startReferenceGateway({ fault: 'state-codes-lenient' });
    gateways.push(gw);
    const env = { ...configuredFor(gw), CONFORMANCE_SEED: '77', CONFORMANCE_RUNS: '25', CONFORMANCE_REPORT_DIR: mkdtempSync(join(tmpdir(), 'replay-')) };
    // The findings, from the first one on (suite files finish in any order, so their progress lines are left out).
    const strip = (out: string) => out.slice(out.indexOf('\nFAILED')).replace(/127\.0\.0\.1:\d+/g, 'HOST');
    const first = await conformance(env);
    const second = await conformance(env);
    expect(first.code).toBe(1);
    expect(first.out).toContain('\nFAILED  put-customer/address/state-or-province-code/allowed-values');
    expect(strip(second.out)).toBe(strip(first.out));
  });
});
