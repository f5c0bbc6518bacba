import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { excerpt, fail, pass } from '../finding.ts';

/** A request without a valid credential gets 401 with a WWW-Authenticate header. */
export const unauthenticatedRejection = defineCheck<{ exchange: HttpExchange; credential: string }>({
  name: 'unauthenticated_rejection',
  description: 'a request with no or an unknown credential gets 401 and WWW-Authenticate',
  clauses: ['put-customer/auth/unauthenticated-401', 'put-customer/auth/www-authenticate'],
  run({ exchange: e, credential }) {
    if (e.status !== 401) return [fail('put-customer/auth/unauthenticated-401', e.status < 300 ? 'accepted-invalid' : 'wrong-behaviour', `${credential}: 401`, `${e.status}: ${excerpt(e.text, 160)}`)];
    return [
      pass('put-customer/auth/unauthenticated-401'),
      e.headers['www-authenticate'] ? pass('put-customer/auth/www-authenticate') : fail('put-customer/auth/www-authenticate', 'wrong-shape', 'a WWW-Authenticate header on the 401', 'none'),
    ];
  },
});
