// The ops the path trace evaluates besides the string folds (src/tf/graph.ts trace: AsString of integers,
// DecodeCompressed, UnicodeTranscode) against real TensorFlow 2.20 (tools/gen-string-op-vectors.py): edge integers
// of every integer dtype with each formatting attribute, compressed streams that are truncated, concatenated or
// followed by other bytes, text with byte order marks, lone surrogates and control characters. Where the trace
// gives a value it must be TensorFlow's bytes; where TensorFlow raises, or an attribute the trace does not model
// changes the output, the value stays opaque.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { TfGraphModel, encodeBytes } from "../../src/tf/graph.js";
import type { TfAttrValue, TfGraphDef, TfNodeDef } from "../../src/tf/types.js";
import { DT_STRING } from "../../src/tf/types.js";

type Attr = Record<string, string | number | boolean>;
type Vector = { op: string; dtype?: number; x?: string; in?: string; label?: string; attr: Attr; out?: string; error?: string };
const doc = JSON.parse(readFileSync(new URL("./vectors/string-ops.json", import.meta.url), "utf8")) as { vectors: Vector[] };

const enc = new TextEncoder();
const node = (name: string, op: string, input: string[], attr: Map<string, TfAttrValue>): TfNodeDef => ({ name, op, input, device: "", attr });

/** Little-endian bytes of an integer at a dtype's width (what a Const's tensor_content holds). */
function intContent(dtype: number, x: bigint): Uint8Array {
  const width: Record<number, number> = { 6: 1, 4: 1, 5: 2, 17: 2, 3: 4, 22: 4, 9: 8, 23: 8 };
  const w = width[dtype]!;
  const out = new Uint8Array(w);
  let v = BigInt.asUintN(w * 8, x);
  for (let i = 0; i < w; i++, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** The attributes as the op's AttrValues: strings as bytes, the integer attributes as ints, flags as bools. */
function attrs(v: Vector): Map<string, TfAttrValue> {
  const m = new Map<string, TfAttrValue>();
  if (v.dtype !== undefined) m.set("T", { type: v.dtype });
  for (const [k, x] of Object.entries(v.attr)) {
    if (typeof x === "string") m.set(k, { s: enc.encode(x) });
    else if (typeof x === "boolean") m.set(k, { b: x });
    else m.set(k, { i: x });
  }
  return m;
}

/** The traced values of one vector's op as hex, or undefined when the trace leaves it opaque. */
function traced(v: Vector): string[] | undefined {
  const input: TfNodeDef =
    v.op === "AsString"
      ? node("in", "Const", [], new Map([["value", { tensor: { dtype: v.dtype!, strings: [], ints: [], content: intContent(v.dtype!, BigInt(v.x!)) } }]]))
      : node("in", "Const", [], new Map([["value", { tensor: { dtype: DT_STRING, strings: [Uint8Array.from(Buffer.from(v.in!, "hex"))], ints: [] } }]]));
  const g: TfGraphDef = { nodes: [input, node("out", v.op, ["in"], attrs(v))], functions: [], gradients: [] };
  const m = new TfGraphModel(g, { pathPrefix: "t#" });
  const t = m.trace(m.root, "out", true);
  if (!t.strings.length || t.opaque.length) return undefined;
  return t.strings.map((x) => Buffer.from(encodeBytes(x)).toString("hex"));
}

test("AsString, DecodeCompressed and UnicodeTranscode: the traced value is TensorFlow's bytes, or it stays opaque", () => {
  const wrong: string[] = [];
  const folded: Record<string, number> = {};
  for (const v of doc.vectors) {
    const ours = traced(v);
    if (ours === undefined) continue;
    const what = `${v.op}(${v.x ?? v.label ?? v.in} ${JSON.stringify(v.attr)})`;
    if (v.error !== undefined) wrong.push(`${what}: TensorFlow raises ${v.error}, traced ${ours.join(" | ")}`);
    else if (ours.length !== 1 || ours[0] !== v.out) wrong.push(`${what}: TensorFlow ${v.out}, traced ${ours.join(" | ")}`);
    else folded[v.op] = (folded[v.op] ?? 0) + 1;
  }
  assert.deepEqual(wrong, [], wrong.join("\n"));
  // the default formats are evaluated (a vector left opaque is a value the trace cannot judge by its text)
  assert.ok((folded.AsString ?? 0) >= 130, `AsString: ${folded.AsString} traced`);
  assert.ok((folded.DecodeCompressed ?? 0) >= 20, `DecodeCompressed: ${folded.DecodeCompressed} traced`);
  assert.ok((folded.UnicodeTranscode ?? 0) >= 150, `UnicodeTranscode: ${folded.UnicodeTranscode} traced`);
});
