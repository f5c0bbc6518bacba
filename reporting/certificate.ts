/**
 * certificate.json: what a vendor shows someone else after a certifying run (docs/INTERPRETING.md
 * §certification, §certificate). Only a run whose report certifies gets one; it names the target
 * (URLs as conformance.json has them, secrets masked), the suite and the contract it was judged by
 * (versions, the suite hash and the contract hash), the seed that replays it, the date, the totals, and the SHA-256
 * of the conformance.json written beside it — so `gateway-conformance verify DIR`
 * (reporting/verify.ts) can tell a report edited by hand from the one the run wrote.
 *
 * It is not a signature: anyone holding the suite can write a consistent pair. What it proves is
 * that the report and the certificate agree, that the report agrees with itself (its totals,
 * verdict, summary and certification follow from its clauses), and which contract it was judged by.
 */
import { createHash } from 'node:crypto';
import { CHECK_NAMES, CHECKS } from '../checks/registry.ts';
import { SUITES } from '../suites/index.ts';
import type { ConformanceReport } from './model.ts';

export const CERTIFICATE_FILE = 'certificate.json';

/** The format of certificate.json; a reader refuses another. */
export const CERTIFICATE_FORMAT = 'gateway-conformance-certificate/1';

export interface Certificate {
  readonly format: typeof CERTIFICATE_FORMAT;
  /** The suite's name, version and interpretation, and {@link suiteHash}. */
  readonly suite: ConformanceReport['suite'] & { readonly hash: string };
  readonly contract: { readonly hash: string };
  readonly target: { readonly syntchBaseUrl: string | null; readonly ebizSoapUrl: string | null };
  readonly seed: number | null;
  readonly runsPerProperty: number | null;
  /** When the run finished (its verdict's date). */
  readonly date: string;
  readonly verdict: ConformanceReport['verdict'];
  readonly summary: string;
  readonly totals: ConformanceReport['totals'];
  /** The report this certifies: its file name and the SHA-256 of its bytes. */
  readonly report: { readonly file: string; readonly sha256: string };
}

/** SHA-256 of `text` as UTF-8, in hex. */
export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/**
 * A hash of how this suite judges, beside the contract hash: its name, version and interpretation,
 * every check with the clauses it judges, and every suite with the checks it applies. Two installs
 * that judge alike have the same hash; `verify` is done by the suite that wrote the certificate.
 */
export function suiteHash(suite: ConformanceReport['suite']): string {
  return sha256(JSON.stringify({ suite, checks: CHECK_NAMES.map((n) => [n, CHECKS[n].clauses]), suites: SUITES.map((x) => [x.name, x.api, x.checks]) }));
}

/**
 * The certificate of `report` (masked, as written) whose conformance.json is `json` (the exact
 * text written); undefined when the report does not certify.
 */
export function certificateOf(report: ConformanceReport, json: string, file: string): Certificate | undefined {
  if (!report.certification.certifies) return undefined;
  return {
    format: CERTIFICATE_FORMAT,
    suite: { ...report.suite, hash: suiteHash(report.suite) },
    contract: { hash: report.contractHash },
    target: { syntchBaseUrl: report.target.syntchBaseUrl, ebizSoapUrl: report.target.ebizSoapUrl },
    seed: report.run.seed,
    runsPerProperty: report.run.runsPerProperty,
    date: report.run.finishedAt,
    verdict: report.verdict,
    summary: report.summary,
    totals: report.totals,
    report: { file, sha256: sha256(json) },
  };
}

export function renderCertificate(certificate: Certificate): string {
  return `${JSON.stringify(certificate, null, 2)}\n`;
}
