import { ALL_CLAUSES } from '../../contract/index.ts';
import type { SoapCase } from '../../generators/soap-case.ts';
import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { checkSoapSuccess } from '../soap.ts';

/** A request the docs allow gets a CustomerResponse of the seed's shape and values (soap.ts). */
export const soapSuccessConformance = defineCheck<{ exchange: HttpExchange; case: SoapCase; internalId: string }>({
  name: 'soap_success_conformance',
  description: 'a MarkCustomerAsSynchronized request the docs allow succeeds with a CustomerResponse of the documented shape and values',
  // Every request and response clause of the operation: a successful call exercises each of them.
  clauses: ALL_CLAUSES.filter((c) => /^mark-customer-as-synchronized\/(request|response)\//.test(c.id)).map((c) => c.id),
  run: ({ exchange, case: c, internalId }) => checkSoapSuccess(exchange, c, internalId),
});
