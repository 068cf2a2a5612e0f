// JSON bytes read as the loader reads them: every vector was produced by CPython's
// json.loads(bytes) (tools/gen-json-vectors.py); our decoder + parser must agree on each one,
// including where Python fails to decode (the loader cannot load such a config either).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { decodeJsonBytes, detectJsonEncoding, looksLikeJsonBytes } from "../../src/formats/json-bytes.js";
import { parseJsonLimited } from "../../src/formats/json.js";

interface Vector {
  label: string;
  hex: string;
  value?: string;
  error?: string;
}
const doc = JSON.parse(readFileSync(new URL("./vectors/json-bytes.json", import.meta.url), "utf8")) as { vectors: Vector[] };
const bytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));

test("every CPython json.loads(bytes) vector: same value, or a failure at the same stage", () => {
  let ok = 0;
  const disagree: string[] = [];
  for (const v of doc.vectors) {
    let stage: "decode" | "json" | "ok" = "ok";
    let value: unknown;
    try {
      const text = decodeJsonBytes(bytes(v.hex));
      try {
        value = parseJsonLimited(text, 100);
      } catch {
        stage = "json";
      }
    } catch {
      stage = "decode";
    }
    const want = v.error ?? "ok";
    if (stage !== want) disagree.push(`${v.label} ${v.hex.slice(0, 40)}: python ${want}, ours ${stage}`);
    else if (stage === "ok") {
      try {
        assert.deepEqual(value, JSON.parse(v.value!));
        ok++;
      } catch {
        disagree.push(`${v.label} ${v.hex.slice(0, 40)}: python ${v.value}, ours ${JSON.stringify(value)}`);
      }
    }
  }
  assert.deepEqual(disagree, []);
  assert.ok(ok > 100, `only ${ok} decodable vectors`);
  assert.ok(doc.vectors.length >= 800);
});

test("encoding detection follows BOMs before zero-byte patterns", () => {
  assert.equal(detectJsonEncoding(bytes("fffe0000")), "utf-32");
  assert.equal(detectJsonEncoding(bytes("fffe7b00")), "utf-16");
  assert.equal(detectJsonEncoding(bytes("0000007b")), "utf-32-be");
  assert.equal(detectJsonEncoding(bytes("007b0022")), "utf-16-be");
  assert.equal(detectJsonEncoding(bytes("7b000000")), "utf-32-le");
  assert.equal(detectJsonEncoding(bytes("7b002200")), "utf-16-le");
  assert.equal(detectJsonEncoding(bytes("7b00")), "utf-16-le");
  assert.equal(detectJsonEncoding(bytes("7b2200")), "utf-8");
});

test("a JSON head is recognised in every encoding", () => {
  const text = ' \n{"class_name": "Lambda"}';
  const enc = (s: string, unit: number, le: boolean, bom: number[] = []) => {
    const out: number[] = [...bom];
    for (const ch of s) {
      const c = ch.codePointAt(0)!;
      const u: number[] = [];
      for (let k = 0; k < unit; k++) u.push((c >> (8 * k)) & 0xff);
      out.push(...(le ? u : u.reverse()));
    }
    return Uint8Array.from(out);
  };
  for (const [unit, le, bom] of [[1, true, []], [1, true, [0xef, 0xbb, 0xbf]], [2, true, []], [2, false, []], [2, true, [0xff, 0xfe]], [2, false, [0xfe, 0xff]], [4, true, []], [4, false, []], [4, true, [0xff, 0xfe, 0, 0]], [4, false, [0, 0, 0xfe, 0xff]]] as const) {
    const b = enc(text, unit, le, [...bom]);
    assert.ok(looksLikeJsonBytes(b), `unit ${unit} le ${le} bom ${bom.length}`);
    assert.equal((parseJsonLimited(decodeJsonBytes(b), 10) as { class_name: string }).class_name, "Lambda");
  }
  assert.ok(!looksLikeJsonBytes(new TextEncoder().encode("hello")));
});
