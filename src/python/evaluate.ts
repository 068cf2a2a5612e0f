// Symbolic evaluator: simulates the value stack over the control-flow graph of each code object to
// rebuild calls with resolved callees and constant (folded) arguments. Nothing is executed.
import { LimitError } from "../core/bytes.js";
import { cut } from "../core/text.js";
import type { CodeObject, PyValue } from "./marshal.js";
import { disassemble, type Instruction } from "./disasm.js";
import { stackEffect, type OpcodeTable } from "./opcodes/index.js";
import { decodeBase64Bytes, decodeCodecs } from "./fold.js";
import { measureDecompressed, type Codec } from "./decompress.js";
import { readFieldName, readFormatString, type FormatFieldRead, type FormatFlavor, type FormatRead } from "./format-fields.js";
import { judgeTarget } from "../catalog/python.js";
import { isKnownNamespace, isKnownPackageModule, isStdlibModule, isStdlibModuleName, isWalkedNamespace, keras3LoaderGlobal, LOADER_INSTANCE_CLASSES, loaderGlobal, lookupMethod, lookupName, moduleRebinds, resolveModulePath, systemModuleHas } from "../catalog/python-names.js";

export type Sym =
  | { k: "const"; v: PyValue }
  /** A resolved dotted target: "os.system", "builtins.exec", "tensorflow.image". */
  | { k: "ref"; path: string }
  /** A global the bytecode expects from the author's module (not in the file). */
  | { k: "userglobal"; name: string }
  | { k: "arg"; name: string; value?: Sym; open?: true }
  | { k: "call"; fn: Sym; args: Sym[]; kw: [string, Sym][]; star?: boolean; resolvedAttr?: boolean; resolvedImport?: string }
  | { k: "attr"; obj: Sym; name: string }
  | { k: "op"; op: string; operands: Sym[] }
  | { k: "seq"; kind: "tuple" | "list" | "set"; items: Sym[] }
  | { k: "func"; code: CodeObject }
  /** A Lambda stored elsewhere in the config (e.g. in `arguments`): judged on its own. */
  | { k: "lambdaref"; where: string }
  | { k: "null" }
  /** Not modelled; `alts` holds the values merged branches carried (either may be taken). */
  | { k: "unknown"; why: string; alts?: Sym[] };

export interface CallSite {
  call: Extract<Sym, { k: "call" }>;
  code: CodeObject;
  offset: number;
}

export interface Evaluation {
  calls: CallSite[];
  /** Every resolved target reached by attribute/global/import/subscript, with where. */
  refs: string[];
  imports: string[];
  /** Attribute names with dunder introspection (__globals__, __subclasses__, ...). */
  dunders: string[];
  /** String constants loaded by the code (and folded strings). */
  strings: string[];
  /** Globals and attributes the bytecode writes: module state changes. */
  stores: string[];
  /** Globals expected from the author's module. */
  userGlobals: string[];
  /** Attribute names read on runtime values (x.ctypes, x.__array_interface__), calls or not. */
  valueAttrs: string[];
  /** CALL_FUNCTION on a LOAD_ATTR result (3.6/3.7 only): impossible in bytecode from CPython 3.7. */
  plainAttrCalls: number;
  /** What each code object returns or yields (RETURN_VALUE / YIELD_VALUE operands), bounded. */
  returns: Map<CodeObject, Sym[]>;
  /** Format calls (str.format, format_map, string.Formatter) whose format string is not a constant:
   * their fields may read any attribute or item of the arguments. */
  opaqueFormats: string[];
  /** Standard-library modules handed to a call as values (into an object's state: a warnings record, a Counter):
   * what the code later computes may be any of their members. */
  escaped?: string[];
  /** Attributes read on objects that are not a resolved name (m.environ on a call's result): the object and the name (bounded). */
  unknownAttrs?: { obj: Sym; name: string }[];
  /** What ends the process or the load without returning (raise SystemExit, a loop with no way out). */
  stops?: string[];
  /** Decompressions of constants whose output graphwarden could not measure (unverifiable). */
  unmeasured?: string[];
}

/** What one run learnt that the next run must see from its first instruction (a fixed point over the code tree). */
interface Carried {
  /** Values stored to each name anywhere in the code tree (loop back edges, closures, branches). */
  stored: Map<string, Sym[]>;
  /** Values the code may have stored into a container (subscript stores, mutating methods, calls given a container). */
  intoContainers: Sym[];
  /** Whether any container may have been mutated: constant subscripts then see every item and every stored value. */
  mutated: boolean;
  /** Values bound to a nested function's parameters: its defaults, call arguments, what a call handing it over holds. */
  params: Map<CodeObject, Sym[]>;
  /**
   * The code's own functions whose value left the evaluator's sight (put into a container, an iterator, a call result, a
   * C callable that does not only call it): their parameters may receive anything, whatever the seen call sites bind.
   */
  leaked?: Set<CodeObject>;
  /** Whether the runs stopped at the bound before the stored values settled: every carried load is then unknown. */
  unsettled?: boolean;
  /** Values stored as attributes of runtime objects, by attribute name (g.m = os): a later g.m may be any of them. */
  attrStores?: Map<string, Sym[]>;
  /** Values the code stores into its globals with STORE_GLOBAL, by name: a later LOAD_GLOBAL of the name may read any of them. */
  globalStores?: Map<string, Sym[]>;
  /** Names a code object stores with STORE_NAME (a class body's: the class's attributes), by code object. */
  nameStores?: Map<CodeObject, Map<string, Sym[]>>;
  /** Values the code sends into its own generators and coroutines (g.send(v)), by their code object: what their yield expressions give back. */
  sent?: Map<CodeObject, Sym[]>;
  /** Values sent into a generator not known to be one of the code's own: any of its generators may receive them (fail closed). */
  sentAnywhere?: Sym[];
}

export interface EvalContext {
  table: OpcodeTable;
  /** The Lambda config's `module`: its namespace is merged into the function's globals. */
  module?: string;
  /** Keras 3's globals only (python_utils + builtins): see LambdaPayload.keras3Globals. */
  keras3Globals?: boolean;
  /** A tf_keras cell-wrapper function: see LambdaPayload.cellWrapperModules. */
  cellWrapperModules?: string[];
  /** Values bound to parameters (defaults, Keras `arguments`). */
  bindings: Map<string, Sym>;
  /** Every CPython minor version the whole bytecode fits (this reading's table is one of them). */
  fitVersions?: string[];
  /** Closure cell contents from the config, by free-variable name. */
  closure: Map<string, Sym>;
}

/**
 * Globals the rebuilt function sees, as the loaders build them (checked against the sources):
 * Keras 3 `python_utils.func_load` uses python_utils's globals (binascii, codecs, marshal, os,
 * python_types); tf_keras `lambda_layer` copies its own (sys, textwrap, python_types, warnings, np,
 * tf, ...) and merges the config module; Keras 2.0-2.3 `layers/core.py` adds K, np, copy, ...
 * The union is used: a name resolving more generously can only make a verdict stricter.
 */
const LAMBDA_MODULE_GLOBALS: Record<string, string> = {
  tf: "tensorflow", np: "numpy", K: "keras.backend", backend: "keras.backend", keras: "keras", ops: "keras.ops",
  sys: "sys", os: "os", marshal: "marshal", codecs: "codecs", binascii: "binascii", types: "types",
  python_types: "types", inspect: "inspect", warnings: "warnings", copy: "copy", tree: "keras.tree", textwrap: "textwrap",
};

/** Modules whose namespace, named in `module`, we know well enough to resolve bare names through. */
const SYSTEM_MODULES = new Set([
  "os", "posix", "nt", "subprocess", "shutil", "socket", "sys", "builtins", "__builtin__", "pty", "importlib", "pickle",
  "marshal", "codecs", "base64", "urllib", "urllib.request", "webbrowser", "ctypes", "runpy", "io", "pathlib", "code",
  "requests", "http.client", "tempfile", "glob", "zipfile", "tarfile", "multiprocessing", "threading", "signal", "time",
  "types", "inspect", "functools", "operator", "numpy", "tensorflow", "math",
]);

/** Attributes that reach interpreter internals: sandbox escapes, frame and code access (exec). */
export const DUNDER_EXEC = new Set([
  "__globals__", "__builtins__", "__subclasses__", "__import__", "__code__", "__bases__", "__base__", "__mro__",
  "__getattribute__", "__reduce__", "__reduce_ex__", "__closure__", "__loader__", "__spec__", "f_globals", "f_locals",
  "f_back", "f_builtins", "gi_frame", "cr_frame", "tb_frame", "co_code", "__init_subclass__",
]);
/** Introspection that is unusual in tensor code but not a capability by itself (unverifiable). */
export const DUNDER_ODD = new Set([
  "__class__", "__dict__", "__call__", "__module__", "__qualname__", "__new__", "__getattr__", "__setattr__", "__delattr__",
  "__defaults__", "__kwdefaults__", "__wrapped__", "__traceback__", "__func__", "__self__",
]);
const DUNDER_RISKY = new Set([...DUNDER_EXEC, ...DUNDER_ODD]);
/** The module whose live globals tf_keras cell wrappers rebuild their functions with. */
const CELL_WRAPPERS = "tf_keras.src.layers.rnn.cell_wrappers";
/** Plain data held by a module loader or module spec (names, paths, flags). */
const LOADER_DATA_ATTRS = new Set(["name", "path", "origin", "parent", "cached", "has_location", "submodule_search_locations", "loader_state"]);
/** System modules that libraries import under their own or a private name (`import sys as _sys`). */
const ALIASED_MODULES = new Set(["sys", "os", "posix", "nt", "subprocess", "builtins", "importlib", "shutil", "socket", "pickle", "marshal", "ctypes", "pty", "runpy", "webbrowser", "tempfile", "code", "codeop"]);

const UNCONDITIONAL = new Set([
  "JUMP_FORWARD", "JUMP_ABSOLUTE", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT", "JUMP", "JUMP_NO_INTERRUPT",
  "RETURN_VALUE", "RETURN_CONST", "RAISE_VARARGS", "RERAISE",
]);

const BINOPS_OLD: Record<string, string> = {
  BINARY_ADD: "+", BINARY_SUBTRACT: "-", BINARY_MULTIPLY: "*", BINARY_TRUE_DIVIDE: "/", BINARY_FLOOR_DIVIDE: "//",
  BINARY_MODULO: "%", BINARY_POWER: "**", BINARY_MATRIX_MULTIPLY: "@", BINARY_LSHIFT: "<<", BINARY_RSHIFT: ">>",
  BINARY_AND: "&", BINARY_OR: "|", BINARY_XOR: "^", INPLACE_ADD: "+", INPLACE_SUBTRACT: "-", INPLACE_MULTIPLY: "*",
  INPLACE_TRUE_DIVIDE: "/", INPLACE_FLOOR_DIVIDE: "//", INPLACE_MODULO: "%", INPLACE_POWER: "**",
  INPLACE_MATRIX_MULTIPLY: "@", INPLACE_LSHIFT: "<<", INPLACE_RSHIFT: ">>", INPLACE_AND: "&", INPLACE_OR: "|", INPLACE_XOR: "^",
};
const UNARY: Record<string, string> = { UNARY_NEGATIVE: "-", UNARY_POSITIVE: "+", UNARY_INVERT: "~", UNARY_NOT: "not " };

const MAX_STACK = 2000;
/** Stack slots copied along jumps, over the whole Lambda: bounds hostile jump-heavy code. */
const MAX_COPY_WORK = 20_000_000;
const MAX_CALLS = 100_000;
/** Instructions evaluated per Lambda (all nested code objects): real Lambdas have tens to thousands. */
const MAX_INSTRUCTIONS = 1_000_000;

export const UNKNOWN = (why: string): Sym => ({ k: "unknown", why });

/**
 * The absolute module names `from <level dots><name> import ...` can mean, the first the one judged
 * for the imported names: importlib.__import__ resolves it against the globals' __package__. Keras 3
 * gives the function python_utils' globals (keras.src.utils); tf_keras copies lambda_layer's
 * (tf_keras.src.layers.core) and merges the namespace of the config module when it is loaded, whose
 * __package__ then wins (its parent package, or itself when it is a package); tf_keras' own
 * serialization_lib rebuilds a __lambda__ with generic_utils' (tf_keras.src.utils). A config module
 * "__main__" has the loading program's package (usually none: ImportError), so it adds none.
 */
function relativeImports(name: string, level: number, ctx: EvalContext): string[] {
  const packages: string[] = [];
  if (ctx.keras3Globals) packages.push("keras.src.utils");
  else {
    const m = ctx.module;
    if (m && m !== "__main__") {
      const dot = m.lastIndexOf(".");
      if (dot > 0) packages.push(m.slice(0, dot));
      packages.push(m);
    }
    // tf_keras Lambda.from_config (lambda_layer), Keras 3 func_load (python_utils), tf_keras'
    // serialization_lib __lambda__ (generic_utils); Keras 2.13+, 2.4-2.12, 2.0-2.3 and TensorFlow's
    // bundled Keras rebuild Lambdas with their layers' core module globals
    packages.push("tf_keras.src.layers.core", "keras.src.utils", "tf_keras.src.utils", "keras.src.layers.core", "keras.layers.core", "keras.layers", "tensorflow.python.keras.layers.core", "tensorflow.python.keras.layers");
  }
  const out: string[] = [];
  for (const pkg of packages) {
    const bits = pkg.split(".");
    if (bits.length < level) continue;
    const base = bits.slice(0, bits.length - (level - 1)).join(".");
    const abs = name ? `${base}.${name}` : base;
    if (!out.includes(abs)) out.push(abs);
  }
  return out;
}



/** A constant string a symbol holds (directly or as a bound argument). */
export function str(s: Sym): string | undefined {
  if (s.k === "const" && s.v.t === "str") return s.v.v;
  if (s.k === "arg" && s.value) return str(s.value);
  return undefined;
}
function constOf(s: Sym): PyValue | undefined {
  if (s.k === "const") return s.v;
  if (s.k === "arg" && s.value) return constOf(s.value);
  return undefined;
}
function intOf(s: Sym): number | undefined {
  const v = constOf(s);
  if (v?.t === "int" && v.v >= -(2n ** 31n) && v.v < 2n ** 31n) return Number(v.v);
  return undefined;
}
const S = (v: string): Sym => ({ k: "const", v: { t: "str", v } });
const B = (v: Uint8Array): Sym => ({ k: "const", v: { t: "bytes", v } });

/** Dotted path of a resolved value, if it is one. */
export function pathOf(s: Sym): string | undefined {
  if (s.k === "ref") return s.path;
  if (s.k === "arg" && s.value) return pathOf(s.value);
  return undefined;
}

function pyStrFormat(fmt: string, args: PyValue[]): string | undefined {
  let i = 0;
  let ok = true;
  const out = fmt.replace(/%([sdrifx%])/g, (_m, c: string) => {
    if (c === "%") return "%";
    const a = args[i++];
    if (!a) {
      ok = false;
      return "";
    }
    if (a.t === "str") return a.v;
    if (a.t === "int") return c === "x" ? a.v.toString(16) : a.v.toString();
    if (a.t === "float") return String(a.v);
    ok = false;
    return "";
  });
  return ok && i === args.length ? out : undefined;
}

function bytesToLatin(b: Uint8Array): string {
  let s = "";
  for (const x of b) s += String.fromCharCode(x);
  return s;
}

class Evaluator {
  readonly ev: Evaluation = { calls: [], refs: [], imports: [], dunders: [], strings: [], stores: [], userGlobals: [], valueAttrs: [], plainAttrCalls: 0, returns: new Map(), opaqueFormats: [] };
  /** What this run learns for the next one (see Carried). */
  readonly next: Carried = { stored: new Map(), intoContainers: [], mutated: false, params: new Map() };
  /** Cell contents shared across the code tree (closures), by name. */
  readonly cells = new Map<string, Sym>();
  budget = MAX_INSTRUCTIONS;
  readonly attrLoads = new WeakSet<Sym>();
  work = 0;
  /** The first code object run: the Lambda's own function (its first parameter is the input tensor). */
  root?: CodeObject;
  /** The largest Decimal context precision the code sets (decimal.Context(prec=p), localcontext(prec=p)). */
  decPrec = 0n;
  /** Values stored to each name anywhere in the code tree during this run (bounded). */
  get stored(): Map<string, Sym[]> {
    return this.next.stored;
  }
  /** Whether some code object run has a loop (a backward jump or FOR_ITER). */
  loops = false;
  /** The code objects run, for the loop checks made once the run is over (call sites known). */
  readonly loopChecks: { code: CodeObject; ins: Instruction[]; handlers: boolean }[] = [];
  /** What each FOR_ITER iterates, by code object and offset. */
  readonly forIters = new Map<CodeObject, Map<number, Sym[]>>();
  /** The non-reentrant locks each code object's `with` statements enter. */
  readonly locksEntered = new Map<CodeObject, Set<LockCall>>();
  /** Calls made while a `with` of the same code object holds non-reentrant locks: the callee and the locks held. */
  readonly heldCalls: { fn: Sym; held: Set<LockCall> }[] = [];
  /** The locks held by the enclosing `with` statements at the instruction being evaluated (calls only). */
  heldNow: Set<LockCall> | undefined;

  /**
   * The code's own functions a callable value may run, whatever route it takes to a C callable: a function, a method
   * of an own class or instance (with the instance first, and without it: a staticmethod), staticmethod(f),
   * classmethod(f), functools.partial(f, ...) (with its arguments first), an item of a container literal, what an own
   * function returns (a factory's function). `lead` holds the values bound before the ones the C callable gives.
   */
  ownCallables(x: Sym, depth: number): { code: CodeObject; lead: Sym[] }[] {
    const out: { code: CodeObject; lead: Sym[] }[] = [];
    if (depth > 4) return out;
    for (const alt of capped(alternativesOf(x), 8)) {
      const d = deref(alt);
      if (d.k === "func") out.push({ code: d.code, lead: [] });
      else if (d.k === "attr") {
        const body = ownClassBody(d.obj) ?? ownInstanceClassBody(d.obj);
        if (body && definesMethod(body, d.name)) {
          for (const k of body.consts) {
            if (k.t !== "code" || k.code.name !== d.name) continue;
            out.push({ code: k.code, lead: [d.obj] }, { code: k.code, lead: [] });
          }
        }
      } else if (d.k === "call") {
        const p = pathOf(d.fn);
        if (p === "builtins.staticmethod" || p === "builtins.classmethod" || p === "functools.partial" || p === "functools.partialmethod") {
          if (d.args[0] !== undefined) for (const c of this.ownCallables(d.args[0], depth + 1)) out.push({ code: c.code, lead: [...c.lead, ...d.args.slice(1), ...d.kw.map(([, v]) => v)] });
        } else {
          // (what it returned in this run; before its return is seen, every function it defines may be the result)
          for (const f of this.calleeCodes(d.fn)) {
            const rs = this.ev.returns.get(f) ?? [];
            for (const r of rs) out.push(...this.ownCallables(r, depth + 1));
            if (rs.length === 0) for (const k of f.consts) if (k.t === "code" && !/^<(?:listcomp|dictcomp|setcomp|genexpr)>$/.test(k.code.name)) out.push({ code: k.code, lead: [] });
          }
        }
      } else if (d.k === "op" && d.op === "[]" && d.operands[0] !== undefined) {
        for (const ca of capped(alternativesOf(d.operands[0]), 8)) {
          const c = deref(ca);
          const items = c.k === "seq" ? c.items : c.k === "op" && c.op === "dict" ? c.operands.filter((_, i) => i % 2 === 1) : [];
          for (const it of items) out.push(...this.ownCallables(it, depth + 1));
        }
      }
      if (out.length > 16) break;
    }
    return out;
  }

  /** The code objects a callee may be: the code's own functions, its own class's methods. */
  private calleeCodes(fn: Sym): CodeObject[] {
    const out: CodeObject[] = [];
    for (const alt of capped(alternativesOf(fn), 8)) {
      const a = deref(alt);
      if (a.k === "func") out.push(a.code);
      else if (a.k === "attr") {
        const body = ownClassBody(a.obj) ?? ownInstanceClassBody(a.obj);
        if (body && definesMethod(body, a.name)) for (const k of body.consts) if (k.t === "code" && k.code.name === a.name) out.push(k.code);
      }
    }
    return out;
  }

  /** A call made under a held non-reentrant lock into the code's own function that enters that lock again (transitively). */
  private lockAcrossCall(): string | undefined {
    const callees = new Map<CodeObject, Set<CodeObject>>();
    for (const site of this.ev.calls) {
      const l = callees.get(site.code) ?? new Set<CodeObject>();
      for (const c of this.calleeCodes(site.call.fn)) l.add(c);
      callees.set(site.code, l);
    }
    for (const { fn, held } of this.heldCalls) {
      const seen = new Set<CodeObject>();
      const todo = this.calleeCodes(fn);
      while (todo.length > 0 && seen.size < 256) {
        const c = todo.pop()!;
        if (seen.has(c)) continue;
        seen.add(c);
        const again = [...(this.locksEntered.get(c) ?? [])].filter((o) => held.has(o));
        if (again.length > 0) return `a call made while a with statement holds a non-reentrant lock (${again.map((o) => pathOf(o.fn) ?? "a lock").join(", ")}()) enters it again in ${c.name}() (deadlock)`;
        todo.push(...(callees.get(c) ?? []));
      }
    }
    return undefined;
  }

  /**
   * The checks that need the whole run: loops with no way out (a call is a way out only when it is not a verified
   * pure call, a FOR_ITER only when its iterator ends) and a recursion retried from its own handler.
   */
  finish(): Evaluation {
    const sitesAt = new Map<CodeObject, Map<number, CallSite[]>>();
    for (const site of this.ev.calls) {
      const m = sitesAt.get(site.code) ?? new Map<number, CallSite[]>();
      const l = m.get(site.offset) ?? [];
      l.push(site);
      m.set(site.offset, l);
      sitesAt.set(site.code, m);
    }
    const lockCall = this.lockAcrossCall();
    if (lockCall) (this.ev.stops ??= []).push(lockCall);
    const seen = new Set<CodeObject>();
    const insOf = new Map<CodeObject, Instruction[]>();
    for (const { code, ins } of this.loopChecks) if (!insOf.has(code)) insOf.set(code, ins);
    // a call of the code's own function or method cannot leave a loop when that function has no way out of its own: no
    // raise, yield, import or with statement, and every call it makes is quiet (an exception one of its ops raises
    // reaches the call site, judged there like any op that may raise)
    const ownQuiet = (c: CodeObject, depth: number, path: Set<CodeObject>): boolean => {
      const ins = insOf.get(c);
      if (ins === undefined || depth > 4 || path.has(c)) return false;
      if (ins.some((i) => /RAISE_VARARGS|YIELD|SEND|IMPORT|GET_AWAITABLE|BEFORE_WITH|SETUP_|END_ASYNC_FOR/.test(i.opname))) return false;
      const inner = new Set([...path, c]);
      return ins.every((i) => !/^(?:CALL|CALL_FUNCTION|CALL_FUNCTION_KW|CALL_FUNCTION_EX|CALL_METHOD|CALL_KW)$/.test(i.opname) || quietSite(c, i.offset, depth + 1, inner));
    };
    const quietSite = (c: CodeObject, off: number, depth: number, path: Set<CodeObject>): boolean => {
      const sites = sitesAt.get(c)?.get(off);
      return sites !== undefined && sites.length > 0 && sites.every((x) => {
        if (quietCallee(x.call)) return true;
        const codes = this.calleeCodes(x.call.fn);
        return codes.length > 0 && alternativesOf(x.call.fn).every((a) => { const d = deref(a); return d.k === "func" || d.k === "attr"; }) && codes.every((k) => ownQuiet(k, depth, path));
      });
    };
    // the code's own functions a call site may run (loop growth reads them), and whether it may run something else
    const ownCallees = (c: CodeObject, off: number): { codes: CodeObject[]; partial: boolean } | undefined => {
      const sites = sitesAt.get(c)?.get(off);
      if (sites === undefined || sites.length === 0) return undefined;
      const out = new Set<CodeObject>();
      let partial = false;
      for (const x of sites) {
        for (const a of capped(alternativesOf(x.call.fn), 8)) {
          const d = deref(a);
          if (d.k === "func") out.add(d.code);
          else partial = true;
        }
      }
      return { codes: [...out], partial };
    };
    // the passes of the loops around each call of the code's own functions (and comprehension code objects),
    // multiplied through the call graph: a loop of 10 ** 5 calling a function that loops 10 ** 5 times
    const entry = this.entryPasses(sitesAt, insOf);
    for (const { code, ins, handlers } of this.loopChecks) {
      if (seen.has(code)) continue;
      seen.add(code);
      const around = entry.get(code) ?? 1n;
      if (around > 1n) {
        const own = loopPasses(ins, this.forIters.get(code));
        const worst = [...own.values()].reduce((m, x) => (x > m ? x : m), 1n);
        if (worst > 1n && worst * around > MAX_LOOP_PASSES) (this.ev.stops ??= []).push(`${code.name}() loops ${worst} times and is called ${around} times from loops around its calls (${worst * around} passes: never returns)`);
      }
      const rec = branchingRecursion(code, sitesAt, insOf, (c, off) => this.passesAround(c, off, insOf));
      if (rec) (this.ev.stops ??= []).push(rec);
      const quietCall = (off: number): boolean => quietSite(code, off, 0, new Set([code]));
      // (or one whose passes, times those of the loops around it in this code object, exceed what a load survives:
      // range(10 ** 5) inside range(10 ** 5), itertools.product(range(100), repeat=10))
      const passes = loopPasses(ins, this.forIters.get(code));
      const endlessIter = (off: number): boolean => {
        const its = this.forIters.get(code)?.get(off);
        if ((passes.get(off) ?? 0n) > MAX_LOOP_PASSES) return true;
        return its !== undefined && its.length > 0 && its.every((x) => endlessIterable(x) !== undefined);
      };
      const endless = endlessLoop(ins, handlers, quietCall, endlessIter, exceptionTable(code.exceptiontable));
      if (endless) (this.ev.stops ??= []).push(endless);
      // (a while loop whose only way out is a counter reaching a far bound: i = 0; while i < 10 ** 15: i += 1)
      const whiles = whileCounts(ins, this.ctx.table.raw.nb_ops ?? []);
      const outerFor = (off: number): bigint => {
        let m = 1n;
        for (const i of ins) if (/FOR_ITER$/.test(i.opname) && i.argval.k === "jump" && i.offset < off && off < i.argval.v) m = (passes.get(i.offset) ?? 1n) > m ? passes.get(i.offset)! : m;
        // (and the counted while loops around it: a counting while inside a counting while)
        for (const w of whiles) if (w.lo < off && off <= w.hi) m *= w.passes;
        return m > LENGTH_CAP ? LENGTH_CAP : m;
      };
      const counted = endless ? undefined : countedWhile(code, ins, handlers, quietCall, exceptionTable(code.exceptiontable), this.ctx.table.raw.nb_ops ?? [], outerFor);
      if (counted) (this.ev.stops ??= []).push(counted);
      // (an integer squared or raised on every pass of a loop: its size doubles per pass)
      const growth = loopGrowth(ins, this.forIters.get(code), this.ctx.table.raw.nb_ops ?? [], { code, callees: ownCallees, insOf: (c) => insOf.get(c), nbOps: this.ctx.table.raw.nb_ops ?? [], paramStart: (n) => this.growthParamStart(code, n) });
      if (growth) (this.ev.stops ??= []).push(growth);
      // (a loop of many passes whose every pass is costly: 10 ** 7 passes of i ** 1000, 10 ** 6 scans of a long string)
      const heavy = costlyPasses(ins, this.forIters.get(code), passes, this.ctx.table.raw.nb_ops ?? []);
      if (heavy) (this.ev.stops ??= []).push(heavy);
      // (keys that all hash alike inserted on every pass: {i * (2 ** 61 - 1): 0 for i in range(200000)})
      const collide = collidingKeys(ins, passes, this.ctx.table.raw.nb_ops ?? []);
      if (collide) (this.ev.stops ??= []).push(collide);
      const retry = retriedRecursion(code, ins, sitesAt.get(code));
      if (retry) (this.ev.stops ??= []).push(retry);
    }
    return this.ev;
  }
  /**
   * How many times each code object of the code's own may be entered: the passes of the for loops around each of its
   * call sites (lengths known) times the entries of the caller, the largest over the call sites (recursion not
   * followed; bounded).
   */
  private entryPasses(sitesAt: Map<CodeObject, Map<number, CallSite[]>>, insOf: Map<CodeObject, Instruction[]>): Map<CodeObject, bigint> {
    const out = new Map<CodeObject, bigint>();
    const around = (c: CodeObject, off: number): bigint => this.passesAround(c, off, insOf);
    const visit = (c: CodeObject, mult: bigint, path: Set<CodeObject>): void => {
      if (path.size > 8) return;
      if ((out.get(c) ?? 0n) >= mult && out.has(c)) return;
      out.set(c, mult);
      for (const [off, sites] of sitesAt.get(c) ?? []) {
        const m = mult * around(c, off);
        for (const site of sites) {
          for (const k of this.calleeCodes(site.call.fn)) if (!path.has(k) && k !== c) visit(k, m > LENGTH_CAP ? LENGTH_CAP : m, new Set([...path, c]));
          // a C callable that calls a function it is given once per item (map(g, range(10 ** 5)), filter, sorted(key=),
          // itertools.starmap, functools.reduce): the function is entered the iterable's length times per call
          const per = perItemCalls(site.call);
          if (per === undefined) continue;
          const mm = m * per.times;
          for (const k of per.fns.flatMap((f) => this.ownCallables(f, 0).map((x) => x.code))) if (!path.has(k) && k !== c) visit(k, mm > LENGTH_CAP ? LENGTH_CAP : mm, new Set([...path, c]));
        }
      }
    };
    if (this.root) visit(this.root, 1n, new Set());
    return out;
  }

  private readonly aroundSite = new Map<CodeObject, Map<number, bigint>>();
  /**
   * The passes of the loops around an instruction of a code object: the for loops of known lengths and the counted
   * while loops it lies in, multiplied (capped at LENGTH_CAP); 1 outside loops.
   */
  private passesAround(c: CodeObject, off: number, insOf: Map<CodeObject, Instruction[]>): bigint {
    let m = this.aroundSite.get(c);
    if (!m) {
      m = new Map();
      this.aroundSite.set(c, m);
    }
    const hit = m.get(off);
    if (hit !== undefined) return hit;
    const ins = insOf.get(c) ?? [];
    const its = this.forIters.get(c);
    let n = 1n;
    // (a counted while loop around the site: i = 0; while i < 10 ** 5: g(); i += 1)
    for (const w of whileCounts(ins, this.ctx.table.raw.nb_ops ?? [])) if (w.lo <= off && off <= w.hi) n *= w.passes;
    for (const i of ins) {
      if (!/FOR_ITER$/.test(i.opname) || i.argval.k !== "jump" || !(i.offset < off && off < i.argval.v)) continue;
      const vals = its?.get(i.offset) ?? [];
      const ls = vals.map((v) => iterLength(v));
      if (vals.length > 0 && ls.every((x) => x !== undefined)) n *= ls.reduce((a, x) => (x! < a! ? x : a))!;
      if (n > LENGTH_CAP) n = LENGTH_CAP;
    }
    m.set(off, n);
    return n;
  }

  /** A relative import's module as judged -> the module under each loader's package (see relativeImports). */
  readonly relativeAlts = new Map<string, string[]>();
  /**
   * What an exception a handler catches may carry (its args, its .obj/.name): the values the code raises and
   * every module it handles as a value (KeyError(os), AttributeError.obj), and something unknown. One shared
   * list: a raise evaluated later still reaches a handler entered earlier.
   */
  readonly caught: Sym[] = [UNKNOWN("an exception raised by an operation")];
  readonly exception: Sym = { k: "unknown", why: "the caught exception (carried)", alts: this.caught };
  constructor(
    readonly ctx: EvalContext,
    /** What a previous run learnt: a load may see any value stored anywhere (loop back edges, closures). */
    readonly carried?: Carried,
  ) {
    for (const [k, v] of ctx.closure) this.cells.set(k, v);
    if (carried?.mutated) this.next.mutated = true;
    if (carried?.leaked) this.next.leaked = new Set(carried.leaked);
    CAUGHT.add(this.exception);
  }

  /** A load that a loop back edge or another code object may reach with other values: all of them. */
  withCarried(name: string, base: Sym): Sym {
    const more = this.carried?.stored.get(name);
    if (this.carried?.unsettled && more?.length) return { k: "unknown", why: `${name} (carried around a loop that did not settle)` };
    if (!more?.length) return base;
    const sig = symSig(base);
    // another store of the same resolved name, or of the same kind holding no object (constants, the
    // input, arithmetic, calls of resolved names on those), changes nothing; anything else is kept
    // ([x] and [module] are both "data" but differ)
    const other = more.filter((m) => m !== base && !(symSig(m) === sig && (sig.startsWith("ref:") || inert(m, 0))));
    if (!other.length) return base;
    return { k: "unknown", why: `${name} (a value carried around a loop or from another function)`, alts: capped([base, ...other], 9) };
  }

  /** A value the code puts into a container (or a call given a container may): later item reads may see it. */
  intoContainer(...vals: Sym[]): void {
    this.next.mutated = true;
    for (const v of vals) this.leak(v);
    for (const v of vals) if (v.k !== "const") keep(this.next.intoContainers, v, 64);
  }

  /**
   * A Decimal transcendental or root (exp, ln, log10, power, sqrt) computed at a context precision the code set huge
   * (decimal.Context(prec=p).exp(1); Decimal(2).ln() after localcontext(prec=p) or a store c.prec = p): its work grows
   * with the cube of the digits (ln at 10**4 digits takes seconds): why it stalls the load, else undefined. A precision
   * set by the code is recorded here.
   */
  decimalWork(fd: Sym, fp: string | undefined, args: Sym[], kw: [string, Sym][]): string | undefined {
    const precOf = (c: Extract<Sym, { k: "call" }>): bigint | undefined => {
      const p = pathOf(c.fn);
      const x = c.kw.find(([k]) => k === "prec")?.[1] ?? (p === "decimal.Context" ? c.args[0] : undefined);
      return x !== undefined ? intValue(x) : undefined;
    };
    if (fp === "decimal.Context" || fp === "decimal.localcontext") {
      const p = precOf({ k: "call", fn: fd, args, kw });
      if (p !== undefined && p > this.decPrec) this.decPrec = p;
      return undefined;
    }
    if (fd.k !== "attr" || !/^(?:exp|ln|log10|power|sqrt)$/.test(fd.name)) return undefined;
    const obj = deref(fd.obj);
    if (obj.k !== "call" || !/^decimal\./.test(pathOf(obj.fn) ?? "")) return undefined;
    let prec = pathOf(obj.fn) === "decimal.Context" ? (precOf(obj) ?? this.decPrec) : this.decPrec;
    for (const v of [...(this.next.attrStores?.get("prec") ?? []), ...(this.carried?.attrStores?.get("prec") ?? [])]) {
      const iv = intValue(v);
      if (iv !== undefined && iv > prec) prec = iv;
    }
    const limit = fd.name === "sqrt" ? 500_000n : 15_000n;
    return prec > limit ? `decimal ${fd.name}() at a context precision of ${prec} digits (its work grows with the cube of the digits: computes for minutes or longer)` : undefined;
  }

  /**
   * Why a consumer that may stop early (any, all, next, `in`) never does over this iterable, else undefined: an
   * endless iterable whose items are known and none of which stops it (any(filter(None, repeat(0))): nothing is ever
   * yielded; 1 in repeat(0); all(count(1))), an endless one whose items are not known for any/all/in (fail closed;
   * next stops at any item), or the code's own generator expression looping astronomically long over a range whose
   * yielded test never stops it (all(i >= 0 for i in range(10 ** 15))).
   */
  unstoppable(how: "any" | "all" | "next" | "in", it: Sym, needle?: Sym): string | undefined {
    const what = how === "in" ? "`in`" : `${how}()`;
    const endless = endlessIterable(it);
    const d = deref(it);
    if (endless !== undefined && !(d.k === "call" && pathOf(d.fn) === "builtins.range")) {
      const items = endlessItems(it, 0);
      const stops = (v: PyValue): boolean | undefined => {
        const t = pyTruth(v);
        if (how === "next") return true;
        if (how === "any") return t;
        if (how === "all") return t === undefined ? undefined : !t;
        const n = needle !== undefined ? constOf(deref(needle)) : undefined;
        return n === undefined ? undefined : pyEqual(n, v) || (n.t === v.t && JSON.stringify(n, (_, x) => (typeof x === "bigint" ? x.toString() : x)) === JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x)));
      };
      let never: boolean;
      if (items === undefined) never = how !== "next";
      else if (items.k === "nothing") never = true;
      else if (items.k === "consts") never = items.vs.every((v) => stops(v) === false);
      else {
        // count(start, step): any stops at a nonzero item, all at 0 (when the progression reaches it), `in` at a member
        const { start, step } = items;
        const hits = (x: bigint): boolean => (step === 0n ? x === start : (x - start) % step === 0n && (x - start) / step >= 0n);
        const n = needle !== undefined ? intValue(needle) : undefined;
        never = how === "next" ? false : how === "any" ? start === 0n && step === 0n : how === "all" ? !hits(0n) : n !== undefined ? !hits(n) : needle !== undefined && constOf(deref(needle)) !== undefined && !["int", "bool", "float"].includes(constOf(deref(needle))!.t);
      }
      if (never) return `${what} over an endless iterable (${endless}), none of whose items can stop it${items === undefined ? " (items not known: fail closed)" : ""} (never returns)`;
      return undefined;
    }
    // the code's own generator expression (a generator function called with the iterable): its loop over a range of
    // astronomically many items yields a comparison of the loop variable with a constant, or the variable itself
    if ((how === "any" || how === "all") && d.k === "call" && deref(d.fn).k === "func" && d.args.length <= 1) {
      const code = (deref(d.fn) as Extract<Sym, { k: "func" }>).code;
      if ((code.flags & 0x20) === 0 || code.argcount !== 1) return undefined;
      // (the iterable it is called with: 3.11+ pass it in the call's self slot, bound to its parameter .0)
      const bound = [...(d.args.length ? d.args : []), ...(this.carried?.params.get(code) ?? []), ...(this.next.params.get(code) ?? [])];
      if (bound.length === 0) return undefined;
      let why: string | undefined;
      for (const b of capped(bound, 4)) {
        const r = deref(b);
        const rc = r.k === "unknown" && r.alts?.length && /^(?:GET_ITER|GET_AITER) /.test(r.why) ? deref(r.alts[0]!) : r;
        // (an endless progression, itertools.count(start, step): from start on, without end)
        const cnt = endlessIterable(rc) !== undefined ? endlessItems(rc, 0) : undefined;
        if (cnt?.k === "count" && cnt.step !== 0n) {
          const far = 10n ** 30n;
          const [mn, mx] = cnt.step > 0n ? [cnt.start, far] : [-far, cnt.start];
          const holds = genexpTest(disassemble(code, this.ctx.table).instructions, mn, mx);
          if (!((how === "all" && holds === "always") || (how === "any" && holds === "never"))) return undefined;
          why = `${how}() over a generator expression looping over itertools.count() whose every item is ${how === "all" ? "true" : "false"} (never stops it early: never returns)`;
          continue;
        }
        if (rc.k !== "call" || pathOf(rc.fn) !== "builtins.range" || rc.kw.length > 0) return undefined;
        const ra = rc.args.map((a) => intValue(a));
        const n = rangeLength(ra);
        if (n === undefined || n <= MAX_LOOP_PASSES || ra.some((a) => a === undefined)) return undefined;
        const [first, st] = ra.length === 1 ? [0n, 1n] : [ra[0]!, ra[2] ?? 1n];
        const last = first + (n - 1n) * st;
        const [mn, mx] = first < last ? [first, last] : [last, first];
        const holds = genexpTest(disassemble(code, this.ctx.table).instructions, mn, mx);
        if (!((how === "all" && holds === "always") || (how === "any" && holds === "never"))) return undefined;
        why = `${how}() over a generator expression looping over range() of ${n} items whose every item is ${how === "all" ? "true" : "false"} (never stops it early: never returns)`;
      }
      return why;
    }
    return undefined;
  }

  /**
   * A C consumer (sum, max, list, "".join...) of the code's own generator expression: the generator loops once over its
   * iterable (a range, map, zip... of known length) per pass, so it is weighed as that iterable is (one item a pass; a
   * filter or a conditional yields fewer: then the passes count against the loop budget only, not as kept items).
   */
  genexpItems(p: string, it: Sym): string | undefined {
    const d = deref(it);
    if (d.k !== "call" || deref(d.fn).k !== "func" || d.args.length > 1) return undefined;
    const code = (deref(d.fn) as Extract<Sym, { k: "func" }>).code;
    if ((code.flags & 0x20) === 0 || code.argcount !== 1) return undefined;
    const bound = [...d.args, ...(this.carried?.params.get(code) ?? []), ...(this.next.params.get(code) ?? [])];
    const ins = disassemble(code, this.ctx.table).instructions;
    const filtered = ins.some((i) => /^(?:POP_JUMP_\w*IF_\w+|JUMP_IF_\w+)$/.test(i.opname));
    for (const b of capped(bound, 4)) {
      const why = consumerItems(filtered ? "builtins.sum" : p, b);
      if (why !== undefined) return `a generator expression looping over ${why.replace(/^\.?\w+\(\) (?:keeps every item of|runs) /, "")}, drained by ${p === ".join" ? ".join" : p.replace(/^builtins\./, "")}()${filtered ? " (filtered: its passes weighed)" : ""}`;
    }
    return undefined;
  }

  /**
   * The integer constants a nested function's parameter may start a loop's growth from: the integer values its call
   * sites bind (kept for all its parameters alike); "unknown" when the function is handed away or a bound value is
   * neither a known constant nor the code's input passed along; undefined for the Lambda's own parameters (its input)
   * and a name that is no parameter.
   */
  growthParamStart(code: CodeObject, name: string): bigint[] | "unknown" | undefined {
    if (code === this.root || !code.varnames.slice(0, code.argcount + code.kwonlyargcount).includes(name)) return undefined;
    if (this.carried?.leaked?.has(code) === true || this.next.leaked?.has(code) === true) return "unknown";
    const bound = [...(this.carried?.params.get(code) ?? []), ...(this.next.params.get(code) ?? [])];
    const out: bigint[] = [];
    for (const b of capped(bound.flatMap((x) => alternativesOf(x)), MAX_ALTS)) {
      const iv = intValue(b);
      if (iv !== undefined) out.push(iv);
      else {
        const d = deref(b);
        // (another constant, a function, a container, the input or a parameter passed along: no integer growth)
        if (d.k === "unknown" || (d.k === "op" && d.operands.every((o) => intValue(o) !== undefined || deref(o).k === "unknown"))) return "unknown";
      }
    }
    return out.length > 0 ? out : undefined;
  }

  /** Values that may be bound to a nested function's parameters. */
  bindParams(code: CodeObject, vals: Sym[]): void {
    const l = this.next.params.get(code) ?? [];
    for (const v of vals) keep(l, v, 32);
    this.next.params.set(code, l);
  }

  /**
   * An item read from a container by a constant key or index. Once the code may mutate a container
   * (a subscript store, a mutating method, a container handed to a call), the item may be any item
   * the container was built with or anything stored into any container: all of them are kept.
   */
  item(container: Sym, exact: Sym): Sym {
    if (!this.next.mutated) return exact;
    const built = container.k === "seq" ? container.items : container.k === "op" && container.op === "dict" ? container.operands.filter((_, i) => i % 2 === 1) : [];
    const stored = [...(this.carried?.intoContainers ?? []), ...this.next.intoContainers];
    const alts = [exact, ...built, ...stored];
    return { k: "unknown", why: "an item of a container the code mutates (carried)", alts: capped(alts, MAX_ALTS) };
  }

  /** A global the code itself stores (global m; m = os): what it stored, or what the name resolves to before the store. */
  storedGlobal(name: string, base: Sym): Sym {
    const more = [...(this.carried?.globalStores?.get(name) ?? []), ...(this.next.globalStores?.get(name) ?? [])];
    return more.length ? { k: "unknown", why: `global ${name} (stored by the code: carried)`, alts: capped([base, ...more], MAX_ALTS) } : base;
  }

  ref(path: string): Sym {
    this.ev.refs.push(path);
    const r: Sym = { k: "ref", path };
    if (this.caught.length < 24 && (isKnownNamespace(path) || isStdlibModuleName(path)) && !this.caught.some((x) => x.k === "ref" && x.path === path)) this.caught.push(r);
    return r;
  }

  global(name: string): Sym {
    const t = this.ctx.table;
    const mod = this.ctx.module;
    if (name === "__builtins__") {
      this.ev.refs.push("builtins.__builtins__");
      return { k: "ref", path: "builtins" };
    }
    if (this.ctx.keras3Globals) {
      // Keras 3 rebuilds the function with python_utils' globals; anything else is a NameError.
      const g = keras3LoaderGlobal(name);
      if (g !== undefined) return g === null ? UNKNOWN(`loader global ${name}`) : this.loaderRef(g);
      if (t.builtins.has(name)) return this.ref(`builtins.${name}`);
      return UNKNOWN(`NameError: ${name} is not a Keras 3 Lambda global`);
    }
    // A cell wrapper's function runs in tf_keras cell_wrappers' live module dict, where every wrapper
    // of the model has merged its config module: a name any of those modules binds may be theirs
    if (this.ctx.cellWrapperModules) {
      const alts: Sym[] = [];
      for (const w of this.ctx.cellWrapperModules) {
        if (w === mod || w === "__main__") continue;
        const rb = moduleRebinds(w);
        const own = t.builtins.has(name) ? rb?.includes(name) === true : lookupName(resolveModulePath(`${w}.${name}`)) !== undefined || !isWalkedNamespace(w);
        if (own) alts.push(this.ref(`${w}.${name}`));
      }
      const self = this.cellWrapperGlobal(name);
      if (alts.length) return { k: "unknown", why: `${name}: a name the model's cell wrappers' config modules bind in the shared namespace`, alts: [...alts, self] };
      return self;
    }
    // Keras 2 merges the config module's namespace over the Lambda module's globals; builtins come
    // last. The module's contents are unknown to us, so: a name the catalogue denies under that
    // module wins (module "os" + `system`, or + `open`), then the Keras module's own globals, then
    // other names of well-known system modules, then builtins.
    const m = mod === "__builtin__" ? "builtins" : mod;
    // A module whose namespace the name data knows exactly (tf_keras.backend, numpy, keras.ops):
    // its own names first, as the loader merges it; names it lacks go on to the Lambda globals.
    if (m && isKnownNamespace(m) && lookupName(`${m}.${name}`)) return this.ref(`${m}.${name}`);
    if (m && judgeTarget(`${m}.${name}`).verdict === "deny") return this.ref(`${m}.${name}`);
    // A builtin name is the module's own member when the module rebinds it (numpy.lib._datasource.open
    // downloads a URL, tensorflow.compat.v1's print is tf.print): read from the modules loaded with the
    // walked packages; for a package or standard-library module the generator never saw loaded, unless
    // the name data knows its namespace exactly, the name is its member or the builtin.
    if (m && m !== "__main__" && t.builtins.has(name)) {
      const rb = moduleRebinds(m);
      if (rb !== undefined) {
        if (rb.includes(name)) return this.ref(`${m}.${name}`);
      } else if (SYSTEM_MODULES.has(m) || isStdlibModule(m) || isKnownPackageModule(m)) {
        const has = systemModuleHas(m, name);
        if (has === true) return this.ref(`${m}.${name}`);
        if (has === undefined && !isWalkedNamespace(m)) {
          return { k: "unknown", why: `${name}: the builtin, or ${m}.${name} where that module rebinds it`, alts: [this.ref(`${m}.${name}`), this.ref(`builtins.${name}`)] };
        }
      }
    }
    // Any other module the config names (not the author's script): tf-keras copies the namespace
    // of whatever module is loaded under that name (absl, h5py, six, tensorflow._api...), and its
    // names win over the Lambda module's defaults. Unless the name data knows that module exactly,
    // a bare non-builtin name is that module's member, judged as such (unverifiable when unlisted).
    if (m && m !== "__main__" && !isKnownNamespace(m) && !t.builtins.has(name)) return this.ref(`${m}.${name}`);
    const lm = LAMBDA_MODULE_GLOBALS[name];
    if (lm) return this.ref(lm);
    // the loaders' own module globals, read from the installed loaders (python_utils.func_load...)
    const lg = loaderGlobal(name);
    if (lg !== undefined) return lg === null ? UNKNOWN(`loader global ${name}`) : this.loaderRef(lg);
    // a module the loader can import (stdlib, a walked package): the name is that module's member
    if (m && (SYSTEM_MODULES.has(m) || isStdlibModule(m) || isKnownNamespace(m) || isKnownPackageModule(m)) && !t.builtins.has(name)) return this.ref(`${m}.${name}`);
    if (t.builtins.has(name)) return this.ref(`builtins.${name}`);
    this.ev.userGlobals.push(name);
    return { k: "userglobal", name };
  }

  /**
   * A name in a cell-wrapper function: its own config module's rebinds and members as for a Lambda,
   * then tf_keras cell_wrappers' module globals (`_parse_config_to_function`, `lstm`, `hashlib` ...: a
   * member of that module, judged as such), then builtins.
   */
  private cellWrapperGlobal(name: string): Sym {
    const t = this.ctx.table;
    const m = this.ctx.module === "__builtin__" ? "builtins" : this.ctx.module;
    if (m && m !== "__main__") {
      if (t.builtins.has(name)) {
        if (moduleRebinds(m)?.includes(name)) return this.ref(`${m}.${name}`);
      } else if (lookupName(resolveModulePath(`${m}.${name}`)) || judgeTarget(`${m}.${name}`).verdict === "deny" || !isWalkedNamespace(m)) return this.ref(`${m}.${name}`);
    }
    if (t.builtins.has(name) && !(moduleRebinds(CELL_WRAPPERS)?.includes(name) ?? false)) return this.ref(`builtins.${name}`);
    return this.ref(`${CELL_WRAPPERS}.${name}`);
  }

  /**
   * A loader global: a module or object it names is reached; an instance of the import machinery
   * (`__loader__`, `__spec__`) is reached only through what is done with it (attr below).
   */
  private loaderRef(path: string): Sym {
    return LOADER_INSTANCE_CLASSES.has(path) ? { k: "ref", path } : this.ref(path);
  }

  attr(obj: Sym, name: string): Sym {
    if (DUNDER_RISKY.has(name)) this.ev.dunders.push(name);
    // a parameter of a leaked function may be anything, whatever its seen callers bind: judged in lambda.ts
    if (obj.k === "arg" && obj.open && (this.ev.unknownAttrs ??= []).length < 512) this.ev.unknownAttrs.push({ obj, name });
    const p = pathOf(obj);
    // an import-machinery instance: its data attributes are data, its loader is the loader instance, any
    // other attribute (set_data writes a file, get_data reads one, load_module and exec_module run code)
    // is judged as that class's member
    if (p !== undefined && LOADER_INSTANCE_CLASSES.has(p)) {
      if (p === "importlib.machinery.ModuleSpec" && name === "loader") return { k: "ref", path: "importlib.machinery.SourceFileLoader" };
      if (LOADER_DATA_ATTRS.has(name)) return UNKNOWN(`${name} of the loader module's import machinery (data)`);
      return this.ref(`${p}.${name}`);
    }
    if (p !== undefined) {
      // the namespace itself: x.__dict__["name"] is x.name (subscript); its own methods (get, items, values)
      // reach any member by name, judged as such (x.__dict__.get)
      if (name === "__dict__") return { k: "ref", path: `${p}.__dict__` };
      if (p === "builtins" || p.endsWith(".__builtins__")) return this.ref(`builtins.${name}`);
      // a module reached as an attribute is that module: numpy.ctypeslib.ctypes is ctypes
      const r = resolveModulePath(`${p}.${name}`);
      // a name the data does not list that is a system module's name, bare or private (tensorflow's
      // `import sys as _sys`, codecs' `import sys`): that module (tf.math._sys.modules is sys.modules)
      const bare = name.replace(/^_+/, "");
      if (ALIASED_MODULES.has(bare) && bare !== p && judgeTarget(r).verdict === "unknown" && !isKnownNamespace(r) && !lookupName(r)) return this.ref(bare);
      return this.ref(r);
    }
    // a value that may be one of several (a parameter its callers bind, a merged local) where some are named
    // modules or members: the attribute of each (m.environ with m = os is os.environ)
    const d0 = deref(obj);
    // (alternatives of alternatives too: a loop item carried around the loop holds the items of each run; not a
    // caught exception, whose .args and .obj are read from what the code raises)
    const flat = (x: Sym, depth: number): Sym[] => {
      const y = deref(x);
      return y.k === "unknown" && !CAUGHT.has(y) && y.alts?.length && depth < 3 ? y.alts.flatMap((z) => flat(z, depth + 1)) : [x];
    };
    const d: Sym = d0.k === "unknown" && !CAUGHT.has(d0) && d0.alts?.length && !d0.alts.some((a) => pathOf(deref(a)) !== undefined) && d0.alts.some((a) => deref(a).k === "unknown") ? { ...d0, alts: flat(d0, 0) } : d0;
    if (d.k === "unknown" && d.alts?.length && d.alts.length <= MAX_ALTS && d.alts.some((a) => pathOf(deref(a)) !== undefined)) {
      // each distinct one once (a parameter bound on two runs holds the same module twice); a constant
      // without such an attribute raises there and goes no further
      const seen = new Set<string>();
      const vals: Sym[] = [];
      for (const a of d.alts) {
        const q = pathOf(deref(a));
        if (q !== undefined ? seen.has(q) : (deref(a).k === "const" && !lookupMethod(name)) || this.lacksAttr(a, name)) continue;
        if (q !== undefined) seen.add(q);
        vals.push(this.attr(a, name));
      }
      if (vals.length) return vals.length === 1 ? vals[0]! : { k: "unknown", why: `attribute ${name} of one of several values (carried)`, alts: vals };
    }
    // an attribute of the code's own class (or of an instance of it) that its body assigns a value other than a
    // function (a method keeps its binding at the call): that value (class P: m = os; P.m, P().m)
    const body = ownClassBody(obj) ?? ownInstanceClassBody(obj);
    if (body !== undefined) {
      const vals = [...(this.next.nameStores?.get(body)?.get(name) ?? []), ...(this.carried?.nameStores?.get(body)?.get(name) ?? [])].filter((x) => deref(x).k !== "func");
      if (vals.length) {
        const inst = [...(this.next.attrStores?.get(name) ?? []), ...(this.carried?.attrStores?.get(name) ?? [])];
        const all = capped([...vals, ...inst], MAX_ALTS);
        return all.length === 1 ? { ...all[0]! } : { k: "unknown", why: `class attribute ${name} (carried)`, alts: all };
      }
    }
    this.ev.valueAttrs.push(name);
    if ((this.ev.unknownAttrs ??= []).length < 512) this.ev.unknownAttrs.push({ obj, name });
    const at: Sym = { k: "attr", obj, name };
    // an attribute the code stored on some object (g.m = os; g.m): any of the values stored under that name
    const stored = [...(this.next.attrStores?.get(name) ?? []), ...(this.carried?.attrStores?.get(name) ?? [])];
    return stored.length ? { k: "unknown", why: `attribute ${name} of an object the code stored into (carried)`, alts: [...stored.slice(0, 16), at] } : at;
  }

  /**
   * str.format / format_map and string.Formatter resolve each replacement field's name as attribute and
   * item lookups on the arguments ("{0.__globals__[sys]}" reads g.__globals__["sys"]): those lookups are
   * made here, as the bytecode would make them. A format string that is not a constant is recorded as
   * opaque (its fields could read anything).
   */
  private formatFields(fn0: Sym, args: Sym[], kw: [string, Sym][], star = false): void {
    // the callee as the value it is: a bound format method handed on as a parameter or an item is called all the same
    const fn = deref(fn0);
    const p = pathOf(fn);
    const m = fn.k === "attr" ? fn.name : undefined;
    const recv = fn.k === "attr" ? deref(fn.obj) : undefined;
    // a logging.Formatter formats a record with its own format string (judged at the call, src/python/lambda.ts)
    if (recv?.k === "call" && /^logging\.(?:Formatter|BufferingFormatter)$/.test(pathOf(recv.fn) ?? "")) return;
    const formatter = recv?.k === "call" && pathOf(recv.fn) === "string.Formatter";
    let fmt: Sym | undefined;
    let pos: Sym[] = [];
    let flavor: FormatFlavor = "str";
    let posKnown = !star;
    // keywords: literal ones, then every ** mapping the code passes (a dict literal, dict(k=v)); a key no
    // mapping binds is a KeyError (no lookup), unless a mapping we cannot read may hold it (unknown)
    let named: (key: string) => Sym | undefined = (key) => {
      const lit = kw.find(([k]) => k === key)?.[1];
      if (lit) return lit;
      let opaque = false;
      for (const [k, v] of kw) {
        if (k !== "**") continue;
        const hit = mappingItem(v, key);
        if (hit) return hit;
        if (!isReadableMapping(v)) opaque = true;
      }
      return opaque ? UNKNOWN(`format field ${key}`) : undefined;
    };
    const itemsOf = (x: Sym | undefined): Sym[] => (x?.k === "seq" ? x.items : []);
    // a mapping argument: an item of a mapping the code built (a key it lacks is a KeyError), a resolved
    // item (sys.modules["os"]), or, from a mapping we cannot read, an unknown value
    const mapping = (x: Sym | undefined) => (key: string): Sym | undefined => {
      if (!x) return UNKNOWN(`format field ${key}`);
      const hit = mappingItem(x, key);
      if (hit || isReadableMapping(x)) return hit;
      const item = this.subscript(x, { k: "const", v: { t: "str", v: key } });
      return pathOf(item) !== undefined ? item : UNKNOWN(`format field ${key} of a mapping graphwarden cannot read`);
    };
    if ((m === "format" || m === "format_map") && !formatter && p === undefined) {
      fmt = fn.k === "attr" ? fn.obj : undefined;
      if (m === "format") pos = args;
      else {
        named = mapping(args[0]);
        flavor = "format_map";
      }
    } else if (p === "builtins.str.format" || p === "builtins.str.format_map") {
      fmt = args[0];
      if (p.endsWith(".format")) pos = args.slice(1);
      else {
        named = mapping(args[1]);
        flavor = "format_map";
      }
    } else if (formatter && (m === "format" || m === "vformat" || m === "get_field")) {
      fmt = args[0];
      flavor = "formatter";
      if (m === "format") pos = args.slice(1);
      else {
        pos = itemsOf(args[1]);
        if (deref(args[1] ?? UNKNOWN("")).k !== "seq") posKnown = false;
        named = mapping(args[2]);
      }
      if (m === "get_field") {
        const f = str(fmt ?? UNKNOWN(""));
        if (f === undefined) this.ev.opaqueFormats.push(`.get_field() of a field name that is not a constant`);
        else this.formatLookups(readFieldName(f), pos, named, posKnown);
        return;
      }
    } else return;
    const f = fmt ? str(fmt) : undefined;
    if (f === undefined) {
      this.ev.opaqueFormats.push(`.${m ?? p}() of a format string that is not a constant`);
      return;
    }
    this.formatLookups(readFormatString(f, flavor), pos, named, posKnown);
  }

  /**
   * Makes the lookups the formatter makes (src/python/format-fields.ts, checked against CPython): each
   * field's argument, then each ".attr" and "[key]" on it. A field read two ways (digits outside ASCII,
   * read by the running Python's Unicode tables) is looked up both ways.
   */
  private formatLookups(read: FormatRead, pos: Sym[], named: (key: string) => Sym | undefined, posKnown = true): void {
    // a positional index past the arguments is an IndexError (no lookup), unless *args we cannot read may hold it
    const positional = (i: number): Sym[] => {
      if (i < 0) return pos.length ? pos : posKnown ? [] : [UNKNOWN("format argument")];
      const a = pos[i];
      return a ? [a] : posKnown ? [] : [UNKNOWN("format argument")];
    };
    for (const f of read.fields) {
      let roots: Sym[] = [];
      if (f.root.pos !== undefined) roots.push(...positional(f.root.pos));
      if (f.root.name !== undefined && (f.root.pos === undefined || f.root.ambiguous)) {
        const n = named(f.root.name);
        if (n) roots.push(n);
      }
      // a value carried from several places is each of them
      roots = capped(roots.flatMap((r) => alternativesOf(r)), 8);
      // lookups on an argument the code does not let us bind (an unfoldable *args or **mapping, a bound
      // method called elsewhere) could read anything: the field is unverifiable, like a non-constant format
      if (f.steps.length > 0 && roots.some((r) => deref(r).k === "unknown")) {
        const where = f.root.name !== undefined && f.root.pos === undefined ? JSON.stringify(f.root.name) : `argument ${f.root.pos}`;
        this.ev.opaqueFormats.push(`a format field's lookups (${cut(fieldText(f), 60)}) on ${where}, a value graphwarden cannot bind`);
      }
      let vals = roots;
      for (const st of f.steps) {
        const next: Sym[] = [];
        for (const v of vals) {
          if ("attr" in st) next.push(this.attr(v, st.attr));
          else {
            const keys: Sym[] = [];
            if (typeof st.item === "number") {
              keys.push(st.item < 0 ? UNKNOWN("format index") : { k: "const", v: { t: "int", v: BigInt(st.item) } });
            } else keys.push({ k: "const", v: { t: "str", v: st.item } });
            // digits outside ASCII: a string key to a Python whose tables do not call them digits
            if ("text" in st && st.text !== undefined) keys.push({ k: "const", v: { t: "str", v: st.text } });
            for (const k of keys) next.push(this.subscript(v, k));
          }
        }
        vals = capped(next, 8);
      }
    }
  }

  /**
   * An operator, subscript, comparison or `in` on an instance (or, for __class_getitem__, the class) of the code's own
   * class runs the dunder method the class defines for it, with the operands as its arguments (P() + os calls
   * P.__add__(p, os), os in P() P.__contains__(p, os)): bound as an explicit call of the method binds them.
   */
  operatorDunders(names: readonly string[], operands: Sym[]): void {
    for (const o of operands) {
      for (const alt of capped(alternativesOf(o), 8)) {
        const inst = ownInstanceClassBody(alt);
        const body = inst ?? (names.includes("__class_getitem__") ? ownClassBody(alt) : undefined);
        if (body === undefined) continue;
        for (const n of names) {
          if (!definesMethod(body, n) || (inst === undefined && n !== "__class_getitem__")) continue;
          for (const k of body.consts) if (k.t === "code" && k.code.name === n) this.bindParams(k.code, operands);
        }
      }
    }
  }

  /**
   * What a yield expression of this code gives back: None (next(), a for loop), the values sent into its generator
   * (g.send(v)) or into a generator not known to be the code's own, and, when the generator function itself was handed
   * where the evaluator does not follow it, anything.
   */
  sentInto(code: CodeObject): Sym {
    const alts: Sym[] = [{ k: "const", v: { t: "none" } }];
    for (const v of [...(this.carried?.sent?.get(code) ?? []), ...(this.next.sent?.get(code) ?? []), ...(this.carried?.sentAnywhere ?? []), ...(this.next.sentAnywhere ?? [])]) keep(alts, v, MAX_ALTS);
    if (this.carried?.leaked?.has(code) === true || this.next.leaked?.has(code) === true) alts.push(UNKNOWN("a value sent into a generator the code handed away"));
    return { k: "unknown", why: "what is sent into the generator (carried)", alts };
  }

  /**
   * Values sent into a generator (g.send(v)): bound to the yield expressions of each own generator it may be. A generator
   * that delegates (yield from, await) passes them on to the one it delegates to: then, and for a generator not known
   * to be the code's own, any of the code's generators may receive them (fail closed).
   */
  sendInto(recv: Sym, vals: Sym[]): void {
    const codes = ownGeneratorCodes(recv);
    if (codes === undefined || codes.some((c) => this.delegates(c))) {
      const l = (this.next.sentAnywhere ??= []);
      for (const v of vals) keep(l, v, 32);
      if (codes === undefined) return;
    }
    const m = (this.next.sent ??= new Map());
    for (const c of codes) {
      const l = m.get(c) ?? [];
      for (const v of vals) keep(l, v, 32);
      m.set(c, l);
    }
  }

  /** Whether a generator's code delegates to another iterator or awaitable (yield from, await: what is sent goes on there). */
  private delegates(code: CodeObject): boolean {
    let d = DELEGATES.get(code);
    if (d === undefined) {
      d = disassemble(code, this.ctx.table).instructions.some((i) => /^(?:YIELD_FROM|SEND|GET_YIELD_FROM_ITER|GET_AWAITABLE|GET_ANEXT)$/.test(i.opname));
      DELEGATES.set(code, d);
    }
    return d;
  }

  /**
   * An instance of the code's own class (built with no base and no metaclass) that cannot have this attribute, so reading
   * it raises: the class body never names it and defines no __getattr__/__getattribute__, nothing is stored under that
   * name, no container was mutated and no module handed away (routes the evaluator does not follow: setattr, vars(p)).
   * (A dunder run binds its instance and its operands alike: P.__set__(d, inst, m) reads m.pi of math, not of inst.)
   */
  private lacksAttr(x: Sym, name: string): boolean {
    const d = deref(x);
    if (d.k !== "call") return false;
    const body = ownClassBody(d.fn);
    if (capped(alternativesOf(d.fn), 8).some((c) => { const cd = deref(c); return cd.k !== "call" || cd.args.length > 2 || cd.kw.length > 0; })) return false;
    if (body === undefined || body.names.includes(name) || body.names.includes("__getattr__") || body.names.includes("__getattribute__")) return false;
    if (this.next.mutated || this.carried?.mutated === true || (this.ev.escaped?.length ?? 0) > 0) return false;
    return this.next.attrStores?.has(name) !== true && this.carried?.attrStores?.has(name) !== true;
  }

  /** The own dunders copy.copy / copy.deepcopy run on an instance of the code's own class (see call). */
  private copyDunders(obj: Sym): void {
    this.operatorDunders(["__reduce_ex__", "__reduce__", "__getstate__", "__copy__", "__deepcopy__"], [obj]);
    for (const alt of capped(alternativesOf(obj), 8)) {
      const body = ownInstanceClassBody(alt);
      if (body === undefined || !definesMethod(body, "__setstate__")) continue;
      const ops: Sym[] = [];
      for (const m of [this.carried?.attrStores, this.next.attrStores]) for (const [k, l] of m ?? []) for (const v of l.slice(0, 4)) if (ops.length < 2 * MAX_ALTS) ops.push(S(k), v);
      const got = body.consts.flatMap((k) => (k.t === "code" && k.code.name === "__getstate__" ? (this.ev.returns.get(k.code) ?? []) : []));
      const state: Sym = got.length > 0 ? { k: "unknown", why: "the state __getstate__ returns (carried)", alts: capped([...got, { k: "op", op: "dict", operands: ops }], MAX_ALTS) } : { k: "op", op: "dict", operands: ops };
      this.escape(...ops.filter((_, i) => i % 2 === 1), ...got);
      for (const k of body.consts) if (k.t === "code" && k.code.name === "__setstate__") this.bindParams(k.code, [alt, state]);
    }
  }

  /**
   * An attribute store (val given) or deletion on an instance of the code's own class runs the class's __setattr__(obj,
   * name, val) / __delattr__(obj, name), and, for a class attribute that is an instance of an own class defining
   * __set__ / __delete__ (a data descriptor), that method with the descriptor, the instance (and the value). A name
   * that is not known (setattr(p, n, v)): every class attribute may be the one stored.
   */
  attrDunders(obj: Sym, name: string | undefined, val?: Sym): void {
    const key = name !== undefined ? S(name) : UNKNOWN("attribute name");
    this.operatorDunders([val !== undefined ? "__setattr__" : "__delattr__"], val !== undefined ? [obj, key, val] : [obj, key]);
    const n = val !== undefined ? "__set__" : "__delete__";
    for (const alt of capped(alternativesOf(obj), 8)) {
      const body = ownInstanceClassBody(alt);
      if (body === undefined) continue;
      const stores = [this.next.nameStores?.get(body), this.carried?.nameStores?.get(body)];
      const descrs = stores.flatMap((m) => (m === undefined ? [] : name !== undefined ? (m.get(name) ?? []) : [...m.values()].flat()));
      for (const dsc of capped(descrs, 8)) {
        for (const da of capped(alternativesOf(dsc), 8)) {
          const db = ownInstanceClassBody(da);
          if (db === undefined || !definesMethod(db, n)) continue;
          for (const k of db.consts) if (k.t === "code" && k.code.name === n) this.bindParams(k.code, val !== undefined ? [da, alt, val] : [da, alt]);
        }
      }
    }
  }

  subscript(obj: Sym, key: Sym): Sym {
    // (an instance of the code's own dict subclass runs its __missing__ with the key the dict lacks)
    this.operatorDunders(["__getitem__", "__class_getitem__", "__missing__"], [obj, key]);
    const every = ANY_ITEMS.get(deref(obj));
    if (every !== undefined) return every;
    const p = pathOf(obj);
    const k = str(key);
    if (p !== undefined && k !== undefined) {
      // __builtins__["exec"], os.environ["X"], globals()["x"]
      if (p === "builtins" || p === "builtins.__dict__") return this.ref(`builtins.${k}`);
      if (p === "sys.modules" || p.endsWith(".sys.modules")) return this.ref(k);
      // a namespace (os.__dict__): its constant key is the member
      if (p.endsWith(".__dict__")) return this.attr({ k: "ref", path: p.slice(0, -".__dict__".length) }, k);
      this.ev.refs.push(`${p}[${JSON.stringify(k)}]`);
      return { k: "op", op: "[]", operands: [obj, key] };
    }
    // the environment read by a key that may take several values (a parameter its callers bind, a loop item): one read
    // per value, or a read of any variable when some value is not a known constant
    if (p !== undefined && ENV_MAPPING_PATH.test(p)) {
      const names = possibleStrings(key);
      if (names === undefined) this.ev.refs.push(`${p}[*]`);
      else for (const n of names.slice(0, MAX_ALTS)) this.ev.refs.push(`${p}[${JSON.stringify(n)}]`);
    }
    if (obj.k === "call" && pathOf(obj.fn) === "builtins.globals" && k !== undefined) return this.global(k);
    // {"k": v}["k"] is v (the last constant key wins, as in Python); a non-constant key: unknown
    const dict = obj.k === "arg" && obj.value ? obj.value : obj;
    if (dict.k === "op" && dict.op === "dict" && k !== undefined) {
      if (!isReadableMapping(dict)) return UNKNOWN("dict key");
      const hit = mappingItem(dict, k);
      if (hit) return this.item(dict, hit);
    }
    // [sys][0] is sys: a container keeps what it holds at a constant index
    const seq = obj.k === "arg" && obj.value ? obj.value : obj;
    const idx = intOf(key);
    if (seq.k === "seq" && seq.kind !== "set" && idx !== undefined) {
      const item = seq.items.at(idx);
      // a new value: not the LOAD_ATTR result itself (3.6/3.7 inference); a tuple itself is never mutated
      if (item) return seq.kind === "tuple" ? { ...item } : this.item(seq, { ...item });
    }
    // a literal container read by a key that is not one exact string / int constant: Python's key equality
    // (True == 1 == 1.0, the last value stored under equal keys), a bool as an index, a slice (its items in order),
    // and otherwise any of its items (fail closed: [os, math][len('ab') - 2] may be os)
    const loose = this.looseItem(obj, key);
    if (loose !== undefined) return loose;
    // constant folding of string slicing / indexing
    // a non-constant key into a container the code may have mutated: any item, or anything stored
    if (this.next.mutated && (seq.k === "seq" || (seq.k === "op" && (seq.op === "dict" || seq.op === "[]")) || seq.k === "unknown")) {
      return this.item(seq.k === "op" && seq.op === "[]" ? { k: "seq", kind: "list", items: [] } : seq, { k: "op", op: "[]", operands: [obj, key] });
    }
    const s = str(obj);
    const key2 = constOf(key);
    if (s !== undefined && key2?.t === "slice") {
      const st = key2.step.t === "int" ? Number(key2.step.v) : 1;
      if (st === -1 && key2.start.t === "none" && key2.stop.t === "none") return S([...s].reverse().join(""));
    }
    if (s !== undefined && key2?.t === "int") {
      const i = Number(key2.v);
      const c = [...s].at(i);
      if (c !== undefined) return S(c);
    }
    return { k: "op", op: "[]", operands: [obj, key] };
  }

  /**
   * An item of a literal list, tuple or dict (or of each such container a carried value may be) read by a key that
   * the exact lookups above could not take: undefined when no such container holds anything but constants.
   */
  private looseItem(obj: Sym, key: Sym): Sym | undefined {
    // (a container the code may mutate is read below: any item it was built with or anything stored)
    if (this.next.mutated) return undefined;
    const conts = capped(alternativesOf(obj), 8).map(deref).filter((c) => (c.k === "seq" && c.kind !== "set") || (c.k === "op" && c.op === "dict"));
    if (conts.length === 0) return undefined;
    const itemsOf = (c: Sym): Sym[] => (c.k === "seq" ? c.items : c.k === "op" ? c.operands.filter((_, i) => i % 2 === 1) : []);
    if (!conts.some((c) => itemsOf(c).some((y) => deref(y).k !== "const"))) return undefined;
    const kc = constOf(key);
    // a slice of a sequence: the sequence of the items it takes (all of them, in order, when its bounds are unknown)
    if (kc?.t === "slice" || (key.k === "op" && key.op === ":")) {
      const seqs = conts.filter((c): c is Extract<Sym, { k: "seq" }> => c.k === "seq");
      if (seqs.length !== 1 || conts.length !== 1) return undefined;
      const c = seqs[0]!;
      const taken = kc?.t === "slice" ? pySlice(c.items, kc) : undefined;
      return { k: "seq", kind: c.kind, items: taken ?? c.items };
    }
    const pk = pyKey(key);
    const out: Sym[] = [];
    for (const c of conts) {
      if (c.k === "seq") {
        const i = intValue(key);
        if (i !== undefined && pk !== undefined) {
          const n = BigInt(c.items.length);
          const it = i < -n || i >= n ? undefined : c.items[Number(i < 0n ? i + n : i)];
          if (it) out.push(it);
        } else out.push(...c.items);
      } else if (c.k === "op") {
        const ks = c.operands.filter((_, i) => i % 2 === 0).map(pyKey);
        if (pk !== undefined && ks.every((x) => x !== undefined)) {
          let hit: Sym | undefined;
          for (let i = 0; i < ks.length; i++) if (ks[i] === pk) hit = c.operands[2 * i + 1];
          if (hit) out.push(hit);
        } else out.push(...itemsOf(c));
      }
    }
    if (out.length === 0) return undefined;
    if (out.length === 1) return this.item(conts[0]!, { ...out[0]! });
    return { k: "unknown", why: "an item of a literal container read by a key that is not one exact constant", alts: capped(out, MAX_ALTS) };
  }

  binop(op: string, a: Sym, b: Sym): Sym {
    if (op === "[]") return this.subscript(a, b);
    // {'m': math} | {'m': os}: one dict of both (the right one's values win, as a later key in one literal)
    if (op === "|" && deref(a).k === "op" && deref(b).k === "op") {
      const da = deref(a);
      const db = deref(b);
      if (da.k === "op" && da.op === "dict" && db.k === "op" && db.op === "dict") return { k: "op", op: "dict", operands: [...da.operands, ...db.operands] };
    }
    const dn = BINOP_DUNDERS[op];
    if (dn !== undefined) this.operatorDunders([`__${dn}__`, `__r${dn}__`, `__i${dn}__`], [a, b]);
    const sa = str(a);
    const sb = str(b);
    const ca = constOf(a);
    const cb = constOf(b);
    if (op === "+" && sa !== undefined && sb !== undefined) return S(sa + sb);
    if (op === "+" && ca?.t === "bytes" && cb?.t === "bytes") return B(new Uint8Array([...ca.v, ...cb.v]));
    if (op === "%" && sa !== undefined && cb) {
      const r = pyStrFormat(sa, cb.t === "tuple" ? cb.items : [cb]);
      if (r !== undefined) return S(r);
    }
    if (op === "%" && sa !== undefined && b.k === "seq") {
      const items = b.items.map(constOf);
      if (items.every((x): x is PyValue => x !== undefined)) {
        const r = pyStrFormat(sa, items);
        if (r !== undefined) return S(r);
      }
    }
    if (op === "*" && sa !== undefined && cb?.t === "int" && cb.v >= 0n && cb.v < 64n) return S(sa.repeat(Number(cb.v)));
    // arithmetic on constants has a size: a result of millions of bits (7 ** 10 ** 9, 1 << 10 ** 12) or a
    // sequence repeated to hundreds of millions of items keeps the loading thread busy for minutes or more
    const huge = hugeResult(op, a, b) ?? (op === "//" || op === "%" ? bigDivision(op, a, b, this.ctx.table.version, this.ctx.fitVersions) : undefined);
    if (huge !== undefined) (this.ev.stops ??= []).push(huge);
    return { k: "op", op, operands: [a, b] };
  }

  /**
   * Standard-library modules among these values (or the items of a list, tuple or dict among them) leave the code's
   * sight: handed to a call, yielded, stored into a global. What the code reads back later from a value it cannot
   * follow may be any of them.
   */
  escape(...vals: Sym[]): void {
    this.escapeFrom(vals, false);
  }

  /**
   * escape(), and the code's own functions among these values (or their items) are leaked: their parameters may take
   * anything (next(iter([g])) hands g to a route the evaluator does not follow). `followed`: a value given directly
   * (not as an item) is not leaked (a call that only calls it, with arguments the evaluator binds).
   */
  escapeFrom(vals: Sym[], followed: boolean): void {
    for (const a of vals) {
      const d = deref(a);
      const items = d.k === "seq" ? d.items : d.k === "op" && d.op === "dict" ? d.operands : [d];
      for (const it of items) {
        if (!(followed && it === d)) this.leak(it);
        for (const alt of capped(alternativesOf(it), 8)) {
          const q = pathOf(deref(alt));
          if (q !== undefined && isStdlibModuleName(q) && !(this.ev.escaped ??= []).includes(q) && this.ev.escaped.length < 16) this.ev.escaped.push(q);
        }
      }
    }
  }

  /** The code's own functions this value may be are leaked (see Carried.leaked). */
  leak(x: Sym): void {
    for (const alt of capped(alternativesOf(x), 8)) {
      const d = deref(alt);
      if (d.k !== "func" && d.k !== "call" && d.k !== "attr" && d.k !== "op") continue;
      for (const c of this.ownCallables(alt, 0)) {
        const l = (this.next.leaked ??= new Set());
        if (l.size < 64) l.add(c.code);
      }
    }
  }

  /** An f-string field's format spec whose width (or float precision) builds a string beyond MAX_REPEAT_ITEMS: a stall. */
  formatSpecSize(spec: Sym): void {
    const t = specText(spec);
    const n = t !== undefined ? specLength(t) : undefined;
    if (n !== undefined && n > MAX_REPEAT_ITEMS) (this.ev.stops ??= []).push(`an f-string field formatted with spec '${cut(t!, 40)}' (a string of ${n} characters: builds for minutes or exhausts memory)`);
  }

  /** Folds calls of constant-only string builders and decoders; records every call. */
  call(fn: Sym, args: Sym[], kw: [string, Sym][], code: CodeObject, offset: number, star = false): Sym {
    const c: Extract<Sym, { k: "call" }> = { k: "call", fn, args, kw, star };
    if (this.heldNow !== undefined) this.heldCalls.push({ fn, held: this.heldNow });
    const given = [...args, ...kw.map(([, v]) => v)];
    // a standard-library module handed to a call as a value may be kept in an object's state and come back
    // (given directly, or as an item of a list, tuple or dict the call is given)
    // (a function handed to a callee that only calls it, with arguments bound below, is followed: the code's own
    // function or class, map/filter/sorted/min/max/reduce/partial; to any other C callable it is leaked: its result
    // may be the function itself, iter(g), getattr(g, "__call__"))
    const fp0 = pathOf(deref(fn));
    const dfn = deref(fn);
    const followedCallee = dfn.k === "func" || ownClassBody(dfn) !== undefined || (dfn.k === "attr" && (ownClassBody(dfn.obj) ?? ownInstanceClassBody(dfn.obj)) !== undefined) || (fp0 !== undefined && APPLIERS.has(fp0));
    this.escapeFrom(given, followedCallee);
    // g.send(v) / g.asend(v): v is what the generator's yield expressions give back; a send method handed to a call
    // (map(g.send, [os])) is given the call's other values and their items
    if (fd0IsSend(dfn) && args[0] !== undefined && dfn.k === "attr") this.sendInto(dfn.obj, [args[0]]);
    // setattr(p, n, v) / delattr(p, n) run the own class's __setattr__ / __delattr__ and a descriptor's __set__ / __delete__
    if ((fp0 === "builtins.setattr" && args.length >= 3) || (fp0 === "builtins.delattr" && args.length >= 2)) this.attrDunders(args[0]!, str(args[1]!), fp0 === "builtins.setattr" ? args[2] : undefined);
    // copy.copy(p) / copy.deepcopy(p) of an instance of the code's own class runs its __reduce_ex__/__reduce__/__getstate__/
    // __copy__/__deepcopy__, then __setstate__(copy, state) with the instance's attributes (what the code stored as
    // attributes, or what its own __getstate__ returns); the state leaves the code's sight (fail closed)
    if ((fp0 === "copy.copy" || fp0 === "copy.deepcopy") && args[0] !== undefined) this.copyDunders(args[0]);
    for (const a of given) {
      const d = deref(a);
      if (!fd0IsSend(d) || d.k !== "attr") continue;
      const others = given.filter((x) => x !== a);
      this.sendInto(d.obj, [...others, ...others.flatMap((x) => iterItems(x) ?? [])].slice(0, MAX_ALTS));
    }
    // A nested function called here takes these arguments; one handed to a call (map, sorted(key=),
    // tf.map_fn) may be given anything the call holds.
    const fd = deref(fn);
    // (each function the callee may be: a local carried from the previous run holds the function of each run)
    for (const alt of capped(alternativesOf(fn), 8)) {
      const a = deref(alt);
      if (a.k === "func") this.bindParams(a.code, star ? [...given, UNKNOWN("*args")] : given);
    }
    // the code's own class called (its __init__/__new__ take the arguments) or one of its methods (the instance too)
    const clsBody = ownClassBody(fd);
    const callArgs = star ? [...given, UNKNOWN("*args")] : given;
    if (clsBody) for (const k of clsBody.consts) if (k.t === "code" && /^__(?:init|new)__$/.test(k.code.name)) this.bindParams(k.code, callArgs);
    if (fd.k === "attr") {
      const body = ownClassBody(fd.obj) ?? ownInstanceClassBody(fd.obj);
      if (body && definesMethod(body, fd.name)) for (const k of body.consts) if (k.t === "code" && k.code.name === fd.name) this.bindParams(k.code, [fd.obj, ...callArgs]);
    }
    // a C callable that applies an operator, a comparison or a lookup to what it is given runs the dunder methods of
    // the code's own classes among them, with the other values as operands (sum([os], P()) runs P().__add__(os))
    const cd = cDunders(fd, args, kw);
    if (cd !== undefined) this.operatorDunders(cd.names, cd.operands);
    // a callable built from the code's own (functools.partial(g, a)(os), a factory's function, a container item)
    // called here: its parameters take its bound values and these; a partial of an operator function runs its dunders
    if (fd.k === "call" || fd.k === "op") {
      for (const c of this.ownCallables(fd, 0)) this.bindParams(c.code, [...c.lead, ...callArgs]);
      if (fd.k === "call" && pathOf(fd.fn) === "functools.partial" && fd.args[0] !== undefined) {
        const pd = cDunders(deref(fd.args[0]), [...fd.args.slice(1), ...args], kw);
        if (pd !== undefined) this.operatorDunders(pd.names, pd.operands);
      }
    }
    // re.sub/subn (and a compiled pattern's) call a replacement function with each re.Match, nothing else
    const fp = pathOf(fd);
    const fo = fd.k === "attr" ? deref(fd.obj) : undefined;
    const reSub = (fp !== undefined && /^re\.subn?$/.test(fp)) || (fd.k === "attr" && /^subn?$/.test(fd.name) && fo?.k === "call" && pathOf(fo.fn) === "re.compile");
    const repl = reSub ? deref((fp !== undefined ? args[1] : args[0]) ?? kw.find(([k]) => k === "repl")?.[1] ?? UNKNOWN("")) : undefined;
    if (repl?.k === "func") this.bindParams(repl.code, [{ k: "call", fn: { k: "ref", path: "re.match" }, args: [], kw: [] }]);
    // pow(a, b) is a ** b; factorial(n) of millions multiplies for minutes
    if (fp === "builtins.pow" && args.length === 2) {
      const huge = hugeResult("**", args[0]!, args[1]!);
      if (huge !== undefined) (this.ev.stops ??= []).push(huge);
    }
    // big-integer work that is not the size of its result: divmod, a modular power, gcd/lcm
    const bigWork = fp !== undefined ? bigIntWork(fp, args, this.ctx.table.version, this.ctx.fitVersions) : undefined;
    if (bigWork !== undefined) (this.ev.stops ??= []).push(bigWork);
    // (functools.reduce(lambda a, b: a * b, it) is reduce(operator.mul, it))
    const mulArgs = fp === "functools.reduce" && args[0] !== undefined && deref(args[0]).k === "func" && mulOfParams((deref(args[0]) as Extract<Sym, { k: "func" }>).code, this.ctx.table) ? [{ k: "ref", path: "operator.mul" } as Sym, ...args.slice(1)] : args;
    const hugeC = fp !== undefined ? hugeCall(fp, mulArgs) : fd.k === "attr" && EXACT_DECIMAL_METHODS.has(fd.name) ? hugeCall("builtins.int", [fd.obj]) : undefined;
    if (hugeC !== undefined) (this.ev.stops ??= []).push(hugeC);
    const dec = this.decimalWork(fd, fp, args, kw);
    if (dec !== undefined) (this.ev.stops ??= []).push(dec);
    if (fp === "math.factorial" && args[0] !== undefined) {
      const n = intValue(args[0]);
      if (n !== undefined && n > MAX_FACTORIAL) (this.ev.stops ??= []).push(`math.factorial(${n}) (a result of tens of millions of bits or more: computes for minutes or longer)`);
    }
    // a consumer that runs an iterable to its end in C (sum, list, sorted, "".join) over one that has no end
    const consumed = fp !== undefined && FULL_CONSUMERS.test(fp) ? (fp === "functools.reduce" ? args[1] : args[0]) : fd.k === "attr" && fd.name === "join" ? args[0] : undefined;
    const endlessArg = consumed !== undefined ? endlessIterable(consumed) : undefined;
    if (endlessArg !== undefined) (this.ev.stops ??= []).push(`${fp ?? ".join"}() runs ${endlessArg} to its end (never returns)`);
    // ... or over a lazy iterable of a known length: weighed like a loop (items against MAX_LOOP_PASSES) and, for one
    // that keeps every item, like a repetition (against MAX_REPEAT_ITEMS)
    const manyItems =
      endlessArg === undefined && consumed !== undefined
        ? (consumerItems(fp ?? ".join", consumed) ?? this.genexpItems(fp ?? ".join", consumed))
        : fp === "builtins.all" && args.length === 1
          ? consumerItems(fp, args[0]!)
          : undefined;
    if (manyItems !== undefined) (this.ev.stops ??= []).push(manyItems);
    // a string, bytes or buffer whose size is a call's argument (a padding or format width, bytearray(n), replace
    // growth): weighed like a repetition
    const sized = builtTooLarge(fd, fp, args, kw);
    if (sized !== undefined) (this.ev.stops ??= []).push(sized);
    // an array of a tensor library of a constant shape, weighed by its bytes
    const arr = fp !== undefined ? hugeArray(fp, args, kw) : rngMethod(fd, args, kw);
    if (arr !== undefined) (this.ev.stops ??= []).push(arr);
    // a decompression of a constant, weighed by its output (decoded here, streaming, up to MAX_REPEAT_ITEMS bytes)
    const unz = decompression(fd, fp, args, kw);
    if (unz?.stop !== undefined) (this.ev.stops ??= []).push(unz.stop);
    if (unz?.unmeasured !== undefined) (this.ev.unmeasured ??= []).push(unz.unmeasured);
    // a consumer that stops early (any, all, next) over an iterable none of whose items can stop it
    const early = fp !== undefined && /^builtins\.(?:any|all|next)$/.test(fp) && args[0] !== undefined ? this.unstoppable(fp.slice(9) as "any" | "all" | "next", args[0]) : undefined;
    if (early !== undefined) (this.ev.stops ??= []).push(early);
    // (the other functions it is handed along with are not among them: tf.while_loop(cond, body, ...))
    // (each function a given value may be, bound with the other values and the items of those the code built: map(f, [os]),
    // functools.partial(g, os), sorted(xs, key=f), functools.reduce(f, xs))
    // (any route to the code's own callable: a bound or static method, a dict or list item, a factory's result,
    // staticmethod(f)/classmethod(f), functools.partial(f, ...): each bound with its instance and partial arguments)
    for (const a of given) {
      for (const alt of capped(alternativesOf(a), 8)) {
        const d = deref(alt);
        if (d === repl) continue;
        const cs = this.ownCallables(alt, 0);
        if (cs.length === 0) continue;
        const others = given.filter((x) => x !== a && deref(x).k !== "func");
        const vals = [...others, ...others.flatMap((x) => iterItems(x) ?? []).slice(0, MAX_ALTS)];
        for (const c of cs) this.bindParams(c.code, [...c.lead, ...vals]);
      }
    }
    // A method of anything but the input or a resolved name (list.append, dict.update, .setdefault...)
    // or a call given a container (operator.setitem(box, ...)) may store its arguments into a container.
    const recv = fn.k === "attr" ? deref(fn.obj) : undefined;
    // (a container of a process-wide object: logging.getLogger().handlers.clear() changes the process)
    const sharedRecv = fn.k === "attr" && MUTATING_METHODS.has(fn.name) ? sharedContainer(fn.obj) : undefined;
    if (sharedRecv !== undefined) this.ev.stores.push(`${sharedRecv}.${fn.k === "attr" ? fn.name : ""}(...)`);
    // the same change made by a function that mutates its first argument: operator.delitem(h, slice(None)),
    // operator.setitem/iadd/iconcat, an unbound method (list.clear(h), dict.update(d, ...), list.__delitem__(h, 0))
    const fnMut = fp !== undefined ? FUNCTIONAL_MUTATORS.exec(fp) : null;
    const sharedArg = fnMut && args[0] !== undefined ? sharedContainer(args[0]) : undefined;
    if (sharedArg !== undefined) this.ev.stores.push(`${fp}(${sharedArg}, ...)`);
    if (recv && recv.k !== "const" && recv.k !== "arg") this.intoContainer(...given);
    else if (given.some((a) => isContainer(deref(a))) && given.length > 1 && !pureCallee(pathOf(fn))) this.intoContainer(...given);
    if (this.ev.calls.length >= MAX_CALLS) throw new LimitError(`Lambda bytecode: more than ${MAX_CALLS} calls`);
    // the callee, or each value it may be (a parameter bound by its callers)
    for (const alt of capped(alternativesOf(fn), 8)) this.formatFields(alt, args, kw, star);
    // a bound format method handed to a call (map, sorted(key=), a nested function) is called there with
    // arguments we cannot see: its fields are looked up on unknown values
    // (a nested function's own calls of it are evaluated with their arguments; map calls it with the items
    // of its iterables, when they are literal sequences)
    if (fd.k !== "func") {
      for (const [i, a] of given.entries()) {
        if (a === fn || !isBoundFormat(deref(a))) continue;
        const iters = pathOf(fn) === "builtins.map" && i === 0 && kw.length === 0 ? args.slice(1).map((x) => deref(x)) : undefined;
        if (iters?.length && iters.every((x) => x.k === "seq")) {
          const n = Math.min(...iters.map((x) => (x.k === "seq" ? x.items.length : 0)));
          for (let j = 0; j < Math.min(n, 16); j++) this.formatFields(a, iters.map((x) => (x.k === "seq" ? x.items[j]! : UNKNOWN(""))), []);
        } else this.formatFields(a, [], [["**", UNKNOWN("arguments of a call made elsewhere")]], true);
      }
    }
    const folded = this.fold(fn, args, kw);
    this.ev.calls.push({ call: c, code, offset });
    if (folded) return folded;
    const p = pathOf(fn);
    if (p === "builtins.__import__" || p === "importlib.import_module" || p === "importlib.__import__") {
      const name = str(args[0] ?? UNKNOWN(""));
      if (name !== undefined) {
        this.ev.imports.push(name);
        const fl = args[3] ?? kw.find(([k]) => k === "fromlist")?.[1];
        c.resolvedImport = name;
        const full = p === "importlib.import_module" || (fl !== undefined && (this.constItems(fl)?.length ?? 0) > 0 && str(fl) === undefined);
        return this.ref(full ? name : name.split(".")[0]!);
      }
    }
    if (p === "builtins.getattr") {
      const name = str(args[1] ?? UNKNOWN(""));
      if (name !== undefined && args[0]) {
        c.resolvedAttr = true;
        const at = this.attr(args[0], name);
        // getattr(o, "name", d) is d whenever o lacks the attribute (a tensor has no .setdefault)
        const d = args[2] ?? kw.find(([k]) => k === "default")?.[1];
        return d ? { k: "unknown", why: "getattr with a default: the attribute or the default (carried)", alts: [at, d] } : at;
      }
    }
    if (p === "builtins.globals" || p === "builtins.vars" || p === "builtins.locals") return c;
    return c;
  }

  fold(fn: Sym, args: Sym[], kw: [string, Sym][]): Sym | undefined {
    const p = pathOf(fn);
    const a0 = args[0] ?? UNKNOWN("");
    // list([m]) / tuple([m]) hold what they are given: list([np])[0] is numpy, list([sys])[0] is sys
    if ((p === "builtins.list" || p === "builtins.tuple") && args.length === 1 && kw.length === 0) {
      const s = a0.k === "arg" && a0.value ? a0.value : a0;
      if (s.k === "seq" && s.kind !== "set") return { k: "seq", kind: p === "builtins.list" ? "list" : "tuple", items: s.items };
    }
    if (p === "builtins.chr") {
      const n = intOf(a0);
      if (n !== undefined && n >= 0 && n <= 0x10ffff) return S(String.fromCodePoint(n));
    }
    if (p === "builtins.str" && args.length === 1 && str(a0) !== undefined) return a0;
    if (p === "builtins.bytes" && args.length >= 1) {
      const s = str(a0);
      if (s !== undefined) return B(new Uint8Array([...s].map((ch) => ch.charCodeAt(0) & 0xff)));
      if (a0.k === "seq" || a0.k === "const") {
        const items = a0.k === "seq" ? a0.items.map(intOf) : constOf(a0)?.t === "tuple" ? (constOf(a0) as { items: PyValue[] }).items.map((x) => (x.t === "int" ? Number(x.v) : undefined)) : [];
        if (items.length && items.every((x): x is number => x !== undefined && x >= 0 && x < 256)) return B(Uint8Array.from(items));
      }
    }
    if (p === "base64.b64decode" || p === "base64.decodebytes" || p === "base64.standard_b64decode" || p === "base64.urlsafe_b64decode" || p === "binascii.a2b_base64") {
      const c = constOf(a0);
      const s = c?.t === "str" ? c.v : c?.t === "bytes" ? bytesToLatin(c.v) : undefined;
      if (s !== undefined) {
        const b = decodeBase64Bytes(p === "base64.urlsafe_b64decode" ? s.replace(/-/g, "+").replace(/_/g, "/") : s);
        if (b) return B(b);
      }
    }
    if (p === "base64.b16decode" || p === "binascii.unhexlify" || p === "binascii.a2b_hex" || p === "builtins.bytes.fromhex") {
      const s = str(a0) ?? (constOf(a0)?.t === "bytes" ? bytesToLatin((constOf(a0) as { v: Uint8Array }).v) : undefined);
      if (s !== undefined && /^([0-9a-fA-F]{2}\s*)*$/.test(s)) return B(Uint8Array.from((s.replace(/\s/g, "").match(/../g) ?? []).map((h) => parseInt(h, 16))));
    }
    if (p === "codecs.decode" || p === "codecs.encode") {
      const c = constOf(a0);
      const enc = str(args[1] ?? kw.find(([k]) => k === "encoding")?.[1] ?? S("utf-8"));
      if (c && enc !== undefined) {
        const r = decodeCodecs(c, enc);
        if (r) return { k: "const", v: r };
      }
    }
    if (fn.k === "attr") {
      const recv = constOf(fn.obj);
      const m = fn.name;
      if (recv?.t === "str") {
        if (m === "join") {
          const parts = this.constItems(a0);
          if (parts && parts.every((x) => x.t === "str")) return S(parts.map((x) => (x as { v: string }).v).join(recv.v));
        }
        // (only plain {} / {0} fields are folded: a field with a spec, a conversion or an escaped brace is not)
        if (m === "format" && !/[{}]/.test(recv.v.replace(/\{(\d*)\}/g, ""))) {
          const vals = args.map(constOf);
          if (vals.every((x): x is PyValue => x !== undefined)) {
            let i = 0;
            let ok = true;
            const out = recv.v.replace(/\{(\d*)\}/g, (_m, d: string) => {
              const v = vals[d === "" ? i++ : Number(d)];
              if (!v || (v.t !== "str" && v.t !== "int")) {
                ok = false;
                return "";
              }
              return v.t === "str" ? v.v : v.v.toString();
            });
            if (ok) return S(out);
          }
        }
        if (m === "encode") return B(new TextEncoder().encode(recv.v));
        if (m === "lower") return S(recv.v.toLowerCase());
        if (m === "upper") return S(recv.v.toUpperCase());
        if (m === "strip") return S(recv.v.trim());
        if (m === "replace") {
          const x = str(a0);
          const y = str(args[1] ?? UNKNOWN(""));
          if (x !== undefined && y !== undefined && x.length > 0) return S(recv.v.split(x).join(y));
        }
      }
      if (recv?.t === "bytes") {
        if (m === "decode") {
          const enc = (str(a0) ?? "utf-8").toLowerCase();
          if (enc === "latin-1" || enc === "latin1" || enc === "ascii") return S(bytesToLatin(recv.v));
          return S(new TextDecoder("utf-8", { fatal: false }).decode(recv.v));
        }
        if (m === "join") {
          const parts = this.constItems(a0);
          if (parts && parts.every((x) => x.t === "bytes")) {
            const chunks = parts.map((x) => (x as { v: Uint8Array }).v);
            const out: number[] = [];
            chunks.forEach((ch, i) => {
              if (i) out.push(...recv.v);
              out.push(...ch);
            });
            return B(Uint8Array.from(out));
          }
        }
      }
    }
    return undefined;
  }

  constItems(s: Sym): PyValue[] | undefined {
    if (s.k === "seq") {
      const xs = s.items.map(constOf);
      return xs.every((x): x is PyValue => x !== undefined) ? xs : undefined;
    }
    const c = constOf(s);
    if (c && (c.t === "tuple" || c.t === "list")) return c.items;
    if (c?.t === "str") return [...c.v].map((ch) => ({ t: "str", v: ch }));
    return undefined;
  }

  /** Runs one code object. */
  run(code: CodeObject): void {
    const t = this.ctx.table;
    const v = t.minor;
    const ins = disassemble(code, t).instructions;
    if (!this.loops) this.loops = ins.some((i) => /^(?:JUMP_BACKWARD|POP_JUMP_BACKWARD|FOR_ITER$|JUMP_ABSOLUTE$)/.test(i.opname));
    this.loopChecks.push({ code, ins, handlers: code.exceptiontable.length > 0 || ins.some((i) => /^SETUP_(?:FINALLY|EXCEPT)$/.test(i.opname)) });
    this.budget -= ins.length;
    if (this.budget < 0) throw new LimitError(`Lambda bytecode: more than ${MAX_INSTRUCTIONS} instructions`);
    const locals = new Map<string, Sym>();
    const nargs = code.argcount + code.kwonlyargcount + (code.flags & 0x04 ? 1 : 0) + (code.flags & 0x08 ? 1 : 0);
    this.root ??= code;
    // The Lambda's parameters are its input and the values the config binds (a nested function's take
    // what its caller passes: treated as values, whose attributes are judged by name in lambda.ts).
    const nested = code !== this.root;
    // A nested function's parameter takes any value bound to it (defaults, call arguments, what a call
    // handing the function over holds), as seen by the previous run: a value only if every one is.
    const leaked = nested && (this.carried?.leaked?.has(code) === true || this.next.leaked?.has(code) === true);
    const bound = nested ? [...(this.carried?.params.get(code) ?? []), ...(this.next.params.get(code) ?? [])] : [];
    const param = (n: string): Sym | undefined =>
      !nested ? this.ctx.bindings.get(n) : bound.length ? { k: "unknown", why: `parameter ${n} (bound by a caller: carried)`, alts: capped(bound, MAX_ALTS) } : undefined;
    const cellNames = new Set([...code.cellvars, ...code.freevars]);
    // *args is a tuple and **kwargs a dict whose items are the values bound (any of them, at any index or key)
    const starAt = code.flags & 0x04 ? code.argcount + code.kwonlyargcount : -1;
    const kwAt = code.flags & 0x08 ? code.argcount + code.kwonlyargcount + (starAt >= 0 ? 1 : 0) : -1;
    for (const [i, n] of code.varnames.slice(0, nargs).entries()) {
      const pv = param(n);
      const value: Sym | undefined = !nested || !pv ? pv : i === starAt ? { k: "seq", kind: "tuple", items: Array.from({ length: Math.min(Math.max(bound.length, 1), MAX_ALTS) }, () => pv) } : i === kwAt ? anyItems(pv, "**kwargs") : pv;
      locals.set(n, leaked ? { k: "arg", name: n, value, open: true } : { k: "arg", name: n, value });
      // a parameter a nested function reads as a closure cell
      if (code.cellvars.includes(n) && !this.cells.has(n)) this.cells.set(n, locals.get(n)!);
    }
    const load = (name: string): Sym => {
      const base = cellNames.has(name) && this.cells.has(name) ? this.cells.get(name)! : (locals.get(name) ?? this.cells.get(name) ?? UNKNOWN(`local ${name}`));
      return this.withCarried(name, base);
    };
    // An inlined comprehension (3.12+) saves a local with LOAD_FAST_AND_CLEAR and restores it after the
    // loop (and in its exception handler) with STORE_FAST of the saved value: the restore puts back the
    // value the local had (or leaves it unbound), it stores nothing new.
    const saved = new WeakMap<Sym, { name: string; prior: Sym | undefined }>();
    const store = (name: string, val: Sym): void => {
      const restore = saved.get(val);
      if (restore?.name === name) {
        if (restore.prior === undefined) locals.delete(name);
        else locals.set(name, restore.prior);
        if (cellNames.has(name) && restore.prior !== undefined) this.cells.set(name, restore.prior);
        return;
      }
      if (cellNames.has(name)) this.cells.set(name, val);
      locals.set(name, val);
      const l = this.stored.get(name) ?? [];
      keep(l, val, 64);
      this.stored.set(name, l);
    };
    const pending = new Map<number, Sym[]>();
    // CPython sizes the frame by co_stacksize (big literals need thousands of slots)
    const maxStack = Math.max(MAX_STACK, Math.min(code.stacksize + 64, 200_000));
    let stack: Sym[] | undefined = [];
    let kwnames: string[] | undefined;
    let st: Sym[] = [];
    let inst: Instruction = ins[0]!;
    const pop = (): Sym => st.pop() ?? UNKNOWN("stack underflow");
    const popN = (n: number): Sym[] => {
      const have = Math.min(n, st.length);
      const out = st.splice(st.length - have, have);
      return have < n ? [...Array.from({ length: n - have }, () => UNKNOWN("stack underflow")), ...out] : out;
    };
    const push = (...xs: Sym[]): void => {
      if (st.length + xs.length > maxStack) throw new LimitError("Lambda bytecode: value stack too deep");
      st.push(...xs);
    };
    // an op the evaluator does not model: what it makes is derived from what it took (carried, with an
    // unknown: a value computed from a module may be any of its members)
    const generic = (jump: boolean): void => {
      const e = stackEffect(t, inst.op, inst.arg ?? 0, jump) ?? 0;
      const took = e < 0 ? popN(-e) : st.slice(Math.max(0, st.length - 2));
      const made = (): Sym => ({ k: "unknown", why: `${inst.opname} (carried)`, alts: [...took.slice(-4), UNKNOWN(inst.opname)] });
      for (let i = 0; i < e; i++) push(made());
    };
    // Keras 3 globals mode: in straight-line code (no jump, no handler), a NameError ends the
    // function there; nothing after it runs.
    const straight =
      this.ctx.keras3Globals === true &&
      code.exceptiontable.length === 0 &&
      ins.every((i) => i.argval.k !== "jump" && !/JUMP|SETUP|FOR_ITER|SEND|YIELD|RERAISE|PUSH_EXC/.test(i.opname));
    const stops = (g: Sym): boolean => straight && g.k === "unknown" && g.why.startsWith("NameError");
    const handlers = exceptionTable(code.exceptiontable);
    // An instruction a handler covers may raise: the handler starts with the stack cut to its depth, then
    // the raising instruction's offset (lasti) and the exception. The values below the depth are the
    // ones before the instruction only if it left them in place (compiled code always does); otherwise
    // (hand-made bytecode consuming them) the handler's stack is unknown.
    let covered: Array<{ h: (typeof handlers)[number]; pre: Sym[] }> = [];
    const enterHandlers = (): void => {
      for (const { h, pre } of covered) {
        const kept = pre.length === h.depth && st.length >= h.depth && pre.every((x, i) => st[i] === x);
        const entry = kept ? [...pre] : Array.from({ length: h.depth }, () => UNKNOWN("handler stack"));
        if (h.lasti) entry.push(UNKNOWN("lasti"));
        entry.push(this.exception);
        const prev = pending.get(h.target);
        pending.set(h.target, prev ? merge(prev, entry) : entry);
      }
      covered = [];
    };
    // Code no edge reaches (after a return, raise or unconditional jump, and no jump or handler targets
    // it) never runs in that version's interpreter: it is not evaluated (bytecode read under another
    // version's jump rules may leave a whole tail so)
    const targets = new Set<number>(handlers.map((h) => h.target));
    for (const i of ins) if (i.argval.k === "jump") targets.add(i.argval.v);
    for (inst of ins) {
      enterHandlers();
      const incoming = pending.get(inst.offset);
      if (!stack && !incoming && !targets.has(inst.offset)) continue;
      if (incoming) stack = stack ? merge(stack, incoming) : [...incoming];
      if (!stack) stack = [];
      st = stack;
      if (!NEVER_RAISES.has(inst.opname))
        for (const h of handlers) if (inst.offset >= h.start && inst.offset < h.end && h.target > inst.offset) covered.push({ h, pre: st.slice(0, h.depth) });
      const name = inst.opname;
      const a = inst.argval;
      const sval = (): string => (a.k === "name" || a.k === "local" || a.k === "free" ? a.v : "?");
      let handled = true;
      // `with m:` calls type(m).__enter__ and keeps m.__exit__ on the stack for the body: entering a
      // non-reentrant lock whose __exit__ is still there (held by an enclosing with) waits for ever
      const withMgr = /^(?:BEFORE_WITH|SETUP_WITH|BEFORE_ASYNC_WITH|SETUP_ASYNC_WITH)$/.test(name) ? st[st.length - 1] : undefined;
      // (the locks the enclosing with statements hold, at a call: a callee of the code's own entering one deadlocks)
      this.heldNow = undefined;
      if (/CALL/.test(name) && st.length > 0) {
        const now = new Set<LockCall>();
        for (const x of st) {
          const m = WITH_EXITS.get(x);
          if (m !== undefined) for (const o of lockOrigins(m)) now.add(o);
        }
        if (now.size > 0) this.heldNow = now;
      }
      if (withMgr !== undefined) {
        const held = lockOrigins(withMgr);
        if (held.size > 0) {
          const l = this.locksEntered.get(code) ?? new Set<LockCall>();
          for (const o of held) l.add(o);
          this.locksEntered.set(code, l);
        }
        if (held.size > 0 && st.some((x) => { const m = WITH_EXITS.get(x); return m !== undefined && [...lockOrigins(m)].some((o) => held.has(o)); })) {
          (this.ev.stops ??= []).push(`a with statement enters a non-reentrant lock (${[...held].map((o) => pathOf(o.fn) ?? "a lock").join(", ")}()) it already holds (deadlock)`);
        }
      }
      if (v <= 5 && (name === "CALL_FUNCTION" || name === "CALL_FUNCTION_VAR" || name === "CALL_FUNCTION_KW" || name === "CALL_FUNCTION_VAR_KW")) {
        // 3.5: func, positional args, (name, value) pairs, [*args], [**kwargs]
        const arg = inst.arg ?? 0;
        const kwargs = name === "CALL_FUNCTION_KW" || name === "CALL_FUNCTION_VAR_KW" ? pop() : undefined;
        const varargs = name === "CALL_FUNCTION_VAR" || name === "CALL_FUNCTION_VAR_KW" ? pop() : undefined;
        const kw: [string, Sym][] = [];
        for (let i = 0; i < ((arg >> 8) & 0xff); i++) {
          const val = pop();
          kw.unshift([str(pop()) ?? "?", val]);
        }
        const pos = popN(arg & 0xff);
        if (varargs) pos.push(...(varargs.k === "seq" ? varargs.items : (this.constItems(varargs) ?? []).map((x): Sym => ({ k: "const", v: x }))));
        if (kwargs) kw.push(["**", kwargs]);
        push(this.call(pop(), pos, kw, code, inst.offset, varargs !== undefined && varargs.k !== "seq" && this.constItems(varargs) === undefined));
        stack = st;
        continue;
      }
      switch (name) {
        case "LOAD_CONST":
          if (a.k === "const") {
            if (a.v.t === "str") this.ev.strings.push(a.v.v);
            push({ k: "const", v: a.v });
          } else push(UNKNOWN("const"));
          break;
        case "LOAD_SMALL_INT":
          push({ k: "const", v: { t: "int", v: BigInt(inst.arg ?? 0) } });
          break;
        case "RETURN_CONST": {
          const l = this.ev.returns.get(code) ?? [];
          keep(l, a.k === "const" ? { k: "const", v: a.v } : UNKNOWN("return"), 16);
          this.ev.returns.set(code, l);
          break;
        }
        case "LOAD_FAST_AND_CLEAR": {
          const prior = locals.get(sval());
          const mark: Sym = prior ? { ...prior } : UNKNOWN(`local ${sval()} (saved unbound)`);
          saved.set(mark, { name: sval(), prior });
          push(mark);
          break;
        }
        case "LOAD_FAST":
        case "LOAD_FAST_CHECK":
        case "LOAD_FAST_BORROW":
        case "LOAD_CLOSURE":
        case "LOAD_DEREF":
        case "LOAD_CLASSDEREF":
          push(load(sval()));
          break;
        case "LOAD_FROM_DICT_OR_DEREF":
          pop();
          push(load(sval()));
          break;
        case "LOAD_FAST_LOAD_FAST":
        case "LOAD_FAST_BORROW_LOAD_FAST_BORROW":
          if (a.k === "names2") push(load(a.v[0]), load(a.v[1]));
          else push(UNKNOWN("local"), UNKNOWN("local"));
          break;
        case "STORE_FAST_LOAD_FAST":
          if (a.k === "names2") {
            store(a.v[0], pop());
            push(load(a.v[1]));
          }
          break;
        case "STORE_FAST_STORE_FAST":
          if (a.k === "names2") {
            store(a.v[0], pop());
            store(a.v[1], pop());
          }
          break;
        case "STORE_FAST":
        case "STORE_DEREF":
          store(sval(), pop());
          break;
        case "STORE_NAME":
        case "STORE_GLOBAL":
          if (name === "STORE_NAME") {
            // (a class body's names are the class's attributes: class P: m = os; P.m is os)
            const byCode = (this.next.nameStores ??= new Map());
            const m = byCode.get(code) ?? new Map<string, Sym[]>();
            const l = m.get(sval()) ?? [];
            keep(l, st[st.length - 1] ?? UNKNOWN("stored"), 16);
            m.set(sval(), l);
            byCode.set(code, m);
          }
          // (a global is read back by any function of the module, under any name that reaches it)
          if (name === "STORE_GLOBAL") {
            const val = st[st.length - 1] ?? UNKNOWN("stored");
            this.escape(val);
            const m = (this.next.globalStores ??= new Map());
            const l = m.get(sval()) ?? [];
            keep(l, val, 16);
            m.set(sval(), l);
          }
          store(sval(), pop());
          this.ev.stores.push(`global ${sval()}`);
          break;
        case "LOAD_GLOBAL": {
          const g = this.storedGlobal(sval(), this.global(sval()));
          if (stops(g)) return;
          const nul = v >= 11 && ((inst.arg ?? 0) & 1) === 1;
          if (nul && v <= 12) push({ k: "null" }, g);
          else if (nul) push(g, { k: "null" });
          else push(g);
          break;
        }
        case "LOAD_NAME": {
          const g = this.global(sval());
          if (stops(g)) return;
          push(g);
          break;
        }
        case "LOAD_FROM_DICT_OR_GLOBALS":
          pop();
          push(this.global(sval()));
          break;
        case "LOAD_BUILD_CLASS":
          push(this.ref("builtins.__build_class__"));
          break;
        case "LOAD_ASSERTION_ERROR":
          push(this.ref("builtins.AssertionError"));
          break;
        case "LOAD_COMMON_CONSTANT": {
          const cc = t.raw.common_constants?.[inst.arg ?? 0];
          push(cc ? this.ref(`builtins.${cc}`) : UNKNOWN("common constant"));
          break;
        }
        case "PUSH_NULL":
          push({ k: "null" });
          break;
        case "LOAD_ATTR": {
          const obj = pop();
          const at = this.attr(obj, sval());
          if (v <= 7) this.attrLoads.add(at);
          if (v >= 12 && ((inst.arg ?? 0) & 1) === 1) push(at, obj);
          else push(at);
          break;
        }
        case "LOAD_METHOD": {
          const obj = pop();
          push(this.attr(obj, sval()), obj);
          break;
        }
        case "STORE_ATTR": {
          const obj = pop();
          const val = pop();
          this.attrDunders(obj, sval(), val);
          const p = pathOf(obj);
          // an object a library call hands back is shared state (logging.getLogger(), its manager): a store
          // on it changes the process
          const owner = sharedOwner(obj);
          if (p !== undefined) this.ev.stores.push(`${p}.${sval()}`);
          else if (owner !== undefined) this.ev.stores.push(`${owner}(...).${sval()}`);
          if (p === undefined) {
            const m = (this.next.attrStores ??= new Map());
            const l = m.get(sval()) ?? [];
            keep(l, val, 16);
            m.set(sval(), l);
          }
          if (DUNDER_RISKY.has(sval())) this.ev.dunders.push(sval());
          break;
        }
        case "DELETE_ATTR": {
          const obj = pop();
          this.attrDunders(obj, sval());
          const p = pathOf(obj);
          const owner = sharedOwner(obj);
          if (p !== undefined) this.ev.stores.push(`del ${p}.${sval()}`);
          else if (owner !== undefined) this.ev.stores.push(`del ${owner}(...).${sval()}`);
          break;
        }
        case "STORE_SUBSCR": {
          const [key, container] = [pop(), pop()];
          const val = pop();
          this.operatorDunders(["__setitem__"], [container, key, val]);
          const p = pathOf(container);
          const shared = sharedContainer(container);
          if (p !== undefined) this.ev.stores.push(`${p}[...]`);
          else if (shared !== undefined) this.ev.stores.push(`${shared}[...]`);
          else this.intoContainer(val);
          break;
        }
        case "DELETE_SUBSCR": {
          const [key, container] = [pop(), pop()];
          this.operatorDunders(["__delitem__"], [container, key]);
          const p = pathOf(container);
          const shared = sharedContainer(container);
          if (p !== undefined) this.ev.stores.push(`del ${p}[...]`);
          else if (shared !== undefined) this.ev.stores.push(`del ${shared}[...]`);
          else this.intoContainer();
          break;
        }
        case "STORE_SLICE": {
          const [, , container, val] = popN(4).reverse() as [Sym, Sym, Sym, Sym];
          const p = pathOf(container);
          const shared = sharedContainer(container);
          if (p !== undefined) this.ev.stores.push(`${p}[...]`);
          else if (shared !== undefined) this.ev.stores.push(`${shared}[...]`);
          else this.intoContainer(val);
          break;
        }
        case "RETURN_VALUE":
        case "YIELD_VALUE": {
          const r = st[st.length - 1] ?? UNKNOWN("return");
          // (what a generator yields goes to whatever iterates it: next(), a for loop, list(), a C consumer)
          if (name === "YIELD_VALUE") this.escape(r);
          const l = this.ev.returns.get(code) ?? [];
          keep(l, r, 16);
          this.ev.returns.set(code, l);
          generic(false);
          // (a yield expression's result is what the generator is resumed with: None by next() or a for loop, any value a
          // send() of this code's generator passes, fail closed anything sent into a generator not known to be its own)
          if (name === "YIELD_VALUE" && st.length > 0) st[st.length - 1] = this.sentInto(code);
          break;
        }
        case "IMPORT_NAME": {
          const [levelSym, fromlist] = [pop(), pop()].reverse() as [Sym, Sym];
          const lv = constOf(levelSym);
          const level = lv?.t === "int" && lv.v > 0n && lv.v < 64n ? Number(lv.v) : 0;
          const name = sval();
          let mod = name;
          if (level > 0) {
            // `from ..a import b`: importlib resolves against the __package__ of the function's globals
            // (what the loader gives: Keras 3 python_utils', tf_keras the Lambda module's merged with the
            // config module's); beyond the top-level package it raises ImportError.
            const resolved = relativeImports(name, level, this.ctx);
            if (resolved.length === 0) {
              push(UNKNOWN(`relative import ${".".repeat(level)}${name} beyond the top-level package`));
              break;
            }
            // a module that does not exist under a loader's package raises ImportError there: the
            // first one the name data knows is the one imported
            mod = resolved.find((x) => isKnownNamespace(x)) ?? resolved[0]!;
            // the others are judged as imports too, except modules a loader package does not have
            for (const x of resolved) if (x !== mod && (isKnownNamespace(x) || !/^(?:tf_keras|keras|tensorflow)\./.test(x))) this.ev.imports.push(x);
            if (resolved.length > 1) this.relativeAlts.set(mod, resolved);
          }
          this.ev.imports.push(mod);
          const fl = constOf(fromlist);
          const full = fl !== undefined && fl.t === "tuple" && fl.items.length > 0;
          push(this.ref(full ? mod : mod.split(".")[0]!));
          break;
        }
        case "IMPORT_FROM": {
          const m = st[st.length - 1] ?? UNKNOWN("module");
          const name = sval();
          const alts = m.k === "ref" ? this.relativeAlts.get(m.path) : undefined;
          if (alts) {
            // from a relative import: the name under every loader's package that has it, a denied one first
            const known = alts.filter((a) => lookupName(`${a}.${name}`) !== undefined || isKnownNamespace(`${a}.${name}`));
            const pick = known.find((a) => judgeTarget(`${a}.${name}`).verdict === "deny") ?? known[0];
            if (pick !== undefined) {
              push(this.attr({ k: "ref", path: pick }, name));
              break;
            }
          }
          push(this.attr(m, name));
          break;
        }
        case "IMPORT_STAR": {
          const m = pop();
          const p = pathOf(m);
          if (p) this.ev.imports.push(`${p}.*`);
          break;
        }
        case "BINARY_SUBSCR": {
          const key = pop();
          push(this.subscript(pop(), key));
          break;
        }
        case "BINARY_SLICE": {
          const end = pop();
          const start = pop();
          const obj = pop();
          const sc = constOf(start);
          const ec = constOf(end);
          const key: Sym = sc && ec ? { k: "const", v: { t: "slice", start: sc, stop: ec, step: { t: "none" } } } : { k: "op", op: ":", operands: [start, end] };
          push(this.subscript(obj, key));
          break;
        }
        case "BUILD_SLICE": {
          const parts = popN(inst.arg === 3 ? 3 : 2);
          const cs = parts.map(constOf);
          if (cs.every((x): x is PyValue => x !== undefined)) push({ k: "const", v: { t: "slice", start: cs[0]!, stop: cs[1]!, step: cs[2] ?? { t: "none" } } });
          else push({ k: "op", op: ":", operands: parts });
          break;
        }
        case "BINARY_OP": {
          const sym = t.raw.nb_ops?.[inst.arg ?? 0] ?? "?";
          const b = pop();
          push(this.binop(sym.replace(/=$/, ""), pop(), b));
          break;
        }
        case "COMPARE_OP":
        case "IS_OP":
        case "CONTAINS_OP": {
          const b = pop();
          const op = a.k === "compare" ? a.v : name === "IS_OP" ? "is" : "in";
          const left = pop();
          const dn = op === "in" || op === "not in" ? ["__contains__", "__iter__", "__getitem__"] : COMPARE_DUNDERS[op];
          if (dn !== undefined) this.operatorDunders(dn, [left, b]);
          const never = op === "in" || op === "not in" ? this.unstoppable("in", b, left) : undefined;
          if (never !== undefined) (this.ev.stops ??= []).push(never);
          push({ k: "op", op, operands: [left, b] });
          break;
        }
        case "BUILD_TUPLE":
        case "BUILD_LIST":
        case "BUILD_SET": {
          const items = popN(inst.arg ?? 0);
          // (a module put into a container may come back by any read of it: escaped, like one handed to a call)
          this.escape(...items);
          push({ k: "seq", kind: name === "BUILD_TUPLE" ? "tuple" : name === "BUILD_LIST" ? "list" : "set", items });
          break;
        }
        case "LIST_EXTEND":
        case "SET_UPDATE": {
          const it = pop();
          const target = st[st.length - (inst.arg ?? 1)];
          const items = this.constItems(it);
          if (target && target.k === "seq" && items && it.k !== "seq") target.items = [...target.items, ...items.map((x): Sym => ({ k: "const", v: x }))];
          else if (target && target.k === "seq" && it.k === "seq") target.items = [...target.items, ...it.items];
          else if (target) st[st.length - (inst.arg ?? 1)] = UNKNOWN("extended");
          break;
        }
        case "LIST_APPEND":
        case "SET_ADD": {
          const it = pop();
          this.escape(it);
          const target = st[st.length - (inst.arg ?? 1)];
          if (target && target.k === "seq") target.items = [...target.items, it];
          break;
        }
        case "BUILD_MAP": {
          // {k: v, ...}: kept as key/value operands so ** mappings and d["key"] can be read
          const parts = popN(2 * (inst.arg ?? 0));
          this.escape(...parts);
          push({ k: "op", op: "dict", operands: parts });
          break;
        }
        case "BUILD_CONST_KEY_MAP": {
          const keys = constOf(pop());
          const vals = popN(inst.arg ?? 0);
          this.escape(...vals);
          if (keys?.t === "tuple" && keys.items.length === vals.length) push({ k: "op", op: "dict", operands: vals.flatMap((v, i): Sym[] => [{ k: "const", v: keys.items[i]! }, v]) });
          else push(UNKNOWN("dict"));
          break;
        }
        case "DICT_MERGE":
        case "DICT_UPDATE": {
          const it = pop();
          const i = st.length - (inst.arg ?? 1);
          const target = st[i];
          if (target && target.k === "op" && target.op === "dict" && it.k === "op" && it.op === "dict") st[i] = { k: "op", op: "dict", operands: [...target.operands, ...it.operands] };
          else if (target) st[i] = UNKNOWN("dict update");
          break;
        }
        case "BUILD_MAP_UNPACK":
        case "BUILD_MAP_UNPACK_WITH_CALL": {
          const maps = popN((inst.arg ?? 0) & 0xff);
          push(maps.every((m) => m.k === "op" && m.op === "dict") ? { k: "op", op: "dict", operands: maps.flatMap((m) => (m.k === "op" ? m.operands : [])) } : UNKNOWN("dict unpack"));
          break;
        }
        case "LIST_TO_TUPLE": {
          const l = pop();
          push(l.k === "seq" ? { ...l, kind: "tuple" } : l);
          break;
        }
        case "CALL_INTRINSIC_1": {
          const x = pop();
          const what = t.raw.intrinsic1?.[inst.arg ?? 0];
          if (what === "INTRINSIC_LIST_TO_TUPLE") push(x.k === "seq" ? { ...x, kind: "tuple" } : x);
          else if (what === "INTRINSIC_IMPORT_STAR") {
            const p = pathOf(x);
            if (p) this.ev.imports.push(`${p}.*`);
            push(UNKNOWN("import *"));
          } else push(UNKNOWN(what ?? "intrinsic"));
          break;
        }
        case "BUILD_STRING": {
          const parts = popN(inst.arg ?? 0);
          const ss = parts.map(str);
          push(ss.every((x): x is string => x !== undefined) ? S(ss.join("")) : { k: "op", op: "f-string", operands: parts });
          break;
        }
        case "FORMAT_VALUE": {
          const spec = (inst.arg ?? 0) & 4 ? pop() : undefined;
          const x = pop();
          if (spec !== undefined) this.formatSpecSize(spec);
          const conv = (inst.arg ?? 0) & 3;
          push(!spec && conv === 0 && str(x) !== undefined ? x : { k: "op", op: "format", operands: spec ? [x, spec] : [x] });
          break;
        }
        case "FORMAT_SIMPLE": {
          const x = pop();
          push(str(x) !== undefined ? x : { k: "op", op: "format", operands: [x] });
          break;
        }
        case "FORMAT_WITH_SPEC": {
          const spec = pop();
          this.formatSpecSize(spec);
          push({ k: "op", op: "format", operands: [pop(), spec] });
          break;
        }
        case "MAKE_CLOSURE":
        case "MAKE_FUNCTION": {
          const e = stackEffect(t, inst.op, inst.arg ?? 0, false) ?? 0;
          const parts = popN(1 - e);
          const c = parts.map(constOf).find((x) => x?.t === "code");
          // its defaults and keyword defaults may bind its parameters (not its closure cells or annotations)
          if (c && c.t === "code") this.bindParams(c.code, functionDefaults(parts, inst.arg ?? 0, v));
          push(c && c.t === "code" ? { k: "func", code: c.code } : UNKNOWN("function"));
          break;
        }
        case "SET_FUNCTION_ATTRIBUTE": {
          const fnv = pop();
          const attrv = pop();
          if (fnv.k === "func" && ((inst.arg ?? 0) & 3) !== 0) this.bindParams(fnv.code, spread(attrv));
          push(fnv);
          break;
        }
        case "MATCH_CLASS": {
          // case C(p0, k=v): the subject's attributes, by the names C.__match_args__ gives (positional: any
          // attribute, carried) and by the constant keyword names (getattr of each, as a LOAD_ATTR)
          const names = pop();
          pop(); // the class
          const subject = pop();
          const kw = this.constItems(names)?.map((x) => (x.t === "str" ? x.v : undefined));
          const pos = Array.from({ length: inst.arg ?? 0 }, (): Sym => ({ k: "unknown", why: "an attribute the class's __match_args__ names (carried)", alts: [subject, UNKNOWN("match attribute")] }));
          const byName = kw ? kw.map((n): Sym => (n !== undefined ? this.attr(subject, n) : { k: "unknown", why: "a matched attribute (carried)", alts: [subject, UNKNOWN("match attribute")] })) : [{ k: "unknown" as const, why: "matched attributes (carried)", alts: [subject, UNKNOWN("match attribute")] }];
          const tuple: Sym = kw ? { k: "seq", kind: "tuple", items: [...pos, ...byName] } : byName[0]!;
          if (v === 10) push(tuple, UNKNOWN("match succeeded"));
          else push(tuple);
          break;
        }
        case "MATCH_KEYS": {
          // case {"k": v}: the subject's items at the pattern's constant keys (a subscript each)
          const keys = st[st.length - 1] ?? UNKNOWN("keys");
          const subject = st[st.length - 2] ?? UNKNOWN("subject");
          const ks = this.constItems(keys);
          const values: Sym = ks ? { k: "seq", kind: "tuple", items: ks.map((k) => this.subscript(subject, { k: "const", v: k })) } : { k: "unknown", why: "matched items (carried)", alts: [subject, UNKNOWN("match item")] };
          if (v === 10) push(values, UNKNOWN("match succeeded"));
          else push(values);
          break;
        }
        case "UNPACK_EX": {
          // a, *b, c = v: the items before and after the star, the starred part a list of the rest
          const val = pop();
          const before = (inst.arg ?? 0) & 0xff;
          const after = (inst.arg ?? 0) >> 8;
          const d = deref(val);
          let items: Sym[];
          if (d.k === "seq" && d.items.length >= before + after) {
            items = [...d.items.slice(0, before), { k: "seq", kind: "list", items: d.items.slice(before, d.items.length - after) }, ...d.items.slice(d.items.length - after)];
          } else items = Array.from({ length: before + 1 + after }, (): Sym => ({ k: "unknown", why: "an item of the unpacked value (carried)", alts: [val] }));
          push(...items.reverse());
          break;
        }
        case "RAISE_VARARGS": {
          // raise E / raise E from C: what a handler catches may be E (its args carry what it was given); an
          // exception the loader's except Exception does not catch ends the process
          const n = inst.arg ?? 0;
          const vals = popN(n);
          if (vals[0] && this.caught.length < 48) this.caught.push(vals[0]);
          const stop = vals[0] ? notAnException(vals[0]) : undefined;
          if (stop !== undefined) (this.ev.stops ??= []).push(`raise ${stop} (not an Exception: the loader's and the host's except Exception do not catch it)`);
          break;
        }
        case "CHECK_EG_MATCH": {
          // except* E: the rest and the matched subgroup of the caught group
          popN(2);
          push(this.exception, this.exception);
          break;
        }
        case "UNPACK_SEQUENCE": {
          // a, b = v: the items of a built sequence, else items of v (values only if v is one)
          const val = pop();
          const n = inst.arg ?? 0;
          const d = deref(val);
          const seqs = d.k === "unknown" ? (d.alts ?? []).map(deref).filter((x): x is Extract<Sym, { k: "seq" }> => x.k === "seq" && x.items.length === n) : [];
          if (d.k === "seq" && d.items.length === n) push(...[...d.items].reverse());
          // (each alternative that is such a sequence gives its item at the position: for i, m in enumerate([os]))
          else for (let i = n - 1; i >= 0; i--) push({ k: "unknown", why: "an item of the unpacked value (carried)", alts: [...seqs.map((x) => x.items[i]!), val] });
          break;
        }
        case "POP_TOP":
          pop();
          break;
        case "DUP_TOP":
          push(st[st.length - 1] ?? UNKNOWN("dup"));
          break;
        case "DUP_TOP_TWO": {
          const x = st[st.length - 2] ?? UNKNOWN("dup");
          const y = st[st.length - 1] ?? UNKNOWN("dup");
          push(x, y);
          break;
        }
        case "COPY":
          push(st[st.length - (inst.arg ?? 1)] ?? UNKNOWN("copy"));
          break;
        case "ROT_TWO":
        case "ROT_THREE":
        case "ROT_FOUR":
        case "ROT_N": {
          const n = name === "ROT_TWO" ? 2 : name === "ROT_THREE" ? 3 : name === "ROT_FOUR" ? 4 : inst.arg ?? 0;
          if (n > 1 && st.length >= n) {
            const top = st.pop()!;
            st.splice(st.length - (n - 1), 0, top);
          }
          break;
        }
        case "SWAP": {
          const n = inst.arg ?? 2;
          if (st.length >= n) {
            const i = st.length - 1;
            const j = st.length - n;
            [st[i], st[j]] = [st[j]!, st[i]!];
          }
          break;
        }
        case "KW_NAMES":
          kwnames = a.k === "const" && a.v.t === "tuple" ? a.v.items.map((x) => (x.t === "str" ? x.v : "?")) : [];
          break;
        case "PRECALL":
          break;
        case "CALL_FUNCTION":
        case "CALL_METHOD":
        case "CALL_FUNCTION_KW":
        case "CALL":
        case "CALL_KW": {
          let names: string[] = [];
          if (name === "CALL_FUNCTION_KW" || name === "CALL_KW") {
            const kn = constOf(pop());
            names = kn?.t === "tuple" ? kn.items.map((x) => (x.t === "str" ? x.v : "?")) : [];
          } else if (name === "CALL" && kwnames) {
            names = kwnames;
          }
          kwnames = undefined;
          const all = popN(inst.arg ?? 0);
          const pos = all.slice(0, all.length - names.length);
          const kw = names.map((k, i): [string, Sym] => [k, all[pos.length + i]!]);
          let fn: Sym;
          if (name === "CALL_FUNCTION" || name === "CALL_FUNCTION_KW") {
            fn = pop();
            // 3.7+ compiles every plain `a.b(x)` call to LOAD_METHOD/CALL_METHOD: this is 3.6 bytecode.
            if (name === "CALL_FUNCTION" && this.attrLoads.has(fn)) this.ev.plainAttrCalls++;
          }
          else {
            // [NULL, callable] (3.11/3.12), [callable, NULL] (3.13+) or [method, self]
            const top = pop();
            const below = pop();
            fn = below.k === "null" ? top : below;
            // [function, self]: self is its first argument (3.11+ comprehensions pass the iterator so)
            if (below.k !== "null" && below.k === "func" && top.k !== "null") this.bindParams(below.code, [top]);
            // [decorator, function] (a decorator loaded without a NULL: @staticmethod def take): the function is its argument
            if (below.k !== "null" && below.k !== "attr" && top.k === "func") pos.unshift(top);
          }
          push(this.call(fn, pos, kw, code, inst.offset));
          break;
        }
        case "CALL_FUNCTION_EX": {
          const hasKw = v >= 14 ? true : ((inst.arg ?? 0) & 1) === 1;
          const kwargs = hasKw ? pop() : undefined;
          const args = pop();
          let fn: Sym;
          if (v <= 10) fn = pop();
          else {
            const top = pop();
            const below = pop();
            fn = below.k === "null" ? top : below;
          }
          const pos = args.k === "seq" ? args.items : (this.constItems(args) ?? []).map((x): Sym => ({ k: "const", v: x }));
          // (a growing reducer given its items by a star: math.lcm(*range(1, 10 ** 7)))
          const starRed = args.k !== "seq" && pathOf(deref(fn)) === "math.lcm" ? starReducer(args) : undefined;
          if (starRed !== undefined) (this.ev.stops ??= []).push(starRed);
          const kw: [string, Sym][] = kwargs && kwargs.k !== "null" ? [["**", kwargs]] : [];
          push(this.call(fn, pos, kw, code, inst.offset, args.k !== "seq" && this.constItems(args) === undefined));
          break;
        }
        default:
          handled = false;
      }
      if (!handled) {
        const bin = BINOPS_OLD[name];
        const un = UNARY[name];
        if (bin) {
          const b = pop();
          push(this.binop(bin, pop(), b));
        } else if (un) {
          push({ k: "op", op: un, operands: [pop()] });
        } else if (a.k !== "jump") {
          generic(false);
        }
      }
      if ((name === "FOR_ITER" || name === "INSTRUMENTED_FOR_ITER") && st.length >= 1) {
        const m = this.forIters.get(code) ?? new Map<number, Sym[]>();
        const l = m.get(inst.offset) ?? [];
        keep(l, st[st.length - 1]!, 8);
        m.set(inst.offset, l);
        this.forIters.set(code, m);
      }
      // Control flow: record the state each jump carries to its target.
      if (a.k === "jump") {
        if (!handled) {
          this.work += st.length + 1;
          if (this.work > MAX_COPY_WORK) throw new LimitError("Lambda bytecode: control flow too large to evaluate");
          const branch = [...st];
          const eJ = stackEffect(t, inst.op, inst.arg ?? 0, true) ?? 0;
          if (eJ < 0) branch.splice(Math.max(0, branch.length + eJ));
          // a handler (SETUP_FINALLY/SETUP_EXCEPT ...) starts with the caught exception's parts
          else for (let i = 0; i < eJ; i++) branch.push(name.startsWith("SETUP_") ? this.exception : UNKNOWN(name));
          if (a.v > inst.offset) {
            const prev = pending.get(a.v);
            pending.set(a.v, prev ? merge(prev, branch) : branch);
          }
          generic(false);
          // the loop variable is an item of the iterated value: a value only if that value is one
          // (any of its items, when the code built what it iterates: for m in (os,), enumerate([os]))
          if ((name === "FOR_ITER" || name === "INSTRUMENTED_FOR_ITER") && st.length >= 2) st[st.length - 1] = { k: "unknown", why: this.next.mutated || this.carried?.mutated ? ITEM_OF_MUTABLE : ITEM_OF_ITERATED, alts: [...(iterItems(st[st.length - 2]!) ?? []), st[st.length - 2]!] };
        }
      }
      // the managed object's __exit__, under the value __enter__ returned
      if (withMgr !== undefined && st.length >= 2) {
        const marker = { ...st[st.length - 2]! };
        WITH_EXITS.set(marker, withMgr);
        st[st.length - 2] = marker;
      }
      stack = UNCONDITIONAL.has(name) ? undefined : st;
    }
  }
}

/** The body of a class the code builds itself (a class statement's result, `__build_class__(body, name, ...)`). */
export function ownClassBody(x: Sym, depth = 0): CodeObject | undefined {
  const d = x.k === "arg" && x.value ? x.value : x;
  if (d.k === "unknown" && d.alts?.length && depth < 4) {
    // a carried local (the class bound to a name): every value it may hold is the same class
    const bodies = d.alts.map((a) => ownClassBody(a, depth + 1));
    return bodies.every((b) => b !== undefined && b === bodies[0]) ? bodies[0] : undefined;
  }
  if (d.k !== "call" || pathOf(d.fn) !== "builtins.__build_class__") return undefined;
  const b = d.args[0];
  const body = b?.k === "arg" && b.value ? b.value : b;
  return body?.k === "func" ? body.code : undefined;
}

/** The body of the code's own class an object is an instance of (`P(1)` where P is a class statement's result). */
export function ownInstanceClassBody(x: Sym, depth = 0): CodeObject | undefined {
  const d = x.k === "arg" && x.value ? x.value : x;
  if (d.k === "unknown" && d.alts?.length && depth < 4) {
    const bodies = d.alts.map((a) => ownInstanceClassBody(a, depth + 1));
    return bodies.every((b) => b !== undefined && b === bodies[0]) ? bodies[0] : undefined;
  }
  return d.k === "call" ? ownClassBody(d.fn) : undefined;
}

/** Whether a class body defines a function of this name (a method the class holds, not one it inherits). */
export function definesMethod(body: CodeObject, name: string): boolean {
  return body.names.includes(name) && body.consts.some((k) => k.t === "code" && k.code.name === name);
}

type LockCall = Extract<Sym, { k: "call" }>;

/** The stack entries a with statement leaves for its body (the manager's __exit__): the managed object of each. */
const WITH_EXITS = new WeakMap<Sym, Sym>();

/** Factories of locks a thread cannot enter twice (a semaphore built with no count or a count of 1). */
const NON_REENTRANT_LOCKS = /^(?:threading\.(?:Lock|Semaphore|BoundedSemaphore)|_thread\.(?:allocate_lock|LockType|allocate)|multiprocessing\.(?:Lock|Semaphore|BoundedSemaphore)|multiprocessing\.synchronize\.(?:Lock|Semaphore|BoundedSemaphore)|asyncio\.Lock)$/;

/** The non-reentrant lock objects (their factory calls) a value may be. */
function lockOrigins(x: Sym, depth = 0, out = new Set<Extract<Sym, { k: "call" }>>()): Set<Extract<Sym, { k: "call" }>> {
  const d = deref(x);
  if (depth > 4) return out;
  if (d.k === "unknown") for (const a of d.alts ?? []) lockOrigins(a, depth + 1, out);
  else if (d.k === "call") {
    const p = pathOf(d.fn);
    const count = d.args[0] ?? d.kw.find(([k]) => k === "value")?.[1];
    const n = count ? intValue(count) : 1n;
    if (p !== undefined && NON_REENTRANT_LOCKS.test(p) && (!/Semaphore/.test(p) || n === 1n)) out.add(d);
  }
  return out;
}

/** Bits a constant integer result may have before its arithmetic alone stalls the load (squaring chains, printing). */
const MAX_INT_BITS = 10_000_000;
/** The largest constant math.factorial argument computed in seconds. */
const MAX_FACTORIAL = 2_000_000n;
/** Items a repeated constant sequence may have before building it stalls the load or exhausts memory. */
const MAX_REPEAT_ITEMS = 100_000_000;
/** Bits up to which the evaluator folds integer arithmetic on constants itself. */
const FOLD_INT_BITS = 4096;

function bitLength(v: bigint): number {
  return (v < 0n ? -v : v).toString(2).length;
}

/** About log2 of the magnitude of an integer-valued symbol (a constant or arithmetic on constants), when known. */
function intBits(s: Sym, depth = 0): number | undefined {
  const d = deref(s);
  const iv = intValue(d);
  if (iv !== undefined) return iv === 0n ? 0 : bitLength(iv);
  const c = constOf(d);
  if (c?.t === "int") return c.v === 0n ? 0 : bitLength(c.v);
  if (c?.t === "bool") return 1;
  if (d.k !== "op" || d.operands.length !== 2 || depth > 16) return undefined;
  return resultBits(d.op, d.operands[0]!, d.operands[1]!, depth + 1);
}

/** The value of a small integer constant or of small integer arithmetic on constants (10 ** 9), when known. */
function intValue(s: Sym, depth = 0): bigint | undefined {
  const d = deref(s);
  const c = constOf(d);
  if (c?.t === "int") return c.v;
  if (c?.t === "bool") return c.v ? 1n : 0n;
  // int(1e9), int('1000000000'), int(float('1e9')), round(1e9): folded as Python converts them
  if (d.k === "call" && d.kw.length === 0 && d.args.length === 1 && depth <= 16) {
    const p = pathOf(d.fn);
    if (p === "builtins.int" || p === "builtins.round" || p === "math.floor" || p === "math.ceil" || p === "math.trunc") {
      const a = d.args[0]!;
      const raw = p === "builtins.int" ? str(a) : undefined;
      const digits = raw !== undefined && raw.length <= 5000 ? pyNumberText(raw) : undefined;
      // (a string of decimal digits, as int() reads it; 3.11+ refuse more than 4300 digits)
      if (digits !== undefined && /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(digits) && digits.length <= 5000) return BigInt(digits.trim().replace(/_/g, ""));
      const iv = intValue(a, depth + 1);
      if (iv !== undefined) return iv;
      const f = floatValue(a, depth + 1);
      if (f !== undefined && Number.isFinite(f) && Math.abs(f) < 1e300) {
        const r = p === "builtins.round" ? Math.round(f) : p === "math.floor" ? Math.floor(f) : p === "math.ceil" ? Math.ceil(f) : Math.trunc(f);
        return BigInt(r);
      }
    }
  }
  if (d.k !== "op" || d.operands.length !== 2 || depth > 16) return undefined;
  const x = intValue(d.operands[0]!, depth + 1);
  const y = x === undefined ? undefined : intValue(d.operands[1]!, depth + 1);
  return x !== undefined && y !== undefined ? foldInt(d.op, x, y) : undefined;
}

/** The value of a float constant, a float() of a numeric string or constant (float('1e9')), when known. */
function floatValue(s: Sym, depth = 0): number | undefined {
  const d = deref(s);
  const c = constOf(d);
  if (c?.t === "float") return c.v;
  if (c?.t === "int") return Number(c.v);
  if (d.k === "call" && pathOf(d.fn) === "builtins.float" && d.args.length === 1 && d.kw.length === 0 && depth <= 16) {
    const t = str(d.args[0]!);
    if (t !== undefined && /^\s*[+-]?(?:\d+(?:_\d+)*\.?\d*(?:_\d+)*|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(t)) return Number(t.trim().replace(/_/g, ""));
    const iv = intValue(d.args[0]!, depth + 1);
    if (iv !== undefined) return Number(iv);
  }
  return undefined;
}

/** Methods of a str, bytes or list that scan the whole of it (each call is as long as it is). */
const SCANNING_METHODS = /^(?:count|find|rfind|index|rindex|replace|split|rsplit|splitlines|join|translate|upper|lower|strip|encode|decode|startswith|endswith|partition|rpartition|expandtabs|casefold|swapcase|title|zfill|center|ljust|rjust|copy|sort|reverse)$/;

/**
 * The work of a for loop's passes weighed by what each costs (in plain passes, ~30 ns each): an integer power x ** k
 * with k a constant and x the loop variable of a range or a constant (~7 ns x (result words) ** 1.585: i ** 1000 of a
 * 20-bit i is about 2000 passes); a scanning method of, or `in` on, a str/bytes local the code stores once to a
 * constant or a repeated constant (its length / 100); a sequence made by repetition (seqUnit). Passes of the loops
 * around each costly step (for loops and counted while loops) x its weight, summed, beyond MAX_LOOP_PASSES: why, else
 * undefined.
 */
function costlyPasses(ins: Instruction[], its: Map<number, Sym[]> | undefined, passes: Map<number, bigint>, nbOps: string[]): string | undefined {
  if (!ins.some((i) => i.argval.k === "jump" && i.argval.v <= i.offset && /JUMP/.test(i.opname))) return undefined;
  const loops = ins.filter((i) => /FOR_ITER$/.test(i.opname) && i.argval.k === "jump").map((i) => ({ at: i.offset, end: i.argval.k === "jump" ? i.argval.v : i.offset, x: (() => { const n = ins[ins.indexOf(i) + 1]; return n?.opname === "STORE_FAST" && n.argval.k === "local" ? n.argval.v : undefined; })() }));
  const innermost = (off: number): { at: number; end: number; x: string | undefined } | undefined => loops.filter((l) => l.at < off && off < l.end).reduce<{ at: number; end: number; x: string | undefined } | undefined>((m, l) => (m === undefined || l.at > m.at ? l : m), undefined);
  // (the bits of a local: the loop variable of a range, the largest bound's)
  const varBits = (x: string, off: number): number | undefined => {
    const l = loops.filter((q) => q.x === x && q.at < off && off < q.end).pop();
    const vals = l === undefined ? [] : (its?.get(l.at) ?? []);
    if (vals.length === 0) return undefined;
    let bits = 0;
    for (const v of vals) {
      let d = deref(v);
      if (d.k === "unknown" && d.alts?.length && /^(?:GET_ITER|GET_AITER) /.test(d.why)) d = deref(d.alts[0]!);
      if (d.k !== "call" || pathOf(d.fn) !== "builtins.range") return undefined;
      const ra = d.args.map((a) => intValue(a));
      if (ra.some((a) => a === undefined) || ra.length === 0) return undefined;
      bits = Math.max(bits, ...ra.slice(0, 2).map((a) => bitLength(a!)));
    }
    return bits;
  };
  // (the length of a str/bytes local stored once: a constant, or a constant repeated by a constant)
  const stores = new Map<string, number>();
  for (const i of ins) if (i.opname === "STORE_FAST" && i.argval.k === "local") stores.set(i.argval.v, (stores.get(i.argval.v) ?? 0) + 1);
  const strLen = (x: string): bigint | undefined => {
    if (stores.get(x) !== 1) return undefined;
    const k = ins.findIndex((i) => i.opname === "STORE_FAST" && i.argval.k === "local" && i.argval.v === x);
    const sc = (i: Instruction | undefined): number | undefined => (i?.opname === "LOAD_CONST" && i.argval.k === "const" && (i.argval.v.t === "str" || i.argval.v.t === "bytes") ? i.argval.v.v.length : undefined);
    const c0 = sc(ins[k - 1]);
    if (c0 !== undefined) return BigInt(c0);
    const op = ins[k - 1];
    const sym = op === undefined ? undefined : op.opname === "BINARY_OP" ? (nbOps[op.arg ?? 0] ?? "?").replace(/=$/, "") : BINOPS_OLD[op.opname];
    if (sym !== "*") return undefined;
    const [a, b] = [ins[k - 3], ins[k - 2]];
    const l = sc(a) ?? sc(b);
    const n = sc(a) !== undefined ? constIntOf(b) : constIntOf(a);
    return l !== undefined && n !== undefined && n > 0n ? BigInt(l) * n : undefined;
  };
  let total = 0;
  let what = "";
  const real = ins.filter((i) => !/^(?:CACHE|EXTENDED_ARG)$/.test(i.opname));
  // (the passes around an instruction: its innermost for loop's (times the for loops around it), times the counted
  // while loops around it)
  const whiles = whileCounts(ins, nbOps);
  const once = onceConsts(ins);
  const around = (off: number): number => {
    const l = innermost(off);
    let m = l === undefined ? 1n : (passes.get(l.at) ?? 1n);
    for (const w of whiles) if (w.lo <= off && off <= w.hi) m *= w.passes;
    return Number(m > LENGTH_CAP ? LENGTH_CAP : m);
  };
  // (the plain passes one repetition of a sequence costs, measured on CPython 3.11: a str or bytes of 1 MB about
  // 11 us (1 pass per 3,000 bytes), a list or tuple of 10**6 items about 0.6 ms (1 pass per 50 items); the sequence
  // is a str/bytes/tuple constant or a built list/tuple, times an integer the code fixes (a constant, a local bound
  // once to one))
  const seqUnit = (a: Instruction | undefined): { n: number; per: number } | undefined => {
    if (a?.opname === "LOAD_CONST" && a.argval.k === "const") {
      const v = a.argval.v;
      if (v.t === "str" || v.t === "bytes") return { n: v.v.length, per: 3000 };
      if (v.t === "tuple") return { n: v.items.length, per: 50 };
    }
    if (a !== undefined && /^BUILD_(?:LIST|TUPLE)$/.test(a.opname)) return { n: Math.max(1, a.arg ?? 0), per: 50 };
    return undefined;
  };
  for (const [k, i] of real.entries()) {
    const n = around(i.offset);
    if (n < 2) continue;
    let w = 0;
    const sym = i.opname === "BINARY_OP" ? (nbOps[i.arg ?? 0] ?? "?").replace(/=$/, "") : BINOPS_OLD[i.opname];
    if (sym === "*" && (seqUnit(real[k - 2]) !== undefined || seqUnit(real[k - 1]) !== undefined)) {
      // a repeated sequence made on every pass
      const [a, b] = [real[k - 2], real[k - 1]];
      const unit = seqUnit(a) ?? seqUnit(b)!;
      const times = seqUnit(a) !== undefined ? numConstOf(b, once) : numConstOf(a, once);
      if (times !== undefined && times > 0n) {
        const items = unit.n * Number(times);
        w = items / unit.per;
        if (w > 1) what = `a sequence of about ${items} ${unit.per === 3000 ? "characters" : "items"} made by repetition`;
      }
    } else if (sym === "**") {
      const e = constIntOf(real[k - 1]);
      const b = real[k - 2];
      const bl = pushedLocal(b);
      const bits = bl !== undefined ? varBits(bl, i.offset) : constIntOf(b) !== undefined ? bitLength(constIntOf(b)!) : undefined;
      if (e !== undefined && e >= 2n && e < 10n ** 12n && bits !== undefined && bits > 1) {
        const words = Math.max(1, (bits * Number(e)) / 64);
        w = (7 * words ** 1.585) / 30;
        if (w > 1) what = `${bl ?? "a constant"} ** ${e} (about ${Math.round(bits * Number(e))} bits)`;
      }
    } else if (/^(?:LOAD_METHOD|LOAD_ATTR)$/.test(i.opname) && pushedLocal(real[k - 1]) !== undefined) {
      const name = String((i.argval as { v?: unknown }).v ?? "");
      const len = SCANNING_METHODS.test(name) ? strLen(pushedLocal(real[k - 1])!) : undefined;
      if (len !== undefined) {
        w = Number(len) / 100;
        if (w > 1) what = `.${name}() of a string of ${len} characters`;
      }
    } else if ((i.opname === "CONTAINS_OP" || (i.opname === "COMPARE_OP" && i.argval.k === "compare" && /^(?:not )?in$/.test(i.argval.v))) && pushedLocal(real[k - 1]) !== undefined) {
      const len = strLen(pushedLocal(real[k - 1])!);
      if (len !== undefined) {
        w = Number(len) / 100;
        if (w > 1) what = `\`in\` over a string of ${len} characters`;
      }
    }
    if (w > 1) total += n * w;
  }
  return total > Number(MAX_LOOP_PASSES) ? `a loop whose passes each do costly work (${what}: about ${total.toExponential(1)} plain passes in all; never returns)` : undefined;
}

/** The local an instruction pushes last: LOAD_FAST, or 3.13+'s STORE_FAST_LOAD_FAST / LOAD_FAST_LOAD_FAST second name. */
function pushedLocal(i: Instruction | undefined): string | undefined {
  const l = localOf(i);
  if (l !== undefined) return l;
  return i !== undefined && /^(?:STORE_FAST_LOAD_FAST|LOAD_FAST(?:_BORROW)?_LOAD_FAST(?:_BORROW)?)$/.test(i.opname) && i.argval.k === "names2" ? i.argval.v[1] : undefined;
}

/** CPython hashes an integer modulo this prime (64-bit builds): multiples of it all hash to 0. */
const INT_HASH_MODULUS = 2n ** 61n - 1n;

/**
 * A set or dict built from integers of an arithmetic progression whose step is a multiple of the int hash modulus
 * (set(range(0, n * (2 ** 61 - 1), 2 ** 61 - 1))): every key hashes alike, each insertion probes all before it (items**2
 * / 2 probes): why it stalls the load, else undefined.
 */
function collidingRange(p: string, args: Sym[]): string | undefined {
  if (!/^(?:builtins\.(?:set|frozenset|dict\.fromkeys)|collections\.Counter)$/.test(p) || args[0] === undefined) return undefined;
  let d = deref(args[0]);
  if (d.k === "unknown" && d.alts?.length && /^(?:GET_ITER|GET_AITER) /.test(d.why)) d = deref(d.alts[0]!);
  if (d.k !== "call" || pathOf(d.fn) !== "builtins.range" || d.args.length !== 3) return undefined;
  const ra = d.args.map((a) => intValue(a));
  const n = rangeLength(ra);
  if (n === undefined || ra[2] === undefined || ra[2] % INT_HASH_MODULUS !== 0n) return undefined;
  return n * n / 2n > MAX_LOOP_PASSES ? `${p}() of ${n} integers 2**61 - 1 apart (they all hash alike: about ${n * n / 2n} probes; never returns)` : undefined;
}

/**
 * A comprehension or loop inserting keys x * C into a set or dict (SET_ADD, MAP_ADD, a subscript store) with C a
 * multiple of the int hash modulus, on every pass of loops of known length: passes**2 / 2 probes beyond the budget.
 */
function collidingKeys(ins: Instruction[], passes: Map<number, bigint>, nbOps: string[]): string | undefined {
  const real = ins.filter((i) => !/^(?:CACHE|EXTENDED_ARG)$/.test(i.opname));
  const at = (q: number): boolean => {
    const i = real[q];
    if (i === undefined) return false;
    const sym = i.opname === "BINARY_OP" ? (nbOps[i.arg ?? 0] ?? "?").replace(/=$/, "") : BINOPS_OLD[i.opname];
    if (sym !== "*") return false;
    const [a, b] = [real[q - 2], real[q - 1]];
    const c = pushedLocal(a) !== undefined ? constIntOf(b) : pushedLocal(b) !== undefined ? constIntOf(a) : undefined;
    return c !== undefined && c !== 0n && c % INT_HASH_MODULUS === 0n;
  };
  for (const [k, i] of real.entries()) {
    // (or a call of a set's add / a dict's setdefault given the key alone: s.add(i * (2 ** 61 - 1)))
    const call = /^(?:CALL|CALL_METHOD|CALL_FUNCTION)$/.test(i.opname) && i.arg === 1;
    const q = call && real[k - 1]?.opname === "PRECALL" ? k - 2 : k - 1;
    const method = call ? real[q - 3] : undefined;
    if (call && !(method !== undefined && /^(?:LOAD_METHOD|LOAD_ATTR)$/.test(method.opname) && /^(?:add|setdefault|fromkeys)$/.test(String((method.argval as { v?: unknown }).v ?? "")) && at(q))) continue;
    if (!call && !/^(?:SET_ADD|MAP_ADD|STORE_SUBSCR)$/.test(i.opname)) continue;
    if (!call && !(at(k - 1) || (i.opname === "MAP_ADD" && at(k - 2)))) continue;
    let n = 0n;
    for (const [off, c] of passes) {
      const f = ins.find((x) => x.offset === off);
      if (f !== undefined && f.argval.k === "jump" && off < i.offset && i.offset < f.argval.v && c > n) n = c;
    }
    if (n * n / 2n > MAX_LOOP_PASSES) return `${n} integer keys that are multiples of 2**61 - 1 inserted into a set or dict (they all hash alike: about ${n * n / 2n} probes; never returns)`;
  }
  return undefined;
}

/** Word operations a reducer whose accumulator grows may do before the work alone stalls the load (~10 s and more). */
const MAX_REDUCE_WORK = 10_000_000_000;

/**
 * The integer items of an iterable the code built from constants, as a count, the largest item's bits and whether 0
 * is among them (a product stays 0): a range, a constant sequence, a sequence repeated (seq * n).
 */
function intItemsOf(x: Sym, depth = 0): { n: bigint; bits: number; zero: boolean } | undefined {
  const d = deref(x);
  if (depth > 6) return undefined;
  if (d.k === "unknown" && d.alts?.length && /^(?:GET_ITER|GET_AITER) /.test(d.why)) return intItemsOf(d.alts[0]!, depth + 1);
  if (d.k === "call" && pathOf(d.fn) === "builtins.range" && d.kw.length === 0) {
    const ra = d.args.map((a) => intValue(a));
    const n = rangeLength(ra);
    if (n === undefined || ra.some((a) => a === undefined)) return undefined;
    if (n === 0n) return { n, bits: 0, zero: false };
    const [first, st] = ra.length === 1 ? [0n, 1n] : [ra[0]!, ra[2] ?? 1n];
    const last = first + (n - 1n) * st;
    const zero = (first <= 0n && last >= 0n) || (first >= 0n && last <= 0n) ? (0n - first) % st === 0n : false;
    return { n, bits: Math.max(bitLength(first), bitLength(last)), zero };
  }
  if (d.k === "op" && d.op === "*" && d.operands.length === 2) {
    const [a, b] = d.operands as [Sym, Sym];
    const [k, seq] = intValue(b) !== undefined ? [intValue(b)!, a] : [intValue(a), b];
    const inner = k === undefined ? undefined : intItemsOf(seq, depth + 1);
    return inner === undefined ? undefined : { ...inner, n: k! <= 0n ? 0n : inner.n * k! };
  }
  const items = d.k === "seq" || constOf(d) !== undefined ? iterItems(d) : undefined;
  if (items === undefined || items.length === 0) return undefined;
  const vs = items.map((i) => intValue(i));
  if (vs.some((v) => v === undefined)) return undefined;
  return { n: BigInt(vs.length), bits: Math.max(...vs.map((v) => bitLength(v!))), zero: vs.some((v) => v === 0n) };
}

/**
 * A C reducer whose accumulator grows with every item (math.prod and functools.reduce(operator.mul) of a range, a
 * math.lcm of many integers, sum() of sequences onto a sequence start): its work, items x accumulator size, beyond
 * what a load survives: why, else undefined.
 */
function growingReducer(p: string, args: Sym[]): string | undefined {
  const mulFn = (x: Sym | undefined): boolean => x !== undefined && /^(?:operator\.(?:mul|imul|__mul__)|builtins\.int\.__mul__)$/.test(pathOf(deref(x)) ?? "");
  const it = p === "math.prod" ? args[0] : p === "functools.reduce" && mulFn(args[0]) ? args[1] : undefined;
  if (it !== undefined) {
    const r = intItemsOf(it);
    if (r === undefined || r.zero || r.n < 2n) return undefined;
    // (the product has about n * bits bits; each step multiplies it by one item: ~n * result / 2 word operations)
    const bits = Number(r.n) * Math.max(r.bits - 1, 0);
    const work = (Number(r.n) * bits) / 128;
    if (work > MAX_REDUCE_WORK) return `${p}() of ${r.n} integers of up to ${r.bits} bits (a product of about ${bits.toExponential(1)} bits built one multiplication at a time: computes for minutes or longer)`;
    return undefined;
  }
  if ((p === "math.lcm" || p === "math.gcd") && args.length > 0) {
    // (math.lcm(*range(1, n)): its result has about n * log2(e) bits, each step a multiplication and a gcd of it)
    if (p === "math.gcd") return undefined;
    const n = args.length;
    const vals = args.map((a) => intValue(a));
    if (vals.some((v) => v === undefined)) return undefined;
    const bits = Math.min(vals.reduce((m, v) => m + bitLength(v!), 0), Math.max(...vals.map((v) => Number(v! < 0n ? -v! : v!))) * Math.LOG2E);
    const work = (n * bits) / 64;
    return work > MAX_REDUCE_WORK ? `math.lcm() of ${n} integers (a result of about ${bits.toExponential(1)} bits, grown one item at a time: computes for minutes or longer)` : undefined;
  }
  if (p === "builtins.sum" && args.length === 2) {
    // sum(seqs, []) concatenates: every step copies the whole accumulated sequence (items x total length / 2)
    const st = deref(args[1]!);
    const sc = constOf(st);
    if (!(st.k === "seq" && st.kind !== "set") && !(sc !== undefined && (sc.t === "tuple" || sc.t === "list"))) return undefined;
    const n = iterLength(args[0]!);
    if (n === undefined || n < 2n) return undefined;
    const items = iterItems(args[0]!) ?? seqItemsOf(args[0]!);
    const lens = (items ?? []).map((i) => iterLength(i));
    if (items === undefined || items.length === 0 || lens.some((l) => l === undefined)) return undefined;
    const each = lens.reduce((m, l) => (l! < m! ? l : m))!;
    const work = Number(n) * Number(n) * Number(each) / 2;
    return work > MAX_REDUCE_WORK ? `sum() of ${n} sequences onto a sequence (each step copies all before it: about ${work.toExponential(1)} item copies; never returns)` : undefined;
  }
  return undefined;
}

/** math.lcm(*it) of a range the code built: the work of growing its result one item at a time, beyond the budget. */
function starReducer(it: Sym): string | undefined {
  const r = intItemsOf(it);
  if (r === undefined || r.zero || r.n < 2n) return undefined;
  const bits = Math.min(Number(r.n) * r.bits, 2 ** Math.min(r.bits, 60) * Math.LOG2E);
  const work = (Number(r.n) * bits) / 64;
  return work > MAX_REDUCE_WORK ? `math.lcm() of ${r.n} integers given by a star (a result of about ${bits.toExponential(1)} bits, grown one item at a time: computes for minutes or longer)` : undefined;
}

/** Whether a function of two parameters only returns their product (lambda a, b: a * b). */
function mulOfParams(code: CodeObject, table: Parameters<typeof disassemble>[1]): boolean {
  if (code.argcount !== 2) return false;
  const ins = disassemble(code, table).instructions.filter((i) => !/^(?:CACHE|EXTENDED_ARG|RESUME|NOP)$/.test(i.opname));
  const names: string[] = [];
  let k = 0;
  for (; k < ins.length && names.length < 2; k++) {
    const i = ins[k]!;
    if (localOf(i) !== undefined) names.push(localOf(i)!);
    else if (/^LOAD_FAST(?:_BORROW)?_LOAD_FAST(?:_BORROW)?$/.test(i.opname) && i.argval.k === "names2") names.push(...i.argval.v);
    else return false;
  }
  const op = ins[k];
  const isMul = op !== undefined && (op.opname === "BINARY_MULTIPLY" || (op.opname === "BINARY_OP" && (table.raw.nb_ops ?? [])[op.arg ?? 0] === "*"));
  return isMul && ins[k + 1]?.opname === "RETURN_VALUE" && k + 2 === ins.length && names.length === 2 && names.every((n) => code.varnames.slice(0, 2).includes(n)) && names[0] !== names[1];
}

/** The items of a sequence repeated (seq * n): the sequence's items. */
function seqItemsOf(x: Sym): Sym[] | undefined {
  const d = deref(x);
  if (d.k !== "op" || d.op !== "*" || d.operands.length !== 2) return undefined;
  const [a, b] = d.operands as [Sym, Sym];
  return intValue(b) !== undefined ? iterItems(a) : intValue(a) !== undefined ? iterItems(b) : undefined;
}

/** About log2(n!) (Stirling), for the sizes of comb/perm results. */
function log2Factorial(n: number): number {
  if (n < 2) return 0;
  return n * Math.log2(n / Math.E) + 0.5 * Math.log2(2 * Math.PI * n);
}

/**
 * A call whose result alone stalls the load (math.comb/perm of huge arguments, a Fraction of a string with a huge
 * exponent): why, else undefined.
 */
function hugeCall(p: string, args: Sym[]): string | undefined {
  const red = growingReducer(p, args) ?? collidingRange(p, args);
  if (red !== undefined) return red;
  if ((p === "math.comb" || p === "math.perm") && args.length >= 1) {
    const n = intValue(args[0]!);
    const k = args[1] !== undefined ? intValue(args[1]) : p === "math.perm" ? n : undefined;
    if (n === undefined || k === undefined || n < 0n || k < 0n || k > n) return undefined;
    const [nn, kk] = [Number(n), Number(k)];
    const bits = p === "math.comb" ? log2Factorial(nn) - log2Factorial(kk) - log2Factorial(nn - kk) : log2Factorial(nn) - log2Factorial(nn - kk);
    return bits > MAX_INT_BITS ? `${p}(${n}, ${k}) (a result of about ${bits.toExponential(1)} bits: computes for minutes to hours)` : undefined;
  }
  if (p === "fractions.Fraction" && args.length === 1) {
    // Fraction('1e999999999') builds 10 ** 999999999 from the exponent
    const m = /^[+-]?(?:\d+\.?\d*|\.\d+)[eE]([+-]?\d+)$/.exec(pyNumberText(str(args[0]!) ?? ""));
    const e = m ? Math.abs(Number(m[1])) : 0;
    if (e * Math.log2(10) > MAX_INT_BITS) return `fractions.Fraction() of a string with exponent ${m![1]} (a power of ten of about ${(e * Math.log2(10)).toExponential(1)} bits: computes for minutes to hours)`;
  }
  // an exact conversion of a Decimal of a huge exponent builds the whole integer (int(Decimal('1e9999999')) is a
  // 10**7-digit number); Fraction() and as_integer_ratio() build 10**e for a negative exponent too
  // statistics' exact means and spreads convert each item to an exact ratio (statistics.mean([Decimal('1e9999999')]))
  if (/^statistics\.(?:mean|variance|pvariance|stdev|pstdev|harmonic_mean|correlation|covariance|linear_regression)$/.test(p) && args.length >= 1) {
    for (const it of capped(iterItems(args[0]!) ?? [args[0]!], MAX_ALTS)) {
      const e = decimalExponent(it);
      if (e !== undefined && Math.abs(e) * Math.log2(10) > MAX_INT_BITS) return `${p}() of a decimal.Decimal with exponent ${e} (converted to an exact ratio of about ${(Math.abs(e) * Math.log2(10)).toExponential(1)} bits: computes for minutes to hours)`;
    }
  }
  if (EXACT_DECIMAL_CONVERSIONS.test(p) && args.length === 1) {
    const e = decimalExponent(args[0]!);
    const big = e !== undefined && (p === "fractions.Fraction" ? Math.abs(e) : e) * Math.log2(10) > MAX_INT_BITS;
    if (big) return `${p}() of a decimal.Decimal with exponent ${e} (an exact integer of about ${(Math.abs(e!) * Math.log2(10)).toExponential(1)} bits: computes for minutes to hours)`;
  }
  return undefined;
}

/** Calls that convert a Decimal to an exact integer or ratio (the whole power of ten is built). */
const EXACT_DECIMAL_CONVERSIONS = /^(?:builtins\.(?:int|round)|math\.(?:floor|ceil|trunc)|fractions\.Fraction)$/;
/** Decimal methods that build the exact integer or ratio of the value. */
export const EXACT_DECIMAL_METHODS = new Set(["as_integer_ratio", "__int__", "__floor__", "__ceil__", "__trunc__", "__round__"]);

/**
 * The decimal exponent of a Decimal built from a constant (decimal.Decimal('1e9999999'), Decimal('5E+123456789'),
 * Decimal((0, (1,), e))), when known (a string is read whatever the context; scaleb and arithmetic are bounded by the
 * default context's Emax, 999999, well below the budget).
 */
export function decimalExponent(s: Sym, depth = 0): number | undefined {
  const d = deref(s);
  if (d.k === "unknown" && d.alts?.length && depth < 3) {
    const es = d.alts.map((a) => decimalExponent(a, depth + 1)).filter((x): x is number => x !== undefined);
    return es.length ? es.reduce((m, x) => (Math.abs(x) > Math.abs(m) ? x : m)) : undefined;
  }
  if (d.k !== "call" || depth > 6) return undefined;
  const fp = pathOf(d.fn);
  // (a context's create_decimal / create_decimal_from_float reads its argument as Decimal() does, whatever the context)
  const made = d.fn.k === "attr" && /^create_decimal(?:_from_float)?$/.test(d.fn.name);
  if ((fp === "decimal.Decimal" || fp === "_pydecimal.Decimal" || made) && d.args[0] !== undefined) {
    const t = str(d.args[0]);
    const m = t !== undefined ? /^[+-]?(?:\d+\.?\d*|\.\d+)[eE]([+-]?\d+)$/.exec(pyNumberText(t)) : null;
    if (m) return Number(m[1]);
    const c = constOf(d.args[0]);
    if (c?.t === "tuple" && c.items.length === 3 && c.items[2]!.t === "int") return Number(c.items[2]!.v);
    return undefined;
  }
  return undefined;
}

/**
 * A numeric string as CPython's int/float/Decimal constructors read it: surrounding whitespace stripped, every Unicode
 * decimal digit (\p{Nd}: full-width, Arabic-Indic...) as its ASCII digit, underscores between digits dropped.
 */
export function pyNumberText(t: string): string {
  const out: string[] = [];
  const cps = [...t.trim()];
  for (const [i, ch] of cps.entries()) {
    if (/[0-9]/.test(ch) || !/\p{Nd}/u.test(ch)) {
      out.push(ch);
      continue;
    }
    // (a digit's value: its place in its block of ten consecutive digits)
    let k = 0;
    for (let cp = ch.codePointAt(0)! - 1; k < 64 && /\p{Nd}/u.test(String.fromCodePoint(cp)); cp--) k++;
    void i;
    out.push(String(k % 10));
  }
  return out.join("").replace(/(?<=\d)_(?=\d)/g, "");
}

/** About log2 of an integer operation's result on constant operands (undefined: not integers, or not known). */
function resultBits(op: string, a: Sym, b: Sym, depth = 0): number | undefined {
  const ba = intBits(a, depth);
  const vb = intValue(b);
  if (op === "**") {
    if (ba === undefined || vb === undefined || vb < 0n) return undefined;
    const va = intValue(a);
    if (va !== undefined && va >= -1n && va <= 1n) return 1;
    return Math.max(ba - 1, 1) * Number(vb);
  }
  if (op === "<<") return ba !== undefined && vb !== undefined && vb >= 0n ? ba + Number(vb) : undefined;
  const bb = intBits(b, depth);
  if (ba === undefined || bb === undefined) return undefined;
  if (op === "*") return ba + bb;
  if (op === "+" || op === "-" || op === "|" || op === "^") return Math.max(ba, bb) + 1;
  // (a quotient has the bits the divisor lacks; a remainder is smaller than the divisor)
  if (op === "//") return Math.max(ba - bb + 1, 1);
  if (op === "%") return Math.min(ba, bb);
  return undefined;
}

/**
 * Word operations (CPython's 30-bit digits) big-integer work on constants may take before it alone stalls the load:
 * about 10 ** 10 (1-2 ns each, tens of seconds), next to MAX_INT_BITS for a result's size.
 */
const MAX_BIGINT_WORK = 1e10;
/** Bits of one CPython integer digit. */
const DIGIT_BITS = 30;

/** Whether a CPython minor version (a table's "3.11") divides huge integers with its subquadratic _pylong (3.12+). */
function fastDivision(version: string): boolean {
  const [maj, min] = version.split(".").map(Number) as [number, number];
  return maj > 3 || (maj === 3 && min >= 12);
}

/**
 * The word operations of a long division of an integer of `ba` bits by one of `bb` bits: schoolbook (CPython 3.11 and
 * earlier) words(quotient) x words(divisor); 3.12+ hand a large division to _pylong (recursive, about
 * words(dividend) ** 1.585 when the divisor has over 300 digits and the quotient over 150).
 */
function divisionWork(ba: number, bb: number, version: string): number {
  const wq = Math.max(ba - bb + 1, 0) / DIGIT_BITS;
  const wb = bb / DIGIT_BITS;
  if (fastDivision(version) && wb > 300 && wq > 150) return (ba / DIGIT_BITS) ** 1.585;
  return wq * wb;
}

/** About log2 of an integer-valued symbol, a power of a known base weighed exactly (3 ** n: n x log2(3) bits). */
function bigBits(s: Sym): number | undefined {
  const d = deref(s);
  if (d.k === "op" && d.op === "**" && d.operands.length === 2) {
    const va = intValue(d.operands[0]!);
    const e = intValue(d.operands[1]!);
    if (va !== undefined && e !== undefined && e >= 0n && (va > 1n || va < -1n)) return Number(e) * Math.log2(Math.abs(Number(va)));
  }
  return intBits(s);
}

/** A floor division or remainder of constants whose long division alone stalls the load (on the bytecode's version): why. */
function bigDivision(op: string, a: Sym, b: Sym, version: string, fits?: string[]): string | undefined {
  const ba = bigBits(a);
  const bb = bigBits(b);
  if (ba === undefined || bb === undefined || ba <= bb) return undefined;
  const work = divisionWork(ba, bb, version);
  if (work <= MAX_BIGINT_WORK) return undefined;
  const others = (fits ?? []).filter((v) => v !== version);
  const also = others.length ? `; the bytecode also fits ${others.join(", ")}, so it is judged by its slowest reading` : "";
  return `integer ${op} of a ${ba.toExponential(1)}-bit constant by a ${bb.toExponential(1)}-bit one (a schoolbook long division of about ${work.toExponential(1)} word steps on CPython ${version}, as the bytecode is read${also}: 3.12+ divide subquadratically, 3.11 and earlier do not; computes for minutes or longer)`;
}

/**
 * A call of integer functions on constants whose work, not its result's size, stalls the load: divmod (a long division),
 * pow(b, e, m) (one modular squaring and reduction per exponent bit: bits(e) x words(m) ** 2, the reduction a long
 * division), math.gcd / math.lcm of big integers (Lehmer's algorithm: words(a) x words(b) on every version). Why.
 */
function bigIntWork(p: string, args: Sym[], version: string, fits?: string[]): string | undefined {
  if (p === "builtins.divmod" && args.length === 2) return bigDivision("divmod", args[0]!, args[1]!, version, fits);
  if (p === "builtins.pow" && args.length === 3) {
    const be = bigBits(args[1]!);
    const bm = bigBits(args[2]!);
    if (be === undefined || bm === undefined) return undefined;
    const wm = Math.max(bm / DIGIT_BITS, 1);
    // a negative exponent inverts the base first (long_invmod: the extended Euclidean algorithm in integer objects,
    // about bits(m) steps of words(m) each, on every version), then raises the inverse to |e|
    const ed = deref(args[1]!);
    const ev = intValue(args[1]!);
    const negative = (ev !== undefined && ev < 0n) || (ed.k === "op" && ed.op === "-" && ed.operands.length === 1);
    const inversion = negative ? bm * wm : 0;
    const work = inversion + be * (wm ** 1.585 + (fastDivision(version) && wm > 300 ? (2 * wm) ** 1.585 : wm * wm));
    if (work > MAX_BIGINT_WORK && negative) return `pow() with a negative exponent and a ${bm.toExponential(1)}-bit modulus (a modular inverse by the extended Euclidean algorithm, about ${inversion.toExponential(1)} word steps, then one modular squaring per exponent bit: about ${work.toExponential(1)} word steps in all; computes for minutes or longer)`;
    return work > MAX_BIGINT_WORK ? `pow() with a ${be.toExponential(1)}-bit exponent and a ${bm.toExponential(1)}-bit modulus (one modular squaring per exponent bit: about ${work.toExponential(1)} word steps; computes for minutes or longer)` : undefined;
  }
  if ((p === "math.gcd" || p === "math.lcm") && args.length >= 2) {
    const bits = args.map((x) => bigBits(x));
    if (bits.some((x) => x === undefined)) return undefined;
    let work = 0;
    let acc = bits[0]!;
    for (const b of bits.slice(1) as number[]) {
      work += Math.max(acc / DIGIT_BITS, 1) * Math.max(b / DIGIT_BITS, 1);
      acc = p === "math.lcm" ? acc + b : Math.min(acc, b);
    }
    return work > MAX_BIGINT_WORK ? `${p}() of integers of ${bits.map((x) => x!.toExponential(1)).join(", ")} bits (Lehmer's algorithm, quadratic: about ${work.toExponential(1)} word steps; computes for minutes or longer)` : undefined;
  }
  return undefined;
}

/** A constant operation whose result alone stalls the load: why, else undefined. */
function hugeResult(op: string, a: Sym, b: Sym): string | undefined {
  if (op === "*") {
    // a string, bytes or sequence repeated by a constant count
    for (const [x, n] of [[a, b], [b, a]] as const) {
      const cn = intValue(n);
      if (cn === undefined || cn <= 0n) continue;
      const dx = deref(x);
      const cx = constOf(dx);
      const len = cx?.t === "str" || cx?.t === "bytes" ? cx.v.length : cx?.t === "tuple" || cx?.t === "list" ? cx.items.length : dx.k === "seq" ? dx.items.length : undefined;
      if (len !== undefined && len > 0 && Number(cn) * len > MAX_REPEAT_ITEMS) return `a constant sequence repeated to ${Number(cn) * len} items (builds for minutes or exhausts memory)`;
    }
  }
  if (op === "%") {
    const n = percentWidths(a, b);
    if (n !== undefined && n > MAX_REPEAT_ITEMS) return `printf-style % formatting whose conversion widths and precisions build ${n} characters (builds for minutes or exhausts memory)`;
    return undefined;
  }
  if (op !== "**" && op !== "<<" && op !== "*") return undefined;
  const bits = resultBits(op, a, b);
  return bits !== undefined && bits > MAX_INT_BITS ? `integer arithmetic on constants with a result of about ${bits.toExponential(1)} bits (${op}: computes for minutes to hours)` : undefined;
}

/** Integer arithmetic on two constants, when its result is small enough to fold. */
function foldInt(op: string, x: bigint, y: bigint): bigint | undefined {
  const bx = bitLength(x);
  const by = bitLength(y);
  switch (op) {
    case "+":
      return bx < FOLD_INT_BITS && by < FOLD_INT_BITS ? x + y : undefined;
    case "-":
      return bx < FOLD_INT_BITS && by < FOLD_INT_BITS ? x - y : undefined;
    case "*":
      return bx + by <= FOLD_INT_BITS ? x * y : undefined;
    case "**":
      return y >= 0n && (x >= -1n && x <= 1n ? true : bx * Number(y) <= FOLD_INT_BITS) ? x ** y : undefined;
    case "<<":
      return y >= 0n && bx + Number(y) <= FOLD_INT_BITS ? x << y : undefined;
    default:
      return undefined;
  }
}

/** Exception classes outside Exception (a raise of one passes every `except Exception` and ends the process). */
const BASE_ONLY_EXCEPTIONS = /^(?:builtins\.(?:SystemExit|KeyboardInterrupt|BaseException|GeneratorExit|BaseExceptionGroup)|(?:asyncio(?:\.exceptions)?|concurrent\.futures)\.CancelledError|bdb\.BdbQuit)$/;

/**
 * The class name when a raised value (a class or an instance) is not an Exception: a builtin outside Exception, a
 * BaseExceptionGroup holding such an exception (or items not known), a class statement deriving from one.
 */
function notAnException(x: Sym, depth = 0): string | undefined {
  const d = deref(x);
  if (depth > 8) return undefined;
  const p = pathOf(d);
  if (p !== undefined) return BASE_ONLY_EXCEPTIONS.test(p) ? p.replace(/^builtins\./, "") : undefined;
  if (d.k === "unknown") {
    for (const a of d.alts ?? []) {
      const r = notAnException(a, depth + 1);
      if (r !== undefined) return r;
    }
    return undefined;
  }
  if (d.k !== "call") return undefined;
  const fp = pathOf(d.fn);
  if (fp === "builtins.BaseExceptionGroup") {
    // BaseExceptionGroup(msg, [ValueError()]) builds an ExceptionGroup (an Exception): a stop only when some
    // item may be a BaseException
    const items = d.args[1] ? deref(d.args[1]) : undefined;
    if (!items || items.k !== "seq") return "BaseExceptionGroup";
    return items.items.some((i) => notAnException(i, depth + 1) !== undefined || deref(i).k === "unknown") ? "BaseExceptionGroup" : undefined;
  }
  if (fp === "builtins.__build_class__") {
    // class E(KeyboardInterrupt): ...: a subclass of a base outside Exception
    const name = d.args[1] ? str(d.args[1]) : undefined;
    return d.args.slice(2).some((b) => notAnException(b, depth + 1) !== undefined) ? `${name ?? "a class"} (a subclass of a class outside Exception)` : undefined;
  }
  if (fp !== undefined) return BASE_ONLY_EXCEPTIONS.test(fp) ? fp.replace(/^builtins\./, "") : undefined;
  // an instance of a class the code built (the class itself, or a local bound to it)
  return d.fn.k === "call" || d.fn.k === "unknown" ? notAnException(d.fn, depth + 1) : undefined;
}

/**
 * A loop with no way out: an unconditional backward jump whose body (from its target to it) calls nothing,
 * returns, raises or yields nothing, iterates nothing and jumps nowhere outside itself (`while True: pass`,
 * `while 1: x += 1`). Such a body runs forever, or fails on its first pass.
 */
function endlessLoop(ins: Instruction[], handlers: boolean, quietCall: (offset: number) => boolean = () => false, endlessIter: (offset: number) => boolean = () => false, table: { start: number; end: number; target: number }[] = []): string | undefined {
  for (const j of ins) {
    if (!/^(?:JUMP_BACKWARD(?:_NO_INTERRUPT)?|JUMP_ABSOLUTE|JUMP)$/.test(j.opname) || j.argval.k !== "jump" || j.argval.v > j.offset) continue;
    const [lo, hi] = [j.argval.v, j.offset];
    const body = ins.filter((i) => i.offset >= lo && i.offset <= hi);
    // a verified pure call (math.sqrt) cannot leave the loop, nor a FOR_ITER over an iterator with no end
    // (itertools.count(), iter(int, 1), range(10 ** 15)); PRECALL only prepares a call
    const exitOp = (i: Instruction): boolean => {
      if (/^(?:PRECALL|KW_NAMES)$/.test(i.opname)) return false;
      if (/^(?:CALL|CALL_FUNCTION|CALL_FUNCTION_KW|CALL_METHOD|CALL_KW)$/.test(i.opname) && quietCall(i.offset)) return false;
      if (/FOR_ITER$/.test(i.opname) && endlessIter(i.offset)) return false;
      // (3.11+: a handler's RERAISE passes on an exception an op of the body raised, judged below by where its handler is)
      if (i.opname === "RERAISE" && table.length > 0) return false;
      // (3.6-3.7: a break is BREAK_LOOP)
      return /CALL|RETURN|RAISE|YIELD|FOR_ITER|SEND|SETUP_|BEFORE_WITH|IMPORT|GET_AWAITABLE|END_ASYNC_FOR|BREAK_LOOP/.test(i.opname);
    };
    // (the FOR_ITER's own exit jump is its end of iteration, not a way out when the iterator has none)
    const exits = body.some((i) => exitOp(i) || (i.argval.k === "jump" && (i.argval.v < lo || i.argval.v > hi) && !(/FOR_ITER$/.test(i.opname) && endlessIter(i.offset))));
    // in code with exception handlers, an op of the body that may raise (an index, a division) may be the way
    // out (while True: v += w[i] inside try/except IndexError)
    // (3.11+: only an op whose handler lies outside the loop body; one caught by a handler inside the body goes on
    // looping, and one no handler covers ends the load, as in code without handlers)
    // (a handler that only restores locals and re-raises, where nothing else catches, is no way out: the 3.12+ inlined
    // comprehension's cleanup)
    const leavesBy = (i: Instruction): boolean => {
      if (table.length === 0) return true;
      const h = table.find((e) => i.offset >= e.start && i.offset < e.end);
      return h !== undefined && (h.target < lo || h.target > hi) && !reraisesOnly(ins, h.target, table);
    };
    const mayRaise = handlers && body.some((i) => !LOOP_QUIET_OPS.test(i.opname) && leavesBy(i));
    if (!exits && !mayRaise) {
      const iterates = body.some((i) => /FOR_ITER$/.test(i.opname));
      return iterates ? "a loop over an iterator with no end or with astronomically many passes (itertools.count, iter(f, sentinel), a huge range, nested ranges, a huge itertools.product) and no break, return or raise" : "a loop with no way out (while True without break, return, raise or a call that may leave it)";
    }
  }
  return undefined;
}

/** An integer a LOAD_CONST / LOAD_SMALL_INT instruction pushes. */
function constIntOf(i: Instruction | undefined): bigint | undefined {
  if (i === undefined) return undefined;
  if (i.opname === "LOAD_SMALL_INT") return BigInt(i.arg ?? 0);
  if (i.opname === "LOAD_CONST" && i.argval.k === "const" && i.argval.v.t === "int") return i.argval.v.v;
  return undefined;
}
/**
 * An integer an instruction pushes: an integer constant, an integral float constant (1e15, 1.0: a float counter counts
 * the same passes while its values stay exact), or a local the code binds once, to such a constant (n = 10 ** 15).
 */
function numConstOf(i: Instruction | undefined, once?: Map<string, bigint>): bigint | undefined {
  const c = constIntOf(i);
  if (c !== undefined) return c;
  if (i?.opname === "LOAD_CONST" && i.argval.k === "const" && i.argval.v.t === "float" && Number.isInteger(i.argval.v.v) && Math.abs(i.argval.v.v) <= 2 ** 53) return BigInt(i.argval.v.v);
  const l = localOf(i);
  return l !== undefined ? once?.get(l) : undefined;
}
/** The locals a code object stores exactly once, each to an integer (or integral float) constant. */
function onceConsts(ins: Instruction[]): Map<string, bigint> {
  const n = new Map<string, number>();
  const val = new Map<string, bigint>();
  for (const [k, i] of ins.entries()) {
    const names = i.argval.k === "names2" && /^STORE_FAST_/.test(i.opname) ? i.argval.v : /^(?:STORE_FAST|DELETE_FAST)$/.test(i.opname) && i.argval.k === "local" ? [i.argval.v] : [];
    for (const x of names) {
      n.set(x, (n.get(x) ?? 0) + 1);
      const c = i.opname === "STORE_FAST" ? numConstOf(ins[k - 1]) : undefined;
      if (c !== undefined) val.set(x, c);
      else val.delete(x);
    }
  }
  for (const [x, c] of n) if (c !== 1) val.delete(x);
  return val;
}
/** The local a LOAD_FAST-like instruction pushes. */
function localOf(i: Instruction | undefined): string | undefined {
  return i !== undefined && /^LOAD_FAST(?:_CHECK|_BORROW)?$/.test(i.opname) && i.argval.k === "local" ? i.argval.v : undefined;
}
const FLIPPED: Record<string, string> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "!=": "!=", "==": "==" };
const NEGATED: Record<string, string> = { "<": ">=", "<=": ">", ">": "<=", ">=": "<", "!=": "==", "==": "!=" };

/**
 * The counter test a conditional jump makes (`x < c` right before it: LOAD_FAST x, a constant, COMPARE_OP, or the
 * constant first), as the condition under which the loop goes on: `continueWhenTaken` says whether taking the jump
 * stays in the loop.
 */
function counterTest(ins: Instruction[], at: number, continueWhenTaken: boolean, once?: Map<string, bigint>): { x: string; op: string; c: bigint | number } | undefined {
  let k = at - 1;
  while (k >= 0 && /^(?:TO_BOOL|NOT_TAKEN|EXTENDED_ARG|CACHE)$/.test(ins[k]!.opname)) k--;
  const cmp = ins[k];
  if (cmp?.opname !== "COMPARE_OP" || cmp.argval.k !== "compare" || FLIPPED[cmp.argval.v] === undefined) return undefined;
  const j = ins[at]!.opname;
  const onTrue = /IF_TRUE$/.test(j);
  if (!onTrue && !/IF_FALSE$/.test(j)) return undefined;
  let op = cmp.argval.v;
  let x = localOf(ins[k - 2]);
  let c: bigint | number | undefined = numConstOf(ins[k - 1], once) ?? floatOf(ins[k - 1]);
  if (x === undefined || c === undefined) {
    x = localOf(ins[k - 1]);
    c = numConstOf(ins[k - 2], once) ?? floatOf(ins[k - 2]);
    op = FLIPPED[op]!;
  }
  // (3.13+: both locals in one LOAD_FAST_LOAD_FAST, the bound a local bound once: while i < n)
  const pair = ins[k - 1];
  if ((x === undefined || c === undefined) && pair !== undefined && /^LOAD_FAST(?:_BORROW)?_LOAD_FAST(?:_BORROW)?$/.test(pair.opname) && pair.argval.k === "names2") {
    const [l, r] = pair.argval.v;
    if (once?.get(r) !== undefined && once.get(l) === undefined) [x, c, op] = [l, once.get(r), cmp.argval.v];
    else if (once?.get(l) !== undefined && once.get(r) === undefined) [x, c, op] = [r, once.get(l), FLIPPED[cmp.argval.v]!];
  }
  if (x === undefined || c === undefined) return undefined;
  // the loop goes on while the comparison is true when a taken jump-if-true (or an untaken jump-if-false) stays in it
  const goesOnWhenTrue = onTrue === continueWhenTaken;
  return { x, op: goesOnWhenTrue ? op : NEGATED[op]!, c };
}

/**
 * The counter tests of every way out of the loop closed by the backward jump ins[ji] (`outs`, the jumps out of its
 * body; a return in it reached only past a conditional jump that skips its block or goes back to the loop's head, the
 * copy of the code after the loop 3.10+ put there for a `break`; a 3.6-3.7 BREAK_LOOP reached the same way; the back
 * jump itself when conditional), as the conditions under which the loop goes
 * on, and the instructions of those exits (a return's block runs once, on the way out); undefined unless each is a
 * test of one and the same counter against a constant. With `returnsEndEarly` (an upper bound of the passes is
 * wanted), returns are read only when no jump gives a test, and a return not read is ignored.
 */
function exitTests(ins: Instruction[], ji: number, outs: Instruction[], once: Map<string, bigint>, returnsEndEarly = false): { tests: { x: string; op: string; c: bigint | number }[]; exits: Set<Instruction> } | undefined {
  const j = ins[ji]!;
  const lo = j.argval.k === "jump" ? j.argval.v : j.offset;
  const tests: { x: string; op: string; c: bigint | number }[] = [];
  const exits = new Set<Instruction>(outs);
  const targeted = (a: number, b: number): boolean => {
    const offs = new Set(ins.slice(a, b).map((z) => z.offset));
    return ins.some((y) => y.argval.k === "jump" && offs.has(y.argval.v));
  };
  for (const o of outs) {
    // (an unconditional jump out, reached only by falling past a conditional jump that skips it or goes back to the
    // loop's head: `if i >= c: break` is POP_JUMP_IF_FALSE over a JUMP_FORWARD out of the loop, or, 3.8-3.9,
    // POP_JUMP_IF_FALSE to the head then JUMP_ABSOLUTE out; the loop goes on when that jump is taken)
    const oi = ins.indexOf(o);
    let pi = oi - 1;
    while (pi >= 0 && /^(?:NOP|CACHE|NOT_TAKEN|EXTENDED_ARG)$/.test(ins[pi]!.opname)) pi--;
    const p = ins[pi];
    const guarded =
      /^(?:JUMP_FORWARD|JUMP|JUMP_ABSOLUTE)$/.test(o.opname) && p !== undefined && /IF_(?:TRUE|FALSE)$/.test(p.opname) && p.argval.k === "jump" && (p.argval.v === ins[oi + 1]?.offset || p.argval.v === lo) && p.offset >= lo && !targeted(pi + 1, oi + 1);
    const t = guarded ? counterTest(ins, pi, true, once) : counterTest(ins, oi, false, once);
    if (t === undefined) return undefined;
    tests.push(t);
  }
  if (/IF_(?:TRUE|FALSE)$/.test(j.opname)) {
    const t = counterTest(ins, ji, true, once);
    if (t === undefined) return undefined;
    tests.push(t);
  }
  const readReturns = !returnsEndEarly || tests.length === 0;
  for (let ri = ins.indexOf(j) - 1; readReturns && ri >= 0 && ins[ri]!.offset >= lo; ri--) {
    if (!/^(?:RETURN_(?:VALUE|CONST)|BREAK_LOOP)$/.test(ins[ri]!.opname)) continue;
    let pi = ri - 1;
    while (pi >= 0 && ins[pi]!.offset >= lo && ins[pi]!.argval.k !== "jump" && !/^(?:RETURN|RAISE|RERAISE|BREAK_LOOP)/.test(ins[pi]!.opname)) pi--;
    const p = ins[pi];
    const guarded = p !== undefined && p.offset >= lo && /IF_(?:TRUE|FALSE)$/.test(p.opname) && p.argval.k === "jump" && (p.argval.v === ins[ri + 1]?.offset || p.argval.v === lo) && !targeted(pi + 1, ri + 1);
    const t = guarded ? counterTest(ins, pi, true, once) : undefined;
    if (t === undefined) {
      if (returnsEndEarly) continue;
      return undefined;
    }
    tests.push(t);
    for (const i of ins.slice(pi + 1, ri + 1)) exits.add(i);
  }
  return tests.length === 0 || tests.some((t) => t.x !== tests[0]!.x) ? undefined : { tests, exits };
}

/**
 * A while loop whose only way out is a counter test against a constant bound (`i = 0; while i < 10 ** 15: i += 1`):
 * the counter starts at a constant stored before the loop and moves by a constant step on each pass (`+=`, `-=`); its
 * passes, |bound - start| / step (or no end when the step moves away from the bound), beyond MAX_LOOP_PASSES stall
 * the load. Any other way out (a call that may leave, a return, a raise, a handler outside, another exit jump) and
 * the loop is not judged.
 */
function countedWhile(code: CodeObject, ins: Instruction[], handlers: boolean, quietCall: (offset: number) => boolean, table: { start: number; end: number; target: number }[], nbOps: string[], outer: (offset: number) => bigint = () => 1n): string | undefined {
  const once = onceConsts(ins);
  for (const [ji, j] of ins.entries()) {
    if (j.argval.k !== "jump" || j.argval.v > j.offset || !/JUMP/.test(j.opname)) continue;
    const [lo, hi] = [j.argval.v, j.offset];
    const body = ins.filter((i) => i.offset >= lo && i.offset <= hi);
    const conditional = /IF_(?:TRUE|FALSE)$/.test(j.opname);
    if (!conditional && !/^(?:JUMP_BACKWARD(?:_NO_INTERRUPT)?|JUMP_ABSOLUTE|JUMP)$/.test(j.opname)) continue;
    const outs = body.filter((i) => i !== j && i.argval.k === "jump" && (i.argval.v < lo || i.argval.v > hi));
    const read = exitTests(ins, ji, outs, once);
    if (read === undefined) continue;
    const { tests, exits } = read;
    const x = tests[0]!.x;
    if (code.cellvars.includes(x) || code.freevars.includes(x)) continue;
    // no other way out
    const other = body.some((i) => {
      if (i === j || exits.has(i) || /^(?:PRECALL|KW_NAMES|SETUP_LOOP|POP_BLOCK)$/.test(i.opname)) return false;
      if (/^(?:CALL|CALL_FUNCTION|CALL_FUNCTION_KW|CALL_METHOD|CALL_KW)$/.test(i.opname)) return !quietCall(i.offset);
      return /CALL|RETURN|RAISE|YIELD|FOR_ITER|SEND|SETUP_|BEFORE_WITH|IMPORT|GET_AWAITABLE|END_ASYNC_FOR|BREAK_LOOP/.test(i.opname);
    });
    if (other) continue;
    // (in code with handlers, an op whose handler lies outside the loop may be a way out)
    const leavesBy = (i: Instruction): boolean => {
      if (table.length === 0) return true;
      const h = table.find((e) => i.offset >= e.start && i.offset < e.end);
      return h !== undefined && (h.target < lo || h.target > hi);
    };
    if (handlers && body.some((i) => !exits.has(i) && !LOOP_QUIET_OPS.test(i.opname) && !/^(?:COMPARE_OP|BINARY_OP|BINARY_ADD|BINARY_SUBTRACT|INPLACE_ADD|INPLACE_SUBTRACT|TO_BOOL|NOT_TAKEN|POP_JUMP\w*)$/.test(i.opname) && leavesBy(i))) continue;
    // the counter's stores in the body: each x = x + k / x - k with a constant k (one step for all)
    const step = counterStep(ins, x, (i) => i.offset >= lo && i.offset <= hi, nbOps);
    if (step === undefined || step === 0n) continue;
    // its start (a start the code computes, i = int(0): counted from 0 against a constant bound)
    const start = counterStart(ins, lo, x, once, true);
    if (start === undefined) continue;
    let passes: bigint | "endless" = 0n;
    for (const t of tests) {
      const n = counterPasses(start, step, t.op, t.c);
      if (n !== "endless" && (passes === "endless" || n < passes || passes === 0n)) passes = n;
      else if (n === "endless" && passes === 0n) passes = "endless";
    }
    // (times the passes of the for loops around it: a while loop of 10 ** 5 passes inside range(10 ** 5))
    const around = outer(lo);
    if (passes === "endless" || passes * around > MAX_LOOP_PASSES) {
      const t = tests[0]!;
      const times = around > 1n && passes !== "endless" ? `${passes} passes, ${passes * around} with the loops around it` : passes === "endless" ? "it never gets there" : `${passes} passes`;
      return `a while loop whose only way out is ${x} ${t.op} ${t.c} with ${x} starting at ${start} and moving by ${step} (${times}: never returns)`;
    }
  }
  return undefined;
}

/**
 * An integer a loop rebinds to itself squared, raised or shifted by itself on every pass (v = v * v, v **= 2,
 * v = v << v) from a constant start of two bits or more: its size is multiplied on every pass, about
 * bits(start) * factor ** passes bits. Passes: the product of the lengths of the for loops around the store when all are
 * known; in a while loop, a counter's pass count, else (the loop's test not on v itself) a constant beyond MAX_INT_BITS
 * the test compares with (while v.bit_length() < 10 ** 12). Above MAX_INT_BITS a stall. A start that is not a known
 * integer (a float overflows to inf at once, a tensor is data) or a while loop bounded by a test of v itself: not judged.
 */
function loopGrowth(ins: Instruction[], its: Map<number, Sym[]> | undefined, nbOps: string[], calls?: GrowthCalls): string | undefined {
  const opAt = (i: Instruction | undefined): string | undefined => (i === undefined ? undefined : i.opname === "BINARY_OP" ? (nbOps[i.arg ?? 0] ?? "?").replace(/=$/, "") : BINOPS_OLD[i.opname]);
  const forLoops = ins.filter((i) => /FOR_ITER$/.test(i.opname) && i.argval.k === "jump").map((i) => ({ at: i.offset, end: i.argval.k === "jump" ? i.argval.v : i.offset }));
  const forAt = new Set(forLoops.map((l) => l.at));
  // (one loop per head: 3.8-3.9 close a loop left by `break` with two back jumps, a conditional one and the last)
  const whileLoops = sameHeadMerged(ins.filter((j) => j.argval.k === "jump" && j.argval.v <= j.offset && /JUMP/.test(j.opname) && !forAt.has(j.argval.v)).map((j) => ({ lo: j.argval.k === "jump" ? j.argval.v : 0, hi: j.offset })));
  // what each store of a local (or a constant-index cell of one: a[0]) receives, as a small expression over locals and
  // constants read from the straight instructions before it (a call of pow is **), by offset
  const stores = growthStores(ins, opAt);
  condResets(ins, stores, its, forLoops);
  for (const [k, st] of ins.entries()) {
    const g = stores.get(st.offset);
    const isStore = st.opname === "STORE_FAST" && st.argval.k === "local";
    if (!isStore && g === undefined) continue;
    const v = g?.name ?? (st.argval.k === "local" ? st.argval.v : "");
    const op = opAt(ins[k - 1]);
    const a = ins[k - 3];
    const b = ins[k - 2];
    const pair = b?.argval.k === "names2" && b.argval.v[0] === v && b.argval.v[1] === v;
    let factor = 0;
    // (a sequence doubled or repeated: s = s + s, s += s, s *= k from a constant string, bytes or tuple)
    let seq = false;
    if (isStore && op === "+" && (pair || (localOf(a) === v && localOf(b) === v))) [factor, seq] = [2, true];
    else if (isStore && op === "*" && localOf(a) === v && (constIntOf(b) ?? 0n) >= 2n && constIntOf(b)! < 1024n) [factor, seq] = [Number(constIntOf(b)!), true];
    // an integer: the degree in v of what it receives (v * v + 1: 2; pow(v, 3): 3; w = v * v; v = w: 2; v << v: 2)
    const off = st.offset;
    if (factor === 0 && g !== undefined) factor = growthDegree(g.expr, v, stores, off, 0, calls);
    if (factor < 2) continue;
    const allFors = forLoops.filter((l) => l.at < off && off < l.end);
    const allWhiles = whileLoops.filter((l) => l.lo <= off && off <= l.hi && !allFors.some((f) => f.at >= l.lo && f.at <= l.hi && f.at < off && off < f.end));
    if (allFors.length === 0 && allWhiles.length === 0) continue;
    // the value v has at the top of each pass: a store of a value that does not depend on v (a reset) inside a loop,
    // before the growth on every path through that loop's body, starts v afresh on each of its passes; only the loops
    // inside it carry v (v = 2 per outer pass, squared twice in an inner loop: 16)
    const regions = [...allFors.map((l) => ({ lo: l.at, hi: l.end })), ...allWhiles.map((l) => ({ lo: l.lo, hi: l.hi }))].sort((x, y) => y.lo - x.lo);
    let reset: { at: number; start: bigint | undefined; lo: number } | undefined;
    for (const r of regions) {
      const rs = [...stores.values()].filter((x) => x.name === v && x.at > r.lo && x.at < off && growthDegree(x.expr, v, stores, x.at, 0, calls) === 0 && !regionSkips(ins, r.lo, x.at));
      if (rs.length === 0) continue;
      const last = rs.reduce((m, x) => (x.at > m.at ? x : m));
      reset = { at: last.at, start: last.expr.t === "c" ? last.expr.v : undefined, lo: r.lo };
      break;
    }
    const fors = reset ? allFors.filter((l) => l.at > reset.at) : allFors;
    const whiles = reset ? allWhiles.filter((l) => l.lo > reset.at) : allWhiles;
    if (fors.length === 0 && whiles.length === 0) continue;
    // the start: an integer constant stored to v before the outermost loop around the store (or the reset)
    const first = Math.min(...fors.map((l) => l.at), ...whiles.map((l) => l.lo));
    let start: bigint | undefined = reset?.start;
    if (reset === undefined) {
      const before = [...stores.values()].filter((x) => x.name === v && x.at < first);
      const pre = before.length ? before.reduce((m, x) => (x.at > m.at ? x : m)) : undefined;
      if (pre !== undefined && !seq && pre.expr.t === "c") start = pre.expr.v;
      for (let q = ins.findIndex((i) => i.offset === first) - 1; q >= 0 && start === undefined; q--) {
        const i = ins[q]!;
        if ((i.argval.k === "jump" && !(/IF_(?:TRUE|FALSE)$|^SETUP_LOOP$/.test(i.opname) && i.argval.v > i.offset)) || ins.some((y) => y.argval.k === "jump" && y.argval.v === i.offset)) break;
        if (i.opname === "STORE_FAST" && i.argval.k === "local" && i.argval.v === v) {
          const sc = ins[q - 1]?.opname === "LOAD_CONST" && ins[q - 1]!.argval.k === "const" ? (ins[q - 1]!.argval as { v: PyValue }).v : undefined;
          // (a sequence's size is its length; an integer's its bits)
          if (seq) start = sc?.t === "str" || sc?.t === "bytes" ? BigInt(sc.v.length) : sc?.t === "tuple" ? BigInt(sc.items.length) : undefined;
          else start = constIntOf(ins[q - 1]);
          break;
        }
      }
    }
    // (a parameter with no store before the loop: the constants the code's own call sites bind to it; a function
    // handed away or bound a computed value: an unknown start, judged from 2 unless provably in -1..1)
    let startNote = "";
    if (start === undefined && reset === undefined && !seq && calls?.paramStart !== undefined && ![...stores.values()].some((x) => x.name === v && x.at < first)) {
      const ps = calls.paramStart(v);
      if (ps === "unknown") [start, startNote] = [2n, " (an unknown start, taken as 2)"];
      else if (ps !== undefined && ps.length > 0 && g !== undefined) {
        // (the start that grows most once the growth leaves -1..1)
        let best: bigint | undefined;
        for (const p0 of ps) {
          const e = p0 >= -1n && p0 <= 1n ? leavesFixedPoint(g.expr, v, p0) : { start: p0, passes: 0 };
          if (e !== undefined && (best === undefined || bitLength(e.start) > bitLength(best))) best = e.start;
        }
        start = best;
      }
    }
    // a start of -1, 0 or 1 stays there only when the growth maps it into -1..1 (v * v); one that an added constant
    // moves out (v * v + 1 from 1: 2, 5, 26, ...) grows from the first value outside, that many passes later
    let shift = 0;
    if (start !== undefined && !seq && start >= -1n && start <= 1n && g !== undefined) {
      const e = leavesFixedPoint(g.expr, v, start);
      if (e !== undefined) [start, shift] = [e.start, e.passes];
    }
    if (start === undefined || (seq ? start < 1n : start >= -1n && start <= 1n)) continue;
    // a loop that tests v itself in a way that can stop the growth (if v > 10 ** 6: break; while v < c) may stop it
    // early: not judged; a test that cannot (if v < 0: break, v == c) leaves it judged
    const lastEnd = Math.max(...fors.map((l) => l.end), ...whiles.map((l) => l.hi));
    const testsV = ins.some((t, q) => t.opname === "COMPARE_OP" && t.offset >= first - 64 && t.offset <= lastEnd && stopsGrowth(ins, q, v, lastEnd));
    if (testsV) continue;
    let log2Passes: number | undefined;
    if (whiles.length === 0) {
      let n = 1n;
      for (const l of fors) {
        const vals = its?.get(l.at) ?? [];
        const ls = vals.map((x) => iterLength(x));
        if (vals.length === 0 || ls.some((x) => x === undefined)) {
          // (an iterable the code built from constants alone whose length is not read: it may be as long as any;
          // fail closed, a far bound, as a while loop bounded by a far constant)
          n = vals.length > 0 && vals.every((x) => constBuilt(x, 0)) ? -2n : -1n;
          break;
        }
        n *= ls.reduce((m, x) => (x! < m! ? x : m))!;
      }
      if (n === -1n) continue;
      if (n === -2n) startNote += ", over an iterable of unknown length the code built from constants";
      log2Passes = n === -2n ? Infinity : n === 0n ? -Infinity : n < 2n ** 52n ? Math.log2(Number(n)) : n.toString(2).length - 1;
    } else {
      // a while loop: its counted passes (i = 0; while i < 40: ... i += 1), else its tests against constants (a test
      // of v itself bounds v)
      const w = whiles.reduce((m, l) => (l.hi - l.lo < m.hi - m.lo ? l : m));
      const counted = whileCounts(ins, nbOps).filter((c) => whiles.some((l) => l.lo === c.lo && l.hi === c.hi));
      if (counted.length === whiles.length && !ins.some((t, q) => t.opname === "COMPARE_OP" && t.offset >= w.lo - 64 && t.offset <= w.hi && stopsGrowth(ins, q, v, w.hi + 1))) {
        const n = counted.reduce((m, c) => m * c.passes, 1n);
        log2Passes = n < 2n ** 52n ? Math.log2(Number(n)) : n.toString(2).length - 1;
      }
    }
    if (log2Passes === undefined) {
      const w = whiles.reduce((m, l) => (l.hi - l.lo < m.hi - m.lo ? l : m));
      const tests = ins.filter((i) => i.offset >= w.lo - 64 && i.offset <= w.hi && i.opname === "COMPARE_OP");
      let bounded = false;
      let far = false;
      for (const t of tests) {
        const q = ins.indexOf(t);
        const [x, y] = [ins[q - 2], ins[q - 1]];
        const c = constIntOf(y) ?? constIntOf(x);
        if (c === undefined) continue;
        if (localOf(x) === v || localOf(y) === v) bounded = true;
        else if ((c < 0n ? -c : c) > BigInt(MAX_INT_BITS)) far = true;
      }
      if (bounded || !far) continue;
      log2Passes = Infinity;
    }
    if (shift > 0 && Number.isFinite(log2Passes) && log2Passes < 52) log2Passes = Math.log2(Math.max(2 ** log2Passes - shift, 0));
    const log2Bits = Math.log2(seq ? Number(start) : bitLength(start)) + (log2Passes === -Infinity ? 0 : 2 ** Math.min(log2Passes, 64)) * Math.log2(factor);
    if (seq && log2Bits > Math.log2(MAX_REPEAT_ITEMS)) {
      const how = op === "+" ? `${v} + ${v}` : `${v} * ${factor}`;
      return `a sequence rebound to ${how} on every pass of a loop (${log2Passes === Infinity ? "until a test against a far constant" : `about ${Math.round(2 ** log2Passes!)} passes`}, from ${start} items: about 2**${Math.min(log2Bits, 1e6).toFixed(0)} items; builds for minutes or exhausts memory)`;
    }
    if (!seq && log2Bits > Math.log2(MAX_INT_BITS)) {
      const how = g !== undefined ? exprText(g.expr) : `${v} * ${v}`;
      return `an integer rebound to ${how} on every pass of a loop (${log2Passes === Infinity ? (startNote.includes("unknown length") ? "an unknown number of passes" : "until a test against a far constant") : `about ${Math.round(2 ** log2Passes!)} passes`}, from ${start}${startNote}: about 2**${Math.min(log2Bits, 1e6).toFixed(0)} bits; multiplies for hours)`;
    }
  }
  return undefined;
}

/** A small expression a store receives (loop growth): a local or cell, an integer constant, an operator, unknown. */
type GExpr = { t: "v"; name: string } | { t: "c"; v: bigint | undefined } | { t: "op"; op: string; a: GExpr; b: GExpr } | { t: "list"; items: GExpr[] } | { t: "g"; name: string } | { t: "call"; fn: GExpr; args: GExpr[]; at: number } | { t: "x" };

/**
 * What growthDegree may look through at a call: the code's own functions a call site runs (every value its callee may
 * be one of them), with their instructions; `code` is the code object being read, `env` the degrees of a callee's
 * parameters (in the arguments of the call being followed).
 */
interface GrowthCalls {
  code: CodeObject;
  callees: (code: CodeObject, at: number) => { codes: CodeObject[]; partial: boolean } | undefined;
  insOf: (code: CodeObject) => Instruction[] | undefined;
  nbOps: string[];
  env?: Map<string, number>;
  /** The callees being followed (a recursion is not followed again: its arguments' degree, fail closed). */
  path?: Set<CodeObject>;
  /** Degrees of callees' returns already read, by callee and arguments' degrees. */
  memo?: Map<CodeObject, Map<string, number>>;
  /**
   * The integer constants the code's own call sites bind to a parameter of `code` ("unknown": a value that is not a
   * known constant, or a function handed away; undefined: not a parameter, or never an integer).
   */
  paramStart?: (name: string) => bigint[] | "unknown" | undefined;
}

/**
 * A start in -1..1 run through the growth expression (at most 4 passes, v the only local it reads): the first value
 * outside -1..1 and the passes it took, else undefined (a fixed point of the growth, or not computable).
 */
function leavesFixedPoint(e: GExpr, v: string, start: bigint): { start: bigint; passes: number } | undefined {
  const ev = (x: GExpr, val: bigint, depth: number): bigint | undefined => {
    if (depth > 16) return undefined;
    if (x.t === "c") return x.v;
    if (x.t === "v") return x.name === v ? val : undefined;
    if (x.t !== "op") return undefined;
    const a = ev(x.a, val, depth + 1);
    const b = a === undefined ? undefined : ev(x.b, val, depth + 1);
    if (a === undefined || b === undefined) return undefined;
    if (x.op === "+") return a + b;
    if (x.op === "-") return a - b;
    if (x.op === "*") return a * b;
    if (x.op === "**") return b >= 0n && b < 64n ? a ** b : undefined;
    if (x.op === "<<") return b >= 0n && b < 64n ? a << b : undefined;
    if (x.op === "|") return a | b;
    if (x.op === "^") return a ^ b;
    return undefined;
  };
  let val = start;
  for (let n = 1; n <= 4; n++) {
    const next = ev(e, val, 0);
    if (next === undefined) return undefined;
    if (next < -1n || next > 1n) return { start: next, passes: n };
    val = next;
  }
  return undefined;
}
/** Builtins that return an integer as large as their argument (int(v * v) is v * v). */
const GROWTH_PASSING = new Set(["int", "abs", "round"]);
/** Builtins whose result does not grow with their argument (a float stops at inf; len, hash, bool are small). */
const GROWTH_BOUNDED = new Set(["len", "bool", "hash", "id", "float", "isinstance", "type", "callable", "ord"]);

/**
 * The stores of locals and of constant-index cells of locals (a[0] = ...) with the expression each receives, read by a
 * straight stack simulation of the instructions (control flow ignored: an instruction not modelled clears the stack).
 */
function growthStores(ins: Instruction[], opAt: (i: Instruction | undefined) => string | undefined, returns?: { at: number; expr: GExpr }[]): Map<number, { name: string; at: number; expr: GExpr }> {
  const out = new Map<number, { name: string; at: number; expr: GExpr }>();
  let st: GExpr[] = [];
  const X: GExpr = { t: "x" };
  const pop = (): GExpr => st.pop() ?? X;
  const cellName = (c: GExpr, i: GExpr): string | undefined => (c.t === "v" && i.t === "c" && i.v !== undefined && !c.name.includes("[") ? `${c.name}[${i.v}]` : undefined);
  for (const i of ins) {
    const o = i.opname;
    if (o === "NOP" || o === "CACHE" || o === "PRECALL" || o === "RESUME" || o === "EXTENDED_ARG" || o === "NOT_TAKEN" || o === "KW_NAMES") continue;
    const lf = localOf(i);
    if (lf !== undefined) st.push({ t: "v", name: lf });
    else if (/^LOAD_FAST(?:_BORROW)?_LOAD_FAST(?:_BORROW)?$/.test(o) && i.argval.k === "names2") st.push({ t: "v", name: i.argval.v[0] }, { t: "v", name: i.argval.v[1] });
    else if (o === "STORE_FAST_LOAD_FAST" && i.argval.k === "names2") {
      out.set(i.offset, { name: i.argval.v[0], at: i.offset, expr: pop() });
      st.push({ t: "v", name: i.argval.v[1] });
    } else if (o === "STORE_FAST_STORE_FAST" && i.argval.k === "names2") {
      out.set(i.offset, { name: i.argval.v[0], at: i.offset, expr: pop() });
      out.set(i.offset + 0.5, { name: i.argval.v[1], at: i.offset + 0.5, expr: pop() });
    }
    else if (o === "LOAD_CONST" || o === "LOAD_SMALL_INT") {
      const c = constIntOf(i);
      st.push(c !== undefined ? { t: "c", v: c } : i.argval.k === "const" && i.argval.v.t === "bool" ? { t: "c", v: i.argval.v.v ? 1n : 0n } : { t: "c", v: undefined });
    } else if (o === "LOAD_GLOBAL" || o === "LOAD_NAME") {
      const n = i.argval.k === "name" || i.argval.k === "local" ? String(i.argval.v) : typeof (i.argval as { v?: unknown }).v === "string" ? String((i.argval as { v: string }).v) : "?";
      // (3.11+: a NULL pushed with the callable)
      st.push({ t: "g", name: n.replace(/^NULL \+ | \+ NULL$/g, "") });
    } else if (o === "PUSH_NULL") st.push({ t: "g", name: "<null>" });
    else if (o === "BINARY_SUBSCR" || (o === "BINARY_OP" && opAt(i) === "[]")) {
      const key = pop();
      const c = pop();
      const n = cellName(c, key);
      st.push(n !== undefined ? { t: "v", name: n } : X);
    } else if (opAt(i) !== undefined) {
      const b = pop();
      const a = pop();
      st.push({ t: "op", op: opAt(i)!, a, b });
    } else if (o === "BUILD_LIST" || o === "BUILD_TUPLE") {
      const n = i.arg ?? 0;
      const items = st.splice(Math.max(0, st.length - n), n);
      st.push({ t: "list", items });
    } else if (/^CALL(?:_FUNCTION|_METHOD)?$/.test(o)) {
      const n = i.arg ?? 0;
      const args = st.splice(Math.max(0, st.length - n), n);
      let fn = pop();
      if (fn.t === "g" && fn.name === "<null>") fn = pop();
      else if (st.at(-1)?.t === "g" && (st.at(-1) as { name: string }).name === "<null>") st.pop();
      st.push(fn.t === "g" && fn.name === "pow" && args.length === 2 ? { t: "op", op: "**", a: args[0]!, b: args[1]! } : { t: "call", fn, args, at: i.offset });
    } else if (o === "STORE_FAST" && i.argval.k === "local") {
      const e = pop();
      out.set(i.offset, { name: i.argval.v, at: i.offset, expr: e });
    } else if (o === "STORE_SUBSCR") {
      const key = pop();
      const c = pop();
      const e = pop();
      const n = cellName(c, key);
      if (n !== undefined) out.set(i.offset, { name: n, at: i.offset, expr: e });
    } else if (o === "COPY" || o === "DUP_TOP") st.push(st.at(-(i.arg ?? 1)) ?? X);
    else if (o === "RETURN_VALUE" || o === "RETURN_CONST") {
      returns?.push({ at: i.offset, expr: o === "RETURN_VALUE" ? pop() : X });
      st = [];
    } else st = [];
  }
  // a cell's store before a loop: the list literal stored to its local (a = [3]: a[0] starts at 3)
  for (const s of [...out.values()]) {
    if (s.expr.t !== "list") continue;
    s.expr.items.forEach((it, j) => {
      const key = -(s.at * 64 + j + 1);
      out.set(key, { name: `${s.name}[${j}]`, at: s.at, expr: it });
    });
  }
  return out;
}

/** The degree in v of a store's expression (v * v + 1: 2), through temporaries stored before it; 0 when it does not grow with v. */
function growthDegree(e: GExpr, v: string, stores: Map<number, { name: string; at: number; expr: GExpr }>, at: number, depth: number, calls?: GrowthCalls): number {
  if (depth > 8) return 0;
  switch (e.t) {
    case "v": {
      if (e.name === v) return 1;
      // a temporary stored before this point (w = v * v; v = w): what it holds; else, in a callee followed, the
      // degree of the argument its parameter receives
      const prev = [...stores.values()].filter((x) => x.name === e.name && x.at < at && x.at >= 0);
      if (prev.length === 0) return calls?.env?.get(e.name) ?? 0;
      const last = prev.reduce((m, x) => (x.at > m.at ? x : m));
      return growthDegree(last.expr, v, stores, last.at, depth + 1, calls);
    }
    case "call": {
      // a call: int(v * v) and abs() pass their argument's size through; len(), float() and the like do not grow;
      // min(v, c) is at most c; the code's own function is read through (def sq(v): return v * v: sq(v) is v * v);
      // any other call (str(), a method, a callee not known) is taken to keep its arguments' size (fail closed: it
      // may return one of them, int(str(v)) is v)
      const ds = e.args.map((a) => growthDegree(a, v, stores, at, depth + 1, calls));
      const most = ds.length ? Math.max(...ds) : 0;
      if (e.fn.t === "g" && GROWTH_BOUNDED.has(e.fn.name)) return 0;
      if (e.fn.t === "g" && e.fn.name === "min") return ds.includes(0) ? 0 : most;
      if (e.fn.t === "g" && (GROWTH_PASSING.has(e.fn.name) || e.fn.name === "max")) return most;
      const own = calls?.callees(calls.code, e.at);
      if (calls === undefined || own === undefined || own.codes.length === 0) return most;
      // (a callee that may also be something else keeps its arguments' degree too)
      let deg = own.partial ? most : 0;
      const memo = (calls.memo ??= new Map());
      for (const c of own.codes) {
        const ins = calls.insOf(c);
        if (ins === undefined || calls.path?.has(c)) return most;
        const key = ds.join(",");
        let d = memo.get(c)?.get(key);
        if (d === undefined) {
          const returns: { at: number; expr: GExpr }[] = [];
          const opAt = (i: Instruction | undefined): string | undefined => (i === undefined ? undefined : i.opname === "BINARY_OP" ? (calls.nbOps[i.arg ?? 0] ?? "?").replace(/=$/, "") : BINOPS_OLD[i.opname]);
          const cs = growthStores(ins, opAt, returns);
          const env = new Map(c.varnames.slice(0, c.argcount).map((p, j) => [p, ds[j] ?? 0] as [string, number]));
          const inner: GrowthCalls = { ...calls, code: c, env, path: new Set([...(calls.path ?? []), calls.code, c]), memo };
          d = 0;
          for (const r of returns) d = Math.max(d, growthDegree(r.expr, "\0", cs, r.at, depth + 1, inner));
          const m = memo.get(c) ?? new Map<string, number>();
          m.set(key, d);
          memo.set(c, m);
        }
        deg = Math.max(deg, d);
      }
      return deg;
    }
    case "op": {
      const da = growthDegree(e.a, v, stores, at, depth + 1, calls);
      const db = growthDegree(e.b, v, stores, at, depth + 1, calls);
      if (e.op === "*") return da + db;
      if (e.op === "**") return e.b.t === "c" && e.b.v !== undefined && e.b.v >= 0n && e.b.v < 1024n ? da * Number(e.b.v) : db > 0 || da > 0 ? Math.max(2, da) : 0;
      if (e.op === "<<") return db > 0 ? 2 : da;
      // (a constant divisor or shift takes a constant number of bits: v * v // 2 still doubles)
      if ((e.op === "//" || e.op === ">>") && db === 0) return da;
      if (e.op === "+" || e.op === "-" || e.op === "|" || e.op === "^") return Math.max(da, db);
      return 0;
    }
    default:
      return 0;
  }
}

function exprText(e: GExpr): string {
  switch (e.t) {
    case "v":
    case "g":
      return e.name;
    case "call":
      return `${exprText(e.fn)}(${e.args.map(exprText).join(", ")})`;
    case "c":
      return e.v === undefined ? "c" : String(e.v);
    case "op": {
      const side = (x: GExpr): string => (x.t === "op" ? `(${exprText(x)})` : exprText(x));
      return `${side(e.a)} ${e.op} ${side(e.b)}`;
    }
    default:
      return "...";
  }
}

/** Whether a forward jump between a loop's start and a point (a conditional branch) may pass over that point. */
/**
 * A conditional expression that stores a constant into v on the arm every pass takes: `v = 3 if i >= 0 else v` with i
 * a for loop's own variable over range() with constant arguments, compared with a constant so that the test holds (or
 * fails) at both ends of the range: the store is that constant (a reset). Any other shape stays as growthStores read
 * it (the last arm: v), so the growth is judged from before the loop (fail closed).
 */
function condResets(ins: Instruction[], stores: Map<number, { name: string; at: number; expr: GExpr }>, its: Map<number, Sym[]> | undefined, forLoops: { at: number; end: number }[]): void {
  for (const [q, st] of ins.entries()) {
    if (st.opname !== "STORE_FAST" || st.argval.k !== "local" || q < 7) continue;
    const v = st.argval.v;
    const [a1, jf, a0, pj, cmp] = [ins[q - 1]!, ins[q - 2]!, ins[q - 3]!, ins[q - 4]!, ins[q - 5]!];
    if (!/^JUMP_FORWARD$/.test(jf.opname) || jf.argval.k !== "jump" || jf.argval.v !== st.offset) continue;
    const m = /^POP_JUMP_(?:FORWARD_)?IF_(TRUE|FALSE)$/.exec(pj.opname);
    if (m === null || pj.argval.k !== "jump" || pj.argval.v !== a1.offset) continue;
    const c0 = constIntOf(a0);
    const c1 = constIntOf(a1);
    const resetFirst = c0 !== undefined && localOf(a1) === v;
    if (!resetFirst && !(c1 !== undefined && localOf(a0) === v)) continue;
    // (the first arm runs when the test is true after IF_FALSE, false after IF_TRUE)
    const need = resetFirst === (m[1] === "FALSE");
    if (cmp.opname !== "COMPARE_OP" || cmp.argval.k !== "compare") continue;
    const opm = /^[<>]=?$/.exec(cmp.argval.v)?.[0];
    if (opm === undefined) continue;
    const [x, y] = [ins[q - 7]!, ins[q - 6]!];
    let name: string | undefined;
    let op: string | undefined;
    let c: bigint | undefined;
    if (localOf(x) !== undefined && constIntOf(y) !== undefined) [name, op, c] = [localOf(x), opm, constIntOf(y)];
    else if (localOf(y) !== undefined && constIntOf(x) !== undefined) [name, op, c] = [localOf(y), FLIPPED[opm], constIntOf(x)];
    if (name === undefined || op === undefined || c === undefined || name === v) continue;
    // the for loop around the store whose own variable this is, stored nowhere else in it, over a constant range
    const loop = forLoops.find((l) => {
      const t = ins.find((i) => i.offset > l.at);
      return l.at < st.offset && st.offset < l.end && t?.opname === "STORE_FAST" && t.argval.k === "local" && t.argval.v === name;
    });
    if (loop === undefined) continue;
    const storesI = ins.filter((i) => i.offset > loop.at && i.offset < loop.end && /^STORE_FAST/.test(i.opname) && (i.argval.k === "local" ? i.argval.v === name : i.argval.k === "names2" && i.argval.v.includes(name))).length;
    if (storesI !== 1) continue;
    const iters = its?.get(loop.at) ?? [];
    let lo: bigint | undefined;
    let hi: bigint | undefined;
    let ok = iters.length > 0;
    for (const it of iters) {
      const d = deref(it);
      const args = d.k === "call" && pathOf(d.fn) === "builtins.range" && d.kw.length === 0 && !d.star ? d.args.map(intValue) : undefined;
      if (args === undefined || args.length < 1 || args.length > 3 || args.some((z) => z === undefined)) { ok = false; break; }
      const [b0, b1, b2] = args as bigint[];
      const [start, stop, step] = args.length === 1 ? [0n, b0!, 1n] : [b0!, b1!, b2 ?? 1n];
      if (step === 0n) { ok = false; break; }
      const [l, h] = step > 0n ? [start, stop - 1n] : [stop + 1n, start];
      if (l > h) continue;
      lo = lo === undefined || l < lo ? l : lo;
      hi = hi === undefined || h > hi ? h : hi;
    }
    if (!ok || lo === undefined || hi === undefined) continue;
    const holds = (i: bigint): boolean => (op === "<" ? i < c! : op === "<=" ? i <= c! : op === ">" ? i > c! : i >= c!);
    if (holds(lo) !== need || holds(hi) !== need) continue;
    const g = stores.get(st.offset);
    if (g !== undefined) stores.set(st.offset, { ...g, expr: { t: "c", v: resetFirst ? c0 : c1 } });
  }
}

function regionSkips(ins: Instruction[], lo: number, at: number): boolean {
  return ins.some((j) => j.offset >= lo && j.offset < at && j.argval.k === "jump" && j.argval.v > at && !/FOR_ITER$/.test(j.opname));
}

/**
 * Whether the comparison at ins[q] is a test of v that can stop a growing v: v above a bound (v > c, v >= c, c < v,
 * c <= v), or v below a bound whose failing leaves the loop (while v < c: the jump taken when false goes past its end).
 */
function stopsGrowth(ins: Instruction[], q: number, v: string, loopEnd: number): boolean {
  const t = ins[q]!;
  const x = ins[q - 2];
  const y = ins[q - 1];
  const pair = y?.argval.k === "names2" ? (y.argval.v as [string, string]) : undefined;
  const left = localOf(x) === v || pair?.[0] === v;
  const right = localOf(y) === v || pair?.[1] === v;
  if (!left && !right) return false;
  const opm = t.argval.k === "compare" ? /[<>]=?|[=!]=/.exec(t.argval.v)?.[0] : undefined;
  if (opm === undefined) return true; // (not read: kept exempt)
  const op = left ? opm : FLIPPED[opm]!;
  if (op === ">" || op === ">=") return true;
  if (op === "<" || op === "<=") {
    for (const j of ins.slice(q + 1, q + 4)) if (/IF_FALSE/.test(j.opname) && j.argval.k === "jump" && j.argval.v >= loopEnd) return true;
  }
  return false;
}

/** A call of a C callable that calls a function it is given once per item: the functions and how many items (known lengths). */
function perItemCalls(call: Extract<Sym, { k: "call" }>): { fns: Sym[]; times: bigint } | undefined {
  const p = pathOf(call.fn);
  if (p === undefined) return undefined;
  let fns: Sym[] = [];
  let iters: Sym[] = [];
  if (p === "builtins.map" || p === "itertools.starmap") [fns, iters] = [call.args.slice(0, 1), call.args.slice(1)];
  else if (p === "builtins.filter" || p === "functools.reduce" || p === "itertools.filterfalse" || p === "itertools.takewhile" || p === "itertools.dropwhile") [fns, iters] = [call.args.slice(0, 1), call.args.slice(1, 2)];
  else if (/^builtins\.(?:sorted|min|max)$/.test(p)) [fns, iters] = [call.kw.filter(([k]) => k === "key").map(([, v]) => v), call.args.slice(0, 1)];
  else return undefined;
  if (fns.length === 0 || iters.length === 0) return undefined;
  const ls = iters.map((x) => iterLength(x));
  if (ls.some((x) => x === undefined)) return undefined;
  const times = ls.reduce((m, x) => (x! < m! ? x : m))!;
  return { fns, times: times > LENGTH_CAP ? LENGTH_CAP : times };
}

/**
 * The counted while loops of a code object (each way out a test of one counter against a constant, the counter moved
 * by a constant step from a constant start) and their passes, whatever else the body does (for the passes around a
 * call site: an upper bound of how often the body runs).
 */
function whileCounts(ins: Instruction[], nbOps: string[]): { lo: number; hi: number; passes: bigint }[] {
  const out: { lo: number; hi: number; passes: bigint }[] = [];
  const once = onceConsts(ins);
  for (const [ji, j] of ins.entries()) {
    if (j.argval.k !== "jump" || j.argval.v > j.offset || !/JUMP/.test(j.opname)) continue;
    const [lo, hi] = [j.argval.v, j.offset];
    if (ins.some((i) => /FOR_ITER$/.test(i.opname) && i.offset === lo)) continue;
    const body = ins.filter((i) => i.offset >= lo && i.offset <= hi);
    const outs = body.filter((i) => i !== j && i.argval.k === "jump" && (i.argval.v < lo || i.argval.v > hi));
    const tests = exitTests(ins, ji, outs, once, true)?.tests;
    if (tests === undefined) continue;
    const x = tests[0]!.x;
    const step = counterStep(ins, x, (i) => i.offset >= lo && i.offset <= hi, nbOps);
    if (step === undefined || step === 0n) continue;
    const start = counterStart(ins, lo, x, once, false);
    if (start === undefined) continue;
    let passes: bigint | undefined;
    for (const t of tests) {
      const n = counterPasses(start, step, t!.op, t!.c);
      if (n !== "endless" && (passes === undefined || n < passes)) passes = n;
    }
    if (passes !== undefined && passes > 1n) out.push({ lo, hi, passes: passes > LENGTH_CAP ? LENGTH_CAP : passes });
  }
  // (one loop per head, its widest extent and fewest passes: 3.8-3.9 close a loop left by `break` with two back jumps,
  // each read as a loop with the same counter test; counted twice they would square its passes)
  const merged: { lo: number; hi: number; passes: bigint }[] = [];
  for (const w of out) {
    const m = merged.find((x) => x.lo === w.lo);
    if (m === undefined) merged.push({ ...w });
    else [m.hi, m.passes] = [Math.max(m.hi, w.hi), w.passes < m.passes ? w.passes : m.passes];
  }
  return merged;
}

/** Loop extents merged by head: the widest extent of those that share one. */
function sameHeadMerged(ls: { lo: number; hi: number }[]): { lo: number; hi: number }[] {
  const out: { lo: number; hi: number }[] = [];
  for (const l of ls) {
    const m = out.find((x) => x.lo === l.lo);
    if (m === undefined) out.push({ ...l });
    else m.hi = Math.max(m.hi, l.hi);
  }
  return out;
}

/**
 * A counter's start: the constant stored to it last before the loop starting at lo, through straight-line code and
 * the loop's own entry test (not past a point other paths join or a jump back); a store of a value that is not a
 * constant counts from 0 when `computedFromZero` (a start the code computes, i = int(0)), else undefined. A float
 * constant numConstOf does not take (0.25, 1e17) is a number.
 */
function counterStart(ins: Instruction[], lo: number, x: string, once: Map<string, bigint>, computedFromZero: boolean): bigint | number | undefined {
  for (let k = ins.findIndex((i) => i.offset === lo) - 1; k >= 0; k--) {
    const i = ins[k]!;
    if ((i.argval.k === "jump" && !(/IF_(?:TRUE|FALSE)$|^SETUP_LOOP$/.test(i.opname) && i.argval.v > i.offset)) || ins.some((y) => y.argval.k === "jump" && y.argval.v === i.offset)) break;
    if (i.opname === "STORE_FAST" && i.argval.k === "local" && i.argval.v === x) return numConstOf(ins[k - 1], once) ?? floatOf(ins[k - 1]) ?? (computedFromZero ? 0n : undefined);
  }
  return undefined;
}
/** A finite float constant numConstOf does not take (a fractional 0.5, an integral 1e17 beyond 2 ** 53), as a number. */
function floatOf(i: Instruction | undefined): number | undefined {
  return i?.opname === "LOAD_CONST" && i.argval.k === "const" && i.argval.v.t === "float" && Number.isFinite(i.argval.v.v) && numConstOf(i) === undefined ? i.argval.v.v : undefined;
}

/**
 * The constant step of every store of a local in a region (x = x + k, x += k, x -= k), undefined when some store is
 * another; a float step numConstOf does not take (x += 0.5) is a number.
 */
function counterStep(ins: Instruction[], x: string, inRegion: (i: Instruction) => boolean, nbOps: string[]): bigint | number | undefined {
  let step: bigint | number | undefined;
  for (const [k, i] of ins.entries()) {
    if (!inRegion(i)) continue;
    if (i.opname === "STORE_FAST_STORE_FAST" || i.opname === "STORE_FAST_LOAD_FAST") {
      if (i.argval.k === "names2" && i.argval.v[0] === x) return undefined;
      if (i.opname === "STORE_FAST_STORE_FAST" && i.argval.k === "names2" && i.argval.v[1] === x) return undefined;
    }
    if (i.opname === "DELETE_FAST" && i.argval.k === "local" && i.argval.v === x) return undefined;
    if (!/^STORE_FAST$/.test(i.opname) || i.argval.k !== "local" || i.argval.v !== x) continue;
    const opI = ins[k - 1];
    const c = numConstOf(ins[k - 2]) ?? floatOf(ins[k - 2]);
    if (opI === undefined || c === undefined || localOf(ins[k - 3]) !== x) return undefined;
    const sym = opI.opname === "BINARY_OP" ? (nbOps[opI.arg ?? 0] ?? "?").replace(/=$/, "") : BINOPS_OLD[opI.opname];
    const d = sym === "+" ? c : sym === "-" ? -c : undefined;
    if (d === undefined || (step !== undefined && step !== d)) return undefined;
    step = d;
  }
  return step;
}

/**
 * How many passes a loop going on while `x op c` makes, x starting at start and moving by step each pass. With a float
 * numConstOf does not take (a step of 0.5, a bound of 1e17) in floating point: |c - start| / |step| passes, and, for a
 * float counter, none of them the last when the step is at most half a unit in the last place of the values on the way
 * (x + step == x: never gets there).
 */
function counterPasses(start: bigint | number, step: bigint | number, op: string, c: bigint | number): bigint | "endless" {
  if (typeof start === "number" || typeof step === "number" || typeof c === "number") return floatPasses(Number(start), Number(step), op, Number(c), typeof start === "number" || typeof step === "number");
  const holds = (v: bigint): boolean => (op === "<" ? v < c : op === "<=" ? v <= c : op === ">" ? v > c : op === ">=" ? v >= c : op === "!=" ? v !== c : v === c);
  if (!holds(start)) return 0n;
  if (op === "==") return 1n;
  if (op === "!=") {
    const diff = c - start;
    return diff % step === 0n && diff / step > 0n ? diff / step : "endless";
  }
  const up = op === "<" || op === "<=";
  if (up !== step > 0n) return "endless";
  const dist = up ? c - start : start - c;
  const abs = step > 0n ? step : -step;
  return (op === "<=" || op === ">=" ? dist / abs + 1n : (dist + abs - 1n) / abs);
}

function floatPasses(start: number, step: number, op: string, c: number, floatCounter: boolean): bigint | "endless" {
  const holds = (v: number): boolean => (op === "<" ? v < c : op === "<=" ? v <= c : op === ">" ? v > c : op === ">=" ? v >= c : op === "!=" ? v !== c : v === c);
  if (!holds(start)) return 0n;
  if (op === "==") return 1n;
  if (step === 0 || !Number.isFinite(step)) return "endless";
  // (the largest magnitude on the way: a step at most half its ulp leaves x where it is)
  const far = Math.max(Math.abs(start), Math.abs(c));
  const ulp = far === 0 ? 0 : 2 ** (Math.floor(Math.log2(far)) - 52);
  if (floatCounter && Math.abs(step) <= ulp / 2) return "endless";
  const q = (c - start) / step;
  if (op === "!=") return Number.isInteger(q) && q > 0 ? BigInt(Math.min(q, Number(LENGTH_CAP))) : "endless";
  if ((op === "<" || op === "<=") !== step > 0) return "endless";
  const n = op === "<=" || op === ">=" ? Math.floor(q) + 1 : Math.ceil(q);
  return BigInt(Math.min(n, Number(LENGTH_CAP)));
}

/** Whether the handler at this offset only moves values and re-raises, with no handler around its RERAISE. */
function reraisesOnly(ins: Instruction[], target: number, table: { start: number; end: number; target: number }[]): boolean {
  let k = ins.findIndex((i) => i.offset === target);
  if (k < 0) return false;
  for (let n = 0; k < ins.length && n < 12; k++, n++) {
    const i = ins[k]!;
    if (i.opname === "RERAISE") return !table.some((e) => i.offset >= e.start && i.offset < e.end);
    if (!/^(?:SWAP|POP_TOP|STORE_FAST|COPY|NOP|CACHE|EXTENDED_ARG)$/.test(i.opname)) return false;
  }
  return false;
}

/** Verified pure callees that end a loop by raising (StopIteration, queue.Empty): a way out of `while True`. */
const LOOP_ENDING_CALLS = /^(?:builtins\.(?:next|input|anext|iter)|queue\.|select\.|time\.|threading\.|signal\.|sys\.)/;

/** A call that cannot leave a loop: a resolved callee that is verified compute, given no function of the code. */
function quietCallee(c: Extract<Sym, { k: "call" }>): boolean {
  if ([...c.args, ...c.kw.map(([, v]) => v)].some((a) => deref(a).k === "func")) return false;
  // a method that cannot fail of a container or string the code built itself (s.add(1) on s = set())
  const f = deref(c.fn);
  if (f.k === "attr" && QUIET_OWN_METHODS.has(f.name)) {
    const recv = capped(alternativesOf(f.obj), 8);
    if (recv.length > 0 && recv.every((r) => ownPlainValue(r))) return true;
  }
  const p = pathOf(deref(c.fn));
  if (p === undefined || LOOP_ENDING_CALLS.test(p)) return false;
  if ([...c.args, ...c.kw.map(([, v]) => v)].some((a) => deref(a).k === "func")) return false;
  return judgeTarget(p).verdict === "allow";
}

/** Methods of a list, set, dict or str that raise nothing for a plain value (no lookup that may fail, no comparison). */
const QUIET_OWN_METHODS = new Set(["add", "append", "extend", "insert", "update", "get", "setdefault", "copy", "clear", "discard", "keys", "values", "items", "count", "lower", "upper", "strip", "lstrip", "rstrip", "replace", "startswith", "endswith", "split", "isdigit", "isalpha"]);

/** A container or string the code built itself: a literal, a constant, or a call of the builtin constructor. */
function ownPlainValue(x: Sym): boolean {
  const d = deref(x);
  if (d.k === "seq" || d.k === "const" || (d.k === "op" && d.op === "dict")) return true;
  return d.k === "call" && /^builtins\.(?:set|list|dict|str|frozenset|tuple|bytearray)$/.test(pathOf(d.fn) ?? "");
}

/** Consumers that run an iterable to its end in C (sum(range(10 ** 15)) never returns). */
/** C callables that only call the function they are given (with the other arguments or their items), never return it. */
const APPLIERS = new Set(["builtins.map", "builtins.filter", "builtins.sorted", "builtins.min", "builtins.max", "functools.reduce", "functools.partial", "builtins.staticmethod", "builtins.classmethod"]);
const FULL_CONSUMERS = /^(?:builtins\.(?:sum|min|max|list|tuple|set|frozenset|sorted|dict)|collections\.(?:deque|Counter)|math\.(?:prod|fsum)|statistics\.\w+|functools\.reduce|heapq\.(?:heapify|nlargest|nsmallest)|numpy\.(?:fromiter|array))$/;
/** Items a consumer may run through before the work alone stalls the load. */
const MAX_ITEMS = 10_000_000_000;

/** Consumers that keep every item they run through (their memory grows with the items). */
const KEEPING_CONSUMERS = /^(?:builtins\.(?:list|tuple|set|frozenset|sorted|dict)|collections\.(?:deque|Counter)|numpy\.(?:fromiter|array)|\.join)$/;

/**
 * A C consumer run over a lazy iterable of a known length (range, itertools, map/zip/enumerate of them): beyond
 * MAX_LOOP_PASSES items (~15-20 ns an item in C: tens of seconds) or, for a consumer that keeps every item, beyond
 * MAX_REPEAT_ITEMS (8 bytes of pointer and an object each): why, else undefined. all() stops at its first false item:
 * only a range without 0 runs to its end.
 */
function consumerItems(p: string, x: Sym): string | undefined {
  let d = deref(x);
  if (d.k === "unknown" && d.alts?.length && /^(?:GET_ITER|GET_AITER) /.test(d.why)) d = deref(d.alts[0]!);
  if (d.k !== "call" || !/^(?:builtins\.(?:range|map|zip|enumerate|reversed|filter)|itertools\.\w+)$/.test(pathOf(d.fn) ?? "")) return undefined;
  const fp = pathOf(d.fn)!;
  // (filter: as long as what it filters, when it keeps everything: fail closed)
  const n = fp === "builtins.filter" && d.args[1] !== undefined ? iterLength(d.args[1]) : iterLength(d);
  if (n === undefined) return undefined;
  if (p === "builtins.all") {
    const ra = fp === "builtins.range" ? d.args.map((a) => intValue(a)) : [];
    const [start, stop] = ra.length === 1 ? [0n, ra[0]] : [ra[0], ra[1]];
    const hasZero = start === undefined || stop === undefined || (start <= 0n && 0n < stop) || (start >= 0n && 0n > stop);
    if (fp !== "builtins.range" || hasZero) return undefined;
  }
  const name = p === ".join" ? ".join" : p.replace(/^builtins\./, "");
  if (KEEPING_CONSUMERS.test(p) && n > BigInt(MAX_REPEAT_ITEMS)) return `${name}() keeps every item of ${fp.replace(/^builtins\./, "")}() of ${n} items (builds for minutes or exhausts memory)`;
  if (n > MAX_LOOP_PASSES) return `${name}() runs ${fp.replace(/^builtins\./, "")}() of ${n} items in C (about ${(Number(n) * 2e-8).toExponential(1)} s at ~20 ns an item: never returns in practice)`;
  return undefined;
}

/** The text of a format spec: a constant, or an f-string spec built of constants and known integers ('>{n}'). */
function specText(spec: Sym): string | undefined {
  const t = str(spec);
  if (t !== undefined) return t;
  const d = deref(spec);
  if (d.k !== "op" || (d.op !== "f-string" && d.op !== "format")) return undefined;
  const parts = d.op === "format" ? [spec] : d.operands;
  let out = "";
  for (const p of parts) {
    const ps = str(p);
    const pd = deref(p);
    const v = ps === undefined && pd.k === "op" && pd.op === "format" && pd.operands.length === 1 ? intValue(pd.operands[0]!) : undefined;
    if (ps === undefined && v === undefined) return undefined;
    out += ps ?? String(v);
  }
  return out;
}

/**
 * The least length of a value formatted with a format spec ([[fill]align][sign][z][#][0][width][grouping][.precision]
 * [type]): its width, or for a fixed-point or exponent float type its precision's digits; undefined when not a spec.
 */
function specLength(spec: string): number | undefined {
  const m = /^(?:[\s\S]?[<>=^])?[+\- ]?z?#?0?(\d*)[_,]?(?:\.(\d+))?([a-zA-Z%])?$/u.exec(spec);
  if (!m) return undefined;
  const w = m[1] ? Number(m[1]) : 0;
  const prec = m[2] !== undefined && m[3] !== undefined && /^[fFeE%]$/.test(m[3]) ? Number(m[2]) : 0;
  return Math.max(w, prec);
}

/**
 * A call that builds a string, bytes or buffer whose size is its argument, beyond MAX_REPEAT_ITEMS: str.ljust /
 * rjust / center / zfill of a known width, builtins.format(v, spec) and str.format of a constant format string with
 * field widths, bytes(n) / bytearray(n), str.expandtabs(n) of a known string, str.replace(old, new, count) growing a
 * known string. Why, else undefined.
 */
function builtTooLarge(fd: Sym, fp: string | undefined, args: Sym[], kw: [string, Sym][]): string | undefined {
  const big = (n: number | undefined, what: string): string | undefined => (n !== undefined && n > MAX_REPEAT_ITEMS ? `${what} (a string or buffer of ${n} items: builds for minutes or exhausts memory)` : undefined);
  const num = (x: Sym | undefined): number | undefined => {
    const v = x === undefined ? undefined : intValue(x);
    return v === undefined ? undefined : Number(v);
  };
  if ((fp === "builtins.bytes" || fp === "builtins.bytearray") && args.length === 1 && kw.length === 0) {
    const c = constOf(deref(args[0]!));
    if (c?.t === "int" || (c === undefined && intValue(args[0]!) !== undefined)) return big(num(args[0]), `${fp.slice(9)}(${num(args[0])})`);
  }
  if (fp === "builtins.format" && args[1] !== undefined) {
    const t = specText(args[1]);
    return t !== undefined ? big(specLength(t), `format() with spec '${cut(t, 40)}'`) : undefined;
  }
  if ((fp === "operator.mul" || fp === "operator.imul" || fp === "operator.mod" || fp === "operator.imod") && args.length === 2) return hugeResult(fp.includes("mul") ? "*" : "%", args[0]!, args[1]!);
  if (fd.k !== "attr") return undefined;
  const name = fd.name;
  if (/^(?:ljust|rjust|center|zfill)$/.test(name) && args[0] !== undefined) return big(num(args[0]), `.${name}(${num(args[0])})`);
  if (name === "format" && str(fd.obj) !== undefined) return big(Math.max(builtLength({ k: "call", fn: fd, args, kw }, 0) ?? 0, formatWidths(str(fd.obj)!, args, kw)), `.format() of a format string with field widths`);
  if (name === "format_map" && str(fd.obj) !== undefined) {
    const m = deref(args[0] ?? UNKNOWN(""));
    const mkw: [string, Sym][] = [];
    if (m.k === "op" && m.op === "dict") for (let i = 0; i + 1 < m.operands.length; i += 2) { const key = str(m.operands[i]!); if (key !== undefined) mkw.push([key, m.operands[i + 1]!]); }
    return big(formatWidths(str(fd.obj)!, [], mkw), `.format_map() of a format string with field widths`);
  }
  // (int.to_bytes(length), a join of parts of known lengths, translate's growth: the result's length)
  if (name === "to_bytes" || name === "join" || name === "translate") return big(builtLength({ k: "call", fn: fd, args, kw }, 0), `.${name}()`);
  // (the operator methods and functions: 'a'.__mul__(n), operator.mul('a', n), '%9999d'.__mod__(1))
  if (/^__(?:r?mul|mod)__$/.test(name) && args[0] !== undefined) return hugeResult(name.includes("mul") ? "*" : "%", fd.obj, args[0]);
  if (name === "expandtabs") {
    const l = stringLength(fd.obj);
    const tabs = tabCount(fd.obj);
    const tab = num(args[0] ?? kw.find(([k]) => k === "tabsize")?.[1]) ?? 8;
    if (l === undefined || tabs === undefined) return undefined;
    return big(l + tabs * Math.max(tab, 0), `.expandtabs(${tab}) of a string with ${tabs} tabs`);
  }
  if (name === "replace" && args.length >= 2) {
    const l = stringLength(fd.obj);
    const lo = stringLength(args[0]!);
    const ln = stringLength(args[1]!);
    if (l === undefined || lo === undefined || ln === undefined || ln <= lo) return undefined;
    const t = str(fd.obj);
    const o = str(args[0]!);
    // (occurrences: counted in a known string, else at most one per len(old) characters; '' matches l + 1 times)
    let occ = t !== undefined && o !== undefined && o !== "" ? t.split(o).length - 1 : lo === 0 ? l + 1 : Math.floor(l / lo);
    const cnt = num(args[2] ?? kw.find(([k]) => k === "count")?.[1]);
    if (cnt !== undefined && cnt >= 0) occ = Math.min(occ, cnt);
    return big(l + occ * (ln - lo), `.replace() growing a ${l}-item string ${occ} times`);
  }
  return undefined;
}

/**
 * The field widths of str.format's format string, a nested width field read from the call's arguments
 * ('{:>{}}'.format(1, n), '{0:>{w}}'.format(1, w=n); auto-numbered fields counted as Python counts them: a field, then
 * the fields nested in its spec): their sum, the least the result is long.
 */
function formatWidths(f: string, args: Sym[], kw: [string, Sym][]): number {
  let auto = 0;
  let total = 0;
  const val = (name: string): Sym | undefined => (name === "" ? args[auto++] : /^\d+$/.test(name) ? args[Number(name)] : kw.find(([k]) => k === name)?.[1]);
  // (the fields, as Python's parser finds them: '{{' and '}}' outside a field are literal, a field ends at the '}' that
  // closes its nested ones)
  const fields: string[] = [];
  for (let i = 0; i < f.length; i++) {
    if ((f[i] === "{" || f[i] === "}") && f[i + 1] === f[i]) i++;
    else if (f[i] === "{") {
      let depth = 1;
      let j = i + 1;
      for (; j < f.length && depth > 0; j++) depth += f[j] === "{" ? 1 : f[j] === "}" ? -1 : 0;
      if (depth > 0) break;
      fields.push(f.slice(i, j));
      i = j - 1;
    }
  }
  for (const m of fields.map((x) => /^\{([^{}:!]*)(?:![rsa])?(?::([\s\S]*))?\}$/.exec(x))) {
    if (!m) continue;
    val(m[1]!);
    const spec = (m[2] ?? "").replace(/\{([^{}]*)\}/g, (_x, n: string) => {
      const v = val(n);
      const i = v !== undefined ? intValue(v) : undefined;
      return i === undefined ? "?" : String(i);
    });
    total += specLength(spec) ?? 0;
  }
  return total;
}

/** The tab characters of a string built from constants (a constant, repeated by a known count, concatenated). */
function tabCount(x: Sym, depth = 0): number | undefined {
  const t = str(x);
  if (t !== undefined) return t.split("\t").length - 1;
  const d = deref(x);
  if (d.k !== "op" || d.operands.length !== 2 || depth > 8) return undefined;
  const [a, b] = d.operands as [Sym, Sym];
  if (d.op === "+") {
    const ta = tabCount(a, depth + 1);
    const tb = ta === undefined ? undefined : tabCount(b, depth + 1);
    return ta !== undefined && tb !== undefined ? ta + tb : undefined;
  }
  if (d.op === "*") {
    for (const [y, n] of [[a, b], [b, a]] as const) {
      const cn = intValue(n);
      const ty = cn === undefined ? undefined : tabCount(y, depth + 1);
      if (ty !== undefined) return cn! <= 0n ? 0 : ty * Number(cn);
    }
  }
  return undefined;
}

/** Bytes an array of a tensor library may take before allocating and filling it at load exhausts memory. */
const MAX_ARRAY_BYTES = 1e9;

/** The libraries whose array constructors are weighed by shape: the path prefix, its default float size in bytes. */
const ARRAY_LIBS: [RegExp, number][] = [
  [/^(?:numpy|numpy\.random)\.(\w+)$/, 8],
  [/^(?:keras(?:\.src)?\.ops(?:\.numpy)?|keras(?:\.src)?\.random|keras\.backend|tf_keras\.backend|tensorflow(?:\.compat\.v[12])?(?:\.random|\.experimental\.numpy)?|jax\.numpy)\.(\w+)$/, 4],
];

/** Bytes of one item of a dtype named by a string or a path (float16 2, int32 4, complex128 16...), when known. */
function dtypeBytes(x: Sym | undefined): number | undefined {
  if (x === undefined) return undefined;
  const n = (str(x) ?? pathOf(deref(x)) ?? "").split(".").pop()!.toLowerCase();
  if (/^(?:bool_?|u?int8|byte|ubyte|b1|i1|u1|qint8|quint8)$/.test(n)) return 1;
  if (n === "complex" || n === "c16") return 16;
  if (n === "float" || n === "int" || n === "f8" || n === "i8" || n === "double" || n === "longlong") return 8;
  const m = /^(?:u?int|float|bfloat|complex)(\d+)$/.exec(n) ?? /^[fiuc](\d)$/.exec(n);
  if (!m) return undefined;
  // (f4, i8: bytes; float32, bfloat16, complex128: bits)
  return n.length <= 2 ? Number(m[1]) : Number(m[1]) / 8;
}

/** The items of a shape: an integer, or a tuple/list of known integers (their product), when known. */
function shapeItems(x: Sym | undefined): bigint | undefined {
  if (x === undefined) return undefined;
  const v = intValue(x);
  if (v !== undefined) return v < 0n ? 0n : v;
  const items = iterItems(x);
  const d = deref(x);
  if (items === undefined || !(d.k === "seq" || constOf(d) !== undefined)) return undefined;
  let n = 1n;
  for (const it of items) {
    const k = intValue(it);
    if (k === undefined) return undefined;
    n *= k < 0n ? 0n : k;
  }
  return n;
}

/** The items of an array-like argument: a number 1, a constant sequence its (nested) items, a weighed constructor's. */
function arrayItems(x: Sym, depth = 0): bigint | undefined {
  const d = deref(x);
  const c = constOf(d);
  if (c?.t === "int" || c?.t === "float" || c?.t === "bool" || c?.t === "complex") return 1n;
  if (depth > 4) return undefined;
  const items = d.k === "seq" || c?.t === "tuple" || c?.t === "list" ? iterItems(d) : undefined;
  if (items !== undefined) {
    let n = 0n;
    for (const it of items) {
      const k = arrayItems(it, depth + 1);
      if (k === undefined) return undefined;
      n += k;
    }
    return n;
  }
  if (d.k === "call") {
    const p = pathOf(d.fn);
    return p !== undefined ? arrayShape(p, d.args, d.kw, depth + 1)?.items : undefined;
  }
  return undefined;
}

/** What a tensor library's constructor builds: its items and the bytes of each, when its shape is known. */
function arrayShape(p: string, args: Sym[], kw: [string, Sym][], depth = 0): { items: bigint; size: number } | undefined {
  const lib = ARRAY_LIBS.find(([re]) => re.test(p));
  if (lib === undefined || depth > 4) return undefined;
  const name = lib[0].exec(p)![1]!;
  const random = /\.random\.\w+$/.test(p);
  const k = (n: string): Sym | undefined => kw.find(([x]) => x === n)?.[1];
  const arg = (i: number, n: string): Sym | undefined => args[i] ?? k(n);
  let items: bigint | undefined;
  let dt: Sym | undefined = k("dtype");
  if (random) {
    if (p.startsWith("numpy.")) {
      if (/^(?:rand|randn)$/.test(name)) items = args.length ? shapeItems({ k: "seq", kind: "tuple", items: args }) : 1n;
      else if (/^(?:random|random_sample|ranf|sample|standard_normal|standard_exponential|standard_cauchy)$/.test(name)) items = shapeItems(arg(0, "size"));
      else if (/^(?:normal|uniform|lognormal|logistic|gumbel|laplace|randint|random_integers|gamma|beta|binomial|negative_binomial|vonmises|wald|f|noncentral_chisquare|hypergeometric|triangular)$/.test(name)) items = shapeItems(k("size") ?? args[name === "triangular" || name === "hypergeometric" ? 3 : 2]);
      else if (/^(?:poisson|exponential|chisquare|rayleigh|geometric|zipf|pareto|power|weibull|standard_t|standard_gamma|choice|logseries)$/.test(name)) items = shapeItems(arg(1, "size"));
      // (a Generator's integers(low, high, size); bytes(length) of one byte each; permutation(n) of an int: n items)
      else if (name === "integers") items = shapeItems(arg(2, "size"));
      else if (name === "bytes") {
        const n = intValue(arg(0, "length") ?? UNKNOWN(""));
        return n !== undefined ? { items: n < 0n ? 0n : n, size: 1 } : undefined;
      } else if (name === "permutation" && args[0] !== undefined) {
        const n = intValue(args[0]);
        items = n !== undefined ? (n < 0n ? 0n : n) : arrayItems(args[0], depth);
      }
    } else items = shapeItems(arg(0, "shape"));
  } else if (/^(?:ones|zeros|empty|full)$/.test(name) || (name === "fill" && p.startsWith("tensorflow"))) {
    items = shapeItems(arg(0, name === "fill" ? "dims" : "shape"));
    dt ??= name === "full" ? args[2] : name === "fill" ? undefined : args[1];
  } else if (name === "arange" || (name === "range" && p.startsWith("tensorflow"))) {
    const fa = args.map((a) => floatValue(a));
    const [start, stop, step] = fa.length === 1 ? [0, fa[0], 1] : [fa[0], fa[1], fa[2] ?? 1];
    if (start !== undefined && stop !== undefined && step !== undefined && step !== 0) items = BigInt(Math.max(0, Math.ceil((stop - start) / step)));
  } else if (/^(?:linspace|logspace|geomspace)$/.test(name)) items = shapeItems(arg(2, "num"));
  else if (name === "eye") {
    const n = shapeItems(arg(0, p.startsWith("tensorflow") ? "num_rows" : "N"));
    const m = arg(1, p.startsWith("tensorflow") ? "num_columns" : "M");
    const mm = m === undefined || constOf(deref(m))?.t === "none" ? n : shapeItems(m);
    items = n !== undefined && mm !== undefined ? n * mm : undefined;
  } else if (name === "identity" && !p.startsWith("tensorflow")) {
    const n = shapeItems(arg(0, "n"));
    items = n !== undefined ? n * n : undefined;
    dt ??= args[1];
  } else if (name === "tile" && args.length >= 2) {
    const a = arrayItems(args[0]!, depth);
    const r = shapeItems(args[1]);
    items = a !== undefined && r !== undefined ? a * r : undefined;
  } else if (name === "repeat" && args.length >= 2) {
    const a = arrayItems(args[0]!, depth);
    const r = intValue(args[1]!);
    items = a !== undefined && r !== undefined ? a * (r < 0n ? 0n : r) : undefined;
  } else if ((name === "outer" || name === "kron") && args.length >= 2) {
    const a = arrayItems(args[0]!, depth);
    const b = arrayItems(args[1]!, depth);
    items = a !== undefined && b !== undefined ? a * b : undefined;
  } else if (name === "broadcast_to") items = shapeItems(arg(1, "shape"));
  if (items === undefined) return undefined;
  return { items, size: dtypeBytes(dt) ?? lib[1] };
}

/** A tensor library's array of a constant shape beyond MAX_ARRAY_BYTES (allocated and filled at load): why. */
function hugeArray(p: string, args: Sym[], kw: [string, Sym][]): string | undefined {
  const a = arrayShape(p, args, kw);
  if (a === undefined) return undefined;
  const bytes = Number(a.items) * a.size;
  return bytes > MAX_ARRAY_BYTES ? `${p}() of a constant shape: ${a.items} items, about ${bytes.toExponential(1)} bytes (${a.size} bytes each; allocates and fills at load: exhausts memory)` : undefined;
}

/** numpy's random number generators: a method called on one draws as the module function of its name does. */
const NUMPY_RNG = /^numpy\.random\.(?:_generator\.)?(?:mtrand\.)?(?:default_rng|Generator|RandomState)$/;

/** A method of a numpy Generator / RandomState value (rng.standard_normal(shape), rng.integers(0, 9, size=n)) weighed
 * by the shape rule of numpy.random's function of the same name: why it is too large. */
function rngMethod(fd: Sym, args: Sym[], kw: [string, Sym][]): string | undefined {
  if (fd.k !== "attr") return undefined;
  const o = deref(fd.obj);
  const op = o.k === "call" ? pathOf(o.fn) : undefined;
  if (op === undefined || !NUMPY_RNG.test(op)) return undefined;
  const why = hugeArray(`numpy.random.${fd.name}`, args, kw);
  return why !== undefined ? `${op}().${why.slice("numpy.random.".length)}` : undefined;
}

/** The decompressors of Python's standard library, by path: which codec each reads. */
const DECOMPRESSORS: Record<string, Codec> = { "bz2.decompress": "bz2", "lzma.decompress": "lzma", "gzip.decompress": "gzip", "zlib.decompress": "zlib" };
/** The decompressor objects whose .decompress(data) reads one stream. */
const DECOMPRESSOR_OBJECTS: Record<string, Codec> = { "bz2.BZ2Decompressor": "bz2", "lzma.LZMADecompressor": "lzma", "zlib.decompressobj": "zlib", "zlib._ZlibDecompressor": "zlib" };
/** codecs.decode's binary codecs that decompress, by name as the codec registry normalises it. */
const DECOMPRESSING_CODECS: Record<string, Codec> = { bz2_codec: "bz2", bz2: "bz2", zlib_codec: "zlib", zlib: "zlib", zip: "zlib" };

/** zlib's wbits: 9..15 a zlib stream, -9..-15 raw deflate, 25..31 gzip, 40..47 either (as zlib.decompress reads it). */
function zlibCodec(w: bigint | undefined): Codec {
  if (w === undefined) return "zlib-auto";
  if (w < 0n) return "deflate";
  if (w >= 25n && w <= 31n) return "gzip";
  if (w >= 32n) return "zlib-auto";
  return "zlib";
}

/** lzma's format argument: FORMAT_AUTO (0, the default) or FORMAT_ALONE (2) are read here; XZ, RAW or filters are not. */
function lzmaCodec(format: Sym | undefined, filters: Sym | undefined): Codec {
  if (filters !== undefined && constOf(deref(filters))?.t !== "none") return "lzma-other";
  if (format === undefined) return "lzma";
  const v = intValue(format);
  const p = pathOf(deref(format));
  if (v === 0n || p === "lzma.FORMAT_AUTO") return "lzma";
  if (v === 2n || p === "lzma.FORMAT_ALONE") return "lzma-alone";
  return "lzma-other";
}

/**
 * A decompression of a constant (bz2/lzma/gzip/zlib.decompress, a decompressor object's .decompress, codecs.decode with
 * a bz2 or zlib codec): its output measured here. `stop` when it reaches MAX_REPEAT_ITEMS bytes; `unmeasured` when the
 * constant is a stream graphwarden does not decode (an .xz's LZMA2).
 */
function decompression(fd: Sym, fp: string | undefined, args: Sym[], kw: [string, Sym][]): { stop?: string; unmeasured?: string } | undefined {
  const k = (n: string): Sym | undefined => kw.find(([x]) => x === n)?.[1];
  let codec: Codec | undefined;
  let data: Sym | undefined;
  let cap = MAX_REPEAT_ITEMS;
  let multi = true;
  let what = fp ?? "";
  if (fp !== undefined && DECOMPRESSORS[fp] !== undefined) {
    codec = DECOMPRESSORS[fp];
    data = args[0] ?? k("data");
    if (codec === "zlib") {
      const w = args[1] ?? k("wbits");
      codec = zlibCodec(w === undefined ? 15n : intValue(w));
    }
    if (codec === "lzma") codec = lzmaCodec(args[1] ?? k("format"), k("filters"));
  } else if (fp === "codecs.decode" && args[0] !== undefined) {
    const name = str(args[1] ?? k("encoding") ?? UNKNOWN(""))?.toLowerCase().replace(/[-\s]/g, "_");
    codec = name !== undefined ? DECOMPRESSING_CODECS[name] : undefined;
    data = args[0];
  } else if (fd.k === "attr" && fd.name === "decompress") {
    const o = deref(fd.obj);
    const op = o.k === "call" ? pathOf(o.fn) : undefined;
    codec = op !== undefined ? DECOMPRESSOR_OBJECTS[op] : undefined;
    if (codec === "zlib" && o.k === "call") {
      const w = o.args[0] ?? o.kw.find(([x]) => x === "wbits")?.[1];
      codec = zlibCodec(w === undefined ? 15n : intValue(w));
    }
    if (codec === "lzma" && o.k === "call") codec = lzmaCodec(o.args[0] ?? o.kw.find(([x]) => x === "format")?.[1], o.args[2] ?? o.kw.find(([x]) => x === "filters")?.[1]);
    data = args[0] ?? k("data");
    multi = false;
    const ml = args[1] ?? k("max_length");
    const m = ml !== undefined ? intValue(ml) : undefined;
    if (m !== undefined && m >= 0n && (codec === "bz2" || codec === "lzma" || m > 0n)) cap = Math.min(cap, Number(m));
    what = `${op ?? "a decompressor"}().decompress`;
  } else if (fd.k === "attr" && /^(?:read|read1|readline|readlines|__next__)$/.test(fd.name) && gzipFileOver(fd.obj) !== undefined) {
    // (a GzipFile reading io.BytesIO(data) decodes every member as gzip.decompress does; read(n) / read1(n) /
    // readline(n) at most n bytes)
    codec = "gzip";
    data = gzipFileOver(fd.obj);
    const n = args[0] ?? k("size") ?? k("n") ?? k("limit") ?? k("hint");
    const m = n !== undefined && fd.name !== "readlines" ? intValue(n) : undefined;
    if (m !== undefined && m >= 0n) cap = Math.min(cap, Number(m));
    what = `gzip.GzipFile(fileobj=io.BytesIO(...)).${fd.name}`;
  } else if (fp !== undefined && /^(?:builtins\.(?:list|tuple|sorted|set|frozenset|next)|collections\.deque)$/.test(fp) && args[0] !== undefined && gzipFileOver(args[0]) !== undefined) {
    // (iterating one: its lines, the whole data)
    codec = "gzip";
    data = gzipFileOver(args[0]);
    what = `gzip.GzipFile(fileobj=io.BytesIO(...)) iterated by ${fp.replace(/^builtins\./, "")}`;
  }
  if (codec === undefined || data === undefined) return undefined;
  const c = constOf(deref(data));
  if (c?.t !== "bytes") return undefined;
  const r = measureDecompressed(codec, c.v, cap, multi);
  if (r.k === "capped" && cap === MAX_REPEAT_ITEMS) return { stop: `${what}() of a ${c.v.length}-byte constant that inflates past ${MAX_REPEAT_ITEMS} bytes (decoded at scan time up to that cap: a decompression bomb, builds for minutes or exhausts memory)` };
  if (r.k === "unmeasured") return { unmeasured: `${what}() of a ${c.v.length}-byte constant whose output is not measured: ${r.why}` };
  return undefined;
}

/** The data a gzip.GzipFile(fileobj=io.BytesIO(data)) without a file name reads (undefined for anything else). */
function gzipFileOver(x: Sym): Sym | undefined {
  const g = deref(x);
  if (g.k !== "call" || pathOf(g.fn) !== "gzip.GzipFile" || g.star) return undefined;
  const arg = (name: string, pos: number): Sym | undefined => g.kw.find(([n]) => n === name)?.[1] ?? g.args[pos];
  const fn = arg("filename", 0);
  if (fn !== undefined && constOf(deref(fn))?.t !== "none") return undefined;
  const mode = arg("mode", 1);
  const mv = mode !== undefined ? str(mode) : undefined;
  if (mode !== undefined && constOf(deref(mode))?.t !== "none" && (mv === undefined || !mv.startsWith("r"))) return undefined;
  const b = deref(arg("fileobj", 3) ?? UNKNOWN(""));
  if (b.k !== "call" || !/^_?io\.BytesIO$/.test(pathOf(b.fn) ?? "")) return undefined;
  return b.args[0] ?? b.kw.find(([n]) => n === "initial_bytes")?.[1];
}

/** Why iterating a value never ends (or takes astronomically long), when it is known to. */
function endlessIterable(x: Sym, depth = 0): string | undefined {
  const d = deref(x);
  if (depth > 4) return undefined;
  if (d.k === "unknown" && d.alts?.length && /^(?:GET_ITER|GET_AITER) /.test(d.why)) return endlessIterable(d.alts[0]!, depth + 1);
  if (d.k !== "call") return undefined;
  const p = pathOf(d.fn);
  if (p === "itertools.count") return "itertools.count()";
  if (p === "itertools.repeat" && d.args.length === 1 && !d.kw.some(([k]) => k === "times")) return "itertools.repeat() without times";
  if (p === "itertools.cycle" && d.args[0] !== undefined) {
    const a = deref(d.args[0]);
    const n = a.k === "seq" ? a.items.length : a.k === "const" && (a.v.t === "tuple" || a.v.t === "list") ? a.v.items.length : a.k === "const" && a.v.t === "str" ? a.v.v.length : 0;
    if (n > 0) return "itertools.cycle() of a non-empty constant";
    const inner = endlessIterable(a, depth + 1);
    return inner !== undefined ? `itertools.cycle() of ${inner}` : undefined;
  }
  if (p === "builtins.iter" && d.args.length === 2) {
    // iter(f, sentinel): f's constant result never equals the sentinel
    const f = pathOf(deref(d.args[0]!));
    const sentinel = constOf(deref(d.args[1]!));
    const zero = f === undefined ? undefined : ZERO_RESULTS[f];
    if (f === "builtins.object") return "iter(object, sentinel)";
    if (f !== undefined && zero !== undefined && sentinel !== undefined && !pyEqual(zero, sentinel)) return `iter(${f.slice(9)}, sentinel) (${f.slice(9)}() never returns the sentinel)`;
    return undefined;
  }
  if (p === "builtins.range") {
    const n = rangeLength(d.args.map((a) => intValue(a)));
    return n !== undefined && n > BigInt(MAX_ITEMS) ? `range() of ${n} items` : undefined;
  }
  if (p !== undefined && /^itertools\.(?:product|permutations|combinations|combinations_with_replacement)$/.test(p)) {
    const n = iterLength(d);
    return n !== undefined && n > BigInt(MAX_ITEMS) ? `${p}() of ${n >= LENGTH_CAP ? "more than 10**30" : n} items` : undefined;
  }
  if (p !== undefined && /^(?:builtins\.(?:enumerate|map|filter|reversed|zip)|itertools\.(?:accumulate|starmap|chain|compress|zip_longest|pairwise|batched))$/.test(p)) {
    // lazy wrappers run as long as what they wrap (zip and zip_longest: as long as all / the longest of them)
    const its = p.endsWith(".map") || p.endsWith(".filter") ? d.args.slice(1) : d.args;
    const inner = its.map((a) => endlessIterable(a, depth + 1));
    if (/zip$/.test(p) ? inner.length > 0 && inner.every((r) => r !== undefined) : inner.some((r) => r !== undefined)) return inner.find((r) => r !== undefined);
  }
  return undefined;
}

/** Python truth of a constant, when plain. */
function pyTruth(v: PyValue): boolean | undefined {
  switch (v.t) {
    case "none": return false;
    case "bool": return v.v;
    case "int": return v.v !== 0n;
    case "float": return v.v !== 0;
    case "complex": return v.re !== 0 || v.im !== 0;
    case "str": return v.v.length > 0;
    case "bytes": return v.v.length > 0;
    case "tuple": case "list": case "set": case "frozenset": return v.items.length > 0;
    case "dict": return v.entries.length > 0;
    default: return undefined;
  }
}

/**
 * The items of an endless iterable, when known: constants (repeat(c), cycle of constants), nothing ever
 * (filter(None, repeat(0))), or a progression (count(start, step)).
 */
function endlessItems(x: Sym, depth: number): { k: "consts"; vs: PyValue[] } | { k: "nothing" } | { k: "count"; start: bigint; step: bigint } | undefined {
  const d = deref(x);
  if (depth > 4) return undefined;
  if (d.k === "unknown" && d.alts?.length && /^(?:GET_ITER|GET_AITER) /.test(d.why)) return endlessItems(d.alts[0]!, depth + 1);
  if (d.k !== "call") return undefined;
  const p = pathOf(d.fn);
  if (p === "itertools.repeat" && d.args.length >= 1) {
    const c = constOf(deref(d.args[0]!));
    return c !== undefined ? { k: "consts", vs: [c] } : undefined;
  }
  if (p === "itertools.count") {
    const a = d.args[0] ?? d.kw.find(([k]) => k === "start")?.[1];
    const b = d.args[1] ?? d.kw.find(([k]) => k === "step")?.[1];
    const start = a === undefined ? 0n : intValue(a);
    const step = b === undefined ? 1n : intValue(b);
    return start !== undefined && step !== undefined ? { k: "count", start, step } : undefined;
  }
  if (p === "itertools.cycle" && d.args[0] !== undefined) {
    const c = constOf(deref(d.args[0]));
    const a = deref(d.args[0]);
    if (c !== undefined && (c.t === "tuple" || c.t === "list")) return { k: "consts", vs: c.items };
    if (a.k === "seq") {
      const vs = a.items.map((i) => constOf(deref(i)));
      return vs.every((v) => v !== undefined) ? { k: "consts", vs: vs as PyValue[] } : undefined;
    }
    return undefined;
  }
  if ((p === "builtins.filter" || p === "itertools.filterfalse") && d.args.length === 2) {
    const f = deref(d.args[0]!);
    const fp = pathOf(f);
    if (!(constOf(f)?.t === "none" || fp === "builtins.bool")) return undefined;
    const inner = endlessItems(d.args[1]!, depth + 1);
    if (inner === undefined || inner.k === "nothing") return inner;
    const keep = (v: PyValue): boolean | undefined => {
      const t = pyTruth(v);
      return t === undefined ? undefined : p === "builtins.filter" ? t : !t;
    };
    if (inner.k === "consts") {
      const ks = inner.vs.map(keep);
      if (ks.some((k) => k === undefined)) return undefined;
      const vs = inner.vs.filter((_, i) => ks[i]);
      return vs.length === 0 ? { k: "nothing" } : { k: "consts", vs };
    }
    // (a progression: filter(None) drops its zero, filterfalse keeps only it)
    if (p === "builtins.filter") return inner;
    return inner.step === 0n && inner.start === 0n ? { k: "consts", vs: [{ t: "int", v: 0n }] } : { k: "nothing" };
  }
  return undefined;
}

/**
 * What a generator expression yields for each item of a range running from mn to mx (the item itself, or a comparison
 * of it with a constant): "always" true, "never" true, or undefined (both, or not read).
 */
function genexpTest(ins: Instruction[], mn: bigint, mx: bigint): "always" | "never" | undefined {
  const fi = ins.findIndex((i) => /FOR_ITER$/.test(i.opname));
  if (fi < 0) return undefined;
  const body = ins.slice(fi + 1).filter((i) => !/^(?:CACHE|NOP|EXTENDED_ARG|RESUME|NOT_TAKEN)$/.test(i.opname));
  const b0 = body[0];
  const x = b0?.opname === "STORE_FAST" && b0.argval.k === "local" ? b0.argval.v : b0?.opname === "STORE_FAST_LOAD_FAST" && b0.argval.k === "names2" ? b0.argval.v[0] : undefined;
  if (x === undefined) return undefined;
  const yi = body.findIndex((i) => /^YIELD_VALUE$/.test(i.opname));
  // (the yield follows the store and a few loads and one compare; 3.12+ may wrap it in CALL_INTRINSIC_1; 3.13+ fuse
  // the store with the next load: STORE_FAST_LOAD_FAST, read as the store then that load)
  const mid = body.slice(1, yi).filter((i) => i.opname !== "CALL_INTRINSIC_1");
  if (yi < 0) return undefined;
  if (b0?.opname === "STORE_FAST_LOAD_FAST") mid.unshift(b0);
  const both = (a: boolean, b: boolean): "always" | "never" | undefined => (a && b ? "always" : !a && !b ? "never" : undefined);
  if (mid.length === 1 && pushedLocal(mid[0]) === x) return mn > 0n || mx < 0n ? "always" : mn === 0n && mx === 0n ? "never" : undefined;
  if (mid.length !== 3 || mid[2]!.opname !== "COMPARE_OP") return undefined;
  let op = String(mid[2]!.argval.k === "compare" ? mid[2]!.argval.v : "");
  let c: bigint | undefined;
  if (pushedLocal(mid[0]) === x) c = constIntOf(mid[1]);
  else if (pushedLocal(mid[1]) === x) {
    c = constIntOf(mid[0]);
    op = ({ "<": ">", ">": "<", "<=": ">=", ">=": "<=" } as Record<string, string>)[op] ?? op;
  }
  if (c === undefined) return undefined;
  const t = (v: bigint): boolean | undefined => (op === "<" ? v < c! : op === "<=" ? v <= c! : op === ">" ? v > c! : op === ">=" ? v >= c! : undefined);
  if (op === "!=") return c < mn || c > mx ? "always" : undefined;
  if (op === "==") return c < mn || c > mx ? "never" : undefined;
  const a = t(mn);
  const b = t(mx);
  return a === undefined || b === undefined ? undefined : both(a, b);
}

/** What each builtin called with no argument returns (iter(int, 1) calls int() for ever). */
const ZERO_RESULTS: Record<string, PyValue> = {
  "builtins.int": { t: "int", v: 0n }, "builtins.float": { t: "float", v: 0 }, "builtins.bool": { t: "bool", v: false },
  "builtins.str": { t: "str", v: "" }, "builtins.bytes": { t: "bytes", v: new Uint8Array() }, "builtins.tuple": { t: "tuple", items: [] },
  "builtins.list": { t: "list", items: [] }, "builtins.complex": { t: "complex", re: 0, im: 0 },
};

/** Python == on the constants iter(f, sentinel) compares (numbers across int/float/bool). */
function pyEqual(a: PyValue, b: PyValue): boolean {
  const num = (x: PyValue): number | undefined => (x.t === "int" ? Number(x.v) : x.t === "float" ? x.v : x.t === "bool" ? (x.v ? 1 : 0) : x.t === "complex" && x.im === 0 ? x.re : undefined);
  const na = num(a);
  const nb = num(b);
  if (na !== undefined || nb !== undefined) return na === nb;
  if (a.t === "str" && b.t === "str") return a.v === b.v;
  if (a.t === "bytes" && b.t === "bytes") return a.v.length === b.v.length && a.v.every((x, i) => x === b.v[i]);
  if ((a.t === "tuple" || a.t === "list") && a.t === b.t) return a.items.length === 0 && b.items.length === 0;
  return false;
}

/** Passes of bytecode a load survives (~30 ns each: 10**9 passes is half a minute). */
const MAX_LOOP_PASSES = 1_000_000_000n;
/** Lengths above this are not computed further (already far beyond every budget). */
const LENGTH_CAP = 10n ** 30n;

/** How many items iterating a value yields, when the code built it from constants (undefined: not known). */
function iterLength(x: Sym, depth = 0): bigint | undefined {
  const d = deref(x);
  if (depth > 6) return undefined;
  if (d.k === "unknown" && d.alts?.length && /^(?:GET_ITER|GET_AITER) /.test(d.why)) return iterLength(d.alts[0]!, depth + 1);
  // a parameter its callers bind (a comprehension's iterator): the fewest items of what each binds
  if (d.k === "unknown" && d.alts?.length && /^parameter /.test(d.why)) {
    const ls = d.alts.map((a) => iterLength(a, depth + 1));
    return ls.every((l) => l !== undefined) ? ls.reduce((m, l) => (l! < m! ? l : m)) : undefined;
  }
  if (d.k === "seq") return BigInt(d.items.length);
  const c = constOf(d);
  if (c && (c.t === "tuple" || c.t === "list" || c.t === "set" || c.t === "frozenset")) return BigInt(c.items.length);
  if (c?.t === "str") return BigInt([...c.v].length);
  // a sequence repeated (seq * n, n * seq): len(seq) * n
  if (d.k === "op" && d.op === "*" && d.operands.length === 2) {
    const [a, b] = d.operands as [Sym, Sym];
    const [n, l] = intValue(b) !== undefined ? [intValue(b)!, iterLength(a, depth + 1)] : [intValue(a), iterLength(b, depth + 1)];
    if (n === undefined || l === undefined) return undefined;
    const t = n <= 0n ? 0n : l * n;
    return t > LENGTH_CAP ? LENGTH_CAP : t;
  }
  if (d.k !== "call") return undefined;
  const p = pathOf(d.fn);
  const kw = (k: string): Sym | undefined => d.kw.find(([n]) => n === k)?.[1];
  const clamp = (n: bigint): bigint => (n > LENGTH_CAP ? LENGTH_CAP : n);
  if ((p === "builtins.dict.fromkeys" || p === "builtins.set" || p === "builtins.frozenset") && d.args.length >= 1) {
    // (dict.fromkeys(it) / set(it) of distinct items, as a range's: as long as it)
    const a = deref(d.args[0]!);
    if (a.k === "call" && pathOf(a.fn) === "builtins.range") return iterLength(a, depth + 1);
  }
  // itertools.repeat(x, n) / repeat(x, times=n): n; bytes(n), bytearray(n): n zero bytes
  if (p === "itertools.repeat" && (d.args[1] ?? kw("times")) !== undefined) {
    const n = intValue((d.args[1] ?? kw("times"))!);
    return n === undefined ? undefined : n < 0n ? 0n : clamp(n);
  }
  if ((p === "builtins.bytes" || p === "builtins.bytearray") && d.args.length === 1 && d.kw.length === 0) {
    const n = intValue(d.args[0]!);
    if (n !== undefined) return n < 0n ? undefined : clamp(n);
  }
  if (p === "builtins.range" && d.kw.length === 0) return rangeLength(d.args.map((a) => intValue(a)));
  if (p !== undefined && /^builtins\.(?:enumerate|reversed|sorted|list|tuple|iter)$/.test(p) && d.args.length >= 1 && !(p === "builtins.iter" && d.args.length > 1)) return iterLength(d.args[0]!, depth + 1);
  if ((p === "builtins.zip" || p === "builtins.map") && d.args.length >= (p === "builtins.map" ? 2 : 1)) {
    const ls = (p === "builtins.map" ? d.args.slice(1) : d.args).map((a) => iterLength(a, depth + 1));
    return ls.every((l) => l !== undefined) ? ls.reduce((m, l) => (l! < m! ? l : m)) : undefined;
  }
  if (p === "itertools.product") {
    const rs = kw("repeat");
    const r = rs === undefined ? 1n : intValue(rs);
    const ls = d.args.map((a) => iterLength(a, depth + 1));
    if (r === undefined || r < 0n || r > 10_000n || ls.some((l) => l === undefined)) return undefined;
    let n = 1n;
    for (let i = 0n; i < r; i++) for (const l of ls) n = clamp(n * l!);
    return n;
  }
  if (p !== undefined && /^itertools\.(?:permutations|combinations|combinations_with_replacement)$/.test(p) && d.args[0] !== undefined) {
    const n = iterLength(d.args[0], depth + 1);
    const rs = d.args[1] ?? kw("r");
    const r = rs === undefined ? (p.endsWith("permutations") ? n : undefined) : intValue(rs);
    if (n === undefined || r === undefined || r < 0n) return undefined;
    const rep = p.endsWith("with_replacement");
    if (!rep && r > n) return 0n;
    // permutations: n!/(n-r)!; combinations: C(n, r); with replacement: C(n+r-1, r)
    const top = rep ? n + r - 1n : n;
    let out = 1n;
    for (let i = 0n; i < r && out < LENGTH_CAP; i++) out = clamp(p.endsWith("permutations") ? out * (top - i) : (out * (top - i)) / (i + 1n));
    return out;
  }
  return undefined;
}

/**
 * The passes each FOR_ITER of a code object makes in all: its iterator's length times those of the FOR_ITER loops
 * around it (a loop whose length is not known counts once).
 */
function loopPasses(ins: Instruction[], its: Map<number, Sym[]> | undefined): Map<number, bigint> {
  const out = new Map<number, bigint>();
  if (!its) return out;
  const loops = ins.filter((i) => /FOR_ITER$/.test(i.opname) && i.argval.k === "jump").map((i) => ({ at: i.offset, end: i.argval.k === "jump" ? i.argval.v : i.offset }));
  const own = new Map<number, bigint>();
  for (const l of loops) {
    const vals = its.get(l.at) ?? [];
    const ls = vals.map((v) => iterLength(v));
    own.set(l.at, vals.length > 0 && ls.every((x) => x !== undefined) ? ls.reduce((m, x) => (x! < m! ? x : m))! : 1n);
  }
  for (const l of loops) {
    let n = own.get(l.at) ?? 1n;
    for (const o of loops) if (o.at < l.at && l.at < o.end) n *= own.get(o.at) ?? 1n;
    out.set(l.at, n);
  }
  return out;
}

/**
 * Whether a value is built from constants alone (literals, operators on them, calls of standard callables given only
 * such values): its length is fixed by the code, not by the input, though not read here.
 */
function constBuilt(x: Sym, depth: number): boolean {
  const d = deref(x);
  if (depth > 6) return false;
  if (d.k === "const" || d.k === "ref") return true;
  if (d.k === "unknown") return d.alts !== undefined && d.alts.length > 0 && /^(?:GET_ITER|GET_AITER) /.test(d.why) && d.alts.every((a) => constBuilt(a, depth + 1));
  if (d.k === "seq") return d.items.every((a) => constBuilt(a, depth + 1));
  if (d.k === "op") return d.operands.every((a) => constBuilt(a, depth + 1));
  if (d.k === "call") return pathOf(d.fn) !== undefined && d.kw.every(([, a]) => constBuilt(a, depth + 1)) && d.args.every((a) => constBuilt(a, depth + 1));
  return false;
}

/** The length of range(*args) with constant arguments. */
function rangeLength(args: (bigint | undefined)[]): bigint | undefined {
  if (args.length === 0 || args.length > 3 || args.some((a) => a === undefined)) return undefined;
  const [start, stop, step] = args.length === 1 ? [0n, args[0]!, 1n] : [args[0]!, args[1]!, args[2] ?? 1n];
  if (step === 0n) return undefined;
  const n = step > 0n ? (stop - start + step - 1n) / step : (start - stop - step - 1n) / -step;
  return n > 0n ? n : 0n;
}

/**
 * A function that calls itself again from the handler that catches its own RecursionError (RecursionError,
 * RuntimeError, Exception, BaseException or a bare except): every level retries once at the depth limit, 2**1000
 * calls.
 */
function retriedRecursion(code: CodeObject, ins: Instruction[], sites: Map<number, CallSite[]> | undefined): string | undefined {
  if (!sites) return undefined;
  const selfCalls = [...sites.entries()].filter(([, l]) => l.some((s) => callsCode(s.call.fn, code))).map(([off]) => off);
  if (selfCalls.length < 2) return undefined;
  // where handlers start: the exception table's targets (3.11+) or SETUP_FINALLY/SETUP_EXCEPT targets
  const starts = [...exceptionTable(code.exceptiontable).map((h) => h.target), ...ins.filter((i) => /^SETUP_(?:FINALLY|EXCEPT)$/.test(i.opname) && i.argval.k === "jump").map((i) => (i.argval.k === "jump" ? i.argval.v : 0))];
  if (starts.length === 0) return undefined;
  const first = Math.min(...starts);
  const inTry = selfCalls.some((o) => o < first);
  const inHandler = selfCalls.some((o) => o >= first);
  const catches = code.names.some((n) => /^(?:RecursionError|RuntimeError|Exception|BaseException)$/.test(n)) || !ins.some((i) => /^(?:CHECK_EXC_MATCH|JUMP_IF_NOT_EXC_MATCH)$/.test(i.opname) || (i.opname === "COMPARE_OP" && i.argval.k === "compare" && i.argval.v === "exception match"));
  return inTry && inHandler && catches ? `${code.name}() calls itself again from the handler of its own RecursionError (exponentially many calls)` : undefined;
}

/** Calls a load survives (~10**9 Python calls is minutes). */
const MAX_RECURSIVE_CALLS = 1_000_000_000;

/**
 * A constant cap the code proves on a parameter it steps down: a test of it against a constant above which the body
 * goes no further (`if n > 30: return 0`: 30), the smallest such; else the fallback.
 */
function paramCap(ins: Instruction[], name: string | undefined, fallback: bigint): bigint {
  let cap = fallback;
  if (name === undefined) return cap;
  for (const [q, t] of ins.entries()) {
    if (t.opname !== "COMPARE_OP" || t.argval.k !== "compare") continue;
    const opm = /[<>]=?/.exec(t.argval.v)?.[0];
    if (opm === undefined) continue;
    const [x, y] = [ins[q - 2], ins[q - 1]];
    let op: string | undefined;
    let c: bigint | undefined;
    if (localOf(x) === name && constIntOf(y) !== undefined) [op, c] = [opm, constIntOf(y)];
    else if (localOf(y) === name && constIntOf(x) !== undefined) [op, c] = [FLIPPED[opm], constIntOf(x)];
    if (op === undefined || c === undefined) continue;
    // (the branch taken when n is above c must leave: the next conditional jump skips to a return right after it)
    const j = ins.slice(q + 1, q + 4).find((i) => /^POP_JUMP/.test(i.opname));
    if (j === undefined) continue;
    const k = ins.indexOf(j);
    const leavesOnTrue = /IF_FALSE/.test(j.opname) && (op === ">" || op === ">=") && ins.slice(k + 1, k + 4).some((i) => /^RETURN/.test(i.opname));
    if (leavesOnTrue && c >= 0n && c < cap) cap = c;
  }
  return cap;
}
/** CPython's default recursion limit: a depth the code does not bound stops there (RecursionError). */
const RECURSION_LIMIT = 1000n;
/** An integer argument folded as intValue does, with a product by zero known to be zero whatever the other operand. */
function foldedDepth(s: Sym, depth: number): bigint | undefined {
  const iv = intValue(s);
  if (iv !== undefined || depth > 8) return iv;
  const d = deref(s);
  if (d.k !== "op" || d.operands.length !== 2) return undefined;
  const a = foldedDepth(d.operands[0]!, depth + 1);
  const b = foldedDepth(d.operands[1]!, depth + 1);
  if (d.op === "*" && (a === 0n || b === 0n)) return 0n;
  return a !== undefined && b !== undefined ? foldInt(d.op, a, b) : undefined;
}
/**
 * A known upper bound of an integer argument: its folded value, or what caps it: min(a, c, ...) is at most the least
 * known bound among its arguments (no key=), max(a, b) at most the greatest when all are known, a % c below a positive
 * constant c, a & c at most a non-negative constant c.
 */
function upperBound(s: Sym, depth: number): bigint | undefined {
  const v = foldedDepth(s, 0);
  if (v !== undefined || depth > 6) return v;
  const d = deref(s);
  if (d.k === "call" && !d.star && d.kw.length === 0 && d.args.length >= 2) {
    const p = pathOf(d.fn);
    const bs = d.args.map((a) => upperBound(a, depth + 1));
    const known = bs.filter((b): b is bigint => b !== undefined);
    if (p === "builtins.min" && known.length > 0) return known.reduce((a, b) => (b < a ? b : a));
    if (p === "builtins.max" && known.length === bs.length) return known.reduce((a, b) => (b > a ? b : a));
    return undefined;
  }
  if (d.k === "op" && d.operands.length === 2) {
    const c = intValue(d.operands[1]!);
    if (d.op === "%" && c !== undefined && c > 0n) return c - 1n;
    if (d.op === "&" && c !== undefined && c >= 0n) return c;
  }
  return undefined;
}
/** The code's own functions (no methods) a callee may be, among the values it may take (as callsCode reads it). */
function funcCodes(fn: Sym): CodeObject[] | undefined {
  const out = new Set<CodeObject>();
  for (const a of capped(alternativesOf(fn), 8)) {
    const d = deref(a);
    if (d.k === "func") out.add(d.code);
  }
  return out.size ? [...out] : undefined;
}
/** The argument a call passes to a parameter of the callee: by position or by keyword (undefined when not seen). */
function argFor(call: Extract<Sym, { k: "call" }>, callee: CodeObject, param: string): Sym | undefined {
  const j = callee.varnames.indexOf(param);
  if (j < 0 || j >= callee.argcount + callee.kwonlyargcount) return undefined;
  if (j < callee.argcount && j < call.args.length) return call.args[j];
  return call.kw.find(([k]) => k === param)?.[1];
}
/**
 * A recursion through the code's own functions (a function calling itself, or functions calling each other: a(n) ->
 * b(n - 1) twice, b(n) -> a(n - 1)) that makes m calls per round of a cycle, each call site counted times the passes of
 * the loops around it (a self-call in a loop of 2 passes is 2 calls), with a parameter stepped down by a constant on
 * the way round (n - 1, by position or keyword: g(n=n - 1)), entered from outside the cycle with a known bound (or the
 * cap the function proves, else the recursion limit): about m ** (depth / step) calls, above MAX_RECURSIVE_CALLS a
 * stall. Reported for the function the code enters the cycle by.
 */
function branchingRecursion(code: CodeObject, sitesAt: Map<CodeObject, Map<number, CallSite[]>>, insOf: Map<CodeObject, Instruction[]>, around: (c: CodeObject, off: number) => bigint): string | undefined {
  const params = (c: CodeObject): string[] => c.varnames.slice(0, c.argcount + c.kwonlyargcount);
  // the edges of the own-function call graph from a code object: per callee, calls per invocation and, per parameter
  // of the caller, the callee's parameter it is passed to stepped down by a constant (the least step over the sites)
  const edgeMemo = new Map<CodeObject, Map<CodeObject, { count: bigint; map: Map<string, { to: string; step: bigint }> }>>();
  const edges = (x: CodeObject): Map<CodeObject, { count: bigint; map: Map<string, { to: string; step: bigint }> }> => {
    const hit = edgeMemo.get(x);
    if (hit) return hit;
    const out = new Map<CodeObject, { count: bigint; map: Map<string, { to: string; step: bigint }> }>();
    edgeMemo.set(x, out);
    const bySite = new Map<CodeObject, { offs: Set<number>; sites: CallSite[] }>();
    for (const [off, l] of sitesAt.get(x) ?? []) {
      for (const s of l) {
        if (s.call.star) continue;
        for (const d of funcCodes(s.call.fn) ?? []) {
          const e = bySite.get(d) ?? { offs: new Set<number>(), sites: [] };
          e.offs.add(off);
          e.sites.push(s);
          bySite.set(d, e);
        }
      }
    }
    for (const [d, { offs, sites }] of bySite) {
      let count = 0n;
      for (const off of offs) count += around(x, off);
      const map = new Map<string, { to: string; step: bigint }>();
      for (const p of params(x)) {
        let to: string | undefined;
        let step: bigint | undefined;
        let ok = true;
        for (const s of sites) {
          // the callee's parameter this site passes p - c (c >= 0) to
          let found: { to: string; step: bigint } | undefined;
          for (const q of params(d)) {
            const a = argFor(s.call, d, q);
            if (a === undefined) continue;
            if (a.k === "arg" && a.name === p) found = { to: q, step: 0n };
            else if (a.k === "op" && a.op === "-" && a.operands.length === 2 && a.operands[0]!.k === "arg" && a.operands[0]!.name === p && (intValue(a.operands[1]!) ?? 0n) > 0n) found = { to: q, step: intValue(a.operands[1]!)! };
            if (found) break;
          }
          if (found === undefined || (to !== undefined && found.to !== to)) {
            ok = false;
            break;
          }
          to = found.to;
          step = step === undefined || found.step < step ? found.step : step;
        }
        if (ok && to !== undefined && step !== undefined) map.set(p, { to, step });
      }
      out.set(d, { count: count > LENGTH_CAP ? LENGTH_CAP : count, map });
    }
    return out;
  };
  // the cycles back to this code object (up to 4 functions), per parameter of it: calls per round and total step
  let worst: { log10: number; m: bigint; depth: bigint; path: CodeObject[] } | undefined;
  for (const p0 of params(code)) {
    const walk = (x: CodeObject, p: string, m: bigint, step: bigint, path: CodeObject[]): void => {
      for (const [d, e] of edges(x)) {
        const t = e.map.get(p);
        if (t === undefined) continue;
        const [mm, ss] = [m * e.count, step + t.step];
        if (d === code) {
          if (t.to !== p0 || mm < 2n || ss <= 0n) continue;
          const cycle = new Set(path);
          // entered from outside the cycle with a known bound on p0 (or the cap the function proves, else the limit)
          let depth: bigint | undefined;
          let entered = false;
          for (const [c, sm] of sitesAt) {
            if (cycle.has(c)) continue;
            for (const s of [...sm.values()].flat()) {
              if (!callsCode(s.call.fn, code)) continue;
              entered = true;
              const arg = argFor(s.call, code, p0);
              if (arg === undefined) return;
              // (a depth computed at run time: folded where the unknown part cancels, len(...) * 0 + 60; capped at the
              // call, min(len(...), 4); else bounded only by the recursion limit: fail closed)
              const v = upperBound(arg, 0);
              const limit = RECURSION_LIMIT / BigInt(path.length);
              const units = v !== undefined ? v / ss : paramCap(insOf.get(code) ?? [], p0, RECURSION_LIMIT) / ss;
              const dd = v === undefined && units > limit ? limit : units;
              depth = depth === undefined || dd > depth ? dd : depth;
            }
          }
          if (!entered || depth === undefined || depth <= 0n) continue;
          const log10 = Number(depth) * Math.log10(Number(mm));
          if (worst === undefined || log10 > worst.log10) worst = { log10, m: mm, depth, path };
        } else if (!path.includes(d) && path.length < 4) walk(d, t.to, mm, ss, [...path, d]);
      }
    };
    walk(code, p0, 1n, 0n, [code]);
  }
  if (worst === undefined || worst.log10 <= Math.log10(MAX_RECURSIVE_CALLS)) return undefined;
  const { m, depth, path } = worst;
  return path.length === 1
    ? `${code.name}() calls itself ${m} times per call down to a depth of ${depth} (about ${m}**${depth} calls: never returns)`
    : `${[...path, code].map((c) => `${c.name}()`).join(" -> ")} makes ${m} calls per round down to ${depth} rounds (about ${m}**${depth} calls: never returns)`;
}

/** Whether a callee is (or may only be) a function with this code. */
function callsCode(fn: Sym, code: CodeObject, depth = 0): boolean {
  const d = deref(fn);
  if (d.k === "func") return d.code === code;
  if (d.k === "unknown" && d.alts?.length && depth < 4) return d.alts.some((a) => callsCode(a, code, depth + 1));
  return false;
}

/**
 * The library call an object comes from (through attributes: logging.getLogger().manager), where the code did not
 * build it itself: undefined for the code's own functions and classes, plain containers and namespaces.
 */
function sharedOwner(x: Sym, depth = 0): string | undefined {
  const d = deref(x);
  if (depth > 8) return undefined;
  if (d.k === "attr") return sharedOwner(d.obj, depth + 1);
  if (d.k !== "call") return undefined;
  const p = pathOf(d.fn);
  if (p === undefined) return d.fn.k === "attr" ? sharedOwner(d.fn.obj, depth + 1) : undefined;
  return /^(?:builtins\.|types\.SimpleNamespace$|argparse\.Namespace$|collections\.|dataclasses\.)/.test(p) ? undefined : p;
}

/** Libraries whose calls hand back fresh values (arrays, tensors), not process-wide objects. */
const VALUE_LIBRARIES = /^(?:numpy|tensorflow|tf_keras|keras|jax|jaxlib|torch|scipy|pandas|math|cmath|random|re|json|copy|itertools|operator|functools|string|struct|array|decimal|fractions|datetime|textwrap|types|typing|enum|numbers|statistics|heapq|bisect)(?:\.|$)/;

/**
 * The shared object a container belongs to, when the container is reached through an attribute of what a library
 * call hands back (logging.getLogger().handlers, threading.current_thread().__dict__): "owner(...).attr". A store
 * or delete into it changes the process; the code's own containers and fresh values (arrays) are local.
 */
function sharedContainer(x: Sym): string | undefined {
  const d = deref(x);
  if (d.k !== "attr") return undefined;
  const owner = sharedOwner(d);
  return owner !== undefined && !VALUE_LIBRARIES.test(owner) ? `${owner}(...).${d.name}` : undefined;
}

/** Functions that change the container given as their first argument (operator's in-place and item functions, unbound methods). */
const FUNCTIONAL_MUTATORS = /^(?:_?operator\.(?:setitem|delitem|__setitem__|__delitem__|i(?:add|concat|or|and|xor|sub|mul|matmul|truediv|floordiv|mod|pow|lshift|rshift)|__i(?:add|concat|or|and|xor|sub|mul|matmul|truediv|floordiv|mod|pow|lshift|rshift)__)|builtins\.(?:list|dict|set|bytearray)\.(?:clear|pop|popitem|remove|append|extend|insert|update|setdefault|__setitem__|__delitem__|sort|reverse|discard|add|__iadd__|__ior__|__imul__|difference_update|intersection_update|symmetric_difference_update)|collections\.(?:deque|OrderedDict|defaultdict)\.\w+)$/;

/** List, dict and set methods that change the container they are called on. */
const MUTATING_METHODS = new Set(["clear", "pop", "popitem", "remove", "append", "extend", "insert", "update", "setdefault", "__setitem__", "__delitem__", "sort", "reverse", "discard", "add", "__iadd__"]);

/** Ops that raise nothing an exception handler could catch (stack and local moves, jumps, constants). */
const LOOP_QUIET_OPS = /^(?:NOP|RESUME|CACHE|EXTENDED_ARG|JUMP\w*|POP_JUMP\w*|LOAD_CONST|LOAD_SMALL_INT|LOAD_FAST\w*|STORE_FAST\w*|POP_TOP|COPY|SWAP|DUP_TOP\w*|ROT_\w+|NOT_TAKEN|TO_BOOL)$/;

/** Stack permutations that cannot raise: no handler is entered from them (they may reorder items below a handler's depth). */
const NEVER_RAISES = new Set(["SWAP", "COPY", "ROT_TWO", "ROT_THREE", "ROT_FOUR", "ROT_N", "DUP_TOP", "DUP_TOP_TWO", "NOP", "EXTENDED_ARG", "CACHE"]);

/** The exception table of a 3.11+ code object (varints of 6 bits, offsets in code units). */
function exceptionTable(t: Uint8Array): Array<{ start: number; end: number; target: number; depth: number; lasti: boolean }> {
  const out: Array<{ start: number; end: number; target: number; depth: number; lasti: boolean }> = [];
  let i = 0;
  const varint = (): number | undefined => {
    if (i >= t.length) return undefined;
    let b = t[i++]!;
    let v = b & 63;
    while (b & 64) {
      if (i >= t.length || v > 0x3ffffff) return undefined;
      b = t[i++]!;
      v = (v << 6) | (b & 63);
    }
    return v;
  };
  while (i < t.length && out.length < 4096) {
    const start = varint();
    const len = varint();
    const target = varint();
    const dl = varint();
    if (start === undefined || len === undefined || target === undefined || dl === undefined) break;
    out.push({ start: start * 2, end: (start + len) * 2, target: target * 2, depth: dl >> 1, lasti: (dl & 1) === 1 });
  }
  return out;
}

function merge(a: Sym[], b: Sym[]): Sym[] {
  if (a.length !== b.length) return a.length >= b.length ? [...a] : [...b];
  return a.map((x, i) => (x === b[i] ? x : sameShape(x, b[i]!) ? x : mergedUnknown(x, b[i]!)));
}

const MAX_ALTS = 16;
/** Stands for the values past a bound: unknown, never a value (fail closed). */
const OVERFLOW: Sym = { k: "unknown", why: "more values than the evaluator keeps" };
/** A list of alternatives within a bound: the ones past it are replaced by OVERFLOW. */
function capped(l: Sym[], n: number): Sym[] {
  return l.length <= n ? l : [...l.slice(0, n - 1), OVERFLOW];
}
/** Adds a value to a bounded list; past the bound, OVERFLOW is added once instead. */
function keep(l: Sym[], v: Sym, n: number): void {
  if (l.length < n) l.push(v);
  else if (l[l.length - 1] !== OVERFLOW) l.push(OVERFLOW);
}
/** Either branch's value may reach the use: both are kept (bounded) for the checks that need them. */
function mergedUnknown(x: Sym, y: Sym): Sym {
  const alts: Sym[] = [];
  for (const s of [x, y]) {
    if (s.k === "unknown" && s.why === "merge") alts.push(...(s.alts ?? []));
    else alts.push(s);
  }
  return { k: "unknown", why: "merge", alts: capped(alts, MAX_ALTS) };
}

function sameShape(x: Sym, y: Sym): boolean {
  if (x.k !== y.k) return false;
  if (x.k === "ref" && y.k === "ref") return x.path === y.path;
  if (x.k === "null") return true;
  return false;
}

/** Evaluates every code object of a tree (root first). */
export function evaluate(codes: CodeObject[], ctx: EvalContext): Evaluation {
  const e = new Evaluator(ctx);
  for (const c of codes) e.run(c);
  return evaluateRuns(codes, ctx, e).finish();
}

function evaluateRuns(codes: CodeObject[], ctx: EvalContext, first: Evaluator): Evaluator {
  let e = first;
  // A loop's back edge, a closure cell written by another code object, a container mutated later or
  // a nested function's caller can bring a later value to an earlier load: the runs repeat, each
  // seeing what the previous one stored, until the kinds of stored values settle (a fixed point).
  // A name stored with values of different kinds on different branches is merged the same way.
  const branchy = [...e.stored.values()].some((l) => new Set(l.map(symSig)).size > 1);
  if (!(branchy || codes.length > 1 || e.loops || e.next.mutated || (e.next.leaked?.size ?? 0) > 0)) return e;
  let sig = carriedSig(e.next);
  for (let i = 0; i < MAX_RUNS; i++) {
    const n = new Evaluator(ctx, e.next);
    for (const c of codes) n.run(c);
    const s2 = carriedSig(n.next);
    e = n;
    if (s2 === sig && i > 0) return e;
    sig = s2;
  }
  // not settled within the bound: fail closed, every carried load is unknown
  const last = new Evaluator(ctx, { ...e.next, unsettled: true });
  for (const c of codes) last.run(c);
  return last;
}

const MAX_RUNS = 8;

/** The kinds of values each name, container and parameter may hold: the runs stop when it stops changing. */
function carriedSig(c: Carried): string {
  const part = (l: Sym[]): string => [...new Set(l.map((x) => deepSig(x, 0)))].sort().join(",");
  const names = [...c.stored.entries()].map(([k, l]) => `${k}=${part(l)}`).sort();
  const params = [...c.params.values()].map(part).sort();
  const globals = [...(c.globalStores?.entries() ?? [])].map(([k, l]) => `${k}=${part(l)}`).sort();
  const sent = [...(c.sent?.values() ?? []), c.sentAnywhere ?? []].map(part).sort();
  return `${names.join(";")}|${part(c.intoContainers)}|${c.mutated}|${params.join(";")}|${globals.join(";")}|${c.leaked?.size ?? 0}|${sent.join(";")}`;
}

/** symSig that looks into the alternatives an unknown carries (bounded). */
function deepSig(s: Sym, depth: number): string {
  if (s.k === "arg" && s.value) return deepSig(s.value, depth + 1);
  if (s.k === "unknown" && s.alts?.length && depth < 4) return `unknown(${[...new Set(s.alts.map((a) => deepSig(a, depth + 1)))].sort().join(",")})`;
  return symSig(s);
}

/** Method names that store into their receiver (list.append(box, m), operator.setitem(box, k, m), dict.update...). */
const MUTATORS = new Set(["append", "extend", "insert", "update", "setdefault", "__setitem__", "setitem", "add", "pop", "popitem", "remove", "clear", "__iadd__", "iadd", "iconcat", "__ior__", "ior", "sort", "reverse", "discard", "setattr", "__init__"]);

/** A verified compute callee that does not store into the containers it is given (map, tf.concat, max). */
function pureCallee(p: string | undefined): boolean {
  if (p === undefined) return false;
  const jt = judgeTarget(p);
  return jt.verdict === "allow" && !MUTATORS.has(jt.target.slice(jt.target.lastIndexOf(".") + 1));
}

/** A defaults tuple's items, a keyword-defaults dict's values (the value itself otherwise). */
function spread(s: Sym): Sym[] {
  const d = deref(s);
  if (d.k === "seq") return d.items;
  if (d.k === "op" && d.op === "dict") return d.operands.filter((_, i) => i % 2 === 1);
  const c = constOf(d);
  if (c?.t === "tuple") return c.items.map((v): Sym => ({ k: "const", v }));
  return [s];
}

/** The default values MAKE_FUNCTION / MAKE_CLOSURE pops (stack order, bottom first), by the opcode's flags. */
function functionDefaults(parts: Sym[], arg: number, minor: number): Sym[] {
  if (minor <= 5) {
    // 3.5: arg & 0xff positional defaults, then (arg >> 8) & 0xff (name, value) pairs
    const npos = arg & 0xff;
    const nkw = (arg >> 8) & 0xff;
    return [...parts.slice(0, npos), ...parts.slice(npos, npos + 2 * nkw).filter((_, i) => i % 2 === 1)];
  }
  if (minor >= 13) return []; // 3.13+: SET_FUNCTION_ATTRIBUTE sets them
  const out: Sym[] = [];
  let i = 0;
  if (arg & 1) out.push(...spread(parts[i++] ?? UNKNOWN("defaults")));
  if (arg & 2) out.push(...spread(parts[i++] ?? UNKNOWN("keyword defaults")));
  return out;
}

/** Plain data: constants, the input, arithmetic, containers and calls of resolved names over those (bounded). */
function inert(s: Sym, depth: number): boolean {
  if (depth > 8) return false;
  switch (s.k) {
    case "const":
    case "null":
      return true;
    case "arg":
      return !s.value || inert(s.value, depth + 1);
    case "op":
      return s.operands.every((y) => inert(y, depth + 1));
    case "seq":
      return s.items.every((y) => inert(y, depth + 1));
    case "call":
      return s.fn.k === "ref" && s.args.every((y) => inert(y, depth + 1)) && s.kw.every(([, y]) => inert(y, depth + 1));
    default:
      return false;
  }
}

/** A bound str.format / str.format_map / string.Formatter method (called later, wherever it flows). */
function isBoundFormat(s: Sym): boolean {
  if (s.k !== "attr") return pathOf(s) === "builtins.str.format" || pathOf(s) === "builtins.str.format_map";
  if (s.name !== "format" && s.name !== "format_map" && s.name !== "vformat" && s.name !== "get_field") return false;
  const recv = deref(s.obj);
  return str(recv) !== undefined || (recv.k === "call" && pathOf(recv.fn) === "string.Formatter");
}

/** The value a mapping the code built holds under a constant key: a dict literal or dict(k=v, ...) (the last binding wins). */
function mappingItem(m: Sym, key: string): Sym | undefined {
  const d = deref(m);
  if (d.k === "op" && d.op === "dict") {
    let hit: Sym | undefined;
    for (let i = 0; i + 1 < d.operands.length; i += 2) {
      const k = str(d.operands[i]!);
      if (k === undefined) return undefined;
      if (k === key) hit = d.operands[i + 1]!;
    }
    return hit;
  }
  if (d.k === "call" && pathOf(d.fn) === "builtins.dict" && !d.star) {
    let hit = d.args.length === 1 ? mappingItem(d.args[0]!, key) : undefined;
    if (d.args.length > 1) return undefined;
    for (const [k, v] of d.kw) {
      if (k === "**") {
        const h = mappingItem(v, key);
        if (h) hit = h;
      } else if (k === key) hit = v;
    }
    return hit;
  }
  return undefined;
}

/** A dict literal or dict(...) call whose every key is a constant: a key it lacks is not in it. */
function isReadableMapping(m: Sym): boolean {
  const d = deref(m);
  if (d.k === "op" && d.op === "dict") {
    for (let i = 0; i < d.operands.length; i += 2) if (str(d.operands[i]!) === undefined) return false;
    return true;
  }
  if (d.k === "call" && pathOf(d.fn) === "builtins.dict" && !d.star && d.args.length <= 1) {
    if (d.args.length === 1 && !isReadableMapping(d.args[0]!)) return false;
    return d.kw.every(([k, v]) => k !== "**" || isReadableMapping(v));
  }
  return false;
}

/** Characters assumed for a string repeated by a count that is not known (it may be any size: 'a' * n). */
const UNKNOWN_REPEAT_LENGTH = 1_000_000;

/**
 * The length of a string or bytes value the code builds from constants (a constant, a constant repeated by a known
 * count, a concatenation of those), a large length for one repeated by a count that is not known, else undefined.
 */
export function stringLength(s: Sym, depth = 0): number | undefined {
  const d = deref(s);
  const c = constOf(d);
  if (c?.t === "str") return [...c.v].length;
  if (c?.t === "bytes") return c.v.length;
  if (depth > 8) return undefined;
  if (d.k === "unknown" && d.alts?.length && d.why === "merge") {
    const ls = d.alts.map((a) => stringLength(a, depth + 1));
    return ls.every((l) => l !== undefined) ? Math.max(...(ls as number[])) : undefined;
  }
  if (d.k === "call") return builtLength(d, depth);
  if (d.k !== "op" || d.operands.length !== 2) return undefined;
  const [a, b] = d.operands as [Sym, Sym];
  if (d.op === "+") {
    const la = stringLength(a, depth + 1);
    const lb = la === undefined ? undefined : stringLength(b, depth + 1);
    return la !== undefined && lb !== undefined ? la + lb : undefined;
  }
  // (a %-format of a constant format string: its literal text and each conversion, at least its width wide)
  if (d.op === "%") {
    const f = str(a);
    return f !== undefined ? percentLength(f, b, depth) : undefined;
  }
  if (d.op === "*") {
    for (const [x, n] of [[a, b], [b, a]] as const) {
      const lx = stringLength(x, depth + 1);
      if (lx === undefined) continue;
      const cn = intValue(n);
      if (cn === undefined) return lx > 0 ? UNKNOWN_REPEAT_LENGTH : 0;
      return cn <= 0n ? 0 : lx * Number(cn);
    }
  }
  return undefined;
}

/** The bits of an integer str() may print exactly: folded up to this size (10 ** 4000 - 1), beyond it estimated. */
const DIGITS_FOLD_BITS = 200_000;

/** An integer value folded exactly up to DIGITS_FOLD_BITS bits (+, -, *, ** and << on constants), when known. */
function bigIntValue(s: Sym, depth = 0): bigint | undefined {
  const iv = intValue(s);
  if (iv !== undefined || depth > 16) return iv;
  const d = deref(s);
  if (d.k !== "op" || d.operands.length !== 2 || !/^(?:\+|-|\*|\*\*|<<)$/.test(d.op)) return undefined;
  const bits = resultBits(d.op, d.operands[0]!, d.operands[1]!);
  if (bits === undefined || bits > DIGITS_FOLD_BITS) return undefined;
  const x = bigIntValue(d.operands[0]!, depth + 1);
  const y = x === undefined ? undefined : bigIntValue(d.operands[1]!, depth + 1);
  if (x === undefined || y === undefined) return undefined;
  if (d.op === "+") return x + y;
  if (d.op === "-") return x - y;
  if (d.op === "*") return x * y;
  if (d.op === "**") return y >= 0n ? x ** y : undefined;
  return y >= 0n ? x << y : undefined;
}

/**
 * The characters str() (or %d) gives an integer value: its decimal digits and sign, exact when it folds, else from its
 * size (within one character); undefined when not a known integer. (3.11+ refuse to print more than 4300 digits: a
 * longer one is still counted, fail closed.)
 */
function intTextLength(s: Sym, asNumber = false): number | undefined {
  const c = constOf(deref(s));
  if (c !== undefined && c.t !== "int" && c.t !== "bool") return undefined;
  // (str(True) is 'True', '%d' % True is '1')
  if (c?.t === "bool") return asNumber ? 1 : c.v ? 4 : 5;
  const v = bigIntValue(s);
  if (v !== undefined) return v.toString().length;
  const bits = intBits(s);
  return bits === undefined ? undefined : Math.floor(bits * Math.log10(2)) + 1;
}

/**
 * The length of fmt % args (printf-style), each conversion %s / %d / %i / %u / %% with an optional width and, for
 * %s, precision: the literal text plus each field, at least its width wide. Undefined when a field's value has no
 * known length, or for mapping keys, * widths and other conversions.
 */
function percentLength(fmt: string, args: Sym, depth: number): number | undefined {
  const da = deref(args);
  const ca = constOf(da);
  const items: Sym[] = da.k === "seq" && da.kind === "tuple" ? da.items : ca?.t === "tuple" ? ca.items.map((v) => ({ k: "const", v }) as Sym) : [args];
  let n = 0;
  let used = 0;
  let ok = true;
  const literal = fmt.replace(/%([-#0 +]*)(\d*)(?:\.(\d+))?[hlL]?(.)/g, (_m, _flags: string, w: string, prec: string | undefined, conv: string) => {
    if (conv === "%") {
      n += 1;
      return "";
    }
    const it = items[used++];
    let len: number | undefined;
    if (it === undefined || !/^[sdiu]$/.test(conv)) ok = false;
    else if (conv === "s") {
      // (%s of bytes is their repr, b'...': not read)
      len = constOf(deref(it))?.t === "bytes" ? undefined : (stringLength(it, depth + 1) ?? intTextLength(it));
      if (len !== undefined && prec !== undefined) len = Math.min(len, Number(prec));
    } else len = intTextLength(it, true);
    if (len === undefined) ok = false;
    n += Math.max(len ?? 0, w ? Number(w) : 0);
    return "";
  });
  if (!ok || used !== items.length) return undefined;
  return n + [...literal].length;
}

/** A size the code gives a builder, as a length: known, or large when not known (it may be any size). */
function sizeOf(n: Sym | undefined): number | undefined {
  if (n === undefined) return undefined;
  const v = intValue(n);
  return v === undefined ? UNKNOWN_REPEAT_LENGTH : v <= 0n ? 0 : v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

/**
 * The length of a string or bytes value a call builds: a padding method's width (ljust, rjust, center, zfill), a
 * constant format string's literal text and field widths ('{:a>1000000}'.format('')), a join of items of known lengths
 * (a list repeated by a count), bytes(n) / bytearray(n), a case or codec conversion of a value of known length.
 */
function builtLength(d: Extract<Sym, { k: "call" }>, depth: number): number | undefined {
  const p = pathOf(d.fn);
  if ((p === "builtins.bytes" || p === "builtins.bytearray") && d.args.length === 1 && d.kw.length === 0) {
    const a = deref(d.args[0]!);
    const c = constOf(a);
    if (c?.t === "int" || c?.t === "bool" || (c === undefined && intValue(a) !== undefined)) return sizeOf(a);
    return stringLength(a, depth + 1);
  }
  // (str() of a string is itself; of an integer, its decimal digits: str(10 ** 4000 - 1) has 4000)
  if (p === "builtins.str" && d.args.length === 1 && d.kw.length === 0) return stringLength(d.args[0]!, depth + 1) ?? intTextLength(d.args[0]!);
  if (d.fn.k !== "attr") return undefined;
  const name = d.fn.name;
  const obj = d.fn.obj;
  if (/^(?:ljust|rjust|center|zfill)$/.test(name) && d.args[0] !== undefined) {
    const lo = stringLength(obj, depth + 1);
    const w = sizeOf(d.args[0]);
    return lo === undefined ? w : Math.max(lo, w ?? 0);
  }
  if (/^(?:encode|decode|upper|lower|casefold|swapcase|title|capitalize)$/.test(name)) return stringLength(obj, depth + 1);
  // (int.to_bytes(length, ...): length bytes; 1 by default on 3.11+)
  if (name === "to_bytes") {
    const l = d.args[0] ?? d.kw.find(([k]) => k === "length")?.[1];
    return l === undefined ? 1 : sizeOf(l);
  }
  // (str.translate(table): each character may become its table value: length x the longest value)
  if (name === "translate" && d.args.length === 1) {
    const l = stringLength(obj, depth + 1);
    const t = deref(d.args[0]!);
    if (l === undefined || !(t.k === "op" && t.op === "dict")) return undefined;
    let most = 1;
    for (let i = 1; i < t.operands.length; i += 2) most = Math.max(most, stringLength(t.operands[i]!, depth + 1) ?? (constOf(deref(t.operands[i]!)) !== undefined ? 1 : Infinity));
    return Number.isFinite(most) ? l * most : undefined;
  }
  if (name === "format") {
    const f = str(obj);
    if (f === undefined) return undefined;
    let n = 0;
    const literal = f.replace(/\{\{|\}\}/g, "x").replace(/\{[^{}]*\}/g, (field) => {
      const spec = /:(?:.?[<>=^])?[+\- ]?#?0?(\d+)/.exec(field);
      n += spec ? Number(spec[1]) : 0;
      return "";
    });
    return n + [...literal].length;
  }
  if (name === "join" && d.args.length === 1) {
    const sep = stringLength(obj, depth + 1);
    if (sep === undefined) return undefined;
    const xs = deref(d.args[0]!);
    // (a list repeated by a count: ['a'] * 10 ** 6)
    if (xs.k === "op" && xs.op === "*" && xs.operands.length === 2) {
      for (const [l, n] of [[xs.operands[0]!, xs.operands[1]!], [xs.operands[1]!, xs.operands[0]!]] as const) {
        const items = iterItems(l);
        if (items === undefined) continue;
        const ls = items.map((y) => stringLength(y, depth + 1));
        if (ls.some((y) => y === undefined)) return undefined;
        const per = (ls as number[]).reduce((a, b) => a + b, 0) + sep * items.length;
        const cnt = sizeOf(n) ?? 0;
        return per === 0 ? 0 : Math.min(per * cnt, Number.MAX_SAFE_INTEGER);
      }
      return undefined;
    }
    const items = iterItems(xs);
    if (items === undefined) return undefined;
    const ls = items.map((y) => stringLength(y, depth + 1));
    return ls.some((y) => y === undefined) ? undefined : (ls as number[]).reduce((a, b) => a + b, 0) + sep * Math.max(0, items.length - 1);
  }
  return undefined;
}

/**
 * The least length of printf-style formatting (str or bytes % values): its literal text plus, for each conversion, the
 * larger of its width and (numeric types) its precision, a `*` read from the values tuple; undefined when the format
 * is not a constant or a `*` is not a known integer.
 */
function percentWidths(f: Sym, values: Sym): number | undefined {
  const c = constOf(deref(f));
  if (c?.t !== "str" && c?.t !== "bytes") return undefined;
  const text = c.t === "str" ? c.v : Array.from(c.v, (x) => String.fromCharCode(x)).join("");
  if (!text.includes("%")) return undefined;
  const vd = deref(values);
  const vc = constOf(vd);
  const vals = vd.k === "seq" && vd.kind === "tuple" ? vd.items : vc?.t === "tuple" ? iterItems(vd) ?? [] : [values];
  let i = 0;
  let n = 0;
  let bad = false;
  const star = (x: string | undefined): number => {
    if (x !== "*") return x ? Number(x) : 0;
    const v = vals[i] !== undefined ? intValue(vals[i]!) : undefined;
    i++;
    if (v === undefined) bad = true;
    return v === undefined ? 0 : Math.abs(Number(v));
  };
  const literal = text.replace(/%(?:\([^)]*\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?([diouxXeEfFgGcrsab%])/g, (_m, w: string | undefined, pr: string | undefined, t: string) => {
    if (t === "%") {
      n += 1;
      return "";
    }
    const width = star(w);
    const prec = star(pr);
    i++;
    n += Math.max(width, /[diouxXeEfFgG]/.test(t) ? prec : 0);
    return "";
  });
  return bad ? undefined : n + literal.length;
}

/** The process environment mappings (a subscript reads one variable). */
const ENV_MAPPING_PATH = /^(?:os|posix|nt)\.environb?$/;

/**
 * Every constant string a value may be (a constant, a parameter bound to constants by its callers, a loop item over
 * a sequence of constants, a merge of those), or undefined when some value it may take is not a known constant.
 */
export function possibleStrings(s: Sym, depth = 0): string[] | undefined {
  const d = deref(s);
  const c = str(d);
  if (c !== undefined) return [c];
  if (d.k !== "unknown" || !d.alts?.length || depth > 6) return undefined;
  // a loop item whose iterated sequence's items are known: those items (the last alternative is the iterated value)
  const alts = d.why === ITEM_OF_ITERATED && d.alts.length > 1 ? d.alts.slice(0, -1) : d.alts;
  const out = new Set<string>();
  for (const a of alts) {
    const r = possibleStrings(a, depth + 1);
    if (r === undefined) return undefined;
    for (const x of r) out.add(x);
  }
  return [...out];
}

/** What the loop variable of a FOR_ITER is (its alternatives: the items known, then the iterated value). */
const ITEM_OF_ITERATED = "an item of the iterated value (carried)";
/** The same, in code that may mutate containers: the items it was built with may not be all (ks.append(k) before the loop). */
const ITEM_OF_MUTABLE = "an item of the iterated value, which the code may have mutated (carried)";

/** A canonical form of a constant key under Python's equality and hashing (True == 1 == 1.0, 'a'), else undefined. */
function pyKey(s: Sym): string | undefined {
  const c = constOf(s);
  if (c === undefined) {
    const i = intValue(s);
    return i !== undefined ? `n:${i}` : undefined;
  }
  if (c.t === "str") return `s:${c.v}`;
  if (c.t === "int") return `n:${c.v}`;
  if (c.t === "bool") return c.v ? "n:1" : "n:0";
  if (c.t === "float") return Number.isInteger(c.v) && Math.abs(c.v) < 2 ** 53 ? `n:${BigInt(c.v)}` : Number.isNaN(c.v) ? undefined : `f:${c.v}`;
  if (c.t === "none") return "none";
  if (c.t === "bytes") return `b:${[...c.v].join(",")}`;
  return undefined;
}

/** The items a constant slice takes from a sequence, as Python's slice.indices computes them (undefined: not read). */
function pySlice<T>(items: T[], sl: Extract<PyValue, { t: "slice" }>): T[] | undefined {
  const num = (v: PyValue): bigint | null | undefined => (v.t === "none" ? null : v.t === "int" ? v.v : v.t === "bool" ? (v.v ? 1n : 0n) : undefined);
  const [a, b, st] = [num(sl.start), num(sl.stop), num(sl.step)];
  if (a === undefined || b === undefined || st === undefined || st === 0n) return undefined;
  const n = BigInt(items.length);
  const step = st ?? 1n;
  const clamp = (v: bigint | null, dflt: bigint, lo: bigint, hi: bigint): bigint => {
    if (v === null) return dflt;
    let x = v < 0n ? v + n : v;
    if (x < lo) x = lo;
    if (x > hi) x = hi;
    return x;
  };
  const out: T[] = [];
  if (step > 0n) {
    for (let i = clamp(a, 0n, 0n, n), e = clamp(b, n, 0n, n); i < e && out.length <= items.length; i += step) out.push(items[Number(i)]!);
  } else {
    for (let i = clamp(a, n - 1n, -1n, n - 1n), e = clamp(b, -1n, -1n, n - 1n); i > e && out.length <= items.length; i += step) out.push(items[Number(i)]!);
  }
  return out;
}

/** A carried value's alternatives (each place it may come from), else the value itself. */
function alternativesOf(s: Sym, depth = 0): Sym[] {
  const d = deref(s);
  if (d.k === "unknown" && d.alts?.length && depth < 3) return d.alts.flatMap((a) => alternativesOf(a, depth + 1));
  return [s];
}

/** A format field as written ("0.lib.os[x]"). */
function fieldText(f: FormatFieldRead): string {
  const root = f.root.name ?? String(f.root.pos);
  return root + f.steps.map((s) => ("attr" in s ? `.${s.attr}` : `[${String(s.item)}]`)).join("");
}

/** The comparison methods an ordering of items may call (sorted, min, max, heapq, bisect: <, and > for max). */
const ORDERING_DUNDERS = ["__lt__", "__gt__", "__le__", "__ge__"];
/** The methods an equality search or a hash table may call. */
const EQUALITY_DUNDERS = ["__eq__", "__ne__", "__hash__"];
/** operator's functions that are not a binary operator's name: the dunders each runs. */
const OPERATOR_FUNCTION_DUNDERS: Record<string, string[]> = {
  getitem: ["__getitem__", "__class_getitem__", "__missing__"], setitem: ["__setitem__"], delitem: ["__delitem__"], contains: ["__contains__", "__iter__", "__getitem__"],
  countOf: ["__eq__", "__iter__"], indexOf: ["__eq__", "__iter__"], concat: ["__add__", "__radd__"], iconcat: ["__iadd__", "__add__", "__radd__"],
  lt: ["__lt__", "__gt__"], le: ["__le__", "__ge__"], gt: ["__gt__", "__lt__"], ge: ["__ge__", "__le__"], eq: ["__eq__"], ne: ["__ne__", "__eq__"],
};

/** The dunder names an operator-module function runs on its operands (operator.add: __add__, __radd__), when it is one. */
function operatorFunctionDunders(p: string): string[] | undefined {
  const m = /^_?operator\.(?:__)?(\w+?)(?:__)?$/.exec(p);
  if (!m) return undefined;
  const f = m[1]!;
  if (OPERATOR_FUNCTION_DUNDERS[f]) return OPERATOR_FUNCTION_DUNDERS[f];
  const inplace = f.startsWith("i") && Object.values(BINOP_DUNDERS).includes(f.slice(1));
  const stem = inplace ? f.slice(1) : f === "and_" ? "and" : f === "or_" ? "or" : f;
  if (!Object.values(BINOP_DUNDERS).includes(stem)) return undefined;
  return [`__${stem}__`, `__r${stem}__`, `__i${stem}__`];
}

/**
 * The dunder methods a C callable runs on the values it is given, and those values: operator's functions (their
 * arguments), sum (its items and start: __add__/__radd__), functools.reduce with an operator function (the items and
 * the initial value), orderings (sorted, min, max, heapq, bisect, list.sort: the rich comparisons between the items),
 * equality searches and hash tables (list.index/count/remove, set, frozenset, dict.fromkeys, hash: __eq__/__hash__),
 * divmod and pow.
 */
function cDunders(fn: Sym, args: Sym[], kw: [string, Sym][]): { names: string[]; operands: Sym[] } | undefined {
  const p = pathOf(fn);
  const itemsOf = (x: Sym | undefined): Sym[] => (x === undefined ? [] : (iterItems(x) ?? [x]));
  const given = [...args, ...kw.map(([, v]) => v)];
  if (p !== undefined) {
    const od = operatorFunctionDunders(p);
    if (od !== undefined) return { names: od, operands: given };
    // an operator function run by map/starmap/partial over the other values (map(operator.add, [P()], [os]),
    // functools.partial(operator.add, P())(os): the partial's arguments and those of its call meet there)
    if (/^(?:builtins\.(?:map|filter)|itertools\.\w+|functools\.(?:partial|reduce))$/.test(p)) {
      const names = [...new Set(given.flatMap((g) => capped(alternativesOf(g), 8).flatMap((a) => { const q = pathOf(deref(a)); return q !== undefined ? (operatorFunctionDunders(q) ?? []) : []; })))];
      if (names.length) return { names, operands: given.flatMap((g) => [g, ...itemsOf(g)]) };
    }
    if (p === "builtins.sum") return { names: ["__add__", "__radd__", "__iadd__"], operands: [...itemsOf(args[0]), ...given.slice(1)] };
    if (p === "functools.reduce" || p === "_functools.reduce") {
      const f = args[0] ?? kw.find(([k]) => k === "function")?.[1];
      const names = [...new Set(capped(alternativesOf(f ?? UNKNOWN("")), 8).flatMap((a) => { const q = pathOf(deref(a)); return q !== undefined ? (operatorFunctionDunders(q) ?? []) : []; }))];
      return names.length ? { names, operands: [...itemsOf(args[1]), ...given.slice(2)] } : undefined;
    }
    if (/^(?:builtins\.(?:sorted|min|max|list\.sort)|heapq\.\w+|bisect\.\w+)$/.test(p)) return { names: ORDERING_DUNDERS, operands: [...itemsOf(args[0]), ...given.slice(1)] };
    if (/^builtins\.(?:set|frozenset|hash|dict\.fromkeys|list\.(?:index|count|remove))$/.test(p)) return { names: EQUALITY_DUNDERS, operands: [...itemsOf(args[0]), ...given.slice(1)] };
    if (p === "builtins.divmod") return { names: ["__divmod__", "__rdivmod__"], operands: given };
    if (p === "builtins.pow") return { names: ["__pow__", "__rpow__"], operands: given };
    return undefined;
  }
  // a method of a container: [os, P()].sort(), [os].index(P()), xs.count(p), xs.remove(p)
  const f = deref(fn);
  if (f.k !== "attr") return undefined;
  if (f.name === "sort") return { names: ORDERING_DUNDERS, operands: itemsOf(f.obj) };
  if (/^(?:index|count|remove)$/.test(f.name) && iterItems(f.obj) !== undefined) return { names: EQUALITY_DUNDERS, operands: [...itemsOf(f.obj), ...given] };
  return undefined;
}

/** The dunder stem each binary operator calls (__add__, __radd__, __iadd__). */
const BINOP_DUNDERS: Record<string, string> = {
  "+": "add", "-": "sub", "*": "mul", "/": "truediv", "//": "floordiv", "%": "mod", "**": "pow", "@": "matmul",
  "<<": "lshift", ">>": "rshift", "&": "and", "|": "or", "^": "xor",
};
/** The rich comparison methods a comparison may call (its own, then the reflected one). */
const COMPARE_DUNDERS: Record<string, string[]> = {
  "==": ["__eq__"], "!=": ["__ne__", "__eq__"], "<": ["__lt__", "__gt__"], "<=": ["__le__", "__ge__"], ">": ["__gt__", "__lt__"], ">=": ["__ge__", "__le__"],
};

/** The caught-exception values of every run (what a handler's exception may carry: read apart, see Evaluator.caught). */
const CAUGHT = new WeakSet<Sym>();

/** Containers whose every item (any index or key) may be the value held here (a **kwargs dict). */
const ANY_ITEMS = new WeakMap<Sym, Sym>();

/** A container any item of which is `item`. */
function anyItems(item: Sym, why: string): Sym {
  const c: Sym = { k: "unknown", why: `${why}: a container of the values bound (carried)` };
  ANY_ITEMS.set(c, item);
  return c;
}

/**
 * The items iterating a value yields, when the code built what it iterates (a tuple, list or set it made or a
 * constant one; enumerate, zip, reversed, sorted, list, tuple, iter of those; an iterator of those) or a container
 * any item of which is known: undefined when unknown.
 */
function iterItems(x: Sym, depth = 0): Sym[] | undefined {
  const d = deref(x);
  if (depth > 6) return undefined;
  const every = ANY_ITEMS.get(d);
  if (every !== undefined) return [every];
  if (d.k === "seq") return d.items;
  const c = constOf(d);
  if (c && (c.t === "tuple" || c.t === "list" || c.t === "set" || c.t === "frozenset")) return (c.items as PyValue[]).map((v): Sym => ({ k: "const", v }));
  if (d.k === "unknown" && d.alts?.length) {
    // an iterator (GET_ITER), a parameter bound by callers, a merged value: the items of each alternative known
    const out: Sym[] = [];
    for (const a of d.alts) for (const y of iterItems(a, depth + 1) ?? []) keep(out, y, MAX_ALTS);
    return out.length ? out : undefined;
  }
  if (d.k === "call" && d.kw.length === 0) {
    const p = pathOf(d.fn);
    if (p === undefined || !p.startsWith("builtins.")) return undefined;
    const f = p.slice(9);
    if (/^(?:reversed|sorted|list|tuple|set|frozenset|iter)$/.test(f) && d.args.length === 1) return iterItems(d.args[0]!, depth + 1);
    if (f === "enumerate" && d.args.length >= 1) {
      const its = iterItems(d.args[0]!, depth + 1);
      return its?.map((y, i): Sym => ({ k: "seq", kind: "tuple", items: [{ k: "const", v: { t: "int", v: BigInt(i) } }, y] }));
    }
    if (f === "zip" && d.args.length >= 1) {
      const cols = d.args.map((a) => iterItems(a, depth + 1));
      if (cols.some((l) => l === undefined)) return undefined;
      const n = Math.min(...cols.map((l) => l!.length), MAX_ALTS);
      return Array.from({ length: n }, (_, i): Sym => ({ k: "seq", kind: "tuple", items: cols.map((l) => l![i]!) }));
    }
  }
  return undefined;
}

/** Whether each code object delegates (see Evaluator.delegates). */
const DELEGATES = new WeakMap<CodeObject, boolean>();

/** A generator's or coroutine's send method (g.send, ag.asend). */
function fd0IsSend(d: Sym): boolean {
  return d.k === "attr" && (d.name === "send" || d.name === "asend");
}

/** CO_GENERATOR, CO_COROUTINE, CO_ASYNC_GENERATOR: a function whose call makes a generator or coroutine object. */
const GENERATOR_FLAGS = 0x20 | 0x80 | 0x200;

/** The code's own generator or coroutine functions a value is a call of (g = gen(); coro(2)): undefined unless every alternative is one. */
export function ownGeneratorCodes(x: Sym): CodeObject[] | undefined {
  const out: CodeObject[] = [];
  for (const alt of capped(alternativesOf(x), 8)) {
    const d = deref(alt);
    if (d.k !== "call") return undefined;
    for (const fa of capped(alternativesOf(d.fn), 8)) {
      const f = deref(fa);
      if (f.k !== "func" || (f.code.flags & GENERATOR_FLAGS) === 0) return undefined;
      if (!out.includes(f.code)) out.push(f.code);
    }
  }
  return out.length > 0 ? out : undefined;
}

/** A bound argument's value (the Sym itself otherwise). */
function deref(s: Sym): Sym {
  let x = s;
  for (let i = 0; i < 8 && x.k === "arg" && x.value; i++) x = x.value;
  return x;
}

/** A mutable container literal (list, set, dict) or a tuple that may hold one. */
function isContainer(s: Sym): boolean {
  return (s.k === "seq" && (s.kind !== "tuple" || s.items.some((y) => isContainer(deref(y))))) || (s.k === "op" && s.op === "dict");
}

/** A coarse identity of a symbolic value: a resolved name, a function, an unknown, or data (everything else). */
function symSig(s: Sym): string {
  const p = pathOf(s);
  if (p !== undefined) return `ref:${p}`;
  if (s.k === "arg") return s.value ? symSig(s.value) : "data";
  if (s.k === "func" || s.k === "unknown" || s.k === "userglobal" || s.k === "lambdaref") return s.k;
  return "data";
}

export type { Instruction };
