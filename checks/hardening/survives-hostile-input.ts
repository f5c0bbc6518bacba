import type { OperationId } from '../../contract/index.ts';
import type { HttpExchange, TransportError } from '../../lib/http/client.ts';
import { defineCheck } from '../define.ts';
import { excerpt, fail, pass } from '../finding.ts';

/** After a hostile request the gateway still answers a valid one (the client retried it first). */
export const survivesHostileInput = defineCheck<{ operation: OperationId; after: string; answer: { exchange: HttpExchange; succeeded: boolean } | { dropped: TransportError } }>({
  name: 'survives_hostile_input',
  description: 'after each hostile request, a valid request still succeeds',
  clauses: ['put-customer/hardening/survives-hostile-input', 'mark-customer-as-synchronized/hardening/survives-hostile-input'],
  run({ operation, after, answer }) {
    const clause = `${operation}/hardening/survives-hostile-input` as const;
    if ('dropped' in answer) {
      const gone = answer.dropped.kind === 'unreachable' ? 'the gateway stopped accepting connections after it: ' : '';
      return [fail(clause, 'no-answer', `a valid request answered after ${after}`, `${gone}${answer.dropped.message}`)];
    }
    return [answer.succeeded ? pass(clause) : fail(clause, 'wrong-behaviour', `a valid request answered after ${after}`, `${answer.exchange.status}: ${excerpt(answer.exchange.text, 160)}`)];
  },
});

/** One hostile request's name, or several sent together, as a failure names them. */
export function hostileNames(sent: readonly { readonly name: string }[]): string {
  return sent.length === 1 ? sent[0]!.name : `one of ${sent.length} hostile requests sent together (${sent.map((h) => h.name).join('; ')}; CONFORMANCE_CONCURRENCY=1 sends them one at a time and tells which)`;
}
