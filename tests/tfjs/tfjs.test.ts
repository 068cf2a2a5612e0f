// TF.js model.json: graph nodes through the TensorFlow op catalogue, layers configs through the Keras
// engine, weight shards consumed by the folder handler, shard paths that leave the folder flagged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { NodeTree } from "../../src/cli/node-tree.js";
import { MemorySource } from "../../src/core/bytes.js";
import { MemoryTree } from "../../src/core/fs.js";
import { scanBytes, scanTree } from "../../src/scanner.js";
import { exitCode } from "../../src/report/summary.js";
import { severityRank, type Report } from "../../src/core/types.js";
import { normaliseShard, weightPathEscape } from "../../src/tf/tfjs-handler.js";
import { decodeBase64, tfjsGraphNodes } from "../../src/tf/tfjs-graph.js";

const dir = fileURLToPath(new URL("../../fixtures/tfjs/", import.meta.url));
const enc = (s: string) => new TextEncoder().encode(s);
const loud = (r: Report) => r.findings.filter((f) => severityRank(f.severity) > severityRank("low"));

async function scanFixture(name: string): Promise<Report> {
  const tree = new NodeTree(dir);
  try {
    return await scanTree(tree, name, name, { hash: false });
  } finally {
    await tree.close();
  }
}

test("graph model: ReadFile of a constant /etc/passwd is high, reached at inference", async () => {
  const r = await scanFixture("graph-readfile");
  assert.equal(r.targets.length, 1, JSON.stringify(r.targets));
  assert.equal(r.targets[0]!.format, "tfjs");
  const f = r.findings.find((x) => x.rule === "GW502");
  assert.ok(f, JSON.stringify(r.findings));
  assert.equal(f.severity, "high");
  assert.equal(f.trigger, "inference");
  assert.equal(f.evidence, 'ReadFile("/etc/passwd")');
  assert.equal(f.location.member, "model.json");
  assert.equal(exitCode(r, "medium"), 1);
});

test("graph model: WriteFile in modelInitializer fires at load", async () => {
  const r = await scanFixture("graph-init-writefile");
  const f = r.findings.find((x) => x.rule === "GW503");
  assert.ok(f, JSON.stringify(r.findings));
  assert.equal(f.trigger, "load");
  assert.match(f.evidence ?? "", /tfjs-init-write\.txt/);
});

test("graph model: an op neither TensorFlow nor TF.js knows is low (custom kernel)", async () => {
  const r = await scanFixture("graph-unknown-op");
  const f = r.findings.filter((x) => x.rule === "GW506");
  assert.ok(f.length >= 1, JSON.stringify(r.findings));
  assert.ok(f.every((x) => x.severity === "low" && /MyVendorFastGelu/.test(x.message)));
  assert.deepEqual(loud(r), []);
});

test("benign twins: graph and layers models stay quiet, shards consumed", async () => {
  for (const name of ["graph-benign", "layers-benign"]) {
    const r = await scanFixture(name);
    assert.deepEqual(r.errors, [], name);
    assert.deepEqual(loud(r), [], name);
    assert.deepEqual(r.targets.map((t) => [t.format, t.status]), [["tfjs", "scanned"]], `${name}: shard not consumed`);
    assert.equal(r.findings.filter((f) => f.rule === "GW002").length, 0);
    assert.equal(exitCode(r, "low"), 0);
  }
  const g = await scanFixture("graph-benign");
  assert.equal(g.targets[0]!.details?.["model.json:tfjs_format"], "graph-model");
  assert.equal(g.targets[0]!.details?.["model.json:tfjs_nodes"], 10);
});

test("layers model: a shard path climbing out of the folder is GW610", async () => {
  const r = await scanFixture("layers-weights-escape");
  const f = r.findings.filter((x) => x.rule === "GW610");
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, "medium");
  assert.equal(f[0]!.location.pointer, "/weightsManifest/0/paths/0");
  assert.ok(f[0]!.capabilities.includes("file-read"));
});

test("a lone model.json is recognised over the generic JSON handler", async () => {
  const text = readFileSync(dir + "graph-readfile/model.json");
  const r = await scanBytes("model.json", new Uint8Array(text));
  assert.equal(r.targets[0]!.format, "tfjs");
  assert.ok(r.findings.some((f) => f.rule === "GW502"));
});

test("layers model configs reach the Keras engine (container tfjs)", async () => {
  // A Lambda layer inside a TF.js layers model is Keras config like any other.
  const doc = JSON.parse(readFileSync(dir + "layers-benign/model.json", "utf8")) as { modelTopology: { model_config: { config: { layers: unknown[] } } } };
  doc.modelTopology.model_config.config.layers.push({ class_name: "Lambda", config: { name: "l", function: "system", function_type: "function", module: "os" } });
  const r = await scanBytes("model.json", enc(JSON.stringify(doc)));
  assert.equal(r.targets[0]!.format, "tfjs");
  assert.ok(r.findings.some((f) => (f.location.pointer ?? "").startsWith("/modelTopology/model_config")), JSON.stringify(r.findings));
});

