/**
 * The certification reports of a conformant run (the reference) and a non-conformant one (a
 * broken gateway with secret-looking credentials): they validate against the schema, show the
 * right verdict and statuses, list every clause exactly once, contain no secret, and the HTML
 * shows the verdict and the failed clause in Chromium.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { validateXML } from 'xmllint-wasm';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CLAUSES, CONTRACT_HASH } from '../../contract/index.ts';
import { INTERPRETING_VERSION, SUITE_VERSION } from '../../reporting/model.ts';
import { child, parseXml } from '../../lib/xml/parse.ts';
import { DEFAULT_FIXTURES, type ReferenceFixtures } from '../../reference/fixtures.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import type { ConformanceReport } from '../../reporting/model.ts';
import { CLI_MAIN } from '../helpers/cli.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const schema = JSON.parse(readFileSync(join(root, 'reporting/conformance-report.schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
const validate = ajv.compile(schema);

const SECRETS = ['Bearer SECRET-merchant-2f7a', 'Bearer SECRET-norole-9c3d', 'SECRET-security-id-41b7'];
const FILES = ['conformance.json', 'conformance.html', 'junit.xml'];

interface Run {
  readonly code: number;
  readonly out: string;
  readonly dir: string;
  readonly report: ConformanceReport;
}

async function conformance(env: Record<string, string>, prepare?: (dir: string) => void): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'reports-'));
  prepare?.(dir);
  const result = await promisify(execFile)(process.execPath, [CLI_MAIN], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DOTENV_CONFIG_PATH: '/nonexistent/.env', CONFORMANCE_REPORT_DIR: dir, ...env },
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
  return { ...result, dir, report: JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport };
}

let gw: ReferenceGateway;
let passing: Run;
let failing: Run;
let noVerdict: Run;

beforeAll(async () => {
  const fixtures = structuredClone(DEFAULT_FIXTURES) as ReferenceFixtures & { rest: { users: { merchant: { authorization: string }; noRole: { authorization: string } } }; soap: { securityId: string } };
  fixtures.rest.users.merchant.authorization = SECRETS[0]!;
  fixtures.rest.users.noRole.authorization = SECRETS[1]!;
  fixtures.soap.securityId = SECRETS[2]!;
  gw = await startReferenceGateway({ fixtures, fault: 'merge-instead-of-replace' });
  const sensitivity = { at: '2026-11-24T10:00:00.000Z', contractHash: CONTRACT_HASH, suiteVersion: SUITE_VERSION, interpretingVersion: INTERPRETING_VERSION, seed: 1, plainReferencePasses: true, faultsDetected: 126, faultsTotal: 126, missed: [], dialectsAccepted: 16, dialectsTotal: 16, rejectedDialects: [] };
  [passing, failing, noVerdict] = await Promise.all([
    // 20 runs per property, as the failing run: what these tests read is the reports' shape and content, which do not change with the number of runs.
    conformance({ CONFORMANCE_SEED: '11', CONFORMANCE_RUNS: '20' }, (dir) => writeFileSync(join(dir, 'self-check.json'), JSON.stringify(sensitivity))),
    conformance({
      SYNTCH_BASE_URL: gw.restBaseUrl,
      SYNTCH_AUTHORIZATION: SECRETS[0]!,
      SYNTCH_AUTHORIZATION_NO_ROLE: SECRETS[1]!,
      SYNTCH_CUSTOMER_KEY: '1',
      EBIZ_SOAP_URL: gw.soapUrl,
      EBIZ_SECURITY_ID: SECRETS[2]!,
      EBIZ_CUSTOMER_INTERNAL_ID: fixtures.soap.customers[0]!.customerInternalId,
      CONFORMANCE_RATE_LIMIT: '10000',
      CONFORMANCE_SEED: '12',
      CONFORMANCE_RUNS: '20',
    }, (dir) => writeFileSync(join(dir, 'self-check.json'), JSON.stringify({ ...sensitivity, contractHash: '0'.repeat(64) }))),
    conformance({ SYNTCH_BASE_URL: 'http://127.0.0.1:9/api' }),
  ]);
}, 120_000);
afterAll(() => gw.close());

describe('conformance.json', () => {
  it.each(['passing', 'failing', 'no verdict'])('the %s run validates against the schema', (which) => {
    const run = { passing, failing, 'no verdict': noVerdict }[which]!;
    expect(validate(run.report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('lists every clause of the contract exactly once, in every run', () => {
    for (const run of [passing, failing, noVerdict]) {
      expect(run.report.clauses.map((c) => c.id)).toEqual(ALL_CLAUSES.map((c) => c.id));
    }
  });

  it('gives the right verdicts and exit codes', () => {
    expect([passing.report.verdict, passing.code, passing.report.exitCode]).toEqual(['conformant', 0, 0]);
    expect([failing.report.verdict, failing.code, failing.report.exitCode]).toEqual(['not conformant', 1, 1]);
    expect([noVerdict.report.verdict, noVerdict.code, noVerdict.report.exitCode]).toEqual(['error', 2, 2]);
  });

  it('gives the right statuses, with counts, reasons and failures', () => {
    const byId = (r: Run, id: string) => r.report.clauses.find((c) => c.id === id)!;
    const removed = byId(failing, 'put-customer/replace/omitted-member-removed');
    expect(removed.status).toBe('failed');
    expect(removed.failures[0]).toMatchObject({ title: 'API did not behave as documented', kind: 'wrong-behaviour' });
    expect(removed.failures[0]!.curl).toContain('"$SYNTCH_AUTHORIZATION"');
    // The request and the answer, whole, the Authorization masked as it was recorded.
    expect(removed.failures[0]!.request).toMatchObject({ method: 'PUT', url: `${gw.restBaseUrl}/customers/1`, headers: { Authorization: '$SYNTCH_AUTHORIZATION' }, truncated: false });
    expect(removed.failures[0]!.request!.body).toMatch(/^<PutCustomer /);
    expect(removed.failures[0]!.response).toMatchObject({ status: 200, truncated: false });
    expect(removed.failures[0]!.response!.body).toContain('<CustomerDetail ');
    expect(removed.failureCount).toBeGreaterThanOrEqual(1);
    expect(byId(passing, 'put-customer/customer-name/max-length')).toMatchObject({ status: 'passed', failures: [] });
    expect(byId(passing, 'put-customer/customer-name/max-length').cases).toBeGreaterThan(10);
    expect(byId(passing, 'mark-customer-as-synchronized/effect/last-sync-recorded')).toMatchObject({ status: 'not-tested', reason: expect.stringContaining('GetCustomer') });
    expect(byId(failing, 'put-customer/auth/role-required-403').status).toBe('passed');
    expect(byId(failing, 'put-customer/errors/unknown-key-not-created')).toMatchObject({ status: 'not-tested', reason: 'SYNTCH_MISSING_CUSTOMER_KEY not set' });
    expect(byId(noVerdict, 'put-customer/customer-name/max-length')).toMatchObject({ status: 'not-tested', reason: expect.stringMatching(/^no verdict: SYNTCH_AUTHORIZATION is not set/) });
    expect(passing.report.totals).toEqual({ clauses: ALL_CLAUSES.length, passed: ALL_CLAUSES.length - 1, failed: 0, warning: 0, expected: 0, 'not-tested': 1, 'not-applicable': 0 });
  });

  it('carries the run metadata: suite, contract hash, seed, runs, settings, target, sensitivity', () => {
    const r = passing.report;
    expect(r.suite).toMatchObject({ name: 'gateway-conformance', interpretingVersion: INTERPRETING_VERSION });
    expect(r.contractHash).toMatch(/^[0-9a-f]{64}$/);
    expect([r.run.seed, r.run.runsPerProperty]).toEqual([11, 20]);
    expect(r.target.embedded).toBe(true);
    expect(r.sensitivity).toMatchObject({ faultsDetected: 126, faultsTotal: 126, contractHash: CONTRACT_HASH });
  });

  it('never cites self-check evidence measured on another contract (stale) as current', () => {
    expect(failing.report.sensitivity).toBeNull();
    expect(failing.report.target).toMatchObject({ embedded: false, syntchBaseUrl: gw.restBaseUrl });
  });
});

describe('no secret anywhere', () => {
  it.each(FILES)('%s of the failing run', (file) => {
    const text = readFileSync(join(failing.dir, file), 'utf8');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text.length).toBeGreaterThan(1000);
  });

  it('the terminal output', () => {
    for (const secret of SECRETS) expect(failing.out).not.toContain(secret);
    for (const secret of ['SECRET-']) expect(failing.out).not.toContain(secret);
  });
});

describe('a report directory that cannot be written', () => {
  it('is found before the first request: exit 2, the problem named, and no verdict shown', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'reports-'));
    writeFileSync(join(parent, 'file'), 'x');
    const result = await promisify(execFile)(process.execPath, [CLI_MAIN], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DOTENV_CONFIG_PATH: '/nonexistent/.env', CONFORMANCE_REPORT_DIR: join(parent, 'file', 'reports'), CONFORMANCE_SEED: '13' },
    }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );
    expect(result.code).toBe(2);
    expect(result.out).toContain('CONFORMANCE_REPORT_DIR');
    expect(result.out).not.toMatch(/verdict: (NOT )?CONFORMANT/);
  }, 60_000);
});

describe('junit.xml', () => {
  it.each(['passing', 'failing', 'no verdict'])('of the %s run validates against junit-10.xsd', async (which) => {
    const run = { passing, failing, 'no verdict': noVerdict }[which]!;
    const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: readFileSync(join(run.dir, 'junit.xml'), 'utf8') }], schema: [{ fileName: 'junit-schema.xsd', contents: readFileSync(join(root, 'reporting/junit-schema.xsd'), 'utf8') }] });
    expect(result.errors.map((e) => e.message)).toEqual([]);
  });

  it('of the run with no verdict is an error, not a run of skipped tests', () => {
    const doc = parseXml(readFileSync(join(noVerdict.dir, 'junit.xml'), 'utf8'));
    expect(doc.attributes.find((a) => a.local === 'errors')!.value).toBe('1');
    const verdict = doc.children.flatMap((suite) => suite.children).find((c) => c.attributes.some((a) => a.value === 'run/verdict-reached'))!;
    expect(child(verdict, '', 'error')!.attributes.find((a) => a.local === 'message')!.value).toMatch(/^ERROR — no verdict: SYNTCH_AUTHORIZATION is not set/);
  });

  it('has one testcase per clause, named by its id, with the failure and the skipped clauses', () => {
    const doc = parseXml(readFileSync(join(failing.dir, 'junit.xml'), 'utf8'));
    const cases = doc.children.flatMap((suite) => suite.children).filter((c) => c.local === 'testcase');
    expect(cases.map((c) => c.attributes.find((a) => a.local === 'name')!.value)).toEqual(['run/verdict-reached', ...ALL_CLAUSES.map((c) => c.id)]);
    const failed = cases.find((c) => c.attributes.some((a) => a.value === 'put-customer/replace/omitted-member-removed'))!;
    expect(child(failed, '', 'failure')!.text).toContain('reproduce:\ncurl');
    const skipped = cases.find((c) => c.attributes.some((a) => a.value === 'mark-customer-as-synchronized/effect/last-sync-recorded'))!;
    expect(child(skipped, '', 'skipped')).toBeDefined();
    expect(doc.attributes.find((a) => a.local === 'failures')!.value).toBe(String(failing.report.totals.failed));
  });
});

describe('the terminal summary', () => {
  it('ends with the verdict, counts, the failed clauses, the seed and where the reports are', () => {
    const tail = failing.out.slice(failing.out.lastIndexOf('verdict:'));
    // SYNTCH_MISSING_CUSTOMER_KEY is not set: the run is partial, and says so.
    expect(tail).toMatch(/^verdict: NOT CONFORMANT \(PARTIAL: \d+ clauses? not tested\) — \d+ passed, \d+ failed, \d+ warnings, \d+ not tested\n/);
    expect(tail).toContain('\n  left out: SYNTCH_MISSING_CUSTOMER_KEY not set');
    expect(tail).toContain('SYNTCH_MISSING_CUSTOMER_KEY');
    expect(tail).toMatch(/\n {2}failed {2}put-customer\/replace\/omitted-member-removed: /);
    expect(tail).toContain('\nseed: 12\n');
    expect(tail).toContain(`reports: ${join(failing.dir, 'conformance.json')}, ${join(failing.dir, 'conformance.html')}, ${join(failing.dir, 'junit.xml')}`);
  });

  it('says a run against the embedded reference gateway is a self-test, not a certification', () => {
    const tail = passing.out.slice(passing.out.lastIndexOf('verdict:'));
    expect(tail).toMatch(/^verdict: CONFORMANT \(self-test of the embedded reference gateway — not a certification\) — /);
    expect(passing.report.summary).toBe('CONFORMANT (self-test of the embedded reference gateway — not a certification)');
    expect(passing.report.scope.partial).toBe(false);
  });

  it('never shows a verdict for a run that exits 2', () => {
    const tail = noVerdict.out.slice(noVerdict.out.lastIndexOf('verdict:'));
    expect(tail).toMatch(/^verdict: ERROR — no verdict/);
    expect(noVerdict.report.summary).toMatch(/^ERROR — no verdict/);
  });
});

describe('conformance.html, as a person sees it (Chromium)', () => {
  it('is self-contained, shows the verdict, filters the failed clauses and expands a failure', async () => {
    expect(existsSync('/usr/bin/chromium'), 'Debian chromium is needed for this test: apt-get install chromium (.ci/run does it)').toBe(true);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    try {
      const page = await browser.newPage();
      const requested: string[] = [];
      page.on('request', (r) => requested.push(r.url()));
      await page.goto(`file://${join(failing.dir, 'conformance.html')}`);
      await expect.poll(() => page.locator('#verdict').innerText()).toBe('NOT CONFORMANT');
      expect(await page.locator('#partial').innerText()).toMatch(/^PARTIAL run: [^]*SYNTCH_MISSING_CUSTOMER_KEY not set/);
      expect(await page.locator('#target').innerText()).toContain(gw.restBaseUrl);
      expect(await page.locator('#failed-clauses').innerText()).toContain('put-customer/replace/omitted-member-removed');
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1280);
      await page.screenshot({ path: join(failing.dir, 'conformance-1280.png') });
      const failedRow = page.locator('tr.clause.failed', { hasText: 'put-customer/replace/omitted-member-removed' });
      expect(await failedRow.isVisible()).toBe(true);
      const passedRow = page.locator('tr.clause.passed').first();
      expect(await passedRow.isVisible()).toBe(true);
      await page.click('label[for=filter-failed]');
      expect(await passedRow.isVisible()).toBe(false);
      expect(await failedRow.isVisible()).toBe(true);
      // The row links to the failure: the request and response in full, and the curl reproduction.
      await failedRow.locator('a').first().click();
      const finding = page.locator('#f--put-customer--replace--omitted-member-removed');
      const first = finding.locator('details.failure').first();
      expect(await first.locator('pre.request').innerText()).toMatch(/^PUT http:\/\/127\.0\.0\.1:\d+\/api\/customers\/1\n[^]*Authorization: \$SYNTCH_AUTHORIZATION\n/);
      expect(await first.locator('pre.response').innerText()).toMatch(/^HTTP 200\n[^]*\n\n<CustomerDetail [^]*\n {2}<CustomerName>/);
      expect(await first.locator('pre.curl').innerText()).toContain('curl -sS -i -X PUT');
      expect(requested.every((u) => u.startsWith('file://'))).toBe(true);

      await page.goto(`file://${join(passing.dir, 'conformance.html')}`);
      expect(await page.locator('#verdict').innerText()).toBe('CONFORMANT');
      expect(await page.locator('#self-test').innerText()).toContain('SELF-TEST of the embedded reference gateway — not a certification');
      expect(await page.locator('#partial').count()).toBe(0);
      expect(await page.locator('footer').innerText()).toContain('faults detected 126/126, dialects accepted 16/16');
    } finally {
      await browser.close();
    }
  });
});
