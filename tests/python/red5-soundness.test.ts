// Value soundness of the Lambda evaluator (fixtures/lambda/red5-soundness-3.11.json, compiled by real
// CPython 3.11 with tools/fixtures/red5_keras/gen_soundness.py): an object the name data does not list,
// laundered through a container store, a mutating method, a higher-order call, getattr's default, a
// call of a call's result, a nested default or argument, a loop chain or an argument-returning method,
// must not come out as "a value" whose .eval is judged as a tensor method; a method of an object not
// proven a value is at least unverifiable; each benign twin stays quiet.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { analyzeLambda } from "../../src/python/lambda.js";

interface Case {
  id: string;
  label: "malicious" | "suspicious" | "benign";
  source: string;
  code: string;
}

const data = JSON.parse(readFileSync(new URL("../../fixtures/lambda/red5-soundness-3.11.json", import.meta.url), "utf8")) as { cases: Case[] };

for (const c of data.cases) {
  test(`${c.id} (${c.label}): ${c.source.replace(/\s+/g, " ").slice(0, 110)}`, () => {
    const v = analyzeLambda({ form: "keras2-list", code: c.code, field: "function" });
    assert.ok(v.pythonVersions.includes("3.11"), v.pythonVersions.join(","));
    if (c.label === "malicious") assert.ok(v.severity === "high" || v.severity === "critical", `${v.severity}: ${v.message}`);
    else if (c.label === "suspicious") assert.ok(v.severity !== "info" && v.severity !== "low", `${v.severity}: ${v.message}`);
    else assert.ok(v.severity === "info" || v.severity === "low", `${v.severity}: ${v.message} | ${v.evidence}`);
  });
}
