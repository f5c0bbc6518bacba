import { SUCCESS } from '../../contract/mark-customer-as-synchronized.ts';
import { defineCheck } from '../define.ts';
import { fail, pass } from '../finding.ts';

/** What a client generated from the WSDL (the `soap` package) made of the call. */
export type WsdlCallOutcome =
  | { readonly ok: true; readonly result: Record<string, unknown> }
  | { readonly ok: false; readonly error: string };

/** A client generated from the project's WSDL calls the operation and reads Success. */
export const wsdlClientCall = defineCheck<WsdlCallOutcome>({
  name: 'wsdl_client_call',
  description: "a client generated from the WSDL (the soap package) marks the customer and reads Status Success",
  clauses: ['mark-customer-as-synchronized/request/soap-action-quoted', 'mark-customer-as-synchronized/response/success-values'],
  run(outcome) {
    if (!outcome.ok) return [fail('mark-customer-as-synchronized/request/soap-action-quoted', 'rejected-valid', 'a successful call from a WSDL-generated client', outcome.error)];
    const r = outcome.result;
    return [
      pass('mark-customer-as-synchronized/request/soap-action-quoted'),
      r.Status === SUCCESS.Status && Number(r.StatusCode) === SUCCESS.StatusCode && Number(r.ErrorCode) === SUCCESS.ErrorCode
        ? pass('mark-customer-as-synchronized/response/success-values')
        : fail('mark-customer-as-synchronized/response/success-values', 'wrong-behaviour', 'Status Success, StatusCode 1, ErrorCode 0 (read by the soap package)', JSON.stringify({ Status: r.Status, StatusCode: r.StatusCode, ErrorCode: r.ErrorCode })),
    ];
  },
});
