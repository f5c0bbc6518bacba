/** The report formats, one module each, joined by a typed map; every file is written through the secret mask. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskSecrets } from '../config.ts';
import { HTML_REPORT_FILE, renderHtml } from './html.ts';
import { JSON_REPORT_FILE, renderJson } from './json.ts';
import { JUNIT_REPORT_FILE, renderJunit } from './junit.ts';
import type { ConformanceReport, Sensitivity } from './model.ts';

export type ReportFormat = 'json' | 'html' | 'junit';

export const REPORTERS: Readonly<Record<ReportFormat, { readonly file: string; readonly render: (r: ConformanceReport) => string }>> = {
  json: { file: JSON_REPORT_FILE, render: renderJson },
  html: { file: HTML_REPORT_FILE, render: renderHtml },
  junit: { file: JUNIT_REPORT_FILE, render: renderJunit },
};

/** Where `npm run self-check` leaves its result, for reports to cite as sensitivity evidence. */
export const SELF_CHECK_FILE = 'self-check.json';

/** Writes every format into `dir`; returns the paths written. */
export function writeReports(report: ConformanceReport, dir: string, secrets: readonly (readonly [string, string])[]): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.values(REPORTERS).map(({ file, render }) => {
    const path = join(dir, file);
    writeFileSync(path, maskSecrets(render(report), secrets));
    return path;
  });
}

export function readSensitivity(dir: string): Sensitivity | null {
  try {
    return JSON.parse(readFileSync(join(dir, SELF_CHECK_FILE), 'utf8')) as Sensitivity;
  } catch {
    return null;
  }
}
