// Walks a whole Keras config (every nested value), finds Keras objects, Lambdas and gadgets,
// resolves references and dispatches subjects to the rules.
import { MemorySource } from "../core/bytes.js";
import type { ScanContext } from "../core/context.js";
import { cut } from "../core/text.js";
import type { Trigger } from "../core/types.js";
import { isObject, ptr } from "../formats/json.js";
import { decodeBase64Bytes } from "../python/fold.js";
import { analyzeLambda, type LambdaForm, type LambdaPayload } from "../python/lambda.js";
import type { KerasOrigin } from "./engine.js";
import { isKnownLossOrMetricName } from "./names.js";
import { resolveClassMethod, resolveKeras3, resolveLegacy, resolveTensorMember, resolveTfOp, type KerasRef, type Resolution } from "./resolve.js";
import { analyzeTfOpLayer } from "./tf-op-layer.js";
import * as V from "./versions.js";
import { declaredInputDim, declaredInputShape, fallbackParams, layerParams, MAX_DECLARED_PARAMS, MAX_OUTPUT_ELEMENTS, outputElements, outputShape, shapeOf as tensorShape, type DeclaredSize, type Shape } from "./config-size.js";

export interface KerasRefSubject {
  ref: KerasRef;
  resolution: Resolution;
  origin: KerasOrigin;
  trigger: Trigger;
  layer?: string;
  /** Reconstructed call when Functional would call the target with inbound_nodes args. */
  call?: string;
  /** Set when a gadget rule owns the finding for this class (the reference rule stays quiet). */
  gadget?: boolean;
  /** TFOpLambda-style by-name TensorFlow symbol. */
  tfOp?: boolean;
}

export interface KerasGadgetSubject {
  className: string;
  config: Record<string, unknown>;
  origin: KerasOrigin;
  layer?: string;
  trigger: Trigger;
  /** Raw object (for TorchModuleWrapper the embedded module is scanned by the rule's engine). */
  node: Record<string, unknown>;
}

export interface KerasDocSubject {
  origin: KerasOrigin;
  /** Pointers and targets of references that switch safe mode off. */
  safetyOff: { pointer: string; target: string }[];
  /** Pointers of `safe_mode: false` values anywhere in the config. */
  safeModeFalse: string[];
  /** Pointers of Lambdas carrying bytecode. */
  lambdas: string[];
  /** References that load another model or pickle (load_model, TFSMLayer, ...). */
  nestedLoads: { pointer: string; target: string; versions: string[] }[];
}

export interface ByNameFunctionSubject {
  /** Keras 2 Lambda `function_type: "function"`: a name looked up in custom_objects only. */
  functionName: string;
  module?: string;
  field: string;
  origin: KerasOrigin;
  layer?: string;
}

/** Layer sizes a config declares beyond what the loader can allocate (class C of round 28). */
export interface KerasSizeSubject {
  origin: KerasOrigin;
  /** "load": weights every built-in layer creates when load_model builds it; "inference": one sample's output of a layer. */
  when: "load" | "inference";
  /** Elements: the model's declared parameters, or the layer's output per sample. */
  elements: number;
  /** The largest contributors (Python-like), with their layer names. */
  layers: { detail: string; params: number; layer?: string; pointer: string }[];
  /** Layers counted in all (load). */
  counted: number;
}

declare module "../rules/types.js" {
  interface Subjects {
    "keras-size": KerasSizeSubject;
    "keras-ref": KerasRefSubject;
    "keras-gadget": KerasGadgetSubject;
    "keras-doc": KerasDocSubject;
    "keras-by-name-function": ByNameFunctionSubject;
  }
}

export const GADGET_CLASSES = new Set(["TFSMLayer", "TorchModuleWrapper", "JaxLayer", "FlaxLayer", "KerasLayer"]);
const DATA_CLASSES = new Set(["__keras_tensor__", "__tensor__", "__numpy__", "__bytes__", "__typespec__", "__tuple__", "__ellipsis__", "__slice__"]);
const VOCAB_KEYS = new Set(["vocabulary", "merges", "proto", "vocabulary_file", "vocab_file", "spm_model_file", "sentencepiece_model_file", "vocabulary_path"]);

interface WalkState {
  ctx: ScanContext;
  origin: KerasOrigin;
  /** Dispatches deferred until the whole config is walked (document-wide facts are known then). */
  pending: (() => void)[];
  doc: KerasDocSubject;
  nodes: number;
  /** Pointer prefixes of Lambda layers' `arguments` objects. */
  lambdaArgs: string[];
  /** Pointers of Lambda layers' function / mask fields. */
  lambdaCalls: Set<string>;
  /** Layer entries that resolve to plain functions: Keras 3.9+ refuses such a model outright. */
  functionLayers: number;
  /** Pointers of objects whose `module` is TensorFlow's bundled Keras 2 (tensorflow.python.keras): their from_config rebuilds Lambdas with no safe mode. */
  legacyKeras: string[];
  /** An InputLayer config with Keras 3's `batch_shape` (and no `batch_input_shape`): a Keras 3 writer. */
  keras3InputLayer: boolean;
  /** Code fields only Keras 2 / tf-keras layers hand to func_load (cell wrappers' `<field>_type` "lambda"): Keras 3 has no such layer. */
  noKeras3: Set<string>;
  /** Config modules of the model's tf_keras cell wrappers, in walk order (their functions share one namespace). */
  cellWrapperModules: string[];
  /** Input last dimensions known for layer objects by pointer (a Sequential's chain, a wrapper's inner layer). */
  inDims: Map<string, number | undefined>;
  /** Whole input shapes the Sequential chain / Functional graph gives a layer (round 29 class E). */
  inShapes: Map<string, Shape | undefined>;
  /** Weight elements of the built-in layers the config declares (built at load before any weight is read). */
  declared: { detail: string; params: number; layer?: string; pointer: string }[];
}

const MAX_NODES = 2_000_000;

function str(x: unknown): string | undefined {
  return typeof x === "string" ? x : undefined;
}

function layerNameOf(o: Record<string, unknown>): string | undefined {
  const c = o["config"];
  return str(o["name"]) ?? (isObject(c) ? str(c["name"]) : undefined);
}

