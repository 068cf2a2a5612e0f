// Lambda bytecode engine benchmark (not a test).
//   npx tsx bench/bytecode.ts             throughput: code objects/s through reader, disassembler, evaluator
//   npx tsx bench/bytecode.ts --full      + whole-stdlib dis conformance per version, from .cache/conformance
//                                         (made by: node tools/fixtures/gen_lambda_vectors.mjs full .cache/conformance)
// Figures are printed with a baseline measured in the same run (base64 decode + a byte scan of the
// same payloads), so they compare across machines as ratios.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { gunzipSync } from "fflate";
import { readCodeCandidates } from "../src/python/marshal.js";
import { codeTree, disassemble } from "../src/python/disasm.js";
import { evaluate } from "../src/python/evaluate.js";
import { analyzeLambda, inferVersions } from "../src/python/lambda.js";
import { opcodeTable, PY_VERSIONS, type PyVersion } from "../src/python/opcodes/index.js";
import { compareFile, LAYOUT_OF, type DumpFile } from "../tests/python/conformance-helpers.js";

const root = new URL("../", import.meta.url);

function samples(): { version: PyVersion; b64: string }[] {
  const out: { version: PyVersion; b64: string }[] = [];
  for (const v of PY_VERSIONS) {
    const text = new TextDecoder().decode(gunzipSync(readFileSync(new URL(`fixtures/lambda/conformance/${v}.jsonl.gz`, root))));
    for (const l of text.trim().split("\n")) out.push({ version: v, b64: (JSON.parse(l) as DumpFile).marshal });
  }
  return out;
}

function time(fn: () => number, reps: number): { ms: number; units: number } {
  let units = 0;
  const t = performance.now();
  for (let i = 0; i < reps; i++) units += fn();
  return { ms: performance.now() - t, units };
}

const items = samples();
const bytes = items.map((x) => ({ version: x.version, b: Uint8Array.from(Buffer.from(x.b64, "base64")) }));
const reps = 3;

const baseline = time(() => {
  let s = 0;
  for (const x of items) {
    const b = Buffer.from(x.b64, "base64");
    for (const y of b) s = (s + y) | 0;
  }
  return s === 42 ? 1 : 0;
}, reps);

const reader = time(() => {
  let n = 0;
  for (const x of bytes) for (const c of readCodeCandidates(x.b).candidates) if (c.layout === LAYOUT_OF[x.version]) n += codeTree(c.code).length;
  return n;
}, reps);

const trees = bytes.map((x) => ({ version: x.version, codes: codeTree(readCodeCandidates(x.b).candidates.find((c) => c.layout === LAYOUT_OF[x.version])!.code) }));
const dis = time(() => {
  let n = 0;
  for (const t of trees) {
    const tab = opcodeTable(t.version);
    for (const c of t.codes) n += disassemble(c, tab).instructions.length > 0 ? 1 : 0;
  }
  return n;
}, reps);

const ev = time(() => {
  let n = 0;
  for (const t of trees) {
    evaluate(t.codes, { table: opcodeTable(t.version), bindings: new Map(), closure: new Map() });
    n += t.codes.length;
  }
  return n;
}, reps);

const lambdas = PY_VERSIONS.flatMap((v) => (JSON.parse(readFileSync(new URL(`fixtures/lambda/labelled/${v}.json`, root), "utf8")) as { cases: { code: string; module?: string; defaults?: unknown }[] }).cases);
const full = time(() => {
  for (const c of lambdas) analyzeLambda({ form: "keras2-list", code: c.code, module: c.module, defaults: c.defaults, field: "function" });
  return lambdas.length;
}, reps);

const codeObjects = reader.units;
const rate = (u: number, ms: number) => Math.round((u / ms) * 1000);
console.log(`payloads: ${items.length} stdlib modules (${codeObjects / reps} code objects) over CPython ${PY_VERSIONS.join(", ")}; ${reps} reps`);
console.log(`baseline (base64 + byte scan): ${baseline.ms.toFixed(1)} ms`);
console.log(`marshal reader (all layouts tried): ${rate(codeObjects, reader.ms)} code objects/s, ${(reader.ms / baseline.ms).toFixed(1)}x baseline`);
console.log(`disassembler: ${rate(dis.units, dis.ms)} code objects/s, ${(dis.ms / baseline.ms).toFixed(1)}x baseline`);
console.log(`evaluator: ${rate(ev.units, ev.ms)} code objects/s, ${(ev.ms / baseline.ms).toFixed(1)}x baseline`);
console.log(`analyzeLambda end to end (version inference + evaluation + verdict): ${rate(full.units, full.ms)} Lambdas/s over ${lambdas.length} labelled payloads`);

if (process.argv.includes("--full")) {
  const dir = new URL(".cache/conformance/", root);
  if (!existsSync(dir)) {
    console.log("no .cache/conformance: run node tools/fixtures/gen_lambda_vectors.mjs full .cache/conformance");
    process.exit(0);
  }
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".jsonl")).sort((a, b) => Number(a.split(".")[1]) - Number(b.split(".")[1]))) {
    const v = f.replace(/\.jsonl$/, "") as PyVersion;
    const t = performance.now();
    let files = 0;
    let fitsTrue = 0;
    let exact = 0;
    let fitSum = 0;
    let codes = 0;
    let ins = 0;
    const bad: string[] = [];
    const text = readFileSync(new URL(f, dir), "utf8");
    for (const line of text.split("\n")) {
      if (!line) continue;
      const df = JSON.parse(line) as DumpFile;
      const r = compareFile(v, df, 50);
      const inferred = inferVersions(Uint8Array.from(Buffer.from(df.marshal, "base64")));
      if (inferred.includes(v)) fitsTrue++;
      if (inferred.length === 1 && inferred[0] === v) exact++;
      fitSum += inferred.length;
      files++;
      codes += r.codes;
      ins += r.instructions;
      for (const m of r.mismatches) bad.push(`${m.file}:${m.code}@${m.offset}: ours ${m.ours} | dis ${m.theirs}`);
    }
    console.log(`conformance ${v}: ${files} stdlib files, ${codes} code objects, ${ins} instructions, ${bad.length} mismatches, ${(performance.now() - t).toFixed(0)} ms; version inference: true version among the fits for ${fitsTrue}/${files}, the only fit for ${exact}, ${(fitSum / files).toFixed(2)} fits on average`);
    for (const b of bad.slice(0, 15)) console.log(`  ${b.slice(0, 300)}`);
  }
}
