// The number sources of the graph evaluators (src/tf/graph.ts constNumbers: StringToNumber of the file's text, the
// integer reductions Sum/Prod/Max/Min) against real TensorFlow 2.20 (tools/gen-number-source-vectors.py): every
// out_type StringToNumber registers, texts at the type limits and in the forms strtod and safe_strto* read
// differently (hex, inf/nan, spaces, NUL, non-ASCII digits), reductions that wrap in every integer dtype, over the
// axes the kernels accept and refuse. Where the scanner folds a number it must be the kernel's number; where
// TensorFlow refuses the input the fold gives no number.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { TfGraphModel, tensorNumbers } from "../../src/tf/graph.js";
import type { TfAttrValue, TfGraphDef, TfNodeDef, TfTensor } from "../../src/tf/types.js";

type Vector = { op: string; out_type?: number; T?: number; in: string; shape?: number[]; axes?: number[]; keep_dims?: boolean; out?: string; error?: string };
const doc = JSON.parse(readFileSync(new URL("./vectors/number-sources.json", import.meta.url), "utf8")) as { vectors: Vector[] };

const hex = (h: string) => Uint8Array.from(Buffer.from(h, "hex"));
const node = (name: string, op: string, input: string[], attr: Record<string, TfAttrValue>): TfNodeDef => ({ name, op, input, device: "", attr: new Map(Object.entries(attr)) });
const constOf = (name: string, tensor: TfTensor) => node(name, "Const", [], { value: { tensor }, dtype: { type: tensor.dtype } });

function fold(v: Vector): number[] | undefined {
  const nodes: TfNodeDef[] = [];
  if (v.op === "StringToNumber") {
    nodes.push(constOf("x", { dtype: 7, strings: [hex(v.in)], ints: [], shape: [1] }));
    nodes.push(node("out", "StringToNumber", ["x"], { out_type: { type: v.out_type! } }));
  } else {
    nodes.push(constOf("x", { dtype: v.T!, strings: [], ints: [], content: hex(v.in), shape: v.shape! }));
    const axes = new Uint8Array(new Int32Array(v.axes!).buffer);
    nodes.push(constOf("axes", { dtype: 3, strings: [], ints: [], content: axes, shape: [v.axes!.length] }));
    nodes.push(node("out", v.op, ["x", "axes"], { T: { type: v.T! }, Tidx: { type: 3 }, keep_dims: { b: v.keep_dims! } }));
  }
  const g: TfGraphDef = { nodes, functions: [], gradients: [] };
  return new TfGraphModel(g, { pathPrefix: "t#" }).foldNumbers("out");
}

const dtypeOut = (v: Vector) => (v.op === "StringToNumber" ? v.out_type! : v.T!);
const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

test("StringToNumber and integer reductions fold to TensorFlow's number, or to none where TensorFlow refuses", () => {
  let folded = 0;
  let opaque = 0;
  const wrong: string[] = [];
  for (const v of doc.vectors) {
    const got = fold(v);
    const label = v.op === "StringToNumber" ? `StringToNumber out_type=${v.out_type} ${JSON.stringify(Buffer.from(v.in, "hex").toString("latin1"))}` : `${v.op} T=${v.T} ${v.in} shape=[${v.shape}] axes=[${v.axes}] keep_dims=${v.keep_dims}`;
    if (v.error !== undefined) {
      if (got !== undefined) wrong.push(`${label}: TensorFlow refuses (${v.error}), folded ${got.slice(0, 4).join(", ")}`);
      continue;
    }
    if (got === undefined) {
      opaque++;
      continue;
    }
    const want = tensorNumbers({ dtype: dtypeOut(v), strings: [], ints: [], content: hex(v.out!) });
    if (!want) {
      // a result beyond 2^53 (uint64, int64) has no exact number: the fold must not have given one
      wrong.push(`${label}: TensorFlow's result has no exact number, folded ${got.join(", ")}`);
      continue;
    }
    if (got.length !== want.length || got.some((x, i) => !same(x, want[i]!))) wrong.push(`${label}: TensorFlow ${want.join(", ")}, folded ${got.join(", ")}`);
    folded++;
  }
  assert.deepEqual(wrong.slice(0, 200), [], `${wrong.length} folds differ from TensorFlow`);
  assert.ok(folded > 1000, `folded ${folded}, opaque ${opaque}`);
  console.log(`${folded} vectors folded, ${opaque} left opaque`);
});