function lambdaVersions(origin: KerasOrigin): { trigger: Trigger; versions: string[] } {
  switch (origin.container) {
    case "keras-zip":
      return { trigger: "load", versions: [V.KERAS3_SAFE_MODE_OFF, V.TF_KERAS_V3_FORMAT_SAFE_MODE_OFF] };
    case "h5":
      return { trigger: "load", versions: [V.KERAS2_STANDALONE, V.TF_KERAS_ALL, V.KERAS3_H5_LAMBDA_SAFE_MODE_IGNORED, V.KERAS3_SAFE_MODE_OFF] };
    case "json":
      // tf-keras model_from_json honours safe mode since 2.13 (observed with 2.20.1); before, none existed.
      return { trigger: "load", versions: [V.KERAS2_STANDALONE, "tf-keras>=2.0,<2.13", V.TF_KERAS_V3_FORMAT_SAFE_MODE_OFF, V.KERAS3_SAFE_MODE_OFF] };
    case "savedmodel-metadata":
    case "user-object":
      return { trigger: "load", versions: [V.KERAS2_STANDALONE, V.TF_KERAS_ALL] };
    case "tfjs":
      return { trigger: "unknown", versions: [] };
  }
}

function triggerFor(origin: KerasOrigin): Trigger {
  return origin.container === "tfjs" ? "unknown" : "load";
}

/** Constant arguments from a Keras 3 inbound node, rendered Python-like for evidence. */
function renderCallArgs(o: Record<string, unknown>): string | undefined {
  const nodes = o["inbound_nodes"];
  if (!Array.isArray(nodes) || nodes.length === 0) return undefined;
  const first = nodes[0];
  if (!isObject(first)) return undefined;
  const parts: string[] = [];
  const args = Array.isArray(first["args"]) ? first["args"] : [];
  for (const a of args) parts.push(renderValue(a));
  const kwargs = isObject(first["kwargs"]) ? first["kwargs"] : {};
  for (const [k, v] of Object.entries(kwargs)) parts.push(`${k}=${renderValue(v)}`);
  return parts.join(", ");
}

/** What a TFOpLambda / SlicingOpLambda (`function`) or a ClassMethod (`cls_symbol` + `method_name`) calls, resolved, and its config key. */
function tfOpTarget(cn: string, cfg: Record<string, unknown>): { name: string; resolution: Resolution; key: string } | undefined {
  if (cn === "ClassMethod") {
    const c = cfg["cls_symbol"];
    const m = cfg["method_name"];
    return typeof c === "string" && typeof m === "string" ? { name: `${c}.${m}`, resolution: resolveClassMethod(c, m), key: "cls_symbol" } : undefined;
  }
  const f = cfg["function"];
  return (cn === "TFOpLambda" || cn === "SlicingOpLambda") && typeof f === "string" ? { name: f, resolution: resolveTfOp(f), key: "function" } : undefined;
}

function hasConstantStringArg(o: Record<string, unknown>): boolean {
  const nodes = o["inbound_nodes"];
  const seen = (v: unknown, d: number): boolean => {
    if (d > 6) return false;
    if (typeof v === "string") return true;
    if (Array.isArray(v)) return v.some((x) => seen(x, d + 1));
    if (isObject(v)) return v["class_name"] === "__keras_tensor__" ? false : Object.values(v).some((x) => seen(x, d + 1));
    return false;
  };
  if (!Array.isArray(nodes)) return false;
  // Keras 3: [{args, kwargs}]; Keras 2: [[[layer, node, tensor, {kwargs}]]] (layer names are strings: skip them),
  // a node that is one record ([layer, node, tensor, {kwargs}]), and a constant handed to the layer as the
  // record ["_CONSTANT_VALUE", -1, value, {kwargs}] (tf_keras functional.py)
  // (a Keras 2 record's first item is the tensor a layer feeds: only a `_CONSTANT_VALUE` is a constant there,
  // and among its keyword arguments a string counts where the keyword names a path or location; a
  // constant `contents` beside a tensor filename is no path, and the call fails on the tensor)
  const PATH_KEY = /path|file|dir|url|uri|origin|prefix|fname/i;
  const pathKwarg = (kw: unknown) => isObject(kw) && Object.entries(kw).some(([k, v]) => PATH_KEY.test(k) && seen(v, 0));
  const record = (c: unknown): boolean => Array.isArray(c) && (pathKwarg(c[3]) || (c[0] === "_CONSTANT_VALUE" && seen(c[2], 0)));
  return nodes.some((n) => (isObject(n) ? seen(n["args"], 0) || seen(n["kwargs"], 0) : Array.isArray(n) && (typeof n[0] === "string" ? record(n) : n.some(record))));
}

function renderValue(v: unknown, depth = 0): string {
  if (depth > 3) return "…";
  if (typeof v === "string") return JSON.stringify(cut(v));
  if (typeof v === "number" || typeof v === "boolean") return v === true ? "True" : v === false ? "False" : String(v);
  if (v === null) return "None";
  if (Array.isArray(v)) return `[${v.slice(0, 8).map((x) => renderValue(x, depth + 1)).join(", ")}${v.length > 8 ? ", …" : ""}]`;
  if (isObject(v)) {
    if (v["class_name"] === "__keras_tensor__") {
      const h = isObject(v["config"]) ? v["config"]["keras_history"] : undefined;
      return Array.isArray(h) && typeof h[0] === "string" ? `<tensor ${h[0]}>` : "<tensor>";
    }
    return "{…}";
  }
  return "…";
}

/** What a Keras config holds where func_load is called: payloads to analyse, and shapes that are not understood. */
interface LambdaFields {
  payloads: { form: LambdaForm; payload: LambdaPayload }[];
  /** A code field in a shape func_load might still take but this walker does not read (reported, never skipped). */
  unread: string[];
}

function shapeOf(x: unknown): string {
  if (Array.isArray(x)) return `a list of ${x.length} items`;
  if (x === null) return "null";
  if (isObject(x)) return typeof x["class_name"] === "string" ? `an object of class_name ${cut(x["class_name"], 40)}` : "an object";
  return `a ${typeof x}`;
}

