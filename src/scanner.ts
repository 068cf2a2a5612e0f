// The scan driver: targets -> sniff -> format handler -> rules -> report. No Node-only APIs here.
import { MemorySource, sha256Hex, startsWith, type ByteSource } from "./core/bytes.js";
import { ScanContext, describeError, type Session } from "./core/context.js";
import type { DirEntry, EntryKind, FileTree, PathInfo } from "./core/fs.js";
import { MemoryTree, baseName, joinPath } from "./core/fs.js";
import type { FormatHandler, Sniffed } from "./core/handler.js";
import { DEFAULT_LIMITS, type Limits } from "./core/limits.js";
import type { Finding, Report, ScanError, TargetReport } from "./core/types.js";
import { DIR_HANDLERS, FORMAT_HANDLERS } from "./handlers.js";
import { ALL_RULES } from "./rules/index.js";
import type { Rule } from "./rules/types.js";
import { VERSION } from "./version.js";

export interface ScanOptions {
  limits?: Partial<Limits>;
  /** Compute sha256 of file targets (default true). */
  hash?: boolean;
  /** Files larger than this are not hashed: `sha256: null` and the reason in details (default: no cap). */
  hashMaxBytes?: number;
  /**
   * How to hash a file (default: WebCrypto over the whole file, files up to limits.maxHashBytes).
   * The CLI passes a streaming hasher so that large weight files are never held in memory.
   */
  hasher?: (src: ByteSource) => Promise<string | undefined>;
  rules?: readonly Rule[];
  /** Called when each target is done, with its report entry (in completion order). */
  onTarget?: (t: TargetReport, findings: readonly Finding[]) => void;
}

const HDF5_SIG = new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

export async function sniff(src: ByteSource): Promise<Sniffed> {
  const head = await src.read(0, Math.min(src.size, 4096));
  const tailLen = Math.min(src.size, 65557);
  const tail = await src.read(src.size - tailLen, tailLen);
  let hdf5Offset: number | undefined;
  for (let off = 0; off + 8 <= src.size; off = off === 0 ? 512 : off * 2) {
    const b = off + 8 <= head.length ? head.subarray(off, off + 8) : await src.read(off, 8);
    if (startsWith(b, HDF5_SIG)) {
      hdf5Offset = off;
      break;
    }
  }
  return { head, tail, hdf5Offset, name: baseName(src.name), size: src.size };
}

export function pickHandler(s: Sniffed, handlers: readonly FormatHandler[] = FORMAT_HANDLERS): FormatHandler | undefined {
  let best: FormatHandler | undefined;
  let bestScore = 0;
  for (const h of handlers) {
    const score = h.match(s);
    if (score > bestScore) {
      best = h;
      bestScore = score;
    }
  }
  return best;
}

function makeSession(opts: ScanOptions): Session & { report: Report } {
  const report: Report = { tool: { name: "graphwarden", version: VERSION }, targets: [], findings: [], errors: [] };
  const session: Session & { report: Report } = {
    report,
    findings: report.findings,
    errors: report.errors,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    deferred: [],
    deadline: Number.POSITIVE_INFINITY,
    rules: opts.rules ?? ALL_RULES,
    async scanSource(ctx: ScanContext, src: ByteSource): Promise<void> {
      await scanOne(ctx, src);
    },
  };
  return session;
}

async function scanOne(ctx: ScanContext, src: ByteSource): Promise<void> {
  let s: Sniffed;
  try {
    s = await sniff(src);
  } catch (e) {
    ctx.error(describeError("could not read", e));
    return;
  }
  const h = pickHandler(s);
  if (!h) {
    if (ctx.member) {
      ctx.detail("unsupported", true);
      ctx.dispatch("unsupported", { name: s.name, size: s.size, head: s.head, member: ctx.member });
    } else {
      ctx.target.status = "unsupported";
      ctx.target.format = "unknown";
      ctx.dispatch("unsupported", { name: s.name, size: s.size, head: s.head, member: "" });
    }
    return;
  }
  if (!ctx.member) ctx.target.format = h.id;
  else ctx.detail("format", h.id);
  await ctx.guard(`${h.id} reader`, () => h.scan(ctx, src, s));
  const format = ctx.target.format;
  for (const v of secondViews(ctx, s, h)) {
    ctx.detail("second_view", v.id);
    await ctx.guard(`${v.id} reader (second view of an HDF5/zip polyglot)`, () => v.scan(ctx, src, s));
  }
  ctx.target.format = format;
  await drain(ctx.session);
}

