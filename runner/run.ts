/**
 * The conformance run, in one process: configuration → target (the configured gateway, or the
 * embedded reference when none is configured) → one HTTP client for the run → a reachability check
 * and the baseline requests, in one round trip (the suites build their first cases meanwhile) →
 * the selected suites, at once, sharing the client and the recorder → the per-clause verdict.
 * Exit codes (docs/INTERPRETING.md §exit-codes): 0 every MUST clause holds, 1 a MUST clause failed
 * (or a SHOULD clause, when strict), 2 no verdict (configuration, unreachable gateway, a transport
 * failure that outlasted the retries, a suite that crashed).
 */
import type { CheckName } from '../checks/registry.ts';
import type { ClauseId } from '../contract/index.ts';
import { HttpClient, TransportError, isRetried } from '../lib/http/client.ts';
import { type ProxySettings, proxyNote, proxySettings } from '../lib/http/proxy.ts';
import { requestUrl } from '../lib/url.ts';
import { type ConformanceConfig, ConfigError, type Env, loadConfig, maskSecrets, secretsOf } from '../config/settings.ts';
import { baselineRefusals } from './baseline.ts';
import type { InterruptSignal } from './interrupt.ts';
import { guardLines, untrustedInline } from '../lib/untrusted-text.ts';
import { hostileNames } from '../checks/hardening/survives-hostile-input.ts';
import { RunContext, RunStopped } from './context.ts';
import { Recorder } from './recorder.ts';
import { selectChecks, selectSuites } from './selection.ts';
import { type ClauseResult, type RunScope, type Verdict, aggregate, scopeOf, verdictOf } from './verdict.ts';

export type { ClauseResult, ClauseStatus, RunScope, Verdict } from './verdict.ts';

export interface RunOutcome {
  readonly exitCode: 0 | 1 | 2;
  readonly verdict: Verdict;
  readonly clauses: ClauseResult[];
  readonly errors: string[];
  readonly config?: ConformanceConfig;
  readonly target?: { readonly embedded: boolean; readonly syntchBaseUrl?: string; readonly ebizSoapUrl?: string };
  readonly scope?: RunScope;
  /** Which clauses each suite exercised (recorded a case or a reason for), and the checks it called. */
  readonly suites?: { readonly suite: string; readonly clauses: ClauseId[]; readonly checks: CheckName[] }[];
  /** Requests sent, retried and failed, as the client counted them. */
  readonly requests?: { readonly sent: number; readonly retries: number; readonly failed: number; readonly peakInFlight?: number };
  /** The run was stopped by this signal before it could reach a verdict (docs/INTERPRETING.md §exit-codes). */
  readonly interrupted?: InterruptSignal;
  readonly startedAt: string;
  readonly finishedAt: string;
}

