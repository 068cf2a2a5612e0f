// TensorFlow handlers: SavedModel directories, and single protobuf files recognised by content
// (saved_model.pb under any name, frozen GraphDef, .meta MetaGraphDef, text format, keras_metadata.pb,
// fingerprint.pb, tfhub_module.pb, chunked saved_model.cpb).
import { FormatError, LimitError, decodeUtf8, readAll, startsWith } from "../core/bytes.js";
import type { ScanContext } from "../core/context.js";
import type { Trigger } from "../core/types.js";
import { joinPath, type FileTree } from "../core/fs.js";
import type { DirHandler, FormatHandler, Sniffed } from "../core/handler.js";
import { WireReader } from "../formats/protobuf.js";
import { decodeTf } from "./proto.js";
import { savedModelDirDetector } from "../dir-detect.js";
import { TF_CHECKPOINT_LIMITS, decodeBundleStrings, isStringEntry, parseBundleIndex, shardName } from "./checkpoint.js";
import {
  scanGraph,
  scanGraphBytes,
  scanKerasMetadata,
  scanMetaGraphBytes,
  scanMetaGraphMessage,
  scanSavedModelBytes,
  scanSavedModelText,
  parseTfTextFor,
  scanWarmup,
  textKind,
} from "./savedmodel.js";
import { toGraphDef, toMetaGraph } from "./proto.js";
import { tensorNumbers } from "./graph.js";

/** A symlink in a SavedModel folder that points outside it (or cannot be read). */
export interface TfAssetLinkSubject {
  member: string;
  target: string;
  path: string;
  /** When the loader opens it: variables at load (restore); an asset when an op reading it runs. */
  trigger: Trigger;
}

declare module "../rules/types.js" {
  interface Subjects {
    "tf-asset-link": TfAssetLinkSubject;
  }
}

const TRIGGER_ORDER: Trigger[] = ["load", "inference", "training", "unknown"];

/**
 * When a symlink in the folder is followed: variables/ files are opened by the restore at load;
 * an asset only when an op reading it runs (a table initializer at load, a signature at its call),
 * which the graph analysis records per asset filename. No recorded reader: unknown.
 */
function linkTrigger(sub: string, assetName: string | undefined, reads: Map<string, Trigger>): Trigger {
  if (sub === "variables") return "load";
  const seen = assetName !== undefined ? [reads.get(assetName)] : [...reads.values()];
  return TRIGGER_ORDER.find((t) => seen.includes(t)) ?? "unknown";
}

/** Riegeli file signature (chunked saved_model.cpb, TF >= 2.13 proto splitter). */
const RIEGELI_MAGIC = new Uint8Array([0x83, 0xaf, 0x70, 0xd1, 0x0d, 0x88, 0x4a, 0x3f]);

type ProtoKind = "savedmodel" | "graphdef" | "metagraph" | "keras-metadata" | "fingerprint" | "tfhub-module" | "cpb" | "text";

/** Reads the tags of a length-delimited payload that fits in `buf`, tolerating truncation at the end. */
function probeTags(buf: Uint8Array, start: number, end: number, max = 16): Array<{ field: number; wt: number; start: number; len: number }> | undefined {
  const r = new WireReader(buf, start, Math.min(end, buf.length));
  const out: Array<{ field: number; wt: number; start: number; len: number }> = [];
  try {
    while (!r.done() && out.length < max) {
      const [field, wt] = r.tag();
      if (wt === 2) {
        const len = r.varint();
        out.push({ field, wt, start: r.pos, len });
        r.pos += len;
      } else if (wt === 0) {
        r.varint();
        out.push({ field, wt, start: r.pos, len: 0 });
      } else if (wt === 1 || wt === 5) {
        r.pos += wt === 1 ? 8 : 4;
        out.push({ field, wt, start: r.pos, len: 0 });
      } else return out.length ? out : undefined;
    }
  } catch (e) {
    // Running off the end of the head is expected for big files: keep what was read.
    if (e instanceof FormatError && out.length) return out;
    return undefined;
  }
  return out;
}

