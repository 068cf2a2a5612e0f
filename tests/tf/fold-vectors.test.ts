// String folding in the operand tracer (src/tf/graph.ts) against real TensorFlow (tools/gen-fold-vectors.py:
// Substr, DecodeBase64, StringLower/StringUpper, StringFormat, AddV2 computed by TensorFlow 2.20 eager, byte
// for byte, including bytes that are not UTF-8). Where the scanner folds a value it is TensorFlow's value;
// where TensorFlow raises, or where the scanner cannot know the bytes, the value stays opaque. StringFormat
// gives one value per tensor rank (0 to 2), TensorFlow's among them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { TfGraphModel, encodeBytes } from "../../src/tf/graph.js";
import type { TfAttrValue, TfGraphDef, TfNodeDef } from "../../src/tf/types.js";
import { DT_STRING } from "../../src/tf/types.js";

type Vector = { op: string; in: string[]; rank?: number; pos?: number; len?: number; encoding?: string; template?: string; placeholder?: string; out?: string; error?: string };
const doc = JSON.parse(readFileSync(new URL("./vectors/fold.json", import.meta.url), "utf8")) as { vectors: Vector[] };

const enc = new TextEncoder();
const hex = (h: string) => Uint8Array.from(Buffer.from(h, "hex"));
const bytesConst = (name: string, b: Uint8Array): TfNodeDef => ({ name, op: "Const", input: [], device: "", attr: new Map([["value", { tensor: { dtype: DT_STRING, strings: [b], ints: [] } }]]) });
const intConst = (name: string, v: number): TfNodeDef => ({ name, op: "Const", input: [], device: "", attr: new Map([["value", { tensor: { dtype: 3, strings: [], ints: [v] } }]]) });
const node = (name: string, op: string, input: string[], attr: Record<string, TfAttrValue> = {}): TfNodeDef => ({ name, op, input, device: "", attr: new Map(Object.entries(attr)) });

/** The folded values of one vector's op as UTF-8 hex, or undefined when the tracer leaves it opaque. */
function fold(v: Vector): string[] | undefined {
  const nodes = v.in.map((h, i) => bytesConst(`in${i}`, hex(h)));
  const ins = nodes.map((n) => n.name);
  const attr: Record<string, TfAttrValue> = {};
  if (v.op === "Substr") {
    nodes.push(intConst("pos", v.pos!), intConst("len", v.len!));
    ins.push("pos", "len");
    attr.unit = { s: enc.encode("BYTE") };
  }
  if (v.encoding !== undefined) attr.encoding = { s: enc.encode(v.encoding) };
  if (v.template !== undefined) attr.template = { s: enc.encode(v.template) };
  if (v.placeholder !== undefined) attr.placeholder = { s: enc.encode(v.placeholder) };
  nodes.push(node("out", v.op, ins, attr));
  const g: TfGraphDef = { nodes, functions: [], gradients: [] };
  const m = new TfGraphModel(g, { pathPrefix: "t#" });
  const t = m.trace(m.root, "out", true);
  // a StringFormat of unfixed rank is each rank 0-7 and marked incomplete (ranks up to 254): its values are judged
  if (!t.strings.length || t.opaque.some((o) => !/rank the graph does not fix/.test(o))) return undefined;
  return t.strings.map((x) => Buffer.from(encodeBytes(x)).toString("hex"));
}

test("every fold vector: the folded value is TensorFlow's bytes, or the value stays opaque", () => {
  const wrong: string[] = [];
  let folded = 0;
  for (const v of doc.vectors) {
    const ours = fold(v);
    if (ours === undefined) continue;
    const what = `${v.op}(${v.in.join(",")}${v.pos !== undefined ? ` pos=${v.pos} len=${v.len}` : ""}${v.template !== undefined ? ` ${JSON.stringify(v.template)}` : ""}${v.encoding ? ` ${v.encoding}` : ""})`;
    if (v.error !== undefined) wrong.push(`${what}: TensorFlow raises ${v.error}, we fold ${ours.join(" | ")}`);
    // one value, except StringFormat: the tracer does not follow shapes, so it gives the print of each rank
    else if (!ours.includes(v.out!) || (ours.length > 1 && v.op !== "StringFormat")) wrong.push(`${what}: TensorFlow ${v.out}, we ${ours.join(" | ")}`);
    else folded++;
  }
  assert.deepEqual(wrong, []);
  assert.ok(folded > 400, `${folded} folded of ${doc.vectors.length}`);
});
