// Self-contained HTML report: no scripts, no external resources. The verdict first, findings most
// severe first, info folded into <details>. Every string passes through `escapeHtml` (controls
// made visible, markup escaped) after `bounded`, so the page is valid for any input.
import type { Finding, Report, Severity } from "../core/types.js";
import { bounded, escapeHtml } from "./escape.js";
import { sortFindings, verdict } from "./summary.js";

export { escapeHtml };

export interface HtmlOptions {
  failOn?: Severity | "none";
  explicitFiles?: ReadonlySet<string>;
  /** List info findings in the open table instead of folding them away. */
  showInfo?: boolean;
}

const COLOR: Record<Severity, string> = { critical: "#a50e0e", high: "#d93025", medium: "#e37400", low: "#1a73e8", info: "#5f6368" };

function rows(fs: readonly Finding[]): string {
  return fs
    .map((f) => {
      const where = [f.location.member, f.location.pointer].filter(Boolean).join(" ");
      return `<tr><td><span class="sev" style="background:${COLOR[f.severity]}">${f.severity}</span></td><td>${escapeHtml(f.rule)}</td><td class="loc">${escapeHtml(f.location.path)}<div class="where">${escapeHtml(where)}</div></td><td>${escapeHtml(f.trigger)}</td><td>${escapeHtml(f.message)}${f.evidence ? `<pre>${escapeHtml(f.evidence)}</pre>` : ""}${f.affectedVersions?.length ? `<div class="where">${escapeHtml(f.affectedVersions.join("; "))}</div>` : ""}</td></tr>`;
    })
    .join("\n");
}

const HEAD = `<tr><th>severity</th><th>rule</th><th>location</th><th>trigger</th><th>what</th></tr>`;

export function renderHtml(input: Report, o: HtmlOptions = {}): string {
  const report = bounded(input);
  const v = verdict(report, o.failOn ?? "medium", o.explicitFiles);
  const all = sortFindings(report.findings);
  const open = o.showInfo ? all : all.filter((f) => f.severity !== "info");
  const info = o.showInfo ? [] : all.filter((f) => f.severity === "info");
  const targets = report.targets
    .map((t) => `<tr><td class="loc">${escapeHtml(t.path)}</td><td>${escapeHtml(t.format)}</td><td>${escapeHtml(t.status)}</td><td>${t.bytes}</td><td><code>${escapeHtml(t.sha256 ?? "")}</code></td></tr>`)
    .join("\n");
  const errors = report.errors.map((e) => `<li>${escapeHtml(e.path)}${e.member ? ` (${escapeHtml(e.member)})` : ""}: ${escapeHtml(e.message)}</li>`).join("\n");
  const vClass = v.status === "PASS" ? "pass" : "fail";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>graphwarden report: ${v.status}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1em;color:#202124}
.verdict{font-size:16px;font-weight:600;padding:8px 12px;border-radius:4px;color:#fff}.verdict.pass{background:#188038}.verdict.fail{background:#a50e0e}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;margin:1em 0}td,th{border-bottom:1px solid #ddd;padding:6px;text-align:left;vertical-align:top}
td.loc,td code{word-break:break-all}
.sev{color:#fff;border-radius:3px;padding:1px 6px;font-weight:600;text-transform:uppercase;font-size:12px}
pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;padding:4px;margin:4px 0 0}.where{color:#5f6368;font-size:12px}
@media (max-width:600px){body{margin:8px}table,tbody,tr,td{display:block}tr:first-child{display:none}tr{border-bottom:1px solid #ddd;padding:6px 0}td{border:0;padding:2px 4px;overflow-wrap:anywhere}}
</style></head><body>
<p class="verdict ${vClass}" id="verdict">${escapeHtml(v.line)}</p>
<h1>graphwarden report</h1>
<p>${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)} — ${report.targets.length} target(s).</p>
<h2>Findings</h2>
${open.length ? `<div class="scroll"><table>${HEAD}\n${rows(open)}\n</table></div>` : `<p>No findings${info.length ? " above info" : ""}.</p>`}
${info.length ? `<details><summary>${info.length} info finding(s) (inventory, not a risk)</summary><div class="scroll"><table>${HEAD}\n${rows(info)}\n</table></div></details>` : ""}
${errors ? `<h2>Errors (scan incomplete)</h2><ul>${errors}</ul>` : ""}
<h2>Targets</h2>
<div class="scroll"><table><tr><th>path</th><th>format</th><th>status</th><th>bytes</th><th>sha256</th></tr>
${targets}
</table></div>
</body></html>
`;
}