test("weight path classification", () => {
  assert.equal(weightPathEscape("group1-shard1of1.bin"), undefined);
  assert.equal(weightPathEscape("./model.json.weights.bin"), undefined);
  assert.equal(weightPathEscape("sub/dir/shard.bin"), undefined);
  assert.equal(weightPathEscape("../x.bin"), "parent");
  assert.equal(weightPathEscape("a/../../x.bin"), "parent");
  assert.equal(weightPathEscape("..\\x.bin"), "parent");
  assert.equal(weightPathEscape("/etc/passwd"), "absolute");
  assert.equal(weightPathEscape("C:\\Windows\\win.ini"), "absolute");
  assert.equal(weightPathEscape("https://evil.example/w.bin"), "url");
  assert.equal(weightPathEscape("//evil.example/w.bin"), "url");
  assert.equal(weightPathEscape("file:///etc/passwd"), "url");
  assert.equal(normaliseShard("./a//b.bin"), "a/b.bin");
  assert.equal(normaliseShard("../b.bin"), undefined);
});

test("a URL shard path is high (network)", async () => {
  const doc = { format: "layers-model", modelTopology: { class_name: "Sequential", config: { layers: [] } }, weightsManifest: [{ paths: ["https://evil.example/w.bin"], weights: [] }] };
  const r = await scanBytes("model.json", enc(JSON.stringify(doc)));
  const f = r.findings.find((x) => x.rule === "GW610");
  assert.ok(f);
  assert.equal(f.severity, "high");
  assert.ok(f.capabilities.includes("network"));
});

test("library functions are walked; protobuf-JSON bytes and ints decode", () => {
  const doc = {
    modelTopology: {
      node: [{ name: "c", op: "Const", attr: { value: { tensor: { dtype: "DT_STRING", stringVal: ["L2V0Yy9zaGFkb3c="] } } } }],
      library: { function: [{ signature: { name: "f" }, nodeDef: [{ name: "r", op: "ReadFile", input: ["c"], attr: { N: { i: "3" }, s: { s: "aGk=" }, fs: { list: { func: [{ name: "g", attr: {} }] } } } }] }] },
    },
  };
  const nodes = tfjsGraphNodes(doc, 100);
  assert.deepEqual(nodes.map((n) => [n.section, n.node.op, n.pointer]), [
    ["graph", "Const", "/modelTopology/node/0"],
    ["library/f", "ReadFile", "/modelTopology/library/function/0/nodeDef/0"],
  ]);
  const r = nodes[1]!.node;
  assert.equal(r.attr.get("N")?.i, 3);
  assert.equal(new TextDecoder().decode(r.attr.get("s")?.s), "hi");
  assert.equal(r.attr.get("fs")?.list?.func[0]?.name, "g");
  assert.equal(new TextDecoder().decode(decodeBase64("L2V0Yy9zaGFkb3c=")), "/etc/shadow");
});

test("malformed model.json fails closed", async () => {
  const cases = [
    '{"modelTopology": {"node": [{"name": "x"}]}, "format": "graph-model"}', // node without op
    '{"modelTopology": {"node": {"a": 1}}, "format": "graph-model"}', // node not an array
    '{"modelTopology": {"class_name": "Sequential", "config": {}}, "weightsManifest": {"paths": 1}}',
    '{"modelTopology": {"class_name": "Sequential", "config": {}}, "weightsManifest": [{"paths": [7]}]}',
    '{"format": "layers-model", "modelTopology": {"foo": 1}}',
    '{"modelTopology": {"node": [',
  ];
  for (const c of cases) {
    const r = await scanBytes("model.json", enc(c));
    assert.equal(r.targets[0]!.status, "error", c);
    assert.equal(exitCode(r, "critical"), 2, c);
  }
});

test("folder handler: shards listed by model.json are consumed, stray files are still scanned", async () => {
  const model = readFileSync(dir + "layers-benign/model.json");
  const tree = new MemoryTree([
    ["m/model.json", new MemorySource("m/model.json", new Uint8Array(model))],
    ["m/group1-shard1of1.bin", new MemorySource("m/group1-shard1of1.bin", new Uint8Array(64))],
    ["m/notes.txt", new MemorySource("m/notes.txt", enc("hello"))],
  ]);
  const r = await scanTree(tree, "m", "m", { hash: false });
  assert.deepEqual(r.targets.map((t) => [t.path, t.format]).sort(), [["m", "tfjs"], ["m/notes.txt", "unknown"]]);
});

