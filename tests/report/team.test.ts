// Baselines and policy through the real command line (dist/): accepted findings are dropped
// exactly, a changed file or a new finding still fails, a policy switches rules and severities,
// and nothing is ever read from the scanned tree.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(new URL("../..", import.meta.url).pathname);
const cli = join(root, "dist/cli/main.js");

function gw(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function workspace(): string {
  const d = mkdtempSync(join(tmpdir(), "gw-team-"));
  cpSync(join(root, "examples"), join(d, "models"), { recursive: true });
  return d;
}

test("baseline accepts today's findings; a changed file still fails", () => {
  const d = workspace();
  assert.equal(gw(d, "scan", "models").code, 1, "the examples fail without a baseline");
  const made = gw(d, "baseline", "models", "-o", "base.json", "--reason", "demo models");
  assert.equal(made.code, 0, made.err);
  const b = JSON.parse(readFileSync(join(d, "base.json"), "utf8")) as { entries: { sha256: string; rule: string; reason: string }[] };
  assert.ok(b.entries.some((e) => e.rule === "GW201" && /^[0-9a-f]{64}$/.test(e.sha256) && e.reason === "demo models"));
  const ok = gw(d, "scan", "models", "--baseline", "base.json");
  assert.equal(ok.code, 0, ok.out + ok.err);
  assert.match(ok.err, /accepted finding\(s\) dropped/);
  assert.doesNotMatch(ok.out, /GW201|GW101/);
  // The Lambda model is replaced by another malicious Lambda model: same name, new content, so it fails again.
  copyFileSync(join(root, "fixtures/lambda/models/keras3-lambda-os-system.keras"), join(d, "models/malicious-lambda.keras"));
  const changed = gw(d, "scan", "models", "--baseline", "base.json");
  assert.equal(changed.code, 1);
  assert.match(changed.out, /models\/malicious-lambda\.keras[\s\S]*GW201/);
  assert.doesNotMatch(changed.out, /GW101/, "the unchanged module-swap model stays accepted");
});

test("a new finding in an unchanged file is not covered by the baseline", () => {
  const d = workspace();
  writeFileSync(join(d, "off.json"), JSON.stringify({ rules: { GW201: { enabled: false } } }));
  assert.equal(gw(d, "baseline", "models/malicious-lambda.keras", "-o", "base.json", "--policy", "off.json").code, 0);
  const b = JSON.parse(readFileSync(join(d, "base.json"), "utf8")) as { entries: { rule: string }[] };
  assert.ok(!b.entries.some((e) => e.rule === "GW201"));
  const r = gw(d, "scan", "models/malicious-lambda.keras", "--baseline", "base.json");
  assert.equal(r.code, 1);
  assert.match(r.out, /CRITICAL GW201/);
});

test("a SavedModel finding is keyed by its whole folder's hash (saved_model.pb, variables, assets), not saved_model.pb's alone", () => {
  const d = mkdtempSync(join(tmpdir(), "gw-team-"));
  cpSync(join(root, "fixtures/tf/read_file_signature"), join(d, "sm"), { recursive: true });
  assert.equal(gw(d, "scan", "sm").code, 1);
  assert.equal(gw(d, "baseline", "sm", "-o", "base.json").code, 0);
  const b = JSON.parse(readFileSync(join(d, "base.json"), "utf8")) as { entries: { sha256: string; rule: string }[] };
  const pb = spawnSync("sha256sum", [join(d, "sm/saved_model.pb")], { encoding: "utf8" }).stdout.split(" ")[0];
  assert.ok(b.entries.some((e) => e.rule === "GW502"));
  assert.ok(!b.entries.some((e) => e.sha256 === pb));
  assert.equal(gw(d, "scan", "sm", "--baseline", "base.json").code, 0);
  // a file added under variables/ changes the key: the finding is new again
  writeFileSync(join(d, "sm/variables/extra.txt"), "x");
  assert.equal(gw(d, "scan", "sm", "--baseline", "base.json").code, 1);
});

test("policy: severity overrides and rule switches; GW001 cannot be switched off; bad files exit 2", () => {
  const d = workspace();
  writeFileSync(join(d, "p.json"), JSON.stringify({ rules: { GW201: { severity: "low" }, GW101: { enabled: false } } }));
  const r = gw(d, "scan", "models", "--policy", "p.json");
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /LOW +GW201/);
  assert.doesNotMatch(r.out, /GW101/);
  writeFileSync(join(d, "bad.json"), JSON.stringify({ rules: { GW001: { enabled: false } } }));
  const bad = gw(d, "scan", "models", "--policy", "bad.json");
  assert.equal(bad.code, 2);
  assert.match(bad.err, /GW001 \(scan incomplete\) cannot be switched off/);
  writeFileSync(join(d, "unknown.json"), JSON.stringify({ rules: { GW999: { enabled: false } } }));
  assert.equal(gw(d, "scan", "models", "--policy", "unknown.json").code, 2);
  assert.equal(gw(d, "scan", "models", "--baseline", "missing.json").code, 2);
});

test("policy and baseline files planted in the scanned tree are ignored", () => {
  const d = workspace();
  const off = JSON.stringify({ rules: { GW201: { enabled: false }, GW101: { enabled: false } } });
  assert.equal(gw(d, "baseline", "models", "-o", "base.json").code, 0);
  const base = readFileSync(join(d, "base.json"), "utf8");
  for (const name of [".graphwarden.json", "graphwarden.json", ".graphwarden-policy.json", "graphwarden-policy.json", "policy.json"]) writeFileSync(join(d, "models", name), off);
  for (const name of [".graphwarden-baseline.json", "graphwarden-baseline.json", "baseline.json"]) writeFileSync(join(d, "models", name), base);
  writeFileSync(join(d, ".graphwarden.json"), off);
  const r = gw(d, "scan", "models");
  assert.equal(r.code, 1);
  assert.match(r.out, /CRITICAL GW201/);
  assert.match(r.out, /CRITICAL GW101/);
  assert.equal(r.err, "");
});
