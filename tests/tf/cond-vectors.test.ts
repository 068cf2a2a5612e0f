// The condition evaluator (src/tf/graph.ts evalCond) against real TensorFlow 2.20's CPU kernels
// (tools/gen-cond-vectors.py): its reductions (Sum, Prod, Mean, Min, Max over a stack of scalars, All and Any over
// booleans) and its comparisons of two scalars, for every integer and float dtype: wrap-around, integer means
// beyond the dtype, half and bfloat16 sums past their range, cancellation, subnormals (flushed by the kernels),
// signed zeros, integers beyond 2^53, NaN and infinities. Loop trip counts and branch conditions are decided by
// these values: an exact value must be TensorFlow's bit for bit; an approximate one (float sums, whose order is
// the kernel's) must lie within the tolerance the comparisons allow it; otherwise no value.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { TfGraphModel, tensorNumbers } from "../../src/tf/graph.js";
import type { TfAttrValue, TfGraphDef, TfNodeDef } from "../../src/tf/types.js";

type Vector = { op: string; dtype: number; axis?: number; xs: string[]; out?: string; error?: string };
const doc = JSON.parse(readFileSync(new URL("./vectors/cond.json", import.meta.url), "utf8")) as { vectors: Vector[] };

const hex = (h: string) => Uint8Array.from(Buffer.from(h, "hex"));
const node = (name: string, op: string, input: string[], attr: Record<string, TfAttrValue>): TfNodeDef => ({ name, op, input, device: "", attr: new Map(Object.entries(attr)) });
const scalar = (name: string, dtype: number, h: string): TfNodeDef => node(name, "Const", [], { dtype: { type: dtype }, value: { tensor: { dtype, strings: [], ints: [], content: hex(h) } } });

const COMPARISONS = new Set(["Less", "LessEqual", "Greater", "GreaterEqual", "Equal", "NotEqual"]);

/** A bool's byte as the value the evaluator gives (a number tensor's bytes through the Const reader). */
function expected(v: Vector): { b?: boolean; n?: number } {
  const bytes = hex(v.out!);
  if (v.dtype === 10 || COMPARISONS.has(v.op) || v.op === "Cast") return { b: bytes[0] !== 0 };
  return { n: tensorNumbers({ dtype: v.dtype, strings: [], ints: [], content: bytes })![0]! };
}

function evaluate(v: Vector): { b?: boolean; n?: number; approx?: number } | undefined {
  const nodes = v.xs.map((h, i) => scalar(`x${i}`, v.dtype, h));
  if (v.op === "Cast") {
    nodes.push(node("out", "Cast", ["x0"], { SrcT: { type: v.dtype }, DstT: { type: 10 } }));
    return new TfGraphModel({ nodes, functions: [], gradients: [] }, { pathPrefix: "t#" }).condValue("out");
  }
  if (COMPARISONS.has(v.op)) {
    nodes.push(node("out", v.op, ["x0", "x1"], { T: { type: v.dtype } }));
    return new TfGraphModel({ nodes, functions: [], gradients: [] }, { pathPrefix: "t#" }).condValue("out");
  }
  nodes.push(node("stack", "Pack", nodes.map((n) => n.name), { T: { type: v.dtype }, N: { i: v.xs.length }, axis: { i: 0 } }));
  nodes.push(node("axis", "Const", [], { dtype: { type: 3 }, value: { tensor: { dtype: 3, strings: [], ints: [v.axis ?? 0] } } }));
  const attr: Record<string, TfAttrValue> = { Tidx: { type: 3 }, keep_dims: { b: false } };
  if (v.dtype !== 10) attr.T = { type: v.dtype };
  nodes.push(node("out", v.op, ["stack", "axis"], attr));
  const g: TfGraphDef = { nodes, functions: [], gradients: [] };
  return new TfGraphModel(g, { pathPrefix: "t#" }).condValue("out");
}

/** Within the band the condition evaluator's comparisons leave undecided around an approximate value. */
function within(ours: number, want: number, approx: number): boolean {
  if (!Number.isFinite(ours) || !Number.isFinite(want)) return Object.is(ours, want) || (Number.isNaN(ours) && Number.isNaN(want));
  return Math.abs(ours - want) <= 2 ** -6 * Math.max(Math.abs(ours), Math.abs(want), Number.isFinite(approx) ? approx : 0, 2 ** -126);
}

test("reductions and comparisons equal TensorFlow's kernels, exactly or within the stated tolerance", () => {
  const wrong: string[] = [];
  let exact = 0;
  let approximate = 0;
  let opaque = 0;
  const show = (n: number | undefined) => (n !== undefined && Object.is(n, -0) ? "-0" : String(n));
  for (const v of doc.vectors) {
    const got = evaluate(v);
    const xs = v.dtype === 10 ? v.xs.map((h) => String(hex(h)[0] !== 0)) : v.xs.map((h) => show(tensorNumbers({ dtype: v.dtype, strings: [], ints: [], content: hex(h) })![0]));
    const label = `${v.op} T=${v.dtype}${v.axis !== undefined ? ` axis=${v.axis}` : ""} [${xs.join(", ")}]`;
    if (v.error !== undefined) {
      if (got !== undefined) wrong.push(`${label}: TensorFlow raises ${v.error}, evaluated ${JSON.stringify(got)}`);
      continue;
    }
    if (got === undefined || (got.b === undefined && got.n === undefined)) {
      opaque++;
      continue;
    }
    const want = expected(v);
    if (want.b !== undefined) {
      if (got.b !== want.b) wrong.push(`${label}: TensorFlow ${want.b}, evaluated ${JSON.stringify(got)}`);
      else exact++;
      continue;
    }
    if (got.n === undefined) wrong.push(`${label}: TensorFlow ${show(want.n)}, evaluated ${JSON.stringify(got)}`);
    else if (got.approx === undefined) {
      // Max/Min of 0 and -0: which zero the reducer hands back depends on its vector lanes; both are zero to
      // every comparison and truth test the evaluator makes (as in tests/tf/arith-vectors.test.ts)
      const tie = (v.op === "Max" || v.op === "Min") && got.n === 0 && want.n === 0;
      if (!tie && !Object.is(got.n, want.n) && !(Number.isNaN(got.n) && Number.isNaN(want.n!))) wrong.push(`${label}: TensorFlow ${show(want.n)}, evaluated exactly ${show(got.n)}`);
      else exact++;
    } else if (!within(got.n, want.n!, got.approx)) wrong.push(`${label}: TensorFlow ${show(want.n)}, evaluated ${show(got.n)} (approximate, magnitude ${got.approx})`);
    else approximate++;
  }
  assert.deepEqual(wrong, [], wrong.join("\n"));
  assert.ok(exact > 1000 && approximate > 300, `exact ${exact}, approximate ${approximate}, opaque ${opaque}`);
  console.log(`${exact} exact, ${approximate} approximate, ${opaque} not evaluated`);
});