const IDENT = /^[A-Za-z_>][\w>./-]*$/;

function asciiAt(buf: Uint8Array, start: number, len: number): string | undefined {
  if (start + len > buf.length || len === 0 || len > 256) return undefined;
  const s = decodeUtf8(buf.subarray(start, start + len));
  return /^[\x20-\x7e]+$/.test(s) ? s : undefined;
}

/** Does the payload look like a NodeDef (name, op identifier)? */
function looksLikeNode(buf: Uint8Array, start: number, len: number): boolean {
  const tags = probeTags(buf, start, start + len, 6);
  if (!tags || tags.length < 1) return false;
  const op = tags.find((t) => t.field === 2 && t.wt === 2);
  const name = tags.find((t) => t.field === 1 && t.wt === 2);
  if (!op || !name) return false;
  if (!tags.every((t) => (t.field >= 1 && t.field <= 7 && t.wt === 2) || t.field > 7)) return false;
  const opName = asciiAt(buf, op.start, op.len);
  return opName !== undefined && IDENT.test(opName) && asciiAt(buf, name.start, name.len) !== undefined;
}

/** Keras SavedMetadata node: node_id (2, varint), node_path (3), identifier (4, "_tf_keras_..."), metadata (5, JSON). */
function looksLikeKerasMetadata(buf: Uint8Array, start: number, len: number): boolean {
  const tags = probeTags(buf, start, start + len, 6);
  if (!tags?.length) return false;
  if (!tags.every((t) => (t.field === 2 && t.wt === 0) || (t.field >= 3 && t.field <= 6 && t.wt === 2))) return false;
  const ident = tags.find((t) => t.field === 4);
  const meta = tags.find((t) => t.field === 5);
  const id = ident ? asciiAt(buf, ident.start, ident.len) : undefined;
  return (id !== undefined && /^_tf_keras_|^trackable/.test(id)) || (meta !== undefined && buf[meta.start] === 0x7b);
}

/** Does the payload look like a MetaInfoDef? */
function looksLikeMetaInfo(buf: Uint8Array, start: number, len: number): boolean {
  const tags = probeTags(buf, start, start + len, 8);
  if (!tags?.length) return false;
  if (!tags.every((t) => t.field >= 1 && t.field <= 8 && (t.wt === 2 || t.field === 7))) return false;
  // tags (4) / tensorflow_version (5) strings, or a stripped op list (2) starting with an OpDef.
  return tags.some((t) => t.field === 4 || t.field === 5 || t.field === 6) || tags.some((t) => t.field === 2 && buf[t.start] === 0x0a && !asciiAt(buf, t.start, t.len));
}

const probeCache = new WeakMap<Sniffed, ProtoKind | undefined>();

export function probeTf(s: Sniffed): ProtoKind | undefined {
  if (probeCache.has(s)) return probeCache.get(s);
  const k = probeUncached(s);
  probeCache.set(s, k);
  return k;
}

