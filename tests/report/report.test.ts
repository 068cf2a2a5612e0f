import { test } from "node:test";
import assert from "node:assert/strict";
import { scanBytes } from "../../src/scanner.js";
import { renderSarif } from "../../src/report/sarif.js";
import { renderHtml } from "../../src/report/html.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderJson } from "../../src/report/json.js";
import { renderText } from "../../src/report/text.js";
import { ALL_RULES } from "../../src/rules/index.js";

const evil = JSON.stringify({
  class_name: "Functional",
  config: { layers: [{ module: "os", class_name: "function", config: "system", name: "<script>alert(1)</script>", inbound_nodes: [{ args: ["id | tee /tmp/x"], kwargs: {} }] }] },
});

async function report() {
  return scanBytes("evil.json", new TextEncoder().encode(evil), { hash: true });
}

test("JSON report follows the documented contract", async () => {
  const r = JSON.parse(renderJson(await report())) as Record<string, unknown>;
  assert.deepEqual(Object.keys(r).sort(), ["errors", "findings", "targets", "tool"]);
  const t = (r["targets"] as Record<string, unknown>[])[0]!;
  for (const k of ["path", "format", "sha256", "bytes", "status"]) assert.ok(k in t, k);
  assert.match(String(t["sha256"]), /^[0-9a-f]{64}$/);
  const f = (r["findings"] as Record<string, unknown>[])[0]!;
  for (const k of ["rule", "severity", "capabilities", "trigger", "location", "message", "evidence"]) assert.ok(k in f, k);
  assert.equal(f["severity"], "critical");
});

test("SARIF 2.1.0: rules, results with levels, security-severity, artifact hashes", async () => {
  const s = JSON.parse(renderSarif(await report(), ALL_RULES)) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; ruleIndex: number; properties: Record<string, unknown> }[]; artifacts: { hashes?: Record<string, string> }[] }[] };
  assert.equal(s.version, "2.1.0");
  const run = s.runs[0]!;
  const res = run.results.find((x) => x.ruleId === "GW101")!;
  assert.equal(res.level, "error");
  assert.equal(run.tool.driver.rules[res.ruleIndex]?.id, "GW101");
  assert.equal(res.properties["security-severity"], "9.5");
  assert.match(run.artifacts[0]?.hashes?.["sha-256"] ?? "", /^[0-9a-f]{64}$/);
});

test("HTML escapes everything taken from the model file", async () => {
  const html = renderHtml(await report());
  assert.ok(!html.includes("<script>alert(1)</script>"));
  assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
  assert.match(html, /Content-Security-Policy/);
});

test("Markdown escapes table separators from evidence", async () => {
  const md = renderMarkdown(await report());
  assert.ok(md.includes("id \\| tee"));
});

test("text report groups by target and ends with a summary line", async () => {
  const txt = renderText(await report(), { color: false, minSeverity: "low", verbose: false, quiet: false });
  assert.match(txt, /^FAIL: 1 finding\(s\) at medium or above \(--fail-on medium\) — 1 critical, 0 high, 0 medium, 0 low, 0 info\n\nevil\.json \(keras-json, \d+ bytes\)/);
  assert.match(txt, /CRITICAL GW101/);
  assert.match(txt, /1 target\(s\): 1 scanned, 0 incomplete, 0 unsupported \(not scanned\) — 1 critical/);
});
