/**
 * `npm run bench [-- --no-self-check] [--no-memory] [--repeat N] [--only TEXT] [--json]`: the
 * suite's speed and memory, measured (never by timed tests). Prints, for a full run of both APIs
 * with the default settings and one seed (each timed scenario run N times, default 1, the median
 * shown; --only keeps the timed scenarios whose name contains TEXT):
 * - time to verdict against the embedded reference, a configured loopback gateway, the same
 *   through the bench's proxy with no delay, and through it with 100 ms and 300 ms added to every
 *   answer (a sandbox far away), answering 1 request in 30 with 429 and `Retry-After: <HTTP-date
 *   1 s ahead>` (a sparse refusal, not a rate limit), and behind a limit of 50 req/s answered with
 *   429; each distant scenario with its ratio to the proxy with no delay (the proxy, a second HTTP
 *   hop in this process, costs both the same: only the delay or refusals differ) and to the
 *   loopback run, the issue's goal where it sets one, the most requests in flight at once and the
 *   verdict;
 * - the suite's request rate divided by autocannon's against the same gateway (one valid PUT),
 *   in process and for the whole command-line process (start to exit, reports written; each run
 *   paired with an autocannon run just before it, the median of the pairs' ratios), and the
 *   time of `gateway-conformance --version`;
 * - the peak RSS of this process (every run is in process);
 * - the peak RSS of the suite's own process (bench/suite-process.mjs, a child running the compiled
 *   JavaScript, built first with `npm run build`) against the reference as is, a gateway answering
 *   every valid PUT with 200 MiB, and one answering it with a gzip bomb (64 GiB of zeros), also at
 *   the highest concurrency: what is not read is never held, and what is read stays within the
 *   run's budget, so they stay close;
 * - the self-check's time (unless --no-self-check).
 * Everything listens on and talks to 127.0.0.1 only, and stops by itself.
 */
import { spawn } from 'node:child_process';
import { type IncomingMessage, type ServerResponse, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
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
  readonly peakInFlight?: number;
  /** Time ÷ the same gateway's through the bench's proxy with no delay (only the delay or refusals differ). */
  readonly ratio?: number;
  /** Time ÷ the loopback run's (no proxy). */
  readonly loopbackRatio?: number;
  /** The issue's goal for that ratio. */
  readonly goal?: number;
}

const repeat = Math.max(1, Number(valueOf('--repeat') ?? 1) || 1);
const only = valueOf('--only');

function valueOf(flag: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function configured(gw: { restBaseUrl: string; soapUrl: string }, f: ReferenceGateway['fixtures']): Record<string, string> {
  return { ...configuredSettings(gw, f), CONFORMANCE_SEED: SEED };
}

/** One full run, `repeat` times: the median time; the verdicts must agree, or the row says so. */
async function timed(scenario: string, env: Record<string, string>): Promise<Row> {
  const runs: Row[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    const outcome: RunOutcome = await runConformance({ embedded: embeddedReference(), env: { CONFORMANCE_SEED: SEED, ...env }, log: () => undefined });
    const seconds = (performance.now() - started) / 1000;
    const requests = outcome.requests?.sent ?? 0;
    runs.push({ scenario, seconds, requests, reqPerSecond: requests / seconds, verdict: outcome.verdict, retries: outcome.requests?.retries ?? 0, peakInFlight: outcome.requests?.peakInFlight ?? 0 });
  }
  const seconds = median(runs.map((r) => r.seconds));
  const verdicts = [...new Set(runs.map((r) => r.verdict))];
  const requests = median(runs.map((r) => r.requests));
  return {
    scenario,
    seconds,
    requests,
    reqPerSecond: requests / seconds,
    verdict: verdicts.length === 1 ? verdicts[0]! : `DIFFERS: ${verdicts.join(' / ')}`,
    retries: median(runs.map((r) => r.retries)),
    peakInFlight: Math.max(...runs.map((r) => r.peakInFlight ?? 0)),
  };
}

interface ProxyMode {
  /** Every answer this much later. */
  readonly delayMs?: number;
  /** Past this many requests in a second, 429 with Retry-After: 1 (a fixed-window rate limit). */
  readonly ratePerSecond?: number;
  /** Every n-th request 429 with Retry-After: an HTTP-date 1 s ahead (deterministic, not a rate limit). */
  readonly refuseEvery?: number;
}

/** A proxy in front of `target` that delays every answer, answers 429 past a rate, or refuses 1 request in n. */
async function proxy(target: string, mode: ProxyMode): Promise<{ origin: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  let windowStart = Date.now();
  let inWindow = 0;
  let seen = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (mode.refuseEvery !== undefined && ++seen % mode.refuseEvery === 0) {
      req.resume();
      res.writeHead(429, { 'Retry-After': new Date(Date.now() + 1000).toUTCString(), 'Content-Length': '0' }).end();
      return;
    }
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
  readonly peakInFlight: number;
  readonly verdict: string;
}

/** The command line as the installed package starts it (the compiled build), against `gw`: seconds from start to exit, and its exit code. */
function wholeProcess(args: readonly string[], env: Record<string, string>): Promise<{ seconds: number; code: number | null }> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const reports = mkdtempSync(join(tmpdir(), 'bench-reports-'));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // The compiled entry, as the installed package's bin runs it (in a clone the bin runs the sources through tsx).
    const child = spawn(process.execPath, [join(root, 'dist/cli/main.js'), ...args], {
      cwd: reports,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CONFORMANCE_REPORT_DIR: reports, ...env },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      rmSync(reports, { recursive: true, force: true });
      resolve({ seconds: (performance.now() - started) / 1000, code });
    });
  });
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
    const { peakRssMiB, peakInFlight, verdict } = JSON.parse(line) as { peakRssMiB: number; peakInFlight: number; verdict: string };
    return { scenario, peakRssMiB, peakInFlight, verdict };
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

