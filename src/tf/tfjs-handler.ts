// TF.js models (model.json with modelTopology + weightsManifest): graph models go node by node
// through the TensorFlow op catalogue; layers models hand their Keras config to the Keras engine.
// A folder holding model.json and its weight shards is one artifact (the shards are consumed).
import { decodeUtf8, FormatError, readAll, type ByteSource } from "../core/bytes.js";
import type { ScanContext } from "../core/context.js";
import { baseName, joinPath, type FileTree } from "../core/fs.js";
import type { DirHandler, FormatHandler } from "../core/handler.js";
import type { Trigger } from "../core/types.js";
import { isKnownTfjsOp } from "../catalog/tf-op-registry.js";
import { isObject, parseJsonLimited } from "../formats/json.js";
import { scanKerasConfig } from "../keras/engine.js";
import { judgeNodeDef, type TfOpSubject, type TracedValue } from "./judge.js";
import { tfjsGraphNodes, type TfjsNode } from "./tfjs-graph.js";
import { readStringWeights } from "./tfjs-weights.js";
import type { TfNodeDef } from "./types.js";
import { DT_STRING } from "./types.js";
import { findModelJson, looksLikeTfjs, tfjsDirDetector } from "../dir-detect.js";

export { looksLikeTfjs };

/** Most nodes read from one model.json. */
const MAX_NODES = 2_000_000;
/** Most Identity hops followed when tracing a string operand. */
const MAX_TRACE = 16;
export type TfjsKind = "graph-model" | "layers-model";

export interface WeightPath {
  path: string;
  pointer: string;
}

export function tfjsKind(doc: Record<string, unknown>): TfjsKind {
  if (doc["format"] === "graph-model") return "graph-model";
  if (doc["format"] === "layers-model") return "layers-model";
  const topo = doc["modelTopology"];
  return isObject(topo) && Array.isArray(topo["node"]) ? "graph-model" : "layers-model";
}

/** Every path listed in weightsManifest[*].paths, with its pointer. */
export function weightPaths(doc: Record<string, unknown>): WeightPath[] {
  const wm = doc["weightsManifest"];
  if (wm === undefined) return [];
  if (!Array.isArray(wm)) throw new FormatError("/weightsManifest is not an array");
  const out: WeightPath[] = [];
  wm.forEach((g, gi) => {
    if (!isObject(g) || !Array.isArray(g["paths"])) throw new FormatError(`/weightsManifest/${gi} has no paths array`);
    g["paths"].forEach((p, pi) => {
      if (typeof p !== "string") throw new FormatError(`/weightsManifest/${gi}/paths/${pi} is not a string`);
      out.push({ path: p, pointer: `/weightsManifest/${gi}/paths/${pi}` });
    });
  });
  return out;
}

/** How a weights path leaves the model folder, or undefined when it stays inside. */
export function weightPathEscape(p: string): "url" | "absolute" | "parent" | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p) || p.startsWith("//") || /^(?:data|blob|javascript):/i.test(p)) return "url";
  if (p.startsWith("/") || p.startsWith("\\") || /^[a-z]:[\\/]/i.test(p) || /^[a-z]:$/i.test(p)) return "absolute";
  if (p.split(/[\\/]/).includes("..")) return "parent";
  return undefined;
}

/** Folder-relative path of a shard that stays inside the folder ("./a/b.bin" -> "a/b.bin"). */
export function normaliseShard(p: string): string | undefined {
  if (weightPathEscape(p)) return undefined;
  const parts = p.split("/").filter((s) => s !== "" && s !== ".");
  return parts.length ? parts.join("/") : undefined;
}

function stripInput(input: string): string {
  const s = input.startsWith("^") ? input.slice(1) : input;
  const i = s.indexOf(":");
  return i < 0 ? s : s.slice(0, i);
}

/**
 * Traces string operands through Const and Identity inside one graph section. Const values are
 * inline (hand-written files) or, as the converter writes them, string weights in the shards.
 */
