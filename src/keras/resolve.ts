// Resolves Keras config references (module / class_name / registered_name / function names) to
// the fully qualified target each loader family would reach, and judges it by capability.
import type { Capability } from "../core/types.js";
import { judgeTarget, packageTwin, severityOf, type TargetJudgement } from "../catalog/python.js";
import { isKnownKerasClassName, tensorflowHas } from "./names.js";
import { capabilitiesOf, isVerifiedCompute, lookupMethod } from "../catalog/python-names.js";
import * as V from "./versions.js";
import { exportedTargets, isStdlibModule, KERAS3_MODELS, resolveWithLoader, TF_KERAS_V3_MODEL, type LoaderModel, type LoaderOutcome } from "./loader.js";

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

/** Keras domain packages (not installed where the name tables are made): module prefixes real saves write. */
const KERAS_DOMAIN_ALLOW = [
  "keras_hub.src.models.", "keras_hub.src.layers.", "keras_hub.src.tokenizers.", "keras_hub.src.utils.preset_utils",
  "keras_nlp.src.models.", "keras_nlp.src.layers.", "keras_nlp.src.tokenizers.", "keras_cv.src.models.", "keras_cv.src.layers.",
  "keras_cv.models.", "keras_cv.layers.", "keras_hub.models.", "keras_hub.layers.", "keras_hub.tokenizers.",
  "keras_nlp.models.", "keras_nlp.layers.", "keras_nlp.tokenizers.",
];

function isFunctionLikeName(name: string): boolean {
  return /^[a-z_]/.test(name);
}

function custom(target: string, note: string, versions: string[] = []): Resolution {
  return { target, outcome: "custom", capabilities: ["custom-code"], note, affectedVersions: versions };
}

function allow(target: string, versions: string[] = []): Resolution {
  return { target, outcome: "allow", capabilities: ["compute"], note: "Keras built-in", affectedVersions: versions };
}

/** Packages outside the standard library a Python environment commonly has (judged by the catalogue). */
const SITE_PACKAGES = new Set(["numpy", "tensorflow", "scipy", "jax", "torch", "pandas", "h5py", "requests", "yaml", "PIL", "sklearn"]);

function configOf(ref: KerasRef, raw?: Record<string, unknown>): Record<string, unknown> {
  if (raw) return raw;
  const cfg: Record<string, unknown> = { class_name: ref.className, config: ref.kind === "function" ? (ref.functionName ?? "") : {} };
  if (ref.module !== undefined) cfg["module"] = ref.module;
  if (ref.registeredName !== undefined && ref.registeredName !== null) cfg["registered_name"] = ref.registeredName;
  return cfg;
}

interface Reach {
  model: LoaderModel;
  out: LoaderOutcome;
}

/** Judges what one loader range reaches: the catalogue on the canonical name and the path used. */
function judgeReached(r: Reach): TargetJudgement & { exported: boolean } {
  const canonical = judgeTarget(r.out.target!);
  const path = r.out.path ? judgeTarget(r.out.path) : canonical;
  const exported = r.out.via === "export" || r.out.via === "builtin-export" || exportedTargets(r.model).has(r.out.target!);
  // Prefer the name the config used (os.system) over the canonical one (posix.system) when both are denied alike.
  if (path.verdict === "deny" && (canonical.verdict !== "deny" || ORDER.indexOf(severityOf(path.capabilities)) <= ORDER.indexOf(severityOf(canonical.capabilities)))) return { ...path, exported };
  return { ...canonical, exported };
}

/** Contiguous version ranges (in KERAS3_MODELS order) merged: ["keras>=3.0,<3.7", "keras>=3.7,<3.9"] -> ["keras>=3.0,<3.9"]. */
export function mergeRanges(ranges: string[]): string[] {
  const out: string[] = [];
  for (const r of ranges) {
    const prev = out[out.length - 1];
    const m = prev ? /^([a-z-]+)>=([0-9.]+),<([0-9.]+)$/.exec(prev) : null;
    const n = /^([a-z-]+)>=([0-9.]+)(?:,<([0-9.]+))?$/.exec(r);
    if (m && n && m[1] === n[1] && m[3] === n[2]) out[out.length - 1] = `${n[1]}>=${m[2]}${n[3] ? `,<${n[3]}` : ""}`;
    else out.push(r);
  }
  return out;
}

const ORDER = ["critical", "high", "medium", "low", "info"];

/**
 * Keras 3 (and tf-keras reading the Keras 3 format) object resolution: the real loaders'
 * `deserialize_keras_object` / `_retrieve_class_or_fn`, per version range (src/keras/loader.ts),
 * then the catalogue's judgement of what each range reaches and calls.
 */
