import type { CustomerCase } from '../../generators/customer-case.ts';
import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { checkRejection } from '../rejection.ts';
import { INPUT_CLAUSES } from './input-clauses.ts';

/**
 * A request breaking one clause is refused with a 4xx — never a 2xx or a 5xx — (the clause, MUST),
 * with 400, a ServiceStack ErrorResponse and the member's FieldName (SHOULD; rejection.ts).
 */
export const negativeDataRejection = defineCheck<{ exchange: HttpExchange; case: CustomerCase }>({
  name: 'negative_data_rejection',
  description: 'a request breaking a documented rule is refused with a 4xx, a 400 ErrorResponse naming the member',
  clauses: [...INPUT_CLAUSES, 'put-customer/errors/validation-400', 'put-customer/errors/error-response-shape', 'put-customer/errors/field-name'],
  run: ({ exchange, case: c }) => checkRejection(exchange, c),
});
