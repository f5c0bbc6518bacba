import type { HttpExchange } from '../../lib/http/client.ts';
import { readCustomerDetail } from '../customer-detail.ts';
import { defineCheck } from '../define.ts';

/** A 200 answer is a CustomerDetail: root, member names, namespaces, order and types (XML or JSON). */
export const customerDetailConformance = defineCheck<HttpExchange>({
  name: 'customer_detail_conformance',
  description: 'a 200 answer is a documented CustomerDetail (root, names, namespaces, order, types, casing)',
  clauses: [
    'put-customer/response/customer-detail-root',
    'put-customer/response/member-names',
    'put-customer/response/member-namespaces',
    'put-customer/response/member-order',
    'put-customer/response/member-types',
    'put-customer/response/json-pascal-case',
  ],
  run: (exchange) => readCustomerDetail(exchange).findings,
});
