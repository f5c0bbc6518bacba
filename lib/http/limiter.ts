/**
 * How many requests the run keeps in flight, and when the next one may go (docs/INTERPRETING.md
 * §transport). A gradient limiter in the manner of Netflix's concurrency-limits (Gradient2Limit,
 * VegasLimit) and Envoy's adaptive concurrency filter (the gradient controller):
 *
 * - **The window grows while latency stays flat.** Answers are judged a round at a time (a round:
 *   as many answers as the window holds, about one round trip). The round's median answer time is
 *   compared with the best round median seen ({@link BEST_AGEING}; Envoy's minRTT, Vegas's rtt_noload):
 *   `gradient = clamp(TOLERANCE × best ÷ median, 0.5, 1)` (Gradient2's `rttTolerance × longRtt ÷
 *   shortRtt`, floored at ½ as there), and `window ← window × gradient + √window` (Envoy's
 *   `limit × gradient + headroom`, Gradient2's `estimatedLimit × gradient + queueSize` with its
 *   square-root queue size). A constant latency — a gateway one ocean away — is not overload: the
 *   gradient stays 1 and the window grows by √window a round, and until the first sign of
 *   congestion multiplies a round (TCP's slow start: doubles; more when the gateway is far,
 *   {@link SLOW_START_RTT_MS}), so 100 ms of distance is hidden within a few rounds (Little's law:
 *   a few hundred requests a second at 100 ms need 30–60 in flight).
 * - **Latency rising with the window shrinks it**, by at most half a round, never below
 *   {@link LATENCY_FLOOR} (Envoy's min_concurrency); a round in which fewer than half the window
 *   was in use changes nothing (Gradient2: "don't grow the limit if we are app limited").
 * - **Failures shrink it multiplicatively**: a transport failure halves the window, and so do
 *   refusals (429/503) once they persist: {@link PERSISTENT_REFUSALS} of the last
 *   {@link REFUSAL_MEMORY} answers within {@link REFUSAL_SPAN_MS}. A sparse refusal is not a rate
 *   limit: only the refused request waits its Retry-After (the caller does that), the others go
 *   on. Persistent refusals also hold every new request until the latest Retry-After has passed.
 *   The window halves at most once per generation of requests: answers to requests sent before the
 *   last cut say nothing new (TCP's one reduction per round trip).
 * - **Persistent refusals are a rate limit**, and a window does not express a rate: the requests
 *   answered in the last second become the pace ({@link RATE_SPAN_MS}; at least {@link MIN_PACE},
 *   and only once the run has a second of answers behind it), which then grows by
 *   {@link RATE_PROBE} for each second without a refusal and falls by {@link RATE_BACKOFF} on a
 *   refusal (at most once a second): slow to probe, quick to back off. A gateway limiting to
 *   50 req/s is met at about 50 req/s, not with a burst refused every second.
 * - **The ceiling** (`CONFORMANCE_CONCURRENCY`) is never passed, whatever the gradient says; an
 *   explicit rate (`CONFORMANCE_RATE_LIMIT`, requests per second) spaces the starts of requests.
 * - **Sequences go first.** A request waiting for a slot waits in one of two lanes: `sequence` (the
 *   default: a request whose successor waits for its answer — a hostile body and the valid request
 *   after it, the replace sequence, a shrinking step) or `batch` (the catalogues and the generated
 *   runs of the properties: many, independent, sent all at once). A free slot goes to the sequence lane first, so a chain of
 *   requests pays one round trip a step instead of the whole batch queue a step: against a gateway
 *   300 ms away a chain of 20 requests takes 6 s, not the batch's time 20 times over (critical-path
 *   scheduling). Within a lane, first come first served.
 *
 * Time comes from a {@link Clock}, so the limiter is tested without real time.
 */

/** Where time comes from: the wall clock (epoch ms, as HTTP-dates are) and a timer. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Answer times up to this many times the best round's median are "flat" (Gradient2's rttTolerance). */
export const TOLERANCE = 1.5;
/**
 * The best median ages by this factor a round, so a gateway that has become slower for good (a
 * slower kind of request, a busier sandbox) is its new normal after a few rounds instead of
 * holding the window low for the rest of the run (Gradient2 lets its long-run RTT drift for the
 * same reason; Envoy measures its minRTT anew at intervals).
 */
export const BEST_AGEING = 1.05;
/**
 * Slow start is measured in time, not in round trips (TCP Hybla's ρ = RTT ÷ RTT₀): a round of
 * slow start multiplies the window by 2^ρ, ρ = the round's quickest answer ÷ this, between 1 and
 * {@link SLOW_START_MAX_DOUBLINGS}. A gateway up to this far doubles the window a round, as TCP's
 * slow start does; one 100 ms away quadruples it, one 300 ms away multiplies it by 8 — so a far
 * gateway reaches a window that hides its distance in two or three round trips instead of five,
 * and a near one (and every rate-limit scenario on a near one) is started exactly as before.
 */
