// Version and trigger claims that the real-loader oracle (docs/ground-truth.md) checked against
// Keras 3.8-3.15, tf-keras 2.20.1 and TensorFlow 2.20: each case is a real fixture, each assertion
// a claim the loaders contradicted before (or a control that must keep its claim).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { scanBytes } from "../../src/index.js";
import type { Finding } from "../../src/core/types.js";
import { severityRank } from "../../src/core/types.js";

async function findings(rel: string, name = rel.split("/").pop()!): Promise<Finding[]> {
  const data = readFileSync(new URL(`../../fixtures/${rel}`, import.meta.url));
  const r = await scanBytes(name, new Uint8Array(data));
  return r.findings.filter((f) => severityRank(f.severity) >= severityRank("medium"));
}

const keras3 = (f: Finding) => (f.affectedVersions ?? []).filter((v) => v.startsWith("keras>=3"));
const tfKeras = (f: Finding) => (f.affectedVersions ?? []).filter((v) => v.startsWith("tf-keras"));

for (const file of ["evasion-module-uuid.h5", "evasion2-absl-global.h5", "evasion2-h5py-global.h5", "evasion2-gfile-copy-alias.h5"]) {
  test(`${file}: the unverifiable name comes from the config module's globals, which Keras 3 does not give a Lambda: no Keras 3 claim`, async () => {
    const fs = await findings(`lambda/models/${file}`);
    // GW202 for an unverifiable name; h5py.File (a file write) and uuid's private helper (runs a program) are GW201
    assert.ok(fs.length > 0 && fs.every((f) => f.rule === "GW202" || (/h5py|uuid/.test(file) && f.rule === "GW201")), JSON.stringify(fs));
    for (const f of fs) {
      assert.deepEqual(keras3(f), [], JSON.stringify(f.affectedVersions));
      assert.ok(tfKeras(f).length > 0, "tf-keras still merges the module's globals");
    }
  });
}

test("control: a tf-keras .h5 Lambda calling os.system with builtins only keeps its Keras 3 legacy-HDF5 claim", async () => {
  const fs = await findings("keras/tfk-lambda-os-system.h5");
  assert.ok(fs.some((f) => keras3(f).includes("keras>=3.0,<3.11.3")), JSON.stringify(fs.map((f) => f.affectedVersions)));
});

for (const file of ["evasion-tfprint-compat.h5", "evasion-tfprint-starkw.h5", "evasion-tfprint-cond.h5", "evasion-tfprint-defaults.h5"]) {
  test(`${file}: tf.print to a file:// stream is a graph op, traced at load and run at predict: trigger inference`, async () => {
    const fs = (await findings(`lambda/models/${file}`)).filter((f) => f.rule === "GW201");
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.trigger, "inference");
    assert.match(fs[0]!.message, /first predict/);
  });
}

test("control: a tf-keras Lambda whose effect is Python (os.system) runs while the model is rebuilt: trigger load", async () => {
  const fs = (await findings("keras/tfk-lambda-os-system.h5")).filter((f) => f.rule === "GW201");
  assert.equal(fs[0]?.trigger, "load");
});

for (const file of ["evasion-method-eval-k3.keras", "evasion-funcload-k3.keras", "evasion2-getattr-map-k3-v38.keras", "evasion2-getattr-map-k3.keras"]) {
  test(`${file}: a Keras 3 Lambda with a stored output_shape is not called at load, and tf-keras cannot rebuild a batch_shape InputLayer: trigger inference, Keras 3 only`, async () => {
    const fs = (await findings(`lambda/models/${file}`)).filter((f) => f.rule === "GW201");
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.trigger, "inference");
    assert.deepEqual(fs[0]!.affectedVersions, ["keras>=3.0 safe_mode=off"]);
  });
}

test("control: a Keras 3 Lambda without output_shape runs while Keras infers the shape: trigger load", async () => {
  const fs = (await findings("keras/k3-lambda-os-system.keras")).filter((f) => f.rule === "GW201");
  assert.equal(fs[0]?.trigger, "load");
});

test("an HDF5 file named .keras: Keras 3 sends a .keras name to the zip loader and refuses it, so only Keras 2 / tf-keras are claimed", async () => {
  const fs = await findings("keras/hb-tfk-h5-named-keras.keras");
  assert.ok(fs.length > 0);
  for (const f of fs) assert.deepEqual(keras3(f), [], JSON.stringify(f.affectedVersions));
  // The same bytes under an .h5 name keep the Keras 3 legacy-HDF5 claim.
  const same = await findings("keras/hb-tfk-h5-named-keras.keras", "model.h5");
  assert.ok(same.some((f) => keras3(f).length > 0));
});

test("GW109 with a nested load_model: claimed only where load_model is reached (Keras 3.0-3.10), not every Keras 3", async () => {
  const fs = (await findings("keras/hb-k3-load-model-safe-mode-false.keras")).filter((f) => f.rule === "GW109");
  assert.equal(fs.length, 1);
  assert.equal(fs[0]!.severity, "critical");
  assert.deepEqual(keras3(fs[0]!), ["keras>=3.0,<3.11"]);
});

test("a Lambda whose function takes no parameter (cifar10.load_data) raises TypeError before its body: reported, no version claimed", async () => {
  const fs = (await findings("keras/hb-k3-cifar10-load-data.keras")).filter((f) => f.rule === "GW101");
  assert.equal(fs.length, 1);
  assert.equal(fs[0]!.severity, "high");
  assert.deepEqual(fs[0]!.affectedVersions ?? [], []);
  assert.match(fs[0]!.message, /takes no parameter/);
  // get_file takes fname first: the same Lambda shape keeps its claim.
  const gf = (await findings("keras/hb-k3-get-file.keras")).filter((f) => f.rule === "GW101");
  assert.deepEqual(gf[0]?.affectedVersions, ["keras>=3.0,<3.11"]);
});
