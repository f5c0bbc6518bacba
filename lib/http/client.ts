/**
 * The run's one HTTP client (undici). Every request the suite makes — its own and the `soap`
 * package's (see soap-adapter.ts) — goes through one instance per run, so one limiter, one
 * timeout policy and one retry budget hold for the whole run (docs/INTERPRETING.md §transport):
 *
 * - **No redirect is followed.** A 3xx is an answer like any other, and a request may only go to
 *   the origins the run was configured with, so credentials never leave them.
 * - **Bounded bodies, decoded.** At most `maxResponseBytes` of an answer are kept, counted after
 *   its content codings (gzip, deflate, br) are undone; the rest is never read (the connection is
 *   dropped) and the exchange says it was truncated; the bytes kept by answers being read stay
 *   within one budget for the run, whatever the concurrency (response-body.ts).
 * - **Transport failures are retried** (a reset, a timeout, a refused connection): PUT is
 *   idempotent and so, by this API's semantics, is MarkCustomerAsSynchronized. Each request has
 *   `retries` further attempts, and the run as a whole a retry budget; a failure that outlasts
 *   them is a {@link TransportError}, which the runner turns into a run error (no verdict) —
 *   except where the clause under test is about how the gateway treats a hostile body.
 * - **TLS and protocol errors are not retried**: a certificate the machine does not trust, https
 *   to a port that speaks http, an answer that is not HTTP/1.1 or whose headers pass 16 KiB say
 *   the same on every attempt. Every error is a {@link TransportError}, worded with a hint where
 *   one helps (see {@link classify}); none ends a run as an unexpected crash.
 * - **Proxies**: HTTP_PROXY, HTTPS_PROXY and NO_PROXY (or their lower-case forms) from the run's
 *   environment are honoured (undici's EnvHttpProxyAgent). An http:// target goes to the proxy in
 *   absolute form, an https:// one through a CONNECT tunnel; the configured-origins rule is
 *   checked on the request's own URL before it is handed to the proxy, and no redirect is followed
 *   either way. A proxy's credentials are never part of a message.
 * - **429 and 503 are retried** honouring Retry-After (seconds or an HTTP-date) for the refused
 *   request; a gateway that keeps answering them is a {@link TransportError} of kind
 *   `unavailable`, not a verdict.
 * - **Adaptive pacing** (limiter.ts): in-flight requests are bounded by a gradient window that
 *   grows while answer times stay flat and shrinks when they rise with it, on transport failures
 *   and on persistent 429/503, never above `concurrency`; an explicit `rateLimit` (requests per
 *   second) caps the whole run. A request waits in the lane of the work that makes it (lane.ts):
 *   the requests of a sequence go before a property's generated runs.
 */
import type { Readable } from 'node:stream';
import { Agent, type Dispatcher, EnvHttpProxyAgent, request } from 'undici';
import { laneNow } from './lane.ts';
import { type Clock, ConcurrencyLimiter, systemClock } from './limiter.ts';
import { type ProxySettings, proxyNote } from './proxy.ts';
import { BodyBudget, readBody } from './response-body.ts';

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array | StreamedBody;
}

/**
 * A body produced while it is sent, never held whole (the 64 MiB hostile body): its length goes
 * out as Content-Length, so a gateway can refuse it before reading any of it, and production stops
 * as soon as the gateway has answered or closed the connection.
 */
export interface StreamedBody {
  /** Bytes in all: the Content-Length sent. */
  readonly length: number;
  /** The body from its first byte; called once per attempt. */
  stream(): AsyncIterable<Uint8Array>;
  /** A shell command writing the same bytes, for reproductions; `word` quotes one text as a shell word. */
  readonly shell?: (word: (text: string) => string) => string;
}

export function isStreamedBody(body: HttpRequest['body']): body is StreamedBody {
  return typeof body === 'object' && !(body instanceof Uint8Array);
}

