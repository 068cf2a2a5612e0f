// Keras gadget classes and config keys (THREATS §3): layers that load other models, unpickle,
// read vocabularies from paths or URLs, and configs that switch safe mode off.
import { suspiciousString } from "../catalog/python.js";
import type { Capability, Severity } from "../core/types.js";
import type { KerasGadgetSubject } from "../keras/walk.js";
import { cut } from "../core/text.js";
import { decodeBase64, stringField as strField } from "../keras/walk.js";
import * as V from "../keras/versions.js";
import { defineRule } from "./types.js";
import { isCredentialPath } from "../catalog/secret-paths.js";

function who(s: KerasGadgetSubject): string {
  return `${s.className}${s.layer ? ` "${s.layer}"` : ""}`;
}

const REMOTE = /^(?:https?|ftp|gs|s3|hdfs):\/\//i;

export const nestedModelLoad = defineRule({
  meta: {
    id: "GW105",
    name: "keras-nested-model-load",
    severity: "high",
    summary: "A layer loads another model from a path or URL when the config is deserialised (TFSMLayer, TF Hub KerasLayer).",
    why: "The scanned file may be clean while the model it pulls in is not: TFSMLayer loads a SavedModel from filepath (CVE-2026-1462), and a TF Hub KerasLayer downloads and loads the model at handle.",
    example: '{"class_name": "TFSMLayer", "config": {"filepath": "/tmp/evil_savedmodel"}}',
    fix: "Scan the referenced model too, or refuse models that load others at load time.",
    references: ["CWE-829", "CVE-2026-1462"],
  },
  on: {
    "keras-gadget"(s, report) {
      if (s.className === "TFSMLayer") {
        const path = strField(s.config, "filepath") ?? "(unset)";
        const remote = REMOTE.test(path);
        report({
          severity: "high",
          capabilities: remote ? ["nested-load", "network"] : ["nested-load", "file-read"],
          trigger: s.trigger,
          message: `${who(s)} loads the SavedModel at ${JSON.stringify(cut(path, 80))} when the model is deserialised; that model is not part of this file and runs its own graph.`,
          evidence: cut(`TFSMLayer(filepath=${JSON.stringify(path)}, call_endpoint=${JSON.stringify(s.config["call_endpoint"] ?? "serve")})`),
          affectedVersions: [V.KERAS3_ALL],
        });
      } else if (s.className === "KerasLayer") {
        const handle = strField(s.config, "handle") ?? "(unset)";
        report({
          severity: "medium",
          capabilities: REMOTE.test(handle) ? ["nested-load", "network"] : ["nested-load", "file-read"],
          trigger: s.trigger,
          message: `TF Hub ${who(s)} downloads or opens the model at ${JSON.stringify(cut(handle, 80))} and loads it when the config is rebuilt.`,
          evidence: cut(`hub.KerasLayer(handle=${JSON.stringify(handle)})`),
          affectedVersions: [V.TF_KERAS_ALL],
        });
      }
    },
  },
});

export const torchModule = defineRule({
  meta: {
    id: "GW106",
    name: "keras-torch-module-pickle",
    severity: "low",
    summary: "A TorchModuleWrapper layer embeds a torch.save archive (a pickle) that torch.load unpickles at load.",
    why: "Unpickling runs whatever callables the pickle names. Keras wrote the module as base64 of torch.save and loaded it with torch.load (CVE-2025-49655, CVE-2026-12484). graphwarden walks the embedded pickle's opcodes and reports its globals separately (GW4xx).",
    example: '{"class_name": "TorchModuleWrapper", "config": {"module": "UEsDBAAACAgAAAAAAAAAAAAAAAAAAAAAAAAQABIAYXJjaGl2ZS9kYXRhLnBrbA..."}}',
    fix: "Do not load models with TorchModuleWrapper from untrusted sources; see the pickle findings for what it would run.",
    references: ["CWE-502", "CVE-2025-49655", "CVE-2026-12484"],
  },
  on: {
    "keras-gadget"(s, report) {
      if (s.className !== "TorchModuleWrapper") return;
      const b64 = strField(s.config, "module");
      const decodable = b64 !== undefined && decodeBase64(b64) !== undefined;
      // A decodable payload is scanned as an embedded member: its pickle globals are judged by the
      // GW4xx rules (critical for os.system & co). Here: inventory, or unverifiable when undecodable.
      report({
        severity: decodable ? "low" : "medium",
        capabilities: decodable ? ["nested-load", "custom-code"] : ["nested-load", "unverifiable"],
        trigger: s.trigger,
        message: decodable
          ? `${who(s)} carries a torch.save archive (${Math.floor((b64.length * 3) / 4)} bytes) that torch.load unpickles at load; its pickle is scanned as an embedded member (GW4xx findings judge what it would run).`
          : `${who(s)} has a module field that is not a base64 torch.save archive graphwarden can read; torch.load would unpickle whatever it holds.`,
        evidence: b64 ? cut(`module=base64(${b64.slice(0, 40)}…)`) : "module field absent or not base64",
        affectedVersions: ["keras>=3.0 backend=torch"],
      });
    },
  },
});

