// Scans TensorFlow artifacts once decoded: SavedModel (binary or text), MetaGraphDef, GraphDef,
// keras_metadata.pb, user_object metadata, assets, warm-up requests.
import { FormatError, decodeUtf8 } from "../core/bytes.js";
import type { ScanContext } from "../core/context.js";
import type { Trigger } from "../core/types.js";
import type { PbMessage } from "../formats/protobuf.js";
import { scanKerasJsonText } from "../keras/engine.js";
import { analyzeGraph, type TfGraphStats } from "./graph.js";
import { decodeGraphDef, decodeMetaGraph, decodeSavedMetadata, decodeSavedModel, decodeTf, parseTfText, toSavedModel, toSaverDef } from "./proto.js";
import type { TfGraphDef, TfMetaGraph, TfSavedModel, TfSaverDef } from "./types.js";

export interface TfAssetSubject {
  filename: string;
  tensorName: string;
  path: string;
}

export interface TfWarmupSubject {
  records: number;
  bytes: number;
  path: string;
}

declare module "../rules/types.js" {
  interface Subjects {
    "tf-asset": TfAssetSubject;
    "tf-warmup": TfWarmupSubject;
  }
}

export interface SavedModelScanOptions {
  warmup?: boolean;
  /** Asset file contents by filename (only read when a graph runs embedded graphs). */
  assetFiles?: Map<string, Uint8Array>;
  /** String variables of the checkpoint (variables/variables.index), by checkpoint key. */
  checkpointStrings?: Map<string, Uint8Array[]>;
  /** Small numeric variables of the checkpoint, by key. */
  checkpointNumbers?: Map<string, number[]>;
  /** Filled in: per asset filename, the earliest trigger of an op that opens it (see GraphOptions.assetReads). */
  assetReads?: Map<string, Trigger>;
  /** The program that loads this meta graph starts its TF1 queue runners (a training .meta import). */
  runnersStart?: boolean;
}

function addStats(ctx: ScanContext, stats: TfGraphStats[]): void {
  const sum = (k: keyof TfGraphStats) => stats.reduce((a, s) => a + s[k], 0);
  ctx.detail("tf_nodes", sum("nodes"));
  ctx.detail("tf_functions", sum("functions"));
  ctx.detail("tf_checkpoint_ops", sum("checkpointOps"));
}

/** Bare file names only: the loader joins assets/ + filename. */
function isBareName(f: string): boolean {
  return f !== "" && f !== "." && f !== ".." && !/[/\\]/.test(f) && !/^[A-Za-z]:/.test(f) && !f.includes("\0");
}

function saversFromCollections(meta: TfMetaGraph): TfSaverDef[] {
  const out: TfSaverDef[] = [];
  for (const b of meta.collectionBytes.get("savers") ?? []) {
    try {
      out.push(toSaverDef(decodeTf("SaverDef", b)));
    } catch {
      // A "savers" entry that is not a SaverDef links nothing; the ops it would cover stay findings.
    }
  }
  return out;
}

export function scanMetaGraph(ctx: ScanContext, meta: TfMetaGraph, prefix: string, opts: SavedModelScanOptions): TfGraphStats | undefined {
  meta.assets.forEach((a, i) => {
    if (!isBareName(a.filename)) ctx.dispatch("tf-asset", { filename: a.filename, tensorName: a.tensorName, path: `${prefix}/asset_file_def[${i}]` }, `${prefix}/asset_file_def[${i}]`);
  });
  const og = meta.objectGraph;
  if (og) {
    const withMeta = og.nodes.filter((o) => o.kind === "user_object" && o.metadata).length;
    if (withMeta) ctx.detail("user_object_metadata", withMeta);
    og.nodes.forEach((o, j) => {
      if (o.kind === "user_object" && o.metadata) {
        scanKerasJsonText(ctx, o.metadata, { container: "user-object", pointer: `${prefix}/object_graph_def/nodes[${j}]`, role: "model" });
      }
    });
  }
  if (!meta.graph) return undefined;
  return analyzeGraph(ctx, meta.graph, { pathPrefix: prefix, meta, savers: saversFromCollections(meta), warmup: opts.warmup === true, runnersStart: opts.runnersStart === true, ...(opts.checkpointStrings ? { checkpointStrings: opts.checkpointStrings } : {}), ...(opts.checkpointNumbers ? { checkpointNumbers: opts.checkpointNumbers } : {}), ...(opts.assetFiles ? { assetFiles: opts.assetFiles } : {}), ...(opts.assetReads ? { assetReads: opts.assetReads } : {}) });
}

export function scanSavedModel(ctx: ScanContext, sm: TfSavedModel, fileName: string, opts: SavedModelScanOptions): void {
  if (sm.metaGraphs.length === 0) throw new FormatError(`${fileName}: SavedModel without meta graphs`);
  ctx.detail("tf_meta_graphs", sm.metaGraphs.length);
  const versions = [...new Set(sm.metaGraphs.map((m) => m.tensorflowVersion).filter(Boolean))];
  if (versions.length) ctx.detail("tensorflow_version", versions.join(","));
  const sigs = [...new Set(sm.metaGraphs.flatMap((m) => [...m.signatures.keys()]))];
  if (sigs.length) ctx.detail("tf_signatures", sigs.slice(0, 20).join(",") + (sigs.length > 20 ? ",…" : ""));
  const tags = [...new Set(sm.metaGraphs.flatMap((m) => m.tags))];
  if (tags.length) ctx.detail("tf_tags", tags.slice(0, 20).join(","));
  const stats: TfGraphStats[] = [];
  sm.metaGraphs.forEach((m, i) => {
    const s = scanMetaGraph(ctx, m, `${fileName}#meta_graphs[${i}]`, opts);
    if (s) stats.push(s);
  });
  addStats(ctx, stats);
}

