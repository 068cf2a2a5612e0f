// A short seeded fuzz run (scripts/fuzz.ts) on every test run: a few seconds of mutated fixtures of
// every format through the scan library, in a watched worker. No crash, hang, out-of-memory abort,
// malformed report or exit code outside 0/1/2 is allowed; a problem input is written to a temp
// folder and named in the failure so it can be copied to fixtures/fuzz-regressions/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runFuzz } from "../../scripts/fuzz.js";
import { loadSeeds, mutate, prng, MUTATORS } from "../../scripts/fuzz-lib.js";
import { fileURLToPath } from "node:url";

test("mutations are deterministic per seed and every mutator runs", () => {
  const seeds = loadSeeds(fileURLToPath(new URL("../../fixtures/", import.meta.url)));
  const a = prng(7);
  const b = prng(7);
  const used = new Set<string>();
  for (let i = 0; i < 400; i++) {
    const x = mutate(seeds, a);
    const y = mutate(seeds, b);
    assert.equal(x.name, y.name);
    assert.deepEqual(x.data, y.data);
    for (const s of x.steps) used.add(s);
  }
  assert.deepEqual([...used].sort(), [...MUTATORS].sort());
});

test("a short seeded fuzz run finds no crash, hang or bad exit", { timeout: 120_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), "gw-fuzz-"));
  let s = await runFuzz({ seconds: 4, seed: 20261206, budgetMs: 10_000, out });
  // on a machine busy enough that the worker did not start scanning within the 4 s, run longer once
  if (s.inputs === 0) s = await runFuzz({ seconds: 20, seed: 20261206, budgetMs: 10_000, out });
  assert.ok(s.seeds >= 10, `only ${s.seeds} seeds`);
  assert.ok(s.inputs > 0, "no input was scanned");
  assert.deepEqual(s.problems, [], JSON.stringify(s.problems, null, 2));
  assert.equal(s.crashes + s.hangs + s.ooms + s.badExits + s.badReports, 0);
});
