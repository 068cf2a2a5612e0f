// The generated TensorFlow op registry: real ops across versions are known, invented ones are not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isKnownTfjsOp, isKnownTfOp, tfliteBuiltinName, tfOpRegistrySize, tfOpVersions, TF_REGISTRY_SOURCES, TFLITE_MAX_BUILTIN } from "../../src/catalog/tf-op-registry.js";

test("registry size is that of TensorFlow 0.x to 2.20 (about 1,900 ops)", () => {
  const n = tfOpRegistrySize();
  assert.ok(n > 1800 && n < 3000, `size ${n}`);
  assert.equal(TF_REGISTRY_SOURCES.live, "2.20.0");
});

test("ordinary, file, checkpoint, Python-callback and control-flow ops are known", () => {
  for (const op of ["MatMul", "Conv2D", "SaveV2", "RestoreV2", "MergeV2Checkpoints", "ReadFile", "WriteFile", "PyFunc", "EagerPyFunc", "StatelessWhile", "PartitionedCall", "_FusedConv2D", "VarHandleOp", "DataServiceDatasetV4"]) {
    assert.equal(isKnownTfOp(op), true, op);
  }
});

test("ops removed from TensorFlow are still known through the op history", () => {
  // Rpc/TryRpc (contrib RPC) and RemoteFusedGraphExecute left TF after 2.0; 2.20 no longer registers them.
  for (const op of ["Rpc", "TryRpc", "RemoteFusedGraphExecute"]) {
    assert.equal(isKnownTfOp(op), true, op);
    assert.ok(!tfOpVersions(op).includes("2.20.0"), `${op}: ${tfOpVersions(op).join(",")}`);
  }
  assert.deepEqual(tfOpVersions("MatMul").includes("2.20.0"), true);
  assert.ok(tfOpVersions("MatMul").includes("1.x"));
});

test("ops some scanners invent are unknown, and the lookup is case-sensitive", () => {
  for (const op of ["ShellExecute", "ExecuteOp", "SystemConfig", "PyCall", "matmul", "MATMUL", "", "MatMul ", "constructor", "__proto__", "toString"]) {
    assert.equal(isKnownTfOp(op), false, JSON.stringify(op));
  }
  assert.deepEqual(tfOpVersions("ShellExecute"), []);
});

test("TF.js-only ops are known to the TF.js lookup only", () => {
  assert.equal(isKnownTfOp("FusedDepthwiseConv2dNative"), false);
  assert.equal(isKnownTfjsOp("FusedDepthwiseConv2dNative"), true);
  assert.equal(isKnownTfjsOp("MatMul"), true);
  assert.equal(isKnownTfjsOp("ShellExecute"), false);
});

test("TFLite builtin operator names", () => {
  assert.equal(tfliteBuiltinName(0), "ADD");
  assert.equal(tfliteBuiltinName(3), "CONV_2D");
  assert.equal(tfliteBuiltinName(32), "CUSTOM");
  assert.equal(tfliteBuiltinName(TFLITE_MAX_BUILTIN + 1), undefined);
  assert.ok(TFLITE_MAX_BUILTIN >= 200);
});
