// The false-positive bar: 50 real published models (../shared/corpus/realworld) must scan with
// nothing above low and without errors, and be recognised as the format the manifest says.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CORPUS_DIR, corpusRows, corpusSkip } from "./manifest.js";
import { NodeTree } from "../../src/cli/node-tree.js";
import { scanTree } from "../../src/scanner.js";
import { severityRank } from "../../src/core/types.js";

const root = CORPUS_DIR;
const manifest = corpusRows();

test("the corpus is present (CI copies shared/ beside the clone)", { skip: corpusSkip() }, () => {
  assert.equal(manifest.length, 50);
});

const FORMATS: Record<string, RegExp> = {
  "keras-h5": /^keras-h5$/,
  "keras-v3": /^keras-v3$/,
  savedmodel: /^savedmodel/,
  graphdef: /^(tf-graphdef|graphdef)/,
  metagraph: /^(tf-metagraph|metagraph)/,
  tflite: /^tflite$/,
  tfjs: /^tfjs/,
};

for (const m of manifest) {
  test(`realworld ${m.path} (${m.format}): nothing above low, no errors`, async () => {
    const tree = new NodeTree(root);
    try {
      const r = await scanTree(tree, m.path, m.path, { hash: false });
      assert.deepEqual(r.errors, [], JSON.stringify(r.errors));
      const loud = r.findings.filter((f) => severityRank(f.severity) > severityRank("low"));
      assert.deepEqual(loud.map((f) => `${f.rule} ${f.severity} ${f.location.member ?? ""}${f.location.pointer ?? ""}: ${f.message}`), []);
      const scanned = r.targets.filter((t) => t.status === "scanned");
      assert.ok(scanned.length >= 1, `no target scanned: ${JSON.stringify(r.targets)}`);
      const re = FORMATS[m.format];
      assert.ok(re && scanned.some((t) => re.test(t.format)), `format ${m.format} not recognised: ${scanned.map((t) => t.format).join(", ")}`);
      // Every Lambda is inventoried: bytecode ones by GW2xx, by-name ones by GW103.
      if (m.has_lambda === "yes") assert.ok(r.findings.some((f) => f.rule.startsWith("GW2") || f.rule === "GW103"), "the Lambda was not inventoried");
    } finally {
      await tree.close();
    }
  });
}
