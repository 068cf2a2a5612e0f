// Baselines: a team accepts today's findings once (`graphwarden baseline PATHS -o FILE`) and later
// scans (`scan --baseline FILE`) drop exactly those. An entry is keyed by the sha256 of the file
// that holds the finding (a SavedModel: its whole folder) + rule + member + pointer + severity, so a changed
// file, a new finding in the same file, or one that got worse, still fails. A finding whose file cannot be hashed (a folder-level finding) is never
// accepted. Baselines are read only from a path named on the command line, never from the tree.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Finding, Report } from "../core/types.js";
import { sarifPlace } from "../report/sarif.js";
import { compareText } from "../core/text.js";

export interface BaselineEntry {
  sha256: string;
  rule: string;
  member?: string;
  pointer?: string;
  /** Where it was seen when the baseline was made (informational; the key is the content hash). */
  path: string;
  severity: string;
  /** Why the team accepts it; empty until someone writes it. */
  reason: string;
}

export interface Baseline {
  graphwarden: "baseline";
  version: 1;
  entries: BaselineEntry[];
}

/**
 * The sha256 of a file, or undefined when it is not a regular file, cannot be read, or is not hashed by the deadline
 * (ms since the epoch): a finding whose file is not hashed is never accepted.
 */
async function sha256File(p: string, deadline: number): Promise<string | undefined> {
  try {
    if (!(await stat(p)).isFile()) return undefined;
    const h = createHash("sha256");
    for await (const chunk of createReadStream(p, { highWaterMark: 1 << 20 })) {
      if (Date.now() > deadline) return undefined;
      h.update(chunk as Buffer);
    }
    return h.digest("hex");
  } catch {
    return undefined;
  }
}

/** Most files of a SavedModel folder hashed for its baseline key. */
const MAX_FOLDER_FILES = 10_000;

/**
 * The sha256 of a SavedModel as the loader reads it: every regular file under its folder (saved_model.pb, variables/,
 * assets/, fingerprint.pb ...), by sorted relative path and content: the checkpoint and the assets decide what its
 * graph reads and writes as much as the graph does. Undefined when a file cannot be hashed by the deadline.
 */
async function sha256Folder(dir: string, deadline: number): Promise<string | undefined> {
  const files: string[] = [];
  const walk = async (rel: string): Promise<boolean> => {
    const entries = await readdir(join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!(await walk(r))) return false;
      } else files.push(r);
      if (files.length > MAX_FOLDER_FILES || Date.now() > deadline) return false;
    }
    return true;
  };
  try {
    if (!(await walk(""))) return undefined;
  } catch {
    return undefined;
  }
  const h = createHash("sha256");
  for (const f of files.sort(compareText)) {
    const one = await sha256File(join(dir, f), deadline);
    if (one === undefined && (await stat(join(dir, f)).then((x) => x.isFile(), () => false))) return undefined;
    h.update(`${f}\0${one ?? "-"}\n`);
  }
  return h.digest("hex");
}

/**
 * The hash of the file that holds each finding (archive, config, the SavedModel folder of a saved_model.pb), cached
 * per file; each hash must be done within `budgetMs` (the scan's per-target time budget).
 */
function hasher(report: Report, budgetMs: number): (f: Finding) => Promise<string | undefined> {
  const targets = new Map(report.targets.map((t) => [t.path, t]));
  const cache = new Map<string, Promise<string | undefined>>();
  return (f) => {
    const t = targets.get(f.location.path);
    const { file } = sarifPlace(f, t?.format, t !== undefined && t.sha256 === undefined);
    if (!cache.has(file)) {
      const deadline = Date.now() + budgetMs;
      const sm = /^saved_model\.(?:pb|pbtxt|cpb)$/.test(basename(file));
      cache.set(file, sm ? sha256Folder(dirname(file), deadline) : file === f.location.path && t?.sha256 ? Promise.resolve(t.sha256) : sha256File(file, deadline));
    }
    return cache.get(file)!;
  };
}

/** An entry's key: the content hash, the rule, where in the file, and the severity (a finding that got worse is new). */
function key(sha: string, f: { rule: string; member?: string | undefined; pointer?: string | undefined; severity?: string | undefined }): string {
  return JSON.stringify([sha, f.rule, f.member ?? "", f.pointer ?? "", f.severity ?? ""]);
}

/** Default time to hash one file for a baseline (the scan's default per-target budget). */
const HASH_BUDGET_MS = 120_000;

export async function makeBaseline(report: Report, reason = "", budgetMs = HASH_BUDGET_MS): Promise<{ baseline: Baseline; unhashed: number }> {
  const hashOf = hasher(report, budgetMs);
  const entries: BaselineEntry[] = [];
  const seen = new Set<string>();
  let unhashed = 0;
  for (const f of report.findings) {
    const sha = await hashOf(f);
    if (!sha) {
      unhashed++;
      continue;
    }
    const k = key(sha, { rule: f.rule, member: f.location.member, pointer: f.location.pointer, severity: f.severity });
    if (seen.has(k)) continue;
    seen.add(k);
    const e: BaselineEntry = { sha256: sha, rule: f.rule, path: f.location.path, severity: f.severity, reason };
    if (f.location.member !== undefined) e.member = f.location.member;
    if (f.location.pointer !== undefined) e.pointer = f.location.pointer;
    entries.push(e);
  }
  entries.sort((a, b) => compareText(a.path, b.path) || compareText(a.rule, b.rule) || compareText(a.member ?? "", b.member ?? "") || compareText(a.pointer ?? "", b.pointer ?? ""));
  return { baseline: { graphwarden: "baseline", version: 1, entries }, unhashed };
}

/** Reads and checks a baseline file; throws with one clear sentence when it is not one. */
export async function readBaseline(file: string): Promise<Baseline> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new Error(`baseline ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const b = doc as Partial<Baseline> | null;
  if (!b || b.graphwarden !== "baseline" || b.version !== 1 || !Array.isArray(b.entries)) throw new Error(`baseline ${file}: not a graphwarden baseline (version 1)`);
  for (const [i, e] of b.entries.entries()) {
    const ok = e && typeof e === "object" && typeof e.sha256 === "string" && /^[0-9a-f]{64}$/.test(e.sha256) && typeof e.rule === "string" && (e.member === undefined || typeof e.member === "string") && (e.pointer === undefined || typeof e.pointer === "string");
    if (!ok) throw new Error(`baseline ${file}: entry ${i} needs sha256 (64 hex), rule, and string member/pointer`);
  }
  return b as Baseline;
}

/** Drops the findings the baseline accepts; everything else is kept as it was. */
export async function applyBaseline(report: Report, baseline: Baseline, budgetMs = HASH_BUDGET_MS): Promise<{ report: Report; accepted: number }> {
  const keys = new Set(baseline.entries.map((e) => key(e.sha256, e)));
  // (a finding no entry names by rule, place and severity is kept without hashing its file)
  const named = new Set(baseline.entries.map((e) => key("", e)));
  const hashOf = hasher(report, budgetMs);
  const kept: Finding[] = [];
  let accepted = 0;
  for (const f of report.findings) {
    if (!named.has(key("", { rule: f.rule, member: f.location.member, pointer: f.location.pointer, severity: f.severity }))) {
      kept.push(f);
      continue;
    }
    const sha = await hashOf(f);
    if (sha && keys.has(key(sha, { rule: f.rule, member: f.location.member, pointer: f.location.pointer, severity: f.severity }))) accepted++;
    else kept.push(f);
  }
  return { report: { ...report, findings: kept }, accepted };
}
