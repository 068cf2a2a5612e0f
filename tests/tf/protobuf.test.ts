// The wire reader, the text-format parser and hostile protobufs: malformed input is an error
// (exit 2), never a crash, a hang or "clean".
import { test } from "node:test";
import assert from "node:assert/strict";
import { FormatError, LimitError } from "../../src/core/bytes.js";
import { decodeMessage, type PbSchemaSet } from "../../src/formats/protobuf.js";
import { parseTextMessage, tokenize } from "../../src/formats/pbtxt.js";
import { TF_ENUM_VALUES, TF_SCHEMAS } from "../../src/formats/proto/schema.js";
import { decodeNodeDef, parseTfText, toSavedModel, decodeTf } from "../../src/tf/proto.js";
import { scanBytes } from "../../src/scanner.js";
import { exitCode } from "../../src/report/summary.js";
import { constStr, nodeDef, pb, type PbField } from "./helpers.js";

const S: PbSchemaSet = {
  M: { 1: { name: "s", kind: "string" }, 2: { name: "sub", kind: "message", type: "M" }, 3: { name: "n", kind: "int", repeated: true }, 4: { name: "b", kind: "bytes" } },
};

test("skips unknown fields without copying, reads bytes as views", () => {
  const big = new Uint8Array(1 << 20);
  const buf = pb([[9, big], [4, "abc"], [1, "x"]]);
  const m = decodeMessage(S, "M", buf);
  assert.equal(m["s"], "x");
  const b = m["b"];
  assert.ok(b instanceof Uint8Array && b.buffer === buf.buffer, "bytes fields are views into the input");
});

test("packed and unpacked repeated scalars both decode; negative int64 is signed", () => {
  const packed = Uint8Array.from([0x1a, 0x03, 0x01, 0x02, 0x03, 0x18, 0x04]);
  assert.deepEqual(decodeMessage(S, "M", packed)["n"], [1, 2, 3, 4]);
  assert.deepEqual(decodeMessage(S, "M", pb([[3, -1]]))["n"], [-1]);
});

test("a repeated singular message field merges, as protobuf does", () => {
  const m = decodeMessage(S, "M", pb([[2, [[1, "a"]]], [2, [[3, 7]]]]));
  assert.deepEqual(m["sub"], { s: "a", n: [7] });
});

const hostile: Array<[string, Uint8Array, typeof FormatError | typeof LimitError]> = [
  ["truncated length", Uint8Array.from([0x0a, 0x05, 0x61]), FormatError],
  ["truncated varint", Uint8Array.from([0x18, 0xff]), FormatError],
  ["11-byte varint", Uint8Array.from([0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), FormatError],
  ["huge length", Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), FormatError],
  ["field number 0", Uint8Array.from([0x00, 0x01]), FormatError],
  ["wire type 7", Uint8Array.from([0x0f]), FormatError],
  ["unterminated group", Uint8Array.from([0x4b, 0x08, 0x01]), FormatError],
];

test("a known field sent with another wire type is an unknown field, skipped as protobuf skips it (the value read before stays)", () => {
  // field 1 (s, a string) as a varint after its real value; field 3 (n, repeated int) as a fixed32
  const m = decodeMessage(S, "M", Uint8Array.from([...pb([[1, "x"]]), 0x08, 0x01, 0x1d, 1, 2, 3, 4]));
  assert.equal(m["s"], "x");
  assert.equal(m["n"], undefined);
});

for (const [what, buf, err] of hostile) {
  test(`hostile protobuf: ${what} -> ${err.name}`, () => {
    assert.throws(() => decodeMessage(S, "M", buf), err);
  });
}

test("hostile protobuf: messages nested 10,000 deep -> LimitError, no stack overflow", () => {
  let bytes = pb([[1, "x"]]);
  for (let i = 0; i < 10_000; i++) bytes = pb([[2, bytes]]);
  assert.throws(() => decodeMessage(S, "M", bytes), LimitError);
});

