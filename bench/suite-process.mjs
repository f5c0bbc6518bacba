/**
 * One conformance run in a process of its own, for `npm run bench`'s memory scenarios: the
 * compiled JavaScript (dist/, built by the bench first) as the installed package runs it — no
 * loader, no TypeScript compiler in the process. The settings come from the environment; prints
 * one JSON line with the verdict, the requests sent and this process's peak resident set
 * (getrusage maxRSS), so the figure is the suite's alone — the gateway that misbehaves runs in the
 * bench process.
 */
import { runConformance } from '../dist/runner/run.js';
import { embeddedReference } from '../dist/reference/embedded.js';

const outcome = await runConformance({ embedded: embeddedReference(), env: process.env, log: () => undefined, progressEveryMs: 0 });
console.log(JSON.stringify({ verdict: outcome.verdict, requests: outcome.requests?.sent ?? 0, peakInFlight: outcome.requests?.peakInFlight ?? 0, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
