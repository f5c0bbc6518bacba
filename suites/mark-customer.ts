/**
 * MarkCustomerAsSynchronized (SOAP 1.1): the configured customer marked through the `soap`
 * package's client built from the project's WSDL (sending through the run's client) and through
 * raw envelopes for every variant the docs allow; the documented fault for bad ids and a fault for
 * bad tokens (catalogue, then generated); protocol errors (wrong SOAPAction, SOAP 1.2).
 */
import { NS, SOAP12_CONTENT_TYPE } from '../contract/mark-customer-as-synchronized.ts';
import type { WsdlCallOutcome } from '../checks/mark-customer/wsdl-client-call.ts';
import { notApplicable } from '../checks/finding.ts';
import type { SoapCase } from '../generators/soap-case.ts';
import { credentialVariants, otherCaseIdRequest, soapRequestWith, unknownHeaderRequests } from '../generators/valid-soap-request.ts';
import { soapViolationCatalogue, violatingSoapRequest } from '../generators/violating-soap-request.ts';
import type { HttpExchange, HttpRequest } from '../lib/http/client.ts';
import { inBatchLane } from '../lib/http/lane.ts';
import { mapLimit } from '../lib/map-limit.ts';
import type { CheckedFinding, SuiteContext } from './context.ts';
import { runProperty } from './property.ts';
import { defineSuite } from './define.ts';

function judgeSoap(ctx: SuiteContext, c: SoapCase, exchange: HttpExchange): CheckedFinding[] {
  return c.expect === 'success' ? ctx.judge('soap_success_conformance', { exchange, case: c, internalId: ctx.ebiz.customerInternalId }) : ctx.judge('soap_fault_conformance', { exchange, case: c });
}

async function sendCase(ctx: SuiteContext, c: SoapCase): Promise<void> {
  const request = ctx.soapRequest(c);
  const exchange = await ctx.send(request);
  ctx.record(judgeSoap(ctx, c, exchange), { request, exchange, counterexample: c.description });
}

export const markCustomer = defineSuite({
  name: 'mark-customer',
  api: 'ebiz',
  description: 'MarkCustomerAsSynchronized through a WSDL client and raw envelopes, its faults and protocol errors',
  checks: ['wsdl_client_call', 'soap_success_conformance', 'soap_fault_conformance', 'wrong_soap_action_fault', 'soap12_rejected', 'must_understand_fault'],
  async run(ctx) {
    const target = ctx.soapTarget;
    ctx.plan(1 + credentialVariants(target).length * 2 + soapViolationCatalogue(target).length + ctx.config.run.runs + 3 + 3 + (ctx.ebiz.securityIdOtherMerchant ? 1 : 0));
    const valid = ctx.soapRequest(soapRequestWith(target, 'empty', 'quoted'));
    // Every request here is answered on its own (no answer depends on another's), so all of them
    // go at once, in the batch lane: behind any suite's sequence (lib/http/lane.ts).
    await inBatchLane(() => ctx.together(
      () => wsdlCall(ctx),
      ...credentialVariants(target).flatMap((credentials) => (['quoted', 'unquoted'] as const).map((action) => () => sendCase(ctx, soapRequestWith(target, credentials, action)))),
      () => mapLimit(ctx.watchedFirst(soapViolationCatalogue(target), (c) => c.clause), ctx.concurrency, (c) => sendCase(ctx, c)),
      () =>
        runProperty(
          ctx,
          'a generated bad MarkCustomerAsSynchronized request',
          violatingSoapRequest(target),
          async (c) => {
            const request = ctx.soapRequest(c);
            const exchange = await ctx.send(request);
            return { findings: judgeSoap(ctx, c, exchange), request, exchange };
          },
          (c) => `${c.description} (${c.clause})`,
        ),
      () => otherCaseId(ctx),
      () => otherMerchant(ctx),
      // A header block no service understands (SOAP 1.1 §4.2.3): ignored without mustUnderstand or
      // with "0"; with "1", a MustUnderstand fault.
      ...unknownHeaderRequests(target).map((c) => () => sendCase(ctx, c)),
      async () => {
        const mustUnderstand = ctx.soapRequest({ ...soapRequestWith(target, 'empty', 'quoted'), unknownHeaderBlock: '1' });
        const mustUnderstandAnswer = await ctx.send(mustUnderstand);
        ctx.check('must_understand_fault', mustUnderstandAnswer, { request: mustUnderstand, exchange: mustUnderstandAnswer, counterexample: 'a header block it does not understand, with mustUnderstand="1"' });
      },
      async () => {
        const wrongAction = { ...valid, headers: { ...valid.headers, SOAPAction: `"${NS.service}/IeBizService/NoSuchOperation"` } };
        const wrongActionAnswer = await ctx.send(wrongAction);
        ctx.check('wrong_soap_action_fault', wrongActionAnswer, { request: wrongAction, exchange: wrongActionAnswer, counterexample: 'a valid envelope with SOAPAction …/NoSuchOperation' });
      },
      async () => {
        const soap12: HttpRequest = { ...valid, headers: { 'Content-Type': `${SOAP12_CONTENT_TYPE}; charset=utf-8; action="${valid.headers.SOAPAction!.replace(/"/g, '')}"` }, body: String(valid.body).replaceAll(NS.soapEnv, NS.soap12Env) };
        const soap12Answer = await ctx.send(soap12);
        ctx.check('soap12_rejected', soap12Answer, { request: soap12, exchange: soap12Answer, counterexample: 'the request as a SOAP 1.2 envelope with application/soap+xml' });
      },
    ));
  },
});

