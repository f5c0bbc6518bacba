/**
 * One conformance run in a process of its own, for `npm run bench`'s memory scenarios: the
 * settings come from the environment; prints one JSON line with the verdict, the requests sent,
 * the most of them in flight at once and this process's peak resident set (getrusage maxRSS), so
 * the figure is the suite's alone — the gateway that misbehaves runs in the bench process.
 */
import { runConformance } from '../runner/run.ts';

const outcome = await runConformance({ env: process.env, log: () => undefined, progressEveryMs: 0 });
console.log(JSON.stringify({ verdict: outcome.verdict, requests: outcome.requests?.sent ?? 0, peakInFlight: outcome.requests?.peakInFlight ?? 0, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
