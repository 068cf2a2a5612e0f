// Bare JSON files: Keras model configs (model_from_json / config.json), Keras metadata.json.
import { FormatError } from "../core/bytes.js";
import type { FormatHandler } from "../core/handler.js";
import { holdsKerasObject, isObject, parseJsonLimited } from "../formats/json.js";
import { decodeJsonBytes, looksLikeJsonBytes } from "../formats/json-bytes.js";
import { scanKerasConfigText } from "./engine.js";
import { scanTfjsDoc } from "../tf/tfjs-handler.js";

export function looksLikeJson(head: Uint8Array): boolean {
  return looksLikeJsonBytes(head);
}

/** Names under which a loader would open a JSON file as a model or model part. */
export function claimsModelName(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return base === "model.json" || base === "config.json" || base === "metadata.json" || /\.(?:h5|hdf5|keras|pb|pbtxt|meta|tflite)$/.test(base);
}

/** Keys only model files carry: a broken file holding them claims a model format by content. */
function claimsModelContent(text: string, name: string): boolean {
  // JSON Lines (a dataset manifest, a log) is no model format even when its records name Keras keys.
  if (/\.(?:jsonl|ndjson)$/i.test(name) || isJsonLines(text)) return false;
  return /"(?:class_name|keras_version|model_config|modelTopology|weightsManifest|registered_name)"/.test(text);
}

/** Two or more lines, each one JSON document on its own (bounded). */
function isJsonLines(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length < 2 || lines.length > 100_000) return false;
  try {
    for (const l of lines) JSON.parse(l);
    return true;
  } catch {
    return false;
  }
}

export const jsonHandler: FormatHandler = {
  id: "json",
  description: "JSON: bare Keras model config (model_from_json, config.json) or Keras metadata",
  match(s) {
    return looksLikeJson(s.head) ? 10 : 0;
  },
  async scan(ctx, src) {
    if (src.size > ctx.limits.maxMetadataBytes) {
      ctx.error(`JSON of ${src.size} bytes exceeds the ${ctx.limits.maxMetadataBytes}-byte limit`);
      return;
    }
    let doc: unknown;
    let text = "";
    try {
      text = decodeJsonBytes(await src.read(0, src.size));
      doc = parseJsonLimited(text, ctx.limits.maxJsonDepth);
    } catch (e) {
      // Our decoder and parser accept exactly what Python's json.loads(bytes) accepts (tested
      // against CPython), so text that fails here cannot be a config any loader reads. A file whose
      // name claims a model format stays an error; any other one (data/labels.jsonl, a broken
      // editor file) is a project file, not scanned.
      if (ctx.member || claimsModelName(src.name) || claimsModelContent(text, src.name) || !(e instanceof FormatError)) throw e;
      ctx.target.status = "unsupported";
      ctx.target.format = "json";
      ctx.detail("reason", `not a model: text that no JSON loader accepts (${e instanceof Error ? e.message : String(e)})`);
      ctx.dispatch("unsupported", { name: src.name, size: src.size, head: new Uint8Array(), member: ctx.member });
      return;
    }
    // a TF.js model.json whose keys the head did not show (padding, escapes): the TF.js scan, as its loader reads it
    if (isObject(doc) && doc["modelTopology"] !== undefined) {
      if (!ctx.member) ctx.target.format = "tfjs";
      ctx.detail("tfjs_weight_shards", scanTfjsDoc(ctx, doc, src.name.slice(src.name.lastIndexOf("/") + 1)).length);
      return;
    }
    // a folder's config.json is what Keras 3's load_model(folder) deserialises whatever its shape (a list, a dict
    // without class_name holding the model: deserialize_keras_object unpacks both), as inside a .keras
    const folderConfig = src.name.slice(src.name.lastIndexOf("/") + 1) === "config.json" && (Array.isArray(doc) || (isObject(doc) && !("keras_version" in doc) && !("date_saved" in doc) && holdsKerasObject(doc, 0)));
    if ((isObject(doc) && typeof doc["class_name"] === "string") || folderConfig) {
      if (!ctx.member) ctx.target.format = "keras-json";
      scanKerasConfigText(ctx, text, doc, { container: "json", pointer: "", role: "model" });
      return;
    }
    if (isObject(doc) && ("keras_version" in doc || "date_saved" in doc)) {
      if (!ctx.member) ctx.target.format = "keras-metadata-json";
      ctx.detail("keras_version", String(doc["keras_version"] ?? ""));
      return;
    }
    if (!ctx.member) {
      ctx.target.status = "unsupported";
      ctx.target.format = "json";
    }
    ctx.dispatch("unsupported", { name: src.name, size: src.size, head: new Uint8Array(), member: ctx.member });
  },
};

