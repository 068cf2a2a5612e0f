// The scan driver: targets -> sniff -> format handler -> rules -> report. No Node-only APIs here.
import { MemorySource, sha256Hex, startsWith, type ByteSource } from "./core/bytes.js";
import { ScanContext, describeError, type Session } from "./core/context.js";
import type { FileTree } from "./core/fs.js";
import { MemoryTree, baseName, joinPath } from "./core/fs.js";
import type { FormatHandler, Sniffed } from "./core/handler.js";
import { DEFAULT_LIMITS, type Limits } from "./core/limits.js";
import type { Report, TargetReport } from "./core/types.js";
import { DIR_HANDLERS, FORMAT_HANDLERS } from "./handlers.js";
import { ALL_RULES } from "./rules/index.js";
import type { Rule } from "./rules/types.js";
import { VERSION } from "./version.js";

export interface ScanOptions {
  limits?: Partial<Limits>;
  /** Compute sha256 of every file target (default true). */
  hash?: boolean;
  /**
   * How to hash a file (default: WebCrypto over the whole file, files up to limits.maxHashBytes).
   * The CLI passes a streaming hasher so that large weight files are never held in memory.
   */
  hasher?: (src: ByteSource) => Promise<string | undefined>;
  rules?: readonly Rule[];
  /** Called after each target with its report entry. */
  onTarget?: (t: TargetReport) => void;
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

/** Scans a single file target. */
async function scanFileTarget(session: Session, src: ByteSource, displayPath: string, opts: ScanOptions): Promise<TargetReport> {
  const target: TargetReport = { path: displayPath, format: "unknown", bytes: src.size, status: "scanned" };
  const ctx = new ScanContext(session, target, "");
  session.deadline = Date.now() + session.limits.targetTimeoutMs;
  if (opts.hash !== false) {
    try {
      const h = opts.hasher ? await opts.hasher(src) : await sha256Hex(src, session.limits.maxHashBytes);
      if (h) target.sha256 = h;
    } catch (e) {
      ctx.error(describeError("could not hash", e));
    }
  }
  await scanOne(ctx, src);
  return target;
}

/**
 * Scans `root` inside `tree` (a file or a directory, walked recursively).
 * `displayRoot` is how paths are shown (the user's spelling).
 */
export async function scanTree(tree: FileTree, root: string, displayRoot: string, opts: ScanOptions = {}): Promise<Report> {
  const session = makeSession(opts);
  await walk(session, tree, root, displayRoot, opts);
  return session.report;
}

function display(displayRoot: string, root: string, p: string): string {
  if (p === root) return displayRoot;
  const rel = root === "" ? p : p.slice(root.length + 1);
  return displayRoot === "" || displayRoot === "." ? rel : `${displayRoot.replace(/\/+$/, "")}/${rel}`;
}

async function walk(session: Session & { report: Report }, tree: FileTree, root: string, displayRoot: string, opts: ScanOptions): Promise<void> {
  const push = (t: TargetReport) => {
    session.report.targets.push(t);
    opts.onTarget?.(t);
  };
  const kind = await tree.kind(root);
  if (kind === "missing") {
    const t: TargetReport = { path: displayRoot, format: "unknown", bytes: 0, status: "error" };
    session.errors.push({ path: displayRoot, message: "no such file or directory" });
    push(t);
    return;
  }
  if (kind === "file") {
    const src = await tree.open(root);
    push(await scanFileTarget(session, src, displayRoot, opts));
    return;
  }
  if (kind !== "dir") {
    const t: TargetReport = { path: displayRoot, format: kind, bytes: 0, status: "unsupported" };
    push(t);
    return;
  }
  let files = 0;
  const visit = async (dir: string): Promise<void> => {
    for (const dh of DIR_HANDLERS) {
      let hit = false;
      try {
        hit = await dh.detect(tree, dir);
      } catch {
        hit = false;
      }
      if (hit) {
        const t: TargetReport = { path: display(displayRoot, root, dir), format: dh.id, bytes: 0, status: "scanned" };
        const ctx = new ScanContext(session, t, "");
        session.deadline = Date.now() + session.limits.targetTimeoutMs;
        let consumed = new Set<string>();
        await ctx.guard(`${dh.id} reader`, async () => {
          consumed = await dh.scan(ctx, tree, dir);
        });
        await drain(session);
        push(t);
        // Anything in the folder the handler did not consume is scanned on its own.
        await visitRest(dir, consumed);
        return;
      }
    }
    await visitRest(dir, new Set());
  };
  const visitRest = async (dir: string, consumed: Set<string>): Promise<void> => {
    let entries;
    try {
      entries = await tree.list(dir);
    } catch (e) {
      session.errors.push({ path: display(displayRoot, root, dir), message: describeError("could not list", e) });
      return;
    }
    for (const e of entries) {
      const p = joinPath(dir, e.name);
      if (consumed.has(p)) continue;
      if (e.kind === "dir") {
        if ([...consumed].some((c) => c.startsWith(p + "/"))) {
          await visitRest(p, consumed);
        } else await visit(p);
      } else if (e.kind === "file") {
        if (++files > session.limits.maxTreeFiles) {
          session.errors.push({ path: display(displayRoot, root, p), message: `more than ${session.limits.maxTreeFiles} files: stopped walking` });
          return;
        }
        const src = await tree.open(p);
        push(await scanFileTarget(session, src, display(displayRoot, root, p), opts));
      } else if (e.kind === "symlink") {
        const t: TargetReport = { path: display(displayRoot, root, p), format: "symlink", bytes: 0, status: "unsupported" };
        push(t);
        session.findings.push({
          rule: "GW002",
          severity: "info",
          capabilities: [],
          trigger: "none",
          location: { path: t.path },
          message: "Symbolic link not followed during the walk; scan its target directly if it belongs to the model.",
        });
      }
    }
  };
  await visit(root);
}

/** Scans one in-memory file (browser, library users). */
export async function scanBytes(name: string, data: Uint8Array, opts: ScanOptions = {}): Promise<Report> {
  const tree = new MemoryTree([[name, new MemorySource(name, data)]]);
  return scanTree(tree, name.replace(/^\/+/, ""), name, opts);
}

