// Bare JSON files: Keras model configs (model_from_json / config.json), Keras metadata.json.
import type { FormatHandler } from "../core/handler.js";
import { isObject, parseJsonLimited } from "../formats/json.js";
import { decodeJsonBytes, looksLikeJsonBytes } from "../formats/json-bytes.js";
import { scanKerasConfig } from "./engine.js";

export function looksLikeJson(head: Uint8Array): boolean {
  return looksLikeJsonBytes(head);
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
    const text = decodeJsonBytes(await src.read(0, src.size));
    const doc = parseJsonLimited(text, ctx.limits.maxJsonDepth);
    if (isObject(doc) && typeof doc["class_name"] === "string") {
      if (!ctx.member) ctx.target.format = "keras-json";
      scanKerasConfig(ctx, doc, { container: "json", pointer: "", role: "model" });
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
