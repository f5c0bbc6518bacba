/**
 * Example bodies, generated from the contract and written by the project's own serializers
 * (generators/serialize.ts, contract/soap-envelope.ts): valid and invalid PutCustomer requests in XML
 * and JSON, a CustomerDetail and an ErrorResponse, and MarkCustomerAsSynchronized envelopes
 * (requests, the success response, the documented fault). The invalid requests are cases of the
 * boundary catalogue, each labelled with the clause it breaks. `npm run contract:export` writes
 * them to contract/examples/ with an index (README.md); a test fails when they drift.
 */
import {
  FAULT_INVALID_CUSTOMER_INTERNAL_ID,
  SOAP11_CONTENT_TYPE,
  SOAP_ACTION,
  SUCCESS,
} from '../contract/mark-customer-as-synchronized.ts';
import { CUSTOMER_DETAIL_SOURCES, MEDIA_TYPES, ROUTE, TYPES, typeSpec } from '../contract/put-customer.ts';
import type { ClauseId } from '../contract/types.ts';
import { baselineCustomer, baselineOf } from '../generators/baseline.ts';
import { boundaryCases } from '../generators/boundary-cases.ts';
import { type BodyFormat, customerBody } from '../generators/serialize.ts';
import type { SoapTarget } from '../generators/soap-case.ts';
import { credentialVariants, soapRequestWith } from '../generators/valid-soap-request.ts';
import { soapViolationCatalogue } from '../generators/violating-soap-request.ts';
import { writeServiceStackJson } from '../lib/json/servicestack-json.ts';
import { buildFault, buildMarkRequest, buildMarkResponse } from '../contract/soap-envelope.ts';
import type { ValueObject } from '../lib/values.ts';
import { writeDataContractXml } from '../lib/xml/datacontract.ts';
import { jsonSchemaCarries } from './json-schema.ts';

export const EXAMPLES_DIR = 'contract/examples';

export type ExampleApi = 'put-customer' | 'mark-customer-as-synchronized';

export interface Example {
  /** Path under contract/examples/. */
  readonly path: string;
  readonly api: ExampleApi;
  readonly kind: 'request' | 'response';
  readonly format: BodyFormat;
  readonly contentType: string;
  /** What the body is. */
  readonly title: string;
  /** For requests: what the contract says must happen to it. */
  readonly expect?: 'accepted' | 'rejected' | 'success' | 'fault';
  /** The clause an invalid request breaks. */
  readonly clause?: ClauseId;
  /** The body, as the serializer wrote it (JSON re-indented). */
  readonly body: string;
}

/** The path key, merchant key and timestamps the response examples show. */
export const EXAMPLE_CUSTOMER_KEY = 42;
const EXAMPLE_MERCHANT_KEY = 1001;
const EXAMPLE_CREATED = new Date(Date.UTC(2024, 4, 1, 10, 20, 30));
const EXAMPLE_UPDATED = new Date(Date.UTC(2024, 4, 2, 8, 15, 0));

/** Placeholders for the SOAP examples (SecurityId is a secret: never a real one here). */
export const EXAMPLE_SOAP_TARGET: SoapTarget = {
  securityId: '11111111-2222-4333-8444-555555555555',
  customerInternalId: 'aaaaaaaa-61b1-4457-a4d1-bbbbbbbbbbbb',
};

