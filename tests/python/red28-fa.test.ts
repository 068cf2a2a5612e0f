// Red-team round 28 (Keras) false alarms F and H beyond the fixtures, compiled by real CPython 3.6-3.13
// (tests/python/vectors/gen_red28_fa.py): in-memory bz2 / lzma / zlib (de)compressor objects and their compress /
// decompress / flush, gzip.GzipFile over an in-memory stream (no filename), numpy random Generator / RandomState
// methods and finfo attributes must be low or below (B-...); the same modules' file openers (BZ2File, bz2.open,
// LZMAFile, GzipFile with a filename, GzipFile over open()) and a bit generator's raw cffi interface stay medium or
// above (M-...).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { analyzeLambda } from "../../src/python/lambda.js";

const data = JSON.parse(readFileSync(new URL("./vectors/red28-fa.json", import.meta.url), "utf8")) as { versions: Record<string, Record<string, string>> };
const rank = ["info", "low", "medium", "high", "critical"];

test("round 28 false-alarm vectors cover CPython 3.6-3.13", () => {
  assert.deepEqual(Object.keys(data.versions).sort(), ["3.10", "3.11", "3.12", "3.13", "3.6", "3.7", "3.8", "3.9"]);
});
for (const [v, cases] of Object.entries(data.versions)) {
  test(`round 28 false alarms F and H on CPython ${v}: B-... low or below, M-... medium or above`, () => {
    const bad: string[] = [];
    for (const [name, code] of Object.entries(cases)) {
      const r = analyzeLambda({ form: "keras2-list", code, defaults: null, closure: null, field: "function" });
      const sev = rank.indexOf(r.severity);
      if (name.startsWith("M-") ? sev < 2 : sev >= 2) bad.push(`${name}: ${r.severity} ${r.message}`);
    }
    assert.deepEqual(bad, []);
  });
}
