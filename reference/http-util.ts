import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_BODY_BYTES } from '../contract/hardening.ts';

export class BodyTooLargeError extends Error {
  constructor() {
    super(`request body exceeds ${MAX_BODY_BYTES} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads the whole body as UTF-8, refusing more than {@link MAX_BODY_BYTES} (by Content-Length up
 * front, else while streaming) so an oversized body is never buffered.
 */
export async function readBody(req: IncomingMessage, limit: number = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
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
