// Zip reader structure: what Python's zipfile sees (EOCD search, duplicates, names, zip64,
// prepended data, local headers) and hostile archives (truncated, EOCD outside, member caps).
import { test } from "node:test";
import assert from "node:assert/strict";
import { FormatError, LimitError, MemorySource } from "../../src/core/bytes.js";
import { crc32 } from "../../src/formats/archive/crc32.js";
import { InflateBudget, inflateRaw, BombError } from "../../src/formats/archive/inflate.js";
import { memberSource, openZip, readLocalHeader } from "../../src/formats/archive/zip.js";
import { pathEscape, linkEscapes } from "../../src/formats/archive/paths.js";
import { openTar } from "../../src/formats/archive/tar.js";
import { gunzip } from "../../src/formats/archive/inflate.js";
import { fixture, makeZip } from "./zip-helpers.js";

const src = (data: Uint8Array, name = "t.zip") => new MemorySource(name, data);
const text = async (s: { read(o: number, n: number): Promise<Uint8Array>; size: number }) => new TextDecoder().decode(await s.read(0, s.size));

test("duplicates: every central-directory entry is listed, the name maps to the LAST one", async () => {
  const s = src(makeZip([{ name: "config.json", data: "first" }, { name: "x", data: "1" }, { name: "config.json", data: "second!" }]));
  const z = await openZip(s, 100);
  assert.deepEqual(z.entries.map((e) => e.name), ["config.json", "x", "config.json"]);
  const read = z.byName.get("config.json")!;
  assert.equal(read.index, 2);
  assert.equal(await text(await memberSource(s, read, await readLocalHeader(s, read), new InflateBudget(1e9, 200))), "second!");
});

test("stored members are windows onto the source, not copies", async () => {
  const data = makeZip([{ name: "a.bin", data: "0123456789" }]);
  const s = src(data);
  const z = await openZip(s, 10);
  const e = z.entries[0]!;
  const m = await memberSource(s, e, await readLocalHeader(s, e), new InflateBudget(1e9, 200));
  assert.equal(m.constructor.name, "SliceSource");
  assert.equal(await text(m), "0123456789");
});

test("names are decoded like zipfile: cp437 without the UTF-8 flag, UTF-8 with it, cut at NUL", async () => {
  const z = await openZip(
    src(makeZip([
      { name: new Uint8Array([0x80, 0x61]), data: "x" },
      { name: new TextEncoder().encode("é.json"), data: "y", flags: 0x800 },
      { name: new Uint8Array([0x61, 0x00, 0x62]), data: "z" },
    ])),
    10,
  );
  assert.deepEqual(z.entries.map((e) => e.name), ["Ça", "é.json", "a"]);
});

test("Unicode Path extra field (0x7075) renames a member for Python >= 3.12 only", async () => {
  const raw = new TextEncoder().encode("weights.bin");
  const uname = new TextEncoder().encode("config.json");
  const extra = new Uint8Array(4 + 5 + uname.length);
  const v = new DataView(extra.buffer);
  v.setUint16(0, 0x7075, true);
  v.setUint16(2, 5 + uname.length, true);
  extra[4] = 1;
  v.setUint32(5, crc32(raw), true);
  extra.set(uname, 9);
  const z = await openZip(src(makeZip([{ name: raw, data: "{}", extra }])), 10);
  assert.equal(z.entries[0]!.name, "config.json");
  assert.equal(z.entries[0]!.legacyName, "weights.bin");
  assert.equal(z.byName.get("config.json")?.index, 0);
});

test("symlink entries are recognised from the Unix mode in the external attributes", async () => {
  const z = await openZip(src(fixture("keras-traversal.keras")), 100);
  const link = z.entries.find((e) => e.name === "assets/link")!;
  assert.equal(link.isSymlink, true);
  assert.equal(link.unixMode! & 0o170000, 0o120000);
  assert.equal(z.entries.filter((e) => e.isSymlink).length, 1);
});

test("zip64 end-of-central-directory records are followed (fixture written by zipfile)", async () => {
  const s = src(fixture("zip64.zip"));
  const z = await openZip(s, 10);
  assert.equal(z.zip64, true);
  assert.deepEqual(z.entries.map((e) => e.name), ["a.json", "b.json"]);
  const b = z.byName.get("b.json")!;
  assert.equal(await text(await memberSource(s, b, await readLocalHeader(s, b), new InflateBudget(1e9, 200))), '{"b": 2}');
});

test("prepended data: offsets corrected as zipfile does, and reported", async () => {
  const s = src(fixture("prepended.zip"));
  const z = await openZip(s, 10);
  assert.equal(z.prepended, 237);
  const a = z.entries[0]!;
  assert.equal(await text(await memberSource(s, a, await readLocalHeader(s, a), new InflateBudget(1e9, 200))), '{"a": 1}');
});

test("archive comments: the EOCD is found behind them, the last signature wins as in zipfile", async () => {
  const comment = new TextEncoder().encode("made by a tool");
  const z = await openZip(src(makeZip([{ name: "a", data: "1" }], { comment })), 10);
  assert.equal(new TextDecoder().decode(z.comment), "made by a tool");
  assert.equal(z.entries.length, 1);
});

test("local header disagreeing with the directory is a mismatch; a different name is refused", async () => {
  const s = src(fixture("local-mismatch.zip"));
  const z = await openZip(s, 10);
  const a = await readLocalHeader(s, z.entries[0]!);
  assert.deepEqual(a.mismatches, ["size 3 in the local header, 8 in the directory"]);
  const b = await readLocalHeader(s, z.entries[1]!);
  assert.deepEqual(b.mismatches, []);
  const data = makeZip([{ name: "config.json", data: "{}" }]);
  data[30] = "C".charCodeAt(0); // local name "Config.json"
  const t = src(data);
  const y = await openZip(t, 10);
  await assert.rejects(readLocalHeader(t, y.entries[0]!), FormatError);
});

