// graphwarden-service serve | worker: the HTTP API and the queue workers. Settings come from the
// environment (see the README's "Service and workers"); `serve --inline` needs neither Redis nor
// PostgreSQL (in-process queue, results in memory: one process, nothing kept across restarts).
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildApp } from "./app.js";
import { processScan } from "./jobs.js";
import { BullQueue, InlineQueue, redisConnection, startBullWorker, type JobQueue } from "./queue.js";
import { Scanner } from "./scanner.js";
import { MemoryStore, PgStore, type Store } from "./store.js";

const env = process.env;
/** Shutdown waits this long for in-flight work (a job not finished by then is taken again by another worker). */
const within = (p: Promise<unknown>, ms = 10_000): Promise<unknown> => Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, ms).unref())]);
const num = (v: string | undefined, d: number): number => (v && Number.isFinite(Number(v)) ? Number(v) : d);

function settings() {
  return {
    host: env["GW_HOST"] ?? "127.0.0.1",
    port: num(env["GW_PORT"], 8080),
    redisUrl: env["GW_REDIS_URL"] ?? "redis://127.0.0.1:6379",
    databaseUrl: env["GW_DATABASE_URL"] ?? env["DATABASE_URL"] ?? "postgres://127.0.0.1:5432/graphwarden",
    root: env["GW_SCAN_ROOT"] || undefined,
    spoolDir: env["GW_SPOOL_DIR"] ?? join(tmpdir(), "graphwarden-spool"),
    token: env["GW_TOKEN"] || undefined,
    maxUploadBytes: num(env["GW_MAX_UPLOAD_MB"], 512) * 1024 * 1024,
    allowUrls: env["GW_ALLOW_URLS"] === "1",
    lockMs: num(env["GW_LOCK_MS"], 30_000),
    reconcileSec: num(env["GW_RECONCILE_SEC"], 30),
    holdMs: num(env["GW_FAULT_HOLD_MS"], 0),
    timeoutSec: env["GW_TIMEOUT_SEC"] ? num(env["GW_TIMEOUT_SEC"], 120) : undefined,
    maxFetchMb: env["GW_MAX_FETCH_MB"] ? num(env["GW_MAX_FETCH_MB"], 256) : undefined,
    concurrency: Math.max(1, Math.floor(num(env["GW_WORKER_CONCURRENCY"], 2))),
  };
}

const USAGE = `usage: graphwarden-service serve [--inline] | worker
  serve     HTTP API on GW_HOST:GW_PORT (default 127.0.0.1:8080); jobs go to Redis (GW_REDIS_URL),
            scans and results to PostgreSQL (GW_DATABASE_URL). --inline: no Redis or PostgreSQL,
            scans run in this process and are kept in memory.
  worker    takes scan jobs from Redis (GW_WORKER_CONCURRENCY at a time, default 2: one is scanned
            while the next is fetched and the last one stored; scans run on one thread) and
            stores results in PostgreSQL.
`;

async function serve(inline: boolean): Promise<void> {
  const s = settings();
  await mkdir(s.spoolDir, { recursive: true });
  let store: Store;
  let queue: JobQueue;
  let scanner: Scanner | undefined;
  if (inline) {
    store = new MemoryStore();
    const sc = new Scanner({ timeoutSec: s.timeoutSec, maxFetchMb: s.maxFetchMb });
    scanner = sc;
    queue = new InlineQueue((id) => processScan(id, { store, scanner: sc, root: s.root }));
  } else {
    store = new PgStore(s.databaseUrl);
    queue = new BullQueue(redisConnection(s.redisUrl));
  }
  await store.init();
  const app = await buildApp({ store, queue, root: s.root, spoolDir: s.spoolDir, token: s.token, maxUploadBytes: s.maxUploadBytes, allowUrls: s.allowUrls });
  // Scans recorded but whose job never reached the queue (the API died between the two, or Redis
  // lost its data) are queued again; a job that exists already is not duplicated (jobId = scan id).
  const reconcile = async (): Promise<void> => {
    for (const r of await store.queuedBefore(s.reconcileSec * 1000, 1000)) await queue.add(r.id);
  };
  const timer = inline ? undefined : setInterval(() => void reconcile().catch(() => undefined), s.reconcileSec * 1000);
  if (!inline) await reconcile().catch(() => undefined);
  const stop = async (): Promise<void> => {
    clearInterval(timer);
    await within(app.close());
    await within(queue.close());
    await within(scanner?.close() ?? Promise.resolve());
    await within(store.close());
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
  const addr = await app.listen({ host: s.host, port: s.port });
  process.stdout.write(`graphwarden-service listening on ${addr}\n`);
}

async function worker(): Promise<void> {
  const s = settings();
  const store = new PgStore(s.databaseUrl, Math.max(2, s.concurrency + 1));
  await store.init();
  const scanner = new Scanner({ timeoutSec: s.timeoutSec, maxFetchMb: s.maxFetchMb });
  const log = env["GW_WORKER_LOG"] === "1" ? (l: string) => process.stdout.write(`${l}\n`) : undefined;
  const w = startBullWorker((id) => processScan(id, { store, scanner, root: s.root, holdMs: s.holdMs, log }), (id, e) => store.fail(id, e), {
    connection: redisConnection(s.redisUrl),
    lockMs: s.lockMs,
    concurrency: s.concurrency,
  });
  const stop = async (): Promise<void> => {
    await within(w.close());
    await within(scanner.close());
    await within(store.close());
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
  await w.waitUntilReady();
  process.stdout.write("graphwarden-service worker ready\n");
}

export async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { inline: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  const cmd = positionals[0];
  if (values.help || !cmd) {
    process.stdout.write(USAGE);
    return;
  }
  if (cmd === "serve") return serve(values.inline === true);
  if (cmd === "worker") return worker();
  process.stderr.write(USAGE);
  process.exitCode = 2;
}
