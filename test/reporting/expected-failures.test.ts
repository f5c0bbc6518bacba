/**
 * The expected-failures baseline (docs/INTERPRETING.md §baseline): the file (YAML or JSON, every
 * problem a configuration error with a did-you-mean), how it judges a report (expected, stale,
 * expired, no verdict untouched, never certifies), how every format shows it, and
 * `--update-baseline` (never a clause that passed, reasons kept).
 */
import { describe, expect, it } from 'vitest';
import { applyExpectedFailures, type ExpectedFailures } from '../../reporting/expected-failures.ts';
import { renderHtml } from '../../reporting/html.ts';
import { renderJunit } from '../../reporting/junit.ts';
import { renderMarkdown } from '../../reporting/markdown.ts';
import { buildReport, type ConformanceReport } from '../../reporting/model.ts';
import { renderTerminal } from '../../reporting/terminal.ts';
import { parseExpectedFailures, renderExpectedFailures, updatedEntries } from '../../reporting/expected-failures-file.ts';
import { config, outcome, putRequest, reportValidator, response } from './outcomes.ts';

const validate = reportValidator();

const ECHO = 'put-customer/response/echo';
const MAX = 'put-customer/customer-name/max-length';
const PATH_WINS = 'put-customer/customer-key/path-wins';
const NOW = new Date('2026-12-03T12:00:00Z');

const failure = { kind: 'accepted-invalid' as const, title: 'Accepted an invalid request', documented: 'a 400', received: 'HTTP 200', counterexample: 'CustomerName of 101 characters', request: putRequest(), response: response(200, '<ok/>') };

const baseline = (entries: ExpectedFailures['entries']): ExpectedFailures => ({ file: 'conformance-baseline.yml', entries });

/** A certifying run (configured, complete, 100 runs) whose MUST clause MAX fails. */
const failingMax = () => buildReport(outcome({ failed: { [MAX]: [failure] } }));

describe('the baseline file', () => {
  it('reads YAML and JSON alike: reasons and optional expiry days', () => {
    const yaml = parseExpectedFailures(`expected-failures:\n  ${MAX}:\n    reason: trims names (T-1)\n    expires: 2027-03-01\n  ${ECHO}:\n    reason: "echo differs"\n`, 'b.yml');
    const json = parseExpectedFailures(JSON.stringify({ 'expected-failures': { [MAX]: { reason: 'trims names (T-1)', expires: '2027-03-01' }, [ECHO]: { reason: 'echo differs' } } }), 'b.json');
    const entries = { [MAX]: { reason: 'trims names (T-1)', expires: '2027-03-01' }, [ECHO]: { reason: 'echo differs' } };
    expect(yaml).toEqual({ baseline: { file: 'b.yml', entries } });
    expect(json).toEqual({ baseline: { file: 'b.json', entries } });
    expect(parseExpectedFailures('', 'empty.yml')).toEqual({ baseline: { file: 'empty.yml', entries: {} } });
  });

  it('an id that is not a clause is a problem naming the clause meant; every other problem is listed too', () => {
    const r = parseExpectedFailures(
      `expected-failures:\n  put-customer/customer-name/max-lenght:\n    reason: x\n  ${ECHO}:\n    reason: ''\n  ${MAX}:\n    reason: y\n    expires: 2027-02-30\n    owner: me\nother: 1\n`,
      'b.yml',
    );
    expect('problems' in r && r.problems).toEqual([
      "b.yml: unknown key 'other' (the file holds one key, 'expected-failures')",
      `b.yml: 'put-customer/customer-name/max-lenght' is not a clause — did you mean ${MAX}? (gateway-conformance --list-clauses)`,
      `b.yml: ${ECHO}: the reason is missing or empty: say why the clause is expected to fail`,
      `b.yml: ${MAX}: unknown key 'owner' (an entry has reason and expires)`,
      `b.yml: ${MAX}: expires must be a day written YYYY-MM-DD, got "2027-02-30"`,
    ]);
  });

  it('a file that is not YAML, lists a clause twice, or is not a mapping is a problem', () => {
    expect('problems' in parseExpectedFailures('expected-failures: [', 'b.yml')).toBe(true);
    expect('problems' in parseExpectedFailures(`expected-failures:\n  ${MAX}: {reason: a}\n  ${MAX}: {reason: b}\n`, 'b.yml')).toBe(true);
    expect(parseExpectedFailures('- a', 'b.yml')).toEqual({ problems: ["b.yml: expected a mapping with the key 'expected-failures'"] });
  });
});