/** The compiled JavaScript the package ships (dist/), built afresh first: the whole-process and memory scenarios run it, as the installed package does. */
await new Promise<void>((resolve, reject) => {
  const child = spawn('npm', ['run', '--silent', 'build'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'ignore', 'inherit'] });
  child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run build exited ${code}`))));
});
const wanted = (name: string) => only === undefined || name.includes(only);
const rows: Row[] = [];
if (wanted('embedded reference')) rows.push(await timed('embedded reference', {}));
const gw = await startReferenceGateway({ port: 0 });
let ratio: number | undefined;
let whole: { ratio: number; ratios: number[]; seconds: number; code: number | null; versionSeconds: number } | undefined;
try {
  const loopback = await timed('configured loopback gateway', configured(gw, gw.fixtures));
  rows.push(loopback);
  // The denominator of the distant scenarios: the same gateway through the same proxy, answers not
  // delayed — the proxy's own work (a second HTTP hop in this process) is in both, the delay is not.
  const undelayed = await proxy(gw.restBaseUrl, {});
  let near: Row;
  try {
    near = await timed('the same through the bench proxy, no delay', configured(through(gw, undelayed.origin), gw.fixtures));
  } finally {
    await undelayed.close();
  }
  rows.push({ ...near, loopbackRatio: near.seconds / loopback.seconds });
  const distant: readonly [string, ProxyMode, number | undefined][] = [
    ['+100 ms latency', { delayMs: 100 }, 2],
    ['+300 ms latency', { delayMs: 300 }, 3],
    ['sparse 429 (1 in 30, Retry-After: HTTP-date)', { refuseEvery: 30 }, 3],
    ['rate-limited at 50 req/s (429)', { ratePerSecond: 50 }, undefined],
  ];
  for (const [name, mode, goal] of distant) {
    if (!wanted(name)) continue;
    const p = await proxy(gw.restBaseUrl, mode);
    try {
      const row = await timed(name, configured(through(gw, p.origin), gw.fixtures));
      rows.push({ ...row, ratio: row.seconds / near.seconds, loopbackRatio: row.seconds / loopback.seconds, ...(goal ? { goal } : {}) });
    } finally {
      await p.close();
    }
  }
  if (wanted('autocannon')) {
    // Autocannon and the whole process in pairs, one right after the other: this machine's speed
    // moves between minutes (autocannon's own rate by 2× over a day), so each whole-process run is
    // divided by the autocannon rate measured just before it, and the median of those ratios is shown.
    const raws: number[] = [];
    const runs: { seconds: number; code: number | null; ratio: number }[] = [];
    for (let i = 0; i < repeat; i++) {
      const raw = await autocannonRate(gw);
      raws.push(raw);
      // The same run as the loopback row (same seed, same requests), timed as a whole process.
      const run = await wholeProcess([], configured(gw, gw.fixtures));
      runs.push({ ...run, ratio: loopback.requests / run.seconds / raw });
    }
    const raw = median(raws);
    ratio = loopback.reqPerSecond / raw;
    rows.push({ scenario: 'autocannon, one valid PUT, 10 connections', seconds: 5, requests: Math.round(raw * 5), reqPerSecond: raw, verdict: '-', retries: 0 });
    const versions: number[] = [];
    for (let i = 0; i < repeat; i++) versions.push((await wholeProcess(['--version'], {})).seconds);
    whole = { seconds: median(runs.map((r) => r.seconds)), code: runs[0]!.code, ratio: median(runs.map((r) => r.ratio)), ratios: runs.map((r) => r.ratio), versionSeconds: median(versions) };
  }
} finally {
  await gw.close();
}
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
const memory: MemoryRow[] = [];
if (!args.has('--no-memory')) {
  memory.push(await suiteMemory('the reference, every answer as it is', undefined));
  memory.push(await suiteMemory('200 MiB answering every valid PUT', { kind: 'huge', bytes: 200 * 1024 * 1024 }));
  // 64 MB on the wire, more than a socket holds: the client's leaving ends it (test/helpers/misbehaving-gateway.ts).
  memory.push(await suiteMemory('a gzip bomb (64 GiB of zeros) answering every valid PUT', { kind: 'gzip-bomb', bytes: 64 * 1024 * 1024 * 1024 }));
}
const selfCheck = args.has('--no-self-check') ? undefined : await selfCheckSeconds();

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;
if (args.has('--json')) {
  console.log(JSON.stringify({ machine, repeat, rows, ratio, whole, peakRssMiB, memory, selfCheckSeconds: selfCheck }));
} else {
  console.log(`machine: ${machine}${repeat > 1 ? ` (medians of ${repeat} runs)` : ''}`);
  console.log(`${'scenario'.padEnd(46)} ${'time'.padStart(7)} ${'÷ no delay'.padStart(10)} ${'goal'.padStart(5)} ${'÷ loopback'.padStart(10)} ${'requests'.padStart(9)} ${'req/s'.padStart(6)} ${'retries'.padStart(7)} ${'in flight'.padStart(9)}  verdict`);
  const times = (x: number | undefined) => (x === undefined ? '' : `${x.toFixed(1)}×`);
  for (const r of rows) {
    const goalText = r.goal === undefined ? '' : `≤ ${r.goal}×`;
    console.log(`${r.scenario.padEnd(46)} ${`${r.seconds.toFixed(1)} s`.padStart(7)} ${times(r.ratio).padStart(10)} ${goalText.padStart(5)} ${times(r.loopbackRatio).padStart(10)} ${String(r.requests).padStart(9)} ${r.reqPerSecond.toFixed(0).padStart(6)} ${String(r.retries).padStart(7)} ${String(r.peakInFlight ?? '').padStart(9)}  ${r.verdict}`);
  }
  if (ratio !== undefined) console.log(`suite req/s ÷ autocannon req/s on the same gateway: ${ratio.toFixed(2)} in process`);
  if (whole) {
    const each = whole.ratios.length > 1 ? ` (each run ÷ the autocannon run just before it: ${whole.ratios.map((r) => r.toFixed(2)).join(', ')})` : '';
    console.log(`  whole process (gateway-conformance, start to exit, reports written): ${whole.seconds.toFixed(1)} s, exit ${whole.code}, ${whole.ratio.toFixed(2)} of autocannon's rate (goal ≥ 0.3)${each}`);
    console.log(`  gateway-conformance --version: ${whole.versionSeconds.toFixed(2)} s`);
  }
  console.log(`peak RSS of the bench process (every run in process): ${peakRssMiB.toFixed(0)} MiB`);
  if (memory.length > 0) console.log(`peak RSS of the suite's own process (10 runs per property, seed ${SEED}):`);
  for (const m of memory) console.log(`  ${m.scenario.padEnd(58)} ${`${m.peakRssMiB.toFixed(0)} MiB`.padStart(8)} ${`${m.peakInFlight} in flight at most`.padStart(20)}  ${m.verdict}`);
  if (selfCheck !== undefined) console.log(`self-check (every fault and dialect): ${selfCheck.toFixed(0)} s`);
}
