/**
 * What a suite sees of the run: the resolved configuration, the run's one HTTP client (through
 * which every request goes, the `soap` package's included), the checks it may use by name, and
 * the recorder. One {@link RunContext} per run; each suite gets a {@link SuiteContext} bound to its
 * name. Nothing travels through `process.env`.
 */
import fc from 'fast-check';
import type * as soap from 'soap';
import { CASE_CLAUSE_CHECKS, CHECKS, CHECK_NAMES, EVERY_EXCHANGE_CHECKS, type CheckInput, type CheckName } from '../checks/registry.ts';
import type { Finding } from '../checks/finding.ts';
import { hostileNames } from '../checks/hardening/survives-hostile-input.ts';
import type { ClauseId } from '../contract/index.ts';
import { WSDL_PATH } from '../contract/mark-customer-as-synchronized.ts';
import { packagePath } from '../lib/package-root.ts';
import { customerBody, soapRequest, spelledContentType } from '../generators/serialize.ts';
import type { CustomerCase } from '../generators/customer-case.ts';
import type { SoapCase, SoapTarget } from '../generators/soap-case.ts';
import { Cancelled, type HttpClient, type HttpExchange, type HttpRequest, TransportError } from '../lib/http/client.ts';
import { type SoapHttpAdapter, soapHttpAdapter } from '../lib/http/soap-adapter.ts';
import type { ConformanceConfig, EbizConfig, SyntchConfig } from '../config/settings.ts';
import { curlCommand } from './curl.ts';
import { recordRequest, recordResponse, requestBodyBytes } from './evidence.ts';
import { maskSecrets, type Secrets } from '../lib/secrets.ts';
import { untrustedInline } from '../lib/untrusted-text.ts';
import { requestUrl } from '../lib/url.ts';
import { together } from '../lib/together.ts';
import type { Recorder } from './recorder.ts';
import type { CheckedFinding, RecordContext, RequestOptions, SuiteContext } from '../suites/context.ts';

/** Thrown by every send once the run was asked to stop early (the self-check's first catch). */
export class RunStopped extends Error {
  constructor() {
    super('the run stopped early');
    this.name = 'RunStopped';
  }
}

/** A hostile request as sent: when, by which suite, to which operation. */
export interface HostileSent {
  readonly suite: string;
  /** The hostile case's name. */
  readonly name: string;
  readonly request: HttpRequest;
  /** The clause a gateway that dies of it breaks. */
  readonly clause: ClauseId;
  /** Date.now() when it was sent. */
  readonly at: number;
  /** The valid request sent right after it got no answer, even when tried again: the gateway went away. */
  unansweredAfter?: TransportError;
}

/** One run: its configuration, client, recorder and the checks selected for it. */
export class RunContext {
  /** Set to end the run early: every later send throws {@link RunStopped}. */
  stopped = false;
  /**
   * Every suite request waits for this: the run starts its suites while the preflight and baseline
   * requests are on the wire, and opens it once they are answered (runner/run.ts).
   */
  ready: Promise<void> = Promise.resolve();
  /** The run ended before any suite request (the preflight or baseline found a problem, or an interrupt). */
  abandoned = false;
  /**
   * The run stops at the first failure of some clauses (the self-check): a suite's independent
   * pieces then go one after another (`together`), so a failure the first finds spares the work
   * of the rest — on loopback the order costs no time, and the self-check runs 170 such runs.
   */
  stopsEarly = false;
  /** The clauses whose first failure stops the run (empty: it runs to the end). */
  stopOn: ReadonlySet<ClauseId> = new Set();
  /** Every hostile request sent, in order: the suspects when the gateway stops answering. */
  readonly hostile: HostileSent[] = [];
  /** Requests each suite has said it will send, and has sent: the progress line and its ETA. */
  readonly progress = new Map<string, { planned: number; sent: number }>();
  /** The checks each suite declares, and those it has called so far (the trace's test compares them with `trace`). */
  private readonly checks = new Map<string, { declared: ReadonlySet<CheckName>; used: Set<CheckName>; caseClauses?: ReadonlySet<ClauseId> }>();

