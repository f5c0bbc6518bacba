/**
 * A suite's independent pieces run at once in a real run (`ctx.together`), one after another only
 * when the run stops at a first failure (the self-check, which therefore proves detection in the
 * sequential order). These runs take the concurrent path — no stopOnFailureOf — against faults
 * that `put-customer-inputs`, the single requests of `mark-customer` and the hardening suites'
 * hostile/valid pairs catch: each must still fail the fault's clause; and against the plain reference the pieces at once send exactly the requests
 * they send one after another, and raise no false alarm (INTERPRETING §transport: no effect on any
 * verdict).
 */
import { describe, expect, it } from 'vitest';
import { fault as faultOf } from '../../reference/faults/index.ts';
import { embeddedReference } from '../../reference/embedded.ts';
import { runConformance } from '../../runner/run.ts';

const env = { CONFORMANCE_SEED: '20261124', CONFORMANCE_RUNS: '30' };

describe('independent pieces sent at once still catch what they catch one after another', () => {
  it.each([
    ['address-city-max-off-by-one', 'put-customer-inputs'],
    ['length-in-utf8-bytes', 'put-customer-inputs'],
    ['soap-must-understand-ignored', 'mark-customer'],
    ['soap-wrong-fault-code', 'mark-customer'],
    // The hostile/valid pairs at once (INTERPRETING §hardening); the self-check sends them in turn.
    // A wrong answer to a hostile body, and a gateway failing the valid request after one.
    ['entities-expanded', 'hardening,hardening-soap'],
    ['crash-on-malformed', 'hardening,hardening-soap'],
    ['fails-after-hostile-input', 'hardening,hardening-soap'],
  ])('fault %s, suite %s: exit 1 and a clause of the fault failed', async (name, suite) => {
    const f = faultOf(name);
    const outcome = await runConformance({ env, suites: suite.split(','), embedded: embeddedReference({ fault: name }), log: () => undefined, progressEveryMs: 0 });
    const failed = outcome.clauses.filter((c) => c.status === 'failed').map((c) => c.clause.id);
    expect(outcome.exitCode).toBe(1);
    expect(failed.filter((id) => f.clauses.includes(id)), `failed: ${failed.join(', ')}`).not.toEqual([]);
  });

  it('against the plain reference: no false alarm, and every request the pieces send one after another is sent', async () => {
    const suites = ['put-customer-inputs', 'mark-customer'];
    const atOnce = await runConformance({ env, suites, embedded: embeddedReference(), log: () => undefined, progressEveryMs: 0 });
    expect([atOnce.exitCode, atOnce.clauses.filter((c) => c.status === 'failed').map((c) => c.clause.id)]).toEqual([0, []]);
    // A clause that does not fail here makes the run one that could stop early: the pieces go one after another.
    const inTurn = await runConformance({ env, suites, embedded: embeddedReference(), log: () => undefined, progressEveryMs: 0, stopOnFailureOf: ['put-customer/customer-name/max-length'] });
    expect(inTurn.exitCode).toBe(0);
    expect(atOnce.requests?.sent).toBe(inTurn.requests?.sent);
  });
});

describe('a run that stops at a first failure sends the cases of the watched clauses first', () => {
  it('fault address-city-max-off-by-one, stopping at its clauses: caught before most of the catalogue is sent', async () => {
    const f = faultOf('address-city-max-off-by-one');
    const watched = await runConformance({ env, suites: ['put-customer-inputs'], embedded: embeddedReference({ fault: f.name }), log: () => undefined, progressEveryMs: 0, stopOnFailureOf: f.clauses });
    const whole = await runConformance({ env, suites: ['put-customer-inputs'], embedded: embeddedReference(), log: () => undefined, progressEveryMs: 0 });
    expect(watched.exitCode).toBe(1);
    expect(watched.clauses.filter((c) => c.status === 'failed').map((c) => c.clause.id).some((id) => f.clauses.includes(id))).toBe(true);
    // The catalogue alone is most of the suite's requests; the watched clause's cases are a few of them,
    // sent first, a few at a time.
    expect(watched.requests!.sent).toBeLessThan(whole.requests!.sent / 40);
  });
});
