/**
 * The run's HTTP client (docs/INTERPRETING.md §transport): transport failures retried within a
 * budget and then a TransportError, 429/503 retried honouring Retry-After, bodies read up to a
 * bound, no redirect followed, requests only to configured origins, in-flight requests bounded,
 * streamed request bodies sent with their Content-Length and no longer produced once answered;
 * every error of the transport a worded TransportError (TLS, an answer that is not HTTP, headers
 * over 16 KiB, anything else undici throws), TLS and protocol errors not retried; content codings
 * decoded within the bound on decoded bytes; HTTP(S)_PROXY / NO_PROXY honoured.
 */
import { execFileSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { Readable } from 'node:stream';
import { brotliCompressSync, constants as zlibConstants, createGzip, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { Cancelled, HttpClient, Interrupted, type StreamedBody, TransportError, classify, retryAfterMs } from '../../lib/http/client.ts';
import { proxySettings } from '../../lib/http/proxy.ts';
import { streamedBody } from '../../lib/http/streamed-body.ts';
import { FakeClock, settle } from '../helpers/fake-clock.ts';
import { startForwardProxy } from '../helpers/forward-proxy.ts';

const servers: (Server | import('node:net').Server)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => ('closeAllConnections' in s && s.closeAllConnections(), s.close(() => r())))));
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

  it('Retry-After is delay-seconds or an HTTP-date (RFC 9110 §10.2.3); anything else is no Retry-After', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Thu, 03 Dec 2026 12:00:01 GMT', now)).toBe(1000);
    expect(retryAfterMs('Thu, 03 Dec 2026 11:59:00 GMT', now)).toBe(0);
    for (const odd of [undefined, '', 'soon', '-1']) expect(retryAfterMs(odd, now)).toBeUndefined();
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

  it('the run being interrupted abandons the requests in flight (Interrupted), long before their timeout', async () => {
    let arrived!: () => void;
    const waiting = new Promise<void>((r) => (arrived = r));
    const url = await serve(() => arrived()); // never answered
    const run = new AbortController();
    const client = new HttpClient({ timeoutMs: 120_000, concurrency: 2, signal: run.signal });
    const sent = client.send(get(url)).catch((e: unknown) => e);
    await waiting;
    run.abort('SIGTERM');
    expect(await sent).toBeInstanceOf(Interrupted);
    await client.destroy();
  });

  it('a client closed leaves no listener on the run signal: one signal can serve any number of clients', async () => {
    const url = await serve((_req, res) => res.writeHead(200).end('ok'));
    const run = new AbortController();
    for (let i = 0; i < 20; i++) {
      const client = new HttpClient({ timeoutMs: 5000, concurrency: 1, signal: run.signal });
      expect((await client.send(get(url))).text).toBe('ok');
      await client.close();
    }
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
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

  it('a sparse 429 with an HTTP-date Retry-After holds back only the refused request: the others are answered meanwhile, the window is not cut', async () => {
    const clock = new FakeClock(Date.parse('2026-12-03T12:00:00Z'));
    let refusedOnce = false;
    const url = await serve((req, res) => {
      if (req.url === '/refused' && !refusedOnce) {
        refusedOnce = true;
        res.writeHead(429, { 'Retry-After': new Date(clock.now() + 1000).toUTCString() }).end();
      } else res.writeHead(200).end(req.url);
    });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 8, clock });
    let refusedDone = false;
    const refused = client.send(get(`${url}refused`)).then((e) => ((refusedDone = true), e));
    // Sent after the refusal came back: a pause for everybody would keep them waiting on the clock.
    for (let turns = 0; turns < 2000 && !(refusedOnce && clock.sleeping > 0); turns++) await settle();
    expect(clock.sleeping).toBe(1);
    // Seven: fewer answers than a round of the window (8), so answer times, which are real and
    // move with the machine's load, never move the window here; only the refusal could.
    const others = await Promise.all(Array.from({ length: 7 }, (_, i) => client.send(get(`${url}${i}`))));
    expect(others.map((e) => e.status)).toEqual(Array(7).fill(200));
    expect([refusedDone, client.stats.window]).toEqual([false, 8]);
    await clock.advance(1000);
    const e = await refused;
    expect([e.status, e.attempts, client.stats.retries]).toEqual([200, 2, 1]);
    await client.close();
  });
});

