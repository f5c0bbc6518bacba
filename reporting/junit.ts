/**
 * junit.xml, valid against the constraints of the Jenkins xUnit plugin's junit-10.xsd, restated in reporting/junit-schema.xsd, for
 * CI test panels (GitLab, Jenkins, GitHub test-report actions):
 *
 * - a testsuite `run` with one testcase, `run/verdict-reached`: it passes when the run reached a
 *   verdict (conformant or not) and is an `<error type="no-verdict">` when it did not (exit 2), so
 *   a run that judged nothing is red in every panel, never a green run of skipped tests;
 * - one testsuite per operation, one testcase per clause, named by its id, classname
 *   `operation.area` (`put-customer.response`), so panels group clauses by API and area:
 *   - a failed MUST clause is a `<failure type="MUST">`;
 *   - a SHOULD warning is a `<failure type="WARNING (SHOULD)">` whose message starts
 *     `WARNING (SHOULD) — does not change the verdict`: a panel lists it with the failures, while
 *     the verdict and the exit code stay what they are (docs/INTERPRETING.md §statuses, docs/ci.md).
 *     Strict runs (`CONFORMANCE_STRICT=1`) write `type="SHOULD (strict)"`: there it fails the run;
 *   - a clause not tested is `<skipped>` with the reason;
 *   each failure's text has the rule, documented vs received, the case, the curl reproduction and,
 *   for the simplest one, the response received (cut at {@link JUNIT_RESPONSE_LIMIT} characters:
 *   conformance.html has it whole).
 * - Times: clauses are not timed one by one (one request judges many clauses, a clause is judged by
 *   many requests), so each clause testcase has time 0 and the run's duration is on `run`.
 *   The testsuites name carries the verdict in words (PARTIAL, self-test, ERROR — no verdict), and
 *   every testsuite the run's scope as `<properties>` and a `<system-out>`.
 */
import { guardMarkup, showControls } from '../lib/untrusted-text.ts';
import { escapeXmlAttribute, escapeXmlText } from '../lib/xml/text.ts';
import { type XmlEscapes, type XmlNode, writeXmlDocument, xmlNode } from '../lib/xml/write.ts';
import { areaOf, type ConformanceReport, type ReportClause, type ReportFailure, SELF_TEST_NOTE, scopeLines } from './model.ts';

export const JUNIT_REPORT_FILE = 'junit.xml';

/** The testcase that says whether the run reached a verdict. */
export const VERDICT_TESTCASE = 'run/verdict-reached';

/** Characters of the received body quoted in a failure's text (the HTML report shows 64 KiB). */
export const JUNIT_RESPONSE_LIMIT = 4000;

/** The `type` of a clause's `<failure>`, by level and strictness. */
export const JUNIT_FAILURE_TYPES = { must: 'MUST', warning: 'WARNING (SHOULD)', strict: 'SHOULD (strict)', stale: 'STALE BASELINE' } as const;

function responseText(f: ReportFailure): string {
  const r = f.response;
  if (!r) return '';
  const body = r.body.length > JUNIT_RESPONSE_LIMIT ? `${r.body.slice(0, JUNIT_RESPONSE_LIMIT)}\n[… cut here: ${r.body.length} characters in all; conformance.html shows the whole answer]` : r.body;
  return [`response received: HTTP ${r.status}`, ...Object.entries(r.headers).map(([k, v]) => `  ${k}: ${v}`), ...(r.note ? [`  (${r.note})`] : []), body ? `\n${body}` : '  (no body)'].join('\n');
}

function failureText(c: ReportClause): string {
  const more = c.failureCount > c.failures.length ? [`(${c.failureCount} failures in all; the ${c.failures.length} simplest are kept)`] : [];
  return [
    ...more,
    ...c.failures.map((f, i) =>
      [`${f.title}`, `rule: ${c.quote}`, `documented: ${f.documented}`, `received: ${f.received}`, f.counterexample ? `case: ${f.counterexample}` : '', f.curl ? `reproduce:\n${f.curl}` : '', i === 0 ? responseText(f) : ''].filter(Boolean).join('\n'),
    ),
  ].join('\n\n');
}

