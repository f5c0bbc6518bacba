/**
 * The report formats, rendered from built report models (no run): every form of a secret with
 * `" < & >` and a space is masked in the terminal, JSON, HTML and JUnit; the verdict line and
 * every report say when a run is a self-test of the embedded reference gateway, when it is
 * partial (why, with the filters and the settings left out), and never contradict exit 2.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CLAUSES } from '../../contract/index.ts';
import { decodeEntities, parseXml, type XmlElement } from '../../lib/xml/parse.ts';
import { writeReports } from '../../reporting/index.ts';
import { buildReport, type ConformanceReport, type ReportableOutcome, withoutVerdict } from '../../reporting/model.ts';
import { renderTerminal } from '../../reporting/terminal.ts';
import { reportValidator } from './outcomes.ts';
import { formsOf } from './secret-forms.ts';

const validate = reportValidator();

const AUTH = 'Bearer t0k"en <x&y> z';
const TOKEN = 't0k"en <x&y> z';
const PASSWORD = 'pa"ss <&> word';
const SECURITY_ID = 'sec<&>"id 41b7';
const SECRETS: [string, string][] = [
  [AUTH, 'SYNTCH_AUTHORIZATION'],
  [SECURITY_ID, 'EBIZ_SECURITY_ID'],
  [PASSWORD, 'EBIZ_PASSWORD'],
];
/** Every form of every secret, named. */
const FORMS: [string, string][] = [
  ...Object.entries(formsOf(AUTH)).map(([f, t]): [string, string] => [`Authorization ${f}`, t]),
  ...Object.entries(formsOf(TOKEN)).map(([f, t]): [string, string] => [`token ${f}`, t]),
  ...Object.entries(formsOf(PASSWORD)).map(([f, t]): [string, string] => [`password ${f}`, t]),
  ...Object.entries(formsOf(SECURITY_ID)).map(([f, t]): [string, string] => [`SecurityId ${f}`, t]),
];
/** Text no masked output may hold, in any form: the secrets' distinctive parts. */
const FRAGMENTS = ['t0k', 'pa"ss', 'sec<&>', '41b7'];

type Config = NonNullable<ReportableOutcome['config']>;

function config(over: { embedded?: boolean; missingKey?: boolean; noRole?: boolean; ebiz?: boolean } = {}): Config {
  return {
    embedded: over.embedded ?? false,
    syntch: { baseUrl: 'http://gw.test/api', authorization: AUTH, customerKey: 1, ...(over.missingKey !== false ? { missingCustomerKey: 2 } : {}), ...(over.noRole !== false ? { authorizationNoRole: 'Bearer other-role-token' } : {}) },
    ...(over.ebiz !== false ? { ebiz: { soapUrl: 'http://gw.test/soap', securityId: SECURITY_ID, password: PASSWORD, customerInternalId: 'c-1' } } : {}),
    notTested: over.ebiz === false ? { ebiz: 'EBIZ_SOAP_URL not set' } : {},
    run: { seed: 7, runs: 100, concurrency: 2, timeoutMs: 1000, reportDir: 'reports', strict: false },
  } as unknown as Config;
}

