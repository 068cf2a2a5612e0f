// Real Lambdas from published models (fixtures/lambda/realworld-lambdas.json, extracted from
// shared/corpus/realworld by tools/fixtures/extract_realworld_lambdas.py): Keras 2.0.4 raw latin-1
// bytecode, Keras 2.2.4 / 2.9 base64, Keras 3 `__lambda__` in legacy h5 and .keras, and the
// SavedModel keras_metadata `__tuple__` form. All are benign tensor code: compute, info.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { analyzeLambda, type LambdaPayload } from "../../src/python/lambda.js";

interface Real extends LambdaPayload {
  source: string;
  pointer: string;
}

const data = JSON.parse(readFileSync(new URL("../../fixtures/lambda/realworld-lambdas.json", import.meta.url), "utf8")) as { lambdas: Real[] };

test("real-world Lambdas decode and come out compute-only", () => {
  assert.ok(data.lambdas.length >= 12);
  const forms = new Set(data.lambdas.map((l) => l.form));
  for (const f of ["keras2-list", "keras3-lambda", "tuple"]) assert.ok(forms.has(f as LambdaPayload["form"]), `form ${f} present`);
  const bad: string[] = [];
  for (const l of data.lambdas) {
    const v = analyzeLambda(l);
    if (v.kind !== "compute" || v.severity !== "info" || v.pythonVersions.length === 0) bad.push(`${l.source}${l.pointer}: ${v.kind}/${v.severity} [${v.pythonVersions}] ${v.message} | ${v.evidence}`);
  }
  assert.deepEqual(bad, []);
});

test("Keras 2.0.4 raw latin-1 bytecode is CPython 3.5 pre-wordcode bytecode", () => {
  const raw = data.lambdas.filter((l) => l.source.startsWith("003_"));
  assert.ok(raw.length >= 1);
  for (const l of raw) {
    const v = analyzeLambda(l);
    assert.deepEqual(v.pythonVersions, ["3.5"]);
  }
});
