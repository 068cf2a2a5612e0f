// Fuzz worker thread: mutates and scans inputs in a loop; the main thread (scripts/fuzz.ts) watches
// it, so a hang or an out-of-memory abort is caught and the input that caused it is kept.
import { parentPort, workerData } from "node:worker_threads";
import { checkOne, loadSeeds, mutate, prng } from "./fuzz-lib.js";

interface Params {
  root: string;
  seed: number;
  budgetMs: number;
  stopAt: number;
}

const p = workerData as Params;
const port = parentPort!;
const seeds = loadSeeds(p.root);
const rnd = prng(p.seed);
let current: { name: string; data: Uint8Array } | undefined;

function report(kind: string, message: string): void {
  if (current) port.postMessage({ type: "problem", kind, message, name: current.name, data: current.data });
}
process.on("uncaughtException", (e) => report("crash", `uncaught ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
process.on("unhandledRejection", (e) => report("crash", `unhandled rejection ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

port.postMessage({ type: "ready", seeds: seeds.length });
for (let i = 0; Date.now() < p.stopAt; i++) {
  const m = mutate(seeds, rnd);
  current = { name: m.name, data: m.data };
  // The input goes to the main thread before the scan: if the scan never returns, it is still kept.
  port.postMessage({ type: "start", i, name: m.name, data: m.data, steps: m.steps, seed: m.seed });
  const r = await checkOne(m.name, m.data, p.budgetMs);
  port.postMessage({ type: "done", i, ms: r.ms, exit: r.exit, status: r.status, problem: r.problem, heap: process.memoryUsage().heapUsed });
}
port.postMessage({ type: "finished" });
