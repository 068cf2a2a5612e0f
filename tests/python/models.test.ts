// End to end: real model files whose Lambda layers were saved by real Keras 3.11 (.keras) and
// tf_keras 2.20 (.h5) (tools/fixtures/gen_lambda_models.py), scanned through the public API.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { scanBytes } from "../../src/index.js";
import type { Finding } from "../../src/core/types.js";

async function lambdaFindings(file: string): Promise<Finding[]> {
  const data = readFileSync(new URL(`../../fixtures/lambda/models/${file}`, import.meta.url));
  const report = await scanBytes(file, new Uint8Array(data));
  const out: Finding[] = [];
  const walk = (o: unknown): void => {
    if (Array.isArray(o)) o.forEach(walk);
    else if (o && typeof o === "object") {
      const r = o as Record<string, unknown>;
      if (typeof r.rule === "string" && typeof r.severity === "string") out.push(r as unknown as Finding);
      else Object.values(r).forEach(walk);
    }
  };
  walk(report);
  return out.filter((f) => f.rule.startsWith("GW20"));
}

test("Keras 3 .keras: os.system Lambda is critical, its benign twin is info", async () => {
  const bad = await lambdaFindings("keras3-lambda-os-system.keras");
  assert.equal(bad.length, 1);
  assert.equal(bad[0]!.rule, "GW201");
  assert.equal(bad[0]!.severity, "critical");
  assert.match(bad[0]!.evidence ?? "", /os\.system\("touch \/tmp\/gw_canary"\)/);
  const good = await lambdaFindings("keras3-lambda-benign.keras");
  assert.deepEqual(good.map((f) => [f.rule, f.severity]), [["GW203", "info"]]);
});

test("tf_keras .h5 with module \"os\": a bare system() is os.system, critical; benign twin info", async () => {
  const bad = await lambdaFindings("tfkeras-lambda-module-os.h5");
  assert.equal(bad.length, 1);
  assert.equal(bad[0]!.severity, "critical");
  assert.match(bad[0]!.evidence ?? "", /os\.system\("touch \/tmp\/gw_canary"\)/);
  const good = await lambdaFindings("tfkeras-lambda-benign.h5");
  assert.deepEqual(good.map((f) => [f.rule, f.severity]), [["GW203", "info"]]);
});
