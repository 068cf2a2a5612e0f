// What each real Keras deserialiser reaches for one config object: a port of
// `deserialize_keras_object` / `_retrieve_class_or_fn` per loader version range (Keras 3.0-3.6,
// 3.7-3.8, 3.9-3.10, 3.11-3.14 with the loading-API denylist, 3.12.3+ and 3.15+ with the
// non-modeling denylist, tf-keras 2.13+ `.keras` reader), over name tables generated from the real
// packages (tools/gen-keras-loader.py). Proven against the real resolvers by
// tests/oracle/resolver_diff.py. Nothing here imports or runs Python.
import raw from "./loader-data.json" with { type: "json" };

/** Object kinds (see tools/gen-keras-loader.py). */
export type ObjKind = "S" | "C" | "c" | "F" | "B" | "P" | "M" | "V";

interface LoaderTables {
  /** Module name -> index into LoaderData.tables. */
  modules: Record<string, number>;
  exports: Record<string, number>;
  gco: Record<string, number>;
  version: string;
}

interface LoaderData {
  objects: [string, ObjKind][];
  python: { stdlib: string[]; modules: Record<string, number> };
  loaders: Record<string, LoaderTables>;
  /** Attribute tables, shared by identical modules: "attribute<TAB>object index" lines, one string each. */
  tables: string[];
}

const data = raw as unknown as LoaderData;
const STDLIB = new Set(data.python.stdlib);

type Logic = "k3.0" | "k3.7" | "k3.9" | "k3.11" | "k3.12.3" | "k3.15" | "tfk";

export interface LoaderModel {
  /** affectedVersions spec of this range (src/keras/versions.ts syntax). */
  range: string;
  logic: Logic;
  /** Name tables used (the installed version closest to the range). */
  tables: string;
  family: "keras" | "tf-keras";
}

/** Keras 3 ranges whose resolver code differs (keras-team/keras history of serialization_lib.py). */
export const KERAS3_MODELS: LoaderModel[] = [
  { range: "keras>=3.0,<3.7", logic: "k3.0", tables: "keras-3.8.0", family: "keras" },
  { range: "keras>=3.7,<3.9", logic: "k3.7", tables: "keras-3.8.0", family: "keras" },
  { range: "keras>=3.9,<3.11", logic: "k3.9", tables: "keras-3.10.0", family: "keras" },
  { range: "keras>=3.11,<3.12.3", logic: "k3.11", tables: "keras-3.11.3", family: "keras" },
  { range: "keras>=3.12.3,<3.13", logic: "k3.12.3", tables: "keras-3.11.3", family: "keras" },
  { range: "keras>=3.13,<3.15", logic: "k3.11", tables: "keras-3.15.1", family: "keras" },
  { range: "keras>=3.15", logic: "k3.15", tables: "keras-3.15.1", family: "keras" },
];
/** tf-keras reading the Keras 3 (`.keras` / v3 JSON) format. */
export const TF_KERAS_V3_MODEL: LoaderModel = { range: "tf-keras>=2.13", logic: "tfk", tables: "tf-keras-2.20.1", family: "tf-keras" };

/** The model of one installed loader, for the differential test. */
export function modelFor(family: string, version: string): LoaderModel {
  if (family === "tf-keras") return { ...TF_KERAS_V3_MODEL, tables: `tf-keras-${version}` };
  const v = version.split(".").map((x) => parseInt(x, 10) || 0);
  const at = (a: number, b: number, c = 0) => v[0]! > a || (v[0] === a && (v[1]! > b || (v[1] === b && (v[2] ?? 0) >= c)));
  const logic: Logic = at(3, 15) ? "k3.15" : at(3, 13) ? "k3.11" : at(3, 12, 3) ? "k3.12.3" : at(3, 11) ? "k3.11" : at(3, 9) ? "k3.9" : at(3, 7) ? "k3.7" : "k3.0";
  return { range: `keras==${version}`, logic, tables: `keras-${version}`, family: "keras" };
}

