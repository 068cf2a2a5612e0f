// Shared report arithmetic: counts, exit codes, sorting.
import { SEVERITIES, severityRank, type Finding, type Report, type Severity } from "../core/types.js";

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c = { critical: 0, high: 0, medium: 0, low: 0, info: 0 } as Record<Severity, number>;
  for (const f of findings) c[f.severity]++;
  return c;
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.location.path.localeCompare(b.location.path) ||
      severityRank(b.severity) - severityRank(a.severity) ||
      (a.location.member ?? "").localeCompare(b.location.member ?? "") ||
      (a.location.pointer ?? "").localeCompare(b.location.pointer ?? "") ||
      a.rule.localeCompare(b.rule),
  );
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INCOMPLETE = 2;

/**
 * 2: any target could not be scanned fully (error status, errors[], or an explicitly named file
 *    that is not a supported format, or nothing scanned at all);
 * 1: a finding at or above failOn; 0: otherwise.
 */
export function exitCode(report: Report, failOn: Severity | "none", explicitFiles: ReadonlySet<string> = new Set()): number {
  if (report.errors.length > 0 || report.targets.some((t) => t.status === "error")) return EXIT_INCOMPLETE;
  if (report.targets.some((t) => t.status === "unsupported" && explicitFiles.has(t.path))) return EXIT_INCOMPLETE;
  if (!report.targets.some((t) => t.status === "scanned")) return EXIT_INCOMPLETE;
  if (failOn === "none") return EXIT_CLEAN;
  const bar = severityRank(failOn);
  return report.findings.some((f) => severityRank(f.severity) >= bar) ? EXIT_FINDINGS : EXIT_CLEAN;
}

export function topSeverity(findings: readonly Finding[]): Severity | undefined {
  for (const s of SEVERITIES) if (findings.some((f) => f.severity === s)) return s;
  return undefined;
}
