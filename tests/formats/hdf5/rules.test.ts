// keras-h5 handler and GW310-GW314 on malicious fixtures and their benign twins.
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanBytes } from "../../../src/scanner.js";
import { exitCode } from "../../../src/report/summary.js";
import { severityRank } from "../../../src/core/types.js";
import { fixture } from "./helpers.js";

async function scan(name: string) {
  return scanBytes(name, fixture(name), { hash: false });
}

const gw31x = (r: Awaited<ReturnType<typeof scan>>) => r.findings.filter((f) => f.rule.startsWith("GW31"));

const CASES: [file: string, rule: string, severity: string, pointer: string, evidence: RegExp][] = [
  ["external_link.h5", "GW310", "high", "/model_weights/dense_0/dense_0/ext", /^\/tmp\/attacker\/weights\.h5:\/payload$/],
  ["soft_link.h5", "GW311", "medium", "/model_weights/dense_1/alias", /-> \/model_weights\/dense_0/],
  ["external_storage.h5", "GW312", "critical", "/model_weights/dense_0/dense_0/leak:0", /^\/etc\/passwd@0\+64$/],
  ["external_storage_benign_name.h5", "GW312", "high", "/data", /^raw\.bin@0\+16$/],
  ["virtual_dataset.h5", "GW313", "critical", "/model_weights/dense_0/dense_0/kernel_v:0", /^\/home\/victim\/\.ssh\/id_rsa\.h5:\/data$/],
  ["virtual_dataset_multi.h5", "GW313", "high", "/model_weights/dense_1/dense_1/kernel_v:0", /^shards\/a\.h5:\/w, shards\/b\.h5:\/w, shards\/b\.h5:\/w2$/],
  ["shape_bomb.h5", "GW314", "high", "/model_weights/dense_0/dense_0/bomb:0", /shape \(200000, 200000\) x 4 bytes, contiguous, stored 0/],
  ["shape_bomb_chunked.h5", "GW314", "high", "/bomb", /chunked, stored 0/],
  ["shape_bomb_extensible.h5", "GW314", "high", "/model_weights/dense_1/dense_1/bomb:0", /shape \(10000000000\) x 4 bytes, chunked, stored 4096/],
];

for (const [file, rule, severity, pointer, evidence] of CASES) {
  test(`${file}: ${rule} ${severity} at ${pointer}`, async () => {
    const r = await scan(file);
    assert.equal(r.targets[0]?.format, "keras-h5");
    assert.equal(r.targets[0]?.status, "scanned");
    const hits = gw31x(r);
    assert.equal(hits.length, 1, JSON.stringify(hits));
    const f = hits[0]!;
    assert.equal(f.rule, rule);
    assert.equal(f.severity, severity);
    assert.equal(f.location.pointer, pointer);
    assert.equal(f.trigger, "load");
    assert.match(f.evidence ?? "", evidence);
    assert.equal(exitCode(r, "medium"), 1);
  });
}

const BENIGN = ["benign_keras.h5", "benign_keras_vlen.h5", "benign_userblock.h5", "benign_weights_only.h5", "dense_storage.h5", "tfkeras_small.h5", "tfkeras_small_weights.h5"];

for (const file of BENIGN) {
  test(`${file}: benign twin, scanned, nothing above low`, async () => {
    const r = await scan(file);
    assert.equal(r.targets[0]?.format, "keras-h5");
    assert.equal(r.targets[0]?.status, "scanned");
    assert.deepEqual(r.errors, []);
    assert.deepEqual(gw31x(r), []);
    assert.deepEqual(r.findings.filter((f) => severityRank(f.severity) > severityRank("low")), []);
  });
}

test("keras-h5 details: versions, weights-only flag, user-block offset", async () => {
  const model = await scan("tfkeras_small.h5");
  assert.equal(model.targets[0]?.details?.["backend"], "tensorflow");
  assert.match(String(model.targets[0]?.details?.["keras_version"]), /^2\./);
  assert.equal(model.targets[0]?.details?.["weights_only"], undefined);
  const weights = await scan("tfkeras_small_weights.h5");
  assert.equal(weights.targets[0]?.details?.["weights_only"], true);
  const ub = await scan("benign_userblock.h5");
  assert.equal(ub.targets[0]?.details?.["hdf5_offset"], 512);
});

test("the HDF5 handler matches by content, whatever the name", async () => {
  const r = await scanBytes("model.keras", fixture("benign_keras.h5"), { hash: false });
  assert.equal(r.targets[0]?.format, "keras-h5");
  assert.equal(r.targets[0]?.status, "scanned");
});

test("a broken structure deep in model_weights: root config still scanned, target fails closed", async () => {
  const data = new Uint8Array(fixture("benign_keras.h5"));
  const sig = new TextEncoder().encode("TREE");
  let last = -1;
  for (let i = 0; i + 4 <= data.length; i++) if (sig.every((b, k) => data[i + k] === b)) last = i;
  assert.ok(last > 0);
  data[last] = 0x58; // "XREE": the innermost group's B-tree no longer parses
  const r = await scanBytes("deep-broken.h5", data, { hash: false });
  assert.equal(r.targets[0]?.status, "error");
  assert.match(r.errors[0]?.message ?? "", /expected signature TREE/);
  assert.equal(r.targets[0]?.details?.["keras_version"], "2.13.1");
  assert.equal(exitCode(r, "medium"), 2);
});
