// Differential test of the Lambda code-string decoding against CPython: tests/python/vectors/
// base64-funcload.json holds what func_load's `codecs.decode(code.encode("ascii"), "base64")`
// (falling back to `code.encode("raw_unicode_escape")`) gave on CPython 3.9-3.13 for seeded random
// and edge strings (tools/gen-base64-vectors.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { decodeBase64Bytes } from "../../src/python/fold.js";
import { decodeCodeString, rawUnicodeEscapeEncode } from "../../src/python/lambda.js";
import { decodeBase64 } from "../../src/keras/walk.js";

interface Vector {
  s: string;
  ascii?: false;
  b64?: string | null;
  raw?: string;
}

const file = JSON.parse(readFileSync(new URL("./vectors/base64-funcload.json", import.meta.url), "utf8")) as { versions: string[]; vectors: Vector[] };
const hex = (b: Uint8Array | undefined): string | null => (b === undefined ? null : Buffer.from(b).toString("hex"));

test("vectors cover CPython 3.9-3.13, pads after data, junk and non-ASCII", () => {
  assert.deepEqual(file.versions, ["3.9", "3.10", "3.11", "3.12", "3.13"]);
  assert.ok(file.vectors.length > 1000);
  assert.ok(file.vectors.some((v) => v.ascii === false));
  assert.ok(file.vectors.some((v) => typeof v.b64 === "string" && v.b64.length > 0 && /=[^=\s]*[A-Za-z0-9+/]/.test(v.s)));
  assert.ok(file.vectors.some((v) => v.b64 === null));
});

test("decodeBase64Bytes equals binascii.a2b_base64 (non-strict) on every ASCII vector", () => {
  let n = 0;
  for (const v of file.vectors) {
    if (v.ascii === false) continue;
    assert.equal(hex(decodeBase64Bytes(v.s)), v.b64 ?? null, JSON.stringify(v.s));
    assert.equal(hex(decodeBase64(v.s)), v.b64 ?? null, JSON.stringify(v.s));
    n++;
  }
  assert.ok(n > 1000);
});

test("non-ASCII strings and base64 errors fall back to raw_unicode_escape exactly as func_load does", () => {
  for (const v of file.vectors) {
    if (v.ascii === false) assert.equal(decodeBase64(v.s), undefined, JSON.stringify(v.s));
    if (v.raw !== undefined) assert.equal(hex(rawUnicodeEscapeEncode(v.s)), v.raw, JSON.stringify(v.s));
  }
});

test("decodeCodeString offers the loader's bytes first whenever they start a code object", () => {
  for (const v of file.vectors) {
    const loader = typeof v.b64 === "string" ? v.b64 : v.raw!;
    if (loader.length === 0 || (parseInt(loader.slice(0, 2), 16) & 0x7f) !== 0x63) continue;
    const c = decodeCodeString(v.s);
    assert.ok(c.length > 0, JSON.stringify(v.s));
    assert.equal(hex(c[0]!.bytes), loader, JSON.stringify(v.s));
  }
});
