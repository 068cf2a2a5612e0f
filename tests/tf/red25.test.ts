// Red-team round 25 (TensorFlow): artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red25/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner rates below their severity today.
// All five classes are fixed and enforced (tools/fixtures/tf_red25/FINDINGS.md, "Fixed"); each twin is enforced too.
// Generators and findings: tools/fixtures/tf_red25/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, hangCase, scanFixture } from "./helpers.js";

type Scan = Awaited<ReturnType<typeof scanFixture>>;
const about = (r: Scan, op: RegExp) => r.findings.filter((f) => op.test(`${f.evidence ?? ""} ${f.message}`));

function hiddenPathCase(name: string, todo: string | undefined) {
  test(`${name}: the credential read is high and the start-up file write critical`, { todo }, async () => {
    const r = await scanFixture(name);
    assert.deepEqual(r.errors, []);
    assert.ok(about(r, /ReadFile/).some((f) => f.severity === "high" || f.severity === "critical"), JSON.stringify(r.findings, null, 1));
    assert.ok(about(r, /WriteFile/).some((f) => f.severity === "critical"), JSON.stringify(r.findings, null, 1));
  });
  // the twin: the same ops on "<dir>/notes.txt" and "<dir>/out.txt": a file read and a file write at inference at
  // their base severities (medium and high), nothing critical
  test(`${name}_benign: the read stays medium, the write high, nothing critical`, async () => {
    const r = await scanFixture(`${name}_benign`);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(atLeast(r, "critical"), [], JSON.stringify(r.findings, null, 1));
    const read = about(r, /ReadFile/);
    assert.ok(read.length >= 1 && read.every((f) => f.severity === "medium"), JSON.stringify(read, null, 1));
    assert.ok(about(r, /WriteFile/).some((f) => f.severity === "high"), JSON.stringify(r.findings, null, 1));
  });
}

// A: one call of serving_default reads ReadFile(unpack(<zlib of "<dir>/.ssh/id_rsa">)), unpack a nested tf.function
// (PartitionedCall) running DecodeCompressed on its constant argument, and writes WriteFile(cond(x > -1e30,
// "<dir>/.bashrc", "<dir>/.profile"), ...), the branches returning PLAIN constants: the trace does not follow a
// call's or a branch's output into the function's return and the hidden-path rule stops at calls and Ifs:
// ReadFile medium, WriteFile high, "the path is supplied at run time".
hiddenPathCase("red25_a_hidden_path_through_call", undefined);

// B: one call of serving_default reads ReadFile(table.lookup("key")) of a StaticHashTable whose initializer holds
// "<dir>/.ssh/id_rsa" in plain text, and writes WriteFile(DecodeCompressed(v)) of a variable whose checkpointed
// value is the zlib bytes of "<dir>/.bashrc": the trace does not read tables, and the hidden-path rule treats
// tables and variables as not fixed by the file: ReadFile medium, WriteFile high.
hiddenPathCase("red25_b_path_in_restored_state", undefined);

// C: the TrackableResource initializer (run by tf.saved_model.load) sums tf.tile([[1.0, 2.0]], [65536, 32768]): a
// float32 tensor of [65536, 65536] (16 GiB) from a few bytes; the Tile kernel allocates it at load (under a 6 GB cap
// the load fails with OOM "when allocating tensor with shape[65536,65536]"). hugeTensor weighs Const, Fill,
// BroadcastTo, Empty and random draws only: exit 0, GW507 info. Twin: multiples [64, 32].
hangCase("red25_c_huge_tile_at_load", "load", /Tile|65536/, undefined, "a tensor that exhausts memory");

// D (false alarm): the benign model reads "<dir>/shard_" + as_string(3) + "_data" and writes "<dir>/out_" +
// as_string(3) + "_data": the known pieces place both files in an ordinary folder, only the digit is made by an op the
// trace does not evaluate (AsString); the hidden-path rule rates the read high and the write critical ("a location the
// model hides"). The read deserves its base medium, the write its base high. The twin (the same ops on
// "<dir>/.ssh/key_" + "3" and "<dir>/.config/autostart/job_" + "3" + ".desktop") is reported high / critical today.
test("red25_d_partly_known_path_benign: the read stays medium, the write high, nothing critical", { todo: undefined }, async () => {
  const r = await scanFixture("red25_d_partly_known_path_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(atLeast(r, "critical"), [], JSON.stringify(r.findings, null, 1));
  const read = about(r, /ReadFile/);
  assert.ok(read.length >= 1 && read.every((f) => f.severity === "medium"), JSON.stringify(read, null, 1));
});
test("red25_d_partly_known_path: the credential read is high and the autostart write critical", async () => {
  const r = await scanFixture("red25_d_partly_known_path");
  assert.deepEqual(r.errors, []);
  assert.ok(about(r, /ReadFile/).some((f) => f.severity === "high" || f.severity === "critical"), JSON.stringify(r.findings, null, 1));
  assert.ok(about(r, /WriteFile/).some((f) => f.severity === "critical"), JSON.stringify(r.findings, null, 1));
});

// E (false alarm): serving_default(name) reads "<dir>/data/" + name + ".txt": a read at run time (medium), rated high
// "a secrets location (the path is computed from the constant ".txt")": the fail-closed sweep judges the extension
// constant as a whole path, a relative dot-file. The twin ("<dir>/.ssh/" + name + ".txt") is high today.
test("red25_e_extension_constant_benign: the read stays medium", { todo: undefined }, async () => {
  const r = await scanFixture("red25_e_extension_constant_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(atLeast(r, "high"), [], JSON.stringify(r.findings, null, 1));
  assert.ok(r.findings.some((f) => f.rule === "GW502" && f.severity === "medium"), JSON.stringify(r.findings, null, 1));
});
test("red25_e_extension_constant: the read in a credential folder is high", async () => {
  const r = await scanFixture("red25_e_extension_constant");
  assert.deepEqual(r.errors, []);
  assert.ok(about(r, /ReadFile/).some((f) => f.severity === "high" || f.severity === "critical"), JSON.stringify(r.findings, null, 1));
});
