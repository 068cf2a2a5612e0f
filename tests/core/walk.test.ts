// The walker never aborts: a path that vanishes, cannot be listed or cannot be opened becomes that
// target's error (GW001), the rest of the folder is scanned, and the run says incomplete (exit 2).
import { test } from "node:test";
import assert from "node:assert/strict";
import { MemorySource } from "../../src/core/bytes.js";
import { MemoryTree, type DirEntry, type FileTree } from "../../src/core/fs.js";
import { scanTree } from "../../src/scanner.js";
import { exitCode } from "../../src/report/summary.js";
import { renderJson } from "../../src/report/json.js";
import { renderText } from "../../src/report/text.js";
import { renderSarif } from "../../src/report/sarif.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderHtml } from "../../src/report/html.js";
import { ALL_RULES } from "../../src/rules/index.js";

const enc = (s: string) => new TextEncoder().encode(s);
const evil = enc(JSON.stringify({ class_name: "Functional", config: { layers: [{ module: "builtins", class_name: "function", config: "eval", registered_name: "function" }] } }));
const benign = enc(JSON.stringify({ class_name: "Sequential", config: { layers: [] } }));

/** A tree where some paths fail the way a real disk does (vanished, EACCES, EIO). */
class FlakyTree implements FileTree {
  private readonly inner = new MemoryTree([
    ["d/a.json", new MemorySource("d/a.json", benign)],
    ["d/gone.json", new MemorySource("d/gone.json", benign)],
    ["d/locked/x.json", new MemorySource("d/locked/x.json", evil)],
    ["d/z-evil.json", new MemorySource("d/z-evil.json", evil)],
  ]);
  list(dir: string): Promise<DirEntry[]> {
    if (dir === "d/locked") return Promise.reject(Object.assign(new Error("EACCES: permission denied, scandir"), { code: "EACCES" }));
    return this.inner.list(dir);
  }
  open(p: string) {
    if (p === "d/gone.json") return Promise.reject(Object.assign(new Error("ENOENT: no such file or directory, open"), { code: "ENOENT" }));
    return this.inner.open(p);
  }
  kind(p: string) {
    return this.inner.kind(p);
  }
}

test("vanished and unreadable paths become error targets; the walk goes on; exit 2", async () => {
  const r = await scanTree(new FlakyTree(), "d", "d");
  assert.deepEqual(
    r.targets.map((t) => [t.path, t.status]),
    [
      ["d/a.json", "scanned"],
      ["d/gone.json", "error"],
      ["d/locked", "error"],
      ["d/z-evil.json", "scanned"],
    ],
  );
  assert.ok(r.findings.some((f) => f.rule === "GW001" && f.location.path === "d/gone.json"));
  assert.ok(r.findings.some((f) => f.rule === "GW001" && f.location.path === "d/locked" && /permission denied/.test(f.message)));
  assert.ok(r.findings.some((f) => f.severity === "critical" && f.location.path === "d/z-evil.json"));
  assert.equal(exitCode(r, "medium"), 2);
  // Every format renders the whole report.
  for (const text of [renderJson(r), renderText(r, { color: false, minSeverity: "low", verbose: false, quiet: false }), renderSarif(r, ALL_RULES), renderMarkdown(r), renderHtml(r)]) {
    assert.match(text, /z-evil\.json/);
    assert.match(text, /gone\.json/);
  }
});

test("targets come out in walk order whatever order they finish in", async () => {
  const { walkTree } = await import("../../src/scanner.js");
  const files: [string, MemorySource][] = Array.from({ length: 12 }, (_, i) => [`d/f${String(i).padStart(2, "0")}.json`, new MemorySource(`f${i}`, i % 3 ? benign : evil)]);
  const tree = new MemoryTree(files);
  const { scanFileJob, scanDirJob } = await import("../../src/scanner.js");
  let n = 0;
  // An executor that finishes later jobs first.
  const exec = {
    file: async (job: { path: string; display: string }) => {
      const delay = 30 - (n++ % 12) * 2;
      await new Promise((res) => setTimeout(res, delay));
      return scanFileJob(tree, job);
    },
    dir: (job: { handler: string; path: string; display: string }) => scanDirJob(tree, job),
  };
  const shuffled = await walkTree(tree, "d", "d", exec);
  const inOrder = await scanTree(tree, "d", "d");
  assert.equal(renderJson(shuffled), renderJson(inOrder));
  assert.deepEqual(shuffled.targets.map((t) => t.path), files.map(([p]) => p));
});
