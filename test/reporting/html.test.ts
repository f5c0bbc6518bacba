/**
 * conformance.html as a person reads it, in Debian's Chromium at 1280 px and 390 px (screenshots
 * of the top and of the findings kept in a temporary directory, printed on the console; none of the
 * whole page, which took most of the file's time: 25,000 and 60,000 px tall, 6 MB each): the banner names the target and the
 * failed clauses, a table of contents, a summary per API and area with inline SVG bars, nothing
 * wider than a 1280 px window, each failure with its request and response in full (pretty-printed,
 * cut only past 64 KiB with a note), the simplest counterexample first, and no secret.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReports } from '../../reporting/index.ts';
import { buildReport } from '../../reporting/model.ts';
import { prettyJson, prettyXml } from '../../reporting/pretty.ts';
import { config, outcome, richOutcome, SECRETS } from './outcomes.ts';

const shots = mkdtempSync(join(tmpdir(), 'html-report-shots-'));
let browser: Browser;
let richDir: string;
let passingDir: string;

beforeAll(async () => {
  expect(existsSync('/usr/bin/chromium'), 'Debian chromium is needed for this test: apt-get install chromium (.ci/run does it)').toBe(true);
  richDir = mkdtempSync(join(tmpdir(), 'html-report-'));
  writeReports(buildReport(richOutcome()), richDir, SECRETS);
  passingDir = mkdtempSync(join(tmpdir(), 'html-report-'));
  writeReports(buildReport(outcome({ config: config({ embedded: true }) })), passingDir, SECRETS);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  console.log(`conformance.html screenshots: ${shots}`);
}, 60_000);
afterAll(() => browser?.close());

/** The page's width as laid out (no DOM types here: the expression runs in the page). */
const scrollWidth = (page: Page): Promise<number> => page.evaluate('document.documentElement.scrollWidth') as Promise<number>;

async function open(dir: string, width: number): Promise<{ page: Page; requested: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(`file://${join(dir, 'conformance.html')}`);
  return { page, requested };
}

describe.each([1280, 390])('at %i px wide', (width) => {
  it('shows the banner, the table of contents and the summary, with no horizontal scrolling', async () => {
    const { page, requested } = await open(richDir, width);
    await page.screenshot({ path: join(shots, `not-conformant-${width}-top.png`) });
    for (const id of ['#banner', '#toc', '#overview']) expect(await page.locator(id).isVisible(), id).toBe(true);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
    // No table, pre or list is wider than the page either (an element with its own scrollbar).
    const wide = await page.evaluate(`[...document.querySelectorAll('table, pre, dl, ul, svg')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.outerHTML.slice(0, 80))`);
    expect(wide).toEqual([]);
    expect(requested.every((u) => u.startsWith('file://'))).toBe(true);
    await page.locator('#findings h2').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, `not-conformant-${width}-findings.png`) });
    await page.close();
  });

  it('shows a conformant self-test the same way', async () => {
    const { page } = await open(passingDir, width);
    await page.screenshot({ path: join(shots, `self-test-${width}-top.png`) });
    for (const id of ['#banner', '#toc', '#overview', '#self-test']) expect(await page.locator(id).isVisible(), id).toBe(true);
    expect(await page.locator('#failed-clauses').count()).toBe(0);
    expect(await page.locator('#findings').count()).toBe(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
    await page.close();
  });
});

