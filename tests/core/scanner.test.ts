import { test } from "node:test";
import assert from "node:assert/strict";
import { scanBytes } from "../../src/scanner.js";
import { exitCode } from "../../src/report/summary.js";

const enc = (s: string) => new TextEncoder().encode(s);

test("bare Keras config JSON is recognised and scanned", async () => {
  const r = await scanBytes("c.json", enc('{"class_name":"Sequential","config":{"layers":[]}}'));
  assert.equal(r.targets[0]?.format, "keras-json");
  assert.equal(r.targets[0]?.status, "scanned");
  assert.equal(exitCode(r, "medium"), 0);
});

test("JSON nested 100k deep is a clear error, exit 2", async () => {
  const r = await scanBytes("deep.json", enc("[".repeat(100_000) + "]".repeat(100_000)));
  assert.equal(r.targets[0]?.status, "error");
  assert.match(r.errors[0]?.message ?? "", /nested deeper/);
  assert.equal(exitCode(r, "medium"), 2);
});

test("broken JSON is an error, never clean", async () => {
  const r = await scanBytes("bad.json", enc('{"class_name": "Sequential", "config": {'));
  assert.equal(r.targets[0]?.status, "error");
  assert.equal(exitCode(r, "medium"), 2);
});

test("an unknown file named explicitly is unsupported and exits 2", async () => {
  const r = await scanBytes("notes.txt", enc("hello"));
  assert.equal(r.targets[0]?.status, "unsupported");
  assert.ok(r.findings.some((f) => f.rule === "GW002"));
  assert.equal(exitCode(r, "medium", new Set(["notes.txt"])), 2);
});

test("a git-LFS pointer is reported as not the model", async () => {
  const r = await scanBytes(
    "model.h5",
    enc("version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n"),
  );
  assert.equal(r.targets[0]?.format, "git-lfs-pointer");
  assert.equal(r.targets[0]?.status, "error");
  assert.match(r.errors[0]?.message ?? "", /git-LFS pointer/);
});
