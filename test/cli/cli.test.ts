/**
 * `gateway-conformance`, run as a user runs it: the command as the installed package runs it (the
 * compiled JavaScript, test/helpers/cli.ts) in a child process, with no `.env` (DOTENV_CONFIG_PATH
 * names a file that does not exist) and a temporary report directory; a few tests start the clone's
 * bin (bin/gateway-conformance.js, which runs the sources through tsx) and npx, to show its output,
 * exit codes and signals pass through. Help and version on the tool and every command, the clause list, setting flags
 * derived from the settings table and winning over the environment (secrets given as flags masked
 * like the others), and every command-line mistake ending in exit 2 before anything is sent.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CLAUSES } from '../../contract/index.ts';
import { DEFAULT_FIXTURES, type ReferenceFixtures, configuredSettings } from '../../reference/fixtures.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import { SUITE_VERSION } from '../../reporting/model.ts';
import { SETTINGS, flagOf, secretsOf } from '../../config/settings.ts';
import { settingsFor, settingsFromFlags } from '../../cli/support.ts';
import { CLI_MAIN } from '../helpers/cli.ts';
import { startMisbehavingGateway } from '../helpers/misbehaving-gateway.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/gateway-conformance.js');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly out: string;
  readonly reportDir: string;
}

/**
 * Runs the command with `args` and only the given variables (no .env, no inherited settings):
 * `script` in node, the compiled command unless a test names the clone's `bin`.
 */
function cli(args: readonly string[], env: Record<string, string> = {}, script: string = CLI_MAIN): Promise<CliRun> {
  const reportDir = mkdtempSync(join(tmpdir(), 'cli-reports-'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: mkdtempSync(join(tmpdir(), 'cli-cwd-')),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '', DOTENV_CONFIG_PATH: '/nonexistent/.env', CONFORMANCE_REPORT_DIR: reportDir, ...env },
    });
    let [stdout, stderr, out] = ['', '', ''];
    child.stdout.on('data', (d: Buffer) => ((stdout += d.toString()), (out += d.toString())));
    child.stderr.on('data', (d: Buffer) => ((stderr += d.toString()), (out += d.toString())));
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr, out, reportDir }));
  });
}

/** A server that counts every request it receives: proof that nothing was sent. */
let counter: Server;
let requests = 0;
let counterUrl = '';
const gateways: ReferenceGateway[] = [];
beforeAll(async () => {
  counter = createServer((_q, r) => {
    requests++;
    r.end();
  });
  await new Promise<void>((r) => counter.listen(0, '127.0.0.1', () => r()));
  counterUrl = `http://127.0.0.1:${(counter.address() as AddressInfo).port}`;
});
afterAll(async () => {
  counter.close();
  await Promise.all(gateways.map((g) => g.close()));
});

/** Both APIs configured, completely and validly, at the counting server. */
const configuredAtCounter = (): Record<string, string> => ({
  SYNTCH_BASE_URL: `${counterUrl}/api`,
  SYNTCH_AUTHORIZATION: 'Bearer counter-secret',
  SYNTCH_CUSTOMER_KEY: '1',
  EBIZ_SOAP_URL: `${counterUrl}/soap`,
  EBIZ_SECURITY_ID: 'counter-security-id',
  EBIZ_CUSTOMER_INTERNAL_ID: 'c-1',
});

