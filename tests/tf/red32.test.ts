// Red-team round 32 (TensorFlow): artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red32/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner rates below their severity today.
// All ten classes (and E2, found after the round) are fixed and enforced (each title says how). Each benign twin is enforced and passes. For the
// false alarm F the `_benign` fixture is the over-rated model and the harmful twin is enforced as reported.
// Generators and findings: tools/fixtures/tf_red32/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, constStr, graphRules, nodeDef, scanFixture, type PbField } from "./helpers.js";
import { about } from "./red-team.js";

const TODO = "round 32 finding (tools/fixtures/tf_red32/FINDINGS.md)";
type Scan = Awaited<ReturnType<typeof scanFixture>>;
const show = (r: Scan) => JSON.stringify(r.findings, null, 1);

/** A memory exhaustion (at load or at the call) is GW513 medium or above (todo while `fixed` is undefined); its twin
 * is quiet (enforced). */
function memory(name: string, op: RegExp, fixed?: string): void {
  test(`${name}: the allocation is GW513 medium${fixed ? ` (fixed: ${fixed})` : ""}`, fixed ? {} : { todo: TODO }, async () => {
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

// A: fill([2^20], "x" * 16384) at the call: every element of a string fill is a copy of the value (16 GiB; proven:
// the call dies at a 6 GB address-space cap after growing to it). hugeTensor weighs a string element as 24 bytes.
memory("red32_a_string_fill", /Fill/, "a string element weighs its bytes beyond the tstring's inline 22 (a constant's, a fill's value, a broadcast or tile of one)");

// B: the load-time loop s = strings.join([s, s]) for 36 turns from "x" (a 64 GiB string; proven: the load dies at the
// cap). loopGrowth counts only element growth (ConcatV2 / Tile), never the length of a string element.
memory("red32_b_string_growth", /While|StringJoin/, "a loop variable joined with itself (StringJoin of two or more copies) multiplies its length each turn");

// C: the load-time ResizeBilinear of a uint8 [1, 1, 1, 2] image to [65536, 32768]: the output is float32 (16 GiB;
// proven: OOM at load). outputDtype reads the op's T (the INPUT dtype, uint8): weighed as 4 GiB, under the threshold.
memory("red32_c_resize_dtype", /ResizeBilinear/, "the interpolating resizes are weighed as float32 whatever the image's dtype");

// D: the load-time range(reduce_prod([2^16, 2^15])) in int64 (16 GiB; proven: OOM at load). Prod is not evaluated and
// Range is not among SIZE_OPERANDS, so the fail-closed size rule does not apply either.
memory("red32_d_range_unevaluated", /Range/, "integer reductions of evaluated vectors (Sum, Prod, Max, Min) are evaluated; Range's operands are in the fail-closed size rule");

// E: fill([n, 16], 1.0) at the call with n a resource variable the model's own load-time initializer assigns 2^28
// (16 GiB; proven: OOM at the call). The variable's handle is returned by the TrackableResource's creator function,
// which the loader calls and binds to the resource; the initializer captures that resource and writes it.
memory("red32_e_size_written_var", /Fill/, "a handle a resource's creator returns is followed into every function capturing that resource, so the initializer's write is one of the variable's values");
// E2 (found after the round, the same variable): the initializer writes cast(exp(19.4)) = 266,264,208 (16 GiB rows;
// proven: OOM at the call). Exp is not folded, so the variable has no evaluated value, and the fail-closed size rule
// stopped at the variable read.
memory("red32_e2_size_written_unevaluated", /Fill/, "the fail-closed size rule walks through a variable read into every write of the variable: a size written from the writer's own constants by an op not evaluated is reported");

// F (false alarm): tf.strings.split of two short constant strings (a RaggedTensor whose row lengths are a
// DenseBincount sized max(rowid) + 1 = 2; proven: answers at once) is rated GW513 medium by the fail-closed size rule.
// The harmful twin of the same structure (RaggedTensor.from_value_rowids over constant rowids [0, 2^30]: an 8 GiB
// int64 bincount; proven: OOM at the call) is enforced as reported.
test("red32_f_split_bincount_benign: a string split of constants is not a memory exhaustion (fixed: a size computed from indices, counts or lengths of an input's elements is bounded by the file's own constants, not hidden)", async () => {
  const r = await scanFixture("red32_f_split_bincount_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(atLeast(r, "medium"), []);
});
test("red32_f_split_bincount: a bincount of 2^30 + 1 int64 bins is GW513 medium", async () => {
  const r = await scanFixture("red32_f_split_bincount");
  assert.deepEqual(r.errors, []);
  assert.ok(atLeast(r, "medium").some((f) => f.rule === "GW513"), show(r));
});

// G: the paths are regex_replace(<constant>, "[[:digit:]]+", "") of "<dir>/.ba0000shrc" (write) and
// "<dir>/.s0000sh/id_r0000sa" (read): the RE2 emulation refuses the POSIX class and the trace marks the value as
// supplied at run time (no hidden-value mark), so the fail-closed rule does not rate the write as a persistence
// location (critical) nor the read as a credential (high). Proven: .bashrc overwritten, the dummy key returned.
test("red32_g_regex_refused: the credential read is high and the start-up file write critical (fixed: a value a fold refuses on the file's constants is a value the model hides; RE2's POSIX classes are translated, so this pattern now folds exactly)", async () => {
  const r = await scanFixture("red32_g_regex_refused");
  assert.deepEqual(r.errors, []);
  assert.ok(about(r, /ReadFile/).some((f) => f.severity === "high" || f.severity === "critical"), show(r));
  assert.ok(about(r, /WriteFile/).some((f) => f.severity === "critical"), show(r));
});
test("red32_g_regex_refused_benign: only file reads and writes, no secrets or persistence location named", async () => {
  const r = await scanFixture("red32_g_regex_refused_benign");
  assert.deepEqual(r.errors, []);
  const loudOnes = atLeast(r, "medium");
  assert.ok(loudOnes.length >= 2 && loudOnes.every((f) => /GW50[23]/.test(f.rule) && !/secrets location|persistence location|hides/.test(f.message)), JSON.stringify(loudOnes, null, 1));
});

// H: the load-time loop of 2^20 turns whose body sums fill([2^26], float(i)) (about 48 ms a turn measured, so about
// 14 hours; proven: the load has not returned after 25 s, the 4-turn twin loads at once). bodyWork counts matrix
// products only, so the loop's work is 0 and the counted end (2^20 < 2^32) passes.
test("red32_h_loop_work: the loop that does not end in practice is GW513 medium (fixed: a loop's work counts every element each op of a known shape makes, besides matrix products)", async () => {
  const r = await scanFixture("red32_h_loop_work");
  assert.deepEqual(r.errors, []);
  assert.ok(atLeast(r, "medium").some((f) => f.rule === "GW513" && /While/.test(`${f.evidence ?? ""} ${f.message}`)), show(r));
});
test("red32_h_loop_work_benign: the same loop of 4 turns stays quiet", async () => {
  const r = await scanFixture("red32_h_loop_work_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(atLeast(r, "medium"), []);
});

// I: the signature writes a command line to "<dir>/.bashrc.d/red32": Fedora / RHEL's default ~/.bashrc sources every
// file of ~/.bashrc.d (proven: with that loop as the canary HOME's .bashrc, `bash -i` runs the line). The persistence
// list (src/catalog/secret-paths.ts) names .bashrc but not the folder it sources, so the write is an ordinary GW503.
test("red32_i_bashrc_d: the write of a file the default .bashrc sources is critical (fixed: the persistence list adds the rc .d folders, bash-completion's user files and window managers' autostart and configuration)", async () => {
  const r = await scanFixture("red32_i_bashrc_d");
  assert.deepEqual(r.errors, []);
  assert.ok(about(r, /WriteFile/).some((f) => f.severity === "critical"), show(r));
});
test("red32_i_bashrc_d_benign: an ordinary file write, no persistence location named", async () => {
  const r = await scanFixture("red32_i_bashrc_d_benign");
  assert.deepEqual(r.errors, []);
  const loudOnes = atLeast(r, "medium");
  assert.ok(loudOnes.length === 1 && loudOnes.every((f) => f.rule === "GW503" && f.severity === "high" && !/persistence location|hides/.test(f.message)), JSON.stringify(loudOnes, null, 1));
});

// J: the signature writes to matching_files("<dir>/*rc")[0]: TensorFlow's fnmatch lets "*" take the leading dot, so the
// glob matches .bashrc (.zshrc, .vimrc, .npmrc ...: a family of listed start-up files; proven: .bashrc overwritten).
// The evidence rule (src/catalog/path-patterns.ts intersects) weighs each listed name alone: "rc" written against
// ".bash" spelled fails the balance for every one of them, so the write is an ordinary GW503.
test("red32_j_glob_suffix: a write to the first match of <dir>/*rc is critical (fixed: a glob written to is weighed against the family of listed names its last name can match: two listed characters written suffice)", async () => {
  const r = await scanFixture("red32_j_glob_suffix");
  assert.deepEqual(r.errors, []);
  assert.ok(about(r, /WriteFile/).some((f) => f.severity === "critical"), show(r));
});
test("red32_j_glob_suffix_benign: a write to the first match of <dir>/*.txt names no persistence location", async () => {
  const r = await scanFixture("red32_j_glob_suffix_benign");
  assert.deepEqual(r.errors, []);
  const loudOnes = atLeast(r, "medium");
  assert.ok(loudOnes.length >= 1 && loudOnes.every((f) => /GW50[23]/.test(f.rule) && f.severity !== "critical" && !/persistence location|secrets location|hides/.test(f.message)), JSON.stringify(loudOnes, null, 1));
});

// G, the class beyond the fixture: any pattern the RE2 emulation refuses ((?i), \pL, \Q..\E ...) over the file's own
// constants gives a value the model hides (a read high, a write critical); over a run-time input it stays a value
// supplied at run time.
test("a rewrite the RE2 emulation refuses, over the file's constants, is a hidden location; over a run-time input it is not", async () => {
  const attr = (v: string): PbField[] => [[2, v]];
  const write = (src: PbField[]) => graphRules(src, nodeDef("r", "StaticRegexReplace", ["p"], { pattern: attr("(?i)Q+"), rewrite: attr("") }), constStr("data", "x"), nodeDef("w", "WriteFile", ["r", "data"]));
  const hidden = await write(constStr("p", "/tmp/d/.bashQQrc"));
  assert.ok(hidden.some((x) => /^GW503 critical/.test(x)), JSON.stringify(hidden));
  const fed = await write(nodeDef("p", "Placeholder", [], { dtype: [[6, 7]] }));
  assert.ok(fed.some((x) => /^GW503 high/.test(x)) && !fed.some((x) => /critical/.test(x)), JSON.stringify(fed));
});

// F, the bound of the relief: only ops whose every numeric output is an index, count or length of their input are
// bounded by it; a hash bucket's range is its num_buckets attr (here 2^40), so a size from it stays fail closed.
test("a size from a string hash of the file's constants (range set by num_buckets, not by the input) is reported", async () => {
  const rules = await graphRules(
    constStr("s", "a"),
    nodeDef("h", "StringToHashBucketFast", ["s"], { num_buckets: [[3, 2 ** 40]] }),
    nodeDef("dims", "Pack", ["h"], { T: [[6, 9]], N: [[3, 1]] }),
    nodeDef("one", "Const", [], { dtype: [[6, 1]], value: [[8, [[1, 1], [5, 1]]]] }),
    nodeDef("x", "Fill", ["dims", "one"], { T: [[6, 1]], index_type: [[6, 9]] }),
  );
  assert.ok(rules.some((r) => /^GW513 medium Fill\(size from Pack dims\)/.test(r)), JSON.stringify(rules));
});
