// One scan job, run by a worker (or in process): idempotent, so that a job delivered twice (a
// worker killed mid-job, a stalled lock) still ends with one result and one done transition.
import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { RULES_VERSION, UPLOAD_SARIF_ROOT, scannerVersion, type Scanner } from "./scanner.js";
import { artifactSha256, confine, sha256File } from "./paths.js";
import type { ResultKey, ScanRow, Store } from "./store.js";

export interface JobDeps {
  store: Store;
  scanner: Scanner;
  /** Root for path submissions (checked again here: the file system may have changed). */
  root?: string;
  /** Fault injection for the proof script only: hold each job this long before scanning. */
  holdMs?: number;
  log?: (line: string) => void;
}

/** What the report's text depends on besides the artifact's bytes. A URL's content may change: each URL scan is its own. */
export function variantOf(source: ScanRow["source"], name: string, failOn: string, scanId: string): string {
  const v = source === "url" ? ["url", name, failOn, scanId] : [name, failOn];
  return createHash("sha256").update(JSON.stringify(v)).digest("hex").slice(0, 32);
}

export function urlSha256(url: string): string {
  return createHash("sha256").update(`url\0${url}`).digest("hex");
}

export async function keyFor(row: ScanRow, root: string | undefined): Promise<ResultKey> {
  let sha: string;
  if (row.source === "url") sha = urlSha256(row.name);
  else if (row.source === "upload") sha = await sha256File(join(row.base ?? "", row.name));
  else {
    if (!root) throw new Error("path submissions need a scan root (GW_SCAN_ROOT)");
    sha = await artifactSha256((await confine(root, row.name)).abs);
  }
  return { artifactSha256: sha, scannerVersion: scannerVersion(), rulesVersion: RULES_VERSION, variant: variantOf(row.source, row.name, row.failOn, row.id) };
}

export type JobOutcome = "missing" | "already-done" | "from-store" | "scanned";

export async function processScan(id: string, deps: JobDeps): Promise<JobOutcome> {
  const row = await deps.store.beginAttempt(id);
  if (!row) return "missing";
  deps.log?.(`start ${id} attempt ${row.attempts}`);
  try {
    if (row.status === "done") return "already-done";
    if (deps.holdMs) await new Promise((r) => setTimeout(r, deps.holdMs));
    const key = await keyFor(row, deps.root);
    const hit = await deps.store.findResult(key);
    if (hit) {
      await deps.store.complete(id, key, undefined, hit.exitCode, true);
      deps.log?.(`done ${id} from-store`);
      return "from-store";
    }
    const base = row.source === "path" ? deps.root : (row.base ?? undefined);
    const out = await deps.scanner.scan({ base, target: row.name, failOn: row.failOn as "medium", sarifRoot: row.source === "upload" ? UPLOAD_SARIF_ROOT : undefined });
    const c = await deps.store.complete(id, key, { ...key, renders: out.renders, exitCode: out.exitCode, cpuMs: out.cpuMs, bytesFetched: out.bytesFetched, scanId: id }, out.exitCode, false);
    deps.log?.(`done ${id} scanned inserted=${c.inserted} transitioned=${c.transitioned} cpu_ms=${out.cpuMs.toFixed(1)}`);
    return "scanned";
  } finally {
    // An upload's spool folder goes once its result is stored (or the scan was already done).
    const after = row.source === "upload" && row.base ? await deps.store.getScan(id) : undefined;
    if (after?.status === "done" && row.base) await rm(row.base, { recursive: true, force: true });
  }
}
