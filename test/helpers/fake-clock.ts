/**
 * A clock for tests that moves only when told (lib/http/limiter.ts {@link Clock}): `sleep`
 * resolves once `advance` has passed its time, in the order of their deadlines, so a test of
 * pacing needs no real time and no timed assertion.
 */
import type { Clock } from '../../lib/http/limiter.ts';

export class FakeClock implements Clock {
  private timers: { at: number; resolve: () => void }[] = [];

  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.push({ at: this.time + Math.max(0, ms), resolve }));
  }

  /** Sleepers not yet woken. */
  get sleeping(): number {
    return this.timers.length;
  }

  /** Moves time by `ms`, waking each sleeper due, and lets what it wakes run before going on. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.resolve();
    }
    this.time = end;
    await settle();
  }
}

/** Lets every pending promise callback (and the I/O callbacks already due) run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
