// Resolves Keras config references (module / class_name / registered_name / function names) to
// the fully qualified target each loader family would reach, and judges it by capability.
import type { Capability } from "../core/types.js";
import { judgeTarget, severityOf, type TargetJudgement } from "../catalog/python.js";
import { isKnownKerasClassName, kerasPublicHas, pythonHas, tensorflowHas } from "./names.js";
import * as V from "./versions.js";

export type RefKind = "class" | "function";

export interface KerasRef {
  /** What the config says. */
  module: string | null | undefined;
  className: string;
  registeredName?: string | null;
  kind: RefKind;
  /** For `class_name: "function"` objects: the function name in `config`. */
  functionName?: string;
  /** Keras 3 form (has a `module` key) or legacy (class_name only). */
  form: "keras3" | "legacy";
}

export type Outcome =
  | "allow" // a known Keras/compute target
  | "deny" // the catalogue's by-effect denylist matches
  | "existing" // an existing function or class outside the allowlist
  | "custom"; // not resolvable from the file: needs code from the loading program

export interface Resolution {
  /** Fully qualified target the loader would reach ("os.system", "keras.layers.Dense"). */
  target: string;
  outcome: Outcome;
  capabilities: Capability[];
  note: string;
  affectedVersions: string[];
  judgement?: TargetJudgement;
}

const KERAS_FAMILY = new Set(["keras", "keras_hub", "keras_cv", "keras_nlp"]);

/** Internal Keras module prefixes real saves write (classes there are ordinary Keras objects). */
const KERAS_INTERNAL_ALLOW = [
  "keras.src.models.", "keras.src.engine.", "keras.src.layers.", "keras.src.optimizers.", "keras.src.losses.",
  "keras.src.metrics.", "keras.src.initializers.", "keras.src.regularizers.", "keras.src.constraints.",
  "keras.src.activations.", "keras.src.dtype_policies.", "keras.src.mixed_precision.", "keras.src.ops.",
  "keras.src.applications.", "keras.src.random.", "keras.src.saving.", "keras.engine.", "keras.layers.",
  "keras.src.backend.common.keras_tensor", "keras.src.backend.common.variables",
  "keras_hub.src.models.", "keras_hub.src.layers.", "keras_hub.src.tokenizers.", "keras_hub.src.utils.preset_utils",
  "keras_nlp.src.models.", "keras_nlp.src.layers.", "keras_nlp.src.tokenizers.", "keras_cv.src.models.", "keras_cv.src.layers.",
  "keras_cv.models.", "keras_cv.layers.", "keras_hub.models.", "keras_hub.layers.", "keras_hub.tokenizers.",
  "keras_nlp.models.", "keras_nlp.layers.", "keras_nlp.tokenizers.",
];

/** Keras 3.11 safe-mode denylist (public names still refused under safe mode). */
const KERAS_311_DENY = new Set(["load_model", "get_file", "load_img", "enable_unsafe_deserialization"]);

/** Keras built-in modules searched for `module: "builtins"` functions (activations, losses...). */
const BUILTIN_FUNCTION_MODULES = ["keras.activations", "keras.losses", "keras.metrics", "keras.ops", "keras.backend"];

function isFunctionLikeName(name: string): boolean {
  return /^[a-z_]/.test(name);
}

function judged(target: string, note: string, versions: string[]): Resolution {
  const j = judgeTarget(target);
  if (j.verdict === "deny") return { target: j.target, outcome: "deny", capabilities: j.capabilities, note: j.note, affectedVersions: versions, judgement: j };
  if (j.verdict === "allow") return { target: j.target, outcome: "allow", capabilities: ["compute"], note, affectedVersions: versions, judgement: j };
  return { target: j.target, outcome: "existing", capabilities: ["unverifiable"], note, affectedVersions: versions, judgement: j };
}

function custom(target: string, note: string, versions: string[] = []): Resolution {
  return { target, outcome: "custom", capabilities: ["custom-code"], note, affectedVersions: versions };
}

function allow(target: string, versions: string[] = []): Resolution {
  return { target, outcome: "allow", capabilities: ["compute"], note: "Keras built-in", affectedVersions: versions };
}

