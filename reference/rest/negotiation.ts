/**
 * ServiceStack's response-format choice (docs/PLATFORM-NOTES.md §negotiation), in its order
 * of precedence: `?format=`, a `.xml`/`.json` route suffix, the Accept header, and — for no
 * Accept or `*\/*` — the request's own Content-Type, else the host default (JSON).
 */
import { MEDIA_TYPES } from '../../contract/put-customer.ts';
import { mediaType } from '../http-util.ts';

export type Format = 'xml' | 'json';

export const CONTENT_TYPES: Readonly<Record<Format, string>> = {
  xml: 'application/xml',
  json: 'application/json; charset=utf-8',
};

const MEDIA_FORMATS: Readonly<Record<string, Format>> = Object.fromEntries(
  (Object.keys(MEDIA_TYPES) as Format[]).flatMap((format) => MEDIA_TYPES[format].map((type) => [type, format])),
);

export function formatOfMediaType(contentType: string | undefined): Format | undefined {
  return MEDIA_FORMATS[mediaType(contentType)];
}

export interface NegotiationInput {
  readonly formatQuery: string | null;
  readonly suffix: Format | undefined;
  readonly accept: string | undefined;
  readonly contentType: string | undefined;
}

export function negotiateFormat(input: NegotiationInput, hostDefault: Format = 'json'): Format {
  const query = input.formatQuery?.toLowerCase();
  if (query === 'xml' || query === 'json') return query;
  if (input.suffix) return input.suffix;
  const fromRequest = formatOfMediaType(input.contentType) ?? hostDefault;
  if (!input.accept) return fromRequest;
  const ranges = input.accept
    .split(',')
    .map((item, index) => {
      const [type = '', ...params] = item.split(';').map((p) => p.trim().toLowerCase());
      const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? '1');
      return { type, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranges) {
    const f = MEDIA_FORMATS[r.type];
    if (f) return f;
    if (r.type === '*/*' || r.type === 'application/*') return fromRequest;
  }
  return fromRequest;
}
