/**
 * conformance.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) that
 * a vendor can hand to a certifier:
 *
 * - the banner: the verdict, the target (the URLs tested, or the embedded reference gateway), the
 *   totals and, when the run is not conformant, the failed clauses (linked); under it, banners for
 *   a self-test, a partial run (why, with the filters and the settings left out) and no verdict;
 * - a table of contents;
 * - a summary per API and per area (the second segment of a clause id), counts by status with a
 *   small stacked bar drawn in inline SVG;
 * - every failed clause, then every warning, with its failures (the simplest counterexample first):
 *   documented vs received, the case, the request as sent and the response as received — status,
 *   headers and the body pretty-printed (reporting/pretty.ts), cut only past 64 KiB, with a note —
 *   and the curl reproduction;
 * - the clause tables per API, with filters for failed / warnings / not tested (CSS radio buttons);
 * - the run's metadata.
 *
 * Laid out to fit a 1280 px window without horizontal scrolling (fixed table layouts, long ids and
 * URLs wrap), and to stay readable on a 390 px phone.
 */
import type { Certificate } from './certificate.ts';
import { areaOf, type ConformanceReport, type ReportClause, type ReportFailure, type ReportStatus, SELF_TEST_NOTE } from './model.ts';
import { prettyBody } from './pretty.ts';
import { guardMarkup, showControls } from '../lib/untrusted-text.ts';
import type { RecordedRequest, RecordedResponse } from '../runner/recorder.ts';

export const HTML_REPORT_FILE = 'conformance.html';

const OPERATION_NAMES: Readonly<Record<string, string>> = {
  'put-customer': 'Syntch Gateway API — PutCustomer',
  'mark-customer-as-synchronized': 'eBizCharge SOAP API — MarkCustomerAsSynchronized',
};
const SHORT_NAMES: Readonly<Record<string, string>> = { 'put-customer': 'PutCustomer', 'mark-customer-as-synchronized': 'MarkCustomerAsSynchronized' };

const STATUSES: readonly ReportStatus[] = ['passed', 'failed', 'warning', 'expected', 'not-tested', 'not-applicable'];
const STATUS_WORDS: Readonly<Record<ReportStatus, string>> = { passed: 'passed', failed: 'failed', warning: 'warnings', expected: 'expected failures', 'not-tested': 'not tested', 'not-applicable': 'not applicable' };
const SHORT_STATUS: Readonly<Record<ReportStatus, string>> = { passed: 'ok', failed: 'fail', warning: 'warn', expected: 'exp', 'not-tested': 'n/t', 'not-applicable': 'n/a' };
const COLORS: Readonly<Record<ReportStatus, string>> = { passed: '#1a7f37', failed: '#cf222e', warning: '#bf8700', expected: '#8250df', 'not-tested': '#8c959f', 'not-applicable': '#57606a' };

/** How many failed clauses the banner names before "and N more". */
const BANNER_CLAUSES = 12;

/**
 * Text as HTML: every control character shown as a visible escape (`\x1b`, `\u0085`; line breaks
 * and tabs kept for the pretty-printed bodies), markup escaped, and `##vso[` or a line that starts
 * like a CI command written with a character reference, so the page reads exactly what was
 * received and `cat` of the file writes no command (lib/untrusted-text.ts).
 */
