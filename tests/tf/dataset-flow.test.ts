// The dataset flow (src/tf/graph.ts datasetFlow) against real TensorFlow 2.20 on 65 pipelines
// (tools/gen-dataset-flow-vectors.py): each pipeline's GraphDef as TensorFlow serializes it, its cardinality as
// TensorFlow computes it, and what asking it for one element did (an element, empty, or no answer within
// seconds). An infinite cardinality must be endless here, a finite one below 2^40 must not (and a size known here
// is at least TensorFlow's count); a pipeline that never answers must be starving here, one that answered must not
// (a unique() over an endless input answers, then stalls: a drain or a longer take of it never ends).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { TfGraphModel } from "../../src/tf/graph.js";
import { decodeGraphDefBinary } from "../../src/tf/graph-binary.js";

type Pipeline = { id: string; cardinality: number; first: string; graph: string };
const doc = JSON.parse(readFileSync(new URL("./vectors/dataset-flow.json", import.meta.url), "utf8")) as { pipelines: Pipeline[] };

function flowOf(p: Pipeline) {
  const g = decodeGraphDefBinary([Uint8Array.from(Buffer.from(p.graph, "base64"))]);
  const ret = g.nodes.find((n) => n.op === "_Retval");
  assert.ok(ret, p.id);
  return new TfGraphModel(g, { pathPrefix: "t#" }).datasetFlowOf(ret.input[0]!);
}

test("endless exactly where TensorFlow's cardinality is infinite, and sizes never below its count", () => {
  const wrong: string[] = [];
  for (const p of doc.pipelines) {
    const f = flowOf(p);
    if (p.cardinality === -1 && !f.endless) wrong.push(`${p.id}: TensorFlow infinite, not endless here`);
    // a count of 2^40 or more is taken as never ending (days at millions of elements a second): documented
    if (p.cardinality >= 0 && p.cardinality < 2 ** 40 && f.endless) wrong.push(`${p.id}: TensorFlow ${p.cardinality} elements, endless here (${f.endless})`);
    if (p.cardinality >= 0 && f.size !== undefined && f.size < p.cardinality) wrong.push(`${p.id}: TensorFlow ${p.cardinality} elements, at most ${f.size} here`);
  }
  assert.deepEqual(wrong, []);
});

test("starving exactly where TensorFlow never yields an element", () => {
  const wrong: string[] = [];
  for (const p of doc.pipelines) {
    const f = flowOf(p);
    if (p.first === "hang" && !f.starves) wrong.push(`${p.id}: TensorFlow never yields, not starving here`);
    if (p.first !== "hang" && f.starves) wrong.push(`${p.id}: TensorFlow answered (${p.first}), starving here (${f.starves})`);
  }
  assert.deepEqual(wrong, []);
});

test("a full pass never ends here exactly where TensorFlow's never ended", () => {
  const wrong: string[] = [];
  for (const p of doc.pipelines as Array<Pipeline & { drain: string }>) {
    const f = flowOf(p);
    const never = f.endless ?? f.starves ?? f.stalls;
    if (p.drain === "never" && !never) wrong.push(`${p.id}: TensorFlow's pass never ended, ends here`);
    if (p.drain === "ends" && never) wrong.push(`${p.id}: TensorFlow's pass ended, never ends here (${never})`);
  }
  assert.deepEqual(wrong, []);
});
