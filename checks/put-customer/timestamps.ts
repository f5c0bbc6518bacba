/**
 * Timestamps against the gateway's own clock (docs/INTERPRETING.md §dates): the suite's clock is
 * never used. A LastUpdateTimestamp that names an instant lies within {@link CLOCK_TOLERANCE_MS} of
 * the answer's `Date` header (RFC 9110 §6.6.1); an answer without a readable `Date` is not judged
 * so. CreationTimestamp is not later than LastUpdateTimestamp when both have a zone or neither has.
 */
import { hasExplicitZone, parseDotNetDateTime } from '../../lib/dotnet-datetime.ts';
import type { HttpExchange } from '../../lib/http/client.ts';
import type { ValueObject } from '../../lib/values.ts';
import { type Finding, fail, pass } from '../finding.ts';

/**
 * Ten minutes: a time-zone mistake is a whole or half hour (5 h for local time labelled Z), so it
 * is caught, while drift between a web and a database server's clocks is forgiven.
 */
export const CLOCK_TOLERANCE_MS = 10 * 60_000;

export function timestampFindings(exchange: HttpExchange, detail: ValueObject): Finding[] {
  const findings: Finding[] = [];
  const last = detail.LastUpdateTimestamp;
  const created = detail.CreationTimestamp;
  const lastMs = typeof last === 'string' ? parseDotNetDateTime(last) : undefined;
  const dateHeader = exchange.headers.date;
  const clock = dateHeader !== undefined ? Date.parse(dateHeader) : Number.NaN;
  if (typeof last === 'string' && lastMs !== undefined && hasExplicitZone(last) && !Number.isNaN(clock)) {
    const off = Math.abs(lastMs - clock);
    findings.push(off <= CLOCK_TOLERANCE_MS
      ? pass('put-customer/response/last-update-near-date')
      : fail('put-customer/response/last-update-near-date', 'wrong-behaviour', `LastUpdateTimestamp within 10 minutes of the answer's Date (${dateHeader})`, `LastUpdateTimestamp ${last} is ${(off / 60_000).toFixed(1)} minutes ${lastMs > clock ? 'after' : 'before'} it (a time-zone mistake?)`));
  }
  const createdMs = typeof created === 'string' ? parseDotNetDateTime(created) : undefined;
  if (typeof last === 'string' && typeof created === 'string' && lastMs !== undefined && createdMs !== undefined && hasExplicitZone(last) === hasExplicitZone(created)) {
    findings.push(createdMs <= lastMs
      ? pass('put-customer/response/creation-not-after-update')
      : fail('put-customer/response/creation-not-after-update', 'wrong-behaviour', 'CreationTimestamp not later than LastUpdateTimestamp', `CreationTimestamp ${created}, LastUpdateTimestamp ${last}`));
  }
  return findings;
}
