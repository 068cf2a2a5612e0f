// Red-team round 28 (TensorFlow): artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red28/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner rates below their severity today.
// All enforced: every class is fixed (see FINDINGS.md, "Fixed"). Generators and findings: tools/fixtures/tf_red28/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, hangCase, scanFixture } from "./helpers.js";
import { about, readWriteCase } from "./red-team.js";



// A: one call overwrites the first match of MatchingFiles("<dir>@x/.b*rc") and reads the first match of
// MatchingFiles("<dir>@x/backup/id_r*"). The intersection (path-patterns.ts) only tries the characters of its alphabet;
// "@" is not one, so the pattern matches no list alternative at all: ReadFile medium, WriteFile high.
readWriteCase("red28_a_glob_char_outside_alphabet");

// B: one call overwrites the first match of MatchingFiles("<dir>/app.p*") (app.py) and reads "<dir>/certs/client.p" +
// AsString(StringLength("twelve chars")) (client.p12). Kinds of names (extensions) are judged on one instance of the
// pattern ("app.px", "client.p0"): ReadFile medium, WriteFile high.
readWriteCase("red28_b_kind_judged_on_one_instance");

// D: one call writes WriteFile(reduce_join(gather(CHARS, IDX_W))) and reads ReadFile(reduce_join(gather(CHARS, IDX_R)))
// where IDX_W / IDX_R are int32 tf.Variables no graph assigns: their values come from the file's own checkpoint and
// spell "<dir>/.bashrc" and "<dir>/.ssh/id_rsa". fedByConstantsOnly stops at ReadVariableOp (/Read|Variable/ in its
// deny list): "supplied at run time", ReadFile medium, WriteFile high (with constant indices: high / critical).
readWriteCase("red28_d_checkpointed_index");

// C: the load-time initializer draws RandomStandardNormal(shape=int32 [65536, 32768], dtype=float64): 2^31 doubles,
// 16 GiB (OOM under a 6 GB cap). hugeTensor weighs an element by the op's `T` attr first, which on a draw is the
// shape operand's dtype (int32, 4 bytes): 8 GiB, under the bound: exit 0, GW507 info. Twin: [256, 128].
hangCase("red28_c_draw_weighed_by_shape_dtype", "load", /RandomStandardNormal/, undefined, "a tensor that exhausts memory");

// E (false alarm): one call returns ReadFile of the first match of MatchingFiles("<dir>/annotations/*.json"), an
// annotation file. The glob evidence rule counts the separator and the extension (".json", shared by every JSON file)
// as literal evidence against the credential name "logins.json" (6 literal, 6 spelled): ReadFile and MatchingFiles
// GW502 HIGH "a secrets location". It deserves the base read (medium). The harmful twin of the same structure
// ("<dir>/firefox/*/logins.js*", a planted dummy returned) is reported high (enforced).
test("red28_e_extension_glob_benign: a glob over an extension is not a secrets location", async () => {
  const r = await scanFixture("red28_e_extension_glob_benign");
  assert.deepEqual(r.errors, []);
  assert.ok(r.findings.every((f) => f.severity !== "high" && f.severity !== "critical" && !/secrets location/.test(f.message)), JSON.stringify(r.findings, null, 1));
});
test("red28_e_extension_glob: the harmful twin (logins.js*) is a secrets read", async () => {
  const r = await scanFixture("red28_e_extension_glob");
  assert.deepEqual(r.errors, []);
  assert.ok(about(r, /ReadFile/).some((f) => f.severity === "high" && /secrets location/.test(f.message)), JSON.stringify(r.findings, null, 1));
});

// F: one call overwrites the first match of MatchingFiles(StringJoin(["<dir>/.", "b*rc"])) (.bashrc). The write's
// operand is MatchingFiles' output (opaque); only the constant sweep meets the pattern, one constant at a time, and
// neither "<dir>/." nor "b*rc" names a listed location; MatchingFiles, where the joined ".b*rc" is traced, is judged
// as a read (credential list). WriteFile high "supplied at run time" (control: the same pattern as one constant,
// red27_e_glob_star_in_name, is critical).
test("red28_f_joined_glob_write: the start-up file write through a joined glob is critical", async () => {
  const r = await scanFixture("red28_f_joined_glob_write");
  assert.deepEqual(r.errors, []);
  assert.ok(about(r, /WriteFile/).some((f) => f.severity === "critical"), JSON.stringify(r.findings, null, 1));
});
test("red28_f_joined_glob_write_benign: only file reads, writes and listings, no persistence location named", async () => {
  const r = await scanFixture("red28_f_joined_glob_write_benign");
  assert.deepEqual(r.errors, []);
  const loudOnes = atLeast(r, "medium");
  assert.ok(loudOnes.length >= 2 && loudOnes.every((f) => /GW50[23]/.test(f.rule) && !/secrets location|persistence location/.test(f.message) && f.severity !== "critical"), JSON.stringify(loudOnes, null, 1));
});

// G: the load-time initializer makes tf.fill([2^28], <an empty TensorList>) (a variant tensor; its last element is
// read). A Variant element is 64 bytes (inline storage; measured 66 bytes an element of RSS on TF 2.20): 16 GiB, OOM
// under a 6 GB cap (at the scanner's 8 bytes it would be 2 GiB and fit). DTYPE_BYTES[21] = 8: exit 0, GW507 info.
// Twin: 2^16 elements.
hangCase("red28_g_variant_fill_at_load", "load", /Fill/, undefined, "a tensor that exhausts memory");
