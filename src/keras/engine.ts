// Keras config engine: walks a whole Keras config (2.x legacy and 3.x forms), resolves every
// reference the loader would follow and hands subjects to the rules.
import { ScanContext } from "../core/context.js";
import type { Subjects } from "../rules/types.js";
import { parseJsonLimited } from "../formats/json.js";
import { walkKerasConfig } from "./walk.js";

export type KerasContainer = "h5" | "keras-zip" | "json" | "savedmodel-metadata" | "user-object" | "tfjs";

export interface KerasOrigin {
  container: KerasContainer;
  /** keras_version the file claims (written by the author: never lowers a verdict). */
  kerasVersion?: string;
  /** JSON pointer prefix of this config inside its member (e.g. "/model_config" for HDF5 attrs). */
  pointer: string;
  /** What part of the file this JSON is: model config, training config, compile config. */
  role: "model" | "training" | "compile" | "metadata";
  /** Base name of the file the config came from (Keras 3 picks its loader by the name's suffix). */
  fileName?: string;
  /** The bytes of weights the file stores (a .keras archive's members besides its config and metadata, as the archive
   * holds them: compressed; an .h5 file's size): a model declaring weights within them stores its own size; far beyond
   * them, the declaration is the attack. */
  storedWeightBytes?: number;
}

/**
 * What the walk of one config text handed to the rules, in order: replayed for the same text (a
 * folder of copies or fine-tunes of one architecture), the rules run again on the same subjects,
 * so findings, de-duplication and caps behave as if the walk had run. A walk that reported an
 * error or queued work (an embedded archive) is not kept.
 */
type WalkOp = { kind: keyof Subjects; subject: Subjects[keyof Subjects]; pointer: string | undefined };
const WALKS = new Map<string, WalkOp[]>();
/** Config text kept at most (characters, all entries), and the largest text kept. */
const MAX_WALK_CHARS = 4 * 1024 * 1024;
const MAX_WALK_TEXT = 512 * 1024;
let walkChars = 0;

class RecordingContext extends ScanContext {
  readonly ops: WalkOp[] = [];
  keep = true;
  constructor(inner: ScanContext) {
    super(inner.session, inner.target, inner.member, inner.depth);
  }
  override dispatch<K extends keyof Subjects>(kind: K, subject: Subjects[K], pointer?: string): void {
    this.ops.push({ kind, subject, pointer });
    super.dispatch(kind, subject, pointer);
  }
  override error(message: string, pointer?: string): void {
    this.keep = false;
    super.error(message, pointer);
  }
  override defer(what: string, fn: () => Promise<void>): void {
    this.keep = false;
    super.defer(what, fn);
  }
}

/** Parses and scans Keras JSON text; parse failures are errors (fail closed). */
export function scanKerasJsonText(ctx: ScanContext, text: string, origin: KerasOrigin): void {
  replayOrWalk(ctx, text, origin, (c) => scanKerasJsonTextUncached(c, text, origin));
}

/** Scans a config already parsed from `text` (the walk is replayed when the same text was walked). */
export function scanKerasConfigText(ctx: ScanContext, text: string, config: unknown, origin: KerasOrigin): void {
  replayOrWalk(ctx, text, origin, (c) => scanKerasConfig(c, config, origin));
}

function replayOrWalk(ctx: ScanContext, text: string, origin: KerasOrigin, walk: (ctx: ScanContext) => void): void {
  // the walk reads of the file name only whether it ends in .keras (walk.ts): copies under other names share the walk
  const keyOrigin = { ...origin, fileName: origin.fileName?.endsWith(".keras") };
  const key = text.length <= MAX_WALK_TEXT ? JSON.stringify([keyOrigin, ctx.limits.maxJsonDepth, ctx.limits.maxMetadataBytes]) + text : undefined;
  const ops = key !== undefined ? WALKS.get(key) : undefined;
  if (ops) {
    if (origin.kerasVersion) ctx.detail("keras_version", origin.kerasVersion);
    for (const op of ops) ctx.dispatch(op.kind, op.subject, op.pointer);
    return;
  }
  const rec = key !== undefined ? new RecordingContext(ctx) : undefined;
  walk(rec ?? ctx);
  if (rec?.keep && key !== undefined) {
    if (walkChars + key.length > MAX_WALK_CHARS) {
      WALKS.clear();
      walkChars = 0;
    }
    WALKS.set(key, rec.ops);
    walkChars += key.length;
  }
}

function scanKerasJsonTextUncached(ctx: ScanContext, text: string, origin: KerasOrigin): void {
  let cfg: unknown;
  try {
    cfg = parseJsonLimited(text, ctx.limits.maxJsonDepth);
  } catch (e) {
    ctx.error(`Keras ${origin.role} config: ${e instanceof Error ? e.message : String(e)}`, origin.pointer);
    return;
  }
  scanKerasConfig(ctx, cfg, origin);
}

/**
 * What tf_keras (and Keras 2, and Keras 3's legacy HDF5 reader) read a config with: `json_utils.decode`,
 * json.loads with an object hook applied to every object, innermost first. `{"class_name": "__bytes__",
 * "value": s}` becomes the byte string of s and `{"class_name": "__tuple__", "items": it}` the tuple of
 * any iterable (an array's items, an object's keys, a string's characters),
 * before any layer sees its config (a TensorFlowOpLayer's node_def given as bytes, a list attr given as a
 * tuple). Bytes are kept as the string they were encoded from (consumers that take bytes encode strings
 * the same way). Other objects are kept as they are.
 */
export function jsonUtilsDecode(v: unknown): unknown {
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const d = jsonUtilsDecode(v[i]);
      if (d !== v[i]) (out ??= v.slice())[i] = d;
    }
    return out ?? v;
  }
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const [k, x] of Object.entries(o)) {
    const d = jsonUtilsDecode(x);
    if (d !== x) (out ??= { ...o })[k] = d;
  }
  const r = out ?? o;
  // tuple(items): any iterable (a JSON array's items, an object's keys in order, a string's characters)
  if (r["class_name"] === "__tuple__") {
    const items = r["items"];
    if (Array.isArray(items)) return items;
    if (typeof items === "string") return [...items];
    if (items !== null && typeof items === "object") return Object.keys(items);
  }
  if (r["class_name"] === "__bytes__" && typeof r["value"] === "string") return r["value"];
  return r;
}

/** Containers whose loaders read the config through json_utils.decode (not the Keras 3 .keras reader). */
const HOOKED: ReadonlySet<KerasContainer> = new Set(["h5", "json", "savedmodel-metadata", "user-object"]);

/** Scans an already parsed Keras config. Errors in the walk fail the target closed. */
export function scanKerasConfig(ctx: ScanContext, config: unknown, origin: KerasOrigin): void {
  if (origin.kerasVersion) ctx.detail("keras_version", origin.kerasVersion);
  try {
    walkKerasConfig(ctx, HOOKED.has(origin.container) ? jsonUtilsDecode(config) : config, origin);
  } catch (e) {
    ctx.error(`Keras ${origin.role} config: ${e instanceof Error ? e.message : String(e)}`, origin.pointer);
  }
}