/**
 * func_load(code, defaults, closure) (tf_keras generic_utils, Keras 3 python_utils, identical in
 * tf-keras 2.20.1 and Keras 3.8-3.15): a list/tuple `code` is unpacked (`code, defaults, closure =
 * code`, its items replacing the arguments), then `code.encode("ascii")` needs a str. JSON gives
 * lists for tuples. A list of another length makes the unpacking raise; its leading string is still
 * analysed (a loader variant may index instead of unpacking).
 */
function funcLoadArgs(code: unknown, defaults: unknown, closure: unknown): { code: string; defaults: unknown; closure: unknown } | string {
  if (Array.isArray(code)) {
    const [c, d, k] = code as unknown[];
    if (typeof c === "string") return { code: c, defaults: d, closure: k };
    return `code ${shapeOf(code)} whose first item is ${shapeOf(c)}`;
  }
  if (typeof code === "string") return { code, defaults, closure };
  return `code ${shapeOf(code)}`;
}

function lambdaPayloadFrom(value: unknown, field: string, layerConfig: Record<string, unknown> | undefined): LambdaFields {
  const module = layerConfig ? str(layerConfig[field === "function" ? "module" : `${field}_module`]) : undefined;
  const args = layerConfig?.["arguments"];
  const base = { field, ...(module ? { module } : {}), ...(args !== undefined ? { arguments: args } : {}) };
  const out: LambdaFields = { payloads: [], unread: [] };
  const add = (form: LambdaForm, r: ReturnType<typeof funcLoadArgs>, where: string): void => {
    if (typeof r === "string") out.unread.push(`${where}: ${r}`);
    else out.payloads.push({ form, payload: { form, code: r.code, defaults: r.defaults, closure: r.closure, ...base } });
  };
  if (Array.isArray(value)) {
    // tf_keras: func_load(value); Keras 3 (legacy h5): func_load(value[0], value[1], value[2]), which
    // unpacks value[0] again when it is itself a list.
    add("keras2-list", funcLoadArgs(value[0], value[1], value[2]), "function list");
    return out;
  }
  if (isObject(value)) {
    const cn = value["class_name"];
    const cfg = value["config"];
    if (cn === "__lambda__") {
      if (!isObject(cfg)) {
        out.unread.push(`__lambda__ config ${shapeOf(cfg)}`);
        return out;
      }
      // Keras 3 Lambda.from_config: func_load(config.code, config.defaults, config.closure); elsewhere
      // (serialization_lib, Lambda arguments, tf_keras function_type "function"): func_load(config.value).
      if ("code" in cfg) add("keras3-lambda", funcLoadArgs(cfg["code"], cfg["defaults"], cfg["closure"]), "__lambda__ config.code");
      if ("value" in cfg) add("keras3-value", funcLoadArgs(cfg["value"], undefined, undefined), "__lambda__ config.value");
      if (!("code" in cfg) && !("value" in cfg)) out.unread.push("__lambda__ config without code or value");
      return out;
    }
    if (cn === "__tuple__" && Array.isArray(value["items"]) && typeof value["items"][0] === "string") {
      const it = value["items"];
      out.payloads.push({ form: "tuple", payload: { form: "tuple", code: it[0] as string, defaults: it[1], closure: it[2], ...base } });
      return out;
    }
  }
  if (typeof value === "string") out.payloads.push({ form: "raw-string", payload: { form: "raw-string", code: value, ...base } });
  else out.unread.push(`${field} ${shapeOf(value)}`);
  return out;
}

/** A code field func_load would be handed but this walker cannot read: reported at high, never dropped. */
function queueUnread(st: WalkState, reasons: string[], field: string, pointer: string, layer: string | undefined, inLambdaLayerField = false): void {
  if (reasons.length === 0) return;
  queueLambda(st, { form: "keras3-lambda", code: "", field, unreadShape: reasons.join("; ") }, pointer, layer, inLambdaLayerField);
}

/**
 * A Lambda whose output_shape is a stored shape (not a function, not None): Keras 3's
 * compute_output_shape returns it without calling the function, so Keras 3 rebuilds the model
 * without running it (observed with 3.8-3.15: the canary fires at the first predict).
 */
function fixedOutputShape(cfg: Record<string, unknown>): boolean {
  const t = str(cfg["output_shape_type"]);
  if (t !== undefined && t !== "raw") return false;
  const v = cfg["output_shape"];
  const dims = Array.isArray(v) ? v : isObject(v) && v["class_name"] === "__tuple__" && Array.isArray(v["items"]) ? v["items"] : undefined;
  return dims !== undefined && dims.length > 0 && dims.every((d) => d === null || typeof d === "number" || (Array.isArray(d) && d.every((e) => e === null || typeof e === "number")));
}

function handleLambdaLayer(st: WalkState, o: Record<string, unknown>, pointer: string): Set<string> {
  const handled = new Set<string>();
  const cfg = o["config"];
  if (!isObject(cfg)) return handled;
  const layer = layerNameOf(o);
  const cfgPtr = ptr(pointer, "config");
  // Callables passed through a Lambda layer's `arguments` are called by its function at load.
  st.lambdaArgs.push(ptr(cfgPtr, "arguments") + "/");
  // A function given by reference as the layer's function or mask is called while the model is rebuilt.
  st.lambdaCalls.add(ptr(cfgPtr, "function"));
  st.lambdaCalls.add(ptr(cfgPtr, "mask"));
  for (const field of ["function", "output_shape", "mask"]) {
    const value = cfg[field];
    if (value === undefined || value === null) continue;
    const typeKey = field === "function" ? "function_type" : `${field}_type`;
    const ftype = str(cfg[typeKey]);
    const fptr = ptr(cfgPtr, field);
    if (ftype === "function" && typeof value === "string") {
      handled.add(fptr);
      const module = str(cfg[field === "function" ? "module" : `${field}_module`]);
      st.pending.push(() => st.ctx.dispatch("keras-by-name-function", { functionName: value, ...(module ? { module } : {}), field, origin: st.origin, ...(layer ? { layer } : {}) }, fptr));
      continue;
    }
    // Keras 3's legacy loader (h5, json: saving_utils.model_from_config) turns a list function into a
    // __lambda__ and func_loads it, whatever function_type says.
    const legacyList = field === "function" && Array.isArray(value);
    if (ftype === "raw" && !legacyList) continue; // a plain value, not code
    const isLambdaObject = isObject(value) && value["class_name"] === "__lambda__";
    if (field !== "function" && ftype !== "lambda" && !(isLambdaObject || (isObject(value) && value["class_name"] === "__tuple__"))) continue;
    const p = lambdaPayloadFrom(value, field, cfg);
    const payloads = p.payloads.filter((x) => x.form !== "raw-string" || ftype === "lambda");
    // Only where a loader hands the field to func_load: function_type "lambda", a list function, or a __lambda__ object.
    const unread = ftype === "lambda" || isLambdaObject || legacyList ? p.unread : [];
    if (payloads.length === 0 && unread.length === 0) continue;
    handled.add(fptr);
    for (const x of payloads) queueLambda(st, x.payload, fptr, layer, true, field === "function" && fixedOutputShape(cfg));
    queueUnread(st, unread, field, fptr, layer, true);
  }
  return handled;
}