describe('HttpClient: what the window learns from a failure', () => {
  /** A gateway that drops every connection at once (as one does on a hostile body), and the window after one such request. */
  async function windowAfterDrop(hostile: boolean): Promise<number> {
    const url = await serve((req) => req.socket.destroy());
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 8, retries: 1 });
    const before = client.stats.window;
    const error = await client.send(get(url), { hostile }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    await client.close();
    expect(before).toBe(8);
    return client.stats.window;
  }

  it('a dropped connection halves the window, once per attempt (8 → 4 → 2 for a request tried twice): a failing transport is a sign of overload', async () => {
    expect(await windowAfterDrop(false)).toBe(2);
  });

  it('a hostile body refused by a dropped connection leaves the window as it was: a refusal is no overload', async () => {
    expect(await windowAfterDrop(true)).toBe(8);
  });
});

describe('HttpClient: a request given up before it is sent', () => {
  it('cancelled() true once the slot is free: Cancelled, nothing reaches the gateway, the slot is free again', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      res.writeHead(200).end();
    });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1 });
    const error = await client.send(get(url), { cancelled: () => true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Cancelled);
    const e = await client.send(get(url), { cancelled: () => false });
    expect([e.status, calls]).toEqual([200, 1]);
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
    const written = execFileSync('bash', ['--norc', '-c', command], { maxBuffer: 4 * MiB });
    expect(written.equals(expected)).toBe(true);
    expect(() => streamedBody([{ char: 'ab', count: 2 }])).toThrow(/one printable ASCII character/);
  });
});

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url));

/** A server of any kind on 127.0.0.1, counting the connections it accepts; closed after each test. */
async function listening(server: import('node:net').Server): Promise<{ port: number; connections: () => number }> {
  servers.push(server);
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as AddressInfo).port, connections: () => connections };
}

const failureOf = async (client: HttpClient, url: string): Promise<TransportError> => {
  const error = await client.send(get(url)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
};

describe('HttpClient: TLS and protocol errors are worded TransportErrors, not retried', () => {
  it('a chain signed by a CA this machine does not trust (SELF_SIGNED_CERT_IN_CHAIN): tls, the NODE_EXTRA_CA_CERTS hint, one attempt', async () => {
    const { port, connections } = await listening(createHttpsServer({ key: fixture('server.key'), cert: Buffer.concat([fixture('server.pem'), fixture('ca.pem')]) }, (_req, res) => res.end('ok')));
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1, retries: 2 });
    const e = await failureOf(client, `https://127.0.0.1:${port}/api`);
    expect([e.kind, e.code, e.attempts]).toEqual(['tls', 'SELF_SIGNED_CERT_IN_CHAIN', 1]);
    expect(e.message).toMatch(/not signed by a CA this machine trusts.*NODE_EXTRA_CA_CERTS=\/path\/ca\.pem/);
    expect(connections()).toBe(1);
    await client.close();
  });

  it('a self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT): tls, the same hint', async () => {
    const { port } = await listening(createHttpsServer({ key: fixture('self-signed.key'), cert: fixture('self-signed.pem') }, (_req, res) => res.end('ok')));
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1 });
    const e = await failureOf(client, `https://127.0.0.1:${port}/`);
    expect([e.kind, e.code]).toEqual(['tls', 'DEPTH_ZERO_SELF_SIGNED_CERT']);
    expect(e.message).toMatch(/NODE_EXTRA_CA_CERTS/);
    await client.close();
  });

  it('https:// to a port that speaks http (ERR_SSL_…): tls, "the URL says https but the port speaks http", one attempt', async () => {
    let requests = 0;
    const { port, connections } = await listening(createServer((_req, res) => (requests++, res.end('plain'))));
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1, retries: 2 });
    const e = await failureOf(client, `https://127.0.0.1:${port}/`);
    expect(e.kind).toBe('tls');
    expect(e.code).toMatch(/^ERR_SSL_/);
    expect(e.message).toMatch(/the URL says https but the port speaks http/);
    expect(e.message).not.toMatch(/deps\/openssl/);
    expect(connections()).toBe(1);
    await client.close();
  });

  it('a response header of 20 KiB (UND_ERR_HEADERS_OVERFLOW): protocol, the header size named, one attempt', async () => {
    let calls = 0;
    const { port } = await listening(
      createServer({ maxHeaderSize: 1024 * 1024 }, (_req, res) => {
        calls++;
        res.setHeader('X-Padding', 'a'.repeat(20 * 1024));
        res.end('ok');
      }),
    );
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1, retries: 2 });
    const e = await failureOf(client, `http://127.0.0.1:${port}/`);
    expect([e.kind, e.code, e.attempts, calls]).toEqual(['protocol', 'UND_ERR_HEADERS_OVERFLOW', 1, 1]);
    expect(e.message).toMatch(/header section over 16 KiB/);
    await client.close();
  });

  it.each([
    ['garbage instead of HTTP', 'SSH-2.0-OpenSSH_9.6\r\n\r\n'],
    ['a malformed status line', 'HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n'],
    ['a corrupt chunked body', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nhello\r\n'],
  ])('%s from a raw TCP server: protocol, "not HTTP/1.1", one attempt', async (_name, bytes) => {
    const { port, connections } = await listening(createTcpServer((socket) => socket.once('data', () => socket.end(bytes))));
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1, retries: 2 });
    const e = await failureOf(client, `http://127.0.0.1:${port}/`);
    expect(e.kind).toBe('protocol');
    expect(e.message).toMatch(/sent an answer that is not HTTP\/1\.1/);
    expect(connections()).toBe(1);
    await client.close();
  });

  it('classify is exhaustive: anything undici or the platform throws is a TransportError, an unknown one of kind failed', () => {
    const url = 'http://127.0.0.1:1/api';
    const unknown = Object.assign(new Error('something new'), { code: 'UND_ERR_SOMETHING_NEW' });
    expect([classify(unknown, url, 1000).kind, classify(unknown, url, 1000).message]).toEqual(['failed', 'the request to http://127.0.0.1:1 failed: UND_ERR_SOMETHING_NEW (something new)']);
    for (const odd of [new TypeError('x'), 'a string', undefined, null, 42, { code: 7 }]) expect(classify(odd, url, 1000)).toBeInstanceOf(TransportError);
    expect(classify(Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }), url, 1000).kind).toBe('tls');
    expect(classify(Object.assign(new Error('bad'), { name: 'HTTPParserError', code: 'HPE_INVALID_CONSTANT' }), url, 1000).kind).toBe('protocol');
  });
});

