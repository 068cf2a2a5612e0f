// Waits the op catalogue did not know or judged too widely. Collectives wait for every member of their
// group: forming a group of two in one process never returns (CollectiveInitializeCommunicator was
// uncatalogued), and a group of one completes (it was reported as a wait). A reader's read takes a work item
// from a queue and waits on an empty one (ReaderRead* were uncatalogued). Models by real TensorFlow 2.20 (tools/fixtures/tf_waits/gen.py; proof: prove.py there) and small
// hand-built graphs for the attr and communicator forms.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FIXTURES, hangCase, loud, nodeDef, scanFixture, type PbField, graphRules as rules } from "./helpers.js";

hangCase("w_w1_collective_group_of_two_at_load", "load", /CollectiveInitializeCommunicator/, undefined, "a collective group of two formed at load");
hangCase("w_w2_collective_reduce_group_of_two", "inference", /CollectiveReduceV2/, undefined, "a collective reduce over a group of two");
hangCase("w_w3_reader_read_empty_queue", "load", /ReaderReadV2/, undefined, "a reader's read from a queue nothing fills");

const int32 = (name: string, v: number): PbField[] => nodeDef(name, "Const", [], { dtype: [[6, 3]], value: [[8, [[1, 3], [7, v]]]] });

test("a V1 collective waits unless its group_size attr is 1", async () => {
  const x = nodeDef("x", "Placeholder", [], { dtype: [[6, 1]] });
  const reduce = (n: number) => nodeDef("r", "CollectiveReduce", ["x"], { group_size: [[3, n]], group_key: [[3, 1]], instance_key: [[3, 1]] });
  assert.ok((await rules(x, reduce(2))).some((r) => r.startsWith("GW513 medium CollectiveReduce")));
  assert.deepEqual(await rules(x, reduce(1)), []);
});

test("a V3 collective waits unless the communicator it uses was formed for a group of one", async () => {
  const x = nodeDef("x", "Placeholder", [], { dtype: [[6, 1]] });
  const graph = (size: number) => [x, int32("gk", 1), int32("rk", 0), int32("gs", size), nodeDef("c", "CollectiveInitializeCommunicator", ["gk", "rk", "gs"]), int32("ga", 0), nodeDef("r", "CollectiveReduceV3", ["x", "c", "ga"])];
  const two = await rules(...graph(2));
  assert.ok(two.some((r) => r.startsWith("GW513 medium CollectiveReduceV3")), JSON.stringify(two));
  assert.deepEqual(await rules(...graph(1)), []);
});

test("an NCCL collective waits unless num_devices is 1", async () => {
  const x = nodeDef("x", "Placeholder", [], { dtype: [[6, 1]] });
  assert.ok((await rules(x, nodeDef("n", "NcclAllReduce", ["x"], { num_devices: [[3, 2]] }))).some((r) => r.startsWith("GW513")));
  assert.deepEqual(await rules(x, nodeDef("n", "NcclAllReduce", ["x"], { num_devices: [[3, 1]] })), []);
});

test("a read through a reader that may take several work items per record is not satisfied by one enqueue", async () => {
  const q = nodeDef("q", "FIFOQueueV2", [], { component_types: [[1, [[6, 7]]]], capacity: [[3, 4]] });
  const item = nodeDef("it", "Const", [], { dtype: [[6, 7]], value: [[8, [[1, 7], [8, "f"]]]] });
  const put = nodeDef("put", "QueueEnqueueV2", ["q", "it"]);
  const read = (reader: string) => [nodeDef("rd", reader), nodeDef("r", "ReaderReadV2", ["rd", "q", "^put"])];
  assert.deepEqual(await rules(q, item, put, ...read("IdentityReaderV2")), []);
  assert.ok((await rules(q, item, put, ...read("TextLineReaderV2"))).some((r) => r.startsWith("GW513 medium ReaderReadV2")));
});

test("a FIFO where the SavedModel loader opens its assets (the tar unpacked by tar xf) is GW306 at load; the regular file is quiet", async () => {
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { execFileSync } = await import("node:child_process");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(`${tmpdir()}/gw-fifo-`);
  try {
    for (const [name, tar] of [["bad", "red16_q1_fifo_asset.tar"], ["good", "red16_q1_fifo_asset_benign.tar"]] as const) {
      execFileSync("mkdir", ["-p", `${dir}/${name}`]);
      execFileSync("tar", ["xf", `${FIXTURES}/${tar}`, "-C", `${dir}/${name}`]);
    }
    const bad = await scanFixture("bad/model", dir);
    const hits = bad.findings.filter((f) => f.rule === "GW306" && f.trigger === "load" && /assets\/vocab\.txt/.test(f.message));
    assert.equal(hits.length, 1, JSON.stringify(bad.findings));
    assert.deepEqual(loud(await scanFixture("good/model", dir)), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