const esc = (s: string): string => guardMarkup(showControls(s, { multiline: true }).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
const anchor = (prefix: string, id: string) => `${prefix}${id.replace(/\//g, '--')}`;

const CSS = `
:root { --pass:${COLORS.passed}; --fail:${COLORS.failed}; --warn:#9a6700; --skip:#57606a; --line:#d0d7de; --soft:#f6f8fa; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.45; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 1.5rem; color: #1f2328; overflow-wrap: break-word; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; overflow-wrap: anywhere; }
a { color: #0969da; }
header.verdict { border-radius: 8px; padding: 1rem 1.5rem; color: #fff; }
header.verdict a, header.verdict code { color: #fff; }
header.conformant { background: var(--pass); } header.not-conformant { background: var(--fail); } header.error { background: var(--skip); }
header .eyebrow { margin: 0; font-size: .85rem; opacity: .9; }
header h1 { margin: .1rem 0 0; font-size: 2rem; letter-spacing: .02em; }
header p { margin: .3rem 0 0; }
.banner { margin: .8rem 0 0; padding: .5rem .8rem; border-radius: 6px; background: rgba(255,255,255,.18); border: 1px solid rgba(255,255,255,.6); }
.banner strong { letter-spacing: .05em; } .banner ul { margin: .3rem 0 0; padding-left: 1.2rem; }
.banner.failed-clauses li { margin: .1rem 0; }
nav#toc { margin: 1.2rem 0; padding: .6rem 1rem; border: 1px solid var(--line); border-radius: 8px; background: var(--soft); }
nav#toc h2 { margin: 0 0 .3rem; font-size: 1rem; }
nav#toc ol { margin: 0; padding-left: 1.3rem; columns: 2 18rem; }
h2 { margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
table { width: 100%; border-collapse: collapse; margin-bottom: 1.5rem; table-layout: fixed; }
th, td { text-align: left; vertical-align: top; padding: .45rem .5rem; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
th { font-size: .85rem; color: #57606a; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.areas col.area { width: 26%; } table.areas col.chart { width: 34%; } table.areas col.count { width: 8%; }
table.areas tr.total td { font-weight: 600; border-top: 2px solid var(--line); }
table.clauses col.id { width: 30%; } table.clauses col.level { width: 8%; } table.clauses col.status { width: 10%; } table.clauses col.cases { width: 7%; } table.clauses col.req { width: 45%; }
td.level, th { overflow-wrap: normal; }
td.num.failed { color: var(--fail); font-weight: 700; } td.num.warning { color: var(--warn); font-weight: 700; }
.short { display: none; }
td.id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .82rem; }
svg.bar { display: block; width: 100%; height: 14px; border-radius: 3px; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; font-size: .85rem; color: #57606a; margin: .3rem 0 .6rem; }
.legend span::before { content: ""; display: inline-block; width: .75rem; height: .75rem; border-radius: 2px; margin-right: .3rem; vertical-align: -1px; background: var(--c); }
.badge { display: inline-block; border-radius: 1rem; padding: .05rem .6rem; color: #fff; font-size: .8rem; white-space: nowrap; }
.badge.expected { background: #8250df; } article.finding.expected { border-left-color: #8250df; }
section.certificate { margin: 1rem 0; padding: .6rem 1rem; border: 2px solid var(--pass); border-radius: 8px; } section.certificate.not-conformant { border-color: var(--fail); }
section.certificate h2 { margin: 0 0 .3rem; border: 0; font-size: 1.1rem; }
.badge.passed { background: var(--pass); } .badge.failed { background: var(--fail); } .badge.warning { background: var(--warn); } .badge.not-tested, .badge.not-applicable { background: var(--skip); }
.filters { margin: 1.2rem 0 .5rem; display: flex; flex-wrap: wrap; gap: .4rem; }
input[name=filter] { position: absolute; opacity: 0; pointer-events: none; }
.filters label { display: inline-block; border: 1px solid var(--line); border-radius: 2rem; padding: .25rem .9rem; cursor: pointer; }
#filter-all:checked ~ .filters label[for=filter-all], #filter-failed:checked ~ .filters label[for=filter-failed],
#filter-warning:checked ~ .filters label[for=filter-warning], #filter-not-tested:checked ~ .filters label[for=filter-not-tested] { background: #1f2328; color: #fff; }
#filter-failed:checked ~ main tr.clause:not(.failed), #filter-warning:checked ~ main tr.clause:not(.warning),
#filter-not-tested:checked ~ main tr.clause:not(.not-tested) { display: none; }
article.finding { border: 1px solid var(--line); border-left: 6px solid var(--fail); border-radius: 6px; padding: .6rem 1rem; margin: 1rem 0; }
article.finding.warning { border-left-color: var(--warn); }
article.finding h3 { margin: .2rem 0 .4rem; font-size: 1.05rem; display: flex; flex-wrap: wrap; gap: .2rem .6rem; align-items: baseline; }
article.finding h3 code { font-size: .9rem; }
.rule { margin: .2rem 0 .5rem; color: #424a53; }
details.failure { border-top: 1px solid var(--line); padding: .4rem 0; }
details.failure > summary { cursor: pointer; font-weight: 600; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .2rem .8rem; margin: .5rem 0; }
dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; min-width: 0; }
h4 { margin: .8rem 0 .2rem; font-size: .9rem; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: .6rem; margin: .2rem 0; font-size: .8rem; white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-all; max-width: 100%; }
pre .start { font-weight: 700; }
.note { font-size: .85rem; color: #57606a; margin: .1rem 0 .4rem; }
.note.cut { color: var(--warn); font-weight: 600; }
.reason { color: #57606a; font-size: .9rem; }
footer { margin-top: 2rem; font-size: .9rem; color: #57606a; }
@media (max-width: 700px) {
  body { padding: .75rem; }
  header.verdict { padding: .8rem 1rem; }
  header h1 { font-size: 1.5rem; }
  nav#toc ol { columns: 1; }
  table.clauses, table.clauses tbody, table.clauses tr, table.clauses td { display: block; width: auto; }
  table.clauses colgroup, table.clauses thead { display: none; }
  table.clauses tr { border-bottom: 1px solid var(--line); padding: .4rem 0; }
  table.clauses td { border: 0; padding: .1rem 0; }
  table.clauses td.level, table.clauses td.cases { display: inline-block; margin-right: .8rem; color: #57606a; font-size: .85rem; }
  table.clauses td.level::before { content: "level "; } table.clauses td.cases::before { content: "cases "; }
  table.clauses td.status { display: inline-block; margin-right: .8rem; }
  table.areas col.area { width: 29%; } table.areas col.chart { width: 21%; } table.areas col.count { width: 10%; }
  table.areas { font-size: .85rem; }
  .long { display: none; } .short { display: inline; }
  th, td { padding: .35rem .25rem; }
  article.finding { padding: .5rem .6rem; }
  dl { grid-template-columns: minmax(0, 1fr); } dt { margin-top: .3rem; }
}
`;

/** A stacked bar of counts by status, drawn in inline SVG. */
function bar(counts: Readonly<Record<ReportStatus, number>>, label: string): string {
  const total = STATUSES.reduce((n, s) => n + counts[s], 0);
  if (total === 0) return '';
  let x = 0;
  const rects = STATUSES.filter((s) => counts[s] > 0).map((s) => {
    const w = (counts[s] / total) * 100;
    const r = `<rect x="${x.toFixed(3)}" y="0" width="${w.toFixed(3)}" height="10" fill="${COLORS[s]}"><title>${counts[s]} ${STATUS_WORDS[s]}</title></rect>`;
    x += w;
    return r;
  });
  const words = STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${STATUS_WORDS[s]}`).join(', ');
  return `<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="${esc(`${label}: ${words}`)}" xmlns="http://www.w3.org/2000/svg">${rects.join('')}</svg>`;
}

function countsOf(clauses: readonly ReportClause[]): Record<ReportStatus, number> {
  const counts = { passed: 0, failed: 0, warning: 0, expected: 0, 'not-tested': 0, 'not-applicable': 0 };
  for (const c of clauses) counts[c.status]++;
  return counts;
}

function countCells(counts: Readonly<Record<ReportStatus, number>>, total: number, columns: readonly ReportStatus[]): string {
  return `${columns.map((s) => `<td class="num ${s}">${counts[s] || ''}</td>`).join('')}<td class="num">${total}</td>`;
}

/** The summary per API and per area, each with its bar. */
function overview(report: ConformanceReport, operations: readonly string[]): string {
  // A not-applicable or expected column only when a clause has that status (rare: it keeps the usual table narrow).
  const columns = STATUSES.filter((s) => (s !== 'not-applicable' && s !== 'expected') || report.totals[s] > 0);
  const legend = `<p class="legend">${columns.map((s) => `<span style="--c:${COLORS[s]}">${STATUS_WORDS[s]}</span>`).join('')}</p>`;
  const tables = operations.map((op) => {
    const clauses = report.clauses.filter((c) => c.operation === op);
    const areas = [...new Set(clauses.map((c) => areaOf(c.id)))];
    const rows = areas.map((area) => {
      const inArea = clauses.filter((c) => areaOf(c.id) === area);
      const counts = countsOf(inArea);
      return `<tr class="area${counts.failed ? ' has-failed' : ''}" data-area="${esc(area)}"><td><code>${esc(area)}</code></td><td>${bar(counts, `${SHORT_NAMES[op] ?? op} ${area}`)}</td>${countCells(counts, inArea.length, columns)}</tr>`;
    });
    const counts = countsOf(clauses);
    return `<h3 id="${esc(anchor('summary--', op))}">${esc(OPERATION_NAMES[op] ?? op)}</h3>
<table class="areas" data-operation="${esc(op)}"><colgroup><col class="area"><col class="chart">${'<col class="count">'.repeat(columns.length + 1)}</colgroup>
<thead><tr><th>Area</th><th>Chart</th>${columns.map((st) => `<th class="num" title="${STATUS_WORDS[st]}"><span class="long">${STATUS_WORDS[st][0]!.toUpperCase()}${STATUS_WORDS[st].slice(1)}</span><span class="short">${SHORT_STATUS[st]}</span></th>`).join('')}<th class="num"><span class="long">Clauses</span><span class="short">all</span></th></tr></thead><tbody>
${rows.join('\n')}
<tr class="total"><td>${esc(SHORT_NAMES[op] ?? op)}, all areas</td><td>${bar(counts, `${SHORT_NAMES[op] ?? op}`)}</td>${countCells(counts, clauses.length, columns)}</tr>
</tbody></table>`;
  });
  return `<section id="overview"><h2>Summary by API and area</h2>${legend}${tables.join('\n')}</section>`;
}

function headerLines(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers).map(([k, v]) => `${esc(k)}: ${esc(v)}`).join('\n');
}

/** A body as shown: pretty-printed when it is JSON or XML, with the notes that say how it was cut. */
function bodyBlock(part: RecordedRequest | RecordedResponse): { text: string; before: string; after: string } {
  const before = part.note ? `<p class="note${part.truncated ? ' cut' : ''}">${part.truncated ? 'Truncated: ' : ''}${esc(part.note)}.</p>` : '';
  if (part.body === '') return { text: '', before, after: '' };
  const pretty = prettyBody(part.body);
  const after = pretty.changed ? `<p class="note">Body pretty-printed for reading (${part.bodyBytes.toLocaleString('en-US')} bytes as received; conformance.json has it exactly).</p>` : '';
  return { text: pretty.text, before, after };
}

function requestBlock(r: RecordedRequest): string {
  const body = bodyBlock(r);
  return `<h4>Request</h4>${body.before}<pre class="http request"><span class="start">${esc(r.method)} ${esc(r.url)}</span>
${headerLines(r.headers)}${body.text ? `\n\n${esc(body.text)}` : ''}</pre>${body.after}`;
}

function responseBlock(r: RecordedResponse): string {
  const body = bodyBlock(r);
  return `<h4>Response</h4>${body.before}<pre class="http response"><span class="start">HTTP ${r.status}</span>
${headerLines(r.headers)}${body.text ? `\n\n${esc(body.text)}` : '\n\n(no body)'}</pre>${body.after}`;
}

function failureBlock(c: ReportClause, f: ReportFailure, i: number): string {
  const of = c.failures.length > 1 ? `${i + 1} of ${c.failures.length}: ` : '';
  const summary = f.counterexample ?? f.title;
  return `<details class="failure"${i === 0 ? ' open' : ''}><summary>${esc(of)}${esc(summary.length > 300 ? `${summary.slice(0, 300)}…` : summary)}</summary><dl>
<dt>What</dt><dd>${esc(f.title)}</dd>
<dt>Documented</dt><dd>${esc(f.documented)}</dd>
<dt>Received</dt><dd>${esc(f.received)}</dd>
${f.counterexample ? `<dt>Case</dt><dd>${esc(f.counterexample)}</dd>` : ''}
${f.check ? `<dt>Check</dt><dd><code>${esc(f.check)}</code></dd>` : ''}
${f.seed !== undefined ? `<dt>Replay</dt><dd>CONFORMANCE_SEED=${f.seed}${f.path ? ` (fast-check path ${esc(f.path)})` : ''}</dd>` : ''}
</dl>${f.request ? requestBlock(f.request) : ''}${f.response ? responseBlock(f.response) : f.request ? '<h4>Response</h4><p class="note">No answer was received.</p>' : ''}${f.curl ? `<h4>Reproduce</h4><pre class="curl">${esc(f.curl)}</pre>` : ''}</details>`;
}

function finding(c: ReportClause): string {
  const more = c.failureCount > c.failures.length ? ` (${c.failureCount} failures in all; the ${c.failures.length} simplest are kept)` : '';
  return `<article class="finding ${c.status}" id="${esc(anchor('f--', c.id))}">
<h3><span class="badge ${c.status}">${c.status}</span><code>${esc(c.id)}</code><span>[${c.level}] ${esc(c.title)}</span></h3>
<p class="rule">Rule: “${esc(c.quote)}”</p>
${c.baseline ? `<p class="rule">Baseline (${esc(c.baseline.state)}): ${esc(c.baseline.reason)}${c.baseline.expires ? ` — expires ${esc(c.baseline.expires)}` : ''}</p>` : ''}
<p class="note">${c.failures.length} failure${c.failures.length === 1 ? '' : 's'} shown, the simplest counterexample first${esc(more)}. <a href="#${esc(anchor('', c.id))}">Clause row</a></p>
${c.failures.map((f, i) => failureBlock(c, f, i)).join('\n')}
</article>`;
}

function findings(report: ConformanceReport): string {
  const failed = report.clauses.filter((c) => c.status === 'failed');
  const warned = report.clauses.filter((c) => c.status === 'warning');
  const expected = report.clauses.filter((c) => c.status === 'expected');
  if (failed.length + warned.length + expected.length === 0) return '';
  return `<section id="findings"><h2>Failures (${failed.length}) and warnings (${warned.length})${expected.length ? `, expected failures (${expected.length})` : ''}</h2>
<p class="note">A failed MUST clause makes the run not conformant (exit 1); a warning is a SHOULD clause that did not hold, and does not change the verdict unless the run is strict; an expected failure is one the expected-failures baseline excuses (docs/INTERPRETING.md §statuses, §baseline).</p>
${[...failed, ...warned, ...expected].map(finding).join('\n')}</section>`;
}

function row(c: ReportClause): string {
  const link = c.failures.length ? `<div><a href="#${esc(anchor('f--', c.id))}">${c.failureCount} failure${c.failureCount === 1 ? '' : 's'}: ${esc(c.failures[0]!.received.length > 200 ? `${c.failures[0]!.received.slice(0, 200)}…` : c.failures[0]!.received)}</a></div>` : '';
  return `<tr class="clause ${c.status}" id="${esc(anchor('', c.id))}">
<td class="id">${esc(c.id)}</td><td class="level">${c.level}</td><td class="status"><span class="badge ${c.status}">${c.status}</span></td><td class="cases">${c.cases}</td>
<td>${esc(c.title)}${c.reason ? `<div class="reason">${esc(c.reason)}</div>` : ''}${c.baseline ? `<div class="reason">baseline (${esc(c.baseline.state)}): ${esc(c.baseline.reason)}</div>` : ''}${link}</td></tr>`;
}

/** What was tested, in words: the URLs, or the embedded reference gateway. */
function targetLine(report: ConformanceReport): string {
  const t = report.target;
  if (t.embedded) return `Target: <strong>the embedded reference gateway</strong> (${esc(SELF_TEST_NOTE)})`;
  const api = (name: string, url: string | null) => `${name} at ${url ? `<code>${esc(url)}</code>` : 'not configured (not tested)'}`;
  return `Target: ${api('PutCustomer', t.syntchBaseUrl)}; ${api('MarkCustomerAsSynchronized', t.ebizSoapUrl)}`;
}

/** The failed clauses, named and linked, when the run is not conformant. */
function failedClauses(report: ConformanceReport): string {
  const failed = report.clauses.filter((c) => c.status === 'failed' || (c.status === 'warning' && report.run.settings.strict === true));
  if (report.verdict !== 'not conformant' || failed.length === 0) return '';
  const shown = failed.slice(0, BANNER_CLAUSES);
  const rest = failed.length - shown.length;
  return `<div class="banner failed-clauses" id="failed-clauses"><strong>${failed.length} clause${failed.length === 1 ? '' : 's'} failed</strong>${failed.length === 1 ? '' : ' (each below with its simplest counterexample)'}:<ul>${shown
    .map((c) => `<li><a href="#${esc(anchor('f--', c.id))}"><code>${esc(c.id)}</code></a> [${c.level}] — ${esc(c.title)}</li>`)
    .join('')}${rest > 0 ? `<li><a href="#findings">and ${rest} more</a></li>` : ''}</ul></div>`;
}

/** The self-test, no-verdict and partial banners under the verdict. */
function banners(report: ConformanceReport): string {
  const out: string[] = [];
  if (report.verdict === 'error') out.push('<p class="banner no-verdict" id="no-verdict"><strong>NO VERDICT</strong> (exit 2): the run could not judge the gateway; see the errors below.</p>');
  if (report.target.embedded) out.push(`<p class="banner self-test" id="self-test"><strong>SELF-TEST</strong> of the embedded reference gateway — not a certification of any gateway.</p>`);
  const b = report.baseline;
  if (b) {
    const items = [
      `${b.expected.length} expected failure${b.expected.length === 1 ? '' : 's'} excused (${b.entries} entr${b.entries === 1 ? 'y' : 'ies'} in ${b.file})`,
      ...(b.stale.length ? [`STALE — passed, remove from the baseline: ${b.stale.join(', ')}`] : []),
      ...(b.expired.length ? [`expired, judged as if not listed: ${b.expired.join(', ')}`] : []),
    ];
    out.push(`<div class="banner baseline" id="baseline"><strong>BASELINE</strong>: an expected-failures baseline is in use — not a certification.<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul></div>`);
  }
  const s = report.scope;
  if (s.partial && report.verdict !== 'error') {
    const items = [
      ...s.reasons.map((r) => `left out: ${r}`),
      ...(s.filters.suites.length ? [`suites filter: ${s.filters.suites.join(', ')}`] : []),
      ...(s.filters.checks.length ? [`only checks: ${s.filters.checks.join(', ')}`] : []),
      ...(s.filters.excludeChecks.length ? [`checks left out: ${s.filters.excludeChecks.join(', ')}`] : []),
      ...(s.settingsLeftOut.length ? [`settings left out: ${s.settingsLeftOut.join(', ')}`] : []),
    ];
    out.push(`<div class="banner partial" id="partial"><strong>PARTIAL</strong> run: not every clause was tested, so the verdict covers the tested clauses only.<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul></div>`);
  }
  return out.join('\n');
}

/** The certificate of a certifying run, at the top of the page (reporting/certificate.ts). */
function certificateSection(c: Certificate | undefined): string {
  if (!c) return '';
  const rows: [string, string][] = [
    ['Verdict', c.verdict],
    ['Suite', `${c.suite.name} ${c.suite.version} (interpretation v${c.suite.interpretingVersion}; suite hash ${c.suite.hash})`],
    ['Contract hash', c.contract.hash],
    ['Target', `PutCustomer at ${c.target.syntchBaseUrl ?? '—'}; MarkCustomerAsSynchronized at ${c.target.ebizSoapUrl ?? '—'}`],
    ['Seed', String(c.seed)],
    ['Date', c.date],
    ['Totals', `${c.totals.passed} passed, ${c.totals.failed} failed, ${c.totals.warning} warnings, ${c.totals['not-tested']} not tested, ${c.totals['not-applicable']} not applicable`],
    ['SHA-256 of conformance.json', c.report.sha256],
  ];
  return `<section class="certificate${c.verdict === 'conformant' ? '' : ' not-conformant'}" id="certificate"><h2>Certificate</h2>
<p>This run meets the definition of a certification (docs/INTERPRETING.md §certification): certificate.json and badge.svg are beside this page; <code>gateway-conformance verify DIR</code> checks them against conformance.json.</p>
<dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl></section>`;
}

export function renderHtml(report: ConformanceReport, extras: { readonly certificate?: Certificate } = {}): string {
  const t = report.totals;
  const operations = [...new Set(report.clauses.map((c) => c.operation))];
  const verdictClass = report.verdict === 'conformant' ? 'conformant' : report.verdict === 'error' ? 'error' : 'not-conformant';
  const meta: [string, string][] = [
    ['Suite', `${report.suite.name} ${report.suite.version} (interpretation v${report.suite.interpretingVersion})`],
    ['Contract hash', report.contractHash],
    ['Target', report.target.embedded ? `the embedded reference gateway (${SELF_TEST_NOTE})` : 'a configured gateway'],
    ['Certification', report.certification.certifies ? 'this run meets the definition of a certification (docs/INTERPRETING.md §certification)' : `not a certification: ${report.certification.because.join('; ')}`],
    ['Scope', report.scope.partial ? `PARTIAL: ${report.scope.reasons.join('; ')}` : 'every observable clause'],
    ['Suites filter', report.scope.filters.suites.join(', ') || 'none'],
    ['Checks filter', report.scope.filters.checks.join(', ') || 'none'],
    ['Checks left out', report.scope.filters.excludeChecks.join(', ') || 'none'],
    ['Settings left out', report.scope.settingsLeftOut.join(', ') || 'none'],
    ['Syntch base URL', report.target.syntchBaseUrl ?? 'not tested'],
    ['eBizCharge SOAP URL', report.target.ebizSoapUrl ?? 'not tested'],
    ['Started', report.run.startedAt],
    ['Finished', report.run.finishedAt],
    ['Seed', report.run.seed === null ? '—' : `${report.run.seed} (replay: CONFORMANCE_SEED=${report.run.seed})`],
    ['Runs per property', String(report.run.runsPerProperty ?? '—')],
    ...Object.entries(report.run.settings).map(([k, v]): [string, string] => [k, String(v)]),
    ['Exit code', String(report.exitCode)],
  ];
  if (report.sensitivity) {
    const s = report.sensitivity;
    meta.push(['Sensitivity', `faults detected ${s.faultsDetected}/${s.faultsTotal}, dialects accepted ${s.dialectsAccepted}/${s.dialectsTotal}; plain reference ${s.plainReferencePasses ? 'passes' : 'FAILS'} (self-check of ${s.at}, seed ${s.seed})${s.missed.length ? `; missed: ${s.missed.join(', ')}` : ''}${s.rejectedDialects.length ? `; rejected dialects: ${s.rejectedDialects.join(', ')}` : ''}`]);
  }
  const hasFindings = t.failed + t.warning + t.expected > 0;
  const toc = [
    ...(extras.certificate ? [['certificate', 'Certificate']] : []),
    ['overview', 'Summary by API and area'],
    ...(hasFindings ? [['findings', `Failures (${t.failed}) and warnings (${t.warning})${t.expected ? `, expected failures (${t.expected})` : ''}`]] : []),
    ...operations.map((op) => [anchor('clauses--', op), `Clauses: ${OPERATION_NAMES[op] ?? op}`]),
    ['run', 'Run: target, scope, seed, settings'],
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Conformance report — ${esc(report.summary)}</title><style>${CSS}</style></head>
<body>
<header class="verdict ${verdictClass}" id="banner"><p class="eyebrow">${esc(report.suite.name)} ${esc(report.suite.version)} · conformance report · ${esc(report.run.startedAt)}</p>
<h1 id="verdict">${esc(report.verdict.toUpperCase())}</h1>
<p id="summary">${esc(report.summary)}</p>
<p id="target">${targetLine(report)}</p>
<p id="totals">${t.clauses} clauses: ${t.passed} passed, ${t.failed} failed, ${t.warning} warnings, ${t.expected ? `${t.expected} expected failures (baseline), ` : ''}${t['not-tested']} not tested${t['not-applicable'] ? `, ${t['not-applicable']} not applicable` : ''}${report.run.seed !== null ? ` · seed ${report.run.seed}` : ''} · exit ${report.exitCode}</p>
${failedClauses(report)}
${banners(report)}
${report.errors.map((e) => `<p class="error">${esc(e)}</p>`).join('\n')}</header>
${certificateSection(extras.certificate)}
<nav id="toc" aria-label="Contents"><h2>Contents</h2><ol>${toc.map(([id, text]) => `<li><a href="#${esc(id!)}">${esc(text!)}</a></li>`).join('')}</ol></nav>
${overview(report, operations)}
${findings(report)}
<h2 id="clauses">Clauses</h2>
<input type="radio" name="filter" id="filter-all" checked><input type="radio" name="filter" id="filter-failed"><input type="radio" name="filter" id="filter-warning"><input type="radio" name="filter" id="filter-not-tested">
<div class="filters"><label for="filter-all">All (${t.clauses})</label><label for="filter-failed">Failed (${t.failed})</label><label for="filter-warning">Warnings (${t.warning})</label><label for="filter-not-tested">Not tested (${t['not-tested']})</label></div>
<main>
${operations
  .map(
    (op) => `<section id="${esc(anchor('clauses--', op))}"><h3>${esc(OPERATION_NAMES[op] ?? op)}</h3>
<table class="clauses"><colgroup><col class="id"><col class="level"><col class="status"><col class="cases"><col class="req"></colgroup><thead><tr><th>Clause</th><th>Level</th><th>Status</th><th>Cases</th><th>Requirement</th></tr></thead><tbody>
${report.clauses.filter((c) => c.operation === op).map(row).join('\n')}
</tbody></table></section>`,
  )
  .join('\n')}
</main>
<footer id="run"><h2>Run</h2><dl>${meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
<p>How results are judged: docs/INTERPRETING.md (version ${esc(report.suite.interpretingVersion)}).</p></footer>
</body></html>
`;
}
