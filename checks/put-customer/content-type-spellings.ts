import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { fail, pass } from '../finding.ts';

export type SpellingClause = 'put-customer/negotiation/content-type-parameters' | 'put-customer/negotiation/content-type-case';

/**
 * A valid PutCustomer whose Content-Type is another spelling of its media type — with a charset
 * parameter (MUST), in another case (SHOULD) — is taken like the bare type (RFC 9110 §8.3.1;
 * docs/INTERPRETING.md §negotiation): a success, never 415 or 400.
 */
export const contentTypeSpellings = defineCheck<{ exchange: HttpExchange; clause: SpellingClause; contentType: string }>({
  name: 'content_type_spellings',
  description: 'a valid PutCustomer sent with Content-Type "…; charset=utf-8" or in another case is accepted like the bare media type',
  clauses: ['put-customer/negotiation/content-type-parameters', 'put-customer/negotiation/content-type-case'],
  run: ({ exchange: e, clause, contentType }) => [
    e.status >= 200 && e.status < 300
      ? pass(clause)
      : fail(clause, 'rejected-valid', `a valid PutCustomer with Content-Type: ${contentType} accepted like the bare media type`, `${e.status} ${e.contentType}`),
  ],
});
