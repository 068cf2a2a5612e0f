import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ALL_RULES } from "../src/rules/index.js";
import { renderRulesDoc } from "../src/report/rules-doc.js";

test("docs/rules.md is generated from the current rule metadata (run npm run docs:rules)", () => {
  const onDisk = readFileSync(new URL("../docs/rules.md", import.meta.url), "utf8");
  assert.ok(onDisk === renderRulesDoc(ALL_RULES), "docs/rules.md is stale: run npm run docs:rules");
});

test("rule ids are unique and every rule is documented", () => {
  const ids = ALL_RULES.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of ALL_RULES) {
    assert.match(r.meta.id, /^GW\d{3}$/);
    for (const k of ["name", "summary", "why", "example", "fix"] as const) assert.ok(r.meta[k].length > 3, `${r.meta.id} ${k}`);
  }
});
