import type { HttpExchange } from '../../lib/http/client.ts';
import { readCustomerDetail } from '../customer-detail.ts';
import { defineCheck } from '../define.ts';
import { timestampFindings } from './timestamps.ts';

/**
 * A 200 answer is a CustomerDetail: root, member names, namespaces, order and types (XML or JSON);
 * its timestamps agree with the gateway's own clock and with each other (./timestamps.ts).
 */
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
    'put-customer/response/last-update-near-date',
    'put-customer/response/creation-not-after-update',
  ],
  run: (exchange) => {
    const { findings, detail } = readCustomerDetail(exchange);
    return detail ? [...findings, ...timestampFindings(exchange, detail)] : findings;
  },
});
