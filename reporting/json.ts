/**
 * conformance.json: the report as it is, validated by conformance-report.schema.json. Strings keep
 * exactly what was received; the characters a terminal acts on that JSON.stringify leaves raw (DEL,
 * C1, U+2028/U+2029, bidi controls) and `##vso[` are written as `\uXXXX` escapes, so the file is
 * safe to `cat` in a CI log (lib/untrusted-text.ts).
 */
import { guardJson } from '../lib/untrusted-text.ts';
import type { ConformanceReport } from './model.ts';

export const JSON_REPORT_FILE = 'conformance.json';

export function renderJson(report: ConformanceReport): string {
  return `${guardJson(JSON.stringify(report, null, 2))}\n`;
}