export function resolveKeras3(ref: KerasRef, container: string, raw?: Record<string, unknown>): Resolution {
  // The same references recur across layers and files (every Dense of a folder of models): the
  // resolution depends only on the reference, the container and what the loaders read of the
  // config (the keys present, class_name, module, registered_name, and config's type, emptiness,
  // or its text when it is a function name), so it is computed once per distinct key.
  const key = resolutionKey(ref, container, raw);
  const hit = RESOLVED.get(key);
  if (hit) return hit;
  const r = resolveKeras3Uncached(ref, container, raw);
  if (RESOLVED.size >= MAX_RESOLVED) RESOLVED.clear();
  Object.freeze(r.affectedVersions);
  Object.freeze(r.capabilities);
  RESOLVED.set(key, Object.freeze(r));
  return r;
}

const RESOLVED = new Map<string, Resolution>();
const MAX_RESOLVED = 4096;

/** What resolveWithLoader can see of `raw` (loader.ts reads nothing else of it), with the reference. */
function resolutionKey(ref: KerasRef, container: string, raw?: Record<string, unknown>): string {
  const field = (k: string): unknown => (raw && k in raw ? [raw[k]] : 0);
  const inner = raw && "config" in raw ? raw["config"] : undefined;
  const innerKey =
    raw === undefined || !("config" in raw) ? 0
    : typeof inner === "string" ? ["s", inner]
    : inner === null ? "null"
    : Array.isArray(inner) ? ["a", inner.length > 0]
    : typeof inner === "object" ? ["o", Object.keys(inner).length > 0]
    : ["p", typeof inner, inner];
  return JSON.stringify([container, ref.kind, ref.form, ref.className, ref.module ?? null, ref.module === undefined, ref.registeredName ?? null, ref.functionName ?? null, raw === undefined, field("class_name"), field("module"), field("registered_name"), innerKey]);
}

