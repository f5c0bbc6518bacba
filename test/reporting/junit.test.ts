/**
 * junit.xml as CI panels read it: valid against the Jenkins xUnit plugin's junit-10.xsd (libxml2,
 * xmllint-wasm), with `errors` and `time` where panels look for them, an `<error>` for a run with
 * no verdict (never a green run of skipped tests), SHOULD warnings visible as failures of their own
 * type, and each failure's simplest counterexample with the response received.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { ALL_CLAUSES } from '../../contract/index.ts';
import { child, parseXml, type XmlElement } from '../../lib/xml/parse.ts';
import { JUNIT_FAILURE_TYPES, renderJunit, VERDICT_TESTCASE } from '../../reporting/junit.ts';
import { buildReport, type ConformanceReport } from '../../reporting/model.ts';
import { config, outcome, putRequest, response, richOutcome } from './outcomes.ts';

const XSD = readFileSync(fileURLToPath(new URL('../../reporting/junit-schema.xsd', import.meta.url)), 'utf8');

async function validate(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [{ fileName: 'junit-schema.xsd', contents: XSD }] });
  return { valid: result.valid, errors: result.errors.map((e) => e.message) };
}

const attr = (e: XmlElement, name: string): string | undefined => e.attributes.find((a) => a.local === name)?.value;
const suites = (doc: XmlElement) => doc.children.filter((c) => c.local === 'testsuite');
const testcases = (doc: XmlElement) => suites(doc).flatMap((s) => s.children.filter((c) => c.local === 'testcase'));
const testcase = (doc: XmlElement, name: string) => testcases(doc).find((c) => attr(c, 'name') === name)!;

const warning = { kind: 'wrong-behaviour' as const, title: 'API did not behave as documented', documented: 'HTTP 400', received: 'HTTP 422', counterexample: 'CustomerName of 101 characters (XML)', request: putRequest(), response: response(422, '<ErrorResponse/>') };

/** A run with no verdict as the runner reports one: nothing judged, every clause not tested. */
const noVerdictOutcome = () => ({ ...outcome({ exitCode: 2, errors: ['SYNTCH_AUTHORIZATION is not set', 'EBIZ_SECURITY_ID is not set'] }), clauses: [] });

const REPORTS: Record<string, () => ConformanceReport> = {
  'a conformant self-test': () => buildReport(outcome({ config: config({ embedded: true }) })),
  'a not conformant, partial run with every kind of failure': () => buildReport(richOutcome()),
  'a conformant run with a SHOULD warning': () => buildReport(outcome({ warned: { 'put-customer/errors/validation-400': [warning] } })),
  'a strict run whose SHOULD clause failed': () => buildReport(outcome({ exitCode: 1, config: config({ strict: true }), warned: { 'put-customer/errors/validation-400': [warning] } })),
  'a run with no verdict': () => buildReport(noVerdictOutcome()),
};

