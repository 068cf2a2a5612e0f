// Red-team round 28 (Keras) cost classes A, B, D, E and G (tools/fixtures/red28_keras/FINDINGS.md) beyond the
// fixtures: `def f(x)` cases compiled by real CPython 3.6-3.13 (tests/python/vectors/gen_red28_cost_classes.py). Each
// M-... case (a load that never returns or exhausts memory) must be medium or above, each B-... benign neighbour low
// or below; a V-... case (huge-integer division) is medium or above on CPython 3.11 and earlier (schoolbook long
// division) and low or below when every version its bytecode fits is 3.12+ (subquadratic _pylong); it fails closed
// when the bytecode also fits 3.11 or earlier, and its message names the version it was weighed for.
// The decompression measurer is also checked on zlib/gzip/raw deflate bombs Node makes here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { analyzeLambda } from "../../src/python/lambda.js";
import { measureDecompressed } from "../../src/python/decompress.js";

const data = JSON.parse(readFileSync(new URL("./vectors/red28-cost-classes.json", import.meta.url), "utf8")) as { versions: Record<string, Record<string, string>> };
const rank = ["info", "low", "medium", "high", "critical"];

test("red28 cost vectors cover CPython 3.6-3.13", () => {
  assert.deepEqual(Object.keys(data.versions).sort(), ["3.10", "3.11", "3.12", "3.13", "3.6", "3.7", "3.8", "3.9"]);
});
for (const [v, cases] of Object.entries(data.versions)) {
  test(`round 28 cost classes on CPython ${v}: M-... medium or above, B-... low or below, V-... by version`, () => {
    const bad: string[] = [];
    for (const [name, code] of Object.entries(cases)) {
      const r = analyzeLambda({ form: "keras2-list", code, defaults: null, closure: null, field: "function" });
      // (a V-... case fails closed when the bytecode also fits 3.11 or earlier: judged by its slowest reading)
      const slow = r.pythonVersions.some((x) => Number(x.split(".")[1]) < 12);
      const want = name.startsWith("M-") || (name.startsWith("V-") && slow);
      if ((rank.indexOf(r.severity) >= 2) !== want) bad.push(`${name}: ${r.severity} ${r.message}`);
      if (name.startsWith("V-") && want && !/CPython 3\.\d+, as the bytecode is read/.test(r.message)) bad.push(`${name}: message does not name the version: ${r.message}`);
    }
    assert.deepEqual(bad, []);
  });
}

test("decompressions of constants are measured streaming and stopped at the cap (zlib, gzip, raw deflate)", () => {
  const zeros = new Uint8Array(5_000_000);
  const cap = 1_000_000;
  for (const [codec, z] of [["zlib", deflateSync(zeros)], ["gzip", gzipSync(zeros)], ["deflate", deflateRawSync(zeros)], ["zlib-auto", gzipSync(zeros)]] as const) {
    assert.deepEqual(measureDecompressed(codec, new Uint8Array(z), cap), { k: "capped" }, codec);
    assert.deepEqual(measureDecompressed(codec, new Uint8Array(z), 10_000_000), { k: "within", bytes: 5_000_000 }, codec);
  }
  // (an .xz stream is not decoded: not measured)
  assert.equal(measureDecompressed("lzma", new Uint8Array([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0, 0, 0]), cap).k, "unmeasured");
});