/**
 * Other layers that store a function beside a `<field>_type` of "lambda" and hand it to func_load
 * (tf_keras cell wrappers: DropoutWrapper dropout_fn, ResidualWrapper residual_fn; they call it
 * when the layer computes, first while the model is rebuilt).
 */
function handleTypedFunctions(st: WalkState, o: Record<string, unknown>, pointer: string): Set<string> {
  const handled = new Set<string>();
  const cfg = o["config"];
  if (!isObject(cfg)) return handled;
  const cfgPtr = ptr(pointer, "config");
  for (const [k, t] of Object.entries(cfg)) {
    if (t !== "lambda" || !k.endsWith("_type")) continue;
    const field = k.slice(0, -"_type".length);
    if (!(field in cfg)) continue;
    const fptr = ptr(cfgPtr, field);
    const p = lambdaPayloadFrom(cfg[field], field, cfg);
    handled.add(fptr);
    st.noKeras3.add(fptr);
    // every cell wrapper of the model merges its config module into one live namespace (read when queued
    // functions run, after the whole config is walked)
    const module = typeof cfg[`${field}_module`] === "string" ? (cfg[`${field}_module`] as string) : undefined;
    if (module !== undefined && !st.cellWrapperModules.includes(module)) st.cellWrapperModules.push(module);
    // the wrapper calls its function when the RNN is called, which the loader does while it rebuilds the
    // model on symbolic inputs: at load, as a Lambda layer's (observed with tf-keras 2.20.1)
    for (const x of p.payloads) queueLambda(st, { ...x.payload, cellWrapperModules: st.cellWrapperModules }, fptr, layerNameOf(o), true);
    queueUnread(st, p.unread, field, fptr, layerNameOf(o), true);
  }
  return handled;
}

/**
 * A Lambda layer's function runs while the model is rebuilt (load). A lambda elsewhere (a Dense
 * activation, an initializer argument) runs when its layer first computes: Keras infers shapes
 * without calling it, so it fires at the first forward pass (observed with Keras 3.10/3.11).
 */
function queueLambda(st: WalkState, payload: LambdaPayload, pointer: string, layer: string | undefined, inLambdaLayerField = false, keras3AtInference = false): void {
  const inLambdaLayer = inLambdaLayerField || st.lambdaArgs.some((p) => pointer.startsWith(p));
  st.doc.lambdas.push(pointer);
  st.pending.push(() => {
    const lv = lambdaVersions(st.origin);
    let versions = lv.versions;
    // tf-keras never calls an output_shape function during load or predict (observed with 2.20.1).
    if (payload.field === "output_shape") versions = versions.filter((v) => !v.startsWith("tf-keras"));
    // A function as a layer entry makes Keras 3.9+ refuse the whole model ("expected a layer or
    // operation", observed with 3.10): the Lambda can only run in Keras 3 before 3.9.
    if (st.functionLayers > 0) versions = versions.map((v) => (v === V.KERAS3_SAFE_MODE_OFF ? "keras>=3.0,<3.9 safe_mode=off" : v));
    // An activation is read by keras.activations.get: before 3.10 it goes through
    // activations.deserialize, which cannot interpret a __lambda__ (refused by 3.8.0 in the oracle,
    // same code in the 3.9 wheels); 3.10 hands it to deserialize_keras_object, which builds it.
    if (!inLambdaLayer && payload.field === "activation") versions = versions.map((v) => (v === V.KERAS3_SAFE_MODE_OFF ? "keras>=3.10 safe_mode=off" : v));
    // Inside an object rebuilt by TensorFlow's bundled Keras 2 (module tensorflow.python.keras...), the
    // Lambda is rebuilt by that Keras, which has no safe mode: the loaders that import the module run it
    // whatever safe_mode says (tf-keras 2.20.1 .keras with default options, observed).
    if (st.legacyKeras.some((p) => pointer.startsWith(`${p}/`))) versions = versions.map((v) => (v === V.KERAS3_SAFE_MODE_OFF ? "keras>=3.0,<3.9" : v === V.TF_KERAS_V3_FORMAT_SAFE_MODE_OFF ? "tf-keras>=2.13" : v));
    // Keras 3 gives Lambda bytecode python_utils' globals only; tf-keras and Keras 2 merge the
    // config module's globals. A risk that needs those globals does not exist in Keras 3 (observed).
    // The same holds for names only tf-keras and Keras 2 provide (np, tf, K): Keras 3 raises
    // NameError before the payload runs (observed with 3.8-3.15 on tf-keras-written .h5 files).
    const full = analyzeLambda(payload);
    if (versions.some((v) => v.startsWith("keras>=3"))) {
      // An unverifiable name counts alike: when every name that made the code unverifiable is a
      // NameError under Keras 3's globals, what remains is tensor math there (observed: uuid's
      // _get_command_stdout, absl's get_command_stderr, h5py, gfile's copy raise NameError in 3.8-3.15).
      const k3 = full.kind === "compute" ? full : analyzeLambda({ ...payload, module: undefined, keras3Globals: true });
      if ((full.kind === "risky" && k3.kind !== "risky") || (full.kind === "unverifiable" && k3.kind === "compute")) versions = versions.filter((v) => !v.startsWith("keras>=3"));
    }
    // output_shape functions run from compute_output_shape: Keras 3 reaches it at load (observed),
    // tf-keras 2.20 neither at load nor at predict (observed). A finding carries the earliest
    // trigger over its loaders, so only tf-keras-only containers say "unknown".
    // tf-keras cannot rebuild a config whose InputLayer has Keras 3's batch_shape (it raises
    // "Unrecognized keyword arguments: ['batch_shape']" before any layer is called, observed with 2.20.1).
    if (st.keras3InputLayer) versions = versions.filter((v) => !v.startsWith("tf-keras"));
    // Cell wrappers' typed functions exist only in Keras 2 and tf-keras (Keras 3 has no cell wrappers).
    if (st.noKeras3.has(pointer)) versions = versions.filter((v) => !v.startsWith("keras>=3"));
    versions = forLoaders(st, versions);
    const tfKerasOnly = st.origin.container === "savedmodel-metadata" || st.origin.container === "user-object";
    let trigger: Trigger =
      payload.field === "output_shape" && tfKerasOnly ? "unknown" : !inLambdaLayer && lv.trigger === "load" ? "inference" : lv.trigger;
    // Effects that are TensorFlow ops (tf.print to a file://, tf.io.write_file) only add nodes while
    // the loader traces the function on symbolic inputs; they run when the graph runs, at predict
    // (observed with tf-keras 2.20.1). Keras 3 with a stored output_shape does not call the function
    // at load at all; when only Keras 3 loaders remain, the earliest trigger is inference.
    const onlyKeras3 = versions.length > 0 && versions.every((v) => v.startsWith("keras>=3"));
    if (trigger === "load" && ((full.kind === "risky" && full.graphOnly === true) || (keras3AtInference && onlyKeras3))) trigger = "inference";
    st.ctx.dispatch("keras-lambda", { payload, trigger, affectedVersions: versions, ...(layer ? { layer } : {}) }, pointer);
  });
}

