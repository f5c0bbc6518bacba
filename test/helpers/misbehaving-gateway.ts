/**
 * A misbehaving gateway for the project's tests: an HTTP proxy on 127.0.0.1 in front of a started
 * reference gateway (or any http upstream) that forwards every request unchanged, except those a
 * rule picks, which it answers the way broken or hostile gateways do in the field:
 *
 * - `reset`     destroys the socket without answering (also per connection: `resetConnections`);
 * - `stall`     never answers (close() still ends it);
 * - `huge`      200 OK, XML, a body of `bytes` (default 200 MB) written lazily, never buffered;
 * - `endless`   200 OK, XML, a body written until the client goes away or a byte / time cap;
 * - `redirect`  307 (or another 3xx) to the same path on a recording server that keeps every
 *               request it gets (`recorder.requests`), so a test can show nothing reached it;
 * - `echo-credentials` forwards, then writes the request's Authorization value and the SOAP
 *               SecurityId / UserId / Password in every encoding ({@link credentialForms}) into
 *               the answer's message (ErrorResponse Message, SOAP faultstring, JSON message),
 *               keeping the answer well-formed;
 * - `status`    answers a bare status (429, 503, …) with an optional Retry-After, or a page
 *               (`contentType`, `body`: an HTML login page);
 * - `garbage`   answers bytes that are not HTTP and closes the connection;
 * - `die`       forwards and answers, then stops listening for good: the server closes and every
 *               connection is destroyed, as a gateway process killed by the request would;
 * - `rewrite`   forwards, then answers what `answer` makes of the upstream's answer (status,
 *               headers, body bytes): a hostile gateway's text in a member, a message, a header
 *               or a Location, or a binary body. Content-Length is set to the new body's length;
 * - `encode`    forwards, and sends the answer content-coded (`gzip`, `br` or `deflate`, as a
 *               compressing front end does: Content-Encoding set, streamed, no Content-Length);
 * - `gzip-bomb` 200 OK, XML, `Content-Encoding: gzip`: `bytes` (default 1 GiB) of zeros (or of
 *               `fill`) gzipped, about 1 KiB on the wire per MiB: one MiB deflated once and sent
 *               again and again (see {@link bombBlock}), never compressed while it is sent nor held
 *               whole, so the client's reading, not the proxy's CPU, sets its pace. A bomb a
 *               socket's buffers can hold whole (a few MB on the wire) is written out before a
 *               client could leave it: its end is `complete` whatever the client does;
 *
 * A rule is `{ when, which, do }`: `when` picks requests (see {@link matching}), `which` picks
 * among the matching ones by their 1-based count: every one, the N-th, the first K, every N-th.
 * The first rule that picks a request decides; others still count it if it matches them.
 */
import { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse, Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import { constants as zlibConstants, crc32, createBrotliCompress, createDeflate, createGzip, deflateRawSync } from 'node:zlib';
import { REST_BASE_PATH } from '../../reference/rest/put-customer.ts';
import { SOAP_PATH } from '../../reference/soap/mark-customer.ts';
import type { ReferenceFixtures } from '../../reference/fixtures.ts';
import { type ReferenceGatewayOptions, startReferenceGateway } from '../../reference/server.ts';

export interface SeenRequest {
  /** 1-based, over every request the proxy received. */
  readonly index: number;
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  readonly pathname: string;
  /** Which endpoint the path belongs to. */
  readonly api: 'rest' | 'soap';
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type Which = 'every' | { readonly nth: number } | { readonly first: number } | { readonly everyNth: number };

export type Misbehaviour =
  | { readonly kind: 'reset' }
  | { readonly kind: 'stall' }
  | { readonly kind: 'huge'; readonly bytes?: number; readonly declareLength?: boolean }
  | { readonly kind: 'endless'; readonly maxBytes?: number; readonly maxMs?: number }
  | { readonly kind: 'redirect'; readonly status?: 301 | 302 | 303 | 307 | 308; readonly location?: string }
  | { readonly kind: 'echo-credentials' }
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string; readonly contentType?: string; readonly body?: string }
  | { readonly kind: 'die' }
  | { readonly kind: 'garbage' }
  | { readonly kind: 'rewrite'; readonly answer: (upstream: Answer, request: SeenRequest) => Partial<Answer> }
  | { readonly kind: 'encode'; readonly coding: 'gzip' | 'br' | 'deflate' }
  | { readonly kind: 'gzip-bomb'; readonly bytes?: number; readonly fill?: string };

/** An answer as `rewrite` sees and makes it. */
export interface Answer {
  readonly status: number;
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer;
}

export interface Rule {
  /** Default: every request. */
  readonly when?: (r: SeenRequest) => boolean;
  /** Default: 'every'. */
  readonly which?: Which;
  readonly do: Misbehaviour;
}

export interface LogEntry {
  /** 0 for a connection reset before any request was read. */
  readonly index: number;
  readonly method: string;
  readonly url: string;
  readonly api?: 'rest' | 'soap';
  readonly action: 'forwarded' | 'reset-connection' | Misbehaviour['kind'];
  /** Status answered, when one was. */
  status?: number;
  /** Body bytes written by `huge` / `endless`, once the stream stopped. */
  bytes?: number;
  /** Why a `huge` / `endless` stream stopped. */
  end?: 'complete' | 'client-gone' | 'byte-cap' | 'time-cap' | 'proxy-closed';
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface MisbehavingGatewayOptions {
  /** A started gateway (its two URLs, possibly on different origins) or an http origin using the reference's paths. */
  readonly upstream: { readonly restBaseUrl: string; readonly soapUrl: string } | string;
  readonly rules?: readonly Rule[];
  /** Destroy these accepted TCP connections (counted from 1) before reading anything. */
  readonly resetConnections?: Which;
}

export interface MisbehavingGateway {
  /** The upstream's URLs, on the proxy's origin. */
  readonly restBaseUrl: string;
  readonly soapUrl: string;
  /** One entry per request (and per reset connection), in arrival order. */
  readonly log: LogEntry[];
  /** The server redirects point to. */
  readonly recorder: { readonly origin: string; readonly requests: RecordedRequest[] };
  close(): Promise<void>;
}

/** A predicate on method, endpoint, path and body, all optional. `path`: the exact pathname, or a RegExp on path and query. */
export function matching(m: { method?: string; api?: 'rest' | 'soap'; path?: string | RegExp; bodyContains?: string; bodyLacks?: string }): (r: SeenRequest) => boolean {
  return (r) =>
    (m.method === undefined || r.method === m.method.toUpperCase()) &&
    (m.api === undefined || r.api === m.api) &&
    (m.path === undefined || (typeof m.path === 'string' ? r.pathname === m.path : m.path.test(r.url))) &&
    (m.bodyContains === undefined || r.body.includes(m.bodyContains)) &&
    (m.bodyLacks === undefined || !r.body.includes(m.bodyLacks));
}

/** Every form a credential can leak in: raw, URL-encoded, base64 (whole, and the token after an auth scheme), JSON- and XML-escaped. */
export function credentialForms(value: string): string[] {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const json = JSON.stringify(value).slice(1, -1);
  const token = /^[A-Za-z][\w.+-]*\s+(\S.*)$/.exec(value)?.[1];
  const forms = [
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    b64(value),
    Buffer.from(value, 'utf8').toString('base64url'),
    ...(token ? [b64(token)] : []),
    json,
    json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'),
    xmlEscape(value),
    value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'),
  ];
  return [...new Set(forms)];
}

/** The credentials a request carries: its Authorization header and the SOAP token members of its body. */
export function credentialsOf(r: Pick<SeenRequest, 'headers' | 'body'>): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  const auth = r.headers.authorization;
  if (auth) out.push({ name: 'Authorization', value: auth });
  for (const m of r.body.matchAll(/<(?:[\w.-]+:)?(SecurityId|UserId|Password)(?:\s[^>]*)?>([^<]*)<\//g)) {
    if (m[2]) out.push({ name: m[1]!, value: xmlUnescape(m[2]) });
  }
  return out;
}

const MiB = 1024 * 1024;

/** A gzip member's header: deflate, no name, no time, unknown OS (RFC 1952 §2.3). */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
const bombBlocks = new Map<string, Buffer>();
/**
 * One MiB of `fill`, deflated and ended with a full flush (RFC 1951 blocks that end on a byte, the
 * window reset): it refers to nothing before it, so N copies in a row are N MiB of `fill`.
 */
function bombBlock(fill: string): Buffer {
  let block = bombBlocks.get(fill);
  if (!block) bombBlocks.set(fill, (block = deflateRawSync(Buffer.alloc(MiB, fill), { level: zlibConstants.Z_BEST_COMPRESSION, finishFlush: zlibConstants.Z_FULL_FLUSH })));
  return block;
}
const MAX_REQUEST_BODY = 16 * MiB;
const MAX_ECHOED_ANSWER = 4 * MiB;

export async function startMisbehavingGateway(options: MisbehavingGatewayOptions): Promise<MisbehavingGateway> {
  const upstream = typeof options.upstream === 'string' ? { restBaseUrl: new URL(REST_BASE_PATH, options.upstream).href, soapUrl: new URL(SOAP_PATH, options.upstream).href } : options.upstream;
  const restUp = new URL(upstream.restBaseUrl);
  const soapUp = new URL(upstream.soapUrl);
  for (const u of [restUp, soapUp]) if (u.protocol !== 'http:') throw new Error(`misbehaving gateway: upstream must be http, got ${u.href}`);
  const rules = (options.rules ?? []).map((rule) => ({ rule, count: 0 }));
  const log: LogEntry[] = [];
  const agent = new Agent({ keepAlive: true });
  let closed = false;
  let requests = 0;
  let connections = 0;

  const recorded: RecordedRequest[] = [];
  const recorder = await listen(
    createServer((req, res) => {
      readBody(req, MAX_REQUEST_BODY)
        .then((body) => recorded.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: body.toString('utf8') }))
        .catch(() => undefined)
        .finally(() => sendText(res, 200, 'recorded'));
    }),
  );

  const proxy = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  proxy.on('connection', (socket: Socket) => {
    connections++;
    if (options.resetConnections && picks(options.resetConnections, connections)) {
      log.push({ index: 0, method: '', url: '', action: 'reset-connection' });
      reset(socket);
    }
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const index = ++requests;
    const body = await readBody(req, MAX_REQUEST_BODY);
    const url = req.url ?? '/';
    const pathname = new URL(url, 'http://proxy').pathname;
    const api = pathname.toLowerCase().startsWith(soapUp.pathname.toLowerCase()) ? 'soap' : 'rest';
    const seen: SeenRequest = { index, method: req.method ?? 'GET', url, pathname, api, headers: req.headers, body: body.toString('utf8') };
    let chosen: Misbehaviour | undefined;
    for (const r of rules) {
      if (r.rule.when && !r.rule.when(seen)) continue;
      r.count++;
      if (!chosen && picks(r.rule.which ?? 'every', r.count)) chosen = r.rule.do;
    }
    const entry: LogEntry = { index, method: seen.method, url, api, action: chosen?.kind ?? 'forwarded' };
    log.push(entry);
    const answer = (status: number, headers: OutgoingHttpHeaders, text = '') => {
      entry.status = status;
      res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(text) }).end(text);
    };
    const xmlType = api === 'soap' ? 'text/xml; charset=utf-8' : 'application/xml';

    switch (chosen?.kind) {
      case 'reset':
        return reset(req.socket);
      case 'garbage':
        // Bytes that are not an HTTP response, then the connection closes.
        req.socket.end('NOT HTTP AT ALL\r\n\r\n');
        return;
      case 'stall':
        return; // closeAllConnections() in close() ends it
      case 'status':
        return answer(chosen.status, { 'Content-Type': chosen.contentType ?? 'text/plain', ...(chosen.retryAfter !== undefined ? { 'Retry-After': chosen.retryAfter } : {}) }, chosen.body ?? `${chosen.status}`);
      case 'redirect':
        return answer(chosen.status ?? 307, { Location: chosen.location ?? `${recorder.origin}${url}` });
      case 'huge': {
        const bytes = chosen.bytes ?? 200 * 1000 * 1000;
        entry.status = 200;
        res.writeHead(200, { 'Content-Type': xmlType, ...(chosen.declareLength === false ? {} : { 'Content-Length': bytes }) });
        return stream(res, entry, bytes, Infinity, true);
      }
      case 'endless':
        entry.status = 200;
        res.writeHead(200, { 'Content-Type': xmlType });
        return stream(res, entry, chosen.maxBytes ?? 2 * 1024 * MiB, chosen.maxMs ?? 60_000, false);
      case 'rewrite': {
        const target = new URL(url, api === 'soap' ? soapUp.origin : restUp.origin);
        const up = await forward(target, seen, body);
        const upstream: Answer = { status: up.statusCode ?? 502, headers: endToEnd(up.headers), body: await readBody(up, MAX_ECHOED_ANSWER) };
        const made = { ...upstream, ...chosen.answer(upstream, seen) };
        entry.status = made.status;
        const headers = Object.fromEntries(Object.entries(made.headers).filter(([k]) => k.toLowerCase() !== 'content-length'));
        res.writeHead(made.status, { ...headers, 'Content-Length': made.body.length }).end(made.body);
        return;
      }
      case 'gzip-bomb': {
        entry.status = 200;
        res.writeHead(200, { 'Content-Type': xmlType, 'Content-Encoding': 'gzip' });
        const total = chosen.bytes ?? 1024 * MiB;
        const fill = chosen.fill ?? '\0';
        let sent = 0;
        const done = (end: LogEntry['end']) => {
          entry.bytes ??= sent;
          entry.end ??= end;
        };
        const source = Readable.from(
          (function* () {
            yield GZIP_HEADER;
            const block = bombBlock(fill);
            let left = total;
            for (; left >= MiB && !closed; left -= MiB) yield block;
            if (closed) return;
            // The end, which a client that stops at its limit never reads: the rest, the last block, CRC-32 and length.
            const rest = Buffer.alloc(left, fill);
            yield deflateRawSync(rest, { level: zlibConstants.Z_BEST_COMPRESSION });
            const whole = Buffer.alloc(MiB, fill);
            let crc = 0;
            for (let i = 0; i < Math.floor(total / MiB); i++) crc = crc32(whole, crc);
            if (rest.length > 0) crc = crc32(rest, crc); // (crc32 of an empty buffer after deflateRawSync read it gives 0 on Node 20)
            const trailer = Buffer.alloc(8);
            trailer.writeUInt32LE(crc >>> 0, 0);
            trailer.writeUInt32LE(total % 2 ** 32, 4);
            yield trailer;
          })(),
        )
          .on('data', (c: Buffer) => (sent += c.length));
        res.on('close', () => {
          source.destroy();
          done(res.writableFinished ? 'complete' : 'client-gone');
        });
        source.pipe(res);
        return;
      }
      case 'encode':
      case 'echo-credentials':
      case 'die':
      case undefined: {
        const target = new URL(url, api === 'soap' ? soapUp.origin : restUp.origin);
        const up = await forward(target, seen, body);
        if (chosen?.kind === 'encode') {
          entry.status = up.statusCode;
          const coder = chosen.coding === 'br' ? createBrotliCompress() : chosen.coding === 'deflate' ? createDeflate() : createGzip();
          res.writeHead(up.statusCode ?? 502, { ...endToEnd(up.headers), 'Content-Encoding': chosen.coding, Vary: 'Accept-Encoding' });
          up.pipe(coder).pipe(res);
          return;
        }
        if (chosen?.kind !== 'echo-credentials') {
          entry.status = up.statusCode;
          const length = up.headers['content-length'];
          res.writeHead(up.statusCode ?? 502, { ...endToEnd(up.headers), ...(length !== undefined ? { 'Content-Length': length } : {}) });
          up.pipe(res);
          if (chosen?.kind === 'die') {
            res.on('finish', () => {
              proxy.close();
              proxy.closeAllConnections();
            });
          }
          return;
        }
        const text = (await readBody(up, MAX_ECHOED_ANSWER)).toString('utf8');
        const echoed = withEcho(text, String(up.headers['content-type'] ?? ''), credentialsOf(seen));
        return answer(up.statusCode ?? 502, endToEnd(up.headers), echoed);
      }
    }
  }

  /** Writes `limit` bytes of XML-looking filler (one shared chunk, re-sent), honouring backpressure. */
  async function stream(res: ServerResponse, entry: LogEntry, limit: number, maxMs: number, exact: boolean): Promise<void> {
    const head = Buffer.from('<?xml version="1.0" encoding="utf-8"?><CustomerDetail xmlns="http://schemas.datacontract.org/2004/07/Gateway"><CustomerName>');
    const chunk = Buffer.alloc(64 * 1024, 'A');
    const deadline = Date.now() + maxMs;
    let sent = 0;
    let gone = false;
    res.once('close', () => (gone = true));
    const stopped = (): LogEntry['end'] | undefined =>
      closed ? 'proxy-closed' : gone || res.destroyed ? 'client-gone' : sent >= limit ? (exact ? 'complete' : 'byte-cap') : Date.now() >= deadline ? 'time-cap' : undefined;
    let end: LogEntry['end'];
    let ok = res.write(head.subarray(0, Math.min(head.length, limit)));
    sent = Math.min(head.length, limit);
    while (!(end = stopped())) {
      if (!ok) await drained(res, deadline);
      if ((end = stopped())) break;
      const n = Math.min(chunk.length, limit - sent);
      ok = res.write(n === chunk.length ? chunk : chunk.subarray(0, n));
      sent += n;
    }
    entry.bytes = sent;
    entry.end = end;
    if (end === 'complete' || end === 'byte-cap' || end === 'time-cap') {
      if (exact && end !== 'complete') res.destroy();
      else res.end();
    } else res.destroy();
  }

  function forward(target: URL, seen: SeenRequest, body: Buffer): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      // The client's Host is kept, so an upstream that builds URLs from it (the WSDL's address) names the proxy.
      const headers = { host: target.host, ...endToEnd(seen.headers), 'content-length': String(body.length) };
      const up = httpRequest(target, { method: seen.method, headers, agent }, resolve);
      up.on('error', reject);
      up.end(body);
    });
  }

  const proxyAddress = await listen(proxy);
  const onProxy = (u: URL) => `${proxyAddress.origin}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  return {
    restBaseUrl: onProxy(restUp),
    soapUrl: onProxy(soapUp),
    log,
    recorder: { origin: recorder.origin, requests: recorded },
    async close() {
      closed = true;
      agent.destroy();
      await Promise.all([proxyAddress.close(), recorder.close()]);
    },
  };
}

/** Whether the `count`-th matching item (1-based) is picked. */
function picks(which: Which, count: number): boolean {
  if (which === 'every') return true;
  if ('nth' in which) return count === which.nth;
  if ('first' in which) return count <= which.first;
  return count % which.everyNth === 0;
}

/** Inserts the echo at the start of the answer's first message (XML Message / faultstring, JSON message); unchanged when it has none. */
function withEcho(text: string, contentType: string, credentials: { name: string; value: string }[]): string {
  if (credentials.length === 0) return text;
  const echo = credentials.map((c) => `${c.name}: ${credentialForms(c.value).join(' | ')}`).join('; ');
  if (/json/i.test(contentType) || /^\s*[{[]/.test(text)) {
    try {
      const value: unknown = JSON.parse(text);
      return prependToMessage(value, echo) ? JSON.stringify(value) : text;
    } catch {
      return text;
    }
  }
  for (const m of text.matchAll(/<(?:[\w.-]+:)?(?:Message|faultstring)(?:\s[^>]*)?>/gi)) {
    if (m[0].endsWith('/>')) continue;
    const at = m.index + m[0].length;
    return `${text.slice(0, at)}${xmlEscape(echo)} ${text.slice(at)}`;
  }
  return text;
}

function prependToMessage(value: unknown, echo: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (/^message$/i.test(key) && typeof obj[key] === 'string') {
      obj[key] = `${echo} ${obj[key] as string}`;
      return true;
    }
  }
  return Object.values(obj).some((v) => prependToMessage(v, echo));
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function xmlUnescape(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : named[e.toLowerCase()]!,
  );
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer', 'content-length']);

function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
  return out;
}

/** A whole body, refusing more than `max` bytes (the stream is destroyed then). */
function readBody(stream: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        stream.destroy();
        reject(new Error(`body over ${max} bytes`));
      } else chunks.push(c);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    stream.on('close', () => reject(new Error('closed before the end of the body')));
  });
}

function drained(res: ServerResponse, deadline: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, Math.min(deadline - Date.now(), 2_147_000_000)));
    res.once('drain', done);
    res.once('close', done);
  });
}

function reset(socket: Socket): void {
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

function sendText(res: ServerResponse, status: number, text: string): void {
  if (!res.headersSent) res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

async function listen(server: Server): Promise<{ origin: string; close(): Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A started reference gateway behind a misbehaving proxy with `rules`, for a test file: each call
 * starts both, and `closeAll()` (in the file's afterAll) stops every pair started.
 */
export function misbehavingReferences(): {
  start(rules: Rule[], reference?: ReferenceGatewayOptions): Promise<{ proxy: MisbehavingGateway; fixtures: ReferenceFixtures }>;
  closeAll(): Promise<void>;
} {
  const closers: (() => Promise<void>)[] = [];
  return {
    async start(rules, reference = {}) {
      const gw = await startReferenceGateway(reference);
      const proxy = await startMisbehavingGateway({ upstream: gw, rules });
      closers.push(() => proxy.close(), () => gw.close());
      return { proxy, fixtures: gw.fixtures };
    },
    async closeAll() {
      await Promise.all(closers.splice(0).map((c) => c()));
    },
  };
}
