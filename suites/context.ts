/**
 * What a suite sees of the run (docs/ARCHITECTURE.md §layers): the resolved configuration, the
 * run's one HTTP client behind `send` and `attempt`, the checks it may use by name, and the
 * recorder behind `record`. Declared here, where suites live, so a suite loads without the runner;
 * the runner implements it (runner/context.ts), one per suite of a run.
 */
import type fc from 'fast-check';
import type * as soap from 'soap';
import type { CheckInput, CheckName } from '../checks/registry.ts';
import type { Finding } from '../checks/finding.ts';
import type { ConformanceConfig, EbizConfig, SyntchConfig } from '../config/settings.ts';
import type { ClauseId } from '../contract/index.ts';
import type { CustomerCase } from '../generators/customer-case.ts';
import type { SoapCase, SoapTarget } from '../generators/soap-case.ts';
import type { BodyFormat } from '../generators/serialize.ts';
import type { HttpExchange, HttpRequest, TransportError } from '../lib/http/client.ts';
import type { SoapHttpAdapter } from '../lib/http/soap-adapter.ts';

/** A finding with the check that made it. */
export interface CheckedFinding extends Finding {
  readonly check: CheckName;
}

export interface RequestOptions {
  readonly format?: BodyFormat;
  /** The route after the base URL, replacing `/customers/{key}`; its own query (`?format=json`) follows the configured one (lib/url.ts). */
  readonly path?: string;
  readonly headers?: Record<string, string>;
  /** Authorization to send; `null`: none. Default the configured one. */
  readonly authorization?: string | null;
}

export interface RecordContext {
  readonly request?: HttpRequest;
  /** The answer the findings judged: a kept failure shows it whole (runner/evidence.ts). */
  readonly exchange?: HttpExchange;
  readonly counterexample?: string;
  readonly path?: string;
}

export interface SuiteContext {
  /** The suite's name, as findings and progress lines name it. */
  readonly suite: string;
  readonly config: ConformanceConfig;
  /** The Syntch settings; throws when the API is not configured for this run. */
  readonly syntch: SyntchConfig;
  /** The eBizCharge settings; throws when the API is not configured for this run. */
  readonly ebiz: EbizConfig;
  readonly seed: number;
  /** Requests a suite keeps in flight at once (the client bounds the whole run anyway). */
  readonly concurrency: number;
  /**
   * The run stops at the first failure of some clauses (the self-check): work goes one piece after
   * another, so that a failure found early spares the rest.
   */
  readonly stopsEarly: boolean;
  readonly soapTarget: SoapTarget;
  /** fast-check parameters of this run: its seed and runs. */
  propertyParameters<T>(): fc.Parameters<T>;
  /** The suite will send about `requests` more requests (the progress line's totals and ETA). */
  plan(requests: number): void;
  /**
   * Independent pieces of the suite's work, all at once so a gateway far away costs their round
   * trips once (lib/together.ts: every piece is waited for, then the first failure is thrown) —
   * one after another when the run stops at a first failure (the self-check).
   */
  together(...pieces: readonly (() => Promise<unknown>)[]): Promise<void>;
  /**
   * `cases` in the order to send them: as given, except when the run stops at a first failure of
   * some clauses (the self-check), where the cases of those clauses go first — the catch comes
   * before the rest of a catalogue is sent. Order is all it changes: every case is still sent.
   */
  watchedFirst<T>(cases: readonly T[], clauseOf: (c: T) => ClauseId): T[];
  /**
   * Sends through the run's client. A transport failure that outlasts the retries is thrown as
   * {@link TransportError}: the suite stops and the run gives no verdict (docs/INTERPRETING.md
   * §transport).
   */
  send(request: HttpRequest): Promise<HttpExchange>;
  /**
   * Sends a hostile request, where a dropped connection or a missing answer is itself what the
   * clause is about: retried once, then returned instead of thrown.
   */
  attempt(request: HttpRequest, role: { readonly hostile: string } | { readonly after: string }): Promise<{ exchange: HttpExchange } | { dropped: TransportError }>;
  /** Whether a check is selected for this run. */
  enabled(name: CheckName): boolean;
  /**
   * Runs a check without recording (property runs record later); an excluded check finds nothing,
   * and a check the suite does not declare is refused (a defect of the suite).
   */
  judge<N extends CheckName>(name: N, input: CheckInput<N>): CheckedFinding[];
  /** Runs a check and records its findings; returns how many failed. */
  check<N extends CheckName>(name: N, input: CheckInput<N>, context?: RecordContext): number;
  /** Records findings; failures carry the case, the seed, the replay path, a reproduction and the exchange. */
  record(findings: readonly CheckedFinding[], context: RecordContext): number;
  /** `clauses` could not be exercised in this run, and why. */
  notTested(clauses: readonly ClauseId[], reason: string): void;
  customerRequest(c: Pick<CustomerCase, 'value' | 'pathKey' | 'bodyKeyDiffers'>, options?: RequestOptions): HttpRequest;
  soapRequest(c: SoapCase, headers?: Record<string, string>): HttpRequest;
  /** A client of the `soap` package built from the project's WSDL, sending through the run's client. */
  wsdlClient(): Promise<{ client: soap.Client; transport: SoapHttpAdapter }>;
}
