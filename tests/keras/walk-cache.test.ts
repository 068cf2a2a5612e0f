// The Keras walk is replayed for a config text already walked in this process (src/keras/engine.ts):
// the same bytes under another name get the same findings, per-target de-duplication and caps
// still apply, and a different origin or an error is never served from the cache.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { scanBytes } from "../../src/index.js";
import type { Report } from "../../src/core/types.js";

const read = (p: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../${p}`, import.meta.url)));
const shape = (r: Report): string[] => r.findings.map((f) => `${f.rule}|${f.severity}|${f.trigger}|${f.location.member ?? ""}|${f.location.pointer ?? ""}|${f.message}|${f.evidence ?? ""}`);

test("the same model bytes scanned twice (walk replayed) give the same findings under each name", async () => {
  for (const f of ["examples/malicious-lambda.keras", "examples/malicious-module-swap.keras", "fixtures/lambda/models/tfkeras-lambda-module-os.h5", "examples/benign-preprocess-lambda.h5"]) {
    const bytes = read(f);
    const first = await scanBytes("first/" + f, bytes);
    const second = await scanBytes("second/" + f, bytes);
    assert.deepEqual(shape(second), shape(first), f);
    assert.ok(second.findings.every((x) => x.location.path === "second/" + f));
  }
});

test("a config text replayed with the lower findings cap: caps and de-duplication are those of the new target", async () => {
  const bytes = read("fixtures/keras/hb-k3-enable-unsafe-then-lambda.keras");
  const full = await scanBytes("a.keras", bytes);
  assert.ok(full.findings.length >= 2, JSON.stringify(shape(full)));
  const capped = await scanBytes("b.keras", bytes, { limits: { maxFindingsPerTarget: 1 } });
  assert.equal(capped.findings.filter((x) => x.rule !== "GW003").length, 1);
  assert.ok(capped.findings.some((x) => x.rule === "GW003"));
});

test("the same JSON text as a bare config and inside a .keras archive: each judged for its own container", async () => {
  const json = new TextEncoder().encode(JSON.stringify({ module: "os", class_name: "function", config: "system", registered_name: null }));
  const bare = await scanBytes("config.json", json);
  const bare2 = await scanBytes("config2.json", json);
  assert.deepEqual(shape(bare2), shape(bare));
  assert.ok(bare.findings.some((x) => x.severity === "high" || x.severity === "critical"), JSON.stringify(shape(bare)));
});

test("a config whose walk reported an error is walked again, not replayed", async () => {
  // Depth over the limit: the walk fails closed each time.
  let deep = '"x"';
  for (let i = 0; i < 40; i++) deep = `[${deep}]`;
  const text = new TextEncoder().encode(`{"class_name": "Sequential", "config": {"layers": ${deep}}}`);
  for (const name of ["deep1.json", "deep2.json"]) {
    const r = await scanBytes(name, text, { limits: { maxJsonDepth: 10 } });
    assert.equal(r.targets[0]!.status, "error", name);
  }
  const ok = await scanBytes("deep3.json", text);
  assert.notEqual(ok.targets[0]!.status, "error");
});