const BUILTIN_MODULES = ["activations", "constraints", "initializers", "losses", "metrics", "optimizers", "regularizers"];
const KERAS_PACKAGES = new Set(["keras", "keras_hub", "keras_cv", "keras_nlp"]);
const LOADING_APIS = new Set([
  "keras.config.enable_unsafe_deserialization", "keras.models.load_model", "keras.preprocessing.image.load_img",
  "keras.saving.load_model", "keras.saving.load_weights", "keras.utils.get_file", "keras.utils.load_img",
]);
const NON_MODELING_APIS = new Set([
  ...LOADING_APIS, "keras.backend.clear_session", "keras.models.model_from_json", "keras.models.save_model",
  "keras.preprocessing.image_dataset_from_directory", "keras.preprocessing.image.save_img",
  "keras.preprocessing.text_dataset_from_directory", "keras.saving.deserialize_keras_object",
  "keras.saving.register_keras_serializable", "keras.saving.save_model", "keras.saving.save_weights",
  "keras.saving.serialize_keras_object", "keras.utils.audio_dataset_from_directory", "keras.utils.clear_session",
  "keras.utils.deserialize_keras_object", "keras.utils.image_dataset_from_directory", "keras.utils.load_img",
  "keras.utils.register_keras_serializable", "keras.utils.save_img", "keras.utils.serialize_keras_object",
  "keras.utils.text_dataset_from_directory",
]);
const SPECIAL = new Set(["__keras_tensor__", "__tensor__", "__numpy__", "__bytes__", "__ellipsis__", "__slice__", "__typespec__"]);

export type LoaderError =
  | "plain" // not an object config (no class_name / config): its values are deserialised instead
  | "special" // a data class (__tensor__, __bytes__, ...)
  | "lambda-refused" // __lambda__ under safe mode
  | "import" // the named module cannot be imported
  | "not-found" // nothing of that name
  | "refused" // the version's denylist or KerasSaveable / registered_name check
  | "no-from-config" // reached, but a class without from_config: loading fails before any call
  | "bad-config"; // a type check on config (3.15+)

export interface LoaderOutcome {
  /** "unknown": the name tables do not cover the module the loader would import. */
  status: "reached" | "error" | "unknown";
  error?: LoaderError;
  /** Modules the loader asks importlib for (in order). */
  imports: string[];
  /** How the object was found and under which name. */
  via?: "custom" | "export" | "builtin-export" | "module";
  path?: string;
  /** Canonical name (`__module__.__qualname__` or module name) and kind of what is reached. */
  target?: string;
  kind?: ObjKind;
  /** What deserialisation then does with it: build it (`cls.from_config(config)`) or hand it back (a function). */
  action?: "from_config" | "return";
  /** Possible alternatives when the loader's own lookup order is not deterministic (frozenset). */
  alternatives?: string[];
  /** Why an "unknown" or an error, in words. */
  note?: string;
}

function tablesOf(m: LoaderModel): LoaderTables {
  const t = data.loaders[m.tables];
  if (!t) throw new Error(`no loader tables for ${m.tables}`);
  return t;
}

/** An attribute table (attribute -> object index), split from its string on first use. */
const TABLES: (Map<string, number> | undefined)[] = [];
function tableAt(i: number): Map<string, number> {
  let m = TABLES[i];
  if (!m) {
    m = new Map();
    const text = data.tables[i]!;
    if (text !== "")
      for (const line of text.split("\n")) {
        const tab = line.indexOf("\t");
        m.set(line.slice(0, tab), Number(line.slice(tab + 1)));
      }
    TABLES[i] = m;
  }
  return m;
}

function obj(id: number): { target: string; kind: ObjKind } {
  const o = data.objects[id]!;
  return { target: o[0], kind: o[1] };
}

/** The attribute table of an importable module, or undefined when it cannot be known/imported. */
function moduleTable(t: LoaderTables, family: "keras" | "tf-keras", module: string): { table?: Map<string, number>; importable: "yes" | "no" | "unknown" } {
  const ownTop = family === "keras" ? "keras" : "tf_keras";
  const top = module.split(".")[0]!;
  if (top === ownTop) {
    const i = own(t.modules, module);
    return i !== undefined ? { table: tableAt(i), importable: "yes" } : { importable: "no" };
  }
  const p = own(data.python.modules, module);
  if (p !== undefined) return { table: tableAt(p), importable: "yes" };
  if (STDLIB.has(top) || top === "numpy" || top === "tensorflow" || KERAS_PACKAGES.has(top) || top === "tf_keras" || top === "keras") return { importable: "unknown" };
  // Any other name: importable only where the loading program installed it.
  return { importable: "unknown" };
}

/** A module's index in a name -> index record (own keys only: a config may name "constructor"). */
function own(rec: Record<string, number>, k: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(rec, k) ? rec[k] : undefined;
}

function hasKey(m: Map<string, number>, k: unknown): k is string {
  return typeof k === "string" && m.has(k);
}

function has(rec: Record<string, number>, k: unknown): k is string {
  return typeof k === "string" && own(rec, k) !== undefined;
}

