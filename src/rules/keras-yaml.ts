// YAML model configs with Python tags (THREATS §3, CVE-2021-37678).
import type { YamlTagSubject } from "../keras/yaml-handler.js";
import { defineRule } from "./types.js";

export type { YamlTagSubject };

export const yamlPythonTag = defineRule({
  meta: {
    id: "GW110",
    name: "keras-yaml-python-tag",
    severity: "critical",
    summary: "A YAML model config carries a Python tag (!!python/object/apply:...) that constructs objects or calls functions while the YAML is parsed.",
    why: "tf.keras model_from_yaml used yaml.unsafe_load: a tag such as !!python/object/apply:os.system runs while parsing, before any model exists (CVE-2021-37678).",
    example: "!!python/object/apply:os.system [\"id > /tmp/x\"]",
    fix: "Never load YAML model configs from untrusted sources; TensorFlow 2.6+ removed model_from_yaml.",
    references: ["CWE-502", "CVE-2021-37678"],
  },
  on: {
    "yaml-python-tag"(s, report) {
      report({
        capabilities: ["exec"],
        trigger: "load",
        message: `YAML tag ${s.tag} constructs a Python object while the config is parsed by yaml.unsafe_load.`,
        evidence: `${s.tag} ${s.value}`,
        affectedVersions: ["tensorflow<2.6"],
      });
    },
  },
});
