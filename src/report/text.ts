// Human-readable report: the verdict first, then targets grouped (most severe first), one line
// per finding. Every string from a scanned file passes through `visible` (no raw control or bidi
// character ever reaches the terminal) after the length caps of `bounded`.
import { severityRank, type Finding, type Report, type Severity } from "../core/types.js";
import { bounded, visible } from "./escape.js";
import { countBySeverity, sortFindings, topSeverity, verdict } from "./summary.js";

export interface TextOptions {
  color: boolean;
  /** Lowest severity shown (findings below it are counted, not listed). */
  minSeverity: Severity;
  verbose: boolean;
  quiet: boolean;
  /** The exit threshold the verdict line speaks of (default medium). */
  failOn?: Severity | "none";
  /** Files named explicitly on the command line (an unsupported one is incomplete). */
  explicitFiles?: ReadonlySet<string>;
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
  if (f.location.member) parts.push(visible(f.location.member));
  if (f.location.pointer) parts.push(visible(f.location.pointer));
  return parts.join(" ");
}

/** Keeps evidence on one readable line (line breaks shown as ⏎, other controls escaped). */
function oneLine(s: string, max: number): string {
  const flat = visible(s.replace(/[ \t]*\r?\n[ \t]*/g, " ⏎ "));
  return flat.length > max ? flat.slice(0, max - 1) + "…" : flat;
}

export function renderText(input: Report, o: TextOptions): string {
  const report = bounded(input);
  const out: string[] = [];
  const dim = (s: string) => (o.color ? `${DIM}${s}${RESET}` : s);
  const v = verdict(report, o.failOn ?? "medium", o.explicitFiles);
  const vColor = v.status === "PASS" ? "\x1b[1;32m" : "\x1b[1;31m";
  out.push(o.color ? `${vColor}${v.line}${RESET}` : v.line);
  out.push("");
  const findings = sortFindings(report.findings);
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byPath.get(f.location.path) ?? [];
    list.push(f);
    byPath.set(f.location.path, list);
  }
  const bar = severityRank(o.minSeverity);
  // Targets whose worst finding is worst come first; the scanner's order otherwise.
  const rank = (p: string) => {
    const top = topSeverity(byPath.get(p) ?? []);
    return top ? severityRank(top) : -1;
  };
  const targets = report.targets.map((t, i) => ({ t, i, r: rank(t.path) })).sort((a, b) => b.r - a.r || a.i - b.i);
  let hiddenOther = 0;
  for (const { t } of targets) {
    const fs = byPath.get(t.path) ?? [];
    byPath.delete(t.path);
    const shown = fs.filter((f) => severityRank(f.severity) >= bar);
    if (o.quiet && shown.length === 0 && t.status !== "error") continue;
    // Project files that are not models (README.md, train.py, data/*.jsonl) are counted in the
    // summary line; -v lists them. A file named on the command line is always listed.
    // Links that lead nowhere, FIFOs, sockets and devices carry a reason and stay listed.
    const reason = t.details?.["reason"];
    const plainFile = reason === undefined || (typeof reason === "string" && reason.startsWith("not a model"));
    if (!o.verbose && t.status === "unsupported" && plainFile && shown.length === 0 && !o.explicitFiles?.has(t.path)) {
      hiddenOther++;
      continue;
    }
    const status = t.status === "scanned" ? "" : ` [${t.status.toUpperCase()}]`;
    out.push(`${o.color ? "\x1b[1m" : ""}${visible(t.path)}${o.color ? RESET : ""} ${dim(`(${visible(t.format)}, ${t.bytes} bytes)`)}${status}`);
    if (shown.length === 0) {
      const hidden = fs.length;
      if (t.status === "scanned") out.push(`  ${dim(hidden ? `no findings at ${o.minSeverity} or above (${hidden} below)` : "no findings")}`);
    }
    for (const f of shown) {
      const w = where(f);
      out.push(`  ${sev(f.severity, o)} ${visible(f.rule)}  ${visible(f.message)}`);
      const meta = [`trigger: ${visible(f.trigger)}`];
      if (f.affectedVersions?.length) meta.push(`versions: ${visible(f.affectedVersions.join(", "))}`);
      if (w) out.push(`           ${dim("at")} ${w}`);
      if (f.evidence) out.push(`           ${dim("evidence")} ${oneLine(f.evidence, o.verbose ? 2000 : 200)}`);
      out.push(`           ${dim(meta.join("  "))}`);
      if (o.verbose && f.references?.length) out.push(`           ${dim("refs")} ${visible(f.references.join(", "))}`);
    }
  }
  // Findings whose path is not a listed target (should not happen, but never drop one).
  for (const [p, fs] of byPath) {
    const shown = fs.filter((f) => severityRank(f.severity) >= bar);
    if (shown.length === 0) continue;
    out.push(visible(p));
    for (const f of shown) out.push(`  ${sev(f.severity, o)} ${visible(f.rule)}  ${visible(f.message)}`);
  }
  for (const e of report.errors) out.push(`${o.color ? COLORS.high : ""}error${o.color ? RESET : ""} ${visible(e.path)}${e.member ? ` (${visible(e.member)})` : ""}: ${visible(e.message)}`);
  const c = countBySeverity(report.findings);
  const scanned = report.targets.filter((t) => t.status === "scanned").length;
  const unsupported = report.targets.filter((t) => t.status === "unsupported").length;
  const errored = report.targets.filter((t) => t.status === "error").length;
  const summary =
    `${report.targets.length} target(s): ${scanned} scanned, ${errored} incomplete, ${unsupported} unsupported (not scanned) — ` +
    `${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low, ${c.info} info`;
  out.push("");
  out.push(summary);
  if (hiddenOther) out.push(`${hiddenOther} other file(s) are not models and were not scanned; -v lists them (JSON always does).`);
  return out.join("\n") + "\n";
}