export function scanSavedModelBytes(ctx: ScanContext, data: Uint8Array, fileName: string, opts: SavedModelScanOptions = {}): void {
  scanSavedModel(ctx, decodeSavedModel(data), fileName, opts);
}

export function scanSavedModelText(ctx: ScanContext, text: string, fileName: string, opts: SavedModelScanOptions = {}): void {
  scanSavedModel(ctx, toSavedModel(parseTfTextFor(ctx, "SavedModel", text, fileName)), fileName, opts);
}

/**
 * A text-format TensorFlow proto read as the Python loaders read it (text_format.Parse). A string literal
 * that the C++ reader (TF Serving, ReadTextProto) reads differently fails the scan closed (an error), and
 * the scan goes on with the Python reading so what the Python loaders would run is still judged.
 */
export function parseTfTextFor(ctx: ScanContext, type: string, text: string, fileName: string): PbMessage {
  const at: number[] = [];
  const m = parseTfText(type, text, undefined, (o) => at.push(o));
  if (at.length) {
    ctx.error(
      `${fileName}: ${at.length} string literal(s) that TensorFlow's Python text-format parser (\\u escapes decoded, then C escapes again) and its C++ parser (one pass) read differently, first at offset ${at[0]}; judged as the Python loader reads them`,
    );
  }
  return m;
}

export function scanMetaGraphMessage(ctx: ScanContext, meta: TfMetaGraph, fileName: string): void {
  if (meta.tensorflowVersion) ctx.detail("tensorflow_version", meta.tensorflowVersion);
  // a .meta is imported by a training program (import_meta_graph), which starts the queue runners it lists
  const s = scanMetaGraph(ctx, meta, `${fileName}#`, { runnersStart: true });
  if (s) addStats(ctx, [s]);
}

export function scanMetaGraphBytes(ctx: ScanContext, data: Uint8Array, fileName: string): void {
  scanMetaGraphMessage(ctx, decodeMetaGraph(data), fileName);
}

export function scanGraph(ctx: ScanContext, graph: TfGraphDef, fileName: string): void {
  if (graph.nodes.length === 0 && graph.functions.length === 0) throw new FormatError(`${fileName}: GraphDef without nodes`);
  addStats(ctx, [analyzeGraph(ctx, graph, { pathPrefix: `${fileName}#` })]);
}

export function scanGraphBytes(ctx: ScanContext, data: Uint8Array, fileName: string): void {
  scanGraph(ctx, decodeGraphDef(data), fileName);
}

/** keras_metadata.pb: each node's metadata JSON goes to the Keras engine. */
export function scanKerasMetadata(ctx: ScanContext, data: Uint8Array): void {
  const nodes = decodeSavedMetadata(data);
  ctx.detail("keras_metadata_nodes", nodes.length);
  for (const n of nodes) {
    if (!n.metadata) continue;
    scanKerasJsonText(ctx, n.metadata, { container: "savedmodel-metadata", pointer: n.nodePath || `nodes[${n.nodeId}]`, role: "model" });
  }
}

/** Counts TFRecord records (uint64 length, uint32 crc, data, uint32 crc) without reading payloads. */
export function countTfRecords(data: Uint8Array, maxRecords = 1_000_000): number {
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let pos = 0;
  let n = 0;
  while (pos < data.length) {
    if (data.length - pos < 12) throw new FormatError(`TFRecord: truncated record header at byte ${pos}`);
    const len = dv.getUint32(pos, true) + dv.getUint32(pos + 4, true) * 2 ** 32;
    pos += 12;
    if (len > data.length - pos - 4) throw new FormatError(`TFRecord: record length ${len} at byte ${pos - 12} runs past the end`);
    pos += len + 4;
    if (++n > maxRecords) throw new FormatError(`TFRecord: more than ${maxRecords} records`);
  }
  return n;
}

export function scanWarmup(ctx: ScanContext, data: Uint8Array, path: string): void {
  const records = countTfRecords(data);
  ctx.dispatch("tf-warmup", { records, bytes: data.length, path }, path);
}

/** Text-format sniffing: which message a .pbtxt holds, from its first field name. */
export function textKind(head: Uint8Array): "savedmodel" | "graphdef" | "metagraph" | undefined {
  const text = decodeUtf8(head.subarray(0, 2048));
  const m = /^(?:\s|#[^\n]*\n)*([A-Za-z_]+)\s*(:|\{|<)/.exec(text);
  if (!m) return undefined;
  const field = m[1];
  if ((field === "saved_model_schema_version" && m[2] === ":") || (field === "meta_graphs" && m[2] !== ":")) return "savedmodel";
  if ((field === "node" || field === "library" || field === "versions") && m[2] !== ":") {
    return /\bop\s*:\s*"/.test(text) || field !== "node" ? "graphdef" : undefined;
  }
  if (field === "meta_info_def" && m[2] !== ":") return "metagraph";
  return undefined;
}
