// The labelled Lambda set compiled by real CPython 3.6-3.14 (fixtures/lambda/labelled, made by
// tools/fixtures/gen_lambda_vectors.mjs lambdas): every malicious body is found at its expected
// severity with the right callee in the evidence; every benign body stays quiet (info or low).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { analyzeLambda } from "../../src/python/lambda.js";
import { PY_VERSIONS } from "../../src/python/opcodes/index.js";

interface Case {
  id: string;
  label: "malicious" | "benign";
  expect?: string;
  callee?: string;
  module?: string;
  arguments?: Record<string, unknown>;
  code: string;
  raw?: string;
  defaults?: unknown[];
  closure?: unknown[];
}

const severityOrder = ["info", "low", "medium", "high", "critical"];

for (const v of PY_VERSIONS) {
  test(`labelled Lambda set, CPython ${v}`, () => {
    const data = JSON.parse(readFileSync(new URL(`../../fixtures/lambda/labelled/${v}.json`, import.meta.url), "utf8")) as { cases: Case[] };
    assert.ok(data.cases.length >= 40);
    const failures: string[] = [];
    for (const c of data.cases) {
      const verdict = analyzeLambda({ form: "keras2-list", code: c.code, defaults: c.defaults ?? null, closure: c.closure ?? null, module: c.module, field: "function", arguments: c.arguments });
      if (!verdict.pythonVersions.includes(v)) failures.push(`${c.id}: versions ${verdict.pythonVersions.join(",")} miss ${v}`);
      if (c.label === "malicious") {
        if (verdict.severity !== c.expect) failures.push(`${c.id}: ${verdict.severity} (want ${c.expect}) ${verdict.message} | ${verdict.evidence}`);
        else if (c.callee && !verdict.evidence.includes(c.callee)) failures.push(`${c.id}: evidence lacks ${c.callee}: ${verdict.evidence}`);
      } else if (severityOrder.indexOf(verdict.severity) > 1) {
        failures.push(`${c.id}: benign but ${verdict.severity}: ${verdict.message} | ${verdict.evidence}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test(`labelled Lambdas stored as Keras 1.x/2.0 raw_unicode_escape strings give the same verdict, CPython ${v}`, () => {
    const data = JSON.parse(readFileSync(new URL(`../../fixtures/lambda/labelled/${v}.json`, import.meta.url), "utf8")) as { cases: Case[] };
    const raw = data.cases.filter((c) => c.raw);
    assert.ok(raw.length >= 4);
    for (const c of raw) {
      const base = { defaults: c.defaults ?? null, closure: null, module: c.module, field: "function", arguments: c.arguments };
      const a = analyzeLambda({ form: "keras2-list", code: c.code, ...base });
      const b = analyzeLambda({ form: "raw-string", code: c.raw!, ...base });
      assert.equal(b.severity, a.severity, c.id);
      assert.equal(b.evidence, a.evidence, c.id);
    }
  });
}