test("hostile: truncated zip, EOCD pointing outside the file, bad central directory", async () => {
  const good = fixture("keras-clean.keras");
  await assert.rejects(openZip(src(good.subarray(0, good.length >> 1)), 100), /not a zip file/);
  const out = new Uint8Array(good);
  const eocd = out.length - 22;
  new DataView(out.buffer).setUint32(eocd + 16, 0x7fff0000, true); // central directory offset far outside
  // zipfile finds the directory from the EOCD position; the bogus offset shifts every local header out of the file.
  const shifted = await openZip(src(out), 100);
  assert.equal(shifted.entries.length, 3);
  await assert.rejects(readLocalHeader(src(out), shifted.entries[0]!), /outside the file/);
  const neg = new Uint8Array(good);
  new DataView(neg.buffer).setUint32(eocd + 12, 0x7fff0000, true); // size larger than the file: negative start
  await assert.rejects(openZip(src(neg), 100), /bad offset/);
  const magic = new Uint8Array(good);
  const cdStart = new DataView(magic.buffer).getUint32(eocd + 16, true);
  magic[cdStart] = 0;
  await assert.rejects(openZip(src(magic), 100), /bad magic number for central directory/);
});

test("hostile: more members than the cap is a LimitError, not a hang", async () => {
  const members = Array.from({ length: 1001 }, (_, i) => ({ name: `m${i}`, data: "" }));
  await assert.rejects(openZip(src(makeZip(members)), 1000), LimitError);
});

test("inflation stops at the absolute budget and at the ratio cap (streaming, not after the fact)", async () => {
  const s = src(fixture("bomb.zip"));
  const z = await openZip(s, 10);
  const e = z.entries[0]!;
  const l = await readLocalHeader(s, e);
  await assert.rejects(inflateRaw(s, l.dataOffset, e.compressedSize, e.size, e.name, new InflateBudget(4 << 20, 1e9)), BombError);
  await assert.rejects(inflateRaw(s, l.dataOffset, e.compressedSize, e.size, e.name, new InflateBudget(1 << 30, 200)), /compression ratio above 200:1/);
  const budget = new InflateBudget(1 << 30, 2000);
  const out = await inflateRaw(s, l.dataOffset, e.compressedSize, e.size, e.name, budget);
  assert.equal(out.length, 24 << 20);
  assert.equal(budget.used, 24 << 20);
});

test("a corrupt deflate stream is a FormatError", async () => {
  const s = src(fixture("bomb.twin.zip"));
  const z = await openZip(s, 10);
  const e = z.entries[0]!;
  const l = await readLocalHeader(s, e);
  const bad = new Uint8Array(fixture("bomb.twin.zip"));
  for (let i = 0; i < 64; i++) bad[l.dataOffset + 10 + i] = 0xff;
  await assert.rejects(memberSource(src(bad), e, l, new InflateBudget(1e9, 1e9)), FormatError);
});

test("path escapes: parent traversal, absolute, drive letters, backslashes; inner '..' is fine", () => {
  assert.equal(pathEscape("../x")?.kind, "parent-traversal");
  assert.equal(pathEscape("a/../../x")?.kind, "parent-traversal");
  assert.equal(pathEscape("/etc/passwd")?.kind, "absolute");
  assert.equal(pathEscape("C:/Windows/x")?.kind, "drive-letter");
  assert.equal(pathEscape("..\\x")?.kind, "backslash-traversal");
  assert.equal(pathEscape("a/../b"), undefined);
  assert.equal(pathEscape("assets/vocab.txt"), undefined);
  assert.equal(linkEscapes("model/passwd", "/etc/passwd"), true);
  assert.equal(linkEscapes("model/a", "../../x"), true);
  assert.equal(linkEscapes("model/a", "b/c"), false);
});

test("tar reader: pax names, symlinks and member windows from the gunzipped fixture", async () => {
  const gz = src(fixture("traversal.tar.gz"), "traversal.tar.gz");
  const tarBytes = await gunzip(gz, "traversal.tar.gz", new InflateBudget(1 << 30, 1000));
  const t = await openTar(src(tarBytes, "traversal.tar"), 100, 1 << 20);
  assert.deepEqual(t.entries.map((e) => [e.name, e.type]), [["model/config.json", "0"], ["../gw-escape", "0"], ["/tmp/gw-escape-abs", "0"], ["model/passwd", "2"]]);
  assert.equal(t.entries[3]!.linkName, "/etc/passwd");
  await assert.rejects(openTar(src(tarBytes.subarray(0, 300)), 100, 1 << 20), FormatError);
});

test("gzip: concatenated members read like Python's gzip; truncation and bombs are errors", async () => {
  const { gzipSync } = await import("fflate");
  const enc = new TextEncoder();
  const both = new Uint8Array([...gzipSync(enc.encode("hello ")), ...gzipSync(enc.encode("world"))]);
  assert.equal(new TextDecoder().decode(await gunzip(src(both), "x", new InflateBudget(1e9, 1e9))), "hello world");
  const one = gzipSync(enc.encode("x".repeat(5000)));
  await assert.rejects(gunzip(src(one.subarray(0, 12)), "x", new InflateBudget(1e9, 1e9)), FormatError);
  const bomb = gzipSync(new Uint8Array(30 << 20));
  await assert.rejects(gunzip(src(bomb), "x", new InflateBudget(1 << 30, 200)), BombError);
  await assert.rejects(gunzip(src(bomb), "x", new InflateBudget(8 << 20, 1e9)), /inflates past the 8388608-byte limit/);
});
