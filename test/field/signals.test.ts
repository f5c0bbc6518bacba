/**
 * Issue 16, finding 13: SIGINT and SIGTERM mid-run. The suite stops sending at once, writes this
 * run's reports marked interrupted (no verdict) after moving the last run's reports aside, and
 * exits 130 / 143 — through the `gateway-conformance` bin, as the CI recipes run it (in this clone
 * the bin starts node again with tsx's loader: the signal must cross both). And an unexpected error
 * still ends with the verdict line and reports (finding 9's "no reports"), in the command as the
 * installed package runs it (test/helpers/cli.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { configuredSettings } from '../../reference/fixtures.ts';
import { startReferenceGateway } from '../../reference/server.ts';
import { CLI_MAIN } from '../helpers/cli.ts';
import { type MisbehavingGateway, startMisbehavingGateway } from '../helpers/misbehaving-gateway.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TEST_TIMEOUT = 120_000;

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** A report directory holding the reports of an earlier CONFORMANT run. */
function withEarlierReports(): string {
  const dir = mkdtempSync(join(tmpdir(), 'signals-'));
  writeFileSync(join(dir, 'conformance.json'), JSON.stringify({ verdict: 'conformant', summary: 'CONFORMANT (earlier run)' }));
  writeFileSync(join(dir, 'junit.xml'), '<testsuites name="earlier"/>\n');
  writeFileSync(join(dir, 'conformance.html'), '<!doctype html><title>earlier</title>');
  return dir;
}

/** Starts `command` (the clone's bin unless a test names another) from the project with only the given variables. */
function bin(env: Record<string, string>, command: readonly string[] = [process.execPath, 'bin/gateway-conformance.js']): ChildProcess & { output: () => string; exited: Promise<{ code: number | null; signal: string | null }> } {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DOTENV_CONFIG_PATH: '/nonexistent/.env', CONFORMANCE_SEED: '13', CONFORMANCE_RUNS: '20', ...env },
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const killer = setTimeout(() => child.kill('SIGKILL'), TEST_TIMEOUT - 10_000);
  void exited.then(() => clearTimeout(killer));
  return Object.assign(child, { output: () => out, exited });
}

/** A reference gateway behind a proxy that stalls every request after the first `answered`: the run is stuck mid-way until a signal. */
async function stuckAfter(answered: number): Promise<{ proxy: MisbehavingGateway; settings: Record<string, string> }> {
  const gw = await startReferenceGateway();
  const proxy = await startMisbehavingGateway({ upstream: gw, rules: [{ when: (r) => r.index > answered, do: { kind: 'stall' } }] });
  closers.push(() => proxy.close(), () => gw.close());
  return { proxy, settings: configuredSettings(proxy, gw.fixtures) };
}

async function until(what: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('an interrupted run', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    '%s mid-run: no request after it, reports of this run marked interrupted, the earlier ones moved aside, exit %i',
    async (signal, code) => {
      const { proxy, settings } = await stuckAfter(40);
      const reportDir = withEarlierReports();
      // A ceiling of 8: at most 8 requests are in flight when the signal comes, and none is sent after it.
      const child = bin({ ...settings, CONFORMANCE_REPORT_DIR: reportDir, CONFORMANCE_TIMEOUT_MS: '60000', CONFORMANCE_CONCURRENCY: '8' });
      await until(() => proxy.log.length > 40);
      const sentBefore = proxy.log.length;
      child.kill(signal);
      const exit = await child.exited;
      // Requests already queued in the proxy's accept backlog may still arrive; give them a moment.
      await new Promise((r) => setTimeout(r, 300));
      const out = child.output();
      expect(exit, out).toEqual({ code, signal: null });
      expect(proxy.log.length - sentBefore, 'requests the gateway got after the signal').toBeLessThanOrEqual(8);
      expect(out).toMatch(new RegExp(`verdict: ERROR — no verdict \\(interrupted by ${signal}\\)`));

      const report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as { verdict: string; exitCode: number; interrupted: string; errors: string[] };
      expect(report).toMatchObject({ verdict: 'error', exitCode: code, interrupted: signal });
      expect(report.errors[0]).toMatch(new RegExp(`interrupted by ${signal}`));
      expect(XMLValidator.validate(readFileSync(join(reportDir, 'junit.xml'), 'utf8'))).toBe(true);
      expect(readFileSync(join(reportDir, 'junit.xml'), 'utf8')).toMatch(/<error type="no-verdict"/);
      expect(readFileSync(join(reportDir, 'conformance.html'), 'utf8')).toMatch(/interrupted by/);
      // The earlier CONFORMANT reports no longer sit where this run's belong.
      expect(JSON.parse(readFileSync(join(reportDir, 'previous', 'conformance.json'), 'utf8'))).toMatchObject({ verdict: 'conformant' });
      expect(readFileSync(join(reportDir, 'previous', 'junit.xml'), 'utf8')).toContain('earlier');
    },
    TEST_TIMEOUT,
  );

  it(
    'SIGTERM sent to `npm run conformance` (as some CI systems do) reaches the suite: it stops, writes interrupted reports, exit 143',
    async () => {
      const { proxy, settings } = await stuckAfter(40);
      const reportDir = withEarlierReports();
      const child = bin({ ...settings, CONFORMANCE_REPORT_DIR: reportDir, CONFORMANCE_TIMEOUT_MS: '60000', CONFORMANCE_CONCURRENCY: '8' }, ['npm', 'run', '--silent', 'conformance']);
      await until(() => proxy.log.length > 40);
      const sentBefore = proxy.log.length;
      child.kill('SIGTERM');
      const exit = await child.exited;
      expect(exit.code ?? exit.signal, child.output()).toBe(143);
      // npm may exit before the suite has written its reports: wait for them, then for silence.
      await until(() => existsSync(join(reportDir, 'previous', 'conformance.json')) && /interrupted/.test(readFileSync(join(reportDir, 'conformance.json'), 'utf8')), 20_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(proxy.log.length - sentBefore).toBeLessThanOrEqual(8);
      expect(JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8'))).toMatchObject({ verdict: 'error', exitCode: 143, interrupted: 'SIGTERM' });
    },
    TEST_TIMEOUT,
  );

  it(
    'an unexpected error still ends with the verdict line and reports of no verdict, the earlier ones moved aside',
    async () => {
      const reportDir = withEarlierReports();
      // A defect stand-in: the embedded reference gateway cannot listen, so the run throws what it does not expect.
      const preload = `data:text/javascript,${encodeURIComponent("import http from 'node:http'; http.Server.prototype.listen = function () { throw new TypeError('listen is broken (a test stand-in for a defect)'); };")}`;
      const child = bin({ CONFORMANCE_REPORT_DIR: reportDir, CONFORMANCE_RUNS: '2', NODE_OPTIONS: `--import=${preload}` }, [process.execPath, CLI_MAIN]);
      const exit = await child.exited;
      const out = child.output();
      expect(exit.code, out).toBe(2);
      expect(out).toMatch(/verdict: ERROR — no verdict/);
      expect(out).toMatch(/unexpected error[^]*listen is broken/);
      expect(JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8'))).toMatchObject({ verdict: 'error', exitCode: 2 });
      expect(existsSync(join(reportDir, 'previous', 'conformance.json'))).toBe(true);
    },
    TEST_TIMEOUT,
  );
});