/**
 * Text and attribute values as XML 1.0 can carry them: XML 1.0 has no way to write most C0
 * controls, U+FFFE, U+FFFF or a lone surrogate, not even as a character reference, so every
 * control character is shown as a visible escape (`\x1b`, `\u0085`; lib/untrusted-text.ts), line
 * breaks and tabs kept — in an attribute value as character references, which attribute-value
 * normalisation keeps. Then made safe to `cat` in a CI log (no line starts like a command).
 */
const JUNIT_ESCAPES: XmlEscapes = {
  text: (value) => guardMarkup(escapeXmlText(showControls(value, { multiline: true }))),
  attribute: (value) => guardMarkup(escapeXmlAttribute(showControls(value, { multiline: true })).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')),
};

/** An element of the report: attributes in the order given, then children or text. */
function el(name: string, attributes: Readonly<Record<string, string>> = {}, content: XmlNode[] | string = []): XmlNode {
  return xmlNode('', name, Object.entries(attributes).map(([n, value]) => ({ ns: '', name: n, value })), content);
}

/** Seconds with three decimals (junit-10.xsd SUREFIRE_TIME). */
const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

type Outcome = 'passed' | 'failure' | 'skipped';

export function renderJunit(report: ConformanceReport): string {
  const strict = report.run.settings.strict === true;
  const noVerdict = report.verdict === 'error' || report.exitCode === 2;
  const duration = seconds(Date.parse(report.run.finishedAt) - Date.parse(report.run.startedAt) || 0);
  const outcome = (c: ReportClause): Outcome =>
    c.status === 'failed' || c.status === 'warning' || c.baseline?.state === 'stale' ? 'failure' : c.status === 'not-tested' || c.status === 'not-applicable' || c.status === 'expected' ? 'skipped' : 'passed';
  const failures = report.clauses.filter((c) => outcome(c) === 'failure').length;
  const errors = noVerdict ? 1 : 0;

  const systemOut = [`verdict: ${report.summary}`, ...scopeLines(report), ...report.errors.map((e) => `error: ${e}`)].join('\n');
  const properties = () => el('properties', {}, runProperties(report).map(([name, value]) => el('property', { name, value })));

  // The run itself: did it reach a verdict?
  const verdict: XmlNode[] = [];
  if (noVerdict) {
    const message = `${report.summary}: ${report.errors[0] ?? 'the run ended without a verdict'}`.slice(0, 500);
    verdict.push(el('error', { type: 'no-verdict', message }, ['The run could not judge the gateway (exit 2): no clause below is a verdict.', ...report.errors.map((e) => `error: ${e}`)].join('\n')));
  }
  verdict.push(el('system-out', {}, systemOut));
  const suites: XmlNode[] = [
    el('testsuite', { name: 'run', tests: '1', failures: '0', errors: String(errors), skipped: '0', time: duration, timestamp: report.run.startedAt }, [
      properties(),
      el('testcase', { classname: report.suite.name, name: VERDICT_TESTCASE, time: duration }, verdict),
      el('system-out', {}, systemOut),
    ]),
  ];

  for (const operation of [...new Set(report.clauses.map((c) => c.operation))]) {
    const clauses = report.clauses.filter((c) => c.operation === operation);
    const cases = clauses.map((c) => el('testcase', { classname: `${operation}.${areaOf(c.id)}`, name: c.id, time: seconds(0) }, clauseOutcome(c, report, strict)));
    suites.push(
      el('testsuite', {
        name: operation,
        tests: String(clauses.length),
        failures: String(clauses.filter((c) => outcome(c) === 'failure').length),
        errors: '0',
        skipped: String(clauses.filter((c) => outcome(c) === 'skipped').length),
        time: seconds(0),
        timestamp: report.run.startedAt,
      }, [properties(), ...cases, el('system-out', {}, systemOut)]),
    );
  }
  const root = el('testsuites', { name: `${report.suite.name} ${report.suite.version}: ${report.summary}`, tests: String(report.clauses.length + 1), failures: String(failures), errors: String(errors), time: duration }, suites);
  return `${writeXmlDocument(root, { declaration: true, encoding: 'UTF-8', pretty: true, escapes: JUNIT_ESCAPES })}\n`;
}

/** What a clause's testcase holds: a failure, a skip with its reason, or nothing when it passed. */
function clauseOutcome(c: ReportClause, report: ConformanceReport, strict: boolean): XmlNode[] {
  const first = c.failures[0];
  const said = `${first?.title ?? 'failed'}: ${first?.received ?? ''}`;
  if (c.status === 'failed') return [el('failure', { type: JUNIT_FAILURE_TYPES.must, message: said.slice(0, 500) }, failureText(c))];
  if (c.status === 'warning') {
    const type = strict ? JUNIT_FAILURE_TYPES.strict : JUNIT_FAILURE_TYPES.warning;
    const message = strict ? `FAILED (SHOULD, CONFORMANCE_STRICT=1) — ${said}` : `WARNING (SHOULD) — does not change the verdict (exit ${report.exitCode}) — ${said}`;
    return [el('failure', { type, message: message.slice(0, 500) }, failureText(c))];
  }
  if (c.status === 'expected') {
    // Skipped with the reason, so CI panels stay green (docs/INTERPRETING.md §baseline); the failure is in the text.
    const message = `expected failure (baseline): ${c.baseline?.reason ?? ''}${c.baseline?.expires ? ` (expires ${c.baseline.expires})` : ''}`.slice(0, 500);
    return [el('skipped', { message }, failureText(c))];
  }
  if (c.baseline?.state === 'stale') {
    return [el('failure', { type: JUNIT_FAILURE_TYPES.stale, message: `STALE BASELINE ENTRY: the clause passed — remove it from the baseline (${report.baseline?.file ?? ''})` })];
  }
  if (c.status === 'not-tested') return [el('skipped', { message: c.reason ?? 'not tested' })];
  if (c.status === 'not-applicable') return [el('skipped', { message: `not applicable (does not make the run partial): ${c.reason ?? ''}` })];
  return [];
}

/** The run as JUnit properties: verdict, exit code, target, and the scope (partial, reasons, filters, settings left out). */
function runProperties(report: ConformanceReport): [string, string][] {
  const s = report.scope;
  return [
    ['verdict', report.summary],
    ['exitCode', String(report.exitCode)],
    ['target', report.target.embedded ? `embedded reference gateway (${SELF_TEST_NOTE})` : 'configured gateway'],
    ['target.syntchBaseUrl', report.target.syntchBaseUrl ?? ''],
    ['target.ebizSoapUrl', report.target.ebizSoapUrl ?? ''],
    ['selfTest', String(report.target.embedded)],
    ['partial', String(s.partial)],
    ...s.reasons.map((r, i): [string, string] => [`partial.reason.${i + 1}`, r]),
    ['filter.suites', s.filters.suites.join(',')],
    ['filter.checks', s.filters.checks.join(',')],
    ['filter.excludeChecks', s.filters.excludeChecks.join(',')],
    ['settingsLeftOut', s.settingsLeftOut.join(',')],
    ['seed', report.run.seed === null ? '' : String(report.run.seed)],
    ['strict', String(report.run.settings.strict === true)],
    ['warnings', String(report.totals.warning)],
    ['certifies', String(report.certification.certifies)],
    ...(report.baseline
      ? ([
          ['baseline', report.baseline.file],
          ['baseline.entries', String(report.baseline.entries)],
          ['baseline.excused', String(report.baseline.expected.length)],
          ['baseline.stale', report.baseline.stale.join(',')],
          ['baseline.expired', report.baseline.expired.join(',')],
        ] as [string, string][])
      : []),
  ];
}