describe('HttpClient: content codings (RFC 9110 §8.4) decoded, the bound counted in decoded bytes', () => {
  const body = '<CustomerDetail>' + 'é'.repeat(50) + '</CustomerDetail>';
  it.each([
    ['gzip', gzipSync(body)],
    ['x-gzip', gzipSync(body)],
    ['deflate', deflateSync(body)],
    ['deflate', deflateRawSync(body)],
    ['br', brotliCompressSync(body)],
    ['gzip, br', brotliCompressSync(gzipSync(body))],
    ['identity', Buffer.from(body)],
  ])('Content-Encoding %s: the text is the decoded body, named as decoded', async (coding, bytes) => {
    const url = await serve((_req, res) => res.writeHead(200, { 'Content-Encoding': coding, 'Content-Type': 'application/xml' }).end(bytes));
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1 });
    const e = await client.send(get(url));
    expect([e.text, e.truncated, e.decodeNote]).toEqual([body, false, undefined]);
    expect(e.decoded).toBe(coding === 'identity' ? undefined : coding);
    await client.close();
  });

  it('an unknown coding is kept as received, and the exchange says so', async () => {
    const url = await serve((_req, res) => res.writeHead(200, { 'Content-Encoding': 'zstd' }).end('raw bytes'));
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1 });
    const e = await client.send(get(url));
    expect([e.text, e.decoded]).toEqual(['raw bytes', undefined]);
    expect(e.decodeNote).toMatch(/Content-Encoding 'zstd' is not a coding the suite decodes .*judged as received/);
    await client.close();
  });

  it('a corrupt stream keeps what decoded before the error, and says so', async () => {
    const good = gzipSync('<a>' + 'x'.repeat(100_000) + '</a>');
    const corrupt = Buffer.concat([good.subarray(0, good.length >> 1), Buffer.alloc(64, 0xff)]);
    const url = await serve((_req, res) => res.writeHead(200, { 'Content-Encoding': 'gzip' }).end(corrupt));
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1 });
    const e = await client.send(get(url));
    expect(e.text.startsWith('<a>xxx')).toBe(true);
    expect(e.decodeNote).toMatch(/the gzip stream is corrupt after [\d,]+ decoded bytes/);
    await client.close();
  });

  it('a gzip bomb (1 GiB of zeros, produced as a stream): truncated at the bound of decoded bytes, only a little of it read', async () => {
    let sent = 0;
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Type': 'application/xml' });
      const zeros = Buffer.alloc(1024 * 1024);
      const gzip = createGzip({ level: zlibConstants.Z_BEST_COMPRESSION });
      gzip.on('data', (c: Buffer) => (sent += c.length));
      Readable.from((function* () { for (let i = 0; i < 1024; i++) yield zeros; })()).pipe(gzip).pipe(res);
      res.on('close', () => gzip.destroy());
    });
    const client = new HttpClient({ timeoutMs: 10_000, concurrency: 1, maxResponseBytes: 4 * 1024 * 1024 });
    const e = await client.send(get(url));
    expect([e.truncated, e.text.length, e.decoded]).toEqual([true, 4 * 1024 * 1024, 'gzip']);
    // 1 GiB of zeros is about 1 MiB of gzip: the client stopped well before the whole of it.
    expect(sent).toBeLessThan(1024 * 1024);
    await client.close();
  });
});

