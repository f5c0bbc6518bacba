/**
 * junit.xml: one testsuite per operation, one testcase per clause, named by its id, so CI systems
 * show clause ids. A failed MUST clause is a <failure> (message and reproduction); a SHOULD
 * warning passes with the warning in <system-out> (a <failure> when strict); not tested is <skipped>.
 */
import { create } from 'xmlbuilder2';
import { appendText } from '../../lib/xml/text.ts';
import type { ConformanceReport, ReportClause } from './model.ts';

export const JUNIT_REPORT_FILE = 'junit.xml';

function failureText(c: ReportClause): string {
  return c.failures
    .map((f) => [`${f.title}`, `rule: ${c.quote}`, `documented: ${f.documented}`, `received: ${f.received}`, f.counterexample ? `case: ${f.counterexample}` : '', f.curl ? `reproduce:\n${f.curl}` : ''].filter(Boolean).join('\n'))
    .join('\n\n');
}

export function renderJunit(report: ConformanceReport): string {
  const strict = report.run.settings.strict === true;
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const failing = (c: ReportClause) => c.status === 'failed' || (strict && c.status === 'warning');
  const root = doc.ele('testsuites').att('name', `${report.suite.name} ${report.suite.version}`)
    .att('tests', String(report.clauses.length))
    .att('failures', String(report.clauses.filter(failing).length))
    .att('skipped', String(report.clauses.filter((c) => c.status === 'not-tested').length));
  for (const operation of [...new Set(report.clauses.map((c) => c.operation))]) {
    const clauses = report.clauses.filter((c) => c.operation === operation);
    const suite = root.ele('testsuite').att('name', operation).att('tests', String(clauses.length))
      .att('failures', String(clauses.filter(failing).length)).att('skipped', String(clauses.filter((c) => c.status === 'not-tested').length))
      .att('timestamp', report.run.startedAt);
    for (const c of clauses) {
      const tc = suite.ele('testcase').att('classname', operation).att('name', c.id);
      if (failing(c)) appendText(tc.ele('failure').att('type', c.level).att('message', `${c.failures[0]?.title ?? 'failed'}: ${c.failures[0]?.received ?? ''}`.slice(0, 500)), failureText(c));
      else if (c.status === 'warning') appendText(tc.ele('system-out'), `WARNING (SHOULD)\n${failureText(c)}`);
      else if (c.status === 'not-tested') tc.ele('skipped').att('message', c.reason ?? 'not tested');
    }
  }
  return `${doc.end({ prettyPrint: true })}\n`;
}
