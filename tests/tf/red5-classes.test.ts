// Round 5 classes A1, A2 and A7 beyond their samples (tools/fixtures/tf_red5/generalise.py, checked on real
// TensorFlow 2.20 by tools/fixtures/tf_red5/prove_generalise.py): another start kind per feed, another way to
// reach a registered resource's methods, another local-variable shape. Each malicious fixture must be reported
// with the trigger TensorFlow runs it at; each benign twin stays quiet.
import { test } from "node:test";
import assert from "node:assert/strict";
import { redTeamRound, type RedTeamExpect } from "./red-team.js";
import { TfGraphModel } from "../../src/tf/graph.js";
import type { TfGraphDef, TfNodeDef } from "../../src/tf/types.js";
import { DT_STRING } from "../../src/tf/types.js";
import { scanBytes } from "../../src/scanner.js";
import { constStr, nodeDef, pb, type PbField } from "./helpers.js";

const CASES: Record<string, RedTeamExpect> = {
  // A1: a training run (saved_model_train_op) feeds nothing; the main_op's feed does not carry over.
  red5g_a1_train_op: { rule: "GW502", severity: "high", trigger: "training", evidence: /^ReadFile\("\/tmp\/red5g-canary\/\.ssh\/id_rsa"\)$/, twin: "red5g_a1_train_op_benign" },
  // A1: a function's argument is judged per root call site (main_op's call fed, the signature's not).
  red5g_a1_call_site: { rule: "GW502", severity: "high", trigger: "inference", evidence: /^ReadFile\("\/tmp\/red5g-canary\/\.ssh\/id_rsa"\)$/, twin: "red5g_a1_call_site_benign" },
  // A1: a variable's value is judged by the runs of the assign that stored it (the twin's: the main_op only).
  red5g_a1_assign: { rule: "GW502", severity: "high", trigger: "inference", evidence: /^ReadFile\("\/tmp\/red5g-canary\/\.ssh\/id_rsa"\)$/, twin: "red5g_a1_assign_benign" },
  // A2: a registered_name TensorFlow does not register may name a library's resource class: _initialize at load.
  red5g_a2_unregistered: { rule: "GW503", severity: "high", trigger: "load", evidence: /^WriteFile\("\/tmp\/red5g-canary\/pwned"\)$/, twin: "red5g_a2_unregistered_benign" },
  // A2: RestoredResource takes _create_resource from SavedObject.dependencies (field 15).
  red5g_a2_dependency: { rule: "GW503", severity: "high", trigger: "load", evidence: /^WriteFile\("\/tmp\/red5g-canary\/pwned"\)$/, twin: "red5g_a2_dependency_benign" },
  // A7: a ref (VariableV2) local variable; the twin's initializer reads the asset, fed by the default local init op.
  red5g_a7_ref_local: { rule: "GW502", severity: "high", trigger: "load", evidence: /^ReadFile\("\/tmp\/red5g-canary\/\.ssh\/id_rsa"\)$/, twin: "red5g_a7_ref_local_benign" },
};

redTeamRound(CASES);

const enc = new TextEncoder();
const str = (name: string, v: string): TfNodeDef => ({ name, op: "Const", input: [], device: "", attr: new Map([["value", { tensor: { dtype: DT_STRING, strings: [enc.encode(v)], ints: [] } }]]) });
const op = (name: string, o: string, input: string[]): TfNodeDef => ({ name, op: o, input, device: "", attr: new Map() });

