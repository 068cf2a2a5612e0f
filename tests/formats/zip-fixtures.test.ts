// Container fixtures through the real scan path: each malicious archive gets its verdict, each
// benign twin stays quiet (nothing above low, no errors). Hostile archives fail closed (exit 2).
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanBytes } from "../../src/scanner.js";
import { exitCode } from "../../src/report/summary.js";
import { aboveLow, fixture, makeTar, makeZip, rules } from "./zip-helpers.js";

const scan = (name: string) => scanBytes(name, fixture(name), { hash: false });

const QUIET = ["keras-clean.keras", "keras-npz-clean.keras", "keras-dup-config.twin.keras", "keras-dup-npz.twin.keras", "keras-assets.twin.keras", "bomb.twin.zip", "clean.tar.gz", "torch-benign.pt"];
for (const name of QUIET) {
  test(`benign twin ${name}: nothing above low, no errors`, async () => {
    const r = await scan(name);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(aboveLow(r), []);
    assert.equal(r.targets[0]?.status, "scanned");
    assert.equal(exitCode(r, "medium"), 0);
  });
}

test("real Keras saves are read as keras-v3 with their weights handed to the HDF5/npz readers", async () => {
  const h5 = await scan("keras-clean.keras");
  assert.equal(h5.targets[0]?.format, "keras-v3");
  assert.equal(h5.targets[0]?.details?.["model.weights.h5:format"], "keras-h5");
  const npz = await scan("keras-npz-clean.keras");
  assert.equal(npz.targets[0]?.details?.["model.weights.npz:format"], "zip");
  assert.equal(npz.targets[0]?.details?.["model.weights.npz!layers/dense.npy:npy_dtype"], "|O");
});

