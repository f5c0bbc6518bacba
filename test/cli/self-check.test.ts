/**
 * The suite's power, shown both ways (`npm run self-check`, in batches of child processes, two at
 * a time): the plain reference passes; every dialect — a legitimate variant — is accepted (exit
 * 0, nothing failed or warned); and for every fault in the catalogue a run against the faulty
 * reference exits 1 and fails a clause the fault is tied to (SHOULD-only faults under
 * CONFORMANCE_STRICT=1).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_CLAUSES, isClauseId } from '../../contract/index.ts';
import { DIALECTS } from '../../reference/dialects.ts';
import { FAULTS } from '../../reference/faults/index.ts';
import { CHECK_NAMES } from '../../checks/registry.ts';
import { SUITES } from '../../suites/index.ts';
import type { BatchResult } from '../../cli/self-check.ts';
import { compiled } from '../helpers/cli.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the fault catalogue', () => {
  it('every fault is tied to clauses of the contract, and names are unique', () => {
    expect(new Set(FAULTS.map((f) => f.name)).size).toBe(FAULTS.length);
    for (const f of FAULTS) {
      expect(f.clauses.length, f.name).toBeGreaterThan(0);
      for (const c of f.clauses) expect(isClauseId(c), `${f.name} → ${c}`).toBe(true);
      expect(f.description.length, f.name).toBeGreaterThan(10);
    }
  });

  it('every clause a black-box test can observe has a fault that breaks it', () => {
    const tied = new Set(FAULTS.flatMap((f) => f.clauses));
    expect(ALL_CLAUSES.filter((c) => !c.unobservable && !tied.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});

describe('every dialect is accepted and every fault is detected', () => {
  let result: BatchResult;
  /** What the self-check and its batches wrote to stderr. */
  let stderr = '';
  const reportDir = mkdtempSync(join(tmpdir(), 'self-check-'));
  beforeAll(async () => {
    result = await new Promise<BatchResult>((resolve, reject) => {
      const env = { ...process.env, CONFORMANCE_REPORT_DIR: reportDir };
      const child = spawn(process.execPath, [compiled('cli/self-check.ts'), '--json', '--seed', '20261124', '--runs', '30', '--parallel', '2'], { cwd: root, env });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', () => {
        stderr = err;
        try {
          resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as BatchResult);
        } catch {
          reject(new Error(`self-check printed no result:\n${out}\n${err}`));
        }
      });
    });
  }, 900_000);

  it('the result is left for reports as sensitivity evidence', () => {
    const s = JSON.parse(readFileSync(join(reportDir, 'self-check.json'), 'utf8')) as { faultsDetected: number; faultsTotal: number; dialectsAccepted: number; dialectsTotal: number };
    expect(s).toMatchObject({ faultsDetected: FAULTS.length, faultsTotal: FAULTS.length, dialectsAccepted: DIALECTS.length, dialectsTotal: DIALECTS.length });
  });

  it('writes no stack trace: a fault that crashes the reference (malformed-key-escape-crashes) does so on purpose', () => {
    expect(stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('the plain reference passes', () => {
    expect(result.plain.errors).toEqual([]);
    expect(result.plain.failed).toEqual([]);
    expect(result.plain.passed).toBe(true);
  });

  it('every check in the registry is shown to fail: some fault is caught by its findings', () => {
    const caught = new Set(result.faults.flatMap((f) => f.caughtByChecks));
    expect(CHECK_NAMES.filter((n) => !caught.has(n))).toEqual([]);
  });

  it.each(DIALECTS.map((d) => d.name))('dialect %s is accepted', (name) => {
    const r = result.dialects.find((d) => d.dialect === name)!;
    expect(r, `${name} was not run`).toBeDefined();
    expect({ exitCode: r.exitCode, failed: r.failed, errors: r.errors }).toEqual({ exitCode: 0, failed: [], errors: [] });
  });

  it('a dialect is run through the suites of the operations its hooks reach, and only those', () => {
    const suitesOf = (name: string) => result.dialects.find((d) => d.dialect === name)?.suites;
    expect(suitesOf('soap-error-omitted')).toEqual(['mark-customer', 'hardening-soap']);
    expect(suitesOf('pretty-xml')).toEqual(['put-customer-inputs', 'put-customer-replace', 'put-customer-access', 'hardening']);
    expect(suitesOf('xml-declaration')).toEqual(SUITES.map((s) => s.name));
  });

  it.each(FAULTS.map((f) => f.name))('fault %s is detected', (name) => {
    const r = result.faults.find((f) => f.fault === name)!;
    expect(r, `${name} was not run`).toBeDefined();
    expect(r.errors).toEqual([]);
    expect({ exitCode: r.exitCode, caught: r.caughtBy.length > 0 }, `${name}: tied to ${r.clauses.join(', ')}; failed ${[...r.caughtBy, ...r.alsoFailed].join(', ') || 'nothing'} (suites ${r.suites.join(', ')})`).toEqual({ exitCode: 1, caught: true });
  });
});

describe('--plain-result: the plain reference run once for every batch', () => {
  /** `self-check ARGS`, `stdin` written to its standard input. */
  function selfCheck(args: readonly string[], stdin = ''): Promise<{ code: number | null; out: string; err: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [compiled('cli/self-check.ts'), ...args], { cwd: root, env: { ...process.env, CONFORMANCE_REPORT_DIR: mkdtempSync(join(tmpdir(), 'self-check-plain-')) } });
      let [out, err] = ['', ''];
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.stdin.end(stdin);
      child.on('exit', (code) => resolve({ code, out, err }));
    });
  }

  it('a fault given the plain result on standard input is run through the suites it names, and the result carries it unchanged (no plain run of its own)', async () => {
    // A plain result naming only put-customer-replace for every clause: the fault is run through that suite alone.
    const plain = { exitCode: 0, passed: true, failed: [], suites: { 'put-customer-replace': FAULTS.find((f) => f.name === 'merge-instead-of-replace')!.clauses }, errors: ['given, not run'] };
    const r = await selfCheck(['--json', '--runs', '2', '--fault', 'merge-instead-of-replace', '--plain-result', '-'], JSON.stringify(plain));
    const result = JSON.parse(r.out.trim().split('\n').pop() ?? '') as BatchResult;
    expect(result.plain).toEqual(plain);
    expect(result.faults.map((f) => [f.fault, f.suites, f.detected])).toEqual([['merge-instead-of-replace', ['put-customer-replace'], true]]);
  });

  it('a result past 64 KiB reaches a shell pipe whole: written before the exit (`self-check --json | jq`)', () => {
    // The plain result given is carried into the result: 100 KB of it make the JSON longer than a pipe's buffer.
    const fault = FAULTS.find((f) => f.name === 'soap-wrong-fault-code')!;
    const plain = { exitCode: 0, passed: true, failed: [], suites: { 'mark-customer': fault.clauses }, errors: ['given, not run; '.repeat(6_250)] };
    const plainFile = join(mkdtempSync(join(tmpdir(), 'self-check-plain-')), 'plain.json');
    writeFileSync(plainFile, JSON.stringify(plain));
    const r = spawnSync('bash', ['--norc', '-c', '"$0" "$1" --json --runs 2 --fault "$2" --plain-result "$3" | cat', process.execPath, compiled('cli/self-check.ts'), fault.name, plainFile], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    expect(r.stdout.length).toBeGreaterThan(100_000);
    const result = JSON.parse(r.stdout) as BatchResult;
    expect(result.plain).toEqual(plain);
    expect(result.faults.map((f) => [f.fault, f.detected])).toEqual([[fault.name, true]]);
  });

  it('what is not a plain result is a usage error (exit 2) naming the option, before anything runs', async () => {
    const r = await selfCheck(['--fault', 'merge-instead-of-replace', '--plain-result', '-'], '{"not":"plain"}');
    expect(r.code).toBe(2);
    expect(r.err + r.out).toContain("--plain-result -: cannot be read as the plain reference's result");
  });

  it('without --fault or --dialect it is a usage error (exit 2): a full self-check runs the plain reference itself', async () => {
    const r = await selfCheck(['--plain-result', '/nonexistent/plain.json']);
    expect(r.code).toBe(2);
    expect(r.err + r.out).toContain('--plain-result goes with --fault or --dialect');
  });
});