describe('HttpClient: HTTP_PROXY, HTTPS_PROXY and NO_PROXY from the run environment', () => {
  it('an http:// request goes to HTTP_PROXY in absolute form, with the proxy credentials; the answer is the gateway\'s', async () => {
    const proxy = await startForwardProxy({ credentials: { user: 'ci', password: 'pr0xy-pa55' } });
    const url = await serve((req, res) => res.writeHead(200).end(`seen ${req.url} auth=${req.headers['proxy-authorization'] ?? 'none'}`));
    const { settings } = proxySettings({ HTTP_PROXY: proxy.url });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1, proxy: settings, allowedOrigins: [url] });
    const e = await client.send(get(`${url}api/customers/1`));
    // The gateway never sees the proxy's credentials.
    expect([e.status, e.text]).toEqual([200, 'seen /api/customers/1 auth=none']);
    expect(proxy.requests.map((r) => [r.how, r.target, r.refused])).toEqual([['forward', `${url}api/customers/1`, false]]);
    await client.close();
    await proxy.close();
  });

  it('an https:// request goes through a CONNECT tunnel (a TLS error still worded as such); the origins rule holds before the proxy', async () => {
    const proxy = await startForwardProxy();
    const { port } = await listening(createHttpsServer({ key: fixture('self-signed.key'), cert: fixture('self-signed.pem') }, (_req, res) => res.end('ok')));
    const { settings } = proxySettings({ https_proxy: proxy.origin });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1, proxy: settings, allowedOrigins: [`https://127.0.0.1:${port}`] });
    const e = await failureOf(client, `https://127.0.0.1:${port}/`);
    expect(e.kind).toBe('tls');
    expect(e.message).toMatch(/through the proxy of https_proxy \(http:\/\/127\.0\.0\.1:\d+\)|NODE_EXTRA_CA_CERTS/);
    await expect(client.send(get('https://127.0.0.1:1/'))).rejects.toThrow(/not a configured origin/);
    expect(proxy.requests.map((r) => [r.how, r.target])).toEqual([['connect', `127.0.0.1:${port}`]]);
    await client.close();
    await proxy.close();
  });

  it('NO_PROXY names the host: sent directly; a 407 from the proxy is a proxy error, credentials never in the message', async () => {
    const proxy = await startForwardProxy({ credentials: { user: 'ci', password: 'right' } });
    const url = await serve((_req, res) => res.writeHead(200).end('direct'));
    const direct = new HttpClient({ timeoutMs: 5000, concurrency: 1, proxy: proxySettings({ HTTP_PROXY: proxy.url, NO_PROXY: 'localhost, 127.0.0.1' }).settings });
    expect((await direct.send(get(url))).text).toBe('direct');
    expect(proxy.requests).toEqual([]);
    await direct.close();
    const wrong = `http://ci:wr0ng-s3cret@${new URL(proxy.origin).host}`;
    const refused = new HttpClient({ timeoutMs: 5000, concurrency: 1, retries: 2, proxy: proxySettings({ HTTP_PROXY: wrong }).settings });
    const e = await failureOf(refused, url);
    expect([e.kind, e.attempts]).toEqual(['proxy', 1]);
    expect(e.message).toMatch(/407 Proxy Authentication Required — check the credentials in HTTP_PROXY \(http:\/\/127\.0\.0\.1:\d+\)/);
    expect(e.message).not.toMatch(/wr0ng-s3cret/);
    await refused.close();
    await proxy.close();
  });

  it('proxySettings: lower case wins, HTTPS_PROXY falls back to HTTP_PROXY, a bare host:port is http, and process.env is never read', () => {
    process.env.HTTP_PROXY = 'http://from-process-env:1';
    try {
      expect(proxySettings({}).settings).toEqual({ from: {} });
    } finally {
      delete process.env.HTTP_PROXY;
    }
    expect(proxySettings({ HTTP_PROXY: 'http://a:1', http_proxy: 'http://b:2' }).settings).toMatchObject({ http: 'http://b:2/', https: 'http://b:2/', from: { http: 'http_proxy', https: 'http_proxy' } });
    expect(proxySettings({ HTTPS_PROXY: 'proxy.corp:3128' }).settings).toMatchObject({ https: 'http://proxy.corp:3128/' });
    expect(proxySettings({ HTTP_PROXY: 'ftp://x' }).problems).toEqual(['HTTP_PROXY: not a proxy URL (expected http://host:port, optionally with user:password@)']);
  });
});
