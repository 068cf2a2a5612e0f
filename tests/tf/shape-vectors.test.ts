// The memory rule's shape and dtype inference (src/tf/graph.ts shapeOf, outputDtype) against real TensorFlow 2.20
// (tools/gen-shape-vectors.py): one small graph of constants per case, feeding an op of every family whose output size
// the scanner infers, run by TensorFlow in a session. Where the scanner infers a shape it must be the shape of what
// TensorFlow returns, and its dtype the returned dtype; where TensorFlow refuses the graph at run time the inference
// may say anything (the op never makes a tensor).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { TfGraphModel } from "../../src/tf/graph.js";
import { decodeGraphDef } from "../../src/tf/proto.js";

type Vector = { name: string; graph?: string; node?: string; shape?: number[]; dtype?: number; error?: string };
const doc = JSON.parse(readFileSync(new URL("./vectors/shapes.json", import.meta.url), "utf8")) as { vectors: Vector[] };

test("inferred shapes and dtypes are the ones TensorFlow's kernels return", () => {
  const wrong: string[] = [];
  let shapes = 0;
  let dtypes = 0;
  let unknown = 0;
  for (const v of doc.vectors) {
    if (v.graph === undefined || v.error !== undefined) continue;
    const model = new TfGraphModel(decodeGraphDef(Buffer.from(v.graph, "hex")), { pathPrefix: "t#" });
    const got = model.inferredShape(v.node!);
    if (got.shape === undefined) unknown++;
    else if (JSON.stringify(got.shape) !== JSON.stringify(v.shape)) wrong.push(`${v.name}: TensorFlow [${v.shape}], inferred [${got.shape}]`);
    else shapes++;
    if (got.dtype !== undefined && got.dtype !== v.dtype) wrong.push(`${v.name}: TensorFlow dtype ${v.dtype}, inferred ${got.dtype}`);
    else if (got.dtype !== undefined) dtypes++;
  }
  assert.deepEqual(wrong, []);
  assert.ok(shapes > 150, `inferred ${shapes} shapes, ${unknown} unknown`);
  console.log(`${shapes} shapes and ${dtypes} dtypes agree; ${unknown} shapes not inferred`);
});
