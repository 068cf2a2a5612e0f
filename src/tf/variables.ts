// Graph variables as TensorFlow's resource manager identifies them, and what can be known of their value.
// A VarHandleOp / VariableV2 names its variable by (container, shared_name), the node name only when
// shared_name is empty (ContainerInfo::Init with use_node_name_as_default): two nodes with one shared_name
// are one variable. The name depends on the loader: a TF1 session runs the attrs as written, while
// tf.saved_model.load rewrites every function-library op that has a shared_name attr to (shared_name, or
// the node name when empty) + "_load_<uid>", one uid per load (function_deserialization.fix_node_def).
// A handle node has a key under each loader that can run it, and its writers are the union over them.
// A handle is also a value: a DT_RESOURCE constant whose ResourceHandleProto names (container, name) is a
// handle of that variable (the kernels look the resource up by them), so its consumers count as the
// variable's. Its value is "what the recorded assigns write" only when every op that takes a handle or
// ref of it is a known read or a recorded assign, and every DT_RESOURCE value in the graph comes from a
// handle op, a decodable constant or an op passing a handle on; any other consumer (a scatter, an unknown
// op, a function that writes or returns the handle, an argument layout not modelled) makes the value
// unknown, and any other producer of a handle (ParseTensor, an undecodable constant, a dequeue, a read of
// a variable holding handles...) makes every variable's value unknown.
import type { TfAttrValue, TfFunctionDef, TfNodeDef } from "./types.js";
import { decodeUtf8 } from "../core/bytes.js";
import { DT_RESOURCE, constantHandles } from "./resource-handle.js";

export interface VarScope {
  readonly nodes: TfNodeDef[];
  readonly path: string;
  readonly fn?: TfFunctionDef | undefined;
}

export interface VarGraph {
  readonly root: VarScope;
  readonly scopes: Map<string, VarScope>;
  /** Library functions the node calls. */
  callees(node: TfNodeDef): readonly string[];
  /** Which data input of a call site feeds the function's arg `index` (undefined: not modelled). */
  argSource(node: TfNodeDef, fn: TfFunctionDef, index: number): string | undefined;
  /** Is the op one TensorFlow registers (or a library function)? */
  known(op: string): boolean;
  /**
   * tf.saved_model.load renames the root graph too: a meta graph without an object graph (a TF1
   * SavedModel) goes through load_v1_in_v2, which rewrites every root node as the library's
   * (fix_node_def, one suffix for both) and runs that renamed graph.
   */
  rootRenamed?: boolean;
  /**
   * Where the loader hands a handle a function returns: the captured inputs bound to the TrackableResource whose
   * `_create_resource` the function is (tf.saved_model.load calls it and binds its result to the resource), when no
   * graph op calls it. Undefined for any other function (its returned handle is not followed).
   */
  handleReceivers?(fn: TfFunctionDef): Array<{ scope: VarScope; arg: string }> | undefined;
}

/** A value written to a variable: the input of the writing op, in its scope. */
export interface VarWriter {
  scope: VarScope;
  input: string;
}

export type VarValue = { writers: VarWriter[] } | { unknown: string };

/** Most writers of one variable whose values are followed; past it the value is unknown. */
export const MAX_VAR_WRITERS = 64;
/** Deepest function nesting a handle is followed into. */
const MAX_CALL_DEPTH = 8;

/** ResourceHandle::ANONYMOUS_NAME: a handle private to one kernel run (never shared). */
const ANONYMOUS_NAME = "cd2c89b7-88b7-44c8-ad83-06c2a9158347";

/** The TF2 loader's per-load suffix on a name as written (`_load_<uid>`): the base name it was appended to. */
const LOAD_SUFFIX = /^([\s\S]*)_load_\d+$/;
/** Key prefix of the names tf.saved_model.load gives function-library resources (before its suffix). */
const TF2_LOAD = "load:";

type Kind = "resource" | "ref";
/** The container a resource lives in: an empty one is the resource manager's default. */
function containerOf(c: string): string {
  return c === "" ? "localhost" : c;
}

