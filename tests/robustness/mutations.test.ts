// Hostile input: every fixture, truncated and corrupted with a seeded PRNG, must give a report
// (scanned / error / unsupported) and never an exception, a crash or a hang.
import { test } from "node:test";
import assert from "node:assert/strict";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { scanBytes } from "../../src/scanner.js";

const root = fileURLToPath(new URL("../../fixtures/", import.meta.url));

function files(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    // Links are not followed: a fixture's link may loop (b -> ".") or point out of the tree.
    const st = lstatSync(p);
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) out.push(...files(p));
    else if (st.size > 0 && st.size <= 256 * 1024 && !/\.(md|py|json5)$/.test(n)) out.push(p);
  }
  return out;
}

/** mulberry32: small deterministic PRNG so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(data: Uint8Array, rnd: () => number, kind: number): Uint8Array {
  const out = new Uint8Array(data);
  switch (kind % 4) {
    case 0:
      return out.subarray(0, Math.floor(rnd() * out.length));
    case 1: {
      for (let i = 0; i < 1 + Math.floor(rnd() * 16); i++) out[Math.floor(rnd() * out.length)] = Math.floor(rnd() * 256);
      return out;
    }
    case 2: {
      // Large integers where lengths and offsets live.
      for (let i = 0; i < 4; i++) {
        const at = Math.floor(rnd() * Math.max(1, out.length - 4));
        out[at] = 0xff;
        out[at + 1] = 0xff;
        out[at + 2] = 0xff;
        out[at + 3] = 0x7f;
      }
      return out;
    }
    default: {
      const at = Math.floor(rnd() * out.length);
      const len = Math.min(out.length - at, 1 + Math.floor(rnd() * 64));
      out.copyWithin(at, Math.floor(rnd() * out.length), Math.floor(rnd() * out.length) + len);
      return out;
    }
  }
}

const all = files(root);
const MUTATIONS = 8;

test("fixtures exist to mutate", () => {
  assert.ok(all.length >= 10, `only ${all.length} fixture files`);
});

for (const f of all) {
  test(`mutations of ${relative(root, f)} never throw`, { timeout: 60_000 }, async () => {
    const data = new Uint8Array(readFileSync(f));
    const rnd = prng(data.length * 2654435761);
    for (let k = 0; k < MUTATIONS; k++) {
      const m = mutate(data, rnd, k);
      const name = f.split("/").pop()!;
      const r = await scanBytes(name, m, { hash: false, limits: { targetTimeoutMs: 20_000 } });
      assert.equal(r.targets.length, 1);
      assert.ok(["scanned", "error", "unsupported"].includes(r.targets[0]!.status));
      for (const e of r.errors) assert.ok(e.message.length > 0);
    }
  });
}
