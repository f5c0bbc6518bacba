/**
 * No 5xx, anywhere (Schemathesis' `not_a_server_error`; docs/INTERPRETING.md §server-errors): the
 * runner applies this check to every answer of every suite, whatever the clause under test, so a
 * suite needs no code for it. A 5xx says the gateway erred; the contract makes no request fail
 * that way — except SOAP 1.1 faults, which are documented as HTTP 500 (`fault/http-500`): a 500
 * whose body is a SOAP fault envelope is the API's way of refusing and is judged by the fault
 * checks, not here. 429 and 503 never reach a check (the client retries them, then it is a run
 * error).
 */
import type { ClauseId } from '../../contract/index.ts';
import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { excerpt, fail, pass } from '../finding.ts';
import { readSoap } from '../soap.ts';

export const NO_SERVER_ERROR: Readonly<Record<'rest' | 'soap', ClauseId>> = {
  rest: 'put-customer/errors/no-server-error',
  soap: 'mark-customer-as-synchronized/errors/no-server-error',
};

export const notAServerError = defineCheck<{ exchange: HttpExchange; api: 'rest' | 'soap' }>({
  name: 'not_a_server_error',
  description: 'no answer is a 5xx (a SOAP fault answered HTTP 500 excepted), whatever the request and the clause under test',
  clauses: [NO_SERVER_ERROR.rest, NO_SERVER_ERROR.soap],
  run({ exchange: e, api }) {
    const clause = NO_SERVER_ERROR[api];
    if (e.status < 500 || e.status > 599) return [pass(clause)];
    if (api === 'soap' && e.status === 500 && readSoap(e.text).fault) return [pass(clause)];
    const what = api === 'soap' && e.status === 500 ? 'HTTP 500 without a SOAP fault envelope' : `a ${e.status}`;
    return [fail(clause, 'wrong-behaviour', api === 'soap' ? 'no 5xx other than HTTP 500 with a SOAP fault' : 'no 5xx: a success or a 4xx refusal', `${what} (${e.contentType || 'no Content-Type'}): ${excerpt(e.text, 200)}`)];
  },
});
