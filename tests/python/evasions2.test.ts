// Lambda evasions proven on real loaders (tools/fixtures/lambda_evasions2/README.md): each must
// fail the scan; the benign twins of the first round (same loaders, same shapes) stay info.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { scanBytes } from "../../src/index.js";
import { severityRank } from "../../src/core/types.js";

async function worst(file: string): Promise<{ rule: string; severity: string }[]> {
  const data = readFileSync(new URL(`../../fixtures/lambda/models/${file}`, import.meta.url));
  const r = await scanBytes(file, new Uint8Array(data));
  return r.findings.filter((f) => f.rule.startsWith("GW20")).map((f) => ({ rule: f.rule, severity: f.severity }));
}

const CASES: [string, string][] = [
  ["evasion2-absl-global.h5", "medium"], // absl.testing.absltest.get_command_stderr: unlisted member of the config module
  ["evasion2-h5py-global.h5", "high"], // h5py.File(path, "w"): a member of the config module, a file write
  ["evasion2-gfile-copy-alias.h5", "medium"], // the module's own copy() wins over the default copy module
  ["evasion2-import-map.h5", "critical"], // map(__import__, ...) then getattr via map
  ["evasion2-getattr-map-tfk.h5", "critical"],
  ["evasion2-getattr-map-k3.keras", "critical"],
  ["evasion2-getattr-map-k3-v38.keras", "critical"],
];

for (const [file, min] of CASES) {
  test(`${file}: at least ${min}`, async () => {
    const fs = await worst(file);
    assert.ok(fs.some((f) => severityRank(f.severity as never) >= severityRank(min as never)), JSON.stringify(fs));
  });
}

test("benign twins of the same loaders stay info (math through a stdlib config module, a method on the input)", async () => {
  for (const f of ["evasion-module-math-benign.h5", "evasion-method-benign.h5", "evasion-container-k3-benign.keras", "evasion-tfprint-stderr-benign.h5"]) {
    const fs = await worst(f);
    assert.ok(fs.every((x) => x.severity === "info"), `${f}: ${JSON.stringify(fs)}`);
  }
});
