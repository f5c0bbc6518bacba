/**
 * The expected-failures baseline applied to a report (docs/INTERPRETING.md §baseline): a CI team
 * adopts the suite before its gateway passes every clause, lists the clauses that fail today with a
 * reason (reporting/expected-failures-file.ts reads the file), and the run stays green while the list
 * can only shrink:
 *
 * - a listed clause that fails (a MUST failure, a SHOULD warning) is `expected`: it keeps its
 *   failures and shows in every format as expected, and does not change the exit code;
 * - a listed clause that passes is **stale**: the run exits 1 until the entry is removed;
 * - an entry past its expiry date excuses nothing: the clause is judged as if it were not listed;
 * - a clause that was not judged (not tested, not applicable) is neither excused nor stale.
 *
 * A baseline never excuses a run without a verdict (exit 2, 130, 143): such a report keeps its exit
 * code and its verdict `error`, and only records the baseline. A report judged with a non-empty
 * baseline never certifies (§certification).
 */
import { certificationOf, type ClauseBaseline, type ConformanceReport, type ReportClause, summaryOf, totalsOf } from './model.ts';

/** One entry of the baseline: why the clause is expected to fail, and until when. */
export interface ExpectedFailure {
  readonly reason: string;
  /** `YYYY-MM-DD`: from that day (UTC) on the entry excuses nothing. */
  readonly expires?: string;
}

/** A baseline as read: the file it came from and its entries by clause id (every id a known clause). */
export interface ExpectedFailures {
  readonly file: string;
  readonly entries: Readonly<Record<string, ExpectedFailure>>;
}

/** Whether `entry` is past its expiry date on `today` (UTC). */
export function isExpired(entry: ExpectedFailure, now: Date): boolean {
  return entry.expires !== undefined && now.toISOString().slice(0, 10) >= entry.expires;
}

/**
 * `report` judged with `baseline` on `now`: listed clauses marked, failures excused, the exit code,
 * verdict, summary and certification recomputed. A report without a verdict keeps them.
 */
export function applyExpectedFailures(report: ConformanceReport, baseline: ExpectedFailures, now: Date = new Date()): ConformanceReport {
  const noVerdict = report.verdict === 'error' || report.exitCode === 2 || report.interrupted !== null;
  const strict = report.run.settings.strict === true;
  const clauses: ReportClause[] = report.clauses.map((c) => {
    const entry = baseline.entries[c.id];
    if (entry === undefined) return c;
    const state = stateOf(c, entry, now, noVerdict);
    const mark: ClauseBaseline = { reason: entry.reason, ...(entry.expires !== undefined ? { expires: entry.expires } : {}), state };
    return { ...c, ...(state === 'expected' ? { status: 'expected' as const } : {}), baseline: mark };
  });
  const ids = (state: ClauseBaseline['state']) => clauses.filter((c) => c.baseline?.state === state).map((c) => c.id);
  const summary = { file: baseline.file, entries: Object.keys(baseline.entries).length, expected: ids('expected'), stale: ids('stale'), expired: ids('expired') };
  const failing = clauses.some((c) => c.status === 'failed' || (strict && c.status === 'warning'));
  const judged = noVerdict
    ? { verdict: report.verdict, exitCode: report.exitCode }
    : { verdict: failing ? ('not conformant' as const) : ('conformant' as const), exitCode: failing || summary.stale.length > 0 ? 1 : 0 };
  const next = { ...report, ...judged, clauses, totals: totalsOf(clauses), baseline: summary };
  return { ...next, summary: summaryOf(next), certification: certificationOf(next) };
}

function stateOf(c: ReportClause, entry: ExpectedFailure, now: Date, noVerdict: boolean): ClauseBaseline['state'] {
  if (noVerdict) return 'not-judged';
  if (c.status === 'passed') return 'stale';
  if (c.status !== 'failed' && c.status !== 'warning') return 'not-judged';
  return isExpired(entry, now) ? 'expired' : 'expected';
}