/** Ops creating a variable's handle/ref by (container, shared_name); _XlaAotOnlyVarHandleOp is VarHandleOp's XLA AOT twin. */
const VAR_OPS: Readonly<Record<string, Kind>> = { VarHandleOp: "resource", _XlaAotOnlyVarHandleOp: "resource", VariableV2: "ref", Variable: "ref" };

/** Ops that read a resource variable through its handle and never write it. */
const RESOURCE_READS = new Set(["ReadVariableOp", "_ReadVariablesOp", "ResourceGather", "ResourceGatherNd", "VarIsInitializedOp", "VariableShape", "DestroyResourceOp", "ReadVariableXlaSplitND"]);
/** Ops that pass a resource handle on unchanged (their consumers take the handle too). */
const RESOURCE_FLOWS = new Set(["Identity", "IdentityN", "Enter", "Exit", "Switch", "Merge", "NextIteration", "RefIdentity"]);
/** Ops that pass a ref on unchanged. */
const REF_FLOWS = new Set(["RefIdentity", "RefEnter", "RefExit", "RefSwitch", "RefMerge", "RefNextIteration", "RefSelect"]);
/** Ref-taking ops that write the variable (Assign is recorded; the others make the value unknown). */
const REF_WRITES = /Assign|Scatter|Apply|CountUpTo/;

function attrStr(node: TfNodeDef, name: string): string {
  const s = node.attr.get(name)?.s;
  return s ? decodeUtf8(s) : "";
}

/**
 * The keys of the resource variable a handle value (a ResourceHandleProto) names: as a TF1 session looks
 * it up, and, when the name carries a load suffix, the function-library variable of its base name under
 * tf.saved_model.load. The handle's type is not checked (a wrong one fails the lookup: over-approximated).
 */
function handleKeys(container: string, name: string): string[] {
  const c = containerOf(container);
  const keys = [`resource|${c}|${name}`];
  const m = LOAD_SUFFIX.exec(name);
  if (m) keys.push(`${TF2_LOAD}resource|${c}|${m[1]!}`);
  return keys;
}

function dataInputs(node: TfNodeDef): string[] {
  return node.input.filter((i) => !i.startsWith("^"));
}

function nodePart(input: string): string {
  const i = input.indexOf(":");
  return i < 0 ? input : input.slice(0, i);
}

/** Ops whose DT_RESOURCE outputs are their DT_RESOURCE inputs passed on (their consumers are judged through the inputs' handles). */
const RESOURCE_DERIVED = new Set([
  ...RESOURCE_FLOWS,
  "Snapshot", "StopGradient", "PreventGradient", "Pack", "Unpack", "Concat", "ConcatV2", "Gather", "GatherV2", "GatherNd",
  "Reshape", "Squeeze", "ExpandDims", "Select", "SelectV2", "Slice", "StridedSlice", "Tile", "Transpose",
]);
/** Type attrs that type only an op's inputs (call arguments, a dataset function's captured arguments). */
const INPUT_TYPE_ATTRS = new Set(["Tin", "Targuments"]);

/** Names TensorFlow's OpDefs give the type attrs of op outputs (a placeholder there may be bound to resource by a caller). */
const TYPE_ATTR = /^(?:T|dtype|dtypes|out_type|Tout|Toutputs|output_types|component_types|element_dtype|elem_type|tensor_type|DstT)$/;

function typesResource(a: TfAttrValue | undefined): boolean {
  return a?.type === DT_RESOURCE || (a?.list?.type.includes(DT_RESOURCE) ?? false);
}

/** The attr types (or, as a function-attr placeholder, may type) an output as DT_RESOURCE. */
function mayTypeResource(name: string, a: TfAttrValue): boolean {
  return typesResource(a) || (a.placeholder !== undefined && TYPE_ATTR.test(name));
}

