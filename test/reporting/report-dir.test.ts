/**
 * The report directory: checked before the run (prepareReportDir), written atomically, and the
 * reports of a run with a verdict are kept in previous/ when a run without one comes after.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CLAUSES } from '../../contract/index.ts';
import { PREVIOUS_DIR, prepareReportDir, writeReports } from '../../reporting/index.ts';
import { buildReport, type ConformanceReport, type ReportableOutcome } from '../../reporting/model.ts';
import { renderTerminal } from '../../reporting/terminal.ts';

const REPORT_FILES = ['conformance.json', 'conformance.html', 'junit.xml', 'conformance.md'];
/** What a certifying run writes (these fixtures certify: a configured gateway, nothing left out). */
const FILES = [...REPORT_FILES, 'certificate.json', 'badge.svg'];
const fresh = () => mkdtempSync(join(tmpdir(), 'report-dir-'));

function report(verdict: 'conformant' | 'not conformant' | 'error'): ConformanceReport {
  const exitCode = verdict === 'conformant' ? 0 : verdict === 'not conformant' ? 1 : 2;
  const outcome: ReportableOutcome = {
    exitCode,
    verdict,
    clauses: verdict === 'error' ? [] : ALL_CLAUSES.map((clause) => ({ clause, status: clause.unobservable ? ('not-tested' as const) : ('passed' as const), cases: 1, failures: [], ...(clause.unobservable ? { reason: clause.unobservable } : {}) })),
    errors: verdict === 'error' ? ['EBIZ_SOAP_URL: cannot reach http://127.0.0.1:9 (ECONNREFUSED)'] : [],
    startedAt: '2026-11-24T10:00:00.000Z',
    finishedAt: '2026-11-24T10:01:00.000Z',
  };
  return buildReport(outcome);
}

describe('prepareReportDir', () => {
  it('creates a missing directory, nested, and leaves nothing behind', () => {
    const dir = join(fresh(), 'a', 'b');
    expect(prepareReportDir(dir)).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('accepts an existing directory with reports in it, and leaves them alone', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'conformance.json'), '{}');
    expect(prepareReportDir(dir)).toBeUndefined();
    expect(readdirSync(dir)).toEqual(['conformance.json']);
  });

  it('names the problem when the path is a file', () => {
    const file = join(fresh(), 'file');
    writeFileSync(file, 'x');
    expect(prepareReportDir(file)).toMatch(/^CONFORMANCE_REPORT_DIR: .*'.*file' is not a directory/);
  });

  it('names the problem when the directory cannot be created (a file in its path)', () => {
    const file = join(fresh(), 'file');
    writeFileSync(file, 'x');
    expect(prepareReportDir(join(file, 'reports'))).toMatch(/^CONFORMANCE_REPORT_DIR: cannot create the report directory '.*file\/reports' \((ENOTDIR|EEXIST)/);
  });

  it.skipIf(!existsSync('/proc/self/fd'))('names the problem when the directory cannot be written to (/proc/self/fd, even for root)', () => {
    expect(prepareReportDir('/proc/self/fd')).toMatch(/^CONFORMANCE_REPORT_DIR: cannot write reports into '\/proc\/self\/fd' \((EACCES|EPERM|ENOENT)/);
  });

  it.skipIf(process.getuid?.() === 0)('names the problem when the directory is read-only', async () => {
    const { chmodSync } = await import('node:fs');
    const dir = fresh();
    chmodSync(dir, 0o555);
    try {
      expect(prepareReportDir(dir)).toMatch(/^CONFORMANCE_REPORT_DIR: cannot write reports into '.*' \(EACCES/);
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});

describe('writeReports', () => {
  it('writes the four reports, the certificate and the badge of a certifying run, and no temporary file', () => {
    const dir = fresh();
    const written = writeReports(report('conformant'), dir, []);
    expect(written).toEqual({ files: FILES.map((f) => join(dir, f)) });
    expect(readdirSync(dir).sort()).toEqual([...FILES].sort());
  });

  it('replaces the files of an earlier run with a verdict when this run has one too', () => {
    const dir = fresh();
    writeReports(report('conformant'), dir, []);
    const written = writeReports(report('not conformant'), dir, []);
    expect(written.previous).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'))).toMatchObject({ verdict: 'not conformant' });
    expect(existsSync(join(dir, PREVIOUS_DIR))).toBe(false);
  });

  it('a run without a verdict keeps the reports of the last run with one in previous/, and says so', () => {
    const dir = fresh();
    writeReports(report('not conformant'), dir, []);
    const before = Object.fromEntries(FILES.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const written = writeReports(report('error'), dir, []);
    const previous = join(dir, PREVIOUS_DIR);
    expect(written.previous).toEqual({ dir: previous, files: FILES.map((f) => join(previous, f)) });
    for (const f of FILES) expect(readFileSync(join(previous, f), 'utf8')).toBe(before[f]);
    expect(JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'))).toMatchObject({ verdict: 'error', exitCode: 2 });
    expect(renderTerminal(report('error'), written, [])).toContain(`previous reports kept in ${previous} (the last run with a verdict: ${written.previous!.files.join(', ')})`);

    // A second run without a verdict overwrites the first one's reports, and keeps previous/ as it is.
    const again = writeReports(report('error'), dir, []);
    expect(again.previous).toBeUndefined();
    expect(JSON.parse(readFileSync(join(previous, 'conformance.json'), 'utf8'))).toMatchObject({ verdict: 'not conformant' });

    // A run with a verdict afterwards writes over the error reports, and previous/ stays.
    writeReports(report('conformant'), dir, []);
    expect(JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'))).toMatchObject({ verdict: 'conformant' });
  });

  it('a run that does not certify writes no certificate, and removes the one an earlier run left', () => {
    const dir = fresh();
    writeReports(report('conformant'), dir, []);
    expect(existsSync(join(dir, 'certificate.json'))).toBe(true);
    const partial = { ...report('conformant'), certification: { certifies: false, because: ['the run is partial'] } };
    expect(writeReports(partial, dir, []).files).toEqual(REPORT_FILES.map((f) => join(dir, f)));
    expect(readdirSync(dir).sort()).toEqual([...REPORT_FILES].sort());
  });

  it('a run without a verdict in a directory without reports, or with unreadable ones, moves nothing', () => {
    const dir = fresh();
    expect(writeReports(report('error'), dir, []).previous).toBeUndefined();
    const other = fresh();
    writeFileSync(join(other, 'conformance.json'), 'not json');
    expect(writeReports(report('error'), other, []).previous).toBeUndefined();
  });

  it('throws, naming the path, when a file cannot be written, and leaves no temporary file', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'conformance.html')); // a directory where a report file goes: rename fails
    expect(() => writeReports(report('conformant'), dir, [])).toThrow(/conformance\.html/);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