/** Keras 3 `_retrieve_class_or_fn` semantics, per version family. */
export function resolveKeras3(ref: KerasRef, container: string): Resolution {
  const name = ref.kind === "function" ? (ref.functionName ?? "") : ref.className;
  const module = ref.module ?? "";
  const anyModule = [V.KERAS3_ANY_MODULE, ...(container === "keras-zip" || container === "json" ? [V.TF_KERAS_V3_FORMAT] : [])];

  // Registered custom objects ("package>Name") take precedence when the loading program registered them.
  const reg = ref.registeredName ?? "";
  const registeredCustom = reg.includes(">") && !reg.startsWith("keras_hub>") && !reg.startsWith("keras_nlp>") && !reg.startsWith("keras_cv>");
  const nameCustom = name.includes(">");

  if (!module) {
    const target = reg || name;
    if (isKnownKerasClassName(name) && !registeredCustom) return allow(`keras.${name}`);
    return custom(target, "custom object: the loading program must register it");
  }

  const top = module.split(".")[0]!;
  if (top === "keras") {
    const publicHit = kerasPublicHas(module, name);
    if (publicHit) {
      const target = `${module}.${name}`;
      const j = judgeTarget(target);
      if (j.verdict === "deny") {
        const versions = KERAS_311_DENY.has(name) ? [V.KERAS3_KERAS_INTERNALS] : [V.KERAS3_ALL];
        return { target: j.target, outcome: "deny", capabilities: j.capabilities, note: j.note, affectedVersions: versions, judgement: j };
      }
      return allow(target);
    }
  }
  if (ref.kind === "function" && module === "builtins") {
    for (const m of BUILTIN_FUNCTION_MODULES) if (kerasPublicHas(m, name)) return allow(`${m}.${name}`);
    if (nameCustom) return custom(name, "registered custom function: the loading program must supply it");
    const has = pythonHas("builtins", name);
    if (has) return judged(`builtins.${name}`, "Python builtin", anyModule);
    return custom(name, `user function "${name}": not a Python builtin, the loading program must supply it`);
  }
  if (KERAS_FAMILY.has(top)) {
    const target = `${module}.${name}`;
    const j = judgeTarget(target);
    if (j.verdict === "deny") {
      return { target: j.target, outcome: "deny", capabilities: j.capabilities, note: j.note, affectedVersions: [V.KERAS3_KERAS_INTERNALS], judgement: j };
    }
    if (KERAS_INTERNAL_ALLOW.some((p) => target.startsWith(p))) return allow(target);
    if (registeredCustom) return custom(reg, "registered custom object under a Keras module name");
    if (module === "keras" && isKnownKerasClassName(name)) return allow(target);
    return { target, outcome: "existing", capabilities: ["unverifiable"], note: "Keras internal outside the allowlist", affectedVersions: [V.KERAS3_KERAS_INTERNALS] };
  }
  // Any other module: imported by Keras 3.0-3.8 (and tf_keras reading .keras files).
  const target = `${module}.${name}`;
  const has = pythonHas(module, name);
  const j = judgeTarget(target);
  if (j.verdict === "deny" && ref.kind === "class") {
    // Named where a class is expected: Keras imports it, then needs cls.from_config, which no
    // non-Keras object has, so loading fails before anything is called (observed with Keras 3.8).
    return { target: j.target, outcome: "existing", capabilities: ["unverifiable"], note: `${j.note}; named as a class, so Keras imports it but cannot build from it (no from_config)`, affectedVersions: [], judgement: j };
  }
  if (j.verdict === "deny") return { target: j.target, outcome: "deny", capabilities: j.capabilities, note: j.note, affectedVersions: anyModule, judgement: j };
  if (has === false) return custom(target, `"${name}" does not exist in ${module}: the loading program must supply it`);
  if (has === true) return judged(target, `existing ${module} attribute outside the allowlist`, anyModule);
  if (registeredCustom || nameCustom) return custom(reg || target, "registered custom object: the loading program must supply it");
  if (j.verdict === "allow") return allow(target, anyModule);
  return custom(target, `module "${module}" is not part of Keras: its code must come from the loading program`, anyModule);
}

/** Keras 2 / legacy form: class_name looked up in the built-in registry and custom_objects only. */
export function resolveLegacy(ref: KerasRef): Resolution {
  const name = ref.className;
  const bare = name.includes(">") ? name.slice(name.indexOf(">") + 1) : name;
  if (isKnownKerasClassName(name) || (name.startsWith("Custom>") && isKnownKerasClassName(bare))) {
    // Gadget classes keep their capabilities even by bare name (Keras 3 legacy loaders resolve them).
    const j = judgeTarget(`keras.layers.${bare}`);
    if (j.verdict === "deny") return { target: j.target, outcome: "deny", capabilities: j.capabilities, note: j.note, affectedVersions: [V.KERAS3_ALL], judgement: j };
    return allow(`keras.${bare}`);
  }
  return custom(name, "custom class: the loading program must register it (custom_objects)");
}

/** TFOpLambda / SlicingOpLambda / ClassMethod: any public tf symbol by name, called while the graph is rebuilt. */
export function resolveTfOp(functionName: string): Resolution {
  const n = functionName.replace(/^tf\./, "");
  if (n.startsWith("__operators__.")) return allow(`tensorflow.${n}`, [V.TF_OP_LAMBDA]);
  const target = `tensorflow.${n}`;
  const j = judgeTarget(target);
  if (j.verdict === "deny") return { target: j.target, outcome: "deny", capabilities: j.capabilities, note: j.note, affectedVersions: [V.TF_OP_LAMBDA], judgement: j };
  const exists = tensorflowHas(n);
  if (exists === false && !isFunctionLikeName(n.split(".").pop() ?? "")) {
    return { target, outcome: "existing", capabilities: ["unverifiable"], note: "not a public TensorFlow symbol we know", affectedVersions: [V.TF_OP_LAMBDA] };
  }
  return allow(target, [V.TF_OP_LAMBDA]);
}

export function resolutionSeverity(r: Resolution) {
  if (r.outcome === "deny") return severityOf(r.capabilities);
  if (r.outcome === "existing") return "medium" as const;
  if (r.outcome === "custom") return "low" as const;
  return "info" as const;
}
