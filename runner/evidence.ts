/**
 * What a failure shows of its exchange: the request as sent and the answer as received — method,
 * URL, status, headers and body — so a report reader sees the whole case, not an excerpt. Built
 * only for the failures the recorder keeps (runner/recorder.ts). A body is cut past
 * {@link EVIDENCE_BODY_LIMIT} characters, with a note; a streamed body (the 64 MiB one) is never
 * spelled out. Every string passes through `mask` (every form of every secret) before it is kept.
 */
import { type HttpExchange, type HttpRequest, isStreamedBody } from '../lib/http/client.ts';
import { EVIDENCE_BODY_LIMIT, type RecordedRequest, type RecordedResponse } from './recorder.ts';

type Mask = (text: string) => string;

const bytesOf = (text: string): number => Buffer.byteLength(text, 'utf8');
const thousands = (n: number): string => n.toLocaleString('en-US');

/** The size of a request body in bytes (a streamed body: its Content-Length), 0 without one. */
export function requestBodyBytes(request: HttpRequest): number {
  const body = request.body;
  if (body === undefined) return 0;
  if (typeof body === 'string') return bytesOf(body);
  if (isStreamedBody(body)) return body.length;
  return body.length;
}

/** `text` cut to `limit` UTF-16 units, never inside a surrogate pair. */
function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const end = /[\uD800-\uDBFF]/.test(text[limit - 1]!) ? limit - 1 : limit;
  return text.slice(0, end);
}

/** A body as kept: cut past the limit, with the notes that say how. */
function recordBody(text: string, bytes: number, mask: Mask, notes: readonly string[] = [], partial = false): { body: string; bodyBytes: number; truncated: boolean; note?: string } {
  const masked = mask(text);
  const body = cut(masked, EVIDENCE_BODY_LIMIT);
  const cutHere = body.length < masked.length;
  const all = [...notes, ...(cutHere ? [`shown: the first ${thousands(body.length)} of ${thousands(masked.length)} characters (a report keeps ${EVIDENCE_BODY_LIMIT / 1024} KiB of a body)`] : [])];
  return { body, bodyBytes: bytes, truncated: partial || cutHere, ...(all.length ? { note: all.join('; ') } : {}) };
}

const maskHeaders = (headers: Readonly<Record<string, string>>, mask: Mask): Record<string, string> => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, mask(v)]));

/** The request as a failure shows it. */
export function recordRequest(request: HttpRequest, mask: Mask): RecordedRequest {
  const head = { method: request.method, url: mask(request.url), headers: maskHeaders(request.headers, mask) };
  const body = request.body;
  if (body === undefined) return { ...head, body: '', bodyBytes: 0, truncated: false };
  if (isStreamedBody(body)) {
    return { ...head, body: '', bodyBytes: body.length, truncated: true, note: `a streamed body of ${thousands(body.length)} bytes, not shown (the curl reproduction writes it)` };
  }
  if (typeof body === 'string') return { ...head, ...recordBody(body, bytesOf(body), mask) };
  let text: string;
  const notes: string[] = [];
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    text = new TextDecoder('utf-8').decode(body);
    notes.push('the body is not valid UTF-8: bytes that are not are shown as U+FFFD');
  }
  return { ...head, ...recordBody(text, body.length, mask, notes) };
}

/** The answer as a failure shows it (already masked as it arrived; masked again all the same). */
export function recordResponse(exchange: HttpExchange, mask: Mask): RecordedResponse {
  const bytes = bytesOf(exchange.text);
  const notes = [
    ...(exchange.decoded ? [`shown decoded from Content-Encoding ${exchange.decoded}`] : []),
    ...(exchange.decodeNote ? [exchange.decodeNote] : []),
    ...(exchange.truncated ? [`only the first ${thousands(bytes)} ${exchange.decoded ? 'decoded ' : ''}bytes were read: the answer was longer than CONFORMANCE_MAX_RESPONSE_BYTES`] : []),
  ];
  return { status: exchange.status, headers: maskHeaders(exchange.headers, mask), ...recordBody(exchange.text, bytes, mask, notes, exchange.truncated) };
}