function probeUncached(s: Sniffed): ProtoKind | undefined {
  const h = s.head;
  if (s.size === 0) return undefined;
  if (startsWith(h, RIEGELI_MAGIC) || s.name === "saved_model.cpb") return "cpb";
  // The loader reads saved_model.pb as a SavedModel, whatever its bytes look like.
  if (baseOf(s.name) === "saved_model.pb") return "savedmodel";
  if (s.name === "tfhub_module.pb" && s.size < 1024) {
    const t = probeTags(h, 0, h.length);
    if (t && t.every((x) => x.field === 1 && x.wt === 0)) return "tfhub-module";
  }
  if (s.name === "fingerprint.pb" && s.size < 4096) {
    const t = probeTags(h, 0, h.length);
    if (t && t.length && t.every((x) => x.field >= 1 && x.field <= 7)) return "fingerprint";
  }
  if (/\.(pbtxt|pbtx|txt|prototxt)$/i.test(s.name) || h[0] === 0x23 || /^\s*[a-z_]+\s*[:{<]/.test(decodeUtf8(h.subarray(0, 64)))) {
    if (textKind(h)) return "text";
  }
  // tf.train.import_meta_graph parses a .meta file as a MetaGraphDef (binary, then text).
  if (/\.meta$/i.test(s.name)) return "metagraph";
  const top = probeTags(h, 0, h.length, 4);
  if (!top?.length) return undefined;
  const first = top[0]!;
  // SavedModel: saved_model_schema_version (1, varint) then meta_graphs (2, bytes).
  if (first.field === 1 && first.wt === 0 && top[1]?.field === 2 && top[1].wt === 2) {
    if (looksLikeMetaInfoOrGraph(h, top[1].start, top[1].len)) return "savedmodel";
  }
  if (first.field === 2 && first.wt === 2 && looksLikeMetaInfoOrGraph(h, first.start, first.len)) return "savedmodel";
  if (first.field === 1 && first.wt === 2) {
    if (looksLikeKerasMetadata(h, first.start, first.len)) return "keras-metadata";
    if (looksLikeNode(h, first.start, first.len)) return "graphdef";
    if (looksLikeMetaInfo(h, first.start, first.len)) return "metagraph";
  }
  // A MetaGraphDef without meta_info_def starts with its graph_def (2).
  if (first.field === 2 && first.wt === 2) {
    const inner = probeTags(h, first.start, first.start + first.len, 2);
    if (inner?.[0]?.field === 1 && inner[0].wt === 2 && looksLikeNode(h, inner[0].start, inner[0].len)) return "metagraph";
  }
  return undefined;
}

/** A meta graph: meta_info_def or graph_def (whose first node looks like a NodeDef). */
function looksLikeMetaInfoOrGraph(h: Uint8Array, start: number, len: number): boolean {
  const inner = probeTags(h, start, start + len, 2);
  const f = inner?.[0];
  if (!f || f.wt !== 2) return false;
  if (f.field === 1) return looksLikeMetaInfo(h, f.start, f.len);
  if (f.field === 2) {
    const g = probeTags(h, f.start, f.start + f.len, 1)?.[0];
    return g !== undefined && g.field === 1 && g.wt === 2 && looksLikeNode(h, g.start, g.len);
  }
  return false;
}

function baseOf(name: string): string {
  const i = Math.max(name.lastIndexOf("/"), name.lastIndexOf("!"));
  return i < 0 ? name : name.slice(i + 1);
}

function rejectCpb(ctx: ScanContext, where: string): void {
  ctx.error(
    `${where}: chunked SavedModel (saved_model.cpb, TensorFlow >= 2.13 proto splitter) is not supported; graphwarden cannot vouch for it. Re-export without chunking (a graph under 2 GB) or merge the chunks, then scan saved_model.pb`,
  );
}

function makeHandler(id: string, kind: ProtoKind, description: string, scan: (ctx: ScanContext, data: Uint8Array, name: string) => void): FormatHandler {
  return {
    id,
    description,
    match(s) {
      return probeTf(s) === kind ? 40 : 0;
    },
    maxScore: 40,
    async scan(ctx, src, s) {
      if (kind === "cpb") {
        rejectCpb(ctx, s.name);
        return;
      }
      const data = await readAll(src, ctx.limits.maxMetadataBytes);
      scan(ctx, data, baseOf(s.name));
    },
  };
}

function scanText(ctx: ScanContext, data: Uint8Array, name: string): void {
  const text = decodeUtf8(data);
  const kind = textKind(data);
  if (kind === "savedmodel") scanSavedModelText(ctx, text, name);
  else if (kind === "metagraph") scanMetaGraphMessage(ctx, toMetaGraph(parseTfTextFor(ctx, "MetaGraphDef", text, name)), name);
  else if (kind === "graphdef") scanGraph(ctx, toGraphDef(parseTfTextFor(ctx, "GraphDef", text, name)), name);
  else throw new FormatError(`${name}: not a TensorFlow text-format graph`);
}

export const tfSavedModelPbHandler = makeHandler("savedmodel-pb", "savedmodel", "TensorFlow SavedModel protobuf (saved_model.pb, recognised by content)", (ctx, d, n) => scanSavedModelBytes(ctx, d, n));
export const tfGraphDefHandler = makeHandler("tf-graphdef", "graphdef", "TensorFlow GraphDef (frozen graph .pb)", (ctx, d, n) => scanGraphBytes(ctx, d, n));
export const tfMetaGraphHandler = makeHandler("tf-metagraph", "metagraph", "TensorFlow MetaGraphDef (.meta)", (ctx, d, n) => scanMetaGraphBytes(ctx, d, n));
export const tfPbtxtHandler = makeHandler("tf-pbtxt", "text", "TensorFlow text-format SavedModel / GraphDef / MetaGraphDef (.pbtxt)", scanText);
export const tfKerasMetadataHandler = makeHandler("tf-keras-metadata", "keras-metadata", "Keras SavedModel metadata (keras_metadata.pb)", (ctx, d) => scanKerasMetadata(ctx, d));
export const tfFingerprintHandler = makeHandler("tf-fingerprint", "fingerprint", "SavedModel fingerprint (fingerprint.pb, hashes only)", (_ctx, d) => {
  decodeTf("FingerprintDef", d);
});
export const tfHubModuleHandler = makeHandler("tf-hub-module", "tfhub-module", "TF Hub module marker (tfhub_module.pb)", (ctx, d) => {
  decodeTf("VersionDef", d);
  ctx.detail("tfhub_module", true);
});
export const tfChunkedHandler = makeHandler("savedmodel-cpb", "cpb", "Chunked SavedModel (saved_model.cpb): rejected", () => undefined);

/** TF table (SSTable) footer magic 0xdb4775248b80fb57, little-endian: checkpoint .index files. */
const TABLE_MAGIC = new Uint8Array([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]);
const SHARD_NAME = /^(?:variables|.+\.ckpt(?:-\d+)?|ckpt-\d+|model\.ckpt-\d+)\.data-\d{5}-of-\d{5}$/;

/** Checkpoint members met outside a SavedModel folder (archives): inventoried, never read. */
export const tfCheckpointHandler: FormatHandler = {
  id: "tf-checkpoint",
  description: "TensorFlow checkpoint index or data shard (listed, never read)",
  match(s) {
    if (s.tail.length >= 8 && startsWith(s.tail, TABLE_MAGIC, s.tail.length - 8) && /\.index$/.test(s.name)) return 20;
    // Data shards have no structure of their own: lowest score, so any content match (pickle, zip...) wins.
    return SHARD_NAME.test(s.name) ? 1 : 0;
  },
  async scan(ctx, src) {
    ctx.detail("checkpoint_bytes", src.size);
  },
};

/** assets.extra/tf_serving_warmup_requests met as a single file or archive member. */
export const tfWarmupHandler: FormatHandler = {
  id: "tf-serving-warmup",
  description: "TF Serving warm-up requests (TFRecord of PredictionLog, replayed at load)",
  match(s) {
    return s.name === "tf_serving_warmup_requests" ? 30 : 0;
  },
  async scan(ctx, src) {
    scanWarmup(ctx, await readAll(src, ctx.limits.maxMetadataBytes), "tf_serving_warmup_requests");
  },
};

export const TF_FORMAT_HANDLERS: readonly FormatHandler[] = [
  tfCheckpointHandler,
  tfWarmupHandler,
  tfChunkedHandler,
  tfSavedModelPbHandler,
  tfMetaGraphHandler,
  tfGraphDefHandler,
  tfPbtxtHandler,
  tfKerasMetadataHandler,
  tfFingerprintHandler,
  tfHubModuleHandler,
];

// ---- SavedModel directory ----

async function isFile(tree: FileTree, p: string): Promise<boolean> {
  try {
    return (await tree.kind(p)) === "file";
  } catch {
    return false;
  }
}

/** Lists every file under dir (bounded), for consuming variables/ and assets/ without reading them; symlinks apart. */
async function listFiles(tree: FileTree, dir: string, max: number, links: string[] = [], specials: Array<{ path: string; what: string }> = []): Promise<string[]> {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of await tree.list(d)) {
      const p = joinPath(d, e.name);
      // Trees follow links (kind is what the link reaches); a link is still listed in `links` so
      // that where it points is judged. Linked directories are not descended into (loops).
      if (e.link || e.kind === "symlink") links.push(p);
      if (e.kind === "other") specials.push({ path: p, what: e.special ?? "special file" });
      if (e.kind === "dir" && !e.link) stack.push(p);
      else if (e.kind === "file") {
        out.push(p);
        if (out.length > max) throw new LimitError(`${dir}: more than ${max} files`);
      }
    }
  }
  return out;
}

