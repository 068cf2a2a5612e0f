// JSON report: the stable contract other tools parse (see README "JSON report" and
// docs/report.schema.json). Strings are cut to the documented caps like every other format.
import type { Report } from "../core/types.js";
import { bounded } from "./escape.js";
import { sortFindings } from "./summary.js";

export function renderJson(input: Report): string {
  const report = bounded(input);
  return JSON.stringify({ ...report, findings: sortFindings(report.findings) }, null, 2) + "\n";
}
