// Lambda payload analysis: decodes the stored code string, reads the marshalled code object with our
// own reader, infers which CPython versions fit, disassembles and symbolically evaluates it, and
// judges the resolved calls by capability (THREATS.md §2, §5).
import IMPORT_EFFECTS from "../catalog/import-effects.data.json" with { type: "json" };
import type { Capability } from "../core/types.js";
import { FormatError, LimitError, decodeUtf8 } from "../core/bytes.js";
import { cut } from "../core/text.js";
import { BENIGN_IMPORTS, ENV_NOTE, KERAS_REBUILDERS, isRisky, judgeTarget, packageTwin, severityOf, suspiciousString } from "../catalog/python.js";
import { REMOTE_SCHEME } from "../catalog/tf-ops.js";
import { capabilitiesOf, choiceParams, isKnownNamespace, isKnownPackageModule, isStdlibModule, isStdlibModuleName, isVerifiedCompute, lookupMethod, lookupName, resolveModulePath, systemModuleHas, systemModuleMembers } from "../catalog/python-names.js";
import { readCodeCandidates, type CodeLayout, type CodeObject, type PyValue } from "./marshal.js";
import { codeTree, disassemble } from "./disasm.js";
import { DUNDER_EXEC, definesMethod, evaluate, ownClassBody, ownGeneratorCodes, ownInstanceClassBody, pathOf, possibleStrings, stringLength, str as constStr, type Evaluation, type Sym } from "./evaluate.js";
import { decodeBase64Bytes } from "./fold.js";
import { regexStalls } from "./regex-ambiguity.js";
import { opcodeTable, type PyVersion } from "./opcodes/index.js";
import { render, renderConst } from "./render.js";
import { isCredentialPath, isPersistencePath } from "../catalog/secret-paths.js";

/** How a Lambda's function was stored in a Keras config. */
export type LambdaForm =
  | "keras2-list" // Lambda.config.function = [code, defaults, closure] with function_type "lambda"
  | "keras3-lambda" // {"class_name": "__lambda__", "config": {"code", "defaults", "closure"}}
  | "keras3-value" // {"class_name": "__lambda__", "config": {"value": [code, defaults, closure]}}
  | "tuple" // {"class_name": "__tuple__", "items": [code, defaults, closure]} (keras_metadata.pb)
  | "raw-string"; // a bare marshal string (Keras 1.x / 2.0)

export interface LambdaPayload {
  form: LambdaForm;
  /** The stored code string exactly as in the config. */
  code: string;
  defaults?: unknown;
  closure?: unknown;
  /** The config's `module` field: its globals are visible to the bytecode. */
  module?: string;
  /** Which field held it: "function", "output_shape", "mask", "activation", ... */
  field: string;
  /** Values passed through Lambda `arguments`. */
  arguments?: unknown;
  /**
   * Resolve bare globals exactly as Keras 3 does (python_utils' globals and builtins only, no
   * config module, no conventional np/tf): used to decide whether Keras 3 versions are affected.
   */
  keras3Globals?: boolean;
  /** Set by the config walker when func_load would receive a code field in a shape it cannot read. */
  unreadShape?: string;
  /**
   * A function a tf_keras cell wrapper rebuilds (residual_fn, dropout_state_filter_visitor): it runs with
   * that module's LIVE globals, into which every wrapper merges its config module for good. The config
   * modules of the model's cell wrappers (walk order).
   */
  cellWrapperModules?: string[];
}

export interface LambdaVerdict {
  /** "risky": capabilities beyond compute; "compute": math only (severity info, or low when it needs the author's own functions); "unverifiable": could not decide. */
  kind: "risky" | "compute" | "unverifiable";
  severity: "critical" | "high" | "medium" | "low" | "info";
  capabilities: Capability[];
  /** One sentence for the report. */
  message: string;
  /** Python-like pseudo-source of the relevant calls. */
  evidence: string;
  /** CPython minor versions the bytecode fits, e.g. ["3.10", "3.11"]. */
  pythonVersions: string[];
  /** Resolved callees (canonical names), for inventory. */
  calls?: string[];
  /** The author's file path stored in the code object (co_filename). */
  filename?: string;
  /**
   * Every risky effect is a TensorFlow op: Keras traces the function on symbolic inputs while it
   * rebuilds the model, which only adds the ops, so they act at the first predict, not at load.
   */
  graphOnly?: boolean;
}

const LAYOUT_VERSIONS: Record<CodeLayout, PyVersion[]> = {
  py2: [],
  py30: ["3.6", "3.7"], // 3.5 (pre-wordcode) is tried only when neither fits
  py38: ["3.8", "3.9", "3.10"],
  py311: ["3.11", "3.12", "3.13", "3.14"],
};

/** Imports that ordinary preprocessing code does inside a function body. */
const QUIET_IMPORTS = new Set([...BENIGN_IMPORTS, "re", "string", "random", "typing", "copy", "numbers", "scipy", "cv2", "PIL", "tensorflow_addons", "tensorflow_probability", "jax", "keras_cv", "keras_hub", "keras_nlp", "einops"]);

/**
 * Where a bare global of an unknown author's module (`module: "__main__"`) would be dangerous: the
 * name is suspected only when one of these modules really exports it (os.system, not "clip").
 */
const RISKY_HOMES = ["os", "subprocess", "socket", "shutil", "pickle", "urllib.request", "pty", "ctypes"];

/** str.encode("raw_unicode_escape"): the inverse of what Keras 1.x/2.0 did to the marshal bytes. */
export function rawUnicodeEscapeEncode(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x100) out.push(c);
    else {
      const hex = c > 0xffff ? `\\U${c.toString(16).padStart(8, "0")}` : `\\u${c.toString(16).padStart(4, "0")}`;
      for (const h of hex) out.push(h.charCodeAt(0));
    }
  }
  return Uint8Array.from(out);
}

export interface DecodedPayload {
  bytes: Uint8Array;
  encoding: "base64" | "raw_unicode_escape";
}

/** Every plausible byte decoding of the stored code string, Keras's own order first (base64, then raw). */
export function decodeCodeString(code: string): DecodedPayload[] {
  const out: DecodedPayload[] = [];
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(code)) {
    const b = decodeBase64Bytes(code);
    if (b && b.length > 0 && (b[0]! & 0x7f) === 0x63) out.push({ bytes: b, encoding: "base64" });
  }
  const raw = rawUnicodeEscapeEncode(code);
  if (raw.length > 0 && (raw[0]! & 0x7f) === 0x63) out.push({ bytes: raw, encoding: "raw_unicode_escape" });
  return out;
}

/** JSON value from the config (defaults, closure, arguments) as an inert Python value. */
export function jsonToPy(x: unknown, depth = 0): PyValue | undefined {
  if (depth > 20) return undefined;
  if (x === null || x === undefined) return { t: "none" };
  if (typeof x === "boolean") return { t: "bool", v: x };
  if (typeof x === "number") return Number.isInteger(x) ? { t: "int", v: BigInt(x) } : { t: "float", v: x };
  if (typeof x === "string") return { t: "str", v: x };
  if (Array.isArray(x)) {
    const items = x.map((y) => jsonToPy(y, depth + 1));
    return items.every((y): y is PyValue => y !== undefined) ? { t: "tuple", items } : undefined;
  }
  if (typeof x === "object") {
    const o = x as Record<string, unknown>;
    if (o.class_name === "__tuple__" && Array.isArray(o.items)) return jsonToPy(o.items, depth + 1);
  }
  return undefined;
}

/** A JSON object default (a Python dict): constant keys, inert values (unknown where not a plain value). */
function jsonDict(o: Record<string, unknown>): Sym {
  const operands: Sym[] = [];
  for (const [k, val] of Object.entries(o).slice(0, 200)) {
    const v = jsonToPy(val);
    operands.push({ k: "const", v: { t: "str", v: k } }, v ? { k: "const", v } : { k: "unknown", why: "dict value" });
  }
  return { k: "op", op: "dict", operands };
}

/** A Keras 3 `__lambda__` object: bytecode the config walker hands to this engine separately. */
function isLambdaObject(x: unknown): boolean {
  return !!x && typeof x === "object" && (x as Record<string, unknown>).class_name === "__lambda__";
}

function listOf(x: unknown): unknown[] {
  if (Array.isArray(x)) return x;
  if (x && typeof x === "object") {
    const o = x as Record<string, unknown>;
    if (o.class_name === "__tuple__" && Array.isArray(o.items)) return o.items;
  }
  return [];
}

/** Strings anywhere in a JSON value (bounded). */
function jsonStrings(x: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 20 || out.length > 1000) return out;
  if (typeof x === "string") out.push(x);
  else if (Array.isArray(x)) for (const y of x) jsonStrings(y, out, depth + 1);
  else if (x && typeof x === "object") for (const y of Object.values(x)) jsonStrings(y, out, depth + 1);
  return out;
}

interface Fit {
  version: PyVersion;
  codes: CodeObject[];
}

interface Judged {
  caps: Set<Capability>;
  evidence: string[];
  reasons: string[];
  unverifiable: string[];
  custom: string[];
  computeCalls: Set<string>;
  notes: string[];
  /** Risky effects that are TensorFlow ops (they run when the graph runs) / any other risky effect. */
  graphOps: number;
  hostEffects: number;
  /** Constant paths of credential files the code reads (a read of one is high, not medium). */
  secretReads: string[];
  /** Constant persistence locations it writes (a shell start-up file, authorized_keys, a .pth). */
  persistWrites: string[];
}

function judge(ev: Evaluation, p: LambdaPayload, codes: CodeObject[]): Judged {
  const prev = RETURNS;
  RETURNS = ev.returns;
  VALUE_MEMO = new WeakMap();
  DATA_MEMO = new WeakMap();
  JOURNAL = [];
  ASSUMED = new Set();
  try {
    return judgeWith(ev, p, codes);
  } finally {
    RETURNS = prev;
  }
}

/** What the nested functions of the evaluation being judged return (isData reads it). */
let RETURNS: Map<CodeObject, Sym[]> | undefined;

/**
 * The objects a value may be, looking through bound arguments, the alternatives of a merged or
 * carried value, and the items of a container (bounded): each is judged where the value is used.
 */
function leaves(x: Sym, out: Sym[] = [], depth = 0): Sym[] {
  if (depth > 10 || out.length > 64) return out;
  if (x.k === "arg" && x.value) leaves(x.value, out, depth + 1);
  else if (x.k === "unknown" && x.alts?.length) for (const a of x.alts) leaves(a, out, depth + 1);
  else if (x.k === "seq") for (const a of x.items) leaves(a, out, depth + 1);
  else if (x.k === "op" && x.op === "dict") for (const a of x.operands) leaves(a, out, depth + 1);
  else out.push(x);
  return out;
}

/** The objects a method receiver may be: through bound arguments and the alternatives of a merged or carried value. */
function receivers(x: Sym, out: Sym[] = [], depth = 0, ev?: Evaluation): Sym[] {
  if (depth > 10 || out.length > 64) return out;
  const nested = x.k === "call" && ev ? (x.fn.k === "arg" && x.fn.value ? x.fn.value : x.fn) : undefined;
  if (x.k === "arg" && x.value) receivers(x.value, out, depth + 1, ev);
  else if (x.k === "unknown" && x.alts?.length) for (const a of x.alts) receivers(a, out, depth + 1, ev);
  // what a nested function the code calls returns ((lambda: os)().environ is os.environ)
  else if (nested?.k === "func" && ev?.returns.get(nested.code)?.length) {
    out.push(x);
    for (const r of ev.returns.get(nested.code)!) receivers(r, out, depth + 1, ev);
  } else if (x.k === "attr") {
    // an attribute of a module the receiver may be is that module's member (m.path with m = os)
    // (a constant without such an attribute raises there: that alternative goes no further)
    for (const y of receivers(x.obj, [], depth + 1, ev)) {
      const q = pathOf(y);
      if (q !== undefined) out.push({ k: "ref", path: resolveModulePath(`${q}.${x.name}`) });
      else if (y.k !== "const" || lookupMethod(x.name)) out.push(y === x.obj ? x : { k: "attr", obj: y, name: x.name });
    }
  } else out.push(x);
  return out;
}

/** The methods of a generator or coroutine object that resume its code (throw is left unverified: what it raises is not bound). */
const GENERATOR_METHODS = new Set(["send", "asend", "close", "aclose", "__next__", "__anext__"]);

/** Callables whose result is (an item of, an iterator over, a copy of) what they are given. */
const PASS_THROUGH = /^(?:builtins\.(?:next|anext|iter|aiter|list|tuple|set|frozenset|dict|reversed|sorted|min|max|getattr|vars|enumerate|zip|filter|map)|copy\.(?:copy|deepcopy)|_?operator\.(?:getitem|itemgetter|attrgetter))$/;

/**
 * Whether a value is a parameter no call site the evaluator saw binds, or one that may take anything (open), or is
 * derived from one: an item, an attribute, an iteration item, a method's or a call's result, what a pass-through
 * callable (next, iter, list, getattr ...) makes of it, any alternative of a merged value. Such a value may be anything
 * the code handed away.
 */
function fromUnbound(x: Sym, depth = 0): boolean {
  if (depth > 12) return false;
  switch (x.k) {
    case "arg":
      return x.value === undefined || x.open === true || fromUnbound(x.value, depth + 1);
    case "op":
      return x.op === "[]" && x.operands[0] !== undefined && fromUnbound(x.operands[0], depth + 1);
    case "attr":
      return fromUnbound(x.obj, depth + 1);
    case "call": {
      if (fromUnbound(x.fn, depth + 1)) return true;
      const q = pathOf(x.fn);
      return q !== undefined && PASS_THROUGH.test(q) && [...x.args, ...x.kw.map(([, v]) => v)].some((a) => fromUnbound(a, depth + 1));
    }
    case "unknown":
      return (x.alts ?? []).slice(0, 16).some((a) => fromUnbound(a, depth + 1));
    default:
      return false;
  }
}

