// Markdown report (PR comments, model cards, registry pages): the verdict first, findings most
// severe first, info folded into a <details> block. Every string from a scanned file passes
// through `mdText` (no raw HTML, no link or emphasis syntax, no line break) after `bounded`.
import type { Finding, Report, Severity } from "../core/types.js";
import { bounded, mdText } from "./escape.js";
import { sortFindings, verdict } from "./summary.js";

export interface MarkdownOptions {
  failOn?: Severity | "none";
  explicitFiles?: ReadonlySet<string>;
  /** List info findings in the open table instead of folding them away. */
  showInfo?: boolean;
}

function findingTable(fs: readonly Finding[]): string[] {
  const out = ["| severity | rule | where | trigger | message | evidence |", "|---|---|---|---|---|---|"];
  for (const f of fs) {
    const where = [f.location.path, f.location.member, f.location.pointer].filter(Boolean).join(" ");
    out.push(`| **${f.severity}** | ${mdText(f.rule)} | ${mdText(where)} | ${mdText(f.trigger)} | ${mdText(f.message)} | ${f.evidence ? mdText(f.evidence) : ""} |`);
  }
  return out;
}

export function renderMarkdown(input: Report, o: MarkdownOptions = {}): string {
  const report = bounded(input);
  const v = verdict(report, o.failOn ?? "medium", o.explicitFiles);
  const out: string[] = [];
  out.push(`# graphwarden report — ${mdText(v.line)}`);
  out.push("");
  out.push(`${mdText(report.tool.name)} ${mdText(report.tool.version)}: ${report.targets.length} target(s).`);
  const fs = sortFindings(report.findings);
  const open = o.showInfo ? fs : fs.filter((f) => f.severity !== "info");
  const info = o.showInfo ? [] : fs.filter((f) => f.severity === "info");
  if (open.length) {
    out.push("");
    out.push("## Findings");
    out.push("");
    out.push(...findingTable(open));
  }
  if (info.length) {
    out.push("");
    out.push(`<details><summary>${info.length} info finding(s) (inventory, not a risk)</summary>`);
    out.push("");
    out.push(...findingTable(info));
    out.push("");
    out.push("</details>");
  }
  if (report.errors.length) {
    out.push("");
    out.push("## Errors (scan incomplete)");
    out.push("");
    for (const e of report.errors) out.push(`- ${mdText(e.path)}${e.member ? ` (${mdText(e.member)})` : ""}: ${mdText(e.message)}`);
  }
  out.push("");
  out.push("## Targets");
  out.push("");
  out.push("| target | format | status | bytes | sha256 |");
  out.push("|---|---|---|---|---|");
  for (const t of report.targets) out.push(`| ${mdText(t.path)} | ${mdText(t.format)} | ${mdText(t.status)} | ${t.bytes} | ${t.sha256 ? `\`${t.sha256.slice(0, 16)}…\`` : ""} |`);
  return out.join("\n") + "\n";
}
