/**
 * Dialects: legitimate variants of the reference gateway — freedoms that docs/INTERPRETING.md
 * (§freedoms) says a correct implementation has. The suite must accept every one of them
 * (exit 0); `npm run self-check` and `npm test` show that it does.
 */
import { definedInTable } from '../lib/source-location.ts';
import type { ClauseId } from '../contract/index.ts';
import { NS as SOAP_NS } from '../contract/mark-customer-as-synchronized.ts';
import type { FaultHooks } from './faults/hooks.ts';

export interface Dialect {
  readonly name: string;
  readonly description: string;
  /** The clauses whose judgement this freedom exercises: the suite must still pass them. */
  readonly touches: readonly ClauseId[];
  readonly hooks: FaultHooks;
}

const S = SOAP_NS.service;
const RESULT_MEMBERS = /<(\/?)(MarkCustomerAsSynchronizedResponse|MarkCustomerAsSynchronizedResult|CustomerId|CustomerInternalId|Status|StatusCode|Error|ErrorCode)\b/g;

export const DIALECTS: readonly Dialect[] = definedInTable<Dialect>(import.meta.url, 'name', [
  { name: 'xml-declaration', description: 'XML answers start with an XML declaration', touches: ['put-customer/response/customer-detail-root', 'mark-customer-as-synchronized/response/envelope'], hooks: { xmlWriteOptions: { declaration: true }, soapXml: (x) => `<?xml version="1.0" encoding="utf-8"?>${x}` } },
  { name: 'other-prefixes', description: 'nested namespaces bound to prefixes a, b, … and XMLSchema-instance to xsi', touches: ['put-customer/response/member-names', 'put-customer/response/member-namespaces'], hooks: { xmlWriteOptions: { prefixFor: (d) => String.fromCharCode(96 + d), xsiPrefix: 'xsi' } } },
  { name: 'nil-omitted', description: 'members without a value are left out instead of i:nil (EmitDefaultValue=false)', touches: ['put-customer/response/omitted-members-nil-or-absent'], hooks: { xmlWriteOptions: { nulls: 'omit' } } },
  { name: 'pretty-xml', description: 'XML answers indented', touches: ['put-customer/response/customer-detail-root', 'put-customer/response/echo'], hooks: { xmlWriteOptions: { pretty: true } } },
  { name: 'utc-timestamps', description: 'DateTime written with the UTC kind: …Z', touches: ['put-customer/response/member-types', 'put-customer/replace/last-update-timestamp-advances'], hooks: { xmlWriteOptions: { dateTimeKind: 'utc' } } },
  { name: 'seven-fraction-digits', description: 'DateTime with all seven fraction digits', touches: ['put-customer/response/member-types', 'put-customer/replace/last-update-timestamp-advances'], hooks: { xmlAnswer: (x) => x.replace(/(<(?:CreationTimestamp|LastUpdateTimestamp)>[^<.]*?)(?:\.(\d+))?(<)/g, (_m, head: string, frac: string | undefined, tail: string) => `${head}.${(frac ?? '').padEnd(7, '0')}${tail}`) } },
  { name: 'json-iso-dates', description: 'JSON dates in ISO 8601 (JsConfig.DateHandler = ISO8601)', touches: ['put-customer/response/member-types', 'put-customer/replace/creation-timestamp-stable'], hooks: { jsonAnswer: (j) => JSON.parse(JSON.stringify(j).replace(/"\/Date\((-?\d+)\)\/"/g, (_m, ms: string) => JSON.stringify(new Date(Number(ms)).toISOString()))) as Record<string, unknown> } },
  { name: 'json-explicit-nulls', description: 'JSON writes members without a value as null', touches: ['put-customer/response/omitted-members-nil-or-absent', 'put-customer/response/member-names'], hooks: { jsonAnswer: (j) => ({ CustomerID: null, ShippingAddress: null, ...j }) } },
  { name: 'length-error-code', description: 'length violations reported with ErrorCode Length instead of MaximumLength', touches: ['put-customer/errors/error-response-shape', 'put-customer/customer-name/max-length'], hooks: { validate: (_b, es) => es.map((e) => (e.errorCode === 'MaximumLength' ? { ...e, errorCode: 'Length' } : e)) } },
  { name: 'first-error-only', description: 'only the first validation error is reported', touches: ['put-customer/errors/field-name'], hooks: { validate: (_b, es) => es.slice(0, 1) } },
  { name: 'charsetless-content-types', description: 'Content-Type without charset; text/xml for XML', touches: ['put-customer/response/content-type-matches-body', 'mark-customer-as-synchronized/response/content-type'], hooks: { contentType: (f) => (f === 'xml' ? 'text/xml' : 'application/json'), soapContentType: 'text/xml' } },
  { name: 'bodies-on-401-403', description: 'an ErrorResponse body on 401 and 403', touches: ['put-customer/auth/unauthenticated-401', 'put-customer/auth/role-required-403', 'put-customer/response/content-type-matches-body'], hooks: { authErrorBodies: true } },
  { name: 'json-by-default', description: 'with no Accept header, answers in the host default, JSON', touches: ['put-customer/response/content-type-matches-body', 'put-customer/negotiation/accept-header'], hooks: { negotiateNoAccept: 'json' } },
  { name: 'extra-namespace-declarations', description: 'redundant namespace declarations on the root element', touches: ['put-customer/response/customer-detail-root', 'put-customer/response/member-namespaces'], hooks: { xmlWriteOptions: { extraNamespaces: { xsd: 'http://www.w3.org/2001/XMLSchema', ser: 'http://schemas.microsoft.com/2003/10/Serialization/' } } } },
  {
    name: 'prefixed-soap-response',
    description: 'SOAP answers with soap:/tns: prefixes declared on the Envelope (as the soap package writes them)',
    touches: ['mark-customer-as-synchronized/response/envelope', 'mark-customer-as-synchronized/response/wrapper-elements', 'mark-customer-as-synchronized/response/member-order', 'mark-customer-as-synchronized/fault/invalid-customer-internal-id'],
    hooks: {
      soapXml: (x) =>
        x
          .replace(`<s:Envelope xmlns:s="${SOAP_NS.soapEnv}">`, `<soap:Envelope xmlns:soap="${SOAP_NS.soapEnv}" xmlns:tns="${S}">`)
          .replace(/<(\/?)s:/g, '<$1soap:')
          .replace(/<faultcode>s:/g, '<faultcode>soap:')
          .replace(` xmlns="${S}"`, '')
          .replace(RESULT_MEMBERS, '<$1tns:$2'),
    },
  },
  { name: 'iis-request-filtering', description: 'bodies over 30,000,000 bytes refused as IIS request filtering does: 404.13 and an HTML page', touches: ['put-customer/hardening/oversized-body-refused', 'mark-customer-as-synchronized/hardening/oversized-body-refused'], hooks: { oversizedAnswer: 'iis-404.13' } },
  { name: 'oversized-connection-closed', description: 'a body over the limit: the connection is closed before it is read, unanswered', touches: ['put-customer/hardening/oversized-body-refused', 'mark-customer-as-synchronized/hardening/oversized-body-refused'], hooks: { oversizedAnswer: 'close' } },
  { name: 'soap-malformed-bare-400', description: 'a malformed envelope answered with a bare 400 (no body) instead of a Client fault (seen on a gateway built on Mono\'s XmlSerializer)', touches: ['mark-customer-as-synchronized/hardening/malformed-body-refused', 'mark-customer-as-synchronized/protocol/malformed-client-fault'], hooks: { soapBare400OnMalformed: true } },
  { name: 'soap-fault-lang-de-de', description: 'the faultstring\'s xml:lang is the host culture, de-DE (WCF under a German culture)', touches: ['mark-customer-as-synchronized/fault/fault-string-lang'], hooks: { soapFault: (f) => ({ ...f, lang: 'de-DE' }) } },
  { name: 'soap-error-omitted', description: 'a successful CustomerResponse leaves the empty Error out', touches: ['mark-customer-as-synchronized/response/error-empty-on-success', 'mark-customer-as-synchronized/response/member-order'], hooks: { soapResult: (r) => { const { Error: _e, ...rest } = r; return rest; } } },
]);

const BY_NAME = new Map(DIALECTS.map((d) => [d.name, d]));

export function dialect(name: string): Dialect {
  const d = BY_NAME.get(name);
  if (!d) throw new Error(`unknown dialect '${name}'; known: ${DIALECTS.map((x) => x.name).join(', ')}`);
  return d;
}
