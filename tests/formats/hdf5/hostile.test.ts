// Hostile HDF5: truncated, garbage after the signature, cycles, huge declared sizes, and a
// seeded mutation sweep. Every case ends in a clear FormatError/LimitError (exit 2), never a crash or hang.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FormatError, LimitError } from "../../../src/core/bytes.js";
import { scanBytes } from "../../../src/scanner.js";
import { exitCode } from "../../../src/report/summary.js";
import { fixture, open } from "./helpers.js";

async function readerError(data: Uint8Array): Promise<Error | undefined> {
  try {
    const f = await open(data);
    const w = await f.walk();
    for (const o of w.objects) for (const a of o.attributes) await f.attributeStrings(a);
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

const HOSTILE: [file: string, message: RegExp][] = [
  ["truncated.h5", /run past the end of the file/],
  ["garbage_after_signature.h5", /unknown superblock version/],
  ["cyclic_btree.h5", /cycle/],
  ["huge_heap.h5", /exceeds the \d+-byte structure limit/],
];

for (const [file, message] of HOSTILE) {
  test(`${file}: clear error, target status error, exit 2`, async () => {
    const e = await readerError(fixture(file));
    assert.ok(e instanceof FormatError || e instanceof LimitError, String(e));
    assert.match(e.message, message);
    const r = await scanBytes(file, fixture(file), { hash: false });
    assert.equal(r.targets[0]?.status, "error");
    // A truncated file also gets the superblock's end-of-file check (an error of its own).
    assert.equal(r.errors.length, file === "truncated.h5" ? 2 : 1);
    assert.ok(r.errors.some((x) => message.test(x.message)), r.errors.map((x) => x.message).join("\n"));
    if (file === "truncated.h5") assert.ok(r.errors.some((x) => /HDF5 file truncated: its superblock ends the file at byte 16848, but only 5616 bytes/.test(x.message)));
    assert.equal(exitCode(r, "medium"), 2);
  });
}

test("every truncation point of a v0 and a v3 file fails cleanly", async () => {
  for (const name of ["benign_keras.h5", "benign_keras_vlen.h5"]) {
    const full = fixture(name);
    for (let cut = 8; cut < full.length; cut += 97) {
      const e = await readerError(full.subarray(0, cut));
      // A cut after all metadata may still parse; otherwise the error must be a typed one.
      if (e) assert.ok(e instanceof FormatError || e instanceof LimitError, `${name} cut at ${cut}: ${e.name}: ${e.message}`);
    }
  }
});

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test("seeded mutation sweep over metadata: only typed errors, bounded time", async () => {
  const rnd = mulberry32(20261126);
  let errors = 0;
  for (const name of ["benign_keras.h5", "benign_keras_vlen.h5", "dense_storage.h5", "external_link.h5", "virtual_dataset.h5", "structures_v0.h5", "structures_v3.h5"]) {
    const base = fixture(name);
    const metaEnd = name.startsWith("structures") ? base.length : Math.min(base.length, 12288);
    for (let i = 0; i < (name.startsWith("structures") ? 40 : 120); i++) {
      const m = new Uint8Array(base);
      const flips = 1 + Math.floor(rnd() * 8);
      for (let k = 0; k < flips; k++) m[8 + Math.floor(rnd() * (metaEnd - 8))] = Math.floor(rnd() * 256);
      const t0 = performance.now();
      const e = await readerError(m);
      assert.ok(performance.now() - t0 < 5000, `${name} mutation ${i} took too long`);
      if (e) {
        errors++;
        assert.ok(e instanceof FormatError || e instanceof LimitError, `${name} mutation ${i}: ${e.name}: ${e.message}`);
      }
    }
  }
  assert.ok(errors > 50, `only ${errors} mutations were rejected`);
});

test("object and byte budgets turn into LimitError", async () => {
  const data = fixture("dense_storage.h5");
  await assert.rejects(async () => (await open(data, "x.h5", { maxObjects: 10 })).walk(), LimitError);
  await assert.rejects(async () => (await open(data, "x.h5", { maxBytesRead: 16384 })).walk(), LimitError);
  await assert.rejects(async () => (await open(data, "x.h5", { maxDepth: 1 })).walk(), LimitError);
});

test("random bytes after the signature, many seeds: FormatError, never a crash", async () => {
  const rnd = mulberry32(7);
  for (let i = 0; i < 200; i++) {
    const m = new Uint8Array(4096);
    m.set([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
    for (let k = 8; k < m.length; k++) m[k] = Math.floor(rnd() * 256);
    if (i % 2 === 0) m[8] = i % 4; // plausible superblock version
    const e = await readerError(m);
    assert.ok(e instanceof FormatError || e instanceof LimitError, `seed ${i}: ${String(e)}`);
  }
});

test("an attribute with a zero-size datatype is rejected (it would make element loops unbounded)", async () => {
  // Patch the keras_version attribute's datatype size to 0.
  const data = new Uint8Array(fixture("benign_keras.h5"));
  const needle = new TextEncoder().encode("keras_version");
  let at = -1;
  for (let i = 0; i < data.length - needle.length && at < 0; i++) if (needle.every((b, k) => data[i + k] === b)) at = i;
  assert.ok(at > 0);
  // v1 attribute message: name padded to 8, then datatype (class/version, 3 bit bytes, size u32).
  const nameLen = Math.ceil((needle.length + 1) / 8) * 8;
  const dt = at + nameLen;
  new DataView(data.buffer).setUint32(dt + 4, 0, true);
  const e = await readerError(data);
  assert.ok(e instanceof FormatError, String(e));
  assert.match(e.message, /zero-size datatype/);
});

test("repeated parsing of cached structures is budgeted too (overlapping headers cost CPU, not I/O)", async () => {
  const data = fixture("dense_storage.h5");
  const f = await open(data, "x.h5", { maxBytesParsed: 50_000 });
  await assert.rejects(() => f.walk(), (e: Error) => e instanceof LimitError && /parsed more than 50000 bytes/.test(e.message));
});

test("targeted mutations next to every structure signature: only typed errors", async () => {
  const rnd = mulberry32(99);
  const sigs = ["TREE", "SNOD", "HEAP", "GCOL", "OHDR", "OCHK", "FRHP", "FHDB", "FHIB", "BTHD", "BTIN", "BTLF", "FAHD", "FADB", "EAHD", "EAIB", "EASB", "EADB"].map((s) => new TextEncoder().encode(s));
  let tried = 0;
  for (const name of ["structures_v0.h5", "structures_v3.h5", "dense_storage.h5"]) {
    const base = fixture(name);
    const spots: number[] = [];
    for (let i = 0; i + 4 <= base.length; i++) if (sigs.some((s) => s.every((b, k) => base[i + k] === b))) spots.push(i);
    // Every kind of signature, at most a few places each, so that the sweep stays quick.
    const perKind = new Map<number, number>();
    const picked = spots.filter((at) => {
      const kind = base[at]! * 65536 + base[at + 1]! * 256 + base[at + 3]!;
      const n = perKind.get(kind) ?? 0;
      perKind.set(kind, n + 1);
      return n < 4;
    });
    for (const at of picked) {
      for (let r = 0; r < 4; r++) {
        const m = new Uint8Array(base);
        for (let k = 0; k < 3; k++) m[Math.min(m.length - 1, at + 4 + Math.floor(rnd() * 60))] = Math.floor(rnd() * 256);
        const t0 = performance.now();
        const e = await readerError(m);
        assert.ok(performance.now() - t0 < 5000, `${name} @${at} took too long`);
        tried++;
        if (e) assert.ok(e instanceof FormatError || e instanceof LimitError, `${name} @${at}: ${e.name}: ${e.message}`);
      }
    }
  }
  assert.ok(tried > 80, `only ${tried} mutations`);
});
