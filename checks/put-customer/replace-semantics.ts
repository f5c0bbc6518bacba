/**
 * Replace semantics (docs/INTERPRETING.md §replace), judged on the CustomerDetails of a sequence of
 * PUTs to one key: a member left out of the next PUT is gone; CreationTimestamp and MerchantKey
 * never change; LastUpdateTimestamp never moves back and is later after an update sent more than a
 * second later; the same PUT twice gives the same representation.
 */
import type { ClauseId } from '../../contract/index.ts';
import { CUSTOMER_DETAIL_SOURCES } from '../../contract/put-customer.ts';
import { parseDotNetDateTime } from '../../lib/dotnet-datetime.ts';
import { pathSegments, valueAt } from '../../lib/paths.ts';
import type { ValueObject } from '../../lib/values.ts';
import { defineCheck } from '../define.ts';
import { type Finding, fail, judge, pass } from '../finding.ts';

const time = (v: unknown) => (typeof v === 'string' ? parseDotNetDateTime(v) : undefined);

/** Every path to a member present in `a` but absent from `b`. */
function omittedPaths(a: ValueObject, b: ValueObject, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined || v === null) continue;
    const w = b[k];
    const where = prefix ? `${prefix}.${k}` : k;
    if (w === undefined || w === null) out.push(where);
    else if (typeof v === 'object' && typeof w === 'object') out.push(...omittedPaths(v as ValueObject, w as ValueObject, where));
  }
  return out;
}

/** The CustomerDetail member that echoes a request member (CustomerId → CustomerID), from the contract. */
function detailMemberOf(requestMember: string): string {
  const entry = Object.entries(CUSTOMER_DETAIL_SOURCES).find(([, s]) => s.kind === 'echo' && s.requestMember === requestMember);
  return entry?.[0] ?? requestMember;
}

/** The value at a request member's path in a CustomerDetail (its first member renamed as the answer names it). */
function at(detail: ValueObject, path: string): unknown {
  const [head = '', ...rest] = pathSegments(path);
  return valueAt(detail, [detailMemberOf(head), ...rest]);
}

function same(clause: ClauseId, member: string, x: ValueObject, y: ValueObject): Finding {
  return x[member] === y[member] && x[member] !== undefined
    ? pass(clause)
    : fail(clause, 'wrong-behaviour', `${member} unchanged across PUTs`, `${JSON.stringify(x[member] ?? null)} then ${JSON.stringify(y[member] ?? null)}`);
}

function notBackwards(x: ValueObject, y: ValueObject): Finding {
  const [tx, ty] = [time(x.LastUpdateTimestamp), time(y.LastUpdateTimestamp)];
  return tx !== undefined && ty !== undefined && ty >= tx
    ? pass('put-customer/replace/last-update-timestamp-advances')
    : fail('put-customer/replace/last-update-timestamp-advances', 'wrong-behaviour', 'LastUpdateTimestamp never moves backwards', `${String(x.LastUpdateTimestamp)} then ${String(y.LastUpdateTimestamp)}`);
}

/** A full PUT (`a`), then one of the required members only (`b`). */
export const replaceSemantics = defineCheck<{ full: ValueObject; minimal: ValueObject; a: ValueObject; b: ValueObject }>({
  name: 'replace_semantics',
  description: 'a PUT replaces: members left out are gone, creation time and merchant stay, the update time never moves back',
  clauses: ['put-customer/replace/omitted-member-removed', 'put-customer/replace/creation-timestamp-stable', 'put-customer/replace/merchant-key-stable', 'put-customer/replace/last-update-timestamp-advances'],
  run({ full, minimal, a, b }) {
    const kept = omittedPaths(full, minimal).filter((p) => {
      const v = at(b, p);
      return !(v === undefined || v === null || v === '');
    });
    return [
      judge('put-customer/replace/omitted-member-removed', 'wrong-behaviour', 'members left out of the second PUT are gone', kept.map((p) => `${p} is still ${JSON.stringify(at(b, p))}`)),
      same('put-customer/replace/creation-timestamp-stable', 'CreationTimestamp', a, b),
      same('put-customer/replace/merchant-key-stable', 'MerchantKey', a, b),
      notBackwards(a, b),
    ];
  },
});

/** After `a` and `b`, an update `c` sent more than a second later, then the same PUT again (`d`). */
export const replaceRepeat = defineCheck<{ a: ValueObject; b: ValueObject; c: ValueObject; d: ValueObject }>({
  name: 'replace_repeat',
  description: 'an update a second later moves LastUpdateTimestamp forward; the same PUT twice gives the same representation',
  clauses: ['put-customer/replace/last-update-timestamp-advances', 'put-customer/replace/creation-timestamp-stable', 'put-customer/replace/merchant-key-stable', 'put-customer/replace/idempotent'],
  run({ a, b, c, d }) {
    const [tb, tc] = [time(b.LastUpdateTimestamp), time(c.LastUpdateTimestamp)];
    const strip = (v: ValueObject) => JSON.stringify({ ...v, LastUpdateTimestamp: undefined });
    return [
      tb !== undefined && tc !== undefined && tc > tb
        ? pass('put-customer/replace/last-update-timestamp-advances')
        : fail('put-customer/replace/last-update-timestamp-advances', 'wrong-behaviour', 'a later LastUpdateTimestamp after an update 1.1 s later', `${String(b.LastUpdateTimestamp)} then ${String(c.LastUpdateTimestamp)}`),
      same('put-customer/replace/creation-timestamp-stable', 'CreationTimestamp', a, c),
      same('put-customer/replace/merchant-key-stable', 'MerchantKey', a, d),
      notBackwards(c, d),
      strip(c) === strip(d)
        ? pass('put-customer/replace/idempotent')
        : fail('put-customer/replace/idempotent', 'wrong-behaviour', 'the same representation for the same PUT (timestamps aside)', `${strip(c).slice(0, 300)} then ${strip(d).slice(0, 300)}`),
    ];
  },
});
