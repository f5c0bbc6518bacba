/**
 * lib/http/response-body.ts: the run-wide budget for the bytes kept by answers being read
 * (issue 16 finding 14): however many answers are read at once, and whatever they weigh, the bytes
 * kept past the unreserved allowance stay within the budget — and the bodies read are exactly
 * those read without a budget (only when they are read changes), so the verdict cannot change.
 * Deterministic: the sources are in-memory generators, nothing is timed.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type BodySource, BodyBudget, UNRESERVED_BYTES, readBody } from '../../lib/http/response-body.ts';

const KiB = 1024;
const CHUNK = 16 * KiB;

/** Bytes consumed from every source not yet finished, past the allowance: what the readers may be keeping. */
class Tracker {
  private readonly consumed = new Map<number, number>();
  peak = 0;
  read(id: number, n: number): void {
    this.consumed.set(id, (this.consumed.get(id) ?? 0) + n);
    const held = [...this.consumed.values()].reduce((sum, c) => sum + Math.max(0, c - UNRESERVED_BYTES), 0);
    this.peak = Math.max(this.peak, held);
  }
  done(id: number): void {
    this.consumed.delete(id);
  }
}

/** A source of `bytes` bytes (the byte `fill`), in 16 KiB chunks, one per turn of the event loop. */
function source(id: number, bytes: Buffer, tracker?: Tracker): BodySource {
  let destroyed = false;
  return {
    async *[Symbol.asyncIterator]() {
      for (let at = 0; at < bytes.length && !destroyed; at += CHUNK) {
        await new Promise((resolve) => setImmediate(resolve));
        const chunk = bytes.subarray(at, at + CHUNK);
        tracker?.read(id, chunk.length);
        yield chunk;
      }
    },
    destroy: () => {
      destroyed = true;
    },
  };
}

/** Body `i`: its own letter, and a line naming it every 1000 bytes, so a body read into another's buffer shows. */
const body = (i: number, bytes: number): Buffer => {
  const b = Buffer.alloc(bytes, 0x41 + (i % 26));
  for (let at = 0; at + 8 < bytes; at += 1000) b.write(`\n#${String(i).padStart(4, '0')}\n`, at, 'latin1');
  return b;
};

describe('readBody within the run-wide budget', () => {
  it('sixteen 512 KiB answers read at once keep no more than the budget past the allowance, and read the same bytes as without it', async () => {
    const budget = new BodyBudget(1024 * KiB);
    const tracker = new Tracker();
    const limit = 512 * KiB;
    const reads = Array.from({ length: 16 }, async (_, i) => {
      const r = await readBody(source(i, body(i, 600 * KiB), tracker), undefined, limit, undefined, budget);
      tracker.done(i);
      return r;
    });
    const results = await Promise.all(reads);
    // Each reader may have taken one chunk past the allowance (or past its limit) before it waits
    // (or stops); without a budget all sixteen interleave: about 16 × 448 KiB kept at once.
    expect(tracker.peak).toBeLessThanOrEqual(budget.bytes + 16 * CHUNK);
    expect(budget.peak).toBeLessThanOrEqual(budget.bytes);
    const unbounded = await Promise.all(Array.from({ length: 16 }, (_, i) => readBody(source(i, body(i, 600 * KiB)), undefined, limit)));
    expect(results.map((r) => [r.text, r.byteLength, r.truncated])).toEqual(unbounded.map((r) => [r.text, r.byteLength, r.truncated]));
    expect(results.every((r) => r.truncated && r.byteLength === limit && r.text.length === limit)).toBe(true);
  });

  it('gzip bombs read at once decode to the limit, one budget at a time, and give the whole budget back', async () => {
    const budget = new BodyBudget(1024 * KiB);
    const limit = 768 * KiB; // more than half the budget: one reader at a time
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * KiB));
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => readBody(source(i, bomb), 'gzip', limit, undefined, budget)));
    for (const r of results) expect([r.byteLength, r.truncated, r.decoded, r.text === '\0'.repeat(limit)]).toEqual([limit, true, 'gzip', true]);
    expect(budget.peak).toBe(limit);
    // Every reservation was given back: a reservation of the whole budget is granted at once.
    const release = await budget.reserve(budget.bytes);
    release();
  });

  it('an answer within the allowance never waits, even while another holds the whole budget', async () => {
    const budget = new BodyBudget(256 * KiB);
    const release = await budget.reserve(budget.bytes);
    const r = await readBody(source(0, body(0, UNRESERVED_BYTES)), undefined, 4096 * KiB, UNRESERVED_BYTES, budget);
    expect([r.byteLength, r.truncated]).toEqual([UNRESERVED_BYTES, false]);
    release();
  });

  it('a limit larger than the budget takes the whole budget, and a reader that fails gives it back', async () => {
    const budget = new BodyBudget(128 * KiB);
    const failing: BodySource = {
      async *[Symbol.asyncIterator]() {
        yield Buffer.alloc(100 * KiB);
        throw new Error('reset');
      },
      destroy: () => undefined,
    };
    await expect(readBody(failing, undefined, 1024 * KiB, undefined, budget)).rejects.toThrow('reset');
    const r = await readBody(source(1, body(1, 300 * KiB)), undefined, 1024 * KiB, undefined, budget);
    expect([r.byteLength, r.text, r.truncated, budget.peak]).toEqual([300 * KiB, body(1, 300 * KiB).toString('latin1'), false, budget.bytes]);
  });
});
