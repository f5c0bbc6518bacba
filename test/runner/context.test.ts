/**
 * A suite's declared checks are what it runs (runner/context.ts): a check the suite does not declare
 * is refused at run time, as a clause a check does not declare already is; every check a suite
 * calls is counted, so a run can say which suite used which check; a case check is given only
 * cases of the clauses the suite declares.
 */
import { describe, expect, it } from 'vitest';
import { CHECK_NAMES } from '../../checks/registry.ts';
import type { ConformanceConfig } from '../../config/settings.ts';
import type { HttpExchange } from '../../lib/http/client.ts';
import { RunContext } from '../../runner/context.ts';
import { Recorder } from '../../runner/recorder.ts';

const config = { run: { seed: 1, runs: 1, concurrency: 1 } } as unknown as ConformanceConfig;
const answer = { request: { method: 'PUT', url: 'http://gw.test/api/customers/1', headers: {} }, status: 200, headers: { 'content-type': 'application/xml' }, contentType: 'application/xml', text: '<x/>', truncated: false, durationMs: 1, attempts: 1 } as HttpExchange;

describe('the checks a suite may use', () => {
  it('refuses a check the suite does not declare, before it judges anything', () => {
    const run = new RunContext(config, {} as never, new Recorder(), [], new Set(CHECK_NAMES));
    const ctx = run.forSuite('some-suite', ['json_body_acceptance']);
    expect(() => ctx.judge('content_type_conformance', answer)).toThrow("suite some-suite applies content_type_conformance, which it does not declare in its checks");
    expect(run.checksUsed()).toEqual([{ suite: 'some-suite', checks: [] }]);
  });

  it('counts the declared checks each suite calls', () => {
    const run = new RunContext(config, {} as never, new Recorder(), [], new Set(CHECK_NAMES));
    run.forSuite('a', ['json_body_acceptance', 'content_type_conformance']).judge('content_type_conformance', answer);
    run.forSuite('b', ['content_type_conformance']);
    expect(run.checksUsed()).toEqual([{ suite: 'a', checks: ['content_type_conformance'] }, { suite: 'b', checks: [] }]);
  });

  it('refuses a case whose clause the suite does not declare in its caseClauses, given to a case check', () => {
    const run = new RunContext(config, {} as never, new Recorder(), [], new Set(CHECK_NAMES));
    const ctx = run.forSuite('some-suite', ['negative_data_rejection'], ['put-customer/customer-name/max-length']);
    const declared = { clause: 'put-customer/customer-name/max-length', description: 'too long', expect: 'rejected', value: {} } as const;
    expect(() => ctx.judge('negative_data_rejection', { exchange: answer, case: declared })).not.toThrow();
    expect(() => ctx.judge('negative_data_rejection', { exchange: answer, case: { ...declared, clause: 'put-customer/customer-id/max-length' } })).toThrow('suite some-suite gives negative_data_rejection a case of put-customer/customer-id/max-length, which it does not declare in its caseClauses');
  });
});
