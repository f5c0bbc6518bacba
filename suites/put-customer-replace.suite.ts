/**
 * PutCustomer replace semantics (docs/INTERPRETING.md §replace): a member omitted in the next PUT
 * is gone; CreationTimestamp and MerchantKey never change; LastUpdateTimestamp never moves back
 * and is later after an update sent more than a second later; the same PUT twice gives the same
 * representation; concurrent PUTs of different customers each answer exactly their own customer.
 * Every PUT's answer is self-contained, so other suites writing the same customer meanwhile do
 * not disturb these checks.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { baselineCustomer } from '../generators/baseline.ts';
import { parseDotNetDateTime } from '../lib/dotnet-datetime.ts';
import type { HttpRequest } from '../lib/http/client.ts';
import type { ValueObject } from '../lib/values.ts';
import { checkEcho, readCustomerDetail } from './checks/customer-detail.ts';
import { type Finding, fail, judge, pass } from './checks/finding.ts';
import { Harness, mapLimit, resolvedRunFromEnv } from './harness.ts';
import { failedMustClauses, mustFailures } from './support.ts';

const h = new Harness('put-customer-replace', resolvedRunFromEnv());
afterAll(() => h.finish());

const R = (rule: string) => `put-customer/replace/${rule}`;

/** A PUT whose answer is a readable CustomerDetail, or undefined (the inputs suite judges why not). */
async function put(value: ValueObject): Promise<{ detail?: ValueObject; request: HttpRequest }> {
  const request = h.customerRequest({ value });
  const exchange = await h.send(request);
  if (exchange.status < 200 || exchange.status >= 300) return { request };
  const read = readCustomerDetail(exchange);
  return { request, ...(read.detail ? { detail: read.detail } : {}) };
}

const time = (v: unknown) => (typeof v === 'string' ? parseDotNetDateTime(v) : undefined);

/** Every path to a member present in `a`'s request but absent from `b`'s. */
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

function at(detail: ValueObject, path: string): unknown {
  const [head, ...rest] = path.split('.');
  const member = head === 'CustomerId' ? 'CustomerID' : head!;
  let cur: unknown = detail[member];
  for (const p of rest) cur = cur && typeof cur === 'object' ? (cur as ValueObject)[p] : undefined;
  return cur;
}

