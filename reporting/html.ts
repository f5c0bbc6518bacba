/**
 * conformance.html: one self-contained page (inline CSS, no script, nothing fetched): the verdict
 * at the top, a matrix of clauses by operation with their status, filters for failed / warnings /
 * not tested (CSS radio buttons), each failure expandable with its counterexample and curl
 * reproduction, the run metadata at the bottom. Under the verdict, banners say when the run is a
 * self-test of the embedded reference gateway (not a certification) and when it is partial (why,
 * with the filters and the settings left out), and that exit 2 is no verdict.
 */
import { type ConformanceReport, type ReportClause, SELF_TEST_NOTE } from './model.ts';

export const HTML_REPORT_FILE = 'conformance.html';

const OPERATION_NAMES: Readonly<Record<string, string>> = {
  'put-customer': 'Syntch Gateway API — PutCustomer',
  'mark-customer-as-synchronized': 'eBizCharge SOAP API — MarkCustomerAsSynchronized',
};

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CSS = `
:root { --pass:#1a7f37; --fail:#cf222e; --warn:#9a6700; --skip:#57606a; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
body { margin: 0 auto; max-width: 1200px; padding: 1.5rem; color: #1f2328; }
header.verdict { border-radius: 8px; padding: 1rem 1.5rem; color: #fff; }
header.conformant { background: var(--pass); } header.not-conformant { background: var(--fail); } header.error { background: var(--skip); }
header h1 { margin: 0; font-size: 2rem; letter-spacing: .02em; }
header p { margin: .3rem 0 0; }
.banner { margin: .8rem 0 0; padding: .5rem .8rem; border-radius: 6px; background: rgba(255,255,255,.18); border: 1px solid rgba(255,255,255,.6); }
.banner strong { letter-spacing: .05em; } .banner ul { margin: .3rem 0 0; padding-left: 1.2rem; }
.filters { margin: 1.2rem 0 .5rem; }
input[name=filter] { position: absolute; opacity: 0; pointer-events: none; }
.filters label { display: inline-block; border: 1px solid #d0d7de; border-radius: 2rem; padding: .25rem .9rem; margin-right: .4rem; cursor: pointer; }
#filter-all:checked ~ .filters label[for=filter-all], #filter-failed:checked ~ .filters label[for=filter-failed],
#filter-warning:checked ~ .filters label[for=filter-warning], #filter-not-tested:checked ~ .filters label[for=filter-not-tested] { background: #1f2328; color: #fff; }
#filter-failed:checked ~ main tr.clause:not(.failed), #filter-warning:checked ~ main tr.clause:not(.warning),
#filter-not-tested:checked ~ main tr.clause:not(.not-tested) { display: none; }
table { width: 100%; border-collapse: collapse; margin-bottom: 1.5rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .5rem; border-bottom: 1px solid #d0d7de; }
th { font-size: .85rem; color: #57606a; }
td.id { font-family: ui-monospace, monospace; font-size: .85rem; white-space: nowrap; }
.badge { display: inline-block; border-radius: 1rem; padding: .05rem .6rem; color: #fff; font-size: .8rem; }
.badge.passed { background: var(--pass); } .badge.failed { background: var(--fail); } .badge.warning { background: var(--warn); } .badge.not-tested { background: var(--skip); }
details { margin-top: .4rem; } summary { cursor: pointer; color: var(--fail); }
tr.warning summary { color: var(--warn); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; margin: .5rem 0; }
dt { font-weight: 600; } dd { margin: 0; word-break: break-word; }
pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; font-size: .8rem; white-space: pre-wrap; word-break: break-all; }
.reason { color: #57606a; font-size: .9rem; }
footer { margin-top: 2rem; font-size: .9rem; color: #57606a; }
footer dl { grid-template-columns: max-content 1fr; }
`;

