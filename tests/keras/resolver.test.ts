// The Keras reference resolver is the loaders' (src/keras/loader.ts, proven against the real
// resolvers by tests/oracle/resolver_diff.py): registered_name fallbacks, importable modules that
// are not in the name tables, re-exports followed to the canonical object, glob deny patterns.
// Each malicious config next to a benign twin, judged through the real scan path.
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanBytes } from "../../src/scanner.js";
import { severityRank, type Finding, type Report } from "../../src/core/types.js";
import { judgeTarget, matches } from "../../src/catalog/python.js";
import { KERAS3_MODELS, modelFor, resolveWithLoader } from "../../src/keras/loader.js";
import { mergeRanges } from "../../src/keras/resolve.js";

const enc = (s: string) => new TextEncoder().encode(s);

async function scanJson(doc: unknown): Promise<Report> {
  return scanBytes("config.json", enc(JSON.stringify(doc)), { hash: false });
}

function above(r: Report, sev: "low" | "info"): Finding[] {
  return r.findings.filter((f) => severityRank(f.severity) > severityRank(sev));
}

function functional(layer: Record<string, unknown>): unknown {
  return {
    module: "keras.src.models.functional",
    class_name: "Functional",
    config: {
      name: "m",
      layers: [
        { module: "keras.layers", class_name: "InputLayer", config: { batch_shape: [null, 4], name: "in" }, registered_name: null, name: "in", inbound_nodes: [] },
        layer,
      ],
      input_layers: [["in", 0, 0]],
      output_layers: [["x", 0, 0]],
    },
    registered_name: null,
  };
}

const args = [{ args: ["id > /tmp/gw-canary"], kwargs: {} }];
const dense = { module: "keras.layers", class_name: "Dense", config: { name: "x", units: 2 }, registered_name: null, name: "x", inbound_nodes: [] };

test("registered_name fallback: a missing attribute of os falls back to os.system in Keras <= 3.8 and tf-keras", async () => {
  const r = await scanJson(functional({ module: "os", class_name: "function", config: "not_an_attribute", registered_name: "system", name: "x", inbound_nodes: args }));
  const f = r.findings.find((x) => x.rule === "GW101");
  assert.equal(f?.severity, "critical", JSON.stringify(r.findings));
  assert.match(f!.message, /os\.system/);
  assert.deepEqual(f?.affectedVersions, ["keras>=3.0,<3.9", "tf-keras>=2.13"]);
  // Twin: the fallback names a missing attribute too, nothing is reached.
  const twin = await scanJson(functional({ module: "os", class_name: "function", config: "not_an_attribute", registered_name: "also_not_there", name: "x", inbound_nodes: args }));
  assert.deepEqual(above(twin, "low"), [], JSON.stringify(twin.findings));
});

test("registered_name fallback in the class form reaching a Python function: it is handed back as the layer", async () => {
  const r = await scanJson(functional({ module: "subprocess", class_name: "NotAClass", config: {}, registered_name: "getoutput", name: "x", inbound_nodes: args }));
  const f = r.findings.find((x) => x.rule === "GW101");
  assert.equal(f?.severity, "critical", JSON.stringify(r.findings));
  assert.match(f!.message, /subprocess\.getoutput/);
  assert.deepEqual(f?.affectedVersions, ["keras>=3.0,<3.9", "tf-keras>=2.13"]);
  // A builtin (no from_config, not a Python function) in the class form cannot be built: no version claimed.
  const builtin = await scanJson(functional({ module: "os", class_name: "NotAClass", config: {}, registered_name: "system", name: "x", inbound_nodes: args }));
  const b = builtin.findings.find((x) => x.rule === "GW102");
  assert.equal(b?.severity, "medium");
  assert.ok(!b?.affectedVersions?.length);
});

test("timeit and logging.config are importable standard-library modules: judged by what they reach, not custom", async () => {
  const t = await scanJson(functional({ module: "timeit", class_name: "function", config: "timeit", registered_name: null, name: "x", inbound_nodes: [{ args: ["__import__('os').system('id')"], kwargs: {} }] }));
  const ft = t.findings.find((x) => x.rule === "GW101");
  assert.equal(ft?.severity, "critical", JSON.stringify(t.findings));
  assert.deepEqual(ft?.affectedVersions, ["keras>=3.0,<3.9", "tf-keras>=2.13"]);
  const l = await scanJson(functional({ module: "logging.config", class_name: "function", config: "listen", registered_name: null, name: "x", inbound_nodes: [{ args: [9999], kwargs: {} }] }));
  const fl = l.findings.find((x) => x.rule === "GW101");
  assert.ok(fl && severityRank(fl.severity) >= severityRank("high"), JSON.stringify(l.findings));
  // An attribute the tables do not list in a standard-library module is unverifiable (medium), never low.
  const u = await scanJson(functional({ module: "mimetypes", class_name: "function", config: "guess_type", registered_name: null, name: "x", inbound_nodes: [] }));
  assert.equal(u.findings.find((x) => x.rule === "GW102")?.severity, "medium", JSON.stringify(u.findings));
  // Twin: a module that is neither Keras nor the standard library needs the loading program's code: low.
  const c = await scanJson(functional({ module: "my_project.layers", class_name: "ScaleLayer", config: {}, registered_name: "my_project>ScaleLayer", name: "x", inbound_nodes: [] }));
  assert.deepEqual(above(c, "low"), [], JSON.stringify(c.findings));
  assert.equal(c.findings.find((x) => x.rule === "GW103")?.severity, "low");
});

