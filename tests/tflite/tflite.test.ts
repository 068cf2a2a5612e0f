// TFLite: structure read from real converter output, Flex ops decoded and judged by the embedded
// TensorFlow op, custom ops reported low, and hostile flatbuffers failing closed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readTflite, BUILTIN_CUSTOM, decodeStringTensor } from "../../src/formats/tflite.js";
import { decodeFlexOpOptions, FlexReader, FBT } from "../../src/formats/flexbuffer.js";
import { decodeNodeDef } from "../../src/tf/proto.js";
import { scanBytes } from "../../src/scanner.js";
import { exitCode } from "../../src/report/summary.js";
import { severityRank, type Report } from "../../src/core/types.js";
import { FormatError, LimitError } from "../../src/core/bytes.js";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/tflite/${name}`, import.meta.url)));
const td = new TextDecoder();
const loud = (r: Report) => r.findings.filter((f) => severityRank(f.severity) > severityRank("low"));

test("benign converter output: builtin operators only, metadata read", () => {
  const m = readTflite(fixture("benign.tflite"));
  assert.equal(m.schemaVersion, 3);
  assert.equal(m.description, "MLIR Converted.");
  assert.equal(m.subgraphs.length, 1);
  assert.equal(m.subgraphs[0]!.operators.length, 2);
  assert.ok(m.operatorCodes.every((c) => c.builtinCode !== BUILTIN_CUSTOM && c.customCode === undefined));
  assert.equal(m.operatorCodes[0]!.builtinCode, 9); // FULLY_CONNECTED
  assert.equal(m.minRuntimeVersion, "1.5.0");
  assert.ok(m.metadata.some((x) => x.name === "CONVERSION_METADATA"));
});

test("Flex custom options decode to [op name, NodeDef]", () => {
  const m = readTflite(fixture("flex-readfile.tflite"));
  const codes = m.operatorCodes.map((c) => c.customCode);
  assert.deepEqual([...codes].sort(), ["FlexReadFile", "FlexStringJoin"]);
  const op = m.subgraphs[0]!.operators.find((o) => m.operatorCodes[o.opcodeIndex]!.customCode === "FlexReadFile")!;
  assert.equal(op.customOptionsSource, "inline");
  const d = decodeFlexOpOptions(op.customOptions!);
  assert.equal(td.decode(d.opName), "ReadFile");
  const node = decodeNodeDef(d.nodeDef.slice());
  assert.equal(node.op, "ReadFile");
  // The path is a constant TFLite string tensor: the operator's first input.
  assert.deepEqual(m.constantStrings(0, op.inputs[0]!), ["/etc/passwd"]);
});

test("large custom options (outside the flatbuffer) are read at their offset", () => {
  const m = readTflite(fixture("flex-large-options.tflite"));
  const op = m.subgraphs[0]!.operators.find((o) => m.operatorCodes[o.opcodeIndex]!.customCode === "FlexReadFile")!;
  assert.equal(op.customOptionsSource, "large");
  assert.equal(td.decode(decodeFlexOpOptions(op.customOptions!).opName), "ReadFile");
});

test("verdict: Flex ReadFile of /etc/passwd is high file-read with the path as evidence", async () => {
  for (const name of ["flex-readfile.tflite", "flex-large-options.tflite"]) {
    const r = await scanBytes(name, fixture(name));
    assert.equal(r.targets[0]!.format, "tflite");
    const f = r.findings.find((x) => x.rule === "GW502");
    assert.ok(f, `${name}: ${JSON.stringify(r.findings)}`);
    assert.equal(f.severity, "high");
    assert.equal(f.trigger, "inference");
    assert.ok(f.capabilities.includes("file-read"));
    assert.equal(f.evidence, 'ReadFile("/etc/passwd")');
    assert.match(f.location.pointer ?? "", /^subgraphs\[0\]\/operators\[\d+\]/);
    assert.equal(exitCode(r, "medium"), 1);
  }
});

test("verdict: Flex WriteFile is high file-write naming the target path", async () => {
  const r = await scanBytes("w.tflite", fixture("flex-writefile.tflite"));
  const f = r.findings.find((x) => x.rule === "GW503");
  assert.ok(f, JSON.stringify(r.findings));
  assert.equal(f.severity, "high");
  assert.ok(f.capabilities.includes("file-write"));
  assert.match(f.evidence ?? "", /graphwarden-canary\/tflite-flex-write\.txt/);
});

test("benign twins stay quiet: builtin model and a harmless Flex op", async () => {
  for (const name of ["benign.tflite", "flex-benign.tflite"]) {
    const r = await scanBytes(name, fixture(name));
    assert.equal(r.targets[0]!.status, "scanned");
    assert.deepEqual(loud(r), [], name);
    assert.deepEqual(r.errors, []);
    assert.equal(exitCode(r, "low"), 0);
  }
  const r = await scanBytes("f.tflite", fixture("flex-benign.tflite"));
  assert.equal(r.targets[0]!.details?.["tflite_flex_operators"], 1);
});

test("a Flex op whose flexbuffer names another op is judged by the op that runs, and flagged", async () => {
  const r = await scanBytes("d.tflite", fixture("flex-disguised.tflite"));
  const w = r.findings.find((x) => x.rule === "GW503");
  assert.ok(w, "the disguised WriteFile was not judged");
  assert.match(w.message, /WriteFile/);
  const mm = r.findings.find((x) => x.rule === "GW602");
  assert.ok(mm);
  assert.equal(mm.severity, "medium");
  assert.match(mm.evidence ?? "", /op_name="WriteFile" node_def.op="StringJoin"/);
  // The twin, written by the converter, has consistent names.
  const b = await scanBytes("b.tflite", fixture("flex-benign.tflite"));
  assert.equal(b.findings.filter((x) => x.rule === "GW602").length, 0);
});

test("a non-Flex custom operator is low: needs a custom kernel", async () => {
  const r = await scanBytes("c.tflite", fixture("custom-op.tflite"));
  const f = r.findings.filter((x) => x.rule === "GW601");
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, "low");
  assert.match(f[0]!.message, /MyVendorFastGelu/);
  assert.deepEqual(loud(r), []);
});

// ---- hostile input ----

async function assertFailsClosed(name: string, bytes: Uint8Array): Promise<Report> {
  const r = await scanBytes(name, bytes);
  assert.equal(r.targets[0]!.status, "error", `${name}: ${JSON.stringify(r.targets[0])}`);
  assert.equal(exitCode(r, "critical"), 2);
  return r;
}

test("truncated flatbuffers are errors, never clean", async () => {
  const full = fixture("flex-readfile.tflite");
  for (const n of [8, 12, 40, 100, 300, 600, full.length - 200]) {
    const r = await assertFailsClosed(`t${n}.tflite`, full.slice(0, n));
    assert.match(r.errors[0]!.message, /outside|overruns|too short|beyond/);
  }
});

test("root offset outside the file is an error", async () => {
  const b = fixture("benign.tflite").slice();
  new DataView(b.buffer).setUint32(0, 0x7fff_fff0, true);
  const r = await assertFailsClosed("root.tflite", b);
  assert.match(r.errors[0]!.message, /outside/);
});

test("a vector claiming 2^31 elements is an error, not an allocation", async () => {
  // Find the operator_codes vector through the reader's own view and inflate its length.
  const b = fixture("benign.tflite").slice();
  const dv = new DataView(b.buffer);
  const root = dv.getUint32(0, true);
  const vt = root - dv.getInt32(root, true);
  const fieldOff = dv.getUint16(vt + 4 + 2 * 1, true); // Model.operator_codes
  const at = root + fieldOff;
  const vec = at + dv.getUint32(at, true);
  dv.setUint32(vec, 0x7fff_ffff, true);
  const r = await assertFailsClosed("huge.tflite", b);
  assert.match(r.errors[0]!.message, /vector|entries|limit/);
});

test("large custom options pointing past the end of the file are an error", async () => {
  const b = fixture("flex-large-options.tflite");
  const cut = b.slice(0, b.length - 10);
  const r = await assertFailsClosed("cut.tflite", cut);
  assert.match(r.errors[0]!.message, /large custom options/);
});

test("random corruption never crashes or hangs: each result is scanned or error", async () => {
  const base = fixture("flex-readfile.tflite");
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let errors = 0;
  for (let i = 0; i < 300; i++) {
    const b = base.slice();
    const flips = 1 + Math.floor(rnd() * 4);
    for (let k = 0; k < flips; k++) b[8 + Math.floor(rnd() * (b.length - 8))] = Math.floor(rnd() * 256);
    const r = await scanBytes("fuzz.tflite", b);
    const t = r.targets[0]!;
    assert.ok(t.status === "scanned" || t.status === "error", t.status);
    if (t.status === "error") errors++;
  }
  assert.ok(errors > 0);
});

test("flexbuffer reader: bounds and shapes", () => {
  assert.throws(() => decodeFlexOpOptions(new Uint8Array([1, 2])), FormatError);
  // Root byte width 3 is not a width.
  assert.throws(() => decodeFlexOpOptions(new Uint8Array([0, 0, 0x28, 3])), FormatError);
  // Root vector whose offset points before the start.
  assert.throws(() => decodeFlexOpOptions(new Uint8Array([0x40, 0x28, 1])), FormatError);
  // A root that is an int, not a vector.
  assert.throws(() => decodeFlexOpOptions(new Uint8Array([7, FBT.INT << 2, 1])), /not a vector/);
  // A vector of one element.
  const one = new Uint8Array([1, 0x61, 0, 1, 3, FBT.STRING << 2, 2, FBT.VECTOR << 2, 1]);
  assert.throws(() => decodeFlexOpOptions(one), /1 element/);
  // Vector length 2^32-1 at width 4.
  const big = new Uint8Array([0xff, 0xff, 0xff, 0xff, 4, (FBT.VECTOR << 2) | 2, 4]);
  assert.throws(() => new FlexReader(big).length(new FlexReader(big).root()), (e) => e instanceof LimitError || e instanceof FormatError);
});

test("TFLite string tensors decode; malformed offsets stop the decoding", () => {
  const ok = new Uint8Array([2, 0, 0, 0, 16, 0, 0, 0, 18, 0, 0, 0, 21, 0, 0, 0, 0x61, 0x62, 0x63, 0x64, 0x65]);
  assert.deepEqual(decodeStringTensor(ok), ["ab", "cde"]);
  const bad = ok.slice();
  bad[8] = 200;
  assert.deepEqual(decodeStringTensor(bad), []);
  assert.deepEqual(decodeStringTensor(new Uint8Array([0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0])), []);
});

test("models above the metadata limit: the front is read, large options fetched from the file", async () => {
  const b = fixture("flex-large-options.tflite");
  const r = await scanBytes("big.tflite", b, { limits: { maxMetadataBytes: b.length - 20 } });
  assert.equal(r.targets[0]!.status, "scanned", JSON.stringify(r.errors));
  assert.equal(r.targets[0]!.details?.["tflite_bytes_read"], b.length - 20);
  assert.ok(r.findings.some((f) => f.rule === "GW502" && f.evidence === 'ReadFile("/etc/passwd")'));
  // A limit so small that the tables lie beyond it: a clear limit error, not "clean".
  const small = await scanBytes("big.tflite", b, { limits: { maxMetadataBytes: 64 } });
  assert.equal(small.targets[0]!.status, "error");
  assert.match(small.errors[0]!.message, /beyond the first 64 bytes/);
});