function resolveKeras3Uncached(ref: KerasRef, container: string, raw?: Record<string, unknown>): Resolution {
  const cfg = configOf(ref, raw);
  const models = [...KERAS3_MODELS, ...(container === "keras-zip" || container === "json" ? [TF_KERAS_V3_MODEL] : [])];
  const reaches: Reach[] = models.map((model) => ({ model, out: resolveWithLoader(model, cfg) }));
  const name = ref.kind === "function" ? (ref.functionName ?? "") : ref.className;
  const module = ref.module ?? "";
  const reg = ref.registeredName ?? "";
  const fallbackTarget = module ? `${module}.${name}` : reg || name;

  // 1. Dangerous targets reached and then built or handed back (called later), per range.
  const called = reaches.filter((r) => r.out.status === "reached");
  let worst: { j: TargetJudgement; versions: string[]; r: Reach } | undefined;
  for (const r of called) {
    const j = judgeReached(r);
    if (j.verdict !== "deny") continue;
    if (!worst || ORDER.indexOf(severityOf(j.capabilities)) < ORDER.indexOf(severityOf(worst.j.capabilities))) worst = { j, versions: [], r };
  }
  if (worst) {
    const sev = severityOf(worst.j.capabilities);
    const versions = mergeRanges(called.filter((r) => { const j = judgeReached(r); return j.verdict === "deny" && severityOf(j.capabilities) === sev; }).map((r) => r.model.range));
    const via = worst.r.out.path && worst.r.out.path !== worst.j.target ? ` (reached as ${worst.r.out.path})` : "";
    return { target: worst.j.target, outcome: "deny", capabilities: worst.j.capabilities, note: `${worst.j.note}${via}`, affectedVersions: versions, judgement: worst.j };
  }
  // 2. Anything else reached that is neither public Keras API, a Keras serialisable class, nor
  //    proven compute: code outside the allowlist (unverifiable).
  const unlisted = called.filter((r) => {
    const j = judgeReached(r);
    if (j.exported || r.out.kind === "S") return false;
    // Keras internals: exact names only (public API, serialisable classes), never a package prefix.
    if (j.verdict === "allow" && !/^(keras|tf_keras)\./.test(r.out.target!)) return false;
    // A class with from_config in a Keras package (Keras objects before KerasSaveable existed).
    if (r.out.kind === "C" && /^(keras|tf_keras)\./.test(r.out.target!)) return false;
    return true;
  });
  if (unlisted.length) {
    const r = unlisted[0]!;
    const j = judgeReached(r);
    const via = r.out.path && r.out.path !== r.out.target ? ` (reached as ${r.out.path})` : "";
    return { target: r.out.target!, outcome: "existing", capabilities: ["unverifiable"], note: `outside the allowlist: ${kindWords(r.out.kind)}${via}`, affectedVersions: mergeRanges(unlisted.map((x) => x.model.range)), judgement: j };
  }
  if (called.length) {
    const r = called[0]!;
    return allow(r.out.target!, []);
  }
  // 3. Reached by no range, but some range imports a module whose contents the tables do not
  //    cover: what it reaches is unknown. A standard-library or common site module is
  //    importable everywhere, so the reference is unverifiable (or the catalogue's class).
  const unknown = reaches.filter((r) => r.out.status === "unknown");
  if (unknown.length) {
    const mod = unknown[0]!.out.imports[0] ?? module;
    const top = mod.split(".")[0]!;
    const versions = mergeRanges(unknown.map((r) => r.model.range));
    const candidates = [`${mod}.${name}`, ...(reg && reg !== name ? [`${mod}.${reg}`] : [])];
    for (const c of candidates) {
      const j = judgeTarget(c);
      if (j.verdict === "deny" && (isStdlibModule(mod) || SITE_PACKAGES.has(top))) {
        if (ref.kind === "class" && !/^[A-Z]/.test(c.split(".").pop() ?? "")) continue;
        return { target: j.target, outcome: "deny", capabilities: j.capabilities, note: `${j.note} (module imported by ${versions.join(", ")})`, affectedVersions: versions, judgement: j };
      }
    }
    if (isStdlibModule(mod) || SITE_PACKAGES.has(top)) {
      const j = judgeTarget(candidates[0]!);
      if (j.verdict === "allow") return allow(j.target, versions);
      return { target: candidates[0]!, outcome: "existing", capabilities: ["unverifiable"], note: `importable module ${mod} is imported by ${versions.join(", ")}; what it reaches is not proven pure`, affectedVersions: versions, judgement: j };
    }
    if (KERAS_FAMILY.has(top)) {
      if (KERAS_DOMAIN_ALLOW.some((p) => `${mod}.${name}`.startsWith(p))) return allow(`${mod}.${name}`);
      if (reg.includes(">")) return custom(reg, "registered custom object under a Keras package module");
      return { target: `${mod}.${name}`, outcome: "existing", capabilities: ["unverifiable"], note: `module of a Keras domain package (${top}) outside the allowlist`, affectedVersions: versions };
    }
    return custom(reg.includes(">") ? reg : fallbackTarget, `module "${mod}" is not part of Keras or the standard library: its code must come from the loading program`, versions);
  }
  // 4. Reached by no range: a name only the loading program can supply (or nothing at all).
  if (!module && isKnownKerasClassName(name) && !reg.includes(">")) return allow(`keras.${name}`);
  const refusedEverywhere = reaches.every((r) => r.out.status === "error" && (r.out.error === "refused" || r.out.error === "no-from-config"));
  if (refusedEverywhere && reaches.some((r) => r.out.error === "no-from-config")) {
    const r = reaches.find((x) => x.out.error === "no-from-config")!;
    const j = judgeReached(r);
    return { target: j.target, outcome: "existing", capabilities: ["unverifiable"], note: `${j.verdict === "deny" ? `${j.note}; ` : ""}named as a class, so Keras imports it but cannot build from it (no from_config)`, affectedVersions: [], judgement: j };
  }
  const noFromConfig = reaches.find((r) => r.out.error === "no-from-config");
  if (noFromConfig) {
    const j = judgeReached(noFromConfig);
    return { target: j.target, outcome: "existing", capabilities: ["unverifiable"], note: `${j.verdict === "deny" ? `${j.note}; ` : ""}named as a class, so Keras imports it but cannot build from it (no from_config)`, affectedVersions: [], judgement: j };
  }
  if (ref.kind === "function" && module === "builtins") return custom(name, `user function "${name}": not a Keras or Python built-in, the loading program must supply it`);
  return custom(reg.includes(">") ? reg : fallbackTarget, "custom object: no loader version resolves it from the file; the loading program must register it");
}

function kindWords(k: LoaderOutcome["kind"]): string {
  switch (k) {
    case "F": return "a Python function";
    case "B": return "a callable";
    case "C": case "c": return "a class";
    case "S": return "a Keras class";
    case "M": return "a module";
    case "P": return "an object with from_config";
    default: return "a value";
  }
}

