// Tensors of 8 GiB or more made at inference from small operands whose shapes the file fixes: the shapes the
// scanner infers follow broadcasting (an elementwise add of [N, 1] and [1, N], a batched matmul whose batch
// dimensions broadcast), pads, one-hot depths, scatter and sparse-to-dense shapes and ranges, bincount sizes, tf.eye,
// resizes and categorical draws. Models by real
// TensorFlow 2.20 (tools/fixtures/tf_shapes/gen.py); each call runs out of memory under a 6 GB cap and each twin
// answers (tools/fixtures/tf_shapes/prove.py, output in proof-output.txt). Were silent (the shapes of these ops
// were not inferred).
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, loud, scanFixture, type PbField } from "./helpers.js";

const CASES: Array<[string, RegExp]> = [
  ["shape_broadcast_outer", /AddV2.*\[65536, 65536\]/],
  ["shape_batch_matmul_broadcast", /BatchMatMulV2.*\[2048, 2048, 2048\]/],
  ["shape_pad_constant", /Pad.*\[70002, 70002\]/],
  ["shape_one_hot", /OneHot.*\[70000, 70000\]/],
  // ops whose output size an operand's value sets (round 31 A: weighed by their output shapes, not by a list of ops)
  ["shape_bincount", /Bincount.*\[2147483647\]/],
  ["shape_eye", /MatrixDiagV3.*\[65536, 65536\]/],
  ["shape_resize", /ResizeBilinear.*\[1, 65536, 65536, 1\]/],
  ["shape_categorical", /Multinomial.*\[1, 2147483647\]/],
];

for (const [name, what] of CASES) {
  test(`${name}: the tensor's size is reported (GW513 medium at inference)`, async () => {
    const r = await scanFixture(name);
    assert.deepEqual(r.errors, []);
    const hits = atLeast(r, "medium").filter((f) => f.rule === "GW513" && f.trigger === "inference" && what.test(f.message));
    assert.equal(hits.length, 1, JSON.stringify(r.findings, null, 1));
  });
  test(`${name}_benign: the same ops at a few megabytes stay quiet`, async () => {
    const r = await scanFixture(`${name}_benign`);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(loud(r), []);
  });
}

test("shape inference is linear in a chain of values that each add the previous one to itself (memoised, no 2^n walk)", async () => {
  const { graphRules, nodeDef } = await import("./helpers.js");
  // x0 = Fill([4, 4], 1.0); x_k = x_{k-1} + x_{k-1}, 300 links: each operand is walked once
  const f32: PbField[] = [[6, 1]];
  const nodes = [
    nodeDef("dims", "Const", [], { dtype: [[6, 3]], value: [[8, [[1, 3], [2, [[2, [[1, 2]]]]], [7, 4], [7, 4]]]] }),
    nodeDef("one", "Const", [], { dtype: f32, value: [[8, [[1, 1], [5, 1]]]] }),
    nodeDef("x0", "Fill", ["dims", "one"], { T: f32 }),
  ];
  for (let k = 1; k <= 300; k++) nodes.push(nodeDef(`x${k}`, "AddV2", [`x${k - 1}`, `x${k - 1}`], { T: f32 }));
  assert.deepEqual(await graphRules(...nodes), []);
});
