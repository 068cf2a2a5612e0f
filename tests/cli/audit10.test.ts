// Gaps an audit of the fail-closed surface found (tools/fixtures/audit10/README.md; builders there), each rebuilt
// here in a temp dir: a FIFO or device under a name a loader opens, sibling links that reach one folder many times,
// model folders behind --exclude/--include, a bad first gzip member and a valid multi-member gzip, a report that
// cannot be written, files named as models that no reader recognises.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { randomBytes } from "node:crypto";
import { strToU8, unzipSync, zipSync } from "fflate";

const main = new URL("../../src/cli/main.ts", import.meta.url).pathname;
const examples = resolve(new URL("../../examples", import.meta.url).pathname);
const evil = join(examples, "malicious-lambda.keras");
const benign = join(examples, "benign-classifier.keras");

interface Rep {
  targets: { path: string; status: string; format: string }[];
  findings: { rule: string; severity: string; location: { path: string } }[];
}

function run(...args: string[]): { code: number | null; rep: Rep; out: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", main, "scan", "-f", "json", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 120_000 });
  let rep: Rep = { targets: [], findings: [] };
  try {
    rep = JSON.parse(r.stdout) as Rep;
  } catch {
    assert.fail(`no JSON report (exit ${r.status}): ${r.stderr}`);
  }
  return { code: r.status, rep, out: r.stdout };
}

const tmp = (name: string) => {
  const d = join(mkdtempSync(join(tmpdir(), "gw-audit10-")), name);
  mkdirSync(d, { recursive: true });
  return d;
};

test("A: a FIFO named as a model file (saved_model.pb, model.keras) in a folder is GW306 medium and the scan incomplete (exit 2)", (t) => {
  const d = tmp("sm");
  for (const name of ["saved_model.pb", "model.keras"]) {
    const p = join(d, name);
    if (spawnSync("mkfifo", [p]).status !== 0) return t.skip("mkfifo unavailable");
  }
  // (a benign model beside them: a folder where nothing is scanned at all is exit 2 anyway)
  copyFileSync(benign, join(d, "ok.keras"));
  const r = run(d);
  assert.equal(r.code, 2, JSON.stringify(r.rep.findings));
  assert.equal(r.rep.findings.filter((f) => f.rule === "GW306" && f.severity === "medium").length, 2);
  // twin: a FIFO under a name no loader opens stays a listed special file (exit 0)
  const o = tmp("other");
  spawnSync("mkfifo", [join(o, "events.pipe")]);
  copyFileSync(benign, join(o, "ok.keras"));
  assert.equal(run(o).code, 0);
});

test("B: sibling links to one folder (a ladder of 24 levels: 2^24 paths) are walked once each, quickly", { timeout: 120_000 }, () => {
  const root = tmp("ladder");
  const depth = 24;
  for (let i = 0; i <= depth; i++) mkdirSync(join(root, `L${i}`));
  for (let i = 0; i < depth; i++) {
    symlinkSync(join(root, `L${i + 1}`), join(root, `L${i}`, "a"));
    symlinkSync(join(root, `L${i + 1}`), join(root, `L${i}`, "b"));
  }
  copyFileSync(evil, join(root, `L${depth}`, "model.keras"));
  const r = run(join(root, "L0"));
  assert.equal(r.code, 1);
  const scanned = r.rep.targets.filter((x) => x.status === "scanned");
  assert.equal(scanned.length, 1, "the model is scanned once");
  assert.ok(r.rep.targets.length <= 2 * depth + 2, `${r.rep.targets.length} targets`);
});

test("E and G: a Keras 3 folder and a TF.js folder are read whole under --exclude '*.json'", () => {
  const d = tmp("proj");
  const k = join(d, "mdl");
  mkdirSync(k);
  for (const [name, data] of Object.entries(unzipSync(readFileSync(evil)))) writeFileSync(join(k, name), data);
  const tfjs = new URL("../../fixtures/tfjs/graph-init-writefile", import.meta.url).pathname;
  spawnSync("cp", ["-r", tfjs, join(d, "web")]);
  copyFileSync(benign, join(d, "ok.keras"));
  const r = run(d, "--exclude", "*.json");
  assert.equal(r.code, 1);
  assert.ok(r.rep.findings.some((f) => f.rule === "GW201" && f.location.path.includes("mdl/config.json")), JSON.stringify(r.rep.findings.map((f) => `${f.rule} ${f.location.path}`)));
  assert.ok(r.rep.findings.some((f) => f.rule === "GW503" && f.location.path.includes("web")), "the TF.js graph's WriteFile");
  // twin: outside a model folder the filter still drops files
  const p = tmp("plain");
  writeFileSync(join(p, "notes.json"), '{"a": 1}');
  copyFileSync(benign, join(p, "ok.keras"));
  const q = run(p, "--exclude", "*.json");
  assert.equal(q.code, 0);
  assert.ok(!q.rep.targets.some((x) => x.path.endsWith("notes.json")));
});