/** An outcome: every clause passed but those named, a failed one carrying every form of every secret. */
function outcome(options: {
  exitCode?: 0 | 1 | 2;
  verdict?: ReportableOutcome['verdict'];
  notTested?: Record<string, string>;
  failWithSecrets?: boolean;
  scope?: ReportableOutcome['scope'];
  config?: Config;
  errors?: string[];
}): ReportableOutcome {
  const failedId = 'put-customer/replace/omitted-member-removed';
  const clauses = ALL_CLAUSES.map((clause) => {
    const reason = options.notTested?.[clause.id] ?? clause.unobservable;
    if (reason !== undefined) return { clause, status: 'not-tested' as const, cases: 0, failures: [], reason };
    if (options.failWithSecrets && clause.id === failedId) {
      return {
        clause,
        status: 'failed' as const,
        cases: FORMS.length + 1,
        // The "every form" failure has no request, so it is the simplest and comes first (the
        // terminal shows the first failure); each other failure carries its form in the request
        // and the response it shows whole.
        failures: [['every form', FORMS.map(([, text]) => text).join(' | ')] as const, ...FORMS].map(([name, text], i) => ({
          clause: clause.id,
          kind: 'wrong-behaviour' as const,
          title: `echoed the ${name}`,
          documented: `never echo ${text}`,
          received: `<Echo a="${text}">${text}</Echo>`,
          counterexample: `header ${text}`,
          curl: `curl -H 'Authorization: ${text}'`,
          ...(i === 0
            ? {}
            : {
                request: { method: 'PUT', url: `http://gw.test/api/customers/1?k=${text}`, headers: { Authorization: text }, body: `<a>${text}</a>`, bodyBytes: 100_000, truncated: false },
                response: { status: 200, headers: { 'x-echo': text }, body: `{"echo":"${text}"}`, bodyBytes: 100_000, truncated: false },
              }),
        })),
      };
    }
    return { clause, status: 'passed' as const, cases: 3, failures: [] };
  });
  const exitCode = options.exitCode ?? (options.failWithSecrets ? 1 : 0);
  const c = options.config ?? config();
  return {
    exitCode,
    verdict: options.verdict ?? (exitCode === 0 ? 'conformant' : exitCode === 1 ? 'not conformant' : 'error'),
    clauses,
    errors: options.errors ?? [],
    config: c,
    target: { embedded: c.embedded, syntchBaseUrl: 'http://gw.test/api', ebizSoapUrl: 'http://gw.test/soap' },
    ...(options.scope ? { scope: options.scope } : {}),
    startedAt: '2026-11-24T10:00:00.000Z',
    finishedAt: '2026-11-24T10:01:00.000Z',
  };
}

interface Rendered {
  readonly terminal: string;
  readonly json: string;
  readonly html: string;
  readonly junit: string;
  readonly dir: string;
  readonly written: ReturnType<typeof writeReports>;
}

function render(report: ConformanceReport): Rendered {
  const dir = mkdtempSync(join(tmpdir(), 'render-'));
  const written = writeReports(report, dir, SECRETS);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { terminal: renderTerminal(report, written, SECRETS).join('\n'), json: read('conformance.json'), html: read('conformance.html'), junit: read('junit.xml'), dir, written };
}

