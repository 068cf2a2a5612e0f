// Child process for tests/robustness/graph-budget.test.ts: builds a text-format SavedModel of N tiny
// nodes in memory (hand-built: the shape TensorFlow's text writer gives, one NodeDef per line), scans
// it, and prints the verdict with the process's peak resident memory.
import { scanBytes } from "../../src/scanner.js";

const n = Number(process.argv[2]);
const parts: string[] = ['saved_model_schema_version: 1\nmeta_graphs {\n  meta_info_def { tags: "serve" tensorflow_version: "2.20.0" }\n  graph_def {\n'];
for (let i = 0; i < n; i++) parts.push(`node{name:"n${i}" op:"NoOp"}\n`);
parts.push("  }\n}\n");
let data: Uint8Array | undefined = new TextEncoder().encode(parts.join(""));
parts.length = 0;
const r = await scanBytes("saved_model.pbtxt", data, { hash: false, limits: { targetTimeoutMs: 600_000 } });
data = undefined;
const t = r.targets[0]!;
process.stdout.write(
  JSON.stringify({
    status: t.status,
    nodes: t.details?.["tf_nodes"],
    rules: r.findings.map((f) => f.rule),
    errors: r.errors.map((e) => e.message),
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
