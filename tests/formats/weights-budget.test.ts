// Compressed weights members of any size get their HDF5 checks (external storage, virtual datasets)
// within the archive's inflate budget; over the budget the scan says it is incomplete (GW001 error),
// never a quiet info. The archive is a real Keras file whose weights member is swapped for the
// external-storage HDF5 fixture with 17 MiB of incompressible bytes after it (h5py ignores them).
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { unzipSync, zipSync } from "fflate";
import { scanBytes } from "../../src/scanner.js";

const root = new URL("../../", import.meta.url);
const keras = unzipSync(new Uint8Array(readFileSync(new URL("fixtures/keras/k3-dense-functional.keras", root))));
const h5 = new Uint8Array(readFileSync(new URL("fixtures/hdf5/external_storage.h5", root)));
const tail = randomBytes(17 * 1024 * 1024);
const weights = new Uint8Array(h5.length + tail.length);
weights.set(h5);
weights.set(tail, h5.length);
const archive = zipSync({ "metadata.json": keras["metadata.json"]!, "config.json": keras["config.json"]!, "model.weights.h5": [weights, { level: 1 }] });

test("a deflated weights member over 16 MiB compressed still gets the HDF5 external-storage check", async () => {
  const r = await scanBytes("big.keras", archive, { hash: false });
  const ext = r.findings.filter((f) => f.rule === "GW312");
  assert.ok(ext.length > 0 && ext.every((f) => f.severity === "critical"), r.findings.map((f) => `${f.rule}/${f.severity}: ${f.message}`).join("\n"));
  assert.deepEqual(r.errors, []);
});

test("past the archive's inflate budget a weights member is an error (GW001), not an info skip", async () => {
  // Two 17 MiB members under a 30 MiB budget: each fits alone, the second does not fit after the first.
  const two = zipSync({ "metadata.json": keras["metadata.json"]!, "config.json": keras["config.json"]!, "model.weights.h5": [weights, { level: 1 }], "more.weights.h5": [weights, { level: 1 }] });
  const r = await scanBytes("big.keras", two, { hash: false, limits: { maxInflateTotal: 30 * 1024 * 1024 } });
  assert.ok(r.errors.some((e) => e.member === "more.weights.h5" && /limit for one archive/.test(e.message)), JSON.stringify(r.errors));
  const gw001 = r.findings.filter((f) => f.rule === "GW001");
  assert.ok(gw001.length > 0 && gw001.every((f) => f.severity !== "info"), r.findings.map((f) => `${f.rule}/${f.severity}`).join(", "));
  assert.ok(!r.findings.some((f) => /not inflated/.test(f.message)));
  assert.ok(r.findings.some((f) => f.rule === "GW312"), "the member that fits is still judged");
});