const ZIP_VIEWS = new Set(["keras-v3", "zip"]);

/**
 * A file can be HDF5 and zip at once; Keras picks the reader by file name, so each view may hide a
 * different model. Both are scanned: the zip view of an HDF5-first file, and the HDF5 view of a zip
 * whose reader found an HDF5 signature outside its members (detail polyglot_hdf5).
 */
function secondViews(ctx: ScanContext, s: Sniffed, primary: FormatHandler): FormatHandler[] {
  if (primary.id === "keras-h5") {
    const z = pickHandler(s, FORMAT_HANDLERS.filter((x) => ZIP_VIEWS.has(x.id)));
    return z ? [z] : [];
  }
  if (ZIP_VIEWS.has(primary.id) && ctx.getDetail("polyglot_hdf5") === true) {
    const h5 = FORMAT_HANDLERS.find((x) => x.id === "keras-h5");
    return h5 ? [h5] : [];
  }
  return [];
}

async function drain(session: Session): Promise<void> {
  for (let job = session.deferred.shift(); job; job = session.deferred.shift()) await job();
}

/** What one target produced; merged into the report in walk order (deterministic for any job count). */
export interface TargetResult {
  targets: TargetReport[];
  findings: Finding[];
  errors: ScanError[];
  /** Dir handlers: tree paths the handler consumed (the walker does not visit them again). */
  consumed?: string[];
}

export type Details = Record<string, string | number | boolean>;

/** A regular file to scan: tree path, display path and facts the walker already knows. */
export interface FileJob {
  path: string;
  display: string;
  details?: Details;
}

/** A directory-shaped artifact (SavedModel, TF.js) found by a dir handler. */
export interface DirJob {
  handler: string;
  path: string;
  display: string;
  details?: Details;
}

/** Runs targets: in process (browser, library) or in a worker pool (CLI). */
export interface Executor {
  file(job: FileJob): Promise<TargetResult>;
  dir(job: DirJob): Promise<TargetResult>;
}

/** A target that could not be scanned at all (unreadable, vanished, over a budget): GW001, exit 2. */
export function errorResult(display: string, message: string, format = "unknown", details?: Details): TargetResult {
  const t: TargetReport = { path: display, format, bytes: 0, status: "error" };
  if (details) t.details = { ...details };
  return {
    targets: [t],
    errors: [{ path: display, message }],
    findings: [{ rule: "GW001", severity: "medium", capabilities: ["unverifiable"], trigger: "unknown", location: { path: display }, message: `Could not be fully scanned: ${message}` }],
  };
}

/** A path that is never opened (FIFO, socket, device, dangling link, link loop): listed with its reason. */
export function unsupportedResult(display: string, format: string, reason: string, details?: Details): TargetResult {
  const t: TargetReport = { path: display, format, bytes: 0, status: "unsupported", details: { ...details, reason } };
  return {
    targets: [t],
    errors: [],
    findings: [{ rule: "GW002", severity: "info", capabilities: [], trigger: "none", location: { path: display }, message: `Not scanned: ${reason}.` }],
  };
}

function collect(session: Session & { report: Report }): TargetResult {
  return { targets: session.report.targets, findings: session.report.findings, errors: session.report.errors };
}

