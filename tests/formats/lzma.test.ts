// The raw LZMA1 decoder against liblzma (CPython's lzma, as zipfile uses it): every stream liblzma
// decodes gives the same bytes here; where liblzma raises, we see at least the bytes it produced
// first (tools/gen-lzma-vectors.py). Plus the member the fuzzer caught exhausting the heap.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { decodeLzma1, LzmaDataError, parseLzmaProps } from "../../src/formats/archive/lzma.js";

interface Vector {
  label: string;
  props: string;
  b64: string;
  limit: number;
  size?: number;
  sha256?: string;
  eof?: boolean;
  error?: string;
  partial?: number;
  partialSha256?: string;
}
const doc = JSON.parse(readFileSync(new URL("./vectors/lzma-raw.json", import.meta.url), "utf8")) as { vectors: Vector[] };
const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

test("every liblzma raw LZMA1 vector: same bytes where liblzma decodes, at least its bytes where it raises", () => {
  const disagree: string[] = [];
  let same = 0;
  let raised = 0;
  for (const v of doc.vectors) {
    const props = parseLzmaProps(Buffer.from(v.props, "base64")[0]!)!;
    const input = Uint8Array.from(Buffer.from(v.b64, "base64"));
    let data: Uint8Array | undefined;
    let end = "";
    try {
      const r = decodeLzma1(input, props, v.limit);
      data = r.data;
      end = r.end;
    } catch (e) {
      if (!(e instanceof LzmaDataError)) throw e;
    }
    if (v.error !== undefined) {
      raised++;
      // Our reading may go on where liblzma stops (lenient), never see less.
      if (data !== undefined && (data.length < v.partial! || sha(data.subarray(0, v.partial)) !== v.partialSha256))
        disagree.push(`${v.label}: liblzma produced ${v.partial} bytes before raising, we differ`);
      continue;
    }
    if (data === undefined) disagree.push(`${v.label}: liblzma decodes ${v.size} bytes, we raise`);
    else if (data.length !== v.size || sha(data) !== v.sha256) disagree.push(`${v.label}: ${data.length} bytes vs liblzma ${v.size}`);
    else if (v.eof && end !== "marker" && end !== "limit") disagree.push(`${v.label}: liblzma saw the end marker, we stopped on ${end}`);
    else same++;
  }
  assert.deepEqual(disagree, []);
  assert.ok(same >= 400 && raised >= 100, `${same} same, ${raised} raised of ${doc.vectors.length}`);
});

test("the output is capped at the limit and grows only with what the stream writes", () => {
  const v = doc.vectors.find((x) => x.label.startsWith("runs lc3 lp0 pb2 as written") && x.error === undefined)!;
  const input = Uint8Array.from(Buffer.from(v.b64, "base64"));
  const props = parseLzmaProps(Buffer.from(v.props, "base64")[0]!)!;
  assert.equal(decodeLzma1(input, props, 10).data.length, 10);
  assert.equal(decodeLzma1(input, props, 10).end, "limit");
  // A short stream declaring 2 GB: the buffer never holds more than the stream produced.
  const r = decodeLzma1(input, props, 2 ** 31);
  assert.equal(r.end, "marker");
  assert.ok(r.data.buffer.byteLength < 1 << 20, `${r.data.buffer.byteLength} bytes held`);
});