/**
 * Keras 3's load_model sends a file named *.keras to the zip loader only; an HDF5 file under that
 * name is refused ("File not found ... accessible .keras zip file", observed with 3.8-3.15), so no
 * Keras 3 version runs anything in it. tf-keras and Keras 2 read it by content.
 */
function forLoaders(st: WalkState, versions: string[]): string[] {
  if (st.origin.container === "h5" && st.origin.fileName?.endsWith(".keras")) return versions.filter((v) => !v.startsWith("keras>=3"));
  return versions;
}

function queueRef(st: WalkState, subject: KerasRefSubject, pointer: string, layerEntry = false): void {
  if (subject.resolution.affectedVersions.length) {
    const kept = forLoaders(st, subject.resolution.affectedVersions);
    if (kept.length !== subject.resolution.affectedVersions.length) subject = { ...subject, resolution: { ...subject.resolution, affectedVersions: kept } };
  }
  if (layerEntry && subject.ref.kind === "function") st.functionLayers++;
  if (subject.resolution.capabilities.includes("safety-off")) {
    st.doc.safetyOff.push({ pointer, target: subject.resolution.target });
    // Reached, but Keras 3.8-3.15 restore safe mode when each nested object is done (observed):
    // the switch does not make later Lambdas run, so no version is claimed to execute anything.
    subject = { ...subject, resolution: { ...subject.resolution, affectedVersions: [], note: `${subject.resolution.note}; resolved by ${subject.resolution.affectedVersions.join(", ") || "no tested version"}, but Keras restores safe mode after each nested object` } };
  }
  if (subject.resolution.capabilities.includes("nested-load")) st.doc.nestedLoads.push({ pointer, target: subject.resolution.target, versions: subject.resolution.affectedVersions });
  st.pending.push(() => st.ctx.dispatch("keras-ref", subject, pointer));
}

/**
 * When a function reference fires: a layer entry that resolves to a function is called by the
 * Functional rebuild (load); a loss or metric runs in fit (training); a function inside a layer's
 * config (activation, call_fn) runs when the layer computes (inference).
 */
/** Keras 3 version specs cut to below `upper` (others kept): ["keras>=3.0,<3.11"] -> ["keras>=3.0,<3.9"]. */
export function clampKeras3Below(specs: string[], upper: string): string[] {
  const out: string[] = [];
  for (const s of specs) {
    const p = V.parseVersionSpec(s);
    if (!p || p.pkg !== "keras" || !p.lower?.startsWith("3")) {
      out.push(s);
      continue;
    }
    if (!V.versionInSpec(p.lower, { pkg: "keras", lowerInclusive: true, upperInclusive: false, upper })) continue;
    const up = p.upper !== undefined && V.versionInSpec(p.upper, { pkg: "keras", lowerInclusive: true, upperInclusive: true, upper }) ? p.upper : upper;
    out.push(`keras>=${p.lower},<${up}${p.condition ? ` ${p.condition}` : ""}`);
  }
  return out;
}

/**
 * Functions the catalogue denies that take no parameter at all (their signatures in Keras 3.8-3.15):
 * called with an argument, Python raises TypeError before the body runs.
 */
const NO_PARAMETER_FUNCTIONS = new Set([
  "keras.datasets.cifar10.load_data", "keras.src.datasets.cifar10.load_data",
  "keras.datasets.fashion_mnist.load_data", "keras.src.datasets.fashion_mnist.load_data",
  "keras.config.enable_unsafe_deserialization", "keras.src.saving.serialization_lib.enable_unsafe_deserialization",
]);

function functionTrigger(st: WalkState, pointer: string, parentKey: string, base: Trigger): Trigger {
  if (base !== "load") return base;
  if (parentKey === "layers" || st.lambdaCalls.has(pointer)) return "load";
  if (st.origin.role === "training" || /\/(?:compile_config|training_config)(?:\/|$)/.test(pointer) || parentKey === "loss" || parentKey === "metrics") return "training";
  if (st.lambdaArgs.some((p) => pointer.startsWith(p))) return "load";
  return "inference";
}