/**
 * Whether the file a link reaches stays inside the model folder, resolved as the OS resolves it
 * (path_resolution(7)): component by component, every link followed where it sits and each ".."
 * applied to the path resolved so far (b -> "." then "b/../.." climbs; a link to a link is followed
 * to its end, whether or not the final file exists on this host). Going above the folder, an
 * absolute target, or more than 40 links is outside.
 */
async function linkStaysInside(tree: FileTree, link: string, firstHop: string, root: string): Promise<boolean> {
  // a tree that cannot read links: the first hop the caller has (empty when unknown) decides, on its text
  if (!tree.readlink) return firstHop !== "" && resolveLink(link, firstHop, root) !== undefined;
  const rootParts = root === "" ? [] : root.split("/");
  const queue = link.split("/").slice(rootParts.length);
  const done: string[] = [];
  let hops = 0;
  while (queue.length) {
    const seg = queue.shift()!;
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (!done.length) return false;
      done.pop();
      continue;
    }
    const here = [...rootParts, ...done, seg].join("/");
    let target: string | undefined;
    try {
      target = await tree.readlink(here);
    } catch {
      target = undefined; // not a link (or missing): a plain component
    }
    if (target === undefined) {
      done.push(seg);
      continue;
    }
    if (++hops > 40) return false;
    if (target === "" || absoluteTarget(target)) return false;
    queue.unshift(...target.split(/[\\/]/));
  }
  return true;
}

