/**
 * Hostile input (docs/INTERPRETING.md §hardening): a DTD, an entity bomb, an external entity, a
 * malformed body, a body over the size limit — each refused as the API refuses, never answered
 * with success, never expanded or resolved, and answered at all. Only here is a dropped connection
 * or a missing answer a finding, and only once it has repeated (the client retried it): a
 * connection dropped on an oversized body is one way of refusing it; on any other body it is not.
 * The oversized body (64 MiB, streamed) is refused by any 4xx — 413 from Kestrel or WCF, 404.13 from
 * IIS request filtering, 400 — or a SOAP fault (INTERPRETING.md §body-size); never by a 5xx.
 */
import type { ClauseId } from '../../contract/index.ts';
import { NS as SOAP_NS } from '../../contract/mark-customer-as-synchronized.ts';
import type { HostileCase } from '../../generators/hostile-xml.ts';
import type { HttpExchange, TransportError } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { type Finding, excerpt, fail, notApplicable, pass } from '../finding.ts';
import { mediaTypeOf } from '../http.ts';
import { readSoap } from '../soap.ts';

/** What came back for a hostile request: an answer, or a transport failure that repeated. */
export type HostileAnswer = { readonly exchange: HttpExchange } | { readonly dropped: TransportError };

const HOSTILE_CLAUSES: readonly ClauseId[] = (['put-customer', 'mark-customer-as-synchronized'] as const).flatMap((op) =>
  (['dtd-refused', 'entity-bomb-refused', 'external-entity-refused', 'oversized-body-refused', 'malformed-body-refused'] as const).map((rule) => `${op}/hardening/${rule}` as const),
);

const isHtml = (e: HttpExchange) => mediaTypeOf(e.contentType) === 'text/html' || /^\s*<(!doctype html|html)/i.test(e.text);

export const hostileInputRefused = defineCheck<{ answer: HostileAnswer; case: HostileCase; api: 'rest' | 'soap' }>({
  name: 'hostile_input_refused',
  description: 'a hostile or malformed body is refused (4xx, or a Client fault), never expanded, resolved or answered with success',
  clauses: [...HOSTILE_CLAUSES, 'mark-customer-as-synchronized/protocol/malformed-client-fault'],
  run({ answer, case: c, api }) {
    const oversized = c.clause.endsWith('oversized-body-refused');
    if ('dropped' in answer) {
      const d = answer.dropped;
      if (d.kind === 'timeout') return [fail(c.clause, 'no-answer', `${c.name}: refused within the request timeout`, `no answer in ${d.attempts} attempt(s)`)];
      if (d.kind === 'protocol') return [fail(c.clause, 'wrong-behaviour', `${c.name}: an HTTP answer refusing it`, `an answer that is not HTTP: ${d.message}`)];
      return [oversized ? pass(c.clause) : fail(c.clause, 'wrong-behaviour', `${c.name}: an HTTP answer refusing it`, `the connection was dropped in each of ${d.attempts} attempt(s) (${d.code})`)];
    }
    const e = answer.exchange;
    if (c.leakMarker !== undefined && e.text.includes(c.leakMarker)) {
      return [fail(c.clause, 'accepted-invalid', `${c.name}: never expanded or resolved`, `the answer contains "${c.leakMarker}": ${excerpt(e.text, 200)}`)];
    }
    if (api === 'rest') {
      const ok = e.status >= 400 && e.status < 500;
      return [ok ? pass(c.clause) : fail(c.clause, e.status < 300 ? 'accepted-invalid' : 'wrong-behaviour', oversized ? 'refused with a 4xx (413 expected), or the connection closed' : 'refused with a 4xx', `${e.status}: ${excerpt(e.text, 200)}`)];
    }
    const read = readSoap(e.text);
    if (read.result) return [fail(c.clause, 'accepted-invalid', `${c.name}: a fault, never Success`, 'a successful CustomerResponse')];
    if (oversized) return [(e.status >= 400 && e.status < 500) || read.fault ? pass(c.clause) : fail(c.clause, 'wrong-behaviour', 'a 4xx (413 expected), a SOAP fault, or the connection closed', `${e.status}: ${excerpt(e.text, 200)}`)];
    const refused = (e.status === 400 || read.fault !== undefined) && !isHtml(e);
    const findings: Finding[] = [refused ? pass(c.clause) : fail(c.clause, 'wrong-behaviour', '400 or a SOAP fault, never an HTML page', `${e.status} ${e.contentType}: ${excerpt(e.text, 200)}`)];
    if (read.fault) {
      const client = read.fault.codeNs === SOAP_NS.soapEnv && /^Client(\.|$)/.test(read.fault.codeLocal);
      findings.push(client ? pass('mark-customer-as-synchronized/protocol/malformed-client-fault') : fail('mark-customer-as-synchronized/protocol/malformed-client-fault', 'wrong-shape', 'a Client fault code', `{${read.fault.codeNs ?? '?'}}${read.fault.codeLocal}`));
    } else if (refused) {
      // A bare 400 is the other refusal §soap-protocol allows: there is no fault whose code could be judged.
      findings.push(notApplicable('mark-customer-as-synchronized/protocol/malformed-client-fault', 'the gateway answers a malformed envelope with HTTP 400, not a fault (allowed by INTERPRETING.md §soap-protocol), so there is no fault code to judge'));
    }
    return findings;
  },
});
