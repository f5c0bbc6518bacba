/** Checks of any HTTP answer: its Content-Type names the format of its body. */
import type { ClauseId } from '../contract/index.ts';
import { MEDIA_TYPES } from '../contract/put-customer.ts';
import type { HttpExchange, HttpRequest } from '../lib/http/client.ts';
import { type Finding, fail, pass } from './finding.ts';

const XML_TYPES: readonly string[] = MEDIA_TYPES.xml;
const JSON_TYPES: readonly string[] = MEDIA_TYPES.json;

export function bodyFormat(text: string): 'xml' | 'json' | 'empty' | 'other' {
  const t = text.trimStart();
  if (t === '') return 'empty';
  if (t.startsWith('<') && !/^<!doctype html|^<html/i.test(t)) return 'xml';
  if (t.startsWith('{') || t.startsWith('[')) return 'json';
  return 'other';
}

export const mediaTypeOf = (contentType: string): string => contentType.split(';')[0]!.trim().toLowerCase();

/** `put-customer/response/content-type-matches-body` on one answer (an empty body needs no type). */
export function contentTypeMatchesBody(exchange: HttpExchange, clause: ClauseId = 'put-customer/response/content-type-matches-body'): Finding {
  const format = bodyFormat(exchange.text);
  const media = mediaTypeOf(exchange.contentType);
  const ok = format === 'empty' || format === 'other' || (format === 'xml' ? XML_TYPES.includes(media) : JSON_TYPES.includes(media));
  return ok ? pass(clause) : fail(clause, 'wrong-shape', `a Content-Type naming the ${format.toUpperCase()} body`, `Content-Type '${exchange.contentType || '(none)'}' on a ${format.toUpperCase()} body`);
}

const formatOfMedia = (media: string): 'xml' | 'json' | undefined => (XML_TYPES.includes(media) ? 'xml' : JSON_TYPES.includes(media) ? 'json' : undefined);

/**
 * The response format a PutCustomer request asks for, by ServiceStack's precedence (INTERPRETING.md
 * §negotiation): `?format=` over a `.xml`/`.json` suffix over the first `Accept` media type that
 * names one; undefined when it asks for none (no Accept, or `*\/*`).
 */
export function requestedFormat(request: HttpRequest): 'xml' | 'json' | undefined {
  const url = new URL(request.url);
  const query = url.searchParams.get('format')?.toLowerCase();
  if (query === 'xml' || query === 'json') return query;
  const suffix = /\.(xml|json)$/i.exec(url.pathname)?.[1]?.toLowerCase();
  if (suffix === 'xml' || suffix === 'json') return suffix;
  const accept = Object.entries(request.headers).find(([k]) => k.toLowerCase() === 'accept')?.[1] ?? '';
  for (const item of accept.split(',')) {
    const f = formatOfMedia(mediaTypeOf(item));
    if (f) return f;
  }
  return undefined;
}

/**
 * `put-customer/negotiation/error-format` on one answer: a 4xx whose body is XML or JSON is in the
 * format the request asked for. Nothing to judge (no finding) for a success, an empty body, or a
 * request that asked for no format.
 */
export function errorFollowsNegotiation(exchange: HttpExchange): Finding[] {
  if (exchange.status < 400 || exchange.status >= 500) return [];
  const format = bodyFormat(exchange.text);
  const asked = requestedFormat(exchange.request);
  if (asked === undefined || (format !== 'xml' && format !== 'json')) return [];
  const clause = 'put-customer/negotiation/error-format';
  return [format === asked ? pass(clause) : fail(clause, 'wrong-behaviour', `an ErrorResponse in ${asked.toUpperCase()}, the format the request asked for`, `${exchange.status} with a ${format.toUpperCase()} body (Content-Type '${exchange.contentType || '(none)'}')`)];
}
