// The exact Python names a Lambda, Keras reference or pickle can reach in builtins, numpy,
// TensorFlow, Keras, tf-keras and jax, classified from the real packages by
// tools/gen-python-names.py (src/catalog/python-names.data.json). A name that is not listed is
// unverifiable: nothing is compute because of the package it lives in.
import type { Capability } from "../core/types.js";
import data from "./python-names.data.json" with { type: "json" };
import loaderData from "./python-names-loader.data.json" with { type: "json" };
import stdlibAliases from "./stdlib-aliases.data.json" with { type: "json" };

export type NameClass = "pure" | "stateful" | "file-read" | "file-write" | "network" | "process" | "native" | "nested-load" | "deserialisation" | "unreviewed";

export interface NameEntry {
  name: string;
  cls: NameClass;
  /** Why it has its class: the reviewed family ("numpy ufunc", "keras.ops") or the risk rule. */
  family: string;
  /** Where the object is defined (re-exports and __module__ followed). */
  canonical: string;
}

interface Data {
  classes: NameClass[];
  families: string[];
  coverage: { package: string; total: number; classified: number }[];
  modules: Record<string, string>;
  members: Record<string, string[]>;
  methods: Record<string, [number, number]>;
  /** "name<TAB>class<TAB>family[<TAB>canonical]", sorted by name (class and family are indexes). */
  names: string[];
  /** Parameters that decide what a file-touching callable does: [position or -1, default repr or null]. */
  params?: Record<string, Partial<Record<ChoiceParam, [number, string | null]>>>;
  /** Modules whose every public name the walk listed, by public path and by module name. */
  walked?: string[];
  /** Every module loaded with the walked packages (sorted), and the builtin names each rebinds. */
  loaded?: string[];
  rebinds?: Record<string, string[]>;
}

/** `allow_pickle` (a numpy reader unpickles when it is true), `mode` (an opener writes on w, a, x or +). */
export type ChoiceParam = "allow_pickle" | "mode";
const D = data as unknown as Data;

const CAPS: Record<NameClass, Capability[]> = {
  pure: ["compute"],
  stateful: ["compute"],
  "file-read": ["file-read"],
  "file-write": ["file-write"],
  network: ["network"],
  process: ["exec"],
  native: ["exec", "native-load"],
  "nested-load": ["nested-load"],
  deserialisation: ["nested-load"],
  unreviewed: ["unverifiable"],
};

/** Capabilities a name class implies. */
export function capabilitiesOf(cls: NameClass): Capability[] {
  return CAPS[cls];
}

/** Verified compute: pure or stateful compute (math, layers, random generators). */
export function isVerifiedCompute(cls: NameClass): boolean {
  return cls === "pure" || cls === "stateful";
}

/** Exact lookup of a canonical dotted name ("numpy.add", "tensorflow.io.read_file"). */
export function lookupName(name: string): NameEntry | undefined {
  const line = findLine(name);
  return line === undefined ? undefined : entryOf(line);
}

/** A line of the data as its entry. */
function entryOf(line: string): NameEntry {
  const [name, c, f, canonical] = line.split("\t") as [string, string, string, string | undefined];
  return { name, cls: D.classes[Number(c)]!, family: D.families[Number(f)]!, canonical: canonical ?? name };
}

/**
 * The data's line for a name, by binary search: the lines are sorted by name, and a tab sorts before
 * every character of a dotted name, so "name<TAB>" is the least string of its line (nothing to index).
 */
function findLine(name: string): string | undefined {
  const key = `${name}\t`;
  const line = D.names[lowerBound(key)];
  return line !== undefined && line.startsWith(key) ? line : undefined;
}

