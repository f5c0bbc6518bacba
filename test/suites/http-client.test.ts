/** The suite's HTTP client: retries 429/503 honouring Retry-After (bounded), times out, tells unreachable apart. */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayTimeoutError, GatewayUnreachableError, HttpClient } from '../../lib/http/client.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? (server.closeAllConnections(), server.close(() => r())) : r())));

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('HttpClient', () => {
  it('retries a 429 honouring Retry-After, then returns the answer', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      if (calls < 3) res.writeHead(429, { 'Retry-After': '0' }).end();
      else res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1 });
    const e = await client.send({ method: 'GET', url, headers: {} });
    expect([e.status, e.text, calls]).toEqual([200, 'ok', 3]);
    await client.close();
  });

  it('gives up after the bounded number of retries and returns the 503', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      res.writeHead(503, { 'Retry-After': '0' }).end();
    });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 1, maxRetries: 2 });
    expect((await client.send({ method: 'GET', url, headers: {} })).status).toBe(503);
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
    expect((await client.send({ method: 'GET', url, headers: {} })).status).toBe(200);
    await client.close();
  });

  it('a gateway that does not answer in time is a GatewayTimeoutError', async () => {
    const url = await serve(() => undefined);
    const client = new HttpClient({ timeoutMs: 200, concurrency: 1 });
    await expect(client.send({ method: 'GET', url, headers: {} })).rejects.toBeInstanceOf(GatewayTimeoutError);
    await client.close();
  });

  it('a port nobody listens on is a GatewayUnreachableError, not a reset', async () => {
    const client = new HttpClient({ timeoutMs: 2000, concurrency: 1 });
    const error = await client.send({ method: 'GET', url: 'http://127.0.0.1:9/', headers: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayUnreachableError);
    expect((error as GatewayUnreachableError).reset).toBe(false);
    await client.close();
  });

  it('paces requests by the rate limit (each starts no earlier than its slot)', async () => {
    const arrivals: number[] = [];
    const url = await serve((_req, res) => {
      arrivals.push(performance.now());
      res.writeHead(200).end();
    });
    const client = new HttpClient({ timeoutMs: 5000, concurrency: 4, rateLimit: 20 });
    await Promise.all(Array.from({ length: 5 }, () => client.send({ method: 'GET', url, headers: {} })));
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
    await Promise.all(Array.from({ length: 8 }, () => client.send({ method: 'GET', url, headers: {} })));
    expect(peak).toBe(2);
    await client.close();
  });
});
