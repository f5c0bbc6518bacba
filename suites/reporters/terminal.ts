/**
 * The terminal: every failed clause with its rule, documented vs received, the case and a curl
 * reproduction; then a short summary — verdict, counts per status, the failed clauses with their
 * one-line reason, the seed, and where the reports are.
 */
import type { ConformanceReport } from './model.ts';

export function renderTerminal(report: ConformanceReport, written: readonly string[]): string[] {
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
  lines.push(`verdict: ${report.verdict.toUpperCase()} — ${t.passed} passed, ${t.failed} failed, ${t.warning} warnings, ${t['not-tested']} not tested`);
  for (const c of bad) lines.push(`  ${c.status === 'failed' ? 'failed ' : 'warning'} ${c.id}: ${oneLine(c.failures[0]!.received)}`);
  if (report.run.seed !== null) lines.push(`seed: ${report.run.seed}`);
  for (const e of report.errors) lines.push(`error: ${e}`);
  if (written.length) lines.push(`reports: ${written.join(', ')}`);
  return lines;
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}
