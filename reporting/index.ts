/**
 * The report formats, one module each, joined by a typed map. Every report is masked before it is
 * rendered — the values of the model that can carry a secret ({@link maskReport}), never the
 * rendered document, which a short secret such as `test` would corrupt; each file is written
 * atomically (a temporary file renamed over it), so a reader never sees half a report.
 *
 * The directory is checked before the run ({@link prepareReportDir}): a run whose reports cannot
 * be written must end before its first request, not after a verdict. A run without a verdict never
 * silently replaces the reports of a run that had one: those are moved to `previous/` first.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Secrets } from '../lib/secrets.ts';
import { BADGE_FILE, renderBadge } from './badge.ts';
import { type Certificate, CERTIFICATE_FILE, certificateOf, renderCertificate } from './certificate.ts';
import { HTML_REPORT_FILE, renderHtml } from './html.ts';
import { JSON_REPORT_FILE, renderJson } from './json.ts';
import { JUNIT_REPORT_FILE, renderJunit } from './junit.ts';
import { MARKDOWN_REPORT_FILE, renderMarkdown } from './markdown.ts';
import { CONTRACT_HASH } from '../contract/index.ts';
import { type ConformanceReport, INTERPRETING_VERSION, maskReport, SUITE_VERSION, type Sensitivity, type WrittenReports } from './model.ts';

export type ReportFormat = 'json' | 'html' | 'junit' | 'markdown';

/** What a format may show beside the report: the certificate of a certifying run. */
export interface RenderExtras {
  readonly certificate?: Certificate;
}

/** Every format; conformance.json first (the certificate holds its hash, and the others show the certificate). */
export const REPORTERS: Readonly<Record<ReportFormat, { readonly file: string; readonly render: (r: ConformanceReport, extras?: RenderExtras) => string }>> = {
  json: { file: JSON_REPORT_FILE, render: renderJson },
  html: { file: HTML_REPORT_FILE, render: renderHtml },
  junit: { file: JUNIT_REPORT_FILE, render: renderJunit },
  markdown: { file: MARKDOWN_REPORT_FILE, render: renderMarkdown },
};

/** What a certifying run writes besides the reports (reporting/certificate.ts, reporting/badge.ts). */
export const CERTIFICATE_FILES: readonly string[] = [CERTIFICATE_FILE, BADGE_FILE];

/** Where `npm run self-check` leaves its result, for reports to cite as sensitivity evidence. */
export const SELF_CHECK_FILE = 'self-check.json';

/** Where the reports of the last run with a verdict go when a run without one is written over them. */
export const PREVIOUS_DIR = 'previous';

export type { WrittenReports } from './model.ts';

/**
 * Makes sure reports can be written into `dir`: creates it, and writes, renames and removes a
 * probe file in it (what {@link writeReports} does). Returns what is wrong, or undefined. Call it
 * before the first request: a run whose reports cannot be written has no verdict (exit 2).
 */
export function prepareReportDir(dir: string): string | undefined {
  const problem = (what: string, e: unknown) => `CONFORMANCE_REPORT_DIR: cannot ${what} '${dir}' (${describe(e)}); set it to a directory the run may write to`;
  const notDirectory = `CONFORMANCE_REPORT_DIR: '${dir}' is not a directory; set it to a directory the run may write to`;
  if (existsSync(dir) && !statSync(dir).isDirectory()) return notDirectory;
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    return problem('create the report directory', e);
  }
  if (!statSync(dir).isDirectory()) return notDirectory;
  const probe = join(dir, `.write-probe-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    writeFileSync(probe, 'probe');
    renameSync(probe, `${probe}.renamed`);
    unlinkSync(`${probe}.renamed`);
    return undefined;
  } catch (e) {
    rmSync(probe, { force: true });
    rmSync(`${probe}.renamed`, { force: true });
    return problem('write reports into', e);
  }
}

/**
 * Writes every format into `dir`, each atomically, from the model with its values masked.
 * When `report` has no verdict and `dir` holds the reports of a run that had one, those are moved
 * into `dir/previous/` first (with their certificate), and named in the result. A certifying run
 * also writes certificate.json and badge.svg (after conformance.json, whose hash the certificate
 * holds); any other run removes those of an earlier run, so a certificate never stands beside a
 * report it does not certify. Throws when a file cannot be written.
 */
export function writeReports(report: ConformanceReport, dir: string, secrets: Secrets): WrittenReports {
  mkdirSync(dir, { recursive: true });
  const previous = report.verdict === 'error' ? keepPrevious(dir) : undefined;
  for (const file of CERTIFICATE_FILES) rmSync(join(dir, file), { force: true });
  const masked = maskReport(report, secrets);
  const json = renderJson(masked);
  const certificate = certificateOf(masked, json, JSON_REPORT_FILE);
  const extras = certificate ? { certificate } : {};
  const files = Object.values(REPORTERS).map(({ file, render }) => {
    const path = join(dir, file);
    writeAtomically(path, file === JSON_REPORT_FILE ? json : render(masked, extras));
    return path;
  });
  if (certificate) {
    for (const [file, text] of [[CERTIFICATE_FILE, renderCertificate(certificate)], [BADGE_FILE, renderBadge(certificate)]] as const) {
      writeAtomically(join(dir, file), text);
      files.push(join(dir, file));
    }
  }
  return { files, ...(previous ? { previous } : {}) };
}

/** `text` into `path` through a temporary file in the same directory, renamed over it. */
export function writeAtomically(path: string, text: string): void {
  const temp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/** Moves the reports in `dir` to `dir/previous/` when they are those of a run with a verdict. */
function keepPrevious(dir: string): WrittenReports['previous'] {
  let verdict: unknown;
  try {
    verdict = (JSON.parse(readFileSync(join(dir, JSON_REPORT_FILE), 'utf8')) as { verdict?: unknown }).verdict;
  } catch {
    return undefined;
  }
  if (verdict !== 'conformant' && verdict !== 'not conformant') return undefined;
  const target = join(dir, PREVIOUS_DIR);
  mkdirSync(target, { recursive: true });
  const moved: string[] = [];
  for (const file of [...Object.values(REPORTERS).map((r) => r.file), ...CERTIFICATE_FILES]) {
    try {
      renameSync(join(dir, file), join(target, file));
      moved.push(join(target, file));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      rmSync(join(target, file), { force: true }); // never leave a file of an older run beside these
    }
  }
  return { dir: target, files: moved };
}

/**
 * The self-check result left in `dir`, when it measured this very suite: the same contract hash,
 * suite version and interpretation. Evidence about another version is not cited as current.
 */
export function readSensitivity(dir: string): Sensitivity | null {
  let s: Partial<Sensitivity>;
  try {
    s = JSON.parse(readFileSync(join(dir, SELF_CHECK_FILE), 'utf8')) as Partial<Sensitivity>;
  } catch {
    return null;
  }
  const current = s.contractHash === CONTRACT_HASH && s.suiteVersion === SUITE_VERSION && s.interpretingVersion === INTERPRETING_VERSION;
  return current ? (s as Sensitivity) : null;
}

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `${err.code}: ${err.message.replace(/^[A-Z]+: /, '')}` : String(err.message ?? e);
}