  constructor(
    readonly config: ConformanceConfig,
    readonly client: HttpClient,
    readonly recorder: Recorder,
    /** [secret value, variable, part?], longest first: reproductions name the variable. */
    readonly secrets: Secrets,
    /** The checks this run may use; the others are excluded (their clauses reported not-tested). */
    readonly enabled: ReadonlySet<CheckName>,
  ) {}

  /**
   * The context of one suite, which may apply the checks it `declares` (and those the runner applies
   * to every exchange), and give the case checks only cases carrying the `caseClauses` it declares
   * (undefined: any).
   */
  forSuite(name: string, declares: readonly CheckName[] = [], caseClauses?: readonly ClauseId[]): SuiteContext {
    this.progress.set(name, { planned: 0, sent: 0 });
    this.checks.set(name, { declared: new Set([...declares, ...EVERY_EXCHANGE_CHECKS]), used: new Set(), ...(caseClauses ? { caseClauses: new Set(caseClauses) } : {}) });
    return new RunSuiteContext(this, name);
  }

  /**
   * Records that suite `suite` applies check `name`; refuses a check the suite does not declare (a
   * defect of the suite: `--clause` and `trace` read the declarations), as `judge` refuses a clause
   * the check does not declare.
   */
  uses(suite: string, name: CheckName): void {
    const c = this.checks.get(suite);
    if (!c?.declared.has(name)) throw new Error(`suite ${suite} applies ${name}, which it does not declare in its checks`);
    if (this.enabled.has(name)) c.used.add(name);
  }

  /** Each suite of the run with the checks it called (those selected for the run), in the registry's order. */
  /** Refuses a case of a clause suite `suite` does not declare in its `caseClauses`, given to a case check. */
  givesCase(suite: string, name: CheckName, input: unknown): void {
    const declared = this.checks.get(suite)?.caseClauses;
    const clause = (input as { case?: { clause?: ClauseId } }).case?.clause;
    if (declared && CASE_CLAUSE_CHECKS.includes(name) && clause !== undefined && !declared.has(clause)) throw new Error(`suite ${suite} gives ${name} a case of ${clause}, which it does not declare in its caseClauses`);
  }

  checksUsed(): { suite: string; checks: CheckName[] }[] {
    return [...this.checks].map(([suite, c]) => ({ suite, checks: CHECK_NAMES.filter((n) => c.used.has(n)) }));
  }

  /**
   * The first hostile request after which the gateway stopped answering (the valid request sent
   * right after it got no answer, tried again), when it was sent no later than `at` (when other
   * suites first found the gateway gone): the cause of those failures (§hardening). With it, the
   * other hostile requests of its suite the gateway also stopped answering after, sent no later
   * than `at`: the pairs a hardening suite sent together, any one of which may be the cause.
   */
  hostileBefore(at: number): HostileSent[] {
    const first = this.hostile.find((h) => h.unansweredAfter !== undefined && h.at <= at);
    return first ? this.hostile.filter((h) => h.suite === first.suite && h.unansweredAfter !== undefined && h.at <= at) : [];
  }

  /**
   * Records that the gateway stopped answering after the hostile request `culprits` names (one, or
   * several sent together): its clause (`…/hardening/survives-hostile-input`) fails with that
   * request as the case, whatever the suite that sent it could still record.
   */
  gatewayDiedAfter(culprits: readonly HostileSent[], consequence: string): void {
    const [culprit] = culprits;
    if (!culprit) return;
    const name = hostileNames(culprits);
    new RunSuiteContext(this, culprit.suite).record(
      [{ clause: culprit.clause, ok: false, kind: 'no-answer', documented: `a valid request answered after ${name}`, received: `the gateway stopped answering after ${culprits.length === 1 ? 'this request' : 'them'}: ${consequence}`, check: 'survives_hostile_input' }],
      { request: culprit.request, counterexample: `${name} (the last hostile ${culprits.length === 1 ? 'request' : 'requests'} before the gateway stopped answering)` },
    );
  }
}

