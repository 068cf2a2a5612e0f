// Red-team round 27 (Keras) cost classes C-J beyond the fixtures, compiled by real CPython 3.6-3.13
// (tests/python/vectors/gen_red27_cost_classes.py): growth from -1/0/1 moved by an added constant (C), from a parameter's
// bound constant (I), over repetitions (D); growing C reducers (E); per-pass cost (F); early-stopping consumers that
// never stop (G); hash-colliding keys (H); Decimal precision (J). Each M-... case must be medium or above, each B-...
// benign neighbour (a true fixed point, a parameter bound 1 or the input, short loops and repetitions, a product from
// 0, empty lists, consumers an item stops, distinct hashes, small exponents, short strings, small precisions) low or
// below.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { analyzeLambda } from "../../src/python/lambda.js";

const data = JSON.parse(readFileSync(new URL("./vectors/red27-cost-classes.json", import.meta.url), "utf8")) as { versions: Record<string, Record<string, string>> };
const rank = ["info", "low", "medium", "high", "critical"];

test("round 27 class vectors cover CPython 3.6-3.13", () => {
  assert.deepEqual(Object.keys(data.versions).sort(), ["3.10", "3.11", "3.12", "3.13", "3.6", "3.7", "3.8", "3.9"]);
});
for (const [v, cases] of Object.entries(data.versions)) {
  test(`round 27 classes C-J on CPython ${v}: M-... medium or above, B-... low or below`, () => {
    const bad: string[] = [];
    for (const [name, code] of Object.entries(cases)) {
      const r = analyzeLambda({ form: "keras2-list", code, defaults: null, closure: null, field: "function" });
      const stalls = rank.indexOf(r.severity) >= 2;
      if (stalls !== name.startsWith("M-")) bad.push(`${name}: ${r.severity} ${r.message}`);
    }
    assert.deepEqual(bad, []);
  });
}