/** A link target that names a place from the file system's root (POSIX, drive letter, UNC or rooted Windows path). */
function absoluteTarget(target: string): boolean {
  return target.startsWith("/") || target.startsWith("\\") || /^[A-Za-z]:[\\/]/.test(target);
}

/** Where a symlink at `link` (tree path) points, as a tree path, or undefined when it leaves `root` (or is absolute). */
function resolveLink(link: string, target: string, root: string): string | undefined {
  if (absoluteTarget(target)) return undefined;
  const parts = link.split("/").slice(0, -1);
  for (const seg of target.split(/[\\/]/)) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  const out = parts.join("/");
  return root === "" || out === root || out.startsWith(root + "/") ? out : undefined;
}

async function readMember(ctx: ScanContext, tree: FileTree, path: string): Promise<Uint8Array> {
  const src = await tree.open(path);
  const data = await readAll(src, ctx.limits.maxMetadataBytes);
  if (data.length < 1024 && startsWith(data, "version https://git-lfs.github.com/spec/")) {
    throw new FormatError(`${path.split("/").pop()} is a git-LFS pointer, not the model: fetch the LFS object (git lfs pull) and scan the real file`);
  }
  return data;
}

/** Numeric checkpoint entries read for their value (a sampler's rate, a loop bound): small ones only. */
const NUMERIC_DTYPES = new Set([1, 2, 3, 4, 5, 6, 9, 10, 14, 17, 19, 22, 23]);