/** Requests a suite keeps in flight at once in a run that stops at a first failure. */
const STOPPING_CONCURRENCY = 8;

/** The {@link SuiteContext} of one suite of a run. */
export class RunSuiteContext implements SuiteContext {
  constructor(
    private readonly run: RunContext,
    readonly suite: string,
  ) {}

  get config(): ConformanceConfig {
    return this.run.config;
  }

  get syntch(): SyntchConfig {
    if (!this.run.config.syntch) throw new Error('the Syntch API is not configured for this run');
    return this.run.config.syntch;
  }

  get ebiz(): EbizConfig {
    if (!this.run.config.ebiz) throw new Error('the eBizCharge API is not configured for this run');
    return this.run.config.ebiz;
  }

  get seed(): number {
    return this.run.config.run.seed;
  }

  get stopsEarly(): boolean {
    return this.run.stopsEarly;
  }

  /**
   * Requests a suite keeps in flight at once (the client bounds the whole run anyway); a few when
   * the run stops at a first failure (the self-check), so that the requests built and sent after
   * the catch are a few, not a window's worth.
   */
  get concurrency(): number {
    return this.run.stopsEarly ? Math.min(STOPPING_CONCURRENCY, this.run.config.run.concurrency) : this.run.config.run.concurrency;
  }

  get soapTarget(): SoapTarget {
    const e = this.ebiz;
    return { securityId: e.securityId, customerInternalId: e.customerInternalId, ...(e.userId ? { userId: e.userId } : {}), ...(e.password ? { password: e.password } : {}) };
  }

  /** fast-check parameters of this run: its seed and runs. */
  propertyParameters<T>(): fc.Parameters<T> {
    return { seed: this.seed, numRuns: this.run.config.run.runs, endOnFailure: false };
  }

  /**
   * Sends through the run's client. A transport failure that outlasts the retries is thrown as
   * {@link TransportError}: the suite stops and the run gives no verdict (docs/INTERPRETING.md
   * §transport).
   */
  /** The suite will send about `requests` more requests (the progress line's totals and ETA). */
  plan(requests: number): void {
    this.run.progress.get(this.suite)!.planned += requests;
  }

  private sent(): void {
    this.run.progress.get(this.suite)!.sent++;
  }

  async together(...pieces: readonly (() => Promise<unknown>)[]): Promise<void> {
    if (!this.run.stopsEarly) return together(...pieces);
    for (const piece of pieces) await piece();
  }

  watchedFirst<T>(cases: readonly T[], clauseOf: (c: T) => ClauseId): T[] {
    const watched = this.run.stopOn;
    if (watched.size === 0) return [...cases];
    return [...cases.filter((c) => watched.has(clauseOf(c))), ...cases.filter((c) => !watched.has(clauseOf(c)))];
  }

  async send(request: HttpRequest): Promise<HttpExchange> {
    await this.run.ready;
    if (this.run.stopped) throw new RunStopped();
    this.sent();
    return this.answered(request, await this.untilStopped(this.run.client.send(request, { cancelled: () => this.run.stopped })));
  }

  /** A request the stopped run gave up before sending it ends its suite as a stopped run does. */
  private async untilStopped(sending: Promise<HttpExchange>): Promise<HttpExchange> {
    try {
      return await sending;
    } catch (e) {
      throw e instanceof Cancelled ? new RunStopped() : e;
    }
  }

  /**
   * Every answer of every suite, masked, then judged by the checks that apply to every exchange
   * (`not_a_server_error`, docs/INTERPRETING.md §server-errors) whatever the suite sent it for.
   */
  private answered(request: HttpRequest, raw: HttpExchange): HttpExchange {
    const exchange = this.masked(raw);
    const api = this.isSoapUrl(request.url) ? 'soap' : 'rest';
    this.check('not_a_server_error', { exchange, api }, { request, exchange, counterexample: `${request.method} ${request.url} (suite ${this.suite})` });
    return exchange;
  }

