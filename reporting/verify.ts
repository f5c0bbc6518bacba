/**
 * Checks a certificate (docs/INTERPRETING.md §certificate): `gateway-conformance verify DIR`
 * (cli/verify.ts) reads DIR/certificate.json and the conformance.json it names, and finds
 * every way they disagree:
 *
 * - the SHA-256 of conformance.json's bytes is the one the certificate holds (a report edited by
 *   hand, even one character, fails);
 * - the certificate says what the report says: suite, contract hash, target, seed, runs, date,
 *   verdict, summary, totals;
 * - the report agrees with itself: its totals count its clauses, its verdict follows from them, its
 *   summary and certification are what the suite derives from it, and it certifies;
 * - the contract hash is the installed suite's (the certificate was judged by this contract), and the
 *   suite hash is the installed suite's (the same checks judge the same clauses: verify with the
 *   version that wrote it);
 * - badge.svg, when present, is the badge of this certificate.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_HASH } from '../contract/index.ts';
import { renderBadge, BADGE_FILE } from './badge.ts';
import { type Certificate, CERTIFICATE_FILE, CERTIFICATE_FORMAT, certificateOf, sha256, suiteHash } from './certificate.ts';
import { certificationOf, type ConformanceReport, SUITE_VERSION, INTERPRETING_VERSION, summaryOf, totalsOf } from './model.ts';

export interface Verification {
  /** Every disagreement found; empty: the certificate holds. */
  readonly problems: string[];
  /** What was checked, for the caller to print. */
  readonly certificate?: Certificate;
  /** Files that could not be read or parsed: no answer at all (exit 2). */
  readonly unreadable?: string;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function verifyCertificate(dir: string, installedContractHash: string = CONTRACT_HASH): Verification {
  let certificate: Certificate;
  let json: Buffer;
  try {
    certificate = JSON.parse(readFileSync(join(dir, CERTIFICATE_FILE), 'utf8')) as Certificate;
  } catch (e) {
    return { problems: [], unreadable: `${join(dir, CERTIFICATE_FILE)}: ${describe(e)} (a run that does not certify writes no certificate)` };
  }
  if (typeof certificate !== 'object' || certificate === null || certificate.format !== CERTIFICATE_FORMAT || typeof certificate.report?.file !== 'string') {
    return { problems: [], unreadable: `${join(dir, CERTIFICATE_FILE)}: not a certificate of the format ${CERTIFICATE_FORMAT}` };
  }
  const reportFile = join(dir, certificate.report.file.replace(/^.*[\\/]/, ''));
  try {
    json = readFileSync(reportFile);
  } catch (e) {
    return { problems: [], unreadable: `${reportFile}: ${describe(e)}`, certificate };
  }
  const problems: string[] = [];
  const actual = sha256(json);
  if (actual !== certificate.report.sha256) problems.push(`${certificate.report.file} has SHA-256 ${actual}, the certificate says ${certificate.report.sha256}: the report is not the one the run wrote`);
  let report: ConformanceReport;
  try {
    report = JSON.parse(json.toString('utf8')) as ConformanceReport;
  } catch (e) {
    return { problems: [...problems, `${certificate.report.file} is not JSON (${describe(e)})`], certificate };
  }
  if (!Array.isArray(report.clauses) || typeof report.totals !== 'object' || report.totals === null) return { problems: [...problems, `${certificate.report.file} is not a conformance report`], certificate };

  // The certificate says what the report says.
  const expected = certificateOf({ ...report, certification: { certifies: true, because: [] } }, json.toString('utf8'), certificate.report.file)!;
  for (const key of ['contract', 'target', 'seed', 'runsPerProperty', 'date', 'verdict', 'summary', 'totals'] as const) {
    if (!same(certificate[key], expected[key])) problems.push(`the certificate's ${key} (${JSON.stringify(certificate[key])}) is not the report's (${JSON.stringify(expected[key])})`);
  }
  const { hash: _hash, ...suite } = certificate.suite ?? {};
  if (!same(suite, report.suite)) problems.push(`the certificate's suite (${JSON.stringify(suite)}) is not the report's (${JSON.stringify(report.suite)})`);
  // The report agrees with itself.
  if (!same(totalsOf(report.clauses), report.totals)) problems.push(`the report's totals ${JSON.stringify(report.totals)} do not count its clauses (${JSON.stringify(totalsOf(report.clauses))})`);
  const mustFailed = report.clauses.some((c) => c.status === 'failed' || (report.run?.settings?.strict === true && c.status === 'warning'));
  const verdict = mustFailed ? 'not conformant' : 'conformant';
  if (report.verdict !== verdict) problems.push(`the report's verdict '${report.verdict}' does not follow from its clauses ('${verdict}')`);
  if (report.exitCode !== (mustFailed ? 1 : 0)) problems.push(`the report's exit code ${report.exitCode} does not follow from its clauses`);
  if (summaryOf(report) !== report.summary) problems.push(`the report's summary '${report.summary}' is not the one its contents give ('${summaryOf(report)}')`);
  const certification = certificationOf(report);
  if (!certification.certifies || !report.certification?.certifies) problems.push(`the report does not certify: ${certification.because.join('; ') || report.certification?.because?.join('; ') || 'its certification says so'}`);
  // Judged by the installed suite's contract, and by the installed suite.
  if (certificate.contract?.hash !== installedContractHash) problems.push(`the certificate's contract hash ${certificate.contract?.hash} is not the installed suite's (${installedContractHash}): it was judged by another contract`);
  const installed = suiteHash({ name: certificate.suite?.name, version: SUITE_VERSION, interpretingVersion: INTERPRETING_VERSION });
  if (certificate.suite?.hash !== installed) problems.push(`the certificate's suite hash ${certificate.suite?.hash} is not the installed suite's (${installed}, version ${SUITE_VERSION}): verify with the version that wrote it (${certificate.suite?.version})`);
  // The badge, when there is one, is this certificate's.
  let badge: string | undefined;
  try {
    badge = readFileSync(join(dir, BADGE_FILE), 'utf8');
  } catch {
    badge = undefined;
  }
  if (badge !== undefined && badge !== renderBadge(certificate)) problems.push(`${BADGE_FILE} is not the badge of this certificate`);
  return { problems, certificate };
}

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ?? err.message ?? String(e);
}