export interface HttpExchange {
  readonly request: HttpRequest;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Media type and parameters as sent, '' when absent. */
  readonly contentType: string;
  /** The body as read (at most `maxResponseBytes` after its content codings are undone), decoded as UTF-8. */
  readonly text: string;
  /** The answer was longer than `maxResponseBytes`: `text` is its beginning. */
  readonly truncated: boolean;
  /** The content codings undone to get `text` ('gzip', 'br', …), when the answer had any (Content-Encoding). */
  readonly decoded?: string;
  /** Why `text` is not the decoded answer: a coding the suite does not decode, a corrupt stream. */
  readonly decodeNote?: string;
  readonly durationMs: number;
  /** Attempts it took (1 when the first one was answered). */
  readonly attempts: number;
}

/**
 * Why a request got no usable answer: `tls` (the handshake failed: an untrusted certificate, https
 * to an http port), `protocol` (the answer is not HTTP/1.1 as undici reads it: a malformed status
 * line, headers over 16 KiB, a body shorter than its Content-Length), `proxy` (the proxy refused
 * the request: 407), `failed` (any other error of the transport).
 */
export type TransportFailureKind = 'unreachable' | 'reset' | 'timeout' | 'unavailable' | 'tls' | 'protocol' | 'proxy' | 'failed';

/** Kinds that say the same on every attempt: never retried. */
const DETERMINISTIC: ReadonlySet<TransportFailureKind> = new Set(['tls', 'protocol', 'proxy']);

/** Whether a failure of this kind is retried (a reset, a timeout, …) or not (a TLS or protocol error). */
export function isRetried(kind: TransportFailureKind): boolean {
  return !DETERMINISTIC.has(kind);
}

/** A request that got no usable answer after every attempt it was allowed. */
export class TransportError extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    readonly url: string,
    /** The last error code seen (ECONNRESET, UND_ERR_HEADERS_TIMEOUT, 503, …). */
    readonly code: string,
    readonly attempts: number,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface HttpClientOptions {
  /** Per-attempt timeout (connect, headers and body). */
  readonly timeoutMs: number;
  /** Most requests in flight at once: the ceiling of the adaptive window, which starts smaller. */
  readonly concurrency: number;
  /** Requests per second at most, for the whole run; undefined: no cap. */
  readonly rateLimit?: number;
  /** Further attempts after a transport failure (reset, timeout, refused). Default 2. */
  readonly retries?: number;
  /** Retries of a 429/503 answer. Default 6. */
  readonly statusRetries?: number;
  /** Longest Retry-After honoured, in ms. Default 30 s. */
  readonly maxRetryWaitMs?: number;
  /** Bytes of an answer read at most. Default 4 MiB. */
  readonly maxResponseBytes?: number;
  /** Origins requests may go to; any other is refused before it is sent. Default: any. */
  readonly allowedOrigins?: readonly string[];
  /** The proxies of the run's environment (proxy.ts: {@link proxySettings}); default none, whatever process.env says. */
  readonly proxy?: ProxySettings;
  /** Once aborted, no request is sent or retried and those in flight are abandoned ({@link Interrupted}). */
  readonly signal?: AbortSignal;
  /** Where the pacing and the waits between attempts take their time from; default the system's. */
  readonly clock?: Clock;
}

/** Thrown by {@link HttpClient.send} once the client's signal was aborted (the run was interrupted). */
export class Interrupted extends Error {
  constructor() {
    super('the run was interrupted');
    this.name = 'Interrupted';
  }
}

/** Thrown by {@link HttpClient.send} for a request given up before it was sent ({@link SendOptions.cancelled}). */
export class Cancelled extends Error {
  constructor() {
    super('the request was given up before it was sent');
    this.name = 'Cancelled';
  }
}

