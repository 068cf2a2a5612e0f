// pickHandler asks costly matchers (a head walked as pickle, as YAML, as a TensorFlow proto) last and skips those
// that cannot win (FormatHandler.maxScore). Checked on every file of the examples, fixtures, fuzz regressions and
// the real-world corpus, and on their heads and tails cut and swapped: no matcher scores above its declared
// maxScore, and the handler picked is the one asking every matcher in list order picks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MemorySource } from "../../src/core/bytes.js";
import type { FormatHandler, Sniffed } from "../../src/core/handler.js";
import { FORMAT_HANDLERS } from "../../src/handlers.js";
import { pickHandler, sniff } from "../../src/scanner.js";

const root = new URL("../../", import.meta.url).pathname;
function files(dir: string, out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    const p = join(dir, n);
    const st = lstatSync(p, { throwIfNoEntry: false });
    if (st?.isDirectory()) files(p, out);
    else if (st?.isFile() && st.size <= 64 * 1024 * 1024) out.push(p);
  }
  return out;
}

function inOrder(s: Sniffed): FormatHandler | undefined {
  let best: FormatHandler | undefined;
  let bestScore = 0;
  for (const h of FORMAT_HANDLERS) {
    const score = h.match(s);
    if (score > bestScore) [best, bestScore] = [h, score];
  }
  return best;
}

test("costly matchers stay within their maxScore and the pick equals asking every matcher in order", async () => {
  const all = [...files(join(root, "examples")), ...files(join(root, "fixtures")), ...files(join(root, "../shared/corpus/realworld"))];
  assert.ok(all.length > 500, `${all.length} files`);
  const wrong: string[] = [];
  let n = 0;
  for (const f of all) {
    const data = new Uint8Array(readFileSync(f));
    const s = await sniff(new MemorySource(f, data));
    // the file as it is, and with its head and tail swapped (a zip tail behind a pickle head, and so on)
    const variants: Sniffed[] = [s, { ...s, head: s.tail.subarray(0, 4096), tail: s.head }];
    for (const v of variants) {
      n++;
      for (const h of FORMAT_HANDLERS) if (h.maxScore !== undefined && h.match(v) > h.maxScore) wrong.push(`${f}: ${h.id} scored ${h.match(v)} > ${h.maxScore}`);
      const a = pickHandler(v)?.id;
      const b = inOrder(v)?.id;
      if (a !== b) wrong.push(`${f}: picked ${a}, in order ${b}`);
    }
  }
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${n}`);
  console.log(`${n} sniffed views of ${all.length} files`);
});