/** Scans one regular file of `tree` in this thread. */
export async function scanFileJob(tree: FileTree, job: FileJob, opts: ScanOptions = {}): Promise<TargetResult> {
  const session = makeSession(opts);
  let src: ByteSource;
  try {
    src = await tree.open(job.path);
  } catch (e) {
    return errorResult(job.display, describeError("could not open", e), "unknown", job.details);
  }
  const target: TargetReport = { path: job.display, format: "unknown", bytes: src.size, status: "scanned" };
  if (job.details) target.details = { ...job.details };
  session.report.targets.push(target);
  const ctx = new ScanContext(session, target, "");
  session.deadline = Date.now() + session.limits.targetTimeoutMs;
  // A file that will be read whole anyway (hashed), or a small one, is read once into memory: one
  // read instead of the readers' many small ones, and the hash does not read it a second time.
  const hashing = opts.hash !== false && src.size <= Math.min(opts.hashMaxBytes ?? Number.POSITIVE_INFINITY, session.limits.maxHashBytes);
  if (src.size <= (hashing ? WHOLE_READ_HASHED : WHOLE_READ_SMALL)) {
    try {
      const data = await src.read(0, src.size);
      if (data.length === src.size) src = new MemorySource(src.name, data);
    } catch (e) {
      ctx.error(describeError("could not read", e));
      return collect(session);
    }
  }
  await hashTarget(ctx, target, src, opts);
  await scanOne(ctx, src);
  return collect(session);
}

/** Files up to these sizes are read whole before scanning (hashed: the hash reads them whole anyway). */
const WHOLE_READ_HASHED = 16 * 1024 * 1024;
const WHOLE_READ_SMALL = 256 * 1024;

/** Hashing policy: sha256 of files up to `hashMaxBytes`; beyond it `sha256: null` with the reason. */
async function hashTarget(ctx: ScanContext, target: TargetReport, src: ByteSource, opts: ScanOptions): Promise<void> {
  if (opts.hash === false) return;
  const cap = Math.min(opts.hashMaxBytes ?? Number.POSITIVE_INFINITY, ctx.limits.maxHashBytes);
  if (src.size > cap) {
    target.sha256 = null;
    ctx.detail("sha256_skipped", `${src.size} bytes is above the ${cap}-byte hashing cap (use --hash to hash every file)`);
    return;
  }
  try {
    const h = opts.hasher ? await opts.hasher(src) : await sha256Hex(src, ctx.limits.maxHashBytes);
    if (h) target.sha256 = h;
  } catch (e) {
    ctx.error(describeError("could not hash", e));
  }
}

/** Scans a directory-shaped artifact of `tree` in this thread. */
export async function scanDirJob(tree: FileTree, job: DirJob, opts: ScanOptions = {}): Promise<TargetResult> {
  const session = makeSession(opts);
  const dh = DIR_HANDLERS.find((h) => h.id === job.handler);
  const t: TargetReport = { path: job.display, format: job.handler, bytes: 0, status: "scanned" };
  if (job.details) t.details = { ...job.details };
  session.report.targets.push(t);
  const ctx = new ScanContext(session, t, "");
  session.deadline = Date.now() + session.limits.targetTimeoutMs;
  let consumed = new Set<string>();
  await ctx.guard(`${job.handler} reader`, async () => {
    if (!dh) throw new Error(`no directory handler ${job.handler}`);
    consumed = await dh.scan(ctx, tree, job.path);
  });
  await drain(session);
  return { ...collect(session), consumed: [...consumed] };
}

/** Runs targets one after another in this thread. */
export function localExecutor(tree: FileTree, opts: ScanOptions = {}): Executor {
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = chain.then(fn, fn);
    chain = p.catch(() => undefined);
    return p;
  };
  return {
    file: (job) => serial(() => scanFileJob(tree, job, opts)),
    dir: (job) => serial(() => scanDirJob(tree, job, opts)),
  };
}

/**
 * State shared by the walks of one run: each real file (by identity) is scanned once, and every
 * further path that reaches it is listed in its target's `aliases`.
 */
export class WalkState {
  readonly byId = new Map<string, string[]>();
  files = 0;
}

