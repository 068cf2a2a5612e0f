// Marshal reader and payload decoding on hostile, old and odd inputs: errors are verdicts, never crashes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { FormatError, LimitError } from "../../src/core/bytes.js";
import { readMarshal, readCodeCandidates } from "../../src/python/marshal.js";
import { analyzeLambda, decodeCodeString, rawUnicodeEscapeEncode } from "../../src/python/lambda.js";

const labelled = (v: string) =>
  (JSON.parse(readFileSync(new URL(`../../fixtures/lambda/labelled/${v}.json`, import.meta.url), "utf8")) as { cases: { id: string; code: string; raw?: string }[] }).cases;

/** Tiny marshal writer for hand-assembled vectors. */
class W {
  b: number[] = [];
  i32(n: number): this {
    this.b.push(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff);
    return this;
  }
  bytes(type: string, data: number[]): this {
    this.b.push(type.charCodeAt(0));
    this.i32(data.length);
    this.b.push(...data);
    return this;
  }
  str(s: string): this {
    this.b.push("z".charCodeAt(0), s.length, ...[...s].map((c) => c.charCodeAt(0)));
    return this;
  }
  tuple(n: number): this {
    this.b.push(")".charCodeAt(0), n);
    return this;
  }
  none(): this {
    this.b.push("N".charCodeAt(0));
    return this;
  }
}

test("hand-assembled CPython 3.5 code object (pre-wordcode) is read and judged", () => {
  // hand-built: lambda x: __import__('os').system('id') as CPython 3.5 compiles it
  const code = [
    116, 0, 0, // LOAD_GLOBAL 0 (__import__)
    100, 1, 0, // LOAD_CONST 1 ('os')
    131, 1, 0, // CALL_FUNCTION 1
    106, 1, 0, // LOAD_ATTR 1 (system)
    100, 2, 0, // LOAD_CONST 2 ('id')
    131, 1, 0, // CALL_FUNCTION 1
    83, // RETURN_VALUE
  ];
  const w = new W();
  w.b.push(0x63);
  w.i32(1).i32(0).i32(1).i32(3).i32(0x43);
  w.bytes("s", code);
  w.tuple(3).none().str("os").str("id");
  w.tuple(2).str("__import__").str("system");
  w.tuple(1).str("x");
  w.tuple(0).tuple(0);
  w.str("model.py").str("<lambda>").i32(1).bytes("s", []);
  const b64 = Buffer.from(w.b).toString("base64");
  const v = analyzeLambda({ form: "keras2-list", code: b64, field: "function" });
  assert.equal(v.severity, "critical");
  assert.deepEqual(v.pythonVersions, ["3.5"]);
  assert.match(v.evidence, /os\.system\("id"\)/);
});

test("a real Python 2.7 code object is recognised and reported unverifiable, not misread", () => {
  const py2 = JSON.parse(readFileSync(new URL("../../fixtures/lambda/py27-lambda.json", import.meta.url), "utf8")) as { code: string };
  const bytes = Uint8Array.from(Buffer.from(py2.code, "base64"));
  assert.deepEqual(readCodeCandidates(bytes).candidates.map((c) => c.layout), ["py2"]);
  const v = analyzeLambda({ form: "raw-string", code: py2.code, field: "function" });
  assert.equal(v.kind, "unverifiable");
  assert.equal(v.severity, "medium");
  assert.match(v.message, /Python 2/);
});

test("raw_unicode_escape round trip and Windows '/' mangling", () => {
  assert.deepEqual([...rawUnicodeEscapeEncode("a\u00e9\u20ac")], [0x61, 0xe9, ...Buffer.from("\\u20ac")]);
  const c = labelled("3.6").find((x) => x.id === "m_import_system")!;
  const decoded = decodeCodeString(c.raw!);
  assert.equal(decoded[decoded.length - 1]!.encoding, "raw_unicode_escape");
  // A Windows Keras 2.0 writer replaced every backslash byte with '/': where that breaks the
  // bytecode the verdict says so; otherwise the code still reads.
  const mangled = c.raw!.replace(/\\/g, "/");
  const v = analyzeLambda({ form: "raw-string", code: mangled, field: "function" });
  assert.ok(v.severity === "critical" || (v.kind === "unverifiable" && /Windows|decode/.test(v.message)), v.message);
});