export class TfVariables {
  /** Variable key -> the nodes that create a handle or ref of it, or hold a constant handle of it. */
  private readonly byKey = new Map<string, Array<{ scope: VarScope; node: TfNodeDef }>>();
  /** Keys some op creates in a form not followed (_VarHandlesOp): their value is unknown. */
  private readonly unfollowed = new Map<string, string>();
  /** The first DT_RESOURCE producer whose handle is not resolved: every variable's value is unknown. */
  private readonly unresolved: string | undefined;
  private readonly values = new Map<string, VarValue>();
  /** DT_RESOURCE constants -> the keys of the variables their handles name (undefined: not decodable). */
  private readonly constKeys = new Map<TfNodeDef, string[] | undefined>();
  private readonly consumerIndex = new WeakMap<VarScope, Map<string, Array<{ node: TfNodeDef; input: string }>>>();

  constructor(private readonly g: VarGraph) {
    let unresolved: string | undefined;
    const add = (key: string, scope: VarScope, node: TfNodeDef) => {
      const l = this.byKey.get(key) ?? [];
      l.push({ scope, node });
      this.byKey.set(key, l);
    };
    for (const scope of [g.root, ...g.scopes.values()]) {
      for (const node of scope.nodes) {
        const keys = this.keys(scope, node);
        if (keys !== undefined) {
          for (const key of keys) add(key, scope, node);
          continue;
        }
        if (node.op === "_VarHandlesOp") {
          // Its shared_names are not rewritten by tf.saved_model.load (no shared_name attr): a name
          // carrying a load suffix is also the function-library variable of that base name.
          const containers = node.attr.get("containers")?.list?.s ?? [];
          const names = node.attr.get("shared_names")?.list?.s ?? [];
          names.forEach((n, i) => {
            const c = containers[i] ? decodeUtf8(containers[i]) : "";
            for (const key of handleKeys(c, decodeUtf8(n))) this.unfollowed.set(key, `${node.name} (_VarHandlesOp)`);
          });
          continue;
        }
        const why = unresolved === undefined ? this.resourceSource(scope, node, add) : undefined;
        if (why !== undefined) unresolved = `${scope.fn ? `${scope.fn.name}/` : ""}${node.name} (${why})`;
      }
    }
    this.unresolved = unresolved;
  }

  /**
   * A node producing DT_RESOURCE values that is not a handle op: a constant's decoded handles are added
   * under their keys; returns why a producer's handles cannot be resolved, undefined when they can (or
   * the node produces none).
   */
  private resourceSource(scope: VarScope, node: TfNodeDef, add: (key: string, scope: VarScope, node: TfNodeDef) => void): string | undefined {
    if (node.op === "Const" || node.op === "HostConst") {
      const v = node.attr.get("value");
      const dtype = node.attr.get("dtype");
      // A value bound by callers (an attr placeholder) is of the dtype attr's type, which may itself be bound.
      if (v?.placeholder !== undefined && dtype !== undefined && mayTypeResource("dtype", dtype)) {
        this.constKeys.set(node, undefined);
        return `a ${node.op} whose value and dtype callers bind`;
      }
      if (dtype?.type !== DT_RESOURCE && v?.tensor?.dtype !== DT_RESOURCE) return undefined;
      const hs = v?.tensor ? constantHandles(v.tensor) : undefined;
      if (!hs) {
        this.constKeys.set(node, undefined);
        return `a ${node.op} of dtype resource whose handle does not decode`;
      }
      const keys = new Set<string>();
      for (const h of hs) for (const k of handleKeys(h.container, h.name)) keys.add(k);
      for (const k of keys) add(k, scope, node);
      this.constKeys.set(node, [...keys]);
      return undefined;
    }
    if (RESOURCE_DERIVED.has(node.op)) return undefined;
    let typed: string | undefined;
    for (const [k, a] of node.attr) if (!INPUT_TYPE_ATTRS.has(k) && mayTypeResource(k, a)) typed = k;
    if (typed === undefined) return undefined;
    // A call's resource outputs are its callees' returns, judged inside their bodies.
    if (this.g.callees(node).length) return undefined;
    return `${node.op} with a resource-typed ${typed}`;
  }