describe('a report judged with a baseline', () => {
  it('a listed clause that fails is expected: exit 0, verdict conformant, the failure kept, the count excused in the summary, no certification', () => {
    const before = failingMax();
    expect(before).toMatchObject({ exitCode: 1, certification: { certifies: true } });
    const r = applyExpectedFailures(before, baseline({ [MAX]: { reason: 'trims names (T-1)' } }), NOW);
    const c = r.clauses.find((x) => x.id === MAX)!;
    expect(c).toMatchObject({ status: 'expected', baseline: { state: 'expected', reason: 'trims names (T-1)' }, failureCount: 1 });
    expect(c.failures).toHaveLength(1);
    expect(r).toMatchObject({ exitCode: 0, verdict: 'conformant', totals: { failed: 0, expected: 1 }, baseline: { entries: 1, expected: [MAX], stale: [], expired: [] } });
    expect(r.summary).toBe('CONFORMANT (baseline: 1 expected failure excused; not a certification: an expected-failures baseline is in use)');
    expect(r.certification).toEqual({ certifies: false, because: ['an expected-failures baseline is in use (1 entry, 1 clause excused)'] });
    expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
  });

  it('a listed clause that passes is stale: exit 1, "remove it from the baseline"', () => {
    const r = applyExpectedFailures(buildReport(outcome({})), baseline({ [ECHO]: { reason: 'was broken' } }), NOW);
    expect(r).toMatchObject({ exitCode: 1, verdict: 'conformant', baseline: { stale: [ECHO], expected: [] } });
    expect(r.clauses.find((x) => x.id === ECHO)).toMatchObject({ status: 'passed', baseline: { state: 'stale' } });
    expect(r.summary).toContain('STALE BASELINE: 1 listed clause passed — remove it from the baseline');
    expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
  });

  it('an expired entry fails as if it were not listed (from its day on)', () => {
    const r = applyExpectedFailures(failingMax(), baseline({ [MAX]: { reason: 'until March', expires: '2026-12-03' } }), NOW);
    expect(r).toMatchObject({ exitCode: 1, verdict: 'not conformant', baseline: { expired: [MAX], expected: [] } });
    expect(r.clauses.find((x) => x.id === MAX)).toMatchObject({ status: 'failed', baseline: { state: 'expired' } });
    const dayBefore = applyExpectedFailures(failingMax(), baseline({ [MAX]: { reason: 'until March', expires: '2026-12-04' } }), NOW);
    expect(dayBefore.exitCode).toBe(0);
  });

  it('an unlisted failure still fails; a SHOULD warning listed is excused in a strict run too', () => {
    const both = buildReport(outcome({ failed: { [MAX]: [failure] }, warned: { [PATH_WINS]: [failure] }, config: config({ strict: true }) }));
    expect(applyExpectedFailures(both, baseline({ [MAX]: { reason: 'a' } }), NOW).exitCode).toBe(1);
    const r = applyExpectedFailures(both, baseline({ [MAX]: { reason: 'a' }, [PATH_WINS]: { reason: 'b' } }), NOW);
    expect(r).toMatchObject({ exitCode: 0, totals: { expected: 2, warning: 0 } });
  });

  it('never excuses a run without a verdict: exit 2 stays exit 2, nothing is expected or stale', () => {
    const none = buildReport(outcome({ exitCode: 2, errors: ['EBIZ_SOAP_URL: cannot reach it'] }));
    const r = applyExpectedFailures(none, baseline({ [MAX]: { reason: 'a' } }), NOW);
    expect(r).toMatchObject({ exitCode: 2, verdict: 'error', baseline: { expected: [], stale: [] } });
    expect(r.summary).toMatch(/^ERROR — no verdict/);
    expect(r.clauses.find((x) => x.id === MAX)!.baseline!.state).toBe('not-judged');
    expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
  });

  it('an empty baseline excuses nothing and does not stand in the way of a certification', () => {
    const r = applyExpectedFailures(buildReport(outcome({})), baseline({}), NOW);
    expect(r).toMatchObject({ exitCode: 0, certification: { certifies: true } });
  });
});

describe('every format shows an expected failure as expected, and how many were excused', () => {
  const r: ConformanceReport = applyExpectedFailures(failingMax(), baseline({ [MAX]: { reason: 'trims names (T-1)' } }), NOW);

  it('the terminal', () => {
    const lines = renderTerminal(r);
    expect(lines.find((l) => l.startsWith('verdict:'))).toContain('baseline: 1 expected failure excused');
    expect(lines.find((l) => l.startsWith('verdict:'))).toContain('1 expected failures (baseline)');
    expect(lines).toContain(`  expected ${MAX} (baseline: trims names (T-1)): HTTP 200`);
    expect(lines.some((l) => l.startsWith('FAILED'))).toBe(false);
  });

  it('JUnit: a skipped testcase with the reason (the panel stays green) and baseline properties', () => {
    const xml = renderJunit(r);
    expect(xml).toMatch(new RegExp(`<testcase classname="put-customer.customer-name" name="${MAX}" time="0.000">\\s*<skipped message="expected failure \\(baseline\\): trims names \\(T-1\\)">`));
    expect(xml).toContain('<property name="baseline.excused" value="1"/>');
    expect(xml).toMatch(/<testsuites [^>]*failures="0"/);
  });

  it('JUnit: a stale entry is a failure of its own type', () => {
    const stale = renderJunit(applyExpectedFailures(buildReport(outcome({})), baseline({ [ECHO]: { reason: 'x' } }), NOW));
    expect(stale).toMatch(new RegExp(`name="${ECHO}"[^>]*>\\s*<failure type="STALE BASELINE" message="STALE BASELINE ENTRY: the clause passed — remove it from the baseline`));
  });

  it('HTML and Markdown', () => {
    const html = renderHtml(r);
    expect(html).toContain('<span class="badge expected">expected</span>');
    expect(html).toContain('<strong>BASELINE</strong>');
    expect(html).toContain('1 expected failure excused');
    const md = renderMarkdown(r);
    expect(md).toContain('### Expected failures (1)');
    expect(md).toContain('1 clause excused by 1 entry');
  });
});

describe('--update-baseline', () => {
  it('lists every failing clause, never one that passed, and keeps the reasons already written', () => {
    const r = buildReport(outcome({ failed: { [MAX]: [failure] }, warned: { [PATH_WINS]: [failure] } }));
    const entries = updatedEntries(r, { [MAX]: { reason: 'kept reason', expires: '2027-01-01' }, [ECHO]: { reason: 'passes now' } }, NOW);
    expect(entries).toEqual({ [PATH_WINS]: { reason: 'failing since 2026-12-03: Accepted an invalid request (say why, or fix it)' }, [MAX]: { reason: 'kept reason', expires: '2027-01-01' } });
    // What it writes reads back as the same baseline.
    expect(parseExpectedFailures(renderExpectedFailures(entries), 'b.yml')).toEqual({ baseline: { file: 'b.yml', entries } });
  });
});
