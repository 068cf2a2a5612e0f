// A pool of scan worker threads (one per core at most, --jobs N). Each target runs in a worker
// under a wall-clock deadline (terminate) and a heap cap (resourceLimits) that bind even inside
// synchronous parsing and hashing; a target over budget becomes a GW001 error, the worker is
// replaced, and the rest of the run goes on. Results are merged by the walker in walk order.
//
// Cost per target is kept small: jobs go to a worker in batches and results come back in batches
// (not two messages per file); each job's start is written to memory shared with the worker, and
// one watchdog timer reads it, so deadlines need no message either. A worker costs a module load
// (engines and name tables): a second one starts only when enough work is waiting for it to pay.
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { errorResult, type DirJob, type Executor, type FileJob, type TargetResult } from "../walk.js";
import type { Limits } from "../core/limits.js";
import type { NodeTree } from "./node-tree.js";
import { startWorker, takeEarlyWorker } from "./prestart.js";
import type { WorkerJob, WorkerReply } from "./worker.js";
import type { RemoteOptions } from "../remote/http-source.js";
import type { RemoteTreeSpec } from "../remote/trees.js";

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
  /** Bytes the walk saw (a scheduling weight). */
  weight: number;
  resolve: (r: TargetResult) => void;
}

interface Slot {
  worker: Worker;
  /** Shared with the worker once it has loaded: [0] running job id (0: none), [1] its start (ms). */
  beat?: BigInt64Array;
  /** Jobs sent to this worker and not yet answered, in the order it runs them. */
  tasks: Map<number, Task>;
  /** Sum of their weights. */
  weight: number;
  /** When it was started (or taken early), when it said it had loaded, and how many jobs it answered. */
  spawnedAt: number;
  readyAt?: number;
  answered: number;
}

/** Most jobs, and bytes, in flight per worker (at least one job): the next ones are there when one ends. */
const MAX_IN_FLIGHT = 64;
const MAX_IN_FLIGHT_BYTES = 4 * 1024 * 1024;
/**
 * Another worker costs a module load (about 0.2 s of CPU on an idle machine) and warms its own
 * caches: it starts only when work waits that no worker has room for and the work still expected
 * (jobs waiting x the time a job has taken so far) is more than twice what the first worker took
 * to load; or when a job has run that long while others wait (one long target); or when the
 * waiting work is plainly large. Both sides of the comparison slow down alike on a busy machine.
 * Measured (bench/folder.ts, busy 2-core machine): starting the second worker as soon as 8 jobs
 * waited cost 1.5x the CPU of --jobs 1 on 200 Keras files (about 0.1 s of work) and 1.35x on 2,000.
 */