/** Index of the first line not before `key` in the sorted lines. */
function lowerBound(key: string): number {
  const L = D.names;
  let lo = 0;
  let hi = L.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (L[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Every listed name that starts with `prefix`, in order (the names under a prefix are one run of the
 * sorted lines: found by binary search, read without an index).
 */
export function* namesStartingWith(prefix: string): Generator<NameEntry> {
  const L = D.names;
  for (let i = lowerBound(prefix); i < L.length && L[i]!.startsWith(prefix); i++) yield entryOf(L[i]!);
}

/**
 * Whether a name directly under `ns` is listed: the names under "ns." are one run of the sorted lines, and
 * a direct child ("ns.x<TAB>") has no dot between the prefix and its tab (searched by binary search and a
 * walk of the run; no index is built).
 */
function hasDirectChild(ns: string): boolean {
  const L = D.names;
  const prefix = `${ns}.`;
  for (let i = lowerBound(prefix); i < L.length && L[i]!.startsWith(prefix); i++) {
    const line = L[i]!;
    const tab = line.indexOf("\t");
    if (line.indexOf(".", prefix.length) < 0 || line.indexOf(".", prefix.length) > tab) return true;
  }
  return false;
}

/** Whether a top-level package holds a listed name (the package itself, or anything under it). */
function hasTop(top: string): boolean {
  const L = D.names;
  const i = lowerBound(top);
  const line = L[i];
  if (line === undefined || !line.startsWith(top)) return false;
  const next = line.charAt(top.length);
  if (next === "\t" || next === ".") return true;
  // "top<TAB>" and "top." sort before "top" followed by any other character of a name
  return false;
}

/**
 * The deciding parameters of a name, read from the real signature by the generator (the name as
 * written, else its defining name): where `allow_pickle` and `mode` sit and what they default to.
 */
export function choiceParams(name: string): Partial<Record<ChoiceParam, [number, string | null]>> | undefined {
  const P = D.params ?? {};
  const own = Object.prototype.hasOwnProperty.call(P, name) ? P[name] : undefined;
  if (own) return own;
  const canonical = lookupName(name)?.canonical;
  return canonical !== undefined && canonical !== name && Object.prototype.hasOwnProperty.call(P, canonical) ? P[canonical] : undefined;
}


/** A method called on a runtime value (tensor, array, list, string), by name. */
export function lookupMethod(name: string): { cls: NameClass; family: string } | undefined {
  const e = Object.prototype.hasOwnProperty.call(D.methods, name) ? D.methods[name] : undefined;
  return e ? { cls: D.classes[e[0]]!, family: D.families[e[1]]! } : undefined;
}

/**
 * Resolves module attributes inside a dotted path: `numpy.ctypeslib.ctypes.CDLL` is `ctypes.CDLL`
 * (numpy.ctypeslib imports ctypes), `numpy.ma.core.np.load` is `numpy.load`.
 */
export function resolveModulePath(name: string): string {
  let r = RESOLVED.get(name);
  if (r === undefined) {
    r = resolveUncached(name);
    if (RESOLVED.size >= 50_000) RESOLVED.clear();
    RESOLVED.set(name, r);
  }
  return r;
}

const STDLIB_ALIASES: ReadonlyMap<string, string> = new Map(Object.entries((stdlibAliases as { aliases: Record<string, string> }).aliases));
const STDLIB_SUBMODULES: ReadonlySet<string> = new Set((stdlibAliases as { submodules: string[] }).submodules);

/** Whether a dotted name is a submodule of a standard-library package (importlib.abc, html.parser), of any CPython 3.8-3.13. */
export function isStdlibSubmodule(name: string): boolean {
  return STDLIB_SUBMODULES.has(name);
}

/** Whether a name is a standard-library module itself: a top-level one (os, asyncio) or a package's submodule (importlib.abc). */
export function isStdlibModuleName(name: string): boolean {
  return (!name.includes(".") && isStdlibModule(name)) || STDLIB_SUBMODULES.has(name);
}

/** resolveModulePath is pure in its argument: remembered (bounded). */
const RESOLVED = new Map<string, string>();

function resolveUncached(name: string): string {
  let cur = name;
  for (let guard = 0; guard < 8; guard++) {
    const parts = cur.split(".");
    let changed = false;
    for (let i = parts.length; i >= 2; i--) {
      const head = parts.slice(0, i).join(".");
      // a module the walked packages or the standard library hold under another name (numpy.ctypeslib.ctypes,
      // enum.bltns: tools/gen-stdlib-aliases.py) is that module
      const real = Object.prototype.hasOwnProperty.call(D.modules, head) ? D.modules[head] : STDLIB_ALIASES.get(head);
      if (real !== undefined) {
        cur = [real, ...parts.slice(i)].join(".");
        changed = true;
        break;
      }
    }
    if (!changed) return cur;
  }
  return cur;
}

/** Whether a module belongs to a package the name data walked (keras.layers.core, tensorflow.python...). */
export function isKnownPackageModule(module: string): boolean {
  return hasTop(module.split(".")[0]!);
}

/**
 * Whether the walk listed every public name of this module ("numpy", "tf_keras.backend"): a name it
 * lacks is not the module's. A module known only through names defined in it (numpy.lib._datasource,
 * which holds DataSource and also `open`) is not.
 */
export function isWalkedNamespace(module: string): boolean {
  return (WALKED ??= new Set(D.walked ?? [])).has(module);
}
let WALKED: Set<string> | undefined;

/**
 * The builtin names a module binds to objects of its own (numpy.lib._datasource: open), for a module
 * loaded with the walked packages; undefined for a module the generator never saw loaded.
 */
export function moduleRebinds(module: string): readonly string[] | undefined {
  const R = D.rebinds ?? {};
  if (Object.prototype.hasOwnProperty.call(R, module)) return R[module];
  return (LOADED ??= new Set(D.loaded ?? [])).has(module) ? [] : undefined;
}
let LOADED: Set<string> | undefined;

/**
 * Whether the name data lists any name directly under this module ("tf_keras.backend", "numpy", also
 * numpy.lib._datasource through DataSource): known, though not necessarily whole (isWalkedNamespace).
 */
export function isKnownNamespace(module: string): boolean {
  return hasDirectChild(module);
}

/** The names a system module (os, subprocess, builtins, ...) really exports, where the data lists them. */
export function systemModuleMembers(module: string): readonly string[] | undefined {
  return Object.prototype.hasOwnProperty.call(D.members, module) ? D.members[module] : undefined;
}

/** Whether a system module (os, subprocess, ...) really exports a name. */
export function systemModuleHas(module: string, name: string): boolean | undefined {
  const m = Object.prototype.hasOwnProperty.call(D.members, module) ? D.members[module] : undefined;
  return m ? m.includes(name) : undefined;
}

/** Per package and version: how many reachable names are classified (the rest are unreviewed). */
export const NAME_COVERAGE: readonly { package: string; total: number; classified: number }[] = D.coverage;
export const NAME_CLASSES: readonly NameClass[] = D.classes;

/** Every family (the reason a name has its class) with how many names and value methods carry it, per class. */
export function nameFamilies(): { family: string; cls: NameClass; names: number; methods: number }[] {
  const rows = new Map<string, { family: string; cls: NameClass; names: number; methods: number }>();
  const add = (cls: NameClass, family: string, key: "names" | "methods") => {
    const k = `${cls}\u0000${family}`;
    const r = rows.get(k) ?? { family, cls, names: 0, methods: 0 };
    r[key]++;
    rows.set(k, r);
  };
  for (const line of D.names) {
    const e = entryOf(line);
    add(e.cls, e.family, "names");
  }
  for (const e of Object.values(D.methods)) add(D.classes[e[0]]!, D.families[e[1]]!, "methods");
  return [...rows.values()].sort((a, b) => D.classes.indexOf(a.cls) - D.classes.indexOf(b.cls) || (a.family < b.family ? -1 : a.family > b.family ? 1 : 0));
}

interface LoaderData {
  loaders: Record<string, { versions: string[]; globals: Record<string, { module?: string; object?: string; value?: string }> }>;
  stdlib: string[];
}
const L = loaderData as unknown as LoaderData;
const STDLIB = new Set(L.stdlib);
/**
 * Loader globals that are objects, not data: the loader module's own import machinery (`__loader__` is
 * its SourceFileLoader, whose set_data writes files and whose load_module runs code; `__spec__` holds
 * it). They are judged as the importlib classes they are instances of.
 */
const VALUE_OBJECTS: Readonly<Record<string, string>> = { SourceFileLoader: "importlib.machinery.SourceFileLoader", SourcelessFileLoader: "importlib.machinery.SourcelessFileLoader", ExtensionFileLoader: "importlib.machinery.ExtensionFileLoader", ModuleSpec: "importlib.machinery.ModuleSpec" };
/** The importlib classes a loader global may be an instance of (VALUE_OBJECTS' targets). */
export const LOADER_INSTANCE_CLASSES: ReadonlySet<string> = new Set(Object.values(VALUE_OBJECTS));
const globalTarget = (g: { module?: string; object?: string; value?: string }): string | null =>
  g.module ?? g.object ?? (g.value !== undefined && Object.prototype.hasOwnProperty.call(VALUE_OBJECTS, g.value) ? VALUE_OBJECTS[g.value]! : null);
const LOADER_GLOBALS = new Map<string, string | null>();
for (const l of Object.values(L.loaders)) {
  for (const [k, g] of Object.entries(l.globals)) {
    if (LOADER_GLOBALS.has(k)) continue;
    LOADER_GLOBALS.set(k, globalTarget(g));
  }
}

const KERAS3_LOADER_GLOBALS = new Map<string, string | null>(Object.entries(L.loaders["keras.src.utils.python_utils"]?.globals ?? {}).map(([k, g]) => [k, globalTarget(g)]));

/** A global Keras 3's func_load gives a rebuilt Lambda (keras.src.utils.python_utils only, no config module). */
export function keras3LoaderGlobal(name: string): string | null | undefined {
  return KERAS3_LOADER_GLOBALS.get(name);
}

/** A top-level standard-library module (sys.stdlib_module_names of the generating Python), or a submodule of one. */
export function isStdlibModule(module: string): boolean {
  return STDLIB.has(module.split(".")[0]!);
}

/**
 * A global the loaders give every rebuilt Lambda (Keras 3 keras.src.utils.python_utils, tf_keras
 * lambda_layer), as read from the installed modules: the dotted path it is, null for a plain value,
 * undefined when no loader has it.
 */
export function loaderGlobal(name: string): string | null | undefined {
  return LOADER_GLOBALS.get(name);
}
