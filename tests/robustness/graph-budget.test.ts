// Graph text and protobuf budgets: a graph of millions of tiny nodes ends with a result or a clear
// GW001 error, with memory bounded (the text parser streams its tokens; every parse has a message
// budget, PbLimits.maxMessages). Peak memory is a pass/fail bound measured in a child process.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseTextMessage } from "../../src/formats/pbtxt.js";
import { decodeMessage } from "../../src/formats/protobuf.js";
import { LimitError } from "../../src/core/bytes.js";
import { TF_ENUM_VALUES, TF_SCHEMAS } from "../../src/formats/proto/schema.js";
import { decodeGraphDefBinary } from "../../src/tf/graph-binary.js";

const GiB = 1024 ** 3;
const child = fileURLToPath(new URL("./graph-child.ts", import.meta.url));

test("a 2M-node saved_model.pbtxt ends with a result or a clear GW001, under 2 GiB peak", { timeout: 900_000 }, () => {
  const r = spawnSync(process.execPath, ["--max-old-space-size=2048", "--import", "tsx", child, "2000000"], { encoding: "utf8", maxBuffer: 1 << 20 });
  assert.equal(r.status, 0, `child exited ${r.status} ${r.signal ?? ""}: ${r.stderr.slice(-2000)}`);
  const out = JSON.parse(r.stdout) as { status: string; nodes?: number; rules: string[]; errors: string[]; maxRssBytes: number };
  if (out.status === "scanned") assert.equal(out.nodes, 2_000_000);
  else {
    assert.equal(out.status, "error");
    assert.ok(out.rules.includes("GW001"));
    assert.match(out.errors.join("\n"), /more than \d+ (messages|graph nodes)/);
  }
  assert.ok(out.maxRssBytes < 2 * GiB, `peak resident memory ${(out.maxRssBytes / GiB).toFixed(2)} GiB`);
});

const tinyGraph = (n: number) => `node { name: "a" op: "NoOp" }\n`.repeat(n);

test("pbtxt: the message budget is a LimitError; a graph within it parses", () => {
  const limits = { maxDepth: 100, maxRepeated: 1_000_000, maxMessages: 50 };
  const ok = parseTextMessage(TF_SCHEMAS, TF_ENUM_VALUES, "GraphDef", tinyGraph(49), limits);
  assert.equal((ok["node"] as unknown[]).length, 49);
  assert.throws(() => parseTextMessage(TF_SCHEMAS, TF_ENUM_VALUES, "GraphDef", tinyGraph(50), limits), (e: unknown) => e instanceof LimitError && /more than 50 messages/.test(e.message));
});

function varint(v: number): number[] {
  const b: number[] = [];
  while (v > 127) {
    b.push((v & 127) | 128);
    v = Math.floor(v / 128);
  }
  b.push(v);
  return b;
}
function ld(field: number, payload: number[]): number[] {
  return [...varint(field * 8 + 2), ...varint(payload.length), ...payload];
}
const bytesOf = (s: string) => [...new TextEncoder().encode(s)];
/** Binary GraphDef of n NodeDefs {name, op} (hand-built wire bytes). */
function binaryGraph(n: number): Uint8Array {
  const node = ld(1, [...ld(1, bytesOf("a")), ...ld(2, bytesOf("NoOp"))]);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(...node);
  return Uint8Array.from(out);
}

test("binary protobuf: graph nodes and decoded messages have the same budget", () => {
  const limits = { maxDepth: 100, maxRepeated: 1_000_000, maxMessages: 50 };
  assert.equal(decodeGraphDefBinary([binaryGraph(50)], limits).nodes.length, 50);
  assert.throws(() => decodeGraphDefBinary([binaryGraph(51)], limits), (e: unknown) => e instanceof LimitError && /more than 50 graph nodes/.test(e.message));
  assert.equal((decodeMessage(TF_SCHEMAS, "GraphDef", binaryGraph(49), 0, undefined, limits)["node"] as unknown[]).length, 49);
  assert.throws(() => decodeMessage(TF_SCHEMAS, "GraphDef", binaryGraph(50), 0, undefined, limits), LimitError);
});
