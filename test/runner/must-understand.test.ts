/**
 * SOAP 1.1 §4.2.3 (docs/INTERPRETING.md §soap-protocol): a header block the service does not
 * understand is ignored without mustUnderstand or with "0" — MUST (`request/unknown-header-ignored`);
 * with mustUnderstand="1" it gets a MustUnderstand fault, never Success — MUST
 * (`protocol/must-understand-fault`).
 */
import { describe, expect, it } from 'vitest';
import { NS } from '../../contract/mark-customer-as-synchronized.ts';
import { buildMarkRequest } from '../../contract/soap-envelope.ts';
import { attr, child, parseXml } from '../../lib/xml/parse.ts';
import { runConformance } from '../../runner/run.ts';
import { embeddedReference } from '../../reference/embedded.ts';

const env = { CONFORMANCE_SEED: '19', CONFORMANCE_RUNS: '5' };
const statuses = async (fault?: string) => {
  const o = await runConformance({ env, log: () => undefined, suites: ['mark-customer'], embedded: embeddedReference(fault ? { fault } : {}) });
  const of = (id: string) => o.clauses.find((c) => c.clause.id === `mark-customer-as-synchronized/${id}`)!.status;
  return [of('request/unknown-header-ignored'), of('protocol/must-understand-fault')];
};

describe('header blocks the service does not understand', () => {
  it('the request carries the block in the Header, with soapenv:mustUnderstand as asked', () => {
    for (const [block, expected] of [['1', '1'], ['0', '0'], ['absent', undefined]] as const) {
      const header = child(parseXml(buildMarkRequest({ customerInternalId: 'x' }, { unknownHeaderBlock: block })), NS.soapEnv, 'Header')!;
      const trace = child(header, NS.unknownHeader, 'Trace')!;
      expect(attr(trace, NS.soapEnv, 'mustUnderstand')).toBe(expected);
    }
  });

  it('the reference ignores them, and faults MustUnderstand on mustUnderstand="1"; each fault is caught', async () => {
    expect(await statuses()).toEqual(['passed', 'passed']);
    expect(await statuses('soap-must-understand-ignored')).toEqual(['passed', 'failed']);
    expect((await statuses('soap-unknown-header-refused'))[0]).toBe('failed');
  });
});
