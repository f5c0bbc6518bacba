/**
 * MarkCustomerAsSynchronized (SOAP 1.1): the configured customer marked through the `soap`
 * package's client built from the project's WSDL and through raw envelopes for every variant the
 * docs allow; the documented fault for bad ids and a fault for bad tokens (catalogue, then
 * generated); protocol errors (wrong SOAPAction, SOAP 1.2).
 */
import { fileURLToPath } from 'node:url';
import * as soap from 'soap';
import { afterAll, describe, expect, it } from 'vitest';
import { WSDL_PATH } from '../contract/export/files.ts';
import { NS, SOAP12_CONTENT_TYPE, SUCCESS } from '../contract/mark-customer-as-synchronized.ts';
import type { SoapCase } from '../generators/soap-case.ts';
import { credentialVariants, soapRequestWith } from '../generators/valid-soap-request.ts';
import { soapViolationCatalogue, violatingSoapRequest } from '../generators/violating-soap-request.ts';
import { type Finding, excerpt, fail, pass } from './checks/finding.ts';
import { checkSoapFault, checkSoapSuccess, readSoap } from './checks/soap.ts';
import { Harness, mapLimit, resolvedRunFromEnv } from './harness.ts';
import { runProperty } from './property.ts';
import { failedMustClauses, mustFailures, sendAndJudge } from './support.ts';

const h = new Harness('mark-customer', resolvedRunFromEnv());
afterAll(() => h.finish());

const M = (rule: string) => `mark-customer-as-synchronized/${rule}`;
const judgeSoap = (c: SoapCase, internalId: string) => (e: Parameters<typeof checkSoapSuccess>[0]) =>
  c.expect === 'success' ? checkSoapSuccess(e, c, internalId) : checkSoapFault(e, c);

describe.runIf(h.ebiz)('MarkCustomerAsSynchronized', () => {
  it('the soap package, from the project WSDL, marks the configured customer', async () => {
    const before = mustFailures(h);
    const e = h.requireEbiz();
    const client = await soap.createClientAsync(fileURLToPath(new URL(`../${WSDL_PATH}`, import.meta.url)));
    client.setEndpoint(e.soapUrl);
    const args = { securityToken: { SecurityId: e.securityId, UserId: e.userId ?? '', Password: e.password ?? '' }, customerInternalId: e.customerInternalId };
    const findings: Finding[] = [];
    try {
      const [result] = (await client.MarkCustomerAsSynchronizedAsync(args)) as [{ MarkCustomerAsSynchronizedResult?: Record<string, unknown> }];
      const r = result?.MarkCustomerAsSynchronizedResult ?? {};
      findings.push(pass(M('request/soap-action-quoted')));
      findings.push(
        r.Status === SUCCESS.Status && Number(r.StatusCode) === SUCCESS.StatusCode && Number(r.ErrorCode) === SUCCESS.ErrorCode
          ? pass(M('response/success-values'))
          : fail(M('response/success-values'), 'wrong-behaviour', 'Status Success, StatusCode 1, ErrorCode 0 (read by the soap package)', JSON.stringify({ Status: r.Status, StatusCode: r.StatusCode, ErrorCode: r.ErrorCode })),
      );
    } catch (err) {
      const fault = (err as { root?: { Envelope?: { Body?: { Fault?: { faultcode?: string; faultstring?: unknown } } } } }).root?.Envelope?.Body?.Fault;
      findings.push(fail(M('request/soap-action-quoted'), 'rejected-valid', 'a successful call from a WSDL-generated client', fault ? `fault ${fault.faultcode}: ${JSON.stringify(fault.faultstring)}` : (err as Error).message));
    }
    const raw = (client as unknown as { lastRequest?: string }).lastRequest;
    h.record(findings, { counterexample: 'MarkCustomerAsSynchronized through the soap package', ...(raw ? { request: { method: 'POST', url: e.soapUrl, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: raw } } : {}) });
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });

  it('every request variant the docs allow succeeds (token with empty/absent/configured credentials, SOAPAction quoted/unquoted)', async () => {
    const before = mustFailures(h);
    const target = h.soapTarget!;
    const cases = credentialVariants(target).flatMap((c) => (['quoted', 'unquoted'] as const).map((a) => soapRequestWith(target, c, a)));
    for (const c of cases) await sendAndJudge(h, h.soapRequest(c), judgeSoap(c, target.customerInternalId), c.clause, c.description);
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });

  it('bad ids get the documented fault and bad tokens a fault (catalogue)', async () => {
    const before = mustFailures(h);
    const target = h.soapTarget!;
    await mapLimit(soapViolationCatalogue(target), h.config.run.concurrency, (c) => sendAndJudge(h, h.soapRequest(c), judgeSoap(c, target.customerInternalId), c.clause, c.description));
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });

  it('generated bad ids and tokens get faults', async () => {
    const before = mustFailures(h);
    const target = h.soapTarget!;
    await runProperty(
      h,
      'a generated bad MarkCustomerAsSynchronized request',
      violatingSoapRequest(target),
      async (c) => {
        const request = h.soapRequest(c);
        const exchange = await h.send(request);
        return { findings: judgeSoap(c, target.customerInternalId)(exchange), request, exchange };
      },
      (c) => `${c.description} (${c.clause})`,
      M('fault/invalid-customer-internal-id'),
    );
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });

  it('a wrong SOAPAction gets a fault, never Success', async () => {
    const before = mustFailures(h);
    const target = h.soapTarget!;
    const c = soapRequestWith(target, 'empty', 'quoted');
    const request = h.soapRequest(c, { SOAPAction: `"${NS.service}/IeBizService/NoSuchOperation"` });
    await sendAndJudge(h, request, (e) => {
      const read = readSoap(e.text);
      return [read.fault && !read.result ? pass(M('protocol/wrong-soap-action')) : fail(M('protocol/wrong-soap-action'), read.result ? 'accepted-invalid' : 'wrong-behaviour', 'a SOAP fault (WCF: a:ActionNotSupported)', `${e.status}: ${excerpt(e.text, 200)}`)];
    }, M('protocol/wrong-soap-action'), 'a valid envelope with SOAPAction …/NoSuchOperation');
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });

  it('a SOAP 1.2 request gets 415 or a VersionMismatch fault', async () => {
    const before = mustFailures(h);
    const target = h.soapTarget!;
    const c = soapRequestWith(target, 'empty', 'quoted');
    const base = h.soapRequest(c);
    const request = { ...base, headers: { 'Content-Type': `${SOAP12_CONTENT_TYPE}; charset=utf-8; action="${base.headers.SOAPAction!.replace(/"/g, '')}"` }, body: base.body!.replaceAll(NS.soapEnv, NS.soap12Env) };
    await sendAndJudge(h, request, (e) => {
      const read = readSoap(e.text);
      const ok = e.status === 415 || read.fault?.codeLocal === 'VersionMismatch' || /VersionMismatch/.test(e.text);
      return [ok ? pass(M('protocol/soap12-rejected')) : fail(M('protocol/soap12-rejected'), 'wrong-behaviour', '415 Unsupported Media Type or a VersionMismatch fault', `${e.status}: ${excerpt(e.text, 200)}`)];
    }, M('protocol/soap12-rejected'), 'the request as a SOAP 1.2 envelope with application/soap+xml');
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });
});
