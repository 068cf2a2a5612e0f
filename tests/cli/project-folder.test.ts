// A project folder: models beside README.md, package.json, train.py, data/*.jsonl, a plain YAML.
// Non-model files are counted, not errors; a file whose name claims a model format stays an error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// The built CLI (npm test builds first): the tests run it from inside the project folder.
const main = new URL("../../dist/cli/main.js", import.meta.url).pathname;
const examples = resolve(new URL("../../examples", import.meta.url).pathname);

function cli(cwd: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [main, "scan", ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function project(): string {
  const d = mkdtempSync(join(tmpdir(), "gw-proj-"));
  mkdirSync(join(d, "models"));
  mkdirSync(join(d, "data"));
  copyFileSync(join(examples, "benign-classifier.keras"), join(d, "models", "classifier.keras"));
  writeFileSync(join(d, "README.md"), "# a project\n");
  writeFileSync(join(d, "package.json"), '{"name": "p", "version": "1.0.0"}\n');
  writeFileSync(join(d, "train.py"), "import keras\nprint('train')\n");
  writeFileSync(join(d, "data", "labels.jsonl"), '{"label": 1}\n{"label": 2}\n');
  // A dataset manifest in JSON Lines whose records name Keras keys is still no model file.
  writeFileSync(join(d, "data", "manifest"), '{"path": "a", "keras_version": "2.0.4", "class_name": "x"}\n{"path": "b"}\n');
  writeFileSync(join(d, "config.yaml"), "lr: 0.1\nepochs: 3\n");
  return d;
}

test("a project folder with benign models passes: other files are counted, not errors", () => {
  const d = project();
  const r = cli(d, ".");
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /^PASS/);
  assert.match(r.out, /6 other file\(s\) are not models and were not scanned; -v lists them/);
  assert.doesNotMatch(r.out, /README\.md|labels\.jsonl|UNSUPPORTED/);
  assert.match(r.out, /models\/classifier\.keras/);
  const v = cli(d, ".", "-v");
  assert.match(v.out, /labels\.jsonl .*\[UNSUPPORTED\]/);
  const j = JSON.parse(cli(d, ".", "-f", "json").out) as { targets: { path: string; status: string; details?: { reason?: string } }[] };
  const jl = j.targets.find((t) => t.path.endsWith("labels.jsonl"));
  assert.equal(jl?.status, "unsupported");
  assert.match(String(jl?.details?.reason), /^not a model/);
});

test("twin: a broken file under a model name (model.json, config.json) stays an error, exit 2", () => {
  const d = project();
  writeFileSync(join(d, "models", "model.json"), '{"format": "layers-model", ');
  const r = cli(d, ".");
  assert.equal(r.code, 2, r.out);
  assert.match(r.out, /model\.json .*\[ERROR\]/);
});

test("a malicious model in a project folder still fails, and --exclude / --include shape the walk", () => {
  const d = project();
  copyFileSync(join(examples, "malicious-lambda.keras"), join(d, "models", "downloaded.keras"));
  assert.equal(cli(d, ".").code, 1);
  // Excluded by the user: not walked (their explicit choice); included: only matching files.
  const ex = cli(d, ".", "--exclude", "downloaded.keras", "-f", "json");
  assert.equal(ex.code, 0, ex.out);
  const inc = JSON.parse(cli(d, ".", "--include", "*.keras", "-f", "json").out) as { targets: { path: string }[] };
  assert.deepEqual(inc.targets.map((t) => t.path).sort(), ["models/classifier.keras", "models/downloaded.keras"]);
  const exDir = JSON.parse(cli(d, ".", "--exclude", "data/", "--exclude", "*.py", "-f", "json").out) as { targets: { path: string }[] };
  assert.ok(!exDir.targets.some((t) => t.path.startsWith("data/") || t.path.endsWith(".py")));
  assert.ok(exDir.targets.some((t) => t.path === "README.md"));
});