test("fixtures are small", () => {
  for (const d of readdirSync(dir)) for (const f of readdirSync(dir + d)) assert.ok(readFileSync(`${dir}${d}/${f}`).length < 200_000, `${d}/${f}`);
});

test("converter layout: a string Const moved to the shards is read back as evidence (across two shards)", async () => {
  const r = await scanFixture("graph-readfile-shard");
  assert.equal(r.targets.length, 1, JSON.stringify(r.targets));
  const f = r.findings.find((x) => x.rule === "GW502");
  assert.ok(f, JSON.stringify(r.findings));
  assert.equal(f.evidence, 'ReadFile("/etc/passwd")');
  assert.equal(f.severity, "high");
  // The lone model.json cannot see the shards: the op is still judged, the operand shown opaque.
  const lone = await scanBytes("model.json", new Uint8Array(readFileSync(dir + "graph-readfile-shard/model.json")));
  const g = lone.findings.find((x) => x.rule === "GW502");
  assert.ok(g);
  assert.equal(g.severity, "medium");
  assert.match(g.evidence ?? "", /^ReadFile\(<ReadFile\/filename>\)$/);
});

test("a shard too short for its manifest loses only evidence, never the verdict", async () => {
  const model = readFileSync(dir + "graph-readfile-shard/model.json");
  const tree = new MemoryTree([
    ["m/model.json", new MemorySource("m/model.json", new Uint8Array(model))],
    ["m/group1-shard1of2.bin", new MemorySource("a", new Uint8Array(14))],
    ["m/group1-shard2of2.bin", new MemorySource("b", new Uint8Array([0xff, 0xff, 0, 0]))],
  ]);
  const r = await scanTree(tree, "m", "m", { hash: false });
  assert.ok(r.findings.some((f) => f.rule === "GW502"));
  assert.match(String(r.targets[0]!.details?.["model.json:tfjs_string_weights"]), /unreadable/);
});

test("a SavedModel folder holding a model.json stays a SavedModel; the model.json is still scanned", async () => {
  const model = readFileSync(dir + "graph-readfile/model.json");
  const tree = new MemoryTree([
    ["m/saved_model.pb", new MemorySource("m/saved_model.pb", new Uint8Array([0x08, 0x01]))],
    ["m/model.json", new MemorySource("m/model.json", new Uint8Array(model))],
  ]);
  const r = await scanTree(tree, "m", "m", { hash: false });
  assert.ok(!r.targets.some((t) => t.path === "m" && t.format === "tfjs"), JSON.stringify(r.targets));
  assert.ok(r.targets.some((t) => t.path === "m/model.json" && t.format === "tfjs"), JSON.stringify(r.targets));
  assert.ok(r.findings.some((f) => f.rule === "GW502"));
});

test("func attrs nested beyond the limit are a clear limit error", async () => {
  let attr: unknown = {};
  for (let i = 0; i < 40; i++) attr = { f: { func: { name: `f${i}`, attr } } };
  const doc = { format: "graph-model", modelTopology: { node: [{ name: "n", op: "PartitionedCall", attr }] }, weightsManifest: [] };
  const r = await scanBytes("model.json", enc(JSON.stringify(doc)));
  assert.equal(r.targets[0]!.status, "error");
  assert.match(r.errors[0]!.message, /nested deeper than 32/);
});

test("a string Const with an inline JSON value and a shard value: TF.js runs the shard's, and neither hides the other", async () => {
  // Hand-built from graph-readfile-shard: the same Const also given an inline harmless path.
  const doc = JSON.parse(readFileSync(dir + "graph-readfile-shard/model.json", "utf8")) as { modelTopology: { node: { name: string; attr?: Record<string, { tensor?: Record<string, unknown> }> }[] } };
  const c = doc.modelTopology.node.find((n) => n.name === "ReadFile/filename")!;
  c.attr!["value"]!.tensor!["stringVal"] = [Buffer.from("assets/vocab.txt").toString("base64")];
  const files = ["group1-shard1of2.bin", "group1-shard2of2.bin"];
  const tree = new MemoryTree([
    ["m/model.json", new MemorySource("m/model.json", new TextEncoder().encode(JSON.stringify(doc)))],
    ...files.map((f) => [`m/${f}`, new MemorySource(f, new Uint8Array(readFileSync(dir + "graph-readfile-shard/" + f)))] as [string, MemorySource]),
  ]);
  const r = await scanTree(tree, "m", "m", { hash: false });
  const f = r.findings.find((x) => x.rule === "GW502" && /\/etc\/passwd/.test(x.evidence ?? ""));
  assert.ok(f, JSON.stringify(r.findings));
  assert.equal(f.severity, "high");
});
