/**
 * What every suite file uses: the run's resolved configuration (handed over by the runner), one
 * paced HTTP client, one recorder, and helpers that send a case and record its findings with a
 * curl reproduction (secrets masked) and the seed.
 */
import fc from 'fast-check';
import { customerBody, soapRequest, type BodyFormat } from '../generators/serialize.ts';
import type { CustomerCase } from '../generators/mutations.ts';
import type { SoapCase, SoapTarget } from '../generators/soap-case.ts';
import { GatewayTimeoutError, GatewayUnreachableError, type HttpExchange, HttpClient, type HttpRequest } from '../lib/http/client.ts';
import type { ConformanceConfig, EbizConfig, SyntchConfig } from './config.ts';
import type { Finding } from './checks/finding.ts';
import { curlCommand } from './curl.ts';
import { Recorder } from './results.ts';

/** Environment variables through which the runner hands the resolved run to the suite workers. */
export const RESOLVED_CONFIG_VAR = 'CONFORMANCE_RESOLVED_CONFIG';
export const RESULTS_DIR_VAR = 'CONFORMANCE_RESULTS_DIR';

export interface ResolvedRun {
  readonly config: ConformanceConfig;
  /** [secret value, variable name], longest first. */
  readonly secrets: [string, string][];
}

export interface SendOptions {
  readonly format?: BodyFormat;
  /** Path after the base URL, replacing `/customers/{key}`. */
  readonly path?: string;
  readonly headers?: Record<string, string>;
  /** Authorization to send; `null`: none. Default the configured one. */
  readonly authorization?: string | null;
}

export class Harness {
  readonly recorder: Recorder;
  readonly client: HttpClient;
  readonly config: ConformanceConfig;
  readonly secrets: [string, string][];

  constructor(suite: string, run: ResolvedRun) {
    this.recorder = new Recorder(suite);
    this.config = run.config;
    this.secrets = run.secrets;
    this.client = new HttpClient({ timeoutMs: run.config.run.timeoutMs, concurrency: run.config.run.concurrency, ...(run.config.run.rateLimit ? { rateLimit: run.config.run.rateLimit } : {}) });
  }

  get syntch(): SyntchConfig | undefined {
    return this.config.syntch;
  }

  get ebiz(): EbizConfig | undefined {
    return this.config.ebiz;
  }

  get seed(): number {
    return this.config.run.seed;
  }

  get soapTarget(): SoapTarget | undefined {
    const e = this.config.ebiz;
    if (!e) return undefined;
    return { securityId: e.securityId, customerInternalId: e.customerInternalId, ...(e.userId ? { userId: e.userId } : {}), ...(e.password ? { password: e.password } : {}) };
  }

  /** fast-check parameters of this run: its seed and runs. */
  propertyParameters<T>(): fc.Parameters<T> {
    return { seed: this.seed, numRuns: this.config.run.runs, endOnFailure: false };
  }

  curl(request: HttpRequest): string {
    return curlCommand(request, this.secrets);
  }

  /** Sends; a gateway that cannot be reached is a run error, thrown so the suite stops. */
  async send(request: HttpRequest): Promise<HttpExchange> {
    try {
      return await this.client.send(request);
    } catch (e) {
      if (e instanceof GatewayUnreachableError && !e.reset) this.recorder.error({ message: e.message, unreachable: true });
      throw e;
    }
  }

  customerRequest(c: Pick<CustomerCase, 'value' | 'pathKey' | 'bodyKeyDiffers'>, options: SendOptions = {}): HttpRequest {
    const s = this.requireSyntch();
    const format = options.format ?? 'xml';
    const { contentType, body } = customerBody(c.value, format, c.bodyKeyDiffers ? { bodyKey: otherKey(s.customerKey) } : {});
    const key = c.pathKey !== undefined ? encodeURIComponent(c.pathKey) : String(s.customerKey);
    const authorization = options.authorization === undefined ? s.authorization : options.authorization;
    return {
      method: 'PUT',
      url: `${s.baseUrl}${options.path ?? `/customers/${key}`}`,
      headers: { 'Content-Type': contentType, Accept: contentType, ...(authorization !== null ? { Authorization: authorization } : {}), ...options.headers },
      body,
    };
  }

  soapRequest(c: SoapCase, headers: Record<string, string> = {}): HttpRequest {
    const e = this.requireEbiz();
    const { contentType, body, soapAction } = soapRequest(c.value, c.soapAction);
    return { method: 'POST', url: e.soapUrl, headers: { 'Content-Type': contentType, SOAPAction: soapAction, ...headers }, body };
  }

  /**
   * Records findings of one exchange; failures carry the case, the seed and a reproduction.
   * Returns how many failed.
   */
  record(findings: readonly Finding[], context: { request?: HttpRequest; counterexample?: string; path?: string }): number {
    let failed = 0;
    for (const f of findings) {
      if (f.ok) {
        this.recorder.pass(f.clause);
        continue;
      }
      failed++;
      this.recorder.fail({
        clause: f.clause,
        kind: f.kind ?? 'wrong-behaviour',
        documented: f.documented ?? '',
        received: f.received ?? '',
        seed: this.seed,
        ...(context.counterexample ? { counterexample: context.counterexample } : {}),
        ...(context.request ? { curl: this.curl(context.request) } : {}),
        ...(context.path ? { path: context.path } : {}),
      });
    }
    return failed;
  }

  /** A timeout is a finding about `clause` (the gateway was reached but did not answer). */
  timedOut(clause: string, e: GatewayTimeoutError, request: HttpRequest, counterexample?: string): Finding[] {
    this.record([{ clause, ok: false, kind: 'no-answer', documented: 'an answer within the request timeout', received: e.message }], { request, ...(counterexample ? { counterexample } : {}) });
    return [];
  }

  requireSyntch(): SyntchConfig {
    if (!this.config.syntch) throw new Error('the Syntch API is not configured for this run');
    return this.config.syntch;
  }

  requireEbiz(): EbizConfig {
    if (!this.config.ebiz) throw new Error('the eBizCharge API is not configured for this run');
    return this.config.ebiz;
  }

  async finish(dir: string | undefined = process.env[RESULTS_DIR_VAR]): Promise<void> {
    await this.client.close();
    if (dir) this.recorder.flush(dir);
  }
}

/** A key different from `key`, still an Int32. */
export function otherKey(key: number): number {
  return key === 2147483647 ? key - 1 : key + 1;
}

export function resolvedRunFromEnv(env: NodeJS.ProcessEnv = process.env): ResolvedRun {
  const text = env[RESOLVED_CONFIG_VAR];
  if (!text) throw new Error(`${RESOLVED_CONFIG_VAR} is not set: run the suites with \`npm run conformance\`, not vitest directly`);
  return JSON.parse(text) as ResolvedRun;
}

/** `fn` over `items`, at most `limit` at once, results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return out;
}
