import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { excerpt, fail, pass } from '../finding.ts';
import { readSoap } from '../soap.ts';

/** An envelope with a SOAPAction the service does not have gets a fault, never Success. */
export const wrongSoapActionFault = defineCheck<HttpExchange>({
  name: 'wrong_soap_action_fault',
  description: 'a SOAPAction naming no operation gets a SOAP fault, never Success',
  clauses: ['mark-customer-as-synchronized/protocol/wrong-soap-action'],
  run(e) {
    const read = readSoap(e.text);
    return [
      read.fault && !read.result
        ? pass('mark-customer-as-synchronized/protocol/wrong-soap-action')
        : fail('mark-customer-as-synchronized/protocol/wrong-soap-action', read.result ? 'accepted-invalid' : 'wrong-behaviour', 'a SOAP fault (WCF: a:ActionNotSupported)', `${e.status}: ${excerpt(e.text, 200)}`),
    ];
  },
});
