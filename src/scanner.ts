// The scan driver: targets -> sniff -> format handler -> rules -> report. No Node-only APIs here.
import { MemorySource, sha256Hex, startsWith, type ByteSource } from "./core/bytes.js";
import { ScanContext, describeError, type Session } from "./core/context.js";
import type { FileTree } from "./core/fs.js";
import { MemoryTree, baseName } from "./core/fs.js";
import type { FormatHandler, Sniffed } from "./core/handler.js";
import { DEFAULT_LIMITS, type Limits } from "./core/limits.js";
import type { Finding, Report, TargetReport } from "./core/types.js";
import { DIR_HANDLERS, FORMAT_HANDLERS } from "./handlers.js";
import { ALL_RULES } from "./rules/index.js";
import type { Rule } from "./rules/types.js";
import { VERSION } from "./version.js";
import { errorResult, walkTree, type DirJob, type Executor, type FileJob, type TargetResult } from "./walk.js";

export { WalkState, errorResult, unsupportedResult, walkTree, type Details, type DirJob, type Executor, type FileJob, type TargetResult, type WalkOptions } from "./walk.js";

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
  // the highest score wins, the first in list order among equals; costly matchers (with a maxScore) are asked
  // last and only when they could still win, which picks the same handler as asking every one in order
  let best = -1;
  let bestScore = 0;
  for (const i of askOrder(handlers)) {
    const h = handlers[i]!;
    if (h.maxScore !== undefined && (h.maxScore < bestScore || (h.maxScore === bestScore && i > best))) continue;
    const score = h.match(s);
    if (score > bestScore || (score > 0 && score === bestScore && i < best)) {
      best = i;
      bestScore = score;
    }
  }
  return best >= 0 ? handlers[best] : undefined;
}

const ASK_ORDER = new WeakMap<readonly FormatHandler[], number[]>();
function askOrder(handlers: readonly FormatHandler[]): number[] {
  let order = ASK_ORDER.get(handlers);
  if (!order) {
    const idx = handlers.map((_, i) => i);
    order = [...idx.filter((i) => handlers[i]!.maxScore === undefined), ...idx.filter((i) => handlers[i]!.maxScore !== undefined)];
    ASK_ORDER.set(handlers, order);
  }
  return order;
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

/** Names that claim a model format (README, "Folders"): unreadable under such a name is an error, not "other file". */
const MODEL_CLAIM = /\.(?:h5|hdf5|keras|pb|pbtxt|meta|tflite)$/i;

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
    } else if (MODEL_CLAIM.test(s.name)) {
      // a file named as a model that no reader recognises: not verified, whatever a loader makes of it (fail closed)
      ctx.error(`named as a model (${/\.[^.]+$/.exec(s.name)?.[0] ?? ""}) but its content is no format graphwarden reads`);
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
 * Scans `root` inside `tree` (a file or a directory, walked recursively).
 * `displayRoot` is how paths are shown (the user's spelling).
 */
export async function scanTree(tree: FileTree, root: string, displayRoot: string, opts: ScanOptions = {}): Promise<Report> {
  return walkTree(tree, root, displayRoot, localExecutor(tree, opts), opts);
}

/** Scans one in-memory file (browser, library users). */
export async function scanBytes(name: string, data: Uint8Array, opts: ScanOptions = {}): Promise<Report> {
  const tree = new MemoryTree([[name, new MemorySource(name, data)]]);
  return scanTree(tree, name.replace(/^\/+/, ""), name, opts);
}
