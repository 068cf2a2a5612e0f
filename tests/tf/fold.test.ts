// Constant folding of string transforms in the operand tracer (src/tf/graph.ts), on small graphs
// shaped like TensorFlow's (NodeDef inputs, function args bound at call sites).
import { test } from "node:test";
import assert from "node:assert/strict";
import { TfGraphModel } from "../../src/tf/graph.js";
import type { TfAttrValue, TfGraphDef, TfNodeDef } from "../../src/tf/types.js";
import { DT_STRING } from "../../src/tf/types.js";
import { scanFixture, loud } from "./helpers.js";

const enc = new TextEncoder();
const str = (name: string, ...v: string[]): TfNodeDef => ({ name, op: "Const", input: [], device: "", attr: new Map([["value", { tensor: { dtype: DT_STRING, strings: v.map((x) => enc.encode(x)), ints: [] } }]]) });
const int = (name: string, v: number): TfNodeDef => ({ name, op: "Const", input: [], device: "", attr: new Map([["value", { tensor: { dtype: 3, strings: [], ints: [v] } }]]) });
const op = (name: string, o: string, input: string[], attr: Record<string, TfAttrValue> = {}): TfNodeDef => ({ name, op: o, input, device: "", attr: new Map(Object.entries(attr)) });

function traced(nodes: TfNodeDef[], input: string): string[] {
  const g: TfGraphDef = { nodes, functions: [], gradients: [] };
  const m = new TfGraphModel(g, { pathPrefix: "t#" });
  return m.trace(m.root, input, true).strings;
}

test("Substr, StringUpper, AddV2 and StringFormat fold like TensorFlow computes them", () => {
  assert.deepEqual(traced([str("a", "xx/etc/passwdyy"), int("p", 2), int("n", 11), op("s", "Substr", ["a", "p", "n"])], "s"), ["/etc/passwd"]);
  assert.deepEqual(traced([str("a", "/root/"), str("b", ".ssh/id_rsa"), op("c", "AddV2", ["a", "b"])], "c"), ["/root/.ssh/id_rsa"]);
  assert.deepEqual(traced([str("a", "abc"), op("u", "StringUpper", ["a"])], "u"), ["ABC"]);
  // StringFormat quotes string tensors, as tf.strings.format does; a rank the graph does not fix is each
  // of ranks 0 to 7 (a Reshape to a constant shape fixes it: red15 K1).
  assert.deepEqual(traced([str("a", "x"), op("f", "StringFormat", ["a"], { template: { s: enc.encode("/tmp/{}.txt") }, placeholder: { s: enc.encode("{}") } })], "f"), [0, 1, 2, 3, 4, 5, 6, 7].map((r) => `/tmp/${"[".repeat(r)}"x"${"]".repeat(r)}.txt`));
  // ... and the list is not complete (ranks up to 254 exist): the trace carries an unknown part
  const g: TfGraphDef = { nodes: [str("a", "x"), op("f", "StringFormat", ["a"], { template: { s: enc.encode("{}") }, placeholder: { s: enc.encode("{}") } })], functions: [], gradients: [] };
  const m = new TfGraphModel(g, { pathPrefix: "t#" });
  assert.match(m.trace(m.root, "f", true).opaque.join(" "), /rank the graph does not fix/);
  // DecodeBase64 uses the web-safe alphabet.
  assert.deepEqual(traced([str("a", Buffer.from("/a?b>").toString("base64url")), op("d", "DecodeBase64", ["a"])], "d"), ["/a?b>"]);
});

test("regexes that could backtrack badly in JavaScript are not evaluated (left opaque)", () => {
  const nodes = [str("a", "a".repeat(40) + "!"), op("r", "StaticRegexReplace", ["a"], { pattern: { s: enc.encode("(a+)+$") }, rewrite: { s: enc.encode("x") } })];
  assert.deepEqual(traced(nodes, "r"), []);
  const ok = [str("a", "/x/SXH/k"), op("r", "StaticRegexReplace", ["a"], { pattern: { s: enc.encode("S(X)H") }, rewrite: { s: enc.encode("S\\1\\1") } })];
  assert.deepEqual(traced(ok, "r"), ["/x/SXX/k"]);
});