/**
 * The string variables of the SavedModel's checkpoint: a graph may keep a serialized graph or a path in a
 * tf.Variable, restored at load; with `numbers`, also the values of its small numeric entries (a sampler's rate,
 * a loop's bound). Bounded by TF_CHECKPOINT_LIMITS; a checkpoint that cannot be read leaves those variables
 * untraced (and their consumers judged as such).
 */
async function readCheckpointStrings(ctx: ScanContext, tree: FileTree, dir: string, numbers?: Map<string, number[]>): Promise<Map<string, Uint8Array[]> | undefined> {
  const indexPath = joinPath(dir, "variables/variables.index");
  if (!(await isFile(tree, indexPath))) return undefined;
  try {
    const src = await tree.open(indexPath);
    if (src.size > TF_CHECKPOINT_LIMITS.maxIndexBytes) return undefined;
    const index = parseBundleIndex(await readAll(src, TF_CHECKPOINT_LIMITS.maxIndexBytes));
    const out = new Map<string, Uint8Array[]>();
    let budget = TF_CHECKPOINT_LIMITS.maxStringBytes;
    let duplicates = 0;
    // each data shard opened once, however many entries are read from it (undefined: not a file)
    const shards = new Map<number, Awaited<ReturnType<FileTree["open"]>> | undefined>();
    const entryBytes = async (e: (typeof index.entries)[number]): Promise<Uint8Array | undefined> => {
      if (!shards.has(e.shard)) {
        const shard = joinPath(dir, shardName("variables/variables", e.shard, index.numShards));
        shards.set(e.shard, (await isFile(tree, shard)) ? await tree.open(shard) : undefined);
      }
      return shards.get(e.shard)?.read(e.offset, e.size);
    };
    for (const e of index.entries) {
      if (numbers && NUMERIC_DTYPES.has(e.dtype) && e.elements >= 1 && e.elements <= 16 && e.size <= 128 && !numbers.has(e.key)) {
        const content = await entryBytes(e);
        const v = content ? tensorNumbers({ dtype: e.dtype, strings: [], ints: [], content }) : undefined;
        if (v?.length === e.elements) numbers.set(e.key, v);
        continue;
      }
      // _CHECKPOINTABLE_OBJECT_GRAPH is read too: it names the key each variable is restored from.
      if (!isStringEntry(e) || e.size > budget) continue;
      const bytes = await entryBytes(e);
      if (!bytes) continue;
      budget -= e.size;
      const values = decodeBundleStrings(bytes, e.elements);
      // TensorFlow's writer never repeats a key; its reader seeks and takes the first entry. A repeated
      // key keeps every value (the first first), so the tracer judges each value a loader could restore.
      const seen = out.get(e.key);
      if (seen) {
        duplicates++;
        seen.push(...values);
      } else out.set(e.key, values);
    }
    if (out.size) ctx.detail("checkpoint_string_variables", out.size);
    if (duplicates) ctx.detail("checkpoint_duplicate_keys", duplicates);
    return out;
  } catch {
    return undefined;
  }
}

const EMBEDDED_OP_NAME = new TextEncoder().encode("DatasetFromGraph");
/** A cache op may replay a tf.data cache shipped among the assets: the asset files are read for it too. */
const CACHE_OP_NAME = new TextEncoder().encode("CacheDataset");
const TEXT_TABLE_OP_NAME = new TextEncoder().encode("InitializeTableFromTextFile");
/** A V1 restore may read a checkpoint shipped among the assets: a NodeDef's op field (2) naming Restore or RestoreSlice. */
const V1_RESTORE_OPS = ["Restore", "RestoreSlice"].map((op) => Uint8Array.from([0x12, op.length, ...new TextEncoder().encode(op)]));

