/**
 * The suite's power, shown: for every fault in the reference gateway's catalogue, a conformance
 * run against the faulty reference exits 1 and fails a clause the fault is tied to (SHOULD-only
 * faults under CONFORMANCE_STRICT=1). Each run is its own process (`npm run self-check -- --fault`),
 * two at a time.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_CLAUSES, hasClause } from '../../contract/index.ts';
import { FAULTS } from '../../reference/faults.ts';
import type { FaultCheck } from '../../suites/self-check.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

function selfCheck(fault: string): Promise<FaultCheck> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['suites/self-check-cli.ts', '--fault', fault, '--json', '--seed', '20261124', '--runs', '30'], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as FaultCheck);
      } catch {
        reject(new Error(`no result for ${fault}:\n${out}\n${err}`));
      }
    });
  });
}

describe('the fault catalogue', () => {
  it('every fault is tied to clauses of the contract, and names are unique', () => {
    expect(new Set(FAULTS.map((f) => f.name)).size).toBe(FAULTS.length);
    for (const f of FAULTS) {
      expect(f.clauses.length, f.name).toBeGreaterThan(0);
      for (const c of f.clauses) expect(hasClause(c), `${f.name} → ${c}`).toBe(true);
      expect(f.description.length, f.name).toBeGreaterThan(10);
    }
  });

  it('every clause a black-box test can observe has a fault that breaks it', () => {
    const tied = new Set(FAULTS.flatMap((f) => f.clauses));
    expect(ALL_CLAUSES.filter((c) => !c.unobservable && !tied.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});

describe.concurrent('every fault is detected: exit 1 and a failed clause it is tied to', () => {
  for (const f of FAULTS) {
    it(f.name, async () => {
      const r = await selfCheck(f.name);
      expect(r.errors).toEqual([]);
      expect({ exitCode: r.exitCode, caught: r.caughtBy.length > 0 }, `${f.name}: tied to ${f.clauses.join(', ')}; failed ${[...r.caughtBy, ...r.alsoFailed].join(', ') || 'nothing'}`).toEqual({ exitCode: 1, caught: true });
    }, 180_000);
  }
});