export const SLOW_START_RTT_MS = 50;
/** The most doublings one round of slow start makes (×8): a burst that large is the limit, whatever the distance. */
export const SLOW_START_MAX_DOUBLINGS = 3;
/** Latency alone never shrinks the window below this (Envoy's min_concurrency is 3). */
export const LATENCY_FLOOR = 4;
/** The window a run starts with (at most the ceiling). */
export const INITIAL_WINDOW = 8;
/** Refusals among the last {@link REFUSAL_MEMORY} answers that make them persistent, not sparse. */
export const PERSISTENT_REFUSALS = 3;
export const REFUSAL_MEMORY = 10;
/** Refusals older than this are forgotten, however few answers came since. */
export const REFUSAL_SPAN_MS = 5_000;
/** The span over which the answered requests give the pace once refusals persist. */
export const RATE_SPAN_MS = 1_000;
/**
 * Fewer answers than this in the last second teach no pace (the run has just started, or the
 * gateway is slower than any rate it could set): the pause and the halved window do the work.
 */
export const MIN_PACE = 5;
/** How much the learned pace grows for each second without a refusal (slowly: probing costs refusals). */
export const RATE_PROBE = 1.02;
/** How much it falls on a refusal (at most once a second). */
export const RATE_BACKOFF = 1.1;

export interface LimiterOptions {
  /** Most requests in flight, ever (CONFORMANCE_CONCURRENCY). */
  readonly ceiling: number;
  /** The window to start with; default {@link INITIAL_WINDOW}, at most the ceiling. */
  readonly initial?: number;
  /** Requests per second at most, for the whole run; undefined: no fixed rate. */
  readonly rateLimit?: number;
  readonly clock?: Clock;
}

/** What became of one attempt, as the limiter learns from it. */
export type Outcome =
  /** An answer other than 429/503, after `rttMs`. */
  | { readonly kind: 'answered'; readonly rttMs: number }
  /** 429 or 503: the gateway asks to wait `retryAfterMs`. */
  | { readonly kind: 'refused'; readonly retryAfterMs: number }
  /** A transport failure (reset, timeout, refused connection, …). */
  | { readonly kind: 'failed' }
  /** Nothing to learn (the run was interrupted, a request refused before it was sent). */
  | { readonly kind: 'abandoned' };

/** The queue a request waits in for a slot (see the module comment): sequences are served first. */
export type Lane = 'sequence' | 'batch';

/** One slot of the window, held while a request is in flight; released once with what became of it. */
export interface Permit {
  release(outcome: Outcome): void;
}

