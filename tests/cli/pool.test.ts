// The worker pool: byte-identical reports for any --jobs, per-target budgets that bind (a hung or
// memory-hungry target is stopped, the rest of the run is unharmed), the hashing policy.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const main = new URL("../../src/cli/main.ts", import.meta.url).pathname;
const root = new URL("../../", import.meta.url).pathname;

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", main, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Rep {
  targets: { path: string; status: string; sha256?: string | null; details?: Record<string, unknown> }[];
  findings: { rule: string; severity: string; message: string; location: { path: string } }[];
}

// A folder with many kinds of targets: examples, Keras fixtures, a SavedModel folder, unsupported files.
const folder = mkdtempSync(join(tmpdir(), "gw-pool-"));
for (const f of readdirSync(join(root, "examples"))) copyFileSync(join(root, "examples", f), join(folder, f));
mkdirSync(join(folder, "keras"));
for (const f of readdirSync(join(root, "fixtures/keras")).filter((x) => /\.(keras|h5|json|yaml)$/.test(x)).slice(0, 30)) copyFileSync(join(root, "fixtures/keras", f), join(folder, "keras", f));

test("the JSON report is byte-identical whatever the job count", () => {
  const one = run(["scan", folder, "-f", "json", "--jobs", "1"]);
  const three = run(["scan", folder, "-f", "json", "--jobs", "3"]);
  const dflt = run(["scan", folder, "-f", "json"]);
  assert.equal(one.code, 1, one.err);
  assert.ok((JSON.parse(one.out) as Rep).targets.length > 30);
  assert.equal(three.out, one.out);
  assert.equal(dflt.out, one.out);
  assert.equal(three.code, one.code);
  // No progress line outside a terminal.
  assert.equal(dflt.err, "");
});

test("a target that hangs in synchronous code is stopped at its deadline: GW001 for it, exit 2, the rest scanned", () => {
  const r = run(["scan", folder, "-f", "json", "--timeout", "1", "--jobs", "2"], { GRAPHWARDEN_FAULT: "hang:custom-layer.keras" });
  assert.equal(r.code, 2, r.err);
  const rep = JSON.parse(r.out) as Rep;
  const hung = rep.targets.find((t) => t.path.endsWith("/custom-layer.keras"));
  assert.equal(hung?.status, "error");
  assert.ok(rep.findings.some((f) => f.rule === "GW001" && f.location.path === hung?.path && /exceeded 1 s/.test(f.message)));
  // Everything else got its verdict.
  assert.ok(rep.findings.some((f) => f.severity === "critical" && f.location.path.endsWith("/malicious-lambda.keras")));
  assert.equal(rep.targets.filter((t) => t.status === "error").length, 1 + (JSON.parse(run(["scan", folder, "-f", "json"]).out) as Rep).targets.filter((t) => t.status === "error").length);
});

test("a SavedModel folder stopped at its deadline is one error target; its files are not then scanned one by one", () => {
  const d = mkdtempSync(join(tmpdir(), "gw-pool-sm-"));
  const sm = join(d, "sm");
  mkdirSync(sm);
  for (const f of readdirSync(join(root, "fixtures/tf/module_benign"), { withFileTypes: true })) if (f.isFile()) copyFileSync(join(root, "fixtures/tf/module_benign", f.name), join(sm, f.name));
  copyFileSync(join(root, "examples/malicious-lambda.keras"), join(d, "evil.keras"));
  const normal = JSON.parse(run(["scan", d, "-f", "json"]).out) as Rep;
  assert.equal(normal.targets.find((t) => t.path === sm)?.status, "scanned");
  const r = run(["scan", d, "-f", "json", "--timeout", "1"], { GRAPHWARDEN_FAULT: "hang:sm" });
  assert.equal(r.code, 2, r.err);
  const rep = JSON.parse(r.out) as Rep;
  assert.deepEqual(
    rep.targets.map((t) => [t.path, t.status]),
    [
      [join(d, "evil.keras"), "scanned"],
      [sm, "error"],
    ],
  );
});

test("a target over the memory cap is stopped: GW001 for it, exit 2, the rest scanned", () => {
  const r = run(["scan", folder, "-f", "json", "--max-memory-mb", "64", "--jobs", "1"], { GRAPHWARDEN_FAULT: "oom:benign-classifier.keras" });
  assert.equal(r.code, 2, r.err);
  const rep = JSON.parse(r.out) as Rep;
  const hog = rep.targets.find((t) => t.path.endsWith("/benign-classifier.keras"));
  assert.equal(hog?.status, "error");
  assert.ok(rep.findings.some((f) => f.rule === "GW001" && f.location.path === hog?.path && /64 MiB memory cap/.test(f.message)));
  assert.ok(rep.findings.some((f) => f.severity === "critical" && f.location.path.endsWith("/malicious-lambda.keras")));
});

test("hashing: files up to 16 MiB by default; larger ones get sha256 null with the reason; --hash hashes all", () => {
  const d = mkdtempSync(join(tmpdir(), "gw-hash-"));
  const big = Buffer.alloc(17 * 1024 * 1024, 7);
  writeFileSync(join(d, "big.bin"), big);
  copyFileSync(join(root, "examples/benign-classifier.keras"), join(d, "small.keras"));
  const rep = JSON.parse(run(["scan", d, "-f", "json"]).out) as Rep;
  const bigT = rep.targets.find((t) => t.path.endsWith("big.bin"));
  assert.equal(bigT?.sha256, null);
  assert.match(String(bigT?.details?.["sha256_skipped"]), /above the 16777216-byte hashing cap/);
  assert.equal(rep.targets.find((t) => t.path.endsWith("small.keras"))?.sha256, createHash("sha256").update(readFileSync(join(d, "small.keras"))).digest("hex"));
  const forced = JSON.parse(run(["scan", d, "-f", "json", "--hash"]).out) as Rep;
  assert.equal(forced.targets.find((t) => t.path.endsWith("big.bin"))?.sha256, createHash("sha256").update(big).digest("hex"));
});
