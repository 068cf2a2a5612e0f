// The job queue: BullMQ on Redis in production; an in-process queue for tests and `serve --inline`.
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";

export const QUEUE_NAME = "graphwarden-scans";

export interface JobQueue {
  add(scanId: string): Promise<void>;
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** Runs jobs one at a time in this process (no Redis): the API's tests and a single-process service. */
export class InlineQueue implements JobQueue {
  private chain: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  constructor(private readonly run: (scanId: string) => Promise<unknown>) {}
  async add(scanId: string): Promise<void> {
    this.waiting++;
    this.chain = this.chain.then(async () => {
      this.waiting--;
      await this.run(scanId).catch(() => undefined);
    });
  }
  async counts(): Promise<Record<string, number>> {
    return { waiting: this.waiting };
  }
  /** Resolves when every job added so far has run. */
  idle(): Promise<unknown> {
    return this.chain;
  }
  async close(): Promise<void> {
    await this.chain;
  }
}

/** A Redis client for BullMQ: it retries every request until Redis is back (a restart loses nothing). */
export function redisConnection(url: string): Redis {
  const r = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  r.on("error", () => undefined);
  return r;
}

export const JOB_ATTEMPTS = 5;

export class BullQueue implements JobQueue {
  readonly queue: Queue;
  constructor(private readonly connection: Redis) {
    this.queue = new Queue(QUEUE_NAME, { connection });
    this.queue.on("error", () => undefined);
  }
  async add(scanId: string): Promise<void> {
    // jobId = scan id: adding the same scan again while its job exists is a no-op.
    await this.queue.add(
      "scan",
      { scanId },
      { jobId: scanId, attempts: JOB_ATTEMPTS, backoff: { type: "exponential", delay: 500 }, removeOnComplete: { age: 3600, count: 20000 }, removeOnFail: { age: 86400 } },
    );
  }
  async counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts("waiting", "active", "delayed", "completed", "failed", "prioritized");
  }
  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}

export interface WorkerOptions {
  connection: Redis;
  concurrency?: number;
  /** How long a job's lock lasts without renewal: a killed worker's job is taken again after about this long. */
  lockMs?: number;
}

export function startBullWorker(run: (scanId: string) => Promise<unknown>, onFinalFailure: (scanId: string, error: string) => Promise<void>, o: WorkerOptions): Worker {
  const lockDuration = o.lockMs ?? 30_000;
  const w = new Worker(QUEUE_NAME, async (job) => run((job.data as { scanId: string }).scanId), {
    connection: o.connection,
    concurrency: o.concurrency ?? 1,
    lockDuration,
    stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
    // A job whose worker died is taken again (at-least-once), up to this many times.
    maxStalledCount: 5,
  });
  w.on("failed", (job, err) => {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) void onFinalFailure((job.data as { scanId: string }).scanId, err.message).catch(() => undefined);
  });
  w.on("error", () => undefined);
  return w;
}
