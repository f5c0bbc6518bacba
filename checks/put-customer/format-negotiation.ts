import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { fail, pass } from '../finding.ts';
import { bodyFormat } from '../http.ts';

export type NegotiationClause = 'put-customer/negotiation/accept-header' | 'put-customer/negotiation/format-suffix' | 'put-customer/negotiation/format-query';

/** The documented ways to choose the response format (Accept, `.xml`/`.json`, `?format=`) are honoured. */
export const formatNegotiation = defineCheck<{ exchange: HttpExchange; clause: NegotiationClause; how: string; format: 'xml' | 'json' }>({
  name: 'format_negotiation',
  description: 'the Accept header, the .xml/.json suffix and ?format= each select the response format',
  clauses: ['put-customer/negotiation/accept-header', 'put-customer/negotiation/format-suffix', 'put-customer/negotiation/format-query'],
  run({ exchange: e, clause, how, format }) {
    const got = bodyFormat(e.text);
    return [e.status === 200 && got === format ? pass(clause) : fail(clause, 'wrong-behaviour', `${how}: a 200 ${format.toUpperCase()} answer`, `${e.status} ${got.toUpperCase()} (${e.contentType || 'no Content-Type'})`)];
  },
});