/** The invalid PutCustomer requests shown: a case of the boundary catalogue each, by clause and description. */
const INVALID_REQUESTS: readonly { readonly slug: string; readonly clause: ClauseId; readonly description: RegExp }[] = [
  { slug: 'customer-name-101-characters', clause: 'put-customer/customer-name/max-length', description: /^CustomerName of 101 characters$/ },
  { slug: 'customer-name-101-characters-leading-space', clause: 'put-customer/customer-name/max-length', description: /^CustomerName of 101 characters with a leading space$/ },
  { slug: 'customer-name-101-utf-16-units-astral', clause: 'put-customer/length-unit/utf-16', description: /^CustomerName of 101 UTF-16 units/ },
  { slug: 'customer-name-absent', clause: 'put-customer/customer-name/required', description: /^CustomerName absent$/ },
  { slug: 'customer-name-whitespace-only', clause: 'put-customer/customer-name/not-empty', description: /^CustomerName whitespace-only/ },
  { slug: 'activation-status-unknown', clause: 'put-customer/activation-status/allowed-values', description: /^ActivationStatus / },
  { slug: 'activation-status-wrong-case', clause: 'put-customer/activation-status/exact-case', description: /^ActivationStatus / },
  { slug: 'neither-address', clause: 'put-customer/either-address', description: /\(absent\)$/ },
  { slug: 'state-or-province-code-unknown', clause: 'put-customer/address/state-or-province-code/allowed-values', description: /^BillingAddress\.StateOrProvinceCode "AM"$/ },
  { slug: 'country-code-alpha-2', clause: 'put-customer/address/country-code/allowed-values', description: /^BillingAddress\.CountryCode "US"$/ },
  { slug: 'default-contact-email-address-101-characters', clause: 'put-customer/contact/email-address/max-length', description: /^DefaultContact\.EmailAddress of 101 characters$/ },
  { slug: 'default-contact-absent', clause: 'put-customer/default-contact/required', description: /^DefaultContact absent$/ },
];

const pretty = (json: string): string => JSON.stringify(JSON.parse(json), null, 2);

function customerRequest(path: string, title: string, value: ValueObject, format: BodyFormat, expect: 'accepted' | 'rejected', clause?: ClauseId): Example {
  const { contentType, body } = customerBody(value, format, { xml: { pretty: true } });
  return { path, api: 'put-customer', kind: 'request', format, contentType, title, expect, ...(clause ? { clause } : {}), body: format === 'json' ? pretty(body) : body };
}

/** A minimal valid customer: the required members and one address (the either-address rule). */
export function minimalCustomer(): ValueObject {
  return { ...baselineOf('PutCustomer', { full: false }), ShippingAddress: baselineOf('Address', { full: false }) };
}

/** The CustomerDetail a faithful gateway answers to `request` at the example key, from the contract's detail sources. */
export function exampleCustomerDetail(request: ValueObject): ValueObject {
  const detail: ValueObject = {};
  for (const m of typeSpec('CustomerDetail').members) {
    const source = CUSTOMER_DETAIL_SOURCES[m.name];
    if (!source) throw new Error(`no detail source for CustomerDetail.${m.name}`);
    const v =
      source.kind === 'echo' ? request[source.requestMember]
      : source.kind === 'path-key' ? EXAMPLE_CUSTOMER_KEY
      : source.kind === 'merchant-key' ? EXAMPLE_MERCHANT_KEY
      : source.kind === 'creation-timestamp' ? EXAMPLE_CREATED
      : EXAMPLE_UPDATED;
    detail[m.name] = v ?? null;
  }
  return detail;
}

/** The ErrorResponse a FluentValidation gateway answers to the first invalid example (CustomerName too long). */
export function exampleErrorResponse(): ValueObject {
  const member = typeSpec('PutCustomer').members.find((m) => m.name === 'CustomerName');
  const max = member?.kind === 'scalar' ? member.maxLength : undefined;
  if (max === undefined) throw new Error('CustomerName has no maximum length');
  const message = `The length of 'Customer Name' must be ${max} characters or fewer. You entered ${max + 1} characters.`;
  return {
    ResponseStatus: {
      ErrorCode: 'MaximumLength',
      Message: message,
      Errors: [{ ErrorCode: 'MaximumLength', FieldName: 'CustomerName', Message: message }],
    },
  };
}

const responseBody = (typeName: string, value: ValueObject, format: BodyFormat): string =>
  format === 'json' ? pretty(writeServiceStackJson(TYPES, typeName, value)) : writeDataContractXml(TYPES, typeName, value, { pretty: true });

