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
import { measureDecompressed, xzSize } from "../../src/python/decompress.js";

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

test(".xz files are measured by the unpacked sizes their LZMA2 chunks declare (CPython 3.11's lzma.compress: SHA-256 and no check, two streams with padding, a BCJ filter, empty)", () => {
  for (const [name, hex, size] of [
    ["sha", "fd377a585a00000ae1fb0ca10200210116000000742fe5a3e00bb700185d00309888ad4b3712a33185ddfa5304edebdf42b812c33b59d800328de8f1895f8bb09f6e6b4c2012ef2b2a6f067cd002794b750aa040a6f6d8bd00014cb8170000003932b656b6e9df1c02000000000a595a", 3000],
    ["none", "fd377a585a000000ff12d9410200210116000000742fe5a3e0752f00445d003c1e4bc0c0cb3c7356c6a893e7662a10a6a8621bc2be11ee661a09fa1caaedb58a62caa00fdbe54eae0bf720d8f8ec4fbbc0209a3854475c7b7d217c5b7114efd017330000000158b0ea010000389d4f8ba8000afc020000000000595a", 30000],
    ["multi", "fd377a585a000004e6d6b4460200210116000000742fe5a3e01387001e5d0030effbbffea3b15ee5f83fb2aa2655f868704170150f8dfd1e35c9c1d60000000044c3d4ea90ac7e2c00013a8827000000c29cc7dab1c467fb020000000004595a0000000000000000fd377a585a000004e6d6b4460200210116000000742fe5a3e01b5700245d00316ffbbffea3b15ee5f83fb2aa2655f868704170150f8dfd1e4c1b8a42b719e2bf3db40000e0421f0df863052b000140d836000000544dc8a0b1c467fb020000000004595a", 12000],
    ["bcj", "fd377a585a000004e6d6b44602010400210116000d86351fe063ff01265d00000052500a84f99bb28021a969d627e03e065a5f048d53d404ba39570509c15524de9db871593160a19ff96f4973f2c8ea8cba1a8b29692180fe338366af466dec9e898a0b83f03c0e898e3fed5fe79e90d91cff32f4b2e03951b2d21415b4c571badb06e3799a9fbb38c1b000ac930baa0619031208155b9bc848f0322efe2da087c8f0a4e0d251eb8d675692b24d84c5f18631df6a625bc2792dd9f73c73ba747407d83ca9562224a166f85a845f3067d2f64b492e7f20ebdbf8100e947877c73f6befb4cd95e26ff6446e06cf0b821acbdb7af0578d98ff90c03ee6c1124175ee032896eb13fba728ccaf32bba40e25f258b0ded8561c66f0e21b3976f997ff8fa3c82ff4adf2db3831307ac077222485ea020402a13c44e52133eb78bcfe61b479c8e800000000d9550dddcfe510930001c20280c8010080784b8eb1c467fb020000000004595a", 25600],
    ["empty", "fd377a585a000004e6d6b446000000001cdf44211fb6f37d010000000004595a", 0],
  ] as const) assert.equal(xzSize(new Uint8Array(Buffer.from(hex, "hex"))), size, name);
});
