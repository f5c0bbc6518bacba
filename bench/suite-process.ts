/**
 * One conformance run in a process of its own, for `npm run bench`'s memory scenarios: the
 * settings come from the environment; prints one JSON line with the verdict, the requests sent and
 * this process's peak resident set (getrusage maxRSS), so the figure is the suite's alone — the
 * gateway that misbehaves runs in the bench process.
 */
import { runConformance } from '../runner/run.ts';
import { embeddedReference } from '../reference/embedded.ts';

const outcome = await runConformance({ embedded: embeddedReference(), env: process.env, log: () => undefined, progressEveryMs: 0 });
console.log(JSON.stringify({ verdict: outcome.verdict, requests: outcome.requests?.sent ?? 0, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