test("duplicated config.json: GW301 high naming the copy zipfile reads, and the last copy is judged", async () => {
  const r = await scan("keras-dup-config.keras");
  const dup = r.findings.find((f) => f.rule === "GW301");
  assert.ok(dup);
  assert.equal(dup.severity, "high");
  assert.match(dup.evidence ?? "", /#1: 1380 bytes, #3: \d+ bytes; loader reads #3/);
  const cfg = r.findings.filter((f) => f.location.member === "config.json" && f.severity === "critical");
  assert.ok(cfg.some((f) => /os\.system/.test(f.message)), JSON.stringify(r.findings));
  // The shadowed first copy was scanned too (and is clean).
  assert.deepEqual(r.findings.filter((f) => (f.location.member ?? "").startsWith("config.json[copy")), []);
});

test("duplicated model.weights.npz whose last copy is a pickle: GW301 + GW403 + GW401 os.system with the canary", async () => {
  const r = await scan("keras-dup-npz.keras");
  assert.deepEqual(rules(r), ["GW301", "GW401", "GW403"]);
  const g = r.findings.find((f) => f.rule === "GW401")!;
  assert.equal(g.severity, "critical");
  assert.equal(g.location.member, "model.weights.npz");
  assert.equal(g.evidence, 'os.system("touch $TMPDIR/gw-canary")');
  assert.equal(g.trigger, "load");
  assert.deepEqual(g.affectedVersions, ["keras>=3.0,<3.9 (np.load allow_pickle=True)"]);
  assert.equal(r.findings.find((f) => f.rule === "GW403")?.severity, "high");
});

test("object array inside model.weights.npz: its pickle is walked (GW401)", async () => {
  const r = await scan("keras-npz-object.keras");
  const g = r.findings.find((f) => f.rule === "GW401");
  assert.equal(g?.location.member, "model.weights.npz!layers/dense.npy");
  assert.equal(g?.evidence, 'os.system("touch $TMPDIR/gw-canary")');
  assert.deepEqual(g?.affectedVersions, ["keras>=3.0,<3.9 (np.load allow_pickle=True)"]);
});

test("traversal members of a .keras extracted at load: GW302 high for '..', absolute, backslash and symlink", async () => {
  const r = await scan("keras-traversal.keras");
  const esc = r.findings.filter((f) => f.rule === "GW302");
  assert.deepEqual(esc.map((f) => f.evidence).sort(), ["../gw-escape", "/tmp/gw-escape-abs", "..\\gw-escape-win", "assets/link -> /etc/passwd"].sort());
  for (const f of esc) {
    assert.equal(f.severity, "high");
    assert.equal(f.trigger, "load");
    assert.ok(f.capabilities.includes("file-write"));
  }
});

test("a .keras of 3 members is not extracted by Keras: escape is still reported, as medium", async () => {
  const r = await scanBytes("m.keras", makeZip([{ name: "metadata.json", data: "{}" }, { name: "config.json", data: '{"class_name": "Sequential", "config": {"layers": []}}' }, { name: "../x", data: "x" }]), { hash: false });
  const f = r.findings.find((x) => x.rule === "GW302");
  assert.equal(f?.severity, "medium");
  assert.equal(f?.trigger, "unknown");
});

test("zip bomb: GW303 and a scan error (exit 2), never a crash", async () => {
  const r = await scan("bomb.zip");
  assert.ok(r.findings.some((f) => f.rule === "GW303"));
  assert.equal(r.targets[0]?.status, "error");
  assert.equal(exitCode(r, "critical"), 2);
});

test("absolute inflate cap: a benign member over --max-inflate is an error with GW303", async () => {
  const r = await scanBytes("bomb.twin.zip", fixture("bomb.twin.zip"), { hash: false, limits: { maxInflateTotal: 10_000 } });
  assert.ok(r.findings.some((f) => f.rule === "GW303"));
  assert.equal(exitCode(r, "critical"), 2);
});

test("tar.gz with traversal: GW302 for '..', absolute and a symlink leaving the folder", async () => {
  const r = await scan("traversal.tar.gz");
  const esc = r.findings.filter((f) => f.rule === "GW302");
  assert.deepEqual(esc.map((f) => f.evidence).sort(), ["../gw-escape", "/tmp/gw-escape-abs", "model/passwd -> /etc/passwd"].sort());
  assert.ok(esc.every((f) => f.severity === "high"));
  assert.equal(r.targets[0]?.format, "gzip");
});

test("torch-like zip: archive/data.pkl reducing to builtins.exec is critical, storages are not sniffed", async () => {
  const r = await scan("torch-exec.pt");
  assert.equal(r.targets[0]?.format, "torch-zip");
  const g = r.findings.find((f) => f.rule === "GW401");
  assert.equal(g?.severity, "critical");
  assert.equal(g?.location.member, "archive/data.pkl");
  assert.equal(g?.evidence, `builtins.exec("__import__('os').system('touch $TMPDIR/gw-canary')")`);
  assert.deepEqual(r.findings.filter((f) => f.rule === "GW002"), []);
});

test("nested archives are sniffed member by member (zip in zip, pickle named model.h5)", async () => {
  const r = await scan("nested.zip");
  assert.deepEqual(rules(r), ["GW401", "GW403"]);
  assert.equal(r.findings[0]?.location.member, "inner.zip!model.h5");
});

test("archive nesting deeper than the limit is an error, not a recursion crash", async () => {
  let z = makeZip([{ name: "leaf.json", data: "{}" }]);
  for (let i = 0; i < 8; i++) z = makeZip([{ name: `level${i}.zip`, data: z }]);
  const r = await scanBytes("deep.zip", z, { hash: false });
  assert.equal(r.targets[0]?.status, "error");
  assert.match(r.errors[0]?.message ?? "", /nesting deeper than 4/);
});

test("structure differentials: local header mismatch (GW304 medium), prepended data (GW304 low)", async () => {
  const m = await scan("local-mismatch.zip");
  assert.equal(m.findings.find((f) => f.rule === "GW304")?.severity, "medium");
  const p = await scan("prepended.zip");
  assert.equal(p.findings.find((f) => f.rule === "GW304")?.severity, "low");
  assert.deepEqual(aboveLow(p), []);
});

test("hostile: a zip with 100,001 members hits the default member cap (exit 2)", async () => {
  const members = Array.from({ length: 100_001 }, (_, i) => ({ name: `m${i}`, data: "" }));
  const r = await scanBytes("many.zip", makeZip(members), { hash: false });
  assert.equal(r.targets[0]?.status, "error");
  assert.match(r.errors[0]?.message ?? "", /more than 100000 members/);
  assert.equal(exitCode(r, "critical"), 2);
});

test("hostile: truncated .keras (directory cut off) is a zip error, exit 2, never clean or unsupported", async () => {
  const data = fixture("keras-clean.keras");
  for (const cut of [30, 2000, data.length >> 1]) {
    const r = await scanBytes("cut.keras", data.subarray(0, data.length - cut), { hash: false });
    assert.equal(r.targets[0]?.format, "zip");
    assert.equal(r.targets[0]?.status, "error");
    assert.match(r.errors[0]?.message ?? "", /not a zip file/);
    assert.equal(exitCode(r, "critical"), 2);
  }
});

test("content decides the handler: config.json makes a keras-v3, a zip without it stays a generic zip", async () => {
  const r = await scanBytes("w.bin", makeZip([{ name: "config.json", data: '{"class_name": "Sequential", "config": {"layers": []}}' }]), { hash: false });
  assert.equal(r.targets[0]?.format, "keras-v3");
  const none = await scanBytes("w.keras", makeZip([{ name: "metadata.json", data: "{}" }, { name: "model.weights.h5", data: "x" }]), { hash: false });
  assert.equal(none.targets[0]?.format, "zip");
});

test("HDF5/zip polyglot: GW304 high, and the HDF5 view is scanned too (the HDF5 view is another model)", async () => {
  const r = await scan("polyglot.keras");
  assert.equal(r.targets[0]?.format, "keras-v3");
  const f = r.findings.find((x) => x.rule === "GW304" && x.severity === "high");
  assert.match(f?.message ?? "", /also an HDF5 file/);
  assert.equal(r.targets[0]?.details?.["second_view"], "keras-h5");
  assert.equal(r.targets[0]?.status, "scanned");
  assert.equal(exitCode(r, "high"), 1);
});

test("deflated weights above 16 MiB are inflated within the budget and sniffed, not skipped as GW305 info", async () => {
  const { zipSync } = await import("fflate");
  let x = 12345;
  const weights = new Uint8Array(17 << 20).map(() => ((x = (x * 1103515245 + 12345) >>> 0) >>> 24));
  const z = zipSync({ "config.json": [new TextEncoder().encode('{"class_name": "Sequential", "config": {"layers": []}}'), { level: 0 }], "model.weights.h5": [weights, { level: 1 }] });
  const r = await scanBytes("big.keras", z, { hash: false });
  assert.equal(r.findings.find((y) => y.rule === "GW305"), undefined);
  assert.deepEqual(r.errors, []);
  assert.equal(r.targets[0]?.details?.["model.weights.h5:unsupported"], true, "inflated and sniffed: random bytes are no known format");
});

test("a SavedModel folder inside a zip or a tar.gz reaches the SavedModel handler, with the same findings as on disk", async () => {
  const { readdirSync, readFileSync } = await import("node:fs");
  const { gzipSync } = await import("fflate");
  const { scanTree } = await import("../../src/scanner.js");
  const { MemoryTree } = await import("../../src/core/fs.js");
  const { MemorySource } = await import("../../src/core/bytes.js");
  const root = new URL("../../fixtures/tf/py_function/", import.meta.url);
  const { relative, join } = await import("node:path");
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root.pathname, join(e.parentPath, e.name)));
  const read = (f: string) => new Uint8Array(readFileSync(new URL(f, root)));
  const onDisk = await scanTree(new MemoryTree(files.map((f) => [`m/${f}`, new MemorySource(f, read(f))])), "m", "m", { hash: false });
  const key = (r: { findings: { rule: string; severity: string; location: { pointer?: string } }[] }) => r.findings.map((f) => `${f.rule} ${f.severity} ${f.location.pointer ?? ""}`).sort();
  assert.ok(onDisk.findings.some((f) => f.severity === "critical"), "the fixture is a PyFunc SavedModel");
  const zipped = await scanBytes("m.zip", makeZip(files.map((f) => ({ name: `model/${f}`, data: read(f) }))), { hash: false });
  assert.deepEqual(key(zipped), key(onDisk));
  assert.equal(zipped.targets[0]?.details?.["model/:format"], "savedmodel");
  const tgz = await scanBytes("m.tar.gz", gzipSync(makeTar(files.map((f) => [`./${f}`, read(f)]))), { hash: false });
  assert.deepEqual(key(tgz), key(onDisk));
  assert.deepEqual(tgz.errors, []);
});

