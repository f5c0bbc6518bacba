/**
 * `npm run bench [-- --no-self-check] [--json]`: the suite's speed and memory, measured (never by
 * timed tests). Prints, for a full run of both APIs with the default settings:
 * - time to verdict against the embedded reference, a configured loopback gateway, the same with
 *   100 ms added to every answer, and behind a limit of 50 req/s answered with 429;
 * - the suite's request rate divided by autocannon's against the same gateway (one valid PUT);
 * - the peak RSS of this process (every run is in process);
 * - the peak RSS of the suite's own process (bench/suite-process.mjs, a child running the compiled
 *   JavaScript, built first with `npm run build`) against the reference as is, a gateway answering
 *   every valid PUT with 200 MiB, and one answering it with a gzip bomb (1 GiB of zeros), also at
 *   the highest concurrency: what is not read is never held, and what is read stays within the
 *   run's budget, so they stay close;
 * - the self-check's time (unless --no-self-check).
 * Everything listens on and talks to 127.0.0.1 only, and stops by itself.
 */
import { spawn } from 'node:child_process';
import { type IncomingMessage, type ServerResponse, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { baselineCustomer } from '../generators/baseline.ts';
import { customerBody } from '../generators/serialize.ts';
import { configuredSettings } from '../reference/fixtures.ts';
import { type ReferenceGateway, startReferenceGateway } from '../reference/server.ts';
import { type RunOutcome, runConformance } from '../runner/run.ts';
import { type Misbehaviour, matching, startMisbehavingGateway } from '../test/helpers/misbehaving-gateway.ts';
import { embeddedReference } from '../reference/embedded.ts';

const args = new Set(process.argv.slice(2));
const SEED = '20261126';

interface Row {
  readonly scenario: string;
  readonly seconds: number;
  readonly requests: number;
  readonly reqPerSecond: number;
  readonly verdict: string;
  readonly retries: number;
}

function configured(gw: { restBaseUrl: string; soapUrl: string }, f: ReferenceGateway['fixtures']): Record<string, string> {
  return { ...configuredSettings(gw, f), CONFORMANCE_SEED: SEED };
}

async function timed(scenario: string, env: Record<string, string>): Promise<Row> {
  const started = performance.now();
  const outcome: RunOutcome = await runConformance({ embedded: embeddedReference(), env: { CONFORMANCE_SEED: SEED, ...env }, log: () => undefined });
  const seconds = (performance.now() - started) / 1000;
  const requests = outcome.requests?.sent ?? 0;
  return { scenario, seconds, requests, reqPerSecond: requests / seconds, verdict: outcome.verdict, retries: outcome.requests?.retries ?? 0 };
}

/** A proxy in front of `target` that delays every answer, or answers 429 past a rate. */
async function proxy(target: string, mode: { delayMs?: number; ratePerSecond?: number }): Promise<{ origin: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  let windowStart = Date.now();
  let inWindow = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (mode.ratePerSecond !== undefined) {
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        inWindow = 0;
      }
      if (++inWindow > mode.ratePerSecond) {
        req.resume();
        res.writeHead(429, { 'Retry-After': '1', 'Content-Length': '0' }).end();
        return;
      }
    }
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      const send = () => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      };
      if (mode.delayMs) setTimeout(send, mode.delayMs);
      else send();
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

/** A gateway's URLs with the origin swapped for a proxy's. */
function through(gw: ReferenceGateway, origin: string): { restBaseUrl: string; soapUrl: string } {
  const swap = (u: string) => `${origin}${new URL(u).pathname}`;
  return { restBaseUrl: swap(gw.restBaseUrl), soapUrl: swap(gw.soapUrl) };
}

async function autocannonRate(gw: ReferenceGateway): Promise<number> {
  const { contentType, body } = customerBody(baselineCustomer(), 'xml');
  const result = await autocannon({
    url: `${gw.restBaseUrl}/customers/${gw.fixtures.rest.customers[0]!.customerKey}`,
    method: 'PUT',
    headers: { 'Content-Type': contentType, Accept: contentType, Authorization: gw.fixtures.rest.users.merchant.authorization },
    body,
    connections: 10,
    duration: 5,
  });
  return result.requests.average;
}

interface MemoryRow {
  readonly scenario: string;
  readonly peakRssMiB: number;
  readonly verdict: string;
}

/**
 * The suite's peak RSS in a process of its own, against the reference behind the misbehaving
 * gateway answering every valid PUT (the baseline customer as XML) as `answer` says.
 */
