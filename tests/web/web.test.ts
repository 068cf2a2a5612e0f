// The browser page: the core bundles for the browser (no Node-only modules) and scans Blobs locally.
import { test } from "node:test";
import assert from "node:assert/strict";
import { build } from "esbuild";
import { scanFiles } from "../../src/web/app.js";

test("the web bundle builds for the browser platform without Node built-ins", async () => {
  const r = await build({ entryPoints: ["src/web/app.ts"], bundle: true, platform: "browser", format: "iife", write: false, logLevel: "silent" });
  assert.equal(r.errors.length, 0);
  const js = r.outputFiles[0]!.text;
  assert.ok(js.length > 10_000);
  assert.doesNotMatch(js, /require\(["']node:|from ["']node:/);
});

test("scanFiles scans dropped Blobs with the same verdicts as the CLI", async () => {
  const evil = JSON.stringify({ class_name: "Functional", config: { layers: [{ module: "os", class_name: "function", config: "system", inbound_nodes: [{ args: ["id"], kwargs: {} }] }] } });
  const r = await scanFiles([
    { path: "evil.json", blob: new Blob([evil]) },
    { path: "folder/ok.json", blob: new Blob([JSON.stringify({ class_name: "Sequential", config: { layers: [] } })]) },
  ]);
  assert.equal(r.targets.length, 2);
  assert.equal(r.findings.find((f) => f.rule === "GW101")?.severity, "critical");
  assert.match(r.targets[0]?.sha256 ?? "", /^[0-9a-f]{64}$/);
});
