import { request } from 'undici';
import { HttpClient, type StreamedBody } from '../../lib/http/client.ts';

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly contentType: string;
}

export async function http(method: string, url: string, headers: Record<string, string> = {}, body?: string): Promise<HttpResult> {
  const res = await request(url, { method: method as 'PUT', headers, body, headersTimeout: 20_000, bodyTimeout: 20_000 });
  const text = await res.body.text();
  const ct = res.headers['content-type'];
  return { status: res.statusCode, headers: res.headers, text, contentType: Array.isArray(ct) ? (ct[0] ?? '') : (ct ?? '') };
}

/**
 * Sends a streamed body (the 64 MiB hostile one) through the project's client, which stops
 * producing it once the gateway answers; a dropped connection comes back as status 0.
 */
export async function sendStreamed(method: string, url: string, headers: Record<string, string>, body: StreamedBody): Promise<HttpResult> {
  const client = new HttpClient({ timeoutMs: 20_000, concurrency: 1, retries: 0 });
  try {
    const e = await client.send({ method, url, headers, body });
    return { status: e.status, headers: e.headers, text: e.text, contentType: e.contentType };
  } catch (e) {
    if ((e as { kind?: string }).kind === 'reset') return { status: 0, headers: {}, text: '', contentType: '' };
    throw e;
  } finally {
    await client.close();
  }
}
