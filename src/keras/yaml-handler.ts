// Keras YAML configs (model.to_yaml(), Keras <= 2.5): tf.keras read them with yaml.unsafe_load, so
// Python tags construct objects while parsing (CVE-2021-37678). Parsed with the `yaml` library,
// which never constructs Python objects; tags are inspected, the config is walked like JSON.
import { Lexer, parseDocument, isPair, isScalar, isMap, isSeq, visit, type Node as YamlNode } from "yaml";
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

/**
 * Caps checked by one linear pass of the `yaml` lexer before the document is composed: the
 * composer, merge resolution and toJS are not linear on hostile shapes (deep flow nesting, merge
 * keys, aliases), and they run synchronously, out of reach of the target's deadline. A Keras config
 * written by model.to_yaml() (PyYAML dump) has shallow flow nesting, few anchors and no merge keys.
 */
export const YAML_CAPS = {
  bytes: 16 * 1024 * 1024,
  flowDepth: 64,
  aliases: 100,
  anchors: 10_000,
  mergeKeys: 16,
  tags: 100_000,
  nodes: 2_000_000,
} as const;

/** Returns the first cap the text exceeds, or undefined. Linear in the text. */
export function yamlCapExceeded(text: string): string | undefined {
  const c = YAML_CAPS;
  let depth = 0;
  let aliases = 0;
  let anchors = 0;
  let merges = 0;
  let tags = 0;
  let nodes = 0;
  let scalarNext = false;
  for (const tok of new Lexer().lex(text)) {
    if (scalarNext) {
      scalarNext = false;
      if (tok === "<<" && ++merges > c.mergeKeys) return `more than ${c.mergeKeys} merge keys (<<)`;
      continue;
    }
    switch (tok) {
      case "\x1f": // a scalar follows
        scalarNext = true;
        if (++nodes > c.nodes) return `more than ${c.nodes} nodes`;
        continue;
      case "[":
      case "{":
        if (++depth > c.flowDepth) return `flow collections nested deeper than ${c.flowDepth} levels`;
        if (++nodes > c.nodes) return `more than ${c.nodes} nodes`;
        continue;
      case "]":
      case "}":
        if (depth > 0) depth--;
        continue;
    }
    const ch = tok.charCodeAt(0);
    if (ch === 0x2a /* * */ && ++aliases > c.aliases) return `more than ${c.aliases} aliases`;
    if (ch === 0x26 /* & */ && ++anchors > c.anchors) return `more than ${c.anchors} anchors`;
    if (ch === 0x21 /* ! */ && ++tags > c.tags) return `more than ${c.tags} tags`;
    if ((ch === 0x27 || ch === 0x22 || ch === 0x7c || ch === 0x3e) && ++nodes > c.nodes) return `more than ${c.nodes} nodes`;
  }
  return undefined;
}

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
    const maxBytes = Math.min(ctx.limits.maxMetadataBytes, YAML_CAPS.bytes);
    if (src.size > maxBytes) {
      ctx.error(`YAML of ${src.size} bytes exceeds the ${maxBytes}-byte limit for YAML configs`);
      return;
    }
    const text = decodeUtf8Strict(await src.read(0, src.size));
    if (text === undefined) {
      ctx.error("YAML config is not valid UTF-8");
      return;
    }
    const over = yamlCapExceeded(text);
    if (over) {
      ctx.error(`YAML config not read: ${over} (a limit against hostile YAML; Keras configs stay far below it)`);
      return;
    }
    ctx.checkTime();
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
    ctx.checkTime();
    const js: unknown = doc.toJS({ maxAliasCount: YAML_CAPS.aliases });
    scanKerasConfig(ctx, js, { container: "json", pointer: "", role: "model" });
  },
};