function tracer(nodes: Map<string, TfNodeDef>, weights: Map<string, string[]>): (input: string) => TracedValue {
  return (input) => {
    let name = stripInput(input);
    for (let hop = 0; hop < MAX_TRACE; hop++) {
      const n = nodes.get(name);
      if (!n) break;
      if (n.op === "Const") {
        // TF.js executes a Const with the tensor loaded from the weight shards under its name; an
        // inline value in the JSON (hand-written files) is judged too, so that neither can hide the
        // other, and an inline string tensor whose bytes we do not read (tensor_content) is opaque.
        const t = n.attr.get("value")?.tensor;
        const inline = t && t.dtype === DT_STRING ? t.strings.map(decodeUtf8) : [];
        const w = weights.get(n.name) ?? [];
        const opaque = t && t.dtype === DT_STRING && !t.strings.length && t.content?.length ? [`${n.name} (string tensor_content)`] : [];
        if (inline.length || w.length || opaque.length) return { strings: [...w, ...inline], opaque };
        break;
      }
      if ((n.op === "Identity" || n.op === "Snapshot" || n.op === "StopGradient") && n.input[0] !== undefined) {
        name = stripInput(n.input[0]);
        continue;
      }
      break;
    }
    return { strings: [], opaque: [input] };
  };
}

function triggerOf(section: string): Trigger {
  if (section === "graph") return "inference";
  if (section === "initializer") return "load";
  return "unknown";
}

function viaOf(section: string): string[] {
  if (section === "graph") return ["TF.js graph model (model.execute / predict)"];
  if (section === "initializer") return ["modelInitializer (run by loadGraphModel)"];
  return [];
}

function scanGraph(ctx: ScanContext, doc: Record<string, unknown>, fileLabel: string, weights: Map<string, string[]>): void {
  const nodes = tfjsGraphNodes(doc, MAX_NODES);
  ctx.detail("tfjs_nodes", nodes.length);
  const bySection = new Map<string, TfjsNode[]>();
  for (const n of nodes) {
    const list = bySection.get(n.section) ?? [];
    list.push(n);
    bySection.set(n.section, list);
  }
  for (const [section, list] of bySection) {
    const trace = tracer(new Map(list.map((n) => [n.node.name, n.node])), weights);
    for (const { node, pointer } of list) {
      const path = `${fileLabel}#${section}/${node.name || pointer}`;
      for (const judgement of judgeNodeDef(node, { traceStrings: trace, isKnownOp: isKnownTfjsOp })) {
        const subject: TfOpSubject = { node, judgement, trigger: triggerOf(section), path, via: viaOf(section) };
        ctx.dispatch("tf-op", subject, pointer);
      }
    }
  }
}

function scanLayers(ctx: ScanContext, doc: Record<string, unknown>): void {
  const topo = doc["modelTopology"];
  if (!isObject(topo)) throw new FormatError("/modelTopology is not an object");
  const kv = typeof topo["keras_version"] === "string" ? topo["keras_version"] : undefined;
  const origin = (pointer: string, role: "model" | "training") => (kv ? { container: "tfjs" as const, pointer, role, kerasVersion: kv } : { container: "tfjs" as const, pointer, role });
  if (isObject(topo["model_config"])) {
    scanKerasConfig(ctx, topo["model_config"], origin("/modelTopology/model_config", "model"));
    if (isObject(topo["training_config"])) scanKerasConfig(ctx, topo["training_config"], origin("/modelTopology/training_config", "training"));
  } else if (typeof topo["class_name"] === "string") {
    scanKerasConfig(ctx, topo, origin("/modelTopology", "model"));
  } else {
    throw new FormatError("layers model without a Keras config in /modelTopology");
  }
}

/**
 * Scans a parsed model.json; returns the weight paths it lists. `weights` holds string weights read
 * from the shards (folder scans), used to show the constant operands of graph ops.
 */
