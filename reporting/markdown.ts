/**
 * conformance.md: the report as GitHub-flavoured Markdown, for `$GITHUB_STEP_SUMMARY`, merge-request
 * notes and pull-request comments (the GitHub Action, action.yml, writes it to the job summary):
 * the verdict, a table per API and area, each failed clause (then each warning) with its simplest
 * counterexample and its curl reproduction (secrets as `$VARIABLES`: the model is masked before it
 * is rendered), and the expected failures of the baseline.
 *
 * Everything a gateway, a generated case or a configured value can shape is untrusted
 * (docs/INTERPRETING.md §untrusted-output), and control characters in it are shown as escapes
 * (lib/untrusted-text.ts):
 * - inline, it is a code span ({@link mdCode}) delimited by more backticks than any run inside it:
 *   nothing in a code span is a link, an autolink (`www.`, `http://`, `a@b`: GFM finds those even
 *   after a backslash escape), an image, HTML, an entity or emphasis;
 * - a counterexample or a curl line is a code block ({@link codeBlock}) fenced with more backticks
 *   than any run inside it, so nothing in it can close it, its lines guarded like the terminal's
 *   (no CI command, no line that looks like the verdict);
 * - the suite's own words (titles, rules, the summary) have every ASCII punctuation character
 *   backslash-escaped ({@link mdText}).
 */
import { guardLines, untrustedInline } from '../lib/untrusted-text.ts';
import type { Certificate } from './certificate.ts';
import { areaOf, type ConformanceReport, type ReportClause, type ReportStatus } from './model.ts';

export const MARKDOWN_REPORT_FILE = 'conformance.md';

/** Characters of a received value quoted in running text (conformance.html has it whole). */
const RECEIVED_LIMIT = 300;
/** Characters of a code block (a counterexample, a curl line) shown before it is cut. */
const CODE_LIMIT = 4000;

/** The suite's own words as Markdown that renders as exactly this text: every ASCII punctuation escaped. */
export function mdText(text: string): string {
  return untrustedInline(text).replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/**
 * Untrusted text inline: a code span that renders exactly `text` (controls shown as escapes). Never
 * in a table cell, where a `|` would split the cell whatever precedes it. Empty text is `''`.
 */
export function mdCode(text: string): string {
  const shown = untrustedInline(text);
  if (shown === '') return '';
  const ticks = '`'.repeat(Math.max(0, ...[...shown.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  // One space inside each delimiter, which CommonMark strips again (not around spaces only, which it keeps).
  const pad = /^ +$/.test(shown) ? '' : ' ';
  return `${ticks}${pad}${shown}${pad}${ticks}`;
}

/** `text` cut to `limit` characters, saying so. */
const cut = (text: string, limit: number): string => (text.length > limit ? `${text.slice(0, limit)}… [cut: ${text.length} characters in all]` : text);

/** A fenced code block that nothing in `text` can close: the fence is longer than any backtick run in it. */
export function codeBlock(text: string, info = ''): string {
  const lines = guardLines(cut(text, CODE_LIMIT));
  const longest = Math.max(0, ...lines.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length))));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${lines.join('\n')}\n${fence}`;
}

const OPERATION_NAMES: Readonly<Record<string, string>> = { 'put-customer': 'PutCustomer', 'mark-customer-as-synchronized': 'MarkCustomerAsSynchronized' };
const COLUMNS: readonly [ReportStatus, string][] = [['passed', 'passed'], ['failed', 'failed'], ['warning', 'warnings'], ['expected', 'expected'], ['not-tested', 'not tested'], ['not-applicable', 'n/a']];

function heading(report: ConformanceReport): string {
  if (report.verdict === 'error') return '## ⚠️ NO VERDICT';
  if (report.verdict === 'conformant' && report.exitCode !== 0) return '## ❌ STALE BASELINE';
  return report.verdict === 'conformant' ? '## ✅ CONFORMANT' : '## ❌ NOT CONFORMANT';
}

function areaTable(report: ConformanceReport): string {
  const columns = COLUMNS.filter(([s]) => (s !== 'expected' && s !== 'not-applicable') || report.totals[s] > 0);
  const rows: string[] = [];
  for (const op of [...new Set(report.clauses.map((c) => c.operation))]) {
    const clauses = report.clauses.filter((c) => c.operation === op);
    for (const area of [...new Set(clauses.map((c) => areaOf(c.id)))]) {
      const inArea = clauses.filter((c) => areaOf(c.id) === area);
      const cells = columns.map(([s]) => String(inArea.filter((c) => c.status === s).length || ''));
      rows.push(`| ${mdText(OPERATION_NAMES[op] ?? op)} | ${mdText(area)} | ${cells.join(' | ')} | ${inArea.length} |`);
    }
  }
  const t = report.totals;
  return [
    `| API | Area | ${columns.map(([, w]) => w).join(' | ')} | clauses |`,
    `| --- | --- | ${columns.map(() => '---:').join(' | ')} | ---: |`,
    ...rows,
    `| **all** | | ${columns.map(([s]) => `**${t[s]}**`).join(' | ')} | **${t.clauses}** |`,
  ].join('\n');
}

function clauseSection(c: ReportClause): string {
  const f = c.failures[0];
  const out = [`#### \`${c.id}\` \\[${c.level}\\] — ${mdText(c.title)}`, '', `Rule: ${mdText(c.quote)}`];
  if (c.baseline) out.push('', `Baseline (${c.baseline.state}): ${mdCode(c.baseline.reason)}${c.baseline.expires ? ` — expires ${mdCode(c.baseline.expires)}` : ''}`);
  if (f) {
    out.push('', `- documented: ${mdCode(cut(f.documented, RECEIVED_LIMIT))}`, `- received: ${mdCode(cut(f.received, RECEIVED_LIMIT))}`);
    if (c.failureCount > 1) out.push(`- ${c.failureCount} failures in all; the simplest is shown (conformance.html has ${c.failures.length})`);
    if (f.counterexample) out.push('', 'Simplest counterexample:', '', codeBlock(f.counterexample, 'text'));
    if (f.curl) out.push('', 'Reproduce (secrets as environment variables):', '', codeBlock(f.curl, 'sh'));
  }
  return out.join('\n');
}

function baselineSection(report: ConformanceReport): string {
  const b = report.baseline;
  if (!b) return '';
  const listed = report.clauses.filter((c) => c.baseline);
  const lines = [
    '### Expected-failures baseline',
    '',
    `${b.expected.length} clause${b.expected.length === 1 ? '' : 's'} excused by ${b.entries} entr${b.entries === 1 ? 'y' : 'ies'} in ${mdCode(b.file)}; a run with a baseline is never a certification.`,
  ];
  if (b.stale.length) lines.push('', `**Stale** (passed: remove ${b.stale.length === 1 ? 'it' : 'them'} from the baseline): ${b.stale.map((id) => `\`${id}\``).join(', ')}`);
  if (b.expired.length) lines.push('', `**Expired** (judged as if not listed): ${b.expired.map((id) => `\`${id}\``).join(', ')}`);
  if (listed.length) {
    lines.push('');
    for (const c of listed) lines.push(`- \`${c.id}\` (${c.baseline!.state}${c.baseline!.expires ? `, expires ${c.baseline!.expires}` : ''}): ${mdCode(c.baseline!.reason)}`);
  }
  return lines.join('\n');
}