/** A gateway started for the run by {@link RunOptions.embedded}; the run closes it. */
export interface EmbeddedTarget {
  /** The settings that configure a run for it, as a user would write them (URLs, credentials, keys). */
  readonly settings: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export interface RunOptions {
  readonly env: Env;
  /** Only these suites: a whole name selects that suite, a part of a name every suite containing it (runner/selection.ts). Default: every suite. */
  readonly suites?: readonly string[];
  /** Only these checks (by name); default every check. */
  readonly checks?: readonly string[];
  /** Checks left out (by name); their clauses become not-tested with the reason. */
  readonly excludeChecks?: readonly string[];
  readonly log?: (line: string) => void;
  /**
   * Starts the gateway to test when no target is configured (neither SYNTCH_BASE_URL nor
   * EBIZ_SOAP_URL set): `embeddedReference()` of reference/embedded.ts, with a fault or a dialect
   * for the self-check and the tests. Without it such a run has no verdict.
   */
  readonly embedded?: () => Promise<EmbeddedTarget>;
  /** Milliseconds between progress lines while suites run. Default 10 s; 0: none. */
  readonly progressEveryMs?: number;
  /** Where progress lines go (a terminal rewrites one line in place); default `log`. */
  readonly progress?: (line: string) => void;
  /**
   * Stop the run as soon as one of these clauses fails (the self-check: a fault is detected by its
   * first catch). The verdict then covers what ran; never for a certification.
   */
  readonly stopOnFailureOf?: readonly ClauseId[];
  /**
   * Aborted with the signal's name as its reason (`'SIGTERM'`): the run stops sending at once —
   * no new request, the ones in flight abandoned — and returns an interrupted outcome (no verdict).
   */
  readonly signal?: AbortSignal;
}

export async function runConformance(options: RunOptions): Promise<RunOutcome> {
  const startedAt = new Date().toISOString();
  const secrets = secretsOf(options.env);
  let runSecrets = secrets;
  // Masking applies to the values that can carry a secret (a URL, a setting, a gateway's text, an
  // error message), where they are put into a line or the outcome, never to a whole line of the
  // suite's own words (docs/INTERPRETING.md §secrets); the CLI guards every line it prints.
  const masked = (text: string) => maskSecrets(text, runSecrets);
  const log = (line: string) => (options.log ?? ((l: string) => console.log(guardLines(l).join('\n'))))(line);
  const noVerdict = (errors: string[], extra: Partial<RunOutcome> = {}): RunOutcome => ({ exitCode: 2, verdict: 'error', clauses: [], errors: errors.map(masked), ...extra, startedAt, finishedAt: new Date().toISOString() });

  let config: ConformanceConfig;
  try {
    config = loadConfig(options.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      log('gateway-conformance: the configuration is not usable; nothing was sent.');
      return noVerdict([...e.problems, 'See .env.example for every setting.']);
    }
    throw e;
  }
  const run = config.run;
  const filters = { suites: [...(options.suites ?? [])], checks: [...(options.checks ?? run.checks)], excludeChecks: [...(options.excludeChecks ?? run.excludeChecks)] };
  const checkSelection = selectChecks(filters.checks, filters.excludeChecks);
  const suiteSelection = selectSuites(filters.suites);
  if (checkSelection.problems.length + suiteSelection.problems.length > 0) {
    log('gateway-conformance: the selection is not usable; nothing was sent.');
    return noVerdict([...checkSelection.problems, ...suiteSelection.problems], { config });
  }

  // HTTP_PROXY / HTTPS_PROXY / NO_PROXY of the run's environment (§transport); the embedded reference is reached directly.
  const proxies = proxySettings(options.env);
  if (proxies.problems.length > 0) {
    log('gateway-conformance: the proxy settings are not usable; nothing was sent.');
    return noVerdict(proxies.problems, { config });
  }

  if (config.embedded && !options.embedded) {
    log('gateway-conformance: no gateway is configured; nothing was sent.');
    return noVerdict(['no SYNTCH_BASE_URL or EBIZ_SOAP_URL set, and no embedded gateway given (runConformance: embedded: embeddedReference(), reference/embedded.ts)', 'See .env.example for every setting.'], { config });
  }
  let reference: EmbeddedTarget | undefined;
  let client: HttpClient | undefined;
  /** Stops the run's context when the signal aborts; removed when the run ends (one signal may serve many runs). */
  let onAbort: (() => void) | undefined;
  try {
    if (config.embedded) {
      // Only when neither URL setting is present at all (an empty one is a configuration problem): say so first.
      log('gateway-conformance: no SYNTCH_BASE_URL or EBIZ_SOAP_URL set: a self-test of the embedded reference gateway, not a certification');
      reference = await options.embedded!();
      // The gateway configured exactly as a user would configure it, read by the same loadConfig;
      // the run's own settings (seed, runs, …) are kept as first read, not read again: an unset
      // CONFORMANCE_SEED would be drawn anew, and the seed printed for replay would not be the one used.
      const settings = { ...options.env, ...reference.settings };
      config = { ...loadConfig(settings), run, embedded: true };
      runSecrets = secretsOf(settings);
    }
    const target = {
      embedded: config.embedded,
      ...(config.syntch ? { syntchBaseUrl: config.syntch.baseUrl } : {}),
      ...(config.ebiz ? { ebizSoapUrl: config.ebiz.soapUrl } : {}),
    };
    const origins = [config.syntch?.baseUrl, config.ebiz?.soapUrl].filter((u): u is string => u !== undefined);
    client = new HttpClient({
      timeoutMs: run.timeoutMs,
      concurrency: run.concurrency,
      ...(run.rateLimit ? { rateLimit: run.rateLimit } : {}),
      retries: run.retries,
      maxResponseBytes: run.maxResponseBytes,
      allowedOrigins: origins,
      ...(config.embedded ? {} : { proxy: proxies.settings }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const http = client;
    const interruptedOutcome = (extra: Partial<RunOutcome> = {}): RunOutcome => {
      const signal = interruptSignal(options.signal)!;
      const s = http.stats;
      return noVerdict([`interrupted by ${signal} after ${s.answered} answered request${s.answered === 1 ? '' : 's'}: the run stopped sending at once and has no verdict`], {
        config,
        target,
        interrupted: signal,
        requests: { sent: s.requests, retries: s.retries, failed: s.failed },
        ...extra,
      });
    };

    const recorder = new Recorder();
    const context = new RunContext(config, client, recorder, runSecrets, checkSelection.enabled);
    const stopOn = new Set(options.stopOnFailureOf ?? []);
    if (stopOn.size > 0) recorder.onFail = (clause) => void (stopOn.has(clause) && (context.stopped = true));
    context.stopsEarly = stopOn.size > 0;
    context.stopOn = stopOn;
    onAbort = () => (context.stopped = true);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const selected = suiteSelection.suites.filter((s) => (s.api === 'syntch' ? config.syntch : config.ebiz) !== undefined);
    const done: string[] = [];
    /** Suites stopped by a transport failure that outlasted the retries, and when. */
    const stops: { suite: string; error: TransportError; at: number }[] = [];
    // The preflight and baseline requests go first; the suites start while they are on the wire, so
    // what a suite does before its first request (building its cases, loading the soap package)
    // overlaps those round trips instead of following them. One suite a turn of the event loop,
    // so the connections open and the requests are written in between. A suite's first request
    // waits for the gate (RunContext.ready), which opens once both checks are answered; when they
    // find a problem, it opens on a stopped run and no suite request is ever sent.
    const checking = (async () => {
      // Both checks at once (one round trip before the suites, not two). The baseline requests,
      // refused outright, say the configuration is wrong, not the gateway; they are judged only
      // when every endpoint answered the preflight (an endpoint that cannot be reached fails both).
      // The preflight's requests are asked for first: with a ceiling of 1 they go first.
      const reachable = preflight(client, config, log, (text) => untrustedInline(masked(text)), config.embedded ? undefined : proxies.settings);
      const refusals = baselineRefusals(client, config);
      refusals.catch(() => undefined);
      const unreachable = await reachable;
      if (unreachable.length > 0) return unreachable;
      return refusals;
    })();
    let open!: () => void;
    let openedAt = Number.POSITIVE_INFINITY;
    context.ready = new Promise<void>((resolve) => (open = resolve));
    const runSuite = async (suite: (typeof selected)[number]) => {
      const started = performance.now();
      try {
        await suite.run(context.forSuite(suite.name, suite.checks, suite.caseClauses?.() ?? []));
        await context.ready;
        if (context.abandoned) return;
        done.push(suite.name);
        log(`  ran ${suite.name} (${((performance.now() - Math.max(started, openedAt)) / 1000).toFixed(1)} s)`);
      } catch (e) {
        if (e instanceof RunStopped || options.signal?.aborted || context.abandoned) return;
        if (e instanceof TransportError && STOPPING_KINDS.has(e.kind)) {
          stops.push({ suite: suite.name, error: e, at: Date.now() });
          return;
        }
        const message = e instanceof TransportError ? `${suite.name}: ${masked(e.message)} — no verdict is given on a transport failure${isRetried(e.kind) ? ' that outlasts the retries (CONFORMANCE_RETRIES)' : ''}` : `${suite.name}: ${masked(e instanceof Error ? (e.stack ?? e.message) : String(e))}`;
        recorder.error({ suite: suite.name, message });
        log(`  ${suite.name} stopped: ${message.split('\n')[0]}`);
      }
    };
    const suites = (async () => {
      const running: Promise<void>[] = [];
      for (const suite of selected) {
        await new Promise(setImmediate);
        if (context.abandoned) break;
        running.push(runSuite(suite));
      }
      await Promise.all(running);
    })();
    /** Ends the suites before their first request: the run has no verdict. */
    const abandonSuites = async () => {
      context.stopped = true;
      context.abandoned = true;
      open();
      await suites;
    };

    const checked = await untilInterrupted(options.signal, checking).catch(async (e: unknown) => {
      await abandonSuites();
      throw e;
    });
    if (checked === INTERRUPTED) {
      await abandonSuites();
      return interruptedOutcome();
    }
    // Problems quote the gateway (a Location, a transport error's words): masked, one line each.
    if (checked.length > 0) {
      await abandonSuites();
      return noVerdict(checked.map((problem) => untrustedInline(masked(problem))), { config, target });
    }

    if (!config.embedded) log('gateway-conformance: testing the configured gateway');
    log(`  Syntch PutCustomer:          ${config.syntch ? masked(config.syntch.baseUrl) : `not tested (${config.notTested.syntch})`}`);
    log(`  eBizCharge SOAP:             ${config.ebiz ? masked(config.ebiz.soapUrl) : `not tested (${config.notTested.ebiz})`}`);
    log(`  seed ${run.seed} (replay: CONFORMANCE_SEED=${run.seed}), ${run.runs} runs per property`);

    const progress = startProgress(client, context, options.progress ?? log, options.progressEveryMs ?? 10_000, () => `${done.length}/${selected.length} suites done`);
    openedAt = performance.now();
    open();
    try {
      const ran = await untilInterrupted(options.signal, suites);
      if (ran === INTERRUPTED) return interruptedOutcome({ clauses: aggregate(config, recorder, selected, checkSelection.enabled, filters) });
    } finally {
      clearInterval(progress);
    }

    // A gateway that stops answering right after a hostile request: that request is the finding
    // (§hardening), and the suites it stopped are not a run error. Otherwise every stop is one.
    const culprits = stops.length > 0 ? context.hostileBefore(Math.min(...stops.map((s) => s.at))) : [];
    const culprit = culprits[0];
    if (culprit) {
      const stopped = [...new Set(stops.map((s) => s.suite))];
      context.gatewayDiedAfter(culprits, `${stops.length} later request${stops.length === 1 ? '' : 's'} got no answer (${[...new Set(stops.map((s) => s.error.code))].join(', ')}); suite${stopped.length === 1 ? '' : 's'} ${stopped.join(', ')} stopped there`);
      log(`  the gateway stopped answering after ${culprits.length === 1 ? 'the hostile request' : 'the hostile requests'} "${untrustedInline(hostileNames(culprits))}" (suite ${culprit.suite}): judged as ${culprit.clause}; ${stopped.join(', ')} stopped`);
    } else {
      for (const { suite, error } of stops) {
        const message = `${suite}: ${masked(error.message)} — no verdict is given on a transport failure${isRetried(error.kind) ? ' that outlasts the retries (CONFORMANCE_RETRIES)' : ''}`;
        recorder.error({ suite, message });
        log(`  ${suite} stopped: ${message}`);
      }
    }

    const errors = recorder.errors.map((e) => e.message);
    const clauses = aggregate(config, recorder, selected, checkSelection.enabled, filters);
    const { exitCode, verdict } = verdictOf(clauses, errors, run.strict);
    const stats = client.stats;
    return {
      exitCode,
      verdict,
      clauses,
      errors,
      config,
      target,
      scope: scopeOf(config, clauses, filters),
      suites: suitesOf(recorder, context),
      requests: { sent: stats.requests, retries: stats.retries, failed: stats.failed, peakInFlight: stats.peakInFlight },
      startedAt,
      finishedAt: new Date().toISOString(),
    };
  } finally {
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    // An interrupted run abandons what is in flight; a finished one closes politely.
    await (options.signal?.aborted ? client?.destroy() : client?.close());
    await reference?.close();
  }
}

/** Transport failures that can mean the gateway went away (a hostile request may have killed it). */
const STOPPING_KINDS: ReadonlySet<TransportError['kind']> = new Set(['unreachable', 'reset', 'timeout']);

const INTERRUPTED = Symbol('interrupted');

/** The signal's reason as an interrupt signal, when it was aborted with one. */
function interruptSignal(signal: AbortSignal | undefined): InterruptSignal | undefined {
  if (!signal?.aborted) return undefined;
  return signal.reason === 'SIGINT' ? 'SIGINT' : 'SIGTERM';
}

/** `work`, or {@link INTERRUPTED} as soon as `signal` aborts (the work is abandoned, not awaited). */
async function untilInterrupted<T>(signal: AbortSignal | undefined, work: Promise<T>): Promise<T | typeof INTERRUPTED> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return INTERRUPTED;
  }
  let onAbort!: () => void;
  const aborted = new Promise<typeof INTERRUPTED>((resolve) => {
    onAbort = () => resolve(INTERRUPTED);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * One request to each configured endpoint: any HTTP answer means it can be reached. Every transport
 * failure is a problem of its setting, in words, with the client's hint (an untrusted certificate,
 * https to an http port, an answer that is not HTTP): no verdict, never a crash. `shown` masks the
 * gateway's text and shows its control characters as escapes (lib/untrusted-text.ts); the problems
 * returned are masked by the caller.
 */
async function preflight(client: HttpClient, config: ConformanceConfig, log: (line: string) => void, shown: (gatewayText: string) => string, proxy?: ProxySettings): Promise<string[]> {
  const targets: [string, string, string][] = [];
  if (config.syntch) targets.push(['SYNTCH_BASE_URL', config.syntch.baseUrl, requestUrl(config.syntch.baseUrl, `/customers/${config.syntch.customerKey}`)]);
  if (config.ebiz) targets.push(['EBIZ_SOAP_URL', config.ebiz.soapUrl, config.ebiz.soapUrl]);
  // Both endpoints at once (one round trip, not two, before the suites start); notes and problems
  // in the order of the targets.
  const checked = await Promise.all(
    targets.map(async ([variable, base, url]) => {
      const notes: string[] = [];
      // Which proxy a setting's requests go through, by variable and origin (never its credentials).
      const via = proxyNote(proxy, url);
      if (via) notes.push(`note: ${variable} is reached through the proxy of ${via}; NO_PROXY lists the hosts reached directly`);
      try {
        const e = await client.send({ method: 'GET', url, headers: {} }, { retries: 1 });
        // A redirect is judged as an answer, never followed (§transport); a moved gateway is the
        // likeliest cause of many, so say where it points before the verdict does.
        if (e.status >= 300 && e.status < 400) notes.push(`note: ${variable} answers ${e.status}${e.headers.location ? ` with Location ${shown(e.headers.location)}` : ''}; no redirect is followed (INTERPRETING §transport): if the gateway moved, configure the URL it points to`);
        return { notes };
      } catch (e) {
        if (!(e instanceof TransportError)) throw e;
        const through = via ? ` through the proxy of ${via}` : '';
        let problem: string;
        if (e.kind === 'unreachable') problem = `${variable}: cannot reach ${base}${through} (${e.code}); no verdict is given for a gateway that cannot be reached`;
        else if (e.kind === 'timeout') problem = `${variable}: ${base} did not answer within ${config.run.timeoutMs} ms (CONFORMANCE_TIMEOUT_MS)${through}`;
        // A TLS port closes on a plain-HTTP request without answering: the likeliest cause of a drop here.
        else if (e.kind === 'reset' && new URL(url).protocol === 'http:') problem = `${variable}: ${e.message}; if that port speaks https, the URL should say https://`;
        else problem = `${variable}: ${e.message}`;
        return { notes, problem };
      }
    }),
  );
  for (const { notes } of checked) for (const note of notes) log(note);
  return checked.flatMap((c) => (c.problem === undefined ? [] : [c.problem]));
}

/** A progress line every `everyMs` while suites run, so a long run is never silent. */
function startProgress(client: HttpClient, context: RunContext, log: (line: string) => void, everyMs: number, suites: () => string): ReturnType<typeof setInterval> | undefined {
  if (everyMs <= 0) return undefined;
  const started = performance.now();
  const timer = setInterval(() => {
    const s = client.stats;
    const seconds = (performance.now() - started) / 1000;
    const rate = s.answered / seconds;
    const each = [...context.progress].map(([name, p]) => `${name} ${p.sent}/${Math.max(p.planned, p.sent)}`);
    const left = [...context.progress.values()].reduce((n, p) => n + Math.max(0, p.planned - p.sent), 0);
    const eta = rate > 0 ? `, ETA ${Math.ceil(left / rate)} s` : '';
    log(`  … ${suites()}, ${s.answered} requests answered in ${seconds.toFixed(0)} s (${rate.toFixed(0)} req/s), ${s.retries} retried, window ${s.window}${eta} [${each.join(', ')}]`);
  }, everyMs);
  timer.unref();
  return timer;
}

/** Each suite that ran: the clauses it recorded a case or a reason for, and the checks it called. */
function suitesOf(recorder: Recorder, context: RunContext): NonNullable<RunOutcome['suites']> {
  const recorded = new Map(recorder.suites().map((s) => [s.suite, s.clauses]));
  return context.checksUsed().map(({ suite, checks }) => ({ suite, clauses: recorded.get(suite) ?? [], checks }));
}