function handleObject(st: WalkState, o: Record<string, unknown>, pointer: string, parentKey: string, handled: Set<string>): void {
  const cn = o["class_name"] as string;
  const trigger = triggerFor(st.origin);
  const layer = layerNameOf(o);
  if (cn === "__lambda__") {
    if (handled.has(pointer)) return;
    const p = lambdaPayloadFrom(o, parentKey || "value", undefined);
    for (const x of p.payloads) queueLambda(st, x.payload, pointer, undefined);
    queueUnread(st, p.unread, parentKey || "value", pointer, undefined);
    return;
  }
  if (DATA_CLASSES.has(cn)) return;
  const hasModuleKey = "module" in o;
  if (cn === "function") {
    const fn = o["config"];
    const ref: KerasRef = { module: str(o["module"]) ?? null, className: cn, registeredName: str(o["registered_name"]) ?? null, kind: "function", functionName: typeof fn === "string" ? fn : "", form: "keras3" };
    let resolution = resolveKeras3(ref, st.origin.container, o);
    // As a layer entry, Functional calls the function with the node's stored arguments (CVE-2025-1550);
    // Keras 3.9+ refuse a function there before calling it ("expected a layer or operation", observed with 3.10).
    if (parentKey === "layers" && resolution.affectedVersions.length) resolution = { ...resolution, affectedVersions: clampKeras3Below(resolution.affectedVersions, "3.9") };
    // A Lambda calls its function with the layer's input: a function that takes no parameter raises
    // TypeError before its body runs (observed with cifar10.load_data in 3.8-3.15), so nothing executes.
    if (st.lambdaCalls.has(pointer) && resolution.affectedVersions.length && NO_PARAMETER_FUNCTIONS.has(resolution.target)) {
      resolution = { ...resolution, affectedVersions: [], note: `${resolution.note}; a Lambda passes it its input, and it takes no parameter (TypeError before its body runs)` };
    }
    const call = resolution.outcome === "deny" && parentKey === "layers" ? renderCallArgs(o) : undefined;
    queueRef(st, { ref, resolution, origin: st.origin, trigger: functionTrigger(st, pointer, parentKey, trigger), ...(layer ? { layer } : {}), ...(call !== undefined ? { call } : {}) }, pointer, parentKey === "layers");
    return;
  }
  const ref: KerasRef = { module: hasModuleKey ? (str(o["module"]) ?? null) : undefined, className: cn, registeredName: str(o["registered_name"]) ?? null, kind: "class", form: hasModuleKey ? "keras3" : "legacy" };
  const resolution = hasModuleKey && ref.module ? resolveKeras3(ref, st.origin.container, o) : resolveLegacy(ref);
  const isGadget = GADGET_CLASSES.has(cn);
  const call = resolution.outcome === "deny" ? renderCallArgs(o) : undefined;
  queueRef(st, { ref, resolution, origin: st.origin, trigger, ...(layer ? { layer } : {}), ...(call !== undefined ? { call } : {}), ...(isGadget ? { gadget: true } : {}) }, pointer);

  const cfg = o["config"];
  if (builtIn(ref.module)) weighLayer(st, o, cn, cfg, pointer, layer);
  if (isObject(cfg)) {
    // TensorFlowOpLayer (tf_keras): the op its NodeDef names runs whenever the layer is called
    if (cn === "TensorFlowOpLayer" && (isObject(cfg["node_def"]) || typeof cfg["node_def"] === "string")) st.pending.push(() => analyzeTfOpLayer(st.ctx, cfg, pointer, layer, "inference"));
    // TF-op layers: what they call or read, under each class's own config keys (TFOpLambda/SlicingOpLambda:
    // function; ClassMethod: cls_symbol + method_name; InstanceMethod: method_name and InstanceProperty:
    // attr_name, on the layer's input tensor)
    const op = tfOpTarget(cn, cfg);
    const member = cn === "InstanceMethod" ? cfg["method_name"] : cn === "InstanceProperty" ? cfg["attr_name"] : undefined;
    if (typeof member === "string") {
      const r = resolveTensorMember(member, cn === "InstanceMethod");
      const mRef: KerasRef = { module: "tensorflow", className: cn, kind: "function", functionName: `Tensor.${member}`, form: ref.form };
      queueRef(st, { ref: mRef, resolution: r, origin: st.origin, trigger, tfOp: true, ...(layer ? { layer } : {}) }, ptr(ptr(pointer, "config"), cn === "InstanceMethod" ? "method_name" : "attr_name"));
    }
    if (op) {
      let tfRes = op.resolution;
      // The op is called with the layer's inbound arguments: with tensors only, a file or library op
      // fails on its argument types (observed with tf-keras 2.20), so versions are claimed only when
      // a constant string argument (a path) is stored in the config.
      if (tfRes.outcome === "deny" && !hasConstantStringArg(o)) tfRes = { ...tfRes, affectedVersions: [], note: `${tfRes.note}; called with tensor arguments only, so no path is given in the file` };
      const tfRef: KerasRef = { module: "tensorflow", className: cn, kind: "function", functionName: op.name, form: ref.form };
      queueRef(st, { ref: tfRef, resolution: tfRes, origin: st.origin, trigger, tfOp: true, ...(layer ? { layer } : {}) }, ptr(ptr(pointer, "config"), op.key));
    }
    const hasVocab = Object.keys(cfg).some((k) => VOCAB_KEYS.has(k) && typeof cfg[k] === "string");
    if (cn === "TorchModuleWrapper") queueEmbeddedTorch(st, cfg, pointer);
    if (isGadget || hasVocab) {
      st.pending.push(() => st.ctx.dispatch("keras-gadget", { className: cn, config: cfg, origin: st.origin, trigger, node: o, ...(layer ? { layer } : {}) }, pointer));
    }
  }
}

/** A class the loader takes from Keras itself (no module: a Keras 1/2 or tf_keras config's built-in name). */
function builtIn(module: string | null | undefined): boolean {
  return module === undefined || module === null || /^(?:keras|tf_keras|tensorflow\.keras|tensorflow\.python\.keras)(?:\.|$)/.test(module);
}

/** The layer objects of a Sequential config (Keras 2/3: config.layers; Keras 1: config is the list), with their pointers. */
function sequentialLayers(cfg: unknown, pointer: string): [Record<string, unknown>, string][] {
  const base = ptr(pointer, "config");
  if (Array.isArray(cfg)) return cfg.flatMap((x, i) => (isObject(x) ? [[x, ptr(base, i)] as [Record<string, unknown>, string]] : []));
  if (isObject(cfg) && Array.isArray(cfg["layers"])) return (cfg["layers"] as unknown[]).flatMap((x, i) => (isObject(x) ? [[x, ptr(ptr(base, "layers"), i)] as [Record<string, unknown>, string]] : []));
  return [];
}

