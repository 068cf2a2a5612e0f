// The op class table across TensorFlow wheels (tools/tf_op_classes.py VERSIONS, merged by
// tools/gen-op-registry.py --classes): which wheels register each op, where its signature changed,
// and the per-version coverage committed in docs/tf-op-coverage.json. The venvs are not rebuilt in
// CI; these tests check the committed table against the generator's declared versions and against
// itself, and the facts the wheels gave (ops only older TensorFlow registers stay known and classified).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { TF_OP_CLASS_CODES, TF_OP_CLASS_ROWS, TF_OP_CLASS_RULES, TF_OP_CLASS_SOURCE } from "../../src/catalog/tf-op-classes.data.js";
import { tfOpClass } from "../../src/catalog/tf-op-classes.js";
import { isKnownTfOp, tfOpVersions } from "../../src/catalog/tf-op-registry.js";
import { TF_OPS } from "../../src/catalog/tf-ops.js";
import { judgeNodeDef } from "../../src/tf/judge.js";
import type { TfNodeDef } from "../../src/tf/types.js";

const root = new URL("../../", import.meta.url);
const generator = readFileSync(new URL("tools/tf_op_classes.py", root), "utf8");
const coverageFile = JSON.parse(readFileSync(new URL("docs/tf-op-coverage.json", root), "utf8")) as {
  tensorflow: string;
  versions: string[];
  venvs: Record<string, string>;
  venv_python: Record<string, string>;
  coverage: { versions: Record<string, { total: number; classified: number }>; installed: { total: number; classified: number }; history: { total: number; classified: number } };
  unreviewed: string[];
  only_in_older_wheels: Record<string, string[]>;
  not_in_older_wheels: Record<string, number>;
  signature_changed: number;
  class_differs_between_wheels: Record<string, Record<string, string>>;
  catalogue_operands_differ_between_wheels: Record<string, unknown>;
};
const versions: readonly string[] = TF_OP_CLASS_SOURCE.versions;

interface Row {
  name: string;
  cls: string;
  flags: string;
  rule: string;
  mask: number;
  changes: string[];
}
const rows: Row[] = TF_OP_CLASS_ROWS.map((r) => {
  const p = r.split(" ");
  assert.equal(p.length, 9, r);
  return {
    name: p[0]!,
    cls: TF_OP_CLASS_CODES[Number(p[1])]!,
    flags: p[3] === "-" ? "" : p[3]!,
    rule: TF_OP_CLASS_RULES[Number(p[4])]!,
    mask: parseInt(p[7]!, 16),
    changes: p[8] === "-" ? [] : p[8]!.split(","),
  };
});
const byName = new Map(rows.map((r) => [r.name, r]));
const wheelsOf = (name: string): string[] => versions.filter((_, i) => byName.get(name)!.mask & (1 << i));

test("the table lists exactly the wheels the generator declares (VERSIONS and VENVS in tools/tf_op_classes.py)", () => {
  const m = /^VERSIONS = \[([^\]]*)\]$/m.exec(generator);
  assert.ok(m, "VERSIONS declaration");
  const declared = [...m[1]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]);
  assert.deepEqual([...versions], declared);
  assert.deepEqual(coverageFile.versions, declared);
  assert.equal(TF_OP_CLASS_SOURCE.tensorflow, declared[declared.length - 1]);
  const venvs = /^VENVS = (\{[^\n]*\})$/m.exec(generator);
  assert.ok(venvs, "VENVS declaration");
  assert.deepEqual(coverageFile.venvs, JSON.parse(venvs[1]!));
  assert.ok(versions.length >= 4, "several 2.x wheels");
  // Sorted oldest first: the signature-change notes compare each wheel with the previous one.
  const key = (v: string): number => v.split(".").reduce((a, x) => a * 1000 + Number(x), 0);
  assert.deepEqual([...versions].sort((a, b) => key(a) - key(b)), [...versions]);
});

test("per-version coverage in docs/tf-op-coverage.json is recomputed from the rows", () => {
  for (const [i, v] of versions.entries()) {
    const inV = rows.filter((r) => r.mask & (1 << i));
    const cov = coverageFile.coverage.versions[v]!;
    assert.equal(cov.total, inV.length, v);
    assert.equal(cov.classified, inV.filter((r) => r.cls !== "unreviewed").length, v);
    assert.equal(coverageFile.not_in_older_wheels[v], rows.filter((r) => r.mask && !(r.mask & (1 << i))).length, v);
  }
  const wheelRows = rows.filter((r) => r.mask !== 0);
  assert.equal(coverageFile.coverage.installed.total, wheelRows.length);
  assert.equal(coverageFile.coverage.history.total, rows.length - wheelRows.length);
  assert.equal(coverageFile.signature_changed, rows.filter((r) => r.changes.length > 0).length);
  assert.deepEqual(coverageFile.unreviewed, rows.filter((r) => r.cls === "unreviewed").map((r) => r.name));
  // Every wheel's own op count is in the range of a TF 2.12..2.20 wheel, growing with the version.
  const totals = versions.map((v) => coverageFile.coverage.versions[v]!.total);
  assert.ok(totals.every((t) => t > 1500 && t < 2100), totals.join(","));
  assert.ok(totals[totals.length - 1]! > totals[0]!, totals.join(","));
  // docs/tf-ops.md shows the same per-version numbers (the generator writes its table).
  const doc = readFileSync(new URL("docs/tf-ops.md", root), "utf8");
  for (const v of versions) {
    const c = coverageFile.coverage.versions[v]!;
    const line = `| ${v} | \`${coverageFile.venvs[v]}\` (Python ${coverageFile.venv_python[v]}) | ${c.total} | ${c.classified} | ${c.total - c.classified} |`;
    assert.ok(doc.includes(line), `docs/tf-ops.md lacks: ${line}`);
  }
  // Last: deepEqual narrows coverageFile.coverage to the table's literal type.
  assert.deepEqual(coverageFile.coverage, TF_OP_CLASS_SOURCE.coverage);
});

