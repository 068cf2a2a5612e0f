// The command line as a user runs it: exit codes 0/1/2, formats, help.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const main = new URL("../../src/cli/main.ts", import.meta.url).pathname;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", main, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), "gw-cli-"));
const benign = join(dir, "benign.json");
writeFileSync(benign, JSON.stringify({ class_name: "Sequential", config: { layers: [{ class_name: "Dense", config: { units: 1, name: "d" } }] } }));
const evil = join(dir, "evil.json");
writeFileSync(evil, JSON.stringify({ class_name: "Functional", config: { layers: [{ module: "builtins", class_name: "function", config: "eval", registered_name: "function" }] } }));
const broken = join(dir, "broken.json");
writeFileSync(broken, '{"class_name": "Sequential", "config": ');
const folder = join(dir, "folder");
mkdirSync(folder);
writeFileSync(join(folder, "a.json"), JSON.stringify({ class_name: "Sequential", config: { layers: [] } }));
writeFileSync(join(folder, "notes.txt"), "hello");

test("exit 0 on a benign file", () => {
  const r = run("scan", benign);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /no findings/);
});

test("exit 1 on a finding at or above --fail-on, 0 when the bar is higher", () => {
  assert.equal(run("scan", evil).code, 1);
  assert.equal(run("scan", evil, "--fail-on", "none").code, 0);
});

test("exit 2 on a malformed file, with the finding still reported", () => {
  const r = run("scan", broken, "--format", "json");
  assert.equal(r.code, 2);
  const rep = JSON.parse(r.out) as { targets: { status: string }[]; errors: unknown[] };
  assert.equal(rep.targets[0]?.status, "error");
  assert.equal(rep.errors.length, 1);
});

test("a folder is walked recursively; unsupported files are listed, not fatal", () => {
  const r = run("scan", folder, "--format", "json");
  assert.equal(r.code, 0, r.out);
  const rep = JSON.parse(r.out) as { targets: { path: string; status: string }[] };
  assert.deepEqual(rep.targets.map((t) => t.status).sort(), ["scanned", "unsupported"]);
});

test("a missing path is an error (exit 2), with one line on stderr", () => {
  const r = run("scan", join(dir, "nope.h5"));
  assert.equal(r.code, 2);
  assert.equal(r.err, `error: ${JSON.stringify(join(dir, "nope.h5"))}: no such file or directory\n`);
  assert.equal(run("scan", evil, join(dir, "nope.h5")).code, 2);
});

test("sarif, markdown and html formats render; a bad --fail-on value is rejected", () => {
  assert.match(run("scan", evil, "-f", "sarif").out, /"version": "2.1.0"/);
  assert.match(run("scan", evil, "-f", "markdown").out, /^# graphwarden report/);
  assert.match(run("scan", evil, "-f", "html").out, /^<!doctype html>/);
  const bad = run("scan", evil, "--fail-on", "sometimes");
  assert.notEqual(bad.code, 0);
  assert.match(bad.err, /critical, high, medium, low, info, none/);
});

test("--help lists examples and exit codes", () => {
  const r = run("scan", "--help");
  assert.equal(r.code, 0);
  assert.match(r.out, /Exit codes:/);
  assert.match(r.out, /Examples:/);
});

test("the JSON report carries each file's sha256, computed in chunks by the CLI", async () => {
  const { createHash } = await import("node:crypto");
  const { readFileSync } = await import("node:fs");
  const r = run("scan", evil, "-f", "json");
  const rep = JSON.parse(r.out) as { targets: { sha256?: string }[] };
  assert.equal(rep.targets[0]?.sha256, createHash("sha256").update(readFileSync(evil)).digest("hex"));
  const noHash = JSON.parse(run("scan", evil, "-f", "json", "--no-hash").out) as { targets: { sha256?: string }[] };
  assert.equal(noHash.targets[0]?.sha256, undefined);
});

test("usage errors exit 2 with one clear line, never 1", () => {
  for (const args of [["scan", "--bogus", benign], ["scan"], ["nonsense"], ["scan", benign, "--fail-on", "sometimes"], ["scan", benign, "--timeout", "0"]]) {
    const r = run(...args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
    assert.equal(r.err.trim().split("\n").length, 1, r.err);
    assert.match(r.err, /^error: /);
  }
});

test("the default --fail-on is medium: a medium finding exits 1, a low one 0", () => {
  const fx = new URL("../../fixtures/keras/", import.meta.url).pathname;
  const medium = join(fx, "hb-k3-stringlookup-vocab-url.keras");
  const low = new URL("../../examples/custom-layer.keras", import.meta.url).pathname;
  assert.equal(run("scan", medium).code, 1);
  assert.equal(run("scan", medium, "--fail-on", "high").code, 0);
  assert.equal(run("scan", low).code, 0);
  assert.equal(run("scan", low, "--fail-on", "low").code, 1);
});

test("a missing path next to a folder: the full report is still written in every format, exit 2", async () => {
  const { readFileSync } = await import("node:fs");
  const bad = join(dir, "bad-folder");
  mkdirSync(bad);
  writeFileSync(join(bad, "evil.json"), readFileSync(evil));
  for (const fmt of ["text", "json", "sarif", "markdown", "html"]) {
    const out = join(dir, `report.${fmt}`);
    const r = run("scan", bad, join(dir, "missing.keras"), "-f", fmt, "-o", out);
    assert.equal(r.code, 2, `${fmt}: ${r.err}`);
    const text = readFileSync(out, "utf8");
    assert.match(text, /evil\.json/, fmt);
    assert.match(text, /missing\.keras/, fmt);
  }
});

test("the verdict line counts a failed target once (its error entry is the same path)", () => {
  const r = run("scan", join(dir, "no-such-model.keras"));
  assert.equal(r.code, 2);
  assert.match(r.out, /^INCOMPLETE: 1 target\(s\) or member\(s\) could not be scanned fully/);
  assert.match(r.out, /no such file or directory/);
  assert.doesNotMatch(r.out, /vanished/);
});