export interface SendOptions {
  /** Further attempts after a transport failure, for this request. Default: the client's. */
  readonly retries?: number;
  /**
   * The body is hostile (an entity bomb, a 64 MiB body): a dropped connection is the gateway's way
   * of refusing it, not a sign of overload, so the limiter learns nothing from its transport
   * failures (they would halve the window of the whole run, twice for one refused body).
   */
  readonly hostile?: boolean;
  /**
   * Asked once the request has its slot, before it is sent: true gives it up unsent (it throws
   * {@link Cancelled}). A run that has stopped early drops the requests still waiting in the
   * limiter's queue instead of sending them.
   */
  readonly cancelled?: () => boolean;
}

export interface ClientStats {
  /** Requests asked for (not attempts). */
  readonly requests: number;
  /** Requests answered so far. */
  readonly answered: number;
  /** Attempts repeated (transport failures and 429/503). */
  readonly retries: number;
  /** Requests that failed after every attempt. */
  readonly failed: number;
  /** The adaptive window now. */
  readonly window: number;
  /** The most requests in flight at once so far. */
  readonly peakInFlight: number;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);
const TIMEOUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ABORT_ERR', 'TimeoutError', 'AbortError', 'ETIMEDOUT']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
/** Certificate verification failures that mean "not signed by a CA this machine trusts". */
const UNTRUSTED = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE']);
/** OpenSSL's words for a TLS client that got plain HTTP back. */
const PLAIN_HTTP = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_HTTP_REQUEST', 'ERR_SSL_RECORD_LAYER_FAILURE']);

export class HttpClient {
  private readonly agent: Dispatcher;
  private readonly maxBytes: number;
  /** The run's budget for the bytes of answers being read (response-body.ts): memory does not grow with the concurrency. */
  private readonly bodyBudget = new BodyBudget();
  private readonly origins?: ReadonlySet<string>;
  private readonly limiter: ConcurrencyLimiter;
  private readonly clock: Clock;
  private counts = { requests: 0, answered: 0, retries: 0, failed: 0 };
  /** The requests being exchanged: the run's signal aborts them all. */
  private readonly inFlight = new Set<AbortController>();
  /** Transport retries the run may still spend beyond its first 20: one per ten requests. */
  private budgetSpent = 0;

