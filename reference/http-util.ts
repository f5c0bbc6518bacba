import type { IncomingMessage, ServerResponse } from 'node:http';
import { PLATFORM_BODY_LIMITS } from '../contract/hardening.ts';

/**
 * The reference's request-size limit: a platform default, Kestrel's MaxRequestBodySize (and IIS's
 * maxAllowedContentLength), 30,000,000 bytes — not a limit of the contract (INTERPRETING.md
 * §body-size): a gateway on its platform's defaults conforms.
 */
export const MAX_BODY_BYTES: number = PLATFORM_BODY_LIMITS.kestrelMaxRequestBodySize;

export class BodyTooLargeError extends Error {
  constructor() {
    super(`request body exceeds ${MAX_BODY_BYTES} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads the whole body as bytes, refusing more than {@link MAX_BODY_BYTES} (by Content-Length up
 * front, else while streaming) so an oversized body is never buffered.
 */
export async function readBody(req: IncomingMessage, limit: number = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** How a body over the limit is refused: 413 (Kestrel), IIS request filtering's 404.13 page, or the connection closed unanswered. */
export type OversizedAnswer = '413' | 'iis-404.13' | 'close';

/** Refuses a body over the limit without reading the rest of it. */
export function refuseOversized(req: IncomingMessage, res: ServerResponse, answer: OversizedAnswer = '413'): void {
  if (answer === 'close') {
    req.socket.destroy();
    return;
  }
  req.resume();
  if (answer === 'iis-404.13') {
    send(res, 404, 'text/html', '<!DOCTYPE html><html><head><title>IIS Detailed Error - 404.13 - Not Found</title></head><body><h1>HTTP Error 404.13 - Not Found</h1><p>The request filtering module is configured to deny a request that exceeds the request content length.</p></body></html>', { Connection: 'close' });
    return;
  }
  send(res, 413, 'text/plain', 'Request Entity Too Large', { Connection: 'close' });
}

/** An exception the service did not catch, as ASP.NET shows it: 500 and an HTML error page. */
export function sendServerErrorPage(res: ServerResponse, message: string): void {
  send(res, 500, 'text/html; charset=utf-8', `<!DOCTYPE html><html><head><title>${message}</title></head><body><h1>Server Error in '/' Application.</h1><h2><i>${message}</i></h2></body></html>`);
}

/** A request body that is not valid UTF-8: a malformed body (INTERPRETING.md §hardening). */
export class BodyEncodingError extends Error {
  constructor(
    /** Offset of the first byte that is not valid UTF-8. */
    readonly offset: number,
    readonly byte: number,
  ) {
    super(`The byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at offset ${offset} is not valid UTF-8.`);
    this.name = 'BodyEncodingError';
  }
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const LENIENT_UTF8 = new TextDecoder('utf-8');

/**
 * Decodes a request body as UTF-8, strictly: a byte sequence that is not UTF-8 throws
 * {@link BodyEncodingError} instead of becoming U+FFFD (a leading byte-order mark is dropped).
 *
 * Every body both operations take is UTF-8: JSON must be (RFC 8259 §8.1), an XML body without a
 * byte-order mark or encoding declaration is (XML 1.0 §4.3.3), and the .NET readers behind both
 * platforms (XmlDictionaryReader, WCF's text encoder) read UTF-8 and throw on a byte that is not
 * — "The byte 0x… is not valid at this location". A `charset` parameter is not honoured, as those
 * readers do not honour it either: a body in another encoding is refused unless it happens to be
 * valid UTF-8 (ASCII).
 *
 * `lenient` is the fault `non-utf8-body-accepted`: every undecodable sequence becomes U+FFFD.
 */
export function decodeBody(bytes: Uint8Array, options: { readonly lenient?: boolean } = {}): string {
  if (options.lenient) return LENIENT_UTF8.decode(bytes);
  try {
    return STRICT_UTF8.decode(bytes);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    const offset = firstInvalidUtf8Offset(bytes);
    throw new BodyEncodingError(offset, bytes[offset] ?? 0);
  }
}

/**
 * The offset of the first byte that does not start a valid UTF-8 sequence. Everything before the
 * first U+FFFD a lenient decoder writes is valid UTF-8 and so re-encodes to the same bytes; a
 * U+FFFD that was in the body itself (EF BF BD) is skipped.
 */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
    const offset = Buffer.byteLength(text.slice(0, i));
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
  }
  return bytes.length;
}

export function send(res: ServerResponse, status: number, contentType: string | undefined, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const h: Record<string, string | number> = { ...headers, 'Content-Length': Buffer.byteLength(body) };
  if (contentType) h['Content-Type'] = contentType;
  res.writeHead(status, h);
  res.end(body);
}

/** Media type of a Content-Type / Accept item, lower-cased, parameters dropped. */
export function mediaType(value: string | undefined): string {
  return (value ?? '').split(';')[0]!.trim().toLowerCase();
}
