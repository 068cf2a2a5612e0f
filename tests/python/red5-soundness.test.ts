// Value soundness of the Lambda evaluator (fixtures/lambda/soundness/<ver>.json: the sources of
// tools/fixtures/soundness_cases.mjs compiled by real CPython 3.6 to 3.14 with
// `node tools/fixtures/gen_lambda_vectors.mjs soundness`): an object the name data does not list,
// laundered through a container store, a mutating method, a higher-order call, getattr's default, a
// call of a call's result, a nested default or argument, a loop chain or an argument-returning method,
// must not come out as "a value" whose .eval is judged as a tensor method; a method of an object not
// proven a value is at least unverifiable; each benign twin stays quiet. Every case, every version.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { analyzeLambda } from "../../src/python/lambda.js";
import { PY_VERSIONS } from "../../src/python/opcodes/index.js";

interface Case {
  id: string;
  label: "malicious" | "suspicious" | "benign";
  source: string;
  code: string;
}

for (const ver of PY_VERSIONS) {
  test(`value soundness, CPython ${ver}: laundered unlisted objects are never values, benign twins stay quiet`, () => {
    const data = JSON.parse(readFileSync(new URL(`../../fixtures/lambda/soundness/${ver}.json`, import.meta.url), "utf8")) as { cases: Case[] };
    assert.ok(data.cases.length >= 33);
    const failures: string[] = [];
    for (const c of data.cases) {
      const v = analyzeLambda({ form: "keras2-list", code: c.code, field: "function" });
      if (!v.pythonVersions.includes(ver)) failures.push(`${c.id}: versions ${v.pythonVersions.join(",")} miss ${ver}`);
      if (c.label === "malicious" && !(v.severity === "high" || v.severity === "critical")) failures.push(`${c.id}: ${v.severity}: ${v.message}`);
      else if (c.label === "suspicious" && (v.severity === "info" || v.severity === "low")) failures.push(`${c.id}: ${v.severity}: ${v.message}`);
      else if (c.label === "benign" && !(v.severity === "info" || v.severity === "low")) failures.push(`${c.id}: ${v.severity}: ${v.message} | ${v.evidence}`);
    }
    assert.deepEqual(failures, []);
  });
}
