// HDF5/zip polyglots: both views are scanned (Keras picks the reader by file name).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { scanBytes } from "../../src/scanner.js";

const fx = (n: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/polyglot/${n}`, import.meta.url)));

test("a benign HDF5 model hiding a malicious .keras archive: the zip view is judged", async () => {
  const r = await scanBytes("benign-h5-evil-zip.h5", fx("benign-h5-evil-zip.h5"), { hash: false });
  assert.ok(r.findings.some((f) => f.rule === "GW304" && f.severity === "high"));
  assert.ok(r.findings.some((f) => f.rule === "GW101" && f.severity === "critical" && /os\.system/.test(f.evidence ?? "")));
  assert.equal(r.targets[0]?.details?.["second_view"], "keras-h5");
  assert.deepEqual(r.errors, []);
});

test("a malicious HDF5 model hiding behind a benign .keras archive: the HDF5 view is judged", async () => {
  const r = await scanBytes("evil-h5-benign-zip.keras", fx("evil-h5-benign-zip.keras"), { hash: false });
  assert.ok(r.findings.some((f) => f.rule === "GW201" && f.severity === "critical"));
  assert.ok(r.findings.some((f) => f.rule === "GW304" && f.severity === "high"));
});

test("ordinary .keras and .h5 fixtures have no second view", async () => {
  for (const n of ["k3-basic-cnn.keras", "tfk-basic-cnn.h5"]) {
    const r = await scanBytes(n, new Uint8Array(readFileSync(new URL(`../../fixtures/keras/${n}`, import.meta.url))), { hash: false });
    assert.equal(r.targets[0]?.details?.["second_view"], undefined, n);
    assert.equal(r.findings.filter((f) => f.rule === "GW304").length, 0, n);
  }
});
