/**
 * Checks of MarkCustomerAsSynchronized answers: the success shape and values of the seed's
 * example (docs/INTERPRETING.md §soap-success) and the documented fault (§fault).
 */
import {
  FAULT_INVALID_CUSTOMER_INTERNAL_ID,
  isLanguageTag,
  NS,
  OPERATION_NAME,
  SUCCESS,
  soapTypeSpec,
} from '../contract/mark-customer-as-synchronized.ts';
import type { SoapCase } from '../generators/soap-case.ts';
import type { HttpExchange } from '../lib/http/client.ts';
import { parseInt32 } from '../lib/values.ts';
import { XML_NS, type XmlElement, attr, child, parseAnswerXml } from '../lib/xml/parse.ts';
import { type Finding, excerpt, fail, judge, pass } from './finding.ts';
import { mediaTypeOf } from './http.ts';


export interface SoapFault {
  readonly codeNs: string | undefined;
  readonly codeLocal: string;
  readonly faultString: string;
  readonly lang: string | undefined;
}

export interface SoapRead {
  readonly envelope?: XmlElement;
  readonly body?: XmlElement;
  readonly fault?: SoapFault;
  readonly result?: XmlElement;
}

export function readSoap(text: string): SoapRead {
  let envelope: XmlElement;
  try {
    envelope = parseAnswerXml(text);
  } catch {
    return {};
  }
  if (envelope.local !== 'Envelope' || envelope.ns !== NS.soapEnv) return { envelope };
  const body = child(envelope, NS.soapEnv, 'Body');
  if (!body) return { envelope };
  const faultEl = child(body, NS.soapEnv, 'Fault');
  if (faultEl) {
    const code = child(faultEl, '', 'faultcode') ?? child(faultEl, NS.soapEnv, 'faultcode');
    const str = child(faultEl, '', 'faultstring') ?? child(faultEl, NS.soapEnv, 'faultstring');
    const text = code?.text.trim() ?? '';
    const [prefix, local] = text.includes(':') ? (text.split(':', 2) as [string, string]) : ['', text];
    return { envelope, body, fault: { codeNs: code?.scope.get(prefix), codeLocal: local, faultString: str?.text ?? '', lang: str ? attr(str, XML_NS, 'lang') : undefined } };
  }
  const response = child(body, NS.service, `${OPERATION_NAME}Response`);
  const result = response && child(response, NS.service, `${OPERATION_NAME}Result`);
  return { envelope, body, ...(result ? { result } : {}) };
}

const isSoapContentType = (exchange: HttpExchange) => mediaTypeOf(exchange.contentType) === 'text/xml';