  constructor(private readonly options: HttpClientOptions) {
    const agentOptions = { connect: { timeout: options.timeoutMs }, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs };
    const proxy = options.proxy;
    // Every value given ('' for none): EnvHttpProxyAgent falls back to process.env for an undefined one.
    // proxyTunnel false: an http:// target goes to the proxy in absolute form, as curl sends it (a
    // CONNECT to a port other than 443 is refused by many proxies); https:// is always tunnelled.
    this.agent =
      proxy && (proxy.http || proxy.https)
        ? new EnvHttpProxyAgent({ ...agentOptions, httpProxy: proxy.http ?? '', httpsProxy: proxy.https ?? '', noProxy: proxy.noProxy ?? '', proxyTunnel: false })
        : new Agent(agentOptions);
    this.maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.clock = options.clock ?? systemClock;
    this.limiter = new ConcurrencyLimiter({ ceiling: options.concurrency, clock: this.clock, ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}) });
    if (options.allowedOrigins) this.origins = new Set(options.allowedOrigins.map((u) => new URL(u).origin));
    options.signal?.addEventListener('abort', this.abortAll, { once: true });
  }

  private readonly abortAll = (): void => {
    for (const c of this.inFlight) c.abort(this.options.signal?.reason);
  };

  get stats(): ClientStats {
    return { ...this.counts, window: this.limiter.window, peakInFlight: this.limiter.peak };
  }

  async send(req: HttpRequest, options: SendOptions = {}): Promise<HttpExchange> {
    if (this.origins && !this.origins.has(new URL(req.url).origin)) {
      throw new Error(`refused to send to ${new URL(req.url).origin}: not a configured origin (credentials never leave the configured origins)`);
    }
    this.counts.requests++;
    const transportRetries = options.retries ?? this.options.retries ?? 2;
    const statusRetries = this.options.statusRetries ?? 6;
    let transportTries = 0;
    let statusTries = 0;
    for (let attempt = 1; ; attempt++) {
      if (this.options.signal?.aborted) throw new Interrupted();
      const permit = await this.limiter.acquire(laneNow());
      let outcome: HttpExchange | TransportError;
      try {
        if (this.options.signal?.aborted) throw new Interrupted();
        if (options.cancelled?.()) throw new Cancelled();
        outcome = await this.once(req, attempt);
      } catch (e) {
        const aborted = this.options.signal?.aborted === true;
        if (aborted || !(e instanceof TransportError)) {
          permit.release({ kind: 'abandoned' });
          throw aborted ? new Interrupted() : e;
        }
        outcome = e;
      }
      if (outcome instanceof TransportError) {
        permit.release(options.hostile ? { kind: 'abandoned' } : { kind: 'failed' });
        if (isRetried(outcome.kind) && transportTries < transportRetries && this.spendBudget()) {
          transportTries++;
          this.counts.retries++;
          await this.clock.sleep(Math.min(200 * 2 ** (transportTries - 1), 2000));
          continue;
        }
        this.counts.failed++;
        throw new TransportError(outcome.kind, outcome.url, outcome.code, attempt, `${outcome.message}${attempt > 1 ? ` (${attempt} attempts)` : ''}`);
      }
      if (outcome.status === 429 || outcome.status === 503) {
        // Only this request waits its Retry-After; the limiter holds the others back only when refusals persist.
        const wait = this.retryDelay(outcome.headers['retry-after'], statusTries);
        permit.release({ kind: 'refused', retryAfterMs: wait });
        if (statusTries < statusRetries) {
          statusTries++;
          this.counts.retries++;
          await this.clock.sleep(wait);
          continue;
        }
        this.counts.failed++;
        throw new TransportError('unavailable', req.url, String(outcome.status), attempt, `${new URL(req.url).origin} kept answering ${outcome.status} after ${attempt} attempts (Retry-After honoured)`);
      }
      permit.release({ kind: 'answered', rttMs: outcome.durationMs });
      this.counts.answered++;
      return outcome;
    }
  }

  close(): Promise<void> {
    this.options.signal?.removeEventListener('abort', this.abortAll);
    return this.agent.close();
  }

  /** Closes every connection now, abandoning the requests in flight (an interrupted run). */
  destroy(): Promise<void> {
    this.options.signal?.removeEventListener('abort', this.abortAll);
    return this.agent.destroy();
  }

  private spendBudget(): boolean {
    const allowance = 20 + Math.floor(this.counts.requests / 10);
    if (this.budgetSpent >= allowance) return false;
    this.budgetSpent++;
    return true;
  }

  /** How long a refused request waits: its Retry-After (RFC 9110 §10.2.3), bounded; without one, a backoff. */
  private retryDelay(retryAfter: string | undefined, attempt: number): number {
    const cap = this.options.maxRetryWaitMs ?? 30_000;
    const ms = retryAfterMs(retryAfter, this.clock.now());
    if (ms !== undefined) return Math.min(Math.max(ms, 50), cap);
    return Math.min(250 * 2 ** attempt, cap);
  }

  private async once(req: HttpRequest, attempt: number): Promise<HttpExchange> {
    const started = performance.now();
    const upload = isStreamedBody(req.body) ? streaming(req.body) : undefined;
    const abort = abortOn(this.options.timeoutMs, upload?.stop.signal);
    // The run's signal reaches the requests in flight through one listener (the constructor's), not one each.
    this.inFlight.add(abort.controller);
    if (this.options.signal?.aborted) abort.controller.abort(this.options.signal.reason);
    try {
      const res = await request(req.url, {
        method: req.method as 'PUT',
        headers: upload ? { ...withoutContentLength(req.headers), 'content-length': String(upload.length) } : req.headers,
        // undici sends an async iterable chunk by chunk (its types list only Readable).
        body: upload ? (upload.chunks as unknown as Readable) : (req.body as string | Uint8Array | undefined),
        dispatcher: this.agent,
        signal: abort.controller.signal,
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      // A 407 comes from the proxy, never from the gateway: the request did not get through.
      if (res.statusCode === 407 && this.options.proxy && (this.options.proxy.http || this.options.proxy.https)) {
        res.body.destroy();
        throw new TransportError('proxy', req.url, '407', 1, `the proxy refused the request to ${new URL(req.url).origin}: 407 Proxy Authentication Required — check the credentials in ${proxyNote(this.options.proxy, req.url)}`);
      }
      const declared = Number(headers['content-length']);
      const body = await readBody(res.body, headers['content-encoding'], this.maxBytes, Number.isSafeInteger(declared) ? declared : undefined, this.bodyBudget);
      // Answered before the whole body went out (a 413, say): stop producing it; the connection goes.
      upload?.answered();
      const text = body.text;
      return {
        request: req,
        status: res.statusCode,
        headers,
        contentType: headers['content-type'] ?? '',
        text,
        truncated: body.truncated,
        ...(body.decoded ? { decoded: body.decoded } : {}),
        ...(body.note ? { decodeNote: body.note } : {}),
        durationMs: performance.now() - started,
        attempts: attempt,
      };
    } catch (e) {
      throw e instanceof TransportError ? e : classify(e, req.url, this.options.timeoutMs, this.options.proxy);
    } finally {
      abort.done();
      this.inFlight.delete(abort.controller);
    }
  }
}

/**
 * One request's abort: its signal is aborted with a `TimeoutError` once `timeoutMs` have passed
 * (headers and body), or when `stop` is. What `AbortSignal.any([AbortSignal.timeout(ms), stop])`
 * does, without its cost on Node 20 (two more signals a request, tracked until collected): one
 * controller and one timer, let go once the exchange is over (`done`).
 */
function abortOn(timeoutMs: number, stop: AbortSignal | undefined): { controller: AbortController; done(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), timeoutMs);
  // As AbortSignal.timeout's: a pending request's timer alone does not keep the process alive.
  timer.unref();
  const follow = (): void => controller.abort(stop?.reason);
  if (stop?.aborted) follow();
  else stop?.addEventListener('abort', follow, { once: true });
  return {
    controller,
    done() {
      clearTimeout(timer);
      stop?.removeEventListener('abort', follow);
    },
  };
}