/** The input shapes of a Functional layer's first inbound node: its producers' output shapes, else the shapes the node stores. */
function inboundShapes(nodes: unknown, outs: Map<string, Shape | undefined>): (Shape | undefined)[] {
  if (!Array.isArray(nodes) || !nodes.length) return [];
  const node = nodes[0];
  const res: (Shape | undefined)[] = [];
  if (isObject(node)) {
    // Keras 3: {args: [tensor | [tensor, ...]], kwargs}; a tensor is {class_name: "__keras_tensor__", config: {shape, keras_history}}
    const visit = (x: unknown): void => {
      if (Array.isArray(x)) return x.forEach(visit);
      if (!isObject(x) || !isObject(x["config"])) return;
      const c = x["config"] as Record<string, unknown>;
      const h = c["keras_history"];
      const from = Array.isArray(h) && typeof h[0] === "string" ? outs.get(h[0]) : undefined;
      if (Array.isArray(h)) res.push(from ?? tensorShape(c["shape"]));
    };
    visit(node["args"]);
  } else if (Array.isArray(node)) {
    // Keras 2: [[name, node_index, tensor_index, kwargs], ...]
    for (const t of node) if (Array.isArray(t) && typeof t[0] === "string") res.push(outs.get(t[0]));
  }
  return res;
}

/**
 * Counts what a built-in layer allocates: its weights when the loader builds it (from the input dimension
 * the object states, the Sequential chain before it, or none: the size fields alone), and one sample's
 * output of a layer that multiplies its input by a config constant (reported on its own, at inference).
 */
function weighLayer(st: WalkState, o: Record<string, unknown>, cn: string, cfg: unknown, pointer: string, layer: string | undefined): void {
  if (st.origin.role !== "model" && st.origin.role !== "metadata") return;
  if (cn === "Sequential") {
    // the chain of shapes: each layer's input is the one before's output
    let shape: Shape | undefined;
    for (const [l, lp] of sequentialLayers(cfg, pointer)) {
      const lcn = str(l["class_name"]);
      const lcfg = l["config"];
      if (lcn === undefined || !isObject(lcfg)) {
        shape = undefined;
        continue;
      }
      const ownShape = declaredInputShape(l, lcn, lcfg);
      const s = ownShape ?? shape;
      st.inDims.set(lp, declaredInputDim(l, lcn, lcfg) ?? (s ? s[s.length - 1] : undefined));
      st.inShapes.set(lp, s);
      shape = lcn === "InputLayer" ? ownShape : outputShape(lcn, lcfg, [s]);
    }
  } else if ((cn === "Functional" || cn === "Model") && isObject(cfg) && Array.isArray(cfg["layers"])) {
    // the Functional graph (Keras 3 inbound_nodes args with keras_history, Keras 2 [[name, node, tensor, kwargs]]):
    // the loader calls each layer on its producers' outputs, so its input shape is theirs
    const outs = new Map<string, Shape | undefined>();
    for (const [l, lp] of sequentialLayers(cfg, pointer)) {
      const lcn = str(l["class_name"]);
      const lcfg = l["config"];
      const name = str(l["name"]) ?? (isObject(lcfg) ? str(lcfg["name"]) : undefined);
      if (lcn === undefined || !isObject(lcfg)) continue;
      const ins = inboundShapes(l["inbound_nodes"], outs);
      const ownShape = declaredInputShape(l, lcn, lcfg);
      const s = ownShape ?? ins[0];
      st.inDims.set(lp, declaredInputDim(l, lcn, lcfg) ?? (s ? s[s.length - 1] : undefined));
      st.inShapes.set(lp, s);
      if (name !== undefined) outs.set(name, lcn === "InputLayer" ? ownShape : outputShape(lcn, lcfg, ownShape ? [ownShape, ...ins.slice(1)] : ins));
    }
  }
  if (!isObject(cfg)) return;
  const inDim = declaredInputDim(o, cn, cfg) ?? st.inDims.get(pointer);
  const add = (d: DeclaredSize | undefined) => {
    if (d && d.params > 0) st.declared.push({ ...d, pointer, ...(layer ? { layer } : {}) });
  };
  const inShape = declaredInputShape(o, cn, cfg) ?? st.inShapes.get(pointer);
  add(layerParams(cn, cfg, inDim, inShape) ?? (builtIn(str(o["module"])) ? fallbackParams(cn, cfg, inDim) : undefined));
  // wrappers: the inner layer sees the wrapper's input; Bidirectional builds a second copy (the backward layer)
  // unless the config gives its own backward_layer (visited as an object of its own)
  for (const key of ["layer", "cell", "forward_layer", "backward_layer"]) {
    const inner = cfg[key];
    if (isObject(inner)) st.inDims.set(ptr(ptr(pointer, "config"), key), inDim);
  }
  const inner = cfg["layer"];
  if (cn === "Bidirectional" && isObject(inner) && isObject(inner["config"]) && !isObject(cfg["backward_layer"])) {
    const icn = str(inner["class_name"]);
    const d = icn !== undefined ? layerParams(icn, inner["config"], declaredInputDim(inner, icn, inner["config"]) ?? inDim) : undefined;
    if (d) add({ ...d, detail: `${d.detail} (Bidirectional's backward copy)` });
  }
  const out = outputElements(cn, cfg, inDim);
  if (out && out.params > MAX_OUTPUT_ELEMENTS) {
    const subject: KerasSizeSubject = { origin: st.origin, when: "inference", elements: out.params, layers: [{ ...out, pointer, ...(layer ? { layer } : {}) }], counted: 1 };
    st.pending.push(() => st.ctx.dispatch("keras-size", subject, pointer));
  }
}

/**
 * base64.b64decode(text.encode("ascii")) as Keras runs it (TorchModuleWrapper): binascii's non-strict
 * a2b_base64 (junk skipped, input ends at a complete pad); undefined where Python raises.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(text)) return undefined; // str.encode("ascii") raises
  return decodeBase64Bytes(text);
}

/** A config string field, written plainly or wrapped as {"config": {"value": "..."}} (Keras 3 __bytes__ etc.). */
export function stringField(cfg: Record<string, unknown>, key: string): string | undefined {
  const v = cfg[key];
  if (typeof v === "string") return v;
  if (isObject(v) && isObject(v["config"]) && typeof v["config"]["value"] === "string") return v["config"]["value"];
  return undefined;
}

