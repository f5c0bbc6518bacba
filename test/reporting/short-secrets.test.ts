/**
 * Secrets that are ordinary words (docs/INTERPRETING.md §secrets): masking applies to the values
 * of a report that can carry a secret, never to the serialised document or to the suite's own
 * words. A run with `EBIZ_USER_ID=test EBIZ_PASSWORD=pass` (or `CONFORMANT` / `passed`, or
 * `verdict` / `suites`) writes reports that parse and carry the same statuses and totals as the
 * same run without them, and an intact verdict line; a value that echoes such a secret is still
 * masked.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { configuredSettings } from '../../reference/fixtures.ts';
import { type ReferenceGateway, startReferenceGateway } from '../../reference/server.ts';
import { writeReports } from '../../reporting/index.ts';
import { buildReport, type ConformanceReport } from '../../reporting/model.ts';
import { renderTerminal } from '../../reporting/terminal.ts';
import { secretsOf } from '../../config/settings.ts';
import { runConformance } from '../../runner/run.ts';
import { outcome, putRequest, response } from './outcomes.ts';
import { embeddedReference } from '../../reference/embedded.ts';

const BASE = { CONFORMANCE_SEED: '5', CONFORMANCE_RUNS: '5' };

interface Written {
  readonly json: ConformanceReport;
  readonly junit: string;
  readonly html: string;
  readonly terminal: string[];
}

function write(report: ConformanceReport, secrets: ReturnType<typeof secretsOf>): Written {
  const dir = mkdtempSync(join(tmpdir(), 'short-secrets-'));
  const written = writeReports(report, dir, secrets);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { json: JSON.parse(read('conformance.json')) as ConformanceReport, junit: read('junit.xml'), html: read('conformance.html'), terminal: renderTerminal(report, written, secrets) };
}

/** A reference gateway with a fault (so failures quote its answers), configured as a user would. */
let gateway: Promise<ReferenceGateway> | undefined;
afterAll(async () => (await gateway)?.close());

async function run(extra: Record<string, string>): Promise<Written> {
  gateway ??= startReferenceGateway({ port: 0, fault: 'validation-500' });
  const gw = await gateway;
  const env = { ...BASE, ...configuredSettings(gw, gw.fixtures), ...extra };
  const o = await runConformance({ embedded: embeddedReference(), env, log: () => undefined, suites: ['inputs', 'access', 'mark'] });
  return write(buildReport(o), secretsOf(env));
}

const statuses = (w: Written) => Object.fromEntries(w.json.clauses.map((c) => [c.id, c.status]));
const verdictLine = (w: Written) => w.terminal.filter((l) => l.startsWith('verdict: '));
/** The junit element names and testcase statuses: the document's shape. */
const junitShape = (xml: string) => [...xml.matchAll(/<\/?([A-Za-z-]+)[\s>]/g)].map((m) => m[1]).join(' ');

describe('secrets that are ordinary words leave the reports whole', () => {
  const plain = run({});
  it.each([
    ['test', 'pass'],
    ['CONFORMANT', 'passed'],
    ['verdict', 'suites'],
  ])('EBIZ_USER_ID=%s EBIZ_PASSWORD=%s: the same statuses, totals, verdict line and documents', async (user, password) => {
    const [a, b] = await Promise.all([plain, run({ EBIZ_USER_ID: user, EBIZ_PASSWORD: password })]);
    expect(a.json.verdict).toBe('not conformant');
    expect(statuses(b)).toEqual(statuses(a));
    expect(b.json.totals).toEqual(a.json.totals);
    expect(b.json.summary).toBe(a.json.summary);
    expect(b.json.verdict).toBe(a.json.verdict);
    expect(verdictLine(b)).toEqual(verdictLine(a));
    expect(verdictLine(b)).toHaveLength(1);
    expect(XMLValidator.validate(b.junit)).toBe(true);
    expect(junitShape(b.junit)).toBe(junitShape(a.junit));
    expect(b.html).toContain('<h1 id="verdict">');
    expect(b.html.match(/class="badge [a-z-]+">[a-z-]+</g)).toEqual(a.html.match(/class="badge [a-z-]+">[a-z-]+</g));
  }, 120_000);
});

describe('a value that echoes a short secret is still masked', () => {
  it('in the failure, its exchange, the errors and the target', () => {
    const secrets = secretsOf({ EBIZ_USER_ID: 'test', EBIZ_PASSWORD: 'pass' });
    const report = buildReport(
      outcome({
        failed: {
          'put-customer/response/echo': [
            {
              kind: 'wrong-behaviour',
              title: 'API did not behave as documented',
              documented: 'no echo',
              received: 'Message = "user test, key pass"',
              counterexample: 'UserId test',
              request: putRequest('<a>test pass</a>'),
              response: response(400, '{"message":"bad key pass for test"}', 'application/json'),
            },
          ],
        },
        errors: ['a suite stopped: the gateway said pass'],
      }),
    );
    const w = write(report, secrets);
    const failure = w.json.clauses.find((c) => c.id === 'put-customer/response/echo')!.failures[0]!;
    expect(failure.received).toBe('Message = "user $EBIZ_USER_ID, key $EBIZ_PASSWORD"');
    expect(failure.counterexample).toBe('UserId $EBIZ_USER_ID');
    expect(failure.request!.body).toBe('<a>$EBIZ_USER_ID $EBIZ_PASSWORD</a>');
    expect(failure.response!.body).toBe('{"message":"bad key $EBIZ_PASSWORD for $EBIZ_USER_ID"}');
    expect(w.json.errors).toEqual(['a suite stopped: the gateway said $EBIZ_PASSWORD']);
    expect(w.json.clauses.filter((c) => c.status === 'passed').length).toBeGreaterThan(0);
    expect(w.terminal.join('\n')).toContain('received:    Message = "user $EBIZ_USER_ID, key $EBIZ_PASSWORD"');
    expect(w.terminal.join('\n')).toMatch(/^verdict: NOT CONFORMANT .* \d+ passed, 1 failed/m);
  });
});
