// Every Keras 3 zip of the real-world corpus (../shared/corpus/realworld, keras-v3 rows) reads
// through our zip reader exactly as listed and scans without errors, container or pickle findings. The .keras-named HDF5 rows must not be taken for zips.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { MemorySource } from "../../src/core/bytes.js";
import { openZip, readLocalHeader } from "../../src/formats/archive/zip.js";
import { scanBytes } from "../../src/scanner.js";
import { CORPUS } from "./zip-helpers.js";
import { corpusRows, corpusSkip } from "../corpus/manifest.js";

interface Row {
  path: string;
  format: string;
  keras_version: string;
}

const rows: Row[] = corpusRows();

function kerasFiles(dir: string): string[] {
  return readdirSync(CORPUS + dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".keras"))
    .map((e) => `${e.parentPath ?? e.path}/${e.name}`);
}

test("the corpus has keras-v3 rows", { skip: rows.length === 0 && corpusSkip() }, () => {
  assert.ok(rows.filter((r) => r.format === "keras-v3").length >= 10);
});

for (const row of rows.filter((r) => r.format === "keras-v3")) {
  test(`corpus ${row.path}: zip read like zipfile, no errors, no container or pickle findings`, async () => {
    const [file] = kerasFiles(row.path);
    assert.ok(file);
    const data = new Uint8Array(readFileSync(file));
    const src = new MemorySource(file, data);
    const zip = await openZip(src, 100_000);
    assert.deepEqual(zip.entries.map((e) => e.name).sort(), ["config.json", "metadata.json", "model.weights.h5"]);
    assert.equal(zip.prepended, 0);
    for (const e of zip.entries) assert.deepEqual((await readLocalHeader(src, e)).mismatches, []);
    const r = await scanBytes(row.path + ".keras", data, { hash: false });
    assert.equal(r.targets[0]?.format, "keras-v3");
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.findings.filter((f) => /^GW(30|40)/.test(f.rule)), []);
    if (row.keras_version.startsWith("3.")) assert.equal(r.targets[0]?.details?.["keras_version_claimed"], row.keras_version);
  });
}

for (const row of rows.filter((r) => r.format === "keras-h5" && r.path.includes("as-keras"))) {
  test(`corpus ${row.path}: an HDF5 file named .keras is not taken for a zip`, async () => {
    const [file] = kerasFiles(row.path);
    assert.ok(file);
    const r = await scanBytes("model.keras", new Uint8Array(readFileSync(file)), { hash: false });
    assert.equal(r.targets[0]?.format, "keras-h5");
  });
}