test(".tar.gz is streamed: weights shards above the keep cap are listed (GW305), any other member above it makes the scan incomplete; none is held in memory", async () => {
  const { gzipSync } = await import("fflate");
  const enc = new TextEncoder();
  let x = 7;
  const big = new Uint8Array(300_000).map(() => ((x = (x * 1103515245 + 12345) >>> 0) >>> 24));
  const shard = "m/variables/variables.data-00000-of-00001";
  const tgz = gzipSync(makeTar([["m/config.json", enc.encode('{"class_name": "Sequential", "config": {"layers": []}}')], [shard, big], ["../escape", enc.encode("x")]]));
  const r = await scanBytes("m.tar.gz", tgz, { hash: false, limits: { maxMetadataBytes: 100_000 } });
  assert.deepEqual(r.errors, []);
  assert.equal(r.findings.find((f) => f.rule === "GW305")?.location.member, "m.tar");
  assert.match(r.findings.find((f) => f.rule === "GW305")?.message ?? "", /variables\.data-00000-of-00001/);
  // a member that is not a weights shard may be a model: not read, so the scan is incomplete
  const other = await scanBytes("m.tar.gz", gzipSync(makeTar([["m/weights.bin", big]])), { hash: false, limits: { maxMetadataBytes: 100_000 } });
  assert.match(other.errors.map((e) => e.message).join(" "), /m\/weights\.bin.*was not scanned/);
  assert.equal(other.targets[0]?.status, "error");
  assert.equal(r.findings.find((f) => f.rule === "GW302")?.evidence, "../escape");
  assert.equal(r.targets[0]?.details?.["m.tar!m/config.json:format"], "json");
  const cut = await scanBytes("m.tar.gz", tgz.subarray(0, tgz.length >> 1), { hash: false });
  assert.equal(cut.targets[0]?.status, "error");
});

