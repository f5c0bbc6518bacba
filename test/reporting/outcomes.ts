/**
 * Run outcomes built by hand for the report formats' tests: a configured gateway, every clause
 * passed but those the caller fails, warns or leaves not tested; failures carry a request (with
 * the raw Authorization and SecurityId: the report must mask them) and a response.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { ALL_CLAUSES } from '../../contract/index.ts';
import type { ClauseId } from '../../contract/index.ts';
import type { ReportableOutcome } from '../../reporting/model.ts';
import type { Failure, RecordedRequest, RecordedResponse } from '../../runner/recorder.ts';

/** What a hostile gateway writes into a MerchantKey, a message, a header. */
export const HOSTILE = `\x1b[2J\x1b]0;title\x07\x1b]52;c;aGVsbG8=\x07\nverdict: CONFORMANT (a certification run) — 99 passed, 0 failed\n::error title=x::y\r\n##[error]z\n##vso[task.setvariable variable=a]b\0\u0085\u009b2J`;

export const AUTHORIZATION = 'Bearer SECRET-merchant-7e1f';
export const SECURITY_ID = 'SECRET-security-id-5a2c';
export const SECRETS: [string, string][] = [
  [AUTHORIZATION, 'SYNTCH_AUTHORIZATION'],
  [SECURITY_ID, 'EBIZ_SECURITY_ID'],
];

type Config = NonNullable<ReportableOutcome['config']>;

export function config(over: { embedded?: boolean; strict?: boolean; runs?: number } = {}): Config {
  return {
    embedded: over.embedded ?? false,
    syntch: { baseUrl: 'https://sandbox.gateway.example/api/v1/very/long/path/to/the/syntch/gateway/service', authorization: AUTHORIZATION, customerKey: 1, missingCustomerKey: 2, authorizationNoRole: 'Bearer other-role-token' },
    ebiz: { soapUrl: 'https://sandbox.ebizcharge.example/soap/eBizService.svc', securityId: SECURITY_ID, customerInternalId: 'c-1' },
    notTested: {},
    run: { seed: 7, runs: over.runs ?? 100, concurrency: 2, timeoutMs: 1000, reportDir: 'reports', strict: over.strict ?? false },
  } as unknown as Config;
}

export const XML_REQUEST_BODY = `<PutCustomer xmlns="http://schemas.datacontract.org/2004/07/Syntch.BindingModels" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ActivationStatus>Active</ActivationStatus><BillingAddress xmlns:d2p1="http://schemas.datacontract.org/2004/07/Syntch.Common.DTO"><d2p1:City>Springfield</d2p1:City><d2p1:CountryCode>USA</d2p1:CountryCode><d2p1:PostalCode>12345</d2p1:PostalCode><d2p1:StateOrProvinceCode>NY</d2p1:StateOrProvinceCode><d2p1:StreetAddress1>1 Main Street</d2p1:StreetAddress1></BillingAddress><CustomerName>${'x'.repeat(101)}</CustomerName><DefaultContact/></PutCustomer>`;

export function putRequest(body = XML_REQUEST_BODY, key = '1'): RecordedRequest {
  return {
    method: 'PUT',
    url: `https://sandbox.gateway.example/api/v1/very/long/path/to/the/syntch/gateway/service/customers/${key}?format=xml&and=a-very-long-query-string-that-must-wrap-in-the-report-${'q'.repeat(80)}`,
    headers: { 'Content-Type': 'application/xml', Accept: 'application/xml', Authorization: AUTHORIZATION },
    body,
    bodyBytes: Buffer.byteLength(body),
    truncated: false,
  };
}

export function response(status: number, body: string, contentType = 'application/xml', extra: Partial<RecordedResponse> = {}): RecordedResponse {
  return { status, headers: { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) }, body, bodyBytes: Buffer.byteLength(body), truncated: false, ...extra };
}

export interface Outcome {
  exitCode?: 0 | 1 | 2;
  verdict?: ReportableOutcome['verdict'];
  failed?: Partial<Record<ClauseId, Omit<Failure, 'clause'>[]>>;
  warned?: Partial<Record<ClauseId, Omit<Failure, 'clause'>[]>>;
  notTested?: Partial<Record<ClauseId, string>>;
  config?: Config;
  errors?: string[];
  failureCount?: Partial<Record<ClauseId, number>>;
}

export function outcome(o: Outcome): ReportableOutcome {
  const clauses = ALL_CLAUSES.map((clause) => {
    const reason = o.notTested?.[clause.id] ?? clause.unobservable;
    if (reason !== undefined) return { clause, status: 'not-tested' as const, cases: 0, failures: [], reason };
    const failed = o.failed?.[clause.id];
    const warned = o.warned?.[clause.id];
    const failures = (failed ?? warned)?.map((f) => ({ ...f, clause: clause.id }));
    if (failures) return { clause, status: failed ? ('failed' as const) : ('warning' as const), cases: failures.length + 3, failures, failureCount: o.failureCount?.[clause.id] ?? failures.length };
    return { clause, status: 'passed' as const, cases: 3, failures: [] };
  });
  const exitCode = o.exitCode ?? (o.failed && Object.keys(o.failed).length ? 1 : 0);
  const c = o.config ?? config();
  return {
    exitCode,
    verdict: o.verdict ?? (exitCode === 0 ? 'conformant' : exitCode === 1 ? 'not conformant' : 'error'),
    clauses,
    errors: o.errors ?? [],
    config: c,
    target: { embedded: c.embedded, ...(c.embedded ? {} : { syntchBaseUrl: c.syntch!.baseUrl, ebizSoapUrl: c.ebiz!.soapUrl }) },
    startedAt: '2026-11-24T10:00:00.000Z',
    finishedAt: '2026-11-24T10:01:02.345Z',
  };
}