/** Another merchant's SecurityId must not mark this merchant's customer (OWASP API1:2023). */
async function otherMerchant(ctx: SuiteContext): Promise<void> {
  const otherMerchant = ctx.ebiz.securityIdOtherMerchant;
  if (otherMerchant) {
    await sendCase(ctx, { clause: 'mark-customer-as-synchronized/auth/other-merchant-refused', description: "another merchant's SecurityId with this merchant's customerInternalId", expect: 'fault', soapAction: 'quoted', value: { securityToken: { SecurityId: otherMerchant, UserId: '', Password: '' }, customerInternalId: ctx.ebiz.customerInternalId } });
  } else {
    ctx.notTested(['mark-customer-as-synchronized/auth/other-merchant-refused'], 'EBIZ_SECURITY_ID_OTHER_MERCHANT not set');
  }
}

/**
 * The configured customerInternalId in another case (upper case, or lower when it is upper
 * already) marks the same customer: GUIDs are case-insensitive on input (SHOULD, INTERPRETING.md
 * §soap-success). Only the case's own clause is judged when the call fails, so a SHOULD gap is
 * not reported again under the MUST response clauses. An id with no letters has no other case:
 * the clause is then not applicable.
 */
async function otherCaseId(ctx: SuiteContext): Promise<void> {
  const clause = 'mark-customer-as-synchronized/request/customer-internal-id-any-case';
  const c = otherCaseIdRequest(ctx.soapTarget);
  if (!c) {
    ctx.record([{ ...notApplicable(clause, 'EBIZ_CUSTOMER_INTERNAL_ID has no letters, so it has no other case'), check: 'soap_success_conformance' }], {});
    return;
  }
  const request = ctx.soapRequest(c);
  const exchange = await ctx.send(request);
  const findings = judgeSoap(ctx, c, exchange);
  const succeeded = findings.some((f) => f.clause === clause && f.ok);
  ctx.record(succeeded ? findings : findings.filter((f) => f.clause === clause), { request, exchange, counterexample: c.description });
}

/** The configured customer marked by a client the `soap` package generates from the project's WSDL. */
async function wsdlCall(ctx: SuiteContext): Promise<void> {
  const e = ctx.ebiz;
  const { client, transport } = await ctx.wsdlClient();
  const args = { securityToken: { SecurityId: e.securityId, UserId: e.userId ?? '', Password: e.password ?? '' }, customerInternalId: e.customerInternalId };
  let outcome: WsdlCallOutcome;
  try {
    const [result] = (await client.MarkCustomerAsSynchronizedAsync(args)) as [{ MarkCustomerAsSynchronizedResult?: Record<string, unknown> }];
    outcome = { ok: true, result: result?.MarkCustomerAsSynchronizedResult ?? {} };
  } catch (err) {
    // A transport failure is no verdict about the call: the run ends in error.
    if (transport.transportError) throw transport.transportError;
    const fault = (err as { root?: { Envelope?: { Body?: { Fault?: { faultcode?: string; faultstring?: unknown } } } } }).root?.Envelope?.Body?.Fault;
    const status = transport.last ? `${transport.last.status}: ` : '';
    outcome = { ok: false, error: fault ? `fault ${fault.faultcode}: ${JSON.stringify(fault.faultstring)}` : `${status}${(err as Error).message}` };
  }
  const last = transport.last;
  ctx.check('wsdl_client_call', outcome, { counterexample: 'MarkCustomerAsSynchronized through the soap package', ...(last ? { request: last.request, exchange: last } : {}) });
}
