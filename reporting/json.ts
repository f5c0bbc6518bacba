/** conformance.json: the report as it is, validated by conformance-report.schema.json. */
import type { ConformanceReport } from './model.ts';

export const JSON_REPORT_FILE = 'conformance.json';

export function renderJson(report: ConformanceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
