/**
 * Media-type spellings in requests (docs/INTERPRETING.md §negotiation): a charset parameter does not
 * change the media type (RFC 9110 §8.3.1) — accepted, MUST; the type in another case — accepted,
 * SHOULD. Valid requests vary the spelling among those every correct gateway takes.
 */
import { describe, expect, it } from 'vitest';
import { boundaryCases } from '../../generators/boundary-cases.ts';
import { customerBody, spelledContentType } from '../../generators/serialize.ts';
import { runConformance } from '../../runner/run.ts';
import { embeddedReference } from '../../reference/embedded.ts';

const env = { CONFORMANCE_SEED: '11', CONFORMANCE_RUNS: '5' };
const statusOf = async (reference: { fault?: string }) => {
  const o = await runConformance({ env, log: () => undefined, suites: ['put-customer-access'], embedded: embeddedReference(reference) });
  const of = (id: string) => o.clauses.find((c) => c.clause.id === id)!;
  return { parameters: of('put-customer/negotiation/content-type-parameters'), case: of('put-customer/negotiation/content-type-case') };
};

describe('Content-Type spellings', () => {
  it('valid requests vary the spelling: bare, "; charset=utf-8" and ";charset=UTF-8", the same for the same body', () => {
    const spelt = new Set(boundaryCases().filter((c) => c.expect === 'accepted').flatMap((c) => (['xml', 'json'] as const).map((f) => { const b = customerBody(c.value, f); return spelledContentType(b.contentType, b.body); })));
    expect([...spelt].sort()).toEqual(['application/json', 'application/json; charset=utf-8', 'application/json;charset=UTF-8', 'application/xml', 'application/xml; charset=utf-8', 'application/xml;charset=UTF-8']);
    expect(spelledContentType('application/xml', 'abc')).toBe(spelledContentType('application/xml', 'xyz'));
  });

  it('the reference takes every spelling; a gateway comparing the header as a string fails the MUST clause, a case-sensitive one warns', async () => {
    const plain = await statusOf({});
    expect([plain.parameters.status, plain.case.status]).toEqual(['passed', 'passed']);
    const params = await statusOf({ fault: 'content-type-parameters-refused' });
    expect(params.parameters.status).toBe('failed');
    expect(params.parameters.failures[0]!.received).toMatch(/^415/);
    expect((await statusOf({ fault: 'content-type-case-sensitive' })).case.status).toBe('warning');
  });
});
