// Loops whose every pass makes a long sequence by repetition, in for loops and counted while loops (and the costly
// weights the for loops already had, now in while loops too), compiled by real CPython 3.6-3.13
// (tests/python/vectors/gen_loop_work.py). Each M-... case (about 10**7 passes of a 1 MB allocation: minutes at load
// and on every call) must be medium or above, each B-... benign neighbour (few passes, short sequences, one
// repetition outside a loop) low or below.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { analyzeLambda } from "../../src/python/lambda.js";

const data = JSON.parse(readFileSync(new URL("./vectors/loop-work.json", import.meta.url), "utf8")) as { versions: Record<string, Record<string, string>> };
const rank = ["info", "low", "medium", "high", "critical"];

test("loop-work vectors cover CPython 3.6-3.13", () => {
  assert.deepEqual(Object.keys(data.versions).sort(), ["3.10", "3.11", "3.12", "3.13", "3.6", "3.7", "3.8", "3.9"]);
});
for (const [v, cases] of Object.entries(data.versions)) {
  test(`costly work on every pass of a for or counted while loop on CPython ${v}: M-... medium or above, B-... low or below`, () => {
    const bad: string[] = [];
    for (const [name, code] of Object.entries(cases)) {
      const r = analyzeLambda({ form: "keras2-list", code, defaults: null, closure: null, field: "function" });
      if ((rank.indexOf(r.severity) >= 2) !== name.startsWith("M-")) bad.push(`${name}: ${r.severity} ${r.message}`);
    }
    assert.deepEqual(bad, []);
  });
}
