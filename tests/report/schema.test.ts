// docs/report.schema.json is the JSON report's contract: every JSON report of the examples, every
// fixture folder and a hostile scan must validate (ajv, draft-07), and the schema must reject
// reports that break it (so it is not vacuous).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import Ajv from "ajv";
import { renderJson } from "../../src/report/json.js";
import { scanBytes } from "../../src/scanner.js";

const root = resolve(new URL("../..", import.meta.url).pathname);
const schema = JSON.parse(readFileSync(join(root, "docs/report.schema.json"), "utf8")) as object;
const validate = new Ajv.default({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

function check(doc: unknown, what: string) {
  assert.ok(validate(doc), `${what}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
}

const folders = ["examples", ...readdirSync(join(root, "fixtures")).map((d) => `fixtures/${d}`).filter((p) => statSync(join(root, p)).isDirectory())];

for (const dir of folders) {
  test(`JSON report of ${dir} follows docs/report.schema.json`, () => {
    const r = spawnSync(process.execPath, [join(root, "dist/cli/main.js"), "scan", dir, "-f", "json", "--fail-on", "none"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 });
    assert.ok(r.status === 0 || r.status === 2, r.stderr);
    const doc = JSON.parse(r.stdout) as { targets: unknown[] };
    assert.ok(doc.targets.length > 0);
    check(doc, dir);
  });
}

test("a hostile scan (huge name, controls) still follows the schema; the schema rejects broken reports", async () => {
  const cfg = JSON.stringify({ class_name: "Functional", config: { layers: [{ module: "os", class_name: "function", config: "system", name: "\x1b[2J" + "A".repeat(100_000) }] } });
  const doc = JSON.parse(renderJson(await scanBytes("x\ud800.json", new TextEncoder().encode(cfg)))) as { findings: Record<string, unknown>[]; targets: Record<string, unknown>[] };
  check(doc, "hostile");
  const bad1 = structuredClone(doc);
  bad1.findings[0]!["severity"] = "severe";
  assert.equal(validate(bad1), false);
  const bad2 = structuredClone(doc);
  delete bad2.targets[0]!["status"];
  assert.equal(validate(bad2), false);
  const bad3 = structuredClone(doc);
  bad3.findings[0]!["message"] = "A".repeat(10_000);
  assert.equal(validate(bad3), false, "an uncut message breaks the contract");
});