interface RetrieveResult {
  outcome: LoaderOutcome;
}

/** `_retrieve_class_or_fn(name, registered_name, module, obj_type)`. */
function retrieve(m: LoaderModel, name: unknown, registeredName: unknown, module: unknown, objType: "class" | "function", full: Record<string, unknown>): RetrieveResult {
  const t = tablesOf(m);
  const imports: string[] = [];
  const reached = (via: LoaderOutcome["via"], path: string, id: number, alternatives?: string[]): RetrieveResult => ({
    outcome: { status: "reached", imports, via, path, ...obj(id), ...(alternatives && alternatives.length > 1 ? { alternatives } : {}) },
  });
  const fail = (error: LoaderError, note: string): RetrieveResult => ({ outcome: { status: "error", error, imports, note } });
  const unknown = (note: string): RetrieveResult => ({ outcome: { status: "unknown", imports, note } });
  // Registered custom objects first (a default program: only the package's own global registry).
  const key = objType === "function" ? name : registeredName;
  if (has(t.gco, key)) return reached("custom", key, t.gco[key]!);
  if (typeof module !== "string" || module === "") return fail("not-found", "no module and not a registered custom object");
  const k3 = m.family === "keras";
  const isKerasApi = k3 ? module === "keras" || module.startsWith("keras.") : module === "tf_keras" || module === "keras" || module.startsWith("keras.") || module.startsWith("tf_keras.");
  if (isKerasApi) {
    let api = `${module}.${String(name)}`;
    if (!k3 && api.includes("__internal__.legacy")) api = `compat.v1.${api}`;
    if ((m.logic === "k3.11" && LOADING_APIS.has(api)) || ((m.logic === "k3.12.3" || m.logic === "k3.15") && NON_MODELING_APIS.has(api))) {
      return fail("refused", `${api} is on this version's denylist of non-modeling APIs`);
    }
    if (has(t.exports, api)) {
      if (m.logic === "k3.15" && registeredNameMismatch(full, name)) return fail("refused", "registered_name given for a Keras built-in");
      return reached("export", api, t.exports[api]!);
    }
  }
  if (objType === "function" && module === "builtins") {
    const hits: { api: string; id: number }[] = [];
    for (const mod of BUILTIN_MODULES) {
      const api = `keras.${mod}.${String(name)}`;
      if (has(t.exports, api)) hits.push({ api, id: t.exports[api]! });
    }
    if (hits.length) {
      if (m.logic === "k3.15" && registeredNameMismatch(full, name)) return fail("refused", "registered_name given for a Keras built-in");
      // Keras 3.11+ iterates a frozenset: with several hits, which one wins depends on the string hash seed.
      const ordered = m.logic === "k3.0" || m.logic === "k3.7" || m.logic === "k3.9" || m.logic === "tfk";
      const targets = [...new Set(hits.map((h) => obj(h.id).target))];
      return reached("builtin-export", hits[0]!.api, hits[0]!.id, ordered ? undefined : targets);
    }
    const cfgValue = full["config"];
    if (m.logic === "k3.0" && typeof cfgValue === "string") {
      for (const [k, id] of Object.entries(t.gco)) if (k.endsWith(cfgValue)) return reached("custom", k, id);
    }
    if (k3 && m.logic !== "k3.0" && m.logic !== "k3.7" && typeof name === "string" && !name.includes(">")) {
      for (const [k, id] of Object.entries(t.gco)) if (k.endsWith(`>${name}`)) return reached("custom", k, id);
    }
  }
  // Import the module and take the attribute.
  let modName = module;
  if (!k3 && modName.startsWith("keras")) modName = `tf_${modName}`;
  const restricted = k3 && m.logic !== "k3.0" && m.logic !== "k3.7";
  if (restricted && !KERAS_PACKAGES.has(modName.split(".")[0]!)) return fail("not-found", `Keras ${m.range} imports only keras, keras_hub, keras_cv and keras_nlp modules`);
  imports.push(modName);
  const mt = moduleTable(t, m.family, modName);
  if (mt.importable === "no") return fail("import", `${modName} cannot be imported`);
  if (!mt.table) return unknown(`${modName}: importable where installed; its contents are not in the name tables`);
  const table = mt.table;
  if (restricted) {
    if (!hasKey(table, name)) {
      if (m.logic === "k3.9") return fail("not-found", `${modName} has no ${String(name)}`);
      return fail("refused", `${modName}.${String(name)} is not a KerasSaveable subclass`);
    }
    const id = table.get(name)!;
    if (m.logic !== "k3.9" && obj(id).kind !== "S") return fail("refused", `${modName}.${name} is not a KerasSaveable subclass`);
    return reached("module", `${modName}.${name}`, id);
  }
  if (hasKey(table, name)) return reached("module", `${modName}.${name}`, table.get(name)!);
  let found: RetrieveResult | undefined;
  if (registeredName !== null && registeredName !== undefined && hasKey(table, registeredName)) found = reached("module", `${modName}.${registeredName}`, table.get(registeredName)!);
  // tf-keras: a dotted `Outer.inner` name is looked up as an attribute of Outer (overrides the above).
  if (m.logic === "tfk" && typeof name === "string" && name.split(".").length === 2) {
    const [outer, inner] = name.split(".") as [string, string];
    if (!hasKey(table, outer)) return fail("not-found", `${modName} has no ${outer}`);
    const o = obj(table.get(outer)!);
    if (o.kind !== "M") return unknown(`attribute ${inner} of ${o.target}: not in the name tables`);
    const si = own(data.python.modules, o.target) ?? own(t.modules, o.target);
    const sub = si !== undefined ? tableAt(si) : undefined;
    if (!sub) return unknown(`attribute ${inner} of module ${o.target}: not in the name tables`);
    if (!hasKey(sub, inner)) return fail("not-found", `${o.target} has no ${inner}`);
    return reached("module", `${o.target}.${inner}`, sub.get(inner)!);
  }
  if (found) return found;
  return fail("not-found", `${modName} has neither ${String(name)}${registeredName && registeredName !== name ? ` nor ${String(registeredName)}` : ""}`);
}

