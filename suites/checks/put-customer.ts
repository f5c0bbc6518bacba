/**
 * Judging one PutCustomer exchange: positive_data_acceptance (a case the contract allows gets 200
 * and a conforming, echoing CustomerDetail) and negative_data_rejection (a case breaking one
 * clause is refused; see rejection.ts).
 */
import type { CustomerCase } from '../../generators/mutations.ts';
import type { HttpExchange } from '../../lib/http/client.ts';
import { checkEcho, readCustomerDetail } from './customer-detail.ts';
import { type Finding, excerpt, fail, pass } from './finding.ts';
import { contentTypeMatchesBody } from './http.ts';
import { checkRejection } from './rejection.ts';

export function judgeAccepted(exchange: HttpExchange, c: CustomerCase, pathKey: number): Finding[] {
  const findings: Finding[] = [contentTypeMatchesBody(exchange)];
  const ok2xx = exchange.status >= 200 && exchange.status < 300;
  if (!ok2xx) {
    findings.push(fail(c.clause, 'rejected-valid', `${c.description}: accepted (200)`, `${exchange.status}: ${excerpt(exchange.text, 240)}`));
    return findings;
  }
  findings.push(exchange.status === 200 ? pass('put-customer/response/status-200') : fail('put-customer/response/status-200', 'wrong-behaviour', '200 OK', String(exchange.status)));
  const read = readCustomerDetail(exchange);
  findings.push(...read.findings);
  if (!read.detail) {
    if (!c.bodyKeyDiffers) findings.push(pass(c.clause));
    return findings;
  }
  findings.push(...checkEcho(c.value, read.detail, pathKey));
  if (c.bodyKeyDiffers) {
    const key = read.detail.CustomerKey;
    findings.push(key === pathKey ? pass(c.clause) : fail(c.clause, 'wrong-behaviour', `CustomerKey ${pathKey} (the path wins over the body)`, `CustomerKey ${JSON.stringify(key)}`));
  } else {
    findings.push(pass(c.clause));
  }
  return findings;
}

export function judgeRejected(exchange: HttpExchange, c: CustomerCase): Finding[] {
  return [...checkRejection(exchange, c), contentTypeMatchesBody(exchange)];
}

export function judgeCase(exchange: HttpExchange, c: CustomerCase, pathKey: number): Finding[] {
  return c.expect === 'accepted' ? judgeAccepted(exchange, c, pathKey) : judgeRejected(exchange, c);
}