/** Keras 2 / legacy form: class_name looked up in the built-in registry and custom_objects only. */
export function resolveLegacy(ref: KerasRef): Resolution {
  const name = ref.className;
  const bare = name.includes(">") ? name.slice(name.indexOf(">") + 1) : name;
  // tf_keras registers TensorFlowOpLayer as a built-in layer; the op its NodeDef names is judged by the walker
  if (bare === "TensorFlowOpLayer") return allow("tf_keras.src.engine.base_layer.TensorFlowOpLayer", [V.TF_KERAS_ALL]);
  if (isKnownKerasClassName(name) || (name.startsWith("Custom>") && isKnownKerasClassName(bare))) {
    // Gadget classes keep their capabilities even by bare name (Keras 3 legacy loaders resolve them).
    const j = judgeTarget(`keras.layers.${bare}`);
    if (j.verdict === "deny") return { target: j.target, outcome: "deny", capabilities: j.capabilities, note: j.note, affectedVersions: [V.KERAS3_ALL], judgement: j };
    return allow(`keras.${bare}`);
  }
  return custom(name, "custom class: the loading program must register it (custom_objects)");
}

/** InstanceMethod / InstanceProperty (tf_keras): a method called, or an attribute read, on the layer's input tensor. */
export function resolveTensorMember(name: string, called: boolean): Resolution {
  const target = `tensorflow.Tensor.${name}`;
  const m = lookupMethod(name);
  if (m && isVerifiedCompute(m.cls)) return allow(target, [V.TF_OP_LAMBDA]);
  if (m && m.cls !== "unreviewed") {
    const caps = capabilitiesOf(m.cls);
    return { target, outcome: "deny", capabilities: caps, note: `${called ? "a method" : "an attribute"} of the input tensor (${m.family})`, affectedVersions: [V.TF_OP_LAMBDA] };
  }
  return { target, outcome: "existing", capabilities: ["unverifiable"], note: `${called ? "a method" : "an attribute"} of the input tensor the name data does not verify`, affectedVersions: [V.TF_OP_LAMBDA] };
}

/**
 * ClassMethod (tf_keras): getattr(<tf_export symbol>, method_name)(...). A dunder of the symbol may be the
 * symbol itself (`__call__`, `__wrapped__` of a raw op or a decorated function) or reach it: it is judged as
 * the symbol and as the attribute, whichever is riskier; any other name as the attribute.
 */
export function resolveClassMethod(cls: string, method: string): Resolution {
  const member = resolveTfOp(`${cls}.${method}`);
  if (!/^__\w+__$/.test(method)) return member;
  const self = resolveTfOp(cls);
  const rank = (r: Resolution) => (r.outcome === "deny" ? 3 : r.outcome === "existing" ? 2 : r.outcome === "custom" ? 1 : 0);
  if (method === "__call__" || method === "__wrapped__") return self.outcome === "allow" ? { ...self, target: `${self.target}.${method}` } : self;
  return rank(self) >= rank(member) && self.outcome === "deny" ? { ...self, note: `${self.note}; reached through its ${method}` } : member;
}

/** TFOpLambda / SlicingOpLambda / ClassMethod: any public tf symbol by name, called while the graph is rebuilt. */
export function resolveTfOp(functionName: string): Resolution {
  const n = functionName.replace(/^tf\./, "");
  if (n.startsWith("__operators__.")) return allow(`tensorflow.${n}`, [V.TF_OP_LAMBDA]);
  const target = `tensorflow.${n}`;
  const j = judgeTarget(target);
  if (j.verdict === "deny") return { target: j.target, outcome: "deny", capabilities: j.capabilities, note: j.note, affectedVersions: [V.TF_OP_LAMBDA], judgement: j };
  if (j.verdict === "allow") return allow(target, [V.TF_OP_LAMBDA]);
  // Not verified compute: a symbol TensorFlow has that the name data does not classify may do
  // anything (compat.v1.rpc_server, __internal__.saved_model.load_partial), as in a Lambda: unverifiable
  const twin = packageTwin(target);
  if (twin) return { target, outcome: "deny", capabilities: twin.capabilities, note: twin.note, affectedVersions: [V.TF_OP_LAMBDA], judgement: twin };
  const exists = tensorflowHas(n);
  return { target, outcome: "existing", capabilities: ["unverifiable"], note: exists === false && !isFunctionLikeName(n.split(".").pop() ?? "") ? "not a public TensorFlow symbol we know" : "a TensorFlow symbol the name data does not classify (not verified compute)", affectedVersions: [V.TF_OP_LAMBDA] };
}

export function resolutionSeverity(r: Resolution) {
  if (r.outcome === "deny") return severityOf(r.capabilities);
  if (r.outcome === "existing") return "medium" as const;
  if (r.outcome === "custom") return "low" as const;
  return "info" as const;
}
