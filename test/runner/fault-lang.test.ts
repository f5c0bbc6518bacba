/**
 * `fault/fault-string-lang` (docs/INTERPRETING.md §fault-lang): WCF writes the faultstring's
 * `xml:lang` in the host's culture, so any well-formed BCP 47 language tag holds; an empty,
 * absent or malformed one is a SHOULD warning.
 */
import { describe, expect, it } from 'vitest';
import { isLanguageTag } from '../../contract/mark-customer-as-synchronized.ts';
import { runConformance } from '../../runner/run.ts';
import { embeddedReference } from '../../reference/embedded.ts';

const env = { CONFORMANCE_SEED: '7', CONFORMANCE_RUNS: '5' };
const langClause = async (reference: { dialect?: string; fault?: string }) =>
  (await runConformance({ env, log: () => undefined, suites: ['mark-customer'], embedded: embeddedReference(reference) })).clauses.find((c) => c.clause.id === 'mark-customer-as-synchronized/fault/fault-string-lang')!;

describe('the faultstring language is the host culture', () => {
  it('well-formed tags of any culture are language tags; empty and malformed ones are not', () => {
    for (const tag of ['en-US', 'de-DE', 'fr', 'zh-Hans-CN', 'sr-Latn-RS', 'es-419']) expect(isLanguageTag(tag), tag).toBe(true);
    for (const tag of ['', ' ', 'en_US', 'englishlanguage', 'en-US-x', 'en-', '-US', 'de DE', '12-34']) expect(isLanguageTag(tag), JSON.stringify(tag)).toBe(false);
  });

  it('a gateway under a German culture (xml:lang="de-DE") passes the clause', async () => {
    expect((await langClause({ dialect: 'soap-fault-lang-de-de' })).status).toBe('passed');
  });

  it('an empty xml:lang (the invariant culture) and a malformed one are warnings', async () => {
    const empty = await langClause({ fault: 'soap-fault-lang-empty' });
    expect(empty.status).toBe('warning');
    expect(empty.failures[0]!.received).toBe('xml:lang=""');
    expect((await langClause({ fault: 'soap-fault-lang-malformed' })).status).toBe('warning');
  });
});