function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = hay.indexOf(needle[0]!); i >= 0 && i <= hay.length - needle.length; i = hay.indexOf(needle[0]!, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Regular files directly in assets/ (symlinks excluded), bounded: the graph may read its embedded graphs from them. */
async function readAssetFiles(ctx: ScanContext, tree: FileTree, dir: string): Promise<Map<string, Uint8Array> | undefined> {
  const assets = joinPath(dir, "assets");
  if ((await tree.kind(assets)) !== "dir") return undefined;
  const out = new Map<string, Uint8Array>();
  let budget = TF_CHECKPOINT_LIMITS.maxStringBytes;
  for (const e of await tree.list(assets)) {
    if (e.kind !== "file") continue;
    const src = await tree.open(joinPath(assets, e.name));
    if (src.size > budget) continue;
    budget -= src.size;
    out.set(e.name, await readAll(src, ctx.limits.maxMetadataBytes));
  }
  return out;
}

export const tfSavedModelDirHandler: DirHandler = {
  id: "savedmodel",
  description: "TensorFlow SavedModel directory (saved_model.pb / .pbtxt / .cpb, variables/, assets/, keras_metadata.pb)",
  detect: savedModelDirDetector.detect,
  async scan(ctx, tree, dir) {
    const consumed = new Set<string>();
    const p = (f: string) => joinPath(dir, f);
    const warmupPath = p("assets.extra/tf_serving_warmup_requests");
    const warmup = await isFile(tree, warmupPath);
    if (warmup) {
      consumed.add(warmupPath);
      await ctx.guard("tf_serving_warmup_requests", async () => scanWarmup(ctx, await readMember(ctx, tree, warmupPath), "assets.extra/tf_serving_warmup_requests"), "assets.extra/tf_serving_warmup_requests");
    }
    let graphs = 0;
    if (await isFile(tree, p("saved_model.cpb"))) {
      consumed.add(p("saved_model.cpb"));
      rejectCpb(ctx, "saved_model.cpb");
    }
    const checkpointNumbers = new Map<string, number[]>();
    const checkpointStrings = await readCheckpointStrings(ctx, tree, dir, checkpointNumbers);
    const assetReads = new Map<string, Trigger>();
    if (await isFile(tree, p("saved_model.pb"))) {
      consumed.add(p("saved_model.pb"));
      graphs++;
      await ctx.guard(
        "saved_model.pb",
        async () => {
          // TensorFlow's loader parses saved_model.pb as a SavedModel message, whatever it holds: so
          // does graphwarden (a malformed one is an error, never read as another format).
          const data = await readMember(ctx, tree, p("saved_model.pb"));
          const assetFiles = indexOfBytes(data, EMBEDDED_OP_NAME) >= 0 || indexOfBytes(data, CACHE_OP_NAME) >= 0 || indexOfBytes(data, TEXT_TABLE_OP_NAME) >= 0 || V1_RESTORE_OPS.some((op) => indexOfBytes(data, op) >= 0) ? await readAssetFiles(ctx, tree, dir) : undefined;
          scanSavedModelBytes(ctx, data, "saved_model.pb", { warmup, assetReads, ...(checkpointStrings ? { checkpointStrings, checkpointNumbers } : {}), ...(assetFiles ? { assetFiles } : {}) });
        },
        "saved_model.pb",
      );
    }
    if (await isFile(tree, p("saved_model.pbtxt"))) {
      consumed.add(p("saved_model.pbtxt"));
      graphs++;
      await ctx.guard(
        "saved_model.pbtxt",
        async () => scanSavedModelText(ctx, decodeUtf8(await readMember(ctx, tree, p("saved_model.pbtxt"))), "saved_model.pbtxt", { warmup, assetReads }),
        "saved_model.pbtxt",
      );
    }
    if (await isFile(tree, p("keras_metadata.pb"))) {
      consumed.add(p("keras_metadata.pb"));
      const kctx = ctx.child("keras_metadata.pb");
      await kctx.guard("keras_metadata.pb", async () => scanKerasMetadata(kctx, await readMember(ctx, tree, p("keras_metadata.pb"))));
    }
    if (await isFile(tree, p("fingerprint.pb"))) {
      consumed.add(p("fingerprint.pb"));
      await ctx.guard("fingerprint.pb", async () => {
        decodeTf("FingerprintDef", await readMember(ctx, tree, p("fingerprint.pb")));
        ctx.detail("fingerprint", true);
      });
    }
    if (await isFile(tree, p("tfhub_module.pb"))) {
      consumed.add(p("tfhub_module.pb"));
      ctx.detail("tfhub_module", true);
    }
    const top = await tree.list(dir);
    // a FIFO or a device among the folder's own files (the loader opens saved_model.pb, fingerprint.pb and
    // keras_metadata.pb by name; a reader may open any of them): the load blocks or never ends
    for (const e of top) {
      if (e.kind !== "other") continue;
      consumed.add(p(e.name));
      ctx.dispatch("special-file", { container: "SavedModel folder", name: e.name, what: e.special ?? "special file", loaderOpens: true }, e.name);
    }
    for (const sub of ["variables", "assets"]) {
      const subKind = await tree.kind(p(sub));
      if (subKind === "symlink" || top.some((e) => e.name === sub && e.link)) {
        consumed.add(p(sub));
        const target = tree.readlink ? await tree.readlink(p(sub)).catch(() => "") : "";
        if (!(await linkStaysInside(tree, p(sub), target, dir))) ctx.dispatch("tf-asset-link", { member: sub, target, path: sub, trigger: linkTrigger(sub, undefined, assetReads) }, sub);
        continue;
      }
      if (subKind !== "dir") continue;
      await ctx.guard(`${sub}/`, async () => {
        const links: string[] = [];
        const specials: Array<{ path: string; what: string }> = [];
        const files = await listFiles(tree, p(sub), ctx.limits.maxTreeFiles, links, specials);
        // a FIFO or a device where the loader opens the model's files: the load blocks or never ends
        for (const x of specials) {
          consumed.add(x.path);
          const rel = x.path.slice(dir === "" ? 0 : dir.length + 1);
          ctx.dispatch("special-file", { container: "SavedModel folder", name: rel, what: x.what, loaderOpens: true }, rel);
        }
        // The loader opens assets through the file system, so a symlink is read where it points:
        // outside the model folder that is a host file.
        for (const l of links) {
          consumed.add(l);
          let target: string;
          try {
            target = tree.readlink ? await tree.readlink(l) : "";
          } catch {
            target = "";
          }
          const rel = l.slice(dir === "" ? 0 : dir.length + 1);
          const inside = await linkStaysInside(tree, l, target, dir);
          if (!inside) ctx.dispatch("tf-asset-link", { member: rel, target, path: rel, trigger: linkTrigger(sub, rel.slice(sub.length + 1), assetReads) }, rel);
        }
        let bytes = 0;
        for (const f of files) {
          consumed.add(f);
          bytes += (await tree.open(f)).size;
        }
        ctx.detail(`${sub}_files`, files.length);
        ctx.detail(`${sub}_bytes`, bytes);
      });
    }
    // Some real exports keep the checkpoint next to saved_model.pb instead of in variables/.
    for (const e of await tree.list(dir)) {
      if (e.kind === "file" && /^variables\.(?:index|data-\d+-of-\d+)$/.test(e.name)) consumed.add(p(e.name));
    }
    ctx.detail("graphs", graphs);
    let total = 0;
    for (const f of consumed) {
      try {
        total += (await tree.open(f)).size;
      } catch {
        // listed above; size only for the report
      }
    }
    ctx.target.bytes = total;
    return consumed;
  },
};
