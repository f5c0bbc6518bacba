/**
 * Start-up loads only what a command needs (issue 18, start-up): `--version` and `--help` read the
 * settings and print, `--list-clauses` loads the contract and nothing of the checks, suites, generators,
 * reference gateway (with its fault catalogue), reports or the `soap` package. Observed, not
 * timed: the CLI runs in a child process with a module hook that names every file it loads.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SUITES } from '../../suites/index.ts';
import { SUITE_NAMES } from '../../suites/names.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A module hook that prints `LOADED <url>` for every file loaded, written to fd 2 at once: the hook
 * runs on the loader's thread, whose console output is forwarded later and was lost, now and then,
 * when the command exited first (the last files loaded missing from the list).
 */
const HOOK = `import { writeSync } from 'node:fs'; export async function load(url, context, next) { if (url.startsWith('file:')) writeSync(2, 'LOADED ' + url + '\\n'); return next(url, context); }`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;

/** The project files and the packages `cli/main.ts ARGS` loads (paths relative to the project). */
function loads(args: readonly string[], env: Record<string, string> = {}): { code: number | null; files: string[]; packages: string[] } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, 'cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DOTENV_CONFIG_PATH: '/nonexistent/.env', ...env },
  });
  const paths = [...r.stderr.matchAll(/^LOADED (file:\S+)$/gm)].map((m) => relative(root, fileURLToPath(m[1]!)));
  const packages = [...new Set(paths.filter((p) => p.startsWith('node_modules/')).map((p) => p.split('/').slice(1, p.split('/')[1]!.startsWith('@') ? 3 : 2).join('/')))];
  return { code: r.status, files: paths.filter((p) => !p.startsWith('node_modules/')), packages };
}

const HEAVY_FOLDERS = ['checks/', 'suites/', 'generators/', 'reference/', 'reporting/', 'self-check/'];
const HEAVY_PACKAGES = ['soap', 'fast-check', 'undici', 'fast-xml-parser', 'xmlbuilder2'];

describe('start-up loads only what the command needs', () => {
  it('--version: the settings and the CLI helpers only — not even the contract', { timeout: 60_000 }, () => {
    const r = loads(['--version']);
    expect(r.code).toBe(0);
    expect(r.files).toContain('cli/main.ts');
    expect(r.files.filter((f) => [...HEAVY_FOLDERS, 'contract/'].some((d) => f.startsWith(d)))).toEqual([]);
    expect(r.packages.filter((p) => HEAVY_PACKAGES.includes(p))).toEqual([]);
  });

  it('--help: the suite names from suites/names.ts, the same as the registry\'s, and nothing heavy', { timeout: 60_000 }, () => {
    expect(SUITE_NAMES).toEqual(SUITES.map((s) => s.name));
    const r = loads(['--help']);
    expect(r.code).toBe(0);
    expect(r.files).toContain('suites/names.ts');
    expect(r.files.filter((f) => [...HEAVY_FOLDERS, 'contract/'].some((d) => f.startsWith(d)) && f !== 'suites/names.ts')).toEqual([]);
    expect(r.packages.filter((p) => HEAVY_PACKAGES.includes(p))).toEqual([]);
  });

  it('--list-clauses: the contract, and no check, suite, generator, reference, report or soap', { timeout: 60_000 }, () => {
    const r = loads(['--list-clauses']);
    expect(r.code).toBe(0);
    expect(r.files).toContain('contract/index.ts');
    expect(r.files.filter((f) => HEAVY_FOLDERS.some((d) => f.startsWith(d)))).toEqual([]);
    expect(r.packages.filter((p) => HEAVY_PACKAGES.includes(p))).toEqual([]);
  });

  it('a run: SOAP envelopes sent and answered, junit.xml written, and xmlbuilder2 never loaded (lib/xml/write.ts writes them)', { timeout: 60_000 }, () => {
    const reports = mkdtempSync(join(tmpdir(), 'startup-loads-'));
    try {
      const r = loads(['mark-customer'], { CONFORMANCE_REPORT_DIR: reports });
      expect(r.code).toBe(0);
      expect(r.files).toEqual(expect.arrayContaining(['contract/soap-envelope.ts', 'reporting/junit.ts', 'lib/xml/write.ts']));
      expect(readFileSync(join(reports, 'junit.xml'), 'utf8')).toContain('<testsuite name="mark-customer-as-synchronized"');
      expect(r.packages).not.toContain('xmlbuilder2');
    } finally {
      rmSync(reports, { recursive: true, force: true });
    }
  });
});
