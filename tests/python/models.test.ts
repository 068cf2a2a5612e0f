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

// Evasions that fire on the real loaders (tools/fixtures/gen_keras_lambda_evasions.py --verify
// loads each file and checks its canary), and their benign twins.
const EVASIONS: [file: string, severity: string, evidence: RegExp][] = [
  ["evasion-method-eval.h5", "critical", /eval\(/], // [sys][0].modules["builtins"].eval(src)
  ["evasion-method-eval-k3.keras", "critical", /eval\(/], // [os][0].sys.modules["builtins"].eval(src)
  ["evasion-module-uuid.h5", "critical", /uuid\._get_command_stdout\(/], // module "uuid": a bare global is uuid's (a private helper that runs a program)
  ["evasion-funcload-k3.keras", "critical", /func_load\(.*-> os\.system\("touch \/tmp\/gw-canary-evasion-funcload"\)/], // Keras 3 loader global python_utils.func_load
  ["evasion-tfprint-compat.h5", "high", /tensorflow\.compat\.v1\.print\(/],
  ["evasion-tfprint-starkw.h5", "high", /tensorflow\.print\(/],
  ["evasion-tfprint-cond.h5", "high", /tensorflow\.print\(/],
  ["evasion-tfprint-defaults.h5", "high", /tensorflow\.print\(/],
];
const EVASION_TWINS = ["evasion-method-benign.h5", "evasion-module-math-benign.h5", "evasion-container-k3-benign.keras", "evasion-tfprint-stderr-benign.h5"];

for (const [file, severity, evidence] of EVASIONS) {
  test(`loader-proven evasion ${file} is ${severity}`, async () => {
    const f = await lambdaFindings(file);
    assert.equal(f.length, 1);
    assert.equal(f[0]!.severity, severity);
    assert.equal(f[0]!.rule, severity === "medium" ? "GW202" : "GW201");
    assert.match(f[0]!.evidence ?? "", evidence);
  });
}

test("benign twins of the loader-proven evasions stay info", async () => {
  for (const file of EVASION_TWINS) {
    const f = await lambdaFindings(file);
    assert.deepEqual(f.map((x) => [x.rule, x.severity]), [["GW203", "info"]], file);
  }
});
