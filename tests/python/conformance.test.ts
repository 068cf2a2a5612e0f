// Conformance: our marshal reader + disassembler against CPython's own dis, on a fixed sample of
// each version's standard library (fixtures/lambda/conformance, made by gen_lambda_vectors.mjs sample).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gunzipSync } from "fflate";
import { PY_VERSIONS } from "../../src/python/opcodes/index.js";
import { compareFile, type DumpFile } from "./conformance-helpers.js";

for (const v of PY_VERSIONS) {
  test(`dis conformance on a stdlib sample, CPython ${v}`, () => {
    const text = new TextDecoder().decode(gunzipSync(readFileSync(new URL(`../../fixtures/lambda/conformance/${v}.jsonl.gz`, import.meta.url))));
    const files = text.trim().split("\n").map((l) => JSON.parse(l) as DumpFile);
    assert.ok(files.length >= 5, "sample present");
    let instructions = 0;
    let codes = 0;
    const bad: string[] = [];
    for (const f of files) {
      const r = compareFile(v, f);
      instructions += r.instructions;
      codes += r.codes;
      for (const m of r.mismatches) bad.push(`${m.file}:${m.code}@${m.offset}: ours ${m.ours} | dis ${m.theirs}`);
    }
    assert.deepEqual(bad.slice(0, 10), [], `${bad.length} mismatches`);
    assert.ok(instructions > 1000 && codes > 50, `compared ${instructions} instructions in ${codes} code objects`);
  });
}
