/**
 * Checks of an answer to a request that breaks one clause (Schemathesis' negative_data_rejection):
 * refused with a 4xx — never a 2xx, never a 5xx — (the clause itself, MUST); with 400
 * (`errors/validation-400`), a ServiceStack ErrorResponse (`errors/error-response-shape`) naming
 * the member in error (`errors/field-name`), all SHOULD (docs/INTERPRETING.md §field-name).
 */
import { NS } from '../contract/put-customer.ts';
import type { CustomerCase } from '../generators/customer-case.ts';
import type { HttpExchange } from '../lib/http/client.ts';
import { isObject } from '../lib/values.ts';
import { child, parseAnswerXml } from '../lib/xml/parse.ts';
import { type Finding, excerpt, fail, pass } from './finding.ts';
import { bodyFormat } from './http.ts';

/** FieldNames of a ServiceStack ErrorResponse, or undefined when the body is not one. */
export function errorResponseFieldNames(text: string): string[] | undefined {
  const format = bodyFormat(text);
  try {
    if (format === 'json') {
      const j = JSON.parse(text) as unknown;
      const status = isObject(j) ? (j.ResponseStatus ?? j.responseStatus) : undefined;
      if (!isObject(status)) return undefined;
      const errors = status.Errors ?? status.errors;
      return Array.isArray(errors) ? errors.map((e) => (isObject(e) ? String(e.FieldName ?? e.fieldName ?? '') : '')).filter(Boolean) : [];
    }
    if (format === 'xml') {
      const root = parseAnswerXml(text);
      const status = child(root, NS.serviceStackTypes, 'ResponseStatus');
      if (!status) return undefined;
      const errors = child(status, NS.serviceStackTypes, 'Errors');
      return (errors?.children ?? []).map((e) => child(e, NS.serviceStackTypes, 'FieldName')?.text ?? '').filter(Boolean);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

export function checkRejection(exchange: HttpExchange, c: CustomerCase): Finding[] {
  const { status } = exchange;
  if (status >= 200 && status < 300) {
    return [fail(c.clause, 'accepted-invalid', `${c.description}: rejected with a 4xx`, `${status}: ${excerpt(exchange.text, 200)}`)];
  }
  if (status < 400 || status >= 500) {
    return [fail(c.clause, 'wrong-behaviour', `${c.description}: rejected with a 4xx`, `${status} (${status >= 500 ? 'a server error' : 'not a client error'}): ${excerpt(exchange.text, 200)}`)];
  }
  const findings: Finding[] = [pass(c.clause)];
  findings.push(status === 400 ? pass('put-customer/errors/validation-400') : fail('put-customer/errors/validation-400', 'wrong-behaviour', `${c.description}: 400 Bad Request`, String(status)));
  const names = errorResponseFieldNames(exchange.text);
  if (names === undefined) {
    findings.push(fail('put-customer/errors/error-response-shape', 'wrong-shape', 'an ErrorResponse with a ResponseStatus', excerpt(exchange.text, 200)));
    return findings;
  }
  findings.push(pass('put-customer/errors/error-response-shape'));
  const wanted = [c.fieldPath, ...(c.alsoAcceptedFieldNames ?? [])].filter((f): f is string => f !== undefined);
  if (wanted.length === 0) return findings;
  const ok = names.some((n) => wanted.includes(n)) || (names.length === 0 && c.mayLackFieldName === true);
  findings.push(ok ? pass('put-customer/errors/field-name') : fail('put-customer/errors/field-name', 'wrong-shape', `${c.description}: a ResponseError with FieldName ${wanted.join(' or ')}`, names.length ? `FieldNames ${names.join(', ')}` : 'no FieldName'));
  return findings;
}