test("an asset Const is the model's file only where every run evaluating it feeds it", () => {
  const g: TfGraphDef = { nodes: [str("asset", "/build/host/vocab.txt"), op("read", "ReadFile", ["asset"]), op("main", "NoOp", ["^read"]), op("out", "Identity", ["read"])], functions: [], gradients: [] };
  const meta = { tags: [], tensorflowVersion: "", collections: new Map(), collectionBytes: new Map(), signatures: new Map(), assets: [{ tensorName: "asset:0", filename: "vocab.txt" }] };
  const fresh = () => new TfGraphModel(g, { pathPrefix: "t#", meta });
  // Fed start only: the asset.
  let m = fresh();
  m.reachFromRoot(["main"], "load", "init op (saved_model_main_op)", "fed");
  assert.deepEqual(m.trace(m.root, "asset:0", true, undefined, { anchor: ["read"] }).assets, ["vocab.txt"]);
  // A fed and an unfed start (a signature): the Const's own value, flagged as read unfed.
  m = fresh();
  m.reachFromRoot(["main"], "load", "init op (saved_model_main_op)", "fed");
  m.reachFromRoot(["out"], "inference", "signature serving_default");
  const feed = { anchor: ["asset"] };
  const t = m.trace(m.root, "asset:0", true, undefined, feed);
  assert.deepEqual([t.strings, t.assets, (feed as { unfed?: boolean }).unfed], [["/build/host/vocab.txt"], [], true]);
  assert.equal(m.unfedReach(m.root, "read")?.trigger, "inference");
  assert.equal(m.fedReach(m.root, "read")?.trigger, "load");
  // A collection no loader runs (weak) does not unfeed a node a fed start reaches, but counts where it is alone.
  m = fresh();
  m.reachFromRoot(["main"], "load", "init op (saved_model_main_op)", "fed");
  m.reachFromRoot(["read"], "load", "init op (table_initializer)", "weak");
  assert.deepEqual(m.trace(m.root, "asset:0", true, undefined, { anchor: ["read"] }).assets, ["vocab.txt"]);
  m = fresh();
  m.reachFromRoot(["read"], "load", "init op (table_initializer)", "weak");
  assert.deepEqual(m.trace(m.root, "asset:0", true, undefined, { anchor: ["read"] }).strings, ["/build/host/vocab.txt"]);
  assert.equal(m.unfedReach(m.root, "read")?.trigger, "load");
});

// Hand-built saved_model.pb files (tests/tf/helpers.ts pb writer): which init collection a loader runs, fed.
function metaGraph(nodes: PbField[][], collections: Record<string, string[]>, extra: PbField[] = []): Uint8Array {
  const coll = Object.entries(collections).map(([k, v]): PbField => [4, [[1, k], [2, [[1, v.map((x): PbField => [1, x])]]]]]);
  return pb([
    [1, 1],
    [2, [[1, [[4, "serve"], [5, "2.20.0"]]], [2, nodes.map((n): PbField => [1, n])], ...coll, [6, [[1, [[1, "a:0"]]], [2, "id_rsa"]]], ...extra]],
  ]);
}
const READ = [constStr("a", "/home/u/.ssh/id_rsa"), nodeDef("r", "ReadFile", ["a"]), nodeDef("g", "NoOp", ["^r"]), nodeDef("m", "NoOp")];
const reads = async (data: Uint8Array) => (await scanBytes("saved_model.pb", data)).findings.filter((f) => f.rule === "GW502").map((f) => `${f.severity} ${f.trigger} ${f.evidence}`);

test("the loader runs one init op, fed: the signature, else saved_model_main_op, else legacy_init_op", async () => {
  // legacy_init_op alone: it is the init op, fed with the asset (the model's own file).
  assert.deepEqual(await reads(metaGraph(READ, { legacy_init_op: ["g"] })), []);
  // With a saved_model_main_op the loader runs that instead: legacy_init_op is no loader's run (unfed).
  assert.deepEqual(await reads(metaGraph(READ, { legacy_init_op: ["g"], saved_model_main_op: ["m"] })), ['high load ReadFile("/home/u/.ssh/id_rsa")']);
  // The selected main op reaching the read too: every loader run feeds it.
  assert.deepEqual(await reads(metaGraph(READ, { legacy_init_op: ["g"], saved_model_main_op: ["g"] })), []);
});

