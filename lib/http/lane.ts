/**
 * Which lane of the limiter (limiter.ts) the requests made inside a piece of work wait in. The
 * default is the sequence lane; the generated runs of a property are sent in the batch lane, so
 * the requests of a sequence (each waiting for the answer before it) go before them.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Lane } from './limiter.ts';

const current = new AsyncLocalStorage<Lane>();

/** Runs `work` with every request it makes (directly or through the `soap` package) in the batch lane. */
export function inBatchLane<T>(work: () => Promise<T>): Promise<T> {
  return current.run('batch', work);
}

/** Runs `work` with every request it makes in the sequence lane, even inside batch work (a shrinking step). */
export function inSequenceLane<T>(work: () => Promise<T>): Promise<T> {
  return current.run('sequence', work);
}

/** The lane of a request made now. */
export function laneNow(): Lane {
  return current.getStore() ?? 'sequence';
}
