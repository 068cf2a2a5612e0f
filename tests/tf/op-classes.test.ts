// The generated op class table (tools/gen-op-registry.py --classes) and how the judge uses it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { TF_OP_CLASS_ROWS, TF_OP_CLASS_SOURCE } from "../../src/catalog/tf-op-classes.data.js";
import { QUIET_CLASSES, tfOpClass, tfOpClassCoverage } from "../../src/catalog/tf-op-classes.js";
import { TF_OP_NAMES_TEXT } from "../../src/catalog/tf-op-registry.data.js";
import { judgeNodeDef } from "../../src/tf/judge.js";
import type { TfNodeDef } from "../../src/tf/types.js";

const enc = new TextEncoder();
function node(op: string, attrs: Record<string, string> = {}, input: string[] = []): TfNodeDef {
  return { name: op.toLowerCase(), op, input, device: "", attr: new Map(Object.entries(attrs).map(([k, v]) => [k, { s: enc.encode(v) }])) };
}

test("every op name of the registry has a class row, and the committed coverage matches the table", () => {
  const names = TF_OP_NAMES_TEXT.split(" ");
  const missing = names.filter((n) => !tfOpClass(n));
  assert.deepEqual(missing, []);
  assert.equal(TF_OP_CLASS_ROWS.length, names.length);
  const cov = JSON.parse(readFileSync(new URL("../../docs/tf-op-coverage.json", import.meta.url), "utf8"));
  assert.deepEqual(cov.coverage, TF_OP_CLASS_SOURCE.coverage);
  const { total, classified } = tfOpClassCoverage();
  assert.equal(total, cov.coverage.installed.total + cov.coverage.history.total);
  assert.equal(classified, cov.coverage.installed.classified + cov.coverage.history.classified);
});

test("the dangerous ops are classified by their behaviour, not treated as compute", () => {
  const expect: Record<string, string> = {
    DumpTensor: "write",
    CalibrationStatisticsSaver: "write",
    Skipgram: "read",
    DebugIdentityV2: "write",
    DebugIdentityV3: "write",
    WriteFile: "write",
    ReadFile: "read",
    MatchingFiles: "read",
    SaveV2: "write",
    RestoreV2: "read",
    PyFunc: "callback",
    EagerPyFunc: "callback",
    RpcClient: "network",
    RpcCall: "network",
    DatasetFromGraph: "embedded",
    TextLineDataset: "read",
    TFRecordDataset: "read",
  };
  for (const [op, cls] of Object.entries(expect)) assert.equal(tfOpClass(op)?.cls, cls, op);
  // Evidence: wrapper module and kernels come from the wheel.
  assert.equal(tfOpClass("ReadFile")?.module.endsWith("gen_io_ops"), true);
  assert.equal(tfOpClass("MatMul")?.cls, "pure");
  assert.equal(QUIET_CLASSES.has(tfOpClass("VarHandleOp")!.cls), true);
  assert.equal(tfOpClass("DumpTensor")?.module, "");
  assert.equal(tfOpClass("DumpTensor")?.kernel, true);
});

test("ops outside the hand catalogue are judged by class: embedded graph high, unreviewed low, kernel-less low", () => {
  const emb = judgeNodeDef(node("DatasetFromGraph", {}, ["g"]));
  assert.equal(emb.length, 1);
  assert.equal(emb[0]!.kind, "embedded-graph");
  assert.equal(emb[0]!.severity, "high");
  const unrev = judgeNodeDef(node("KernelLabel"));
  assert.equal(unrev[0]?.kind, "unreviewed-op");
  assert.equal(unrev[0]?.severity, "low");
  const nok = judgeNodeDef(node("Foo1"));
  assert.equal(nok[0]?.kind, "unknown-op");
  assert.equal(nok[0]?.severity, "low");
  // Compute and resource ops stay quiet.
  assert.deepEqual(judgeNodeDef(node("StringFormat", { template: "/etc/passwd" })), []);
  assert.deepEqual(judgeNodeDef(node("VarHandleOp", { shared_name: "x" })), []);
});

test("send/recv ops are network only when a device names another job", () => {
  assert.deepEqual(judgeNodeDef(node("_Send", { send_device: "/job:localhost/replica:0/task:0/device:CPU:0", recv_device: "/job:localhost/replica:0/task:0/device:CPU:0" })), []);
  const j = judgeNodeDef(node("_Send", { send_device: "/job:localhost/replica:0/task:0/device:CPU:0", recv_device: "/job:evil/replica:0/task:0/device:CPU:0" }));
  assert.equal(j[0]?.kind, "network");
  assert.equal(j[0]?.severity, "high");
});