  /**
   * The resource manager's keys of the variable a node creates a handle/ref of, one per loader that names it
   * differently; undefined for other ops.
   */
  keys(scope: VarScope, node: TfNodeDef): string[] | undefined {
    const kind = VAR_OPS[node.op];
    if (!kind) return undefined;
    const shared = attrStr(node, "shared_name");
    const container = containerOf(attrStr(node, "container"));
    // TF1 session: the attrs as written. The resource manager fills an empty container with its default
    // one ("localhost"); a ref variable (VariableV2) with no shared_name is named after its node, while a
    // VarHandleOp keeps the empty name, so every such handle is one variable (both observed with
    // TensorFlow 2.20). The anonymous name is a handle private to one kernel run.
    const tf1 = shared === ANONYMOUS_NAME ? `${kind}|anonymous|${scope.path}|${node.name}` : `${kind}|${container}|${kind === "ref" ? shared || node.name : shared}`;
    // The root graph of a TF2 SavedModel is run by the TF1 session only; that of a TF1 SavedModel by
    // tf.saved_model.load as well (load_v1_in_v2), renamed as the library is.
    if (!scope.fn && !this.g.rootRenamed) return [tf1];
    // tf.saved_model.load: (shared_name, else the OpDef default (empty for both ops), else the node name) +
    // the load's suffix, the anonymous name included (it then names one shared variable); one suffix
    // across the library and, for a TF1 SavedModel, the root graph: keyed by the base.
    return [tf1, `${TF2_LOAD}${kind}|${container}|${shared || node.name}`];
  }

  /**
   * What is known of the value of the variable `node` creates a handle/ref of (or, for a DT_RESOURCE
   * constant, of the variables its handles name); undefined when it is neither.
   */
  value(scope: VarScope, node: TfNodeDef): VarValue | undefined {
    const keys = this.keys(scope, node) ?? this.constKeys.get(node);
    if (keys === undefined) return this.constKeys.has(node) ? { unknown: `${node.name} (a constant handle that does not decode)` } : undefined;
    const writers: VarWriter[] = [];
    const seen = new Set<string>();
    for (const key of keys) {
      let v = this.values.get(key);
      if (!v) {
        v = this.compute(key);
        this.values.set(key, v);
      }
      if ("unknown" in v) return v;
      for (const w of v.writers) {
        const id = `${w.scope.path}|${w.input}`;
        if (seen.has(id)) continue;
        seen.add(id);
        writers.push(w);
      }
    }
    if (writers.length > MAX_VAR_WRITERS) return { unknown: `assigned more than ${MAX_VAR_WRITERS} times` };
    return { writers };
  }

  /**
   * The writers of a variable through a function's handle argument (a TF2 concrete function's captured
   * variable): every op taking the argument, followed into called functions, classified as for a node.
   */
  argValue(scope: VarScope, arg: string): VarValue {
    if (this.unresolved) return { unknown: `a resource handle of unknown origin: ${this.unresolved}` };
    const st = { writers: [] as VarWriter[], unknown: undefined as string | undefined, seen: new Set<string>() };
    this.flow(scope, arg, "resource", st, 0);
    if (st.unknown) return { unknown: st.unknown };
    if (st.writers.length > MAX_VAR_WRITERS) return { unknown: `assigned more than ${MAX_VAR_WRITERS} times` };
    return { writers: st.writers };
  }

  private compute(key: string): VarValue {
    if (this.unresolved) return { unknown: `a resource handle of unknown origin: ${this.unresolved}` };
    const unf = this.unfollowed.get(key);
    if (unf) return { unknown: `variable also created by ${unf}` };
    const st = { writers: [] as VarWriter[], unknown: undefined as string | undefined, seen: new Set<string>() };
    for (const { scope, node } of this.byKey.get(key) ?? []) {
      this.flow(scope, node.name, VAR_OPS[node.op] ?? "resource", st, 0);
      if (st.unknown) return { unknown: st.unknown };
    }
    if (st.writers.length > MAX_VAR_WRITERS) return { unknown: `assigned more than ${MAX_VAR_WRITERS} times` };
    return { writers: st.writers };
  }

  private consumers(scope: VarScope): Map<string, Array<{ node: TfNodeDef; input: string }>> {
    let m = this.consumerIndex.get(scope);
    if (!m) {
      m = new Map();
      for (const node of scope.nodes) {
        for (const input of dataInputs(node)) {
          const p = nodePart(input);
          const l = m.get(p);
          if (l) l.push({ node, input });
          else m.set(p, [{ node, input }]);
        }
      }
      this.consumerIndex.set(scope, m);
    }
    return m;
  }

