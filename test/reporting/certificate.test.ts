/**
 * The certificate of a certifying run (docs/INTERPRETING.md §certificate): certificate.json,
 * badge.svg and the section at the top of conformance.html are written only when the report
 * certifies; `verify` (reporting/verify.ts) accepts what the run wrote and refuses a report or a
 * certificate edited by hand, another contract, and a badge that is not the certificate's.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CONTRACT_HASH } from '../../contract/index.ts';
import { renderBadge } from '../../reporting/badge.ts';
import { sha256 } from '../../reporting/certificate.ts';
import { writeReports } from '../../reporting/index.ts';
import { buildReport } from '../../reporting/model.ts';
import { verifyCertificate } from '../../reporting/verify.ts';
import { AUTHORIZATION, config, outcome, putRequest, response, SECRETS } from './outcomes.ts';

const MAX = 'put-customer/customer-name/max-length';
const failure = { kind: 'accepted-invalid' as const, title: 'Accepted an invalid request', documented: 'a 400', received: 'HTTP 200', request: putRequest(), response: response(200, '<ok/>') };

/** A certifying run's reports (a configured gateway, nothing left out, 100 runs) written into a fresh directory. */
function certified(failing = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'certificate-'));
  const withSecretQuery = { ...config(), syntch: { ...config().syntch!, baseUrl: 'https://gw.example/api?code=K3y-secret' } } as ReturnType<typeof config>;
  const o = outcome({ config: withSecretQuery, ...(failing ? { failed: { [MAX]: [failure] } } : {}) });
  const report = buildReport({ ...o, target: { embedded: false, syntchBaseUrl: 'https://gw.example/api?code=K3y-secret', ebizSoapUrl: o.target!.ebizSoapUrl! } });
  expect(report.certification.certifies).toBe(true);
  writeReports(report, dir, [...SECRETS, ['K3y-secret', 'SYNTCH_BASE_URL']]);
  return dir;
}

const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

describe('a certifying run', () => {
  it('writes certificate.json: target with secrets masked, suite with its hash, contract hash, seed, date, totals and the SHA-256 of conformance.json', () => {
    const dir = certified();
    const c = JSON.parse(read(dir, 'certificate.json'));
    const report = JSON.parse(read(dir, 'conformance.json'));
    expect(c).toMatchObject({
      format: 'gateway-conformance-certificate/1',
      suite: { ...report.suite, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      contract: { hash: CONTRACT_HASH },
      target: { syntchBaseUrl: 'https://gw.example/api?code=$SYNTCH_BASE_URL', ebizSoapUrl: report.target.ebizSoapUrl },
      seed: 7,
      runsPerProperty: 100,
      date: report.run.finishedAt,
      verdict: 'conformant',
      totals: report.totals,
      report: { file: 'conformance.json', sha256: sha256(readFileSync(join(dir, 'conformance.json'))) },
    });
    for (const f of ['certificate.json', 'badge.svg', 'conformance.html', 'conformance.md']) {
      expect(read(dir, f)).not.toContain('K3y-secret');
      expect(read(dir, f)).not.toContain(AUTHORIZATION);
    }
  });

  it('writes a self-contained badge: certified with the version, or not conformant', () => {
    const ok = read(certified(), 'badge.svg');
    expect(XMLValidator.validate(ok)).toBe(true);
    expect(ok).toMatch(/<title>gateway-conformance: certified \d+\.\d+\.\d+<\/title>/);
    expect(ok).not.toMatch(/href|<script|<image|@import|url\((?!#)/i);
    expect(read(certified(true), 'badge.svg')).toContain('<title>gateway-conformance: not conformant</title>');
  });

  it('puts the certificate section at the top of conformance.html, right under the verdict', () => {
    const dir = certified();
    const html = read(dir, 'conformance.html');
    const at = html.indexOf('<section class="certificate" id="certificate">');
    expect(at).toBeGreaterThan(html.indexOf('</header>'));
    expect(at).toBeLessThan(html.indexOf('<nav id="toc"'));
    expect(html).toContain(`<dt>SHA-256 of conformance.json</dt><dd>${JSON.parse(read(dir, 'certificate.json')).report.sha256}</dd>`);
  });
});

describe('verify', () => {
  it('accepts what a certifying run wrote', () => {
    expect(verifyCertificate(certified()).problems).toEqual([]);
    expect(verifyCertificate(certified(true)).problems).toEqual([]);
  });

  it('refuses a conformance.json edited by hand, even by one character', () => {
    const dir = certified();
    writeFileSync(join(dir, 'conformance.json'), read(dir, 'conformance.json').replace('"seed": 7', '"seed": 8'));
    expect(verifyCertificate(dir).problems.join('\n')).toMatch(/conformance\.json has SHA-256 [0-9a-f]{64}, the certificate says/);
  });

  it('refuses a failure turned into a pass, even with the hashes and the certificate made to match', () => {
    const dir = certified(true);
    const report = JSON.parse(read(dir, 'conformance.json'));
    const c = report.clauses.find((x: { id: string }) => x.id === MAX);
    c.status = 'passed';
    c.failures = [];
    report.verdict = 'conformant';
    const json = `${JSON.stringify(report, null, 2)}\n`;
    writeFileSync(join(dir, 'conformance.json'), json);
    const cert = JSON.parse(read(dir, 'certificate.json'));
    writeFileSync(join(dir, 'certificate.json'), JSON.stringify({ ...cert, verdict: 'conformant', report: { ...cert.report, sha256: sha256(json) } }));
    writeFileSync(join(dir, 'badge.svg'), renderBadge({ ...cert, verdict: 'conformant' }));
    const problems = verifyCertificate(dir).problems.join('\n');
    expect(problems).toContain('do not count its clauses');
    expect(problems).toContain("the report's exit code 1 does not follow from its clauses");
    expect(problems).toMatch(/summary .* is not the one its contents give/);
  });

  it('refuses a certificate whose facts differ from the report, another contract, and a badge that is not its own', () => {
    const dir = certified();
    const cert = JSON.parse(read(dir, 'certificate.json'));
    writeFileSync(join(dir, 'certificate.json'), JSON.stringify({ ...cert, seed: 8, totals: { ...cert.totals, passed: 999 }, suite: { ...cert.suite, hash: 'e'.repeat(64) } }));
    writeFileSync(join(dir, 'badge.svg'), renderBadge({ ...cert, verdict: 'not conformant' }));
    const problems = verifyCertificate(dir, 'f'.repeat(64)).problems;
    expect(problems.some((p) => p.startsWith("the certificate's seed (8)"))).toBe(true);
    expect(problems.some((p) => p.startsWith("the certificate's totals"))).toBe(true);
    expect(problems.some((p) => p.startsWith("the certificate's contract hash") && p.includes("is not the installed suite's"))).toBe(true);
    expect(problems.some((p) => p.startsWith(`the certificate's suite hash ${'e'.repeat(64)} is not the installed suite's`))).toBe(true);
    expect(problems).toContain('badge.svg is not the badge of this certificate');
  });

  it('has nothing to check without a certificate, and a run that does not certify writes none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'certificate-'));
    writeReports(buildReport(outcome({ config: config({ runs: 10 }) })), dir, SECRETS);
    expect(existsSync(join(dir, 'certificate.json'))).toBe(false);
    expect(existsSync(join(dir, 'badge.svg'))).toBe(false);
    expect(verifyCertificate(dir).unreadable).toMatch(/certificate\.json: ENOENT/);
  });
});
