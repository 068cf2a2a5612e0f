// The HTTP API (Fastify): submit a scan (an upload streamed to the spool, a path under the scan
// root, or a URL), read its report in every CLI format, list recent scans, health and metrics.
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { VERSION } from "graphwarden";
import { FORMATS, RULES_VERSION, scannerVersion, type Format } from "./scanner.js";
import { PathError, artifactSha256, confine } from "./paths.js";
import { urlSha256, variantOf } from "./jobs.js";
import type { JobQueue } from "./queue.js";
import type { ResultKey, ScanRow, Source, Status, Store } from "./store.js";

export interface AppOptions {
  store: Store;
  queue: JobQueue;
  /** Path submissions are read under this folder only; unset: path submissions are refused. */
  root?: string;
  /** Uploads are streamed here (workers read them from here: a shared folder when they run elsewhere). */
  spoolDir: string;
  /** Bearer token required on every route but /healthz, when set. */
  token?: string;
  maxUploadBytes: number;
  /** Largest JSON request body. */
  maxBodyBytes?: number;
  /** URL submissions make the server fetch what it is told: off unless enabled. */
  allowUrls?: boolean;
  logger?: boolean;
}

const CONTENT_TYPES: Record<Format, string> = {
  json: "application/json; charset=utf-8",
  sarif: "application/sarif+json; charset=utf-8",
  text: "text/plain; charset=utf-8",
  markdown: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
};

const FAIL_ON = new Set(["critical", "high", "medium", "low", "info", "none"]);
const MAX_WAIT_SEC = 120;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function publicScan(r: ScanRow): Record<string, unknown> {
  return {
    id: r.id,
    source: r.source,
    name: r.name,
    status: r.status,
    cached: r.cached,
    attempts: r.attempts,
    artifactSha256: r.artifactSha256,
    scannerVersion: r.scannerVersion,
    rulesVersion: r.rulesVersion,
    exitCode: r.exitCode,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
  };
}

function uploadName(v: unknown): string {
  if (typeof v !== "string" || !v || v.length > 255 || v === "." || v === ".." || /[/\\\0]/.test(v)) throw new HttpError(400, "name: expected a plain file name (no folders)");
  return v;
}

function scanIdFor(idempotencyKey: unknown): string {
  if (idempotencyKey === undefined) return randomUUID();
  if (typeof idempotencyKey !== "string" || !idempotencyKey || idempotencyKey.length > 200) throw new HttpError(400, "idempotency-key: 1 to 200 characters");
  return `k-${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32)}`;
}