function putCustomerExamples(): Example[] {
  const out: Example[] = [];
  const formats: readonly BodyFormat[] = ['json', 'xml'];
  for (const format of formats) {
    out.push(customerRequest(`put-customer/request/valid/full.${format}`, 'every member, both addresses (the baseline customer)', baselineCustomer(), format, 'accepted'));
    out.push(customerRequest(`put-customer/request/valid/minimal.${format}`, 'only the required members and a shipping address', minimalCustomer(), format, 'accepted'));
  }
  const catalogue = boundaryCases().filter((c) => c.expect === 'rejected' && c.pathKey === undefined);
  for (const pick of INVALID_REQUESTS) {
    const found = catalogue.find((c) => c.clause === pick.clause && pick.description.test(c.description));
    if (!found) throw new Error(`examples: no rejected boundary case of ${pick.clause} matching ${pick.description}`);
    for (const format of formats) {
      out.push(customerRequest(`put-customer/request/invalid/${pick.slug}.${format}`, found.description, found.value, format, 'rejected', found.clause));
    }
  }
  for (const format of formats) {
    const contentType = MEDIA_TYPES[format][0];
    out.push({
      path: `put-customer/response/200-customer-detail.${format}`, api: 'put-customer', kind: 'response', format, contentType,
      title: `200 OK: the CustomerDetail answering request/valid/full at key ${EXAMPLE_CUSTOMER_KEY}`,
      body: responseBody('CustomerDetail', exampleCustomerDetail(baselineCustomer()), format),
    });
    out.push({
      path: `put-customer/response/400-error-response.${format}`, api: 'put-customer', kind: 'response', format, contentType,
      title: '400 Bad Request: the ErrorResponse answering request/invalid/customer-name-101-characters',
      body: responseBody('ErrorResponse', exampleErrorResponse(), format),
    });
  }
  return out;
}

const soapSlug = (description: string): string =>
  description.replace(/^(an?|the) /, '').split(' ').slice(0, 2).join('-').toLowerCase().replace(/[^a-z0-9-]/g, '');

function markExamples(): Example[] {
  const base = { api: 'mark-customer-as-synchronized' as const, format: 'xml' as const, contentType: `${SOAP11_CONTENT_TYPE}; charset=utf-8` };
  const out: Example[] = [];
  for (const credentials of credentialVariants(EXAMPLE_SOAP_TARGET)) {
    const c = soapRequestWith(EXAMPLE_SOAP_TARGET, credentials, 'quoted');
    out.push({ ...base, path: `mark-customer-as-synchronized/request/valid/${credentials}-user-id-and-password.xml`, kind: 'request', title: c.description, expect: 'success', clause: c.clause, body: buildMarkRequest(c.value, { pretty: true }) });
  }
  // The oversized id is left out: 16 KiB of one character says nothing a reader needs to see.
  for (const c of soapViolationCatalogue(EXAMPLE_SOAP_TARGET).filter((c) => (c.value.customerInternalId ?? '').length <= 100)) {
    out.push({ ...base, path: `mark-customer-as-synchronized/request/invalid/${soapSlug(c.description)}.xml`, kind: 'request', title: c.description, expect: 'fault', clause: c.clause, body: buildMarkRequest(c.value, { pretty: true }) });
  }
  const result = { CustomerId: 'CUST-001', CustomerInternalId: EXAMPLE_SOAP_TARGET.customerInternalId, Status: SUCCESS.Status, StatusCode: SUCCESS.StatusCode, Error: '', ErrorCode: SUCCESS.ErrorCode };
  out.push({ ...base, path: 'mark-customer-as-synchronized/response/200-success.xml', kind: 'response', title: '200 OK: Status Success, StatusCode 1, ErrorCode 0', body: buildMarkResponse(result, { pretty: true }) });
  out.push({
    ...base, path: 'mark-customer-as-synchronized/response/500-fault-invalid-customer-internal-id.xml', kind: 'response',
    title: `500: the documented fault ${FAULT_INVALID_CUSTOMER_INTERNAL_ID.codeLocalName}`, body: buildFault(FAULT_INVALID_CUSTOMER_INTERNAL_ID, { pretty: true }),
  });
  return out;
}