function registeredNameMismatch(full: Record<string, unknown>, name: unknown): boolean {
  const explicit = full["registered_name"];
  if (!explicit) return false;
  return !(explicit === name || explicit === full["class_name"]);
}

/**
 * `deserialize_keras_object(config, safe_mode=True)` for one object config, up to (not including)
 * the call of what it reaches: which modules are imported, what object is reached and whether
 * it would be built with from_config or handed back as a function.
 */
export function resolveWithLoader(m: LoaderModel, cfg: Record<string, unknown>): LoaderOutcome {
  if (!("class_name" in cfg) || !("config" in cfg)) return { status: "error", error: "plain", imports: [] };
  const className = cfg["class_name"];
  const rawInner = cfg["config"];
  const inner = m.logic === "k3.15" ? (rawInner === null ? {} : rawInner) : isTruthy(rawInner) ? rawInner : {};
  if (typeof className === "string" && SPECIAL.has(className)) return { status: "error", error: "special", imports: [] };
  if (className === "__lambda__") return { status: "error", error: "lambda-refused", imports: [] };
  const module = "module" in cfg ? cfg["module"] : null;
  const registeredName = "registered_name" in cfg ? cfg["registered_name"] : className;
  if (className === "function") {
    if (m.logic === "k3.15" && typeof inner !== "string") return { status: "error", error: "bad-config", imports: [] };
    if (typeof inner !== "string") return { status: "error", error: "bad-config", imports: [], note: "function name is not a string" };
    const r = retrieve(m, inner, registeredName, module, "function", cfg).outcome;
    return r.status === "reached" ? { ...r, action: "return" } : r;
  }
  if (m.logic === "k3.15" && (typeof inner !== "object" || inner === null || Array.isArray(inner))) return { status: "error", error: "bad-config", imports: [] };
  if (typeof className !== "string" || (registeredName !== null && typeof registeredName !== "string")) {
    return { status: "error", error: "bad-config", imports: [], note: "class_name / registered_name is not a string" };
  }
  const r = retrieve(m, className, registeredName, module, "class", cfg).outcome;
  if (r.status !== "reached") return r;
  if (r.kind === "F") return { ...r, action: "return" };
  if (r.kind === "S" || r.kind === "C" || r.kind === "P") return { ...r, action: "from_config" };
  return { ...r, status: "error", error: "no-from-config" };
}

function isTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

/** Is a Python standard-library top-level module of this name importable everywhere? */
export function isStdlibModule(module: string): boolean {
  return STDLIB.has(module.split(".")[0]!);
}

const exportedCache = new Map<string, Set<string>>();

/** Canonical names of everything a loader's export registry holds (its public API). */
export function exportedTargets(m: LoaderModel): Set<string> {
  let s = exportedCache.get(m.tables);
  if (!s) {
    s = new Set(Object.values(tablesOf(m).exports).map((id) => obj(id).target));
    exportedCache.set(m.tables, s);
  }
  return s;
}
