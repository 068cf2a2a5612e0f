// Replays every input the fuzzer ever caught (fixtures/fuzz-regressions/): each must give a report
// with a valid status and an exit code of 0, 1 or 2, within the time budget (scripts/fuzz-lib.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { checkOne } from "../../scripts/fuzz-lib.js";

const dir = fileURLToPath(new URL("../../fixtures/fuzz-regressions/", import.meta.url));
const inputs = readdirSync(dir).filter((n) => !n.endsWith(".md")).sort();

test("the regression folder exists and is documented", () => {
  assert.ok(readdirSync(dir).includes("README.md"));
});

for (const n of inputs) {
  test(`fuzz regression ${n}`, { timeout: 60_000 }, async () => {
    // The saved name is <kind>-<hash>-<original name>: the original name keeps extension sniffing.
    const name = n.replace(/^[a-z-]+?-[0-9a-f]{12}-/, "");
    const r = await checkOne(name, new Uint8Array(readFileSync(join(dir, n))), 10_000);
    assert.equal(r.problem, undefined, r.problem?.message);
    assert.ok([0, 1, 2].includes(r.exit));
  });
}
