// Round-11 classes beyond the fixtures (tools/fixtures/tf_red11/FINDINGS.md): endless runs on small frozen graphs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { nodeDef, graphRules as rules, int64Const as int64 } from "./helpers.js";


test("a dataset reduced over an endless repeat() is GW513; a bounded repeat or a take() in between is quiet", async () => {
  const range = [int64("s", 0), int64("e", 1), int64("d", 1), nodeDef("r", "RangeDataset", ["s", "e", "d"])];
  const got = await rules(...range, int64("c", -1), nodeDef("rep", "RepeatDataset", ["r", "c"]), nodeDef("p", "PrefetchDataset", ["rep"]), nodeDef("red", "ReduceDataset", ["p"]));
  assert.ok(got.some((x) => x.startsWith("GW513 medium ReduceDataset(") && x.includes("RepeatDataset(count=-1)")), JSON.stringify(got));
  assert.deepEqual(await rules(...range, int64("c", 3), nodeDef("rep", "RepeatDataset", ["r", "c"]), nodeDef("red", "ReduceDataset", ["rep"])), []);
  assert.deepEqual(await rules(...range, int64("c", -1), nodeDef("rep", "RepeatDataset", ["r", "c"]), int64("n", 5), nodeDef("t", "TakeDataset", ["rep", "n"]), nodeDef("red", "ReduceDataset", ["t"])), []);
});

test("a local receive is quiet when an op it depends on sends its tensor in the same step", async () => {
  const cpu = "/job:localhost/replica:0/task:0/device:CPU:0";
  const dev = (): Record<string, [number, string][]> => ({ send_device: [[2, cpu]], recv_device: [[2, cpu]] });
  const recv = (tn: string, inputs: string[] = []) => nodeDef("rv", "_Recv", inputs, { tensor_name: [[2, tn]], ...dev() });
  const send = nodeDef("sd", "_Send", ["x"], { tensor_name: [[2, "k"]], ...dev() });
  assert.ok((await rules(recv("k"))).some((x) => x.startsWith("GW513")));
  assert.deepEqual(await rules(nodeDef("x", "Placeholder"), send, recv("k", ["^sd"])), []);
  // a send elsewhere in the graph that the receive does not depend on may be pruned from its step (H7)
  assert.ok((await rules(nodeDef("x", "Placeholder"), send, recv("k"))).some((x) => x.startsWith("GW513")));
});