describe.runIf(h.syntch)('PutCustomer replace semantics', () => {
  it('replaces, keeps creation time and merchant, advances the update time, is idempotent', async () => {
    const before = mustFailures(h);
    const full = baselineCustomer();
    const minimal: ValueObject = { CustomerName: 'Replaced', ActivationStatus: 'Inactive', DefaultContact: {}, BillingAddress: { StreetAddress1: '2 Side Street', StateOrProvinceCode: 'QC', PostalCode: 'H2X 1Y4', CountryCode: 'CAN' } };
    const a = await put(full);
    const b = await put(minimal);
    if (!a.detail || !b.detail) {
      h.recorder.notTested(R('omitted-member-removed'), 'the gateway did not answer the replace sequence with CustomerDetails (see put-customer/response/*)');
      return;
    }
    const context = { request: b.request, counterexample: 'PUT of every member, then PUT of the required members only' };
    const gone = omittedPaths(full, minimal).filter((p) => {
      const v = at(b.detail!, p);
      return !(v === undefined || v === null || v === '');
    });
    const findings: Finding[] = [
      judge(R('omitted-member-removed'), 'wrong-behaviour', 'members left out of the second PUT are gone', gone.map((p) => `${p} is still ${JSON.stringify(at(b.detail!, p))}`)),
      same(R('creation-timestamp-stable'), 'CreationTimestamp', a.detail, b.detail),
      same(R('merchant-key-stable'), 'MerchantKey', a.detail, b.detail),
      notBackwards(a.detail, b.detail),
    ];
    h.record(findings, context);

    // More than a second later, so a gateway with second-resolution timestamps can show the move.
    await new Promise((r) => setTimeout(r, 1100));
    const updated = { ...minimal, CustomerName: 'Replaced again' };
    const c = await put(updated);
    const d = await put(updated);
    if (c.detail && d.detail) {
      const tb = time(b.detail.LastUpdateTimestamp);
      const tc = time(c.detail.LastUpdateTimestamp);
      h.record(
        [
          tb !== undefined && tc !== undefined && tc > tb
            ? pass(R('last-update-timestamp-advances'))
            : fail(R('last-update-timestamp-advances'), 'wrong-behaviour', 'a later LastUpdateTimestamp after an update 1.1 s later', `${String(b.detail.LastUpdateTimestamp)} then ${String(c.detail.LastUpdateTimestamp)}`),
          same(R('creation-timestamp-stable'), 'CreationTimestamp', a.detail, c.detail),
          same(R('merchant-key-stable'), 'MerchantKey', a.detail, d.detail),
          notBackwards(c.detail, d.detail),
          idempotent(c.detail, d.detail),
        ],
        { request: d.request, counterexample: 'the same PUT twice, 1.1 s after the previous one' },
      );
    } else {
      const reason = 'the gateway did not answer the repeated PUT with CustomerDetails (see put-customer/response/*)';
      for (const rule of ['last-update-timestamp-advances', 'idempotent']) h.recorder.notTested(R(rule), reason);
    }
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });

  it('concurrent PUTs of different customers each answer exactly their own customer (atomic)', async () => {
    const before = mustFailures(h);
    const s = h.requireSyntch();
    const bodies = Array.from({ length: 10 }, (_, i): ValueObject => ({
      ...baselineCustomer(),
      CustomerName: `Concurrent customer ${i}`,
      CustomerId: `ATOMIC-${i}`,
      DefaultContact: { FirstName: `First${i}`, LastName: `Last${i}`, EmailAddress: `c${i}@example.com` },
      BillingAddress: { StreetAddress1: `${i} Atomic Way`, City: `City ${i}`, StateOrProvinceCode: 'NY', PostalCode: `1000${i}`, CountryCode: 'USA' },
    }));
    await mapLimit(bodies, bodies.length, async (value, i) => {
      const request = h.customerRequest({ value });
      const exchange = await h.send(request);
      const read = exchange.status === 200 ? readCustomerDetail(exchange) : undefined;
      if (!read?.detail) return;
      const echo = checkEcho(value, read.detail, s.customerKey).filter((f) => f.clause === 'put-customer/response/echo' || f.clause === 'put-customer/response/customer-id-echo');
      const mixed = echo.filter((f) => !f.ok).map((f) => f.received ?? '');
      h.record([judge(R('atomic'), 'wrong-behaviour', `the answer to concurrent PUT ${i} is exactly customer ${i}`, mixed)], {
        request,
        counterexample: `PUT ${i + 1} of ${bodies.length} sent at once to one key`,
      });
    });
    expect(mustFailures(h) - before, failedMustClauses(h).join('\n')).toBe(0);
  });
});

function same(clause: string, member: string, x: ValueObject, y: ValueObject): Finding {
  return x[member] === y[member] && x[member] !== undefined
    ? pass(clause)
    : fail(clause, 'wrong-behaviour', `${member} unchanged across PUTs`, `${JSON.stringify(x[member] ?? null)} then ${JSON.stringify(y[member] ?? null)}`);
}

function notBackwards(x: ValueObject, y: ValueObject): Finding {
  const tx = time(x.LastUpdateTimestamp);
  const ty = time(y.LastUpdateTimestamp);
  return tx !== undefined && ty !== undefined && ty >= tx
    ? pass(R('last-update-timestamp-advances'))
    : fail(R('last-update-timestamp-advances'), 'wrong-behaviour', 'LastUpdateTimestamp never moves backwards', `${String(x.LastUpdateTimestamp)} then ${String(y.LastUpdateTimestamp)}`);
}

/** The same PUT twice: the same representation but for LastUpdateTimestamp. */
function idempotent(x: ValueObject, y: ValueObject): Finding {
  const strip = (v: ValueObject) => JSON.stringify({ ...v, LastUpdateTimestamp: undefined });
  return strip(x) === strip(y)
    ? pass(R('idempotent'))
    : fail(R('idempotent'), 'wrong-behaviour', 'the same representation for the same PUT (timestamps aside)', `${strip(x).slice(0, 300)} then ${strip(y).slice(0, 300)}`);
}

