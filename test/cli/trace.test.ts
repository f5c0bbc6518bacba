/**
 * `trace` points at the code and lists what a run of the clause uses (cli/trace-lookup.ts): every
 * entry carries a `file:line` that exists; the suites and checks it lists for a clause are exactly
 * those a `--clause` run of it runs and calls; no suite records a clause the trace does not list,
 * and none is listed for a clause a run of it does not use;
 * every generator it lists makes a case carrying the clause.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVERY_EXCHANGE_CHECKS, checksFor, judgesOnlyDeclaredCases } from '../../checks/registry.ts';
import { ALL_CLAUSES, type ClauseId, clause as clauseOf } from '../../contract/index.ts';
import { GENERATORS, generatorLocation, renderTrace, trace } from '../../cli/trace-lookup.ts';
import { embeddedReference } from '../../reference/embedded.ts';
import { type RunOutcome, runConformance } from '../../runner/run.ts';
import { SUITES } from '../../suites/index.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const env = { CONFORMANCE_SEED: '20261126', CONFORMANCE_RUNS: '10' };

/** `file:line` names a line of a file of the project. */
function pointsAtCode(where: string | undefined): boolean {
  const m = /^([\w./-]+\.ts):(\d+)$/.exec(where ?? '');
  if (!m || !existsSync(`${root}/${m[1]}`)) return false;
  return Number(m[2]) <= readFileSync(`${root}/${m[1]}`, 'utf8').split('\n').length;
}

describe('trace: every entry with file:line', () => {
  it('the clause, each generator, check, suite, fault and dialect of every clause point at a line that exists', () => {
    const missing: string[] = [];
    for (const c of ALL_CLAUSES) {
      const t = trace(c.id);
      if (!pointsAtCode(t.where)) missing.push(`${c.id}: the clause (${t.where})`);
      for (const [kind, entries] of Object.entries({ generators: t.generators, checks: t.checks, suites: t.suites, faults: t.faults, dialects: t.dialects })) {
        for (const e of entries) if (!pointsAtCode(e.where)) missing.push(`${c.id}: ${kind} ${e.name} (${e.where})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('a generator is listed where its module exports it, and only for clauses its cases carry', async () => {
    for (const g of GENERATORS) {
      const module = (await import(new URL(g.module, new URL('../../cli/', import.meta.url)).href)) as Record<string, unknown>;
      expect(typeof module[g.name], g.name).toBe('function');
      expect(readFileSync(`${root}/${generatorLocation(g)!.split(':')[0]}`, 'utf8').split('\n')[Number(generatorLocation(g)!.split(':')[1]) - 1]).toContain(g.name);
    }
    expect(trace('put-customer/customer-name/max-length').generators.map((g) => g.name)).toEqual(['boundaryCases()', 'violatingCustomer()']);
    expect(trace('put-customer/response/status-200').generators.map((g) => g.name)).toContain('validCustomer()');
    expect(trace('put-customer/auth/role-required-403').generators).toEqual([]);
  });

  it('prints file:line before every entry', () => {
    const lines = renderTrace(trace('put-customer/auth/role-required-403'));
    expect(lines[1]).toMatch(/^ {2}defined: {2}contract\/put-customer\/clauses\.ts:\d+$/);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}checks\/put-customer\/role-required\.ts:\d+ {2}role_required — /));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}suites\/put-customer-access\.ts:\d+ {2}put-customer-access — /));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}reference\/faults\/catalogue\.ts:\d+ {2}roles-not-enforced — /));
  });
});

/**
 * The suites listed for a clause that a run does not use for it: neither recording the clause nor
 * calling a judging check whose findings the answer decides (not a case check: for those the case's
 * clause decides, so a suite that exercises the clause records it).
 */
function overListed(o: RunOutcome, listed: (id: ClauseId) => string[] = (id) => trace(id).suites.map((s) => s.name)): string[] {
  return ALL_CLAUSES.flatMap((c) =>
    listed(c.id)
      .filter((name) => {
        const ran = o.suites?.find((s) => s.suite === name);
        if (!ran) return true;
        if (ran.clauses.includes(c.id)) return false;
        return !ran.checks.some((check) => checksFor(c.id).includes(check) && !judgesOnlyDeclaredCases(check, c.id));
      })
      .map((name) => `${c.id}: ${name}`),
  );
}

describe('trace lists what a run of the clause uses', () => {
  let full: RunOutcome;
  beforeAll(async () => {
    full = await runConformance({ embedded: embeddedReference(), env, log: () => undefined, progressEveryMs: 0 });
  });

  it('no suite of a whole run records a clause the trace of that clause does not list', () => {
    expect(full.exitCode).toBe(0);
    const unlisted = ALL_CLAUSES.flatMap((c) => {
      const listed = new Set(trace(c.id).suites.map((s) => s.name));
      return (full.suites ?? []).filter((s) => s.clauses.includes(c.id) && !listed.has(s.suite)).map((s) => `${c.id}: ${s.suite}`);
    });
    expect(unlisted).toEqual([]);
  });

  it('no suite is listed for a clause that a whole run of it neither records nor judges with a check that answers decide', () => {
    expect(overListed(full)).toEqual([]);
  });

  it('the old listing, by the checks a suite applies alone, lists suites a run does not use (so the test above can fail)', () => {
    const byChecksAlone = (id: ClauseId) => SUITES.filter((s) => s.api === (clauseOf(id).operation === 'put-customer' ? 'syntch' : 'ebiz') && [...s.checks, ...EVERY_EXCHANGE_CHECKS].some((c) => checksFor(id).includes(c))).map((s) => s.name);
    expect(overListed(full, byChecksAlone)).toContain('put-customer/customer-name/max-length: put-customer-replace');
  });

  // One clause of each kind: a field rule, a rule about roles, a SOAP fault, a rule every answer is judged by.
  const CLAUSES: ClauseId[] = ['put-customer/customer-name/max-length', 'put-customer/auth/role-required-403', 'mark-customer-as-synchronized/fault/invalid-security-id', 'put-customer/errors/no-server-error'];
  it.each(CLAUSES)('%s: a run of its suites and checks runs exactly the suites listed, calls exactly the checks listed, and judges it', async (id) => {
    const t = trace(id);
    const suites = t.suites.map((s) => s.name);
    const checks = t.checks.map((c) => c.name);
    const o = await runConformance({ embedded: embeddedReference(), env, suites, checks, log: () => undefined, progressEveryMs: 0 });
    expect(o.suites?.map((s) => s.suite)).toEqual(suites);
    expect([...new Set(o.suites?.flatMap((s) => s.checks))].sort()).toEqual([...checks].sort());
    expect(o.suites?.filter((s) => s.clauses.includes(id)).length).toBeGreaterThan(0);
    expect(o.clauses.find((c) => c.clause.id === id)?.status).toBe('passed');
  });
});