function judgeWith(ev: Evaluation, p: LambdaPayload, codes: CodeObject[]): Judged {
  const j: Judged = { caps: new Set(), evidence: [], reasons: [], unverifiable: [], custom: [], computeCalls: new Set(), notes: [], graphOps: 0, hostEffects: 0, secretReads: [], persistWrites: [] };
  const deny = (caps: readonly Capability[], reason: string, evidence: string, graphOp = false): void => {
    if (graphOp) j.graphOps++;
    else j.hostEffects++;
    for (const c of caps) j.caps.add(c);
    if (!j.reasons.includes(reason)) j.reasons.push(reason);
    if (!j.evidence.includes(evidence)) j.evidence.push(evidence);
  };
  /**
   * A compute callee whose keyword chooses where it writes (tf.print output_stream="file://..."): records
   * the host write, or the stream that is not a constant; true when it recorded either. `alt`: the callee
   * is one of the objects a call may invoke.
   */
  const streamEffect = (target: string, c: Extract<Sym, { k: "call" }>, alt: boolean): boolean => {
    const sk = streamKeyword(target);
    const w = sk ? streamWrite(c, sk, fileStrings) : undefined;
    if (w === "file") {
      deny(["file-write"], alt ? `calls ${target} to a file:// ${sk}, one of the objects the callee may be (writes a host file)` : `${target} to a file:// ${sk} (writes a host file)`, render(c), sk === "output_stream");
    } else if (w === "unknown") {
      j.unverifiable.push(alt ? `calls ${target} with a ${sk} that is not a constant, one of the objects the callee may be` : `${target} with a ${sk} that is not a constant (it may name a host file)`);
      j.evidence.push(render(c));
    }
    return w === "file" || w === "unknown";
  };
  /** Judges each object as if the call invoked it; true when every one is verified (or judged elsewhere). */
  const judgeCallees = (objs: Sym[], c: Extract<Sym, { k: "call" }>, depth = 0): boolean => {
    let ok = true;
    for (const o of objs) {
      if (o.k === "call" && ownClassBody(o) !== undefined) continue; // the code's own class: its __init__ is judged in its code
      if (o.k === "call" && !isValue(o)) {
        // what a call returned: a verified call may hand back one of its arguments (next(iter([f])))
        const inner = pathOf(o.fn);
        if (inner !== undefined && judgeTarget(inner).verdict === "allow" && depth < 6) {
          if (!judgeCallees([...o.args, ...o.kw.map(([, v]) => v)].flatMap((y) => leaves(y)), c, depth + 1)) ok = false;
          continue;
        }
        if (o.fn.k === "func" || o.fn.k === "lambdaref") continue; // a nested function's result: its returns are judged in its code
        ok = false;
        j.unverifiable.push("a call of what a call returned (not a verified callable)");
        j.evidence.push(render(c));
        continue;
      }
      if (o.k === "op" && o.op === "[]") {
        ok = false;
        j.unverifiable.push("a call whose callee may be a subscripted value (not a verified callable)");
        j.evidence.push(render(c));
        continue;
      }
      const q = pathOf(o);
      if (q !== undefined) {
        const jt = judgeTarget(q);
        if (jt.verdict === "allow") {
          if (streamEffect(q, c, true)) ok = false;
          continue;
        }
        if (jt.verdict === "unknown" && isKnownNamespace(jt.target)) {
          // calling a module raises: a module among a callee's candidates is what a step the evaluator did not
          // follow made from it (an item, an attribute, an exception's argument), any of its members
          const w = worstMember(resolveModulePath(jt.target));
          if (!w) continue;
          ok = false;
          deny(w.capabilities, `calls a value made from module ${jt.target} (any of its members: ${w.target}, ${w.note})`, render(c));
          continue;
        }
        ok = false;
        if (jt.verdict === "deny" && !jt.capabilities.every((x) => x === "unverifiable")) deny(jt.capabilities, `calls ${jt.target}, one of the objects the callee may be (${jt.note})`, render(c));
        else {
          j.unverifiable.push(`calls ${jt.target}, one of the objects the callee may be, which is not verified compute`);
          j.evidence.push(render(c));
        }
        continue;
      }
      if (o.k === "attr") {
        const home = dangerousHome(o.name);
        const m = lookupMethod(o.name);
        if (!isValue(o.obj) && home) {
          ok = false;
          deny(home.capabilities, `calls .${o.name} of an object that may be a module (the name of ${home.target}: ${home.note}), one of the objects the callee may be`, render(c));
        } else if (!m || !isVerifiedCompute(m.cls) || RISKY_METHOD_NAMES.has(o.name)) {
          ok = false;
          j.unverifiable.push(`calls .${o.name}, one of the objects the callee may be, which is not a verified tensor/array method`);
          j.evidence.push(render(c));
        }
        continue;
      }
      if (o.k === "const" || o.k === "func" || o.k === "lambdaref" || o.k === "call" || o.k === "op" || o.k === "null") continue; // data, a function judged on its own, a call judged where it is made
      ok = false;
      j.unverifiable.push(`a call whose callee may be ${o.k === "userglobal" ? `${o.name} from the author's module` : "an object computed at run time"}`);
      j.evidence.push(render(c));
    }
    return ok;
  };
  const judgedPaths = new Set<string>();
  // file:// constants anywhere in the code or its config values: an unresolved stream may be one
  const fileStrings = [...ev.strings, ...jsonStrings(p.defaults), ...jsonStrings(p.closure), ...jsonStrings(p.arguments)].some((x) => /file:\/\//i.test(x));
  for (const site of ev.calls) {
    const c = site.call;
    // Keras 3 globals mode: a call whose callee or arguments need a name Keras 3 does not provide
    // never happens (Python raises NameError while evaluating them).
    if (p.keras3Globals && (nameError(c.fn) || c.args.some(nameError) || c.kw.some(([, v]) => nameError(v)))) continue;
    // a name handed to a call may be called by it (map, tf.map_fn, np.vectorize): it must be verified too
    // a Keras config dict handed to a call ({"class_name": "__lambda__", ...} to a getter, a layer's
    // activation=...): Keras deserialises it there, and a nested function or module reference is rebuilt
    const cfg = [...c.args, ...c.kw.map(([, v]) => v)].find((a) => holdsConfigDict(a, 0));
    if (cfg) deny(["nested-load"], "passes a Keras config dict (class_name/module/registered_name) to a call that may deserialise it", render(c));
    for (const a of [...c.args, ...c.kw.map(([, v]) => v)].flatMap((y) => leaves(y))) {
      const q = pathOf(a);
      // a field of a namedtuple instance (collections.namedtuple('P', 'a b')(1, 2).a) is the data it was built with
      if (q === undefined && a.k === "attr" && namedtupleFields(a.obj)?.includes(a.name)) continue;
      if (q === undefined && a.k === "attr" && !isValue(a.obj)) {
        // a method read off an object that may be a module and handed over (map(obj.system, ...)):
        // judged as the module member of that name, as if called
        const home = dangerousHome(a.name);
        const m = lookupMethod(a.name);
        if (home) deny(home.capabilities, `passes .${a.name} of an object that may be a module (the name of ${home.target}: ${home.note})`, render(c));
        else if (!m || !isVerifiedCompute(m.cls) || RISKY_METHOD_NAMES.has(a.name)) {
          j.unverifiable.push(`passes .${a.name} of an object that is not known to be a tensor or array`);
          j.evidence.push(render(c));
        }
        continue;
      }
      if (q === undefined) continue;
      const ja = judgeTarget(q);
      // a dangerous callable handed over may be invoked by the receiving call (map, sorted(key=),
      // np.vectorize...): judged as if called. Dynamic lookups handed over reach anything.
      if (ja.target === "builtins.getattr" || ja.target === "builtins.__import__" || ja.target === "importlib.import_module" || ja.target === "builtins.eval" || ja.target === "builtins.exec") {
        deny(["exec"], `passes ${ja.target} as a value to a call that may invoke it`, render(c));
        continue;
      }
      if (ja.verdict === "deny" && !ja.capabilities.every((x) => x === "unverifiable")) {
        deny(ja.capabilities, `passes ${ja.target} to a call that may invoke it (${ja.note})`, render(c));
        continue;
      }
      if (ja.verdict === "unknown" && !isKnownNamespace(ja.target)) {
        j.unverifiable.push(`passes ${ja.target}, which is not in the verified name data`);
        j.evidence.push(render(c));
      }
    }
    const p0 = pathOf(c.fn);
    if (p0 !== undefined) {
      let target = p0;
      if (target === "builtins.getattr" && c.resolvedAttr) continue; // judged through the attribute it reaches
      if (c.resolvedImport !== undefined) continue; // a constant module name: judged as an import (below)
      const jt = judgeTarget(target);
      target = jt.target;
      judgedPaths.add(target);
      if (jt.verdict === "deny" && /(^|\.)python_utils\.func_load$/.test(target)) {
        // the loader's own func_load rebuilds a second marshalled function: analyse that code
        const inner = c.args[0] ?? c.kw.find(([k]) => k === "code")?.[1];
        const code = inner && inner.k === "const" && inner.v.t === "str" ? inner.v.v : inner?.k === "arg" && inner.value?.k === "const" && inner.value.v.t === "str" ? inner.value.v.v : undefined;
        const v = code !== undefined && nestedDepth < 4 ? analyzeNested({ ...p, code, defaults: undefined, closure: undefined, field: `${p.field} func_load` }) : undefined;
        if (!v || (v.kind === "unverifiable" && /decode|no code string/.test(v.message))) {
          deny(["nested-load"], `${target} of code that is not a decodable constant (loads an unanalysed function)`, render(c));
        } else if (v.kind === "risky") {
          deny(v.capabilities, `${target} of a function that ${v.message.replace(/^.*? reaches /, "reaches ").replace(/; it runs at load.*$/, "")}`, `${cut(render(c), 120)} -> ${v.evidence}`);
        } else if (v.kind === "unverifiable") {
          j.unverifiable.push(`${target} of a function that ${v.message}`);
          j.evidence.push(`${cut(render(c), 120)} -> ${v.evidence}`);
        } else if (v.severity === "low") j.custom.push(`${target}(...)`);
        else j.computeCalls.add(target);
        continue;
      }
      if (PARTIALS.has(target) || REDUCERS.has(target)) {
        // partial(f, *a): a deferred call of f; reduce(f, items[, initial]) calls f on the items: each judged as f is
        // judged when called (compute when every callable it may be is verified compute: reduce(operator.mul,
        // shape, 1); reduce(getattr, names, os) stays getattr's)
        const f = c.args[0] ?? c.kw.find(([k]) => k === (PARTIALS.has(target) ? "func" : "function"))?.[1];
        if (f && judgeCallees(leaves(f), c)) j.computeCalls.add(target);
        else if (!f) {
          j.unverifiable.push(`${target} of no callable the code names`);
          j.evidence.push(render(c));
        }
        continue;
      }
      if (target === "builtins.__build_class__") {
        // a class statement: __build_class__ runs the class body (a nested code object, evaluated like any
        // other) and creates the class through its bases' metaclass; what matters is the bases and a metaclass
        // keyword (their __init_subclass__, __new__, __prepare__ run): object, the code's own classes and
        // verified compute classes are compute, anything else is judged as called
        const bases = [...c.args.slice(2), ...c.kw.map(([, v]) => v)];
        const others = bases.filter((b) => ownClassBody(b) === undefined && pathOf(b) !== "builtins.object");
        if (judgeCallees(others.flatMap((b) => leaves(b)), c)) j.computeCalls.add("class statement");
        continue;
      }
      if (jt.verdict === "deny" && gzipOverData(target, c)) {
        // GzipFile(fileobj=io.BytesIO(...)) with no filename reads and writes that object only (its own call
        // is judged where it is made)
        j.computeCalls.add(`${target}(fileobj=...)`);
        continue;
      }
      if (jt.verdict === "deny" && isIdentifierGetterCall(target, c)) {
        // keras.activations.get("relu"): a built-in or registered name, not a config to rebuild
        j.computeCalls.add(target);
        continue;
      }
      // an environment read of named variables none of which holds a secret (CUDA_VISIBLE_DEVICES) is a query
      if (jt.verdict === "deny" && jt.note === ENV_NOTE && !envSecret(ev)) {
        // a variable nobody reviewed may hold a secret: unverifiable, not a credential read
        if (envLevel(ev) === "unknown") {
          j.unverifiable.push(`${target} of an environment variable not known to hold no secret`);
          j.evidence.push(render(c));
        } else j.computeCalls.add(target);
        continue;
      }
      if (jt.verdict === "deny") {
        const choice = choiceCapabilities(target, jt.capabilities, c);
        const caps = choice.caps;
        if (caps.every((x) => x === "unverifiable")) {
          j.unverifiable.push(`${target} (${jt.note})`);
          j.evidence.push(render(c));
          continue;
        }
        deny(caps, `${target} (${jt.note}${choice.why ? `; ${choice.why}` : ""})`, render(c), isGraphOp(target));
        if (credentialReader(jt, ev) && !j.secretReads.includes(target)) j.secretReads.push(target);
        // a read of a constant credential path (an SSH key, /proc/self/environ, the HF token) is high; a
        // write to a persistence location (.bashrc, authorized_keys, a .pth in site-packages) is critical
        if (caps.includes("file-read") || caps.includes("file-write")) {
          // any argument may name what it touches (open's file, TextLineDataset's filenames list, a keyword)
          for (const path of [...c.args, ...c.kw.map(([, v]) => v)].flatMap((a) => constPaths(a))) {
            if (caps.includes("file-read") && isCredentialPath(path, { homeAny: !TEMPLATE_FILLS.has(path) }) && !j.secretReads.includes(path)) {
              j.secretReads.push(path);
              deny(caps, `${target} of ${JSON.stringify(cut(path, 80))} (a file that holds credentials)`, render(c), isGraphOp(target));
            }
            if (caps.includes("file-write") && isPersistencePath(path) && !j.persistWrites.includes(path)) {
              j.persistWrites.push(path);
              deny(caps, `${target} of ${JSON.stringify(cut(path, 80))} (a file the host runs later)`, render(c), isGraphOp(target));
            }
          }
        }
      } else if (jt.verdict === "allow") {
        if (streamEffect(target, c, false)) continue;
        // a regular expression whose repetitions can split the same text in exponentially many ways: matching may never end
        const pat = /^re\.(?:compile|match|search|fullmatch|sub|subn|split|findall|finditer)$/.test(target) && c.args[0] ? patternText(c.args[0]) : undefined;
        if (pat !== undefined) {
          // the flags argument (re.X reads the pattern verbose, re.I folds case); flags not known: each reading
          const fl = reFlags(target, c);
          // (weighed against the subject when its length is known: a short layer name bounds the work, 'a' * 10 ** 6
          // searched from every position does not)
          const fn = target.slice(3);
          const subj = fn === "compile" ? undefined : (fn === "sub" || fn === "subn" ? c.args[2] : c.args[1]) ?? c.kw.find(([k]) => k === "string")?.[1];
          const len = subj !== undefined ? stringLength(subj) : undefined;
          const scans = !/^(?:match|fullmatch|compile)$/.test(fn);
          const verdicts = fl === undefined ? [regexStalls(pat, 0, len, scans), regexStalls(pat, RE_VERBOSE, len, scans)] : [regexStalls(pat, fl, len, scans)];
          if (verdicts.includes(true)) {
            deny(["global-state"], `${target} of ${JSON.stringify(cut(pat, 60))}${len !== undefined ? ` on a subject of ${len} characters` : ""} (an ambiguous repetition: matching may backtrack for ever and stall the process)`, render(c));
            continue;
          }
          // a pattern the ambiguity check cannot read (a conditional, beyond its size limits): fail closed
          if (verdicts.includes(undefined)) {
            deny(["global-state"], `${target} of ${JSON.stringify(cut(pat, 60))} (a pattern graphwarden cannot verify: matching may backtrack for ever and stall the process)`, render(c));
            continue;
          }
        }
        j.computeCalls.add(target);
      }
      else {
        // an unlisted path ending in a dangerous module function's name (random._os.system) may
        // well be that function: judged as it, fail closed
        const last = target.slice(target.lastIndexOf(".") + 1);
        const home = jt.verdict === "unknown" && target.includes(".") ? dangerousHome(last) : undefined;
        const twin = jt.verdict === "unknown" ? packageTwin(target) : undefined;
        if (home && !lookupName(target)) deny(home.capabilities, `${target} (not in the name data; the name of ${home.target}: ${home.note})`, render(c));
        else if (twin) deny(twin.capabilities, `${target} (${twin.note})`, render(c));
        else {
          j.unverifiable.push(`${target} is not in the catalogue`);
          j.evidence.push(render(c));
        }
        // a callable outside the catalogue handed a credential path reads it, as far as anyone knows
        for (const path of [...c.args, ...c.kw.map(([, v]) => v)].flatMap((a) => constPaths(a))) {
          if (PATHLIKE.test(path) && isCredentialPath(path, { homeAny: !TEMPLATE_FILLS.has(path) }) && !j.secretReads.includes(path)) {
            j.secretReads.push(path);
            deny(["file-read"], `${target} of ${JSON.stringify(cut(path, 80))} (a file that holds credentials, handed to a callable outside the catalogue)`, render(c));
          }
        }
      }
      continue;
    }
    if (c.fn.k === "userglobal") {
      const name = c.fn.name;
      // A module we know (tf_keras.backend, numpy, os...) was searched first by the evaluator: a name
      // it lacks is not one of its functions. Only an unknown module can hold anything.
      const home = moduleKnown(p.module) ? undefined : RISKY_HOMES.find((m) => systemModuleHas(m, name) === true && judgeTarget(`${m}.${name}`).verdict === "deny");
      if (home) {
        j.unverifiable.push(`${c.fn.name} from the author's module (the name of ${home}.${c.fn.name})`);
        j.evidence.push(render(c));
      } else j.custom.push(c.fn.name);
      continue;
    }
    if (c.fn.k === "func" || c.fn.k === "lambdaref" || (c.fn.k === "arg" && c.fn.value?.k === "lambdaref")) continue; // inner lambda / config lambda: judged on its own
    if (c.fn.k === "attr") {
      // a method on a runtime value (tensor, array, list, string...): exact method data from the
      // real classes (np.ndarray, tf.Tensor, KerasTensor, jax arrays, Python containers)
      const m = lookupMethod(c.fn.name);
      if (KERAS_REBUILDERS.test(`.${c.fn.name}`)) {
        // Lambda(f).from_config(cfg), type(layer).from_config: whatever the receiver, a Keras object
        // (or class) rebuilds layers and functions from the config it is handed
        deny(["nested-load"], `.${c.fn.name}() (a Keras object or class rebuilds layers or functions from a config)`, render(c));
        continue;
      }
      // a reviewed method of what a reviewed standard-library call returns (a logger's reporting methods, a
      // hash's hexdigest, a compiled pattern's match and the match's group)
      // a method the Lambda's own class defines, called on the class or an instance: a nested code object,
      // judged on its own
      const own = ownClassBody(c.fn.obj) ?? ownInstanceClassBody(c.fn.obj);
      if (own !== undefined && definesMethod(own, c.fn.name)) continue;
      // a method of the code's own generator or coroutine (g = gen(); g.send(v); coro(2).send(None)): a call into its
      // code, judged there with what is sent (bound to its yield expressions by the evaluator)
      if (GENERATOR_METHODS.has(c.fn.name) && ownGeneratorCodes(c.fn.obj) !== undefined) {
        j.computeCalls.add(`<the code's own generator>.${c.fn.name}`);
        continue;
      }
      const rt = resultType(c.fn.obj);
      // a compiled pattern's matching method on a subject whose length is known (its pattern alone was judged at compile)
      if (rt === "re.Pattern" && /^(?:match|fullmatch|search|findall|finditer|split|sub|subn)$/.test(c.fn.name)) {
        const comp = c.fn.obj.k === "arg" && c.fn.obj.value ? c.fn.obj.value : c.fn.obj;
        const pat = comp.k === "call" && comp.args[0] ? patternText(comp.args[0]) : undefined;
        const fl = comp.k === "call" ? reFlags("re.compile", comp) : undefined;
        const subj = (/^subn?$/.test(c.fn.name) ? c.args[1] : c.args[0]) ?? c.kw.find(([k]) => k === "string")?.[1];
        const len = subj !== undefined ? stringLength(subj) : undefined;
        if (pat !== undefined && fl !== undefined && len !== undefined && regexStalls(pat, fl, len, !/^(?:match|fullmatch)$/.test(c.fn.name)) === true) {
          deny(["global-state"], `.${c.fn.name}() of a compiled ${JSON.stringify(cut(pat, 60))} on a subject of ${len} characters (an ambiguous repetition: matching may backtrack for ever and stall the process)`, render(c));
          continue;
        }
      }
      if (rt !== undefined && Object.prototype.hasOwnProperty.call(TYPE_METHODS[rt], c.fn.name)) {
        // a Formatter's format string reads the record's attributes: fields that walk further may reach anything
        const risk = rt === "logging.Formatter" && /^format(?:Message)?$/.test(c.fn.name) ? formatterRisk(c.fn.obj) : undefined;
        const w = risk === "unverifiable" ? worstOfModules(ev.escaped ?? []) : undefined;
        if (risk === "exec") deny(["exec"], `.${c.fn.name}() of a logging.Formatter whose format fields reach interpreter internals (__globals__ ...)`, render(c));
        else if (w) {
          // its fields walk the record's values, and the code handed a module to a call (the record, defaults)
          deny(w.capabilities, `.${c.fn.name}() of a logging.Formatter whose format fields may walk a module the code handed over (any of its members: ${w.target}, ${w.note})`, render(c));
        } else if (risk === "unverifiable") {
          j.unverifiable.push(`.${c.fn.name}() of a logging.Formatter whose format fields read attributes or items of the record`);
          j.evidence.push(render(c));
        } else j.computeCalls.add(`${rt}.${c.fn.name}`);
        continue;
      }
      // a public method of an instance of a pure standard-library class (random.Random(0).random(), struct.Struct.unpack)
      const owner = c.fn.obj.k === "arg" && c.fn.obj.value ? c.fn.obj.value : c.fn.obj;
      const cls = owner.k === "call" ? pathOf(owner.fn) : undefined;
      if (cls !== undefined && !c.fn.name.startsWith("_") && judgeTarget(cls).verdict === "allow") {
        const jm = judgeTarget(`${judgeTarget(cls).target}.${c.fn.name}`);
        if (jm.verdict === "allow" && jm.note === "compute (standard library)") {
          j.computeCalls.add(jm.target);
          continue;
        }
      }
      if (!isValue(c.fn.obj)) {
        // the receiver may be a module or any object (a container's item, getattr, an unknown
        // attribute): the name is judged as what it would be on a module, fail closed
        const home = dangerousHome(c.fn.name);
        if (home) {
          deny(home.capabilities, `.${c.fn.name}() on an object that may be a module (the name of ${home.target}: ${home.note})`, render(c));
          continue;
        }
        // each object the receiver may be: a value (its method data below), a module reached by a
        // known path (the method is that module's member, m.round with m = tf.math: judged as it
        // when listed, else by its name), or the result of the author's own function (custom code,
        // low); any other object (an unknown) makes the call unverifiable
        let verdict: "ok" | "custom" | "unverifiable" = "ok";
        for (const o of receivers(c.fn.obj, [], 0, ev)) {
          if (isValue(o)) continue;
          const q = pathOf(o);
          if (q !== undefined) {
            const jt = judgeTarget(resolveModulePath(`${q}.${c.fn.name}`));
            if (jt.verdict === "allow") continue;
            if (jt.verdict === "deny" && !jt.capabilities.every((x) => x === "unverifiable")) deny(jt.capabilities, `.${c.fn.name}() on an object that may be ${q} (${jt.target}: ${jt.note})`, render(c));
            else if (jt.verdict === "deny") verdict = "unverifiable";
            // a member the data does not list: judged by its name below, as a method of the value classes
            continue;
          }
          if (o.k === "call" && (o.fn.k === "userglobal" || (o.fn.k === "arg" && o.fn.value?.k === "userglobal"))) {
            if (verdict === "ok") verdict = "custom";
            continue;
          }
          verdict = "unverifiable";
        }
        if (verdict === "unverifiable" || !m || !isVerifiedCompute(m.cls) || RISKY_METHOD_NAMES.has(c.fn.name)) {
          j.unverifiable.push(`.${c.fn.name}() on an object that is not known to be a tensor or array`);
          j.evidence.push(render(c));
          continue;
        }
        if (verdict === "custom") {
          j.custom.push(`.${c.fn.name}() of what the author's function returned`);
          continue;
        }
      }
      if (m && isVerifiedCompute(m.cls)) j.computeCalls.add(`.${c.fn.name}`);
      else if (m && m.cls !== "unreviewed") deny(capabilitiesOf(m.cls), `.${c.fn.name}() on a value (${m.family})`, render(c));
      else {
        j.unverifiable.push(`.${c.fn.name}() on a value is not a verified tensor/array method`);
        j.evidence.push(render(c));
      }
      continue;
    }
    // a callee that may be one of several objects (a merged value, getattr with a default, a carried
    // parameter): compute only when every one is a verified callable; each is judged as called
    const fnd = c.fn.k === "arg" && c.fn.value ? c.fn.value : c.fn;
    if (fnd.k === "unknown" && fnd.alts?.length) {
      if (judgeCallees(leaves(fnd), c)) j.computeCalls.add("<one of several verified callables>");
      continue;
    }
    if (c.fn.k === "call" && PARTIALS.has(judgeTarget(pathOf(c.fn.fn) ?? "").target)) continue; // the wrapped callable was judged at partial()
    if (c.fn.k === "call") {
      // calling what a call returned: a verified factory returns a compute callable (Dense(8)(x),
      // tf.function(f)(x)), but max/min/next/sorted... hand back one of their arguments: every
      // callable the arguments hold (items of lists, attributes) is judged as if called here
      const inner = pathOf(c.fn.fn);
      if (inner !== undefined && judgeTarget(inner).verdict === "allow") {
        if (judgeCallees([...c.fn.args, ...c.fn.kw.map(([, v]) => v)].flatMap((y) => leaves(y)), c)) j.computeCalls.add(judgeTarget(inner).target);
        continue;
      }
      // an instance of the code's own class: its __init__ and __new__ are nested code objects, judged on their own
      if (ownClassBody(c.fn) !== undefined) continue;
      // keras.activations.get("relu")(x): what a getter returns for a plain identifier (judged at that call)
      if (inner !== undefined && isIdentifierGetterCall(judgeTarget(inner).target, c.fn)) continue;
      if (inner !== undefined && /(^|\.)python_utils\.func_load$/.test(judgeTarget(inner).target)) continue; // the rebuilt function was judged at the func_load call
    }
    if (c.fn.k === "op" && c.fn.op === "[]") {
      // a subscripted callable ([tf.nn.relu, tf.tanh][i](x)) is compute only when every candidate is
      const base = c.fn.operands[0];
      const items = base?.k === "seq" ? base.items : [];
      if (items.length && items.every((x) => { const q = pathOf(x); return q !== undefined && judgeTarget(q).verdict === "allow"; })) {
        j.computeCalls.add("<subscripted callable>");
        continue;
      }
    }
    // a callee computed from a system module (its namespace subscripted by a computed name, an item of
    // something the module went into) may be any of that module's members
    // (and a module the code handed into an object's state may come back as anything computed later)
    const w = worstOfModules(new Set([...moduleTaint(c.fn, ev), ...(ev.escaped ?? [])]));
    if (w) {
      deny(w.capabilities, `a call whose callee is computed from a module (any of its members: ${w.target}, ${w.note})`, render(c));
      continue;
    }
    j.unverifiable.push(c.fn.k === "op" && c.fn.op === "[]" ? "a call of a subscripted value (not a verified callable)" : `a call whose callee is computed at run time`);
    j.evidence.push(render(c));
  }
  // attribute/global references that were not calls (passed along as callables, read as data)
  const calledPaths = new Set(ev.calls.map((s) => pathOf(s.call.fn)).filter((x): x is string => x !== undefined));
  for (const r of new Set(ev.refs)) {
    const jt = judgeTarget(r);
    if (judgedPaths.has(jt.target) || jt.verdict !== "deny") continue;
    // judged at the call when called; a reference that is only passed along is judged above
    if ((jt.target === "builtins.getattr" || jt.target === "builtins.__import__" || jt.target === "importlib.import_module") && calledPaths.has(jt.target)) continue;
    if (jt.capabilities.every((x) => x === "unverifiable")) continue;
    if (jt.note === ENV_NOTE && !envSecret(ev)) continue;
    deny(jt.capabilities, `${jt.target} (${jt.note})`, jt.target);
    if (credentialReader(jt, ev) && !j.secretReads.includes(jt.target)) j.secretReads.push(jt.target);
  }
  // dangerous attributes of arrays and tensors even when not called (x.ctypes, x.__array_interface__)
  for (const a of new Set(ev.valueAttrs)) {
    const m = lookupMethod(a);
    if (m && !isVerifiedCompute(m.cls) && m.cls !== "unreviewed") deny(capabilitiesOf(m.cls), `.${a} of a value (${m.family})`, `.${a}`);
  }
  // an attribute read on an object the code cannot follow (a C callable's result, an exception's args, a generator's
  // item, a global) when the code handed a module away (to a call, a yield, a global): it may be that module's member
  // (next(iter([os])).environ is os.environ), judged as such, fail closed
  const escapedMods = ev.escaped ?? [];
  if (escapedMods.length > 0) {
    const seenAttr = new Set<string>();
    for (const { obj, name } of ev.unknownAttrs ?? []) {
      // (a parameter no call site the evaluator saw binds is not a value here: the code may hand its function to a C
      // callable by a route not followed, next(iter([g])), which calls it with the module: fail closed)
      // (nor one of a function whose value the code leaked where the evaluator does not follow it: its parameters may
      // take anything, whatever the seen call sites bind: g(math) and map(next(iter([g])), [os]))
      // (nor anything derived from such a parameter: its item, attribute, iteration item, method or call result:
      // ns['m'] of a metaclass's __init__(cls, name, bases, ns), d['m'] of a function reached through next(iter([g])))
      const unbound = fromUnbound(obj);
      if (seenAttr.has(name) || (isValue(obj) && !unbound)) continue;
      seenAttr.add(name);
      for (const m of escapedMods) {
        if (systemModuleHas(m, name) !== true) continue;
        const jt = judgeTarget(resolveModulePath(`${m}.${name}`));
        if (jt.verdict !== "deny" || jt.capabilities.every((x) => x === "unverifiable")) continue;
        deny(jt.capabilities, `.${name} of an object that may be ${m}, a module the code hands away and reads back (${jt.target}: ${jt.note})`, `.${name}`);
        if (credentialReader(jt, ev) && !j.secretReads.includes(jt.target)) j.secretReads.push(jt.target);
      }
    }
  }
  // what ends the process or the load without returning (the loader does not catch SystemExit; a loop with no way out)
  for (const st of new Set(ev.stops ?? [])) deny(["global-state"], `ends or stalls the process: ${st}`, st);
  for (const u of new Set(ev.unmeasured ?? [])) {
    j.unverifiable.push(u);
    j.evidence.push(u);
  }
  for (const f of new Set(ev.opaqueFormats)) {
    j.unverifiable.push(f + " (its fields may read any attribute or item of the arguments)");
    j.evidence.push(f);
  }
  // a namespace read (__dict__) of an object that may be a module a nested function returned or the code handed
  // away: any member of that module
  for (const d of new Set(ev.dunders)) {
    const handed = d === "__dict__" ? worstOfModules(new Set([...[...ev.returns.values()].flat().flatMap((r) => [...moduleTaint(r, ev)]), ...(ev.escaped ?? [])])) : undefined;
    if (DUNDER_EXEC.has(d)) deny(["exec"], `interpreter internals through ${d}`, `.${d}`);
    else if (handed) deny(handed.capabilities, `reads the namespace of an object that may be a module the code passes around (any of its members: ${handed.target}, ${handed.note})`, ".__dict__");
    else j.unverifiable.push(`introspection through ${d}`);
  }
  for (const s of new Set(ev.stores)) {
    if (s.startsWith("global ")) continue; // the function's own globals dict copy
    deny(["global-state"], `changes ${s}`, `${s} = ...`);
  }
  for (const m of new Set(ev.imports)) {
    const top = m.split(".")[0]!;
    // what importing runs comes first (numpy.f2py.__main__ is under a quiet package)
    const acts = importEffect(m);
    if (acts) {
      deny(acts.caps, `imports ${m} (${acts.note})`, `import ${m}`);
      continue;
    }
    if (QUIET_IMPORTS.has(top)) {
      j.computeCalls.add(`import ${m}`);
      continue;
    }
    const jt = judgeTarget(`${m}.__any__`);
    const jt2 = judgeTarget(m);
    const hit = jt.verdict === "deny" ? jt : jt2.verdict === "deny" ? jt2 : undefined;
    // importing a module whose functions only touch the process's own state (threading) runs nothing
    if (hit && hit.capabilities.every((x) => x === "global-state") && isStdlibModule(m)) j.computeCalls.add(`import ${m}`);
    else if (hit && !hit.capabilities.every((x) => x === "unverifiable")) deny(hit.capabilities, `imports ${m} (${hit.note})`, `import ${m}`);
    // a standard-library module whose import runs nothing (the ones that act are listed above): what the
    // code then calls in it is judged call by call
    else if (isStdlibModule(m)) j.computeCalls.add(`import ${m}`);
    else j.unverifiable.push(`imports ${m}`);
  }
  // A string constant is evidence only where it reaches a call that is not verified compute (a
  // URL, path or command handed to something that could use it); a regex with "http://" in it
  // handed to tf.strings.regex_full_match is just data.
  const strings = new Set<string>();
  for (const site of ev.calls) {
    const q = pathOf(site.call.fn);
    if (q !== undefined && judgeTarget(q).verdict === "allow") continue;
    if (site.call.fn.k === "attr") {
      const m = lookupMethod(site.call.fn.name);
      if (m && isVerifiedCompute(m.cls)) continue;
    }
    for (const a of [...site.call.args, ...site.call.kw.map(([, v]) => v)]) collectStrings(a, strings);
  }
  // Autograph (tf.function, tf.autograph.to_graph, tf.map_fn, Dataset.map ...) never runs the bytecode
  // of the function it is handed: it reads the SOURCE at the code object's co_filename and
  // co_firstlineno (inspect.getsource through linecache), converts it and runs that. The file is on
  // the host, outside the model: a function naming a placeholder file (<string>, <lambda>) runs as is
  // Which function reaches the converter is not followed through values (next(iter([g])), a call's
  // result, a container): once any converter is called, every nested code object the Lambda carries
  // is judged by the file it names
  const converterCall = ev.calls.find((site) => {
    const c = site.call;
    const q = pathOf(c.fn);
    const tgt = q !== undefined ? judgeTarget(q).target : undefined;
    const converter = tgt !== undefined ? AUTOGRAPH_CONVERTERS.test(tgt) : c.fn.k === "attr" && DATASET_CONVERTING_METHODS.has(c.fn.name);
    if (!converter) return false;
    const ag = c.kw.find(([k]) => k === "autograph")?.[1];
    return !(tgt !== undefined && /\.function$/.test(tgt) && ag?.k === "const" && ag.v.t === "bool" && !ag.v.v);
  });
  // A code object's co_filename is data of the model, and every path that formats a frame (logging's
  // stack_info/exc_info, warnings.warn, traceback.*, inspect.getsource, a traceback the loader prints) reads
  // the line co_filename/co_lineno name through linecache and writes it to the log: a function "from"
  // /proc/self/environ or an SSH key hands that file's lines to the process's log. The author's own source
  // file (train.py) or a placeholder (<string>) is normal.
  for (const code of codes) {
    const f = code.filename;
    if (!f || /^<.*>$/.test(f) || SOURCE_IN_ENV.test(f) || j.secretReads.includes(f) || !isCredentialPath(f)) continue;
    j.secretReads.push(f);
    deny(["file-read"], `a code object whose co_filename is ${JSON.stringify(cut(f, 80))} (a file that holds credentials: stack and warning formatters read its lines into the log)`, `${code.name} [co_filename ${cut(f, 100)}]`);
  }
  if (converterCall) {
    const c = converterCall.call;
    const name = pathOf(c.fn) ?? (c.fn.k === "attr" ? `.${c.fn.name}` : "a converter");
    for (const code of codes.slice(1)) {
      if (/^<(?:listcomp|genexpr|dictcomp|setcomp)>$/.test(code.name)) continue; // not a function that can be handed over
      const f = code.filename;
      if (/^<.*>$/.test(f)) continue;
      const where = `${cut(f, 120)}:${code.firstlineno}`;
      if (installedSource(f)) deny(["exec"], `${name} (autograph) converts the host source file ${where} that a nested function names (autograph runs that source, not this bytecode)`, render(c));
      else if (!j.unverifiable.some((u) => u.includes(where))) {
        j.unverifiable.push(`${name} (autograph) may convert the source at ${where} that a nested function names (autograph runs the host file's source, not this bytecode)`);
        j.evidence.push(render(c));
      }
    }
  }
  // A code string among the constants (Lambda.from_config({"function": "<base64 marshal>"}), a
  // func_load reached by any spelling, a dict built at run time): the loaders' decoder may turn it
  // into a function, so each one that decodes to a code object is analysed like the layer's own
  if (nestedDepth < 4) {
    const seen = new Set<string>();
    for (const s of [...ev.strings, ...jsonStrings(p.defaults), ...jsonStrings(p.closure), ...jsonStrings(p.arguments)]) {
      if (s.length < MIN_CODE_STRING || s === p.code || seen.has(s) || seen.size >= 16 || !holdsCode(s)) continue;
      seen.add(s);
      const v = analyzeNested({ ...p, code: s, defaults: undefined, closure: undefined, unreadShape: undefined, field: `${p.field} (a code string constant)` });
      const ev1 = `${cut(renderConst({ t: "str", v: s }), 80)} -> ${v.evidence}`;
      if (v.kind === "risky") deny(v.capabilities, `a code string constant that decodes to a function which ${v.message.replace(/^.*? reaches /, "reaches ").replace(/; it runs at load.*$/, "")}`, ev1);
      else if (v.kind === "unverifiable") {
        j.unverifiable.push(`a code string constant that decodes to a function which ${v.message.replace(/^.*? could not be verified: /, "could not be verified: ")}`);
        j.evidence.push(ev1);
      } else if (v.severity === "low") j.custom.push("a function decoded from a code string constant");
    }
  }
  const sawUnverified = j.unverifiable.length > 0 || j.caps.size > 0;
  if (sawUnverified) for (const x of [...jsonStrings(p.defaults), ...jsonStrings(p.closure), ...jsonStrings(p.arguments)]) strings.add(x);
  for (const s of strings) {
    const why = suspiciousString(s);
    if (why) j.notes.push(`${why}: ${renderConst({ t: "str", v: s })}`);
  }
  sweepConstants(j, ev, p, codes, deny);
  return j;
}

/**
 * A TensorFlow op wrapper (tf.io.write_file, tf.io.read_file, tf.raw_ops.*): called on symbolic
 * inputs it adds a node to the graph being traced, and acts only when that graph runs.
 */
function isGraphOp(target: string): boolean {
  const canon = lookupName(target)?.canonical ?? target;
  return canon.startsWith("tensorflow.python.ops.") || target.startsWith("tensorflow.raw_ops.");
}

/** Calls whose keyword decides a host-file write: tf.print's output_stream, print's file. */
function streamKeyword(target: string): string | undefined {
  if (target === "builtins.print") return "file";
  const canon = lookupName(target)?.canonical ?? target;
  if (/(^|\.)print$/.test(target) && (target.startsWith("tensorflow.") || target.startsWith("tf_keras.") || target.startsWith("keras."))) return "output_stream";
  if (canon === "tensorflow.python.ops.logging_ops.print_v2") return "output_stream";
  return undefined;
}

/** What a stream keyword does: absent or a named stream ("ok"), a file:// path, or unknown. */
function streamWrite(c: Extract<Sym, { k: "call" }>, key: string, fileStrings: boolean): "ok" | "file" | "unknown" {
  const given = c.kw.filter(([k]) => k === key || k === "**").map(([, v]) => v);
  if (c.star) given.push({ k: "unknown", why: "*args" });
  let res: "ok" | "file" | "unknown" = "ok";
  const visit = (v: Sym, depth: number): void => {
    if (depth > 8 || res === "file") return;
    if (v.k === "arg" && v.value) return visit(v.value, depth + 1);
    if (v.k === "unknown" && v.alts) {
      for (const a of v.alts) visit(a, depth + 1);
      return;
    }
    if (v.k === "const" && v.v.t === "str") {
      if (/^file:\/\//i.test(v.v.v)) res = "file";
      return;
    }
    if (v.k === "ref") return; // sys.stderr, logging functions: a reference is judged on its own
    if (v.k === "op" && v.op === "dict") {
      // a ** mapping: its value under the keyword (any non-constant key may be it)
      for (let i = 0; i + 1 < v.operands.length; i += 2) {
        const kk = v.operands[i]!;
        if (kk.k === "const" && kk.v.t === "str") {
          if (kk.v.v === key) visit(v.operands[i + 1]!, depth + 1);
        } else visit(v.operands[i + 1]!, depth + 1);
      }
      return;
    }
    res = fileStrings ? "file" : "unknown";
  };
  for (const v of given) visit(v, 0);
  return res;
}

/** Whether evaluating a value raises NameError first (a global Keras 3 does not give the Lambda). */
function nameError(s: Sym, depth = 0): boolean {
  if (depth > 64) return false;
  switch (s.k) {
    case "unknown":
      return s.why.startsWith("NameError") && !s.alts?.length;
    case "attr":
      return nameError(s.obj, depth + 1);
    case "call":
      return nameError(s.fn, depth + 1) || s.args.some((a) => nameError(a, depth + 1)) || s.kw.some(([, v]) => nameError(v, depth + 1));
    case "op":
      return s.operands.some((o) => nameError(o, depth + 1));
    case "seq":
      return s.items.some((i) => nameError(i, depth + 1));
    case "arg":
      return false;
    default:
      return false;
  }
}

/** Whether a method receiver is known to be a runtime value (the input, a constant, what compute returned), not a module. */
function isValue(x: Sym, depth = 0): boolean {
  return memo(VALUE_MEMO, x, depth, isValueUncached);
}

/**
 * Value and data judgements are remembered per symbolic object (they are asked again and again of
 * values carried through loops, containers and parameters).
 */
let VALUE_MEMO = new WeakMap<Sym, boolean | "busy">();
let DATA_MEMO = new WeakMap<Sym, boolean | "busy">();
function memo(m: WeakMap<Sym, boolean | "busy">, x: Sym, depth: number, f: (x: Sym, depth: number) => boolean): boolean {
  const hit = m.get(x);
  // a judgement asked of itself (a value carried around a loop through a function's returns): only
  // the leaves of the cycle decide, so it is assumed to hold; if it then fails, every judgement made
  // under that assumption is forgotten
  if (hit === "busy") {
    ASSUMED.add(x);
    return true;
  }
  if (hit !== undefined) return hit;
  if (JOURNAL.length > 200_000) return false; // fail closed on hostile sizes
  const mark = JOURNAL.length;
  m.set(x, "busy");
  const r = f(x, depth);
  if (!r && ASSUMED.has(x)) for (const [mm, y] of JOURNAL.splice(mark)) mm.delete(y);
  ASSUMED.delete(x);
  m.set(x, r);
  JOURNAL.push([m, x]);
  return r;
}
let JOURNAL: [WeakMap<Sym, boolean | "busy">, Sym][] = [];
let ASSUMED = new Set<Sym>();

function isValueUncached(x: Sym, depth: number): boolean {
  if (depth > 48) return false;
  switch (x.k) {
    case "const":
      return true;
    case "arg":
      return x.value ? isValue(x.value, depth + 1) : true;
    case "call": {
      const q = pathOf(x.fn);
      // A verified call returns data only when it is given data: list([sys])[0] is the sys module.
      if (q !== undefined) return (judgeTarget(q).verdict === "allow" || gzipOverData(judgeTarget(q).target, x)) && [...x.args, ...x.kw.map(([, v]) => v)].every((a) => isData(a, depth + 1));
      if (x.fn.k === "attr") {
        const m = lookupMethod(x.fn.name);
        // a dunder method may hand back anything (x.__array_namespace__() is the numpy module), and a
        // method may return one of its arguments (dict.setdefault(k, d), .get, .pop): each must be data
        return (
          !!m && isVerifiedCompute(m.cls) && isValue(x.fn.obj, depth + 1) && !x.fn.name.startsWith("__") &&
          [...x.args, ...x.kw.map(([, v]) => v)].every((a) => isData(a, depth + 1))
        );
      }
      return false;
    }
    case "op":
      return x.op === "[]" ? isValue(x.operands[0]!, depth + 1) : x.operands.every((y) => isValue(y, depth + 1));
    case "seq":
      return x.items.every((y) => isValue(y, depth + 1));
    case "attr": {
      // an attribute of a value is a value only when the value classes have it (x.shape, x.T): an
      // unknown one (m._sys, m.modules) means the receiver was not a tensor after all
      const m = lookupMethod(x.name);
      return !!m && isVerifiedCompute(m.cls) && isValue(x.obj, depth + 1);
    }
    case "unknown":
      // one of several values (a loop's back edge, merged branches, a mutated container's item, a
      // bound parameter, getattr's default): a value only if every one is
      return !!x.alts?.length && x.alts.every((y) => isValue(y, depth + 1));
    default:
      return false;
  }
}

/**
 * What a verified call may be given and still return data: values, verified callables (map(np.abs, x)),
 * functions the Lambda carries (judged on their own), and containers or expressions of those. A module,
 * an unverified name or an unknown object handed over may come back out of the call.
 */
function isData(x: Sym, depth: number): boolean {
  return memo(DATA_MEMO, x, depth, isDataUncached);
}

function isDataUncached(x: Sym, depth: number): boolean {
  if (depth > 48) return false;
  if (isValue(x, depth)) return true;
  const q = pathOf(x);
  if (q !== undefined) return judgeTarget(q).verdict === "allow";
  switch (x.k) {
    case "func": {
      // a function handed to map/filter/sorted/reduce/tf.map_fn: the call returns what it returns
      const rs = RETURNS?.get(x.code);
      return !!rs?.length && rs.every((y) => isData(y, depth + 1));
    }
    case "lambdaref":
      return true;
    case "unknown":
      return !!x.alts?.length && x.alts.every((y) => isData(y, depth + 1));
    case "arg":
      return x.value !== undefined && isData(x.value, depth + 1);
    case "seq":
      return x.items.every((y) => isData(y, depth + 1));
    case "op":
      return x.operands.every((y) => isData(y, depth + 1));
    default:
      return false;
  }
}

/** A dict literal keyed like a Keras serialised object, anywhere in a value (bounded). */
function holdsConfigDict(x: Sym, depth: number): boolean {
  if (depth > 8) return false;
  switch (x.k) {
    case "arg":
      return x.value !== undefined && holdsConfigDict(x.value, depth + 1);
    case "seq":
      return x.items.some((y) => holdsConfigDict(y, depth + 1));
    case "op":
      if (x.op === "dict") {
        for (let i = 0; i < x.operands.length; i += 2) {
          const k = constStr(x.operands[i]!);
          if (k === "class_name" || k === "module" || k === "registered_name") return true;
        }
      }
      return x.operands.some((y) => holdsConfigDict(y, depth + 1));
    default:
      return false;
  }
}

/** keras.activations.get & co. deserialise a config dict; given only a plain identifier they name a built-in or registered object. */
function isIdentifierGetterCall(target: string, c: Extract<Sym, { k: "call" }>): boolean {
  return (
    /^(?:keras|keras\.src|tf_keras|tf_keras\.src|tensorflow\.keras|tensorflow\.python\.keras)\.(?:activations|constraints|initializers|losses|metrics|optimizers|regularizers|quantizers|dtype_policies|layers)\.get$/.test(target) &&
    c.args.length === 1 &&
    c.kw.length === 0 &&
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(constStr(c.args[0]!) ?? "")
  );
}

/** Method names that read, write, load or run something when the receiver is a file, module or loader. */
const RISKY_METHOD_NAMES = new Set(["eval", "exec", "system", "open", "load", "loads", "dump", "dumps", "write", "read", "save", "run", "call", "popen", "spawn", "compile", "import_module", "get", "post", "urlopen", "connect", "send", "recv", "tofile", "fromfile"]);

/** Modules a receiver of unknown kind may be: a method of that name is judged as their member. */
const MODULE_HOMES = ["builtins", "os", "posix", "subprocess", "pickle", "marshal", "shutil", "socket", "pty", "runpy", "ctypes", "importlib", "io", "sys", "urllib.request"];
const homeCache = new Map<string, TargetJudgementLike | null>();
type TargetJudgementLike = { target: string; capabilities: Capability[]; note: string };
/** re's flag values by name (re.X / re.VERBOSE ...). */
const RE_FLAG_VALUES: Record<string, number> = {
  I: 2, IGNORECASE: 2, L: 4, LOCALE: 4, M: 8, MULTILINE: 8, S: 16, DOTALL: 16, U: 32, UNICODE: 32, X: 64, VERBOSE: 64, A: 256, ASCII: 256, T: 1, TEMPLATE: 1, DEBUG: 128, NOFLAG: 0,
};
const RE_VERBOSE = 64;
/** Where each re function takes its flags positionally (after the pattern). */
const RE_FLAGS_AT: Record<string, number> = { compile: 1, match: 2, search: 2, fullmatch: 2, findall: 2, finditer: 2, split: 3, sub: 4, subn: 4 };

/** The value of an re flags expression (re.X | re.I, a constant), undefined when not known. */
function reFlagValue(x: Sym, depth = 0): number | undefined {
  const d = x.k === "arg" && x.value ? x.value : x;
  if (depth > 8) return undefined;
  if (d.k === "const") return d.v.t === "int" ? Number(d.v.v) : d.v.t === "none" ? 0 : undefined;
  const p = pathOf(d);
  const m = p !== undefined ? /^re\.(?:RegexFlag\.)?(\w+)$/.exec(p) : null;
  if (m) return RE_FLAG_VALUES[m[1]!];
  if (d.k === "op" && (d.op === "|" || d.op === "+") && d.operands.length === 2) {
    const a = reFlagValue(d.operands[0]!, depth + 1);
    const b = reFlagValue(d.operands[1]!, depth + 1);
    return a !== undefined && b !== undefined ? a | b : undefined;
  }
  return undefined;
}

/** The flags an re call passes (0 when none), undefined when they are not known. */
function reFlags(target: string, c: Extract<Sym, { k: "call" }>): number | undefined {
  const at = RE_FLAGS_AT[target.slice(3)];
  const given = c.kw.find(([k]) => k === "flags")?.[1] ?? (at !== undefined ? c.args[at] : undefined);
  if (c.star || c.kw.some(([k]) => k === "**")) return undefined;
  return given === undefined ? 0 : reFlagValue(given);
}

/** The field names of a namedtuple instance (a call of what collections.namedtuple / typing.NamedTuple made, with constant field names). */
function namedtupleFields(x: Sym): string[] | undefined {
  const inst = x.k === "arg" && x.value ? x.value : x;
  if (inst.k !== "call") return undefined;
  const cls = inst.fn.k === "arg" && inst.fn.value ? inst.fn.value : inst.fn;
  if (cls.k !== "call" || !/^(?:collections\.namedtuple|typing\.NamedTuple)$/.test(judgeTarget(pathOf(cls.fn) ?? "").target)) return undefined;
  const spec = cls.args[1] ?? cls.kw.find(([k]) => k === "field_names" || k === "fields")?.[1];
  const text = spec ? constStr(spec) : undefined;
  if (text !== undefined) return text.replace(/,/g, " ").split(/\s+/).filter(Boolean);
  const items = spec?.k === "seq" ? spec.items.map((i) => constStr(i.k === "seq" ? (i.items[0] ?? i) : i)) : undefined;
  return items?.every((x): x is string => x !== undefined) ? items : undefined;
}

/** functools.partial / partialmethod: a deferred call of their first argument. */
/** A Python source file inside an installation or environment folder (~/.pyenv, ~/.conda, a venv): a library's own code. */
const SOURCE_IN_ENV = /[/\\](?:site-packages|dist-packages|\.?virtualenvs|\.?venvs?|envs|\.pyenv|\.conda|\.?miniconda3|\.?anaconda3|\.?mambaforge|\.?miniforge3)[/\\](?:[^/\\]+[/\\])*[^/\\]+\.pyw?$/i;
/** functools.reduce and its C twin: a call of the function they are handed, per item. */
const REDUCERS = new Set(["functools.reduce", "_functools.reduce"]);
const PARTIALS = new Set(["functools.partial", "functools.partialmethod"]);

/**
 * The worst member of a system module (os, builtins, subprocess ...): what a value computed from the module
 * itself may be, when the evaluator could not follow the step (a class pattern, an exception's argument, an
 * unmodelled opcode). Undefined for any other module or one with no dangerous member.
 */
function worstMember(module: string): TargetJudgementLike | undefined {
  if (worstCache.has(module)) return worstCache.get(module) ?? undefined;
  let best: TargetJudgementLike | undefined;
  // public names first: a tie goes to os.system rather than a private helper
  const names = [...(systemModuleMembers(module) ?? [])].sort((a, b) => Number(a.startsWith("_")) - Number(b.startsWith("_")));
  for (const name of names) {
    const jt = judgeTarget(`${module}.${name}`);
    if (jt.verdict !== "deny" || jt.capabilities.every((x) => x === "unverifiable")) continue;
    best = worse(best, { target: jt.target, capabilities: jt.capabilities, note: jt.note });
  }
  // a module without member data (asyncio, multiprocessing, xmlrpc ...): what its table entry says any member does
  if (!best && !systemModuleMembers(module)) {
    const jt = judgeTarget(`${module}.__member__`);
    if (jt.verdict === "deny" && !jt.capabilities.every((x) => x === "unverifiable")) best = { target: `${module}.*`, capabilities: jt.capabilities, note: jt.note };
  }
  worstCache.set(module, best ?? null);
  return best;
}
const worstCache = new Map<string, TargetJudgementLike | null>();

/** The more severe of two judgements (the first on a tie). */
function worse(a: TargetJudgementLike | undefined, b: TargetJudgementLike): TargetJudgementLike {
  return !a || ORDER.indexOf(severityOf(b.capabilities)) > ORDER.indexOf(severityOf(a.capabilities)) ? b : a;
}

/** The worst member of any of these modules (worstMember of each), or undefined when none has a dangerous one. */
function worstOfModules(modules: Iterable<string>): TargetJudgementLike | undefined {
  let best: TargetJudgementLike | undefined;
  for (const m of modules) {
    const w = worstMember(m);
    if (w) best = worse(best, w);
  }
  return best;
}

/** The system modules a computed value is made from (the module objects inside its expression: operands, receivers, carried alternatives). */
function moduleTaint(x: Sym, ev?: Evaluation, out: Set<string> = new Set(), seen: { n: number } = { n: 0 }, depth = 0): Set<string> {
  if (depth > 12 || ++seen.n > 400) return out;
  const q = pathOf(x);
  if (q !== undefined) {
    const m = q.endsWith(".__dict__") ? q.slice(0, -".__dict__".length) : q;
    if (systemModuleMembers(m) || isStdlibModuleName(m)) out.add(m);
    return out;
  }
  const next: Sym[] =
    x.k === "attr" ? [x.obj] : x.k === "op" ? x.operands : x.k === "unknown" ? (x.alts ?? []) : x.k === "seq" ? x.items : x.k === "arg" && x.value ? [x.value] : x.k === "call" ? [x.fn, ...x.args, ...x.kw.map(([, v]) => v)] : [];
  // what a nested function or generator the code calls returns or yields ((lambda: os)(), next(m for m in [os]))
  if (x.k === "call" && ev) {
    const f = x.fn.k === "arg" && x.fn.value ? x.fn.value : x.fn;
    if (f.k === "func") next.push(...(ev.returns.get(f.code) ?? []));
  }
  if (x.k === "func" && ev) next.push(...(ev.returns.get(x.code) ?? []));
  for (const y of next) moduleTaint(y, ev, out, seen, depth + 1);
  return out;
}

function dangerousHome(name: string): TargetJudgementLike | undefined {
  if (homeCache.has(name)) return homeCache.get(name) ?? undefined;
  let best: TargetJudgementLike | undefined;
  for (const mod of MODULE_HOMES) {
    if (systemModuleHas(mod, name) !== true) continue;
    const jt = judgeTarget(`${mod}.${name}`);
    if (jt.verdict !== "deny" || jt.capabilities.every((x) => x === "unverifiable")) continue;
    best = worse(best, { target: jt.target, capabilities: jt.capabilities, note: jt.note });
  }
  homeCache.set(name, best ?? null);
  return best;
}

/** String constants inside a call argument (folded values, sequences, nested calls). */
function collectStrings(x: Sym, out: Set<string>, depth = 0): void {
  if (depth > 8 || out.size > 200) return;
  if (x.k === "const" && x.v.t === "str") out.add(x.v.v);
  else if (x.k === "arg" && x.value) collectStrings(x.value, out, depth + 1);
  else if (x.k === "seq") for (const y of x.items) collectStrings(y, out, depth + 1);
  else if (x.k === "op") for (const y of x.operands) collectStrings(y, out, depth + 1);
  else if (x.k === "call") for (const y of [...x.args, ...x.kw.map(([, v]) => v)]) collectStrings(y, out, depth + 1);
}

function moduleKnown(m: string | undefined): boolean {
  if (!m) return false;
  const mod = m === "__builtin__" ? "builtins" : m;
  return isKnownNamespace(mod) || systemModuleHas(mod, "__name__") !== undefined;
}

function unverifiable(message: string, evidence: string, versions: string[] = []): LambdaVerdict {
  return { kind: "unverifiable", severity: "medium", capabilities: ["unverifiable"], message, evidence, pythonVersions: versions };
}

function bindings(code: CodeObject, p: LambdaPayload): Map<string, Sym> {
  const m = new Map<string, Sym>();
  const defaults = listOf(p.defaults);
  const positional = code.varnames.slice(0, code.argcount);
  defaults.forEach((d, i) => {
    const name = positional[positional.length - defaults.length + i];
    const v = jsonToPy(d);
    if (name && v) m.set(name, { k: "const", v });
    else if (name && d && typeof d === "object" && !Array.isArray(d)) m.set(name, jsonDict(d as Record<string, unknown>));
  });
  if (p.arguments && typeof p.arguments === "object" && !Array.isArray(p.arguments)) {
    for (const [k, val] of Object.entries(p.arguments as Record<string, unknown>)) {
      if (isLambdaObject(val)) {
        m.set(k, { k: "lambdaref", where: `arguments.${k}` });
        continue;
      }
      const v = jsonToPy(val);
      if (v) m.set(k, { k: "const", v });
    }
  }
  return m;
}

function closureCells(code: CodeObject, p: LambdaPayload): Map<string, Sym> {
  const m = new Map<string, Sym>();
  listOf(p.closure).forEach((c, i) => {
    const name = code.freevars[i];
    const v = jsonToPy(c);
    if (name && v) m.set(name, { k: "const", v });
  });
  return m;
}

/** Which versions of a layout family the whole code tree fits. */
function fits(root: CodeObject, layout: CodeLayout): Fit[] {
  const codes = codeTree(root);
  let out: Fit[] = [];
  const dirty: Fit[] = [];
  for (const v of LAYOUT_VERSIONS[layout]) {
    const t = opcodeTable(v);
    const ds = codes.map((c) => disassemble(c, t, true));
    if (!ds.every((d) => d.problems.length === 0)) continue;
    // a reading that needs non-zero inline caches still runs on that version (CPython ignores them),
    // but code CPython wrote never has them: such readings count only when no version reads the code
    // with clean caches (real 3.12 code read as 3.11 is noise that would raise false alarms; a
    // polyglot that fits one version cleanly and another only with dirty caches is a known limit)
    (ds.some((d) => (d.dirtyCaches ?? 0) > 0) ? dirty : out).push({ version: v, codes });
  }
  if (out.length === 0 && dirty.length) return dirty;
  // 3.6 and 3.7 share opcodes; a plain call of an attribute (no LOAD_METHOD) is 3.6 only.
  if (out.length === 2 && out[0]!.version === "3.6" && out[1]!.version === "3.7") {
    try {
      const ev = evaluate(codes, { table: opcodeTable("3.7"), bindings: new Map(), closure: new Map() });
      if (ev.plainAttrCalls > 0) out = [out[0]!];
    } catch (e) {
      if (!(e instanceof LimitError)) throw e; // keep both
    }
  }
  return out;
}

/** CPython minor versions (3.5-3.14) whose opcode table fits a whole marshalled code object. */
export function inferVersions(bytes: Uint8Array): PyVersion[] {
  const out: PyVersion[] = [];
  for (const c of readCodeCandidates(bytes).candidates) {
    if (c.layout === "py2") continue;
    let f = fits(c.code, c.layout).map((x) => x.version);
    if (f.length === 0 && c.layout === "py30" && codeTree(c.code).every((x) => disassemble(x, opcodeTable("3.5"), true).problems.length === 0)) f = ["3.5"];
    out.push(...f);
  }
  return out;
}

/** A constant pattern's text: a str, or a bytes pattern read byte for byte (rb'\\x00*\\x01'). */
function patternText(x: Sym): string | undefined {
  const s = constStr(x);
  if (s !== undefined) return s;
  const d = x.k === "arg" && x.value ? x.value : x;
  return d.k === "const" && d.v.t === "bytes" && d.v.v.length <= 100_000 ? Array.from(d.v.v, (b) => String.fromCharCode(b)).join("") : undefined;
}

const ORDER = ["info", "low", "medium", "high", "critical"] as const;

function verdictFor(fit: Fit, p: LambdaPayload, versions: string[]): LambdaVerdict {
  const root = fit.codes[0]!;
  const ev = evaluate(fit.codes, { table: opcodeTable(fit.version), module: p.module, keras3Globals: p.keras3Globals, ...(p.cellWrapperModules ? { cellWrapperModules: p.cellWrapperModules } : {}), bindings: bindings(root, p), closure: closureCells(root, p), fitVersions: versions });
  const j = judge(ev, p, fit.codes);
  const file = root.filename ? ` [co_filename ${cut(root.filename, 100)}]` : "";
  const where = `${p.field} bytecode`;
  const calls = [...j.computeCalls].sort();
  if (isRisky([...j.caps])) {
    const caps = [...j.caps].filter((c) => c !== "compute");
    if (j.unverifiable.length) caps.push("unverifiable");
    const base = severityOf(caps);
    return {
      kind: "risky",
      severity: j.persistWrites.length ? "critical" : j.secretReads.length && ORDER.indexOf(base) < ORDER.indexOf("high") ? "high" : base,
      capabilities: caps,
      message: `${where} reaches ${j.reasons.slice(0, 4).join(", ")}${j.reasons.length > 4 ? ` and ${j.reasons.length - 4} more` : ""}; it runs at load and on every inference.`,
      evidence: cut(j.evidence.slice(0, 5).join("; "), 600) + file,
      pythonVersions: versions,
      calls,
      filename: root.filename,
      ...(j.hostEffects === 0 && j.graphOps > 0 && !j.unverifiable.length ? { graphOnly: true } : {}),
    };
  }
  if (j.unverifiable.length) {
    const uniq = [...new Set(j.unverifiable)];
    return {
      ...unverifiable(`${where} could not be verified: ${uniq.slice(0, 4).join("; ")}.`, cut([...new Set([...j.evidence, ...j.notes])].slice(0, 5).join("; ") || uniq.join("; "), 600) + file, versions),
      calls,
      filename: root.filename,
    };
  }
  const custom = [...new Set(j.custom)];
  if (custom.length) {
    return {
      kind: "compute",
      severity: "low",
      capabilities: ["custom-code"],
      message: `${where} calls ${custom.slice(0, 6).join(", ")} from the author's module, which is not in the file (the loading program must supply them); otherwise it only does tensor math.`,
      evidence: cut(`calls ${[...custom, ...calls].join(", ")}`, 400) + file,
      pythonVersions: versions,
      calls,
      filename: root.filename,
    };
  }
  return {
    kind: "compute",
    severity: "info",
    capabilities: ["compute"],
    message: `${where} only does tensor math${calls.length ? `: ${cut(calls.slice(0, 12).join(", "), 200)}` : " (arithmetic, slicing)"}.`,
    evidence: cut(calls.length ? `calls ${calls.join(", ")}` : "no calls", 400) + file,
    pythonVersions: versions,
    calls,
    filename: root.filename,
  };
}

function rank(v: LambdaVerdict): number {
  const k = v.kind === "risky" ? 2 : v.kind === "unverifiable" ? 1 : 0;
  return k * 10 + ORDER.indexOf(v.severity);
}

/** Calls that hand a function to autograph (tensorflow/python/autograph/impl/api.py tf_convert, convert_by_default). */
const AUTOGRAPH_CONVERTERS = /^tensorflow\.(?:compat\.v[12]\.)?(?:function|autograph\.(?:to_graph|experimental\.\w+)|__internal__\.autograph\.\w+|map_fn|vectorized_map|data\.Dataset\.\w+|data\.experimental\.\w+)$/;
/** tf.data methods whose function argument is wrapped by StructuredFunctionWrapper (autograph on). */
const DATASET_CONVERTING_METHODS = new Set(["map", "filter", "flat_map", "interleave", "reduce", "scan", "take_while", "group_by_window", "group_by_reducer", "map_with_legacy_function", "filter_with_legacy_function", "unbatch_map", "parallel_interleave"]);

/**
 * Whether a co_filename names a file of a Python installation that autograph would find on any host:
 * an absolute path under a library folder, or a relative one that linecache resolves along sys.path
 * (`os.py`, `json/decoder.py`, `numpy/core/numeric.py`).
 */
function installedSource(f: string): boolean {
  if (/(?:^|[/\\])(?:site-packages|dist-packages|lib[/\\]python\d|Lib)[/\\]|^\/usr\/(?:local\/)?lib\//i.test(f)) return true;
  if (/^(?:[A-Za-z]:)?[/\\]/.test(f)) return false;
  const head = f.split(/[/\\]/)[0]!.replace(/\.py$/, "");
  return head.length > 0 && (isStdlibModule(head) || isKnownPackageModule(head));
}

/** The shortest base64 text of a marshalled code object (about 100 bytes even for `lambda: 0`). */
const MIN_CODE_STRING = 64;

/** Whether a string decodes (as the loaders decode code strings) to bytes that read as a code object. */
function holdsCode(s: string): boolean {
  for (const d of decodeCodeString(s)) {
    try {
      if (readCodeCandidates(d.bytes).candidates.length > 0) return true;
    } catch {
      // not a code object: plain data
    }
  }
  return false;
}

/**
 * Environment variables in three tiers. A name that says it holds a secret (a word of it is KEY, TOKEN,
 * SECRET, PASSWORD, AUTH, JWT, WEBHOOK, URL, URI, DSN ...; Terraform's TF_VAR_/TF_TOKEN_ inputs) is a credential
 * read (high), inside the plain families too (NVIDIA_API_KEY). A name on the reviewed plain list (paths, locale,
 * terminal, device, framework, launcher and cache settings) holds none. Any other name may (unverifiable).
 */
const PLAIN_ENV = /^(?:HOME|PATH|USER|USERNAME|LOGNAME|SHELL|TERM|LANG|LANGUAGE|TZ|PWD|OLDPWD|HOSTNAME|DISPLAY|TMPDIR|TEMP|TMP|EDITOR|PAGER|COLUMNS|LINES|LC_\w+|XDG_\w+_(?:DIR|DIRS|HOME)|CUDA_\w+|NVIDIA_\w+|TF_\w+|KERAS_\w+|OMP_\w+|MKL_\w+|OPENBLAS_\w+|NUMEXPR_\w+|PYTHON\w*|VIRTUAL_ENV|CONDA_\w+|LD_LIBRARY_PATH|JAVA_HOME|HIP_\w+|ROCR_\w+|XLA_\w+|JAX_\w+|CI|DEBUG|VERBOSE|LOG_LEVEL|WORLD_SIZE|LOCAL_WORLD_SIZE|RANK|LOCAL_RANK|NODE_RANK|GROUP_RANK|MASTER_ADDR|MASTER_PORT|SLURM_\w+|NCCL_\w+|OMPI_\w+|PMIX?_\w+|HOROVOD_\w+|TORCH_\w+|TOKENIZERS_PARALLELISM|\w+_HOME|\w+_CACHE(?:_DIR)?|HF_HUB_OFFLINE|HF_DATASETS_OFFLINE|TRANSFORMERS_OFFLINE)$/;
/** The words of a name that say it holds a secret (a word, or the end of one: APIKEY, HFTOKEN). */
const SECRET_ENV_WORD = /^(?:KEYS?|TOKENS?|SECRETS?|PASS|PASSWD|PASSWORD|PASSPHRASE|AUTH|CREDS?|CREDENTIALS?|PRIVATE|SESSION|COOKIE|JWT|CERT|SIGNATURE|SIGNING|PAT|WEBHOOK|DSN|URI|URL|CONN|CONNECTION|\w*(?:KEY|TOKEN|SECRET|PASSWORD))$/;
/** What an environment variable's name says it may hold. */
function envTier(name: string): "secret" | "plain" | "unknown" {
  const n = name.toUpperCase();
  if (/^TF_(?:VAR|TOKEN)_/.test(n) || (n !== "PWD" && n !== "OLDPWD" && /(?:^|_)PWD$/.test(n))) return "secret";
  if (n.split(/_+/).some((w) => SECRET_ENV_WORD.test(w))) return "secret";
  return PLAIN_ENV.test(n) ? "plain" : "unknown";
}
const ENV_ACCESSOR = /^(?:os|posix|nt)\.(?:environb?\.(?:get|pop|setdefault|__getitem__)|getenvb?)$/;
const ENV_MAPPING = /^(?:os|posix|nt)\.environb?$/;

/**
 * Whether the code's environment reads may take a secret: the whole mapping (passed along, iterated,
 * copied), a variable named by a value that is not a constant, or a constant name that says it holds a
 * secret (HF_TOKEN, AWS_SECRET_ACCESS_KEY). Reading CUDA_VISIBLE_DEVICES is not a credential read.
 */
function envSecret(ev: Evaluation): boolean {
  return envLevel(ev) === "secret";
}
/** The most an evaluation's environment reads may take: a secret, a variable nobody reviewed, or only plain settings. */
function envLevel(ev: Evaluation): "secret" | "plain" | "unknown" {
  let v = ENV_SECRET.get(ev);
  if (v === undefined) ENV_SECRET.set(ev, (v = envSecretOf(ev)));
  return v;
}
/** envLevel per evaluation: asked for every environment reader and reference of the code, computed once. */
const ENV_SECRET = new WeakMap<Evaluation, "secret" | "plain" | "unknown">();

function envSecretOf(ev: Evaluation): "secret" | "plain" | "unknown" {
  let accessors = 0;
  let level: "secret" | "plain" | "unknown" = "plain";
  const weigh = (name: string): void => {
    const t = envTier(name);
    if (t === "unknown") level = "unknown";
  };
  for (const site of ev.calls) {
    const p = pathOf(site.call.fn);
    if (p !== undefined && ENV_ACCESSOR.test(p)) {
      accessors++;
      // (a key that may take several values: each of them, any variable when one is not a known constant)
      const ks = site.call.args[0] ? possibleStrings(site.call.args[0]) : undefined;
      if (ks === undefined || ks.length === 0 || ks.some((k) => envTier(k) === "secret")) return "secret";
      for (const k of ks) weigh(k);
      continue;
    }
    if (p !== undefined && /^(?:os|posix|nt)\.environb?\./.test(p)) return "secret"; // items(), copy(), keys() ...
    if ([...site.call.args, ...site.call.kw.map(([, v]) => v)].some((a) => ENV_MAPPING.test(pathOf(a) ?? ""))) return "secret";
  }
  for (const r of ev.refs) {
    if (/^(?:os|posix|nt)\.environb?\[\*\]$/.test(r)) return "secret"; // a key that may be any value
    const m = /^(?:os|posix|nt)\.environb?\[(".*")\]$/.exec(r);
    if (!m) continue;
    accessors++;
    const name = JSON.parse(m[1]!) as string;
    if (envTier(name) === "secret") return "secret";
    weigh(name);
  }
  // a reference the accessors above do not account for (a key computed at run time, iteration, formatting):
  // the whole mapping may be read
  const uses = ev.refs.filter((r) => ENV_MAPPING.test(r)).length;
  return accessors === 0 || uses > accessors ? "secret" : level;
}

/** Methods of a logging.Logger that report through the configured handlers (no file or socket of their own). */
const LOGGER_METHODS = "debug info warning warn error critical exception log setLevel isEnabledFor getEffectiveLevel getChild hasHandlers".split(" ");

/** What reviewed standard-library calls return, as a type whose methods are reviewed below. */
const RESULT_TYPES: ReadonlyArray<[RegExp, string]> = [
  [/^logging\.getLogger$/, "logging.Logger"],
  [/^hashlib\.(?:md5|sha1|sha224|sha256|sha384|sha512|blake2b|blake2s|sha3_224|sha3_256|sha3_384|sha3_512|new)$/, "hashlib.hash"],
  [/^re\.compile$/, "re.Pattern"],
  [/^re\.(?:match|search|fullmatch)$/, "re.Match"],
  [/^string\.Template$/, "string.Template"],
  [/^collections\.Counter$/, "collections.Counter"],
  [/^logging\.Formatter$/, "logging.Formatter"],
  [/^datetime\.(?:datetime|date|time|timedelta)(?:\.(?:now|utcnow|today|fromtimestamp|utcfromtimestamp|fromisoformat|fromordinal|combine))?$/, "datetime.value"],
];
/** Each type's methods that compute on the object (the type of what they return, where that is one of these; null otherwise). */
const TYPE_METHODS: Readonly<Record<string, Readonly<Record<string, string | null>>>> = {
  "logging.Logger": Object.fromEntries(LOGGER_METHODS.map((m) => [m, m === "getChild" ? "logging.Logger" : null])),
  "hashlib.hash": { hexdigest: null, digest: null, update: null, copy: "hashlib.hash" },
  "re.Pattern": { match: "re.Match", search: "re.Match", fullmatch: "re.Match", sub: null, subn: null, split: null, findall: null, finditer: null },
  "re.Match": { group: "builtins.str", groups: null, groupdict: null, start: null, end: null, span: null },
  // a string a reviewed call hands back (a match's group): its text methods (not format/format_map, whose fields
  // read the arguments' attributes)
  "builtins.str": Object.fromEntries("upper lower strip lstrip rstrip split rsplit splitlines join replace startswith endswith find rfind index rindex count isdigit isalpha isalnum isspace isupper islower title capitalize casefold encode zfill center ljust rjust partition rpartition swapcase removeprefix removesuffix".split(" ").map((m) => [m, /^(?:upper|lower|strip|lstrip|rstrip|replace|title|capitalize|casefold|zfill|center|ljust|rjust|swapcase|removeprefix|removesuffix)$/.test(m) ? "builtins.str" : null])),
  "string.Template": { substitute: null, safe_substitute: null },
  "collections.Counter": { most_common: null, elements: null, update: null, subtract: null, total: null },
  "logging.Formatter": { format: null, formatTime: null, formatException: null, formatStack: null, formatMessage: null, usesTime: null },
  "datetime.value": Object.fromEntries("isoformat strftime timestamp date time replace weekday isoweekday isocalendar total_seconds astimezone utcoffset tzname ctime timetuple toordinal".split(" ").map((m) => [m, m === "replace" || m === "astimezone" || m === "date" || m === "time" ? "datetime.value" : null])),
};

/**
 * What a logging.Formatter's format string may reach when it formats a record: with style "{" (or a style that is
 * not a constant) a field may walk attributes and items of the record's values ({msg.__globals__[os]}): "exec"
 * when a field names a dunder, "unverifiable" when a field walks further or the format is not a constant; "%" and
 * "$" styles only name the record's attributes.
 */
function formatterRisk(obj: Sym): "exec" | "unverifiable" | undefined {
  const d = obj.k === "arg" && obj.value ? obj.value : obj;
  if (d.k !== "call") return undefined;
  const arg = (i: number, name: string) => d.args[i] ?? d.kw.find(([k]) => k === name)?.[1];
  const fmtSym = arg(0, "fmt");
  const styleSym = arg(2, "style");
  const style = styleSym === undefined ? "%" : constStr(styleSym);
  if (style === "%" || style === "$") return undefined;
  if (fmtSym === undefined) return undefined;
  const fmt = constStr(fmtSym);
  if (fmt === undefined) return "unverifiable";
  const fields = fmt.match(/\{[^{}]*\}/g) ?? [];
  if (fields.some((f) => /__\w+__/.test(f))) return "exec";
  return fields.some((f) => /[.[]/.test(f.replace(/[:!].*$/, ""))) ? "unverifiable" : undefined;
}

/** The reviewed type of what a call returns (logging.getLogger(...) is a Logger, re.compile(...).match(...) a Match), if any. */
function resultType(x: Sym, depth = 0): string | undefined {
  const d = x.k === "arg" && x.value ? x.value : x;
  if (depth > 8) return undefined;
  // a merged or carried value: the type every alternative has
  if (d.k === "unknown" && d.alts?.length) {
    const ts = d.alts.map((a) => resultType(a, depth + 1));
    return ts.every((t) => t !== undefined && t === ts[0]) ? ts[0] : undefined;
  }
  if (d.k !== "call") return undefined;
  const p = pathOf(d.fn);
  if (p !== undefined) {
    const t = judgeTarget(p).target;
    return RESULT_TYPES.find(([re]) => re.test(t))?.[1];
  }
  if (d.fn.k !== "attr") return undefined;
  const owner = resultType(d.fn.obj, depth + 1);
  return owner !== undefined ? (TYPE_METHODS[owner]?.[d.fn.name] ?? undefined) : undefined;
}

/** A reader whose read is of credentials: the process environment where it may take a secret, ~/.netrc. */
function credentialReader(jt: { target: string; note: string }, ev: Evaluation): boolean {
  // the stored-credential readers: ~/.netrc's passwords, the shadow database's hashes (spwd)
  return /^(?:netrc|spwd)\./.test(jt.target) || (jt.note === ENV_NOTE && envSecret(ev));
}

/**
 * Modules whose import runs a program (their top level acts, unguarded): antigravity opens a web browser,
 * idlelib.idle starts IDLE, a package's __main__ runs its command line (unittest's runs the tests it finds).
 */
function importEffect(m: string): { caps: Capability[]; note: string } | undefined {
  // observed: the standard-library modules whose import raised an acting audit event (tools/gen-import-effects.py);
  // loading a shared library at import (ctypes and its users load libc, already loaded) does nothing by itself
  const events = (IMPORT_EFFECTS.modules as Record<string, string[] | undefined>)[m]?.filter((e) => e !== "ctypes.dlopen");
  if (events?.length) {
    const caps: Capability[] = events.some((e) => /^(?:subprocess|os\.(?:system|exec|spawn|posix_spawn|fork|startfile)|webbrowser)/.test(e)) ? ["exec"] : [];
    if (events.some((e) => e.startsWith("socket.") || e.startsWith("webbrowser."))) caps.push("network");
    if (events.some((e) => e === "open" || e.startsWith("os.") || e.startsWith("shutil."))) caps.push("file-write");
    return { caps: caps.length ? caps : ["global-state"], note: m === "antigravity" ? "its import starts a web browser on a URL" : `its import acts on the host (${events.join(", ")})` };
  }
  if (m === "idlelib.idle" || m === "idlelib.__main__") return { caps: ["exec"], note: "its import starts the IDLE program" };
  if (m === "__main__" || m.endsWith(".__main__")) return { caps: ["exec"], note: "a __main__ module: its import may run the package's command line" };
  if (m === "test.autotest") return { caps: ["exec"], note: "its import runs CPython's test suite" };
  return undefined;
}

/** A string that reads as a host path (a separator, or a leading ~ or .), not a bare word. */
const PATHLIKE = /[/\\]|^[~.]/;

/** Every string constant of the code objects (nested tuples, bytes as the file system reads them). */
function codeStrings(codes: CodeObject[]): string[] {
  const out: string[] = [];
  const walk = (v: PyValue, depth: number): void => {
    if (depth > 8 || out.length > 2000) return;
    if (v.t === "str") out.push(v.v);
    else if (v.t === "bytes") out.push(decodeUtf8(v.v));
    else if (v.t === "tuple" || v.t === "list" || v.t === "set" || v.t === "frozenset") for (const x of v.items) walk(x, depth + 1);
  };
  for (const c of codes) for (const k of c.consts) walk(k, 0);
  return out;
}

/**
 * Fail closed on where a path goes: when the code reads files (or calls what the catalogue does not know),
 * any credential path among its constants, folded strings or bound values is taken to be read (a path can
 * reach the reader through helpers, containers and tensors the evaluator does not follow); when it writes,
 * any persistence location is taken to be written; a remote URL among them (http, ftp, gs, s3 ...) handed
 * to a reader or writer reaches the network (numpy's text readers download URLs).
 */
function sweepConstants(j: Judged, ev: Evaluation, p: LambdaPayload, codes: CodeObject[], deny: (caps: readonly Capability[], reason: string, evidence: string) => void): void {
  // a callable the scan does not know may read, write or fetch as well as a known one
  const unknown = j.unverifiable.length > 0;
  const reads = j.caps.has("file-read") || unknown;
  const writes = j.caps.has("file-write") || unknown;
  if (!reads && !writes) return;
  const all = [...codeStrings(codes), ...ev.strings, ...jsonStrings(p.defaults), ...jsonStrings(p.closure), ...jsonStrings(p.arguments)];
  const seen = new Set<string>();
  // a string may carry paths among words (a lexer's "source .ssh/id_rsa", a command line): each word too
  const words = all.flatMap((x) => (x.length <= 4096 && /\s/.test(x) ? x.split(/\s+/).filter((w) => w.length > 1) : []));
  for (const raw of [...all, ...words]) {
    const v = raw.length > 4096 ? raw.slice(0, 4096) : raw;
    if (seen.has(v) || !PATHLIKE.test(v)) continue;
    seen.add(v);
    if (reads && isCredentialPath(v) && !j.secretReads.includes(v)) {
      j.secretReads.push(v);
      deny(["file-read"], `a read that may reach ${JSON.stringify(cut(v, 80))} (a file that holds credentials, a constant of the code)`, JSON.stringify(cut(v, 80)));
    }
    if (writes && isPersistencePath(v) && !j.persistWrites.includes(v)) {
      j.persistWrites.push(v);
      deny(["file-write"], `a write that may reach ${JSON.stringify(cut(v, 80))} (a file the host runs later, a constant of the code)`, JSON.stringify(cut(v, 80)));
    }
    if ((reads || writes || j.caps.has("network")) && REMOTE_SCHEME.test(v)) deny(["network"], `a file access that may fetch ${JSON.stringify(cut(v, 80))} (a remote URL)`, JSON.stringify(cut(v, 80)));
  }
}

/**
 * The constant paths a value may be: a str or bytes constant (bytes read as the file system reads them),
 * through a parameter's bound value (a Lambda `arguments` entry, a default) and a carried value's
 * alternatives.
 */
function constPaths(a: Sym, depth = 0): string[] {
  if (depth > 4) return [];
  if (a.k === "const") {
    const v = a.v;
    if (v.t === "str") return [v.v];
    if (v.t === "bytes") return [decodeUtf8(v.v)];
    if (v.t === "tuple" || v.t === "list") return v.items.flatMap((x) => constPaths({ k: "const", v: x }, depth + 1));
    return [];
  }
  if (a.k === "seq") return a.items.flatMap((x) => constPaths(x, depth + 1));
  if (a.k === "arg") return a.value ? constPaths(a.value, depth + 1) : [];
  if (a.k === "unknown") return (a.alts ?? []).flatMap((x) => constPaths(x, depth + 1));
  return templatePaths(a);
}

/** What fills a hole of a path template when the paths it may name are asked about: a pid, self, a user, a home. */
const HOLE_FILLERS = ["1", "self", "root", "/root", "~"];

/**
 * A path assembled at run time from constant parts and holes (an f-string, `%`, `str.format`, `+`,
 * os.path.join): the paths it may be, each hole filled with a pid, `self`, a user name or a home, so that
 * the credential and persistence lists can be asked (`/proc/{os.getpid()}/environ` is /proc/1/environ).
 * Nothing for a value that is not such a template or has no constant part that looks like a path.
 */
function templatePaths(a: Sym): string[] {
  const parts = templateParts(a, 0);
  if (!parts || parts.every((x) => x !== undefined) || !parts.some((x) => x !== undefined && /[/.]/.test(x))) return [];
  const out = HOLE_FILLERS.map((f) => parts.map((x) => x ?? f).join(""));
  if (TEMPLATE_FILLS.size > 10_000) TEMPLATE_FILLS.clear();
  for (const p of out) TEMPLATE_FILLS.add(p);
  return out;
}

/**
 * The paths templatePaths made by filling holes: judged without the rule that everything under a home is a
 * credential (a computed directory filled with ~ is not the home: `{d}/labels.txt` is no credential read, while
 * `{d}/.ssh/id_rsa` and `/proc/{pid}/environ` are).
 */
const TEMPLATE_FILLS = new Set<string>();

/** The constant parts (strings) and holes (undefined) of a string built at run time, or undefined when not a template. */
function templateParts(a: Sym, depth: number): Array<string | undefined> | undefined {
  if (depth > 6) return undefined;
  const d = a.k === "arg" && a.value ? a.value : a;
  const lit = constStr(d);
  if (lit !== undefined) return [lit];
  const part = (x: Sym): Array<string | undefined> => templateParts(x, depth + 1) ?? [undefined];
  if (d.k === "op" && d.op === "f-string") return d.operands.flatMap(part);
  if (d.k === "op" && d.op === "+" && d.operands.length === 2) return [...part(d.operands[0]!), ...part(d.operands[1]!)];
  if (d.k === "op" && d.op === "%" && d.operands[0]) {
    const fmt = constStr(d.operands[0]);
    if (fmt === undefined) return undefined;
    return fmt.split(/%[-+ #0-9.]*[sdirfxXoeEgGc]/).flatMap((x, i) => (i === 0 ? [x.replace(/%%/g, "%")] : [undefined, x.replace(/%%/g, "%")]));
  }
  if (d.k === "call" && d.fn.k === "attr" && d.fn.name === "format") {
    const fmt = constStr(d.fn.obj);
    if (fmt === undefined) return undefined;
    return fmt.split(/\{[^{}]*\}/).flatMap((x, i) => (i === 0 ? [x] : [undefined, x]));
  }
  const p = d.k === "call" ? pathOf(d.fn) : undefined;
  if (p !== undefined && /^(?:os\.path|posixpath|ntpath)\.join$/.test(p) && d.k === "call" && d.args.length) {
    return d.args.flatMap((x, i) => (i === 0 ? part(x) : ["/", ...part(x)]));
  }
  return undefined;
}

/**
 * gzip.GzipFile(fileobj=X) that names no file (filename absent or None, no * or ** spread that may carry one):
 * it reads and writes X only, so it is what X is; X must be data (an io.BytesIO of data), else the call stays a
 * file opener. (GzipFile(filename, mode, compresslevel, fileobj, mtime): CPython 3.6-3.13.)
 */
function gzipOverData(target: string, c: Extract<Sym, { k: "call" }>): boolean {
  if (target !== "gzip.GzipFile" || c.star || c.kw.some(([k]) => k === "**")) return false;
  const arg = (name: string, pos: number): Sym | undefined => c.kw.find(([k]) => k === name)?.[1] ?? c.args[pos];
  const none = (x: Sym | undefined) => x === undefined || (x.k === "const" && x.v.t === "none");
  const fileobj = arg("fileobj", 3);
  return none(arg("filename", 0)) && fileobj !== undefined && !none(fileobj) && isData(fileobj, 0);
}

/** Openers the name data does not walk (io, codecs): the mode is the second argument, default "r" (as builtins.open's signature in the data). */
const OPENERS: Record<string, [number, string]> = { "io.open": [1, "'r'"], "codecs.open": [1, "'r'"], "_io.open": [1, "'r'"] };

/**
 * What a file-touching call does, from the parameters that decide it (their positions and defaults
 * come from the real signatures, src/catalog/python-names.data.json `params`): an opener whose mode
 * is not a constant read-only mode writes (fail closed: an unknown mode may write); a numpy reader
 * unpickles unless `allow_pickle` is the constant False (numpy before 1.16.3 defaulted to True).
 */
function choiceCapabilities(target: string, caps: Capability[], c: Extract<Sym, { k: "call" }>): { caps: Capability[]; why?: string } {
  const params = choiceParams(target);
  const mode = params?.mode ?? OPENERS[target];
  const argOf = (name: string, pos: number): Sym | undefined | null => {
    const kw = c.kw.find(([k]) => k === name)?.[1];
    if (kw) return kw;
    if (pos >= 0 && pos < c.args.length) return c.args[pos];
    // a ** mapping or a * spread may carry it: unknown
    if (c.star || c.kw.some(([k]) => k === "**")) return null;
    return undefined;
  };
  let out = caps;
  const why: string[] = [];
  if (mode && caps.includes("file-read") && !caps.includes("file-write")) {
    const v = argOf("mode", mode[0]);
    // the mode when it is known: the constant given, else the signature's default; an unknown one may write
    const m = v === undefined ? mode[1]?.replace(/^'|'$/g, "") : v !== null && v.k === "const" && v.v.t === "str" ? v.v.v : undefined;
    if (m === undefined || /[wax+]/.test(m)) {
      out = [...out.filter((x) => x !== "file-read"), "file-write"];
      why.push(m !== undefined ? `mode ${JSON.stringify(m)}${v === undefined ? " (its default)" : ""} writes` : "a mode that is not a constant may write");
    }
  }
  const ap = params?.allow_pickle;
  if (ap && ap[1] !== "True" && (out.includes("nested-load") || out.includes("file-read"))) {
    const v = argOf("allow_pickle", ap[0]);
    const off = v !== undefined && v !== null && v.k === "const" && ((v.v.t === "bool" && !v.v.v) || (v.v.t === "int" && v.v.v === 0n));
    out = off ? [...out.filter((x) => x !== "nested-load"), ...(out.includes("file-read") ? [] : ["file-read" as Capability])] : out.includes("nested-load") ? out : [...out, "nested-load"];
    why.push(off ? "allow_pickle=False: no unpickling" : "unpickles unless allow_pickle is the constant False");
  }
  return { caps: out, ...(why.length ? { why: why.join("; ") } : {}) };
}

let nestedDepth = 0;
function analyzeNested(p: LambdaPayload): LambdaVerdict {
  nestedDepth++;
  try {
    return analyzeLambda(p);
  } finally {
    nestedDepth--;
  }
}

/** Analyses the code of one Lambda payload. Never throws for malformed bytecode: that is a verdict. */
export function analyzeLambda(p: LambdaPayload): LambdaVerdict {
  // The same Lambda recurs (copies of a model, shared layers, a folder of fine-tunes): the verdict
  // depends only on the payload (plain data from the config), so identical payloads are judged once.
  let key: string | undefined;
  try {
    key = typeof p.code === "string" && p.code.length <= MAX_CACHED_CODE ? JSON.stringify([p.form, p.code, p.defaults, p.closure, p.module, p.field, p.arguments, p.keras3Globals === true, p.unreadShape, p.cellWrapperModules]) : undefined;
  } catch {
    key = undefined; // not serialisable (a cycle or a BigInt): judged without the cache
  }
  if (key !== undefined && key.length <= 2 * MAX_CACHED_CODE) {
    const hit = VERDICTS.get(key);
    if (hit) return hit;
    const v = analyzeLambdaUncached(p);
    if (VERDICTS.size >= MAX_VERDICTS) VERDICTS.clear();
    VERDICTS.set(key, Object.freeze(v));
    return v;
  }
  return analyzeLambdaUncached(p);
}

const VERDICTS = new Map<string, LambdaVerdict>();
const MAX_VERDICTS = 512;
const MAX_CACHED_CODE = 256 * 1024;

function analyzeLambdaUncached(p: LambdaPayload): LambdaVerdict {
  // The loader rebuilds code from this field: a shape the walker does not read is never passed as harmless.
  if (p.unreadShape) return { ...unverifiable(`Lambda ${p.field} stores its code in a shape graphwarden does not read (${p.unreadShape}); Keras' func_load rebuilds a function from it.`, cut(p.unreadShape, 200)), severity: "high" };
  if (typeof p.code !== "string" || p.code.length === 0) return unverifiable(`Lambda ${p.field} has no code string.`, `${p.form}`);
  const decoded = decodeCodeString(p.code);
  if (decoded.length === 0) {
    return unverifiable(`Lambda ${p.field} carries ${p.code.length} characters that decode to no marshalled code object (neither base64 nor a raw marshal string).`, cut(p.code, 80));
  }
  const errors: string[] = [];
  let sawPy2 = false;
  let sawOld = false;
  for (const d of decoded) {
    let cands;
    try {
      cands = readCodeCandidates(d.bytes);
    } catch (e) {
      if (e instanceof LimitError) return unverifiable(`Lambda ${p.field} bytecode exceeds a reader limit: ${e.message}.`, `${d.encoding}, ${d.bytes.length} bytes`);
      if (e instanceof FormatError) {
        errors.push(`${d.encoding}: ${e.message}`);
        continue;
      }
      throw e;
    }
    errors.push(...cands.errors.map((x) => `${d.encoding} ${x}`));
    const verdicts: LambdaVerdict[] = [];
    for (const c of cands.candidates) {
      if (c.layout === "py2") {
        sawPy2 = true;
        continue;
      }
      let fitList: Fit[];
      try {
        fitList = fits(c.code, c.layout);
      } catch (e) {
        if (e instanceof LimitError) return unverifiable(`Lambda ${p.field} bytecode exceeds a reader limit: ${e.message}.`, `${d.encoding}`);
        throw e;
      }
      if (fitList.length === 0 && c.layout === "py30") {
        const t35 = opcodeTable("3.5");
        const codes = codeTree(c.code);
        if (codes.every((x) => disassemble(x, t35, true).problems.length === 0)) fitList = [{ version: "3.5", codes }];
      }
      if (fitList.length === 0) {
        if (c.layout === "py30") sawOld = true;
        errors.push(`${c.layout}: bytecode fits no opcode table of ${LAYOUT_VERSIONS[c.layout].join(", ")}`);
        continue;
      }
      const versions = fitList.map((f) => f.version);
      for (const f of fitList) {
        try {
          verdicts.push(verdictFor(f, p, versions));
        } catch (e) {
          if (e instanceof LimitError) verdicts.push(unverifiable(`Lambda ${p.field} bytecode exceeds an evaluator limit: ${e.message}.`, `${d.encoding}`, versions));
          else throw e;
        }
      }
    }
    if (verdicts.length) {
      const allVersions = [...new Set(verdicts.flatMap((v) => v.pythonVersions))];
      const worst = verdicts.reduce((a, b) => (rank(b) > rank(a) ? b : a));
      return { ...worst, pythonVersions: allVersions };
    }
  }
  if (sawPy2) return unverifiable(`Lambda ${p.field} holds a Python 2 code object; graphwarden reads CPython 3.6 to 3.14 bytecode only.`, "Python 2 marshal layout");
  if (sawOld) return unverifiable(`Lambda ${p.field} holds a CPython 3.0-3.5 code object whose bytecode fits neither the 3.5 nor the 3.6/3.7 opcode table; it is not verified.`, "CPython 3.0-3.5 layout");
  const windows = p.code.includes("/") && !p.code.includes("\\");
  return unverifiable(
    `Lambda ${p.field} bytecode could not be decoded${windows ? " (possibly written on Windows by Keras 2.0, which replaced every backslash byte with '/')" : ""}.`,
    cut(errors.slice(0, 3).join("; "), 300),
  );
}

