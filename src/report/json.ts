// JSON report: the stable contract other tools parse (see README "JSON report").
import type { Report } from "../core/types.js";
import { sortFindings } from "./summary.js";

export function renderJson(report: Report): string {
  return JSON.stringify({ ...report, findings: sortFindings(report.findings) }, null, 2) + "\n";
}
