// The parts of the Keras YAML reader that need the `yaml` library, loaded on demand by
// yaml-handler.ts: the linear pre-pass of caps, and composing the document with its Python tags.
import { Lexer, parseDocument, isPair, isScalar, isMap, isSeq, visit, type Node as YamlNode } from "yaml";
import { cut } from "../core/text.js";
import type { YamlTagSubject } from "./yaml-handler.js";

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

/**
 * The composed document: every Python tag that constructs an object (with where it sits), the first
 * fatal parse error, and the document as plain data (aliases capped).
 */
export function composeYaml(text: string): { tags: YamlTagSubject[]; error: string | undefined; toJS: () => unknown } {
  const doc = parseDocument(text, { customTags: [], strict: false, uniqueKeys: false });
  const tags: YamlTagSubject[] = [];
  visit(doc, {
    Node(key, node: YamlNode, path) {
      const tag = (node as { tag?: string }).tag;
      if (tag && PY_TAG.test(tag)) {
        const value = isScalar(node) ? String(node.value) : isMap(node) || isSeq(node) ? String(node) : "";
        const where = [...path.map((p) => (isPair(p) && isScalar(p.key) ? String(p.key.value) : "")), typeof key === "number" ? String(key) : ""]
          .filter(Boolean)
          .join("/");
        tags.push({ tag, value: cut(value.replace(/\s+/g, " "), 200), path: where });
      }
    },
  });
  const fatal = doc.errors.find((e) => e.code !== "TAG_RESOLVE_FAILED");
  return { tags, error: fatal?.message.split("\n")[0], toJS: () => doc.toJS({ maxAliasCount: YAML_CAPS.aliases }) as unknown };
}
