import type { CustomerCase } from '../../generators/customer-case.ts';
import type { HttpExchange } from '../../lib/http/client.ts';
import { readCustomerDetail } from '../customer-detail.ts';
import { defineCheck } from '../define.ts';
import { type Finding, excerpt, fail, pass } from '../finding.ts';
import { INPUT_CLAUSES } from './input-clauses.ts';

/**
 * A request the contract allows is accepted: 2xx (the case's clause), exactly 200
 * (`response/status-200`), and when the body carried another CustomerKey, the path key wins.
 */
export const positiveDataAcceptance = defineCheck<{ exchange: HttpExchange; case: CustomerCase; pathKey: number }>({
  name: 'positive_data_acceptance',
  description: 'a request the contract allows is accepted with 200 (and the path key wins over the body)',
  clauses: INPUT_CLAUSES,
  run({ exchange, case: c, pathKey }) {
    if (exchange.status < 200 || exchange.status >= 300) {
      return [fail(c.clause, 'rejected-valid', `${c.description}: accepted (200)`, `${exchange.status}: ${excerpt(exchange.text, 240)}`)];
    }
    const findings: Finding[] = [exchange.status === 200 ? pass('put-customer/response/status-200') : fail('put-customer/response/status-200', 'wrong-behaviour', '200 OK', String(exchange.status))];
    const detail = c.bodyKeyDiffers ? readCustomerDetail(exchange).detail : undefined;
    if (c.bodyKeyDiffers && detail) {
      const key = detail.CustomerKey;
      findings.push(key === pathKey ? pass(c.clause) : fail(c.clause, 'wrong-behaviour', `CustomerKey ${pathKey} (the path wins over the body)`, `CustomerKey ${JSON.stringify(key)}`));
    } else if (!c.bodyKeyDiffers || !detail) {
      findings.push(pass(c.clause));
    }
    return findings;
  },
});
