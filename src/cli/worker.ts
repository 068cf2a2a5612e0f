// A scan worker thread: receives one target at a time from the pool (src/cli/pool.ts), scans it
// with the same core as everywhere else, posts the result back. The pool enforces the wall-clock
// deadline (terminate) and the memory cap (resourceLimits) from outside.
import { parentPort } from "node:worker_threads";
import { scanDirJob, scanFileJob, type TargetResult } from "../scanner.js";
import type { Limits } from "../core/limits.js";
import { streamingSha256 } from "./hash.js";
import { NodeTree, type OsPath } from "./node-tree.js";

export interface WorkerJob {
  id: number;
  kind: "file" | "dir";
  /** Root of the tree the walker used, and the path inside it. */
  root: string;
  path: string;
  /** OS path of `path` when it is not plain UTF-8 (raw bytes). */
  raw?: Uint8Array;
  display: string;
  handler?: string;
  details?: Record<string, string | number | boolean>;
  opts: { hash: boolean; hashMaxBytes?: number; limits: Partial<Limits> };
}

export interface WorkerReply {
  /** 0: the worker has loaded and takes jobs (deadlines start from here, not from its start-up). */
  id: number;
  /** The job has started (its deadline runs from now). */
  start?: boolean;
  result?: TargetResult;
  crash?: string;
}

/**
 * Fault injection for the pool's own tests: GRAPHWARDEN_FAULT=hang:<name> spins forever in
 * synchronous code, oom:<name> allocates until the heap cap, when a target's base name is <name>.
 */
function injectFault(display: string): void {
  const fault = process.env["GRAPHWARDEN_FAULT"];
  if (!fault) return;
  const [what, name] = fault.split(":");
  if (!name || !display.endsWith(`/${name}`)) return;
  if (what === "hang") for (;;);
  if (what === "oom") {
    const hog: number[][] = [];
    for (;;) hog.push(new Array<number>(1 << 20).fill(hog.length));
  }
}

async function run(job: WorkerJob): Promise<TargetResult> {
  injectFault(job.display);
  const tree = new NodeTree(job.root, true);
  if (job.raw) tree.register(job.path, Buffer.from(job.raw) as OsPath);
  const opts = { hash: job.opts.hash, hashMaxBytes: job.opts.hashMaxBytes, hasher: streamingSha256, limits: job.opts.limits };
  try {
    if (job.kind === "dir") return await scanDirJob(tree, { handler: job.handler ?? "", path: job.path, display: job.display, details: job.details }, opts);
    return await scanFileJob(tree, { path: job.path, display: job.display, details: job.details }, opts);
  } finally {
    await tree.close();
  }
}

// The pool keeps up to two jobs in flight per worker so that a worker never waits for the main
// thread between targets; they run one at a time, each announced (start) so that its deadline
// starts when it does.
const queue: WorkerJob[] = [];
let running = false;
async function drain(): Promise<void> {
  if (running) return;
  running = true;
  for (let job = queue.shift(); job; job = queue.shift()) {
    parentPort?.postMessage({ id: job.id, start: true } satisfies WorkerReply);
    try {
      parentPort?.postMessage({ id: job.id, result: await run(job) } satisfies WorkerReply);
    } catch (e) {
      parentPort?.postMessage({ id: job.id, crash: e instanceof Error ? e.message : String(e) } satisfies WorkerReply);
    }
  }
  running = false;
}

parentPort?.on("message", (job: WorkerJob) => {
  queue.push(job);
  void drain();
});

parentPort?.postMessage({ id: 0 } satisfies WorkerReply);