export const jaxLayer = defineRule({
  meta: {
    id: "GW107",
    name: "keras-jax-layer-functions",
    severity: "low",
    summary: "A JaxLayer / FlaxLayer calls Python functions named in its config (call_fn, init_fn, module).",
    why: "These layers run arbitrary callables given by reference; each reference is judged by GW101-GW103 or, for bytecode, GW201-GW203. This finding inventories the layer so the reviewer sees where code enters.",
    example: '{"class_name": "JaxLayer", "config": {"call_fn": {"module": "builtins", "class_name": "function", "config": "my_fn"}}}',
    fix: "Review the referenced functions and where they come from.",
  },
  on: {
    "keras-gadget"(s, report) {
      if (s.className !== "JaxLayer" && s.className !== "FlaxLayer") return;
      const keys = ["call_fn", "init_fn", "module", "method"].filter((k) => s.config[k] !== undefined && s.config[k] !== null);
      report({
        capabilities: ["custom-code"],
        trigger: s.trigger,
        message: `${who(s)} runs the functions given in ${keys.join(", ") || "its config"} (judged separately).`,
        evidence: cut(keys.map((k) => `${k}=${JSON.stringify(s.config[k])}`).join(", ") || "no function fields"),
      });
    },
  },
});

const VOCAB_KEYS = ["vocabulary", "merges", "proto", "vocabulary_file", "vocab_file", "spm_model_file", "sentencepiece_model_file", "vocabulary_path"];

/** Keys the layer reads only as a file path when they are a string (IndexLookup.set_vocabulary, tokenizers' file keys). */
const ALWAYS_PATH_KEYS = new Set(["vocabulary", "merges", "vocabulary_file", "vocab_file", "spm_model_file", "sentencepiece_model_file", "vocabulary_path"]);

function looksLikePath(v: string): boolean {
  return /^(?:~|\/|\.{1,2}[\\/]|[A-Za-z]:[\\/]|file:)/.test(v) || (/[\\/]/.test(v) && !/\s/.test(v)) || /\.(?:txt|json|model|spm|vocab|csv|tsv)$/i.test(v);
}

