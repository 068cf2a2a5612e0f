// Every Keras fixture in fixtures/keras/manifest.json (real Keras saves and hand-built attacks)
// judged through the real scan path: malicious ones at their expected severity with the right
// callee in the evidence, benign twins quiet.
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
  generator: string;
  expect: { minSeverity?: Severity; maxSeverity?: Severity; rules?: string[]; evidence?: string };
  trigger?: string;
}

const dir = fileURLToPath(new URL("../../fixtures/keras/", import.meta.url));
const entries = (JSON.parse(readFileSync(dir + "manifest.json", "utf8")) as { entries: Entry[] }).entries;

test("the manifest pairs malicious fixtures with benign twins", () => {
  const files = new Set(entries.map((e) => e.file));
  const mal = entries.filter((e) => e.label === "malicious");
  assert.ok(mal.length >= 20 && entries.length - mal.length >= 20);
  for (const m of mal) if (m.twin) assert.ok(files.has(m.twin), `${m.file}: twin ${m.twin} missing from the manifest`);
});

for (const e of entries) {
  test(`${e.label} ${e.file} (${e.generator})`, async () => {
    const tree = new NodeTree(dir);
    try {
      const r = await scanTree(tree, e.file, e.file, { hash: false });
      const top = Math.max(-1, ...r.findings.map((f) => severityRank(f.severity)));
      const summary = () => r.findings.map((f) => `${f.rule}/${f.severity}/${f.trigger}: ${f.evidence ?? f.message}`).join("\n");
      if (e.label === "benign") {
        assert.deepEqual(r.errors, []);
        const bar = severityRank(e.expect.maxSeverity ?? "low");
        assert.ok(top <= bar, `benign fixture raised above ${e.expect.maxSeverity ?? "low"}:\n${summary()}`);
        return;
      }
      const min = severityRank(e.expect.minSeverity ?? "high");
      const hits = r.findings.filter((f) => severityRank(f.severity) >= min);
      assert.ok(hits.length > 0, `expected ${e.expect.minSeverity} or above:\n${summary()}`);
      if (e.expect.evidence) {
        const needle = e.expect.evidence;
        assert.ok(hits.some((f) => `${f.evidence ?? ""} ${f.message}`.includes(needle)), `no finding at ${e.expect.minSeverity}+ names ${needle}:\n${summary()}`);
      }
      for (const rule of e.expect.rules ?? []) assert.ok(r.findings.some((f) => f.rule === rule), `rule ${rule} missing:\n${summary()}`);
      // The manifest's trigger is what one loader did; "unknown" (never observed to fire there) does not
      // contradict a finding whose trigger is the earliest over all the loaders it names.
      if (e.trigger && e.trigger !== "unknown") assert.ok(hits.some((f) => f.trigger === e.trigger), `no ${e.trigger}-trigger finding:\n${summary()}`);
    } finally {
      await tree.close();
    }
  });
}
