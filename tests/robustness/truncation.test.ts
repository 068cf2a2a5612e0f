// Truncation is exit 2: every prefix of a real fixture (zip, .keras, npz-in-zip, tar, tar.gz, HDF5,
// HDF5/zip polyglots) must end with an error (GW001, exit 2), never a clean report. The only
// prefixes allowed through are those the format's own rules call complete: a tar cut at a block
// boundary after its last member, and a polyglot cut where its HDF5 part ends.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { scanBytes } from "../../src/scanner.js";
import { exitCode } from "../../src/report/summary.js";
import { MemorySource } from "../../src/core/bytes.js";
import { Hdf5File } from "../../src/formats/hdf5/index.js";

const fx = (p: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${p}`, import.meta.url)));

/** First and last bytes one by one, and evenly spaced cuts in between. */
function prefixes(n: number): number[] {
  const s = new Set<number>();
  for (let k = 1; k <= 24 && k < n; k++) s.add(k);
  for (let k = 1; k <= 40 && k < n; k++) s.add(n - k);
  for (let i = 1; i < 48; i++) s.add(Math.floor((n * i) / 48));
  return [...s].filter((x) => x > 0 && x < n).sort((a, b) => a - b);
}

async function cleanPrefixes(name: string, data: Uint8Array, complete: (cut: number) => boolean = () => false): Promise<string[]> {
  const bad: string[] = [];
  for (const cut of prefixes(data.length)) {
    if (complete(cut)) continue;
    const r = await scanBytes(name, data.subarray(0, cut), { hash: false });
    const code = exitCode(r, "low");
    if (code !== 2 || (!r.findings.some((f) => f.rule === "GW001") && r.targets[0]?.status !== "unsupported")) bad.push(`${cut}: exit ${code}, status ${r.targets[0]?.status}`);
  }
  return bad;
}

const ZIPS = ["containers/nested.zip", "containers/zip64.zip", "containers/keras-clean.keras", "containers/keras-dup-npz.keras", "containers/keras-npz-object.keras", "containers/polyglot.keras", "keras/k3-basic-cnn.keras"];
for (const f of ZIPS) {
  test(`every prefix of ${f} is an error`, { timeout: 120_000 }, async () => {
    assert.deepEqual(await cleanPrefixes(f.split("/").pop()!, fx(f)), []);
  });
}

for (const f of ["containers/clean.tar.gz", "containers/traversal.tar.gz"]) {
  test(`every prefix of ${f} is an error (gzip trailer: CRC-32 and size)`, { timeout: 120_000 }, async () => {
    assert.deepEqual(await cleanPrefixes(f.split("/").pop()!, fx(f)), []);
  });
}

test("a corrupt gzip CRC is an error", async () => {
  const d = fx("containers/clean.tar.gz").slice();
  d[d.length - 6]! ^= 0x01;
  const r = await scanBytes("clean.tar.gz", d, { hash: false });
  assert.equal(exitCode(r, "low"), 2);
  assert.match(r.findings.find((f) => f.rule === "GW001")?.message ?? "", /CRC-32/);
});

test("every prefix of a plain tar is an error, except block boundaries after its last member", { timeout: 120_000 }, async () => {
  const tar = new Uint8Array(gunzipSync(fx("containers/clean.tar.gz")));
  // Members end where the first all-zero header block starts (tarfile stops reading there).
  let end = 0;
  while (tar.subarray(end, end + 512).some((b) => b !== 0)) {
    const size = parseInt(new TextDecoder().decode(tar.subarray(end + 124, end + 136)).replace(/\0.*$/, "").trim() || "0", 8);
    end += 512 + Math.ceil(size / 512) * 512;
  }
  assert.ok(end > 0 && end < tar.length);
  const bad = await cleanPrefixes("clean.tar", tar, (cut) => cut >= end && cut % 512 === 0);
  assert.deepEqual(bad, []);
  const r = await scanBytes("clean.tar", tar.subarray(0, end + 700), { hash: false });
  assert.match(r.findings.find((f) => f.rule === "GW001")?.message ?? "", /short final block/);
});

for (const f of ["hdf5/benign_keras.h5", "hdf5/benign_userblock.h5", "hdf5/structures_v3.h5", "keras/tfk-basic-cnn.h5", "keras/k3-lambda-os-system.twin.h5"]) {
  test(`every prefix of ${f} is an error (HDF5 end-of-file address)`, { timeout: 120_000 }, async () => {
    assert.deepEqual(await cleanPrefixes(f.split("/").pop()!, fx(f)), []);
  });
}

for (const f of ["polyglot/benign-h5-evil-zip.h5", "polyglot/evil-h5-benign-zip.keras"]) {
  test(`every prefix of the polyglot ${f} is an error in its HDF5 or its zip view`, { timeout: 120_000 }, async () => {
    const data = fx(f);
    const h5 = await Hdf5File.open(new MemorySource(f, data), 0);
    const eof = h5.superblock.eof!;
    assert.ok(eof < data.length);
    // Cut where the HDF5 part ends (at most 3 bytes of a zip signature after it): a whole HDF5 file.
    assert.deepEqual(await cleanPrefixes(f.split("/").pop()!, data, (cut) => cut >= eof && cut < eof + 4), []);
  });
}
