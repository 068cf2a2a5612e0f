// The folder walker: turns a path into targets (files, directory-shaped artifacts, links, special
// files) and hands each to an executor; results are merged in walk order. It loads no format
// engine (folder detection is src/dir-detect.ts), so the CLI's main thread stays light while
// worker threads scan. No Node-only APIs here.
import { describeError } from "./core/context.js";
import type { DirEntry, EntryKind, FileTree, PathInfo } from "./core/fs.js";
import { baseName, joinPath, listingOnce } from "./core/fs.js";
import { DEFAULT_LIMITS, type Limits } from "./core/limits.js";
import type { Finding, Report, ScanError, TargetReport } from "./core/types.js";
import { DIR_DETECTORS } from "./dir-detect.js";
import { VERSION } from "./version.js";

/** Walk options (a subset of ScanOptions). */
export interface WalkOptions {
  limits?: Partial<Limits>;
  /** Called when each target is done, with its report entry (in completion order). */
  onTarget?: (t: TargetReport, findings: readonly Finding[]) => void;
  state?: WalkState;
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
  /** Size the walk saw (a hint for scheduling; the scan reads what is there). */
  size?: number;
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

/**
 * State shared by the walks of one run: each real file (by identity) is scanned once, and every
 * further path that reaches it is listed in its target's `aliases`.
 */
export class WalkState {
  readonly byId = new Map<string, string[]>();
  /** The name classes (formatClass) each file identity was scanned under. */
  readonly classesById = new Map<string, Set<string>>();
  /** Directories walked (by identity): a folder reached again through another link is not walked again. */
  readonly dirs = new Map<string, string>();
  files = 0;
}

/**
 * The part of a file's name that decides how a loader or the scanner reads it (`.meta` a MetaGraphDef, `.keras` a
 * Keras archive, `config.json` a Keras folder's config ...); "" for a name that decides nothing.
 */
function formatClass(p: string): string {
  const base = baseName(p).toLowerCase();
  if (/^(?:model|config|metadata)\.json$|^saved_model\.|^checkpoint$/.test(base)) return base;
  return /\.(?:meta|index|keras|h5|hdf5|pb|pbtxt|tflite|json|ya?ml|npz|npy)$/.exec(base)?.[0] ?? "";
}

/** Names a loader opens as a model or a model's part: a FIFO or device there blocks or feeds the load. */
const LOADER_NAME = /(?:\.(?:keras|h5|hdf5|he5|pb|pbtxt|json|tflite|lite|bin|npz|npy|pkl|pickle|joblib|pt|pth|ckpt|index|safetensors|onnx|msgpack|ya?ml|txt|vocab|model|weights)|\.data-\d+-of-\d+|^checkpoint|^saved_model\.pbt?x?t?)$/i;

/** A special file where a loader may open it: GW306 (medium) besides its listing. */
function specialInModel(display: string, what: string, details?: Details): TargetResult {
  const r = unsupportedResult(display, SPECIAL_FORMAT[what] ?? "special", `a ${what} is never opened (reading it could block or take another program's data)`, details);
  r.findings.push({
    rule: "GW306",
    severity: "medium",
    capabilities: ["global-state", "container"],
    trigger: "load",
    location: { path: display },
    message: `"${display.slice(-120)}" is a ${what} with a name a loader opens: loading it blocks (a FIFO) or reads without end (a device) or reads whatever another program writes.`,
    evidence: `${baseName(display).slice(0, 120)} (${what})`,
  });
  return r;
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
export async function walkTree(input: FileTree, root: string, displayRoot: string, exec: Executor, opts: WalkOptions = {}): Promise<Report> {
  const tree = listingOnce(input);
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
    const cls = formatClass(p);
    const classes = state.classesById.get(id) ?? new Set<string>();
    // a file reached again is an alias, unless its name here makes a loader read it as another format (model.meta
    // hard-linked or linked as aaa.bin, one Hugging Face blob under two names): then it is scanned under this name too
    if (known && (cls === "" || classes.has(cls))) {
      if (!known.includes(shown)) known.push(shown);
      return;
    }
    classes.add(cls);
    state.classesById.set(id, classes);
    const aliases: string[] = known ?? [];
    if (!known) state.byId.set(id, aliases);
    aliases.push(shown);
    aliasesOf.set(slots.length, aliases);
    const details = await linkDetails(p, where, isLink);
    add(safe(exec.file({ path: p, display: shown, details, size: pi.size }), shown));
  };

  const visitEntry = async (p: string, e: { kind: EntryKind | "missing"; link?: boolean; special?: string }, where: Where): Promise<void> => {
    const shown = where.label(p);
    try {
      if (e.kind === "other") {
        const what = e.special ?? "special file";
        const details = await linkDetails(p, where, !!e.link);
        add(LOADER_NAME.test(baseName(p)) ? specialInModel(shown, what, details) : unsupportedResult(shown, SPECIAL_FORMAT[what] ?? "special", `a ${what} is never opened (reading it could block or take another program's data)`, details));
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
      // a folder already walked through another path (sibling links to one folder), with the same entries kept by
      // the filter: listed, not walked again (under --include/--exclude two paths may keep different entries)
      const seenKey = `${id}\u0000${(await tree.list(p)).map((x) => x.name).join("\u0000")}`;
      const first = state.dirs.get(seenKey);
      if (first !== undefined) {
        add(unsupportedResult(shown, e.link ? "symlink" : "folder", `the same folder as ${first}, walked there`, await linkDetails(p, where, !!e.link)));
        return;
      }
      state.dirs.set(seenKey, shown);
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
    for (const dh of DIR_DETECTORS) {
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
