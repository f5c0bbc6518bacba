import type { SoapCase } from '../../generators/soap-case.ts';
import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { checkSoapSuccess } from '../soap.ts';

/** A request the docs allow gets a CustomerResponse of the seed's shape and values (soap.ts). */
export const soapSuccessConformance = defineCheck<{ exchange: HttpExchange; case: SoapCase; internalId: string }>({
  name: 'soap_success_conformance',
  description: 'a MarkCustomerAsSynchronized request the docs allow succeeds with a CustomerResponse of the documented shape and values',
  clauses: [
    'mark-customer-as-synchronized/request/empty-credentials-accepted',
    'mark-customer-as-synchronized/request/soap-action-quoted',
    'mark-customer-as-synchronized/request/soap-action-unquoted',
    'mark-customer-as-synchronized/response/status-200',
    'mark-customer-as-synchronized/response/content-type',
    'mark-customer-as-synchronized/response/envelope',
    'mark-customer-as-synchronized/response/wrapper-elements',
    'mark-customer-as-synchronized/response/member-order',
    'mark-customer-as-synchronized/response/member-types',
    'mark-customer-as-synchronized/response/success-values',
    'mark-customer-as-synchronized/response/error-empty-on-success',
    'mark-customer-as-synchronized/response/customer-internal-id-echo',
    'mark-customer-as-synchronized/response/customer-id',
  ],
  run: ({ exchange, case: c, internalId }) => checkSoapSuccess(exchange, c, internalId),
});