/**
 * A streamed body as undici sends it: chunks produced only while no answer has come. Once it has
 * (`answered`), production stops and the request is aborted, which closes the connection — the
 * gateway already said what it had to say, and the rest of the body is never sent.
 */
function streaming(body: StreamedBody): { length: number; chunks: AsyncIterable<Uint8Array>; stop: AbortController; answered(): void } {
  const stop = new AbortController();
  let done = false;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of body.stream()) {
      if (stop.signal.aborted) return;
      yield chunk;
    }
    done = true;
  }
  return {
    length: body.length,
    chunks: chunks(),
    stop,
    answered: () => {
      if (!done) stop.abort();
    },
  };
}

function withoutContentLength(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'content-length'));
}

/**
 * Every error of an attempt as a {@link TransportError} — a run never ends in an unexpected crash
 * because of what the network or the gateway did — worded for the person reading the run, with a
 * hint where one helps. Exported for the tests of its wording.
 */
export function classify(e: unknown, url: string, timeoutMs: number, proxy?: ProxySettings): TransportError {
  const err = (typeof e === 'object' && e !== null ? e : { message: String(e) }) as { code?: unknown; name?: unknown; cause?: { code?: unknown; name?: unknown }; message?: unknown };
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const name = text(err.name);
  const code = text(err.code) ?? text(err.cause?.code) ?? (name === 'Error' ? undefined : name) ?? 'UNKNOWN';
  const message = text(err.message) ?? '';
  const origin = new URL(url).origin;
  const via = proxyNote(proxy, url);
  const viaProxy = via ? ` (through the proxy of ${via})` : '';
  const fail = (kind: TransportFailureKind, words: string) => new TransportError(kind, url, code, 1, words);

  if (TIMEOUT.has(code) || name === 'TimeoutError' || name === 'AbortError' || text(err.cause?.name) === 'TimeoutError') {
    return fail('timeout', `no answer from ${origin} within ${timeoutMs} ms (CONFORMANCE_TIMEOUT_MS)${viaProxy}`);
  }
  if (UNREACHABLE.has(code)) return fail('unreachable', `cannot reach ${origin}: ${code}${viaProxy}`);
  if (RESET.has(code)) return fail('reset', `${origin} dropped the connection: ${code}${viaProxy}`);

  // TLS: the certificate, then the handshake.
  if (UNTRUSTED.has(code)) {
    return fail('tls', `${origin}: its TLS certificate is not signed by a CA this machine trusts (${code}): for a private or self-signed CA, start the suite with NODE_EXTRA_CA_CERTS=/path/ca.pem in its environment (the CA's certificate, PEM)`);
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return fail('tls', `${origin}: its TLS certificate is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not yet valid'} (${code}); check the certificate, and this machine's clock`);
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return fail('tls', `${origin}: its TLS certificate does not name the host of the URL (${code}): use the host name the certificate was issued for`);
  if (PLAIN_HTTP.has(code)) return fail('tls', `${origin}: the TLS handshake got an answer that is not TLS (${code}): the URL says https but the port speaks http — use http:// or the gateway's TLS port`);
  if (/^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|EPROTO$)/.test(code) || code === 'UND_ERR_PRX_TLS') return fail('tls', `${origin}: the TLS handshake failed (${code}${message ? `: ${firstLine(message)}` : ''})`);

  // HTTP: what undici could not read as an HTTP/1.1 answer.
  if (code === 'UND_ERR_HEADERS_OVERFLOW' || code === 'HPE_HEADER_OVERFLOW') {
    return fail('protocol', `${origin} answered with a header section over 16 KiB, the most the suite reads (${code}): a gateway's (or its front end's) headers that large are refused by common HTTP clients too`);
  }
  if (name === 'HTTPParserError' || /^HPE_/.test(code)) return fail('protocol', `${origin} sent an answer that is not HTTP/1.1 (${firstLine(message) || code}): is the URL's port the gateway's HTTP port?`);
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') return fail('protocol', `${origin} sent a body whose length is not its Content-Length (${code})`);
  if (code === 'UND_ERR_INFO' || code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return fail('protocol', `${origin} sent an answer the HTTP client cannot read (${code}: ${firstLine(message)})`);

  // The proxy, when one is in the path.
  if (via && /Proxy response \((\d+)\)|Proxy Authentication Required/i.test(message)) {
    const status = /\((\d+)\)/.exec(message)?.[1] ?? '';
    if (status === '407' || /Authentication Required/i.test(message)) return fail('proxy', `the proxy refused the request to ${origin}: 407 Proxy Authentication Required — check the credentials in ${via}`);
    return fail('unreachable', `cannot reach ${origin} through the proxy of ${via}: it answered ${status} to CONNECT`);
  }
  return fail('failed', `the request to ${origin} failed: ${code}${message && message !== code ? ` (${firstLine(message)})` : ''}${viaProxy}`);
}

/** The first line of an error message, without the OpenSSL source location that follows it, nor any URL's credentials (a proxy's). */
function firstLine(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/:\.\.\/deps\/openssl\S*$/, '')
    .replace(/\/\/[^/@\s]*@/g, '//')
    .slice(0, 200);
}

/**
 * A Retry-After value in ms from `now` (epoch ms): delay-seconds or an HTTP-date (RFC 9110
 * §10.2.3); undefined when it is neither. Exported for its tests.
 */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  // An HTTP-date names its day and zone in letters ("Thu, 03 Dec 2026 12:00:01 GMT"); Date.parse alone reads "-1" as a year.
  const at = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
