// Report injection (issue 10 item 6): names and messages taken from a model file or a file name
// must never reach a terminal, a Markdown viewer or an HTML page as live syntax, and must never
// make a report huge or a renderer throw. Every case is a real scan of a hostile config.
import { readFileSync } from "node:fs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanBytes } from "../../src/scanner.js";
import { renderHtml } from "../../src/report/html.js";
import { renderJson } from "../../src/report/json.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderSarif } from "../../src/report/sarif.js";
import { renderText } from "../../src/report/text.js";
import { limit, MAX_MESSAGE_CHARS, mdText, visible } from "../../src/report/escape.js";
import { ALL_RULES } from "../../src/rules/index.js";

const TERMINAL = "L\x1b]0;pwned\x07\x1b[2J\r\nfake.keras: no findings\u202eX\u2066\x9b\x7f\x00";
const MARKUP = `<script>alert(1)</script><img src=x onerror=alert(2)>[click](javascript:alert(3))![i](http://x/i.png)**b**`;

function config(name: string): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({ class_name: "Functional", config: { layers: [{ module: "os", class_name: "function", config: "system", name, inbound_nodes: [] }] } }),
  );
}

const wellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
const text = (r: Parameters<typeof renderText>[0], verbose = true) => renderText(r, { color: false, minSeverity: "info", verbose, quiet: false });
// Anything a terminal or a bidi-aware viewer acts on; the report's own line breaks are "\n" only.
// eslint-disable-next-line no-control-regex
const LIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

test("text: control, C1 and bidi characters in names and file names are shown escaped, never raw", async () => {
  const r = await scanBytes(`m\x1b[2J${TERMINAL}.json`, config(TERMINAL));
  assert.ok(r.findings.some((f) => f.rule === "GW101" && f.message.includes("\x1b]0;")), "the hostile name is really in the finding");
  const out = text(r);
  assert.doesNotMatch(out, LIVE);
  for (const line of out.split("\n")) assert.notEqual(line.trim(), "fake.keras: no findings", "no forged line");
  assert.ok(out.includes("\\x1b]0;pwned\\x07\\x1b[2J\\r\\nfake.keras"), "escapes are visible");
  assert.ok(out.includes("\\u202eX\\u2066\\x9b\\x7f\\x00"));
});

test("text: -q lists only targets with findings at the bar; low/info-only targets are not printed", async () => {
  const evil = await scanBytes("evil.json", config("x"));
  const info = await scanBytes("benign-preprocess-lambda.h5", readFileSync("examples/benign-preprocess-lambda.h5"));
  const merged = { ...evil, targets: [...info.targets, ...evil.targets], findings: [...info.findings, ...evil.findings] };
  assert.ok(info.targets[0]?.status === "scanned" && info.findings.length > 0 && info.findings.every((f) => f.severity === "info"), "an info-only scanned target");
  const out = renderText(merged, { color: false, minSeverity: "medium", verbose: false, quiet: true });
  assert.ok(out.includes("evil.json"));
  assert.ok(!out.includes("benign-preprocess-lambda.h5"), out);
  assert.ok(!out.includes("GW203"), out);
});

test("Markdown: no raw HTML, no link or image syntax, no forged table cell from a layer name", async () => {
  const md = renderMarkdown(await scanBytes("a|b<i>.json", config(`${MARKUP}|x\n| forged |`)));
  assert.ok(!/<(script|img|i)\b/i.test(md), "no HTML element from the input");
  assert.doesNotMatch(md, /(?<!\\)\]\(javascript:/, "no live link");
  assert.ok(md.includes("\\[click\\]"), "link text escaped");
  assert.ok(md.includes("&lt;script&gt;"));
  for (const line of md.split("\n")) assert.ok(!line.startsWith("| forged"), "no forged row");
  assert.ok(md.includes("a\\|b&lt;i&gt;"));
});

test("HTML: valid for any input (NUL, lone surrogates, controls); markup escaped", async () => {
  const r = await scanBytes("x\ud800y\u0000.json", config(`${MARKUP}\u0000\udc00${TERMINAL}`));
  const html = renderHtml(r);
  assert.ok(wellFormed(html), "no lone surrogate in the page");
  assert.doesNotMatch(html, LIVE);
  assert.ok(!/<(script|img)\b/i.test(html));
  assert.ok(html.includes("x\\ud800y\\x00.json"));
});

test("SARIF: a lone surrogate or NUL in a path does not throw; output is well-formed", async () => {
  const r = await scanBytes("m\ud800\u0000.json", config(TERMINAL));
  const s = renderSarif(r, ALL_RULES, { failOn: "info" });
  assert.ok(wellFormed(s));
  const sarif = JSON.parse(s) as { runs: { results: { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  const res = sarif.runs[0]!.results[0]!;
  assert.equal(res.locations[0]!.physicalLocation.artifactLocation.uri, "m%EF%BF%BD%00.json");
  assert.doesNotMatch(res.message.text, LIVE);
});

test("a 10 MB layer name is cut to the documented length in every format", async () => {
  const huge = "A".repeat(10_000_000);
  const r = await scanBytes("big.json", config(huge));
  assert.ok(r.findings.some((f) => f.message.length > 10_000_000), "the engine's message carries the whole name");
  const outs = { text: text(r), json: renderJson(r), sarif: renderSarif(r, ALL_RULES), markdown: renderMarkdown(r), html: renderHtml(r) };
  for (const [fmt, out] of Object.entries(outs)) {
    assert.ok(out.length < 50_000, `${fmt} is ${out.length} chars`);
    assert.match(out, /…\(\d+ more chars\)/, fmt);
  }
  const j = JSON.parse(outs.json) as { findings: { message: string }[] };
  for (const f of j.findings) assert.ok(f.message.length <= MAX_MESSAGE_CHARS + 40);
});

test("escape helpers: limit keeps surrogate pairs whole; visible and mdText are total", () => {
  assert.equal(limit("ab😀cd", 3), "ab…(4 more chars)");
  assert.equal(limit("abc", 3), "abc");
  assert.equal(visible("a\nb\u2028c\ufeff"), "a\\nb\\u2028c\\ufeff");
  assert.equal(visible("😀"), "😀", "a valid pair is kept");
  assert.equal(mdText("*x* _y_ `z` ~w~ \\"), "\\*x\\* \\_y\\_ \\`z\\` \\~w\\~ \\\\");
});