test("without an init op the TF2 loader runs the table initializers fed; with one, table_initializer is no loader's run", async () => {
  assert.deepEqual(await reads(metaGraph(READ, { table_initializer: ["r"] })), []);
  assert.deepEqual(await reads(metaGraph(READ, { table_initializer: ["r"], saved_model_main_op: ["m"] })), ['high load ReadFile("/home/u/.ssh/id_rsa")']);
});

test("local_variables VariableDefs: initializer_name runs at load only when the meta graph has no init op", async () => {
  const nodes = [constStr("p", "/tmp/x"), constStr("c", "x"), nodeDef("w", "WriteFile", ["p", "c"]), nodeDef("init", "NoOp", ["^w"]), nodeDef("m", "NoOp")];
  const vdef = pb([[1, "v:0"], [2, "init"]]);
  const local: PbField = [4, [[1, "local_variables"], [2, [[2, [[1, vdef]]]]]]];
  const writes = async (colls: Record<string, string[]>) => (await scanBytes("saved_model.pb", metaGraph(nodes, colls, [local]))).findings.filter((f) => f.rule === "GW503").map((f) => f.trigger);
  assert.deepEqual(await writes({}), ["load"]);
  assert.deepEqual(await writes({ saved_model_main_op: ["m"] }), ["unknown"]);
});

// Hand-built object graphs: one object h holding a function; how tf.saved_model.load revives h decides when it runs.
function objectGraphModel(h: PbField[], fnAs: string): Uint8Array {
  const fn: PbField[] = [[1, [[1, "fn_w"]]], [3, constStr("p", "/tmp/x")], [3, constStr("c", "x")], [3, nodeDef("w", "WriteFile", ["p:output:0", "c:output:0"])]];
  const og: PbField[] = [
    [1, [[1, [[1, 1], [2, "h"]]], [4, [[1, "_generic_user_object"]]]]],
    [1, [[1, [[1, 2], [2, fnAs]]], ...h]],
    [1, [[6, [[1, "fn_w"]]]]],
  ];
  return pb([
    [1, 1],
    [2, [[1, [[4, "serve"], [5, "2.20.0"]]], [2, [[2, [[1, fn]]]]], [7, og]]],
  ]);
}
const writeTrigger = async (data: Uint8Array) => (await scanBytes("saved_model.pb", data)).findings.filter((f) => f.rule === "GW503").map((f) => f.trigger);
const USER: PbField = [4, [[1, "_generic_user_object"]]];
const RESOURCE: PbField = [10, []];

test("an object is revived by registered_name first, then by kind: a resource's _initialize runs at load", async () => {
  assert.deepEqual(await writeTrigger(objectGraphModel([USER], "_initialize")), ["inference"]);
  assert.deepEqual(await writeTrigger(objectGraphModel([RESOURCE], "_initialize")), ["load"]);
  assert.deepEqual(await writeTrigger(objectGraphModel([USER, [13, "tf.StaticHashTable"]], "_initialize")), ["load"]);
  // TensorFlow's other registered class is a constant, not a resource, whatever the kind says.
  assert.deepEqual(await writeTrigger(objectGraphModel([RESOURCE, [13, "tf.TrackableConstant"]], "_initialize")), ["inference"]);
  // A name TensorFlow does not register may be a library's resource class.
  assert.deepEqual(await writeTrigger(objectGraphModel([USER, [13, "Custom.Table"]], "_destroy_resource")), ["load"]);
  // Other children of a resource are called, not run at load.
  assert.deepEqual(await writeTrigger(objectGraphModel([USER, [13, "tf.StaticHashTable"]], "lookup")), ["inference"]);
});

test("SavedObject.dependencies names a revived resource's _create_resource (field 15)", async () => {
  const dep = (name: string): PbField => [15, [[1, 2], [2, name]]];
  assert.deepEqual(await writeTrigger(objectGraphModel([USER, [13, "tf.StaticHashTable"], dep("_create_resource")], "f")), ["load"]);
  assert.deepEqual(await writeTrigger(objectGraphModel([USER, dep("_create_resource")], "f")), ["inference"]);
});
