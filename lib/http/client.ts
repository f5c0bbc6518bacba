/**
 * The suite's HTTP client (undici): every request has a timeout, requests are paced by a rate
 * limit and a concurrency cap, 429/503 are retried honouring Retry-After (bounded), and failures
 * are told apart: a gateway that cannot be reached is a {@link GatewayUnreachableError} (the run
 * gives no verdict), one that does not answer in time is a {@link GatewayTimeoutError} (a finding
 * about the clause under test).
 */
import { Agent, request } from 'undici';

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpExchange {
  readonly request: HttpRequest;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Media type and parameters as sent, '' when absent. */
  readonly contentType: string;
  readonly text: string;
  readonly durationMs: number;
}

export class GatewayUnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayUnreachableError';
  }

  /**
   * The connection was established and then dropped: for a hostile body that is one way of
   * refusing it (the gateway stopped reading), not proof that the gateway is unreachable.
   */
  get reset(): boolean {
    return RESET.has(this.code);
  }
}

const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

export class GatewayTimeoutError extends Error {
  constructor(
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(`no answer from ${url} within ${timeoutMs} ms`);
    this.name = 'GatewayTimeoutError';
  }
}

export interface HttpClientOptions {
  /** Per-request timeout (headers and body). */
  readonly timeoutMs: number;
  /** Requests per second at most; undefined: unlimited. */
  readonly rateLimit?: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Retries of a 429/503. Default 3. */
  readonly maxRetries?: number;
  /** Longest Retry-After honoured, in ms; longer ones are capped. Default 30 s. */
  readonly maxRetryWaitMs?: number;
}

/** Error codes that mean the gateway could not be reached at all. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', ...RESET, 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);
const TIMEOUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ABORT_ERR']);

export class HttpClient {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private nextSlot = 0;
  private readonly agent: Agent;

  constructor(private readonly options: HttpClientOptions) {
    this.agent = new Agent({ connect: { timeout: options.timeoutMs }, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
  }

  async send(req: HttpRequest): Promise<HttpExchange> {
    const maxRetries = this.options.maxRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      const exchange = await this.limited(() => this.once(req));
      if ((exchange.status !== 429 && exchange.status !== 503) || attempt >= maxRetries) return exchange;
      await sleep(this.retryDelay(exchange.headers['retry-after'], attempt));
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private retryDelay(retryAfter: string | undefined, attempt: number): number {
    const cap = this.options.maxRetryWaitMs ?? 30_000;
    if (retryAfter !== undefined) {
      const seconds = Number(retryAfter);
      const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
      if (Number.isFinite(ms)) return Math.min(Math.max(ms, 0), cap);
    }
    return Math.min(500 * 2 ** attempt, cap);
  }

  private async limited<T>(fn: () => Promise<T>): Promise<T> {
    while (this.inFlight >= this.options.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    try {
      if (this.options.rateLimit) {
        const now = Date.now();
        const slot = Math.max(now, this.nextSlot);
        this.nextSlot = slot + 1000 / this.options.rateLimit;
        if (slot > now) await sleep(slot - now);
      }
      return await fn();
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }

  private async once(req: HttpRequest): Promise<HttpExchange> {
    const started = performance.now();
    try {
      const res = await request(req.url, {
        method: req.method as 'PUT',
        headers: req.headers,
        body: req.body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const text = await res.body.text();
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      return { request: req, status: res.statusCode, headers, contentType: headers['content-type'] ?? '', text, durationMs: performance.now() - started };
    } catch (e) {
      throw classify(e, req.url, this.options.timeoutMs);
    }
  }
}

function classify(e: unknown, url: string, timeoutMs: number): Error {
  const err = e as { code?: string; name?: string; cause?: { code?: string }; message?: string };
  const code = err.code ?? err.cause?.code ?? err.name ?? 'UNKNOWN';
  if (TIMEOUT.has(code) || err.name === 'TimeoutError' || err.name === 'AbortError') return new GatewayTimeoutError(url, timeoutMs);
  if (UNREACHABLE.has(code) || err.message?.includes('connect')) {
    return new GatewayUnreachableError(url, code, `cannot reach ${new URL(url).origin}: ${code}${err.message ? ` (${err.message})` : ''}`);
  }
  return e instanceof Error ? e : new Error(String(e));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
