/**
 * The terminal: every failed clause with its rule, documented vs received, the case and a curl
 * reproduction; then a short summary — the verdict line (which says PARTIAL for a partial run, a
 * self-test for the embedded reference gateway, and ERROR whenever the exit code is 2), counts
 * per status, the failed clauses with their one-line reason, what the run left out, the seed,
 * and where the reports are (and where the previous ones were kept).
 *
 * The values of the report that can carry a secret are masked before it is laid out
 * ({@link maskReport}); the lines, our own words, are not. Every line passes the guard of
 * lib/untrusted-text.ts: a gateway's text shows its control characters as escapes, never starts a
 * line of its own, and no line but the verdict line begins with `verdict:` (nor with a CI command).
 */
import { maskSecrets, type Secrets } from '../lib/secrets.ts';
import { guardLines, showControls } from '../lib/untrusted-text.ts';
import { type ConformanceReport, type WrittenReports, maskReport, scopeLines } from './model.ts';

export function renderTerminal(input: ConformanceReport, written: WrittenReports | readonly string[] = [], secrets: Secrets = []): string[] {
  const report = maskReport(input, secrets);
  // The report paths hold a setting's value (CONFORMANCE_REPORT_DIR): masked as values.
  const path = (p: string) => maskSecrets(p, secrets);
  const files = (Array.isArray(written) ? (written as readonly string[]) : (written as WrittenReports).files).map(path);
  const given = Array.isArray(written) ? undefined : (written as WrittenReports).previous;
  const previous = given ? { dir: path(given.dir), files: given.files.map(path) } : undefined;
  const lines: string[] = [''];
  const bad = report.clauses.filter((c) => c.status === 'failed' || c.status === 'warning');
  for (const c of bad) {
    const f = c.failures[0]!;
    lines.push(`${c.status === 'failed' ? 'FAILED ' : 'WARNING'} ${c.id} [${c.level}] — ${f.title}`);
    lines.push(`  rule:        ${c.quote}`);
    lines.push(`  documented:  ${f.documented}`);
    lines.push(`  received:    ${f.received}`);
    if (f.counterexample) lines.push(`  case:        ${f.counterexample}`);
    if (f.path) lines.push(`  replay:      CONFORMANCE_SEED=${f.seed} (fast-check path ${f.path})`);
    if (f.curl) lines.push(`  reproduce:\n${f.curl.split('\n').map((l) => `    ${l}`).join('\n')}`);
    if (c.failures.length > 1) lines.push(`  (${c.failures.length - 1} more failure(s) of this clause)`);
  }
  const t = report.totals;
  lines.push('');
  const verdictAt = lines.length;
  lines.push(`verdict: ${report.summary} — ${t.passed} passed, ${t.failed} failed, ${t.warning} warnings${t.expected ? `, ${t.expected} expected failures (baseline)` : ''}, ${t['not-tested']} not tested${t['not-applicable'] ? `, ${t['not-applicable']} not applicable` : ''}`);
  for (const c of bad) lines.push(`  ${c.status === 'failed' ? 'failed ' : 'warning'} ${c.id}: ${oneLine(c.failures[0]!.received)}${c.baseline?.state === 'expired' ? ` (baseline entry expired ${c.baseline.expires})` : ''}`);
  for (const c of report.clauses) {
    if (c.baseline?.state === 'expected') lines.push(`  expected ${c.id} (baseline: ${oneLine(c.baseline.reason)}): ${oneLine(c.failures[0]?.received ?? '')}`);
    if (c.baseline?.state === 'stale') lines.push(`  stale    ${c.id}: listed in the baseline but passed — remove it from the baseline`);
  }
  lines.push(...scopeLines(report));
  if (report.run.seed !== null) lines.push(`seed: ${report.run.seed}`);
  for (const e of report.errors) lines.push(`error: ${e}`);
  if (files.length) lines.push(`reports: ${files.join(', ')}`);
  if (previous) lines.push(`previous reports kept in ${previous.dir} (the last run with a verdict: ${previous.files.join(', ')})`);
  // The verdict line is the suite's alone: every other line is guarded.
  return lines.flatMap((l, i) => (i === verdictAt ? [showControls(l)] : guardLines(l)));
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}