export class ConcurrencyLimiter {
  private readonly clock: Clock;
  private readonly ceiling: number;
  private limit: number;
  private inFlight = 0;
  private busiest = 0;
  private readonly waiting: Record<Lane, (() => void)[]> = { sequence: [], batch: [] };
  private slowStart = true;
  /** Cuts so far: a permit taken before the last cut does not cut again. */
  private generation = 0;
  private best?: number;
  private round: number[] = [];
  private roundBusiest = 0;
  private readonly recent: { refused: boolean; at: number }[] = [];
  private pausedUntil = 0;
  private nextSlot = 0;
  /** Answer times (clock) of the last {@link RATE_SPAN_MS}, to learn a pace from. */
  private readonly answeredAt: number[] = [];
  private firstAnsweredAt?: number;
  /** Requests per second learned from persistent refusals; undefined until they persist. */
  private learnedRate?: number;
  private rateMovedAt = Number.NEGATIVE_INFINITY;
  private lastRefusalAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: LimiterOptions) {
    this.clock = options.clock ?? systemClock;
    this.ceiling = Math.max(1, Math.floor(options.ceiling));
    this.limit = Math.min(this.ceiling, Math.max(1, options.initial ?? INITIAL_WINDOW));
  }

  /** The pace learned from persistent refusals (requests per second), if any. */
  get pace(): number | undefined {
    return this.learnedRate;
  }

  /** The window now: requests allowed in flight at once. */
  get window(): number {
    return Math.floor(this.limit);
  }

  /** Requests in flight now. */
  get active(): number {
    return this.inFlight;
  }

  /** The most requests in flight at once so far. */
  get peak(): number {
    return this.busiest;
  }

  /** Requests waiting for a slot, in both lanes. */
  get queued(): number {
    return this.waiting.sequence.length + this.waiting.batch.length;
  }

  /**
   * Waits for a slot in the window (in `lane`: a sequence's request goes before every batch request
   * waiting), for the end of a pause the gateway asked for, and for the rate's next start.
   */
  async acquire(lane: Lane = 'sequence'): Promise<Permit> {
    const ahead = lane === 'sequence' ? this.waiting.sequence.length : this.queued;
    if (ahead === 0 && this.inFlight < this.window) this.inFlight++;
    else await new Promise<void>((resolve) => this.waiting[lane].push(resolve)); // the slot is handed over by admit()
    const generation = this.generation;
    const busy = this.inFlight;
    this.busiest = Math.max(this.busiest, busy);
    for (let now = this.clock.now(); this.pausedUntil > now; now = this.clock.now()) await this.clock.sleep(this.pausedUntil - now);
    const rate = this.rate();
    if (rate !== undefined) {
      const now = this.clock.now();
      const slot = Math.max(now, this.nextSlot);
      this.nextSlot = slot + 1000 / rate;
      if (slot > now) await this.clock.sleep(slot - now);
    }
    let released = false;
    return {
      release: (outcome) => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.learn(outcome, generation, busy);
        this.admit();
      },
    };
  }

  /** Requests per second at most now: the explicit rate, the learned pace (grown for each quiet second), the lower. */
  private rate(): number | undefined {
    const now = this.clock.now();
    if (this.learnedRate !== undefined && now - this.lastRefusalAt >= 1000 && now - this.rateMovedAt >= 1000) {
      this.learnedRate *= RATE_PROBE;
      this.rateMovedAt = now;
    }
    const rates = [this.options.rateLimit, this.learnedRate].filter((r): r is number => r !== undefined && r > 0);
    return rates.length > 0 ? Math.min(...rates) : undefined;
  }

  private learn(outcome: Outcome, generation: number, busy: number): void {
    switch (outcome.kind) {
      case 'answered': {
        this.remember(false);
        const now = this.clock.now();
        this.answeredAt.push(now);
        this.firstAnsweredAt ??= now;
        while (this.answeredAt[0]! < now - RATE_SPAN_MS) this.answeredAt.shift();
        this.sample(outcome.rttMs, busy);
        return;
      }
      case 'refused': {
        this.remember(true);
        const now = this.clock.now();
        this.lastRefusalAt = now;
        const cutoff = now - REFUSAL_SPAN_MS;
        const persistent = this.recent.filter((r) => r.refused && r.at >= cutoff).length >= PERSISTENT_REFUSALS;
        const accepted = this.answeredAt.filter((t) => t >= now - RATE_SPAN_MS).length;
        const history = this.firstAnsweredAt !== undefined && now - this.firstAnsweredAt >= RATE_SPAN_MS;
        if (persistent && history && accepted >= MIN_PACE && now - this.rateMovedAt >= RATE_SPAN_MS) {
          // What the gateway accepted in the last second is the pace it allows.
          this.learnedRate = this.learnedRate === undefined ? accepted : Math.min(accepted, this.learnedRate / RATE_BACKOFF);
          this.rateMovedAt = now;
        } else if (this.learnedRate !== undefined && now - this.rateMovedAt >= 1000) {
          this.learnedRate = Math.max(1, this.learnedRate / RATE_BACKOFF);
          this.rateMovedAt = now;
        }
        if (!persistent) return;
        this.pausedUntil = Math.max(this.pausedUntil, now + outcome.retryAfterMs);
        if (generation === this.generation) this.cut();
        return;
      }
      case 'failed':
        if (generation === this.generation) this.cut();
        return;
      case 'abandoned':
        return;
    }
  }

  private remember(refused: boolean): void {
    this.recent.push({ refused, at: this.clock.now() });
    if (this.recent.length > REFUSAL_MEMORY) this.recent.shift();
  }

  /** Halves the window (multiplicative decrease) and starts a new generation and round. */
  private cut(): void {
    this.limit = Math.max(1, this.limit / 2);
    this.slowStart = false;
    this.generation++;
    this.round = [];
    this.roundBusiest = 0;
  }

  /** One answer time; at the end of a round, the gradient step. */
  private sample(rttMs: number, busy: number): void {
    this.round.push(rttMs);
    this.roundBusiest = Math.max(this.roundBusiest, busy);
    if (this.round.length < this.window) return;
    const median = medianOf(this.round);
    // The distance, for slow start: the round's quickest answer (BBR's min RTT), which a busy
    // processor or a queue delays least — the median of a loaded machine is not distance.
    const quickest = Math.min(...this.round);
    const used = this.roundBusiest >= this.limit / 2;
    this.round = [];
    this.roundBusiest = 0;
    this.best = Math.min(median, (this.best ?? median) * BEST_AGEING);
    if (!used) return;
    const gradient = median <= 0 ? 1 : Math.max(0.5, Math.min(1, (TOLERANCE * this.best) / median));
    let next: number;
    if (gradient >= 1 && this.slowStart) next = this.limit * 2 ** Math.min(SLOW_START_MAX_DOUBLINGS, Math.max(1, quickest / SLOW_START_RTT_MS));
    else {
      if (gradient < 1) this.slowStart = false;
      next = this.limit * gradient + Math.sqrt(this.limit);
      // Latency never takes the window below the floor (failures may).
      next = Math.max(next, Math.min(this.limit, LATENCY_FLOOR));
    }
    this.limit = Math.min(this.ceiling, next);
  }

  /** Hands free slots to the requests waiting: the sequence lane first, each lane first come first served. */
  private admit(): void {
    while (this.queued > 0 && this.inFlight < this.window) {
      this.inFlight++;
      (this.waiting.sequence.shift() ?? this.waiting.batch.shift()!)();
    }
  }
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
