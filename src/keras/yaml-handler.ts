// Keras YAML configs (model.to_yaml(), Keras <= 2.5): tf.keras read them with yaml.unsafe_load, so
// Python tags construct objects while parsing (CVE-2021-37678). Parsed with the `yaml` library,
// which never constructs Python objects; tags are inspected, the config is walked like JSON.
import { decodeUtf8Strict } from "../core/bytes.js";
import type { FormatHandler } from "../core/handler.js";
import { scanKerasConfig } from "./engine.js";

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
  maxScore: 9,
  async scan(ctx, src) {
    // the yaml library is loaded only when a YAML config is scanned (most scans never meet one)
    const { YAML_CAPS, yamlCapExceeded, composeYaml } = await import("./yaml-parse.js");
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
    const doc = composeYaml(text);
    for (const t of doc.tags) ctx.dispatch("yaml-python-tag", t, `/${t.path}`);
    if (doc.error !== undefined) {
      ctx.error(`YAML config: ${doc.error}`);
      return;
    }
    ctx.checkTime();
    const js = doc.toJS();
    scanKerasConfig(ctx, js, { container: "json", pointer: "", role: "model" });
  },
};
