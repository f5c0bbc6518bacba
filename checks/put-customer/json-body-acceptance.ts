import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { fail, pass } from '../finding.ts';

/** A JSON PutCustomer is accepted like its XML equivalent and answered in JSON (SHOULD). */
export const jsonBodyAcceptance = defineCheck<HttpExchange>({
  name: 'json_body_acceptance',
  description: 'a JSON PutCustomer is accepted and answered in JSON',
  clauses: ['put-customer/negotiation/json-body'],
  run: (e) => [
    e.status === 200 && e.text.trimStart().startsWith('{')
      ? pass('put-customer/negotiation/json-body')
      : fail('put-customer/negotiation/json-body', 'rejected-valid', 'a JSON PutCustomer accepted, answered in JSON', `${e.status} ${e.contentType}`),
  ],
});