test("nested archives share one inflate budget per target", async () => {
  const { zipSync } = await import("fflate");
  let x = 99;
  const xorshift = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x >>> 0);
  const noise = new Uint8Array(3 << 20).map(() => 97 + (xorshift() % 26));
  const inner = zipSync({ "notes.txt": [noise, { level: 1 }] });
  const outer = zipSync({ "inner.zip": [inner, { level: 1 }] });
  const ok = await scanBytes("outer.zip", outer, { hash: false, limits: { maxInflateTotal: 8 << 20 } });
  assert.deepEqual(ok.errors, []);
  const over = await scanBytes("outer.zip", outer, { hash: false, limits: { maxInflateTotal: 4 << 20 } });
  assert.ok(over.findings.some((f) => f.rule === "GW303" && f.location.member === "inner.zip"), JSON.stringify(over.findings.map((f) => [f.rule, f.location.member])));
  assert.equal(over.targets[0]?.status, "error");
});

test("a Keras archive is recognised even when its directory does not fit the sniffed tail, or uses zip64 records", async () => {
  const cfg = '{"class_name": "Sequential", "config": {"layers": []}}';
  const many = makeZip([{ name: "config.json", data: cfg }, ...Array.from({ length: 3000 }, (_, i) => ({ name: `assets/vocab_${String(i).padStart(5, "0")}.txt`, data: "a" }))]);
  const r = await scanBytes("big.keras", many, { hash: false });
  assert.equal(r.targets[0]?.format, "keras-v3");
  assert.equal(r.targets[0]?.details?.["assets"], 3000);
  const { namesFromTail } = await import("../../src/formats/archive/zip.js");
  assert.deepEqual(namesFromTail(fixture("zip64.zip")), ["a.json", "b.json"]);
});
