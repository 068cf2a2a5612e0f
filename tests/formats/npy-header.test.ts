// .npy headers read as numpy reads them: every vector's verdict came from real numpy's header
// reader (tools/gen-npy-vectors.py, ast.literal_eval underneath). Where numpy reads the header we
// must agree on whether the dtype holds objects (a pickle follows). Where numpy fails nothing loads,
// so any verdict of ours is harmless there; we count how often we fail the same way.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseNpyHeader } from "../../src/formats/npy.js";

interface Vector {
  version: string;
  hex: string;
  hasObject?: boolean;
  error?: string;
}
const doc = JSON.parse(readFileSync(new URL("./vectors/npy-headers.json", import.meta.url), "utf8")) as { numpy: string; vectors: Vector[] };
const bytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));

function npy(version: string, header: Uint8Array): Uint8Array {
  const major = Number(version[0]);
  const pre = major === 1 ? [header.length & 0xff, header.length >> 8] : [header.length & 0xff, (header.length >> 8) & 0xff, header.length >> 16, 0];
  return Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0, ...pre, ...header]);
}

test(`every numpy header vector (numpy ${doc.numpy}): same object verdict wherever numpy reads the header`, () => {
  const disagree: string[] = [];
  let agreeOk = 0;
  let agreeErr = 0;
  let conservative = 0;
  for (const v of doc.vectors) {
    const text = Buffer.from(bytes(v.hex)).toString("latin1");
    let ours: boolean | "error";
    try {
      ours = parseNpyHeader(npy(v.version, bytes(v.hex))).hasObject;
    } catch {
      ours = "error";
    }
    if (v.error === undefined) {
      if (ours === v.hasObject) agreeOk++;
      else disagree.push(`v${v.version} ${JSON.stringify(text)}: numpy hasObject=${v.hasObject}, ours ${ours}`);
    } else if (ours === "error") agreeErr++;
    else conservative++;
  }
  assert.deepEqual(disagree, []);
  assert.ok(agreeOk > 700 && agreeErr > 20 && conservative < 20, `${agreeOk} ok, ${agreeErr} errors, ${conservative} conservative`);
});

test("object dtypes numpy accepts and a regex missed", () => {
  for (const d of ["'object'", "'|' 'O'", '"O"', "[('a', '<i4'), ('b', '|O')]", "('|O', (2,))", "'i4,O'"]) {
    const h = new TextEncoder().encode(`{'descr': ${d}, 'fortran_order': False, 'shape': (3,), }\n`);
    assert.equal(parseNpyHeader(npy("1.0", h)).hasObject, true, d);
  }
  const plain = new TextEncoder().encode("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }\n");
  const h = parseNpyHeader(npy("1.0", plain));
  assert.deepEqual([h.hasObject, h.fortranOrder, h.shape, h.descr], [false, true, "(2, 3)", "<f4"]);
});