test("C: every gzip member's trailer is checked: a bad first member is exit 2, two valid members exit 0", () => {
  const d = tmp("gz");
  const data = readFileSync(benign);
  const half = Math.floor(data.length / 2);
  const [a, b] = [gzipSync(data.subarray(0, half)), gzipSync(data.subarray(half))];
  writeFileSync(join(d, "two.keras.gz"), Buffer.concat([a, b]));
  assert.equal(run(join(d, "two.keras.gz")).code, 0);
  const bad = Buffer.from(a);
  bad.writeUInt32LE((bad.readUInt32LE(bad.length - 8) ^ 1) >>> 0, bad.length - 8);
  writeFileSync(join(d, "bad.keras.gz"), Buffer.concat([bad, b]));
  assert.equal(run(join(d, "bad.keras.gz")).code, 2);
});

test("F: a report that cannot be written to standard output is exit 2 with one line, no stack trace", (t) => {
  const r = spawnSync("sh", ["-c", `"${process.execPath}" --import tsx "${main}" scan "${benign}" > /dev/full`], { encoding: "utf8" });
  if (r.error) return t.skip("no sh");
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /could not write the report/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test("D: files named as models that no reader recognises are errors (exit 2); other unknown files are not", () => {
  const d = tmp("named");
  writeFileSync(join(d, "zeros.keras"), new Uint8Array(4096));
  writeFileSync(join(d, "text.h5"), "hello");
  copyFileSync(benign, join(d, "ok.keras"));
  const r = run(d);
  assert.equal(r.code, 2);
  assert.deepEqual(r.rep.targets.filter((x) => x.status === "error").map((x) => x.path.split("/").pop()).sort(), ["text.h5", "zeros.keras"]);
  const o = tmp("other");
  writeFileSync(join(o, "zeros.bin2"), new Uint8Array(4096));
  copyFileSync(benign, join(o, "ok.keras"));
  assert.equal(run(o).code, 0);
});

// A second audit (tools/fixtures/audit10b/README.md).
test("H: a folder Keras loads by its config.json alone is read whole under --exclude '*.json'", () => {
  const d = tmp("kfolder");
  const k = join(d, "mdl");
  mkdirSync(k);
  writeFileSync(join(k, "config.json"), unzipSync(readFileSync(evil))["config.json"]!);
  writeFileSync(join(k, "model.weights.npz"), "x");
  copyFileSync(benign, join(d, "ok.keras"));
  const r = run(d, "--exclude", "*.json");
  assert.equal(r.code, 1);
  assert.ok(r.rep.findings.some((f) => f.rule === "GW201"));
  // twin: a config.json that is no Keras config, in a folder of its own, is still filtered out
  const p = tmp("appcfg");
  mkdirSync(join(p, "app"));
  writeFileSync(join(p, "app", "config.json"), '{"port": 8080}');
  copyFileSync(benign, join(p, "ok.keras"));
  const q = run(p, "--exclude", "*.json");
  assert.equal(q.code, 0);
  assert.ok(!q.rep.targets.some((x) => x.path.endsWith("config.json")));
});

test("I: a folder reached by two paths that the filter keeps differently is walked by each", () => {
  const d = tmp("twopaths");
  mkdirSync(join(d, "aa", "real"), { recursive: true });
  copyFileSync(evil, join(d, "aa", "real", "evil.keras"));
  symlinkSync(join(d, "aa", "real"), join(d, "zz"));
  const r = run(d, "--include", "zz*/**");
  assert.equal(r.code, 1, JSON.stringify(r.rep.targets));
  assert.ok(r.rep.findings.some((f) => f.rule === "GW201"));
});

test("J: a config too big for the memory cap is refused before it is parsed (GW001, exit 2; no process abort)", () => {
  const d = tmp("bigcfg");
  const cfg = JSON.stringify({ class_name: "Sequential", config: { name: "m", layers: [], pad: randomBytes(6 * 1024 * 1024).toString("hex") } });
  const zipped = zipSync({ "config.json": strToU8(cfg), "metadata.json": strToU8('{"keras_version": "3.8.0"}') });
  writeFileSync(join(d, "big.keras"), zipped);
  copyFileSync(evil, join(d, "zevil.keras"));
  const r = run(d, "--max-memory-mb", "64");
  assert.equal(r.code, 2);
  assert.ok(r.rep.findings.some((f) => f.rule === "GW001" && /metadata limit/.test(JSON.stringify(f))));
  assert.ok(r.rep.findings.some((f) => f.rule === "GW201"), "the malicious model beside it is still reported");
});
