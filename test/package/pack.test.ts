/**
 * The package, as someone who never cloned the repository gets it: `npm pack` builds a tarball
 * that holds what the tool needs and nothing of the project's own (tests, reports, node_modules);
 * `npm install <tarball>` in an empty directory gives a `gateway-conformance` that `npx` runs
 * against the embedded reference, and a library whose exports load through tsx. The npm registry
 * must be reachable for the dependencies (`--prefer-offline` uses npm's cache first). Slow by
 * nature (an install): the timeouts are generous and nothing here measures time.
 */
import { type SpawnOptions, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUITE_VERSION } from '../../reporting/model.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; files: string[] };
const MINUTES = 60_000;

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly out: string;
}

/**
 * The environment a user's shell would give: no `npm_*` variables from an enclosing `npm test`
 * (they would point npm at this project), no `.env`, no inherited suite settings.
 */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || /^(SYNTCH|EBIZ|CONFORMANCE|REFERENCE)_/i.test(k) || k === 'DOTENV_CONFIG_PATH' || k === 'INIT_CWD') continue;
    env[k] = v;
  }
  return { ...env, DOTENV_CONFIG_PATH: '/nonexistent/.env', ...extra };
}

function exec(command: string, args: readonly string[], options: SpawnOptions): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let [stdout, out] = ['', ''];
    child.stdout!.on('data', (d: Buffer) => ((stdout += d.toString()), (out += d.toString())));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, out }));
  });
}

interface PackEntry {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: { readonly path: string; readonly size: number }[];
}

let packed: PackEntry;
let tarball: string;
/** An empty directory the tarball is installed into. */
let app: string;
/** Every temporary directory, removed at the end (an install is tens of megabytes). */
const temporary: string[] = [];
const temp = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

beforeAll(async () => {
  const dest = temp('pack-');
  const r = await exec('npm', ['pack', '--json', '--pack-destination', dest], { cwd: root, env: userEnv() });
  expect(r.code, r.out).toBe(0);
  packed = (JSON.parse(r.stdout) as PackEntry[])[0]!;
  tarball = join(dest, packed.filename);
  app = temp('pack-install-');
}, 5 * MINUTES);

describe('npm pack', () => {
  it('holds the tool, its sources, docs, LICENSE and CHANGELOG, and nothing of the project\'s own', () => {
    const paths = packed.files.map((f) => f.path);
    expect(existsSync(tarball)).toBe(true);
    expect(packed.filename).toBe(`${pkg.name}-${pkg.version}.tgz`);
    for (const p of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.env.example', 'bin/gateway-conformance.js', 'cli/main.ts', 'runner/run.ts', 'contract/index.ts', 'contract/ebiz/eBizService.wsdl', 'reference/server.ts', 'cli/self-check.ts', 'docs/INTERPRETING.md']) {
      expect(paths, p).toContain(p);
    }
    const top = new Set(paths.map((p) => p.split('/')[0]));
    for (const dir of ['test', 'reports', 'node_modules', 'bench', '.ci', '.git']) expect(top.has(dir), dir).toBe(false);
    expect(paths.filter((p) => /\.test\.ts$|^\.env$|package-lock\.json$/.test(p))).toEqual([]);
    // Every top-level entry is one package.json asks for (or one npm always adds).
    for (const t of top) expect([...pkg.files.map((f) => f.replace(/\/$/, '')), 'package.json', 'README.md', 'LICENSE'], t).toContain(t);
    // Small: sources and docs only (about 0.2 MB packed, 0.7 MB unpacked when written).
    expect(packed.size).toBeLessThan(1_000_000);
    expect(packed.unpackedSize).toBeLessThan(3_000_000);
  });
});

describe('installed into an empty directory', () => {
  it('npm install <tarball> succeeds', { timeout: 5 * MINUTES }, async () => {
    expect(readdirSync(app)).toEqual([]);
    const r = await exec('npm', ['install', tarball, '--prefix', app, '--no-audit', '--no-fund', '--prefer-offline'], { cwd: app, env: userEnv() });
    expect(r.code, r.out).toBe(0);
    expect(existsSync(join(app, 'node_modules/.bin/gateway-conformance'))).toBe(true);
  });

  it('npx gateway-conformance --version prints the version every report names', { timeout: 2 * MINUTES }, async () => {
    // --no: run the installed bin, never fetch a package of that name.
    const r = await exec('npx', ['--no', '--', 'gateway-conformance', '--version'], { cwd: app, env: userEnv() });
    expect(r.code, r.out).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(r.stdout.trim()).toBe(SUITE_VERSION);
  });

  it('npx gateway-conformance runs the whole suite against the embedded reference: exit 0, a self-test, three reports', { timeout: 5 * MINUTES }, async () => {
    const reports = temp('pack-reports-');
    const r = await exec('npx', ['--no', '--', 'gateway-conformance'], { cwd: app, env: userEnv({ CONFORMANCE_REPORT_DIR: reports, CONFORMANCE_RUNS: '10' }) });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/verdict: CONFORMANT \(self-test of the embedded reference gateway — not a certification\)/);
    expect(readdirSync(reports).sort()).toEqual(expect.arrayContaining(['conformance.html', 'conformance.json', 'junit.xml']));
    const report = JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8')) as { suite: { version: string } };
    expect(report.suite.version).toBe(pkg.version);
  });

  it('the exports load through tsx: runConformance, the contract, the generators, the reference gateway', { timeout: 2 * MINUTES }, async () => {
    const script = `
      const run = await import('gateway-conformance');
      const contract = await import('gateway-conformance/contract');
      const generators = await import('gateway-conformance/generators');
      const reference = await import('gateway-conformance/reference');
      const gw = await reference.startReferenceGateway({ port: 0 });
      await gw.close();
      console.log(JSON.stringify({ run: typeof run.runConformance, clauses: contract.ALL_CLAUSES.length, validCustomer: typeof generators.validCustomer, reference: typeof reference.startReferenceGateway }));
    `;
    const r = await exec(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: app, env: userEnv() });
    expect(r.code, r.out).toBe(0);
    const loaded = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(loaded).toEqual({ run: 'function', clauses: expect.any(Number), validCustomer: 'function', reference: 'function' });
    expect(loaded.clauses).toBeGreaterThan(100);
  });
});
