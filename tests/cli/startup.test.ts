// The CLI's main thread walks and renders while worker threads scan: its static imports must not
// reach the format engines, the rules or the name tables (each worker loads those itself; loading
// them twice more than doubled the start-up CPU). Rules and remote reading load on demand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DIR_DETECTORS } from "../../src/dir-detect.js";
import { DIR_HANDLERS } from "../../src/handlers.js";

const src = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");

/** Modules reached from `entry` through static value imports (not `import type`, not import()). */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    const rel = relative(src, file);
    if (seen.has(rel)) return;
    seen.add(rel);
    if (!file.endsWith(".ts")) return;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+"(\.[^"]+)"|^import\s+"(\.[^"]+)"/gm)) {
      const spec = (m[1] ?? m[2])!;
      visit(join(dirname(file), spec.replace(/\.js$/, ".ts")));
    }
  };
  visit(join(src, entry));
  return seen;
}

test("the main thread of `scan` loads no engine, rule or name table", () => {
  const closure = staticClosure("cli/main.ts");
  const heavy = [...closure].filter((m) => /^(?:handlers|scanner)\.ts$|^(?:rules|keras|tf|pickle|python|catalog|remote)\/|\.json$|^formats\/(?!json-bytes\.ts$|json\.ts$)/.test(m));
  assert.deepEqual(heavy, []);
  // It does walk, pool and render.
  for (const m of ["walk.ts", "dir-detect.ts", "cli/pool.ts", "report/text.ts"]) assert.ok(closure.has(m), m);
});

test("the worker does load the engines (the closure check sees through re-exports)", () => {
  const closure = staticClosure("cli/worker.ts");
  for (const m of ["handlers.ts", "rules/index.ts", "keras/engine.ts"]) assert.ok(closure.has(m), m);
});

test("the walker's folder detectors are the directory handlers' own, in the same order", () => {
  assert.deepEqual(
    DIR_DETECTORS.map((d) => d.id),
    DIR_HANDLERS.map((h) => h.id),
  );
  DIR_HANDLERS.forEach((h, i) => assert.equal(h.detect, DIR_DETECTORS[i]!.detect, h.id));
});
