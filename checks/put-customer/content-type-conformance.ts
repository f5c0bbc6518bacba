import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { contentTypeMatchesBody, errorFollowsNegotiation } from '../http.ts';

/**
 * Any PutCustomer answer with a body has a Content-Type naming that body's format; an error answer
 * is in the format the request asked for, as a success is (INTERPRETING.md §negotiation).
 */
export const contentTypeConformance = defineCheck<HttpExchange>({
  name: 'content_type_conformance',
  description: "an answer's Content-Type names the format of its body, and an error answer is in the format the request asked for",
  clauses: ['put-customer/response/content-type-matches-body', 'put-customer/negotiation/error-format'],
  run: (exchange) => [contentTypeMatchesBody(exchange), ...errorFollowsNegotiation(exchange)],
});
