// Every shape in which a Keras config hands code to func_load (tf_keras generic_utils, Keras 3
// python_utils: a str, or a list unpacked as `code, defaults, closure`), placed in each caller's field
// (Keras 3 Lambda.from_config config.code, serialization_lib's __lambda__ config.value, the legacy
// list function, tf_keras cell wrappers' <field>_type "lambda"), with real Keras-written code strings
// (fixtures/lambda/func-load-codes.json). Malicious code must be critical wherever it sits; a code
// field in a shape the walker does not read must be high, never skipped; benign code stays quiet.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { scanBytes } from "../../src/scanner.js";
import { severityRank, type Report } from "../../src/core/types.js";

const CODES = JSON.parse(readFileSync(new URL("../../fixtures/lambda/func-load-codes.json", import.meta.url), "utf8")) as Record<"malicious" | "benign", { code: string }>;
const enc = (s: string) => new TextEncoder().encode(s);
const scanJson = (doc: unknown): Promise<Report> => scanBytes("config.json", enc(JSON.stringify(doc)), { hash: false });
const worst = (r: Report): string => r.findings.reduce((a, f) => (severityRank(f.severity) > severityRank(a as never) ? f.severity : a), "info" as string);

function model(layer: Record<string, unknown>): unknown {
  return {
    module: "keras.src.models.functional",
    class_name: "Functional",
    config: {
      name: "m",
      layers: [{ module: "keras.layers", class_name: "InputLayer", config: { batch_shape: [null, 4], name: "in" }, registered_name: null, name: "in", inbound_nodes: [] }, { name: "x", inbound_nodes: [], registered_name: null, ...layer }],
      input_layers: [["in", 0, 0]],
      output_layers: [["x", 0, 0]],
    },
    registered_name: null,
  };
}
const lambdaLayer = (config: Record<string, unknown>) => model({ module: "keras.layers", class_name: "Lambda", config: { name: "x", arguments: {}, ...config } });

const SHAPES: [name: string, build: (code: string) => unknown][] = [
  ["Keras 3 __lambda__ config.code string", (c) => lambdaLayer({ function: { class_name: "__lambda__", config: { code: c, defaults: null, closure: null } } })],
  ["Keras 3 __lambda__ config.code = [code, defaults, closure]", (c) => lambdaLayer({ function: { class_name: "__lambda__", config: { code: [c, null, null], defaults: null, closure: null } } })],
  ["__lambda__ config.value string (serialization_lib)", (c) => lambdaLayer({ function: { class_name: "__lambda__", config: { value: c } } })],
  ["__lambda__ config.value list", (c) => lambdaLayer({ function: { class_name: "__lambda__", config: { value: [c, null, null] } } })],
  ["__lambda__ with benign config.code and this config.value (loaders differ in which they read)", (c) => lambdaLayer({ function: { class_name: "__lambda__", config: { code: CODES.benign.code, defaults: null, closure: null, value: c } } })],
  ["__lambda__ in Lambda arguments", (c) => lambdaLayer({ function: { class_name: "__lambda__", config: { code: CODES.benign.code, defaults: null, closure: null } }, arguments: { m: { class_name: "__lambda__", config: { value: c } } } })],
  ["legacy list function, function_type lambda", (c) => lambdaLayer({ function: [c, null, null], function_type: "lambda" })],
  ["legacy list function, function_type raw (Keras 3's legacy loader func_loads any list)", (c) => lambdaLayer({ function: [c, null, null], function_type: "raw" })],
  ["legacy list whose first item is the [code, defaults, closure] list (Keras 3 unpacks it)", (c) => lambdaLayer({ function: [[c, null, null], null, null], function_type: "lambda" })],
  ["bare string, function_type lambda", (c) => lambdaLayer({ function: c, function_type: "lambda" })],
  ["tf_keras DropoutWrapper dropout_fn, dropout_fn_type lambda", (c) => model({ class_name: "RNN", config: { name: "x", cell: { class_name: "DropoutWrapper", config: { cell: { class_name: "LSTMCell", config: { units: 2 } }, dropout_fn: [c, null, null], dropout_fn_type: "lambda", dropout_fn_module: "tf_keras.src.layers.rnn.cell_wrappers" } } } })],
];

