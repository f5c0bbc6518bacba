/**
 * lib/http/lane.ts: the lane a request waits in follows the work that makes it, across awaits;
 * the sequence lane by default, the batch lane inside inBatchLane, and the sequence lane again
 * for work inside it that sends one request at a time (a shrinking step).
 */
import { describe, expect, it } from 'vitest';
import { inBatchLane, inSequenceLane, laneNow } from '../../lib/http/lane.ts';

const tick = () => new Promise<void>((r) => setTimeout(r, 1));

describe('lanes', () => {
  it('the sequence lane by default', () => {
    expect(laneNow()).toBe('sequence');
  });

  it('the batch lane inside inBatchLane, after awaits too, and the sequence lane again once it has ended', async () => {
    const seen = await inBatchLane(async () => {
      const before = laneNow();
      await tick();
      return [before, laneNow()];
    });
    expect([...seen, laneNow()]).toEqual(['batch', 'batch', 'sequence']);
  });

  it('inSequenceLane inside batch work: sequence within, batch again after', async () => {
    const seen = await inBatchLane(async () => {
      const inner = await inSequenceLane(async () => {
        await tick();
        return laneNow();
      });
      return [inner, laneNow()];
    });
    expect(seen).toEqual(['sequence', 'batch']);
  });
});
