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
  /** Sent once when the worker has loaded and takes jobs. */
  ready?: {
    /**
     * Shared with the pool: [0] the id of the job running now (0: none), [1] when it started
     * (Date.now()). The pool's watchdog reads it: deadlines start when a job does, without a
     * message per job.
     */
    beat: BigInt64Array;
  };
  /** Results of finished jobs, in the order they ran (batched: one message for many small targets). */
  done?: { id: number; result?: TargetResult; crash?: string }[];
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

// The pool keeps several jobs in flight per worker so that a worker never waits for the main
// thread between targets; they run one at a time. Each job's start is written to the shared beat
// (the pool's watchdog stops a job over its deadline). Results go back in batches, not one message
// per file (each message wakes the main thread: on a busy machine that costs the worker its time
// slice): when the queue runs low (LOW left, so that the pool tops it up in time), every BATCH
// results, BATCH_MS after the first unsent one, or when no job is left after a turn of the event
// loop (which delivers jobs the pool has sent meanwhile).
const BATCH = 64;
const LOW = 16;
const BATCH_MS = 100;
const beat = new BigInt64Array(new SharedArrayBuffer(16));
const queue: WorkerJob[] = [];
let running = false;
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
async function drain(): Promise<void> {
  if (running) return;
  running = true;
  let done: NonNullable<WorkerReply["done"]> = [];
  let since = 0;
  const flush = (): void => {
    if (done.length) parentPort?.postMessage({ done } satisfies WorkerReply);
    done = [];
  };
  for (;;) {
    let job = queue.shift();
    if (!job) {
      await turn();
      job = queue.shift();
      if (!job) break;
    }
    Atomics.store(beat, 1, BigInt(Date.now()));
    Atomics.store(beat, 0, BigInt(job.id));
    try {
      done.push({ id: job.id, result: await run(job) });
    } catch (e) {
      done.push({ id: job.id, crash: e instanceof Error ? e.message : String(e) });
    }
    Atomics.store(beat, 0, 0n);
    if (done.length === 1) since = Date.now();
    if (queue.length === LOW || done.length >= BATCH || Date.now() - since >= BATCH_MS) flush();
  }
  flush();
  running = false;
}

parentPort?.on("message", (jobs: WorkerJob[]) => {
  queue.push(...jobs);
  void drain();
});

parentPort?.postMessage({ ready: { beat } } satisfies WorkerReply);