test("ReadVariableOp inside a function follows the captured handle to the root variable's assigned value", () => {
  const fnNodes = [op("rv", "ReadVariableOp", ["h"])];
  const g: TfGraphDef = {
    nodes: [op("v", "VarHandleOp", []), str("init", "/etc/shadow"), op("assign", "AssignVariableOp", ["v", "init"]), op("call", "StatefulPartitionedCall", ["v"], { f: { func: { name: "fn", attr: new Map() } } })],
    functions: [{ name: "fn", inputArgs: ["h"], outputArgs: [], nodes: fnNodes, ret: new Map() }],
    gradients: [],
  };
  const m = new TfGraphModel(g, { pathPrefix: "t#" });
  assert.deepEqual(m.trace(m.scopes.get("fn")!, "rv:value:0", true).strings, ["/etc/shadow"]);
});

test("string_transforms (real TF): persistence write behind DecodeBase64 is critical, the .ssh read behind RegexReplace+StringLower high", async () => {
  const r = await scanFixture("string_transforms");
  const got = loud(r).map((f) => `${f.rule} ${f.severity} ${f.evidence}`).sort();
  assert.deepEqual(got, ['GW502 high ReadFile("/tmp/graphwarden-canary/.ssh/id_rsa")', 'GW503 critical WriteFile("/tmp/graphwarden-canary/site-packages/gw-canary.pth")']);
});

test("a checkpointed string variable is read from variables.index/data only as far as needed; without the checkpoint the embedded graph is untraceable (GW511 high)", async () => {
  const { readFileSync } = await import("node:fs");
  const { MemoryTree } = await import("../../src/core/fs.js");
  const { MemorySource } = await import("../../src/core/bytes.js");
  const { scanTree } = await import("../../src/scanner.js");
  const { FIXTURES } = await import("./helpers.js");
  const pb = new Uint8Array(readFileSync(FIXTURES + "embedded_graph_variable/saved_model.pb"));
  const r = await scanTree(new MemoryTree([["m/saved_model.pb", new MemorySource("saved_model.pb", pb)]]), "m", "m", { hash: false });
  assert.deepEqual(loud(r).map((f) => `${f.rule} ${f.severity}`), ["GW511 high"]);
});

test("value caps fail closed: values past a cap make the trace unknown, never the values seen so far", () => {
  const trace = (nodes: TfNodeDef[], input: string) => {
    const m = new TfGraphModel({ nodes, functions: [], gradients: [] }, { pathPrefix: "t#" });
    return m.trace(m.root, input, true);
  };
  const names = Array.from({ length: 16 }, (_, i) => `v${i}.txt`);
  // A Const vector with a 17th filename.
  const big = trace([str("a", ...names, "/etc/passwd")], "a");
  assert.equal(big.strings.length, 16);
  assert.ok(big.opaque.length > 0);
  // Pack of 17 scalars, the last one the host path.
  const packed = trace([...names.map((n, i) => str(`c${i}`, n)), str("c16", "/etc/passwd"), op("p", "Pack", [...names.map((_, i) => `c${i}`), "c16"])], "p");
  assert.ok(packed.opaque.length > 0);
  // A Select merging 16 + 1 values.
  const sel = trace([str("a", ...names), str("b", "/etc/passwd"), str("c", "x"), op("s", "SelectV2", ["c", "a", "b"])], "s");
  assert.ok(sel.opaque.length > 0 || sel.strings.includes("/etc/passwd"));
  // Within the caps nothing is opaque.
  assert.deepEqual(trace([str("a", ...names.slice(0, 3))], "a").opaque, []);
});

test("IdentityN output k traces to input k (tensors compared by output index)", () => {
  const nodes = [str("a", "ok.txt"), str("b", "/etc/passwd"), op("n", "IdentityN", ["a", "b"])];
  assert.deepEqual(traced(nodes, "n:1"), ["/etc/passwd"]);
  assert.deepEqual(traced(nodes, "n"), ["ok.txt"]);
  assert.deepEqual(traced(nodes, "n:0"), ["ok.txt"]);
});