test("hostile protobuf: NameAttrList attrs nested deeply -> LimitError", () => {
  let v: PbField[] = [[10, [[1, "f"]]]];
  for (let i = 0; i < 200; i++) v = [[10, [[1, "f"], [2, [[1, "a"], [2, v]]]]]];
  assert.throws(() => decodeTf("NodeDef", pb(nodeDef("n", "PartitionedCall", [], { f: v }))), LimitError);
});

function savedModel(nodes: PbField[][], functions: PbField[][] = []): Uint8Array {
  const lib: PbField[] = functions.map((f): PbField => [1, f]);
  return pb([
    [1, 1],
    [2, [[1, [[4, "serve"], [5, "2.20.0"]]], [2, [...nodes.map((n): PbField => [1, n]), ...(lib.length ? ([[2, lib]] as PbField[]) : [])]]]],
  ]);
}

test("a hand-built saved_model.pb is recognised by content under any name", async () => {
  const data = savedModel([constStr("p", "/home/u/.ssh/authorized_keys"), constStr("c", "ssh-rsa AAAA"), nodeDef("w", "WriteFile", ["p", "c"])]);
  const r = await scanBytes("blob.dat", data);
  assert.equal(r.targets[0]?.format, "savedmodel-pb");
  const f = r.findings.find((x) => x.rule === "GW503");
  assert.equal(f?.severity, "critical", "a persistence path raises a write to critical");
  assert.match(f?.evidence ?? "", /^WriteFile\("\/home\/u\/\.ssh\/authorized_keys"\)$/);
  assert.equal(f?.trigger, "unknown");
});

test("truncated saved_model.pb is an error with exit 2, never clean", async () => {
  const data = savedModel([constStr("p", "/etc/passwd"), nodeDef("r", "ReadFile", ["p"])]);
  const cut = data.subarray(0, data.length - 7);
  const r = await scanBytes("saved_model.pb", cut);
  assert.equal(r.targets[0]?.status, "error");
  assert.equal(exitCode(r, "medium"), 2);
});

test("a frozen GraphDef is not parsed as a SavedModel", async () => {
  const g = pb([[1, constStr("p", "gs://bucket/x")], [1, nodeDef("r", "ReadFile", ["p"])]]);
  const r = await scanBytes("frozen.pb", g);
  assert.equal(r.targets[0]?.format, "tf-graphdef");
  const f = r.findings.find((x) => x.rule === "GW502");
  assert.equal(f?.severity, "high", "a remote scheme raises a read to high");
  assert.ok(f?.capabilities.includes("network"));
  assert.equal(f?.location.pointer, "frozen.pb#node/r");
});

test("StringJoin, Identity and Select operands are traced back to constants", async () => {
  const g = pb([
    [1, constStr("a", "/etc/")],
    [1, constStr("b", "shadow")],
    [1, nodeDef("j", "StringJoin", ["a", "b"])],
    [1, nodeDef("i", "Identity", ["j"])],
    [1, nodeDef("r", "ReadFile", ["i"])],
  ]);
  const r = await scanBytes("g.pb", g);
  const f = r.findings.find((x) => x.rule === "GW502");
  assert.equal(f?.evidence, 'ReadFile("/etc/shadow")');
  assert.equal(f?.severity, "high");
});

test("function args are traced through call sites; call graph via nested func attrs", async () => {
  const fn: PbField[] = [
    [1, [[1, "inner_fn"], [2, [[1, "path"]]]]],
    [3, nodeDef("r", "ReadFile", ["path"])],
  ];
  const g = pb([
    [1, constStr("p", "/root/.aws/credentials")],
    [1, nodeDef("call", "PartitionedCall", ["p"], { f: [[10, [[1, "inner_fn"]]]] })],
    [2, [[1, fn]]],
  ]);
  const r = await scanBytes("g.pb", g);
  const f = r.findings.find((x) => x.rule === "GW502");
  assert.equal(f?.evidence, 'ReadFile("/root/.aws/credentials")');
  assert.equal(f?.location.pointer, "g.pb#library/inner_fn/node/r");
});

