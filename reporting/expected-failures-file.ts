/**
 * The expected-failures baseline file (`--baseline FILE`, `CONFORMANCE_BASELINE`;
 * docs/INTERPRETING.md §baseline): small and reviewable, YAML or JSON (JSON is YAML), one entry per
 * clause id with the reason it is expected to fail and, optionally, the day it stops excusing it:
 *
 * ```yaml
 * expected-failures:
 *   put-customer/response/echo:
 *     reason: trims CustomerName before storing it (TICKET-123)
 *     expires: 2027-03-01
 * ```
 *
 * Reading it is part of reading the configuration: a file that cannot be read or parsed, an entry
 * without a reason, a date that is not `YYYY-MM-DD`, or an id that is not a clause (with the id
 * most likely meant) is a configuration problem — exit 2 before anything is sent.
 *
 * `--update-baseline FILE` writes the failures of a run with a verdict ({@link updatedEntries}):
 * never a clause that passed, and the reason (and expiry) of every entry the file already had.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseDocument, stringify } from 'yaml';
import { clauseSuggestion, isClauseId } from '../contract/index.ts';
import type { ExpectedFailure, ExpectedFailures } from './expected-failures.ts';
import { writeAtomically } from './index.ts';
import type { ConformanceReport } from './model.ts';
import { untrustedInline } from '../lib/untrusted-text.ts';

/** The top-level key of the file. */
export const BASELINE_KEY = 'expected-failures';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar day written `YYYY-MM-DD`. */
function isDay(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** The entries of a baseline file's text, or every problem with it (`file` names it in each). */
export function parseExpectedFailures(text: string, file: string): { baseline: ExpectedFailures } | { problems: string[] } {
  const at = `${file}`;
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) return { problems: doc.errors.map((e) => `${at}: not valid YAML or JSON: ${e.message.split('\n')[0]}`) };
  const data: unknown = doc.toJS();
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (data === null || data === undefined) return { baseline: { file, entries: {} } };
  if (!isMap(data)) return { problems: [`${at}: expected a mapping with the key '${BASELINE_KEY}'`] };
  const problems: string[] = [];
  for (const key of Object.keys(data)) if (key !== BASELINE_KEY) problems.push(`${at}: unknown key '${key}' (the file holds one key, '${BASELINE_KEY}')`);
  const list = data[BASELINE_KEY] ?? {};
  if (!isMap(list)) return { problems: [...problems, `${at}: '${BASELINE_KEY}' must map clause ids to { reason, expires }`] };
  const entries: Record<string, ExpectedFailure> = {};
  for (const [id, value] of Object.entries(list)) {
    if (!isClauseId(id)) {
      problems.push(`${at}: '${id}' is not a clause${clauseSuggestion(id)} (gateway-conformance --list-clauses)`);
      continue;
    }
    if (!isMap(value)) {
      problems.push(`${at}: ${id}: give a reason (reason: why it is expected to fail)`);
      continue;
    }
    for (const key of Object.keys(value)) if (key !== 'reason' && key !== 'expires') problems.push(`${at}: ${id}: unknown key '${key}' (an entry has reason and expires)`);
    const reason = typeof value.reason === 'string' ? value.reason.trim() : '';
    if (reason === '') problems.push(`${at}: ${id}: the reason is missing or empty: say why the clause is expected to fail`);
    const expires = value.expires;
    if (expires !== undefined && (typeof expires !== 'string' || !isDay(expires))) problems.push(`${at}: ${id}: expires must be a day written YYYY-MM-DD, got ${JSON.stringify(expires)}`);
    entries[id] = { reason, ...(typeof expires === 'string' ? { expires } : {}) };
  }
  return problems.length > 0 ? { problems } : { baseline: { file, entries } };
}

/** The baseline in `file`, or every problem with it (a file that cannot be read is one). */
export function readExpectedFailures(file: string): { baseline: ExpectedFailures } | { problems: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { problems: [`${file}: cannot read the expected-failures baseline (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`] };
  }
  return parseExpectedFailures(text, file);
}

/**
 * The entries `--update-baseline` writes for `report` (a run with a verdict): every clause that
 * failed, warned or was excused, in catalogue order, with the reason (and expiry) it already had in
 * `kept`, or a new reason naming the day and the first failure. Never a clause that passed.
 */
export function updatedEntries(report: ConformanceReport, kept: Readonly<Record<string, ExpectedFailure>>, now: Date = new Date()): Record<string, ExpectedFailure> {
  const day = now.toISOString().slice(0, 10);
  const out: Record<string, ExpectedFailure> = {};
  for (const c of report.clauses) {
    if (c.status !== 'failed' && c.status !== 'warning' && c.status !== 'expected') continue;
    const first = c.failures[0];
    out[c.id] = kept[c.id] ?? { reason: `failing since ${day}${first ? `: ${untrustedInline(first.title)}` : ''} (say why, or fix it)` };
  }
  return out;
}

/** A baseline file's text: a comment saying what it is, then the entries. */
export function renderExpectedFailures(entries: Readonly<Record<string, ExpectedFailure>>): string {
  const header = [
    '# gateway-conformance expected failures (docs/INTERPRETING.md §baseline).',
    '# A listed clause that fails is reported as expected; one that passes fails the run until it is',
    '# removed; an entry past its `expires` day excuses nothing. Written by --update-baseline.',
  ].join('\n');
  const body = Object.keys(entries).length === 0 ? `${BASELINE_KEY}: {}\n` : stringify({ [BASELINE_KEY]: entries }, { lineWidth: 0 });
  return `${header}\n${body}`;
}

/**
 * `--update-baseline FILE` after a run: writes {@link updatedEntries} into `file` (atomically),
 * keeping the reasons of the entries `file` already had, then those of the baseline the run used.
 * Returns the line to print. A run without a verdict writes nothing (its clauses were not judged);
 * neither does a `file` that exists but cannot be read as a baseline (it is not overwritten).
 */
export function writeUpdatedBaseline(file: string, report: ConformanceReport, used: ExpectedFailures | undefined, now: Date = new Date()): string {
  if (report.verdict === 'error' || report.exitCode === 2 || report.interrupted !== null) return `baseline not updated: the run has no verdict (${file} left as it was)`;
  let existing: Readonly<Record<string, ExpectedFailure>> = {};
  if (existsSync(file)) {
    const read = readExpectedFailures(file);
    if ('problems' in read) return `baseline not updated: ${file} exists but is not a baseline this suite reads (${read.problems[0]}); it was left as it was`;
    existing = read.baseline.entries;
  }
  const entries = updatedEntries(report, { ...(used?.entries ?? {}), ...existing }, now);
  writeAtomically(file, renderExpectedFailures(entries));
  const n = Object.keys(entries).length;
  return `baseline updated: ${file} lists ${n} failing clause${n === 1 ? '' : 's'}${n > 0 ? ' (review each reason)' : ''}`;
}