let cached: readonly Example[] | undefined;

/** Every example, PutCustomer first (computed once: the OpenAPI description embeds some). */
export function examples(): readonly Example[] {
  if (cached) return cached;
  const all = [...putCustomerExamples(), ...markExamples()];
  const paths = new Set(all.map((e) => e.path));
  if (paths.size !== all.length) throw new Error('examples: two examples share a path');
  cached = all;
  return all;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function schemaVerdict(e: Example): string {
  if (e.api !== 'put-customer') return '';
  if (e.kind === 'response') return `valid (${e.path.includes('customer-detail') ? 'CustomerDetail' : 'ErrorResponse'}.schema.json)`;
  if (e.expect === 'accepted') return 'valid';
  const verdict = jsonSchemaCarries(e.clause!);
  return verdict.carried ? `invalid: ${verdict.by}` : `**valid**: ${verdict.why}`;
}

/** One row per example, its formats side by side. */
function rows(list: readonly Example[], withSchema: boolean): string[] {
  const groups = new Map<string, Example[]>();
  for (const e of list) {
    const key = e.path.replace(/\.(json|xml)$/, '');
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.entries()].map(([key, group]) => {
    const e = group[0]!;
    const files = group.map((x) => `[${x.format.toUpperCase()}](${x.path})`).join(' · ');
    const cells = [`\`${key}\` ${files}`, e.title, e.expect ?? '', e.clause ? `\`${e.clause}\`` : '', ...(withSchema ? [schemaVerdict(e)] : [])];
    return `| ${cells.map(cell).join(' | ')} |`;
  });
}

function readme(all: readonly Example[]): string {
  const put = all.filter((e) => e.api === 'put-customer');
  const mark = all.filter((e) => e.api === 'mark-customer-as-synchronized');
  return [
    '# Example bodies',
    '',
    'Generated from the contract data by `npm run contract:export` (export/examples.ts); do not edit.',
    'Each body is written by the project\'s own serializers (`generators/serialize.ts`, `contract/soap-envelope.ts`) as the suite sends',
    'it, indented here for reading. The invalid requests are cases of the boundary catalogue (`boundaryCases()`), each labelled',
    'with the clause it breaks. `test/export/json-schema.test.ts` validates the PutCustomer bodies against the JSON Schemas and the XSDs.',
    '',
    '## PutCustomer',
    '',
    `\`${ROUTE.method} {SYNTCH_BASE_URL}${ROUTE.path}\` with \`Authorization\` and \`Content-Type: ${MEDIA_TYPES.json[0]}\` or \`${MEDIA_TYPES.xml[0]}\`.`,
    'The last column says what `contract/json-schema/PutCustomer.schema.json` makes of the JSON body, and why when it cannot tell',
    '(the XSDs in `contract/xsd/` carry required members, maximum lengths and the ActivationStatus names, not the code lists or the either-address rule).',
    '',
    '| example | what | expected | clause | JSON Schema |',
    '| --- | --- | --- | --- | --- |',
    ...rows(put, true),
    '',
    '## MarkCustomerAsSynchronized',
    '',
    `\`POST {EBIZ_SOAP_URL}\` with \`Content-Type: ${SOAP11_CONTENT_TYPE}; charset=utf-8\` and \`SOAPAction: "${SOAP_ACTION}"\`.`,
    `The SecurityId \`${EXAMPLE_SOAP_TARGET.securityId}\` and customerInternalId \`${EXAMPLE_SOAP_TARGET.customerInternalId}\` are placeholders: use your sandbox's.`,
    '',
    '| example | what | expected | clause |',
    '| --- | --- | --- | --- |',
    ...rows(mark, false),
    '',
  ].join('\n');
}

/** The example files, by path relative to the repository root. */
export function generateExamples(): Record<string, string> {
  const all = examples();
  const files: Record<string, string> = {};
  for (const e of all) files[`${EXAMPLES_DIR}/${e.path}`] = `${e.body}\n`;
  files[`${EXAMPLES_DIR}/README.md`] = readme(all);
  return files;
}
