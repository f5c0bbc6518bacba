/**
 * The run and its transport (docs/INTERPRETING.md §transport), in process: a TLS or protocol error
 * at the preflight is a problem of its setting, worded with its hint — no verdict (exit 2), never
 * an unexpected crash; a run behind HTTP_PROXY (with credentials) sends every request through the
 * proxy and gets the same verdict, never printing the proxy's credentials; NO_PROXY bypasses it.
 */
import { readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, type Server as TcpServer, createServer as createTcpServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { configuredSettings } from '../../reference/fixtures.ts';
import { startReferenceGateway } from '../../reference/server.ts';
import { runConformance } from '../../runner/run.ts';
import { startForwardProxy } from '../helpers/forward-proxy.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url));
const base = { CONFORMANCE_SEED: '5', CONFORMANCE_RUNS: '10', CONFORMANCE_TIMEOUT_MS: '5000' };

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function listen(server: Server | TcpServer): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closers.push(() => new Promise<void>((r) => ('closeAllConnections' in server && server.closeAllConnections(), server.close(() => r()))));
  return (server.address() as AddressInfo).port;
}

/** Both settings configured at these URLs, the credentials the reference's. */
async function settingsAt(restBaseUrl: string, soapUrl: string): Promise<Record<string, string>> {
  const gw = await startReferenceGateway({ port: 0 });
  closers.push(() => gw.close());
  return { ...base, ...configuredSettings({ restBaseUrl, soapUrl }, gw.fixtures) };
}

describe('TLS and protocol errors at the preflight: no verdict, the cause and a hint per setting', () => {
  it('an untrusted certificate chain and https:// to an http port: exit 2, NODE_EXTRA_CA_CERTS and "the port speaks http" named', async () => {
    const tls = await listen(createHttpsServer({ key: fixture('server.key'), cert: Buffer.concat([fixture('server.pem'), fixture('ca.pem')]) }, (_req, res) => res.end('ok')));
    const plain = await listen(createServer((_req, res) => res.end('ok')));
    const lines: string[] = [];
    const outcome = await runConformance({ env: await settingsAt(`https://127.0.0.1:${tls}/api`, `https://127.0.0.1:${plain}/soap`), log: (l) => lines.push(l) });
    expect([outcome.exitCode, outcome.verdict]).toEqual([2, 'error']);
    expect(outcome.errors).toHaveLength(2);
    expect(outcome.errors[0]).toMatch(/^SYNTCH_BASE_URL: https:\/\/127\.0\.0\.1:\d+: its TLS certificate is not signed by a CA this machine trusts \(SELF_SIGNED_CERT_IN_CHAIN\): .*NODE_EXTRA_CA_CERTS=\/path\/ca\.pem/);
    expect(outcome.errors[1]).toMatch(/^EBIZ_SOAP_URL: .*\(ERR_SSL_[A-Z_]+\): the URL says https but the port speaks http/);
    expect([...outcome.errors, ...lines].join('\n')).not.toMatch(/\n\s+at |deps\/openssl/);
  });

  it('a 20 KiB response header and garbage instead of HTTP: exit 2, the header size and "not HTTP/1.1" named', async () => {
    const big = await listen(
      createServer({ maxHeaderSize: 1024 * 1024 }, (_req, res) => {
        res.setHeader('Set-Cookie', `session=${'a'.repeat(20 * 1024)}`);
        res.end('ok');
      }),
    );
    const garbage = await listen(createTcpServer((socket) => socket.once('data', () => socket.end('\x00\x01\x02 not http at all\r\n\r\n'))));
    const outcome = await runConformance({ env: await settingsAt(`http://127.0.0.1:${big}/api`, `http://127.0.0.1:${garbage}/soap`), log: () => undefined });
    expect([outcome.exitCode, outcome.verdict]).toEqual([2, 'error']);
    expect(outcome.errors[0]).toMatch(/^SYNTCH_BASE_URL: .*header section over 16 KiB/);
    expect(outcome.errors[1]).toMatch(/^EBIZ_SOAP_URL: .*sent an answer that is not HTTP\/1\.1/);
  });
});

describe('HTTP_PROXY and NO_PROXY, from the run environment', () => {
  const credentials = { user: 'ci-runner', password: 'Pr0xy-S3cret-77' };

  /** The reference configured as a user would, and a proxy with credentials. */
  async function setup() {
    const gw = await startReferenceGateway({ port: 0 });
    const proxy = await startForwardProxy({ credentials });
    closers.push(() => proxy.close(), () => gw.close());
    return { proxy, env: { ...base, ...configuredSettings(gw, gw.fixtures) } };
  }
  /** Every attempt the client made: each request, and each retry of one. */
  const attempts = (o: Awaited<ReturnType<typeof runConformance>>) => (o.requests?.sent ?? 0) + (o.requests?.retries ?? 0);

  it('HTTP_PROXY with credentials: every request goes through the proxy, CONFORMANT; the credentials appear in no line and nowhere in the outcome', async () => {
    const { proxy, env } = await setup();
    const lines: string[] = [];
    const outcome = await runConformance({ env: { ...env, HTTP_PROXY: proxy.url }, log: (l) => lines.push(l) });
    expect(outcome.errors).toEqual([]);
    expect([outcome.exitCode, outcome.verdict]).toEqual([0, 'conformant']);
    expect(outcome.requests?.sent).toBeGreaterThan(500);
    // Every attempt went to the proxy (absolute form), which forwarded it, authenticated.
    expect(proxy.requests.filter((r) => r.how === 'forward' && !r.refused)).toHaveLength(attempts(outcome));
    expect(proxy.requests.filter((r) => r.refused)).toEqual([]);
    expect(lines.some((l) => /SYNTCH_BASE_URL is reached through the proxy of HTTP_PROXY \(http:\/\/127\.0\.0\.1:\d+\)/.test(l))).toBe(true);
    const everything = `${lines.join('\n')}\n${JSON.stringify(outcome)}`;
    for (const form of [credentials.password, encodeURIComponent(credentials.password), Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')]) expect(everything).not.toContain(form);
  });

  it('NO_PROXY=127.0.0.1: no request goes through the proxy, CONFORMANT', async () => {
    const { proxy, env } = await setup();
    const outcome = await runConformance({ env: { ...env, http_proxy: proxy.url, NO_PROXY: '127.0.0.1' }, log: () => undefined });
    expect([outcome.exitCode, outcome.verdict]).toEqual([0, 'conformant']);
    expect(outcome.requests?.sent).toBeGreaterThan(500);
    expect(proxy.requests).toEqual([]);
  });
});
