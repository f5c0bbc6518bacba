import type { HttpExchange } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { excerpt, fail, pass } from '../finding.ts';

/** A PUT to a key that does not exist is refused (nothing is created) with 404 NotFound. */
export const unknownKeyRejection = defineCheck<HttpExchange>({
  name: 'unknown_key_rejection',
  description: 'a PUT to a customer key that does not exist is refused with 404 and creates nothing',
  clauses: ['put-customer/errors/unknown-key-not-created', 'put-customer/errors/not-found-404'],
  run(e) {
    if (e.status < 400 || e.status >= 500) {
      return [fail('put-customer/errors/unknown-key-not-created', e.status < 300 ? 'accepted-invalid' : 'wrong-behaviour', 'refused with a 4xx, nothing created', `${e.status}: ${excerpt(e.text, 160)}`)];
    }
    return [
      pass('put-customer/errors/unknown-key-not-created'),
      e.status === 404 ? pass('put-customer/errors/not-found-404') : fail('put-customer/errors/not-found-404', 'wrong-behaviour', '404 Not Found', String(e.status)),
    ];
  },
});
