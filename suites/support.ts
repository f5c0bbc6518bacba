/** What several suites share: judging one PutCustomer case by composing checks, and the JSON probe. */
import { readCustomerDetail } from '../checks/customer-detail.ts';
import { baselineCustomer } from '../generators/baseline.ts';
import type { CustomerCase } from '../generators/customer-case.ts';
import type { HttpExchange } from '../lib/http/client.ts';
import type { CheckedFinding, SuiteContext } from './context.ts';

/**
 * Every check that applies to the answer to one PutCustomer case: the Content-Type, then either
 * positive_data_acceptance with the CustomerDetail's shape and echo, or negative_data_rejection.
 */
export function judgeCustomerCase(ctx: SuiteContext, exchange: HttpExchange, c: CustomerCase): CheckedFinding[] {
  const pathKey = ctx.syntch.customerKey;
  const findings = ctx.judge('content_type_conformance', exchange);
  if (c.expect === 'rejected') return [...findings, ...ctx.judge('negative_data_rejection', { exchange, case: c })];
  findings.push(...ctx.judge('positive_data_acceptance', { exchange, case: c, pathKey }));
  if (exchange.status < 200 || exchange.status >= 300) return findings;
  findings.push(...ctx.judge('customer_detail_conformance', exchange));
  const { detail } = readCustomerDetail(exchange);
  if (detail) findings.push(...ctx.judge('response_echo', { sent: c.value, detail, pathKey }));
  return findings;
}

/** The checks judgeCustomerCase composes for a case that must be accepted. */
export const ACCEPTED_CASE_CHECKS = ['content_type_conformance', 'positive_data_acceptance', 'customer_detail_conformance', 'response_echo'] as const;

/** The checks judgeCustomerCase composes, for cases that must be accepted and cases that must be rejected. */
export const CUSTOMER_CASE_CHECKS = [...ACCEPTED_CASE_CHECKS, 'negative_data_rejection'] as const;

/**
 * Does the gateway take JSON bodies (`negotiation/json-body`, SHOULD)? Probed once with the
 * baseline customer; when it does not, JSON variants are left out so a SHOULD gap does not turn
 * into MUST failures.
 */
export async function probeJsonBody(ctx: SuiteContext): Promise<boolean> {
  const request = ctx.customerRequest({ value: baselineCustomer() }, { format: 'json' });
  const exchange = await ctx.send(request);
  const findings = [...ctx.judge('json_body_acceptance', exchange), ...ctx.judge('content_type_conformance', exchange)];
  ctx.record(findings, { request, exchange, counterexample: 'the baseline customer as JSON' });
  return exchange.status === 200 && exchange.text.trimStart().startsWith('{');
}
