// Test helpers: scan a fixture path with the real scan driver; a tiny protobuf writer for hostile inputs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { NodeTree } from "../../src/cli/node-tree.js";
import { scanTree } from "../../src/scanner.js";
import type { Finding, Report } from "../../src/core/types.js";
import { severityRank } from "../../src/core/types.js";

export const FIXTURES = fileURLToPath(new URL("../../fixtures/tf/", import.meta.url));

export async function scanFixture(rel: string, root = FIXTURES): Promise<Report> {
  const tree = new NodeTree(root);
  try {
    return await scanTree(tree, rel, rel, { hash: false });
  } finally {
    await tree.close();
  }
}

export function loud(r: Report, min: "low" | "medium" = "low"): Finding[] {
  return r.findings.filter((f) => severityRank(f.severity) > severityRank(min));
}

export function atLeast(r: Report, sev: Finding["severity"]): Finding[] {
  return r.findings.filter((f) => severityRank(f.severity) >= severityRank(sev));
}

// ---- protobuf writer (tests only) ----
export type PbField = [number, number | bigint | string | Uint8Array | PbField[]];

function varint(n: number | bigint): number[] {
  let v = BigInt(n);
  if (v < 0n) v += 1n << 64n;
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
}

/** Encodes fields: numbers as varints, strings/bytes/nested arrays as length-delimited. */
export function pb(fields: PbField[]): Uint8Array {
  const out: number[] = [];
  for (const [num, v] of fields) {
    if (typeof v === "number" || typeof v === "bigint") {
      out.push(...varint(num * 8), ...varint(v));
    } else {
      const bytes = typeof v === "string" ? new TextEncoder().encode(v) : v instanceof Uint8Array ? v : pb(v);
      out.push(...varint(num * 8 + 2), ...varint(bytes.length));
      for (const b of bytes) out.push(b);
    }
  }
  return Uint8Array.from(out);
}

/** A NodeDef: name, op, inputs, device, attrs (attr values given as AttrValue fields). */
export function nodeDef(name: string, op: string, inputs: string[] = [], attrs: Record<string, PbField[]> = {}, device = ""): PbField[] {
  const f: PbField[] = [
    [1, name],
    [2, op],
  ];
  for (const i of inputs) f.push([3, i]);
  if (device) f.push([4, device]);
  for (const [k, v] of Object.entries(attrs)) f.push([5, [[1, k], [2, v]]]);
  return f;
}

/** A string Const node. */
export function constStr(name: string, ...values: string[]): PbField[] {
  return nodeDef(name, "Const", [], { dtype: [[6, 7]], value: [[8, [[1, 7], ...values.map((v): PbField => [8, v])]]] });
}

/**
 * A hang case of an attack round: the malicious fixture has an availability finding (medium or above) at
 * `trigger` whose evidence or message names the waiting op (`todo` until its class is fixed); its benign
 * twin (`<name>_benign`) stays quiet.
 */
export function hangCase(name: string, trigger: string, op: RegExp, todo: string | undefined, what = "a wait the graph cannot satisfy"): void {
  test(`${name}: ${what} reported (medium or above) at ${trigger}`, { todo }, async () => {
    const r = await scanFixture(name);
    assert.deepEqual(r.errors, []);
    const hits = atLeast(r, "medium").filter((f) => f.trigger === trigger && op.test(`${f.evidence ?? ""} ${f.message}`));
    assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
  });
  test(`${name}_benign: benign twin of ${name} stays quiet`, async () => {
    const r = await scanFixture(`${name}_benign`);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(loud(r), [], `${name}_benign`);
  });
}

/** The findings above info of a small frozen graph built from NodeDefs, as "rule severity evidence". */
export async function graphRules(...nodes: PbField[][]): Promise<string[]> {
  const { scanBytes } = await import("../../src/index.js");
  const r = await scanBytes("g.pb", pb(nodes.map((n): PbField => [1, n])));
  return r.findings.filter((f) => f.severity !== "info").map((f) => `${f.rule} ${f.severity} ${f.evidence ?? ""}`.trim());
}

/** A scalar DT_INT64 Const node. */
export const int64Const = (name: string, v: number): PbField[] => nodeDef(name, "Const", [], { dtype: [[6, 9]], value: [[8, [[1, 9], [10, v]]]] });
