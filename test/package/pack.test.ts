/**
 * The package, as someone who never cloned the repository gets it: `npm pack` builds the compiled
 * JavaScript (`prepack`: tsc into dist/, with declarations) and a tarball that holds it, the
 * contract files, the docs and nothing of the project's own (tests, TypeScript sources, reports,
 * node_modules); `npm install <tarball> --omit=dev` in an empty directory gives a
 * `gateway-conformance` that runs with no TypeScript tooling at all — `--version`,
 * `--list-clauses`, a run against the embedded reference — and a library a plain `.mjs` file
 * imports. The npm registry must be reachable for the dependencies (`--prefer-offline` uses npm's
 * cache first). Slow by nature (a build and an install): the timeouts are generous and nothing
 * here measures time (`npm run bench` and README state the install's size and time).
 */
import { type SpawnOptions, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CLAUSES } from '../../contract/index.ts';
import { SUITE_VERSION } from '../../reporting/model.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; files: string[]; dependencies: Record<string, string>; devDependencies: Record<string, string> };
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
  it('holds the compiled tool with its declarations, the contract files, docs, LICENSE and CHANGELOG, and nothing of the project\'s own', () => {
    const paths = packed.files.map((f) => f.path);
    expect(existsSync(tarball)).toBe(true);
    expect(packed.filename).toBe(`${pkg.name}-${pkg.version}.tgz`);
    for (const p of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.env.example', 'bin/gateway-conformance.js', 'dist/cli/main.js', 'dist/runner/run.js', 'dist/runner/run.d.ts', 'dist/contract/index.js', 'dist/contract/index.d.ts', 'contract/ebiz/eBizService.wsdl', 'dist/reference/server.js', 'dist/cli/self-check.js', 'docs/INTERPRETING.md']) {
      expect(paths, p).toContain(p);
    }
    const top = new Set(paths.map((p) => p.split('/')[0]));
    for (const dir of ['test', 'reports', 'node_modules', 'bench', '.ci', '.git']) expect(top.has(dir), dir).toBe(false);
    expect(paths.filter((p) => /^dist\/(test|bench)\//.test(p)), 'no test or bench code is compiled into dist/').toEqual([]);
    // JavaScript and declarations only: no TypeScript source (a .ts file that is not a .d.ts), no test, no lockfile, no .env.
    expect(paths.filter((p) => (/\.[cm]?ts$/.test(p) && !/\.d\.[cm]?ts$/.test(p)) || /\.test\.|^\.env$|package-lock\.json$/.test(p))).toEqual([]);
    // Every module's declarations are there, and every exported entry point is in the tarball.
    for (const p of paths.filter((p) => /^dist\/.*\.js$/.test(p))) expect(paths, p).toContain(p.replace(/\.js$/, '.d.ts'));
    const exported = Object.values(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).exports as Record<string, string | Record<string, string>>).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)));
    for (const e of exported) expect(paths, e).toContain(e.replace(/^\.\//, ''));
    // Small: compiled code, declarations, contract files and docs (about 0.35 MB packed, 1.2 MB unpacked).
    expect(packed.size).toBeLessThan(1_000_000);
    expect(packed.unpackedSize).toBeLessThan(3_000_000);
  });

  it('runtime dependencies are what a run needs: no TypeScript tooling, test runner or test-only library', () => {
    for (const name of ['tsx', 'typescript', 'vitest', 'xmllint-wasm', 'esbuild']) expect(Object.keys(pkg.dependencies), name).not.toContain(name);
  });
});

describe('installed into an empty directory with --omit=dev', () => {
  it('npm install <tarball> --omit=dev succeeds and installs no TypeScript tooling', { timeout: 5 * MINUTES }, async () => {
    expect(readdirSync(app)).toEqual([]);
    const r = await exec('npm', ['install', tarball, '--omit=dev', '--prefix', app, '--no-audit', '--no-fund', '--prefer-offline'], { cwd: app, env: userEnv() });
    expect(r.code, r.out).toBe(0);
    expect(existsSync(join(app, 'node_modules/.bin/gateway-conformance'))).toBe(true);
    for (const name of ['tsx', 'typescript', 'vitest', 'esbuild', '@esbuild', 'xmllint-wasm']) expect(existsSync(join(app, 'node_modules', name)), name).toBe(false);
  });

  // The installed bin, run by node directly (no npx, no npm): what a CI job calls.
  const bin = (...args: string[]): [string, string[]] => [process.execPath, [join(app, 'node_modules/gateway-conformance/bin/gateway-conformance.js'), ...args]];

  it('gateway-conformance --version prints the version every report names; --list-clauses lists every clause', { timeout: 2 * MINUTES }, async () => {
    const version = await exec(...bin('--version'), { cwd: app, env: userEnv() });
    expect(version.code, version.out).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    expect(version.stdout.trim()).toBe(SUITE_VERSION);
    const clauses = await exec(...bin('--list-clauses'), { cwd: app, env: userEnv() });
    expect(clauses.code, clauses.out).toBe(0);
    expect(clauses.stdout.trim().split('\n').length).toBe(ALL_CLAUSES.length);
    expect(clauses.stdout).toContain(ALL_CLAUSES[0]!.id);
  });

  it('gateway-conformance trace works installed: every place one clause lives, located in the compiled JavaScript (no sources are shipped)', { timeout: 2 * MINUTES }, async () => {
    const r = await exec(...bin('trace', 'put-customer/customer-name/max-length'), { cwd: app, env: userEnv() });
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain('put-customer/customer-name/max-length');
    expect(r.stdout).toMatch(/dist\/generators\/boundary-cases\.js:\d+ +boundaryCases\(\)/);
    expect(r.stdout).not.toMatch(/\.ts:\d+/);
  });

  it('npx gateway-conformance runs the whole suite against the embedded reference: exit 0, a self-test, three reports', { timeout: 5 * MINUTES }, async () => {
    const reports = temp('pack-reports-');
    // --no: run the installed bin, never fetch a package of that name.
    const r = await exec('npx', ['--no', '--', 'gateway-conformance'], { cwd: app, env: userEnv({ CONFORMANCE_REPORT_DIR: reports, CONFORMANCE_RUNS: '10' }) });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/verdict: CONFORMANT \(self-test of the embedded reference gateway — not a certification\)/);
    expect(readdirSync(reports).sort()).toEqual(expect.arrayContaining(['conformance.html', 'conformance.json', 'junit.xml']));
    const report = JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8')) as { suite: { version: string } };
    expect(report.suite.version).toBe(pkg.version);
  });

  it('a plain .mjs file imports the exports with node alone: runConformance, the contract, the generators, the reference gateway', { timeout: 2 * MINUTES }, async () => {
    const script = join(app, 'use.mjs');
    writeFileSync(script, `
      import { runConformance } from 'gateway-conformance';
      const contract = await import('gateway-conformance/contract');
      const generators = await import('gateway-conformance/generators');
      const reference = await import('gateway-conformance/reference');
      const gw = await reference.startReferenceGateway({ port: 0 });
      await gw.close();
      console.log(JSON.stringify({ run: typeof runConformance, clauses: contract.ALL_CLAUSES.length, validCustomer: typeof generators.validCustomer, reference: typeof reference.startReferenceGateway }));
    `);
    const r = await exec(process.execPath, [script], { cwd: app, env: userEnv() });
    expect(r.code, r.out).toBe(0);
    const loaded = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(loaded).toEqual({ run: 'function', clauses: ALL_CLAUSES.length, validCustomer: 'function', reference: 'function' });
  });
});
