import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { excerpt, fail, pass } from '../finding.ts';
import { readSoap } from '../soap.ts';

/** A SOAP 1.2 request to a SOAP 1.1 (basicHttpBinding) endpoint gets 415 or a VersionMismatch fault. */
export const soap12Rejected = defineCheck<HttpExchange>({
  name: 'soap12_rejected',
  description: 'a SOAP 1.2 request gets 415 or a VersionMismatch fault',
  clauses: ['mark-customer-as-synchronized/protocol/soap12-rejected'],
  run(e) {
    const read = readSoap(e.text);
    const ok = e.status === 415 || read.fault?.codeLocal === 'VersionMismatch' || /VersionMismatch/.test(e.text);
    return [ok ? pass('mark-customer-as-synchronized/protocol/soap12-rejected') : fail('mark-customer-as-synchronized/protocol/soap12-rejected', 'wrong-behaviour', '415 Unsupported Media Type or a VersionMismatch fault', `${e.status}: ${excerpt(e.text, 200)}`)];
  },
});
