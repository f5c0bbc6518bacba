import type { HostileKeyCase } from '../../generators/hostile-keys.ts';
import { isRefusedKeyStatus } from '../../generators/hostile-keys.ts';
import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { excerpt, fail, pass } from '../finding.ts';

/** A path key that is not an Int32 — a malformed percent-escape included — is refused with a 4xx, never a 5xx. */
export const malformedKeyRefused = defineCheck<{ exchange: HttpExchange; case: HostileKeyCase }>({
  name: 'malformed_key_refused',
  description: 'a path key with a malformed percent-escape is refused with a 4xx, never a 5xx or a success',
  clauses: ['put-customer/customer-key/int32'],
  run: ({ exchange: e, case: c }) => [
    isRefusedKeyStatus(e.status) ? pass(c.clause) : fail(c.clause, e.status < 300 ? 'accepted-invalid' : 'wrong-behaviour', `${c.name}: a 4xx`, `${e.status}: ${excerpt(e.text, 200)}`),
  ],
});
