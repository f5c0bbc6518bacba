/**
 * Runs a property against the gateway and records it: every generated run's findings count as
 * cases (the runs are sent concurrently, up to the run's concurrency); when a run fails,
 * fast-check shrinks it (one request at a time, at most SHRINK_BUDGET), and the shrunk counterexample is sent once more
 * and recorded with its failures, the seed, the replay path and a curl reproduction. A transport
 * failure that outlasts the client's retries ends the property (and the suite) instead of being
 * shrunk into a verdict.
 */
import fc from 'fast-check';
import type { HttpExchange, HttpRequest } from '../lib/http/client.ts';
import { inBatchLane, inSequenceLane } from '../lib/http/lane.ts';
import { mapLimit } from '../lib/map-limit.ts';
import type { CheckedFinding, SuiteContext } from './context.ts';

/** Requests spent at most on shrinking one counterexample. */
export const SHRINK_BUDGET = 100;

export interface Judged {
  readonly findings: CheckedFinding[];
  readonly request: HttpRequest;
  /** The answer judged, shown whole with a kept failure. */
  readonly exchange?: HttpExchange;
}

export interface PropertyResult {
  readonly runs: number;
  readonly failed: boolean;
  /** Failures recorded (MUST and SHOULD). */
  readonly failures: number;
}

export async function runProperty<T>(ctx: SuiteContext, name: string, arbitrary: fc.Arbitrary<T>, judge: (value: T) => Promise<Judged>, describe: (value: T) => string): Promise<PropertyResult> {
  const parameters = ctx.propertyParameters<[T]>();
  // The generated runs first, sent concurrently: fast-check draws the same values from the same
  // seed, so fc.check below finds each of them judged already, and sends only while shrinking. They
  // wait in the limiter's batch lane: a sequence's next request (another suite's) goes first.
  const judgedRuns = new Map<string, Judged>();
  const samples = fc.sample(arbitrary, { seed: parameters.seed!, numRuns: parameters.numRuns! });
  await inBatchLane(() =>
    mapLimit(samples, ctx.concurrency, async (value) => {
      judgedRuns.set(fc.stringify(value), await judge(value));
    }),
  );
  const generated: CheckedFinding[][] = [];
  let shrinking = false;
  let thrown: unknown;
  // Shrinking sends one request per step: past the budget, every further candidate "passes", so
  // fast-check stops at the smallest failing case found so far.
  let shrinkSteps = 0;
  // Shrinking sends one request at a time, each waiting for the one before: the sequence lane,
  // even when the suite runs the property among batch work.
  const result = await inSequenceLane(() => fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      if (thrown !== undefined) throw thrown;
      if (shrinking && ++shrinkSteps > SHRINK_BUDGET) return true;
      let judged: Judged;
      try {
        judged = (!shrinking && judgedRuns.get(fc.stringify(value))) || (await judge(value));
      } catch (e) {
        thrown = e;
        throw e;
      }
      if (!shrinking) generated.push(judged.findings);
      const ok = judged.findings.every((f) => f.ok);
      if (!ok) shrinking = true;
      return ok;
    }),
    { ...parameters, endOnFailure: false },
  ));
  if (thrown !== undefined) throw thrown;
  for (const findings of generated) ctx.record(findings.filter((x) => x.ok), {});
  let failures = 0;
  if (result.failed && result.counterexample) {
    const [value] = result.counterexample;
    const judged = await judge(value);
    const counterexample = `${name}, shrunk after ${result.numShrinks} step(s): ${describe(value)}`;
    const evidence = { request: judged.request, ...(judged.exchange ? { exchange: judged.exchange } : {}) };
    failures = ctx.record(judged.findings, { ...evidence, counterexample, ...(result.counterexamplePath ? { path: result.counterexamplePath } : {}) });
    if (failures === 0) {
      // The gateway answered the replay differently: flaky. Record the original finding's clause.
      const original = generated.flat().find((f) => !f.ok);
      if (original) failures = ctx.record([original], { ...evidence, counterexample: `${counterexample} (did not fail again when replayed)` });
    }
  }
  return { runs: result.numRuns, failed: result.failed, failures };
}
