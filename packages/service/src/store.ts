// Where scans and their results live. Results are keyed by artifact sha256 + scanner version +
// rules version + variant (the name the report gives the artifact and the --fail-on level, both of
// which appear in the report's text); every write is idempotent, so a job run twice writes once.
import pg from "pg";
import { FORMATS, type Format, type Renders } from "./scanner.js";

export type Source = "upload" | "path" | "url";
export type Status = "queued" | "done" | "error";

export interface ResultKey {
  artifactSha256: string;
  scannerVersion: string;
  rulesVersion: string;
  variant: string;
}

export interface ScanRow {
  id: string;
  source: Source;
  /** The name the report gives the artifact (the path as submitted, the upload's name, the URL). */
  name: string;
  /** Directory the scan runs from (upload: its spool folder; path: the scan root). */
  base: string | null;
  failOn: string;
  status: Status;
  /** Answered from the store without a scan. */
  cached: boolean;
  attempts: number;
  artifactSha256: string | null;
  scannerVersion: string | null;
  rulesVersion: string | null;
  variant: string | null;
  exitCode: number | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface ResultRow extends ResultKey {
  renders: Renders;
  exitCode: number;
  cpuMs: number;
  bytesFetched: number;
  scanId: string;
}

export interface CompleteOutcome {
  /** This call wrote the result (false: it was already in the store). */
  inserted: boolean;
  /** This call moved the scan to done (false: it already was). */
  transitioned: boolean;
}

export interface Store {
  init(): Promise<void>;
  /** Inserts the scan unless its id exists; returns the stored row and whether it was new. */
  insertScan(row: ScanRow): Promise<{ row: ScanRow; created: boolean }>;
  getScan(id: string): Promise<ScanRow | undefined>;
  listScans(limit: number): Promise<ScanRow[]>;
  statuses(ids: readonly string[]): Promise<Map<string, Status>>;
  findResult(key: ResultKey): Promise<ResultRow | undefined>;
  beginAttempt(id: string): Promise<ScanRow | undefined>;
  complete(id: string, key: ResultKey, result: ResultRow | undefined, exitCode: number, cached: boolean): Promise<CompleteOutcome>;
  fail(id: string, error: string): Promise<void>;
  /** Scans still queued that were created more than `ms` ago (re-enqueued after a queue loss). */
  queuedBefore(ms: number, limit: number): Promise<ScanRow[]>;
  close(): Promise<void>;
}

export class MemoryStore implements Store {
  private readonly scans = new Map<string, ScanRow>();
  private readonly results = new Map<string, ResultRow>();
  private static k(key: ResultKey): string {
    return JSON.stringify([key.artifactSha256, key.scannerVersion, key.rulesVersion, key.variant]);
  }
  async init(): Promise<void> {}
  async insertScan(row: ScanRow): Promise<{ row: ScanRow; created: boolean }> {
    const old = this.scans.get(row.id);
    if (old) return { row: { ...old }, created: false };
    this.scans.set(row.id, { ...row });
    return { row: { ...row }, created: true };
  }
  async getScan(id: string): Promise<ScanRow | undefined> {
    const r = this.scans.get(id);
    return r && { ...r };
  }
  async listScans(limit: number): Promise<ScanRow[]> {
    return [...this.scans.values()].reverse().slice(0, limit).map((r) => ({ ...r }));
  }
  async statuses(ids: readonly string[]): Promise<Map<string, Status>> {
    const m = new Map<string, Status>();
    for (const id of ids) {
      const r = this.scans.get(id);
      if (r) m.set(id, r.status);
    }
    return m;
  }
  async findResult(key: ResultKey): Promise<ResultRow | undefined> {
    return this.results.get(MemoryStore.k(key));
  }
  async beginAttempt(id: string): Promise<ScanRow | undefined> {
    const r = this.scans.get(id);
    if (!r) return undefined;
    r.attempts++;
    return { ...r };
  }
  async complete(id: string, key: ResultKey, result: ResultRow | undefined, exitCode: number, cached: boolean): Promise<CompleteOutcome> {
    let inserted = false;
    if (result && !this.results.has(MemoryStore.k(key))) {
      this.results.set(MemoryStore.k(key), result);
      inserted = true;
    }
    const r = this.scans.get(id);
    if (!r || r.status === "done") return { inserted, transitioned: false };
    Object.assign(r, { ...key, status: "done", exitCode, cached, error: null, finishedAt: new Date() });
    return { inserted, transitioned: true };
  }
  async fail(id: string, error: string): Promise<void> {
    const r = this.scans.get(id);
    if (r && r.status !== "done") Object.assign(r, { status: "error", error, finishedAt: new Date() });
  }
  async queuedBefore(ms: number, limit: number): Promise<ScanRow[]> {
    const t = Date.now() - ms;
    return [...this.scans.values()].filter((r) => r.status === "queued" && r.createdAt.getTime() < t).slice(0, limit);
  }
  async close(): Promise<void> {}
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS gw_results (
  artifact_sha256 text NOT NULL,
  scanner_version text NOT NULL,
  rules_version text NOT NULL,
  variant text NOT NULL,
  ${FORMATS.map((f) => `r_${f} bytea NOT NULL`).join(",\n  ")},
  exit_code integer NOT NULL,
  cpu_ms double precision NOT NULL,
  bytes_fetched bigint NOT NULL,
  scan_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (artifact_sha256, scanner_version, rules_version, variant)
);
CREATE TABLE IF NOT EXISTS gw_scans (
  id text PRIMARY KEY,
  source text NOT NULL,
  name text NOT NULL,
  base text,
  fail_on text NOT NULL,
  status text NOT NULL,
  cached boolean NOT NULL DEFAULT false,
  attempts integer NOT NULL DEFAULT 0,
  artifact_sha256 text,
  scanner_version text,
  rules_version text,
  variant text,
  exit_code integer,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX IF NOT EXISTS gw_scans_created ON gw_scans (created_at DESC);
CREATE INDEX IF NOT EXISTS gw_scans_queued ON gw_scans (created_at) WHERE status = 'queued';
`;

type Row = Record<string, unknown>;

function scanFromRow(r: Row): ScanRow {
  return {
    id: r["id"] as string,
    source: r["source"] as Source,
    name: r["name"] as string,
    base: (r["base"] as string | null) ?? null,
    failOn: r["fail_on"] as string,
    status: r["status"] as Status,
    cached: r["cached"] as boolean,
    attempts: r["attempts"] as number,
    artifactSha256: (r["artifact_sha256"] as string | null) ?? null,
    scannerVersion: (r["scanner_version"] as string | null) ?? null,
    rulesVersion: (r["rules_version"] as string | null) ?? null,
    variant: (r["variant"] as string | null) ?? null,
    exitCode: (r["exit_code"] as number | null) ?? null,
    error: (r["error"] as string | null) ?? null,
    createdAt: r["created_at"] as Date,
    finishedAt: (r["finished_at"] as Date | null) ?? null,
  };
}

export class PgStore implements Store {
  readonly pool: pg.Pool;
  constructor(url: string, max = 5) {
    this.pool = new pg.Pool({ connectionString: url, max });
    // A lost connection is reported on the pool; queries on it fail and are retried by the caller.
    this.pool.on("error", () => undefined);
  }
  async init(): Promise<void> {
    // Two processes starting together both run the DDL: serialise them on an advisory lock.
    const c = await this.pool.connect();
    try {
      await c.query("SELECT pg_advisory_lock(727272)");
      await c.query(SCHEMA);
    } finally {
      await c.query("SELECT pg_advisory_unlock(727272)").catch(() => undefined);
      c.release();
    }
  }
  async insertScan(row: ScanRow): Promise<{ row: ScanRow; created: boolean }> {
    const r = await this.pool.query(
      `INSERT INTO gw_scans (id, source, name, base, fail_on, status, cached, artifact_sha256, scanner_version, rules_version, variant, exit_code, finished_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) ON CONFLICT (id) DO NOTHING RETURNING *`,
      [row.id, row.source, row.name, row.base, row.failOn, row.status, row.cached, row.artifactSha256, row.scannerVersion, row.rulesVersion, row.variant, row.exitCode, row.finishedAt],
    );
    if (r.rows[0]) return { row: scanFromRow(r.rows[0] as Row), created: true };
    const old = await this.getScan(row.id);
    if (!old) throw new Error(`scan ${row.id} neither inserted nor found`);
    return { row: old, created: false };
  }
  async getScan(id: string): Promise<ScanRow | undefined> {
    const r = await this.pool.query("SELECT * FROM gw_scans WHERE id = $1", [id]);
    return r.rows[0] ? scanFromRow(r.rows[0] as Row) : undefined;
  }
  async listScans(limit: number): Promise<ScanRow[]> {
    const r = await this.pool.query("SELECT * FROM gw_scans ORDER BY created_at DESC, id LIMIT $1", [limit]);
    return r.rows.map((x) => scanFromRow(x as Row));
  }
  async statuses(ids: readonly string[]): Promise<Map<string, Status>> {
    const m = new Map<string, Status>();
    if (!ids.length) return m;
    const r = await this.pool.query("SELECT id, status FROM gw_scans WHERE id = ANY($1::text[])", [ids]);
    for (const x of r.rows as Row[]) m.set(x["id"] as string, x["status"] as Status);
    return m;
  }
  async findResult(key: ResultKey): Promise<ResultRow | undefined> {
    const r = await this.pool.query(
      "SELECT * FROM gw_results WHERE artifact_sha256 = $1 AND scanner_version = $2 AND rules_version = $3 AND variant = $4",
      [key.artifactSha256, key.scannerVersion, key.rulesVersion, key.variant],
    );
    const x = r.rows[0] as Row | undefined;
    if (!x) return undefined;
    const renders = Object.fromEntries(FORMATS.map((f) => [f, (x[`r_${f}`] as Buffer).toString("utf8")])) as Record<Format, string>;
    return { ...key, renders, exitCode: x["exit_code"] as number, cpuMs: x["cpu_ms"] as number, bytesFetched: Number(x["bytes_fetched"]), scanId: x["scan_id"] as string };
  }
  async beginAttempt(id: string): Promise<ScanRow | undefined> {
    const r = await this.pool.query("UPDATE gw_scans SET attempts = attempts + 1 WHERE id = $1 RETURNING *", [id]);
    return r.rows[0] ? scanFromRow(r.rows[0] as Row) : undefined;
  }
  async complete(id: string, key: ResultKey, result: ResultRow | undefined, exitCode: number, cached: boolean): Promise<CompleteOutcome> {
    const c = await this.pool.connect();
    try {
      await c.query("BEGIN");
      let inserted = false;
      if (result) {
        const r = await c.query(
          `INSERT INTO gw_results (artifact_sha256, scanner_version, rules_version, variant, ${FORMATS.map((f) => `r_${f}`).join(", ")}, exit_code, cpu_ms, bytes_fetched, scan_id)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) ON CONFLICT DO NOTHING`,
          [key.artifactSha256, key.scannerVersion, key.rulesVersion, key.variant, ...FORMATS.map((f) => Buffer.from(result.renders[f], "utf8")), result.exitCode, result.cpuMs, result.bytesFetched, result.scanId],
        );
        inserted = r.rowCount === 1;
      }
      const u = await c.query(
        `UPDATE gw_scans SET status = 'done', artifact_sha256 = $2, scanner_version = $3, rules_version = $4, variant = $5, exit_code = $6, cached = $7, error = NULL, finished_at = now()
         WHERE id = $1 AND status <> 'done'`,
        [id, key.artifactSha256, key.scannerVersion, key.rulesVersion, key.variant, exitCode, cached],
      );
      await c.query("COMMIT");
      return { inserted, transitioned: u.rowCount === 1 };
    } catch (e) {
      await c.query("ROLLBACK").catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }
  async fail(id: string, error: string): Promise<void> {
    await this.pool.query("UPDATE gw_scans SET status = 'error', error = $2, finished_at = now() WHERE id = $1 AND status <> 'done'", [id, error]);
  }
  async queuedBefore(ms: number, limit: number): Promise<ScanRow[]> {
    const r = await this.pool.query("SELECT * FROM gw_scans WHERE status = 'queued' AND created_at < now() - ($1::double precision * interval '1 millisecond') ORDER BY created_at LIMIT $2", [ms, limit]);
    return r.rows.map((x) => scanFromRow(x as Row));
  }
  async close(): Promise<void> {
    await this.pool.end();
  }
}
