/**
 * The run's one HTTP client (undici). Every request the suite makes — its own and the `soap`
 * package's (see soap-adapter.ts) — goes through one instance per run, so one limiter, one
 * timeout policy and one retry budget hold for the whole run (docs/INTERPRETING.md §transport):
 *
 * - **No redirect is followed.** A 3xx is an answer like any other, and a request may only go to
 *   the origins the run was configured with, so credentials never leave them.
 * - **Bounded bodies.** At most `maxResponseBytes` of an answer are read; the rest is discarded
 *   (the connection is dropped) and the exchange says it was truncated.
 * - **Transport failures are retried** (a reset, a timeout, a refused connection): PUT is
 *   idempotent and so, by this API's semantics, is MarkCustomerAsSynchronized. Each request has
 *   `retries` further attempts, and the run as a whole a retry budget; a failure that outlasts
 *   them is a {@link TransportError}, which the runner turns into a run error (no verdict) —
 *   except where the clause under test is about how the gateway treats a hostile body.
 * - **429 and 503 are retried** honouring Retry-After; a gateway that keeps answering them is a
 *   {@link TransportError} of kind `unavailable`, not a verdict.
 * - **Adaptive pacing.** In-flight requests are bounded by a window that halves on 429/503, on
 *   transport failures and on answers growing much slower than the gateway's usual pace, and grows
 *   back by one per window of successes, up to `concurrency`; an
 *   explicit `rateLimit` (requests per second) caps the whole run.
 */
import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';

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
  /** The body as read (at most `maxResponseBytes`), decoded as UTF-8. */
  readonly text: string;
  /** The answer was longer than `maxResponseBytes`: `text` is its beginning. */
  readonly truncated: boolean;
  readonly durationMs: number;
  /** Attempts it took (1 when the first one was answered). */
  readonly attempts: number;
}

export type TransportFailureKind = 'unreachable' | 'reset' | 'timeout' | 'unavailable';

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
  /** Most requests in flight at once (the adaptive window's ceiling). */
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
  /** Once aborted, no request is sent or retried and those in flight are abandoned ({@link Interrupted}). */
  readonly signal?: AbortSignal;
}

/** Thrown by {@link HttpClient.send} once the client's signal was aborted (the run was interrupted). */
export class Interrupted extends Error {
  constructor() {
    super('the run was interrupted');
    this.name = 'Interrupted';
  }
}

export interface SendOptions {
  /** Further attempts after a transport failure, for this request. Default: the client's. */
  readonly retries?: number;
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
}

