/**
 * Text from a gateway in every output (docs/INTERPRETING.md §untrusted-output), rendered from a
 * report model whose failure, exchange and error carry every code point 0x00–0x9F, the line and
 * paragraph separators, bidi controls, lone surrogates, noncharacters, a binary (gzip) body, a
 * forged verdict line and CI workflow commands: the terminal shows escapes and has one verdict
 * line, junit.xml is well-formed XML 1.0 and still valid, conformance.json parses and keeps the
 * exchange exact, conformance.html parses in Chromium and shows escapes.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';
import { chromium } from 'playwright-core';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { writeReports } from '../../reporting/index.ts';
import { buildReport, type ConformanceReport } from '../../reporting/model.ts';
import { renderTerminal } from '../../reporting/terminal.ts';
import { HOSTILE, outcome, putRequest, response, SECRETS } from './outcomes.ts';

const XSD = readFileSync(fileURLToPath(new URL('../../reporting/junit-schema.xsd', import.meta.url)), 'utf8');

/** Every code point 0x00–0x9F, then the other characters a terminal or an XML parser acts on. */
const ALL_CONTROLS = `${Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('')}\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufffe\uffff\ud800\udfff`;
const GZIP = gzipSync(Buffer.from('{"CustomerKey":1}')).toString('latin1');

/** Raw characters no output file may carry (\t, \n and \r\n only where a body keeps them). */
const RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;
/** A line that starts like the verdict line or a CI command. */
const COMMAND_LINE = /^\s*(verdict:|::|##\[)/i;

function hostileReport(): ConformanceReport {
  const body = `<CustomerDetail><MerchantKey>${HOSTILE}</MerchantKey><All>${ALL_CONTROLS}</All></CustomerDetail>`;
  return buildReport(
    outcome({
      failed: {
        'put-customer/response/member-types': [
          {
            kind: 'wrong-shape',
            title: 'Response does not match the documented shape',
            documented: `MerchantKey an Int32 ${ALL_CONTROLS}`,
            received: `MerchantKey = '${HOSTILE}'`,
            counterexample: `a valid customer ${ALL_CONTROLS}`,
            curl: `curl -sS -i -X PUT 'http://gw.test/api/customers/1' \\\n  --data-binary '${HOSTILE}'`,
            seed: 7,
            request: putRequest(`<a>${HOSTILE}${ALL_CONTROLS}</a>`),
            response: { ...response(200, body), headers: { 'content-type': 'application/xml', 'x-hostile': HOSTILE, 'x-c1': '\u0085\u009b' } },
          },
          {
            kind: 'wrong-shape',
            title: 'Response does not match the documented shape',
            documented: 'JSON',
            received: `gzip ${GZIP}`,
            request: putRequest(),
            response: response(200, GZIP, 'application/json'),
          },
        ],
      },
      errors: [`a suite stopped: ${HOSTILE}\n    at ${ALL_CONTROLS}`],
      exitCode: 2,
    }),
  );
}

describe('a hostile gateway cannot write the suite output', () => {
  const report = hostileReport();
  const dir = mkdtempSync(join(tmpdir(), 'untrusted-'));
  const written = writeReports(report, dir, SECRETS);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const terminal = renderTerminal(report, written, SECRETS);

  it('terminal: no raw control character, one verdict line, no line that starts like a command, no ##vso[', () => {
    const lines = terminal.flatMap((l) => l.split('\n'));
    for (const line of lines) expect(line, JSON.stringify(line)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(lines.filter((l) => COMMAND_LINE.test(l))).toEqual([lines.find((l) => l.startsWith('verdict: ERROR — no verdict'))]);
    expect(lines.join('\n')).not.toMatch(/##vso\[/i);
    expect(lines.join('\n')).toContain('\\x1b[2J');
    expect(lines.join('\n')).toContain('\\u0085');
  });

  it('junit.xml: well-formed XML 1.0 (libxml2 and fast-xml-parser), valid against junit-schema.xsd, and safe to cat', async () => {
    const xml = read('junit.xml');
    expect(XMLValidator.validate(xml)).toBe(true);
    const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [{ fileName: 'junit-schema.xsd', contents: XSD }] });
    expect(result.errors.map((e) => e.message)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(xml).not.toMatch(RAW);
    expect(xml).not.toMatch(/##vso\[/i);
    expect(xml.split('\n').filter((l) => COMMAND_LINE.test(l))).toEqual([]);
  });

  it('conformance.json: parses, keeps the exchange exact, and is safe to cat', () => {
    const text = read('conformance.json');
    expect(text).not.toMatch(RAW);
    expect(text).not.toMatch(/##vso\[/i);
    const json = JSON.parse(text) as ConformanceReport;
    const failure = json.clauses.find((c) => c.id === 'put-customer/response/member-types')!.failures[0]!;
    expect(failure.response!.body).toBe(report.clauses.find((c) => c.id === 'put-customer/response/member-types')!.failures[0]!.response!.body);
    expect(failure.response!.headers['x-hostile']).toBe(HOSTILE);
  });

  it('conformance.html: no raw control character, escapes shown in the pretty-printed body, and it parses in Chromium', async () => {
    const html = read('conformance.html');
    expect(html).not.toMatch(RAW);
    expect(html).not.toMatch(/##vso\[/i);
    expect(html.split('\n').filter((l) => COMMAND_LINE.test(l))).toEqual([]);
    expect(existsSync('/usr/bin/chromium'), 'Debian chromium is needed for this test').toBe(true);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${join(dir, 'conformance.html')}`);
      const text = (await page.evaluate('document.body.innerText')) as string;
      expect(text).toContain('\\x1b]52;c;');
      expect(text).toContain('\\u0085');
      expect(await page.locator('#verdict').innerText()).toBe('ERROR');
      expect(await page.locator('details.failure').count()).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
