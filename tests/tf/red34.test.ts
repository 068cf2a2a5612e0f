// Red-team round 34 (TensorFlow): artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red34/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner rates below their severity today.
// Malicious cases are `todo` (they fail today); each benign twin is enforced and passes. Proven: 4 of 4 fire, no twin does.
// Generators and findings: tools/fixtures/tf_red34/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, constStr, graphRules, nodeDef, type PbField, scanFixture } from "./helpers.js";

type Scan = Awaited<ReturnType<typeof scanFixture>>;
const show = (r: Scan) => JSON.stringify(r.findings, null, 1);

/** A memory exhaustion at the call is GW513 medium or above; its twin is quiet. */
function memory(name: string, op: RegExp, fixed?: string): void {
  test(`${name}: the allocation is GW513 medium${fixed ? ` (fixed: ${fixed})` : ""}`, fixed ? {} : { todo: "red-team round 34: under-reported today" }, async () => {
    const r = await scanFixture(name);
    assert.deepEqual(r.errors, []);
    assert.ok(atLeast(r, "medium").some((f) => f.rule === "GW513" && op.test(`${f.evidence ?? ""} ${f.message}`)), show(r));
  });
  test(`${name}_benign: the same structure with a small size stays quiet`, async () => {
    const r = await scanFixture(`${name}_benign`);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(atLeast(r, "medium"), []);
  });
}

// A: fill([n, 16], 1.0) with n = strings.length(16 x "é", unit="UTF8_CHAR") * 2^24 (2^28 rows: 16 GiB). The relief
// of the fail-closed size rule (localConstantsOnly returns false at any BOUNDED_BY_INPUT op, src/tf/graph.ts) stops at
// the StringLength and never weighs the multiplication after it.
memory("red34_a_bounded_then_scaled", /Fill/, "the fail-closed size rule is relieved only when an upper bound carried from the bounded op through the arithmetic (valueBound) keeps the tensor under the memory threshold");

// A, second sample (hand-built): fill([size(unique(range(2^28))), 16]): Size bounds its value by its input's elements,
// which are not known here (Unique's shape): no bound, no relief. The same from a bounded length times a small constant
// stays quiet (the fixture's twin).
const i32 = (name: string, v: number): PbField[] => nodeDef(name, "Const", [], { dtype: [[6, 3]], value: [[8, [[1, 3], [7, v]]]] });
test("fill([size(unique(range(2^28))), 16]) is GW513 medium (fixed: a bounded op relieves the rule only by a known bound)", async () => {
  const r = await graphRules(i32("z", 0), i32("lim", 2 ** 28), i32("one", 1), nodeDef("r", "Range", ["z", "lim", "one"], { Tidx: [[6, 3]] }), nodeDef("u", "Unique", ["r"], { T: [[6, 3]], out_idx: [[6, 3]] }), nodeDef("s", "Size", ["u"], { T: [[6, 3]], out_type: [[6, 3]] }), i32("c16", 16), nodeDef("p", "Pack", ["s", "c16"], { T: [[6, 3]], N: [[3, 2]] }), nodeDef("f", "Fill", ["p", "one"], { T: [[6, 3]], index_type: [[6, 3]] }));
  assert.ok(r.some((x) => /^GW513 medium Fill/.test(x)), JSON.stringify(r));
});

// B: WriteFile(<loop result>) and ReadFile(<loop result>) with the path tf.while_loop(i < 1, (i + 1, s + tail),
// [0, "<dir>"])[1]: "<dir>/.bashrc" and "<dir>/.ssh/id_rsa" after one turn, from the file's constants only. The value
// trace does not evaluate a While's output and fedByConstantsOnly (src/tf/graph.ts) refuses a While outright (it
// follows calls and branches only): "the path is supplied at run time" (high / medium). Proven: .bashrc
// overwritten and the planted dummy key returned by the call.
const about = (r: Scan, op: RegExp) => r.findings.filter((f) => op.test(`${f.evidence ?? ""} ${f.message}`));
test("red34_b_loop_result_path: the start-up file write is critical and the credential read high (fixed: a loop's output is traced as its entry value and its body's return, a loop of more turns fails closed; fedByConstantsOnly follows While/For like calls)", async () => {
  const r = await scanFixture("red34_b_loop_result_path");
  assert.deepEqual(r.errors, []);
  assert.ok(about(r, /WriteFile/).some((f) => f.severity === "critical"), show(r));
  assert.ok(about(r, /ReadFile/).some((f) => f.severity === "high" || f.severity === "critical"), show(r));
});
test("red34_b_loop_result_path_benign: an ordinary file write and read of a loop-built path, no persistence or secrets location named", async () => {
  const r = await scanFixture("red34_b_loop_result_path_benign");
  assert.deepEqual(r.errors, []);
  const loud = atLeast(r, "medium");
  assert.ok(loud.length >= 1 && loud.every((f) => /GW50[23]/.test(f.rule) && f.severity !== "critical" && !/persistence location|secrets location|hides/.test(f.message)), show(r));
});