/**
 * Scans `root` inside `tree` (a file or a directory, walked recursively).
 * `displayRoot` is how paths are shown (the user's spelling).
 */
export async function scanTree(tree: FileTree, root: string, displayRoot: string, opts: ScanOptions = {}): Promise<Report> {
  return walkTree(tree, root, displayRoot, localExecutor(tree, opts), opts);
}

function display(displayRoot: string, root: string, p: string): string {
  if (p === root) return displayRoot;
  const rel = root === "" ? p : p.slice(root.length + 1);
  return displayRoot === "" || displayRoot === "." ? rel : `${displayRoot.replace(/\/+$/, "")}/${rel}`;
}

const SPECIAL_FORMAT: Record<string, string> = { FIFO: "fifo", socket: "socket", "character device": "char-device", "block device": "block-device" };

/** Where the walker is: how paths are labelled, facts every target below inherits, the directory chain. */
interface Where {
  label: (p: string) => string;
  details?: Details;
  /** A symbolic link lies on the way here: targets below report their real path. */
  viaLink: boolean;
  /** Identities of the directories above (loop detection). */
  ancestors: Map<string, string>;
}

const HF_REPO_DIR = /^(models|datasets|spaces)--(.+)$/;

/**
 * Walks `root` and hands each target to `exec`; the report lists targets in walk order (sorted
 * names), whatever order the executor finishes them in. Never throws for a per-path failure: the
 * path becomes an error target and the walk goes on.
 */