test("a node whose op names a library function is a call, not an unknown op", async () => {
  const fn: PbField[] = [[1, [[1, "my_fn"]]], [3, nodeDef("x", "EagerPyFunc", [], { token: [[2, "pyfunc_7"]] })]];
  const g = pb([[1, nodeDef("c", "my_fn")], [2, [[1, fn]]]]);
  const r = await scanBytes("g.pb", g);
  assert.deepEqual(r.findings.filter((f) => f.rule === "GW506"), []);
  assert.equal(r.findings.find((f) => f.rule === "GW501")?.severity, "critical");
});

test("an op outside TensorFlow's registry is low: needs a custom kernel library", async () => {
  const g = pb([[1, nodeDef("z", "ZeroOutCustom")], [1, nodeDef("m", "MatMul", ["z", "z"])]]);
  const r = await scanBytes("g.pb", g);
  const f = r.findings.filter((x) => x.rule === "GW506");
  assert.equal(f.length, 1);
  assert.equal(f[0]?.severity, "low");
  assert.equal(f[0]?.evidence, "ZeroOutCustom");
});

test("debug ops: grpc:// is network, file:// is a write, none is quiet", async () => {
  const dbg = (name: string, url?: string) => nodeDef(name, "DebugIdentity", ["x"], url ? { debug_urls: [[1, [[2, url]]]] } : {});
  const g = pb([[1, nodeDef("x", "Placeholder")], [1, dbg("d1", "grpc://10.0.0.9:6064")], [1, dbg("d2", "file:///tmp/gw-canary/dump")], [1, dbg("d3")]]);
  const r = await scanBytes("g.pb", g);
  const by = (n: string) => r.findings.filter((f) => f.location.pointer === `g.pb#node/${n}`);
  assert.ok(by("d1")[0]?.capabilities.includes("network"));
  assert.equal(by("d1")[0]?.severity, "high");
  assert.ok(by("d2")[0]?.capabilities.includes("file-write"));
  assert.deepEqual(by("d3"), []);
});

test("tf.data service address is evidence; remote /job: device is network", async () => {
  const g = pb([
    [1, constStr("addr", "10.0.0.9:5050")],
    [1, nodeDef("ds", "DataServiceDatasetV4", ["id", "mode", "addr"])],
    [1, nodeDef("m", "MatMul", [], {}, "/job:worker/replica:0/task:0/device:CPU:0")],
    [1, nodeDef("ok", "MatMul", [], {}, "/job:localhost/replica:0/task:0/device:CPU:0")],
  ]);
  const r = await scanBytes("g.pb", g);
  assert.equal(r.findings.find((f) => f.rule === "GW504")?.evidence, 'DataServiceDatasetV4(address="10.0.0.9:5050")');
  assert.deepEqual(r.findings.filter((f) => f.rule === "GW505").map((f) => f.location.pointer), ["g.pb#node/m"]);
});

test("decodeNodeDef (the contract for TFLite Flex ops) rejects garbage", () => {
  assert.equal(decodeNodeDef(pb(nodeDef("n", "ReadFile", ["a"]))).op, "ReadFile");
  assert.throws(() => decodeNodeDef(Uint8Array.from([0x0a, 0x09])), FormatError);
  assert.throws(() => decodeNodeDef(pb([[1, "x"]])), FormatError);
});

// ---- text format ----

