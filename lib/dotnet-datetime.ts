/**
 * .NET DateTime on the wire (docs/PLATFORM-NOTES.md §datacontract-xml): DataContract XML writes
 * `2024-05-01T10:20:30` (kind Unspecified), `…Z` (Utc) or `…-08:00` (Local), with up to seven
 * fraction digits and trailing zeros dropped; ServiceStack JSON writes `\/Date(ms)\/` or
 * `\/Date(ms±hhmm)\/`.
 */

export type DateTimeKind = 'unspecified' | 'utc';

export const XML_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})?$/;
export const JSON_DATETIME = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;
/** ISO 8601 as ServiceStack writes it with `DateHandler = ISO8601` (allowed in JSON; INTERPRETING.md §dates). */
const ISO_DATETIME = XML_DATETIME;

export function formatXmlDateTime(date: Date, kind: DateTimeKind): string {
  const iso = date.toISOString(); // 2024-05-01T10:20:30.123Z
  const [base, frac = ''] = iso.slice(0, -1).split('.');
  const fraction = frac.replace(/0+$/, '');
  return `${base}${fraction ? `.${fraction}` : ''}${kind === 'utc' ? 'Z' : ''}`;
}

export function formatJsonDateTime(date: Date): string {
  return `/Date(${date.getTime()})/`;
}

/**
 * Whether a DateTime read off the wire names an instant: JSON `\/Date(ms)\/` (milliseconds since
 * the epoch, UTC) or an XML/ISO time with `Z` or an offset. A zone-less time (kind Unspecified)
 * does not: it can only be compared with other zone-less times.
 */
export function hasExplicitZone(text: string): boolean {
  if (JSON_DATETIME.test(text)) return true;
  return ISO_DATETIME.exec(text)?.[8] !== undefined;
}

/**
 * Milliseconds since the epoch for a DateTime read off the wire, or undefined when the text is
 * not a DateTime form. Unspecified times are read as UTC: only their order and equality matter.
 * Sub-millisecond digits are dropped.
 */
export function parseDotNetDateTime(text: string): number | undefined {
  const json = JSON_DATETIME.exec(text);
  if (json) return Number(json[1]);
  const m = ISO_DATETIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone] = m;
  const ms = Number((frac + '000').slice(0, 3));
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (Number.isNaN(t)) return undefined;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    t -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  return t;
}
