// Markdown report (PR comments, model cards, registry pages).
import type { Report } from "../core/types.js";
import { countBySeverity, sortFindings } from "./summary.js";

function esc(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ").replace(/`/g, "ʼ");
}

export function renderMarkdown(report: Report): string {
  const c = countBySeverity(report.findings);
  const out: string[] = [];
  out.push(`# graphwarden report`);
  out.push("");
  out.push(`${report.tool.name} ${report.tool.version}: ${report.targets.length} target(s), ${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low, ${c.info} info.`);
  out.push("");
  out.push("| target | format | status | bytes | sha256 |");
  out.push("|---|---|---|---|---|");
  for (const t of report.targets) out.push(`| ${esc(t.path)} | ${t.format} | ${t.status} | ${t.bytes} | ${t.sha256 ? `\`${t.sha256.slice(0, 16)}…\`` : ""} |`);
  const fs = sortFindings(report.findings);
  if (fs.length) {
    out.push("");
    out.push("| severity | rule | where | trigger | message | evidence |");
    out.push("|---|---|---|---|---|---|");
    for (const f of fs) {
      const where = [f.location.path, f.location.member, f.location.pointer].filter(Boolean).join(" ");
      out.push(`| **${f.severity}** | ${f.rule} | ${esc(where)} | ${f.trigger} | ${esc(f.message)} | ${f.evidence ? `\`${esc(f.evidence)}\`` : ""} |`);
    }
  }
  if (report.errors.length) {
    out.push("");
    out.push("## Errors (scan incomplete)");
    for (const e of report.errors) out.push(`- ${esc(e.path)}${e.member ? ` (${esc(e.member)})` : ""}: ${esc(e.message)}`);
  }
  return out.join("\n") + "\n";
}
