/**
 * junit.xml: one testsuite per operation, one testcase per clause, named by its id, so CI systems
 * show clause ids. A failed MUST clause is a <failure> (message and reproduction); a SHOULD
 * warning passes with the warning in <system-out> (a <failure> when strict); not tested is <skipped>.
 * The testsuites name carries the verdict in words (PARTIAL, self-test, ERROR — no verdict), and
 * every testsuite the run's scope as <properties> and a <system-out>.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { appendText } from '../lib/xml/text.ts';
import { type ConformanceReport, type ReportClause, SELF_TEST_NOTE } from './model.ts';
import { scopeLines } from './terminal.ts';

export const JUNIT_REPORT_FILE = 'junit.xml';

function failureText(c: ReportClause): string {
  return c.failures
    .map((f) => [`${f.title}`, `rule: ${c.quote}`, `documented: ${f.documented}`, `received: ${f.received}`, f.counterexample ? `case: ${f.counterexample}` : '', f.curl ? `reproduce:\n${f.curl}` : ''].filter(Boolean).join('\n'))
    .join('\n\n');
}

/**
 * Sets an attribute to `value` exactly. As with text (lib/xml/text.ts), xmlbuilder2 leaves an `&`
 * that starts something entity-shaped as it is, so every `&` is escaped first; line breaks and
 * tabs are written as character references, which attribute-value normalisation keeps.
 */
function att(el: XMLBuilder, name: string, value: string): XMLBuilder {
  return el.att(name, value.replace(/&/g, '&amp;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;'));
}

export function renderJunit(report: ConformanceReport): string {
  const strict = report.run.settings.strict === true;
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const failing = (c: ReportClause) => c.status === 'failed' || (strict && c.status === 'warning');
  const root = att(doc.ele('testsuites'), 'name', `${report.suite.name} ${report.suite.version}: ${report.summary}`)
    .att('tests', String(report.clauses.length))
    .att('failures', String(report.clauses.filter(failing).length))
    .att('skipped', String(report.clauses.filter((c) => c.status === 'not-tested').length));
  for (const operation of [...new Set(report.clauses.map((c) => c.operation))]) {
    const clauses = report.clauses.filter((c) => c.operation === operation);
    const suite = root.ele('testsuite').att('name', operation).att('tests', String(clauses.length))
      .att('failures', String(clauses.filter(failing).length)).att('skipped', String(clauses.filter((c) => c.status === 'not-tested').length))
      .att('timestamp', report.run.startedAt);
    const properties = suite.ele('properties');
    for (const [name, value] of runProperties(report)) att(att(properties.ele('property'), 'name', name), 'value', value);
    for (const c of clauses) {
      const tc = suite.ele('testcase').att('classname', operation).att('name', c.id);
      if (failing(c)) appendText(att(tc.ele('failure').att('type', c.level), 'message', `${c.failures[0]?.title ?? 'failed'}: ${c.failures[0]?.received ?? ''}`.slice(0, 500)), failureText(c));
      else if (c.status === 'warning') appendText(tc.ele('system-out'), `WARNING (SHOULD)\n${failureText(c)}`);
      else if (c.status === 'not-tested') att(tc.ele('skipped'), 'message', c.reason ?? 'not tested');
    }
    appendText(suite.ele('system-out'), [`verdict: ${report.summary}`, ...scopeLines(report), ...report.errors.map((e) => `error: ${e}`)].join('\n'));
  }
  return `${doc.end({ prettyPrint: true })}\n`;
}

/** The run as JUnit properties: verdict, exit code, target, and the scope (partial, reasons, filters, settings left out). */
function runProperties(report: ConformanceReport): [string, string][] {
  const s = report.scope;
  return [
    ['verdict', report.summary],
    ['exitCode', String(report.exitCode)],
    ['target', report.target.embedded ? `embedded reference gateway (${SELF_TEST_NOTE})` : 'configured gateway'],
    ['selfTest', String(report.target.embedded)],
    ['partial', String(s.partial)],
    ...s.reasons.map((r, i): [string, string] => [`partial.reason.${i + 1}`, r]),
    ['filter.suites', s.filters.suites.join(',')],
    ['filter.checks', s.filters.checks.join(',')],
    ['filter.excludeChecks', s.filters.excludeChecks.join(',')],
    ['settingsLeftOut', s.settingsLeftOut.join(',')],
    ['seed', report.run.seed === null ? '' : String(report.run.seed)],
  ];
}
