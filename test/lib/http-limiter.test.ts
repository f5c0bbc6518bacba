/**
 * The run's concurrency limiter (lib/http/limiter.ts, docs/INTERPRETING.md §transport): a window
 * that starts small, grows while answer times stay flat, shrinks when they rise with it, halves on
 * transport failures and persistent 429/503 (once per generation of requests), never passes its
 * ceiling; a sparse refusal holds back nobody; an explicit rate spaces the starts. Every answer
 * time is given, and time is a fake clock: no test here waits for real time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter, INITIAL_WINDOW, LATENCY_FLOOR, type Lane, type Outcome } from '../../lib/http/limiter.ts';
import { FakeClock, settle } from '../helpers/fake-clock.ts';

/**
 * `count` requests offered at once, as the runner offers a property's runs: each takes a slot,
 * stays in flight until the next turn of the event loop (so the others can join it), and is
 * released with what `outcome` says, given its index and the requests in flight when it started.
 */
async function drive(limiter: ConcurrencyLimiter, count: number, outcome: (i: number, busy: number) => Outcome): Promise<{ peak: number }> {
  let peak = 0;
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const permit = await limiter.acquire();
      const busy = limiter.active;
      peak = Math.max(peak, busy);
      await settle();
      permit.release(outcome(i, busy));
    }),
  );
  return { peak };
}

/** {@link drive}, the clock moving `stepMs` at a time until every request is done. */
async function driveOnClock(clock: FakeClock, limiter: ConcurrencyLimiter, count: number, outcome: (i: number, busy: number) => Outcome, stepMs = 10): Promise<{ peak: number }> {
  let done = false;
  const driving = drive(limiter, count, outcome).finally(() => (done = true));
  while (!done) await clock.advance(stepMs);
  return driving;
}

/**
 * `total` requests offered at once to a gateway that accepts `perSecond` of them in each second
 * of the clock and refuses the rest with 429 and Retry-After: 1 (the bench's rate-limited
 * gateway); each answer takes 5 ms, a refused request waits its Retry-After and goes again.
 */
async function againstRateLimit(clock: FakeClock, limiter: ConcurrencyLimiter, total: number, perSecond: number): Promise<{ seconds: number; refusals: number }> {
  let refusals = 0;
  let second = 0;
  let inSecond = 0;
  const send = async (): Promise<void> => {
    for (;;) {
      const permit = await limiter.acquire();
      await clock.sleep(5);
      const now = Math.floor(clock.now() / 1000);
      if (now !== second) [second, inSecond] = [now, 0];
      if (++inSecond <= perSecond) return permit.release(answered(5));
      refusals++;
      permit.release(refused(1000));
      await clock.sleep(1000);
    }
  };
  let done = false;
  const all = Promise.all(Array.from({ length: total }, send)).finally(() => (done = true));
  while (!done) await clock.advance(5);
  await all;
  return { seconds: clock.now() / 1000, refusals };
}

const answered = (rttMs: number): Outcome => ({ kind: 'answered', rttMs });
const refused = (retryAfterMs: number): Outcome => ({ kind: 'refused', retryAfterMs });

