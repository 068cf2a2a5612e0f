// Numeric folding in the graph evaluators (src/tf/graph.ts: the binary arithmetic ops, Neg/Abs and Cast over
// every integer and float dtype the folds know) against real TensorFlow 2.20 (tools/gen-arith-vectors.py): at the
// type limits, wrap-around, division by zero, float16/bfloat16/float32 rounding, NaN and infinities. Loop trip
// counts, dataset sizes and retry parameters are decided by these folds: where the scanner folds a number it must
// be the kernel's number, bit for bit; where TensorFlow refuses the operands the fold gives no number.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { TfGraphModel, tensorNumbers } from "../../src/tf/graph.js";
import type { TfAttrValue, TfGraphDef, TfNodeDef } from "../../src/tf/types.js";

type Vector = { op: string; dtype: number; dst?: number; x: string; y?: string; out?: string; error?: string };
const doc = JSON.parse(readFileSync(new URL("./vectors/arith.json", import.meta.url), "utf8")) as { vectors: Vector[] };

const hex = (h: string) => Uint8Array.from(Buffer.from(h, "hex"));
const constNode = (name: string, dtype: number, h: string): TfNodeDef => ({ name, op: "Const", input: [], device: "", attr: new Map([["value", { tensor: { dtype, strings: [], ints: [], content: hex(h) } }]]) });

/** TensorFlow's result as numbers: its bytes read as the output dtype (the same reader Const tensors go through). */
function expected(v: Vector): number[] {
  return tensorNumbers({ dtype: v.op === "Cast" ? v.dst! : v.dtype, strings: [], ints: [], content: hex(v.out!) })!;
}

function fold(v: Vector): number[] | undefined {
  const nodes = [constNode("x", v.dtype, v.x)];
  const attr: Record<string, TfAttrValue> = { T: { type: v.dtype } };
  if (v.y !== undefined) nodes.push(constNode("y", v.dtype, v.y));
  if (v.op === "Cast") Object.assign(attr, { SrcT: { type: v.dtype }, DstT: { type: v.dst! } });
  nodes.push({ name: "out", op: v.op, input: v.y !== undefined ? ["x", "y"] : ["x"], device: "", attr: new Map(Object.entries(attr)) });
  const g: TfGraphDef = { nodes, functions: [], gradients: [] };
  return new TfGraphModel(g, { pathPrefix: "t#" }).foldNumbers("out");
}

const same = (a: number, b: number) => Object.is(a, b) || (a === 0 && b === 0 && Object.is(a, b)) || (Number.isNaN(a) && Number.isNaN(b));

test("arithmetic and cast folds equal TensorFlow's kernels element for element, or give no number", () => {
  let folded = 0;
  let opaque = 0;
  const wrong: string[] = [];
  for (const v of doc.vectors) {
    const got = fold(v);
    const label = `${v.op} T=${v.dtype}${v.dst !== undefined ? ` DstT=${v.dst}` : ""}`;
    const show = (n: number) => (Object.is(n, -0) ? "-0" : String(n));
    if (v.error !== undefined) {
      // a division by zero in integers is refused: the fold must not invent a number; a dtype the op has no
      // kernel for ("no-kernel") never runs, whatever is folded
      if (v.error === "refused" && got !== undefined) wrong.push(`${label}: TensorFlow refuses (${v.error}), folded ${got.slice(0, 4).join(", ")}`);
      continue;
    }
    if (got === undefined) {
      opaque++;
      continue;
    }
    const want = expected(v);
    assert.equal(got.length, want.length, label);
    const xs = tensorNumbers({ dtype: v.dtype, strings: [], ints: [], content: hex(v.x) })!;
    const ys = v.y !== undefined ? tensorNumbers({ dtype: v.dtype, strings: [], ints: [], content: hex(v.y) })! : [];
    // Maximum/Minimum of 0 and -0: which zero the kernel hands back depends on its vector lanes (the first
    // operand in scalar code, the second in SIMD code); both are zero to every comparison the evaluators make
    const tie = v.op === "Maximum" || v.op === "Minimum";
    for (let i = 0; i < want.length; i++) {
      if (!same(got[i]!, want[i]!) && !(tie && got[i] === 0 && want[i] === 0)) wrong.push(`${label} (${show(xs[i]!)}${v.y !== undefined ? `, ${show(ys[i]!)}` : ""}): TensorFlow ${show(want[i]!)}, folded ${show(got[i]!)}`);
    }
    folded++;
  }
  assert.deepEqual(wrong.slice(0, 400), [], `${wrong.length} folds differ from TensorFlow`);
  // the folds cover most vectors (a vector left opaque is a value the evaluators cannot use, not a wrong one)
  assert.ok(folded > opaque * 2, `folded ${folded}, opaque ${opaque}`);
  console.log(`${folded} vectors folded, ${opaque} left opaque`);
});
