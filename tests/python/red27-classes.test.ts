// Red-team round 27 (Keras) value-flow classes A, B and K beyond the fixtures, compiled by real CPython 3.6-3.13
// (tests/python/vectors/gen_red27_classes.py): a module read back through an item, a method result or an iteration
// item of a parameter that may take anything (a metaclass's class namespace, a function reached through
// next(iter([g]))); a module sent into the code's own generator (directly, in a loop, through a send method handed to
// map, into a generator the evaluator cannot follow); a module stored as an attribute through the code's own
// __setattr__ (STORE_ATTR or setattr()) or a data descriptor's __set__, and handed to __setstate__ by copy.copy. Each
// M-... case must be high or above, each B-... benign neighbour (math instead of os, a number sent, a generator driven
// by a for loop and closed) low or below.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { analyzeLambda } from "../../src/python/lambda.js";

const data = JSON.parse(readFileSync(new URL("./vectors/red27-classes.json", import.meta.url), "utf8")) as { versions: Record<string, Record<string, string>> };
const rank = ["info", "low", "medium", "high", "critical"];
const KNOWN: Record<string, string[]> = {};

test("round 27 class vectors cover CPython 3.6-3.13", () => {
  assert.deepEqual(Object.keys(data.versions).sort(), ["3.10", "3.11", "3.12", "3.13", "3.6", "3.7", "3.8", "3.9"]);
});
for (const [v, cases] of Object.entries(data.versions)) {
  test(`round 27 classes A, B, K on CPython ${v}: M-... high or above, B-... low or below`, () => {
    const bad: string[] = [];
    for (const [name, code] of Object.entries(cases)) {
      if (KNOWN[v]?.includes(name)) continue;
      const r = analyzeLambda({ form: "keras2-list", code, defaults: null, closure: null, field: "function" });
      const sev = rank.indexOf(r.severity);
      if (name.startsWith("M-") ? sev < 3 : sev >= 2) bad.push(`${name}: ${r.severity} ${r.message}`);
    }
    assert.deepEqual(bad, []);
  });
}