describe('ConcurrencyLimiter: the window follows the latency', () => {
  it.each([1, 100, 300])('starts small and grows to the ceiling while every answer takes %i ms (distance is not overload)', async (ms) => {
    const limiter = new ConcurrencyLimiter({ ceiling: 64, clock: new FakeClock() });
    expect(limiter.window).toBe(INITIAL_WINDOW);
    const { peak } = await drive(limiter, 400, () => answered(ms));
    expect([limiter.window, peak]).toEqual([64, 64]);
  });

  // One round of slow start: the 8 requests of the first window, answered in `ms` each.
  it.each([
    [1, 16],
    [50, 16],
    [100, 32],
    [150, 64],
    [300, 64],
    [2000, 64],
  ])('slow start is measured in time (TCP Hybla): one round %i ms away takes the window from 8 to %i (doubles up to 50 ms, ×2^(ms ÷ 50) past it, ×8 at most)', async (ms, after) => {
    const limiter = new ConcurrencyLimiter({ ceiling: 256, clock: new FakeClock() });
    expect(limiter.window).toBe(INITIAL_WINDOW);
    await drive(limiter, INITIAL_WINDOW, () => answered(ms));
    expect(limiter.window).toBe(after);
  });

  it('a busy processor is not distance: a round whose quickest answer took 5 ms doubles the window, whatever its median (300 ms)', async () => {
    const limiter = new ConcurrencyLimiter({ ceiling: 256, clock: new FakeClock() });
    // One answer in the round came back at once; the others waited their turn on a saturated machine.
    await drive(limiter, INITIAL_WINDOW, (i) => answered(i === 0 ? 5 : 300));
    expect(limiter.window).toBe(2 * INITIAL_WINDOW);
  });

  it('a gateway 300 ms away is given the whole ceiling of 256 after two rounds, one 1 ms away after five', async () => {
    for (const [ms, rounds] of [[300, 2], [1, 5]] as const) {
      const limiter = new ConcurrencyLimiter({ ceiling: 256, clock: new FakeClock() });
      const windows: number[] = [];
      while (limiter.window < 256) {
        await drive(limiter, limiter.window, () => answered(ms));
        windows.push(limiter.window);
      }
      expect(windows, `${ms} ms`).toHaveLength(rounds);
    }
  });

  it('never has more in flight than the ceiling, and a ceiling below the start is where it starts', async () => {
    for (const ceiling of [1, 3, 20]) {
      const limiter = new ConcurrencyLimiter({ ceiling, clock: new FakeClock() });
      expect(limiter.window).toBe(Math.min(ceiling, INITIAL_WINDOW));
      const { peak } = await drive(limiter, 300, () => answered(100));
      expect([limiter.window, peak]).toEqual([ceiling, ceiling]);
    }
  });

  it('shrinks when answer times rise with the window (a gateway that queues), and grows back once they are flat again', async () => {
    const limiter = new ConcurrencyLimiter({ ceiling: 64, clock: new FakeClock() });
    await drive(limiter, 300, () => answered(2));
    expect(limiter.window).toBe(64);
    // Each request in flight adds 10 ms: the window that hides nothing but queues.
    await drive(limiter, 150, (_i, busy) => answered(2 + 10 * busy));
    expect(limiter.window).toBeLessThanOrEqual(32);
    expect(limiter.window).toBeGreaterThanOrEqual(LATENCY_FLOOR);
    await drive(limiter, 600, () => answered(2));
    expect(limiter.window).toBe(64);
  });

  it('a run that uses less than half the window teaches it nothing (no growth without evidence)', async () => {
    const limiter = new ConcurrencyLimiter({ ceiling: 64, clock: new FakeClock() });
    for (let i = 0; i < 100; i++) await drive(limiter, 2, () => answered(100));
    expect(limiter.window).toBe(INITIAL_WINDOW);
  });

  it('whatever the outcomes, in flight never passes the ceiling and the window stays within 1..ceiling (fast-check)', async () => {
    const outcome = fc.oneof(
      fc.integer({ min: 1, max: 2000 }).map(answered),
      fc.constant<Outcome>({ kind: 'failed' }),
      fc.constant<Outcome>({ kind: 'abandoned' }),
      fc.constant(refused(0)),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 64 }), fc.array(outcome, { minLength: 1, maxLength: 200 }), async (ceiling, outcomes) => {
        const clock = new FakeClock();
        const limiter = new ConcurrencyLimiter({ ceiling, clock });
        const { peak } = await driveOnClock(clock, limiter, outcomes.length, (i) => outcomes[i]!, 100);
        expect(peak).toBeLessThanOrEqual(ceiling);
        expect(limiter.window).toBeGreaterThanOrEqual(1);
        expect(limiter.window).toBeLessThanOrEqual(ceiling);
        expect(limiter.active).toBe(0);
      }),
      { seed: 20261203, numRuns: 60 },
    );
  });
});

describe('ConcurrencyLimiter: refusals and failures', () => {
  it('a sparse 429 (1 answer in 30) is not a rate limit: the window is not cut and nobody else waits', async () => {
    const clock = new FakeClock();
    const limiter = new ConcurrencyLimiter({ ceiling: 64, clock });
    // Nothing here advances the clock: a pause would leave drive() waiting for ever.
    await drive(limiter, 900, (i) => (i % 30 === 29 ? refused(1000) : answered(100)));
    expect([limiter.window, clock.sleeping]).toEqual([64, 0]);
  });

  it('persistent refusals halve the window once per generation and hold every new request until Retry-After has passed; it grows back', async () => {
    const clock = new FakeClock();
    const limiter = new ConcurrencyLimiter({ ceiling: 16, clock });
    await drive(limiter, 100, () => answered(20));
    expect(limiter.window).toBe(16);
    // 16 requests of one generation all refused: one cut, not four.
    await drive(limiter, 16, () => refused(1000));
    expect(limiter.window).toBe(8);
    let started = false;
    const next = limiter.acquire().then((p) => ((started = true), p));
    await clock.advance(999);
    expect(started).toBe(false);
    await clock.advance(1);
    expect(started).toBe(true);
    (await next).release(refused(1000));
    // A refusal of the new generation cuts again.
    expect(limiter.window).toBe(4);
    await clock.advance(1000);
    await driveOnClock(clock, limiter, 300, () => answered(20));
    expect(limiter.window).toBe(16);
  });

  it('a real rate limit (50 req/s) is met at its pace: 1,000 requests end in about 20 s, with few refusals', async () => {
    const clock = new FakeClock();
    const limiter = new ConcurrencyLimiter({ ceiling: 64, clock });
    const { seconds, refusals } = await againstRateLimit(clock, limiter, 1000, 50);
    expect(seconds).toBeGreaterThanOrEqual(19);
    expect(seconds).toBeLessThanOrEqual(22);
    expect(refusals).toBeLessThanOrEqual(80);
    expect(limiter.pace).toBeGreaterThan(40);
  });

  it('refusals spread over more than the span are sparse, however few answers came between them', async () => {
    const clock = new FakeClock();
    const limiter = new ConcurrencyLimiter({ ceiling: 8, clock });
    for (let i = 0; i < 5; i++) {
      await drive(limiter, 1, () => refused(100));
      await clock.advance(6000);
    }
    expect(limiter.window).toBe(8);
  });

  it('transport failures halve the window once per generation, down to 1, never 0', async () => {
    const limiter = new ConcurrencyLimiter({ ceiling: 16, clock: new FakeClock() });
    await drive(limiter, 100, () => answered(20));
    await drive(limiter, 16, () => ({ kind: 'failed' }));
    expect(limiter.window).toBe(8);
    for (let i = 0; i < 10; i++) await drive(limiter, 1, () => ({ kind: 'failed' }));
    expect(limiter.window).toBe(1);
  });
});