function failureDetails(c: ReportClause): string {
  return c.failures
    .map(
      (f, i) => `<details${i === 0 ? ' class="first"' : ''}><summary>${esc(f.title)}${c.failures.length > 1 ? ` (${i + 1} of ${c.failures.length})` : ''}</summary><dl>
<dt>Rule</dt><dd>${esc(c.quote)}</dd>
<dt>Documented</dt><dd>${esc(f.documented)}</dd>
<dt>Received</dt><dd>${esc(f.received)}</dd>
${f.counterexample ? `<dt>Case</dt><dd>${esc(f.counterexample)}</dd>` : ''}
${f.seed !== undefined ? `<dt>Replay</dt><dd>CONFORMANCE_SEED=${f.seed}${f.path ? ` (fast-check path ${esc(f.path)})` : ''}</dd>` : ''}
</dl>${f.curl ? `<pre class="curl">${esc(f.curl)}</pre>` : ''}</details>`,
    )
    .join('\n');
}

function row(c: ReportClause): string {
  return `<tr class="clause ${c.status}" id="${esc(c.id.replace(/\//g, '--'))}">
<td class="id">${esc(c.id)}</td><td>${c.level}</td><td><span class="badge ${c.status}">${c.status}</span></td><td>${c.cases}</td>
<td>${esc(c.title)}${c.reason ? `<div class="reason">${esc(c.reason)}</div>` : ''}${c.failures.length ? failureDetails(c) : ''}</td></tr>`;
}

/** The self-test, no-verdict and partial banners under the verdict. */
function banners(report: ConformanceReport): string {
  const out: string[] = [];
  if (report.verdict === 'error') out.push('<p class="banner no-verdict" id="no-verdict"><strong>NO VERDICT</strong> (exit 2): the run could not judge the gateway; see the errors below.</p>');
  if (report.target.embedded) out.push(`<p class="banner self-test" id="self-test"><strong>SELF-TEST</strong> of the embedded reference gateway — not a certification of any gateway.</p>`);
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

export function renderHtml(report: ConformanceReport): string {
  const t = report.totals;
  const operations = [...new Set(report.clauses.map((c) => c.operation))];
  const verdictClass = report.verdict === 'conformant' ? 'conformant' : report.verdict === 'error' ? 'error' : 'not-conformant';
  const meta: [string, string][] = [
    ['Suite', `${report.suite.name} ${report.suite.version} (interpretation v${report.suite.interpretingVersion})`],
    ['Contract hash', report.contractHash],
    ['Target', report.target.embedded ? `the embedded reference gateway (${SELF_TEST_NOTE})` : 'a configured gateway'],
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
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Conformance report — ${esc(report.summary)}</title><style>${CSS}</style></head>
<body>
<header class="verdict ${verdictClass}"><h1 id="verdict">${esc(report.verdict.toUpperCase())}</h1>
<p id="summary">${esc(report.summary)}</p>
<p id="totals">${t.clauses} clauses: ${t.passed} passed, ${t.failed} failed, ${t.warning} warnings, ${t['not-tested']} not tested${report.run.seed !== null ? ` · seed ${report.run.seed}` : ''}</p>
${banners(report)}
${report.errors.map((e) => `<p class="error">${esc(e)}</p>`).join('\n')}</header>
<input type="radio" name="filter" id="filter-all" checked><input type="radio" name="filter" id="filter-failed"><input type="radio" name="filter" id="filter-warning"><input type="radio" name="filter" id="filter-not-tested">
<div class="filters"><label for="filter-all">All (${t.clauses})</label><label for="filter-failed">Failed (${t.failed})</label><label for="filter-warning">Warnings (${t.warning})</label><label for="filter-not-tested">Not tested (${t['not-tested']})</label></div>
<main>
${operations
  .map(
    (op) => `<section><h2>${esc(OPERATION_NAMES[op] ?? op)}</h2>
<table><thead><tr><th>Clause</th><th>Level</th><th>Status</th><th>Cases</th><th>Requirement</th></tr></thead><tbody>
${report.clauses.filter((c) => c.operation === op).map(row).join('\n')}
</tbody></table></section>`,
  )
  .join('\n')}
</main>
<footer><h2>Run</h2><dl>${meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
<p>How results are judged: docs/INTERPRETING.md (version ${esc(report.suite.interpretingVersion)}).</p></footer>
</body></html>
`;
}