describe('junit.xml against junit-10.xsd', () => {
  it.each(Object.keys(REPORTS))('%s validates', async (which) => {
    const xml = renderJunit(REPORTS[which]!());
    const result = await validate(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('the schema is really applied: the old shape (skipped on testsuites, no errors) is refused', async () => {
    const old = '<?xml version="1.0"?><testsuites name="x" tests="1" failures="0" skipped="0"><testsuite name="put-customer" tests="1" failures="0" skipped="0"><testcase classname="put-customer" name="a"/></testsuite></testsuites>';
    const result = await validate(old);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/skipped/);
    expect(result.errors.join('\n')).toMatch(/errors/);
  });

  it('has tests, failures, errors and time on testsuites and every testsuite, and a time on every testcase', () => {
    const doc = parseXml(renderJunit(REPORTS['a not conformant, partial run with every kind of failure']!()));
    expect(doc.local).toBe('testsuites');
    expect(attr(doc, 'skipped')).toBeUndefined();
    expect([attr(doc, 'tests'), attr(doc, 'failures'), attr(doc, 'errors'), attr(doc, 'time')]).toEqual([String(ALL_CLAUSES.length + 1), '5', '0', '62.345']);
    for (const s of suites(doc)) for (const a of ['name', 'tests', 'failures', 'errors', 'skipped', 'time', 'timestamp']) expect(attr(s, a), `${attr(s, 'name')} ${a}`).toBeDefined();
    const cases = testcases(doc);
    expect(cases).toHaveLength(ALL_CLAUSES.length + 1);
    for (const c of cases) expect(attr(c, 'time'), attr(c, 'name')).toMatch(/^\d+\.\d{3}$/);
  });
});

describe('what a CI panel shows', () => {
  it('one testcase per clause, named by its id, grouped by API and area, after the run/verdict-reached testcase', () => {
    const doc = parseXml(renderJunit(buildReport(richOutcome())));
    expect(testcases(doc).map((c) => attr(c, 'name'))).toEqual([VERDICT_TESTCASE, ...ALL_CLAUSES.map((c) => c.id)]);
    expect(attr(testcase(doc, 'put-customer/customer-name/max-length'), 'classname')).toBe('put-customer.customer-name');
    expect(attr(testcase(doc, 'mark-customer-as-synchronized/fault/invalid-customer-internal-id'), 'classname')).toBe('mark-customer-as-synchronized.fault');
  });

  it('a run with no verdict is an <error>, never a green run of skipped tests', () => {
    const doc = parseXml(renderJunit(REPORTS['a run with no verdict']!()));
    expect(attr(doc, 'errors')).toBe('1');
    expect(attr(doc, 'name')).toContain('ERROR — no verdict');
    const error = child(testcase(doc, VERDICT_TESTCASE), '', 'error')!;
    expect(attr(error, 'type')).toBe('no-verdict');
    expect(attr(error, 'message')).toBe('ERROR — no verdict: SYNTCH_AUTHORIZATION is not set');
    expect(error.text).toContain('error: EBIZ_SECURITY_ID is not set');
    // The clauses are skipped with the reason; the error is what makes the panel red.
    const skipped = child(testcase(doc, 'put-customer/customer-name/max-length'), '', 'skipped')!;
    expect(attr(skipped, 'message')).toMatch(/^no verdict: SYNTCH_AUTHORIZATION is not set/);
    expect(testcases(doc).flatMap((c) => c.children).filter((e) => e.local === 'error')).toHaveLength(1);
  });

  it('a run with a verdict passes run/verdict-reached, conformant or not', () => {
    for (const which of ['a conformant self-test', 'a not conformant, partial run with every kind of failure']) {
      const doc = parseXml(renderJunit(REPORTS[which]!()));
      expect(testcase(doc, VERDICT_TESTCASE).children.map((e) => e.local)).toEqual(['system-out']);
      expect(attr(doc, 'errors')).toBe('0');
    }
  });

  it('a SHOULD warning is a failure of its own type that says it does not change the verdict', () => {
    const report = REPORTS['a conformant run with a SHOULD warning']!();
    expect([report.verdict, report.exitCode]).toEqual(['conformant', 0]);
    const doc = parseXml(renderJunit(report));
    const failure = child(testcase(doc, 'put-customer/errors/validation-400'), '', 'failure')!;
    expect(attr(failure, 'type')).toBe(JUNIT_FAILURE_TYPES.warning);
    expect(attr(failure, 'message')).toMatch(/^WARNING \(SHOULD\) — does not change the verdict \(exit 0\) — API did not behave as documented: HTTP 422/);
    expect(attr(doc, 'failures')).toBe('1');
    expect(attr(doc, 'name')).toMatch(/: CONFORMANT/);
    const props = Object.fromEntries(suites(doc)[0]!.children.find((c) => c.local === 'properties')!.children.map((p) => [attr(p, 'name'), attr(p, 'value')]));
    expect(props).toMatchObject({ exitCode: '0', warnings: '1', strict: 'false' });
  });

  it('a strict run writes the SHOULD failure as one', () => {
    const doc = parseXml(renderJunit(REPORTS['a strict run whose SHOULD clause failed']!()));
    const failure = child(testcase(doc, 'put-customer/errors/validation-400'), '', 'failure')!;
    expect(attr(failure, 'type')).toBe(JUNIT_FAILURE_TYPES.strict);
    expect(attr(failure, 'message')).toMatch(/^FAILED \(SHOULD, CONFORMANCE_STRICT=1\)/);
  });

  it('a MUST failure has the simplest counterexample first, its reproduction and the response received', () => {
    const doc = parseXml(renderJunit(buildReport(richOutcome())));
    const failure = child(testcase(doc, 'put-customer/customer-name/max-length'), '', 'failure')!;
    expect(attr(failure, 'type')).toBe('MUST');
    expect(failure.text).toMatch(/^\(57 failures in all; the 2 simplest are kept\)\n\nAPI accepted a request that breaks a documented rule\n/);
    expect(failure.text.indexOf('case: CustomerName of 101 characters (JSON)')).toBeLessThan(failure.text.indexOf('case: a generated violation'));
    expect(failure.text).toContain('response received: HTTP 200\n  content-type: application/json');
    expect(failure.text).toContain('reproduce:\ncurl -sS -i -X PUT');
  });
});