export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);
const TIMEOUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ABORT_ERR', 'TimeoutError', 'AbortError', 'ETIMEDOUT']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export class HttpClient {
  private readonly agent: Agent;
  private readonly maxBytes: number;
  private readonly origins?: ReadonlySet<string>;
  private window: number;
  private successesInWindow = 0;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private nextSlot = 0;
  private pausedUntil = 0;
  private counts = { requests: 0, answered: 0, retries: 0, failed: 0 };
  private shortLatency?: number;
  private longLatency?: number;
  private baseline?: number;
  private sinceLatencyJudged = 0;
  /** Transport retries the run may still spend beyond its first 20: one per ten requests. */
  private budgetSpent = 0;

  constructor(private readonly options: HttpClientOptions) {
    this.agent = new Agent({ connect: { timeout: options.timeoutMs }, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
    this.maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.window = options.concurrency;
    if (options.allowedOrigins) this.origins = new Set(options.allowedOrigins.map((u) => new URL(u).origin));
  }

  get stats(): ClientStats {
    return { ...this.counts, window: this.window };
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
      let outcome: HttpExchange | TransportError;
      try {
        outcome = await this.limited(() => this.once(req, attempt));
      } catch (e) {
        if (this.options.signal?.aborted) throw new Interrupted();
        if (!(e instanceof TransportError)) throw e;
        outcome = e;
      }
      if (outcome instanceof TransportError) {
        this.shrink();
        if (transportTries < transportRetries && this.spendBudget()) {
          transportTries++;
          this.counts.retries++;
          await sleep(Math.min(200 * 2 ** (transportTries - 1), 2000));
          continue;
        }
        this.counts.failed++;
        throw new TransportError(outcome.kind, outcome.url, outcome.code, attempt, `${outcome.message}${attempt > 1 ? ` (${attempt} attempts)` : ''}`);
      }
      if (outcome.status === 429 || outcome.status === 503) {
        this.shrink();
        const wait = this.retryDelay(outcome.headers['retry-after'], statusTries);
        if (statusTries < statusRetries) {
          statusTries++;
          this.counts.retries++;
          this.pausedUntil = Math.max(this.pausedUntil, Date.now() + wait);
          await sleep(wait);
          continue;
        }
        this.counts.failed++;
        throw new TransportError('unavailable', req.url, String(outcome.status), attempt, `${new URL(req.url).origin} kept answering ${outcome.status} after ${attempt} attempts (Retry-After honoured)`);
      }
      if (this.latencyRising(outcome.durationMs)) this.shrink();
      else this.grow();
      this.counts.answered++;
      return outcome;
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  /** Closes every connection now, abandoning the requests in flight (an interrupted run). */
  destroy(): Promise<void> {
    return this.agent.destroy();
  }

  private spendBudget(): boolean {
    const allowance = 20 + Math.floor(this.counts.requests / 10);
    if (this.budgetSpent >= allowance) return false;
    this.budgetSpent++;
    return true;
  }

  private shrink(): void {
    this.window = Math.max(1, Math.floor(this.window / 2));
    this.successesInWindow = 0;
  }

  /**
   * Whether answers are getting slow: a short average of answer times well above the fastest
   * long-run average seen (4× and 50 ms more). Judged at most once per window of answers, so one
   * slow answer never halves the window, and a gateway back to its pace lets it grow again.
   */
  private latencyRising(ms: number): boolean {
    this.shortLatency = this.shortLatency === undefined ? ms : this.shortLatency * 0.8 + ms * 0.2;
    this.longLatency = this.longLatency === undefined ? ms : this.longLatency * 0.98 + ms * 0.02;
    this.baseline = Math.min(this.baseline ?? this.longLatency, this.longLatency);
    if (++this.sinceLatencyJudged < this.window || this.counts.answered < 20) return false;
    this.sinceLatencyJudged = 0;
    return this.shortLatency > this.baseline * 4 + 50;
  }

  private grow(): void {
    if (this.window >= this.options.concurrency) return;
    if (++this.successesInWindow >= this.window) {
      this.window++;
      this.successesInWindow = 0;
      this.waiting.shift()?.();
    }
  }

  private retryDelay(retryAfter: string | undefined, attempt: number): number {
    const cap = this.options.maxRetryWaitMs ?? 30_000;
    if (retryAfter !== undefined) {
      const seconds = Number(retryAfter);
      const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
      if (Number.isFinite(ms)) return Math.min(Math.max(ms, 50), cap);
    }
    return Math.min(250 * 2 ** attempt, cap);
  }

  private async limited<T>(fn: () => Promise<T>): Promise<T> {
    while (this.inFlight >= this.window) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    try {
      let now = Date.now();
      if (this.pausedUntil > now) {
        await sleep(this.pausedUntil - now);
        now = Date.now();
      }
      if (this.options.rateLimit) {
        const slot = Math.max(now, this.nextSlot);
        this.nextSlot = slot + 1000 / this.options.rateLimit;
        if (slot > now) await sleep(slot - now);
      }
      return await fn();
    } finally {
      this.inFlight--;
      if (this.inFlight < this.window) this.waiting.shift()?.();
    }
  }

  private async once(req: HttpRequest, attempt: number): Promise<HttpExchange> {
    const started = performance.now();
    const upload = isStreamedBody(req.body) ? streaming(req.body) : undefined;
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const res = await request(req.url, {
        method: req.method as 'PUT',
        headers: upload ? { ...withoutContentLength(req.headers), 'content-length': String(upload.length) } : req.headers,
        // undici sends an async iterable chunk by chunk (its types list only Readable).
        body: upload ? (upload.chunks as unknown as Readable) : (req.body as string | Uint8Array | undefined),
        dispatcher: this.agent,
        signal: AbortSignal.any([timeout, ...(upload ? [upload.stop.signal] : []), ...(this.options.signal ? [this.options.signal] : [])]),
      });
      const chunks: Buffer[] = [];
      let length = 0;
      let truncated = false;
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        const room = this.maxBytes - length;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          length += room;
          truncated = true;
          break;
        }
        chunks.push(chunk);
        length += chunk.length;
      }
      // Breaking out of the loop destroys the body: the rest is never read.
      if (truncated) res.body.destroy();
      // Answered before the whole body went out (a 413, say): stop producing it; the connection goes.
      upload?.answered();
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const text = new TextDecoder().decode(Buffer.concat(chunks, length));
      return { request: req, status: res.statusCode, headers, contentType: headers['content-type'] ?? '', text, truncated, durationMs: performance.now() - started, attempts: attempt };
    } catch (e) {
      throw classify(e, req.url, this.options.timeoutMs);
    }
  }
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

function classify(e: unknown, url: string, timeoutMs: number): Error {
  const err = e as { code?: string; name?: string; cause?: { code?: string; name?: string }; message?: string };
  const code = err.code ?? err.cause?.code ?? (err.name === 'Error' ? undefined : err.name) ?? 'UNKNOWN';
  const origin = new URL(url).origin;
  if (TIMEOUT.has(code) || err.name === 'TimeoutError' || err.name === 'AbortError' || err.cause?.name === 'TimeoutError') {
    return new TransportError('timeout', url, code, 1, `no answer from ${origin} within ${timeoutMs} ms (CONFORMANCE_TIMEOUT_MS)`);
  }
  if (UNREACHABLE.has(code) || /^(CERT_|DEPTH_ZERO|ERR_TLS|UNABLE_TO_)/.test(code)) return new TransportError('unreachable', url, code, 1, `cannot reach ${origin}: ${code}`);
  if (RESET.has(code)) return new TransportError('reset', url, code, 1, `${origin} dropped the connection: ${code}`);
  return e instanceof Error ? e : new Error(String(e));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
