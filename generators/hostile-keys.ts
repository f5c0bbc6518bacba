/**
 * Path keys with a malformed percent-escape, for `PUT {base}/customers/{customerKey}`: `%ZZ`, a
 * lone `%`, a UTF-8 sequence cut short, byte sequences that are not UTF-8 at all, and the same
 * behind a `.xml` / `.json` suffix (the negotiation route). A deterministic catalogue, sent every
 * run whatever the seed.
 *
 * The rule (`put-customer/customer-key/int32`, MUST): the path key is a 32-bit integer and a key
 * that is not one is rejected with 400. A malformed escape is not an Int32 whichever way it is
 * read: ServiceStack binds the route variable as the URL decoder leaves it and answers 400
 * RequestBindingException, and a front end that refuses the URL itself (http.sys: 400 "Invalid
 * URL") or matches no route (404) refuses it too. So any 4xx conforms; a 5xx is a handler that
 * threw on input it should have refused (a bare `decodeURIComponent`), and a 2xx accepted a key
 * that does not exist (docs/INTERPRETING.md §hardening).
 *
 * Each `rawSegment` goes on the wire exactly as written, right after `customers/`: it is already
 * percent-encoded and must never be encoded again (`encodeURIComponent('%ZZ')` is the valid
 * `%25ZZ`). WHATWG URL parsing and undici send these bytes unchanged.
 */
import type { ClauseId } from '../contract/index.ts';

export interface HostileKeyCase {
  readonly clause: ClauseId;
  /** Stable, unique name: what is sent and what must happen. */
  readonly name: string;
  /** The path segment after `customers/`, as sent: already percent-encoded, never encode it again. */
  readonly rawSegment: string;
  /** The answer's format the route suffix asks for, when the segment carries one. */
  readonly suffix?: 'xml' | 'json';
  /** The status the embedded reference answers (400 RequestBindingException, an ErrorResponse). */
  readonly referenceStatus: 400;
}

/** The answer a conforming gateway may give to every {@link HostileKeyCase}: a 4xx, never a 5xx or a success. */
export function isRefusedKeyStatus(status: number): boolean {
  return status >= 400 && status < 500;
}

const CLAUSE: ClauseId = 'put-customer/customer-key/int32';

const SEGMENTS: readonly (readonly [rawSegment: string, what: string])[] = [
  ['%ZZ', 'an escape with non-hex digits'],
  ['%', 'a lone percent sign'],
  ['1%', 'a percent sign after the digits'],
  ['%4', 'an escape cut short'],
  ['%E0%A4%A', 'a three-byte UTF-8 sequence cut short'],
  ['%FF', 'a byte that is never UTF-8'],
  ['%C0%AF', 'an overlong UTF-8 encoding of "/"'],
  ['%ED%A0%80', 'an encoded UTF-16 surrogate'],
];

/** Every case: each malformed segment bare, then `%ZZ` behind each route suffix. */
export function hostileKeys(): HostileKeyCase[] {
  const bare = SEGMENTS.map(([rawSegment, what]): HostileKeyCase => ({
    clause: CLAUSE,
    name: `the path key ${JSON.stringify(rawSegment)} (${what}) is refused with a 4xx, never a 5xx`,
    rawSegment,
    referenceStatus: 400,
  }));
  const suffixed = (['xml', 'json'] as const).map((suffix): HostileKeyCase => ({
    clause: CLAUSE,
    name: `the path key "%ZZ.${suffix}" (a malformed escape before the .${suffix} suffix) is refused with a 4xx, never a 5xx`,
    rawSegment: `%ZZ.${suffix}`,
    suffix,
    referenceStatus: 400,
  }));
  return [...bare, ...suffixed];
}