test("malformed marshal: errors, limits, never a crash", () => {
  assert.throws(() => readMarshal(new Uint8Array([0x28, 0xff, 0xff, 0xff, 0x7f]), "py311"), FormatError);
  assert.throws(() => readMarshal(new Uint8Array([0x72, 5, 0, 0, 0]), "py311"), FormatError); // dangling ref
  assert.throws(() => readMarshal(new Uint8Array([0x3f]), "py311"), FormatError); // unknown type
  const deep = new Uint8Array(5000).fill(0x29); // ")" small tuples nested
  for (let i = 1; i < deep.length; i += 2) deep[i] = 1;
  assert.throws(() => readMarshal(deep, "py311"), LimitError);
  assert.throws(() => readMarshal(new Uint8Array([0x6c, 0xff, 0xff, 0, 0]), "py311"), LimitError); // huge long
  assert.equal(analyzeLambda({ form: "keras2-list", code: "", field: "function" }).kind, "unverifiable");
  assert.equal(analyzeLambda({ form: "keras2-list", code: "not base64 and not marshal!", field: "function" }).kind, "unverifiable");
});

test("fuzz: truncated and bit-flipped real payloads always give a verdict", () => {
  let n = 0;
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (const v of ["3.6", "3.10", "3.12", "3.14"]) {
    for (const c of labelled(v).slice(0, 25)) {
      const bytes = Uint8Array.from(Buffer.from(c.code, "base64"));
      for (let k = 0; k < 12; k++) {
        const m = bytes.slice(0, k % 3 === 0 ? Math.floor(rnd() * bytes.length) : bytes.length);
        for (let f = 0; f < 1 + (k % 4); f++) if (m.length) {
          const at = Math.floor(rnd() * m.length);
          m[at] = m[at]! ^ (1 << Math.floor(rnd() * 8));
        }
        const verdict = analyzeLambda({ form: "keras2-list", code: Buffer.from(m).toString("base64"), field: "function" });
        assert.ok(["critical", "high", "medium", "low", "info"].includes(verdict.severity));
        n++;
      }
    }
  }
  assert.ok(n > 1000);
});

test("Keras 3 and keras_metadata forms: defaults and closure from __tuple__ take part in the judgement", () => {
  const c = labelled("3.12").find((x) => x.id === "m_default_cmd")!;
  const v = analyzeLambda({ form: "tuple", code: c.code, defaults: { class_name: "__tuple__", items: ["touch /tmp/gw_canary"] }, field: "function" });
  assert.equal(v.severity, "critical");
  assert.match(v.evidence, /touch \/tmp\/gw_canary/);
});