  /** Whether a request goes to the configured SOAP endpoint (else it is a PutCustomer request). */
  private isSoapUrl(url: string): boolean {
    const soap = this.run.config.ebiz?.soapUrl;
    if (!soap) return false;
    const [a, b] = [new URL(url), new URL(soap)];
    return a.origin === b.origin && a.pathname.toLowerCase() === b.pathname.toLowerCase();
  }

  /**
   * The answer with every form of every secret masked, before any check excerpts it: a gateway
   * that echoes a credential cannot leak it, not even a fragment cut off by an excerpt.
   */
  private masked(e: HttpExchange): HttpExchange {
    const secrets = this.run.secrets;
    if (secrets.length === 0) return e;
    const text = maskSecrets(e.text, secrets);
    const headers = Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k, maskSecrets(v, secrets)]));
    return { ...e, text, headers };
  }

  /**
   * Sends a hostile request, where a dropped connection or a missing answer is itself what the
   * clause is about: retried once (the drop must repeat), then returned instead of thrown. A
   * gateway that cannot be reached at all, or keeps answering 429/503, is still a run error.
   */
  async attempt(request: HttpRequest, role: { readonly hostile: string } | { readonly after: string }): Promise<{ exchange: HttpExchange } | { dropped: TransportError }> {
    await this.run.ready;
    if (this.run.stopped) throw new RunStopped();
    this.sent();
    if ('hostile' in role) {
      const operation = this.isSoapUrl(request.url) ? 'mark-customer-as-synchronized' : 'put-customer';
      this.run.hostile.push({ suite: this.suite, name: role.hostile, request, clause: `${operation}/hardening/survives-hostile-input`, at: Date.now() });
    }
    try {
      return { exchange: this.answered(request, await this.run.client.send(request, { retries: 1, hostile: 'hostile' in role })) };
    } catch (e) {
      // Refused too: the gateway answered the preflight, so one that stops listening here went away
      // during the hardening suite — what the clause is about (§hardening).
      // An answer that is not HTTP to a hostile body is no refusal either: judged, not a run error.
      if (!(e instanceof TransportError && (e.kind === 'reset' || e.kind === 'timeout' || e.kind === 'unreachable' || e.kind === 'protocol'))) throw e;
      if ('after' in role) {
        const suspect = this.run.hostile.findLast((h) => h.suite === this.suite && h.name === role.after);
        if (suspect) suspect.unansweredAfter = e;
      }
      return { dropped: e };
    }
  }

  /** Whether a check is selected for this run. */
  enabled(name: CheckName): boolean {
    return this.run.enabled.has(name);
  }

  /** Runs a check without recording (property runs record later); an excluded check finds nothing. */
  judge<N extends CheckName>(name: N, input: CheckInput<N>): CheckedFinding[] {
    this.run.uses(this.suite, name);
    this.run.givesCase(this.suite, name, input);
    if (!this.run.enabled.has(name)) return [];
    const check = CHECKS[name] as unknown as { clauses: readonly ClauseId[]; run(i: CheckInput<N>): Finding[] };
    const findings = check.run(input);
    for (const f of findings) {
      if (!check.clauses.includes(f.clause)) throw new Error(`check ${name} reported ${f.clause}, which it does not declare`);
    }
    return findings.map((f) => ({ ...f, check: name }));
  }

  /** Runs a check and records its findings; returns how many failed. */
  check<N extends CheckName>(name: N, input: CheckInput<N>, context: RecordContext = {}): number {
    return this.record(this.judge(name, input), context);
  }

  /**
   * Records findings; failures carry the case, the seed, the replay path, a reproduction, and the
   * request and answer in full (built only when the recorder keeps the failure).
   */
  record(findings: readonly CheckedFinding[], context: RecordContext): number {
    let failed = 0;
    const { request, exchange } = context;
    const mask = (text: string) => this.mask(text);
    for (const f of findings) {
      if (f.notApplicable !== undefined) {
        this.run.recorder.notApplicable(f.clause, this.mask(f.notApplicable), this.suite);
        continue;
      }
      if (f.ok) {
        this.run.recorder.pass(f.clause, this.suite);
        continue;
      }
      failed++;
      this.run.recorder.fail(
        {
          clause: f.clause,
          kind: f.kind ?? 'wrong-behaviour',
          documented: this.quoted(f.documented ?? ''),
          received: this.quoted(f.received ?? ''),
          seed: this.seed,
          check: f.check,
          ...(context.counterexample ? { counterexample: this.quoted(context.counterexample) } : {}),
          ...(request ? { curl: () => curlCommand(request, this.run.secrets), request: () => recordRequest(request, mask), requestBytes: requestBodyBytes(request) } : {}),
          ...(exchange ? { response: () => recordResponse(exchange, mask) } : {}),
          ...(context.path ? { path: context.path } : {}),
        },
        this.suite,
      );
    }
    return failed;
  }

  /** Every form of every secret masked: recorded text is cut into excerpts later, and a cut secret is still a leak. */
  private mask(text: string): string {
    return this.run.secrets.length ? maskSecrets(text, this.run.secrets) : text;
  }

  /**
   * A finding's sentence, which quotes the gateway's text (`MerchantKey = '…'`) or a generated
   * value: masked, then with every control character shown as an escape and `##vso[` broken
   * (lib/untrusted-text.ts), so it stays one line in every output (docs/INTERPRETING.md
   * §untrusted-output). The exchange itself is kept exact (runner/evidence.ts).
   */
  private quoted(text: string): string {
    return untrustedInline(this.mask(text));
  }

  /** `clauses` could not be exercised in this run, and why. */
  notTested(clauses: readonly ClauseId[], reason: string): void {
    for (const c of clauses) this.run.recorder.notTested(c, reason, this.suite);
  }

  customerRequest(c: Pick<CustomerCase, 'value' | 'pathKey' | 'bodyKeyDiffers'>, options: RequestOptions = {}): HttpRequest {
    const s = this.syntch;
    const format = options.format ?? 'xml';
    const { contentType, body } = customerBody(c.value, format, c.bodyKeyDiffers ? { bodyKey: otherKey(s.customerKey) } : {});
    const key = c.pathKey !== undefined ? encodeURIComponent(c.pathKey) : String(s.customerKey);
    const authorization = options.authorization === undefined ? s.authorization : options.authorization;
    return {
      method: 'PUT',
      url: requestUrl(s.baseUrl, options.path ?? `/customers/${key}`),
      headers: { 'Content-Type': spelledContentType(contentType, body), Accept: contentType, ...(authorization !== null ? { Authorization: authorization } : {}), ...options.headers },
      body,
    };
  }

  soapRequest(c: SoapCase, headers: Record<string, string> = {}): HttpRequest {
    const { contentType, body, soapAction } = soapRequest(c.value, c.soapAction, c.unknownHeaderBlock);
    return { method: 'POST', url: requestUrl(this.ebiz.soapUrl), headers: { 'Content-Type': contentType, SOAPAction: soapAction, ...headers }, body };
  }

  /** A client of the `soap` package built from the project's WSDL, sending through the run's client. */
  async wsdlClient(): Promise<{ client: soap.Client; transport: SoapHttpAdapter }> {
    // Through this context's `send`, as every exchange: masked, and judged by not_a_server_error.
    const transport = soapHttpAdapter({ send: (request) => this.send(request) });
    // The soap package is loaded only here: a run that never builds a WSDL client (REST only) never loads it.
    const { createClientAsync } = await import('soap');
    const client = await createClientAsync(packagePath(WSDL_PATH), { httpClient: transport });
    client.setEndpoint(this.ebiz.soapUrl);
    return { client, transport };
  }
}

/** A key different from `key`, still an Int32. */
export function otherKey(key: number): number {
  return key === 2147483647 ? key - 1 : key + 1;
}
