// Red-team round 29 (Keras) Lambda classes A, B, F, G, H and I (tools/fixtures/red29_keras/FINDINGS.md) beyond the
// fixtures: `def f(x)` cases compiled by real CPython 3.6-3.13 (tests/python/vectors/gen_red29_lambda_classes.py).
// Each M-... case (a load that never returns or exhausts memory) must be medium or above, each B-... benign neighbour
// low or below. The LZMA measurer is also checked on concatenated streams against CPython's lzma.decompress lengths.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { analyzeLambda } from "../../src/python/lambda.js";
import { measureDecompressed } from "../../src/python/decompress.js";

const data = JSON.parse(readFileSync(new URL("./vectors/red29-lambda-classes.json", import.meta.url), "utf8")) as { versions: Record<string, Record<string, string>> };
const rank = ["info", "low", "medium", "high", "critical"];

test("red29 Lambda vectors cover CPython 3.6-3.13", () => {
  assert.deepEqual(Object.keys(data.versions).sort(), ["3.10", "3.11", "3.12", "3.13", "3.6", "3.7", "3.8", "3.9"]);
});
for (const [v, cases] of Object.entries(data.versions)) {
  test(`round 29 Lambda classes on CPython ${v}: M-... medium or above, B-... low or below`, () => {
    const bad: string[] = [];
    for (const [name, code] of Object.entries(cases)) {
      const r = analyzeLambda({ form: "keras2-list", code, defaults: null, closure: null, field: "function" });
      if ((rank.indexOf(r.severity) >= 2) !== name.startsWith("M-")) bad.push(`${name}: ${r.severity} ${r.message}`);
    }
    assert.deepEqual(bad, []);
  });
}

test("lzma.decompress of concatenated streams is measured stream after stream (lengths from CPython 3.11's lzma)", () => {
  // (.lzma of 100 'a' then of 5000 'b'; of 100 'a' then 8 bytes that are no stream; of 100 'a' then an .xz of 999 'q')
  const alone = "5d00008000ffffffffffffffff0030ee9f07ffffffff80000000";
  for (const [hex, n, multi] of [
    [alone + alone, 200, true],
    [alone + alone, 100, false],
    [alone + Buffer.from("garbage!").toString("hex"), 100, true],
  ] as const) assert.deepEqual(measureDecompressed("lzma", new Uint8Array(Buffer.from(hex, "hex")), 10 ** 8, multi), { k: "within", bytes: n }, hex);
});