test("marshal value types as CPython 3.12 writes them (versions 0 and 4)", () => {
  const read = (hex: string) => readMarshal(Uint8Array.from(Buffer.from(hex, "hex")), "py311").value;
  // {1: 2.5, 'a': (1+2j), 'b': b'xy'} at marshal version 0: text float and text complex, 'u' strings
  const v0 = read("7b69010000006603322e3575010000006178013101327501000000627302000000787930");
  assert.equal(v0.t, "dict");
  if (v0.t === "dict") {
    assert.deepEqual(v0.entries[0], [{ t: "int", v: 1n }, { t: "float", v: 2.5 }]);
    assert.deepEqual(v0.entries[1]![1], { t: "complex", re: 1, im: 2 });
    assert.deepEqual(v0.entries[2]![1], { t: "bytes", v: Uint8Array.from([0x78, 0x79]) });
  }
  // version 4: binary float/complex, FLAG_REF, short ascii
  const v4 = read("fbe901000000e70000000000000440da0161f9000000000000f03f000000000000004030");
  assert.ok(v4.t === "dict" && v4.entries[1]![1].t === "complex");
  assert.deepEqual(read("be01000000e901000000"), { t: "frozenset", items: [{ t: "int", v: 1n }] });
  assert.deepEqual(read("bc01000000e907000000"), { t: "set", items: [{ t: "int", v: 7n }] });
  assert.deepEqual(read("db050000004e54462e53"), { t: "list", items: [{ t: "none" }, { t: "bool", v: true }, { t: "bool", v: false }, { t: "ellipsis" }, { t: "stopiteration" }] });
  assert.deepEqual(read("ec070000000000000000000000000000000004"), { t: "int", v: 2n ** 100n });
  assert.deepEqual(read("ecfbffffff00000000000000000004"), { t: "int", v: -(2n ** 70n) });
  assert.deepEqual(read("f505000000c3a9e282ac"), { t: "str", v: "\u00e9\u20ac" });
  // TYPE_INT64 ('I'), written by old marshal versions
  assert.deepEqual(read("49" + "0100000002000000"), { t: "int", v: (2n << 32n) | 1n });
});

test("identical Lambda payloads are judged once, but never across a different config module (verdict cache key)", () => {
  // hand-built: lambda x: system('id') as CPython 3.5 compiles it; a bare global resolves through the config's module
  const w = new W();
  w.b.push(0x63);
  w.i32(1).i32(0).i32(1).i32(2).i32(0x43);
  w.bytes("s", [116, 0, 0, 100, 1, 0, 131, 1, 0, 83]);
  w.tuple(2).none().str("id");
  w.tuple(1).str("system");
  w.tuple(1).str("x");
  w.tuple(0).tuple(0);
  w.str("model.py").str("<lambda>").i32(1).bytes("s", []);
  const code = Buffer.from(w.b).toString("base64");
  const bare = analyzeLambda({ form: "keras2-list", code, field: "function" });
  const viaOs = analyzeLambda({ form: "keras2-list", code, field: "function", module: "os" });
  const again = analyzeLambda({ form: "keras2-list", code, field: "function" });
  assert.equal(viaOs.severity, "critical", JSON.stringify(viaOs));
  assert.notEqual(bare.severity, "critical", JSON.stringify(bare));
  assert.deepEqual(again, bare);
  // Frozen: a caller cannot change what the next identical payload is told.
  assert.throws(() => ((again as { severity: string }).severity = "info"));
});

test("bytes after the marshalled code object are ignored, as marshal.loads does", () => {
  const py2 = JSON.parse(readFileSync(new URL("../../fixtures/lambda/py27-lambda.json", import.meta.url), "utf8")) as { code: string };
  const bytes = Uint8Array.from(Buffer.from(py2.code, "base64"));
  const longer = Uint8Array.from([...bytes, 0, 0x41, 0x41]);
  const c = readCodeCandidates(longer).candidates;
  assert.deepEqual(c.map((x) => [x.layout, x.trailing]), [["py2", 3]]);
});

test("flagged singletons take no reference slot, as in CPython's r_object (vectors from CPython 3.11 marshal.loads)", () => {
  // (None, True, 'exec', <ref 0>) with FLAG_REF on None and True: CPython reads ref 0 as 'exec'
  const a = readMarshal(Buffer.from("2904ced4fa04657865637200000000", "hex"), "py38");
  assert.deepEqual(a.value, { t: "tuple", items: [{ t: "none" }, { t: "bool", v: true }, { t: "str", v: "exec" }, { t: "str", v: "exec" }] });
  // a flagged tuple holding a flagged Ellipsis: ref 0 is the tuple, ref 1 is 'abs' (CPython: (Ellipsis, 'abs', 'abs'))
  const b = readMarshal(Buffer.from("a903aefa036162737201000000", "hex"), "py38");
  assert.deepEqual(b.value, { t: "tuple", items: [{ t: "ellipsis" }, { t: "str", v: "abs" }, { t: "str", v: "abs" }] });
});
