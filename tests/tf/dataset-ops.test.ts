// Datasets that never end or never yield (src/tf/dataset-ops.ts, datasetFlow in src/tf/graph.ts): the table
// against the OpDefs of real TensorFlow (tools/gen-dataset-op-vectors.py), models written by real TensorFlow
// 2.20 that hang at load or at the serving call (tools/fixtures/tf_dataset/gen.py; proof: prove.py there),
// each with a benign twin, and small hand-built graphs for the rules the fixtures do not reach.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { DATASET_INPUT, DATASET_ROLES, REPEAT_COUNT_INPUT, GATHER_COUNT_INPUT } from "../../src/tf/dataset-ops.js";
import { isKnownTfOp } from "../../src/catalog/tf-op-registry.js";
import { hangCase, nodeDef, graphRules as rules, int64Const as int64 } from "./helpers.js";

const doc = JSON.parse(readFileSync(new URL("./vectors/dataset-ops.json", import.meta.url), "utf8")) as {
  tensorflow: string;
  ops: Record<string, { inputs: Array<{ name: string; list: boolean; variant: boolean }>; makesDataset: boolean }>;
};

test("every dataset op of real TensorFlow has a role, and every role names a registered op", () => {
  assert.ok(Object.keys(doc.ops).length >= 150, `${Object.keys(doc.ops).length} ops in the vectors`);
  assert.deepEqual(Object.keys(doc.ops).filter((op) => !DATASET_ROLES.has(op)), []);
  assert.deepEqual([...DATASET_ROLES.keys()].filter((op) => !isKnownTfOp(op)), []);
});

test("each role reads the input TensorFlow declares a dataset, and only consumers make no dataset", () => {
  const wrong: string[] = [];
  for (const [op, role] of DATASET_ROLES) {
    const def = doc.ops[op];
    if (!def) continue;
    const variant = def.inputs.map((i, k) => (i.variant ? k : -1)).filter((k) => k >= 0);
    const consumer = role === "drains" || role === "one" || role === "inspects";
    if (consumer === def.makesDataset) wrong.push(`${op}: ${role} but makesDataset=${def.makesDataset}`);
    if (role === "source" && variant.length) wrong.push(`${op}: a source with dataset inputs ${variant.join(",")}`);
    if (role !== "source" && role !== "any" && role !== "all" && role !== "selects") {
      const at = DATASET_INPUT[op] ?? 0;
      if (!def.inputs[at]?.variant || def.inputs[at]?.list) wrong.push(`${op}: input ${at} is ${JSON.stringify(def.inputs[at])}`);
    }
    if ((role === "any" || role === "all" || role === "selects") && !def.inputs.every((i) => i.variant || i.name === "weights")) wrong.push(`${op}: ${role} over ${JSON.stringify(def.inputs)}`);
    if (role === "selects" && def.inputs[0]?.name !== "selector_input_dataset") wrong.push(`${op}: selector input`);
    if (role === "repeat" && def.inputs[REPEAT_COUNT_INPUT[op]!]?.name !== "count") wrong.push(`${op}: count input`);
    if ((role === "take" || role === "skip") && def.inputs[1]?.name !== "count") wrong.push(`${op}: count input`);
    if (role === "assertCardinality" && def.inputs[1]?.name !== "cardinality") wrong.push(`${op}: cardinality input`);
  }
  // the count a gathering op fills before its first element
  for (const [op, at] of Object.entries(GATHER_COUNT_INPUT)) {
    const def = doc.ops[op];
    const name = def?.inputs.at(at)?.name;
    if (!def || !["batch_size", "buffer_size", "window_size", "size", "index"].includes(name ?? "")) wrong.push(`${op}: gather count input ${at} is ${name}`);
  }
  assert.deepEqual(wrong, []);
});

hangCase("ds_d1_table_from_endless_dataset", "load", /InitializeTableFromDataset/, undefined, "a table filled from an endless dataset");
hangCase("ds_d2_repeat_of_endless", "load", /ReduceDataset/, undefined, "a bounded repeat of an endless repeat");
hangCase("ds_d3_unique_starves", "load", /UniqueDataset/, undefined, "take(5) of a unique() that stops yielding");
hangCase("ds_d4_next_of_starving_filter", "inference", /IteratorGetNext\b.*FilterDataset/, undefined, "the next element of a filter that drops all of an endless input");
hangCase("ds_d5_loop_over_endless", "inference", /ReduceDataset/, undefined, "a for-loop over an endless dataset");
hangCase("ds_d6_endless_through_call", "inference", /ReduceDataset/, undefined, "an endless dataset reduced in the function it is passed to");
hangCase("ds_d8_iterator_loop_over_endless", "inference", /IteratorGetNextAsOptional/, undefined, "a loop on an iterator of an endless dataset");

