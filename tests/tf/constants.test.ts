// Constants read as TensorFlow reads them (Tensor::FromProto): the value field of the dtype and only that
// one, and Cast as the kernel converts. A repeat count is a good probe: -1 repeats forever (GW513 under a
// full reduction), 0 or 3 ends.
import { test } from "node:test";
import assert from "node:assert/strict";
import { nodeDef, type PbField, graphRules as rules, int64Const as int64 } from "./helpers.js";

const floats = (...v: number[]): Uint8Array => new Uint8Array(Float32Array.from(v).buffer);
const range = [int64("s", 0), int64("e", 3), int64("d", 1), nodeDef("r", "RangeDataset", ["s", "e", "d"])];
const reduceOver = (count: PbField[][]) => [...range, ...count, nodeDef("rep", "RepeatDataset", ["r", "c"]), nodeDef("red", "ReduceDataset", ["rep"])];

test("a DT_INT64 count reads int64_val, whatever float_val holds", async () => {
  // int64_val -1 with a stray float_val 3: TensorFlow repeats forever
  const both = nodeDef("c", "Const", [], { dtype: [[6, 9]], value: [[8, [[1, 9], [5, floats(3)], [10, -1]]]] });
  assert.ok((await rules(...reduceOver([both]))).some((x) => x.startsWith("GW513")));
  // only float_val -1: a DT_INT64 without int64_val is 0 (an empty dataset), not -1
  const onlyFloat = nodeDef("c", "Const", [], { dtype: [[6, 9]], value: [[8, [[1, 9], [5, floats(-1)]]]] });
  assert.deepEqual(await rules(...reduceOver([onlyFloat])), []);
});

test("Cast converts as the kernel does: to an integer it truncates toward zero", async () => {
  const f32 = (name: string, v: number): PbField[] => nodeDef(name, "Const", [], { dtype: [[6, 1]], value: [[8, [[1, 1], [5, floats(v)]]]] });
  // -0.5 cast to int64 is 0 (an empty dataset): quiet; -1.5 is -1: forever
  const cast = (v: number) => [f32("f", v), nodeDef("c", "Cast", ["f"], { SrcT: [[6, 1]], DstT: [[6, 9]] })];
  assert.deepEqual(await rules(...reduceOver(cast(-0.5))), []);
  assert.ok((await rules(...reduceOver(cast(-1.5)))).some((x) => x.startsWith("GW513")));
});