test("a row is history-only exactly when no wheel registers it", () => {
  for (const r of rows) assert.equal(r.flags.includes("h"), r.mask === 0, r.name);
  for (const r of rows) assert.ok(r.mask < 1 << versions.length, r.name);
});

test("ops only older wheels register are in the table with the version in their evidence, and known to the registry", () => {
  const only = coverageFile.only_in_older_wheels;
  const newestBit = 1 << (versions.length - 1);
  assert.deepEqual(Object.keys(only), rows.filter((r) => r.mask && !(r.mask & newestBit)).map((r) => r.name));
  assert.ok(Object.keys(only).length > 0);
  for (const [name, vs] of Object.entries(only)) {
    assert.deepEqual(wheelsOf(name), vs, name);
    const info = tfOpClass(name)!;
    assert.notEqual(info.cls, "unreviewed", name);
    assert.match(info.rule, new RegExp(`registered only by TF ${vs.join(", ").replace(/\./g, "\\.")} of the wheels; facts from TF ${vs[vs.length - 1]!.replace(/\./g, "\\.")}\\]`), name);
    // The registry knows it (an old model may carry it), as a 2.x op the newest wheel lacks.
    assert.equal(isKnownTfOp(name), true, name);
    assert.ok(tfOpVersions(name).includes("2.x"), name);
    assert.ok(!tfOpVersions(name).includes(TF_OP_CLASS_SOURCE.tensorflow), name);
  }
  // TFLite Flex's subgraph call: TF 2.8..2.18 register it, 2.4, 2.19 and 2.20 do not; reviewed, not guessed.
  assert.deepEqual(wheelsOf("TfLiteSubgraphExecute"), ["2.8.4", "2.11.1", "2.12.1", "2.13.1", "2.14.1", "2.15.1", "2.16.2", "2.17.1", "2.18.1"]);
  assert.equal(tfOpClass("TfLiteSubgraphExecute")?.cls, "graph");
  assert.match(tfOpClass("TfLiteSubgraphExecute")!.rule, /^reviewed: TFLite Flex delegate/);
  assert.equal(tfOpClass("TfLiteSubgraphExecute")?.kernel, true);
  // oneDNN rewrites of TF 2.8..2.16 and a TF <= 2.13 TPU op: classified by name rule, with the wheels named.
  assert.deepEqual(wheelsOf("_MklAdd"), ["2.8.4", "2.11.1", "2.12.1", "2.13.1", "2.14.1", "2.15.1", "2.16.2"]);
  assert.equal(tfOpClass("_MklAdd")?.cls, "pure");
  assert.match(tfOpClass("_MklAdd")!.rule, /^name rule: oneDNN/);
  assert.deepEqual(wheelsOf("_TPUCompileMlirPlaceholderProgramKey"), ["2.4.4", "2.8.4", "2.11.1", "2.12.1", "2.13.1"]);
  // TF 2.4's wheel still registers the contrib RPC ops and RemoteFusedGraphExecute: their class is not compute.
  for (const [op, cls] of [["Rpc", "network"], ["TryRpc", "network"], ["RemoteFusedGraphExecute", "embedded"]] as const) {
    assert.deepEqual(wheelsOf(op), ["2.4.4"], op);
    assert.equal(tfOpClass(op)?.cls, cls, op);
  }
  // TF 2.4's tensor forest ops: in-process tree resources, by their wrapper module in that wheel.
  assert.deepEqual(wheelsOf("TensorForestTreeDeserialize"), ["2.4.4"]);
  assert.equal(tfOpClass("TensorForestTreeDeserialize")?.cls, "resource");
  assert.equal(tfOpClass("TensorForestTreeDeserialize")?.module, "tensorflow.python.ops.gen_tensor_forest_ops");
  assert.notEqual(tfOpClass("_TPUCompileMlirPlaceholderProgramKey")?.cls, "unreviewed");
  // DTensor's RelayoutGrad: only TF 2.13 registers it; its wrapper module of that wheel is the evidence.
  assert.deepEqual(wheelsOf("RelayoutGrad"), ["2.13.1"]);
  assert.equal(tfOpClass("RelayoutGrad")?.cls, "pure");
  assert.equal(tfOpClass("RelayoutGrad")?.module, "tensorflow.dtensor.python.gen_dtensor_ops");
  assert.match(tfOpClass("RelayoutGrad")!.rule, /^module gen_dtensor_ops: compute \[registered only by TF 2\.13\.1 of the wheels/);
});

test("per-op wheel lists and signature changes hold the facts the wheels gave", () => {
  assert.deepEqual(wheelsOf("MatMul"), [...versions]);
  assert.deepEqual(wheelsOf("ReadFile"), [...versions]);
  // New in 2.20: DecodeWebP.
  assert.deepEqual(wheelsOf("DecodeWebP"), ["2.20.0"]);
  assert.equal(tfOpClass("DecodeWebP")?.cls, "pure");
  // XlaCallModule (since 2.11) gained attrs in 2.12 and 2.13, function_list and statefulness in 2.14, attrs again in 2.20.
  assert.deepEqual(wheelsOf("XlaCallModule"), versions.slice(versions.indexOf("2.11.1")));
  assert.deepEqual(byName.get("XlaCallModule")!.changes, ["2.12.1:a", "2.13.1:a", "2.14.1:as", "2.20.0:a"]);
  assert.equal(tfOpClass("XlaCallModule")?.cls, "graph");
  // ConcatOffset's inputs, outputs and attrs all changed in 2.14.
  assert.deepEqual(byName.get("ConcatOffset")!.changes, ["2.14.1:ioat"]);
  for (const r of rows) {
    for (const c of r.changes) {
      const [v, parts] = c.split(":") as [string, string];
      assert.ok(versions.indexOf(v) > 0, `${r.name} ${c}`);
      assert.ok(r.mask & (1 << versions.indexOf(v)), `${r.name} ${c}: changed in a wheel that does not register it`);
      assert.match(parts, /^i?o?a?t?s?$/, `${r.name} ${c}`);
    }
  }
});

test("the hand catalogue's operand positions hold for every wheel: no catalogued op changed its inputs", () => {
  // (the collectives wait whatever their operands: the catalogue reads none of them)
  const catalogued = Object.keys(TF_OPS).filter((op) => byName.has(op) && byName.get(op)!.mask !== 0 && !op.startsWith("Collective"));
  assert.ok(catalogued.length > 50, String(catalogued.length));
  const changed = catalogued.filter((op) => byName.get(op)!.changes.some((c) => c.split(":")[1]!.includes("i")));
  assert.deepEqual(changed, []);
  assert.deepEqual(Object.keys(coverageFile.catalogue_operands_differ_between_wheels), []);
  // Where the wheels disagree on a class, every verdict is a quiet one (statefulness or module moves:
  // Optional* left gen_dataset_ops, collectives became stateful); a dangerous class in any wheel
  // would need a review of both forms.
  const differs = Object.entries(coverageFile.class_differs_between_wheels);
  assert.ok(differs.length > 0);
  for (const [op, byVersion] of differs) for (const cls of Object.values(byVersion)) assert.ok(["pure", "stateful", "resource", "graph"].includes(cls), `${op}: ${cls}`);
  assert.deepEqual(coverageFile.class_differs_between_wheels["OptionalNone"]?.["2.11.1"], "pure");
  assert.deepEqual(coverageFile.class_differs_between_wheels["OptionalNone"]?.["2.12.1"], "resource");
  // The file ops are registered by every wheel.
  for (const op of ["ReadFile", "WriteFile", "MatchingFiles", "SaveV2", "RestoreV2", "PyFunc", "EagerPyFunc"]) assert.deepEqual(wheelsOf(op), [...versions], op);
});

test("a class taken from an older wheel is one where the wheels disagree, and names that wheel", () => {
  const differs = coverageFile.class_differs_between_wheels;
  const fromOlder = rows.filter((r) => /\(as TF [0-9.]+ registers it\)/.test(r.rule));
  for (const r of fromOlder) {
    const v = /\(as TF ([0-9.]+) registers it\)/.exec(r.rule)![1]!;
    assert.ok(versions.slice(0, -1).includes(v) && r.mask & (1 << versions.indexOf(v)), r.name);
    assert.equal(differs[r.name]?.[v], r.cls, r.name);
  }
  // Every disagreement is listed with the wheels that register the op.
  for (const [name, byVersion] of Object.entries(differs)) assert.deepEqual(Object.keys(byVersion), wheelsOf(name), name);
  assert.equal(fromOlder.length, 0, "no op's class comes from an older wheel in 2.4..2.20");
});

const node = (op: string): TfNodeDef => ({ name: op.toLowerCase(), op, input: [], device: "", attr: new Map() });

test("ops of older wheels are judged by their class, not called unknown", () => {
  const ctx = { isKnownOp: isKnownTfOp };
  for (const op of ["_MklAdd", "_MklToTf", "TfLiteSubgraphExecute", "RelayoutGrad"]) assert.deepEqual(judgeNodeDef(node(op), ctx), [], op);
  const unknown = judgeNodeDef(node("MklAddNotAnOp"), ctx);
  assert.equal(unknown[0]?.kind, "unknown-op");
});
