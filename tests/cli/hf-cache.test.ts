// A Hugging Face hub cache laid out as huggingface_hub writes it (built here from examples/):
// models--org--name/{refs/main, snapshots/<rev>/<file> -> ../../blobs/<sha256>, blobs/<sha256>}.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const main = new URL("../../src/cli/main.ts", import.meta.url).pathname;
const examples = resolve(new URL("../../examples", import.meta.url).pathname);

interface Rep {
  targets: { path: string; status: string; format: string; details?: Record<string, unknown>; aliases?: string[] }[];
  findings: { rule: string; severity: string; location: { path: string } }[];
}

/** Adds one file to a cached repo revision the way huggingface_hub does (blob by content hash, snapshot link). */
function cacheFile(repoDir: string, rev: string, name: string, from: string): string {
  const data = readFileSync(from);
  const sha = createHash("sha256").update(data).digest("hex");
  mkdirSync(join(repoDir, "blobs"), { recursive: true });
  mkdirSync(join(repoDir, "snapshots", rev), { recursive: true });
  copyFileSync(from, join(repoDir, "blobs", sha));
  const depth = name.split("/").length;
  if (depth > 1) mkdirSync(join(repoDir, "snapshots", rev, ...name.split("/").slice(0, -1)), { recursive: true });
  symlinkSync(`${"../".repeat(depth + 1)}blobs/${sha}`, join(repoDir, "snapshots", rev, name));
  return join(repoDir, "blobs", sha);
}

test("a hub cache is reported by repository, revision and file; each blob scanned once", () => {
  const hub = join(mkdtempSync(join(tmpdir(), "gw-hf-")), "hub");
  const net = join(hub, "models--acme--net");
  const rev1 = "0123abcd".padEnd(40, "0");
  const rev2 = "fedcba98".padEnd(40, "1");
  const blob = cacheFile(net, rev1, "model.keras", join(examples, "malicious-lambda.keras"));
  cacheFile(net, rev2, "model.keras", join(examples, "malicious-lambda.keras"));
  cacheFile(net, rev2, "sub/extra.h5", join(examples, "benign-preprocess-lambda.h5"));
  mkdirSync(join(net, "refs"), { recursive: true });
  writeFileSync(join(net, "refs", "main"), rev2);
  const clean = join(hub, "models--acme--clean");
  const rev3 = "5555aaaa".padEnd(40, "2");
  cacheFile(clean, rev3, "model.keras", join(examples, "benign-classifier.keras"));
  // A blob no snapshot points at still holds bytes: it is scanned under its own path.
  const orphan = join(clean, "blobs", "deadbeef");
  copyFileSync(join(examples, "malicious-module-swap.keras"), orphan);

  const r = spawnSync(process.execPath, ["--import", "tsx", main, "scan", "-f", "json", hub], { encoding: "utf8" });
  assert.equal(r.status, 1, r.stderr);
  const rep = JSON.parse(r.stdout) as Rep;
  const paths = rep.targets.map((t) => t.path);
  assert.deepEqual(paths, [
    "acme/clean@5555aaaa: model.keras",
    orphan,
    "acme/net@0123abcd: model.keras",
    "acme/net@fedcba98: sub/extra.h5",
  ]);
  const net1 = rep.targets[2]!;
  assert.equal(net1.status, "scanned");
  assert.equal(net1.details?.["hf_repo"], "acme/net");
  assert.equal(net1.details?.["hf_revision"], rev1);
  assert.equal(net1.details?.["link_target"], blob);
  assert.deepEqual(net1.aliases, ["acme/net@fedcba98: model.keras", blob]);
  assert.equal(rep.targets[3]?.details?.["hf_refs"], "main");
  const crit = rep.findings.filter((f) => f.severity === "critical").map((f) => f.location.path);
  assert.ok(crit.includes("acme/net@0123abcd: model.keras"));
  assert.ok(crit.includes(orphan));
  assert.ok(!rep.findings.some((f) => f.location.path === "acme/clean@5555aaaa: model.keras" && f.severity !== "info"));

  // One cached repository on its own reads the same.
  const one = spawnSync(process.execPath, ["--import", "tsx", main, "scan", "-f", "json", net], { encoding: "utf8" });
  assert.deepEqual((JSON.parse(one.stdout) as Rep).targets.map((t) => t.path), ["acme/net@0123abcd: model.keras", "acme/net@fedcba98: sub/extra.h5"]);
});