const SPAWN_JOBS = 4096;
const SPAWN_BYTES = 256 * 1024 * 1024;
/** Until a worker has loaded (or if it was taken already loaded), its load time is taken to be this. */
const DEFAULT_LOAD_MS = 200;
/** Jobs answered before their average is trusted (the first ones run cold: code not yet optimised, caches empty). */
const MIN_SAMPLE = 64;
/** Scheduling weight of a directory artifact or a file of unknown size. */
const UNKNOWN_WEIGHT = 1024 * 1024;
/** A worker that fails to load this many times in a row ends the run's remaining jobs with the error. */
const MAX_LOAD_FAILURES = 3;

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private queuedWeight = 0;
  private nextId = 1;
  private closed = false;
  private loadFailures = 0;
  private watchdog?: ReturnType<typeof setInterval>;
  private spawnCheck?: ReturnType<typeof setTimeout>;
  /** How long the first worker took to load, ms. */
  private loadMs?: number;

  constructor(private readonly opts: PoolOptions) {}

  private get size(): number {
    return Math.max(1, this.opts.jobs ?? defaultJobs());
  }

  /** How long after its deadline a job that never reaches an in-worker check is stopped. */
  private get grace(): number {
    return Math.min(2000, Math.max(250, this.opts.timeoutMs / 10));
  }

  private spawn(): Slot {
    const early = takeEarlyWorker(this.opts.memoryMb);
    const worker = early?.worker ?? startWorker(this.opts.memoryMb);
    const slot: Slot = { worker, tasks: new Map(), weight: 0, spawnedAt: early?.startedAt ?? Date.now(), answered: 0 };
    if (early?.loadMs !== undefined) this.loadMs ??= early.loadMs;
    const onReady = (beat: BigInt64Array): void => {
      slot.beat = beat;
      slot.readyAt = Date.now();
      // The first worker's load time is the price of another one.
      this.loadMs ??= slot.readyAt - slot.spawnedAt;
      this.loadFailures = 0;
    };
    // An early worker that has loaded already: its load time was taken above.
    if (early?.beat) onReady(early.beat);
    worker.on("message", (m: WorkerReply) => {
      if (m.ready) onReady(m.ready.beat);
      slot.answered += m.done?.length ?? 0;
      for (const d of m.done ?? []) {
        const t = slot.tasks.get(d.id);
        if (!t) continue;
        slot.tasks.delete(d.id);
        slot.weight -= t.weight;
        t.resolve(d.result ?? errorResult(t.job.display, `scan failed: ${d.crash ?? "no result"}`, "unknown", t.job.details));
      }
      this.pump();
    });
    worker.on("error", (e: Error & { code?: string }) => {
      const oom = e.code === "ERR_WORKER_OUT_OF_MEMORY" || /out of memory|heap/i.test(e.message);
      this.fail(slot, oom ? `scan of this target exceeded the ${this.opts.memoryMb} MiB memory cap (stopped)` : `scan failed: ${e.message}`);
    });
    worker.on("exit", () => {
      if (this.slots.includes(slot)) this.fail(slot, "scan worker exited unexpectedly");
    });
    this.watch();
    return slot;
  }

  /** One timer for all workers: a job past its deadline plus the grace is stopped with its worker. */
  private watch(): void {
    if (this.watchdog) return;
    const tick = Math.max(50, Math.min(250, this.grace / 2));
    this.watchdog = setInterval(() => {
      const now = Date.now();
      for (const slot of [...this.slots]) {
        if (!slot.beat) continue;
        const id = Number(Atomics.load(slot.beat, 0));
        if (id === 0) continue;
        const started = Number(Atomics.load(slot.beat, 1));
        // Re-read: the job may have ended (and the next begun) between the two loads.
        if (Number(Atomics.load(slot.beat, 0)) !== id) continue;
        if (now - started > this.opts.timeoutMs + this.grace) this.fail(slot, `scan of this target exceeded ${Math.round(this.opts.timeoutMs / 1000)} s (stopped)`, id);
      }
    }, tick);
    this.watchdog.unref();
  }

  /**
   * A worker overran, ran out of memory or died: the job it was running gets the error, the jobs
   * queued behind it go back to the pool, and a fresh worker replaces it.
   */
  private fail(slot: Slot, message: string, overdue?: number): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    const runningId = overdue ?? (slot.beat ? Number(Atomics.load(slot.beat, 0)) : 0);
    const all = [...slot.tasks.values()];
    slot.tasks.clear();
    slot.weight = 0;
    void slot.worker.terminate().catch(() => undefined);
    let running: Task | undefined;
    if (!slot.beat) {
      // It never loaded: nothing of ours ran. After repeated failures, the jobs end with the error.
      if (++this.loadFailures >= MAX_LOAD_FAILURES) {
        for (const t of [...all, ...this.queue.splice(0)]) t.resolve(errorResult(t.job.display, message, "unknown", t.job.details));
        this.queuedWeight = 0;
        return;
      }
    } else {
      // The running job is the one the worker announced; between jobs, the first unanswered one.
      running = all.find((t) => t.job.id === runningId) ?? all[0];
    }
    const waiting = all.filter((t) => t !== running);
    this.queue.unshift(...waiting);
    this.queuedWeight += waiting.reduce((n, t) => n + t.weight, 0);
    if (running) running.resolve(errorResult(running.job.display, message, "unknown", running.job.details));
    this.pump();
  }

  /** Is the work still expected worth another worker's load (see SPAWN_JOBS)? */
  private anotherWorkerPays(): boolean {
    if (this.queue.length > SPAWN_JOBS || this.queuedWeight > SPAWN_BYTES) return true;
    const price = 2 * (this.loadMs ?? DEFAULT_LOAD_MS);
    const now = Date.now();
    let busy = 0;
    let answered = 0;
    let waiting = this.queue.length;
    for (const s of this.slots) {
      waiting += s.tasks.size;
      if (s.readyAt === undefined) continue;
      busy += now - s.readyAt;
      answered += s.answered;
      // One job running longer than the price while others wait.
      if (s.beat && Atomics.load(s.beat, 0) !== 0n && now - Number(Atomics.load(s.beat, 1)) > price) return true;
    }
    if (answered < MIN_SAMPLE) return busy > price;
    return (waiting * busy) / answered / this.slots.length > price;
  }

  private pump(): void {
    if (this.closed) return;
    if (!this.slots.length && this.queue.length) this.slots.push(this.spawn());
    while (this.queue.length) {
      // The worker with the least in flight that still has room.
      let best: Slot | undefined;
      for (const s of this.slots) {
        if (s.tasks.size >= MAX_IN_FLIGHT || (s.tasks.size > 0 && s.weight >= MAX_IN_FLIGHT_BYTES)) continue;
        if (!best || s.weight < best.weight || (s.weight === best.weight && s.tasks.size < best.tasks.size)) best = s;
      }
      if (!best) {
        // Every worker is full: start another if the pool is not full and enough work waits.
        if (this.slots.length < this.size) {
          if (this.anotherWorkerPays()) {
            this.slots.push(this.spawn());
            continue;
          }
          // Look again soon: a long target sends no message meanwhile.
          this.spawnCheck ??= setTimeout(() => {
            this.spawnCheck = undefined;
            this.pump();
          }, 50);
          this.spawnCheck.unref();
        }
        return;
      }
      const batch: WorkerJob[] = [];
      while (this.queue.length && best.tasks.size < MAX_IN_FLIGHT && (best.tasks.size === 0 || best.weight < MAX_IN_FLIGHT_BYTES)) {
        const task = this.queue.shift()!;
        this.queuedWeight -= task.weight;
        best.tasks.set(task.job.id, task);
        best.weight += task.weight;
        batch.push(task.job);
      }
      best.worker.postMessage(batch);
    }
  }

  private submit(job: Omit<WorkerJob, "id" | "opts">, weight: number): Promise<TargetResult> {
    return new Promise((resolve) => {
      const full: WorkerJob = { ...job, id: this.nextId++, opts: { hash: this.opts.hash, hashMaxBytes: this.opts.hashMaxBytes, limits: this.opts.limits } };
      this.queue.push({ job: full, weight, resolve });
      this.queuedWeight += weight;
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
      file: (job: FileJob) => this.submit({ kind: "file", ...where(job.path), display: job.display, details: job.details }, job.size ?? UNKNOWN_WEIGHT),
      dir: (job: DirJob) => this.submit({ kind: "dir", ...where(job.path), display: job.display, details: job.details, handler: job.handler }, UNKNOWN_WEIGHT),
    };
  }

  /**
   * An executor for the targets of a remote tree (listed in this thread): each target is read and
   * scanned in a worker, under the same deadline and memory cap as a local file.
   */
  remoteExecutor(spec: RemoteTreeSpec, options: Partial<RemoteOptions>, hash: boolean): Executor {
    const remote = { spec, options, hash };
    return {
      file: (job: FileJob) => this.submit({ kind: "file", root: "", path: job.path, display: job.display, details: job.details, remote }, job.size ?? UNKNOWN_WEIGHT),
      dir: (job: DirJob) => this.submit({ kind: "dir", root: "", path: job.path, display: job.display, details: job.details, handler: job.handler, remote }, UNKNOWN_WEIGHT),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.spawnCheck) clearTimeout(this.spawnCheck);
    const all = this.slots.splice(0);
    await Promise.all(all.map((s) => s.worker.terminate().catch(() => undefined)));
  }
}
