import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { contentTypeMatchesBody } from '../http.ts';

/** Any PutCustomer answer with a body has a Content-Type naming that body's format. */
export const contentTypeConformance = defineCheck<HttpExchange>({
  name: 'content_type_conformance',
  description: "an answer's Content-Type names the format of its body",
  clauses: ['put-customer/response/content-type-matches-body'],
  run: (exchange) => [contentTypeMatchesBody(exchange)],
});
