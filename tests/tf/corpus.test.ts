// Real published TensorFlow models (../shared/corpus/realworld): every SavedModel, frozen GraphDef and
// .meta raises nothing above low, has no errors, and its checkpoint subgraph is recognised by linkage.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loud, scanFixture } from "./helpers.js";
import { corpusSkip } from "../corpus/manifest.js";

const ROOT = fileURLToPath(new URL("../../../shared/corpus/realworld/", import.meta.url));
const rows = existsSync(ROOT + "manifest.jsonl")
  ? readFileSync(ROOT + "manifest.jsonl", "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { path: string; format: string; has_lambda: string })
      .filter((r) => ["savedmodel", "graphdef", "metagraph"].includes(r.format))
  : [];

test("the corpus has its TensorFlow graph rows", { skip: rows.length === 0 && corpusSkip() }, () => {
  assert.equal(rows.length, 14);
});

for (const row of rows) {
  test(`realworld ${row.path} (${row.format}): nothing above low from the graph, no errors`, async () => {
    const r = await scanFixture(row.path, ROOT);
    assert.deepEqual(r.errors, []);
    // Keras Lambda verdicts inside keras_metadata.pb belong to the Keras rules (GW2xx); graph rules must be quiet.
    const graphLoud = loud(r).filter((f) => /^GW5/.test(f.rule));
    assert.deepEqual(graphLoud.map((f) => `${f.rule} ${f.location.pointer}: ${f.message}`), []);
    if (row.has_lambda !== "yes") assert.deepEqual(loud(r).map((f) => f.rule), []);
    const t = r.targets.find((x) => /^(savedmodel|tf-graphdef|tf-metagraph)/.test(x.format));
    assert.ok(t, JSON.stringify(r.targets));
    assert.ok(Number(t.details?.["tf_nodes"]) > 0);
    // Pre-TF-2.5 Keras exports keep their config in user_object.metadata: handed to the Keras engine.
    if (row.path.startsWith("067_")) assert.ok(Number(t.details?.["user_object_metadata"]) > 0, JSON.stringify(t.details));
    if (row.format !== "graphdef") {
      assert.ok(Number(t.details?.["tf_checkpoint_ops"]) >= 2, "checkpoint subgraph recognised");
      assert.ok(r.findings.some((f) => f.rule === "GW507"));
    }
  });
}
