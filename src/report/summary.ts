// Shared report arithmetic: counts, exit codes, sorting.
import { SEVERITIES, severityRank, type Finding, type Report, type Severity } from "../core/types.js";
import { compareText } from "../core/text.js";

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c = { critical: 0, high: 0, medium: 0, low: 0, info: 0 } as Record<Severity, number>;
  for (const f of findings) c[f.severity]++;
  return c;
}

/** Most severe first, then by path, member, pointer and rule: the verdict's reasons lead. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      compareText(a.location.path, b.location.path) ||
      compareText(a.location.member ?? "", b.location.member ?? "") ||
      compareText(a.location.pointer ?? "", b.location.pointer ?? "") ||
      compareText(a.rule, b.rule),
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
  if (unreadLoaderFiles(report).size > 0) return EXIT_INCOMPLETE;
  if (!report.targets.some((t) => t.status === "scanned")) return EXIT_INCOMPLETE;
  if (failOn === "none") return EXIT_CLEAN;
  const bar = severityRank(failOn);
  return report.findings.some((f) => severityRank(f.severity) >= bar) ? EXIT_FINDINGS : EXIT_CLEAN;
}

export interface Verdict {
  /** PASS: exit 0; FAIL: a finding at or above --fail-on; INCOMPLETE: something was not scanned fully. */
  status: "PASS" | "FAIL" | "INCOMPLETE";
  failOn: Severity | "none";
  counts: Record<Severity, number>;
  line: string;
}

/**
 * Paths a loader opens that are FIFOs or devices (GW306 on an unsupported target): their bytes were never read (they
 * are whatever another program writes), so the scan of what the loader would load is not complete.
 */
function unreadLoaderFiles(report: Report): Set<string> {
  const special = new Set(report.findings.filter((f) => f.rule === "GW306" && f.trigger === "load").map((f) => f.location.path));
  return new Set(report.targets.filter((t) => t.status === "unsupported" && special.has(t.path)).map((t) => t.path));
}

/** The one line every human report opens with: the exit code in words, with counts by severity. */
export function verdict(report: Report, failOn: Severity | "none", explicitFiles: ReadonlySet<string> = new Set()): Verdict {
  const code = exitCode(report, failOn, explicitFiles);
  const counts = countBySeverity(report.findings);
  const status = code === EXIT_CLEAN ? "PASS" : code === EXIT_FINDINGS ? "FAIL" : "INCOMPLETE";
  const tally = `${counts.critical} critical, ${counts.high} high, ${counts.medium} medium, ${counts.low} low, ${counts.info} info`;
  let why: string;
  if (status === "INCOMPLETE") {
    // A target in error also has its entry in errors[]: count each path (and member) once.
    const keys = new Set([...report.targets.filter((t) => t.status === "error").map((t) => t.path), ...unreadLoaderFiles(report)].map((p) => `${p}\0`));
    for (const e of report.errors) keys.add(`${e.path}\0${e.member ?? ""}`);
    const bad = keys.size;
    why = bad ? `${bad} target(s) or member(s) could not be scanned fully` : "nothing was scanned fully";
  } else if (failOn === "none") why = "--fail-on none";
  else {
    const bar = severityRank(failOn);
    const over = report.findings.filter((f) => severityRank(f.severity) >= bar).length;
    why = status === "FAIL" ? `${over} finding(s) at ${failOn} or above` : `nothing at ${failOn} or above`;
  }
  return { status, failOn, counts, line: `${status}: ${why} (--fail-on ${failOn}) — ${tally}` };
}

export function topSeverity(findings: readonly Finding[]): Severity | undefined {
  for (const s of SEVERITIES) if (findings.some((f) => f.severity === s)) return s;
  return undefined;
}