describe('--version', () => {
  it('prints the version of package.json, the one every report names (through the clone\'s bin)', async () => {
    const run = await cli(['--version'], {}, bin);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
    expect(run.stdout.trim()).toBe(SUITE_VERSION);
  });

  it.each(['reference', 'self-check', 'trace'])('%s --version prints the same', async (command) => {
    const run = await cli([command, '--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(SUITE_VERSION);
  });
});

describe('--help', () => {
  it('lists the commands, the filters, a flag for every setting of a run and the warning about secrets on a command line; sends nothing', async () => {
    const before = requests;
    const run = await cli(['--help'], configuredAtCounter());
    expect(run.code).toBe(0);
    for (const text of ['reference', 'self-check', 'trace', '--clause ID', '--suite NAME', '--list-clauses', '--list-checks', '--list-suites', '--version']) expect(run.stdout).toContain(text);
    for (const s of SETTINGS.filter((x) => x.api !== 'reference')) {
      expect(run.stdout).toContain(`${flagOf(s)} `);
      expect(run.stdout).toContain(s.name);
    }
    expect(run.stdout).toMatch(/stays in your shell\s+history/);
    for (const s of SETTINGS.filter((x) => x.secret)) expect(run.stdout).toContain(flagOf(s));
    expect(requests).toBe(before);
  });

  it('is derived from the settings table: SYNTCH_BASE_URL is --syntch-base-url', () => {
    expect(flagOf('SYNTCH_BASE_URL')).toBe('--syntch-base-url');
    expect(flagOf('CONFORMANCE_MAX_RESPONSE_BYTES')).toBe('--conformance-max-response-bytes');
    expect(new Set(SETTINGS.map((s) => flagOf(s))).size).toBe(SETTINGS.length);
  });

  it.each([
    ['reference', /gateway-conformance reference \[--port N\][\s\S]*--reference-port N/],
    ['self-check', /gateway-conformance self-check \[--fault NAME …\][\s\S]*--parallel N/],
    ['trace', /gateway-conformance trace CLAUSE-ID/],
  ])('%s --help prints its own usage', async (command, usage) => {
    const run = await cli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(usage);
  });
});

describe('--list-clauses', () => {
  it('prints every clause, one line each, with its id, level and quote', async () => {
    const run = await cli(['--list-clauses']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(ALL_CLAUSES.length);
    ALL_CLAUSES.forEach((c, i) => {
      expect(lines[i]).toMatch(new RegExp(`^${c.id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} +${c.level} +`));
      expect(lines[i]!.endsWith(c.quote)).toBe(true);
    });
  });
});

describe('commands', () => {
  it('trace prints where a clause lives', async () => {
    const run = await cli(['trace', 'put-customer/customer-name/max-length']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('put-customer/customer-name/max-length');
    expect(run.stdout).toContain('negative_data_rejection');
  });

  it('trace with a mistyped clause exits 2 with a did-you-mean (through the clone\'s bin: its exit code and stderr pass through)', async () => {
    const run = await cli(['trace', 'put-customer/customer-name/max-lenght'], {}, bin);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no clause 'put-customer/customer-name/max-lenght' — did you mean put-customer/customer-name/max-length?");
  });

  it('reference listens where --reference-port says, and stops on SIGTERM through the bin', async () => {
    const child = spawn(process.execPath, [bin, 'reference', '--reference-port', '0'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, DOTENV_CONFIG_PATH: '/nonexistent/.env' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 600 && !/SOAP customers/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    expect(out).toMatch(/SYNTCH_BASE_URL=http:\/\/127\.0\.0\.1:\d+\/api/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('self-check runs one dialect against the reference', { timeout: 180_000 }, async () => {
    // A dialect of MarkCustomerAsSynchronized alone: run through the SOAP suites only.
    const run = await cli(['self-check', '--dialect', 'soap-error-omitted', '--runs', '3', '--json']);
    expect(run.code, run.out).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { plain: { passed: boolean }; dialects: { dialect: string; accepted: boolean }[] };
    expect(result.plain.passed).toBe(true);
    expect(result.dialects).toEqual([expect.objectContaining({ dialect: 'soap-error-omitted', accepted: true, suites: ['mark-customer', 'hardening-soap'] })]);
  });
});

describe('a command line that cannot be read: exit 2, the usage, nothing sent', () => {
  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--syntch-base-ur', 'http://x'], /Unknown option '--syntch-base-ur' — did you mean --syntch-base-url\?/],
    [['refrence'], /unknown command or suite 'refrence' — did you mean reference\?/],
    [['--suite', 'put-customer-acces', '--suite', 'nothing-like-it'], /unknown suite 'nothing-like-it'/],
    [['--clause', 'put-customer/customer-name/max-lenght'], /unknown clause 'put-customer\/customer-name\/max-lenght' — did you mean put-customer\/customer-name\/max-length\?/],
    [['--checks', 'negative_data_rejektion'], /unknown check 'negative_data_rejektion' in --checks — did you mean negative_data_rejection\?/],
    [['--checks', 'response_echo', '--conformance-checks', 'response_echo'], /give --checks or --conformance-checks, not both/],
    [['--conformance-runs'], /--conformance-runs <value>' argument missing/],
    // --exclude-checks is CONFORMANCE_EXCLUDE_CHECKS by a shorter name: it reaches the selection --clause makes.
    [['--clause', 'put-customer/customer-name/max-length', '--exclude-checks', 'negative_data_rejection,positive_data_acceptance'], /judged only by [^\n]*negative_data_rejection[^\n]*, which the check selection leaves out/],
    [['--clause', 'put-customer/customer-name/max-length', '--checks', 'response_echo'], /which the check selection leaves out/],
    [['--clause', 'mark-customer-as-synchronized/effect/last-sync-recorded'], /is judged by no check \(it cannot be observed from outside/],
    [['--clause', 'put-customer/customer-name/max-length', '--suite', 'hardening-soap'], /no selected suite applies a check that judges put-customer\/customer-name\/max-length/],
    [['reference', '--bogus'], /reference: Unknown option '--bogus'/],
    [['self-check', '--fault', 'no-such-fault'], /self-check: unknown fault 'no-such-fault'/],
    [['trace', '--bogus'], /trace: Unknown option '--bogus'/],
  ])('%j', async (args, message) => {
    const before = requests;
    const run = await cli(args, configuredAtCounter());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/usage: gateway-conformance/);
    expect(run.stdout).toBe('');
    expect(requests).toBe(before);
  });

  it('an unquoted secret flag value: the word after it is never echoed', async () => {
    const run = await cli(['--syntch-authorization', 'Bearer', 'SECRET-rest-of-token-3f9a'], configuredAtCounter());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unexpected word after the value of --syntch-authorization \(not shown/);
    expect(run.out).not.toContain('SECRET-');
  });

  it('a configured secret typed where a suite name goes is masked in the error', async () => {
    const run = await cli(['SECRET-positional-77c1'], { ...configuredAtCounter(), SYNTCH_AUTHORIZATION_NO_ROLE: 'SECRET-positional-77c1' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command or suite '\$SYNTCH_AUTHORIZATION_NO_ROLE'/);
    expect(run.out).not.toContain('SECRET-');
  });
});

describe('settings as flags', () => {
  it('a flag wins over the environment, which wins over .env', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-env-'));
    writeFileSync(join(dir, '.env'), 'CONFORMANCE_RUNS=0\n');
    const envFile = { DOTENV_CONFIG_PATH: join(dir, '.env') };
    // A value out of range is named in the problem, so each run shows which source won; none sends anything.
    const fromFile = await cli([], envFile);
    expect(fromFile.code).toBe(2);
    expect(fromFile.out).toContain("CONFORMANCE_RUNS must be a whole number from 1 to 100000, got '0'");
    const fromEnv = await cli([], { ...envFile, CONFORMANCE_RUNS: '100001' });
    expect(fromEnv.out).toContain("got '100001'");
    const fromFlag = await cli(['--conformance-runs=-5'], { ...envFile, CONFORMANCE_RUNS: '100001' });
    expect(fromFlag.code).toBe(2);
    expect(fromFlag.out).toContain("got '-5'");
    expect(fromFlag.out).toContain('nothing was sent');
  });

  it('secrets given as flags are settings like the others: secretsOf sees them', () => {
    const flags = settingsFromFlags(settingsFor(['syntch', 'ebiz', 'run']), { 'syntch-authorization': 'Bearer s1', 'ebiz-password': 'p2', 'conformance-runs': '5' });
    expect(flags).toEqual({ SYNTCH_AUTHORIZATION: 'Bearer s1', EBIZ_PASSWORD: 'p2', CONFORMANCE_RUNS: '5' });
    expect(secretsOf(flags).map(([, variable]) => variable).sort()).toEqual(['EBIZ_PASSWORD', 'SYNTCH_AUTHORIZATION']);
  });

  it(
    'a run configured by flags over a wrong environment: the flags are used, --clause narrows it, flag secrets are masked everywhere',
    { timeout: 240_000 },
    async () => {
      const fixtures = structuredClone(DEFAULT_FIXTURES) as ReferenceFixtures & { rest: { users: { merchant: { authorization: string }; noRole: { authorization: string } } }; soap: { securityId: string } };
      fixtures.rest.users.merchant.authorization = 'Bearer SECRET-merchant-flag-91b2';
      fixtures.rest.users.noRole.authorization = 'Bearer SECRET-norole-flag-0c4d';
      const gw = await startReferenceGateway({ fixtures, fault: 'customer-name-max-off-by-one' });
      gateways.push(gw);
      const run = await cli(
        [
          '--clause', 'put-customer/customer-name/max-length',
          '--syntch-base-url', gw.restBaseUrl,
          '--syntch-authorization', fixtures.rest.users.merchant.authorization,
          `--syntch-authorization-no-role=${fixtures.rest.users.noRole.authorization}`,
          '--syntch-customer-key', String(fixtures.rest.customers[0]!.customerKey),
          '--conformance-seed', '9',
          '--conformance-runs', '10',
        ],
        // The environment points elsewhere: a run that used it could not reach its gateway (exit 2).
        { SYNTCH_BASE_URL: 'http://127.0.0.1:9/api', SYNTCH_CUSTOMER_KEY: '424242', CONFORMANCE_SEED: '1' },
      );
      expect(run.code, run.out).toBe(1);
      expect(run.out).toContain(`Syntch PutCustomer:          ${gw.restBaseUrl}`);
      expect(run.out).toContain('seed 9 (replay: CONFORMANCE_SEED=9), 10 runs per property');
      expect(run.out).toMatch(/--clause put-customer\/customer-name\/max-length: suites [^\n]*put-customer-inputs[^\n]*; checks [^\n]*negative_data_rejection/);
      expect(run.out).toContain('FAILED  put-customer/customer-name/max-length [MUST]');
      expect(run.out).toContain(`-H 'Authorization: '"$SYNTCH_AUTHORIZATION"`);
      expect(run.out).toMatch(/verdict: NOT CONFORMANT \(PARTIAL/);
      expect(run.out).not.toContain('SECRET-');
      const files = readdirSync(run.reportDir).filter((f) => /^conformance\.(json|html)$|^junit\.xml$/.test(f));
      expect(files.sort()).toEqual(['conformance.html', 'conformance.json', 'junit.xml']);
      for (const f of files) expect(readFileSync(join(run.reportDir, f), 'utf8')).not.toContain('SECRET-');
      const report = JSON.parse(readFileSync(join(run.reportDir, 'conformance.json'), 'utf8')) as { clauses: { id: string; status: string }[]; scope: { partial: boolean } };
      expect(report.clauses.find((c) => c.id === 'put-customer/customer-name/max-length')?.status).toBe('failed');
      expect(report.scope.partial).toBe(true);
    },
  );
});

describe('CI configuration mistakes never give a verdict', () => {
  it('unset CI secrets (present but empty) are exit 2 naming every one, not a self-test; --name= still unsets; a cut # is warned about; nothing is sent', async () => {
    // The GitHub recipe with no secrets defined: every one arrives as an empty string.
    const ci = await cli([], { SYNTCH_BASE_URL: '', EBIZ_SOAP_URL: '', SYNTCH_AUTHORIZATION: '' });
    expect(ci.code, ci.out).toBe(2);
    expect(ci.out).toMatch(/SYNTCH_BASE_URL, SYNTCH_AUTHORIZATION and EBIZ_SOAP_URL are set but empty/);
    expect(ci.out).toMatch(/^verdict: ERROR — no verdict/m);
    expect(ci.out).not.toMatch(/self-test|CONFORMANT/);

    // Configured at the counting server but for one empty secret; the empty EBIZ_SOAP_URL is unset by its flag.
    const dir = mkdtempSync(join(tmpdir(), 'cli-env-'));
    writeFileSync(join(dir, '.env'), 'SYNTCH_AUTHORIZATION_NO_ROLE=Bearer SECRET-abc#def\n');
    const before = requests;
    const { SYNTCH_BASE_URL, SYNTCH_CUSTOMER_KEY } = configuredAtCounter();
    const run = await cli(['--ebiz-soap-url='], { SYNTCH_BASE_URL: SYNTCH_BASE_URL!, SYNTCH_CUSTOMER_KEY: SYNTCH_CUSTOMER_KEY!, EBIZ_SOAP_URL: '', SYNTCH_AUTHORIZATION: ' ', DOTENV_CONFIG_PATH: join(dir, '.env') });
    expect(run.code, run.out).toBe(2);
    expect(run.out).toMatch(/SYNTCH_AUTHORIZATION is set but empty/);
    expect(run.out).not.toContain('EBIZ_SOAP_URL');
    expect(run.stderr).toMatch(/warning: SYNTCH_AUTHORIZATION_NO_ROLE in \S*\.env was cut at a '#'[^\n]*quote/);
    expect(run.out.indexOf('warning:')).toBeLessThan(run.out.indexOf('set but empty'));
    expect(run.out).not.toContain('SECRET-');
    expect(run.out).toContain('nothing was sent');
    expect(requests).toBe(before);
  });

  it(
    'a base URL with a query (an API key) is joined by the URL API: the key goes on every request, never into any output',
    { timeout: 240_000 },
    async () => {
      const KEY = 'K3y-SECRET-5ab7c9';
      const gw = await startReferenceGateway({});
      gateways.push(gw);
      const proxy = await startMisbehavingGateway({ upstream: gw });
      try {
        const settings = configuredSettings(proxy, gw.fixtures);
        const run = await cli([], {
          ...settings,
          SYNTCH_BASE_URL: `${proxy.restBaseUrl}/?code=${KEY}`,
          EBIZ_SOAP_URL: `${proxy.soapUrl}?code=${KEY}`,
          CONFORMANCE_RUNS: '5',
          CONFORMANCE_SEED: '3',
        });
        expect(run.code, run.out.slice(-3000)).toBe(0);
        expect(run.out).toMatch(/^verdict: CONFORMANT\b/m);
        expect(run.out).toContain('?code=[code in SYNTCH_BASE_URL]');
        expect(run.out).not.toContain('K3y');
        const files = readdirSync(run.reportDir).filter((f) => /^conformance\.(json|html)$|^junit\.xml$/.test(f));
        expect(files.sort()).toEqual(['conformance.html', 'conformance.json', 'junit.xml']);
        for (const f of files) expect(readFileSync(join(run.reportDir, f), 'utf8'), f).not.toContain('K3y');
        // Every request reached the routes with the key in its query: none went to `/api?code=K3y/customers/…`.
        const rest = proxy.log.filter((e) => e.api === 'rest');
        const soap = proxy.log.filter((e) => e.api === 'soap');
        expect(rest.length).toBeGreaterThan(100);
        expect(soap.length).toBeGreaterThan(10);
        for (const e of proxy.log) expect(e.url, e.url).toContain(`code=${KEY}`);
        expect(rest.every((e) => e.url.startsWith('/api/customers/'))).toBe(true);
        expect(rest.some((e) => e.url.endsWith(`?code=${KEY}&format=json`))).toBe(true);
      } finally {
        await proxy.close();
      }
    },
  );
});

describe('npx from a clone', () => {
  it('npx gateway-conformance runs this project\'s bin', { timeout: 120_000 }, () => {
    expect(existsSync(join(root, pkg.bin['gateway-conformance']!))).toBe(true);
    // --no: never install anything; the project's own bin is found without it.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
    const r = spawnSync('npx', ['--no', '--', 'gateway-conformance', '--version'], { cwd: root, env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(SUITE_VERSION);
  });
});
