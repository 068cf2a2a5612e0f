// Relative imports in Lambda bytecode are resolved against the __package__ of the globals the loader
// gives the function (tf_keras lambda_layer's merged with a loaded config module's; Keras 3
// python_utils'), then judged under the absolute name. Code strings: fixtures/lambda/func-load-codes.json
// (Keras 3.15.1 func_dump, tools/fixtures/red5_keras/gen_shape_codes.py); the loader-proven pair is in
// red5.test.ts (red5-relative-import-*).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { analyzeLambda } from "../../src/python/lambda.js";

const CODES = JSON.parse(readFileSync(new URL("../../fixtures/lambda/func-load-codes.json", import.meta.url), "utf8")) as Record<string, { code: string }>;

test("`from . import gen_io_ops` under a config module in tensorflow.python.ops reaches that package's write_file", () => {
  const v = analyzeLambda({ form: "keras2-list", code: CODES.relative_sibling!.code, field: "function", module: "tensorflow.python.ops.math_ops" });
  assert.equal(v.kind, "risky", v.message);
  assert.match(v.message, /tensorflow\.python\.ops\.gen_io_ops\.write_file/);
});

test("the same code under the tf_keras Lambda module's package names no such module: not risky, not compute", () => {
  const v = analyzeLambda({ form: "keras2-list", code: CODES.relative_sibling!.code, field: "function", module: "tf_keras.src.layers.core.lambda_layer" });
  assert.notEqual(v.kind, "compute", v.message);
  assert.doesNotMatch(v.message, /gen_io_ops\.write_file \(/);
});

test("a relative import beyond every loader's top-level package is an unknown module, never verified compute", () => {
  const v = analyzeLambda({ form: "keras2-list", code: CODES.relative_too_deep!.code, field: "function" });
  assert.notEqual(v.kind, "compute", v.message);
  assert.doesNotMatch(v.evidence, /import \.+os|\bimport os\b/);
});