const range = [int64("s", 0), int64("e", 3), int64("d", 1), nodeDef("r", "RangeDataset", ["s", "e", "d"])];
const endless = [...range, int64("m1", -1), nodeDef("rep", "RepeatDataset", ["r", "m1"])];
const hang = (got: string[], what: RegExp): void => assert.ok(got.some((x) => x.startsWith("GW513 medium") && what.test(x)), JSON.stringify(got));

test("an endless dataset reaches a consumer through identities and ops without a dataset role", async () => {
  hang(await rules(...endless, nodeDef("i", "Identity", ["rep"]), nodeDef("w", "WrapDatasetVariant", ["i"]), nodeDef("u", "UnwrapDatasetVariant", ["w"]), nodeDef("red", "ReduceDataset", ["u"])), /ReduceDataset\(RepeatDataset/);
  hang(await rules(...endless, nodeDef("n", "SomeFutureDataset", ["rep"]), nodeDef("red", "ReduceDataset", ["n"])), /RepeatDataset/);
  hang(await rules(...endless, nodeDef("save", "DistributedSave", ["rep"])), /DistributedSave/);
});

test("a repeat whose count is not a constant may be endless for a consumer that drains it", async () => {
  hang(await rules(...range, nodeDef("c", "Placeholder", [], { dtype: [[6, 9]] }), nodeDef("rep", "RepeatDataset", ["r", "c"]), nodeDef("red", "ReduceDataset", ["rep"])), /count=not a constant/);
  assert.deepEqual(await rules(...range, int64("c", 0), nodeDef("inner", "RepeatDataset", ["r", "m"]), int64("m", -1), nodeDef("rep", "RepeatDataset", ["inner", "c"]), nodeDef("red", "ReduceDataset", ["rep"])), []);
});

test("one element of an endless dataset is read (quiet); of one that never yields, it never comes", async () => {
  // get_single_element reads two elements and fails on the second: no hang
  assert.deepEqual(await rules(...endless, nodeDef("one", "DatasetToSingleElement", ["rep"])), []);
  hang(await rules(...endless, nodeDef("h", "GroupByReducerDataset", ["rep"]), int64("one_", 1), nodeDef("t", "TakeDataset", ["h", "one_"]), nodeDef("one", "DatasetToSingleElement", ["t"])), /GroupByReducerDataset/);
});

test("assert_cardinality: infinite keeps the input endless, a finite one ends the run", async () => {
  hang(await rules(...endless, int64("inf", -1), nodeDef("a", "AssertCardinalityDataset", ["rep", "inf"]), nodeDef("red", "ReduceDataset", ["a"])), /RepeatDataset/);
  assert.deepEqual(await rules(...endless, int64("five", 5), nodeDef("a", "AssertCardinalityDataset", ["rep", "five"]), nodeDef("red", "ReduceDataset", ["a"])), []);
});

test("zip is endless when all its inputs are, concatenate when any is", async () => {
  const finite = [int64("s2", 0), int64("e2", 2), int64("d2", 1), nodeDef("r2", "RangeDataset", ["s2", "e2", "d2"])];
  assert.deepEqual(await rules(...endless, ...finite, nodeDef("z", "ZipDataset", ["rep", "r2"]), nodeDef("red", "ReduceDataset", ["z"])), []);
  hang(await rules(...endless, ...finite, nodeDef("c", "ConcatenateDataset", ["r2", "rep"]), nodeDef("red", "ReduceDataset", ["c"])), /RepeatDataset/);
});

test("a selector picks among data inputs: endless only when the selector and a data input both are", async () => {
  const finite = [int64("s2", 0), int64("e2", 2), int64("d2", 1), nodeDef("r2", "RangeDataset", ["s2", "e2", "d2"])];
  const rnd = nodeDef("sel", "RandomDatasetV2", []);
  // sample_from_datasets over finite datasets, an endless random selector: ends when the data is exhausted
  assert.deepEqual(await rules(...finite, rnd, nodeDef("di", "DirectedInterleaveDataset", ["sel", "r2"]), nodeDef("red", "ReduceDataset", ["di"])), []);
  hang(await rules(...endless, rnd, nodeDef("di", "DirectedInterleaveDataset", ["sel", "rep"]), nodeDef("red", "ReduceDataset", ["di"])), /DirectedInterleaveDataset\(selector/);
  // a finite selector ends it whatever the data
  assert.deepEqual(await rules(...endless, ...finite, nodeDef("di", "DirectedInterleaveDataset", ["r2", "rep"]), nodeDef("red", "ReduceDataset", ["di"])), []);
});
