import { request } from 'undici';

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