function queueEmbeddedTorch(st: WalkState, cfg: Record<string, unknown>, pointer: string): void {
  const text = stringField(cfg, "module");
  if (!text) return;
  if (text.length > st.ctx.limits.maxMetadataBytes) {
    st.ctx.error(`TorchModuleWrapper module of ${text.length} chars exceeds the metadata limit`, pointer);
    return;
  }
  const bytes = decodeBase64(text);
  if (!bytes) return;
  const name = `${pointer}/config/module (base64 torch.save)`;
  const ctx = st.ctx;
  ctx.defer("TorchModuleWrapper module", () => ctx.scanMember(new MemorySource(name, bytes), name));
}

/**
 * Keras 2 training configs name losses and metrics by string ("loss": "custom_mse"); a name Keras
 * does not know must come from the loading program's custom_objects (GW103, like its .keras twin).
 */
function queueNamedLosses(st: WalkState, v: unknown, pointer: string, depth: number): void {
  if (depth > 4) return;
  if (typeof v === "string") {
    if (isKnownLossOrMetricName(v)) return;
    const ref: KerasRef = { module: undefined, className: "function", kind: "function", functionName: v, form: "legacy" };
    const resolution: Resolution = { target: v, outcome: "custom", capabilities: ["custom-code"], note: "loss or metric name Keras does not define: the loading program must supply it", affectedVersions: [] };
    queueRef(st, { ref, resolution, origin: st.origin, trigger: "training" }, pointer);
  } else if (Array.isArray(v)) v.forEach((x, i) => queueNamedLosses(st, x, ptr(pointer, i), depth + 1));
  else if (isObject(v) && typeof v["class_name"] !== "string") for (const [k, x] of Object.entries(v)) queueNamedLosses(st, x, ptr(pointer, k), depth + 1);
}

/** Does this string hold a marshalled code object (base64 or latin-1 raw form)? */
export function looksLikeMarshalledCode(code: string): boolean {
  const c0 = code.charCodeAt(0);
  if (c0 === 0xe3 || c0 === 0x63) return code.length > 16; // raw marshal: TYPE_CODE with or without FLAG_REF
  const bytes = decodeBase64(code);
  return bytes !== undefined && bytes.length > 16 && (bytes[0] === 0xe3 || bytes[0] === 0x63);
}

function visit(st: WalkState, node: unknown, pointer: string, parentKey: string, handled: Set<string>, depth: number): void {
  if (++st.nodes > MAX_NODES) throw new RangeError(`Keras config has more than ${MAX_NODES} values`);
  if ((st.nodes & 0xffff) === 0) st.ctx.checkTime();
  if (Array.isArray(node)) {
    node.forEach((v, i) => visit(st, v, ptr(pointer, i), parentKey, handled, depth + 1));
    return;
  }
  if (!isObject(node)) return;
  let localHandled = handled;
  // Keras 3 serialises a lambda in some fields (activations) as a bare {"value": [code, defaults, closure]}.
  const bare = node["value"];
  if (!("class_name" in node) && Array.isArray(bare) && bare.length === 3 && typeof bare[0] === "string" && looksLikeMarshalledCode(bare[0])) {
    queueLambda(st, { form: "keras3-value", code: bare[0], defaults: bare[1], closure: bare[2], field: parentKey || "value" }, pointer, undefined);
    return;
  }
  if (typeof node["class_name"] === "string" && ("config" in node || "module" in node || "registered_name" in node || node["class_name"] === "__lambda__")) {
    const mod = str(node["module"]);
    if (mod !== undefined && /^tensorflow\.python\.keras(?:\.|$)/.test(mod)) st.legacyKeras.push(pointer);
    const icfg = node["config"];
    if (node["class_name"] === "InputLayer" && isObject(icfg) && "batch_shape" in icfg && !("batch_input_shape" in icfg)) st.keras3InputLayer = true;
    if (node["class_name"] === "Lambda") {
      const h = handleLambdaLayer(st, node, pointer);
      if (h.size) localHandled = new Set([...handled, ...h]);
    } else {
      const h = handleTypedFunctions(st, node, pointer);
      if (h.size) localHandled = new Set([...handled, ...h]);
    }
    handleObject(st, node, pointer, parentKey, localHandled);
    if (node["class_name"] === "__lambda__") return;
  }
  for (const [k, v] of Object.entries(node)) {
    const p = ptr(pointer, k);
    if (k === "safe_mode" && v === false) st.doc.safeModeFalse.push(p);
    if ((k === "loss" || k === "metrics" || k === "weighted_metrics") && st.origin.role === "training") queueNamedLosses(st, v, p, 0);
    if (localHandled.has(p)) continue;
    visit(st, v, p, k, localHandled, depth + 1);
  }
}

export function walkKerasConfig(ctx: ScanContext, config: unknown, origin: KerasOrigin): void {
  const st: WalkState = { ctx, origin, pending: [], doc: { origin, safetyOff: [], safeModeFalse: [], lambdas: [], nestedLoads: [] }, nodes: 0, lambdaArgs: [], lambdaCalls: new Set(), functionLayers: 0, legacyKeras: [], keras3InputLayer: false, noKeras3: new Set(), cellWrapperModules: [], inDims: new Map(), inShapes: new Map(), declared: [] };
  visit(st, config, origin.pointer, "", new Set(), 0);
  for (const run of st.pending) run();
  const total = st.declared.reduce((a, d) => a + d.params, 0);
  // (a model whose file stores at least 2 bytes a declared weight, float16 or wider, is as large as it says: the load
  // allocates what its own weights need; declared far beyond what the file holds, the size is the payload)
  const stored = origin.storedWeightBytes;
  if (total > MAX_DECLARED_PARAMS && !(stored !== undefined && total * 2 <= stored)) {
    const top = [...st.declared].sort((a, b) => b.params - a.params).slice(0, 3);
    ctx.dispatch("keras-size", { origin, when: "load", elements: total, layers: top, counted: st.declared.length }, top[0]!.pointer);
  }
  ctx.dispatch("keras-doc", st.doc, origin.pointer);
}
