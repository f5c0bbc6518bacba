/** `npm run reference`: starts in the foreground, prints the base URLs and fixtures, fails clearly on bad input. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURES } from '../../reference/fixtures.ts';
import { compiled } from '../helpers/cli.ts';
import { http } from '../helpers/http.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGTERM');
  child = undefined;
});

/**
 * Starts `npm run reference` with `args` — its command as the installed package runs it
 * (test/helpers/cli.ts) — from `cwd` (default: the project root). The inherited
 * environment loses REFERENCE_PORT and DOTENV_CONFIG_PATH, so only `env` and `.env` files decide.
 */
function run(args: string[], env: Record<string, string> = {}, cwd = root): { proc: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const inherited = { ...process.env };
  delete inherited.REFERENCE_PORT;
  delete inherited.DOTENV_CONFIG_PATH;
  const proc = spawn(process.execPath, [compiled('cli/reference.ts'), ...args], { cwd, env: { ...inherited, ...env } });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

/** The first match of `pattern` in the output; fails when the process exits, or prints its last line (`SOAP customers`), without it. */
async function waitFor(output: () => string, pattern: RegExp, exited: Promise<unknown>): Promise<RegExpMatchArray> {
  let done = false;
  void exited.then(() => (done = true));
  for (;;) {
    const m = pattern.exec(output());
    if (m) return m;
    if (done) throw new Error(`exited without printing ${pattern}:\n${output()}`);
    if (/SOAP customers.*\n/.test(output())) throw new Error(`printed everything but ${pattern}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A working directory outside the project with a `.env` holding `text`. */
function dirWithEnv(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'reference-cwd-'));
  writeFileSync(join(dir, '.env'), text);
  return dir;
}

/** Waits until the gateway says where it listens; checks it is `port` and that it answers there. */
async function expectListeningOn(r: ReturnType<typeof run>, port: number): Promise<void> {
  const [, printed] = await waitFor(r.output, /SYNTCH_BASE_URL=http:\/\/127\.0\.0\.1:(\d+)\/api\b/, r.exited);
  expect(Number(printed)).toBe(port);
  await waitFor(r.output, /SOAP customers/, r.exited);
  expect(r.output()).toContain(`EBIZ_SOAP_URL=http://127.0.0.1:${port}/soap/eBizService.svc`);
  const res = await http('PUT', `http://127.0.0.1:${port}/api/customers/1`, { 'Content-Type': 'application/json' }, '{}');
  expect(res.status).toBe(401);
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
    await waitFor(r.output, /SOAP customers.*\n/, r.exited);
    expect(r.output()).toMatch(/SOAP SecurityId custom-security-id-for-this-test\b/);
    expect(r.output()).not.toContain(DEFAULT_FIXTURES.soap.securityId);
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

  it('listens on the port --port names', async () => {
    const port = await freePort();
    const r = run(['--port', String(port)]);
    child = r.proc;
    await expectListeningOn(r, port);
  });

  it('listens on REFERENCE_PORT from the environment', async () => {
    const port = await freePort();
    const r = run([], { REFERENCE_PORT: String(port) });
    child = r.proc;
    await expectListeningOn(r, port);
  });

  it('listens on REFERENCE_PORT from .env in a working directory outside the project', async () => {
    const port = await freePort();
    const r = run([], {}, dirWithEnv(`REFERENCE_PORT=${port}\n`));
    child = r.proc;
    await expectListeningOn(r, port);
  });

  it('the environment wins over .env, and --port over both', async () => {
    const [fromFile, fromEnv, fromFlag] = [await freePort(), await freePort(), await freePort()];
    const cwd = dirWithEnv(`REFERENCE_PORT=${fromFile}\n`);
    const r1 = run([], { REFERENCE_PORT: String(fromEnv) }, cwd);
    child = r1.proc;
    await expectListeningOn(r1, fromEnv);
    r1.proc.kill('SIGTERM');
    await r1.exited;
    const r2 = run(['--port', String(fromFlag)], { REFERENCE_PORT: String(fromEnv) }, cwd);
    child = r2.proc;
    await expectListeningOn(r2, fromFlag);
  });

  it('a bad REFERENCE_PORT in .env exits 2 naming it', async () => {
    const r = run([], {}, dirWithEnv('REFERENCE_PORT=http\n'));
    expect(await r.exited).toBe(2);
    expect(r.output()).toMatch(/port must be a number from 0 to 65535, got 'http' \(REFERENCE_PORT\)/);
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