for (const [name, build] of SHAPES) {
  test(`${name}: malicious code is critical, benign twin quiet`, async () => {
    const bad = await scanJson(build(CODES.malicious.code));
    assert.equal(worst(bad), "critical", JSON.stringify(bad.findings.map((f) => [f.rule, f.severity, f.message])));
    assert.ok(bad.findings.some((f) => f.rule === "GW201" && /os\.system/.test(f.message)));
    const good = await scanJson(build(CODES.benign.code));
    assert.ok(severityRank(worst(good) as never) <= severityRank("low"), JSON.stringify(good.findings.map((f) => [f.rule, f.severity, f.message])));
  });
}

const UNREAD: [name: string, doc: unknown][] = [
  ["__lambda__ config.code a number", lambdaLayer({ function: { class_name: "__lambda__", config: { code: 42, defaults: null, closure: null } } })],
  ["__lambda__ config.code an object", lambdaLayer({ function: { class_name: "__lambda__", config: { code: { class_name: "__bytes__", config: { value: "x" } }, defaults: null, closure: null } } })],
  ["__lambda__ config.value a list whose first item is not a string", lambdaLayer({ function: { class_name: "__lambda__", config: { value: [{ a: 1 }, null, null] } } })],
  ["__lambda__ config not an object", lambdaLayer({ function: { class_name: "__lambda__", config: "abc" } })],
  ["__lambda__ without code or value", lambdaLayer({ function: { class_name: "__lambda__", config: {} } })],
  ["__lambda__ without a config, in Lambda arguments", lambdaLayer({ function: { class_name: "__lambda__", config: { code: CODES.benign.code, defaults: null, closure: null } }, arguments: { m: { class_name: "__lambda__", value: CODES.malicious.code } } })],
  ["nested __lambda__ with an unread value", lambdaLayer({ function: { class_name: "__lambda__", config: { code: CODES.benign.code, defaults: null, closure: null } }, arguments: { m: { class_name: "__lambda__", config: { value: { x: 1 } } } } })],
  ["function_type lambda with an object function", lambdaLayer({ function: { a: 1 }, function_type: "lambda" })],
];

for (const [name, doc] of UNREAD) {
  test(`${name}: reported high as an unread code shape`, async () => {
    const r = await scanJson(doc);
    const f = r.findings.find((x) => x.rule === "GW202" && /shape graphwarden does not read/.test(x.message));
    assert.ok(f, JSON.stringify(r.findings.map((x) => [x.rule, x.severity, x.message])));
    assert.equal(f.severity, "high");
  });
}

test("a cell wrapper's typed function claims Keras 2 and tf-keras only (Keras 3 has no cell wrappers); a Lambda with the same code still claims Keras 3", async () => {
  const rnn = (fn: unknown, extra: Record<string, unknown>) => ({
    class_name: "Sequential",
    config: { name: "s", layers: [{ class_name: "InputLayer", config: { batch_input_shape: [null, 3, 4], name: "in" } }, { class_name: "RNN", config: { name: "x", cell: { class_name: "DropoutWrapper", config: { cell: { class_name: "LSTMCell", config: { units: 2 } }, dropout_fn: fn, ...extra } } } }] },
  });
  const r = await scanJson(rnn([CODES.malicious.code, null, null], { dropout_fn_type: "lambda", dropout_fn_module: "tf_keras.src.layers.rnn.cell_wrappers" }));
  const f = r.findings.find((x) => x.rule === "GW201");
  assert.ok(f, JSON.stringify(r.findings));
  assert.equal(f.severity, "critical");
  assert.ok(f.affectedVersions?.length && f.affectedVersions.every((v) => !v.startsWith("keras>=3")), JSON.stringify(f.affectedVersions));
  const lam = await scanJson({ class_name: "Sequential", config: { name: "s", layers: [{ class_name: "InputLayer", config: { batch_input_shape: [null, 4], name: "in" } }, { class_name: "Lambda", config: { name: "x", function: [CODES.malicious.code, null, null], function_type: "lambda", arguments: {} } }] } });
  const g = lam.findings.find((x) => x.rule === "GW201");
  assert.ok(g?.affectedVersions?.some((v) => v.startsWith("keras>=3")), JSON.stringify(g));
});