async function suiteMemory(scenario: string, answer: Misbehaviour | undefined, settings: Record<string, string> = {}): Promise<MemoryRow> {
  const reference = await startReferenceGateway({ port: 0 });
  const validXml = customerBody(baselineCustomer(), 'xml').body;
  const gateway = await startMisbehavingGateway({ upstream: reference, rules: answer ? [{ when: matching({ method: 'PUT', api: 'rest', bodyContains: validXml }), do: answer }] : [] });
  try {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DOTENV_CONFIG_PATH: '/nonexistent/.env', CONFORMANCE_RUNS: '10', CONFORMANCE_SEED: SEED, ...settings, ...configuredSettings(gateway, reference.fixtures) };
    const root = fileURLToPath(new URL('..', import.meta.url));
    const line = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['bench/suite-process.mjs'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (code) => (code === 0 ? resolve(out.trim().split('\n').pop() ?? '') : reject(new Error(`suite process exited ${code}`))));
    });
    const { peakRssMiB, verdict } = JSON.parse(line) as { peakRssMiB: number; verdict: string };
    return { scenario, peakRssMiB, verdict };
  } finally {
    await gateway.close();
    await reference.close();
  }
}

function selfCheckSeconds(): Promise<number> {
  const started = performance.now();
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['cli/self-check.ts', '--json'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CONFORMANCE_REPORT_DIR: fileURLToPath(new URL('../reports', import.meta.url)) } });
    child.on('exit', (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`self-check exited ${code}`))));
  });
}

const rows: Row[] = [];
rows.push(await timed('embedded reference', {}));
const gw = await startReferenceGateway({ port: 0 });
let ratio: number | undefined;
try {
  const loopback = await timed('configured loopback gateway', configured(gw, gw.fixtures));
  rows.push(loopback);
  const slow = await proxy(gw.restBaseUrl, { delayMs: 100 });
  try {
    rows.push(await timed('+100 ms latency', configured(through(gw, slow.origin), gw.fixtures)));
  } finally {
    await slow.close();
  }
  const limited = await proxy(gw.restBaseUrl, { ratePerSecond: 50 });
  try {
    rows.push(await timed('rate-limited at 50 req/s (429)', configured(through(gw, limited.origin), gw.fixtures)));
  } finally {
    await limited.close();
  }
  const raw = await autocannonRate(gw);
  ratio = loopback.reqPerSecond / raw;
  rows.push({ scenario: 'autocannon, one valid PUT, 10 connections', seconds: 5, requests: Math.round(raw * 5), reqPerSecond: raw, verdict: '-', retries: 0 });
} finally {
  await gw.close();
}
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
/** The compiled JavaScript the package ships (dist/), built afresh: the memory scenarios run it. */
await new Promise<void>((resolve, reject) => {
  const child = spawn('npm', ['run', '--silent', 'build'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'ignore', 'inherit'] });
  child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run build exited ${code}`))));
});
const memory: MemoryRow[] = [];
memory.push(await suiteMemory('the reference, every answer as it is', undefined));
memory.push(await suiteMemory('200 MiB answering every valid PUT', { kind: 'huge', bytes: 200 * 1024 * 1024 }));
memory.push(await suiteMemory('a gzip bomb (1 GiB of zeros) answering every valid PUT', { kind: 'gzip-bomb', bytes: 1024 * 1024 * 1024 }));
memory.push(await suiteMemory('the same gzip bomb, CONFORMANCE_CONCURRENCY=64', { kind: 'gzip-bomb', bytes: 1024 * 1024 * 1024 }, { CONFORMANCE_CONCURRENCY: '64' }));
const selfCheck = args.has('--no-self-check') ? undefined : await selfCheckSeconds();

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}`;
if (args.has('--json')) {
  console.log(JSON.stringify({ machine, rows, ratio, peakRssMiB, memory, selfCheckSeconds: selfCheck }));
} else {
  console.log(`machine: ${machine}`);
  console.log(`${'scenario'.padEnd(44)} ${'time'.padStart(8)} ${'requests'.padStart(9)} ${'req/s'.padStart(8)} ${'retries'.padStart(8)}  verdict`);
  for (const r of rows) console.log(`${r.scenario.padEnd(44)} ${`${r.seconds.toFixed(1)} s`.padStart(8)} ${String(r.requests).padStart(9)} ${r.reqPerSecond.toFixed(0).padStart(8)} ${String(r.retries).padStart(8)}  ${r.verdict}`);
  if (ratio !== undefined) console.log(`suite req/s ÷ autocannon req/s on the same gateway: ${ratio.toFixed(2)}`);
  console.log(`peak RSS of the bench process (every run in process): ${peakRssMiB.toFixed(0)} MiB`);
  console.log(`peak RSS of the suite's own process (10 runs per property, seed ${SEED}):`);
  for (const m of memory) console.log(`  ${m.scenario.padEnd(58)} ${`${m.peakRssMiB.toFixed(0)} MiB`.padStart(8)}  ${m.verdict}`);
  if (selfCheck !== undefined) console.log(`self-check (every fault and dialect): ${selfCheck.toFixed(0)} s`);
}