describe('what the page says', () => {
  let page: Page;
  beforeAll(async () => {
    page = (await open(richDir, 1280)).page;
  });

  it('the banner names the target and the failed clauses, linked to their failures', async () => {
    const banner = page.locator('#banner');
    expect(await banner.locator('#verdict').innerText()).toBe('NOT CONFORMANT');
    expect(await banner.locator('#target').innerText()).toBe(
      'Target: PutCustomer at https://sandbox.gateway.example/api/v1/very/long/path/to/the/syntch/gateway/service; MarkCustomerAsSynchronized at https://sandbox.ebizcharge.example/soap/eBizService.svc',
    );
    const failed = banner.locator('#failed-clauses li a');
    expect(await failed.allInnerTexts()).toEqual(['put-customer/customer-name/max-length', 'put-customer/response/echo', 'put-customer/hardening/oversized-body-refused', 'mark-customer-as-synchronized/fault/invalid-customer-internal-id']);
    for (const href of await failed.evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) expect(await page.locator(href).count(), href).toBe(1);
    // A warning is not a failed clause.
    expect(await banner.innerText()).not.toContain('put-customer/errors/validation-400');
  });

  it('the table of contents links to every section', async () => {
    const links = page.locator('#toc a');
    expect(await links.allInnerTexts()).toEqual(['Summary by API and area', 'Failures (4) and warnings (1)', 'Clauses: Syntch Gateway API — PutCustomer', 'Clauses: eBizCharge SOAP API — MarkCustomerAsSynchronized', 'Run: target, scope, seed, settings']);
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) expect(await page.locator(href).count(), href).toBe(1);
  });

  it('the summary counts clauses by API and area, with a bar for each', async () => {
    const put = page.locator('table.areas[data-operation="put-customer"]');
    const cells = async (area: string) => (await put.locator(`tr[data-area="${area}"] td.num`).allInnerTexts()).map((t) => t.trim());
    expect(await cells('customer-name')).toEqual(['2', '1', '', '', '3']);
    expect(await cells('errors')).toEqual(['4', '', '1', '1', '6']);
    const areas = await put.locator('tbody tr').count();
    expect(await put.locator('svg.bar').count()).toBe(areas);
    expect(await put.locator('tr.total td.num').allInnerTexts()).toEqual(['93', '3', '1', '1', '98']);
    expect(await put.locator('tr[data-area="customer-name"] svg rect').count()).toBe(2);
    expect(await put.locator('tr[data-area="customer-name"] svg').getAttribute('aria-label')).toBe('PutCustomer customer-name: 2 passed, 1 failed');
  });

  it('each failure shows the request and the response in full, the simplest counterexample first', async () => {
    const finding = page.locator('#f--put-customer--customer-name--max-length');
    const failures = finding.locator('details.failure');
    expect(await failures.count()).toBe(2);
    expect(await failures.first().locator('summary').innerText()).toBe('1 of 2: CustomerName of 101 characters (JSON)');
    expect(await finding.innerText()).toContain('57 failures in all; the 2 simplest are kept');
    const request = await failures.first().locator('pre.request').innerText();
    expect(request).toMatch(/^PUT https:\/\/sandbox\.gateway\.example\/api\/v1\/.*\/customers\/1\?format=xml&and=/);
    expect(request).toContain('\nAuthorization: $SYNTCH_AUTHORIZATION\n');
    expect(request).toContain('\n{\n  "CustomerName": "xxx');
    const response = await failures.first().locator('pre.response').innerText();
    expect(response).toMatch(/^HTTP 200\ncontent-type: application\/json\ncontent-length: \d+\n\n\{\n {2}"CustomerKey": 1,\n/);
    // The second failure is folded, the first open.
    expect(await failures.nth(1).locator('pre.request').isVisible()).toBe(false);
    await failures.nth(1).locator('summary').click();
    expect(await failures.nth(1).locator('pre.request').innerText()).toContain('<CustomerName>xxxxxxxx');
  });

  it('XML bodies are pretty-printed, SOAP included, with the secret in them masked', async () => {
    const soap = page.locator('#f--mark-customer-as-synchronized--fault--invalid-customer-internal-id details.failure').first();
    const request = await soap.locator('pre.request').innerText();
    expect(request).toContain('\n      <securityToken>\n        <SecurityId>$EBIZ_SECURITY_ID</SecurityId>\n');
    const response = await soap.locator('pre.response').innerText();
    expect(response).toContain('HTTP 500\ncontent-type: text/xml');
    expect(response).toContain('\n      <faultcode>s:Server</faultcode>\n');
  });

  it('a body past 64 KiB is cut with a note, and a streamed body is described', async () => {
    const echo = page.locator('#f--put-customer--response--echo');
    expect(await echo.locator('p.note.cut').innerText()).toMatch(/^Truncated: shown: the first 65,536 of [\d,]+ characters \(a report keeps 64 KiB of a body\)\.$/);
    const oversized = page.locator('#f--put-customer--hardening--oversized-body-refused');
    expect(await oversized.locator('p.note.cut').innerText()).toBe('Truncated: a streamed body of 67,108,864 bytes, not shown (the curl reproduction writes it).');
  });

  it('warnings come after the failures, marked as such', async () => {
    const articles = await page.locator('#findings article').evaluateAll((as) => as.map((a) => `${a.className} ${a.id}`));
    expect(articles.at(-1)).toBe('finding warning f--put-customer--errors--validation-400');
    expect(articles.slice(0, -1).every((a) => a.startsWith('finding failed'))).toBe(true);
  });

  it('no secret anywhere in the page, as written', () => {
    const html = readFileSync(join(richDir, 'conformance.html'), 'utf8');
    expect(html).not.toContain('SECRET-');
    const json = JSON.parse(readFileSync(join(richDir, 'conformance.json'), 'utf8')) as { clauses: { id: string; failures: { request?: { headers: Record<string, string> } }[] }[] };
    const failure = json.clauses.find((c) => c.id === 'put-customer/customer-name/max-length')!.failures[0]!;
    expect(failure.request!.headers.Authorization).toBe('$SYNTCH_AUTHORIZATION');
  });
});

describe('pretty-printing changes layout only', () => {
  it('JSON: tokens as received, numbers never re-written', () => {
    expect(prettyJson('{"a":[1e400,12345678901234567890],"b":{},"c":"x,{\\"y"}')).toBe('{\n  "a": [\n    1e400,\n    12345678901234567890\n  ],\n  "b": {},\n  "c": "x,{\\"y"\n}');
    expect(prettyJson('{"a":')).toBeUndefined();
  });

  it('XML: text stays on its element line, spaces included', () => {
    expect(prettyXml('<a><b> x </b><c/><d><![CDATA[<&>]]></d></a>')).toBe('<a>\n  <b> x </b>\n  <c/>\n  <d><![CDATA[<&>]]></d>\n</a>');
    expect(prettyXml('not xml')).toBeUndefined();
  });
});
