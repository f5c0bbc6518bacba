/** `npm run reference`: starts in the foreground, prints the base URLs and fixtures, fails clearly on bad input. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURES } from '../../reference/fixtures.ts';
import { http } from '../helpers/http.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGTERM');
  child = undefined;
});

function run(args: string[], env: Record<string, string> = {}): { proc: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const proc = spawn(tsx, ['reference/cli.ts', ...args], { cwd: root, env: { ...process.env, ...env } });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

async function waitFor(output: () => string, pattern: RegExp, exited: Promise<unknown>): Promise<RegExpMatchArray> {
  let done = false;
  void exited.then(() => (done = true));
  for (;;) {
    const m = pattern.exec(output());
    if (m) return m;
    if (done) throw new Error(`exited without printing ${pattern}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm run reference', () => {
  it('reads fixtures from a file and prints them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fixtures-'));
    const file = join(dir, 'fixtures.json');
    const custom = structuredClone(DEFAULT_FIXTURES) as { soap: { securityId: string } };
    custom.soap.securityId = 'custom-security-id-for-this-test';
    writeFileSync(file, JSON.stringify(custom));
    const r = run(['--port', '0', '--fixtures', file]);
    child = r.proc;
    await waitFor(r.output, /SOAP SecurityId custom-security-id-for-this-test/, r.exited);
  });

  it('prints the base URLs and the fixture credentials, and serves requests', async () => {
    const r = run(['--port', '0']);
    child = r.proc;
    const [, restBase] = await waitFor(r.output, /SYNTCH_BASE_URL=(\S+)/, r.exited);
    await waitFor(r.output, /SOAP customers/, r.exited);
    expect(r.output()).toContain(DEFAULT_FIXTURES.rest.users.merchant.authorization);
    expect(r.output()).toContain(DEFAULT_FIXTURES.soap.securityId);
    expect(r.output()).toMatch(/EBIZ_SOAP_URL=http:\/\/127\.0\.0\.1:\d+\/soap\/eBizService\.svc/);
    const res = await http('PUT', `${restBase}/customers/1`, { 'Content-Type': 'application/json' }, '{}');
    expect(res.status).toBe(401);
  });

  it('honours REFERENCE_PORT', async () => {
    const r = run([], { REFERENCE_PORT: '0' });
    child = r.proc;
    await waitFor(r.output, /SYNTCH_BASE_URL=http:\/\/127\.0\.0\.1:\d+\/api/, r.exited);
  });

  it.each([
    [['--port', 'eighty'], /port must be a number/],
    [['--bogus'], /Unknown option/],
    [['--fixtures', '/nonexistent/fixtures.json'], /cannot read fixtures/],
    [['--fixtures', 'package.json'], /invalid fixtures:\n  - rest must be an object/],
  ])('%j exits 2 with a clear message', async (args, message) => {
    const r = run(args);
    expect(await r.exited).toBe(2);
    expect(r.output()).toMatch(message);
  });
});
