import type { SoapCase } from '../../generators/soap-case.ts';
import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { checkSoapFault } from '../soap.ts';

/** A bad id gets the documented InvalidCustomerInternalId fault; a bad token a fault; never Success. */
export const soapFaultConformance = defineCheck<{ exchange: HttpExchange; case: SoapCase }>({
  name: 'soap_fault_conformance',
  description: 'a bad customerInternalId gets the documented fault (code, string, xml:lang, HTTP 500), a bad SecurityId a fault',
  clauses: [
    'mark-customer-as-synchronized/fault/invalid-customer-internal-id',
    'mark-customer-as-synchronized/fault/invalid-security-id',
    'mark-customer-as-synchronized/auth/other-merchant-refused',
    'mark-customer-as-synchronized/fault/fault-string',
    'mark-customer-as-synchronized/fault/fault-string-lang',
    'mark-customer-as-synchronized/fault/http-500',
    'mark-customer-as-synchronized/response/content-type',
  ],
  run: ({ exchange, case: c }) => checkSoapFault(exchange, c),
});