/** Waits for scans to leave "queued": one store query per tick for all waiting requests. */
class Waiters {
  private readonly waiting = new Map<string, Array<(s: Status | undefined) => void>>();
  private timer: ReturnType<typeof setInterval> | undefined;
  constructor(private readonly store: Store) {}
  wait(id: string, ms: number): Promise<Status | undefined> {
    return new Promise((res) => {
      let done = false;
      const finish = (s: Status | undefined): void => {
        if (done) return;
        done = true;
        clearTimeout(t);
        const l = this.waiting.get(id)?.filter((f) => f !== finish);
        if (l?.length) this.waiting.set(id, l);
        else this.waiting.delete(id);
        res(s);
      };
      const t = setTimeout(() => finish(undefined), ms);
      const l = this.waiting.get(id) ?? [];
      l.push(finish);
      this.waiting.set(id, l);
      this.timer ??= setInterval(() => void this.tick(), 50);
    });
  }
  private busy = false;
  private async tick(): Promise<void> {
    if (this.busy) return;
    if (!this.waiting.size) {
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    this.busy = true;
    try {
      const st = await this.store.statuses([...this.waiting.keys()]);
      for (const [id, s] of st) if (s !== "queued") for (const f of [...(this.waiting.get(id) ?? [])]) f(s);
    } catch {
      // The store is unreachable for a moment: the next tick tries again.
    } finally {
      this.busy = false;
    }
  }
  close(): void {
    clearInterval(this.timer);
    for (const l of this.waiting.values()) for (const f of [...l]) f(undefined);
  }
}

export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: o.logger ?? false, bodyLimit: o.maxBodyBytes ?? 64 * 1024 });
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const submitted = new Counter({ name: "graphwarden_scans_submitted_total", help: "Scans submitted, by source", labelNames: ["source"], registers: [registry] });
  const fromStore = new Counter({ name: "graphwarden_scans_answered_from_store_total", help: "Submissions answered from the result store without a scan", registers: [registry] });
  const httpDuration = new Histogram({
    name: "graphwarden_http_request_duration_seconds",
    help: "HTTP request duration",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const queueJobs = new Gauge({
    name: "graphwarden_queue_jobs",
    help: "Jobs in the scan queue, by state",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      try {
        for (const [k, v] of Object.entries(await o.queue.counts())) this.set({ state: k }, v);
      } catch {
        // Queue unreachable: the gauge keeps its last values.
      }
    },
  });
  void queueJobs;
  await mkdir(o.spoolDir, { recursive: true });
  const waiters = new Waiters(o.store);
  app.addHook("onClose", async () => waiters.close());

  const token = o.token ? Buffer.from(o.token) : undefined;
  app.addHook("onRequest", async (req, reply) => {
    (req as { startNs?: bigint }).startNs = process.hrtime.bigint();
    if (!token || req.url === "/healthz") return;
    const h = req.headers.authorization ?? "";
    const given = Buffer.from(h.startsWith("Bearer ") ? h.slice(7) : "");
    if (given.length !== token.length || !timingSafeEqual(given, token)) {
      void reply.code(401).header("www-authenticate", "Bearer").send({ error: "a valid bearer token is required" });
      return reply;
    }
  });
  app.addHook("onResponse", async (req, reply) => {
    const start = (req as { startNs?: bigint }).startNs;
    if (start === undefined) return;
    httpDuration.observe({ method: req.method, route: req.routeOptions.url ?? "unknown", status: String(reply.statusCode) }, Number(process.hrtime.bigint() - start) / 1e9);
  });
  app.setErrorHandler((e: Error & { statusCode?: number }, _req, reply) => {
    const status = e instanceof HttpError || e instanceof PathError ? e.status : (e.statusCode ?? 500);
    void reply.code(status).send({ error: status >= 500 && !(e instanceof HttpError) ? "internal error" : e.message });
  });
  // Uploads arrive as the raw request body: handed over as a stream, never buffered.
  app.addContentTypeParser("application/octet-stream", (_req, payload, done) => done(null, payload));

  const failOnOf = (v: unknown): string => {
    if (v === undefined) return "medium";
    if (typeof v !== "string" || !FAIL_ON.has(v)) throw new HttpError(400, "failOn: one of critical, high, medium, low, info, none");
    return v;
  };

  /** Answers from the store when the artifact was seen, else records the scan and queues it. */
  const submit = async (id: string, source: Source, name: string, base: string | null, failOn: string, sha: string): Promise<{ row: ScanRow; created: boolean }> => {
    const key: ResultKey = { artifactSha256: sha, scannerVersion: scannerVersion(), rulesVersion: RULES_VERSION, variant: variantOf(source, name, failOn, id) };
    const hit = source === "url" ? undefined : await o.store.findResult(key);
    const now = new Date();
    const row: ScanRow = {
      id,
      source,
      name,
      base,
      failOn,
      status: hit ? "done" : "queued",
      cached: !!hit,
      attempts: 0,
      artifactSha256: hit ? sha : null,
      scannerVersion: hit ? key.scannerVersion : null,
      rulesVersion: hit ? key.rulesVersion : null,
      variant: hit ? key.variant : null,
      exitCode: hit ? hit.exitCode : null,
      error: null,
      createdAt: now,
      finishedAt: hit ? now : null,
    };
    const r = await o.store.insertScan(row);
    if (r.created) {
      submitted.inc({ source });
      if (hit) fromStore.inc();
      else await o.queue.add(id);
    }
    return r;
  };

  const waitFor = async (row: ScanRow, wait: unknown): Promise<ScanRow> => {
    const sec = wait === undefined ? 0 : Number(wait);
    if (!Number.isFinite(sec) || sec < 0) throw new HttpError(400, "wait: seconds, 0 or more");
    if (row.status !== "queued" || sec === 0) return row;
    await waiters.wait(row.id, Math.min(sec, MAX_WAIT_SEC) * 1000);
    return (await o.store.getScan(row.id)) ?? row;
  };

  const answer = (reply: FastifyReply, r: { row: ScanRow; created: boolean }): FastifyReply =>
    reply.code(r.row.status === "queued" ? 202 : 200).send({ ...publicScan(r.row), created: r.created });

  app.get("/healthz", async () => ({ ok: true, version: VERSION, scannerVersion: scannerVersion(), rulesVersion: RULES_VERSION }));

  app.get("/metrics", async (_req, reply) => reply.header("content-type", registry.contentType).send(await registry.metrics()));

  app.post("/scans", async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const id = scanIdFor(req.headers["idempotency-key"]);
    const ct = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (ct === "application/octet-stream") {
      const body = req.body as Readable;
      const name = uploadName(q["name"]);
      const failOn = failOnOf(q["failOn"]);
      const declared = Number(req.headers["content-length"] ?? NaN);
      if (Number.isFinite(declared) && declared > o.maxUploadBytes) {
        void reply.header("connection", "close");
        throw new HttpError(413, `upload over the ${o.maxUploadBytes}-byte limit`);
      }
      const existing = await o.store.getScan(id);
      if (existing) {
        body.resume();
        return answer(reply, { row: await waitFor(existing, q["wait"]), created: false });
      }
      // Streamed to a private folder, hashed on the way, then moved to its scan's spool folder.
      const part = join(o.spoolDir, `${id}.${randomUUID()}.part`);
      await mkdir(part, { recursive: true });
      const h = createHash("sha256");
      let n = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          n += chunk.length;
          if (n > o.maxUploadBytes) return cb(new HttpError(413, `upload over the ${o.maxUploadBytes}-byte limit`));
          h.update(chunk);
          cb(null, chunk);
        },
      });
      try {
        await pipeline(body, meter, createWriteStream(join(part, name)));
      } catch (e) {
        await rm(part, { recursive: true, force: true });
        if (e instanceof HttpError) {
          void reply.header("connection", "close");
          throw e;
        }
        throw new HttpError(400, "upload interrupted");
      }
      const dir = join(o.spoolDir, id);
      let r: { row: ScanRow; created: boolean };
      try {
        await rename(part, dir);
      } catch {
        // Another request with the same idempotency key got there first.
        await rm(part, { recursive: true, force: true });
        const again = await o.store.getScan(id);
        if (again) return answer(reply, { row: await waitFor(again, q["wait"]), created: false });
        throw new HttpError(409, "a submission with this idempotency key is in progress");
      }
      try {
        r = await submit(id, "upload", name, dir, failOn, h.digest("hex"));
      } catch (e) {
        if (!(await o.store.getScan(id).catch(() => undefined))) await rm(dir, { recursive: true, force: true });
        throw e;
      }
      if (r.row.status === "done" && r.created) await rm(dir, { recursive: true, force: true });
      return answer(reply, { row: await waitFor(r.row, q["wait"]), created: r.created });
    }
    if (ct !== "application/json") throw new HttpError(415, "send application/json ({path} or {url}) or an application/octet-stream upload");
    const b = (req.body ?? {}) as Record<string, unknown>;
    const failOn = failOnOf(b["failOn"] ?? q["failOn"]);
    const existing = await o.store.getScan(id);
    if (existing) return answer(reply, { row: await waitFor(existing, q["wait"]), created: false });
    if (typeof b["path"] === "string" && b["url"] === undefined) {
      if (!o.root) throw new HttpError(403, "path submissions are disabled (no scan root configured)");
      const { display, abs } = await confine(o.root, b["path"]);
      const r = await submit(id, "path", display, null, failOn, await artifactSha256(abs));
      return answer(reply, { row: await waitFor(r.row, q["wait"]), created: r.created });
    }
    if (typeof b["url"] === "string" && b["path"] === undefined) {
      if (!o.allowUrls) throw new HttpError(403, "URL submissions are disabled (GW_ALLOW_URLS=1 enables them)");
      const url = b["url"];
      if (!/^(https?:\/\/|hf:\/\/)/i.test(url) || url.length > 4096) throw new HttpError(400, "url: https://..., http://... or hf://org/name[@revision]");
      const r = await submit(id, "url", url, null, failOn, urlSha256(url));
      return answer(reply, { row: await waitFor(r.row, q["wait"]), created: r.created });
    }
    throw new HttpError(400, "expected a JSON body with exactly one of path or url");
  });

  app.get("/scans", async (req) => {
    const limit = Number((req.query as Record<string, unknown>)["limit"] ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new HttpError(400, "limit: 1 to 1000");
    return { scans: (await o.store.listScans(limit)).map(publicScan) };
  });

  const scanOr404 = async (id: string): Promise<ScanRow> => {
    const r = id.length <= 64 ? await o.store.getScan(id) : undefined;
    if (!r) throw new HttpError(404, "no such scan");
    return r;
  };

  app.get("/scans/:id", async (req, reply) => {
    const row = await waitFor(await scanOr404((req.params as { id: string }).id), (req.query as Record<string, unknown>)["wait"]);
    return reply.code(row.status === "queued" ? 202 : 200).send(publicScan(row));
  });

  app.get("/scans/:id/report", async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const format = (q["format"] ?? "json") as Format;
    if (!FORMATS.includes(format)) throw new HttpError(400, `format: one of ${FORMATS.join(", ")}`);
    const row = await waitFor(await scanOr404((req.params as { id: string }).id), q["wait"]);
    if (row.status === "queued") return reply.code(202).send(publicScan(row));
    if (row.status === "error") return reply.code(422).send(publicScan(row));
    const res = await o.store.findResult({ artifactSha256: row.artifactSha256!, scannerVersion: row.scannerVersion!, rulesVersion: row.rulesVersion!, variant: row.variant! });
    if (!res) throw new HttpError(500, "result missing from the store");
    return reply.header("content-type", CONTENT_TYPES[format]).header("x-graphwarden-exit-code", String(row.exitCode)).send(res.renders[format]);
  });

  return app;
}