/** Every string of a JSON value. */
const jsonStrings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(jsonStrings) : v && typeof v === 'object' ? Object.values(v).flatMap(jsonStrings) : []);
/** Every text and attribute value of an XML element, decoded. */
const xmlStrings = (e: XmlElement): string[] => [e.text, ...e.attributes.map((a) => a.value), ...e.children.flatMap(xmlStrings)];
/** The HTML as a reader sees it: tags removed, entities decoded. */
const htmlText = (html: string): string => decodeEntities(html.replace(/<[^>]*>/g, ' ').replace(/&(?![a-z]+;|#)/g, '&amp;')).replace(/[ \t]+/g, ' ');

describe('secrets, in every form, in every format', () => {
  const report = buildReport(outcome({ failWithSecrets: true }));
  const out = render(report);
  const decoded: Record<string, string> = {
    terminal: out.terminal,
    'conformance.json': jsonStrings(JSON.parse(out.json)).join('\n'),
    'conformance.html': htmlText(out.html),
    'junit.xml': xmlStrings(parseXml(out.junit)).join('\n'),
  };
  const raw: Record<string, string> = { terminal: out.terminal, 'conformance.json': out.json, 'conformance.html': out.html, 'junit.xml': out.junit };

  it.each(Object.keys(raw))('%s holds no form of any secret, as written or as read', (format) => {
    for (const [name, text] of FORMS) {
      expect(raw[format], `${name} as written`).not.toContain(text);
      expect(decoded[format], `${name} as read`).not.toContain(text);
    }
    for (const fragment of FRAGMENTS) expect(decoded[format]).not.toContain(fragment);
  });

  it.each(Object.keys(raw))('%s shows where each form was, by variable', (format) => {
    for (const mask of ['$SYNTCH_AUTHORIZATION', '${SYNTCH_AUTHORIZATION#* }', '[base64 of $SYNTCH_AUTHORIZATION]', '[base64url of ${SYNTCH_AUTHORIZATION#* }]', '$EBIZ_PASSWORD', '[base64 of $EBIZ_PASSWORD]', '$EBIZ_SECURITY_ID']) {
      expect(decoded[format]).toContain(mask);
    }
  });

  it('the masked JSON still validates, and every failure is still there', () => {
    const json = JSON.parse(out.json) as ConformanceReport;
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.clauses.find((c) => c.status === 'failed')!.failures).toHaveLength(FORMS.length + 1);
  });

  it('the terminal is masked even when the caller passes the secrets only', () => {
    expect(renderTerminal(report, [], SECRETS).join('\n')).not.toContain('t0k');
  });
});

describe('what was tested, in every format', () => {
  it('a run against the embedded reference gateway is a self-test, not a certification', () => {
    const report = buildReport(outcome({ config: config({ embedded: true }) }));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.summary).toBe('CONFORMANT (self-test of the embedded reference gateway — not a certification)');
    const out = render(report);
    expect(out.terminal).toMatch(/\nverdict: CONFORMANT \(self-test of the embedded reference gateway — not a certification\) — \d+ passed/);
    expect(JSON.parse(out.json)).toMatchObject({ target: { embedded: true }, summary: report.summary, scope: { partial: false } });
    expect(htmlText(out.html)).toContain('SELF-TEST of the embedded reference gateway — not a certification');
    const junit = parseXml(out.junit);
    expect(junit.attributes.find((a) => a.local === 'name')!.value).toContain('self-test of the embedded reference gateway — not a certification');
  });

  it('a configured gateway with every clause tested but the unobservable ones is not partial', () => {
    const report = buildReport(outcome({}));
    expect(report.scope).toMatchObject({ partial: false, reasons: [], clausesLeftOut: 0 });
    expect(report.summary).toBe('CONFORMANT (a certification run)');
    expect(report.certification).toEqual({ certifies: true, because: [] });
    const out = render(report);
    expect(out.terminal).toMatch(/\nverdict: CONFORMANT \(a certification run\) — /);
    expect(out.terminal).not.toMatch(/partial/i);
    expect(out.html).not.toContain('id="partial"');
  });

  it('a complete run with fewer than 100 runs per property is not a certification, and says why', () => {
    const report = buildReport(outcome({ config: { ...config(), run: { ...config().run, runs: 20 } } }));
    expect(report.summary).toBe('CONFORMANT (not a certification: CONFORMANCE_RUNS below 100)');
    expect(report.certification).toEqual({ certifies: false, because: ['CONFORMANCE_RUNS is 20, below 100'] });
  });

  describe('a partial run', () => {
    const unknownKey = 'put-customer/errors/unknown-key-not-created';
    const report = buildReport(
      outcome({
        config: config({ missingKey: false }),
        notTested: { [unknownKey]: 'SYNTCH_MISSING_CUSTOMER_KEY not set' },
        scope: { partial: true, reasons: ['SYNTCH_MISSING_CUSTOMER_KEY not set'], filters: { suites: ['hardening'], checks: [], excludeChecks: ['soap-fault'] }, settingsLeftOut: ['SYNTCH_MISSING_CUSTOMER_KEY'] },
      }),
    );
    const out = render(report);

    it('is PARTIAL in the model, with reasons, filters and settings left out', () => {
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
      expect(report.scope).toEqual({
        partial: true,
        reasons: ['SYNTCH_MISSING_CUSTOMER_KEY not set (1 clause not tested)'],
        filters: { suites: ['hardening'], checks: [], excludeChecks: ['soap-fault'] },
        settingsLeftOut: ['SYNTCH_MISSING_CUSTOMER_KEY'],
        clausesLeftOut: 1,
      });
      expect(report.summary).toBe('CONFORMANT (PARTIAL: 1 clause not tested)');
    });

    it('says PARTIAL on the terminal verdict line, with why', () => {
      expect(out.terminal).toMatch(/\nverdict: CONFORMANT \(PARTIAL: 1 clause not tested\) — /);
      expect(out.terminal).toContain('\n  left out: SYNTCH_MISSING_CUSTOMER_KEY not set (1 clause not tested)\n');
      expect(out.terminal).toContain('\nfilters: suites hardening; checks left out soap-fault\n');
      expect(out.terminal).toContain('\nsettings left out: SYNTCH_MISSING_CUSTOMER_KEY\n');
    });

    it('says PARTIAL in the JSON', () => {
      expect(JSON.parse(out.json)).toMatchObject({ summary: 'CONFORMANT (PARTIAL: 1 clause not tested)', scope: { partial: true, settingsLeftOut: ['SYNTCH_MISSING_CUSTOMER_KEY'] } });
    });

    it('has a PARTIAL banner in the HTML', () => {
      const banner = /<div class="banner partial" id="partial">(.*?)<\/div>/s.exec(out.html)?.[1] ?? '';
      const text = htmlText(banner);
      expect(text).toContain('PARTIAL');
      expect(text).toContain('SYNTCH_MISSING_CUSTOMER_KEY not set (1 clause not tested)');
      expect(text).toContain('suites filter: hardening');
      expect(text).toContain('checks left out: soap-fault');
      expect(text).toContain('settings left out: SYNTCH_MISSING_CUSTOMER_KEY');
    });

    it('names PARTIAL in the JUnit testsuites name, properties and system-out', () => {
      const doc = parseXml(out.junit);
      expect(doc.attributes.find((a) => a.local === 'name')!.value).toContain('PARTIAL');
      for (const suite of doc.children) {
        const props = Object.fromEntries(suite.children.find((c) => c.local === 'properties')!.children.map((p) => [p.attributes.find((a) => a.local === 'name')!.value, p.attributes.find((a) => a.local === 'value')!.value]));
        expect(props).toMatchObject({ partial: 'true', 'partial.reason.1': 'SYNTCH_MISSING_CUSTOMER_KEY not set (1 clause not tested)', 'filter.suites': 'hardening', 'filter.excludeChecks': 'soap-fault', settingsLeftOut: 'SYNTCH_MISSING_CUSTOMER_KEY' });
        const systemOut = suite.children.find((c) => c.local === 'system-out')!.text;
        expect(systemOut).toContain('partial run');
        expect(systemOut).toContain('settings left out: SYNTCH_MISSING_CUSTOMER_KEY');
      }
    });
  });

  it('is partial from the clauses even when the runner says nothing of a scope', () => {
    const report = buildReport(outcome({ config: config({ ebiz: false }), notTested: Object.fromEntries(ALL_CLAUSES.filter((c) => c.operation !== 'put-customer').map((c) => [c.id, 'EBIZ_SOAP_URL not set'])) }));
    expect(report.scope.partial).toBe(true);
    expect(report.scope.settingsLeftOut).toContain('EBIZ_SOAP_URL');
    expect(report.summary).toMatch(/^CONFORMANT \(PARTIAL: \d+ clauses not tested\)$/);
  });

  it('a no-verdict run says ERROR whenever its exit code is 2, whatever the outcome claimed', () => {
    const scope = { partial: true, reasons: ['SYNTCH_MISSING_CUSTOMER_KEY not set'], filters: { suites: [], checks: [], excludeChecks: [] }, settingsLeftOut: [] };
    const contradictory = buildReport(outcome({ exitCode: 2, verdict: 'conformant', errors: ['suite crashed'], scope }));
    expect([contradictory.verdict, contradictory.exitCode, contradictory.summary]).toEqual(['error', 2, 'ERROR — no verdict']);
    const out = render(contradictory);
    expect(out.terminal).toMatch(/\nverdict: ERROR — no verdict — /);
    expect(out.terminal).not.toMatch(/PARTIAL|partial run/); // no verdict to qualify
    expect(out.html).toContain('id="no-verdict"');
    expect(parseXml(out.junit).attributes.find((a) => a.local === 'name')!.value).toContain('ERROR — no verdict');
    expect(validate(JSON.parse(out.json)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('a report turned into no verdict after the run (its files could not be written) says ERROR too', () => {
    const report = withoutVerdict(buildReport(outcome({ config: config({ embedded: true }) })), 'cannot write the reports: EACCES');
    expect([report.verdict, report.exitCode]).toEqual(['error', 2]);
    expect(report.summary).toBe('ERROR — no verdict (self-test of the embedded reference gateway — not a certification)');
    const lines = renderTerminal(report, [], SECRETS);
    expect(lines).toContain('error: cannot write the reports: EACCES');
    expect(lines.find((l) => l.startsWith('verdict:'))).toMatch(/^verdict: ERROR — no verdict/);
  });
});
