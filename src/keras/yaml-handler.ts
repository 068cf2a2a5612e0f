// Keras YAML configs (model.to_yaml(), Keras <= 2.5): tf.keras read them with yaml.unsafe_load, so
// Python tags construct objects while parsing (CVE-2021-37678). Parsed with the `yaml` library,
// which never constructs Python objects; tags are inspected, the config is walked like JSON.
import { parseDocument, isPair, isScalar, isMap, isSeq, visit, type Node as YamlNode } from "yaml";
import { decodeUtf8Strict } from "../core/bytes.js";
import type { FormatHandler } from "../core/handler.js";
import { scanKerasConfig } from "./engine.js";
import { cut } from "../core/text.js";

export interface YamlTagSubject {
  tag: string;
  /** The tagged value, as text. */
  value: string;
  path: string;
}

declare module "../rules/types.js" {
  interface Subjects {
    "yaml-python-tag": YamlTagSubject;
  }
}

// Only these constructors reach code: object, object/apply, object/new, name, module. The plain
// data tags (python/tuple, python/unicode, ...) that yaml.dump writes for shapes are harmless.
const PY_TAG = /^(?:!!python\/|!python\/|tag:yaml\.org,2002:python\/)(?:object|name|module)\b/;

function looksLikeKerasYaml(text: string): boolean {
  return /^\s*class_name\s*:/m.test(text) && /^\s*(?:config|keras_version|backend)\s*:/m.test(text);
}

export const yamlHandler: FormatHandler = {
  id: "keras-yaml",
  description: "Keras YAML model config (model_from_yaml)",
  match(s) {
    if (s.head.length === 0 || s.head[0] === 0x7b || s.head[0] === 0x5b) return 0;
    const text = decodeUtf8Strict(s.head.subarray(0, Math.min(s.head.length, 4000)));
    if (text === undefined) return 0;
    return looksLikeKerasYaml(text) || /!!python\//.test(text) ? 9 : 0;
  },
  async scan(ctx, src) {
    if (src.size > ctx.limits.maxMetadataBytes) {
      ctx.error(`YAML of ${src.size} bytes exceeds the metadata limit`);
      return;
    }
    const text = decodeUtf8Strict(await src.read(0, src.size));
    if (text === undefined) {
      ctx.error("YAML config is not valid UTF-8");
      return;
    }
    const doc = parseDocument(text, { customTags: [], strict: false, uniqueKeys: false });
    visit(doc, {
      Node(key, node: YamlNode, path) {
        const tag = (node as { tag?: string }).tag;
        if (tag && PY_TAG.test(tag)) {
          const value = isScalar(node) ? String(node.value) : isMap(node) || isSeq(node) ? String(node) : "";
          const where = [...path.map((p) => (isPair(p) && isScalar(p.key) ? String(p.key.value) : "")), typeof key === "number" ? String(key) : ""]
            .filter(Boolean)
            .join("/");
          ctx.dispatch("yaml-python-tag", { tag, value: cut(value.replace(/\s+/g, " "), 200), path: where }, `/${where}`);
        }
      },
    });
    const fatal = doc.errors.find((e) => e.code !== "TAG_RESOLVE_FAILED");
    if (fatal) {
      ctx.error(`YAML config: ${fatal.message.split("\n")[0]}`);
      return;
    }
    const js: unknown = doc.toJS({ maxAliasCount: 100 });
    scanKerasConfig(ctx, js, { container: "json", pointer: "", role: "model" });
  },
};
