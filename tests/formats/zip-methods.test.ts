// bzip2 (12) and LZMA (14) zip members read as Python's zipfile reads them: every vector is an
// archive written (and some then damaged) by CPython's zipfile, with what zipfile.read() returned
// (tools/gen-zip-method-vectors.py). Same bytes where Python reads the member, an error where it raises.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { MemorySource } from "../../src/core/bytes.js";
import { InflateBudget } from "../../src/formats/archive/inflate.js";
import { memberSource, openZip, readLocalHeader } from "../../src/formats/archive/zip.js";

interface Vector {
  label: string;
  b64: string;
  sha256?: string;
  size?: number;
  error?: string;
}
const doc = JSON.parse(readFileSync(new URL("./vectors/zip-methods.json", import.meta.url), "utf8")) as { vectors: Vector[] };

async function ours(raw: Uint8Array): Promise<{ sha256: string; size: number } | { error: string }> {
  try {
    const src = new MemorySource("t.zip", raw);
    const z = await openZip(src, 10);
    const e = z.byName.get("m.bin")!;
    const m = await memberSource(src, e, await readLocalHeader(src, e), new InflateBudget(1e9, 1e6));
    const data = await m.read(0, m.size);
    return { sha256: createHash("sha256").update(data).digest("hex"), size: data.length };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

test("every CPython zipfile bzip2/LZMA vector: same member bytes, or an error where zipfile raises", async () => {
  const disagree: string[] = [];
  let read = 0;
  for (const v of doc.vectors) {
    const r = await ours(Uint8Array.from(Buffer.from(v.b64, "base64")));
    if (v.error) {
      if (!("error" in r)) disagree.push(`${v.label}: zipfile raises ${v.error}, we read ${r.size} bytes`);
    } else if ("error" in r) disagree.push(`${v.label}: zipfile reads ${v.size} bytes, we fail: ${r.error}`);
    else if (r.sha256 !== v.sha256) disagree.push(`${v.label}: different bytes (${r.size} vs ${v.size})`);
    else read++;
  }
  assert.deepEqual(disagree, []);
  assert.ok(read >= 30 && doc.vectors.length >= 60, `${read} of ${doc.vectors.length} read`);
});

test("a bzip2 member inflating past the archive budget is a bomb, not a read", async () => {
  const v = doc.vectors.find((x) => x.label === "runs-2m bzip2-9 as written")!;
  const raw = Uint8Array.from(Buffer.from(v.b64, "base64"));
  const src = new MemorySource("t.zip", raw);
  const z = await openZip(src, 10);
  const e = z.byName.get("m.bin")!;
  await assert.rejects(memberSource(src, e, await readLocalHeader(src, e), new InflateBudget(1024 * 1024, 1e6)), /limit/);
});

test("the bzip2 and LZMA decoders run in a browser-like global scope (no Node Buffer, no require)", async () => {
  const { build } = await import("esbuild");
  const { runInNewContext } = await import("node:vm");
  const root = new URL("../../", import.meta.url).pathname;
  const r = await build({
    stdin: { contents: 'export { MemorySource } from "./src/core/bytes.ts"; export { InflateBudget } from "./src/formats/archive/inflate.ts"; export { memberSource, openZip, readLocalHeader } from "./src/formats/archive/zip.ts";', resolveDir: root, loader: "ts" },
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "GW",
    write: false,
    logLevel: "silent",
  });
  const sandbox: Record<string, unknown> = { TextDecoder, TextEncoder, Uint8Array, console };
  runInNewContext(r.outputFiles[0]!.text, sandbox);
  const GW = sandbox["GW"] as { MemorySource: typeof MemorySource; InflateBudget: typeof InflateBudget; memberSource: typeof memberSource; openZip: typeof openZip; readLocalHeader: typeof readLocalHeader };
  for (const label of ["json bzip2-9 as written", "json lzma as written", "runs-2m bzip2-1 as written"]) {
    const v = doc.vectors.find((x) => x.label === label)!;
    const src = new GW.MemorySource("t.zip", Uint8Array.from(Buffer.from(v.b64, "base64")));
    const z = await GW.openZip(src, 10);
    const e = z.byName.get("m.bin")!;
    const m = await GW.memberSource(src, e, await GW.readLocalHeader(src, e), new GW.InflateBudget(1e9, 1e6));
    const data = await m.read(0, m.size);
    assert.equal(createHash("sha256").update(data).digest("hex"), v.sha256, label);
  }
});
