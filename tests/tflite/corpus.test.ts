// Real published TFLite and TF.js models (../shared/corpus/realworld, manifest rows tflite/tfjs):
// nothing above low, no errors, every operator read, Flex ops decoded, TF.js shards consumed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { NodeTree } from "../../src/cli/node-tree.js";
import { scanTree } from "../../src/scanner.js";
import { severityRank } from "../../src/core/types.js";

import { CORPUS_DIR, corpusRows, corpusSkip } from "../corpus/manifest.js";

const root = CORPUS_DIR;
const rows = corpusRows();
const mine = rows.filter((r) => r.format === "tflite" || r.format === "tfjs");

test("the corpus holds TFLite and TF.js models", { skip: corpusSkip() }, () => {
  assert.ok(mine.filter((r) => r.format === "tflite").length >= 6);
  assert.ok(mine.filter((r) => r.format === "tfjs").length >= 4);
});

for (const m of mine) {
  test(`realworld ${m.path}: nothing above low, no errors, fully read`, async () => {
    const tree = new NodeTree(root);
    try {
      const r = await scanTree(tree, m.path, m.path, { hash: false });
      assert.deepEqual(r.errors, []);
      assert.deepEqual(r.findings.filter((f) => severityRank(f.severity) > severityRank("low")), []);
      assert.equal(r.targets.length, 1, `every file belongs to the model: ${JSON.stringify(r.targets)}`);
      const t = r.targets[0]!;
      assert.equal(t.status, "scanned");
      assert.equal(t.format, m.format);
      const d = t.details ?? {};
      if (m.format === "tflite") {
        assert.ok(Number(d["tflite_operators"]) > 0);
        // 087 was converted with select TF ops: its TensorList Flex operators are decoded and judged benign.
        if (m.path.startsWith("087_")) assert.equal(d["tflite_flex_operators"], 3);
        // 086 carries TFLite Support metadata with an appended zip of associated files.
        if (m.path.startsWith("086_")) assert.equal(d["tflite_associated_files"], "labels.txt");
      } else {
        const key = Object.keys(d).find((k) => k.endsWith("tfjs_format"));
        assert.ok(key && d[key] === "layers-model", JSON.stringify(d));
      }
    } finally {
      await tree.close();
    }
  });
}