  /**
   * Whether a function returns the handle argument `name` only as a While body's loop state: it is returned
   * unchanged at its own position, every caller is a While whose body the function is, and no op consumes the
   * While's output at that position (the handle goes no further than the loop).
   */
  private loopPassThrough(scope: VarScope, name: string): boolean {
    const fn = scope.fn!;
    const k = fn.inputArgs.indexOf(name);
    if (k < 0) return false;
    const outs = fn.outputArgs.filter((o) => nodePart(fn.ret.get(o) ?? "") === name);
    if (outs.length !== 1 || fn.outputArgs.indexOf(outs[0]!) !== k) return false;
    let sites = 0;
    for (const sc of [this.g.root, ...this.g.scopes.values()]) {
      for (const n of sc.nodes) {
        if (!this.g.callees(n).includes(fn.name)) continue;
        if (!/^(?:While|StatelessWhile|_While)$/.test(n.op) || n.attr.get("body")?.func?.name !== fn.name) return false;
        sites++;
        for (const { input } of this.consumers(sc).get(n.name) ?? []) {
          const port = /:(\d+)$/.exec(input);
          if (Number(port?.[1] ?? 0) === k) return false;
        }
      }
    }
    return sites > 0;
  }

  /** Classifies every op that takes the handle/ref `name` (a node or a function arg) in `scope`. */
  private flow(scope: VarScope, name: string, kind: Kind, st: { writers: VarWriter[]; unknown: string | undefined; seen: Set<string> }, depth: number): void {
    const id = `${scope.path}|${name}`;
    if (st.seen.has(id) || st.unknown) return;
    st.seen.add(id);
    // A function that returns the handle hands it to its callers' consumers: not followed, unless it is a loop
    // body handing its own handle argument back at the same position (the loop's state) and nothing consumes
    // the loop's output there.
    if (scope.fn && [...scope.fn.ret.values()].some((r) => nodePart(r) === name) && !this.loopPassThrough(scope, name)) {
      // a resource's creator: the loader binds the handle to the resource, and every function capturing it takes it
      const to = this.g.handleReceivers?.(scope.fn);
      if (!to) return void (st.unknown = `handle returned by function ${scope.fn.name}`);
      for (const r of to) this.flow(r.scope, r.arg, kind, st, depth + 1);
    }
    for (const { node, input } of this.consumers(scope).get(name) ?? []) {
      if (st.unknown) return;
      const ins = dataInputs(node);
      const at = ins.indexOf(input);
      const op = node.op;
      if (kind === "resource") {
        if (op === "AssignVariableOp" && at === 0 && ins[1] !== undefined) {
          st.writers.push({ scope, input: ins[1] });
          continue;
        }
        if (RESOURCE_READS.has(op) && at === 0) continue;
        if (RESOURCE_FLOWS.has(op)) {
          this.flow(scope, node.name, kind, st, depth);
          continue;
        }
      } else {
        if (op === "Assign" && at === 0 && ins[1] !== undefined) {
          st.writers.push({ scope, input: ins[1] });
          continue;
        }
        if (REF_FLOWS.has(op)) {
          this.flow(scope, node.name, kind, st, depth);
          continue;
        }
        // Any other registered op dereferences the ref (a read) unless it writes through it.
        if (!REF_WRITES.test(op) && this.g.known(op) && this.g.callees(node).length === 0) continue;
      }
      const callees = this.g.callees(node);
      if (callees.length && depth < MAX_CALL_DEPTH) {
        let mapped = false;
        for (const fname of callees) {
          const fscope = this.g.scopes.get(fname);
          const fn = fscope?.fn;
          if (!fscope || !fn) continue;
          for (let k = 0; k < fn.inputArgs.length; k++) {
            if (this.g.argSource(node, fn, k) !== input) continue;
            mapped = true;
            this.flow(fscope, fn.inputArgs[k]!, kind, st, depth + 1);
          }
        }
        if (mapped) continue;
      }
      st.unknown = `handle taken by ${op} ${node.name}`;
      return;
    }
  }
}