/**
 * 100 independent requests offered at once in the batch lane and, beside them, a sequence of 10
 * requests in `sequenceLane`, each sent when the one before is answered; every answer takes 100 ms
 * and the window is 4. When does the sequence end, and when the batch?
 */
async function sequenceBesideBatch(sequenceLane: Lane): Promise<{ sequenceEnds: number; batchEnds: number; batchStarts: number[] }> {
  const clock = new FakeClock();
  const limiter = new ConcurrencyLimiter({ ceiling: 4, initial: 4, clock });
  const one = async (lane: Lane) => {
    const permit = await limiter.acquire(lane);
    await clock.sleep(100);
    permit.release(answered(100));
  };
  const batchStarts: number[] = [];
  let [sequenceEnds, batchEnds] = [0, 0];
  let done = false;
  const batch = Promise.all(
    Array.from({ length: 100 }, async (_, i) => {
      const permit = await limiter.acquire('batch');
      batchStarts.push(i);
      await clock.sleep(100);
      permit.release(answered(100));
    }),
  ).then(() => (batchEnds = clock.now()));
  const sequence = (async () => {
    for (let step = 0; step < 10; step++) await one(sequenceLane);
    sequenceEnds = clock.now();
  })();
  const all = Promise.all([batch, sequence]).finally(() => (done = true));
  while (!done) await clock.advance(10);
  await all;
  return { sequenceEnds, batchEnds, batchStarts };
}

describe('ConcurrencyLimiter: lanes (a sequence goes before the batch)', () => {
  it('a sequence of 10 requests beside 100 queued batch requests ends after about 10 answers (each step waits for one free slot), not behind the batch', async () => {
    const { sequenceEnds, batchEnds } = await sequenceBesideBatch('sequence');
    // Each step: at most one answer (100 ms) for a slot to free, then its own 100 ms.
    expect(sequenceEnds).toBeLessThanOrEqual(10 * 200);
    // The batch still ends when 110 answers through 4 slots end: nothing is lost by the order.
    expect(batchEnds).toBeLessThanOrEqual(Math.ceil(110 / 4) * 100 + 100);
  });

  it('the same sequence in the batch lane waits behind the whole queue at its first step (what the lane is for)', async () => {
    const { sequenceEnds } = await sequenceBesideBatch('batch');
    expect(sequenceEnds).toBeGreaterThanOrEqual((100 / 4) * 100);
  });

  it('within the batch lane, first come first served', async () => {
    const { batchStarts } = await sequenceBesideBatch('sequence');
    expect(batchStarts).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe('ConcurrencyLimiter: an explicit rate', () => {
  it('spaces the starts by 1 ÷ rate on the clock: 5 requests at 20 req/s start at 0, 50, 100, 150, 200 ms', async () => {
    const clock = new FakeClock();
    const limiter = new ConcurrencyLimiter({ ceiling: 4, rateLimit: 20, clock });
    const starts: number[] = [];
    const all = Promise.all(
      Array.from({ length: 5 }, async () => {
        const permit = await limiter.acquire();
        starts.push(clock.now());
        permit.release(answered(1));
      }),
    );
    await clock.advance(199);
    expect(starts).toEqual([0, 50, 100, 150]);
    await clock.advance(1);
    await all;
    expect(starts).toEqual([0, 50, 100, 150, 200]);
  });
});