export function scanTfjsDoc(ctx: ScanContext, doc: unknown, fileLabel: string, weights: Map<string, string[]> = new Map()): WeightPath[] {
  if (!isObject(doc) || doc["modelTopology"] === undefined) throw new FormatError("not a TF.js model.json (no modelTopology)");
  const kind = tfjsKind(doc);
  ctx.detail("tfjs_format", kind);
  for (const k of ["generatedBy", "convertedBy"]) if (typeof doc[k] === "string") ctx.detail(`tfjs_${k}`, (doc[k] as string).slice(0, 80));
  const paths = weightPaths(doc);
  for (const w of paths) {
    const escape = weightPathEscape(w.path);
    if (escape) ctx.dispatch("tfjs-weight-path", { path: w.path, escape, kind }, w.pointer);
  }
  if (kind === "graph-model") scanGraph(ctx, doc, fileLabel, weights);
  else scanLayers(ctx, doc);
  return paths;
}

async function parseModelJson(ctx: ScanContext, src: ByteSource): Promise<unknown> {
  const text = decodeUtf8(await readAll(src, ctx.limits.maxMetadataBytes)).replace(/^\uFEFF/, "");
  return parseJsonLimited(text, ctx.limits.maxJsonDepth);
}

/** A lone model.json (or one inside an archive): scores above the generic JSON handler. */
export const tfjsHandler: FormatHandler = {
  id: "tfjs",
  description: "TensorFlow.js model.json (graph models: op catalogue; layers models: Keras config)",
  match(s) {
    return looksLikeTfjs(s.head) ? 20 : 0;
  },
  async scan(ctx, src) {
    const doc = await parseModelJson(ctx, src);
    const paths = scanTfjsDoc(ctx, doc, baseName(src.name));
    ctx.detail("tfjs_weight_shards", paths.length);
  },
};

/** String weights of a graph model folder (evidence for operands); failures only lose evidence. */
async function stringWeights(ctx: ScanContext, tree: FileTree, dir: string, doc: unknown): Promise<Map<string, string[]>> {
  if (!isObject(doc) || tfjsKind(doc) !== "graph-model") return new Map();
  const open = async (path: string): Promise<ByteSource | undefined> => {
    const rel = normaliseShard(path);
    if (!rel) return undefined;
    const full = joinPath(dir, rel);
    return (await tree.kind(full)) === "file" ? tree.open(full) : undefined;
  };
  try {
    return await readStringWeights(doc["weightsManifest"], open);
  } catch (e) {
    ctx.detail("tfjs_string_weights", `unreadable: ${e instanceof Error ? e.message.slice(0, 100) : String(e)}`);
    return new Map();
  }
}

/** A folder with model.json and its shards: the shards belong to the model and are consumed. */
export const tfjsDirHandler: DirHandler = {
  id: "tfjs",
  description: "TensorFlow.js model folder (model.json + weight shards)",
  detect: tfjsDirDetector.detect,
  async scan(ctx, tree, dir) {
    const consumed = new Set<string>();
    const present = new Set((await tree.list(dir)).filter((e) => e.kind === "file").map((e) => e.name));
    for (const name of await findModelJson(tree, dir)) {
      const p = joinPath(dir, name);
      consumed.add(p);
      const c = ctx.child(name);
      await c.guard("tfjs reader", async () => {
        const doc = await parseModelJson(c, await tree.open(p));
        const weights = await stringWeights(c, tree, dir, doc);
        const paths = scanTfjsDoc(c, doc, name, weights);
        let missing = 0;
        for (const w of paths) {
          const rel = normaliseShard(w.path);
          if (!rel) continue;
          if (!rel.includes("/") && !present.has(rel)) missing++;
          if ((await tree.kind(joinPath(dir, rel))) === "file") consumed.add(joinPath(dir, rel));
        }
        c.detail("tfjs_weight_shards", paths.length);
        if (missing) c.detail("tfjs_missing_shards", missing);
      });
    }
    return consumed;
  },
};