test("pbtxt: strings with escapes and concatenation, comments, lists, <> blocks, enums", () => {
  const text = `# comment
  saved_model_schema_version: 1
  meta_graphs {
    meta_info_def { tags: ["serve", 'train'] tensorflow_version: "2.\\x32" "0" }
    graph_def <
      node { name: "c" op: "Const" attr { key: "value" value { tensor { dtype: DT_STRING string_val: "\\057etc\\057passwd" } } } }
      node { name: "r"; op: "ReadFile", input: "c" }
    >
    unknown_field { deeply { nested: 1.5e3 } }
    [type.googleapis.com/foo.Bar] { x: 1 }
  }`;
  const sm = toSavedModel(parseTfText("SavedModel", text));
  const mg = sm.metaGraphs[0]!;
  assert.deepEqual(mg.tags, ["serve", "train"]);
  assert.equal(mg.tensorflowVersion, "2.20");
  const c = mg.graph!.nodes[0]!;
  assert.equal(new TextDecoder().decode(c.attr.get("value")!.tensor!.strings[0]), "/etc/passwd");
  assert.equal(c.attr.get("value")!.tensor!.dtype, 7);
  assert.deepEqual(mg.graph!.nodes[1]!.input, ["c"]);
});

test("pbtxt: malformed text is a FormatError; deep nesting a LimitError", () => {
  assert.throws(() => tokenize('a: "unterminated'), FormatError);
  assert.throws(() => parseTextMessage(TF_SCHEMAS, TF_ENUM_VALUES, "SavedModel", "meta_graphs { "), FormatError);
  assert.throws(() => parseTextMessage(TF_SCHEMAS, TF_ENUM_VALUES, "SavedModel", "meta_graphs: 5 }"), FormatError);
  assert.throws(() => parseTextMessage(TF_SCHEMAS, TF_ENUM_VALUES, "SavedModel", "a { ".repeat(5000) + "}".repeat(5000)), LimitError);
});

test("pbtxt file recognised by content and scanned", async () => {
  const text = 'node { name: "p" op: "Const" attr { key: "value" value { tensor { dtype: DT_STRING string_val: "/etc/passwd" } } } }\nnode { name: "r" op: "ReadFile" input: "p" }\n';
  const r = await scanBytes("graph.pbtxt", new TextEncoder().encode(text));
  assert.equal(r.targets[0]?.format, "tf-pbtxt");
  assert.equal(r.findings.find((f) => f.rule === "GW502")?.evidence, 'ReadFile("/etc/passwd")');
});

test("node and function counts over the limit are a clear LimitError: target error, exit 2", async () => {
  const { TF_GRAPH_LIMITS } = await import("../../src/tf/graph.js");
  const saved = TF_GRAPH_LIMITS.maxNodes;
  TF_GRAPH_LIMITS.maxNodes = 3;
  try {
    const g = pb([[1, nodeDef("a", "NoOp")], [1, nodeDef("b", "NoOp")], [1, nodeDef("c", "NoOp")], [1, nodeDef("d", "NoOp")]]);
    const r = await scanBytes("g.pb", g);
    assert.equal(r.targets[0]?.status, "error");
    assert.match(r.errors[0]?.message ?? "", /4 graph nodes exceed the limit of 3/);
    assert.equal(exitCode(r, "medium"), 2);
  } finally {
    TF_GRAPH_LIMITS.maxNodes = saved;
  }
});

test("many nodes on one remote device give one finding with the count", async () => {
  const dev = "/job:ps/replica:0/task:0/device:CPU:0";
  const g = pb([[1, nodeDef("a", "VariableV2", [], {}, dev)], [1, nodeDef("b", "VariableV2", [], {}, dev)], [1, nodeDef("c", "Assign", ["a", "b"], {}, dev)]]);
  const r = await scanBytes("g.pb", g);
  const f = r.findings.filter((x) => x.rule === "GW505");
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /3 nodes on this device/);
});

test("mutated saved_model.pb bytes: every outcome is a scan or a clean format error, never an internal crash", async () => {
  const { readFileSync } = await import("node:fs");
  const { FIXTURES } = await import("./helpers.js");
  const base = new Uint8Array(readFileSync(FIXTURES + "write_file_init/saved_model.pb"));
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % n;
  };
  for (let i = 0; i < 150; i++) {
    const data = base.slice();
    const flips = 1 + rnd(8);
    for (let k = 0; k < flips; k++) data[rnd(data.length)] = rnd(256);
    const cut = rnd(4) === 0 ? data.subarray(0, rnd(data.length)) : data;
    const r = await scanBytes("saved_model.pb", cut);
    for (const e of r.errors) assert.doesNotMatch(e.message, /TypeError|Cannot read|is not a function|undefined|Maximum call stack/, e.message);
  }
});

