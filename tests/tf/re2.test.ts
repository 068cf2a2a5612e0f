// RegexReplace folding against real TensorFlow (tools/gen-re2-vectors.py: tf.strings.regex_replace, RE2):
// where the scanner folds a value it is TensorFlow's value; where TensorFlow raises, the scanner does
// not fold (the value stays opaque and its consumer is judged as untraceable).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { re2Replace } from "../../src/tf/re2.js";

const doc = JSON.parse(readFileSync(new URL("./vectors/re2.json", import.meta.url), "utf8")) as {
  inputs: string[];
  vectors: Array<{ pattern: string; rewrite: string; global: boolean; outputs?: string[]; error?: string }>;
};

test("every RE2 vector: the folded value is TensorFlow's, or the value stays opaque", () => {
  const wrong: string[] = [];
  let folded = 0;
  let opaque = 0;
  for (const v of doc.vectors) {
    doc.inputs.forEach((input, i) => {
      const ours = re2Replace(input, v.pattern, v.rewrite, v.global);
      if (ours === undefined) opaque++;
      else if (v.error !== undefined) wrong.push(`${JSON.stringify(v.pattern)} / ${JSON.stringify(v.rewrite)}: TensorFlow raises, we fold ${JSON.stringify(ours)}`);
      else if (ours !== v.outputs![i]) wrong.push(`${JSON.stringify(v.pattern)} / ${JSON.stringify(v.rewrite)} g=${v.global} on ${JSON.stringify(input)}: TF ${JSON.stringify(v.outputs![i])}, we ${JSON.stringify(ours)}`);
      else folded++;
    });
  }
  assert.deepEqual(wrong, []);
  assert.ok(folded > 3000, `${folded} folded, ${opaque} opaque`);
});

test("a capture inside a repeated group is not folded where RE2 and JavaScript disagree (RE2 keeps an earlier repetition's capture)", () => {
  // tf.strings.regex_replace("ba", "(a|(b))+", r"\2") == b"b" in TensorFlow 2.20; JavaScript resets group 2
  assert.equal(re2Replace("ba", "(a|(b))+", "\\2", true), undefined);
  assert.equal(re2Replace("/tmp/xx", "^(?:x|(/tmp/))+$", "\\1", false), undefined);
  // the group's own pattern matches nowhere in the match: both engines give "", folded
  assert.equal(re2Replace("x", "^(?:x|(/tmp/))+$", "\\1", false), "");
  // a rewrite that does not name the repeated group is folded as before
  assert.equal(re2Replace("ba", "(a|(b))+", "z", true), "z");
});
