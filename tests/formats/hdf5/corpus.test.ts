// Every HDF5 file of the real-world corpus (../shared/corpus/realworld): the keras-h5 rows
// (including .keras-named HDF5 files) and the model.weights.h5 members of the Keras 3 zips.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { unzipSync } from "fflate";
import { parseJsonLimited } from "../../../src/formats/json.js";
import { scanBytes } from "../../../src/scanner.js";
import { isShapeBomb } from "../../../src/rules/hdf5.js";
import { CORPUS, open, rootString } from "./helpers.js";
import { corpusRows, corpusSkip } from "../../corpus/manifest.js";

interface Row {
  path: string;
  format: string;
  keras_version: string;
}

const rows: Row[] = corpusRows();
const present = rows.length > 0;

function filesOf(dir: string): string[] {
  return readdirSync(CORPUS + dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `${e.parentPath ?? e.path}/${e.name}`);
}

test("the corpus has its keras-h5 rows", { skip: !present && corpusSkip() }, () => {
  assert.equal(rows.filter((r) => r.format === "keras-h5").length, 12);
});

for (const row of rows.filter((r) => r.format === "keras-h5")) {
  test(`corpus ${row.path}: model_config is valid JSON, no errors, no GW31x, lazy reads`, async () => {
    const [file] = filesOf(row.path);
    assert.ok(file);
    const data = new Uint8Array(readFileSync(file));
    const f = await open(data, file);
    const w = await f.walk();
    assert.deepEqual(w.links, []);
    for (const o of w.objects) if (o.dataset) assert.equal(isShapeBomb(o.dataset, data.length), false, o.path);
    const text = await rootString(f, "model_config");
    assert.ok(text, "model_config attribute missing");
    const cfg = parseJsonLimited(text, 512) as { class_name?: string };
    assert.equal(typeof cfg.class_name, "string");
    assert.equal(await rootString(f, "keras_version"), row.keras_version);
    assert.ok(f.bytesRead <= data.length);
    if (data.length > 1_000_000) assert.ok(f.bytesRead < data.length * 0.2, `read ${f.bytesRead} of ${data.length} bytes`);

    const r = await scanBytes(row.path, data, { hash: false });
    assert.equal(r.targets[0]?.format, "keras-h5");
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.findings.filter((x) => x.rule.startsWith("GW31")), []);
  });
}

for (const row of rows.filter((r) => r.format === "keras-v3")) {
  test(`corpus ${row.path}: the weights HDF5 inside the zip is weights-only and clean`, async () => {
    const [file] = filesOf(row.path).filter((p) => p.endsWith(".keras"));
    assert.ok(file);
    const members = unzipSync(new Uint8Array(readFileSync(file)), { filter: (m) => m.name.endsWith(".h5") });
    const names = Object.keys(members);
    assert.equal(names.length, 1, names.join(", "));
    const data = members[names[0]!]!;
    const f = await open(data, names[0]);
    const w = await f.walk();
    assert.deepEqual(w.links, []);
    assert.ok(w.objects.some((o) => o.kind === "dataset"));
    const r = await scanBytes(names[0]!, data, { hash: false });
    assert.deepEqual(r.errors, []);
    assert.equal(r.targets[0]?.details?.["weights_only"], true);
    assert.deepEqual(r.findings.filter((x) => x.rule.startsWith("GW31")), []);
  });
}
