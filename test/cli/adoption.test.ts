/**
 * Adopting the suite, end to end, as a CI team and a vendor would (the command in a child process,
 * as the installed package runs it — test/helpers/cli.ts — no .env): a certifying run against a gateway that breaks one rule writes its failures to a baseline
 * (`--update-baseline`), a certificate, a badge and conformance.md, and `verify` accepts that
 * directory and refuses it once conformance.json is edited; the next run with `--baseline` reports
 * those failures as expected, exits 0, says how many were excused, and writes no certificate (the
 * stale one is removed); a baseline that names no clause stops the run before anything is sent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredSettings } from '../../reference/fixtures.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import type { ConformanceReport } from '../../reporting/model.ts';
import { CLI_MAIN } from '../helpers/cli.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The command with `args`, only the given variables; asynchronous so the reference in this process keeps answering. */
async function cli(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, DOTENV_CONFIG_PATH: '/nonexistent/.env', ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** `verify DIR` needs no gateway: a synchronous child is fine. */
function verify(dir: string): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [CLI_MAIN, 'verify', dir], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, DOTENV_CONFIG_PATH: '/nonexistent/.env' }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

let gw: ReferenceGateway;
beforeAll(async () => {
  gw = await startReferenceGateway({ fault: 'customer-name-max-off-by-one' });
});
afterAll(() => gw?.close());

describe('a baseline, a certificate and verify, from the command line', () => {
  it('certifies a failing gateway, baselines its failures, verifies; then the baseline makes the run green and uncertified', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adopt-'));
    const reports = join(dir, 'reports');
    const baselineFile = join(dir, 'conformance-baseline.yml');
    const env = { ...configuredSettings(gw, gw.fixtures), CONFORMANCE_SEED: '19', CONFORMANCE_REPORT_DIR: reports };

    // 1. A certifying run: not conformant, certificate and badge written, failures written to the baseline.
    const first = await cli(['--update-baseline', baselineFile], env);
    expect(first.code, first.out).toBe(1);
    const report = JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(report.certification).toEqual({ certifies: true, because: [] });
    const failed = report.clauses.filter((c) => c.status === 'failed' || c.status === 'warning').map((c) => c.id);
    expect(failed.length).toBeGreaterThan(0);
    expect(first.out).toContain(`baseline updated: ${baselineFile} lists ${failed.length} failing clause`);
    const written = readFileSync(baselineFile, 'utf8');
    for (const id of failed) expect(written).toContain(`  ${id}:\n    reason: "failing since `);
    expect(readFileSync(join(reports, 'badge.svg'), 'utf8')).toContain('not conformant');
    expect(readFileSync(join(reports, 'conformance.md'), 'utf8')).toMatch(/^## ❌ NOT CONFORMANT\n/);

    // 2. verify: 0 for what the run wrote; 1 once conformance.json is edited by hand.
    const ok = verify(reports);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/^verify: OK — NOT CONFORMANT, gateway-conformance /);
    const tampered = join(dir, 'tampered');
    spawnSync('cp', ['-r', reports, tampered]);
    writeFileSync(join(tampered, 'conformance.json'), readFileSync(join(tampered, 'conformance.json'), 'utf8').replace('"seed": 19', '"seed": 20'));
    const bad = verify(tampered);
    expect(bad.code, bad.out).toBe(1);
    expect(bad.out).toContain('verify: MISMATCH: conformance.json has SHA-256');

    // 3. The same gateway with the baseline: every failure expected, exit 0, excused count said, no certificate.
    const second = await cli(['--baseline', baselineFile], env);
    expect(second.code, second.out).toBe(0);
    expect(second.out).toMatch(new RegExp(`verdict: CONFORMANT \\(baseline: ${failed.length} expected failures? excused; not a certification: an expected-failures baseline is in use\\)`));
    const judged = JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(judged.baseline).toMatchObject({ file: baselineFile, expected: failed, stale: [] });
    expect(judged.totals.expected).toBe(failed.length);
    expect(readFileSync(join(reports, 'junit.xml'), 'utf8')).toContain(`<skipped message="expected failure (baseline): failing since`);
    expect(readFileSync(join(reports, 'conformance.md'), 'utf8')).toContain(`### Expected failures (${failed.length})`);
    expect(existsSync(join(reports, 'certificate.json'))).toBe(false);
    expect(existsSync(join(reports, 'badge.svg'))).toBe(false);
    expect(verify(reports).code).toBe(2);

    // 4. A baseline naming no clause is configuration: exit 2 with the clause meant, nothing sent.
    writeFileSync(baselineFile, 'expected-failures:\n  put-customer/replace/omitted-member-remove:\n    reason: typo\n');
    const typo = await cli(['--baseline', baselineFile], env);
    expect(typo.code, typo.out).toBe(2);
    expect(typo.out).toContain(`${baselineFile}: 'put-customer/replace/omitted-member-remove' is not a clause — did you mean put-customer/replace/omitted-member-removed?`);
    expect(typo.out).toContain('no verdict; nothing was sent.');
  });
});
