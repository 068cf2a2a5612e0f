// Self-contained HTML report: no scripts, no external resources; every string escaped.
import type { Report, Severity } from "../core/types.js";
import { countBySeverity, sortFindings } from "./summary.js";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const COLOR: Record<Severity, string> = { critical: "#a50e0e", high: "#d93025", medium: "#e37400", low: "#1a73e8", info: "#5f6368" };

export function renderHtml(report: Report): string {
  const c = countBySeverity(report.findings);
  const rows = sortFindings(report.findings)
    .map((f) => {
      const where = [f.location.member, f.location.pointer].filter(Boolean).join(" ");
      return `<tr><td><span class="sev" style="background:${COLOR[f.severity]}">${f.severity}</span></td><td>${escapeHtml(f.rule)}</td><td>${escapeHtml(f.location.path)}<div class="where">${escapeHtml(where)}</div></td><td>${escapeHtml(f.trigger)}</td><td>${escapeHtml(f.message)}${f.evidence ? `<pre>${escapeHtml(f.evidence)}</pre>` : ""}${f.affectedVersions?.length ? `<div class="where">${escapeHtml(f.affectedVersions.join("; "))}</div>` : ""}</td></tr>`;
    })
    .join("\n");
  const targets = report.targets
    .map((t) => `<tr><td>${escapeHtml(t.path)}</td><td>${escapeHtml(t.format)}</td><td>${escapeHtml(t.status)}</td><td>${t.bytes}</td><td><code>${escapeHtml(t.sha256 ?? "")}</code></td></tr>`)
    .join("\n");
  const errors = report.errors.map((e) => `<li>${escapeHtml(e.path)}${e.member ? ` (${escapeHtml(e.member)})` : ""}: ${escapeHtml(e.message)}</li>`).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>graphwarden report</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#202124}
table{border-collapse:collapse;width:100%;margin:1em 0}td,th{border-bottom:1px solid #ddd;padding:6px;text-align:left;vertical-align:top}
.sev{color:#fff;border-radius:3px;padding:1px 6px;font-weight:600;text-transform:uppercase;font-size:12px}
pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;padding:4px;margin:4px 0 0}.where{color:#5f6368;font-size:12px}
</style></head><body>
<h1>graphwarden report</h1>
<p>${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)} — ${report.targets.length} target(s): ${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low, ${c.info} info.</p>
<h2>Targets</h2>
<table><tr><th>path</th><th>format</th><th>status</th><th>bytes</th><th>sha256</th></tr>
${targets}
</table>
<h2>Findings</h2>
${rows ? `<table><tr><th>severity</th><th>rule</th><th>location</th><th>trigger</th><th>what</th></tr>\n${rows}\n</table>` : "<p>No findings.</p>"}
${errors ? `<h2>Errors (scan incomplete)</h2><ul>${errors}</ul>` : ""}
</body></html>
`;
}