export function renderMarkdown(report: ConformanceReport, extras: { readonly certificate?: Certificate } = {}): string {
  const t = report.totals;
  const target = report.target.embedded
    ? 'the embedded reference gateway (a self-test, not a certification)'
    : `PutCustomer at ${report.target.syntchBaseUrl ? mdCode(report.target.syntchBaseUrl) : 'not configured'}; MarkCustomerAsSynchronized at ${report.target.ebizSoapUrl ? mdCode(report.target.ebizSoapUrl) : 'not configured'}`;
  const counts = `${t.passed} passed, ${t.failed} failed, ${t.warning} warnings${t.expected ? `, ${t.expected} expected failures (baseline)` : ''}, ${t['not-tested']} not tested${t['not-applicable'] ? `, ${t['not-applicable']} not applicable` : ''}`;
  const parts = [
    heading(report),
    '',
    `**${mdText(report.summary)}**`,
    '',
    `${counts} · exit ${report.exitCode}${report.run.seed !== null ? ` · seed ${report.run.seed}` : ''}`,
    '',
    `Target: ${target}. Suite ${mdText(report.suite.name)} ${mdText(report.suite.version)}, interpretation v${mdText(report.suite.interpretingVersion)}.`,
  ];
  parts.push('', extras.certificate ? `Certified: certificate.json (SHA-256 of conformance.json \`${extras.certificate.report.sha256}\`) and badge.svg are beside this report; \`gateway-conformance verify DIR\` checks them.` : `Not a certification: ${mdText(report.certification.because.join('; ') || 'see conformance.json')}.`);
  for (const e of report.errors) parts.push('', `- error: ${mdCode(cut(e, 2000))}`);
  parts.push('', '### By API and area', '', areaTable(report));
  const failed = report.clauses.filter((c) => c.status === 'failed');
  const warned = report.clauses.filter((c) => c.status === 'warning');
  const expected = report.clauses.filter((c) => c.status === 'expected');
  if (failed.length) parts.push('', `### Failed clauses (${failed.length})`, '', failed.map(clauseSection).join('\n\n'));
  if (warned.length) parts.push('', `### Warnings: SHOULD clauses (${warned.length})`, '', warned.map(clauseSection).join('\n\n'));
  const baseline = baselineSection(report);
  if (baseline) parts.push('', baseline);
  if (expected.length) parts.push('', `### Expected failures (${expected.length})`, '', expected.map(clauseSection).join('\n\n'));
  parts.push('', '_Full detail (requests and responses): conformance.html; for tools: conformance.json._');
  return `${parts.join('\n')}\n`;
}
