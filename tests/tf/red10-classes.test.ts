// Round-10 classes beyond the fixtures (tools/fixtures/tf_red10/FINDINGS.md), on small frozen graphs:
// F1, ops that wait for another op (queues, staging areas, accumulators, barriers, collectives) are reported
// (GW513) unless the graph itself satisfies the wait; F2, an asset filename that is a path is that path.
import { test } from "node:test";
import assert from "node:assert/strict";
import { nodeDef, type PbField, graphRules as rules } from "./helpers.js";

const cap = (n: number): Record<string, PbField[]> => ({ capacity: [[3, n]] });

test("a dequeue no enqueue precedes waits forever: GW513; after an enqueue into the same queue: quiet", async () => {
  const q = nodeDef("q", "FIFOQueueV2");
  assert.ok((await rules(q, nodeDef("d", "QueueDequeueV2", ["q"]))).some((x) => x.startsWith("GW513 medium QueueDequeueV2")));
  assert.deepEqual(await rules(q, nodeDef("x", "Placeholder"), nodeDef("e", "QueueEnqueueV2", ["q", "x"]), nodeDef("d", "QueueDequeueV2", ["q", "^e"])), []);
  // two dequeues after one enqueue: the second waits
  assert.ok((await rules(q, nodeDef("x", "Placeholder"), nodeDef("e", "QueueEnqueueV2", ["q", "x"]), nodeDef("d1", "QueueDequeueV2", ["q", "^e"]), nodeDef("d2", "QueueDequeueV2", ["q", "^d1"]))).some((x) => x.startsWith("GW513")));
  // an enqueue that the dequeue does not depend on may run after it (or never): the wait is not proven
  assert.ok((await rules(q, nodeDef("x", "Placeholder"), nodeDef("e", "QueueEnqueueV2", ["q", "x"]), nodeDef("d", "QueueDequeueV2", ["q"]))).some((x) => x.startsWith("GW513")));
});

test("a dequeue-many, a RandomShuffleQueue with min_after_dequeue, and an enqueue into a full bounded queue wait", async () => {
  const x = nodeDef("x", "Placeholder");
  assert.ok((await rules(nodeDef("q", "FIFOQueueV2"), x, nodeDef("e", "QueueEnqueueV2", ["q", "x"]), nodeDef("n", "Placeholder"), nodeDef("d", "QueueDequeueManyV2", ["q", "n", "^e"]))).some((s) => s.startsWith("GW513")));
  assert.ok((await rules(nodeDef("q", "RandomShuffleQueueV2", [], { min_after_dequeue: [[3, 5]] }), x, nodeDef("e", "QueueEnqueueV2", ["q", "x"]), nodeDef("d", "QueueDequeueV2", ["q", "^e"]))).some((s) => s.startsWith("GW513")));
  assert.ok((await rules(nodeDef("q", "FIFOQueueV2", [], cap(1)), x, nodeDef("e1", "QueueEnqueueV2", ["q", "x"]), nodeDef("e2", "QueueEnqueueV2", ["q", "x", "^e1"]))).some((s) => s.startsWith("GW513 medium QueueEnqueueV2")));
  // within capacity but never taken: each run of the graph adds two, so a later run finds it full
  assert.ok((await rules(nodeDef("q", "FIFOQueueV2", [], cap(2)), x, nodeDef("e1", "QueueEnqueueV2", ["q", "x"]), nodeDef("e2", "QueueEnqueueV2", ["q", "x", "^e1"]))).some((s) => s.startsWith("GW513 medium QueueEnqueueV2")));
  // within capacity and taken back in the same run, and into an unbounded queue: quiet
  assert.deepEqual(
    await rules(nodeDef("q", "FIFOQueueV2", [], cap(2)), x, nodeDef("e1", "QueueEnqueueV2", ["q", "x"]), nodeDef("e2", "QueueEnqueueV2", ["q", "x", "^e1"]), nodeDef("d1", "QueueDequeueV2", ["q", "^e2"]), nodeDef("d2", "QueueDequeueV2", ["q", "^d1"])),
    [],
  );
  assert.deepEqual(await rules(nodeDef("q", "FIFOQueueV2"), x, nodeDef("e1", "QueueEnqueueV2", ["q", "x"]), nodeDef("e2", "QueueEnqueueV2", ["q", "x", "^e1"])), []);
});

test("staging areas, accumulators, barriers and collectives that wait are reported", async () => {
  for (const op of ["Unstage", "StagePeek", "MapUnstageNoKey", "OrderedMapPeek", "AccumulatorTakeGradient", "BarrierTakeMany", "CollectiveReduceV2", "CollectiveBcastRecvV2"]) {
    const got = await rules(nodeDef("h", "Placeholder"), nodeDef("w", op, ["h"]));
    assert.ok(got.some((x) => x.startsWith(`GW513 medium ${op}`)), `${op}: ${JSON.stringify(got)}`);
  }
});