export const externalVocabulary = defineRule({
  meta: {
    id: "GW108",
    name: "keras-external-vocabulary",
    severity: "medium",
    summary: "A lookup layer or tokenizer reads its vocabulary, merges or SentencePiece proto from a host path or URL at load.",
    why: "StringLookup, TextVectorization and keras_hub tokenizers accept a file path where an inline vocabulary is expected; the loader then reads that file (host secrets end up in the model's vocabulary) or fetches a URL (CVE-2025-12058).",
    example: '{"class_name": "StringLookup", "config": {"vocabulary": "/etc/passwd"}}',
    fix: "Use models that ship their vocabulary inline or as an asset inside the file.",
    references: ["CWE-73", "CVE-2025-12058"],
  },
  on: {
    "keras-gadget"(s, report) {
      for (const key of VOCAB_KEYS) {
        const v = s.config[key];
        if (typeof v !== "string" || v === "") continue;
        const remote = REMOTE.test(v);
        // a string the layer reads only as a path is one whatever it looks like (".env" is read from the
        // working directory); elsewhere (proto: a path or the serialized model) only a path-like one
        if (!remote && !ALWAYS_PATH_KEYS.has(key) && !looksLikePath(v)) continue;
        const sensitive = suspiciousString(v) === "sensitive path" || isCredentialPath(v);
        const relative = !remote && !/^(?:~|\/|[A-Za-z]:[\\/]|file:)/.test(v);
        // TensorFlow's file layer has no http(s)/ftp file system (observed with TF 2.20): such a URL
        // is named, not fetched. gs://, s3://, hdfs:// go through real file systems.
        const webOnly = /^(?:https?|ftp):\/\//i.test(v);
        const caps: Capability[] = remote ? ["network"] : ["file-read"];
        const severity: Severity = webOnly ? "medium" : remote || sensitive ? "high" : "medium";
        report({
          severity,
          capabilities: caps,
          trigger: s.trigger,
          message: webOnly
            ? `${who(s)} names its ${key} by URL ${JSON.stringify(cut(v, 80))}; TensorFlow reads it only where an http file system plugin is installed (none in TF 2.20), so today it fails rather than fetches.`
            : `${who(s)} ${remote ? "fetches" : "reads"} its ${key} from ${JSON.stringify(cut(v, 80))}${relative ? " (relative to the loading process's working directory)" : ""} when the layer is rebuilt${sensitive ? " (a file that holds credentials)" : ""}.`,
          evidence: cut(`${s.className}(${key}=${JSON.stringify(v)})`),
          affectedVersions: webOnly ? [] : [V.KERAS3_ALL, V.TF_KERAS_ALL],
        });
      }
    },
  },
});

export const unsafeDeserialization = defineRule({
  meta: {
    id: "GW109",
    name: "keras-safe-mode-disabled",
    severity: "critical",
    summary: "The config switches Keras safe mode off (enable_unsafe_deserialization, set_global_attribute, safe_mode: false), so later Lambdas run even when the user loads with safe_mode=True.",
    why: "Safe mode is what stops Lambda bytecode in .keras files. A config that reaches the switch first and carries a Lambda afterwards runs the Lambda for users who thought they were protected (CVE-2025-9906).",
    example: '{"module": "keras.config", "class_name": "function", "config": "enable_unsafe_deserialization"} followed by a Lambda layer',
    fix: "Do not load the file; upgrade Keras (3.11+ refuses the switch under safe mode).",
    references: ["CWE-693", "CVE-2025-9906"],
  },
  on: {
    "keras-doc"(s, report) {
      for (const p of s.safeModeFalse) {
        // With a nested load in the same config, the other model is loaded with safe mode off:
        // its Lambdas run, so this is code execution, not only a weakened default.
        const nested = s.nestedLoads[0];
        report({
          severity: nested ? "critical" : "high",
          capabilities: nested ? ["safety-off", "nested-load", "exec"] : ["safety-off"],
          trigger: "load",
          pointer: p,
          message: nested
            ? `The config calls ${nested.target} with safe_mode=False: the model it loads runs its Lambda bytecode unchecked.`
            : `The config passes safe_mode=False to a call it makes${s.lambdas.length ? `, and carries ${s.lambdas.length} Lambda(s)` : ""}.`,
          evidence: nested ? `${nested.target} at ${nested.pointer}; safe_mode: false at ${p}` : `safe_mode: false at ${p}`,
          // With a nested load, it executes where that loader function is reached (Keras 3.11+
          // refuse keras.saving.load_model during deserialisation, observed with 3.11.3 and 3.15.1).
          affectedVersions: nested ? nested.versions : [V.KERAS3_ALL],
        });
      }
      if (s.safetyOff.length && s.lambdas.length) {
        const first = s.safetyOff[0]!;
        report({
          severity: "critical",
          capabilities: ["safety-off", "exec"],
          trigger: "load",
          pointer: first.pointer,
          message: `The config reaches ${first.target} before deserialising ${s.lambdas.length} Lambda(s), to make their bytecode run under safe_mode=True (CVE-2025-9906); Keras 3.8-3.15 restore safe mode after each nested object (observed), so there the Lambdas still need safe_mode=False.`,
          evidence: cut(`${first.target} at ${first.pointer}; Lambda at ${s.lambdas.join(", ")}`, 300),
        });
      }
    },
  },
});