/** A request the docs allow: success shape and values. */
export function checkSoapSuccess(exchange: HttpExchange, c: SoapCase, expectedInternalId: string): Finding[] {
  const read = readSoap(exchange.text);
  const findings: Finding[] = [];
  const success = exchange.status >= 200 && exchange.status < 300 && read.result !== undefined;
  findings.push(success ? pass(c.clause) : fail(c.clause, 'rejected-valid', `${c.description}: a successful CustomerResponse`, `${exchange.status}: ${read.fault ? `fault ${read.fault.codeLocal}: ${read.fault.faultString}` : excerpt(exchange.text, 200)}`));
  findings.push(exchange.status === 200 ? pass('mark-customer-as-synchronized/response/status-200') : fail('mark-customer-as-synchronized/response/status-200', 'wrong-behaviour', 'HTTP 200', String(exchange.status)));
  findings.push(isSoapContentType(exchange) ? pass('mark-customer-as-synchronized/response/content-type') : fail('mark-customer-as-synchronized/response/content-type', 'wrong-shape', 'Content-Type text/xml', exchange.contentType || '(none)'));
  const envelopeOk = read.body !== undefined;
  findings.push(envelopeOk ? pass('mark-customer-as-synchronized/response/envelope') : fail('mark-customer-as-synchronized/response/envelope', 'wrong-shape', 'a SOAP 1.1 Envelope with a Body', excerpt(exchange.text, 200)));
  if (!envelopeOk || read.fault) return findings;
  findings.push(read.result ? pass('mark-customer-as-synchronized/response/wrapper-elements') : fail('mark-customer-as-synchronized/response/wrapper-elements', 'wrong-shape', `{${NS.service}}${OPERATION_NAME}Response/${OPERATION_NAME}Result`, `Body holds ${read.body!.children.map((e) => `{${e.ns}}${e.local}`).join(', ') || 'nothing'}`));
  if (!read.result) return findings;

  const members = soapTypeSpec('CustomerResponse').members;
  const order: string[] = [];
  let last = -1;
  for (const el of read.result.children) {
    const i = members.findIndex((m) => m.name === el.local);
    if (i < 0 || el.ns !== NS.service) order.push(`unexpected <{${el.ns}}${el.local}>`);
    else if (i <= last) order.push(`<${el.local}> comes after <${members[last]!.name}>`);
    last = Math.max(last, i);
  }
  findings.push(judge('mark-customer-as-synchronized/response/member-order', 'wrong-shape', 'CustomerId, CustomerInternalId, Status, StatusCode, Error, ErrorCode in the service namespace, in that order', order));
  const value = (name: string) => child(read.result!, NS.service, name)?.text;
  const types: string[] = [];
  const ints = members.filter((m) => m.kind === 'scalar' && m.type === 'int').map((m) => m.name);
  for (const name of ints) if (value(name) === undefined || parseInt32(value(name)!) === undefined) types.push(`${name} = ${JSON.stringify(value(name) ?? null)} is not an int`);
  findings.push(judge('mark-customer-as-synchronized/response/member-types', 'wrong-shape', `${ints.join(' and ')} present, ints`, types));
  const values: string[] = [];
  if (value('Status') !== SUCCESS.Status) values.push(`Status ${JSON.stringify(value('Status') ?? null)}`);
  if (parseInt32(value('StatusCode') ?? '') !== SUCCESS.StatusCode) values.push(`StatusCode ${JSON.stringify(value('StatusCode') ?? null)}`);
  if (parseInt32(value('ErrorCode') ?? '') !== SUCCESS.ErrorCode) values.push(`ErrorCode ${JSON.stringify(value('ErrorCode') ?? null)}`);
  findings.push(judge('mark-customer-as-synchronized/response/success-values', 'wrong-behaviour', `Status ${SUCCESS.Status}, StatusCode ${SUCCESS.StatusCode}, ErrorCode ${SUCCESS.ErrorCode}`, values));
  const error = value('Error');
  findings.push(error === undefined || error.trim() === '' ? pass('mark-customer-as-synchronized/response/error-empty-on-success') : fail('mark-customer-as-synchronized/response/error-empty-on-success', 'wrong-behaviour', 'Error empty or absent', JSON.stringify(error)));
  const internalId = value('CustomerInternalId');
  findings.push(internalId?.trim().toLowerCase() === expectedInternalId.trim().toLowerCase() ? pass('mark-customer-as-synchronized/response/customer-internal-id-echo') : fail('mark-customer-as-synchronized/response/customer-internal-id-echo', 'wrong-behaviour', 'CustomerInternalId = the id marked', JSON.stringify(internalId ?? null)));
  const customerId = value('CustomerId');
  findings.push(customerId && customerId.trim() !== '' ? pass('mark-customer-as-synchronized/response/customer-id') : fail('mark-customer-as-synchronized/response/customer-id', 'wrong-behaviour', "CustomerId: the customer's non-empty merchant id", JSON.stringify(customerId ?? null)));
  return findings;
}

/** A request that must get a fault: never Success; for documented faults, the documented code and string. */
export function checkSoapFault(exchange: HttpExchange, c: SoapCase): Finding[] {
  const read = readSoap(exchange.text);
  if (!read.fault) {
    const kind = read.result ? 'accepted-invalid' : 'wrong-behaviour';
    return [fail(c.clause, kind, `${c.description}: a SOAP fault`, `${exchange.status}: ${read.result ? 'a successful CustomerResponse' : excerpt(exchange.text, 200)}`)];
  }
  const f = read.fault;
  const findings: Finding[] = [];
  if (c.documentedFault) {
    const d = FAULT_INVALID_CUSTOMER_INTERNAL_ID;
    const codeOk = f.codeNs === d.codeNamespace && f.codeLocal === d.codeLocalName;
    findings.push(codeOk ? pass(c.clause) : fail(c.clause, 'wrong-behaviour', `${c.description}: faultcode {${d.codeNamespace}}${d.codeLocalName}`, `faultcode {${f.codeNs ?? '?'}}${f.codeLocal}`));
    findings.push(f.faultString === d.faultString ? pass('mark-customer-as-synchronized/fault/fault-string') : fail('mark-customer-as-synchronized/fault/fault-string', 'wrong-behaviour', `faultstring "${d.faultString}"`, JSON.stringify(f.faultString)));
    findings.push(f.lang !== undefined && isLanguageTag(f.lang) ? pass('mark-customer-as-synchronized/fault/fault-string-lang') : fail('mark-customer-as-synchronized/fault/fault-string-lang', 'wrong-shape', `xml:lang with a well-formed BCP 47 language tag (the host culture, e.g. "${d.lang}")`, f.lang === undefined ? 'no xml:lang' : `xml:lang="${f.lang}"`));
  } else {
    findings.push(pass(c.clause));
  }
  findings.push(exchange.status === 500 ? pass('mark-customer-as-synchronized/fault/http-500') : fail('mark-customer-as-synchronized/fault/http-500', 'wrong-behaviour', 'a fault answered with HTTP 500', String(exchange.status)));
  findings.push(isSoapContentType(exchange) ? pass('mark-customer-as-synchronized/response/content-type') : fail('mark-customer-as-synchronized/response/content-type', 'wrong-shape', 'Content-Type text/xml', exchange.contentType || '(none)'));
  return findings;
}
