/**
 * The run's HTTP client (docs/INTERPRETING.md §transport): transport failures retried within a
 * budget and then a TransportError, 429/503 retried honouring Retry-After, bodies read up to a
 * bound, no redirect followed, requests only to configured origins, in-flight requests bounded,
 * streamed request bodies sent with their Content-Length and no longer produced once answered.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { HttpClient, type StreamedBody, TransportError } from '../../lib/http/client.ts';
import { streamedBody } from '../../lib/http/streamed-body.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r())))));
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const get = (url: string) => ({ method: 'GET', url, headers: {} });

describe('HttpClient: 429 and 503', () => {
  it('retries a 429 honouring Retry-After, then returns the answer', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      if (calls < 3) res.writeHead(429, { 'Retry-After': '0' }).end();
      else res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1 });
    const e = await client.send(get(url));
    expect([e.status, e.text, calls, e.attempts]).toEqual([200, 'ok', 3, 3]);
    await client.close();
  });

  it('a gateway that keeps answering 503 is a TransportError (unavailable) after the bounded retries, not an answer', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      res.writeHead(503, { 'Retry-After': '0' }).end();
    });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1, statusRetries: 2 });
    const error = await client.send(get(url)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('unavailable');
    expect(calls).toBe(3);
    await client.close();
  });

  it('caps a long Retry-After', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      if (calls === 1) res.writeHead(429, { 'Retry-After': '3600' }).end();
      else res.writeHead(200).end();
    });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1, maxRetryWaitMs: 10 });
    expect((await client.send(get(url))).status).toBe(200);
    await client.close();
  });
});

describe('HttpClient: transport failures', () => {
  it('one dropped connection is retried and the answer returned', async () => {
    let calls = 0;
    const url = await serve((req, res) => {
      if (++calls === 1) req.socket.destroy();
      else res.writeHead(200).end('second');
    });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1 });
    const e = await client.send(get(url));
    expect([e.status, e.text, e.attempts]).toEqual([200, 'second', 2]);
    expect(client.stats.retries).toBe(1);
    await client.close();
  });

  it('a drop that repeats past the retries is a TransportError (reset), after 1 + retries attempts', async () => {
    let calls = 0;
    const url = await serve((req) => {
      calls++;
      req.socket.destroy();
    });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1, retries: 2 });
    const error = await client.send(get(url)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect({ kind: (error as TransportError).kind, attempts: (error as TransportError).attempts, calls }).toEqual({ kind: 'reset', attempts: 3, calls: 3 });
    await client.close();
  });

  it('one stalled answer is retried; a gateway that never answers is a TransportError (timeout)', async () => {
    let calls = 0;
    const url = await serve((req, res) => {
      calls++;
      if (req.url === '/never' || calls === 1) return; // never answered
      res.writeHead(200).end('late but fine');
    });
    const client = new HttpClient({ timeoutMs: 300, concurrency: 2, retries: 1 });
    expect((await client.send(get(url))).text).toBe('late but fine');
    const error = await client.send(get(`${url}never`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('timeout');
    await client.close();
  });

  it('a port nobody listens on is a TransportError (unreachable)', async () => {
    const client = new HttpClient({ timeoutMs: 2000, concurrency: 1, retries: 0 });
    const error = await client.send(get('http://127.0.0.1:9/')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('unreachable');
    await client.close();
  });

  it('a per-request retries setting overrides the client default', async () => {
    let calls = 0;
    const url = await serve((req) => {
      calls++;
      req.socket.destroy();
    });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1, retries: 5 });
    await client.send(get(url), { retries: 1 }).catch(() => undefined);
    expect(calls).toBe(2);
    await client.close();
  });
});

describe('HttpClient: what it reads and where it sends', () => {
  it('reads at most maxResponseBytes of an endless answer, says it truncated, and stops reading', async () => {
    let written = 0;
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/xml' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        // Bounded: the server stops by itself after 64 MiB even if nobody stops reading.
        while (written < 64 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (written >= 64 * 1024 * 1024) res.end();
      };
      res.on('drain', pump);
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    const client = new HttpClient({ timeoutMs: 10_000, concurrency: 1, maxResponseBytes: 100_000 });
    const e = await client.send(get(url));
    expect(e.truncated).toBe(true);
    expect(e.text.length).toBe(100_000);
    expect(written).toBeLessThan(64 * 1024 * 1024);
    await client.close();
  });

  it('an answer within the bound is read whole and not marked truncated', async () => {
    const url = await serve((_req, res) => res.writeHead(200).end('x'.repeat(1000)));
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1, maxResponseBytes: 1000 });
    const e = await client.send(get(url));
    expect([e.text.length, e.truncated]).toEqual([1000, false]);
    await client.close();
  });

  it('follows no redirect: a 307 is the answer, and the other origin receives nothing', async () => {
    let elsewhere = 0;
    const other = await serve((_req, res) => {
      elsewhere++;
      res.writeHead(200).end();
    });
    const url = await serve((_req, res) => res.writeHead(307, { Location: other }).end());
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1, allowedOrigins: [url] });
    const e = await client.send({ method: 'POST', url, headers: { Authorization: 'Bearer secret' }, body: 'x' });
    expect([e.status, e.headers.location, elsewhere]).toEqual([307, other, 0]);
    await client.close();
  });

  it('refuses to send to an origin the run was not configured with', async () => {
    const url = await serve((_req, res) => res.writeHead(200).end());
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1, allowedOrigins: ['http://127.0.0.1:1/api'] });
    await expect(client.send(get(url))).rejects.toThrow(/not a configured origin/);
    await client.close();
  });

  it('sends a byte body unchanged', async () => {
    let received: Buffer | undefined;
    const url = await serve((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received = Buffer.concat(chunks);
        res.writeHead(200).end();
      });
    });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1 });
    await client.send({ method: 'PUT', url, headers: {}, body: new Uint8Array([0x4d, 0xfc, 0x6c]) });
    expect([...received!]).toEqual([0x4d, 0xfc, 0x6c]);
    await client.close();
  });
});

describe('HttpClient: pacing', () => {
  it('paces requests by the rate limit (each starts no earlier than its slot)', async () => {
    const arrivals: number[] = [];
    const url = await serve((_req, res) => {
      arrivals.push(performance.now());
      res.writeHead(200).end();
    });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 4, rateLimit: 20 });
    await Promise.all(Array.from({ length: 5 }, () => client.send(get(url))));
    // A lower bound only: a slow machine makes gaps longer, never shorter.
    expect(arrivals[4]! - arrivals[0]!).toBeGreaterThanOrEqual(4 * 50 - 5);
    await client.close();
  });

  it('never has more requests in flight than the concurrency cap', async () => {
    let inFlight = 0;
    let peak = 0;
    const url = await serve((_req, res) => {
      peak = Math.max(peak, ++inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200).end();
      }, 20);
    });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 2 });
    await Promise.all(Array.from({ length: 8 }, () => client.send(get(url))));
    expect(peak).toBe(2);
    await client.close();
  });

  it('halves the in-flight window on 429 and grows it back on successes', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      if (calls <= 2) res.writeHead(429, { 'Retry-After': '0' }).end();
      else res.writeHead(200).end();
    });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 8 });
    await client.send(get(url));
    expect(client.stats.window).toBeLessThan(8);
    for (let i = 0; i < 40; i++) await client.send(get(url));
    expect(client.stats.window).toBe(8);
    await client.close();
  });
});

describe('HttpClient: streamed request bodies', () => {
  const MiB = 1024 * 1024;
  /** `total` bytes of spaces, counting what was produced and how often it was started. */
  function counted(total: number): StreamedBody & { produced: number; starts: number } {
    const body = {
      length: total,
      produced: 0,
      starts: 0,
      async *stream() {
        body.starts++;
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        for (let left = total; left > 0; left -= chunk.length) {
          body.produced += Math.min(left, chunk.length);
          yield left >= chunk.length ? chunk : chunk.subarray(0, left);
        }
      },
    };
    return body;
  }

  it('sends the whole body with its Content-Length (not chunked) when the gateway reads it', async () => {
    let seen: { length?: string; chunked?: string; bytes: number } | undefined;
    const url = await serve((req, res) => {
      let bytes = 0;
      req.on('data', (c: Buffer) => (bytes += c.length));
      req.on('end', () => {
        seen = { length: req.headers['content-length'], chunked: req.headers['transfer-encoding'], bytes };
        res.writeHead(200).end('read');
      });
    });
    const client = new HttpClient({ timeoutMs: 10_000, concurrency: 1 });
    const body = counted(3 * MiB + 5);
    const e = await client.send({ method: 'PUT', url, headers: { 'Content-Length': '1' }, body });
    expect([e.status, e.text]).toEqual([200, 'read']);
    expect(seen).toEqual({ length: String(3 * MiB + 5), chunked: undefined, bytes: 3 * MiB + 5 });
    await client.close();
  });

  it('stops producing the body as soon as the gateway answers (413 on the Content-Length)', async () => {
    const url = await serve((req, res) => {
      if (Number(req.headers['content-length']) > MiB) res.writeHead(413, { Connection: 'close' }).end('too large');
      else req.resume().on('end', () => res.writeHead(200).end());
    });
    const client = new HttpClient({ timeoutMs: 10_000, concurrency: 1 });
    const body = counted(64 * MiB);
    const e = await client.send({ method: 'PUT', url, headers: {}, body });
    expect([e.status, e.text]).toEqual([413, 'too large']);
    // Socket buffers take a few MiB before the answer is seen; never the whole body.
    expect(body.produced).toBeLessThan(32 * MiB);
    await new Promise((r) => setTimeout(r, 100));
    expect(body.produced).toBeLessThan(32 * MiB);
    // The client is still usable.
    expect((await client.send({ method: 'PUT', url, headers: {}, body: 'x' })).status).toBe(200);
    await client.close();
  });

  it('a gateway that closes the connection while the body streams is a reset, retried from the first byte', async () => {
    const url = await serve((req) => req.socket.destroy());
    const client = new HttpClient({ timeoutMs: 10_000, concurrency: 1 });
    const body = counted(64 * MiB);
    const error = await client.send({ method: 'PUT', url, headers: {}, body }, { retries: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('reset');
    expect(body.starts).toBe(2);
    expect(body.produced).toBeLessThan(32 * MiB);
    await client.close();
  });

  it('streamedBody(): text and runs of one character, its length, and a shell command that writes the same bytes', async () => {
    const body = streamedBody(['<a>', { char: ' ', count: 200_000 }, 'é</a>']);
    const expected = Buffer.concat([Buffer.from('<a>'), Buffer.alloc(200_000, ' '), Buffer.from('é</a>')]);
    const chunks: Buffer[] = [];
    for await (const c of body.stream()) chunks.push(Buffer.from(c));
    expect(body.length).toBe(expected.length);
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
    const command = body.shell!((t) => `'${t.replace(/'/g, `'\\''`)}'`);
    const written = execFileSync('bash', ['-c', command], { maxBuffer: 4 * MiB });
    expect(written.equals(expected)).toBe(true);
    expect(() => streamedBody([{ char: 'ab', count: 2 }])).toThrow(/one printable ASCII character/);
  });
});

describe('HttpClient: rising latency', () => {
  it('halves the window when answers grow much slower than the usual pace, and grows back when they are fast again', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      const slow = calls > 60 && calls <= 100;
      setTimeout(() => res.writeHead(200).end(), slow ? 400 : 1);
    });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 8 });
    const send = (n: number) => Promise.all(Array.from({ length: n }, () => client.send(get(url))));
    await send(60);
    expect(client.stats.window).toBe(8);
    await send(40);
    expect(client.stats.window).toBeLessThan(8);
    for (let i = 0; i < 10; i++) await send(20);
    expect(client.stats.window).toBe(8);
    await client.close();
  });
});
