// fixtures/readers/: real Keras archives stored the other ways their loader reads them (bzip2 and
// LZMA members, UTF-16/UTF-32 config.json; tools/fixtures/gen_reader_parity.py). Each malicious one
// must be judged as its original is, its twin quiet and fully read (no errors).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { NodeTree } from "../../src/cli/node-tree.js";
import { scanTree } from "../../src/scanner.js";
import { severityRank, type Severity } from "../../src/core/types.js";

interface Entry {
  file: string;
  label: "malicious" | "benign";
  twin?: string;
  expect: { minSeverity?: Severity; maxSeverity?: Severity; rules?: string[]; evidence?: string };
}

const dir = fileURLToPath(new URL("../../fixtures/readers/", import.meta.url));
const entries = (JSON.parse(readFileSync(dir + "manifest.json", "utf8")) as { entries: Entry[] }).entries;

test("every reader-parity fixture has its twin", () => {
  const files = new Set(entries.map((e) => e.file));
  assert.ok(entries.length >= 8);
  for (const e of entries) assert.ok(e.twin && files.has(e.twin), `${e.file}: twin missing`);
});

for (const e of entries) {
  test(`${e.label} ${e.file}`, async () => {
    const tree = new NodeTree(dir);
    try {
      const r = await scanTree(tree, e.file, e.file, { hash: false });
      const summary = () => r.findings.map((f) => `${f.rule}/${f.severity}: ${f.evidence ?? f.message}`).join("\n");
      assert.deepEqual(r.errors, [], summary());
      const top = Math.max(-1, ...r.findings.map((f) => severityRank(f.severity)));
      if (e.label === "benign") {
        assert.ok(top <= severityRank(e.expect.maxSeverity ?? "low"), summary());
        return;
      }
      const hits = r.findings.filter((f) => severityRank(f.severity) >= severityRank(e.expect.minSeverity ?? "high"));
      assert.ok(hits.some((f) => `${f.evidence ?? ""} ${f.message}`.includes(e.expect.evidence ?? "")), summary());
      for (const rule of e.expect.rules ?? []) assert.ok(r.findings.some((f) => f.rule === rule), `rule ${rule} missing:\n${summary()}`);
    } finally {
      await tree.close();
    }
  });
}