test("keras.src.saving.load_model (a re-export) resolves to saving_api.load_model: nested load until Keras 3.11 (3.9 as a layer entry)", async () => {
  const r = await scanJson(functional({ module: "keras.src.saving", class_name: "function", config: "load_model", registered_name: null, name: "x", inbound_nodes: [{ args: ["/tmp/other.keras"], kwargs: {} }] }));
  const f = r.findings.find((x) => x.rule === "GW101");
  assert.equal(f?.severity, "high", JSON.stringify(r.findings));
  assert.ok(f!.capabilities.includes("nested-load"));
  assert.match(f!.message, /load_model/);
  // As a layer entry Keras 3.9+ refuse the function before calling it (observed: 3.10); tf-keras maps
  // the module to tf_keras.src.saving, which holds no load_model.
  assert.deepEqual(f?.affectedVersions, ["keras>=3.0,<3.9"]);
  // As a layer's activation it is reached by 3.9-3.10 too, and called when the layer computes.
  const act = await scanJson(functional({ ...dense, config: { ...dense.config, activation: { module: "keras.src.saving", class_name: "function", config: "load_model", registered_name: null } } }));
  const fa = act.findings.find((x) => x.rule === "GW101");
  assert.deepEqual(fa?.affectedVersions, ["keras>=3.0,<3.11"]);
  assert.equal(fa?.trigger, "inference");
  // Twin: a layer class from the same internal package family.
  const twin = await scanJson(functional({ ...dense, module: "keras.src.layers.core.dense" }));
  assert.deepEqual(above(twin, "info"), []);
});

test("a Keras internal function outside the public API is unverifiable (exact names, not prefixes)", async () => {
  const r = await scanJson(functional({ module: "keras.src.saving.saving_lib", class_name: "function", config: "save_model", registered_name: null, name: "x", inbound_nodes: [] }));
  const f = above(r, "low")[0];
  assert.ok(f && severityRank(f.severity) >= severityRank("medium"), JSON.stringify(r.findings));
});

test("deny patterns with a * in the middle match (glob)", () => {
  assert.ok(matches("keras.utils.*_dataset_from_directory", "keras.utils.image_dataset_from_directory"));
  assert.ok(!matches("keras.utils.*_dataset_from_directory", "keras.utils.image_dataset_from_directory_x"));
  assert.ok(matches("keras.src.utils.*_dataset_utils.*", "keras.src.utils.text_dataset_utils.text_dataset_from_directory"));
  assert.ok(!matches("a.b", "a.bc") && matches("a.*", "a.b.c") && !matches("a.*", "ab"));
  assert.ok(!matches("os.(x)*", "os.x") && matches("os.(x)*", "os.(x)y"), "regex syntax in a pattern is literal");
  assert.equal(judgeTarget("keras.utils.image_dataset_from_directory").verdict, "deny");
  assert.equal(judgeTarget("keras.src.utils.image_dataset_utils.image_dataset_from_directory").verdict, "deny");
});

test("loader model per version: 3.8 imports any module, 3.10 only Keras packages, 3.11 only KerasSaveable classes", () => {
  const cfg = { module: "keras.src.saving.saving_api", class_name: "function", config: "load_model" };
  assert.equal(resolveWithLoader(modelFor("keras", "3.8.0"), cfg).target, "keras.src.saving.saving_api.load_model");
  assert.equal(resolveWithLoader(modelFor("keras", "3.10.0"), cfg).status, "reached");
  assert.equal(resolveWithLoader(modelFor("keras", "3.11.3"), cfg).error, "refused");
  const os = { module: "os", class_name: "function", config: "system" };
  assert.deepEqual(resolveWithLoader(modelFor("keras", "3.8.0"), os).imports, ["os"]);
  assert.deepEqual(resolveWithLoader(modelFor("keras", "3.10.0"), os).imports, []);
  assert.equal(resolveWithLoader(modelFor("keras", "3.10.0"), os).error, "not-found");
  const api = { module: "keras.models", class_name: "function", config: "load_model" };
  assert.equal(resolveWithLoader(modelFor("keras", "3.11.3"), api).error, "refused");
  // Only the first export path is registered: keras.models.load_model is found by importing keras.models before 3.11.
  assert.equal(resolveWithLoader(modelFor("keras", "3.10.0"), api).via, "module");
  assert.equal(resolveWithLoader(modelFor("keras", "3.15.1"), { module: "keras.layers", class_name: "Dense", config: {}, registered_name: "Custom>Dense" }).error, "refused");
  assert.equal(resolveWithLoader(modelFor("keras", "3.11.3"), { module: "keras.layers", class_name: "Dense", config: {}, registered_name: "Custom>Dense" }).action, "from_config");
  assert.equal(resolveWithLoader(modelFor("keras", "3.8.0"), { module: "os", class_name: "function", registered_name: "system" }).error, "plain");
  assert.deepEqual(mergeRanges(KERAS3_MODELS.map((m) => m.range)), ["keras>=3.0"]);
  assert.deepEqual(mergeRanges(["keras>=3.0,<3.7", "keras>=3.7,<3.9", "keras>=3.11,<3.12.3"]), ["keras>=3.0,<3.9", "keras>=3.11,<3.12.3"]);
});

test("a module named like an Object property (constructor, __proto__) is a module name, not a table", () => {
  for (const module of ["constructor", "__proto__", "toString", "keras.constructor", "tf_keras.__proto__"]) {
    for (const m of [...KERAS3_MODELS, modelFor("tf-keras", "2.20.1")]) {
      const r = resolveWithLoader(m, { module, class_name: "system", config: {} });
      assert.notEqual(r.status, "reached", `${module} under ${m.range}: ${JSON.stringify(r)}`);
    }
  }
});
