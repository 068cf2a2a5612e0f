// Red-team round 29 (TensorFlow): artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red29/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner rates below their severity today.
// All enforced: every class is fixed (see FINDINGS.md, "Fixed"). Generators and findings:
// tools/fixtures/tf_red29/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanFixture } from "./helpers.js";
import { about, readWriteCase } from "./red-team.js";



// A: one call overwrites the first match of MatchingFiles("<dir>/.[!B]ashrc") and reads the first match of
// MatchingFiles("<dir>/backup/id_r[!S]a"). TensorFlow matches with fnmatch (case-sensitive: "[!B]" takes "b"); the
// scanner case folds the class body ("[!B]" is "not b"), and globCandidates tries a negated class as "a"/"x":
// ReadFile medium, WriteFile high.
readWriteCase("red29_a_glob_class_case", { twinBelowCritical: true });

// B: the same ops on "<dir>/.[[:lower:]]ashrc" and "<dir>/backup/id_[[:lower:]]sa". fnmatch's POSIX class takes
// "b" / "r"; the scanner ends the bracket at the first "]" (a class of "[:lower" then a literal "]"): ReadFile
// medium, WriteFile high.
readWriteCase("red29_b_glob_posix_class", { twinBelowCritical: true });

// C: a StaticHashTable over a TextFileInitializer of the model's own asset (lines "<dir>/.bashrc", "<dir>/.ssh/id_rsa");
// one call writes to table[0] and reads table[1]. The trace of LookupTableFindV2 knows only the fills with a value
// input (TABLE_FILLS) and the default ("<dir>/work/notes1.txt"): the paths read as the default, ReadFile medium,
// WriteFile high.
readWriteCase("red29_c_table_from_asset_file", { twinBelowCritical: true });

// D: the same ops as A on "<dir>/.bash\rc" and "<dir>/backup/id_\rsa": GetMatchingPaths treats "\" as glob syntax and
// fnmatch reads "\r" as "r"; the scanner reads a value as a glob only with "*", "?" or "[" (hasGlob, globCandidates):
// ReadFile medium, WriteFile high.
readWriteCase("red29_d_glob_escape_only", { twinBelowCritical: true });

// F: a StaticHashTable over a KeyValueTensorInitializer (values "<dir>/.bashrc", "<dir>/.ssh/id_rsa", filled by the
// initializer tf.saved_model.load runs); one call exports the table (LookupTableExportV2) and writes to / reads the
// values of keys 0 and 1 (boolean_mask selections). The trace stops at the export, and fedByConstantsOnly's deny list
// (/Table|Lookup/) calls it a run-time value: "supplied at run time", ReadFile medium, WriteFile high.
readWriteCase("red29_f_table_export", { twinBelowCritical: true });

// G: a MutableHashTable filled before saving ({0: "<dir>/.bashrc", 1: "<dir>/.ssh/id_rsa"}): its contents are saved in
// the file's checkpoint and restored at load (RestoreV2 -> LookupTableImportV2). One call writes to table.lookup(0) and
// reads table.lookup(1). The trace follows the import to RestoreV2, which it does not read (a run-time note):
// ReadFile medium, WriteFile high, evidence the default plus <RestoreV2>.
readWriteCase("red29_g_mutable_table_ckpt", { twinBelowCritical: true });

// E (false alarm): one call returns ReadFile of the first match of MatchingFiles("../data/*.csv") (a CSV of the parent
// of the working directory). The glob intersection drops the credential list's negative lookaheads (its exceptions),
// so "../" is "a relative dot-file" (the (?![./\\]) after "^(?:\.[/\\])*\." is gone): ReadFile and MatchingFiles GW502
// HIGH "a secrets location". It deserves the base read (medium); the literal "../data/train.csv" is no secrets
// location. The harmful twin of the same structure ("../backup/id_r*", a planted dummy key returned) is high (enforced).
test("red29_e_glob_list_exception_benign: a glob under a list exception is not a secrets location", async () => {
  const r = await scanFixture("red29_e_glob_list_exception_benign");
  assert.deepEqual(r.errors, []);
  assert.ok(r.findings.every((f) => f.severity !== "high" && f.severity !== "critical" && !/secrets location/.test(f.message)), JSON.stringify(r.findings, null, 1));
});
test("red29_e_glob_list_exception: the harmful twin (../backup/id_r*) is a secrets read", async () => {
  const r = await scanFixture("red29_e_glob_list_exception");
  assert.deepEqual(r.errors, []);
  assert.ok(about(r, /ReadFile/).some((f) => f.severity === "high" && /secrets location/.test(f.message)), JSON.stringify(r.findings, null, 1));
});