test("mutated saved_model.pbtxt text: scan or clean format error, never an internal crash", async () => {
  const { readFileSync } = await import("node:fs");
  const { FIXTURES } = await import("./helpers.js");
  const base = new Uint8Array(readFileSync(FIXTURES + "pbtxt_read_file/saved_model.pbtxt"));
  let seed = 777;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % n;
  };
  const alphabet = new TextEncoder().encode('{}<>[]:;,"\'\\# \nabz019.-_');
  for (let i = 0; i < 60; i++) {
    const data = base.slice();
    for (let k = 0; k < 1 + rnd(6); k++) data[rnd(data.length)] = alphabet[rnd(alphabet.length)]!;
    const r = await scanBytes("saved_model.pbtxt", data);
    for (const e of r.errors) assert.doesNotMatch(e.message, /TypeError|Cannot read|is not a function|undefined|Maximum call stack/, e.message);
  }
});

test("the direct GraphDef reader and the schema-driven reader agree on real SavedModels and graphs", async () => {
  const { readFileSync } = await import("node:fs");
  const { FIXTURES } = await import("./helpers.js");
  const { decodeSavedModel, decodeGraphDef, toGraphDef, decodeMetaGraph, toMetaGraph } = await import("../../src/tf/proto.js");
  for (const dir of ["keras_benign", "dataset_files", "stringlookup_asset", "tf1_savedmodel_mainop", "remote_device"]) {
    const b = new Uint8Array(readFileSync(`${FIXTURES}${dir}/saved_model.pb`));
    assert.deepStrictEqual(decodeSavedModel(b), toSavedModel(decodeTf("SavedModel", b)), dir);
  }
  const f = new Uint8Array(readFileSync(`${FIXTURES}frozen_readfile.pb`));
  assert.deepStrictEqual(decodeGraphDef(f), toGraphDef(decodeTf("GraphDef", f)));
  const m = new Uint8Array(readFileSync(`${FIXTURES}tf1_writefile.meta`));
  assert.deepStrictEqual(decodeMetaGraph(m), toMetaGraph(decodeTf("MetaGraphDef", m)));
});

test("direct GraphDef reader: same hostile-input behaviour (foreign wire type skipped, depth, truncation)", async () => {
  const { decodeGraphDef } = await import("../../src/tf/proto.js");
  // NodeDef.op sent as a varint: an unknown field to protobuf, skipped (the node's op stays empty)
  assert.equal(decodeGraphDef(pb([[1, [[2, 5]]]])).nodes[0]!.op, "");
  assert.throws(() => decodeGraphDef(Uint8Array.from([0x0a, 0x05, 0x0a])), FormatError);
  let v = pb([[10, [[1, "f"]]]]);
  for (let i = 0; i < 200; i++) v = pb([[10, [[1, "f"], [2, [[1, "a"], [2, v]]]]]]);
  assert.throws(() => decodeGraphDef(pb([[1, nodeDef("n", "PartitionedCall", [], { f: [[10, [[1, "x"]]]] }).concat([[5, [[1, "g"], [2, v]]]])]])), LimitError);
});

test("op names that are Object.prototype keys are just unknown ops", async () => {
  const g = pb([[1, nodeDef("a", "constructor")], [1, nodeDef("b", "__proto__")], [1, nodeDef("c", "toString", ["a"])]]);
  const r = await scanBytes("g.pb", g);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.findings.filter((f) => f.rule === "GW506").map((f) => f.evidence).sort(), ["__proto__", "constructor", "toString"]);
});
