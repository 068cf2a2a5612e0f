// Third attack round (tools/fixtures/red3_keras/README.md): payloads proven to fire on real
// loaders that the scan passes today. Each malicious file must get a Lambda/Keras finding at high
// or critical; each benign twin (same loader, same shape) must stay at low or below. The malicious
// cases are marked todo until the scanner handles their class, so the suite stays green.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { scanBytes } from "../../src/index.js";
import { severityRank } from "../../src/core/types.js";

async function findings(file: string): Promise<{ rule: string; severity: string }[]> {
  const data = readFileSync(new URL(`../../fixtures/lambda/models/${file}`, import.meta.url));
  const r = await scanBytes(file, new Uint8Array(data));
  return r.findings.map((f) => ({ rule: f.rule, severity: f.severity }));
}

const atLeast = (fs: { severity: string }[], min: string): boolean => fs.some((f) => severityRank(f.severity as never) >= severityRank(min as never));

const MALICIOUS: [file: string, cls: string][] = [
  // keras.activations.get({"class_name": "__lambda__", ...})(x): an allowed getter rebuilds unanalysed code (Keras 3.10+, safe_mode=False)
  ["red3-getter-nested-lambda.keras", "Keras 3 getter deserialises a nested __lambda__"],
  // tf.compat.v1.raw_ops.PrintV2(output_stream="file:///...") is catalogued as compute; tf.raw_ops.PrintV2 is file-write (tf_keras, defaults)
  ["red3-compat-rawops-printv2.h5", "raw op reached through tf.compat.v1.raw_ops keeps a compute class"],
  // list(map(list([sys])[0].modules.get("os").system, [cmd])): an allowed container call makes any object a "value" (tf_keras, defaults)
  ["red3-container-launder-tfk.h5", "container laundering: list(...)[0] of a module is a trusted value"],
  // list(map(list([os])[0].system, [cmd])) with Keras 3's python_utils globals (safe_mode=False)
  ["red3-container-launder-k3.keras", "container laundering: list(...)[0] of a module is a trusted value"],
  // tf_keras .keras, DEFAULT safe_mode: a Lambda function dict imports tensorflow.python.keras (TF's bundled Keras 2), whose from_config runs marshalled code unguarded
  ["red3-tf-legacy-keras-lambda.keras", "safe-mode bypass through tensorflow.python.keras rated medium"],
];

for (const [file, cls] of MALICIOUS) {
  test(`${file}: high or critical (${cls})`, async () => {
    const fs = await findings(file);
    assert.ok(atLeast(fs, "high"), JSON.stringify(fs));
  });
}

const BENIGN = [
  "red3-getter-nested-lambda-benign.keras",
  "red3-compat-rawops-printv2-benign.h5",
  "red3-container-launder-tfk-benign.h5",
  "red3-container-launder-k3-benign.keras",
  "red3-tf-legacy-keras-lambda-benign.keras",
];

test("red-team round 3 benign twins stay at low or below", async () => {
  for (const f of BENIGN) {
    const fs = await findings(f);
    assert.ok(!atLeast(fs, "medium"), `${f}: ${JSON.stringify(fs)}`);
  }
});
