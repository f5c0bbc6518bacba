import type { ValueObject } from '../../lib/values.ts';
import { checkEcho } from '../customer-detail.ts';
import { defineCheck } from '../define.ts';

/** The CustomerDetail echoes the request: members sent, members not sent, the path key, a MerchantKey. */
export const responseEcho = defineCheck<{ sent: ValueObject; detail: ValueObject; pathKey: number }>({
  name: 'response_echo',
  description: 'the CustomerDetail returns every member sent exactly, nothing not sent, the path key and a MerchantKey',
  clauses: [
    'put-customer/response/echo',
    'put-customer/response/customer-id-echo',
    'put-customer/response/omitted-members-nil-or-absent',
    'put-customer/response/customer-key-echo',
    'put-customer/response/merchant-key',
  ],
  run: ({ sent, detail, pathKey }) => checkEcho(sent, detail, pathKey),
});
