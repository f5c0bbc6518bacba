/** Checks of any HTTP answer: its Content-Type names the format of its body. */
import type { ClauseId } from '../contract/index.ts';
import { MEDIA_TYPES } from '../contract/put-customer.ts';
import type { HttpExchange } from '../lib/http/client.ts';
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
