/**
 * The hardening suites send each hostile request and, once it is answered, a valid one
 * (INTERPRETING §hardening). The pairs go at once; what is recorded is what the pairs one after
 * another show: against a correct gateway the same passes, against a gateway that fails after a
 * hostile request the pairs are sent again one after another, and against one that stops
 * accepting connections the failure names the hostile requests it went away after.
 * `CONFORMANCE_CONCURRENCY=1` sends them one after another from the start.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { configuredSettings } from '../../reference/fixtures.ts';
import type { ReferenceGatewayOptions } from '../../reference/server.ts';
import { embeddedReference } from '../../reference/embedded.ts';
import { type RunOutcome, runConformance } from '../../runner/run.ts';
import { matching, misbehavingReferences, type Rule, type SeenRequest } from '../helpers/misbehaving-gateway.ts';

const RUN = { CONFORMANCE_SEED: '18', CONFORMANCE_RUNS: '5', CONFORMANCE_TIMEOUT_MS: '5000', CONFORMANCE_RETRIES: '1' };
const references = misbehavingReferences();
afterAll(() => references.closeAll());

/**
 * A run of the PutCustomer hardening suite through a proxy; `order` is H (hostile) or V (the valid
 * request) per PUT after the baseline, as the proxy received them — all but the 64 MiB body, which
 * the proxy refuses by closing the connection (a refusal, §body-size), so its V follows a V.
 */
async function hardening(settings: Record<string, string>, reference: ReferenceGatewayOptions = {}, rules: Rule[] = []): Promise<{ outcome: RunOutcome; order: string }> {
  const puts: SeenRequest[] = [];
  const spy: Rule = { when: (r) => (r.method === 'PUT' && puts.push(r), false), do: { kind: 'reset' } };
  const { proxy, fixtures } = await references.start([spy, ...rules], reference);
  const outcome = await runConformance({ embedded: embeddedReference(), env: { ...RUN, ...configuredSettings(proxy, fixtures), ...settings }, suites: ['hardening'], log: () => undefined, progressEveryMs: 0 });
  // The first PUT is the baseline request: the same valid customer the suite sends after each hostile body.
  const valid = puts[0]!.body;
  return { outcome, order: puts.slice(1).map((r) => (r.body === valid ? 'V' : 'H')).join('') };
}

/** One pair after another: never two hostile requests in a row, each followed by its valid request (10 of them). */
const IN_TURN = /^(H?V){10}$/;
const failures = (o: RunOutcome, clause: string) => o.clauses.find((c) => c.clause.id === clause)?.failures.map((f) => f.counterexample) ?? [];
const statuses = (o: RunOutcome) => o.clauses.filter((c) => c.clause.id.includes('/hardening/')).map((c) => `${c.clause.id} ${c.status}`);

describe('hostile requests and the valid requests after them', () => {
  it('against the reference the pairs go at once, and pass as they do one after another', async () => {
    const atOnce = await hardening({});
    const inTurn = await hardening({ CONFORMANCE_CONCURRENCY: '1' });
    expect(inTurn.order).toMatch(IN_TURN);
    expect(atOnce.order).toMatch(/^HH/);
    expect([...atOnce.order].sort().join('')).toBe([...inTurn.order].sort().join(''));
    expect([atOnce.outcome.exitCode, inTurn.outcome.exitCode]).toEqual([0, 0]);
    expect(statuses(atOnce.outcome)).toEqual(statuses(inTurn.outcome));
    expect(statuses(atOnce.outcome).some((s) => s.endsWith('survives-hostile-input passed'))).toBe(true);
  });

  it('a gateway failing the requests after a hostile one: the pairs are sent again one after another, and survives-hostile-input fails', async () => {
    const { outcome, order } = await hardening({}, { fault: 'fails-after-hostile-input' });
    expect(outcome.exitCode).toBe(1);
    const inTurn = await hardening({ CONFORMANCE_CONCURRENCY: '1' }, { fault: 'fails-after-hostile-input' });
    // First at once, then again in turn: the recorded failures come from the pairs in turn.
    expect(order.slice(0, 2)).toBe('HH');
    expect([inTurn.outcome.exitCode, inTurn.order]).toEqual([1, expect.stringMatching(IN_TURN)]);
    expect(failures(inTurn.outcome, 'put-customer/hardening/survives-hostile-input').length).toBeGreaterThan(0);
    expect(order.length).toBe(2 * inTurn.order.length);
    expect(order.slice(inTurn.order.length)).toBe(inTurn.order);
    expect(failures(outcome, 'put-customer/hardening/survives-hostile-input').length).toBeGreaterThan(0);
  });

  it('a wrong answer seen only while the pairs went together is kept, saying so: exit 1', async () => {
    // The first DTD body is answered 200 once; sent again one after another, it is refused.
    const { outcome, order } = await hardening({}, {}, [{ when: matching({ api: 'rest', bodyContains: '<!DOCTYPE' }), which: { nth: 1 }, do: { kind: 'status', status: 200, contentType: 'application/xml', body: '<CustomerDetail/>' } }]);
    expect(order.slice(0, 2)).toBe('HH');
    expect(order.slice(order.length / 2)).toMatch(IN_TURN);
    expect(outcome.exitCode).toBe(1);
    const said = outcome.clauses.filter((c) => c.status === 'failed').flatMap((c) => c.failures.map((f) => f.counterexample));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/\(sent together with the other hostile requests; not seen again when sent one after another\)$/);
  });

  it('a gateway that stops accepting connections after a hostile request: the failure names the hostile requests it went away after', async () => {
    const { outcome } = await hardening({}, {}, [{ when: matching({ api: 'rest', bodyContains: '<!DOCTYPE' }), which: { nth: 1 }, do: { kind: 'die' } }]);
    expect(outcome.errors).toEqual([]);
    expect(outcome.exitCode).toBe(1);
    const said = failures(outcome, 'put-customer/hardening/survives-hostile-input');
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^a valid request after .*(DTD|DOCTYPE|entity)/i);
  });
});