export async function walkTree(tree: FileTree, root: string, displayRoot: string, exec: Executor, opts: ScanOptions & { state?: WalkState } = {}): Promise<Report> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const state = opts.state ?? new WalkState();
  const slots: (Promise<TargetResult> | TargetResult)[] = [];
  const aliasesOf = new Map<number, string[]>();
  const report: Report = { tool: { name: "graphwarden", version: VERSION }, targets: [], findings: [], errors: [] };
  const add = (r: Promise<TargetResult> | TargetResult): void => {
    if (opts.onTarget) {
      const tell = (x: TargetResult): void => x.targets.forEach((t) => opts.onTarget?.(t, x.findings));
      if (r instanceof Promise) void r.then(tell, () => undefined);
      else tell(r);
    }
    slots.push(r);
  };
  const safe = (p: Promise<TargetResult>, where: string): Promise<TargetResult> => p.catch((e: unknown) => errorResult(where, describeError("scan failed", e)));

  const info = async (p: string): Promise<PathInfo> => {
    if (tree.stat) return tree.stat(p);
    const kind = await tree.kind(p);
    return { kind, id: `path:${p}` };
  };
  const linkDetails = async (p: string, where: Where, isLink: boolean): Promise<Details | undefined> => {
    if (!isLink && !where.viaLink) return where.details;
    const d: Details = { ...where.details };
    try {
      if (tree.realpath) d["link_target"] = await tree.realpath(p);
      else if (tree.readlink && isLink) d["link_target"] = await tree.readlink(p);
    } catch (e) {
      d["link_target"] = describeError("unresolved", e);
    }
    return d;
  };

  const visitFile = async (p: string, where: Where, isLink: boolean, pi: PathInfo): Promise<void> => {
    const shown = where.label(p);
    if (++state.files > limits.maxTreeFiles) {
      if (state.files === limits.maxTreeFiles + 1) add(errorResult(shown, `more than ${limits.maxTreeFiles} files: stopped walking`));
      return;
    }
    const id = pi.id ?? `path:${p}`;
    const known = state.byId.get(id);
    if (known) {
      if (!known.includes(shown)) known.push(shown);
      return;
    }
    const aliases: string[] = [];
    state.byId.set(id, aliases);
    aliases.push(shown);
    aliasesOf.set(slots.length, aliases);
    const details = await linkDetails(p, where, isLink);
    add(safe(exec.file({ path: p, display: shown, details }), shown));
  };

  const visitEntry = async (p: string, e: { kind: EntryKind | "missing"; link?: boolean; special?: string }, where: Where): Promise<void> => {
    const shown = where.label(p);
    try {
      if (e.kind === "other") {
        const what = e.special ?? "special file";
        add(unsupportedResult(shown, SPECIAL_FORMAT[what] ?? "special", `a ${what} is never opened (reading it could block or take another program's data)`, await linkDetails(p, where, !!e.link)));
        return;
      }
      if (e.kind === "symlink" || e.kind === "missing") {
        const pi = await info(p);
        const why = pi.reason ?? (e.kind === "missing" ? "no such file or directory" : "link cannot be resolved");
        const d: Details = { ...where.details };
        if (tree.readlink) d["link_target"] = await tree.readlink(p).catch(() => "(unreadable)");
        if (e.kind === "missing" && !e.link) {
          add(errorResult(shown, why, "unknown", where.details));
          return;
        }
        add(unsupportedResult(shown, "symlink", `symbolic link ${why}`, d));
        return;
      }
      const pi = await info(p);
      if (pi.kind === "missing") {
        add(errorResult(shown, pi.reason ?? "vanished while the folder was walked", "unknown", where.details));
        return;
      }
      if (pi.kind !== e.kind && pi.kind !== "symlink") return visitEntry(p, { ...e, kind: pi.kind, special: pi.special }, where);
      if (e.kind === "file") return visitFile(p, where, !!e.link, pi);
      // A directory.
      const id = pi.id ?? `path:${p}`;
      const loop = where.ancestors.get(id);
      if (loop !== undefined) {
        add(unsupportedResult(shown, "symlink", `directory link loops back to ${loop}`, await linkDetails(p, where, true)));
        return;
      }
      const ancestors = new Map(where.ancestors).set(id, shown);
      const inner: Where = { ...where, ancestors, viaLink: where.viaLink || !!e.link };
      if (inner.viaLink !== where.viaLink && inner.details === where.details) inner.details = { ...where.details };
      await visitDir(p, inner);
    } catch (err) {
      add(errorResult(shown, describeError("could not examine", err), "unknown", where.details));
    }
  };

  const visitDir = async (dir: string, where: Where): Promise<void> => {
    const name = baseName(dir);
    const hf = HF_REPO_DIR.exec(name);
    if (hf && (await tree.kind(joinPath(dir, "snapshots")).catch(() => "missing")) === "dir") return visitHfRepo(dir, hf[2]!.split("--").join("/"), where);
    for (const dh of DIR_HANDLERS) {
      let hit = false;
      try {
        hit = await dh.detect(tree, dir);
      } catch {
        hit = false;
      }
      if (!hit) continue;
      const shown = where.label(dir);
      const details = await linkDetails(dir, where, false);
      const r = await safe(exec.dir({ handler: dh.id, path: dir, display: shown, details }), shown);
      add(r);
      // A handler stopped before it could say what it consumed (over a budget): the folder's
      // target is already an error; its files are not scanned again one by one.
      if (!r.consumed) return;
      // Anything in the folder the handler did not consume is walked on its own.
      await visitRest(dir, new Set(r.consumed), where);
      return;
    }
    await visitRest(dir, new Set(), where);
  };

  const listed = async (dir: string, where: Where): Promise<DirEntry[] | undefined> => {
    try {
      return await tree.list(dir);
    } catch (e) {
      add(errorResult(where.label(dir), describeError("could not list", e), "directory", where.details));
      return undefined;
    }
  };

  const visitRest = async (dir: string, consumed: Set<string>, where: Where): Promise<void> => {
    const entries = await listed(dir, where);
    if (!entries) return;
    for (const e of entries) {
      const p = joinPath(dir, e.name);
      if (consumed.has(p)) continue;
      if (e.kind === "dir" && [...consumed].some((c) => c.startsWith(p + "/"))) {
        await visitRest(p, consumed, where);
        continue;
      }
      await visitEntry(p, e, where);
    }
  };

  /**
   * A Hugging Face cache repository (models--org--name/ with snapshots/<revision>/ links into
   * blobs/): files are labelled "org/name@rev: file", each blob scanned once; blobs no snapshot
   * reaches are scanned under their own path.
   */
  const visitHfRepo = async (dir: string, repo: string, where: Where): Promise<void> => {
    const refsOf = new Map<string, string[]>();
    const readRefs = async (d: string, prefix: string): Promise<void> => {
      for (const e of (await tree.list(d).catch(() => [])) as DirEntry[]) {
        const p = joinPath(d, e.name);
        if (e.kind === "dir") await readRefs(p, `${prefix}${e.name}/`);
        else if (e.kind === "file") {
          try {
            const src = await tree.open(p);
            if (src.size > 256) continue;
            const rev = new TextDecoder().decode(await src.read(0, src.size)).trim();
            refsOf.set(rev, [...(refsOf.get(rev) ?? []), `${prefix}${e.name}`]);
          } catch {
            // An unreadable ref only loses a label.
          }
        }
      }
    };
    await readRefs(joinPath(dir, "refs"), "");
    const snaps = joinPath(dir, "snapshots");
    for (const e of (await listed(snaps, where)) ?? []) {
      const revDir = joinPath(snaps, e.name);
      if (e.kind !== "dir") {
        await visitEntry(revDir, e, where);
        continue;
      }
      const rev = e.name;
      const details: Details = { ...where.details, hf_repo: repo, hf_revision: rev };
      const refs = refsOf.get(rev);
      if (refs) details["hf_refs"] = refs.join(",");
      const label = (p: string): string => (p === revDir ? `${repo}@${rev.slice(0, 8)}` : `${repo}@${rev.slice(0, 8)}: ${p.slice(revDir.length + 1)}`);
      await visitDir(revDir, { label, details, viaLink: where.viaLink, ancestors: where.ancestors });
    }
    // Then everything else (blobs not reached from a snapshot, stray files); refs/ and .no_exist/ carry no model bytes.
    const skip = new Set([snaps, joinPath(dir, "refs"), joinPath(dir, ".no_exist")]);
    for (const e of (await listed(dir, where)) ?? []) {
      const p = joinPath(dir, e.name);
      if (!skip.has(p)) await visitEntry(p, e, where);
    }
  };

  const top: Where = { label: (p) => display(displayRoot, root, p), viaLink: false, ancestors: new Map() };
  let rootKind: PathInfo;
  try {
    rootKind = await info(root);
  } catch (e) {
    rootKind = { kind: "missing", reason: describeError("could not examine", e) };
  }
  if (rootKind.kind === "missing") add(errorResult(displayRoot, rootKind.reason ?? "no such file or directory"));
  else await visitEntry(root, { kind: rootKind.kind, special: rootKind.special, link: rootKind.kind !== "symlink" && (await isLink(tree, root)) }, top);

  for (let i = 0; i < slots.length; i++) {
    const r = await slots[i]!;
    const aliases = aliasesOf.get(i);
    // The list is shared with later walks of the same run, which may still add paths to it.
    if (aliases && r.targets[0]) Object.defineProperty(r.targets[0], "aliases", { enumerable: true, configurable: true, get: () => (aliases.length > 1 ? aliases.slice(1) : undefined) });
    report.targets.push(...r.targets);
    report.findings.push(...r.findings);
    report.errors.push(...r.errors);
  }
  return report;
}

async function isLink(tree: FileTree, p: string): Promise<boolean> {
  if (!tree.readlink) return false;
  try {
    await tree.readlink(p);
    return true;
  } catch {
    return false;
  }
}

/** Scans one in-memory file (browser, library users). */
export async function scanBytes(name: string, data: Uint8Array, opts: ScanOptions = {}): Promise<Report> {
  const tree = new MemoryTree([[name, new MemorySource(name, data)]]);
  return scanTree(tree, name.replace(/^\/+/, ""), name, opts);
}
