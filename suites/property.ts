/**
 * Runs a property against the gateway and records it: every generated run's findings count as
 * cases; when a run fails, fast-check shrinks it, and the shrunk counterexample is sent once more
 * and recorded with its failures, the seed, the replay path and a curl reproduction.
 */
import fc from 'fast-check';
import { GatewayTimeoutError, type HttpExchange, type HttpRequest } from '../lib/http/client.ts';
import type { Finding } from './checks/finding.ts';
import type { Harness } from './harness.ts';

/** Requests spent at most on shrinking one counterexample. */
export const SHRINK_BUDGET = 100;

export interface Judged {
  readonly findings: Finding[];
  readonly request: HttpRequest;
  readonly exchange?: HttpExchange;
}

export interface PropertyResult {
  readonly runs: number;
  readonly failed: boolean;
  /** Failures recorded (MUST and SHOULD). */
  readonly failures: number;
}

export async function runProperty<T>(
  h: Harness,
  name: string,
  arbitrary: fc.Arbitrary<T>,
  judge: (value: T) => Promise<Judged>,
  describe: (value: T) => string,
  timeoutClause: string,
): Promise<PropertyResult> {
  const generated: Finding[][] = [];
  let shrinking = false;
  const attempt = async (value: T): Promise<Judged> => {
    try {
      return await judge(value);
    } catch (e) {
      if (e instanceof GatewayTimeoutError) {
        return { findings: [{ clause: timeoutClause, ok: false, kind: 'no-answer', documented: 'an answer within the request timeout', received: e.message }], request: { method: '?', url: e.url, headers: {} } };
      }
      throw e;
    }
  };
  // An error other than a timeout (unreachable gateway, a bug) ends the run instead of being shrunk into a verdict.
  let thrown: unknown;
  // Shrinking sends one request per step: past the budget, every further candidate "passes", so
  // fast-check stops at the smallest failing case found so far.
  let shrinkSteps = 0;
  const result = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      if (thrown !== undefined) throw thrown;
      if (shrinking && ++shrinkSteps > SHRINK_BUDGET) return true;
      let judged: Judged;
      try {
        judged = await attempt(value);
      } catch (e) {
        thrown = e;
        throw e;
      }
      if (!shrinking) generated.push(judged.findings);
      const ok = judged.findings.every((f) => f.ok);
      if (!ok) shrinking = true;
      return ok;
    }),
    { ...h.propertyParameters<[T]>(), endOnFailure: false },
  );
  if (thrown !== undefined) throw thrown;
  for (const findings of generated) for (const f of findings.filter((x) => x.ok)) h.recorder.pass(f.clause);
  let failures = 0;
  if (result.failed && result.counterexample) {
    const [value] = result.counterexample;
    const judged = await attempt(value);
    const counterexample = `${name}, shrunk after ${result.numShrinks} step(s): ${describe(value)}`;
    failures = h.record(judged.findings, { request: judged.request, counterexample, ...(result.counterexamplePath ? { path: result.counterexamplePath } : {}) });
    if (failures === 0) {
      // The gateway answered the replay differently: flaky. Record the original finding's clause.
      const original = generated.flat().find((f) => !f.ok);
      if (original) failures = h.record([original], { request: judged.request, counterexample: `${counterexample} (did not fail again when replayed)` });
    }
  }
  return { runs: result.numRuns, failed: result.failed, failures };
}