const ERROR_RESPONSE = `<ErrorResponse xmlns="http://schemas.servicestack.net/types"><ResponseStatus><ErrorCode>MaximumLength</ErrorCode><Message>The length of 'Customer Name' must be 100 characters or fewer.</Message><Errors><ResponseError><ErrorCode>MaximumLength</ErrorCode><FieldName>CustomerName</FieldName><Message>too long</Message></ResponseError></Errors></ResponseStatus></ErrorResponse>`;

/** A not-conformant run with failures of every shape the HTML must lay out. */
export function richOutcome(): ReportableOutcome {
  const big = `{"items":[${Array.from({ length: 5000 }, (_, i) => `{"n":${i},"text":"${'y'.repeat(10)}"}`).join(',')}]}`;
  return outcome({
    failed: {
      'put-customer/customer-name/max-length': [
        {
          kind: 'accepted-invalid',
          title: 'API accepted a request that breaks a documented rule',
          documented: 'a 4xx: CustomerName has at most 100 UTF-16 code units',
          received: 'HTTP 200 with a CustomerDetail',
          counterexample: 'a generated violation, shrunk after 12 step(s): CustomerName of 101 characters (put-customer/customer-name/max-length), XML: {"CustomerName":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}',
          curl: `curl -sS -i -X PUT 'https://sandbox.gateway.example/api/customers/1' \\\n  -H "Authorization: $SYNTCH_AUTHORIZATION"`,
          seed: 7,
          path: '0:1:1',
          check: 'negative_data_rejection',
          request: putRequest(),
          response: response(200, `<CustomerDetail xmlns="http://schemas.datacontract.org/2004/07/Syntch.BindingModels"><CustomerKey>1</CustomerKey><CustomerName>${'x'.repeat(101)}</CustomerName></CustomerDetail>`),
        },
        {
          kind: 'accepted-invalid',
          title: 'API accepted a request that breaks a documented rule',
          documented: 'a 4xx',
          received: 'HTTP 200',
          counterexample: 'CustomerName of 101 characters (JSON)',
          request: putRequest(JSON.stringify({ CustomerName: 'x'.repeat(101), ActivationStatus: 'Active', BillingAddress: { City: 'Springfield', CountryCode: 'USA' } })),
          response: response(200, JSON.stringify({ CustomerKey: 1, CustomerName: 'x'.repeat(101), Big: 12345678901234567890 }), 'application/json'),
        },
      ],
      'put-customer/response/echo': [
        {
          kind: 'wrong-shape',
          title: 'Response does not match the documented shape',
          documented: 'every member echoed as sent',
          received: 'CustomerName came back trimmed',
          counterexample: 'a valid customer',
          request: putRequest(),
          response: response(200, big.slice(0, 65536), 'application/json', { bodyBytes: big.length, truncated: true, note: `shown: the first 65,536 of ${big.length.toLocaleString('en-US')} characters (a report keeps 64 KiB of a body)` }),
        },
      ],
      'mark-customer-as-synchronized/fault/invalid-customer-internal-id': [
        {
          kind: 'wrong-shape',
          title: 'Response does not match the documented shape',
          documented: 'faultcode InvalidCustomerInternalId in the SOAP envelope namespace',
          received: 'faultcode s:Server',
          counterexample: 'an unknown customerInternalId',
          request: {
            method: 'POST',
            url: 'https://sandbox.ebizcharge.example/soap/eBizService.svc',
            headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '"http://eBizCharge.ServiceModel.SOAP/IeBizService/MarkCustomerAsSynchronized"' },
            body: `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><MarkCustomerAsSynchronized xmlns="http://eBizCharge.ServiceModel.SOAP"><securityToken><SecurityId>${SECURITY_ID}</SecurityId><UserId></UserId><Password></Password></securityToken><customerInternalId>nope</customerInternalId></MarkCustomerAsSynchronized></soapenv:Body></soapenv:Envelope>`,
            bodyBytes: 400,
            truncated: false,
          },
          response: response(500, `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring xml:lang="en-US">Object reference not set</faultstring></s:Fault></s:Body></s:Envelope>`, 'text/xml'),
        },
      ],
      'put-customer/hardening/oversized-body-refused': [
        {
          kind: 'accepted-invalid',
          title: 'API accepted a request that breaks a documented rule',
          documented: 'a 4xx or the connection closed',
          received: 'HTTP 200',
          counterexample: 'a valid customer padded to 64 MiB',
          request: { ...putRequest(''), body: '', bodyBytes: 67108864, truncated: true, note: 'a streamed body of 67,108,864 bytes, not shown (the curl reproduction writes it)' },
          response: response(200, ERROR_RESPONSE),
        },
      ],
    },
    warned: {
      'put-customer/errors/validation-400': [
        {
          kind: 'wrong-behaviour',
          title: 'API did not behave as documented',
          documented: 'HTTP 400',
          received: 'HTTP 422',
          counterexample: 'CustomerName of 101 characters (XML)',
          request: putRequest(),
          response: response(422, ERROR_RESPONSE),
        },
      ],
    },
    notTested: { 'put-customer/errors/unknown-key-not-created': 'SYNTCH_MISSING_CUSTOMER_KEY not set' },
    failureCount: { 'put-customer/customer-name/max-length': 57 },
  });
}

/** The validator of reporting/conformance-report.schema.json (Ajv, strict; `errors` says why a report is refused). */
export function reportValidator() {
  const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../reporting/conformance-report.schema.json', import.meta.url)), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  return ajv.compile(schema);
}
