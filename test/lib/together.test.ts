/**
 * lib/together.ts: a suite's independent pieces start at once; every piece is waited for before it
 * settles (nothing is still sending after the suite ended), then the first failure in the order
 * given is thrown.
 */
import { describe, expect, it } from 'vitest';
import { together } from '../../lib/together.ts';

const later = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms));

describe('together', () => {
  it('starts every piece before any has finished', async () => {
    const started: number[] = [];
    let finished = 0;
    await together(
      ...[0, 1, 2].map((i) => async () => {
        started.push(i);
        expect(finished).toBe(0);
        await later(5, i);
        finished++;
      }),
    );
    expect([started, finished]).toEqual([[0, 1, 2], 3]);
  });

  it('a failure is thrown only once every other piece has settled, and the first failure in order wins', async () => {
    let slowDone = false;
    const error = await together(
      async () => {
        await later(20, 0);
        slowDone = true;
      },
      async () => {
        await later(10, 0);
        throw new Error('second');
      },
      async () => {
        throw new Error('third');
      },
    ).catch((e: unknown) => e);
    expect([(error as Error).message, slowDone]).toEqual(['second', true]);
  });

  it('no pieces: settles at once', async () => {
    await expect(together()).resolves.toBeUndefined();
  });
});
