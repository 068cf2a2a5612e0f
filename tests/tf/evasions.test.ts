// Graphs that run a payload on real TensorFlow 2.20 and were once passed by the scanner
// (tools/fixtures/tf_evasions/*.py; fixtures/tf/evasion_*). Each must now be reported at its
// severity; the benign twins (the same mechanism used the standard way) are in fixtures.test.ts's
// BENIGN list (textline_asset, stringlookup_asset, tf1_savedmodel_benign, embedded_graph_benign...)
// and in the twins below.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, loud, scanFixture } from "./helpers.js";
import { decodeTf, parseTfText, toGraphDef } from "../../src/tf/proto.js";
import { decodeStringList } from "../../src/tf/strings.js";

interface Expect {
  rule: string;
  severity: "medium" | "high" | "critical";
  evidence: RegExp;
}

const EVASIONS: Record<string, Expect> = {
  // Class A: an asset path rewritten (StaticRegexReplace) is no longer the model's asset.
  evasion_e1_asset_regex_read: { rule: "GW502", severity: "medium", evidence: /^InitializeTableFromTextFileV2\(filename="\/tmp\/rt-canary-secret\.txt"\)$/ },
  evasion_e6_tf2_asset_regex_init: { rule: "GW502", severity: "medium", evidence: /^InitializeTableFromTextFileV2\(filename="\/tmp\/rt-canary-secret\.txt"\)$/ },
  // Class B: tensors compared by node and output index (the loader feeds "fn:0", not "fn:1").
  evasion_e2_saver_filename_port: { rule: "GW503", severity: "high", evidence: /^SaveV2\("\/tmp\/rt-canary-e2\/pwned"\)$/ },
  evasion_e4_asset_output_port: { rule: "GW502", severity: "medium", evidence: /^ReadFile\("\/tmp\/rt-canary-secret\.txt"\)$/ },
  // Class C: a StringJoin with a separator (or any op a saver never uses) is not the standard checkpoint path.
  evasion_e3_saver_join_separator: { rule: "GW503", severity: "high", evidence: /^SaveV2\("model\/\.\.\/\.\.\// },
  // Class E: value tracking past a cap is unknown, never "the values seen so far".
  evasion_e7_assign_limit: { rule: "GW502", severity: "medium", evidence: /^ReadFile\("\/tmp\/rt-canary-secret\.txt"\)$/ },
  evasion_e7_assign_limit_overflow: { rule: "GW502", severity: "medium", evidence: /^ReadFile\(<stash \(assigned more than \d+ times\)>\)$/ },
  // Class F: a oneof keeps its last member on the wire (AttrValue list after s).
  "evasion_e10_attr_oneof.pb": { rule: "GW503", severity: "high", evidence: /^DebugIdentity\(debug_urls="file:\/\/\/tmp\/rt-canary-e10"\)$/ },
  // Class E: a dataset op calls f(components..., captured...): captured arg k is input 1 + k.
  evasion_e9_map_arg_offset: { rule: "GW502", severity: "medium", evidence: /^ReadFile\("\/tmp\/rt-canary-secret\.txt"\)$/ },
  // Class D: an embedded graph computed from a constant (Substr) is untraceable, never the raw constant.
  evasion_e5_embedded_graph_substr: { rule: "GW511", severity: "high", evidence: /^DatasetFromGraph$/ },
  // Class D: a checkpointed variable is read under the key the checkpoint's object graph names; a
  // key that disagrees with the SavedModel's object graph makes the value untraceable.
  evasion_e8_ckpt_key_remap: { rule: "GW511", severity: "high", evidence: /^DatasetFromGraph$/ },
  // Class G: a DT_STRING constant whose value is in tensor_content (DecodeStringList) is read, and a
  // value that traces to nothing is unknown, never a harmless suffix or an empty cache filename.
  evasion_e13_string_tensor_content: { rule: "GW503", severity: "high", evidence: /^SaveV2\("\/tmp\/rt2-canary-e13"\)$/ },
  // Class B: a function's argument 0 is the saver filename only if every caller passes the saver's filename
  // (the standard TF2 savers, module_benign and keras_benign below, stay quiet).
  evasion_e12_restore_fn_arg: { rule: "GW503", severity: "high", evidence: /^SaveV2\("\/tmp\/rt2-canary-e12"\)$/ },
  // Class E: a loop's cond/body argument also takes what the body returns (loop-carried values).
  "evasion_e14_while_loop_carried.pb": { rule: "GW503", severity: "high", evidence: /^CacheDatasetV2\(filename=\["", "\/tmp\/rt2-canary-e14"\]\)$/ },
  evasion_e14b_while_asset_read: { rule: "GW502", severity: "medium", evidence: /^ReadFile\("\/tmp\/rt2-canary-secret\.txt"\)$/ },
  // Class B: the "extra tf.train.Saver subgraph no loader runs" exemption needs a loader: a frozen GraphDef
  // has none, and the user's session runs whatever the output depends on. (Its benign twin, a TF1 .meta
  // with tflearn's extra bare-prefix savers, is the real-world corpus's 082_tflearn-meta: tests/tf/corpus.test.ts.)
  "evasion_e11_frozen_bare_saver.pb": { rule: "GW503", severity: "high", evidence: /^SaveV2\("rt2-canary-e11"\)$/ },
  "evasion_e13b_cache_tensor_content.pb": { rule: "GW503", severity: "high", evidence: /^CacheDataset\(filename="\/tmp\/rt2-canary-e13b"\)$/ },
};

for (const [name, e] of Object.entries(EVASIONS)) {
  test(`${name}: ${e.rule} ${e.severity}`, async () => {
    const r = await scanFixture(name);
    assert.deepEqual(r.errors, []);
    const hits = atLeast(r, e.severity).filter((f) => f.rule === e.rule && e.evidence.test(f.evidence ?? ""));
    assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
    assert.ok(hits.every((f) => f.severity === e.severity || e.severity === "medium"), JSON.stringify(hits));
  });
}

test("benign twins stay quiet: untransformed assets (A), the standard TF1 and TF2 savers (B, C), an embedded graph passed as stored (D), a variable holding only the asset and a map function reading its captured asset and a While loop carrying the asset unchanged (E), a oneof whose last member is benign (F)", async () => {
  for (const name of ["textline_asset", "stringlookup_asset", "tf1_savedmodel_benign", "module_benign", "keras_benign", "evasion_e7_assign_asset_benign", "evasion_e10_attr_oneof_benign.pb", "evasion_e9_map_asset_benign", "evasion_e14b_while_asset_benign", "embedded_graph_benign"]) {
    const r = await scanFixture(name);
    assert.deepEqual(loud(r), [], name);
  }
});

test("generic protobuf reader: the last oneof member wins (AttrValue, SavedObject kind, TensorInfo encoding)", () => {
  const ld = (f: number, b: number[]) => [(f << 3) | 2, b.length, ...b];
  const bytes = (t: string) => [...new TextEncoder().encode(t)];
  const attr = decodeTf("AttrValue", Uint8Array.from([...ld(2, bytes("stdout")), ...ld(1, ld(2, bytes("file:///x")))]));
  assert.equal(attr["s"], undefined);
  assert.ok(attr["list"]);
  const attr2 = decodeTf("AttrValue", Uint8Array.from([...ld(1, ld(2, bytes("file:///x"))), ...ld(2, bytes("stdout"))]));
  assert.equal(attr2["list"], undefined);
  // SavedObject: function (6) then variable (7): a variable.
  const obj = decodeTf("SavedObject", Uint8Array.from([...ld(6, ld(1, bytes("f"))), ...ld(7, [])]));
  assert.equal(obj["function"], undefined);
  assert.ok(obj["variable"]);
  // TensorInfo: name then coo_sparse: no name (the loader feeds nothing by that name).
  const ti = decodeTf("TensorInfo", Uint8Array.from([...ld(1, bytes("asset:0")), ...ld(4, [])]));
  assert.equal(ti["name"], undefined);
  // CollectionDef: any_list (asset defs) then node_list: the loader sees no assets.
  const col = decodeTf("CollectionDef", Uint8Array.from([...ld(5, ld(1, ld(1, bytes("t")))), ...ld(1, ld(1, bytes("main_op")))]));
  assert.equal(col["any_list"], undefined);
  assert.ok(col["node_list"]);
});

test("text format: an AttrValue naming two oneof members is refused (TensorFlow's parser refuses it)", () => {
  const text = 'node { name: "d" op: "DebugIdentity" attr { key: "debug_urls" value { s: "stdout" list { s: "file:///x" } } } }';
  assert.throws(() => toGraphDef(parseTfText("GraphDef", text)), /oneof/);
});

test("checkpointed variable twin: the standard checkpoint's key agrees, the embedded graph is opened and quiet", async () => {
  const r = await scanFixture("evasion_e8_ckpt_variable_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), []);
  assert.match(JSON.stringify(r), /"tf_embedded_graphs":1\b/);
});

test("DT_STRING tensor_content: lengths as varints then the bytes; a malformed or ambiguous list is undecodable", () => {
  const enc = (xs: string[]) => {
    const b = xs.map((x) => [...new TextEncoder().encode(x)]);
    return Uint8Array.from([...b.map((x) => x.length), ...b.flat()]);
  };
  const dec = (u: Uint8Array) => decodeStringList(u, 100)?.map((x) => new TextDecoder().decode(x));
  assert.deepEqual(dec(enc(["/tmp/x"])), ["/tmp/x"]);
  assert.deepEqual(dec(enc(["ab", "", "cde"])), ["ab", "", "cde"]);
  assert.equal(dec(Uint8Array.from([9, 1, 2])), undefined); // length past the end
  assert.equal(dec(Uint8Array.from([0, 5])), undefined); // no count fills the buffer exactly
});
