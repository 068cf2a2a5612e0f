// A pool of scan worker threads (one per core by default, --jobs N). Each target runs in a worker
// under a wall-clock deadline (terminate) and a heap cap (resourceLimits) that bind even inside
// synchronous parsing and hashing; a target over budget becomes a GW001 error, the worker is
// replaced, and the rest of the run goes on. Results are merged by the walker in walk order.
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { errorResult, type DirJob, type Executor, type FileJob, type TargetResult } from "../walk.js";
import type { Limits } from "../core/limits.js";
import type { NodeTree } from "./node-tree.js";
import { startWorker, takeEarlyWorker } from "./prestart.js";
import type { WorkerJob, WorkerReply } from "./worker.js";

export interface PoolOptions {
  /** Worker threads (default: one per core). */
  jobs?: number;
  /** Heap cap of each worker, MiB. */
  memoryMb: number;
  /** Per-target wall-clock budget, ms (the in-worker soft deadline is the same; the hard stop follows shortly after). */
  timeoutMs: number;
  hash: boolean;
  hashMaxBytes?: number;
  limits: Partial<Limits>;
}

interface Task {
  job: WorkerJob;
  resolve: (r: TargetResult) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Jobs sent to this worker, in the order it runs them (the first is running or about to). */
  tasks: Task[];
  timer?: ReturnType<typeof setTimeout>;
}

/** Jobs in flight per worker: the next one is already there when the current one ends. */
const IN_FLIGHT = 2;

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: PoolOptions) {}

  private get size(): number {
    return Math.max(1, this.opts.jobs ?? defaultJobs());
  }

  private spawn(): Slot {
    const early = takeEarlyWorker(this.opts.memoryMb);
    const worker = early?.worker ?? startWorker(this.opts.memoryMb);
    const slot: Slot = { worker, ready: early?.ready ?? false, tasks: [] };
    worker.on("message", (m: WorkerReply) => {
      if (m.id === 0) {
        slot.ready = true;
        this.pump();
        return;
      }
      const t = slot.tasks[0];
      if (!t || t.job.id !== m.id) return;
      if (m.start) {
        this.arm(slot, t);
        return;
      }
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = undefined;
      slot.tasks.shift();
      t.resolve(m.result ?? errorResult(t.job.display, `scan failed: ${m.crash ?? "no result"}`, "unknown", t.job.details));
      this.pump();
    });
    worker.on("error", (e: Error & { code?: string }) => {
      const oom = e.code === "ERR_WORKER_OUT_OF_MEMORY" || /out of memory|heap/i.test(e.message);
      this.fail(slot, oom ? `scan of this target exceeded the ${this.opts.memoryMb} MiB memory cap (stopped)` : `scan failed: ${e.message}`);
    });
    worker.on("exit", () => {
      if (this.slots.includes(slot)) this.fail(slot, "scan worker exited unexpectedly");
    });
    return slot;
  }

  /** Starts the deadline of the job the worker has just begun. */
  private arm(slot: Slot, task: Task): void {
    if (slot.timer) clearTimeout(slot.timer);
    // The worker checks the same deadline itself and reports a clean error; the hard stop catches
    // synchronous code that never reaches a check.
    const grace = Math.min(2000, Math.max(250, this.opts.timeoutMs / 10));
    slot.timer = setTimeout(() => {
      if (slot.tasks[0] === task) this.fail(slot, `scan of this target exceeded ${Math.round(this.opts.timeoutMs / 1000)} s (stopped)`);
    }, this.opts.timeoutMs + grace);
  }

  /**
   * A worker overran, ran out of memory or died: its running job gets the error, the jobs queued
   * behind it go back to the pool, and a fresh worker replaces it.
   */
  private fail(slot: Slot, message: string): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    const [running, ...waiting] = slot.tasks.splice(0);
    void slot.worker.terminate().catch(() => undefined);
    this.queue.unshift(...waiting);
    if (running) running.resolve(errorResult(running.job.display, message, "unknown", running.job.details));
    this.pump();
  }

  private pump(): void {
    if (this.closed) return;
    while (this.queue.length) {
      const slot = this.slots.filter((s) => s.ready && s.tasks.length < IN_FLIGHT).sort((a, b) => a.tasks.length - b.tasks.length)[0];
      if (!slot || slot.tasks.length > 0) {
        // Start another worker if the pool is not full and every worker is busy or loading.
        if (this.slots.length < this.size && this.slots.filter((s) => !s.ready).length < this.queue.length) {
          this.slots.push(this.spawn());
          continue;
        }
        if (!slot) return;
      }
      const task = this.queue.shift()!;
      slot.tasks.push(task);
      slot.worker.postMessage(task.job);
    }
  }

  private submit(job: Omit<WorkerJob, "id" | "opts">): Promise<TargetResult> {
    return new Promise((resolve) => {
      const full: WorkerJob = { ...job, id: this.nextId++, opts: { hash: this.opts.hash, hashMaxBytes: this.opts.hashMaxBytes, limits: this.opts.limits } };
      this.queue.push({ job: full, resolve });
      this.pump();
    });
  }

  /** An executor that scans the targets of `tree` in this pool. */
  executor(tree: NodeTree): Executor {
    const where = (p: string): { root: string; path: string; raw?: Uint8Array } => {
      const abs = tree.abs(p);
      return typeof abs === "string" ? { root: tree.root, path: p } : { root: tree.root, path: p, raw: new Uint8Array(abs) };
    };
    return {
      file: (job: FileJob) => this.submit({ kind: "file", ...where(job.path), display: job.display, details: job.details }),
      dir: (job: DirJob) => this.submit({ kind: "dir", ...where(job.path), display: job.display, details: job.details, handler: job.handler }),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = this.slots.splice(0);
    await Promise.all(all.map((s) => s.worker.terminate().catch(() => undefined)));
  }
}