// C: fill([n, 16], 1.0) with n returned by a nested tf.function (a PartitionedCall) that returns the constant 2^28
// (16 GiB). constNumbers has no case for a call, branch or loop output and localConstantsOnly (src/tf/graph.ts)
// refuses them (NOT_A_FUNCTION_OF_INPUTS), so neither the size nor the fail-closed rule fires. The same holds for
// tf.cond, tf.switch_case, tf.while_loop, tf.foldl and tf.map_fn results (probed).
memory("red34_c_size_from_call", /Fill/, "constNumbers evaluates a call's output as its callee's return with the arguments bound, a branch's when its selector folds; localConstantsOnly walks into calls, branches and loops");

// C, same class (real TF fixtures added by the fix round, proven like C): the size from tf.cond(True, ...),
// tf.switch_case(1, ...) and a one-turn tf.while_loop is evaluated (twins of 256 rows quiet); from tf.foldl or
// tf.map_fn (loops over tensor lists, not evaluated) it is reported by the fail-closed size rule, which walks into the
// loop's body (their twins are reported too: a size the file fixes that the scanner does not compute).
const cFixed = "a branch whose selector folds is evaluated as the chosen branch's return, a loop's scalar variables are run for its exact count (constNumbers); localConstantsOnly walks into branches, loops and tensor lists";
memory("red34_c_size_from_cond", /Fill/, cFixed);
memory("red34_c_size_from_case", /Fill/, cFixed);
memory("red34_c_size_from_while", /Fill/, cFixed);
for (const name of ["red34_c_size_from_foldl", "red34_c_size_from_map"]) {
  test(`${name}: the allocation is GW513 medium (fixed: ${cFixed})`, async () => {
    const r = await scanFixture(name);
    assert.deepEqual(r.errors, []);
    assert.ok(atLeast(r, "medium").some((f) => f.rule === "GW513" && /Fill/.test(`${f.evidence ?? ""} ${f.message}`)), show(r));
  });
}

// D (round 33 A reopened): a string fill of 2^20 copies of as_string(1, width=16384) (16 GiB). stringLength
// (src/tf/graph.ts) models constants, fills, joins and the ops that never lengthen a string; any other producer
// (AsString with width or precision, EncodeBase64, a lengthening regex, StringFormat, SerializeTensor, EncodePng,
// UnicodeEncode ...) is undefined and hugeTensor weighs the element as a bare 24-byte tstring (fail open).
memory("red34_d_string_unmodelled_producer", /Fill/, "stringLength models AsString, EncodeBase64, DecodeBase64, RegexReplace, StringFormat, SerializeTensor, UnicodeEncode, EncodePng; a string tensor of the file's constants whose length is still not known fails closed in hugeTensor at 64 KiB an element");

// D, the fail-closed form (hand-built graphs): a string fill of 2^20 copies of a value from an op with no length
// model (DecodeCompressed of a constant: any length) is GW513 medium; the same fill of 2^10 copies, or of 2^20 copies of a value
// fed at run time, stays quiet.
const vec = (name: string, v: number): PbField[] => nodeDef(name, "Const", [], { dtype: [[6, 3]], value: [[8, [[1, 3], [2, [[2, [[1, 1]]]]], [7, v]]]] });
const transcode = (from: PbField[]): PbField[] => nodeDef("t", "DecodeCompressed", [String(from[0]![1])], { compression_type: [[2, "ZLIB"]] });
const stringFill = (n: number, from: PbField[]) => graphRules(vec("shape", n), from, transcode(from), nodeDef("fill", "Fill", ["shape", "t"], { T: [[6, 7]], index_type: [[6, 3]] }));
test("a string fill of 2^20 copies of a constant-fed value of unknown length is GW513 medium (fixed: fail closed in hugeTensor)", async () => {
  const r = await stringFill(2 ** 20, constStr("c", "abc"));
  assert.ok(r.some((x) => /^GW513 (medium|high|critical) Fill/.test(x)), JSON.stringify(r));
});
test("a string fill of 2^10 copies, or of a run-time value, stays quiet", async () => {
  assert.deepEqual((await stringFill(2 ** 10, constStr("c", "abc"))).filter((x) => /GW513/.test(x)), []);
  assert.deepEqual((await stringFill(2 ** 20, nodeDef("c", "Placeholder", [], { dtype: [[6, 7]] }))).filter((x) => /GW513/.test(x)), []);
});
