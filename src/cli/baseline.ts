// Baselines: a team accepts today's findings once (`graphwarden baseline PATHS -o FILE`) and later
// scans (`scan --baseline FILE`) drop exactly those. An entry is keyed by the sha256 of the file
// that holds the finding + rule + member + pointer, so a changed file, or a new finding in the same
// file, still fails. A finding whose file cannot be hashed (a folder-level finding) is never
// accepted. Baselines are read only from a path named on the command line, never from the tree.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
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

async function sha256File(p: string): Promise<string | undefined> {
  try {
    if (!(await stat(p)).isFile()) return undefined;
    const h = createHash("sha256");
    for await (const chunk of createReadStream(p)) h.update(chunk as Buffer);
    return h.digest("hex");
  } catch {
    return undefined;
  }
}

/** The hash of the file that holds each finding (archive, config, saved_model.pb), cached per file. */
function hasher(report: Report): (f: Finding) => Promise<string | undefined> {
  const targets = new Map(report.targets.map((t) => [t.path, t]));
  const cache = new Map<string, Promise<string | undefined>>();
  return (f) => {
    const t = targets.get(f.location.path);
    const { file } = sarifPlace(f, t?.format, t !== undefined && t.sha256 === undefined);
    if (!cache.has(file)) cache.set(file, file === f.location.path && t?.sha256 ? Promise.resolve(t.sha256) : sha256File(file));
    return cache.get(file)!;
  };
}

function key(sha: string, f: { rule: string; member?: string | undefined; pointer?: string | undefined }): string {
  return JSON.stringify([sha, f.rule, f.member ?? "", f.pointer ?? ""]);
}

export async function makeBaseline(report: Report, reason = ""): Promise<{ baseline: Baseline; unhashed: number }> {
  const hashOf = hasher(report);
  const entries: BaselineEntry[] = [];
  const seen = new Set<string>();
  let unhashed = 0;
  for (const f of report.findings) {
    const sha = await hashOf(f);
    if (!sha) {
      unhashed++;
      continue;
    }
    const k = key(sha, { rule: f.rule, member: f.location.member, pointer: f.location.pointer });
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
export async function applyBaseline(report: Report, baseline: Baseline): Promise<{ report: Report; accepted: number }> {
  const keys = new Set(baseline.entries.map((e) => key(e.sha256, e)));
  const hashOf = hasher(report);
  const kept: Finding[] = [];
  let accepted = 0;
  for (const f of report.findings) {
    const sha = await hashOf(f);
    if (sha && keys.has(key(sha, { rule: f.rule, member: f.location.member, pointer: f.location.pointer }))) accepted++;
    else kept.push(f);
  }
  return { report: { ...report, findings: kept }, accepted };
}
