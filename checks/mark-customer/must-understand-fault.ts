import { NS } from '../../contract/mark-customer-as-synchronized.ts';
import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { excerpt, fail, pass } from '../finding.ts';
import { readSoap } from '../soap.ts';

const CLAUSE = 'mark-customer-as-synchronized/protocol/must-understand-fault';

/**
 * A header block with `soapenv:mustUnderstand="1"` the service does not understand gets a
 * `MustUnderstand` fault (SOAP 1.1 §4.2.3, §4.4.1; WCF does this natively), never Success
 * (docs/INTERPRETING.md §soap-protocol).
 */
export const mustUnderstandFault = defineCheck<HttpExchange>({
  name: 'must_understand_fault',
  description: 'a header block with mustUnderstand="1" the service does not understand gets a MustUnderstand fault, never Success',
  clauses: [CLAUSE],
  run: (e) => {
    const read = readSoap(e.text);
    if (read.result) return [fail(CLAUSE, 'accepted-invalid', 'a MustUnderstand fault for a header block it does not understand', 'a successful CustomerResponse')];
    if (read.fault?.codeNs === NS.soapEnv && read.fault.codeLocal === 'MustUnderstand') return [pass(CLAUSE)];
    const got = read.fault ? `fault {${read.fault.codeNs ?? '?'}}${read.fault.codeLocal}` : `${e.status}: ${excerpt(e.text, 200)}`;
    return [fail(CLAUSE, 'wrong-behaviour', `a fault whose faultcode is {${NS.soapEnv}}MustUnderstand`, got)];
  },
});
