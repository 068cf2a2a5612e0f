// Human-readable report: grouped by target, severity-coloured, one line per finding.
import { severityRank, type Finding, type Report, type Severity } from "../core/types.js";
import { countBySeverity, sortFindings } from "./summary.js";

export interface TextOptions {
  color: boolean;
  /** Lowest severity shown (findings below it are counted, not listed). */
  minSeverity: Severity;
  verbose: boolean;
  quiet: boolean;
}

const COLORS: Record<Severity, string> = {
  critical: "\x1b[1;97;41m",
  high: "\x1b[1;31m",
  medium: "\x1b[33m",
  low: "\x1b[36m",
  info: "\x1b[2m",
};
const RESET = "\x1b[0m";
const DIM = "\x1b[2m";

function sev(s: Severity, o: TextOptions): string {
  const label = s.toUpperCase().padEnd(8);
  return o.color ? `${COLORS[s]}${label}${RESET}` : label;
}

function where(f: Finding): string {
  const parts = [];
  if (f.location.member) parts.push(f.location.member);
  if (f.location.pointer) parts.push(f.location.pointer);
  return parts.join(" ");
}

/** Keeps evidence on one readable line. */
function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s*\n\s*/g, " ⏎ ");
  return flat.length > max ? flat.slice(0, max - 1) + "…" : flat;
}

export function renderText(report: Report, o: TextOptions): string {
  const out: string[] = [];
  const dim = (s: string) => (o.color ? `${DIM}${s}${RESET}` : s);
  const findings = sortFindings(report.findings);
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byPath.get(f.location.path) ?? [];
    list.push(f);
    byPath.set(f.location.path, list);
  }
  const bar = severityRank(o.minSeverity);
  for (const t of report.targets) {
    const fs = byPath.get(t.path) ?? [];
    const shown = fs.filter((f) => severityRank(f.severity) >= bar);
    if (o.quiet && shown.length === 0 && t.status === "scanned") continue;
    const status = t.status === "scanned" ? "" : ` [${t.status.toUpperCase()}]`;
    out.push(`${o.color ? "\x1b[1m" : ""}${t.path}${o.color ? RESET : ""} ${dim(`(${t.format}, ${t.bytes} bytes)`)}${status}`);
    if (shown.length === 0) {
      const hidden = fs.length;
      if (t.status === "scanned") out.push(`  ${dim(hidden ? `no findings at ${o.minSeverity} or above (${hidden} below)` : "no findings")}`);
    }
    for (const f of shown) {
      const w = where(f);
      out.push(`  ${sev(f.severity, o)} ${f.rule}  ${f.message}`);
      const meta = [`trigger: ${f.trigger}`];
      if (f.affectedVersions?.length) meta.push(`versions: ${f.affectedVersions.join(", ")}`);
      if (w) out.push(`           ${dim("at")} ${w}`);
      if (f.evidence) out.push(`           ${dim("evidence")} ${oneLine(f.evidence, o.verbose ? 2000 : 200)}`);
      out.push(`           ${dim(meta.join("  "))}`);
      if (o.verbose && f.references?.length) out.push(`           ${dim("refs")} ${f.references.join(", ")}`);
    }
    byPath.delete(t.path);
  }
  // Findings whose path is not a listed target (should not happen, but never drop one).
  for (const [p, fs] of byPath) {
    out.push(p);
    for (const f of fs) out.push(`  ${sev(f.severity, o)} ${f.rule}  ${f.message}`);
  }
  for (const e of report.errors) out.push(`${o.color ? COLORS.high : ""}error${o.color ? RESET : ""} ${e.path}${e.member ? ` (${e.member})` : ""}: ${e.message}`);
  const c = countBySeverity(report.findings);
  const scanned = report.targets.filter((t) => t.status === "scanned").length;
  const unsupported = report.targets.filter((t) => t.status === "unsupported").length;
  const errored = report.targets.filter((t) => t.status === "error").length;
  const summary =
    `${report.targets.length} target(s): ${scanned} scanned, ${errored} incomplete, ${unsupported} unsupported (not scanned) — ` +
    `${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low, ${c.info} info`;
  out.push("");
  out.push(summary);
  return out.join("\n") + "\n";
}
