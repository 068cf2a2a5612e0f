// Verdicts on SavedModels, frozen GraphDefs and MetaGraphDefs written by real TensorFlow 2.20
// (tools/fixtures/gen_tf.py); hand-built cases say so in fixtures/tf/manifest.json.
import { test } from "node:test";
import assert from "node:assert/strict";
import { exitCode } from "../../src/report/summary.js";
import { atLeast, loud, scanFixture } from "./helpers.js";

interface Expect {
  rule: string;
  severity: string;
  trigger: string;
  evidence: RegExp;
  pointer: RegExp;
  via?: RegExp;
  format: RegExp;
}

const MALICIOUS: Record<string, Expect> = {
  py_function: { rule: "GW501", severity: "critical", trigger: "inference", evidence: /^EagerPyFunc\(token="pyfunc_\d+"\)$/, pointer: /^saved_model\.pb#meta_graphs\[0\]\/library\/__inference___call___\d+\/node\/EagerPyFunc$/, via: /signature serving_default/, format: /^savedmodel$/ },
  numpy_function: { rule: "GW501", severity: "critical", trigger: "inference", evidence: /^PyFunc\(token="pyfunc_\d+"\)$/, pointer: /\/node\/PyFunc$/, via: /signature serving_default/, format: /^savedmodel$/ },
  read_file_signature: { rule: "GW502", severity: "high", trigger: "inference", evidence: /^ReadFile\("\/etc\/passwd"\)$/, pointer: /library\/__inference___call___\d+\/node\/ReadFile$/, via: /signature serving_default/, format: /^savedmodel$/ },
  write_file_signature: { rule: "GW503", severity: "high", trigger: "inference", evidence: /^WriteFile\("\/tmp\/graphwarden-canary\/marker-signature\.txt"\)$/, pointer: /\/node\/WriteFile$/, format: /^savedmodel$/ },
  read_file_init: { rule: "GW502", severity: "high", trigger: "load", evidence: /^ReadFile\("\/etc\/passwd"\)$/, pointer: /library\/__inference__initializer_\d+\/node\/ReadFile$/, via: /init op/, format: /^savedmodel$/ },
  write_file_init: { rule: "GW503", severity: "high", trigger: "load", evidence: /^WriteFile\("\/tmp\/graphwarden-canary\/marker-init\.txt"\)$/, pointer: /library\/__inference__initializer_\d+\/node\/WriteFile$/, via: /init op/, format: /^savedmodel$/ },
  print_file: { rule: "GW503", severity: "high", trigger: "inference", evidence: /^PrintV2\(output_stream="file:\/\/\/tmp\/graphwarden-canary\/print\.log"\)$/, pointer: /\/node\/PrintV2$/, format: /^savedmodel$/ },
  dataset_files: { rule: "GW502", severity: "medium", trigger: "inference", evidence: /^MatchingFiles\("\/var\/log\/\*\.log"\)$/, pointer: /\/node\/list_files\/MatchingFiles$/, format: /^savedmodel$/ },
  "frozen_readfile.pb": { rule: "GW502", severity: "high", trigger: "unknown", evidence: /^ReadFile\("\/etc\/passwd"\)$/, pointer: /^frozen_readfile\.pb#node\/ReadFile$/, format: /^tf-graphdef$/ },
  "tf1_writefile.meta": { rule: "GW503", severity: "high", trigger: "unknown", evidence: /^WriteFile\("\/tmp\/graphwarden-canary\/marker-tf1\.txt"\)$/, pointer: /^tf1_writefile\.meta#node\/drop$/, format: /^tf-metagraph$/ },
  tf1_savedmodel_mainop: { rule: "GW502", severity: "high", trigger: "load", evidence: /^ReadFile\("\/etc\/passwd"\)$/, pointer: /^saved_model\.pb#meta_graphs\[0\]\/node\/peek$/, via: /init op \(saved_model_main_op\)/, format: /^savedmodel$/ },
  savev2_outside_saver: { rule: "GW503", severity: "high", trigger: "inference", evidence: /^SaveV2\("\/tmp\/graphwarden-canary\/ckpt"\)$/, pointer: /__inference___call___\d+\/node\/SaveV2$/, format: /^savedmodel$/ },
  save_v1_tf2: { rule: "GW503", severity: "high", trigger: "inference", evidence: /^Save\("\/tmp\/graphwarden-canary\/v1ckpt"\)$/, pointer: /\/node\/Save$/, format: /^savedmodel$/ },
  pbtxt_read_file: { rule: "GW502", severity: "high", trigger: "inference", evidence: /^ReadFile\("\/etc\/passwd"\)$/, pointer: /^saved_model\.pbtxt#meta_graphs\[0\]\/library\/__inference___call___\d+\/node\/ReadFile$/, format: /^savedmodel$/ },
  remote_device: { rule: "GW505", severity: "high", trigger: "inference", evidence: /^MatMul @ \/job:evil\//, pointer: /\/node\/MatMul$/, format: /^savedmodel$/ },
  asset_traversal: { rule: "GW508", severity: "medium", trigger: "unknown", evidence: /\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd/, pointer: /^saved_model\.pb#meta_graphs\[0\]\/asset_file_def\[0\]$/, format: /^savedmodel$/ },
  dump_tensor: { rule: "GW503", severity: "high", trigger: "inference", evidence: /^DumpTensor\(log_dir_path="\/tmp\/graphwarden-canary", file_name="dump-tensor\.npy"\)$/, pointer: /\/node\/DumpTensor$/, via: /signature serving_default/, format: /^savedmodel$/ },
  calibration_saver: { rule: "GW503", severity: "high", trigger: "inference", evidence: /^CalibrationStatisticsSaver\(output_file_path="\/tmp\/graphwarden-canary\/calibration\.pb", ids="canary-id"\)$/, pointer: /\/node\/CalibrationStatisticsSaver$/, format: /^savedmodel$/ },
  asset_const_secret: { rule: "GW502", severity: "high", trigger: "inference", evidence: /^ReadFile\("\/etc\/passwd"\)$/, pointer: /^saved_model\.pb#meta_graphs\[0\]\/node\/peek$/, via: /signature serving_default/, format: /^savedmodel$/ },
  asset_symlink: { rule: "GW512", severity: "high", trigger: "inference", evidence: /^assets\/lines\.txt -> \/etc\/passwd$/, pointer: /^assets\/lines\.txt$/, format: /^savedmodel$/ },
  asset_symlink_table: { rule: "GW512", severity: "high", trigger: "load", evidence: /^assets\/vocab\.txt -> \/etc\/passwd$/, pointer: /^assets\/vocab\.txt$/, format: /^savedmodel$/ },
  "asset_symlink.tar": { rule: "GW302", severity: "high", trigger: "unknown", evidence: /^asset_symlink\/assets\/lines\.txt -> \/etc\/passwd$/, pointer: /^asset_symlink\/assets\/lines\.txt$/, format: /^tar$/ },
  embedded_graph: { rule: "GW503", severity: "high", trigger: "inference", evidence: /^WriteFile\("\/tmp\/graphwarden-canary\/embedded\.txt"\)$/, pointer: /\/node\/DatasetFromGraph\/graph_def#library\/__inference_Dataset_map_write_marker_\d+\/node\/WriteFile$/, via: /signature serving_default.*DatasetFromGraph.*embedded graph/, format: /^savedmodel$/ },
  embedded_graph_variable: { rule: "GW503", severity: "high", trigger: "inference", evidence: /^WriteFile\("\/tmp\/graphwarden-canary\/embedded\.txt"\)$/, pointer: /\/node\/DatasetFromGraph\/graph_def#library\/__inference_Dataset_map_write_marker_\d+\/node\/WriteFile$/, via: /DatasetFromGraph.*embedded graph/, format: /^savedmodel$/ },
  embedded_graph_asset: { rule: "GW503", severity: "high", trigger: "inference", evidence: /^WriteFile\("\/tmp\/graphwarden-canary\/embedded\.txt"\)$/, pointer: /\/node\/DatasetFromGraph\/graph_def#library\/__inference_Dataset_map_write_marker_\d+\/node\/WriteFile$/, via: /DatasetFromGraph.*embedded graph/, format: /^savedmodel$/ },
  embedded_graph_input: { rule: "GW511", severity: "high", trigger: "inference", evidence: /^DatasetFromGraph$/, pointer: /\/node\/DatasetFromGraph$/, via: /signature serving_default/, format: /^savedmodel$/ },
  "renamed_model.bin": { rule: "GW501", severity: "critical", trigger: "inference", evidence: /^EagerPyFunc/, pointer: /^renamed_model\.bin#meta_graphs\[0\]\/library\//, format: /^savedmodel-pb$/ },
};

for (const [name, e] of Object.entries(MALICIOUS)) {
  test(`${name}: ${e.rule} ${e.severity} at ${e.trigger}`, async () => {
    const r = await scanFixture(name);
    assert.deepEqual(r.errors, []);
    assert.ok(r.targets.some((t) => e.format.test(t.format)), `format: ${r.targets.map((t) => t.format).join(",")}`);
    const hits = r.findings.filter((f) => f.rule === e.rule && e.evidence.test(f.evidence ?? ""));
    assert.equal(hits.length, 1, JSON.stringify(r.findings, null, 1));
    const f = hits[0]!;
    assert.equal(f.severity, e.severity);
    assert.equal(f.trigger, e.trigger);
    assert.match(f.evidence ?? "", e.evidence);
    assert.match(f.location.pointer ?? "", e.pointer);
    if (e.via) assert.match(f.message, e.via);
    // Nothing else above low: one payload, one finding (TextLineDataset is the one exception below; an
    // asset filename that leaves assets/ is a path of its own, so the table reading it is judged too).
    if (name === "asset_traversal") assert.deepEqual(loud(r).map((x) => x.rule).sort(), ["GW502", "GW508"]);
    else if (name !== "dataset_files") assert.deepEqual(loud(r).map((x) => x.rule), [e.rule]);
  });
}

test("dataset_files: Dataset.list_files and TextLineDataset both reported, in their own functions", async () => {
  const r = await scanFixture("dataset_files");
  const ev = loud(r).map((f) => `${f.rule} ${f.trigger} ${f.evidence}`);
  assert.equal(ev.length, 2);
  // the files MatchingFiles lists are judged by its pattern (a glob: src/catalog/path-patterns.ts)
  assert.ok(ev.includes('GW502 inference TextLineDataset("/var/log/*.log")'), ev.join("\n"));
});

const BENIGN = ["embedded_graph_benign", "string_transforms_benign", "tf1_assets_collection", "textline_asset", "asset_symlink_inside", "op_classes_benign", "dataset_memory", "tfhub_module", "module_benign", "keras_benign", "print_stderr", "stringlookup_asset", "frozen_benign.pb", "tf1_benign.meta", "tf1_savedmodel_benign", "pbtxt_benign", "warmup_requests"];

for (const name of BENIGN) {
  test(`${name}: benign twin stays quiet (nothing above info), scanned, exit 0`, async () => {
    const r = await scanFixture(name);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(atLeast(r, "low").map((f) => `${f.rule} ${f.message}`), []);
    assert.ok(r.targets.every((t) => t.status === "scanned"), JSON.stringify(r.targets));
    assert.equal(exitCode(r, "low"), 0);
  });
}

test("the standard checkpoint subgraph is recognised by linkage and inventoried as info", async () => {
  for (const name of ["module_benign", "tf1_savedmodel_benign", "tf1_benign.meta"]) {
    const r = await scanFixture(name);
    const inv = r.findings.filter((f) => f.rule === "GW507");
    assert.equal(inv.length, 1, name);
    assert.equal(inv[0]!.severity, "info");
    assert.match(inv[0]!.message, /SaveV2×1/);
    assert.match(inv[0]!.message, /RestoreV2×1/);
  }
});

test("a StringLookup vocabulary asset feeds InitializeTableFromTextFileV2: quiet", async () => {
  const r = await scanFixture("stringlookup_asset");
  assert.equal(r.findings.filter((f) => f.rule === "GW502").length, 0);
});

test("GW512: a linked asset is read when the op reading it runs (table initializer: load; signature: inference)", async () => {
  // asset_symlink_table is stringlookup_asset with assets/vocab.txt linked to /etc/passwd: the vocabulary
  // feeds InitializeTableFromTextFileV2, which the loader runs. asset_symlink's TextLineDataset reads its
  // linked asset inside the serving signature, so at the first call.
  const atLoad = (await scanFixture("asset_symlink_table")).findings.filter((f) => f.rule === "GW512");
  assert.equal(atLoad.length, 1);
  assert.equal(atLoad[0]!.trigger, "load");
  assert.match(atLoad[0]!.message, /at load/);
  const atCall = (await scanFixture("asset_symlink")).findings.filter((f) => f.rule === "GW512");
  assert.equal(atCall.length, 1);
  assert.equal(atCall[0]!.trigger, "inference");
  assert.match(atCall[0]!.message, /runs at inference/);
});

test("TF Serving warm-up requests are reported as a load trigger", async () => {
  const r = await scanFixture("warmup_requests");
  const w = r.findings.filter((f) => f.rule === "GW509");
  assert.equal(w.length, 1);
  assert.equal(w[0]!.trigger, "load");
  assert.match(w[0]!.message, /2 records/);
});

test("chunked saved_model.cpb is rejected clearly: error, exit 2", async () => {
  const r = await scanFixture("chunked_cpb");
  assert.equal(r.targets[0]?.status, "error");
  assert.match(r.errors[0]?.message ?? "", /chunked SavedModel .*not supported/);
  assert.equal(exitCode(r, "medium"), 2);
});

test("keras_benign: keras_metadata.pb is read and handed to the Keras engine", async () => {
  const r = await scanFixture("keras_benign");
  const t = r.targets.find((x) => x.format === "savedmodel");
  assert.ok(t?.details && Number(t.details["keras_metadata.pb:keras_metadata_nodes"]) >= 2, JSON.stringify(t?.details));
});

test("variables/ is listed, never read beyond its size", async () => {
  const r = await scanFixture("module_benign");
  const t = r.targets.find((x) => x.format === "savedmodel");
  assert.equal(t?.details?.["variables_files"], 2);
  assert.equal(r.targets.length, 1, "variables files must be consumed by the SavedModel target");
});

test("a SavedModel inside a zip is recognised (folder or members)", async () => {
  const { zipSync } = await import("fflate");
  const { readdirSync, readFileSync } = await import("node:fs");
  const { scanBytes } = await import("../../src/scanner.js");
  const { FIXTURES } = await import("./helpers.js");
  const files: Record<string, Uint8Array> = {};
  for (const e of readdirSync(FIXTURES + "py_function", { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const abs = `${e.parentPath}/${e.name}`;
    files[`model/${abs.slice((FIXTURES + "py_function/").length)}`] = new Uint8Array(readFileSync(abs));
  }
  const r = await scanBytes("model.zip", zipSync(files));
  assert.deepEqual(r.errors, []);
  const f = r.findings.filter((x) => x.rule === "GW501");
  assert.equal(f.length, 1);
  // The archive handler hands the folder to the SavedModel directory handler (member "model/").
  assert.match(f[0]!.location.member ?? "", /^model\/(saved_model\.pb)?$/);
  assert.match(f[0]!.location.pointer ?? "", /^saved_model\.pb#meta_graphs\[0\]\/library\//);
  // Checkpoint shards are inventoried, not "unsupported".
  assert.deepEqual(r.findings.filter((x) => x.rule === "GW002"), []);
});

test("a TF Hub module folder is a SavedModel with tfhub_module.pb; its single files are recognised by structure", async () => {
  const r = await scanFixture("tfhub_module");
  assert.deepEqual(r.errors, []);
  const t = r.targets.find((x) => x.format === "savedmodel");
  assert.equal(t?.details?.["tfhub_module"], true);
  assert.equal(r.targets.length, 1, "tfhub_module.pb and fingerprint.pb are consumed by the folder");
  const hub = await scanFixture("tfhub_module/tfhub_module.pb");
  assert.equal(hub.targets[0]?.format, "tf-hub-module");
  const fp = await scanFixture("tfhub_module/fingerprint.pb");
  assert.equal(fp.targets[0]?.format, "tf-fingerprint");
  const km = await scanFixture("keras_benign/keras_metadata.pb");
  assert.equal(km.targets[0]?.format, "tf-keras-metadata");
  assert.deepEqual(km.errors, []);
  const meta = await scanFixture("tf1_benign.meta");
  assert.equal(meta.targets[0]?.format, "tf-metagraph");
});

test("with TF Serving warm-up requests, signature code runs at load", async () => {
  const { readdirSync, readFileSync } = await import("node:fs");
  const { MemoryTree } = await import("../../src/core/fs.js");
  const { MemorySource } = await import("../../src/core/bytes.js");
  const { scanTree } = await import("../../src/scanner.js");
  const { FIXTURES } = await import("./helpers.js");
  const files: Array<[string, InstanceType<typeof MemorySource>]> = [];
  for (const e of readdirSync(FIXTURES + "py_function", { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const abs = `${e.parentPath}/${e.name}`;
    const rel = `m/${abs.slice((FIXTURES + "py_function/").length)}`;
    files.push([rel, new MemorySource(rel, new Uint8Array(readFileSync(abs)))]);
  }
  const warm = new Uint8Array(readFileSync(FIXTURES + "warmup_requests/assets.extra/tf_serving_warmup_requests"));
  files.push(["m/assets.extra/tf_serving_warmup_requests", new MemorySource("w", warm)]);
  const r = await scanTree(new MemoryTree(files), "m", "m", { hash: false });
  const f = r.findings.find((x) => x.rule === "GW501");
  assert.equal(f?.trigger, "load");
  assert.match(f?.message ?? "", /warm-up requests/);
});

test("a SavedModel folder whose saved_model.pb is a git-LFS pointer says so (error, exit 2)", async () => {
  const { MemoryTree } = await import("../../src/core/fs.js");
  const { MemorySource } = await import("../../src/core/bytes.js");
  const { scanTree } = await import("../../src/scanner.js");
  const ptr = new TextEncoder().encode("version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n");
  const r = await scanTree(new MemoryTree([["m/saved_model.pb", new MemorySource("p", ptr)]]), "m", "m", { hash: false });
  assert.match(r.errors[0]?.message ?? "", /git-LFS pointer, not the model/);
  assert.equal(exitCode(r, "medium"), 2);
});

test("saved_model.pb is always parsed as a SavedModel (as the loader does): a GraphDef under that name is an error, never read as a GraphDef", async () => {
  const { readFileSync } = await import("node:fs");
  const { MemoryTree } = await import("../../src/core/fs.js");
  const { MemorySource } = await import("../../src/core/bytes.js");
  const { scanTree } = await import("../../src/scanner.js");
  const { FIXTURES } = await import("./helpers.js");
  const g = new Uint8Array(readFileSync(FIXTURES + "frozen_readfile.pb"));
  for (const [root, tree] of [
    ["m", new MemoryTree([["m/saved_model.pb", new MemorySource("g", g)]])],
    ["saved_model.pb", new MemoryTree([["saved_model.pb", new MemorySource("saved_model.pb", g)]])],
  ] as const) {
    const r = await scanTree(tree, root, root, { hash: false });
    assert.match(r.errors[0]?.message ?? "", /SavedModel/, root);
    assert.equal(r.findings.some((f) => f.rule === "GW502"), false, root);
    assert.equal(exitCode(r, "medium"), 2, root);
  }
});
