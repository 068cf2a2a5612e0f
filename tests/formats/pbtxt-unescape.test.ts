// Text-format string literals against Python's protobuf text parser (tools/gen-pbtxt-unescape-vectors.py:
// text_format.Parse, whose text_encoding.CUnescape decodes \u/\U escapes and then C escapes again). A literal
// whose Python reading equals the C++ one-pass reading parses to Python's bytes; any other is refused (or,
// when the caller takes the report, read as Python reads it and reported).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { FormatError } from "../../src/core/bytes.js";
import { pythonCUnescape } from "../../src/formats/pbtxt.js";
import { pbBytes } from "../../src/formats/protobuf.js";
import { parseTfText } from "../../src/tf/proto.js";

interface Vector {
  body: string;
  cpp: "same" | "differs" | "rejects";
  python?: string;
  python_error?: string;
}
const doc = JSON.parse(readFileSync(new URL("./vectors/pbtxt-unescape.json", import.meta.url), "utf8")) as { vectors: Vector[] };
const hex = (b: Uint8Array | undefined) => Buffer.from(b ?? new Uint8Array(0)).toString("hex");

test("vectors hold both kinds, the round-5 A5 spelling among the divergent ones", () => {
  assert.ok(doc.vectors.filter((v) => v.cpp === "same").length >= 15);
  assert.ok(doc.vectors.filter((v) => v.cpp === "differs").length >= 15);
  assert.ok(doc.vectors.some((v) => v.body === "file:\\u005cx2f//tmp/p" && v.cpp === "differs" && v.python === hex(new TextEncoder().encode("file:///tmp/p"))));
});

for (const v of doc.vectors) {
  test(`text-format literal "${v.body}" (C++ reader: ${v.cpp})`, () => {
    // Our model of Python's CUnescape: Python's bytes, or a rejection where Python rejects (\N{name} is not modelled).
    const unmodelled = v.body.includes("N{");
    if (v.python_error || unmodelled) assert.throws(() => pythonCUnescape(v.body));
    else assert.equal(hex(pythonCUnescape(v.body)), v.python);
    const text = `s: "${v.body}"`;
    if (v.cpp === "same") {
      assert.equal(hex(pbBytes(parseTfText("AttrValue", text), "s")), v.python);
    } else if (v.cpp === "rejects" || unmodelled) {
      assert.throws(() => parseTfText("AttrValue", text), FormatError);
      assert.throws(() => parseTfText("AttrValue", text, undefined, () => undefined), FormatError);
    } else {
      assert.throws(() => parseTfText("AttrValue", text), FormatError);
      // Taking the report: the literal is read as Python reads it (C++'s reading where Python rejects it).
      const seen: number[] = [];
      const m = parseTfText("AttrValue", text, undefined, (o) => seen.push(o));
      assert.deepEqual(seen, [4]);
      if (v.python !== undefined) assert.equal(hex(pbBytes(m, "s")), v.python);
    }
  });
}

test("a divergent literal in a field the schema does not read is reported too", () => {
  const seen: number[] = [];
  parseTfText("AttrValue", 'unknown_field: "\\u005cx41" s: "ok"', undefined, (o) => seen.push(o));
  assert.equal(seen.length, 1);
});
