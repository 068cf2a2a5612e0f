// Graph model: every NodeDef of a GraphDef and of every library function, the call graph, the
// triggers that reach each function (load / inference / training / unknown), constant operands
// traced back, and the standard checkpoint subgraph decided by linkage to the saver.
import { FormatError, LimitError, decodeUtf8, decodeUtf8Strict } from "../core/bytes.js";
import type { ScanContext } from "../core/context.js";
import type { Trigger } from "../core/types.js";
import { PASS_THROUGH_OPS, tfOpEntry } from "../catalog/tf-ops.js";
import { QUIET_CLASSES, tfOpClass } from "../catalog/tf-op-classes.js";
import { HIDDEN_BASE64_TEXT, HIDDEN_NUMBER_TEXT, HIDDEN_VALUE, type TfNodeJudgement, type TfOpSubject, type TracedValue } from "./judge.js";
import { unzlibSync } from "fflate";
import { gunzipChecked } from "../formats/archive/inflate.js";
import { clip as cut } from "../core/text.js";
import { dataInputs, judgeNodeDef } from "./judge-impl.js";
import { cleanPath } from "../core/fs.js";
import { knownOp } from "./registry-hook.js";
import { decodeGraphDef } from "./proto.js";
import { WireReader } from "../formats/protobuf.js";
import type { TfAttrValue, TfFunctionDef, TfGraphDef, TfMetaGraph, TfNodeDef, TfSavedObject, TfSaverDef, TfTensor } from "./types.js";
import { DT_STRING } from "./types.js";
import { decodeStringList } from "./strings.js";
import { re2Replace } from "./re2.js";
import { DATASET_INPUT, DATASET_ROLES, GATHER_COUNT_INPUT, REPEAT_COUNT_INPUT } from "./dataset-ops.js";
import { MAX_VAR_WRITERS, TfVariables, type VarScope, type VarValue, type VarWriter } from "./variables.js";
import { checkpointBindings, checkpointValue } from "./ckpt-bind.js";
import { decodeBundleStrings, isStringEntry, parseBundleIndex, parseV1CheckpointStrings, shardName } from "./checkpoint.js";

export const TF_GRAPH_LIMITS = {
  /** Most NodeDefs across the graph and all functions of one meta graph. */
  maxNodes: 10_000_000,
  maxFunctions: 1_000_000,
  /** Deepest nesting of NameAttrList attrs followed for function references. */
  maxAttrDepth: 32,
};

export interface TfCheckpointSubject {
  /** Ops of the standard checkpoint subgraph kept quiet. */
  ops: string[];
  path: string;
}

export interface TfGraphStats {
  nodes: number;
  functions: number;
  reachedFunctions: number;
  checkpointOps: number;
}

declare module "../rules/types.js" {
  interface Subjects {
    "tf-op": TfOpSubject;
    "tf-checkpoint": TfCheckpointSubject;
  }
}

const TRIGGER_RANK: Record<Trigger, number> = { load: 4, inference: 3, training: 2, unknown: 1, none: 0 };

interface Reach {
  trigger: Trigger;
  via: string[];
}

/**
 * How a trace treats the asset tensors (AssetFileDef): a feed belongs to one Session.run, so an asset Const
 * is the model's own file only where every run that evaluates it feeds it. `anchor`: the root nodes whose
 * runs evaluate the traced value (the judged node, the root call site an argument comes from, the assign
 * that stored a variable's value); `all`: every run feeds (the fed view of a node). `unfed` is set when an
 * asset Const was read as its own value.
 */
export interface FeedView {
  anchor?: string[];
  all?: boolean;
  unfed?: boolean;
}

/** A graph or a function body: where node names resolve (indexes built on first use). */
class Scope {
  private names?: Map<string, TfNodeDef>;
  private args?: Map<string, number>;
  /** The model (set by it): its function scopes (what a call or a branch runs) and what its checkpoint restores. */
  owner?: TfGraphModel;
  constructor(
    readonly nodes: TfNodeDef[],
    readonly path: string,
    readonly fn?: TfFunctionDef,
  ) {}
  get byName(): Map<string, TfNodeDef> {
    if (!this.names) {
      this.names = new Map();
      for (const n of this.nodes) this.names.set(n.name, n);
    }
    return this.names;
  }
  get argIndex(): Map<string, number> {
    if (!this.args) {
      this.args = new Map();
      this.fn?.inputArgs.forEach((a, i) => this.args!.set(a, i));
    }
    return this.args;
  }
}

export interface GraphOptions {
  /** Pointer prefix, e.g. "saved_model.pb#meta_graphs[0]" or "frozen.pb#". */
  pathPrefix: string;
  meta?: TfMetaGraph;
  /** Extra savers (the TF1 "savers" collection). */
  savers?: TfSaverDef[];
  /** TF Serving warm-up requests are present: signatures run at load. */
  warmup?: boolean;
  /** Contents of the model's asset files by AssetFileDef filename (read by the folder handler when a graph needs them). */
  assetFiles?: Map<string, Uint8Array>;
  /** String variables of the checkpoint by key (read by the SavedModel folder handler, bounded). */
  checkpointStrings?: Map<string, Uint8Array[]>;
  /** Small numeric variables of the checkpoint by key (a restored rate or bound). */
  checkpointNumbers?: Map<string, number[]>;
  /** An embedded graph: the reach of the op that runs it (every node inherits it) and the nesting depth. */
  host?: { trigger: Trigger; via: string[]; depth: number };
  /** Filled in: per asset filename, the earliest trigger of a judged op whose path operand comes from that asset. */
  assetReads?: Map<string, Trigger>;
  /**
   * The loading program starts the meta graph's TF1 queue runners (a training program importing a .meta
   * checkpoint calls start_queue_runners); SavedModel loaders and TF Serving never do.
   */
  runnersStart?: boolean;
}

export const TF_EMBEDDED_LIMITS = {
  /** Deepest nesting of graphs inside graphs opened. */
  maxDepth: 4,
  /** Most bytes of serialized graphs opened per op. */
  maxBytes: 64 * 1024 * 1024,
};

/** Ops that run a serialized graph, and the NodeDef input position of the string that holds it. */
const EMBEDDED_GRAPH_INPUT: Readonly<Record<string, number>> = { DatasetFromGraph: 0 };

function nodePart(input: string): string {
  const s = input.startsWith("^") ? input.slice(1) : input;
  const i = s.indexOf(":");
  return i < 0 ? s : s.slice(0, i);
}

/** Output index of a tensor reference ("n" and "n:0" are output 0; "n:out:2" in a function body is 2). */
function outputIndex(input: string): number {
  const s = input.startsWith("^") ? input.slice(1) : input;
  const parts = s.split(":");
  if (parts.length < 2) return 0;
  const last = parts[parts.length - 1]!;
  return /^\d+$/.test(last) ? Number(last) : 0;
}

/** A tensor by node AND output index: what the loader feeds and what an op reads are compared this way. */
function tensorKey(input: string): string {
  return `${nodePart(input)}:${outputIndex(input)}`;
}

function funcRefs(attr: Map<string, TfAttrValue>, out: Set<string>, depth: number): void {
  if (depth > TF_GRAPH_LIMITS.maxAttrDepth) throw new LimitError(`function attrs nested deeper than ${TF_GRAPH_LIMITS.maxAttrDepth} levels`);
  for (const [, v] of attr) {
    if (v.func) {
      if (v.func.name) out.add(v.func.name);
      funcRefs(v.func.attr, out, depth + 1);
    }
    if (v.list) {
      for (const f of v.list.func) {
        if (f.name) out.add(f.name);
        funcRefs(f.attr, out, depth + 1);
      }
    }
  }
}

/** The attr `ph` a call node binds for function `fn`: its own attrs for a direct call, else a func attr (nested too) naming fn. */
function bindingAt(node: TfNodeDef, fn: string, ph: string): TfAttrValue | undefined {
  if (node.op === fn) return node.attr.get(ph);
  const find = (attr: Map<string, TfAttrValue>, depth: number): TfAttrValue | undefined => {
    if (depth > TF_GRAPH_LIMITS.maxAttrDepth) return undefined;
    for (const v of attr.values()) {
      for (const f of v.func ? [v.func] : (v.list?.func ?? [])) {
        if (f.name === fn && f.attr.has(ph)) return f.attr.get(ph);
        const inner = find(f.attr, depth + 1);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  return find(node.attr, 0);
}

const NO_CALLEES: readonly string[] = [];
const calleeCache = new WeakMap<TfNodeDef, readonly string[]>();

function hasFuncAttr(attr: Map<string, TfAttrValue>): boolean {
  for (const v of attr.values()) if (v.func || (v.list && v.list.func.length)) return true;
  return false;
}

/** Library functions a node calls: func attrs (any name, nested too) and an op naming a function. */
function calleesOf(node: TfNodeDef, library: Map<string, TfFunctionDef>): readonly string[] {
  const cached = calleeCache.get(node);
  if (cached) return cached;
  let result = NO_CALLEES;
  if (library.size && (library.has(node.op) || hasFuncAttr(node.attr))) {
    const out = new Set<string>();
    funcRefs(node.attr, out, 0);
    if (library.has(node.op)) out.add(node.op);
    const list = [...out].filter((n) => library.has(n));
    if (list.length) result = list;
  }
  calleeCache.set(node, result);
  return result;
}

function makeScope(nodes: TfNodeDef[], path: string, fn?: TfFunctionDef): Scope {
  return new Scope(nodes, path, fn);
}

/**
 * A scope as the evaluators see it with some nodes taken as arguments (a loop's variables, random draws, a branch's
 * arguments mapped to a loop's): the same scope with its node and argument maps replaced.
 */
function scopeAs(scope: Scope, over: { byName?: Map<string, TfNodeDef>; argIndex?: Map<string, number> }): Scope {
  const synth = Object.create(scope) as Scope;
  if (over.byName) Object.defineProperty(synth, "byName", { value: over.byName });
  if (over.argIndex) Object.defineProperty(synth, "argIndex", { value: over.argIndex });
  return synth;
}

/**
 * Dataset ops calling f(components..., captured...) with inputs (input_dataset, captured..., more):
 * the captured count is the length of their Targuments attr.
 */
const DATASET_MAP_OPS = new Set([
  "MapDataset", "ParallelMapDataset", "ParallelMapDatasetV2", "ExperimentalMapDataset", "MapAndBatchDataset", "ExperimentalMapAndBatchDataset",
  "FlatMapDataset", "InterleaveDataset", "ParallelInterleaveDataset", "ParallelInterleaveDatasetV2", "ParallelInterleaveDatasetV3", "ParallelInterleaveDatasetV4",
  "LegacyParallelInterleaveDatasetV2", "ExperimentalParallelInterleaveDataset", "FilterDataset", "ParallelFilterDataset", "TakeWhileDataset", "ExperimentalTakeWhileDataset",
]);
/** Dataset ops calling f(state..., components..., captured...) with inputs (input_dataset, initial_state..., captured...). */
const DATASET_STATE_OPS = new Set(["ScanDataset", "ExperimentalScanDataset", "ReduceDataset"]);

function attrListLen(node: TfNodeDef, name: string): number | undefined {
  const a = node.attr.get(name);
  if (!a) return undefined;
  return a.list ? a.list.type.length : undefined;
}

/**
 * Which data input of a call site feeds a function's arg `index`: an input name, "element" (a
 * component of the input dataset's elements: traced through input 0), or undefined (not knowable
 * statically: loop counters, scan state, dataset ops whose argument layout is not modelled).
 */
function argSource(node: TfNodeDef, fn: TfFunctionDef, index: number, inputTypes: number | undefined): string | undefined {
  const ins = dataInputs(node);
  const op = node.op;
  const layout = CALL_ARG_LAYOUT.get(op);
  // For(start, limit, delta, input): the body's first argument is the loop counter
  if (op === "For") return index === 0 ? undefined : ins[layout!.start + index - 1];
  const nargs = fn.inputArgs.length;
  if (DATASET_MAP_OPS.has(op) || DATASET_STATE_OPS.has(op)) {
    const k = attrListLen(node, "Targuments");
    const nstate = DATASET_STATE_OPS.has(op) ? attrListLen(node, "Tstate") : 0;
    const fns = new Set<string>();
    funcRefs(node.attr, fns, 0);
    if (k === undefined || nstate === undefined || fns.size !== 1) return undefined;
    const ncomp = nargs - nstate - k;
    // The element's component count is the input dataset's output_types length when it is known.
    if (ncomp < 0 || (inputTypes !== undefined && inputTypes !== ncomp)) return undefined;
    if (index < nstate) return undefined;
    if (index < nstate + ncomp) return ins[0] !== undefined ? ELEMENT : undefined;
    return ins[layout!.start + nstate + (index - nstate - ncomp)];
  }
  // Calls whose callee's arguments are their inputs in order (OpDef: a single input list the callee
  // takes, or a call of a library function by its name); any other op calling a function (dataset ops
  // not listed above, XlaIf, _If, RiscCondition, TPU compile ops...) has a layout that is not
  // modelled: its arguments are opaque, never guessed
  if (layout) return ins[layout.start + index];
  if (op === fn.name) return ins[index];
  return undefined;
}
/**
 * Where a call op's callee arguments start among its inputs, and the OpDef type-list attr of that input
 * list (every input before it is one tensor). Checked against the OpDefs of TensorFlow 2.20
 * (tests/tf/call-ops.test.ts, tools/gen-call-op-vectors.py). Dataset ops: where their captured (map) or
 * initial-state (scan, reduce) list starts; the element's components come first in the callee.
 */
export const CALL_ARG_LAYOUT: ReadonlyMap<string, { start: number; types: string }> = new Map([
  ...["If", "StatelessIf", "Case", "StatelessCase", "RemoteCall"].map((o) => [o, { start: 1, types: "Tin" }] as const),
  ["For", { start: 3, types: "T" }],
  ...["While", "StatelessWhile", "_While"].map((o) => [o, { start: 0, types: "T" }] as const),
  ...["PartitionedCall", "StatefulPartitionedCall", "TPUPartitionedCall", "BatchFunction", "SymbolicGradient"].map((o) => [o, { start: 0, types: "Tin" }] as const),
  ...[...DATASET_MAP_OPS].map((o) => [o, { start: 1, types: "Targuments" }] as const),
  ...[...DATASET_STATE_OPS].map((o) => [o, { start: 1, types: "Tstate" }] as const),
]);
const ELEMENT = "\u0000element";

interface Leaf {
  kind: "const" | "arg" | "node" | "asset";
  name: string;
  values: string[];
  index?: number;
  /** Const string elements as stored (bytes), for embedded graphs. */
  raw?: Uint8Array[];
}

interface Trace extends TracedValue {
  leaves: Leaf[];
  assets: string[];
  /** The value was computed from its leaves (a join, a substring, a regex...), not passed through. */
  transformed?: boolean;
  /** The strings are candidates an element selection (a gather, a slice) picks from: which ones and in what
   * order are not known, so no fold may read them as the tensor's element list. */
  selected?: boolean;
}

/** Dataset ops whose elements come from their first input(s) unchanged in kind (for tracing file names). */
const DATASET_ELEMENT_OPS = new Set([
  "TensorSliceDataset",
  "TensorDataset",
  "ShuffleDataset",
  "ShuffleDatasetV2",
  "ShuffleDatasetV3",
  "RepeatDataset",
  "PrefetchDataset",
  "TakeDataset",
  "SkipDataset",
  "ShardDataset",
  "CacheDataset",
  "CacheDatasetV2",
  "OptionsDataset",
  "ModelDataset",
  "OptimizeDataset",
  "OptimizeDatasetV2",
]);

const MAX_TRACE_STRINGS = 16;
/** How the saver's restore op is reached: the only op the loader feeds the checkpoint filename to. */
const RESTORE_VIA = "checkpoint restore";

/**
 * Ops TensorFlow's savers (tf.compat.v1.train.Saver, TF2 functional saver) build checkpoint paths
 * with: the prefix, StringJoin (empty separator) with a suffix chosen by Select, ShardedFilename,
 * Pack for MergeV2Checkpoints, Identity-like passes. Nothing else counts as the standard subgraph.
 */
const SAVER_PATH_OPS = new Set([...PASS_THROUGH_OPS, "Const", "PlaceholderWithDefault", "IdentityN", "Pack", "Select", "SelectV2", "ShardedFilename", "StringJoin"]);
const MAX_TRACE_STEPS = 512;

/** Whether a start's run feeds the asset tensors: fed (the selected init op), unfed, or weak (a collection no loader runs). */
type StartFeed = "fed" | "unfed" | "weak";

interface TraceBudget {
  steps: number;
  stops?: Set<string> | undefined;
  feed: FeedView;
}

/** Raises a node's reach to `trigger` (a reach of equal rank is kept: first writer wins); true when it changed. */
function raiseReach(map: Map<string, Reach>, key: string, trigger: Trigger, via: string[]): boolean {
  const prev = map.get(key);
  if (prev && TRIGGER_RANK[prev.trigger] >= TRIGGER_RANK[trigger]) return false;
  map.set(key, { trigger, via });
  return true;
}

export class TfGraphModel {
  readonly library = new Map<string, TfFunctionDef>();
  readonly root: Scope;
  readonly scopes = new Map<string, Scope>();
  /** Function -> callee functions. */
  readonly calls = new Map<string, Set<string>>();
  /** Function -> call sites (scope, node). */
  readonly callSites = new Map<string, Array<{ scope: Scope; node: TfNodeDef }>>();
  readonly fnReach = new Map<string, Reach>();
  /** The restore ops of the standard checkpoint subgraph (their prefix is the loader's: the model's variables). */
  ownRestores?: Set<TfNodeDef>;
  /** V1 checkpoints among the model's assets, parsed on first use (undefined: not one). */
  private v1Tables = new Map<string, Map<string, Uint8Array[]> | undefined>();
  readonly rootReach = new Map<string, Reach>();
  /** Highest reach among the starts whose run feeds the asset tensors (the init op the loader selects), per root node / function. */
  readonly rootFed = new Map<string, Reach>();
  readonly fnFed = new Map<string, Reach>();
  /** Highest reach among the starts whose run does not feed them (signatures, warm-up, restore op, training ops, object-graph functions). */
  readonly rootUnfed = new Map<string, Reach>();
  readonly fnUnfed = new Map<string, Reach>();
  /**
   * Highest reach among the init collections no loader runs (table_initializer, init_op, local_init_op, an
   * init collection the loader does not select): conventional groupings of initializers that the loader's
   * init op normally covers. Their runs are the user's own sessions (unfed); they count where no loader
   * start reaches the node.
   */
  readonly rootWeak = new Map<string, Reach>();
  readonly fnWeak = new Map<string, Reach>();
  readonly nodeCount: number;
  /** Root-graph nodes that hold asset paths (AssetFileDef tensor names) -> filename. */
  readonly assetNodes = new Map<string, string>();
  /** Variables keyed as TensorFlow keys them, with the writers of each (src/tf/variables.ts). */
  readonly vars: TfVariables;

  constructor(
    readonly graph: TfGraphDef,
    readonly opts: GraphOptions,
  ) {
    if (graph.functions.length > TF_GRAPH_LIMITS.maxFunctions) throw new LimitError(`${graph.functions.length} library functions exceed the limit of ${TF_GRAPH_LIMITS.maxFunctions}`);
    let count = graph.nodes.length;
    for (const f of graph.functions) {
      count += f.nodes.length;
      this.library.set(f.name, f);
    }
    if (count > TF_GRAPH_LIMITS.maxNodes) throw new LimitError(`${count} graph nodes exceed the limit of ${TF_GRAPH_LIMITS.maxNodes}`);
    this.nodeCount = count;
    this.root = makeScope(graph.nodes, `${opts.pathPrefix}${opts.pathPrefix.endsWith("#") ? "" : "/"}`);
    for (const f of graph.functions) this.scopes.set(f.name, makeScope(f.nodes, `${this.root.path}library/${f.name}/`, f));
    this.root.owner = this;
    for (const sc of this.scopes.values()) sc.owner = this;
    for (const f of graph.functions) {
      const set = new Set<string>();
      const scope = this.scopes.get(f.name)!;
      for (const n of f.nodes) {
        for (const c of calleesOf(n, this.library)) {
          set.add(c);
          this.addSite(c, scope, n);
        }
      }
      this.calls.set(f.name, set);
    }
    for (const n of graph.nodes) for (const c of calleesOf(n, this.library)) this.addSite(c, this.root, n);
    for (const a of opts.meta?.assets ?? []) if (a.tensorName) this.assetNodes.set(tensorKey(a.tensorName), a.filename);
    this.vars = new TfVariables({
      root: this.root,
      scopes: this.scopes,
      callees: (n) => calleesOf(n, this.library),
      argSource: (n, fn, i) => argSource(n, fn, i, undefined),
      known: (op) => this.library.has(op) || knownOp(op) === true,
      rootRenamed: opts.meta !== undefined && opts.meta.objectGraph === undefined && opts.host === undefined,
      handleReceivers: (fn) => this.handleReceivers(fn),
    });
    // A func attr left as a placeholder calls what the signature's default names when no caller binds it.
    for (const f of graph.functions) {
      if (!f.attrDefaults) continue;
      const refs = new Set<string>();
      funcRefs(f.attrDefaults, refs, 0);
      for (const c of refs) if (this.library.has(c)) this.calls.get(f.name)?.add(c);
    }
    for (const g of graph.gradients) {
      if (this.library.has(g.functionName) && this.library.has(g.gradientFunc)) this.calls.get(g.functionName)?.add(g.gradientFunc);
    }
  }

  /**
   * The body's returned value that a loop (While, StatelessWhile, For) feeds back into its cond/body
   * argument `index`: undefined when the op is not a loop or the body returns the argument unchanged
   * (through Identity), "unknown" when the body or its return cannot be found.
   */
  loopCarried(node: TfNodeDef, index: number): { scope: Scope; input: string } | "unknown" | undefined {
    const isFor = node.op === "For";
    if (node.op !== "While" && node.op !== "StatelessWhile" && node.op !== "_While" && !isFor) return undefined;
    if (isFor && index === 0) return undefined; // the counter (argSource already makes it unknown)
    const body = node.attr.get("body")?.func?.name;
    const fn = body !== undefined ? this.library.get(body) : undefined;
    const scope = body !== undefined ? this.scopes.get(body) : undefined;
    if (!fn || !scope) return "unknown";
    const out = isFor ? index - 1 : index;
    const outName = fn.outputArgs[out];
    const ret = outName !== undefined ? fn.ret.get(outName) : undefined;
    if (ret === undefined) return "unknown";
    // Returned unchanged: the argument's other sources already cover it.
    let cur = ret;
    for (let i = 0; i < 32; i++) {
      const n = nodePart(cur);
      if (!cur.includes(":") && scope.argIndex.get(n) === index) return undefined;
      const nd = scope.byName.get(n);
      if (!nd || nd.op !== "Identity") break;
      const next = dataInputs(nd)[0];
      if (next === undefined) break;
      cur = next;
    }
    return { scope, input: ret };
  }

  /**
   * The values an attr of a node takes, with function attr placeholders resolved as TensorFlow
   * instantiates them: each call site's binding (the op's own attrs for a direct call, the NameAttrList
   * of a func attr otherwise), a binding that is itself a placeholder resolved in the caller, and the
   * signature's default where a caller binds nothing. `unknown` when some instantiation has neither.
   */
  resolveAttr(scope: Scope, node: TfNodeDef, name: string): { values: TfAttrValue[]; unknown: boolean } {
    const a = node.attr.get(name);
    if (a?.placeholder === undefined) return { values: a ? [a] : [], unknown: false };
    const out = { values: [] as TfAttrValue[], unknown: false };
    this.resolvePlaceholder(scope.fn, a.placeholder, out, 0);
    return out;
  }

  private resolvePlaceholder(fn: TfFunctionDef | undefined, ph: string, out: { values: TfAttrValue[]; unknown: boolean }, depth: number): void {
    if (!fn || depth > 8 || out.values.length >= MAX_TRACE_STRINGS) {
      out.unknown = true;
      return;
    }
    const sites = this.callSites.get(fn.name) ?? [];
    const dflt = fn.attrDefaults?.get(ph);
    if (sites.length > 8) out.unknown = true;
    // Called by the runtime (a concrete function, a signature): instantiated with the default.
    if (sites.length === 0) {
      if (dflt) out.values.push(dflt);
      else out.unknown = true;
      return;
    }
    for (const site of sites.slice(0, 8)) {
      const bound = bindingAt(site.node, fn.name, ph);
      const v = bound ?? dflt;
      if (!v) out.unknown = true;
      else if (v.placeholder !== undefined) this.resolvePlaceholder(site.scope.fn, v.placeholder, out, depth + 1);
      else out.values.push(v);
    }
  }

  private addSite(fn: string, scope: Scope, node: TfNodeDef): void {
    let l = this.callSites.get(fn);
    if (!l) this.callSites.set(fn, (l = []));
    if (l.length < 1000) l.push({ scope, node });
  }

  nodePath(scope: Scope, node: TfNodeDef): string {
    return `${scope.path}node/${node.name}`;
  }

  /** Backward closure over data and control inputs in the root graph. */
  closure(starts: Iterable<string>): Set<string> {
    const seen = new Set<string>();
    const stack: string[] = [];
    for (const s of starts) {
      const n = nodePart(s);
      if (this.root.byName.has(n) && !seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
    while (stack.length) {
      const node = this.root.byName.get(stack.pop()!)!;
      for (const i of node.input) {
        const n = nodePart(i);
        if (this.root.byName.has(n) && !seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
      }
    }
    return seen;
  }

  /** Root nodes a trigger other than the saver's restore op starts from (the loader feeds the saver's filename to that op only). */
  readonly triggerStarts: string[] = [];

  /**
   * Marks root nodes and the functions they reach with a trigger, never downgrading. `feed`: whether the
   * start's run feeds the asset tensors (only the init op the loader selects; kept per start, see FeedView).
   */
  reachFromRoot(starts: Iterable<string>, trigger: Trigger, via: string, feed: StartFeed = "unfed"): void {
    const list = [...starts];
    if (!via.startsWith(RESTORE_VIA)) this.triggerStarts.push(...list);
    const own = feed === "fed" ? this.rootFed : feed === "weak" ? this.rootWeak : this.rootUnfed;
    for (const name of this.closure(list)) {
      const rt = this.rootTriggers.get(name);
      if (rt) rt.add(trigger);
      else this.rootTriggers.set(name, new Set([trigger]));
      const a = raiseReach(this.rootReach, name, trigger, [via]);
      const b = raiseReach(own, name, trigger, [via]);
      if (!a && !b) continue;
      const node = this.root.byName.get(name)!;
      for (const c of calleesOf(node, this.library)) this.reachFunction(c, trigger, [via], feed);
    }
  }

  /** Every trigger a function is started with by the loader or a root node (not counting calls from other functions). */
  readonly startTriggers = new Map<string, Set<Trigger>>();
  /** Every trigger of the runs that evaluate a root node. */
  readonly rootTriggers = new Map<string, Set<Trigger>>();

  reachFunction(fn: string, trigger: Trigger, via: string[], feed: StartFeed = "unfed"): void {
    const st = this.startTriggers.get(fn);
    if (st) st.add(trigger);
    else this.startTriggers.set(fn, new Set([trigger]));
    const own = feed === "fed" ? this.fnFed : feed === "weak" ? this.fnWeak : this.fnUnfed;
    const queue: Array<[string, string[]]> = [[fn, via]];
    for (let qi = 0; qi < queue.length; qi++) {
      const [f, v] = queue[qi]!;
      const chain = [...v, f].slice(-6);
      const a = raiseReach(this.fnReach, f, trigger, chain);
      const b = raiseReach(own, f, trigger, chain);
      if (!a && !b) continue;
      for (const c of this.calls.get(f) ?? []) queue.push([c, chain]);
    }
  }

  /** The highest reach among the runs of a root node (or function) that do not feed the asset tensors. */
  unfedReach(scope: Scope, name: string): Reach | undefined {
    const [fed, unfed, weak] = scope.fn ? [this.fnFed, this.fnUnfed, this.fnWeak] : [this.rootFed, this.rootUnfed, this.rootWeak];
    const key = scope.fn ? scope.fn.name : name;
    return unfed.get(key) ?? (fed.has(key) ? undefined : weak.get(key));
  }

  fedReach(scope: Scope, name: string): Reach | undefined {
    return (scope.fn ? this.fnFed : this.rootFed).get(scope.fn ? scope.fn.name : name);
  }

  /** Every run that evaluates these root nodes feeds the asset tensors (a fed start reaches each, no unfed one). */
  fedOnly(anchor: readonly string[] | undefined): boolean {
    return anchor !== undefined && anchor.length > 0 && anchor.every((a) => this.rootFed.has(a) && !this.rootUnfed.has(a));
  }

  private assignSites?: Map<string, string[]>;

  /** The root Assign/AssignVariableOp nodes that store this value (its runs are the ones that evaluate it). */
  assignAnchors(value: string): string[] {
    if (!this.assignSites) {
      this.assignSites = new Map();
      for (const n of this.root.nodes) {
        if (n.op !== "AssignVariableOp" && n.op !== "Assign") continue;
        const v = dataInputs(n)[1];
        if (v === undefined) continue;
        const l = this.assignSites.get(v) ?? [];
        l.push(n.name);
        this.assignSites.set(v, l);
      }
    }
    return this.assignSites.get(value) ?? [];
  }

  /** Which functions a set of root nodes reaches (transitively). */
  functionsFrom(rootNodes: Iterable<string>): Set<string> {
    const out = new Set<string>();
    const stack: string[] = [];
    for (const n of rootNodes) {
      const node = this.root.byName.get(n);
      if (node) for (const c of calleesOf(node, this.library)) stack.push(c);
    }
    while (stack.length) {
      const f = stack.pop()!;
      if (out.has(f)) continue;
      out.add(f);
      for (const c of this.calls.get(f) ?? []) stack.push(c);
    }
    return out;
  }

  /**
   * Traces an input back to constant strings; args resolve through call sites when resolveArgs.
   * `feed`: which runs feed the asset tensors (FeedView); without it an asset tensor that is a Const
   * holds its own value.
   */
  trace(scope: Scope, input: string, resolveArgs: boolean, stops?: Set<string>, feed: FeedView = {}): Trace {
    const budget: TraceBudget = { steps: 0, stops, feed };
    return this.traceIn(scope, input, resolveArgs, 0, budget, new Set());
  }

  /** Runs a sub-trace whose value is evaluated by the runs of other root nodes. */
  private anchored(budget: TraceBudget, anchor: string[], f: () => Trace): Trace {
    const prev = budget.feed.anchor;
    budget.feed.anchor = anchor;
    try {
      return f();
    } finally {
      budget.feed.anchor = prev;
    }
  }

  private traceIn(scope: Scope, input: string, resolveArgs: boolean, depth: number, budget: TraceBudget, seen: Set<string>): Trace {
    const none: Trace = opaqueTrace(input);
    if (++budget.steps > MAX_TRACE_STEPS || depth > 48) return none;
    const name = nodePart(input);
    const tkey = tensorKey(input);
    if (!scope.fn && budget.stops?.has(tkey)) return opaqueTrace(tkey);
    // An asset tensor is the model's own file where every run evaluating it feeds it (the init op the
    // loader selects), or when it is a Placeholder (it has no other value); a Const or
    // PlaceholderWithDefault that some run does not feed holds whatever it holds, as TensorFlow runs it.
    if (!scope.fn && this.assetNodes.has(tkey)) {
      const assetOp = scope.byName.get(name)?.op;
      if (budget.feed.all || assetOp === "Placeholder" || assetOp === undefined || this.fedOnly(budget.feed.anchor)) {
        return assetFileTrace(this.assetNodes.get(tkey)!, name);
      }
      budget.feed.unfed = true;
    }
    const key = `${scope.path}|${tkey}`;
    if (seen.has(key)) return none;
    seen.add(key);
    try {
      if (scope.fn && !input.includes(":") && scope.argIndex.has(name)) {
        const index = scope.argIndex.get(name)!;
        const leaf: Leaf = { kind: "arg", name, values: [], index };
        const ckpt = this.capturedVariable(scope.fn, index);
        if (ckpt === "unknown") return { strings: [], opaque: [`${name} (checkpointed variable whose restore key is not known)`], leaves: [leaf], assets: [] };
        if (ckpt) {
          const values = ckpt.slice(0, MAX_TRACE_STRINGS).map((b) => decodeBytes(b.subarray(0, 4096)));
          const t: Trace = { strings: values, opaque: overLimit(`checkpoint:${name}`, ckpt), leaves: [{ kind: "const", name: `checkpoint:${name}`, values, raw: ckpt.slice(0, MAX_TRACE_STRINGS) }], assets: [] };
          // The restored value holds until a function writes the variable through its captured handle.
          const w = this.capturedWriters(scope.fn, index);
          if (w && "unknown" in w) t.opaque.push(`${name} (checkpointed variable whose ${w.unknown})`);
          else if (w) for (const x of w.writers) merge(t, this.traceIn(x.scope as Scope, x.input, resolveArgs, depth + 1, budget, seen));
          return t;
        }
        if (resolveArgs && depth < 24) {
          const sites = this.callSites.get(scope.fn.name) ?? [];
          const merged: Trace = { strings: [], opaque: [], leaves: [], assets: [] };
          // tf.saved_model.load binds a captured input to the object its bound_inputs names, never running
          // the root call sites (the TF1 session's view, traced below): both views are judged.
          const bound = this.capturedObject(scope.fn, index);
          if (bound) merge(merged, bound);
          // Past the cap the argument is unknown, never "the values of the first call sites".
          if (sites.length > 8) merged.opaque.push(`${name} (function called from more than 8 sites)`);
          for (const site of sites.slice(0, 8)) {
            const dsIn = dataInputs(site.node)[0];
            const dsNode = dsIn !== undefined ? site.scope.byName.get(nodePart(dsIn)) : undefined;
            const from = argSource(site.node, scope.fn, index, dsNode ? attrListLen(dsNode, "output_types") : undefined);
            if (from === undefined) {
              merged.opaque.push(`${name} (argument of ${site.node.op} ${site.node.name})`);
              continue;
            }
            const src = from === ELEMENT ? dataInputs(site.node)[0]! : from;
            // A value passed in from the root graph is evaluated by the runs of the call site.
            const at = () => this.traceIn(site.scope, src, resolveArgs, depth + 1, budget, seen);
            const t = site.scope.fn ? at() : this.anchored(budget, [site.node.name], at);
            merge(merged, t);
            // A loop's argument also takes, from the second iteration on, what the body returned.
            const carried = this.loopCarried(site.node, index);
            if (carried === "unknown") merged.opaque.push(`${name} (loop-carried value of ${site.node.op} ${site.node.name})`);
            else if (carried) merge(merged, this.traceIn(carried.scope, carried.input, resolveArgs, depth + 1, budget, seen));
          }
          if (merged.strings.length || merged.opaque.length || merged.assets.length) return merged;
        }
        return { strings: [], opaque: [name], leaves: [leaf], assets: [] };
      }
      const node = scope.byName.get(name);
      if (!node) return none;
      const ins = dataInputs(node);
      // a DT_RESOURCE constant naming a variable: what the variable's writers assign
      const handle = node.op === "Const" || node.op === "HostConst" ? this.variableTrace(node, this.vars.value(scope, node), resolveArgs, depth, budget, seen) : undefined;
      if (handle) return handle;
      if (node.op === "Const" && node.attr.get("value")?.placeholder !== undefined) {
        // A function's constant bound by its callers (or the signature's default).
        const r = this.resolveAttr(scope, node, "value");
        const merged: Trace = { strings: [], opaque: r.unknown ? [`${name} (constant from an attr placeholder no caller binds)`] : [], leaves: [], assets: [] };
        for (const v of r.values) {
          const strs = v.tensor ? (v.tensor.dtype === DT_STRING && v.tensor.content?.length ? decodeStringList(v.tensor.content, 65536) : v.tensor.strings) : undefined;
          if (!strs) merged.opaque.push(`${name} (constant from an attr placeholder)`);
          else for (const b of strs.slice(0, MAX_TRACE_STRINGS)) if (merged.strings.length < MAX_TRACE_STRINGS) merged.strings.push(decodeBytes(b.subarray(0, 4096)));
        }
        merged.leaves.push({ kind: "const", name, values: [...merged.strings] });
        return merged;
      }
      if (node.op === "Const") return constTrace(name, node.attr.get("value")?.tensor);
      const sub = (i: string) => this.traceIn(scope, i, resolveArgs, depth + 1, budget, seen);
      if (budget.stops && !SAVER_PATH_OPS.has(node.op)) {
        // Checkpoint linkage: only the ops TensorFlow's savers build the path with; any other op
        // (a regex, a substring, a join with a separator) makes it not the standard subgraph.
        return { strings: [], opaque: [`${node.name} (${node.op})`], leaves: [{ kind: "node", name: `${node.name} (${node.op})`, values: [] }], assets: [] };
      }
      if (budget.stops && node.op === "StringJoin" && (node.attr.get("separator")?.s?.length ?? 0) > 0) {
        return { strings: [], opaque: [`${node.name} (StringJoin with a separator)`], leaves: [{ kind: "node", name: `${node.name} (StringJoin)`, values: [] }], assets: [] };
      }
      if (PASS_THROUGH_OPS.has(node.op)) return ins[0] !== undefined ? sub(ins[0]) : none;
      if (node.op === "ShardedFilename") {
        // "<prefix>-NNNNN-of-NNNNN": judged by its prefix, but a sharded asset path is not the asset.
        if (ins[0] === undefined) return none;
        const t = sub(ins[0]);
        return { ...t, opaque: [...t.opaque, ...t.assets.map((a) => `asset ${a} sharded by ${node.name} (ShardedFilename)`)], assets: [], transformed: true };
      }
      if (node.op === "PlaceholderWithDefault") return ins[0] !== undefined ? sub(ins[0]) : none;
      // A variable read: follow the handle to the variable (through a function's captured arg to its caller).
      if (node.op === "ReadVariableOp" && ins[0] !== undefined) return sub(ins[0]);
      // A variable: what its writers assign, through every handle of it (TF2 keeps asset paths in variables).
      const variable = this.variableTrace(node, this.vars.value(scope, node), resolveArgs, depth, budget, seen);
      if (variable) return variable;
      if (DATASET_ELEMENT_OPS.has(node.op)) {
        // A dataset passed where a function expects its elements (FlatMap/Interleave/Map call sites):
        // follow to the tensors the elements come from.
        const m: Trace = { strings: [], opaque: [], leaves: [], assets: [] };
        // A cache replays what it stored: files named by its filename (which may already exist, shipped as
        // the model's assets or left by another run), or a memory cache whose handle another cache op
        // also fills. Its elements are its input's only for an in-memory cache of its own.
        let from = node.op === "TensorSliceDataset" || node.op === "TensorDataset" ? ins.slice(0, 4) : ins.slice(0, 1);
        if (node.op === "CacheDataset" || node.op === "CacheDatasetV2") {
          const fillers = this.memoryCacheFillers(scope, node, ins, sub);
          if (!fillers) return this.shippedCache(node, ins, sub) ?? opaqueTrace(`${node.name} (${node.op}: a cache replays stored elements, not only its input's)`, node.name);
          from = fillers;
        }
        for (const i of from) merge(m, sub(i));
        if (node.op === "TensorSliceDataset" || node.op === "TensorDataset" ? ins.length > 4 : false) m.opaque.push(`${node.name} (more than 4 components)`);
        return m;
      }
      if (node.op === "ReadFile" && ins[0] !== undefined && this.opts.assetFiles?.size) {
        // ReadFile of the model's own asset: its content is known (embedded graphs kept as assets).
        const p = sub(ins[0]);
        const raw = p.assets.map((a) => this.opts.assetFiles!.get(a));
        if (p.assets.length && !p.strings.length && !p.opaque.length && raw.every((r) => r !== undefined)) {
          return { strings: [], opaque: [], leaves: [{ kind: "const", name: `asset:${p.assets.join(",")}`, values: [], raw: raw as Uint8Array[] }], assets: [] };
        }
      }
      // an element selection of a string tensor (a slice, a gather): one or more of its input's values; a gather
      // of a constant vector at evaluated indices is exactly the values it picks, in its order
      if (ELEMENT_SELECTIONS.has(node.op)) {
        if (ins[0] === undefined) return none;
        const t = sub(ins[0]);
        const exact = exactElements(t);
        const idx = (node.op === "GatherV2" || node.op === "Gather") && ins[1] !== undefined ? constNumbers(scope, ins[1]) : undefined;
        const axis0 = node.op === "Gather" || (ins[2] !== undefined && constNumbers(scope, ins[2])?.[0] === 0 && (node.attr.get("batch_dims")?.i ?? 0) === 0);
        if (exact && idx && axis0 && staticRank(scope, ins[0]) === 1 && idx.length <= MAX_TRACE_STRINGS && idx.every((i) => Number.isInteger(i) && i >= 0 && i < exact.length)) {
          const values = idx.map((i) => exact[i]!);
          return { strings: values, opaque: [], leaves: [{ kind: "const", name: node.name, values }], assets: [], ...(t.transformed ? { transformed: true } : {}) };
        }
        return { ...t, selected: true };
      }
      if (node.op === "MatchingFiles" && ins[0] !== undefined) {
        const p = sub(ins[0]);
        // the files a known pattern matches: judged by the pattern (a glob: path-patterns.ts), wherever they go
        if (p.strings.length && !p.opaque.length) return { strings: p.strings, opaque: [], leaves: [{ kind: "node", name: node.name, values: p.strings }], assets: [], transformed: true };
        const shown = p.strings.length ? p.strings.map((x) => `files matching ${JSON.stringify(cut(x, 80))}`) : [`files matching a run-time pattern`];
        return { strings: [], opaque: shown, leaves: [{ kind: "node", name: node.name, values: [] }], assets: [] };
      }
      // an output of a call or a branch: the value each function it may run returns there (its arguments are
      // bound through the function's call sites), the union over the branches
      if (/PartitionedCall$|^(?:Stateless)?(?:If|Case)$/.test(node.op) && resolveArgs) {
        const fns = runnableFunctions(node);
        const m: Trace = { strings: [], opaque: [], leaves: [], assets: [] };
        let any = false;
        for (const f of fns.slice(0, 8)) {
          const r = functionReturn(this.scopes, f, input);
          if (!r) {
            m.opaque.push(`${node.name} (${node.op}: a function not in the library)`);
            continue;
          }
          any = true;
          merge(m, this.traceIn(r.scope, r.ret, resolveArgs, depth + 1, budget, seen));
        }
        if (fns.length > 8) m.opaque.push(`${node.name} (more than 8 branches): ${HIDDEN_VALUE}`);
        if (any) return m;
      }
      // an output of a loop: its entry value and what the body returns there (the body's arguments take the loop's
      // inputs and, through the loop's carried values, what it returned before): exact for a loop of at most one
      // turn; a loop that may turn more often adds a value the file fixes (fedByConstantsOnly: hidden) or a run-time
      // one
      if ((LOOP_OPS.has(node.op) || node.op === "For") && resolveArgs) {
        const isFor = node.op === "For";
        const k = portOf(input);
        const bodyName = node.attr.get("body")?.func?.name;
        const body = bodyName !== undefined ? this.scopes.get(bodyName) : undefined;
        const ret = body?.fn ? body.fn.ret.get(body.fn.outputArgs[k] ?? "") : undefined;
        const entry = ins[isFor ? k + 3 : k];
        if (body && ret !== undefined && entry !== undefined) {
          const m: Trace = { strings: [], opaque: [], leaves: [], assets: [] };
          merge(m, sub(entry));
          merge(m, this.traceIn(body, ret, resolveArgs, depth + 1, budget, seen));
          const condName = node.attr.get("cond")?.func?.name;
          const cond = condName !== undefined ? this.scopes.get(condName) : undefined;
          const condRet = cond?.fn ? cond.fn.ret.get(cond.fn.outputArgs[0] ?? "") : undefined;
          const bound: { upper?: boolean } = {};
          const trips = !isFor && cond && condRet !== undefined ? loopTrips(this, scope, cond, body, node, ins, condRet, bound) : undefined;
          if (trips === undefined || trips > 1) m.opaque.push(fedByConstantsOnly(scope, node) ? `${node.name} (${node.op}: a value after more than one turn): ${HIDDEN_VALUE}` : `${node.name} (${node.op})`);
          return { ...m, transformed: true };
        }
      }
      // a lookup's value: its default, or any value a table of the model is filled with from the file (the
      // initializers' and imports' values, all tables: which table a handle names is not followed here)
      // (an export of a table: its keys at output 0, its values at output 1, from the same fills)
      const lookup = (node.op === "LookupTableFindV2" || node.op === "LookupTableFind") && ins[2] !== undefined;
      if (lookup || node.op === "LookupTableExportV2" || node.op === "LookupTableExport") {
        const m: Trace = { strings: [], opaque: [], leaves: [], assets: [] };
        if (lookup) merge(m, sub(ins[2]!));
        // (an export's outputs: "keys" and "values", by index in a graph, by name in a function body)
        const values = /:values:\d+$/.test(input) || (!/:keys:\d+$/.test(input) && outputIndex(input) === 1);
        const port = lookup || values ? 2 : 1;
        const fills = this.tableFills();
        for (const f of fills.slice(0, 16)) {
          const v = dataInputs(f.node)[port];
          // a fill from the model's own text file: its lines as the initializer splits them; another fill the trace
          // does not read (a dataset, a file it cannot read): values the model's files fix
          const text = /^InitializeTableFromTextFile/.test(f.node.op) ? this.textTableColumn(f, port === 1 ? "key_index" : "value_index", (i) => this.traceIn(f.scope, i, resolveArgs, depth + 1, budget, seen)) : undefined;
          if (text) merge(m, text);
          else if (!TABLE_FILLS.has(f.node.op) || v === undefined) m.opaque.push(`${f.node.name} (${f.node.op}): ${HIDDEN_VALUE}`);
          else merge(m, this.traceIn(f.scope, v, resolveArgs, depth + 1, budget, seen));
        }
        if (fills.length > 16) m.opaque.push(`${node.name} (more than 16 table fills): ${HIDDEN_VALUE}`);
        return m;
      }
      if (node.op === "IdentityN") {
        // Output k of IdentityN is its input k.
        const src = ins[outputIndex(input)];
        return src !== undefined ? sub(src) : none;
      }
      if (node.op === "Pack") {
        const m: Trace = { strings: [], opaque: [], leaves: [], assets: [] };
        for (const i of ins.slice(0, MAX_TRACE_STRINGS)) merge(m, sub(i));
        if (ins.length > MAX_TRACE_STRINGS) m.opaque.push(`${node.name} (Pack of more than ${MAX_TRACE_STRINGS} values)`);
        return m;
      }
      if (node.op === "Select" || node.op === "SelectV2") {
        const m: Trace = { strings: [], opaque: [], leaves: [], assets: [] };
        for (const i of ins.slice(1, 3)) merge(m, sub(i));
        return m;
      }
      const folded = this.foldString(node, ins, sub, (i) => this.traceInt(scope, i), (i) => staticRank(scope, i), (i) => constNumbers(scope, i), () => fedByConstantsOnly(scope, node));
      if (folded) return { ...folded, transformed: true };
      if ((node.op === "ReadVariableOp" || node.op === "ResourceGather") && scope.fn && ins[0] !== undefined) {
        // A variable read inside a function: the handle is a captured arg; follow it to the root variable.
        return sub(ins[0]);
      }
      if (node.op === "StringJoin") {
        const sepBytes = node.attr.get("separator")?.s;
        const sep = sepBytes ? decodeBytes(sepBytes) : "";
        if (ins.length > 32) return opaqueTrace(`${node.name} (StringJoin of more than 32 inputs)`, node.name);
        const parts = ins.map(sub);
        let truncated = false;
        let combos: string[] = [""];
        for (const p of parts) {
          const options = [...p.strings, ...p.opaque.map((o) => `<${o}>`)];
          const next: string[] = [];
          for (const c of combos)
            for (const o of options.length ? options : ["<?>"]) {
              if (next.length < MAX_TRACE_STRINGS) next.push(c === "" && combos.length === 1 && p === parts[0] ? o : c + sep + o);
              else truncated = true;
            }
          combos = next;
        }
        const m: Trace = { strings: [], opaque: [], leaves: [], assets: [], transformed: true };
        for (const p of parts) {
          m.leaves.push(...p.leaves);
          m.opaque.push(...p.opaque);
          // Only a lone asset path joined with nothing stays the model's asset.
          if (parts.length === 1) m.assets.push(...p.assets);
          else for (const a of p.assets) m.opaque.push(`asset ${a} joined by ${node.name} (StringJoin)`);
        }
        if (truncated) m.opaque.push(`${node.name} (more than ${MAX_TRACE_STRINGS} joined values)`);
        const allConst = parts.every((p) => p.opaque.length === 0 && (parts.length === 1 || p.assets.length === 0));
        if (allConst) m.strings = combos;
        else {
          // Partly dynamic: keep the joined shape for evidence, the dynamic names as opaque.
          m.strings = combos.filter((c) => !/^<[^>]*>$/.test(c));
        }
        // bytes that are not UTF-8 may join into other characters: the joined bytes are read again
        if (parts.length > 1 || sep !== "") m.strings = m.strings.map(rejoin);
        return m;
      }
      // an integer constant written as text with the default format (%d); a precision, a scientific or shortest
      // flag is refused for integers, a width or fill pads (tests/tf/vectors/string-ops.json)
      if (node.op === "AsString" && INT_DTYPES[node.attr.get("T")?.type ?? -1]) {
        const plain = (node.attr.get("width")?.i ?? -1) <= 0 && !(node.attr.get("fill")?.s?.length) && (node.attr.get("precision")?.i ?? -1) < 0 && !node.attr.get("scientific")?.b && !node.attr.get("shortest")?.b;
        const v = plain ? constNumbers(scope, ins[0]) : undefined;
        if (v && v.length <= MAX_TRACE_STRINGS && v.every((x) => Number.isSafeInteger(x))) {
          const values = v.map((x) => String(x));
          return { strings: values, opaque: [], leaves: [{ kind: "const", name: node.name, values }], assets: [], transformed: true };
        }
      }
      // a restore reads the checkpoint its prefix names: the model's own (the standard saver subgraph, whose prefix
      // the loader feeds) answers with the string tensor it names at this output, as stored; a V1 checkpoint the
      // model ships among its assets (Restore, RestoreSlice) with its own values; any other file's values are fixed
      // by a file the scanner does not read here (a hidden value: fedByConstantsOnly)
      if (node.op === "RestoreV2" || node.op === "Restore" || node.op === "RestoreSlice") {
        const names = constStringBytes(scope, ins[1]);
        const key = names?.[node.op === "RestoreV2" ? outputIndex(input) : 0];
        if (key !== undefined && this.ownRestores?.has(node) && this.opts.checkpointStrings) {
          const stored = this.opts.checkpointStrings.get(decodeBytes(key));
          if (stored) return valuesTrace(node.name, stored.map((b) => decodeBytes(b)));
        } else if (key !== undefined && node.op !== "RestoreV2" && ins[0] !== undefined) {
          const p = sub(ins[0]);
          const asset = p.assets.length === 1 && !p.strings.length && !p.opaque.length ? p.assets[0]! : undefined;
          const stored = asset !== undefined && !/[*?[\\]/.test(asset) ? this.v1Table(asset)?.get(decodeBytes(key)) : undefined;
          if (stored) return valuesTrace(node.name, stored.map((b) => decodeBytes(b)));
        }
      }
      // AsString of a string returns it unchanged (TensorFlow 2.20 accepts DT_STRING): its input is the value
      if (node.op === "AsString" && node.attr.get("T")?.type === DT_STRING && ins[0] !== undefined) return sub(ins[0]);
      // bytes the model keeps compressed or in another encoding: decoded as the kernel decodes them
      if (node.op === "DecodeCompressed" || node.op === "UnicodeTranscode") {
        let raw = constStringBytes(scope, ins[0]);
        if (!raw && ins[0] !== undefined) {
          // the bytes as stored wherever the trace finds them (a constant handed in as an argument, a checkpointed value)
          const p = sub(ins[0]);
          if (!p.opaque.length && !p.transformed && p.leaves.length && p.leaves.every((l) => l.kind === "const" && l.raw)) raw = p.leaves.flatMap((l) => l.raw!).slice(0, MAX_TRACE_STRINGS);
        }
        const out = raw?.map((b) => (node.op === "DecodeCompressed" ? decompressed(node, b) : transcoded(node, b)));
        if (out?.length && out.every((b) => b !== undefined && b.length <= MAX_DECODED)) {
          const values = out.map((b) => decodeBytes(b!));
          return { strings: values, opaque: [], leaves: [{ kind: "const", name: node.name, values }], assets: [], transformed: true };
        }
      }
      // an op the trace does not evaluate: where only the model's constants feed it, the value is fixed by the
      // file and hidden from inspection (fail closed on the location lists: judge-impl)
      if (fedByConstantsOnly(scope, node)) return opaqueTrace(`${node.name} (${node.op}): ${HIDDEN_VALUE}${pieceText(node)}`, node.name);
      return opaqueTrace(`${node.name} (${node.op})`, node.name);
    } finally {
      seen.delete(key);
    }
  }

  /**
   * The keys or values (`index`: key_index or value_index) an InitializeTableFromTextFile(V2) reads from the
   * model's own asset: each line (without its "\n" or "\r\n"), whole (-2) or split at the delimiter; up to
   * vocab_size lines. Undefined when the file is not one of the model's assets read here, or the column is the
   * line number (-1).
   */
  private textTableColumn(f: { scope: Scope; node: TfNodeDef }, index: string, sub: (i: string) => Trace): Trace | undefined {
    const file = dataInputs(f.node)[1];
    const files = this.opts.assetFiles;
    if (file === undefined || !files) return undefined;
    const t = sub(file);
    if (t.opaque.length || t.strings.length || t.assets.length !== 1) return undefined;
    const data = files.get(t.assets[0]!);
    const col = f.node.attr.get(index)?.i ?? -1;
    // (TextFileIndex: -2 the whole line, -1 the line number, not text)
    if (!data || col === -1 || col < -2) return undefined;
    const delim = decodeUtf8(f.node.attr.get("delimiter")?.s ?? new TextEncoder().encode("\t"));
    const values = textFileColumn(data, col, delim, f.node.attr.get("vocab_size")?.i ?? -1);
    return values ? valuesTrace(f.node.name, values) : undefined;
  }

  private fills?: Array<{ scope: Scope; node: TfNodeDef }>;
  /**
   * The ops that fill every table of the model (which table a handle names is not followed): initializers,
   * imports and inserts, whose keys and values are inputs 1 and 2, and the fills the trace does not read (from a
   * text file, a dataset).
   */
  private tableFills(): Array<{ scope: Scope; node: TfNodeDef }> {
    if (this.fills) return this.fills;
    const out: Array<{ scope: Scope; node: TfNodeDef }> = [];
    for (const sc of [this.root, ...this.scopes.values()]) {
      for (const x of sc.nodes) {
        if ((TABLE_FILLS.has(x.op) || OTHER_TABLE_FILLS.test(x.op)) && out.length <= 16) out.push({ scope: sc, node: x });
      }
    }
    return (this.fills = out);
  }

  /**
   * The checkpointed value of a string variable a function captures: the concrete function's
   * bound_inputs name object-graph nodes for its last inputs; TensorFlow restores a variable from every
   * checkpoint node its restore walk binds to it (src/tf/ckpt-bind.ts): the values of
   * all of them are judged, since which one wins depends on the walk's order.
   */
  private capturedVariable(fn: TfFunctionDef, argIndex: number): Uint8Array[] | "unknown" | undefined {
    const strings = this.opts.checkpointStrings;
    const id = strings?.size ? this.boundVariable(fn, argIndex) : undefined;
    return id !== undefined ? this.restoredValue(id, strings!) : undefined;
  }

  /** The object-graph node a concrete function's captured input `argIndex` is bound to (bound_inputs), if any. */
  private boundId(fn: TfFunctionDef, argIndex: number): number | undefined {
    const bound = this.opts.meta?.objectGraph?.boundInputs?.get(fn.name);
    if (!bound?.length) return undefined;
    const k = argIndex - (fn.inputArgs.length - bound.length);
    return k >= 0 ? bound[k] : undefined;
  }

  /**
   * The captured inputs the loader binds a TrackableResource's handle to, where `fn` is that resource's
   * `_create_resource` (load.py RestoredResource: the restored creator's result is the resource's handle, and a
   * concrete function's bound_inputs naming the resource receive it) and no graph op calls `fn`. Undefined otherwise.
   */
  private handleReceivers(fn: TfFunctionDef): Array<{ scope: VarScope; arg: string }> | undefined {
    const og = this.opts.meta?.objectGraph;
    if (!og || this.callSites.get(fn.name)?.length) return undefined;
    const owners = new Set<number>();
    og.nodes.forEach((o, id) => {
      if (o.kind !== "resource") return;
      for (const c of o.children) {
        const f = c.localName === "_create_resource" ? og.nodes[c.nodeId] : undefined;
        const names = f ? [...f.concreteFunctions, ...f.children.flatMap((d) => og.nodes[d.nodeId]?.concreteFunctions ?? [])] : [];
        if (names.includes(fn.name)) owners.add(id);
      }
    });
    if (!owners.size) return undefined;
    const out: Array<{ scope: VarScope; arg: string }> = [];
    for (const [fname, ids] of og.boundInputs ?? []) {
      const f = this.library.get(fname);
      const fscope = this.scopes.get(fname);
      if (!f || !fscope) continue;
      ids.forEach((x, j) => {
        const arg = f.inputArgs[f.inputArgs.length - ids.length + j];
        if (owners.has(x) && arg !== undefined) out.push({ scope: fscope, arg });
      });
    }
    return out;
  }

  /** boundId, where that node is a variable. */
  private boundVariable(fn: TfFunctionDef, argIndex: number): number | undefined {
    const id = this.boundId(fn, argIndex);
    return id !== undefined && id !== 0 && this.opts.meta?.objectGraph?.nodes[id]?.kind === "variable" ? id : undefined;
  }

  /** The values a variable (object-graph node `id`) is restored with, from checkpoint entries read by key (checkpointValue). */
  private restoredValue<T>(id: number, values: Map<string, T[]>): T[] | "unknown" | undefined {
    const og = this.opts.meta?.objectGraph;
    if (!og) return undefined;
    this.ckptBindings ??= checkpointBindings(this.opts.checkpointStrings?.get("_CHECKPOINTABLE_OBJECT_GRAPH")?.[0], og);
    return checkpointValue(this.ckptBindings, id, values);
  }

  /** The flow of the dataset a root-graph input carries: endless, starving (never yields an element), stalling (yields, then waits forever), its size where known. */
  datasetFlowOf(input: string): { endless?: string; starves?: string; stalls?: string; size?: number } {
    return datasetFlow(this, this.root, input, 0);
  }

  /**
   * The number a function's argument holds on every run, where it is bound to one: a captured constant
   * (the object graph's `constant`, the root node's value), a checkpointed variable nothing writes
   * (restoredNumbers), or the same constant at every call site. Undefined otherwise.
   */
  argNumber(scope: Scope, input: string, depth = 0): number | undefined {
    const n = skipThrough(scope, scope.byName.get(nodePart(input)), (x) => PASS_THROUGH_OPS.has(x.op), 16);
    const name = n ? n.name : nodePart(input);
    if (n) {
      const v = constNumbers(scope, name) ?? this.restoredNumbers(scope, name);
      return v?.length === 1 ? v[0] : undefined;
    }
    const k = scope.fn ? scope.argIndex.get(name) : undefined;
    if (k === undefined || !scope.fn || depth > 4) return undefined;
    const id = this.boundId(scope.fn, k);
    const obj = id !== undefined ? this.opts.meta?.objectGraph?.nodes[id] : undefined;
    if (obj?.kind === "constant") {
      const t = this.root.byName.get(obj.operation ?? "")?.attr.get("value")?.tensor;
      const v = t ? tensorNumbers(t) : undefined;
      return v?.length === 1 ? v[0] : undefined;
    }
    if (obj) return undefined;
    const sites = argInputs(this, scope, name);
    const vals = sites.map((a) => this.argNumber(a.scope, a.input, depth + 1));
    return vals.length && vals.every((x) => x !== undefined && Object.is(x, vals[0])) ? vals[0] : undefined;
  }

  /** The rank of what a function argument is bound to: a captured constant's, or the same one from every caller. */
  argRank(scope: Scope, name: string, depth: number): number | undefined {
    const k = scope.fn ? scope.argIndex.get(name) : undefined;
    if (k === undefined || !scope.fn || depth > EVAL_DEPTH) return undefined;
    const id = this.boundId(scope.fn, k);
    const obj = id !== undefined ? this.opts.meta?.objectGraph?.nodes[id] : undefined;
    if (obj?.kind === "constant") return (this.root.byName.get(obj.operation ?? "")?.attr.get("value")?.tensor?.shape ?? []).length;
    if (obj) return undefined;
    const rs = argInputs(this, scope, name).map((a) => rankOf(a.scope, a.input, () => undefined, depth + 1));
    return rs.length && rs.every((r) => r !== undefined && r === rs[0]) ? rs[0] : undefined;
  }

  /** The static shape and output dtype the memory rule infers for a root-graph node (for the differential tests of shapeOf and outputDtype). */
  inferredShape(input: string): { shape: number[] | undefined; dtype: number | undefined } {
    const n = this.root.byName.get(nodePart(input));
    return { shape: shapeOf(this.root, input, noArgShape, 0), dtype: n ? outputDtype(n) : undefined };
  }

  /** The numbers a root-graph input is computed from constants (the folds of the graph evaluators), or undefined. */
  foldNumbers(input: string): number[] | undefined {
    return constNumbers(this.root, input);
  }

  /** The scalar a root-graph input takes as the loop and branch conditions evaluate it (a bool, or a number and how
   * approximate it is), or undefined when not known; for the differential tests of the condition evaluator. */
  condValue(input: string): { b?: boolean; n?: number; approx?: number } | undefined {
    return evalCond(this.root, input, () => undefined, 0);
  }

  /**
   * The numbers a value restored from the checkpoint takes: a ReadVariableOp (through identities) of a
   * variable the function captures, bound by the object graph to checkpoint entries read by the folder
   * handler, and written by no function. Undefined when not known.
   */
  /**
   * The saved value of the variable a resource handle names, where the handle is a captured input bound to a
   * checkpointed variable nothing writes, followed through the loops, branches and calls that pass it on (a
   * While's condition reads the handle its caller captured). Undefined when not known.
   */
  handleNumbers(scope: Scope, handle: string): number[] | undefined {
    const numbers = this.opts.checkpointNumbers;
    if (!numbers?.size) return undefined;
    const id = this.restoredBinding(scope, handle);
    const v = id !== undefined ? this.restoredValue(id, numbers) : undefined;
    return Array.isArray(v) ? v : undefined;
  }

  /** A V1 checkpoint among the model's asset files, by its asset name. */
  private v1Table(asset: string): Map<string, Uint8Array[]> | undefined {
    if (!this.v1Tables.has(asset)) {
      const raw = this.opts.assetFiles?.get(asset);
      let table: Map<string, Uint8Array[]> | undefined;
      try {
        table = raw ? parseV1CheckpointStrings(raw) : undefined;
      } catch (e) {
        if (!(e instanceof FormatError)) throw e;
      }
      this.v1Tables.set(asset, table);
    }
    return this.v1Tables.get(asset);
  }
  /**
   * The object-graph node of the variable a resource handle names, where the loader restores it from the
   * checkpoint and no function writes it: a captured input bound to it, followed through the one loop, branch or
   * call that passes the handle on (a While's condition reads the handle its caller captured). Undefined otherwise.
   */
  private restoredBinding(scope: Scope, handle: string, depth = 0, written = false): number | undefined {
    if (!this.opts.checkpointStrings || !scope.fn || depth > 6) return undefined;
    const name = throughIdentities(scope, handle);
    const k = scope.byName.has(name) ? undefined : scope.argIndex.get(name);
    if (k === undefined) return undefined;
    const id = this.boundVariable(scope.fn, k);
    if (id !== undefined) {
      const w = this.capturedWriters(scope.fn, k);
      return written || (w && !("unknown" in w) && !w.writers.length) ? id : undefined;
    }
    // passed on by the op that runs this function: a loop (same position), a branch (after the predicate), a call
    const sites = this.callSites.get(scope.fn.name) ?? [];
    if (sites.length !== 1) return undefined;
    const site = sites[0]!;
    const at = LOOP_OPS.has(site.node.op) || /PartitionedCall$/.test(site.node.op) ? k : /If$/.test(site.node.op) ? k + 1 : undefined;
    const from = at !== undefined ? dataInputs(site.node)[at] : undefined;
    return from !== undefined ? this.restoredBinding(site.scope, from, depth + 1, written) : undefined;
  }

  /**
   * Every value a variable read may take where the file fixes each: the value the loader restores from the
   * checkpoint and the folded constant of every write; undefined when a write is not folded or nothing is known.
   */
  variableCandidates(scope: Scope, handle: string, depth = 0): number[][] | undefined {
    const out: number[][] = [];
    const numbers = this.opts.checkpointNumbers;
    const id = numbers?.size ? this.restoredBinding(scope, handle, 0, true) : undefined;
    const saved = id !== undefined && numbers ? this.restoredValue(id, numbers) : undefined;
    if (Array.isArray(saved)) out.push(saved);
    const name = throughIdentities(scope, handle);
    const node = scope.byName.get(name);
    const k = node ? undefined : scope.argIndex.get(name);
    const v = node ? this.vars.value(scope, node) : scope.fn && k !== undefined ? (this.capturedWriters(scope.fn, k) ?? this.vars.argValue(scope, name)) : undefined;
    if (v && "unknown" in v) return undefined;
    for (const w of v?.writers ?? []) {
      const x = depth < 4 ? constNumbers(w.scope as Scope, w.input, depth + 1) : undefined;
      if (!x) return undefined;
      out.push(x);
    }
    return out.length ? out : undefined;
  }


  /**
   * The writes of the variable a resource handle names (every function's assignment to it), where the variable model
   * knows them all; undefined where a write is not known (an op taking the handle that is not a read or an assign).
   */
  variableWriters(scope: Scope, handle: string): VarWriter[] | undefined {
    const name = throughIdentities(scope, handle);
    const node = scope.byName.get(name);
    const k = node ? undefined : scope.argIndex.get(name);
    const v = node ? this.vars.value(scope, node) : scope.fn && k !== undefined ? (this.capturedWriters(scope.fn, k) ?? this.vars.argValue(scope, name)) : undefined;
    return v && !("unknown" in v) ? v.writers : undefined;
  }

  /** Whether a resource handle names a variable the loader restores from the checkpoint and no function writes: its value is fixed by the file as a constant is (any dtype). */
  restoredFixed(scope: Scope, handle: string): boolean {
    return this.restoredBinding(scope, handle) !== undefined;
  }


  restoredNumbers(scope: Scope, input: string): number[] | undefined {
    const numbers = this.opts.checkpointNumbers;
    if (!numbers?.size || !this.opts.checkpointStrings || !scope.fn) return undefined;
    // through identities and the ops that only spread one value (Fill's value, BroadcastTo)
    const n = skipThrough(scope, scope.byName.get(nodePart(input)), (x) => PASS_THROUGH_OPS.has(x.op) || x.op === "Fill" || x.op === "BroadcastTo", 16, (x) => (x.op === "Fill" ? 1 : 0));
    if (n?.op !== "ReadVariableOp") return undefined;
    const handle = nodePart(dataInputs(n)[0] ?? "");
    const k = scope.byName.has(handle) ? undefined : scope.argIndex.get(handle);
    const id = k !== undefined ? this.boundVariable(scope.fn, k) : undefined;
    if (id === undefined) return undefined;
    const w = this.capturedWriters(scope.fn, k!);
    if (!w || "unknown" in w || w.writers.length) return undefined;
    const v = this.restoredValue(id, numbers);
    return Array.isArray(v) ? v : undefined;
  }

  /**
   * What a variable holds, for a node that names one (its handle op, or a DT_RESOURCE constant): unknown,
   * or what its writers assign, a root writer's value evaluated by the runs of the assign that stores it
   * (their feeds). Undefined when the node names no variable or nothing writes it.
   */
  private variableTrace(node: TfNodeDef, v: VarValue | undefined, resolveArgs: boolean, depth: number, budget: TraceBudget, seen: Set<string>): Trace | undefined {
    if (v && "unknown" in v) return opaqueTrace(`${node.name} (${v.unknown})`, node.name);
    if (!v?.writers.length) return undefined;
    const m: Trace = { strings: [], opaque: [], leaves: [], assets: [] };
    for (const w of v.writers) {
      const at = (): Trace => this.traceIn(w.scope as Scope, w.input, resolveArgs, depth + 1, budget, seen);
      merge(m, w.scope.fn ? at() : this.anchored(budget, this.assignAnchors(w.input), at));
    }
    return m;
  }

  /**
   * What tf.saved_model.load binds a concrete function's captured input to, where the object graph names
   * it (bound_inputs) and the binding is not the variable handled by capturedVariable: a `constant` is the
   * tensor in the `value` attr of the root node its `operation` names (load.py _recreate_constant; the
   * root graph itself never runs), a `captured_tensor` is an output of another concrete function's graph
   * (not followed: unknown). Undefined for other objects (their call sites stand).
   */
  private capturedObject(fn: TfFunctionDef, argIndex: number): Trace | undefined {
    const og = this.opts.meta?.objectGraph;
    const id = this.boundId(fn, argIndex);
    const obj = og && id !== undefined ? og.nodes[id] : undefined;
    if (!obj) return undefined;
    if (obj.kind === "constant") {
      const op = obj.operation ?? "";
      const node = this.root.byName.get(op);
      const t = node?.attr.get("value")?.tensor;
      if (!t) return opaqueTrace(`${fn.name} captured constant (object ${id}: operation "${op}" names no node with a value)`);
      return constTrace(`${op} (captured constant, object ${id})`, t);
    }
    if (obj.kind === "captured_tensor") return opaqueTrace(`${fn.name} captured tensor (object ${id}: another function's output, not followed)`);
    if (obj.kind === "asset") {
      // the loader's path: os.path.join(<export>/assets, asset_file_def[index].filename), the index read
      // as a Python list index (negative counts from the end); out of range, the load fails
      const defs = this.opts.meta?.assets ?? [];
      const i = obj.assetIndex ?? 0;
      const def = defs[i < 0 ? defs.length + i : i];
      if (!def) return opaqueTrace(`${fn.name} captured asset (object ${id}: asset_file_def[${i}] does not exist)`);
      return assetFileTrace(def.filename, `object ${id}`);
    }
    return undefined;
  }

  private ckptBindings?: ReturnType<typeof checkpointBindings>;
  private readonly objWriters = new Map<number, VarValue>();

  /**
   * Writers of the object-graph variable a function captures at `argIndex`: every concrete function that
   * captures the same object (bound_inputs) may write it through its handle argument.
   */
  private capturedWriters(fn: TfFunctionDef, argIndex: number): VarValue | undefined {
    const og = this.opts.meta?.objectGraph;
    const id = this.boundId(fn, argIndex);
    if (!og || id === undefined) return undefined;
    let v = this.objWriters.get(id);
    if (!v) {
      const writers: VarWriter[] = [];
      for (const [fname, ids] of og.boundInputs ?? []) {
        const f = this.library.get(fname);
        const fscope = this.scopes.get(fname);
        if (!f || !fscope) continue;
        ids.forEach((x, j) => {
          if (x !== id || v) return;
          const arg = f.inputArgs[f.inputArgs.length - ids.length + j];
          if (arg === undefined) return;
          const r = this.vars.argValue(fscope, arg);
          if ("unknown" in r) v = r;
          else writers.push(...r.writers);
        });
        if (v) break;
      }
      v ??= writers.length > MAX_VAR_WRITERS ? { unknown: `assigned more than ${MAX_VAR_WRITERS} times` } : { writers };
      this.objWriters.set(id, v);
    }
    return v;
  }

  /**
   * The inputs whose elements an in-memory CacheDataset(V2) yields: its filename traces to "" only, and
   * (V2) its cache handle is an AnonymousMemoryCache/DummyMemoryCache of its own scope consumed only by
   * in-memory cache ops and its deleter: the input datasets of every cache op sharing the handle (the
   * first to fill the cache decides what the others replay). Undefined for any other cache.
   */
  private memoryCacheFillers(scope: Scope, node: TfNodeDef, ins: string[], sub: (i: string) => Trace): string[] | undefined {
    const memory = (i: string | undefined) => {
      if (i === undefined) return false;
      const f = sub(i);
      return !f.opaque.length && !f.assets.length && f.strings.length > 0 && f.strings.every((x) => x === "");
    };
    if (!memory(ins[1]) || ins[0] === undefined) return undefined;
    if (node.op === "CacheDataset") return [ins[0]];
    if (ins[2] === undefined) return undefined;
    const cache = scope.byName.get(nodePart(ins[2]));
    if (!cache || (cache.op !== "AnonymousMemoryCache" && cache.op !== "DummyMemoryCache")) return undefined;
    const fillers: string[] = [];
    for (const n of scope.nodes) {
      if (n.op === "DeleteMemoryCache" || !dataInputs(n).some((i) => nodePart(i) === cache.name)) continue;
      const d = dataInputs(n);
      if (n.op !== "CacheDatasetV2" || d[2] === undefined || nodePart(d[2]) !== cache.name || d[0] === undefined || (n !== node && !memory(d[1]))) return undefined;
      fillers.push(d[0]);
    }
    return fillers.length > 4 ? undefined : fillers;
  }

  /**
   * A file cache named by the model's own asset whose tensor bundle is shipped (`<asset>.index` and its
   * data shards in assets/): it replays the stored elements, whose strings are read from the bundle (every
   * string entry: a sound superset of each component). Undefined when that cannot be read exactly.
   */
  private shippedCache(node: TfNodeDef, ins: string[], sub: (i: string) => Trace): Trace | undefined {
    const files = this.opts.assetFiles;
    if (!files || ins[1] === undefined) return undefined;
    const f = sub(ins[1]);
    if (f.opaque.length || f.strings.length || f.assets.length !== 1) return undefined;
    const name = f.assets[0]!;
    const index = files.get(`${name}.index`);
    if (!index) return undefined;
    try {
      const b = parseBundleIndex(index);
      const raw: Uint8Array[] = [];
      for (const e of b.entries) {
        if (e.dtype !== DT_STRING) continue;
        if (!isStringEntry(e)) return undefined;
        const data = files.get(shardName(name, e.shard, b.numShards));
        if (!data || e.offset + e.size > data.length) return undefined;
        raw.push(...decodeBundleStrings(data.subarray(e.offset, e.offset + e.size), e.elements));
        if (raw.length > MAX_TRACE_STRINGS) return undefined;
      }
      const values = raw.map((x) => decodeBytes(x.subarray(0, 4096)));
      return { strings: values, opaque: overLimit(node.name, raw), leaves: [{ kind: "const", name: `${node.name} (cache ${name})`, values, raw }], assets: [] };
    } catch {
      return undefined;
    }
  }

  /** Constant integers an input resolves to (Substr positions and lengths). */
  private traceInt(scope: Scope, input: string): number[] | undefined {
    let name = nodePart(input);
    for (let hops = 0; hops < 8; hops++) {
      const node = scope.byName.get(name);
      if (!node) return undefined;
      if (node.op === "Const") {
        const t = node.attr.get("value")?.tensor;
        const v = t ? tensorInts(t) : undefined;
        return v?.length ? v.slice(0, MAX_TRACE_STRINGS) : undefined;
      }
      if (!PASS_THROUGH_OPS.has(node.op)) return undefined;
      const i = dataInputs(node)[0];
      if (i === undefined) return undefined;
      name = nodePart(i);
    }
    return undefined;
  }

  /**
   * Folds the string transforms TensorFlow would compute on constant operands (DecodeBase64,
   * RegexReplace, StaticRegexReplace, StringFormat, Substr, StringLower/Upper, Add/AddV2 on strings),
   * so a path built at run time from constants is judged by its value. Untraceable parts stay opaque.
   */
  private foldString(node: TfNodeDef, ins: string[], sub: (i: string) => Trace, ints: (i: string) => number[] | undefined, rankOf: (i: string) => number | undefined, nums: (i: string) => number[] | undefined, fixedByFile: () => boolean): Trace | undefined {
    const attrStr = (k: string) => {
      const b = node.attr.get(k)?.s;
      return b ? decodeBytes(b) : "";
    };
    const map = (t: Trace, f: (s: string) => string | undefined): Trace => {
      // A transformed asset path is no longer the model's own asset: its value is judged when it does
      // not depend on where the model lives (the same result under two export directories), else it
      // is a path the scanner cannot verify.
      const out: Trace = { strings: [], opaque: [...t.opaque], leaves: t.leaves, assets: [] };
      for (const a of t.assets) {
        const r1 = f(`/export_a/assets/${a}`);
        const r2 = f(`/export_b/x/assets/${a}`);
        if (r1 !== undefined && r1 === r2) {
          if (out.strings.length < MAX_TRACE_STRINGS) out.strings.push(r1);
        } else out.opaque.push(`asset ${a} transformed by ${node.name} (${node.op})`);
      }
      let refused: string | undefined;
      for (const v of t.strings) {
        // bytes that are not UTF-8 (marked by decodeBytes): their value as text is unknown; a value the fold
        // refuses (a pattern the RE2 emulation does not read) is fixed by the file where the op is fed by its
        // constants only: a value the model hides, not one supplied at run time
        const r = lossy(v) ? undefined : f(v);
        if (r === undefined) out.opaque.push((refused ??= fixedByFile() ? `${node.name} (${node.op}): ${HIDDEN_VALUE}` : `${node.name} (${node.op})`));
        else if (out.strings.length < MAX_TRACE_STRINGS) out.strings.push(r);
      }
      return out;
    };
    switch (node.op) {
      case "UnicodeEncode": {
        // code points to UTF-8, one string per row of input_splits; an invalid code point (the kernel
        // replaces or refuses it by the errors attr) is not modelled
        if (ins.length < 2 || (attrStr("output_encoding") || "UTF-8") !== "UTF-8") return undefined;
        const cps = nums(ins[0]!);
        const splits = nums(ins[1]!);
        if (!cps || !splits || splits.length < 2) return undefined;
        const out: Trace = { strings: [], opaque: [], leaves: [], assets: [] };
        // errors: "replace" (the default) puts replacement_char for an invalid code point, "ignore" drops it,
        // "strict" fails the op (no value)
        const errors = attrStr("errors") || "replace";
        const repl = node.attr.get("replacement_char")?.i ?? 0xfffd;
        const valid = (c: number) => Number.isInteger(c) && c >= 0 && c <= 0x10ffff && !(c >= 0xd800 && c <= 0xdfff);
        for (let r = 0; r + 1 < splits.length; r++) {
          let row = cps.slice(splits[r], splits[r + 1]);
          if (row.some((c) => !valid(c))) {
            if (errors === "ignore") row = row.filter(valid);
            else if (errors === "replace" && valid(repl)) row = row.map((c) => (valid(c) ? c : repl));
            else return undefined;
          }
          if (out.strings.length >= MAX_TRACE_STRINGS) {
            out.opaque.push(`${node.name} (more than ${MAX_TRACE_STRINGS} values)`);
            break;
          }
          out.strings.push(String.fromCodePoint(...row));
        }
        return out;
      }
      case "ReduceJoin": {
        // a rank-1 constant's strings joined, in order, over its only axis
        if (ins.length < 2 || rankOf(ins[0]!) !== 1) return undefined;
        const axes = nums(ins[1]!);
        if (!vectorAxis(axes)) return undefined;
        const t = sub(ins[0]!);
        const elements = exactElements(t);
        if (!elements || elements.length >= MAX_TRACE_STRINGS) return undefined;
        const joined = elements.join(attrStr("separator"));
        return { strings: [rejoin(joined)], opaque: [], leaves: t.leaves, assets: [] };
      }
      case "DecodeBase64":
        return ins[0] === undefined ? undefined : map(sub(ins[0]), decodeBase64WebSafe);
      // with an encoding the kernel converts through ICU from a C string: the value ends at its first NUL
      case "StringLower":
        return ins[0] === undefined ? undefined : map(sub(ins[0]), (v) => (attrStr("encoding") ? cString(v).toLowerCase() : asciiCase(v, false)));
      case "StringUpper":
        return ins[0] === undefined ? undefined : map(sub(ins[0]), (v) => (attrStr("encoding") ? cString(v).toUpperCase() : asciiCase(v, true)));
      case "StaticRegexReplace": {
        if (ins[0] === undefined) return undefined;
        const global = node.attr.get("replace_global")?.b !== false;
        const [pattern, rewrite] = [attrStr("pattern"), attrStr("rewrite")];
        if (lossy(pattern + rewrite)) return undefined;
        return map(sub(ins[0]), (v) => re2Replace(v, pattern, rewrite, global));
      }
      case "RegexReplace": {
        if (ins.length < 3) return undefined;
        const pat = sub(ins[1]!).strings;
        const rw = sub(ins[2]!).strings;
        if (pat.length !== 1 || rw.length !== 1 || lossy(pat[0]! + rw[0]!)) return undefined;
        const global = node.attr.get("replace_global")?.b !== false;
        return map(sub(ins[0]!), (v) => re2Replace(v, pat[0]!, rw[0]!, global));
      }
      case "Substr": {
        if (ins.length < 3) return undefined;
        const pos = ints(ins[1]!);
        const len = ints(ins[2]!);
        if (pos?.length !== 1 || len?.length !== 1 || attrStr("unit") === "UTF8_CHAR") return undefined;
        const p = pos[0]!;
        const n = len[0]!;
        const bytes = (v: string) => new TextEncoder().encode(v);
        // the kernel's semantics (substr_op.cc): a negative pos counts from the end, a pos outside
        // the string is an error (no value); a negative len, or one past the end, takes the rest
        return map(sub(ins[0]!), (v) => {
          const b = bytes(v);
          const start = p < 0 ? b.length + p : p;
          if (start < 0 || start > b.length) return undefined;
          // a cut inside a UTF-8 sequence gives bytes a string cannot hold exactly: no value
          return decodeUtf8Strict(b.subarray(start, n < 0 ? b.length : start + n));
        });
      }
      case "Add":
      case "AddV2": {
        if (ins.length < 2) return undefined;
        const a = sub(ins[0]!);
        const b = sub(ins[1]!);
        if (!a.strings.length || !b.strings.length) return undefined;
        const out: Trace = { strings: [], opaque: [...a.opaque, ...b.opaque], leaves: [...a.leaves, ...b.leaves], assets: [] };
        for (const x of [...a.assets, ...b.assets]) out.opaque.push(`asset ${x} joined by ${node.name} (${node.op})`);
        for (const x of a.strings)
          for (const y of b.strings) {
            // bytes that are not UTF-8 on either side may join into other characters: no value
            if (out.strings.length < MAX_TRACE_STRINGS) out.strings.push(rejoin(x + y));
            else if (!out.opaque.includes(`${node.name} (more than ${MAX_TRACE_STRINGS} values)`)) out.opaque.push(`${node.name} (more than ${MAX_TRACE_STRINGS} values)`);
          }
        return out;
      }
      case "StringFormat": {
        const template = node.attr.get("template") ? attrStr("template") : "%s";
        const ph = node.attr.get("placeholder") ? attrStr("placeholder") : "{}";
        const parts = ins.slice(0, 8).map(sub);
        if (parts.some((t) => t.strings.length !== 1 || lossy(t.strings[0]!)) || ph === "") return undefined;
        const pieces = template.split(ph);
        if (pieces.length !== parts.length + 1) return undefined;
        // A one-element string tensor prints as "v" (rank 0), ["v"] (rank 1), [["v"]] (rank 2) ..., one
        // bracket pair per dimension, the value C-escaped, or "..." when `summarize` is 0 (it elides every
        // element). A rank the graph fixes (a Reshape to a constant shape, ExpandDims) is that rank; any
        // other is each rank up to 7, every one judged, and the value is not complete: TensorFlow allows
        // ranks up to 254, and inputs of unfixed rank may each have another.
        const summarize = node.attr.get("summarize")?.i ?? 3;
        const ranks = ins.slice(0, parts.length).map((x) => rankOf(x));
        const m: Trace = { strings: [], opaque: [], leaves: [], assets: [] };
        const shown = (t: Trace) => (summarize === 0 ? "..." : `"${cEscape(t.strings[0]!)}"`);
        const same = ranks.every((r) => r !== undefined);
        for (const rank of same ? [0] : [0, 1, 2, 3, 4, 5, 6, 7]) {
          let v = pieces[0]!;
          parts.forEach((t, i) => {
            const r = ranks[i] ?? rank;
            v += "[".repeat(r) + shown(t) + "]".repeat(r) + pieces[i + 1]!;
          });
          m.strings.push(v);
        }
        if (!same) m.opaque.push(`${node.name} (StringFormat of a tensor whose rank the graph does not fix: ranks 0-7 judged, not the others)`);
        for (const t of parts) {
          m.leaves.push(...t.leaves);
          for (const x of t.assets) m.opaque.push(`asset ${x} formatted by ${node.name} (StringFormat)`);
        }
        return m;
      }
      default:
        return undefined;
    }
  }
}

/**
 * A value holding bytes that are not UTF-8: decodeBytes maps each such byte to a lone low surrogate
 * (U+DC80 + byte, as Python's surrogateescape), which no valid UTF-8 decodes to; a real U+FFFD is a
 * character like any other.
 */
function lossy(v: string): boolean {
  return /(?:[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/.test(v);
}

/** The bytes a decodeBytes string stands for (each lone surrogate U+DC80-U+DCFF its byte, the rest UTF-8). */
export function encodeBytes(v: string): Uint8Array {
  const out: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    const hi = c >= 0xd800 && c <= 0xdbff && i + 1 < v.length && v.charCodeAt(i + 1) >= 0xdc00 && v.charCodeAt(i + 1) <= 0xdfff;
    if (c >= 0xdc80 && c <= 0xdcff && !(i > 0 && v.charCodeAt(i - 1) >= 0xd800 && v.charCodeAt(i - 1) <= 0xdbff)) out.push(c - 0xdc00);
    else {
      for (const b of enc.encode(hi ? v.slice(i, i + 2) : v[i]!)) out.push(b);
      if (hi) i++;
    }
  }
  return Uint8Array.from(out);
}

/** A value joined from pieces, read again from its bytes: bytes that are not UTF-8 on either side may form characters together. */
function rejoin(v: string): string {
  return lossy(v) ? decodeBytes(encodeBytes(v)) : v;
}

/** Bytes as a string: UTF-8 where valid, each other byte a lone surrogate (see lossy). */
function decodeBytes(b: Uint8Array): string {
  const strict = decodeUtf8Strict(b);
  if (strict !== undefined) return strict;
  let out = "";
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    const chunk = len > 0 && i + len <= b.length ? decodeUtf8Strict(b.subarray(i, i + len)) : undefined;
    if (chunk !== undefined) {
      out += chunk;
      i += len;
    } else {
      out += String.fromCharCode(0xdc00 + c);
      i++;
    }
  }
  return out;
}

/** The string up to its first NUL (what C code reading the bytes as a C string sees). */
function cString(v: string): string {
  const i = v.indexOf("\0");
  return i < 0 ? v : v.slice(0, i);
}

/** The rank a tensor has where the graph fixes it: a Reshape to a constant shape, an ExpandDims of a known rank. */
function staticRank(scope: Scope, input: string, depth = 0): number | undefined {
  const n = depth < 16 ? scope.byName.get(nodePart(input)) : undefined;
  if (!n) return undefined;
  const ins = dataInputs(n);
  if (n.op === "Reshape") return constNumbers(scope, ins[1])?.length;
  if (n.op === "Const") return n.attr.get("value")?.tensor?.shape?.length;
  if (n.op === "ExpandDims") {
    const r = staticRank(scope, ins[0] ?? "", depth + 1);
    return r === undefined ? undefined : r + 1;
  }
  if (n.op === "Identity" || n.op === "Snapshot" || n.op === "StopGradient") return staticRank(scope, ins[0] ?? "", depth + 1);
  return undefined;
}

/** StringFormat's escaping of a string element (as TensorFlow prints it): C escapes, octal for other
 * control bytes, bytes from 0x80 up unchanged. */
function cEscape(v: string): string {
  const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "'": "\\'", "\\": "\\\\" };
  // eslint-disable-next-line no-control-regex -- control bytes are what this escapes
  return v.replace(/[\x00-\x1f\x7f"'\\]/g, (c) => named[c] ?? "\\" + c.charCodeAt(0).toString(8).padStart(3, "0"));
}

/** TensorFlow's DecodeBase64: web-safe alphabet (- and _); padding optional, but when present it completes
 * a multiple of four characters; a result that is not UTF-8 has no exact string value. */
function decodeBase64WebSafe(s: string): string | undefined {
  const m = /^([A-Za-z0-9_-]*)(={0,2})$/.exec(s);
  if (!m) return undefined;
  const data = m[1]!;
  if (data.length % 4 === 1 || (m[2]!.length > 0 && s.length % 4 !== 0)) return undefined;
  const std = data.replace(/-/g, "+").replace(/_/g, "/");
  try {
    return decodeUtf8Strict(Uint8Array.from(atob(std + "=".repeat((4 - (std.length % 4)) % 4)), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** StringLower/StringUpper with no encoding change ASCII letters only (absl::AsciiStrToLower/Upper). */
function asciiCase(v: string, upper: boolean): string {
  return upper ? v.replace(/[a-z]+/g, (m) => m.toUpperCase()) : v.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

const OVERFLOW = `(more than ${MAX_TRACE_STRINGS} values): ${HIDDEN_VALUE}`;

/** Values past the caps are unknown: an opaque entry (never silently "the values seen so far"). */
function overLimit(name: string, values: Uint8Array[]): string[] {
  return values.length > MAX_TRACE_STRINGS || values.some((b) => b.length > 4096) ? [`${name} (more than ${MAX_TRACE_STRINGS} values or a value over 4096 bytes): ${HIDDEN_VALUE}`] : [];
}

/** The distinct values a file fixes (a checkpoint's, an asset's lines), the first MAX_TRACE_STRINGS kept, the rest a hidden note. */
function valuesTrace(name: string, values: string[]): Trace {
  const uniq = [...new Set(values)];
  const kept = uniq.slice(0, MAX_TRACE_STRINGS);
  return { strings: kept, opaque: uniq.length > kept.length ? [`${name} ${OVERFLOW}`] : [], leaves: [{ kind: "const", name, values: kept }], assets: [], transformed: true };
}

/**
 * A trace's strings as the tensor's element list, in order: one constant's values (as stored: a trace's strings
 * are deduplicated where traces merge), or their element-wise transform; undefined when the trace holds
 * candidates (a selection, several sources, opaque parts).
 */
function exactElements(t: Trace): string[] | undefined {
  const leaf = t.leaves[0];
  if (t.selected || t.opaque.length || t.assets.length || t.leaves.length !== 1 || leaf!.kind !== "const") return undefined;
  if (t.strings.length === leaf!.values.length) return t.strings;
  return t.transformed ? undefined : leaf!.values;
}

function merge(into: Trace, t: Trace): void {
  if (t.transformed) into.transformed = true;
  if (t.selected) into.selected = true;
  for (const s of t.strings) {
    if (into.strings.includes(s)) continue;
    if (into.strings.length < MAX_TRACE_STRINGS) into.strings.push(s);
    else if (!into.opaque.includes(OVERFLOW)) into.opaque.push(OVERFLOW);
  }
  for (const s of t.opaque) if (into.opaque.length < MAX_TRACE_STRINGS && !into.opaque.includes(s)) into.opaque.push(s);
  into.leaves.push(...t.leaves.slice(0, 64));
  // A leaf past the cap would otherwise vanish from the checkpoint linkage check.
  if (t.leaves.length > 64) into.leaves.push({ kind: "node", name: OVERFLOW, values: [] });
  for (const a of t.assets) if (into.assets.length < MAX_TRACE_STRINGS && !into.assets.includes(a)) into.assets.push(a);
}

/** The suffix constants TensorFlow's savers add to the checkpoint prefix. */
function isSaverSuffix(v: string): boolean {
  return v === ".part" || /^_temp(?:[_-]?[0-9a-fA-F]{0,64})?\/part$/.test(v) || v === "";
}

/** Works out triggers: signatures, init ops, restore, object-graph functions, warm-up requests. */
function assignTriggers(model: TfGraphModel, meta: TfMetaGraph | undefined, warmup: boolean): void {
  if (!meta) return;
  // The loaders run ONE init op, fed with the asset tensors: the __saved_model_init_op signature, else the
  // saved_model_main_op collection, else legacy_init_op (loader_impl.get_init_op, loader.cc GetInitOp).
  // Every other start runs without asset feeds (a feed belongs to one Session.run): the restore op (fed
  // the checkpoint filename only), signatures, warm-up replays, training ops, object-graph functions; the
  // init collections no loader runs (kept at load) are the user's own unfed runs where nothing else
  // reaches a node (StartFeed "weak").
  const initSig = meta.signatures.get("__saved_model_init_op");
  const selected = initSig ? "signature" : ["saved_model_main_op", "legacy_init_op"].find((k) => meta.collections.has(k));
  // Without an init op, tf.saved_model.load of a TF1 meta graph runs Scaffold.default_local_init_op()
  // instead (load_v1_in_v2.py), fed with the asset tensors: every local variable's initializer and the
  // table initializers (local resources are not exported to meta graphs).
  const fallback = selected === undefined && !meta.objectGraph;
  const loadCollections = ["__saved_model_init_op", "saved_model_main_op", "legacy_init_op", "table_initializer", "init_op", "local_init_op"];
  for (const key of loadCollections) {
    const vals = meta.collections.get(key);
    const fed = key === selected || (fallback && key === "table_initializer");
    if (vals?.length) model.reachFromRoot(vals, "load", `init op (${key})`, fed ? "fed" : "weak");
  }
  if (initSig) model.reachFromRoot(initSig.outputs.values(), "load", "init op (__saved_model_init_op)", "fed");
  if (fallback && meta.localVariableInits?.length) model.reachFromRoot(meta.localVariableInits, "load", "default local init op (local_variables initializers)", "fed");
  if (meta.saver?.restoreOpName) model.reachFromRoot([meta.saver.restoreOpName], "load", `${RESTORE_VIA} (saver_def.restore_op_name)`);
  // Object graph: resource constructors and initialisers run at load; other functions when called.
  const og = meta.objectGraph;
  if (og) {
    const names = objectPaths(og);
    // Legacy SaveableObjects: tf.saved_model.load calls their save and restore functions while it
    // restores the checkpoint (observed with TF 2.20).
    og.nodes.forEach((o, i) => {
      for (const s of o.saveables ?? []) for (const id of s.ids) for (const fn of functionsOfObject(og, id)) model.reachFunction(fn, "load", [`${names[i] ?? "object"} saveable ${s.name}`]);
    });
    og.nodes.forEach((o, i) => {
      const revived = revivedClass(o);
      if (revived !== "resource") return;
      // A CapturableResource: Loader.__init__ calls _initialize(); _create_resource runs when the handle is
      // first used (capturing functions are restored at load); _destroy_resource when it is released. The
      // methods are its children (set by the setter) or, for _create_resource, a named dependency.
      const why = o.registeredName ? ` (revived by registered_name ${JSON.stringify(cut(o.registeredName, 60))})` : "";
      for (const c of [...o.children, ...(o.dependencies ?? [])]) {
        if (c.localName !== "_create_resource" && c.localName !== "_initialize" && c.localName !== "_destroy_resource") continue;
        for (const fn of functionsOfObject(og, c.nodeId)) model.reachFunction(fn, "load", [`${names[i] ?? "object"}.${c.localName}${why}`]);
      }
    });
  }
  for (const [name, sig] of meta.signatures) {
    if (name === "__saved_model_init_op") continue;
    const trig: Trigger = warmup ? "load" : "inference";
    const via = warmup ? `signature ${name} (replayed at load by TF Serving warm-up requests)` : `signature ${name}`;
    model.reachFromRoot([...sig.outputs.values(), ...sig.inputs.values()], trig, via);
  }
  if (og) {
    const names = objectPaths(og);
    og.nodes.forEach((o, i) => {
      if (o.kind === "function" || o.kind === "bare_concrete_function") for (const fn of o.concreteFunctions) model.reachFunction(fn, "inference", [`${names[i] ?? "object"}()`]);
    });
  }
  for (const key of ["saved_model_train_op", "train_op"]) {
    const vals = meta.collections.get(key);
    if (vals?.length) model.reachFromRoot(vals, "training", `training op (${key})`);
  }
}

/**
 * The classes TensorFlow 2.20 registers for SavedModel revival (registration.register_tf_serializable) and
 * what their _deserialize_from_proto returns: tf.StaticHashTable a RestoredResource (lookup_ops.py), a
 * CapturableResource whatever the object's kind; tf.TrackableConstant a constant.
 */
const TF_REGISTERED_CLASSES: Readonly<Record<string, "resource" | "other">> = { "tf.StaticHashTable": "resource", "tf.TrackableConstant": "other" };

/**
 * What tf.saved_model.load revives an object as (load.py Loader._recreate): the class registered under its
 * registered_name first, then its kind (kind resource: RestoredResource). A registered_name TensorFlow does
 * not register is revived by the kind where nothing registers it and by the registering library's class
 * where one does (which may be a resource): both views are judged, so it counts as a resource.
 */
function revivedClass(o: TfSavedObject): "resource" | "other" {
  if (o.registeredName) return Object.prototype.hasOwnProperty.call(TF_REGISTERED_CLASSES, o.registeredName) ? TF_REGISTERED_CLASSES[o.registeredName]! : "resource";
  return o.kind === "resource" ? "resource" : "other";
}

/** A value that cannot be traced: `what` in the opaque list, one node leaf (named `leaf`, else `what`). */
/** The bytes of a string constant (through identities): each element, at most MAX_TRACE_STRINGS. */
function constStringBytes(scope: Scope, input: string | undefined): Uint8Array[] | undefined {
  if (input === undefined) return undefined;
  const n = scope.byName.get(throughIdentities(scope, input));
  const t = n?.op === "Const" ? n.attr.get("value")?.tensor : undefined;
  if (!t || t.dtype !== DT_STRING) return undefined;
  const strs = t.content?.length ? decodeStringList(t.content, 65536) : t.strings;
  return strs && strs.length <= MAX_TRACE_STRINGS ? strs : undefined;
}

/** DecodeCompressed's output for one element (compression_type "", ZLIB or GZIP), small inputs only. */
function decompressed(node: TfNodeDef, b: Uint8Array): Uint8Array | undefined {
  const kind = decodeUtf8(node.attr.get("compression_type")?.s ?? new Uint8Array());
  if (b.length > 4096) return undefined;
  if (kind === "") return b;
  try {
    if (kind === "ZLIB") {
      // one stream that ends at the end of the bytes, its Adler-32 checked (TensorFlow checks it; a truncated
      // stream, which TensorFlow decodes in part, or bytes after the stream are not evaluated)
      if (b.length < 6) return undefined;
      const out = unzlibSync(b);
      return out.length <= MAX_DECODED && adler32(out) === readU32(b, b.length - 4, false) ? out : undefined;
    }
    // every member, concatenated as TensorFlow decodes them, each with its CRC-32 and length checked
    if (kind === "GZIP") return gunzipChecked(b, MAX_DECODED);
  } catch {
    return undefined;
  }
  return undefined;
}

/** The most decoded bytes the trace evaluates (a longer value is not a path; it stays opaque). */
const MAX_DECODED = 4096;

function readU32(b: Uint8Array, at: number, littleEndian: boolean): number {
  return new DataView(b.buffer, b.byteOffset + at, 4).getUint32(0, littleEndian);
}

function adler32(b: Uint8Array): number {
  let a = 1;
  let c = 0;
  for (const x of b) {
    a = (a + x) % 65521;
    c = (c + a) % 65521;
  }
  return ((c << 16) | a) >>> 0;
}

/**
 * UnicodeTranscode's output for one element, from UTF-8/16 into UTF-8 as ICU converts (a byte order mark is a
 * character, kept; C0 controls replaced when replace_control_characters is set); input that is not valid in its
 * encoding and other encodings are not evaluated.
 */
function transcoded(node: TfNodeDef, b: Uint8Array): Uint8Array | undefined {
  const from = decodeUtf8(node.attr.get("input_encoding")?.s ?? new Uint8Array());
  const to = decodeUtf8(node.attr.get("output_encoding")?.s ?? new Uint8Array());
  if (to !== "UTF-8") return undefined;
  const label: Record<string, string> = { "UTF-8": "utf-8", "UTF-16-BE": "utf-16be", "UTF-16-LE": "utf-16le" };
  if (label[from] === undefined) return undefined;
  let text: string;
  try {
    text = new TextDecoder(label[from], { fatal: true, ignoreBOM: true }).decode(b);
  } catch {
    return undefined;
  }
  if (node.attr.get("replace_control_characters")?.b === true) {
    const rc = node.attr.get("replacement_char")?.i ?? 0xfffd;
    if (!(rc >= 0 && rc <= 0x10ffff) || (rc >= 0xd800 && rc <= 0xdfff)) return undefined;
    text = [...text].map((c) => (c.charCodeAt(0) < 0x20 ? String.fromCodePoint(rc) : c)).join("");
  }
  return new TextEncoder().encode(text);
}

/**
 * What a hidden value's text can hold, where the op fixes it: the text of a number (AsString of a number or a
 * bool, padded only with the fills the kernel takes: space, +, -, 0, #) or web-safe base64 (EncodeBase64); else
 * nothing is known (it may hold separators and "..").
 */
function pieceText(node: TfNodeDef): string {
  if (node.op === "EncodeBase64") return `; ${HIDDEN_BASE64_TEXT}`;
  if (node.op !== "AsString") return "";
  const t = node.attr.get("T")?.type;
  const fill = decodeUtf8(node.attr.get("fill")?.s ?? new Uint8Array());
  const numeric = t !== undefined && (INT_DTYPES[t] !== undefined || [1, 2, 10, 14, 19].includes(t));
  return numeric && /^[ +\-0#]?$/.test(fill) ? `; ${HIDDEN_NUMBER_TEXT}` : "";
}

/**
 * The text a table initialised from a text file holds in one column, as InitializeTableFromTextFileV2 reads the file
 * (tests/tf/vectors/text-table.json): each line without its "\n" or "\r\n", whole (-2) or split at the delimiter,
 * up to vocab_size lines (-1: all). Undefined where a line lacks the column (the kernel refuses the file).
 */
export function textFileColumn(data: Uint8Array, col: number, delim: string, vocabSize: number): string[] | undefined {
  let lines = decodeBytes(data).split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (vocabSize >= 0) lines = lines.slice(0, vocabSize);
  const values = lines.map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l)).map((l) => (col === -2 ? l : l.split(delim)[col]));
  return values.some((v) => v === undefined) ? undefined : (values as string[]);
}

/** Ops whose output holds some of their first input's elements (slices and gathers of it). */
const ELEMENT_SELECTIONS = new Set(["StridedSlice", "Slice", "GatherV2", "Gather", "GatherNd"]);

/** Ops that fill a lookup table with values (input 2). */
const TABLE_FILLS = new Set(["InitializeTableV2", "InitializeTable", "LookupTableImportV2", "LookupTableImport", "LookupTableInsertV2", "LookupTableInsert"]);
/** Ops that fill a table from elsewhere than their inputs (a text file, a dataset). */
const OTHER_TABLE_FILLS = /^InitializeTableFrom/;

/** Ops whose value is not fixed by their inputs (state, files, feeds, randomness, calls). */
const NOT_A_FUNCTION_OF_INPUTS = /Random|Variable|Placeholder|Iterator|Read|Reader|Recv|Dequeue|Queue|Table|Lookup|Stateful|Call$|^(?:Stateless)?(?:If|Case|While)$|Optional|Dataset|Accumulator|Barrier|Stack|Mutex|Py|Save|Restore|Matching|Print|Timestamp|Sample/;

/**
 * Whether a node's value depends only on constants of the file, through ops that compute from their inputs: into
 * the functions a call or branch runs (their arguments bound to the call's inputs), through draws whose value the
 * file fixes (a stateless draw, whose seed is an input; an integer draw from a range of one value).
 */
function fedByConstantsOnly(scope: Scope, node: TfNodeDef): boolean {
  type Frame = { scope: Scope; args?: (k: number) => Item | undefined };
  type Item = { frame: Frame; n: TfNodeDef };
  const seen = new Set<string>();
  const frameIds = new Map<Frame, number>();
  const stack: Item[] = [];
  // an input of a frame: its node, or the caller's input an argument is bound to; in the function the walk
  // starts in, an argument is each value its call sites bind to it (a loop's entry and its body's next value);
  // none: a run-time input
  const extra: Item[] = [];
  const resolve = (f: Frame, input: string): Item | undefined => {
    const m = f.scope.byName.get(nodePart(input));
    if (m) return { frame: f, n: m };
    const k = f.scope.argIndex.get(nodePart(input));
    if (k === undefined) return undefined;
    if (f.args) return f.args(k);
    if (f !== start) return undefined;
    // (each argument resolved once; met again while it is being resolved, a loop-carried value: its other
    // sources decide, so it counts as a constant there)
    if (argCache.has(k)) return argCache.get(k) ?? undefined;
    argCache.set(k, { frame: f, n: LOOP_CARRIED });
    const r = argItems(f, k);
    argCache.set(k, r ?? null);
    return r;
  };
  const argItems = (f: Frame, k: number): Item | undefined => {
    const sources = argSources(f.scope, k);
    if (!sources.length) return undefined;
    const items: Item[] = [];
    for (const src of sources) {
      const n = src.scope.byName.get(nodePart(src.input));
      if (!n) {
        // a loop body's next value that is an argument again: itself (adds nothing) or another argument
        if (src.scope !== f.scope || !f.scope.argIndex.has(nodePart(src.input))) return undefined;
        if (f.scope.argIndex.get(nodePart(src.input)) === k) continue;
        const other = resolve(f, src.input);
        if (!other) return undefined;
        items.push(other);
        continue;
      }
      items.push({ frame: src.scope === f.scope ? f : frameOf(src.scope), n });
    }
    if (!items.length) return undefined;
    extra.push(...items.slice(1));
    return items[0];
  };
  const argCache = new Map<number, Item | null>();
  const frames = new Map<Scope, Frame>();
  const frameOf = (sc: Scope): Frame => {
    let fr = frames.get(sc);
    if (!fr) frames.set(sc, (fr = { scope: sc }));
    return fr;
  };
  // (every return of a function run with its arguments bound, to walk; false when one is not a node or argument)
  const pushReturns = (callee: Frame): boolean => {
    for (const out of callee.scope.fn?.outputArgs ?? []) {
      const r = callee.scope.fn!.ret.get(out);
      const it = r !== undefined ? resolve(callee, r) : undefined;
      if (!it) return false;
      stack.push(it);
    }
    return true;
  };
  const start: Frame = { scope };
  frames.set(scope, start);
  stack.push({ frame: start, n: node });
  while (stack.length || extra.length) {
    if (!stack.length) stack.push(extra.pop()!);
    const { frame, n } = stack.pop()!;
    if (!frameIds.has(frame)) frameIds.set(frame, frameIds.size);
    const key = `${frameIds.get(frame)}\u0000${n.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // past the budget with no other source met: fixed by the file as far as it was followed (fail closed)
    if (seen.size > 4096) return true;
    const ins = dataInputs(n);
    if (/PartitionedCall$|^(?:Stateless)?(?:If|Case)$/.test(n.op)) {
      // the functions it may run, each return followed with the arguments bound to this call's inputs (a
      // branch's arguments follow its selector)
      const first = /PartitionedCall$/.test(n.op) ? 0 : 1;
      if (first === 1 && ins[0] !== undefined) {
        const sel = resolve(frame, ins[0]);
        if (!sel) return false;
        stack.push(sel);
      }
      for (const fname of runnableFunctions(n)) {
        const fs = fname !== undefined ? frame.scope.owner?.scopes.get(fname) : undefined;
        if (!fs?.fn) return false;
        if (!pushReturns({ scope: fs, args: (k) => (ins[k + first] !== undefined ? resolve(frame, ins[k + first]!) : undefined) })) return false;
      }
      continue;
    }
    if (LOOP_OPS.has(n.op) || n.op === "For") {
      // a loop's outputs are computed from its inputs by its body (and decided by its cond): fixed by the file when
      // the inputs are and the body's returns and the cond compute from its arguments (bound to the loop's inputs:
      // each turn's value is again one computed from them) and constants only; a For's body also takes the
      // counter (from start, limit and delta)
      for (const i of ins) {
        const it = resolve(frame, i);
        if (!it) return false;
        stack.push(it);
      }
      const shift = n.op === "For" ? 3 : 0;
      for (const attr of ["body", "cond"]) {
        const fname = n.attr.get(attr)?.func?.name;
        if (fname === undefined && attr === "cond" && n.op === "For") continue;
        const fs = fname !== undefined ? frame.scope.owner?.scopes.get(fname) : undefined;
        if (!fs?.fn) return false;
        const bind = (k: number): Item | undefined => {
          const at = shift && k === 0 ? 0 : k - (shift ? 1 : 0) + shift;
          return ins[at] !== undefined ? resolve(frame, ins[at]!) : undefined;
        };
        if (!pushReturns({ scope: fs, args: bind })) return false;
      }
      continue;
    }
    // what a restore op reads is the model's own checkpoint (the loader feeds it the model's variables path)
    if (/^Restore(?:V2|Slice)?$/.test(n.op)) continue;
    // a dataset computes its elements from its inputs and functions (a file source reads files: run time); an
    // iterator's element is its dataset's (MakeIterator in the same scope); a staging area's take is what its puts
    // put; tensor lists compute from their inputs
    if (/Dataset(?:V\d)?$/.test(n.op) || ITERATOR_READS.has(n.op) || STAGE_TAKES.has(n.op)) {
      const from = sourcesOf(frame.scope, n);
      if (!from) return false;
      // a function the dataset runs takes its elements and captured values: the op's inputs, all followed here
      const first = dataInputs(n)[0];
      const fnFrame = (sc: Scope): Frame => ({ scope: sc, args: () => (first !== undefined ? resolve(frame, first) : undefined) });
      for (const it of from) stack.push({ frame: frame.scope === it.scope ? frame : fnFrame(it.scope), n: it.node });
      continue;
    }
    if (/^TensorList/.test(n.op)) {
      for (const i of ins) {
        const it = resolve(frame, i);
        if (!it) return false;
        stack.push(it);
      }
      continue;
    }
    // a variable the loader restores from the checkpoint and nothing writes: fixed by the file
    if (n.op === "ReadVariableOp" && ins[0] !== undefined && frame.scope.owner?.restoredFixed(frame.scope, ins[0])) continue;
    const fixedDraw = STATELESS_DRAW.test(n.op) || (n.op === "RandomUniformInt" && oneValueRange(frame.scope, ins));
    if (!fixedDraw && (NOT_A_FUNCTION_OF_INPUTS.test(n.op) || knownOp(n.op) === false)) return false;
    if (!ins.length && n.op !== "Const" && n.op !== "HostConst") return false;
    for (const i of ins) {
      const it = resolve(frame, i);
      if (!it) return false;
      stack.push(it);
    }
  }
  return true;
}

/** A stand-in constant for a loop-carried argument met while its sources are being followed. */
const LOOP_CARRIED: TfNodeDef = { name: "\u0000loop-carried", op: "Const", input: [], device: "", attr: new Map() };

/** Dataset ops whose elements are read from files (run-time contents). */
const FILE_DATASETS = /^(?:TextLine|TFRecord|FixedLengthRecord|FixedLengthRecordV2|Load|Snapshot|SnapshotV2|Cache|CacheV2|ExperimentalSql|Sql|ExperimentalLMDB|LMDB|ExperimentalCSV|CSV|ExperimentalParseExample|ParseExample|ListFiles|MatchingFiles)Dataset(?:V\d)?$/;
/** Ops that read an iterator's next element. */
const ITERATOR_READS = new Set(["IteratorGetNext", "IteratorGetNextSync", "IteratorGetNextAsOptional", "OptionalGetValue"]);
/** Takes from a staging area (keyed by container and shared_name). */
const STAGE_TAKES = new Set(["Unstage", "StagePeek", "MapUnstage", "MapUnstageNoKey", "MapPeek", "OrderedMapUnstage", "OrderedMapUnstageNoKey", "OrderedMapPeek"]);

/**
 * The nodes a dataset op's elements, an iterator read's element or a staging area's take come from (for the
 * hidden-path walk), or undefined where they are read at run time (a file source, an iterator not made from a
 * dataset here, a take with no put of its area).
 */
function sourcesOf(scope: Scope, n: TfNodeDef): Array<{ scope: Scope; node: TfNodeDef }> | undefined {
  const out: Array<{ scope: Scope; node: TfNodeDef }> = [];
  const push = (sc: Scope, input: string | undefined): boolean => {
    const m = input !== undefined ? sc.byName.get(nodePart(input)) : undefined;
    if (m) out.push({ scope: sc, node: m });
    return !!m;
  };
  if (/Dataset(?:V\d)?$/.test(n.op)) {
    if (FILE_DATASETS.test(n.op)) return undefined;
    for (const i of dataInputs(n)) if (!push(scope, i)) return undefined;
    // the functions it runs: their returns (their arguments are elements of the inputs, followed above)
    for (const [, a] of n.attr) {
      const f = a.func?.name;
      const fs = f !== undefined ? scope.owner?.scopes.get(f) : undefined;
      if (f !== undefined && !fs?.fn) return undefined;
      if (fs?.fn) for (const o of fs.fn.outputArgs) if (!push(fs, fs.fn.ret.get(o))) return undefined;
    }
    return out;
  }
  if (n.op === "OptionalGetValue") return push(scope, dataInputs(n)[0]) ? out : undefined;
  if (ITERATOR_READS.has(n.op)) {
    const it = nodePart(dataInputs(n)[0] ?? "");
    const makers = scope.nodes.filter((m) => m.op === "MakeIterator" && nodePart(dataInputs(m)[1] ?? "") === it);
    if (!makers.length) return undefined;
    for (const m of makers) if (!push(scope, dataInputs(m)[0])) return undefined;
    return out;
  }
  // a staging area's take: the values every put of its area puts (across the model's scopes)
  const key = resourceKey(n);
  const owner = scope.owner;
  if (!owner) return undefined;
  for (const sc of [owner.root, ...owner.scopes.values()]) {
    for (const m of sc.nodes) {
      if (!/^(?:Stage|MapStage|OrderedMapStage)$/.test(m.op) || resourceKey(m) !== key) continue;
      for (const i of dataInputs(m)) if (!push(sc, i)) return undefined;
    }
  }
  return out.length ? out : undefined;
}

/**
 * The values a function's argument k takes from the sites that run the function: a call's or branch's input, a
 * loop's entry value and its body's next value (the condition's and the body's arguments). Empty when not known.
 */
function argSources(scope: Scope, k: number): Array<{ scope: Scope; input: string }> {
  const owner = scope.owner;
  const fn = scope.fn;
  if (!owner || !fn) return [];
  const out: Array<{ scope: Scope; input: string }> = [];
  for (const site of owner.callSites.get(fn.name) ?? []) {
    const ins = dataInputs(site.node);
    if (/Dataset(?:V\d)?$/.test(site.node.op)) {
      // a dataset's function takes its elements and captured values: every input of the op
      for (const i of ins) out.push({ scope: site.scope, input: i });
      continue;
    }
    if (LOOP_OPS.has(site.node.op)) {
      const body = owner.scopes.get(site.node.attr.get("body")?.func?.name ?? "");
      const next = body?.fn ? body.fn.ret.get(body.fn.outputArgs[k] ?? "") : undefined;
      if (ins[k] === undefined || !body || next === undefined) return [];
      out.push({ scope: site.scope, input: ins[k]! }, { scope: body, input: next });
    } else {
      const at = /PartitionedCall$/.test(site.node.op) ? k : k + 1;
      if (ins[at] === undefined) return [];
      out.push({ scope: site.scope, input: ins[at]! });
    }
  }
  return out;
}

/** Draws whose value their inputs fix (the seed is an input). */
const STATELESS_DRAW = /^Stateless(?:Random|TruncatedNormal|Multinomial|ParameterizedTruncatedNormal|Shuffle)/;

/** An integer draw whose range (minval, maxval: inputs 1 and 2) holds one value: that value, whatever the seed. */
function oneValueRange(scope: Scope, ins: string[]): boolean {
  const [lo, hi] = [constNumbers(scope, ins[1]), constNumbers(scope, ins[2])];
  return lo?.length === 1 && hi?.length === 1 && hi[0]! - lo[0]! === 1;
}

function opaqueTrace(what: string, leaf = what): Trace {
  return { strings: [], opaque: [what], leaves: [{ kind: "node", name: leaf, values: [] }], assets: [] };
}

/** A Const's value as TensorFlow reads it: a string tensor from tensor_content when it is set (DecodeStringList). */
function constTrace(name: string, t: TfTensor | undefined): Trace {
  const strs = t && t.dtype === DT_STRING && t.content?.length ? decodeStringList(t.content, 65536) : t?.strings;
  if (!strs) return opaqueTrace(`${name} (string constant whose tensor_content is not decodable)`);
  // a string tensor with no values is filled with "" (Tensor::FromProto): one empty string
  const filled = t && t.dtype === DT_STRING && strs.length === 0 ? [new Uint8Array()] : strs;
  const values = t && (t.dtype === DT_STRING || filled.length) ? filled.slice(0, MAX_TRACE_STRINGS).map((b) => decodeBytes(b.subarray(0, 4096))) : [];
  const opaque = t && values.length ? overLimit(name, filled) : [];
  const leaves: Leaf[] = [{ kind: "const", name, values, raw: filled.slice(0, MAX_TRACE_STRINGS) }];
  if (opaque.length) leaves.push({ kind: "node", name: opaque[0]!, values: [] });
  return { strings: values, opaque, leaves, assets: [] };
}

function functionsOfObject(og: NonNullable<TfMetaGraph["objectGraph"]>, id: number): string[] {
  const o = og.nodes[id];
  if (!o) return [];
  const out = [...o.concreteFunctions];
  for (const c of o.children) {
    const child = og.nodes[c.nodeId];
    if (child && (child.kind === "bare_concrete_function" || child.kind === "function")) out.push(...child.concreteFunctions);
  }
  return out;
}

/** Dotted paths of object-graph nodes from the root (breadth first, first path wins). */
function objectPaths(og: NonNullable<TfMetaGraph["objectGraph"]>): string[] {
  const names: string[] = [];
  if (!og.nodes.length) return names;
  names[0] = "root";
  const queue = [0];
  while (queue.length) {
    const i = queue.shift()!;
    for (const c of og.nodes[i]?.children ?? []) {
      if (names[c.nodeId] !== undefined || c.nodeId < 0 || c.nodeId >= og.nodes.length) continue;
      names[c.nodeId] = `${names[i]}.${c.localName}`;
      queue.push(c.nodeId);
    }
  }
  return names;
}

/** Decides which checkpoint-capable nodes belong to the standard checkpoint subgraph. */
function checkpointNodes(model: TfGraphModel, savers: TfSaverDef[], hasLoader: boolean): Set<TfNodeDef> {
  const quiet = new Set<TfNodeDef>();
  const ckptRoot = new Set<string>();
  const filenameNodes = new Set<string>();
  for (const s of savers) {
    for (const n of model.closure([s.saveTensorName, s.restoreOpName].filter(Boolean))) ckptRoot.add(n);
    if (s.filenameTensorName) filenameNodes.add(tensorKey(s.filenameTensorName));
  }
  // Functions reached only from the saver's nodes (not from any other root node or the object graph).
  const ckptFns = model.functionsFrom(ckptRoot);
  const otherRoots = model.root.nodes.filter((n) => !ckptRoot.has(n.name)).map((n) => n.name);
  for (const f of model.functionsFrom(otherRoots)) ckptFns.delete(f);
  // What an init op, a signature or a training op runs: a saver node there runs with its filename
  // tensor's own value (the loader feeds it to the restore op only), so it is judged, never quiet.
  const triggered = model.closure(model.triggerStarts);
  for (const f of model.functionsFrom(triggered)) ckptFns.delete(f);
  for (const [f, r] of model.fnReach) if (!r.via[0]?.startsWith(RESTORE_VIA)) ckptFns.delete(f);
  const okLeaves = (t: Trace, scope: { fn?: TfFunctionDef }, depth = 0): boolean =>
    t.leaves.length > 0 &&
    // The savers append their suffixes to the filename: a suffix before it ("_temp/part" + filename) names another path.
    !(t.leaves.length > 1 && t.leaves[0]!.kind === "const") &&
    t.leaves.every((l) => {
      // A function's argument 0 is the saver's filename only if every caller passes it one.
      if (l.kind === "arg") return scope.fn !== undefined && l.index === 0 && callersPassFilename(scope.fn, depth);
      // A constant with no traced value is unknown, never a harmless suffix.
      if (l.kind === "const") return l.values.length > 0 && l.values.every(isSaverSuffix);
      return scope.fn === undefined && filenameNodes.has(l.name);
    });
  const callersPassFilename = (fn: TfFunctionDef, depth: number): boolean => {
    const sites = model.callSites.get(fn.name) ?? [];
    if (depth > 8 || sites.length === 0) return false;
    return sites.every((site) => {
      // Only plain calls bind argument 0 to input 0 (a loop, a branch or a dataset op binds otherwise).
      const op = site.node.op;
      if (op !== "PartitionedCall" && op !== "StatefulPartitionedCall" && op !== fn.name) return false;
      const input = dataInputs(site.node)[0];
      if (input === undefined) return false;
      if (!site.scope.fn && filenameNodes.has(tensorKey(input))) return true;
      return okLeaves(traceStoppingAt(model, site.scope, input, filenameNodes), site.scope, depth + 1);
    });
  };
  const judgeIn = (scope: Scope, node: TfNodeDef) => {
    const entry = tfOpEntry(node.op);
    if (!entry?.checkpoint) return;
    const ins = dataInputs(node);
    const ok = (entry.pathInputs ?? []).every((i) => {
      const input = ins[i];
      if (input === undefined) return false;
      // Stop at the filename tensor itself (a fed Const in TF1 savers).
      if (!scope.fn && filenameNodes.has(tensorKey(input))) return true;
      return okLeaves(traceStoppingAt(model, scope, input, filenameNodes), scope);
    });
    if (ok) quiet.add(node);
  };
  for (const n of model.root.nodes) if (ckptRoot.has(n.name) && !triggered.has(n.name)) judgeIn(model.root, n);
  // Extra tf.train.Saver subgraphs of TF1 graphs (tflearn adds several): not linked to saver_def, so
  // never run by a loader (no trigger reaches them), and their filename is the saver's default bare
  // name ("model"). Kept quiet; the same op with any path, or reachable from a trigger, is a finding.
  // Only where a loader defines what runs: a graph without loader metadata (a frozen GraphDef, an
  // embedded graph) has no triggers, and the user's session may run any node (a SaveV2 made a control
  // dependency of the output writes into the working directory), so there it is judged.
  for (const n of hasLoader ? model.root.nodes : []) {
    const entry = tfOpEntry(n.op);
    if (!entry?.checkpoint || quiet.has(n) || model.rootReach.has(n.name)) continue;
    const ins = dataInputs(n);
    const ok = (entry.pathInputs ?? []).every((i) => {
      const input = ins[i];
      if (input === undefined) return false;
      const t = model.trace(model.root, input, false);
      return t.leaves.length > 0 && t.leaves.every((l) => l.kind === "const" && l.values.length > 0 && l.values.every((v) => isSaverSuffix(v) || /^[A-Za-z0-9_][\w-]*$/.test(v)));
    });
    if (ok) quiet.add(n);
  }
  for (const f of ckptFns) {
    const scope = model.scopes.get(f);
    if (scope) for (const n of scope.nodes) judgeIn(scope, n);
  }
  return quiet;
}

const MUTEX_OPS = new Set(["MutexV2"]);
/** Ops that run a function they name once per their own run (a call, a branch); any other caller may run it many times. */
const ONCE_CALL_OPS = new Set(["PartitionedCall", "StatefulPartitionedCall", "If", "StatelessIf", "_If", "Case", "StatelessCase"]);
const QUEUE_OPS = new Set(["FIFOQueue", "FIFOQueueV2", "PaddingFIFOQueue", "PaddingFIFOQueueV2", "PriorityQueue", "PriorityQueueV2", "RandomShuffleQueue", "RandomShuffleQueueV2"]);
const ENQUEUE_ONE = new Set(["QueueEnqueue", "QueueEnqueueV2"]);
const DEQUEUE_ONE = new Set(["QueueDequeue", "QueueDequeueV2"]);
/** Reader reads: each takes work items (file names) from the queue that is its second input, one at a time. */
const READER_READ = new Set(["ReaderRead", "ReaderReadV2", "ReaderReadUpTo", "ReaderReadUpToV2"]);
/** The input that names the queue or mutex an op uses. */
const handleInput = (n: TfNodeDef): string | undefined => dataInputs(n)[READER_READ.has(n.op) ? 1 : 0];
/** Readers that make exactly one record of each work item (any other may take another item for a record). */
export const ONE_RECORD_READERS: ReadonlySet<string> = new Set(["IdentityReader", "IdentityReaderV2", "WholeFileReader", "WholeFileReaderV2"]);
/** Whether an op takes exactly one element from its queue per run: a one-element dequeue, or a one-record reader's read. */
function takesOne(scope: Scope, n: TfNodeDef): boolean {
  if (DEQUEUE_ONE.has(n.op)) return true;
  if (n.op !== "ReaderRead" && n.op !== "ReaderReadV2") return false;
  const reader = scope.byName.get(nodePart(dataInputs(n)[0] ?? ""));
  return reader !== undefined && ONE_RECORD_READERS.has(reader.op);
}

/** The ops a node depends on (data and control inputs), within its scope, itself included. */
function ancestors(scope: Scope, node: TfNodeDef): Set<string> {
  const seen = new Set<string>([node.name]);
  const stack = [node];
  while (stack.length && seen.size < 10_000) {
    const n = stack.pop()!;
    for (const i of n.input) {
      const m = scope.byName.get(nodePart(i.replace(/^\^/, "")));
      if (m && !seen.has(m.name)) {
        seen.add(m.name);
        stack.push(m);
      }
    }
  }
  return seen;
}

/** A node's shared_name (the resource manager's key for queues, staging areas, mutexes), when it has one. */
function sharedName(n: TfNodeDef): string | undefined {
  const a = n.attr.get("shared_name");
  // left to the caller (a placeholder): any name; every such op is taken to share one resource
  if (a?.placeholder !== undefined) return "\u0000shared_name bound by the caller";
  const s = a?.s;
  return s?.length ? decodeUtf8(s) : undefined;
}

/**
 * The resource a queue, staging area or mutex op names, as the loading runtime keys it: its shared_name,
 * or, where it has none, its node name (tf.saved_model.load gives every function-library op without a
 * shared_name its node name, plus one suffix per load; staging areas use the node name everywhere). Two
 * ops with the same key may be one resource; an op keyed by node name may also be private (a TF1 session
 * queue): treating it as shared only ever finds more waits.
 */
function resourceKey(n: TfNodeDef): string {
  return sharedName(n) ?? n.name;
}

/** TF1 control flow: an op behind the untaken side of a Switch is dead and never runs. */
const DEADNESS_OPS = new Set(["Switch", "RefSwitch", "_SwitchN", "Merge", "RefMerge", "_XlaMerge"]);

/**
 * Whether an op provably runs whenever its step runs, in a scope with TF1 control flow: nothing it depends
 * on is a Merge, a _SwitchN, or a Switch whose predicate is not a constant, and every Switch it depends on
 * is reached through the side its constant predicate takes (a control edge out of a Switch is unknown).
 */
function provablyLive(scope: Scope, node: TfNodeDef): boolean {
  const seen = new Set<string>([node.name]);
  const stack = [node];
  while (stack.length) {
    if (seen.size > 10_000) return false;
    const n = stack.pop()!;
    for (const raw of n.input) {
      const control = raw.startsWith("^");
      const name = nodePart(raw);
      const m = scope.byName.get(name);
      if (!m) continue;
      if (m.op === "Merge" || m.op === "RefMerge" || m.op === "_XlaMerge" || m.op === "_SwitchN") return false;
      if (m.op === "Switch" || m.op === "RefSwitch") {
        if (control) return false;
        const colon = raw.lastIndexOf(":");
        const port = colon > 0 && /^\d+$/.test(raw.slice(colon + 1)) ? Number(raw.slice(colon + 1)) : 0;
        const pred = constBool(scope, dataInputs(m)[1]);
        if (pred === undefined || port !== (pred ? 1 : 0)) return false;
      }
      if (!seen.has(name)) {
        seen.add(name);
        stack.push(m);
      }
    }
  }
  return true;
}

/** A boolean the input is as a constant (a Const scalar, through Identity), else undefined. */
function constBool(scope: Scope, input: string | undefined): boolean | undefined {
  const n = skipThrough(scope, input === undefined ? undefined : scope.byName.get(nodePart(input)), (x) => x.op === "Identity" || x.op === "Snapshot", 8);
  const t = n?.op === "Const" ? n.attr.get("value")?.tensor : undefined;
  // (a scalar only: a vector [False] is not the value False; an If reads it by its element count, ifTruth)
  if (!t || t.dtype !== 10 /* DT_BOOL */ || (t.shape !== undefined && t.shape.length > 0)) return undefined;
  // tensor_content first (when non-empty), then bool_val; a proto with neither is the zero value
  if (t.content?.length) return t.content.length === 1 ? t.content[0] !== 0 : undefined;
  const b = t.bools ?? [];
  return b.length === 0 ? false : b.length === 1 ? b[0] !== 0 : undefined;
}

/**
 * What the wait and endless-run checks ask about the whole model, built once per graph and only when a
 * check first needs it (a graph without waits pays nothing): every node, nodes by shared_name, the
 * tensors some op sends, the queues TF1 queue runners fill (the "queue_runners" collection), and whether
 * any RandomShuffleQueue holds elements back (min_after_dequeue).
 */
class WaitIndex {
  constructor(
    private readonly model: TfGraphModel,
    private readonly graph: TfGraphDef,
    private readonly meta: TfMetaGraph | undefined,
    /** The loading program starts the queue runners (GraphOptions.runnersStart). */
    private readonly runnersStart = false,
  ) {}
  /** The scope a node belongs to. */
  scopeOf(node: TfNodeDef): Scope | undefined {
    const by = this.once("scopeOf", () => {
      const m = new Map<TfNodeDef, Scope>();
      for (const sc of this.scopeList) for (const n of sc.nodes) m.set(n, sc);
      return m;
    });
    return by.get(node);
  }
  /**
   * An int attr as the runtime instantiates the node: a placeholder takes what its callers bind (every
   * value they may bind); undefined when that is not known. An absent attr is [] (its default).
   */
  intAttr(node: TfNodeDef, name: string): number[] | undefined {
    const sc = this.scopeOf(node);
    if (!sc) return undefined;
    const r = this.model.resolveAttr(sc, node, name);
    return r.unknown ? undefined : r.values.map((v) => v.i ?? 0);
  }
  /** Every scope with its nodes: the root graph and each function. */
  get scopeList(): Scope[] {
    return this.once("scopeList", () => [this.model.root, ...this.graph.functions.map((f) => this.model.scopes.get(f.name)).filter((x): x is Scope => x !== undefined)]);
  }
  /**
   * The ops of a resource key that use it through a handle (enqueues, dequeues, locks), with their scope:
   * the handle input resolves, in the op's own scope, to a resource op of that key.
   */
  users(key: string, ops: RegExp): Array<{ node: TfNodeDef; scope: Scope }> {
    const by = this.once("users", () => {
      const m = new Map<string, Array<{ node: TfNodeDef; scope: Scope }>>();
      for (const sc of this.scopeList) {
        for (const n of sc.nodes) {
          const h = handleInput(n);
          if (h === undefined) continue;
          const r = sc.byName.get(nodePart(h));
          if (!r || !(QUEUE_OPS.has(r.op) || MUTEX_OPS.has(r.op))) continue;
          const k = resourceKey(r);
          const l = m.get(k);
          if (l) l.push({ node: n, scope: sc });
          else m.set(k, [{ node: n, scope: sc }]);
        }
      }
      return m;
    });
    return (by.get(key) ?? []).filter((u) => ops.test(u.node.op));
  }
  /**
   * Functions every run of which happens once per load, at load: a start the loader runs only while
   * loading (a resource initializer) and the functions only it calls, each from one call site that runs
   * its callee once (a call, an If/Case branch; not a loop body or condition, a dataset function, or any
   * other op that may call it many times). Puts counted against a capacity are sound only there.
   */
  get loadOnce(): Set<string> {
    return this.once("loadOnce", () => {
      const sites = new Map<string, Array<{ node: TfNodeDef; scope: Scope }>>();
      const multi = new Set<string>();
      for (const sc of this.scopeList) {
        for (const n of sc.nodes) {
          // a root node no run reaches never calls (a TF2 SavedModel's root graph is not run by its loader);
          // a root node some run reaches runs once per Session.run, as often as that run is made
          if (!sc.fn && !this.model.rootReach.has(n.name)) continue;
          for (const c of calleesOf(n, this.model.library)) {
            if (!(ONCE_CALL_OPS.has(n.op) || n.op === c)) multi.add(c);
            const l = sites.get(c);
            if (l) l.push({ node: n, scope: sc });
            else sites.set(c, [{ node: n, scope: sc }]);
          }
        }
      }
      const memo = new Map<string, boolean>();
      const once = (f: string, depth: number): boolean => {
        const known = memo.get(f);
        if (known !== undefined) return known;
        memo.set(f, false); // a cycle runs more than once
        let v = false;
        if (!multi.has(f) && depth < 64) {
          const at = sites.get(f) ?? [];
          if (at.length === 0) {
            const t = this.model.startTriggers.get(f);
            v = t !== undefined && t.size === 1 && t.has("load");
          } else if (at.length === 1) {
            const site = at[0]!;
            // a root node runs once when only the load runs it (the init op); a function's call once when its function does
            if (site.scope.fn) v = once(site.scope.fn.name, depth + 1);
            else {
              const t = this.model.rootTriggers.get(site.node.name);
              v = t !== undefined && t.size === 1 && t.has("load");
            }
          }
        }
        memo.set(f, v);
        return v;
      };
      const out = new Set<string>();
      for (const f of this.graph.functions) if (once(f.name, 0)) out.add(f.name);
      return out;
    });
  }
  private cache = new Map<string, unknown>();
  private once<T>(key: string, make: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as T;
  }
  get all(): TfNodeDef[] {
    return this.once("all", () => [...this.graph.nodes, ...this.graph.functions.flatMap((f) => f.nodes)]);
  }
  /** Nodes of a resource key (shared_name, else node name), across the graph and every function. */
  shared(name: string): TfNodeDef[] {
    const by = this.once("shared", () => {
      const m = new Map<string, TfNodeDef[]>();
      for (const n of this.all) {
        const k = resourceKey(n);
        const l = m.get(k);
        if (l) l.push(n);
        else m.set(k, [n]);
      }
      return m;
    });
    return by.get(name) ?? [];
  }
  /** Whether a node list holds TF1 control flow (Switch/Merge): an ancestor there may be dead and never run. */
  hasDeadness(nodes: TfNodeDef[]): boolean {
    const by = this.once("deadness", () => new Map<TfNodeDef[], boolean>());
    let v = by.get(nodes);
    if (v === undefined) by.set(nodes, (v = nodes.some((n) => DEADNESS_OPS.has(n.op))));
    return v;
  }
  get sent(): Set<string> {
    return this.once("sent", () => new Set(this.all.filter((n) => SEND_OPS.has(n.op)).map((n) => decodeUtf8(n.attr.get("tensor_name")?.s ?? new Uint8Array()))));
  }
  get holdsBack(): boolean {
    return this.once("holdsBack", () =>
      this.all.some((n) => {
        if (!n.op.startsWith("RandomShuffleQueue")) return false;
        const v = this.intAttr(n, "min_after_dequeue");
        return v === undefined || v.some((x) => x > 0);
      }),
    );
  }
  /**
   * Names of the queues (and their enqueue ops) TF1 queue runners fill from threads, and whether the
   * loading program starts those threads at all.
   */
  get runners(): { queues: Set<string>; enqueues: Set<string>; started: boolean } {
    return this.once("runners", () => {
      const out = { queues: new Set<string>(), enqueues: new Set<string>(), started: this.runnersStart };
      for (const b of this.meta?.collectionBytes.get("queue_runners") ?? []) {
        try {
          const r = new WireReader(b);
          while (!r.done()) {
            const [f, wt] = r.tag();
            if (f === 1 && wt === 2) out.queues.add(nodePart(decodeUtf8(r.bytes())));
            else if (f === 2 && wt === 2) out.enqueues.add(nodePart(decodeUtf8(r.bytes())));
            else r.skip(wt, f);
          }
        } catch {
          // an unreadable runner fills nothing we can name
        }
      }
      return out;
    });
  }
}

/**
 * Whether a wait is provably satisfied by the model itself. Resources are keyed as the loading runtime
 * keys them (shared_name, else node name: one key may be several ops, across functions). A graph with
 * TF1 control flow (Switch/Merge) proves nothing by ancestry (an ancestor may be dead).
 * - Dequeue (one element): no other queue op shares the queue's key, every dequeue of it is a single one
 *   in this scope, no queue holds elements back, and among the ops it depends on there are at least as
 *   many single enqueues into it as there are dequeues of it in the scope (the step runs them first).
 * - Enqueue into a bounded queue: every enqueue into the key is a single one and either all of them run
 *   once per load, at load (so they are counted against the smallest capacity of the key), or all of them
 *   and all its dequeues are in this scope, each dequeue depending on every enqueue (each run empties what
 *   it fills) and the enqueues fit the capacity.
 * - A queue TF1 queue runners fill, where the loading program starts them (a training .meta import).
 * - Staging area put: unbounded, or every put of its key runs once per load and they fit the capacity.
 * - Mutex lock: every lock of the mutex's key is in this scope and released before this one (or after).
 * Anything else (takes from staging areas, accumulators, barriers, collectives, dequeue-many) is judged.
 */
/**
 * Where a collective names its group's size (OpDefs of TF 2.20: an input of the V2 ops and of
 * CollectiveInitializeCommunicator, an attr of the V1 and NCCL ops); the V3 ops take the communicator
 * CollectiveInitializeCommunicator made. A group of one never waits for another member.
 */
export const GROUP_SIZE: Readonly<Record<string, { input?: number; attr?: string; communicator?: number }>> = {
  CollectiveReduceV2: { input: 1 }, CollectiveGatherV2: { input: 1 }, CollectiveBcastSendV2: { input: 1 }, CollectiveBcastRecvV2: { input: 0 },
  CollectiveAllToAllV2: { input: 1 }, CollectiveReduceScatterV2: { input: 1 }, CollectiveInitializeCommunicator: { input: 2 },
  CollectiveReduce: { attr: "group_size" }, CollectiveGather: { attr: "group_size" }, CollectiveBcastSend: { attr: "group_size" }, CollectiveBcastRecv: { attr: "group_size" },
  NcclAllReduce: { attr: "num_devices" }, NcclReduce: { attr: "num_devices" }, _NcclReduceSend: { attr: "num_devices" }, _NcclReduceRecv: { attr: "num_devices" },
  _NcclBroadcastSend: { attr: "num_devices" }, _NcclBroadcastRecv: { attr: "num_devices" },
  CollectiveReduceV3: { communicator: 1 }, CollectiveAllToAllV3: { communicator: 1 },
};

/** Whether a collective's group is provably of one member (a constant 1; attrs as the runtime binds them). */
function groupOfOne(index: WaitIndex, scope: Scope, node: TfNodeDef, depth = 0): boolean {
  const g = GROUP_SIZE[node.op];
  if (!g || depth > 4) return false;
  if (g.attr !== undefined) {
    const v = index.intAttr(node, g.attr);
    return v !== undefined && v.length > 0 && v.every((x) => x === 1);
  }
  if (g.input !== undefined) {
    const v = constNumbers(scope, dataInputs(node)[g.input]);
    return v !== undefined && v.length === 1 && v[0] === 1;
  }
  const comm = skipThrough(scope, scope.byName.get(nodePart(dataInputs(node)[g.communicator!] ?? "")), (x) => PASS_THROUGH_OPS.has(x.op));
  return comm?.op === "CollectiveInitializeCommunicator" && groupOfOne(index, scope, comm, depth + 1);
}

function waitSatisfied(index: WaitIndex, scope: Scope, node: TfNodeDef): boolean {
  const loadOnce = (sc: Scope | undefined) => sc?.fn !== undefined && index.loadOnce.has(sc.fn.name);
  if (Object.prototype.hasOwnProperty.call(GROUP_SIZE, node.op)) return groupOfOne(index, scope, node);
  if (/^(?:Stage|MapStage|OrderedMapStage)$/.test(node.op)) {
    const caps = index.intAttr(node, "capacity");
    const mems = index.intAttr(node, "memory_limit");
    if (caps === undefined || mems === undefined) return false;
    const bounded = caps.filter((c) => c > 0);
    const cap = bounded.length ? Math.min(...bounded) : 0;
    const mem = Math.max(0, ...mems);
    if (cap <= 0 && mem <= 0) return true;
    if (mem > 0) return false;
    const puts = index.shared(resourceKey(node)).filter((n) => n.op === node.op);
    return puts.length <= cap && puts.every((n) => loadOnce(index.scopeOf(n)));
  }
  // a take from a staging area, in the function its puts run in: satisfied when as many puts of its area run
  // before it as there are takes (each run fills what it empties)
  if (/^(?:Unstage|MapUnstageNoKey|OrderedMapUnstageNoKey)$/.test(node.op)) {
    const putOp = node.op === "Unstage" ? "Stage" : node.op.startsWith("Ordered") ? "OrderedMapStage" : "MapStage";
    const area = index.shared(resourceKey(node));
    const puts = area.filter((n) => n.op === putOp);
    const takes = area.filter((n) => n.op === node.op);
    if (puts.some((p) => index.scopeOf(p) !== scope) || takes.some((t) => index.scopeOf(t) !== scope)) return false;
    const dead = index.hasDeadness(scope.nodes);
    const before = ancestors(scope, node);
    return puts.filter((p) => before.has(p.name) && (!dead || provablyLive(scope, p))).length >= takes.length;
  }
  const handle = handleInput(node);
  if (handle === undefined) return false;
  const res = scope.byName.get(nodePart(handle));
  if (!res) return false;
  const key = resourceKey(res);
  const dead = index.hasDeadness(scope.nodes);
  // an op counted as running first must run: any op, without TF1 control flow in the scope
  const live = (n: TfNodeDef) => !dead || provablyLive(scope, n);
  if (node.op === "MutexLock") {
    if (!MUTEX_OPS.has(res.op)) return false;
    const locks = index.users(key, /^MutexLock$/);
    if (locks.some((l) => l.scope !== scope)) return false;
    return locks.every(({ node: o }) => o === node || lockReleasedBefore(scope, node, o, live) || lockReleasedBefore(scope, o, node, live));
  }
  if (!QUEUE_OPS.has(res.op)) return false;
  const runners = index.runners;
  // a runner's enqueue runs in a runner thread (blocking there is how runners work), or never when no
  // program starts the runners; a queue they fill gives up elements only when the loading program starts them
  if (runners.enqueues.has(node.name)) return true;
  if (runners.started && runners.queues.has(res.name) && /^(?:QueueDequeue|ReaderRead)/.test(node.op)) return true;
  const queues = index.shared(key).filter((n) => QUEUE_OPS.has(n.op));
  const puts = index.users(key, /^QueueEnqueue/).filter((p) => !(p.scope.fn === undefined && runners.enqueues.has(p.node.name)));
  const takes = index.users(key, /^(?:QueueDequeue|ReaderRead)/);
  if (ENQUEUE_ONE.has(node.op) || node.op === "QueueEnqueueMany" || node.op === "QueueEnqueueManyV2") {
    // the enqueues into any op of the key share the smallest capacity among them
    const perQueue = queues.map((x) => index.intAttr(x, "capacity"));
    if (perQueue.some((c) => c === undefined)) return false;
    const caps = perQueue.flatMap((c) => (c!.length ? c! : [-1]));
    if (caps.every((c) => c <= 0)) return true;
    const cap = Math.min(...caps.filter((c) => c > 0));
    if (!puts.every((p) => ENQUEUE_ONE.has(p.node.op)) || puts.length > cap) return false;
    if (puts.every((p) => loadOnce(p.scope))) return true;
    // each run empties what it fills: every put and take in this scope, each take after every put
    if (puts.some((p) => p.scope !== scope) || takes.some((t) => t.scope !== scope) || !takes.every((t) => live(t.node))) return false;
    if (takes.length < puts.length || !takes.every((t) => takesOne(t.scope, t.node))) return false;
    return takes.every((t) => {
      const before = ancestors(scope, t.node);
      return puts.every((p) => before.has(p.node.name));
    });
  }
  if (queues.length > 1 || !takesOne(scope, node) || index.holdsBack) return false;
  if (takes.some((t) => t.scope !== scope || !takesOne(t.scope, t.node))) return false;
  const before = ancestors(scope, node);
  const putsBefore = puts.filter((p) => p.scope === scope && before.has(p.node.name) && ENQUEUE_ONE.has(p.node.op) && live(p.node)).length;
  return putsBefore >= takes.length;
}

/**
 * A MutexLock's lock is released when the last reference to its lock tensor goes (the tensor holds the
 * lock's releaser): before `before` runs only if every op that takes the tensor (forwarded through
 * identities) is a ConsumeMutexLock that `before` depends on and that provably runs, and the tensor
 * leaves neither the function (an output) nor to any other op (a call, a later Identity).
 */
function lockReleasedBefore(scope: Scope, lock: TfNodeDef, before: TfNodeDef, live: (n: TfNodeDef) => boolean): boolean {
  const anc = ancestors(scope, before);
  const stack = [lock.name];
  const seen = new Set(stack);
  let consumed = false;
  while (stack.length) {
    const name = stack.pop()!;
    for (const n of scope.nodes) {
      if (!dataInputs(n).some((i) => nodePart(i) === name)) continue;
      if (n.op === "ConsumeMutexLock") {
        if (!anc.has(n.name) || !live(n)) return false;
        consumed = true;
      } else if ((n.op === "Identity" || n.op === "Snapshot" || n.op === "IdentityN") && !seen.has(n.name)) {
        seen.add(n.name);
        stack.push(n.name);
      } else if (n.op !== "Identity" && n.op !== "Snapshot" && n.op !== "IdentityN") return false;
    }
    if (scope.fn && [...scope.fn.ret.values()].some((r) => nodePart(r) === name)) return false;
  }
  return consumed;
}

/**
 * Numbers an input is, computed from constants (through identities, casts and elementwise arithmetic
 * with scalar broadcast), or undefined when it is not known here.
 */
/**
 * How deep the evaluators follow a value's inputs. Results are kept per node (constNumbers per scope, evalCond per
 * scope and argument values), so a graph that reuses values (a + a, chained) costs its size, not 2^depth; a
 * value deeper than this has none (and a loop that needs it is "not verified" at load).
 */
const EVAL_DEPTH = 256;
const constMemo = new WeakMap<Scope, Map<string, number[] | undefined>>();

function constNumbers(scope: Scope, input: string | undefined, depth = 0): number[] | undefined {
  if (input === undefined || depth > EVAL_DEPTH) return undefined;
  let memo = constMemo.get(scope);
  if (!memo) constMemo.set(scope, (memo = new Map()));
  if (memo.has(input)) return memo.get(input);
  const r = constNumbersIn(scope, input, depth);
  memo.set(input, r);
  return r;
}

function constNumbersIn(scope: Scope, input: string, depth: number): number[] | undefined {
  const n = scope.byName.get(nodePart(input));
  if (!n) return undefined;
  const ins = dataInputs(n);
  switch (ARITH_OPS.has(n.op) ? "Arith" : n.op) {
    case "Const": {
      const t = n.attr.get("value")?.tensor;
      const v = t ? tensorNumbers(t) : undefined;
      // a proto without values is the zero value of its dtype, repeated over its shape (none for an empty shape)
      if (v !== undefined && !v.length && t?.shape?.some((d) => d === 0)) return [];
      return v === undefined ? undefined : v.length ? v : [0];
    }
    case "Fill":
      return constNumbers(scope, ins[1], depth + 1);
    case "Pack": {
      // scalars stacked into a vector (axis 0)
      const parts = ins.map((i) => constNumbers(scope, i, depth + 1));
      return parts.every((x) => x?.length === 1) && (n.attr.get("axis")?.i ?? 0) === 0 ? parts.map((x) => x![0]!) : undefined;
    }
    case "StridedSlice": {
      // a slice of a vector by constant begin/end/strides of one dimension (the masks as the kernel reads them)
      const [v, b, e, st] = [0, 1, 2, 3].map((k) => constNumbers(scope, ins[k], depth + 1));
      if (!v || b?.length !== 1 || e?.length !== 1 || st?.length !== 1 || st[0] === 0) return undefined;
      const mask = (k: string) => n.attr.get(k)?.i ?? 0;
      if (mask("ellipsis_mask") || mask("new_axis_mask")) return undefined;
      const len = v.length;
      const step = st[0]!;
      if (mask("shrink_axis_mask") & 1) {
        const at = b[0]! < 0 ? b[0]! + len : b[0]!;
        return at >= 0 && at < len ? [v[at]!] : undefined;
      }
      const [start, stop] = sliceBounds(len, b[0]!, e[0]!, step, mask("begin_mask") & 1, mask("end_mask") & 1);
      const out: number[] = [];
      for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(v[i]!);
      return out;
    }
    case "BroadcastTo":
      return constNumbers(scope, ins[0], depth + 1);
    case "Cast": {
      const v = constNumbers(scope, ins[0], depth + 1);
      const out = v?.map((x) => castNumber(n, x));
      return out?.every((x) => x !== undefined) ? (out as number[]) : undefined;
    }
    case "Neg":
    case "Abs": {
      const a = constNumbers(scope, ins[0], depth + 1);
      const out = a?.map((x) => unary(n, x));
      return out?.every((x) => x !== undefined) ? (out as number[]) : undefined;
    }
    case "Arith": {
      const a = constNumbers(scope, ins[0], depth + 1);
      const b = constNumbers(scope, ins[1], depth + 1);
      if (!a || !b || (a.length !== b.length && a.length !== 1 && b.length !== 1)) return undefined;
      const len = Math.max(a.length, b.length);
      const at = (x: number[], i: number) => x[x.length === 1 ? 0 : i]!;
      const out = Array.from({ length: len }, (_, i) => arith(n, at(a, i), at(b, i)));
      return out.every((x) => x !== undefined) ? (out as number[]) : undefined;
    }
    case "Sum":
    case "Prod":
    case "Max":
    case "Min": {
      // an integer vector or scalar: exact in safe integers, else not evaluated
      // (sums and products wrap to the dtype's width, as the kernels compute them)
      const v = constNumbers(scope, ins[0], depth + 1);
      const axes = constNumbers(scope, ins[1], depth + 1);
      const shape = shapeOf(scope, ins[0] ?? "", noArgShape, depth + 1);
      const rank = shape?.length;
      // (the numbers must be every element: a fill's one value stands for all its copies, which a sum or product counts)
      if (v && shape && v.length !== shape.reduce((a, d) => a * d, 1) && (n.op === "Sum" || n.op === "Prod")) return undefined;
      const int = INT_DTYPES[n.attr.get("T")?.type ?? -1];
      if (!v?.length || rank === undefined || rank > 1 || int === undefined || !v.every((x) => Number.isSafeInteger(x))) return undefined;
      // a vector reduced over its one axis; a scalar over no axis (any axis of a scalar is refused by the kernel)
      if (rank === 1 ? !(axes?.length === 1 && (axes[0] === 0 || axes[0] === -1)) : axes?.length !== 0) return undefined;
      if (n.op === "Max" || n.op === "Min") return [n.op === "Max" ? Math.max(...v) : Math.min(...v)];
      const big = v.reduce((a, x) => (n.op === "Sum" ? a + BigInt(x) : a * BigInt(x)), n.op === "Sum" ? 0n : 1n);
      const wrapped = Number(int[1] ? BigInt.asIntN(int[0] * 8, big) : BigInt.asUintN(int[0] * 8, big));
      return Number.isSafeInteger(wrapped) ? [wrapped] : undefined;
    }
    case "Shape":
    case "Size":
    case "Rank": {
      // the static shape of a value whose shape the graph fixes
      const sh = ins[0] !== undefined ? shapeOf(scope, ins[0], noArgShape, depth + 1) : undefined;
      if (!sh || sh.some((d) => !Number.isSafeInteger(d) || d < 0)) return undefined;
      return n.op === "Shape" ? sh : n.op === "Rank" ? [sh.length] : [sh.reduce((a, d) => a * d, 1)];
    }
    case "ReadVariableOp": {
      // a variable restored from the checkpoint that nothing writes: its saved value (sizes, counts the file fixes);
      // else the one value its restored value and every write agree on (values that differ: not one value)
      const restored = scope.owner?.restoredNumbers(scope, input) ?? (ins[0] !== undefined ? scope.owner?.handleNumbers(scope, ins[0]) : undefined);
      if (restored || ins[0] === undefined) return restored;
      const c = scope.owner?.variableCandidates(scope, ins[0], depth);
      return c && c.every((x) => x.length === c[0]!.length && x.every((e, i) => Object.is(e, c[0]![i]))) ? c[0] : undefined;
    }
    case "PartitionedCall":
    case "StatefulPartitionedCall":
    case "If":
    case "StatelessIf":
    case "Case":
    case "StatelessCase": {
      // a call's output: what its function returns there, its arguments bound to the call's inputs; a branch's
      // where its scalar selector folds: the chosen branch's (a Case index out of range: the last branch)
      const call = /PartitionedCall$/.test(n.op);
      let fname: string | undefined;
      if (call) fname = n.attr.get("f")?.func?.name;
      else {
        const sel = constNumbers(scope, ins[0], depth + 1);
        if (/If$/.test(n.op)) {
          const pred = ins[0] !== undefined ? scope.byName.get(nodePart(ins[0])) : undefined;
          const truth = ifTruth(shapeOf(scope, ins[0] ?? "", noArgShape, depth + 1), pred ? outputDtype(pred) : undefined, sel?.length === 1 ? { n: sel[0]! } : undefined);
          if (truth === undefined) return undefined;
          fname = n.attr.get(truth ? "then_branch" : "else_branch")?.func?.name;
        } else {
          if (sel?.length !== 1 || shapeOf(scope, ins[0] ?? "", noArgShape, depth + 1)?.length !== 0) return undefined;
          const branches = n.attr.get("branches")?.list?.func ?? [];
          fname = branches[sel[0]! >= 0 && sel[0]! < branches.length ? sel[0]! : branches.length - 1]?.name;
        }
      }
      const bound = boundScope(scope, n, fname, call ? 0 : 1, depth);
      const out = bound?.fn?.outputArgs[portOf(input)];
      const ret = out !== undefined ? bound!.fn!.ret.get(out) : undefined;
      return ret !== undefined ? constNumbers(bound!, ret, depth + 1) : undefined;
    }
    case "While":
    case "StatelessWhile": {
      // a loop's output: its scalar variables run here for the exact number of turns the loop evaluator finds
      // (loopTrips), each turn's values computed by the body from the last (evalCond); not an upper bound
      const model = scope.owner;
      const body = model?.scopes.get(n.attr.get("body")?.func?.name ?? "");
      const cond = model?.scopes.get(n.attr.get("cond")?.func?.name ?? "");
      const condRet = cond?.fn ? cond.fn.ret.get(cond.fn.outputArgs[0] ?? "") : undefined;
      if (!model || !body?.fn || !cond || condRet === undefined) return undefined;
      const bound: { upper?: boolean } = {};
      const trips = loopTrips(model, scope, cond, body, n, ins, condRet, bound);
      if (trips === undefined || bound.upper || trips > SIMULATED_TRIPS) return undefined;
      const rets = body.fn.outputArgs.map((o) => body.fn!.ret.get(o));
      let state: CondValue[] = ins.map((x) => (x.startsWith("^") ? undefined : entryValue(model, scope, x)));
      for (let t = 0; t < trips; t++) {
        const now = state;
        state = rets.map((r) => (r !== undefined ? known(evalCond(body, r, (j) => now[j], 0)) : undefined));
      }
      const v = state[portOf(input)];
      return v?.n !== undefined && v.approx === undefined ? [v.n] : v?.b !== undefined ? [v.b ? 1 : 0] : undefined;
    }
    case "StringLength": {
      // the lengths of a constant's strings: bytes, or (unit UTF8_CHAR) the bytes that do not continue a UTF-8
      // sequence, as the kernel counts them
      const t = ins[0] !== undefined ? scope.byName.get(nodePart(ins[0])) : undefined;
      const tensor = t?.op === "Const" ? t.attr.get("value")?.tensor : undefined;
      const strs = tensor && tensor.dtype === DT_STRING ? (tensor.content?.length ? decodeStringList(tensor.content, 64) : tensor.strings) : undefined;
      if (!strs?.length || strs.length > 64) return undefined;
      const unit = n.attr.get("unit")?.s;
      const chars = unit !== undefined && decodeUtf8(unit) === "UTF8_CHAR";
      return strs.map((b) => (chars ? b.reduce((a, x) => a + ((x & 0xc0) !== 0x80 ? 1 : 0), 0) : b.length));
    }
    case "StringToNumber": {
      // text the file holds, read as the kernel reads it for its out_type (stringToNumber); anything else is not evaluated
      const t = ins[0] !== undefined ? scope.byName.get(nodePart(ins[0])) : undefined;
      const tensor = t?.op === "Const" ? t.attr.get("value")?.tensor : undefined;
      const strs = tensor && tensor.dtype === DT_STRING ? (tensor.content?.length ? decodeStringList(tensor.content, 64) : tensor.strings) : undefined;
      if (!strs?.length || strs.length > 64) return undefined;
      const type = n.attr.get("out_type")?.type ?? 1;
      const out = strs.map((b) => stringToNumber(b, type));
      return out.every((x) => x !== undefined) ? (out as number[]) : undefined;
    }
    default:
      // ops that only pass a value through (Identity, Reshape, ...) keep its numbers
      return PASS_THROUGH_OPS.has(n.op) ? constNumbers(scope, ins[0], depth + 1) : undefined;
  }
}

const boundScopes = new WeakMap<TfNodeDef, WeakMap<Scope, Scope>>();
const boundLevel = new WeakMap<Scope, number>();
const boundCount = new WeakMap<TfGraphModel, number>();
const BOUND_NESTING = 16;
const BOUND_SCOPES = 1024;
/**
 * A function's body as one call runs it (for the number evaluator): each argument whose value the caller's input
 * folds to is a constant of that value (its dtype the call's Tin, its shape the input's); the others stay arguments.
 */
function boundScope(caller: Scope, call: TfNodeDef, fname: string | undefined, first: number, depth: number): Scope | undefined {
  const fs = fname !== undefined ? caller.owner?.scopes.get(fname) : undefined;
  if (!fs?.fn) return undefined;
  let byCaller = boundScopes.get(call);
  if (!byCaller) boundScopes.set(call, (byCaller = new WeakMap()));
  const hit = byCaller.get(caller);
  if (hit && hit.fn === fs.fn) return hit;
  // (bounded: calls nested in bound bodies at most BOUND_NESTING deep, BOUND_SCOPES bodies bound per model)
  const level = (boundLevel.get(caller) ?? 0) + 1;
  const made = fs.owner ? (boundCount.get(fs.owner) ?? 0) : 0;
  if (level > BOUND_NESTING || made >= BOUND_SCOPES) return undefined;
  if (fs.owner) boundCount.set(fs.owner, made + 1);
  const ins = dataInputs(call);
  const types = call.attr.get("Tin")?.list?.type ?? [];
  const consts: TfNodeDef[] = [];
  fs.fn.inputArgs.forEach((a, k) => {
    const input = ins[k + first];
    const dtype = types[k];
    const v = input !== undefined && dtype !== undefined ? constNumbers(caller, input, depth + 1) : undefined;
    if (!v || dtype === undefined) return;
    const sh = shapeOf(caller, input!, noArgShape, depth + 1);
    const shape = sh?.every((d) => d >= 0) ? sh : v.length === 1 ? [] : [v.length];
    const t: TfTensor = { dtype, strings: [], ints: [], shape };
    if (dtype === 1) t.floats = v;
    else if (dtype === 2) t.doubles = v;
    else if (dtype === 9) t.int64s = v;
    else if (dtype === 10) t.bools = v;
    else if (dtype === 3 || dtype === 4 || dtype === 5 || dtype === 6 || dtype === 17) t.ints = v;
    else return;
    consts.push({ name: a, op: "Const", input: [], device: "", attr: new Map([["value", { tensor: t }], ["dtype", { type: dtype }]]) });
  });
  const sc = new Scope([...fs.nodes, ...consts], `${fs.path}@${call.name}`, fs.fn);
  sc.owner = fs.owner;
  boundLevel.set(sc, level);
  byCaller.set(caller, sc);
  return sc;
}

/** Integer out_types of StringToNumber: [bits, signed]. */
const STRING_TO_INT: Readonly<Record<number, readonly [number, boolean]>> = { 3: [32, true], 9: [64, true], 22: [32, false], 23: [64, false] };

/**
 * One element of StringToNumber as the kernel reads it for its out_type (tsl numbers.cc), or undefined where the
 * kernel refuses it or the reading is not modelled here. Integers as safe_strto32/64/u32/u64: ASCII spaces around,
 * an optional sign (a minus refused for the unsigned types), decimal digits, the type's range (a value beyond 2^53 has
 * no exact number here). Floats as double-conversion reads them (spaces around, under 32 bytes in all): decimal text
 * only here (hex, inf and nan are not evaluated), correctly rounded; float32 is rounded from the text once, so a
 * double lying exactly between two float32 values (where rounding twice may differ) is not evaluated.
 */
function stringToNumber(b: Uint8Array, type: number): number | undefined {
  if (b.length > 4096 || b.some((x) => x >= 0x80 || x === 0)) return undefined;
  const s = String.fromCharCode(...b);
  const core = /^[ \t\n\v\f\r]*([^]*?)[ \t\n\v\f\r]*$/.exec(s)![1]!;
  const int = STRING_TO_INT[type];
  if (int) {
    const m = /^([+-]?)(\d{1,64})$/.exec(core);
    if (!m || (!int[1] && m[1] === "-")) return undefined;
    const v = BigInt(m[1] === "-" ? `-${m[2]}` : m[2]!);
    const lo = int[1] ? -(1n << BigInt(int[0] - 1)) : 0n;
    const hi = (1n << BigInt(int[1] ? int[0] - 1 : int[0])) - 1n;
    const x = Number(v);
    return v >= lo && v <= hi && Number.isSafeInteger(x) ? x : undefined;
  }
  if ((type !== 1 && type !== 2) || b.length >= 32 || !/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(core)) return undefined;
  const d = Number(core);
  if (type === 2) return d;
  const f = Math.fround(d);
  if (f === d || !Number.isFinite(d)) return f;
  if (!Number.isFinite(f)) return Math.abs(d) === 2 ** 128 - 2 ** 103 ? undefined : f;
  // the float32 on d's other side (by its bits), and whether d lies exactly halfway
  const bits = new Uint32Array(new Float32Array([f]).buffer)[0]!;
  const away = (d > f) === (f > 0 || (f === 0 && !Object.is(f, -0)));
  const g = f === 0 ? (d > 0 ? 2 ** -149 : -(2 ** -149)) : new Float32Array(new Uint32Array([away ? bits + 1 : bits - 1]).buffer)[0]!;
  return Number.isFinite(g) && Math.abs(d - f) === Math.abs(g - d) ? undefined : f;
}

/** The binary arithmetic ops both evaluators fold (arith). */
const ARITH_OPS = new Set(["RealDiv", "Div", "Mul", "Add", "AddV2", "Sub", "Maximum", "Minimum", "FloorMod", "Mod", "TruncateMod", "FloorDiv", "TruncateDiv", "BitwiseAnd", "BitwiseOr", "BitwiseXor"]);

/**
 * A binary arithmetic op on two numbers as the kernel computes it for the node's dtype (its T attr): integer
 * results wrap to the type's width (two's complement), integer division and remainder truncate or floor as
 * the op says, Maximum/Minimum propagate NaN. Undefined where not exact (an integer beyond 2^53, a division
 * by zero in integers).
 */
function arith(node: TfNodeDef, x: number, y: number): number | undefined {
  const op = node.op;
  const t = node.attr.get("T")?.type;
  if (t !== undefined && INT_DTYPES[t] !== undefined) return intArith(op, t, x, y);
  if (op.startsWith("Bitwise")) return undefined;
  // floats: the operands as the kernel sees them (a subnormal reads as zero), one rounding per operation
  const fx = t !== undefined ? flushFloat(x, t) : x;
  const fy = t !== undefined ? flushFloat(y, t) : y;
  const round = (r: number) => (t !== undefined ? floatResult(r, t) : r);
  if (op === "Mul") return round(fx * fy);
  if (op === "Add" || op === "AddV2") return round(fx + fy);
  if (op === "Sub") return round(fx - fy);
  // the kernel's comparison: NaN propagates, and on a tie (0 and -0) the first operand
  if (op === "Maximum" || op === "Minimum") return Number.isNaN(fx) || Number.isNaN(fy) ? NaN : (op === "Maximum" ? fx < fy : fy < fx) ? fy : fx;
  if (op === "Mod" || op === "TruncateMod" || op === "FloorMod") {
    // the truncated remainder (fmod), moved by the divisor when the signs differ (FloorMod); a float64
    // subnormal operand is not modelled (the library fmod keeps it, the kernel's comparisons flush it)
    if (t === 2 && (fx !== x || fy !== y)) return undefined;
    const m = fx % fy;
    const moved = op === "FloorMod" && m !== 0 && !Number.isNaN(m) && m < 0 !== fy < 0;
    return moved ? round(m + fy) : round(m);
  }
  // FloorDiv/TruncateDiv: the quotient rounded to the dtype first, then floored or truncated
  if (op === "FloorDiv") return Math.floor(round(fx / fy));
  if (op === "TruncateDiv") return Math.trunc(round(fx / fy));
  return round(fx / fy);
}

/** Integer arithmetic, exact (BigInt) and wrapped to the dtype's width; undefined for a division by zero (refused) or operands that are not exact. */
function intArith(op: string, t: number, x: number, y: number): number | undefined {
  if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y)) return undefined;
  const [a, b] = [BigInt(x), BigInt(y)];
  const divides = op === "RealDiv" || op === "Div" || op.endsWith("Mod") || op.endsWith("Div");
  if (divides && b === 0n) return undefined;
  let r: bigint;
  if (op === "Mul") r = a * b;
  else if (op === "Add" || op === "AddV2") r = a + b;
  else if (op === "Sub") r = a - b;
  else if (op === "Maximum") r = a < b ? b : a;
  else if (op === "Minimum") r = b < a ? b : a;
  else if (op === "BitwiseAnd") r = a & b;
  else if (op === "BitwiseOr") r = a | b;
  else if (op === "BitwiseXor") r = a ^ b;
  else if (op === "Mod" || op === "TruncateMod") r = a % b;
  else if (op === "FloorMod") {
    const m = a % b;
    r = m !== 0n && m < 0n !== b < 0n ? m + b : m;
  } else if (op === "FloorDiv") {
    const q = a / b;
    r = q * b !== a && a < 0n !== b < 0n ? q - 1n : q;
  } else r = a / b; // TruncateDiv, Div and RealDiv on integers truncate
  return wrapInt(r, t);
}

/** A float operand as the CPU kernels read it: a subnormal of the compute type (float32 for float32/float16/bfloat16, float64) reads as a zero of its sign. */
function flushFloat(x: number, t: number): number {
  const min = t === 2 ? 2 ** -1022 : t === 1 || t === 19 || t === 14 ? 2 ** -126 : 0;
  return x !== 0 && Math.abs(x) < min ? (x < 0 ? -0 : 0) : x;
}

/** The dtype whose subnormals the Cast and Min/Max kernels read as zero (float and double), else -1 (none). */
function kernelFlushes(t: number | undefined): number {
  return t === 1 || t === 2 ? t : -1;
}

/** A float result as the kernel makes it: rounded to its compute type (float32 for float16/bfloat16 too), a subnormal flushed to zero, then rounded to the dtype. */
function floatResult(r: number, t: number): number {
  if (t !== 1 && t !== 2 && t !== 19 && t !== 14) return r;
  const f = flushFloat(t === 2 ? r : Math.fround(r), t);
  return t === 2 || t === 1 ? f : roundFloat(f, t);
}

/** Neg or Abs as the kernel computes it for the node's dtype: an integer wraps (the negation of the type's minimum is itself). */
function unary(node: TfNodeDef, x: number): number | undefined {
  const t = node.attr.get("T")?.type;
  const r = node.op === "Neg" ? -x : Math.abs(x);
  if (t !== undefined && INT_DTYPES[t] !== undefined) return Number.isInteger(x) ? wrapInt(r, t) : undefined;
  return t !== undefined ? roundFloat(r, t) : r;
}

/** A number as a float DataType holds it: float32 (Math.fround), float16 and bfloat16 (round to nearest even); others as they are. */
function roundFloat(x: number, dtype: number): number {
  if (dtype === 1) return Math.fround(x);
  if (dtype !== 19 && dtype !== 14) return x;
  if (!Number.isFinite(x) || x === 0) return x;
  const [mant, minExp, max] = dtype === 19 ? [10, -14, 65504] : [7, -126, 3.3895313892515355e38];
  const a = Math.abs(x);
  const e = Math.max(Math.floor(Math.log2(a)), minExp);
  const quantum = 2 ** (e - mant);
  const q = a / quantum;
  const fl = Math.floor(q);
  const d = q - fl;
  const r = (d > 0.5 || (d === 0.5 && fl % 2 === 1) ? fl + 1 : fl) * quantum;
  const over = dtype === 19 ? 65520 : max * (1 + 2 ** -8);
  return Math.sign(x) * (r >= over ? Infinity : r);
}

/** The float of a DataType next to r toward zero (r a value of that type): one unit in the last place less in magnitude. */
function towardZero(r: number, dtype: number): number {
  if (r === 0 || !Number.isFinite(r)) return r;
  const [mant, minExp] = dtype === 19 ? [10, -14] : dtype === 14 ? [7, -126] : dtype === 1 ? [23, -126] : [52, -1022];
  const a = Math.abs(r);
  let e = Math.max(Math.floor(Math.log2(a)), minExp);
  // at a power of two the spacing below is half the spacing above
  if (a === 2 ** e && e > minExp) e -= 1;
  return Math.sign(r) * (a - 2 ** (e - mant));
}

/** An integer as a DataType of INT_DTYPES holds it (wrapped to its width); undefined when not exact (a number beyond 2^53, a result beyond it). */
function wrapInt(x: number | bigint, dtype: number): number | undefined {
  const d = INT_DTYPES[dtype];
  if (!d) return undefined;
  if (typeof x === "number" && (!Number.isFinite(x) || !Number.isInteger(x) || Math.abs(x) > Number.MAX_SAFE_INTEGER)) return undefined;
  const bits = d[0] * 8;
  const w = d[1] ? BigInt.asIntN(bits, BigInt(x)) : BigInt.asUintN(bits, BigInt(x));
  const n = Number(w);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * Samplers whose kernels retry until a draw is accepted (the input whose value decides it): a NaN rate or
 * count is never accepted (RandomPoisson's rejection loop, StatelessRandomBinomial's), so they end only
 * when that input is provably finite.
 */
const RETRY_SAMPLERS: Readonly<Record<string, number>> = { RandomPoisson: 1, RandomPoissonV2: 1, StatelessRandomPoisson: 2, StatelessRandomBinomial: 2, RandomBinomial: 3 };

function tensorName(n: TfNodeDef): string {
  const name = n.attr.get("tensor_name")?.s;
  return name ? decodeUtf8(name) : "";
}

const RECV_OPS = new Set(["_Recv", "_HostRecv", "Recv", "HostRecv"]);
const SEND_OPS = new Set(["_Send", "_HostSend", "Send", "HostSend"]);
const LOOP_OPS = new Set(["While", "StatelessWhile", "_While"]);

/**
 * Waits and endless runs that are not ops of the catalogue: a receive whose tensor no op of the model sends
 * (a local _Recv waits forever), a While whose condition is a constant (an endless loop, or one that never
 * runs its body), and a dataset reduced in full over an endless repeat. Each is an availability judgement.
 */
function endlessRun(model: TfGraphModel, index: WaitIndex, scope: Scope, node: TfNodeDef): TfNodeJudgement | undefined {
  const halt = (message: string, evidence: string): TfNodeJudgement => ({ kind: "availability", severity: "medium", capabilities: ["global-state"], message, evidence });
  const huge = hugeTensor(scope, node);
  if (!huge) {
    // fail closed on sizes as on paths: a size operand the file fixes (computed from its constants only) by an op
    // the evaluator does not compute may be any size
    const at = Object.hasOwn(SIZE_OPERANDS, node.op) ? SIZE_OPERANDS[node.op] : SHAPED_DRAWS.test(node.op) ? 0 : undefined;
    for (const k of at === undefined ? [] : typeof at === "number" ? [at] : at) {
      const input = dataInputs(node)[k];
      const src = input !== undefined ? scope.byName.get(nodePart(input)) : undefined;
      if (!src || constNumbers(scope, input) !== undefined || !localConstantsOnly(scope, src) || boundedSize(scope, node, k, input!)) continue;
      return halt(`${node.op} ${node.name} makes a tensor whose size the file fixes but the scanner does not compute (from ${src.op} ${src.name}: an op not evaluated, or a variable the file gives several values or writes with such an op): it may exhaust the memory of the process`, `${node.op}(size from ${src.op} ${src.name})`);
    }
  }
  if (huge?.unmeasured) {
    const gib = Math.floor(huge.bytes / 2 ** 30);
    return halt(`${node.op} ${node.name} makes a string tensor of shape [${huge.dims.join(", ")}] from the file's constants whose elements' length the scanner does not compute: at ${UNMEASURED_STRING / 1024} KiB each, ${gib} GiB; it may exhaust the memory of the process`, `${node.op}(shape=[${huge.dims.join(", ")}], strings of unknown length)`);
  }
  if (huge) return halt(`${node.op} ${node.name} makes a tensor of shape [${huge.dims.join(", ")}], ${Math.floor(huge.bytes / 2 ** 30)} GiB: the process runs out of memory`, `${node.op}(shape=[${huge.dims.join(", ")}], ${Math.floor(huge.bytes / 2 ** 30)} GiB)`);
  if (RECV_OPS.has(node.op)) {
    // a send meets the receive only when it runs in the same step: an op of the receive's own scope that
    // the receive depends on (the step runs it first; anything else may be pruned or dead)
    const tn = tensorName(node);
    const dead = index.hasDeadness(scope.nodes);
    for (const x of ancestors(scope, node)) {
      const s = scope.byName.get(x);
      if (s && SEND_OPS.has(s.op) && tensorName(s) === tn && (!dead || provablyLive(scope, s))) return undefined;
    }
    const why = index.sent.has(tn) ? "that no op it depends on makes in the same step" : "that no op of the model makes";
    return halt(`${node.op} waits for a send of tensor ${JSON.stringify(cut(tn, 60))} ${why} (forever)`, `${node.op}(tensor_name=${JSON.stringify(cut(tn, 60))})`);
  }
  if (Object.prototype.hasOwnProperty.call(RETRY_SAMPLERS, node.op)) {
    const param = dataInputs(node)[RETRY_SAMPLERS[node.op]!];
    // a constant, or the value restored from the checkpoint into a variable nothing writes
    const v = constNumbers(scope, param) ?? (param !== undefined ? model.restoredNumbers(scope, param) : undefined);
    if (!v || !v.every((x) => Number.isFinite(x))) {
      return halt(`${node.op} ${node.name} retries each draw until it is accepted, which never happens for a NaN parameter, and its parameter is ${v ? "not finite" : "not a finite constant here"}: it may never end`, `${node.op}(${v ? "non-finite parameter" : "parameter not known finite"})`);
    }
    return undefined;
  }
  const unique = node.attr.get("unique");
  if (node.op === "FixedUnigramCandidateSampler" && (unique?.b === true || unique?.placeholder !== undefined)) {
    // unique draws: the kernel draws until it has num_sampled distinct candidates, forever when fewer have
    // weight (attrs left to a caller are taken at their worst)
    const ph = (k: string) => node.attr.get(k)?.placeholder !== undefined;
    const want = ph("num_sampled") ? Infinity : (node.attr.get("num_sampled")?.i ?? 0);
    const vocab = ph("vocab_file") ? new Uint8Array([0x3f]) : node.attr.get("vocab_file")?.s;
    const weights = ph("unigrams") ? [] : (node.attr.get("unigrams")?.list?.f ?? []);
    const positive = weights.filter((w) => w > 0).length;
    if (want > 1 && (vocab?.length || positive < want)) {
      return halt(`${node.op} ${node.name} draws ${want} distinct candidates and ${vocab?.length ? "its weights come from a file" : `only ${positive} have weight`}: it may never end`, `${node.op}(unique, num_sampled=${want}, ${vocab?.length ? "vocab_file" : `${positive} weighted`})`);
    }
    return undefined;
  }
  if (LOOP_OPS.has(node.op)) {
    const cond = node.attr.get("cond")?.func?.name;
    const fs = cond ? model.scopes.get(cond) : undefined;
    if (!fs?.fn) return undefined;
    const byName = fs.byName;
    for (const out of fs.fn.ret.values()) {
      const n = skipThrough(fs, byName.get(nodePart(out)), (x) => PASS_THROUGH_OPS.has(x.op));
      if (n?.op === "Const") return halt(`${node.op} ${node.name} loops on a constant condition (${cond}): it never ends, or never runs its body`, `${node.op}(cond=${cond} returns Const ${n.name})`);
    }
    // the condition's value computed from constants and from loop variables the body hands back unchanged
    // (their value on entry): true on entry and unchanged by the body, the loop never ends
    const bodyName = node.attr.get("body")?.func?.name;
    const body = bodyName ? model.scopes.get(bodyName) : undefined;
    const ins = dataInputs(node);
    const bodyFn = body?.fn;
    const env = (k: number): CondValue => (bodyFn && loopInvariant(body!, bodyFn.ret.get(bodyFn.outputArgs[k] ?? ""), k) && ins[k] !== undefined ? evalCond(scope, ins[k]!, () => undefined, 0) : undefined);
    const first = fs.fn.outputArgs[0];
    const ret = first !== undefined ? fs.fn.ret.get(first) : undefined;
    if (ret !== undefined && body && condScalar(scope, fs, body, ins, ret) && truth(evalCond(fs, ret, env, 0)) === true) {
      return halt(`${node.op} ${node.name} loops on a condition that is true on entry and that no iteration changes (${cond}): it never ends`, `${node.op}(cond=${cond} always true)`);
    }
    // a counted loop: a counter the body steps by a constant against a bound (i < 2**62, i != 7 by 2); a loop
    // inside another loop's body runs its count once per outer iteration
    const bound: { upper?: boolean } = {};
    const own = ret !== undefined && body?.fn ? loopTrips(model, scope, fs, body, node, ins, ret, bound) : undefined;
    const all = own !== undefined && own > 0 ? own * enclosingTrips(model, scope, 0) : own;
    // an upper bound decides only "ends"
    const trips = bound.upper && all !== undefined && all >= LOOP_ASTRONOMICAL ? undefined : all;
    if (trips !== undefined && trips >= LOOP_ASTRONOMICAL) {
      const what = trips === Infinity ? "its counter never meets the bound" : `it counts about 2^${Math.floor(Math.log2(trips))} iterations`;
      return halt(`${node.op} ${node.name} loops on a counter (${cond}): ${what}, it does not end in practice`, `${node.op}(cond=${cond}, ${trips === Infinity ? "endless count" : `about 2^${Math.floor(Math.log2(trips))} iterations`})`);
    }
    // a loop variable the body makes several copies of itself (concat([x, x]), tile(x, [2])): its size after the
    // loop's turns (the turns a known count, an upper bound not: it decides only "ends")
    if (trips !== undefined && trips > 1 && trips !== Infinity && body?.fn && !bound.upper) {
      const grown = loopGrowth(scope, body, ins, own!, trips);
      if (grown) return halt(`${node.op} ${node.name} runs about 2^${Math.floor(Math.log2(grown.trips))} iterations that each multiply the size of loop variable ${grown.k} by ${grown.factor}: at least 2^${Math.floor(grown.log2bytes)} bytes, the process runs out of memory`, `${node.op}(cond=${cond}, variable ${grown.k} x${grown.factor} per iteration, 2^${Math.floor(grown.log2bytes)} bytes)`);
    }
    // fewer iterations that each multiply large matrices: the work in all (a lower bound: matrix products only)
    const work = trips !== undefined && trips > 1 && body && !bound.upper ? trips * bodyWork(scope, body, node, ins) : 0;
    if (work >= LOOP_WORK) {
      return halt(`${node.op} ${node.name} runs about 2^${Math.floor(Math.log2(trips!))} iterations of heavy work (matrix products, tensors made element by element): at least 2^${Math.floor(Math.log2(work))} operations in all, it does not end in practice`, `${node.op}(cond=${cond}, about 2^${Math.floor(Math.log2(trips!))} iterations, 2^${Math.floor(Math.log2(work))} operations)`);
    }
    // autograph's loop over a dataset (`for x in ds`): the flag it runs on is whether this iteration's read found an
    // element, so it ends with the dataset (an endless one is reported on its IteratorGetNextAsOptional)
    const flagArg = ret !== undefined ? throughIdentities(fs, ret) : undefined;
    const flag = flagArg !== undefined && !fs.byName.has(flagArg) ? fs.argIndex.get(flagArg) : undefined;
    if (trips === undefined && flag !== undefined && bodyFn && iteratorHasValue(body!, bodyFn.ret.get(bodyFn.outputArgs[flag] ?? ""), 0)) return undefined;
    if (trips === undefined) return undecided(halt(`${node.op} ${node.name} runs at load on a condition (${cond}) the scanner cannot evaluate: nothing shows that it ends`, `${node.op}(cond=${cond}, end not verified)`));
    return undefined;
  }
  if (node.op === "LoopCond") {
    // a TF1 loop: run here like a While
    const shape = v1Loop(model, scope, node);
    const trips = shape ? simulateLoop(shape) : undefined;
    if (trips !== undefined && trips >= LOOP_ASTRONOMICAL) {
      const what = trips === Infinity ? "it never ends" : `it counts about 2^${Math.floor(Math.log2(trips))} iterations`;
      return halt(`${node.op} ${node.name} (a TF1 while loop) loops on a condition its variables never leave: ${what}`, `${node.op}(${trips === Infinity ? "endless" : `about 2^${Math.floor(Math.log2(trips))} iterations`})`);
    }
    if (trips === undefined) return undecided(halt(`${node.op} ${node.name} (a TF1 while loop) runs at load on a condition the scanner cannot evaluate: nothing shows that it ends`, `${node.op}(end not verified)`));
    return undefined;
  }
  const role = DATASET_ROLES.get(node.op);
  if (role === "drains" || role === "one") {
    const input = dataInputs(node)[DATASET_INPUT[node.op] ?? 0];
    const f = input !== undefined ? datasetFlow(model, scope, input, 0) : {};
    if (role === "drains" && (f.endless || f.starves || f.stalls)) {
      const why = f.endless ?? f.starves ?? f.stalls!;
      return halt(`${node.op} ${node.name} iterates to its end a dataset that never ends (${why})`, `${node.op}(${why})`);
    }
    if (f.starves) return halt(`${node.op} ${node.name} reads an element of a dataset that may never yield one (${f.starves})`, `${node.op}(${f.starves})`);
    return undefined;
  }
  if (GET_NEXT_OPS.has(node.op)) {
    // an iterator's next element never comes from a dataset that starves; a loop over an endless one (the
    // autograph `for x in dataset` loop reads IteratorGetNextAsOptional in a While body) never ends
    const inLoop = node.op === "IteratorGetNextAsOptional" && scope.fn !== undefined && (model.callSites.get(scope.fn.name) ?? []).some((s) => LOOP_OPS.has(s.node.op));
    for (const d of iteratorDatasets(model, scope, dataInputs(node)[0] ?? "", 0)) {
      const f = datasetFlow(model, d.scope, d.input, 0);
      if (f.starves) return halt(`${node.op} ${node.name} reads the next element of a dataset that may never yield one (${f.starves})`, `${node.op}(${f.starves})`);
      const never = f.endless ?? f.stalls;
      if (inLoop && never) return halt(`${node.op} ${node.name} is read in a loop over a dataset that never ends (${never})`, `${node.op}(loop over ${never})`);
    }
  }
  return undefined;
}

/**
 * A scalar as the evaluators know it. `approx`: computed through a function whose last bit the kernel's own
 * approximation decides (Exp, Log, ...), so only comparisons far from equality are decided with it; its value is
 * the largest magnitude of the approximate values it came from (a difference of two may cancel to almost nothing
 * while their error stays that of the operands).
 */
type CondValue = { b?: boolean; n?: number; approx?: number } | undefined;

/** Two values too close for a comparison to be decided when either is approximate (a few bfloat16 ulps of the
 * largest magnitude involved, `mag` that of the approximate values they came from). */
function tooClose(a: number, c: number, mag = 0): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(c)) return false;
  return Math.abs(a - c) <= 2 ** -6 * Math.max(Math.abs(a), Math.abs(c), Number.isFinite(mag) ? mag : 0, 2 ** -126);
}

/**
 * Loops whose end the scanner could not establish (a condition through values or ops it does not evaluate):
 * reported where they run at load, where nothing feeds them and a hang stops tf.saved_model.load, and where when
 * they run is not known (fail closed); at inference a loop bounded by its input (an RNN over the sequence length)
 * is ordinary and stays quiet.
 */
const UNDECIDED_LOOPS = new WeakSet<TfNodeJudgement>();
function undecided(j: TfNodeJudgement): TfNodeJudgement {
  UNDECIDED_LOOPS.add(j);
  return j;
}

/**
 * Iterations beyond which a loop does not end in practice: 2^32 (a While iteration costs TensorFlow's executor
 * a microsecond or more, so over an hour; measured at about 3 us on this machine's CPU: 2^39 iterations are
 * weeks). Dataset elements keep ASTRONOMICAL.
 */
const LOOP_ASTRONOMICAL = 2 ** 32;

/**
 * How many times the function a While sits in is run by loops around it: the product of the trip counts of the
 * While ops whose body it is (their counts where known; 1 where not, or where called from elsewhere too).
 */
function enclosingTrips(model: TfGraphModel, scope: Scope, depth: number): number {
  if (!scope.fn || depth > 64) return 1;
  const sites = model.callSites.get(scope.fn.name) ?? [];
  if (sites.length !== 1) return 1;
  const site = sites[0]!;
  if (!LOOP_OPS.has(site.node.op) || site.node.attr.get("body")?.func?.name !== scope.fn.name) return 1;
  const cs = model.scopes.get(site.node.attr.get("cond")?.func?.name ?? "");
  const first = cs?.fn?.outputArgs[0];
  const ret = first !== undefined ? cs!.fn!.ret.get(first) : undefined;
  const bound: { upper?: boolean } = {};
  const t = ret !== undefined ? loopTrips(model, site.scope, cs!, scope, site.node, dataInputs(site.node), ret, bound) : undefined;
  // (an upper bound of the enclosing count does not multiply: it would overstate the inner loop's)
  return t === undefined || t < 1 || bound.upper ? 1 : t * enclosingTrips(model, site.scope, depth + 1);
}

/**
 * Multiply-adds beyond which a loop does not end in practice: 2^46 (about 7e13; a CPU core does some 1e10 a second,
 * so about two hours; measured here: a 1024^3 float32 matmul, 2^30 multiply-adds, takes 32 ms).
 */
const LOOP_WORK = 2 ** 46;

/**
 * The least work one iteration of a While's body does: the multiply-adds of its matrix products whose operand shapes
 * are known (constants, fills, loop variables by their entry shapes and the While's output_shapes), and an element's
 * work for each element every other op of a known output shape makes.
 */
function bodyWork(outer: Scope, body: Scope, node: TfNodeDef, ins: string[]): number {
  const declared = node.attr.get("output_shapes")?.list?.shape;
  const argShape = (k: number): number[] | undefined => {
    const d = declared?.[k];
    if (d && d.every((x) => x >= 0)) return d;
    const x = ins[k];
    return x !== undefined && !x.startsWith("^") ? shapeOf(outer, x, noArgShape, 0) : undefined;
  };
  let work = 0;
  for (const n of body.nodes) {
    if (n.op !== "MatMul" && !/^BatchMatMul(?:V[23])?$/.test(n.op)) continue;
    const [a, b] = dataInputs(n).map((i) => shapeOf(body, i, argShape, 0));
    if (!a || !b || a.length < 2 || b.length < 2) continue;
    const ta = n.attr.get("transpose_a")?.b === true || n.attr.get("adj_x")?.b === true;
    const tb = n.attr.get("transpose_b")?.b === true || n.attr.get("adj_y")?.b === true;
    const [m, k] = ta ? [a.at(-1)!, a.at(-2)!] : [a.at(-2)!, a.at(-1)!];
    const nn = tb ? b.at(-2)! : b.at(-1)!;
    const batch = a.slice(0, -2).reduce((x, d) => x * d, 1);
    work += batch * m * k * nn;
  }
  // every other op that makes a tensor of a known shape works at least once per element (a fill, element-wise
  // arithmetic, a draw, a segment sum ...)
  for (const n of body.nodes) {
    if (n.op === "MatMul" || /^BatchMatMul(?:V[23])?$/.test(n.op) || n.op === "Const" || n.op === "HostConst" || VIEW_OPS.has(n.op)) continue;
    const sh = shapeOf(body, n.name, argShape, 0);
    if (sh?.length && sh.every((d) => Number.isSafeInteger(d) && d >= 0)) work += sh.reduce((x, d) => x * d, 1);
  }
  return work;
}

/**
 * A loop variable whose next value is several copies of itself (ConcatV2 of it with itself, Tile by constant
 * multiples): its bytes after `trips` turns from its entry size, when that reaches TENSOR_MEMORY.
 */
function loopGrowth(outer: Scope, body: Scope, ins: string[], own: number, all: number): { k: number; factor: number; log2bytes: number; trips: number } | undefined {
  const fn = body.fn!;
  for (let k = 0; k < fn.outputArgs.length && k < 64; k++) {
    const ret = fn.ret.get(fn.outputArgs[k]!);
    const n = ret !== undefined ? body.byName.get(throughIdentities(body, ret)) : undefined;
    if (!n) continue;
    const isSelf = (i: string | undefined) => i !== undefined && !body.byName.has(throughIdentities(body, i)) && body.argIndex.get(throughIdentities(body, i)) === k;
    // a part at least as large as the variable: the variable, or an element-wise transform of it (a cast, a
    // unary op, arithmetic with a scalar or an operand of its own shape), so a concat of such parts grows it
    const selfSized = (i: string | undefined, d = 0): boolean => {
      if (isSelf(i)) return true;
      const m = i !== undefined && d < 8 ? body.byName.get(throughIdentities(body, i)) : undefined;
      if (!m) return false;
      const mi = dataInputs(m);
      if (SAME_SHAPE_OPS.has(m.op) || m.op === "ZerosLike" || m.op === "OnesLike" || m.op === "ReverseV2") return selfSized(mi[0], d + 1);
      if (ARITH_OPS.has(m.op) || m.op === "SquaredDifference" || m.op === "Pow") {
        return mi.slice(0, 2).some((x, j) => {
          if (!selfSized(x, d + 1)) return false;
          const other = shapeOf(body, mi[1 - j] ?? "", noArgShape, 0);
          return other !== undefined && other.every((e) => e === 1) ? true : selfSized(mi[1 - j], d + 1);
        });
      }
      return false;
    };
    let factor = 1;
    if (n.op === "ConcatV2") {
      const parts = dataInputs(n).slice(0, -1);
      if (parts.length < 2 || !parts.every((x) => selfSized(x))) continue;
      factor = parts.length;
    } else if (n.op === "StringJoin" && dataInputs(n).filter((x) => isSelf(x)).length >= 2) {
      // a string joined with itself: its length multiplies each turn (the bytes are the string's, not elements)
      factor = dataInputs(n).filter((x) => isSelf(x)).length;
      const len = ins[k] !== undefined ? stringLength(outer, ins[k]!) : undefined;
      const trips = own;
      if (trips < 2) continue;
      const log2bytes = Math.log2(Math.max(len ?? 1, 1)) + trips * Math.log2(factor);
      if (log2bytes >= Math.log2(TENSOR_MEMORY)) return { k, factor, log2bytes, trips };
      continue;
    } else if (n.op === "Tile" && isSelf(dataInputs(n)[0])) {
      const m = constNumbers(body, dataInputs(n)[1]);
      if (!m?.length || m.some((x) => !Number.isSafeInteger(x) || x < 1)) continue;
      factor = m.reduce((a, x) => a * x, 1);
    } else continue;
    if (factor < 2) continue;
    const entry = ins[k] !== undefined ? shapeOf(outer, ins[k]!, noArgShape, 0) : undefined;
    const dtype = outputDtype(n);
    // (a known empty dimension stays empty however often it is copied; an unknown one counts as one element)
    const size0 = (entry ? entry.reduce((a, d) => a * (d < 0 ? 1 : d), 1) : 1) * (dtype !== undefined ? (DTYPE_BYTES[dtype] ?? UNKNOWN_DTYPE_BYTES) : UNKNOWN_DTYPE_BYTES);
    // the variable grows for the loop's own turns; through the enclosing loops' turns too only when it enters from
    // a value they carry (an argument of the enclosing body): one made inside that body restarts each outer turn
    const carried = ins[k] !== undefined && !outer.byName.has(throughIdentities(outer, ins[k]!)) && outer.argIndex.has(throughIdentities(outer, ins[k]!));
    const trips = carried ? all : own;
    if (trips < 2) continue;
    const log2bytes = Math.log2(size0) + trips * Math.log2(factor);
    if (log2bytes >= Math.log2(TENSOR_MEMORY)) return { k, factor, log2bytes, trips };
  }
  return undefined;
}

/** A value's static shape where it is known: constants, fills, arguments (argShape), identities, elementwise ops of one shape. */
function shapeOf(scope: Scope, input: string, argShape: (k: number) => number[] | undefined, depth: number): number[] | undefined {
  // memoised per argument shapes, scope and input: operands shared along a chain are inferred once (a graph
  // where each value adds the previous one to itself would otherwise be walked 2^depth times)
  let byScope = shapeMemo.get(argShape);
  if (!byScope) shapeMemo.set(argShape, (byScope = new WeakMap()));
  let memo = byScope.get(scope);
  if (!memo) byScope.set(scope, (memo = new Map()));
  if (memo.has(input)) return memo.get(input);
  const r = shapeOfIn(scope, input, argShape, depth);
  memo.set(input, r);
  return r;
}

/** No argument's shape known (the root graph, a loop's outer scope). */
const noArgShape = (): number[] | undefined => undefined;
const shapeMemo = new WeakMap<(k: number) => number[] | undefined, WeakMap<Scope, Map<string, number[] | undefined>>>();

function shapeOfIn(scope: Scope, input: string, argShape: (k: number) => number[] | undefined, depth: number): number[] | undefined {
  if (depth > 32) return undefined;
  const name = nodePart(input);
  const n = scope.byName.get(name);
  if (!n) {
    const k = scope.argIndex.get(name);
    return k !== undefined ? argShape(k) : undefined;
  }
  const ins = dataInputs(n);
  const sh = (i: number) => (ins[i] !== undefined ? shapeOf(scope, ins[i]!, argShape, depth + 1) : undefined);
  const dimsOf = (i: number) => {
    const d = constNumbers(scope, ins[i], depth + 1);
    return d?.every((x) => Number.isSafeInteger(x) && x >= 0) ? d : undefined;
  };
  if (n.op === "Const" || n.op === "HostConst") return n.attr.get("value")?.tensor?.shape ?? [];
  if (n.op === "Fill" || n.op === "Empty" || SHAPED_DRAWS.test(n.op)) return dimsOf(0);
  if (n.op === "BroadcastTo" || n.op === "Reshape") return dimsOf(1);
  if (SAME_SHAPE_OPS.has(n.op) || n.op === "ZerosLike" || n.op === "OnesLike") return sh(0);
  if (n.op === "Tile") {
    const [a, m] = [sh(0), dimsOf(1)];
    return a && m && a.length === m.length ? a.map((d, i) => d * m[i]!) : undefined;
  }
  if (n.op === "MatMul" || /^BatchMatMul(?:V[23])?$/.test(n.op)) {
    const [a, b] = [sh(0), sh(1)];
    if (!a || !b || a.length < 2 || b.length < 2) return undefined;
    const ta = n.attr.get("transpose_a")?.b === true || n.attr.get("adj_x")?.b === true;
    const tb = n.attr.get("transpose_b")?.b === true || n.attr.get("adj_y")?.b === true;
    // the batch dimensions broadcast (BatchMatMulV2/V3: [1, m, k] x [n, k, p] is n products)
    const batch = n.op === "MatMul" ? [] : broadcastShapes(a.slice(0, -2), b.slice(0, -2));
    return batch ? [...batch, ta ? a.at(-1)! : a.at(-2)!, tb ? b.at(-2)! : b.at(-1)!] : undefined;
  }
  // elementwise ops broadcast their operands ([n, 1] + [1, n] is n x n)
  if (ARITH_OPS.has(n.op) || COMPARE_OPS.has(n.op) || n.op === "SelectV2" || n.op === "LogicalAnd" || n.op === "LogicalOr" || n.op === "SquaredDifference" || n.op === "Pow" || n.op === "Atan2") {
    return ins.reduce<number[] | undefined>((acc, _, i) => (acc ? broadcastShapes(acc, sh(i)) : undefined), []);
  }
  if (n.op === "Pad" || n.op === "PadV2" || n.op === "MirrorPad") {
    const [a, pads] = [sh(0), constNumbers(scope, ins[1], depth + 1)];
    if (!a || !pads || pads.length !== 2 * a.length || pads.some((x) => !Number.isSafeInteger(x) || x < 0)) return undefined;
    return a.map((d, i) => d + pads[2 * i]! + pads[2 * i + 1]!);
  }
  if (n.op === "OneHot") {
    const [a, depthOf] = [sh(0), constNumbers(scope, ins[1], depth + 1)];
    const axis = n.attr.get("axis")?.i ?? -1;
    if (!a || depthOf?.length !== 1 || !Number.isSafeInteger(depthOf[0]) || depthOf[0]! < 0) return undefined;
    const at = axis < 0 ? a.length : axis;
    return at > a.length ? undefined : [...a.slice(0, at), depthOf[0]!, ...a.slice(at)];
  }
  // ops whose output size an operand's value sets (the output shapes of their shape functions)
  if (/^UnsortedSegment(?:Sum|Max|Min|Prod)$/.test(n.op)) {
    const [data, ids, count] = [sh(0), sh(1), constNumbers(scope, ins[2], depth + 1)];
    if (!data || !ids || count?.length !== 1 || !Number.isSafeInteger(count[0]) || count[0]! < 0 || ids.length > data.length) return undefined;
    return [count[0]!, ...data.slice(ids.length)];
  }
  if (n.op === "Bincount") {
    const size = constNumbers(scope, ins[1], depth + 1);
    return size?.length === 1 && Number.isSafeInteger(size[0]) && size[0]! >= 0 ? [size[0]!] : undefined;
  }
  if (n.op === "DenseBincount") {
    const [input, size] = [sh(0), constNumbers(scope, ins[1], depth + 1)];
    if (!input || input.length > 2 || size?.length !== 1 || !Number.isSafeInteger(size[0]) || size[0]! < 0) return undefined;
    return input.length === 2 ? [input[0]!, size[0]!] : [size[0]!];
  }
  if (n.op === "MatrixDiag" || n.op === "MatrixDiagV2" || n.op === "MatrixDiagV3") {
    const diag = sh(0);
    if (!diag?.length) return undefined;
    const len = diag.at(-1)!;
    if (n.op === "MatrixDiag") return [...diag, len];
    const [k, rows, cols] = [1, 2, 3].map((i) => constNumbers(scope, ins[i], depth + 1));
    if (!k || (k.length !== 1 && k.length !== 2) || rows?.length !== 1 || cols?.length !== 1) return undefined;
    // the diagonals k = lower..upper (one, or a band whose diagonals are the input's second-to-last axis), as the
    // kernel sizes them: at least the longest diagonal's length minus min(upper, 0) rows and plus max(lower, 0)
    // columns; neither given, a square of the larger; one given, the other its least
    const [lower, upper] = [k[0]!, k[k.length - 1]!];
    if (!Number.isSafeInteger(lower) || !Number.isSafeInteger(upper) || lower > upper) return undefined;
    const band = lower !== upper;
    if (band && (diag.length < 2 || diag.at(-2) !== upper - lower + 1)) return undefined;
    const minRows = len - Math.min(upper, 0);
    const minCols = len + Math.max(lower, 0);
    const given = (x: number) => x !== -1;
    const r = given(rows[0]!) ? rows[0]! : given(cols[0]!) ? minRows : Math.max(minRows, minCols);
    const c = given(cols[0]!) ? cols[0]! : given(rows[0]!) ? minCols : Math.max(minRows, minCols);
    return r >= 0 && c >= 0 ? [...diag.slice(0, band ? -2 : -1), r, c] : undefined;
  }
  if (/^Resize(?:Bilinear|NearestNeighbor|Bicubic|Area)$/.test(n.op) || n.op === "ScaleAndTranslate") {
    const [img, size] = [sh(0), dimsOf(1)];
    return img?.length === 4 && size?.length === 2 ? [img[0]!, size[0]!, size[1]!, img[3]!] : undefined;
  }
  if (n.op === "Conv2DBackpropInput" || n.op === "Conv3DBackpropInputV2" || n.op === "DepthwiseConv2dNativeBackpropInput") return dimsOf(0);
  if (n.op === "Multinomial" || n.op === "StatelessMultinomial") {
    const [logits, count] = [sh(0), constNumbers(scope, ins[1], depth + 1)];
    return logits?.length === 2 && count?.length === 1 && Number.isSafeInteger(count[0]) && count[0]! >= 0 ? [logits[0]!, count[0]!] : undefined;
  }
  if (n.op === "ScatterNd") return dimsOf(2);
  if (n.op === "SparseToDense") return dimsOf(1);
  if (n.op === "Range") {
    const [a, b, c] = [0, 1, 2].map((i) => constNumbers(scope, ins[i], depth + 1));
    if (a?.length !== 1 || b?.length !== 1 || c?.length !== 1 || c[0] === 0) return undefined;
    const count = Math.ceil((b[0]! - a[0]!) / c[0]!);
    return Number.isFinite(count) ? [Math.max(0, count)] : undefined;
  }
  if (n.op === "LinSpace") {
    const num = constNumbers(scope, ins[2], depth + 1);
    return num?.length === 1 && Number.isSafeInteger(num[0]) && num[0]! >= 0 ? [num[0]!] : undefined;
  }
  if (n.op === "Pack") {
    const parts = ins.map((_, i) => sh(i));
    const first = parts[0];
    return first && parts.every((p) => p && p.length === first.length && p.every((d, i) => d === first[i])) && (n.attr.get("axis")?.i ?? 0) === 0 ? [parts.length, ...first] : undefined;
  }
  if (n.op === "ConcatV2") {
    const parts = ins.slice(0, -1).map((_, i) => sh(i));
    const axis = constNumbers(scope, ins.at(-1), depth + 1)?.[0];
    const first = parts[0];
    if (!first || axis === undefined || parts.some((p) => !p || p.length !== first.length)) return undefined;
    const ax = axis < 0 ? axis + first.length : axis;
    if (ax < 0 || ax >= first.length) return undefined;
    return first.map((d, i) => (i === ax ? parts.reduce((a, p) => a + p![i]!, 0) : d));
  }
  return undefined;
}

/** The comparison ops (their output is bool). */
const COMPARE_OPS = new Set(["Less", "LessEqual", "Greater", "GreaterEqual", "Equal", "NotEqual"]);

/** Two shapes broadcast as the elementwise kernels do (aligned at the right; equal dimensions or 1), or undefined. */
function broadcastShapes(a: number[] | undefined, b: number[] | undefined): number[] | undefined {
  if (!a || !b) return undefined;
  const out: number[] = [];
  for (let i = 1; i <= Math.max(a.length, b.length); i++) {
    const x = a[a.length - i] ?? 1;
    const y = b[b.length - i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return undefined;
    out.unshift(x === 1 ? y : x);
  }
  return out;
}

/** Iterations a loop is run for exactly (its state computed in its dtypes) before its count is extrapolated. */
const SIMULATED_TRIPS = 4096;

/**
 * How many iterations a While runs, where its condition is decided by loop variables whose values fold: the
 * loop is run here, its variables computed as the kernels compute them in their dtypes (a float counter
 * stops growing, an integer wraps, minimum() saturates, a modulo cycles), for up to SIMULATED_TRIPS
 * iterations; a state seen before never ends. Beyond that, a counter the body steps linearly (v + c) is
 * extrapolated (tripCount). Undefined when the condition does not fold.
 */
function loopTrips(model: TfGraphModel, outer: Scope, cond: Scope, body: Scope, node: TfNodeDef, ins: string[], condRet: string, out?: { upper?: boolean }): number | undefined {
  const fn = body.fn!;
  // the kernel reads a condition that is not a scalar by whether it has elements (ToBool): only a provably scalar
  // condition is read by its value
  if (!condScalar(outer, cond, body, ins, condRet)) return undefined;
  const start = ins.map((x) => (x === undefined || x.startsWith("^") ? undefined : entryValue(model, outer, x)));
  const shape: LoopShape = { cond, condRet, body, rets: fn.outputArgs.map((o) => fn.ret.get(o)), start, dtypes: node.attr.get("T")?.list?.type ?? [] };
  const trips = simulateLoop(shape);
  if (out && shape.upper) out.upper = true;
  return trips;
}

/**
 * A loop as the evaluators see it: the condition (a value of `cond` over the loop variables, which are the
 * arguments of cond and body: argIndex), the body's next value of each variable, their entry values and dtypes.
 */
interface LoopShape {
  cond: Scope;
  condRet: string;
  body: Scope;
  rets: Array<string | undefined>;
  /** Entry values: numbers, and booleans as booleans (a flag the body flips). */
  start: CondValue[];
  dtypes: number[];
  /** Set when the count found is an upper bound (a conjunction ends at the latest when its counted part fails). */
  upper?: boolean;
}

/** Reduction axes that name the one axis of a vector (0 or -1). */
function vectorAxis(axes: number[] | undefined): boolean {
  return axes?.length === 1 && (axes[0] === 0 || axes[0] === -1);
}

/** The stack of scalars a value is (a Pack on axis 0), through identities and reductions over no axes. */
function packOf(scope: Scope, input: string, depth = 0): TfNodeDef | undefined {
  const n = scope.byName.get(throughIdentities(scope, input));
  if (!n || depth > 16) return undefined;
  if (n.op === "Pack") return (n.attr.get("axis")?.i ?? 0) === 0 ? n : undefined;
  if (REDUCE_OPS.has(n.op) && constNumbers(scope, dataInputs(n)[1])?.length === 0) return packOf(scope, dataInputs(n)[0] ?? "", depth + 1);
  return undefined;
}

/** A scalar condition as the kernels read it (ToBool): a bool by its value, a number when non-zero (NaN too). */
function truth(v: CondValue): boolean | undefined {
  if (v?.b !== undefined) return v.b;
  return v?.n === undefined || nearZero(v) ? undefined : v.n !== 0;
}

/** An approximate number too close to zero for its zero or non-zero to be known. */
function nearZero(v: CondValue): boolean {
  return v?.n !== undefined && v.approx !== undefined && tooClose(v.n, 0, v.approx);
}

/** Ops whose output has the shape of their first input (a scalar stays a scalar). */
const SAME_SHAPE_OPS = new Set(["Identity", "Snapshot", "StopGradient", "PreventGradient", "CheckNumerics", "CheckNumericsV2", "EnsureShape", "Cast", "LogicalNot", "Neg", "Abs", "Log", "Log1p", "Exp", "Sqrt", "Square", "Sign", "Enter", "RefEnter"]);
/** Elementwise ops of two or three operands (broadcasting: a scalar only from scalars). */
const ELEMENTWISE_OPS = new Set(["Less", "LessEqual", "Greater", "GreaterEqual", "Equal", "NotEqual", "LogicalAnd", "LogicalOr", "Select", "SelectV2", ...ARITH_OPS]);
const REDUCE_OPS = new Set(["All", "Any", "Min", "Max", "Sum", "Prod", "Mean"]);
/** Random ops whose first input is the shape of what they draw. */
const SHAPED_DRAWS = /^(?:RandomUniform(?:Int)?|RandomStandardNormal|TruncatedNormal|StatelessRandom(?:Uniform|Normal|UniformInt|UniformFullInt|TruncatedNormal)(?:V2)?|StatelessTruncatedNormal(?:V2)?)$/;

/**
 * The rank a value provably has, or undefined: a constant's or a fill's, an argument's (argRank), what same-shape
 * and elementwise ops (broadcasting: the larger rank) make of known ranks, a stack (one more), a reduction's (its
 * input's, less the distinct constant axes unless keep_dims), a variable's declared shape, and a branch or call whose
 * every function returns the same rank. A scalar is rank 0.
 */
function rankOf(scope: Scope, input: string, argRank: (k: number) => number | undefined, depth: number): number | undefined {
  if (depth > EVAL_DEPTH) return undefined;
  const name = nodePart(input);
  const node = scope.byName.get(name);
  if (!node) {
    const k = scope.argIndex.get(name);
    return k === undefined ? undefined : (argRank(k) ?? scope.owner?.argRank(scope, name, depth + 1));
  }
  const ins = dataInputs(node);
  const rk = (i: number) => (ins[i] !== undefined ? rankOf(scope, ins[i]!, argRank, depth + 1) : undefined);
  if (node.op === "Const" || node.op === "HostConst") return (node.attr.get("value")?.tensor?.shape ?? []).length;
  if (SAME_SHAPE_OPS.has(node.op)) return rk(0);
  if (ELEMENTWISE_OPS.has(node.op)) {
    const rs = ins.map((_, i) => rk(i));
    return rs.length > 0 && rs.every((r) => r !== undefined) ? Math.max(...(rs as number[])) : undefined;
  }
  if (node.op === "Fill" || node.op === "BroadcastTo") return constNumbers(scope, ins[node.op === "Fill" ? 0 : 1], depth + 1)?.length;
  if (node.op === "OptionalHasValue") return 0;
  // random draws of the shape their first input gives
  if (SHAPED_DRAWS.test(node.op)) return constNumbers(scope, ins[0], depth + 1)?.length;
  if (node.op === "Pack") {
    const rs = ins.map((_, i) => rk(i));
    return rs.length > 0 && rs.every((r) => r !== undefined && r === rs[0]) ? rs[0]! + 1 : undefined;
  }
  if (node.op === "ReadVariableOp") return variableShape(scope, ins[0])?.length;
  if (REDUCE_OPS.has(node.op)) {
    const r = rk(0);
    if (r === undefined) return undefined;
    if (node.attr.get("keep_dims")?.b === true) return r;
    const axes = constNumbers(scope, ins[1], depth + 1);
    if (axes === undefined || axes.some((a) => a < -r || a >= r)) return undefined;
    return r - new Set(axes.map((a) => (a < 0 ? a + r : a))).size;
  }
  if (LOOP_OPS.has(node.op)) {
    // a loop's output k: the rank its variable k enters with, where the body keeps it
    const body = scope.owner?.scopes.get(node.attr.get("body")?.func?.name ?? "");
    return body ? loopRanks(scope, body, ins, argRank, depth + 1).get(portOf(input)) : undefined;
  }
  if (/^(?:Stateless)?(?:If|Case)$|PartitionedCall$/.test(node.op)) {
    const args = ins.slice(/PartitionedCall$/.test(node.op) ? 0 : 1);
    const rs = runnableFunctions(node).map((f) => {
      const r = functionReturn(scope.owner?.scopes, f, input);
      return r ? rankOf(r.scope, r.ret, (j) => (args[j] !== undefined ? rankOf(scope, args[j]!, argRank, depth + 1) : undefined), depth + 1) : undefined;
    });
    return rs.length > 0 && rs.every((r) => r !== undefined && r === rs[0]) ? rs[0] : undefined;
  }
  return undefined;
}

/** The shape a resource handle's variable was declared with (VarHandleOp's shape attr), through identities and function arguments. */
function variableShape(scope: Scope, handle: string | undefined, depth = 0): number[] | undefined {
  if (handle === undefined || depth > 8) return undefined;
  const n = scope.byName.get(throughIdentities(scope, handle));
  if (n?.op === "VarHandleOp") {
    return n.attr.get("shape")?.shape;
  }
  if (n) return undefined;
  const k = scope.argIndex.get(throughIdentities(scope, handle));
  if (k === undefined || !scope.owner) return undefined;
  const shapes = argInputs(scope.owner, scope, throughIdentities(scope, handle)).map((a) => variableShape(a.scope, a.input, depth + 1));
  return shapes.length > 0 && shapes.every((x) => x !== undefined && x.length === shapes[0]!.length && x.every((d, i) => d === shapes[0]![i])) ? shapes[0] : undefined;
}

/**
 * Whether a While's condition is provably a scalar: its loop variables keep the rank they enter with (by
 * induction: the body's next value has that rank when they all do), and the condition has rank 0 over them.
 */
function condScalar(outer: Scope, cond: Scope, body: Scope, ins: string[], condRet: string): boolean {
  const ranks = loopRanks(outer, body, ins, () => undefined, 0);
  return rankOf(cond, condRet, (j) => ranks.get(j), 0) === 0;
}

/** The ranks a loop's variables provably keep: the rank each enters with, where the body's next value has it again. */
function loopRanks(outer: Scope, body: Scope, ins: string[], argRank: (k: number) => number | undefined, depth: number): Map<number, number> {
  const ranks = new Map<number, number>();
  const fn = body.fn;
  if (!fn || depth > EVAL_DEPTH) return ranks;
  ins.forEach((x, k) => {
    const r = x !== undefined && !x.startsWith("^") ? rankOf(outer, x, argRank, depth + 1) : undefined;
    if (r !== undefined) ranks.set(k, r);
  });
  for (let changed = true; changed; ) {
    changed = false;
    for (const [k, r] of [...ranks]) {
      const ret = fn.ret.get(fn.outputArgs[k] ?? "");
      if (ret === undefined || rankOf(body, ret, (j) => ranks.get(j), depth + 1) !== r) {
        ranks.delete(k);
        changed = true;
      }
    }
  }
  return ranks;
}

/** A value as the loop state keeps it: a number or a boolean, else unknown. */
function known(v: CondValue): CondValue {
  return v?.n !== undefined ? (v.approx !== undefined ? { n: v.n, approx: v.approx } : { n: v.n }) : v?.b !== undefined ? { b: v.b } : undefined;
}

/** A loop variable's value on entry: what it folds to here, or the number a caller passes for it. */
function entryValue(model: TfGraphModel, scope: Scope, input: string): CondValue {
  const v = known(evalCond(scope, input, () => undefined, 0));
  if (v !== undefined) return v;
  const n = model.argNumber(scope, input);
  return n === undefined ? undefined : { n };
}

function simulateLoop(loop: LoopShape): number | undefined {
  const { cond, condRet, body, rets } = loop;
  let state: CondValue[] = [...loop.start];
  const envOf = (s: CondValue[]) => (j: number): CondValue => s[j];
  // the variables the condition depends on, directly or through the body's next values (a loop counter
  // nothing reads does not make a state new)
  const relevant = new Set(argDeps(cond, condRet));
  for (let grew = true; grew; ) {
    grew = false;
    for (const k of [...relevant]) {
      for (const j of rets[k] !== undefined ? argDeps(body, rets[k]!) : []) {
        if (relevant.has(j)) continue;
        relevant.add(j);
        grew = true;
      }
    }
  }
  const seen = new Set<string>();
  // integers beyond 2^53 are not computed exactly here: from there on the count is extrapolated, and only a count
  // far beyond the limit is taken
  const inexact = (st: CondValue[]) => st.some((v, k) => relevant.has(k) && v?.n !== undefined && Number.isInteger(v.n) && !Number.isSafeInteger(v.n));
  let simulated = 0;
  for (let i = 0; i < SIMULATED_TRIPS; i++, simulated++) {
    // a state computed through an approximate function: the kernel's trajectory may differ bit by bit, and a
    // loop can turn on exactly that (a state seen again, a value met exactly): not decided here
    if (state.some((v, k) => relevant.has(k) && v?.approx !== undefined)) return undefined;
    if (inexact(state)) break;
    const h = truth(evalCond(cond, condRet, envOf(state), 0));
    if (h === undefined) {
      // a condition with a part that is not known (a data-dependent exit): a conjunction's counted part still
      // bounds it; the count from here is then an upper bound, which decides "ends" only
      const inv = (j: number): CondValue => (loopInvariant(body, rets[j], j) ? state[j] : undefined);
      const left = tripCount(loop, condRet, state.map((v) => v?.n), inv, 0);
      if (left === undefined || !loop.upper) return undefined;
      return simulated + left < LOOP_ASTRONOMICAL ? simulated + left : undefined;
    }
    if (!h) return i;
    const key = state.map((v, k) => (!relevant.has(k) ? "" : v?.b !== undefined ? String(v.b) : v?.n === undefined ? "?" : Object.is(v.n, -0) ? "-0" : String(v.n))).join(",");
    // the next state depends on this one alone (the folds read no other input): a state seen before comes again
    if (seen.has(key)) return Infinity;
    seen.add(key);
    const env = envOf(state);
    state = state.map((_, k) => (rets[k] !== undefined ? known(evalCond(body, rets[k]!, env, 0)) : undefined));
  }
  // invariant variables keep their value: the parts of a conjunction that only read them hold throughout
  const invariant = (j: number): CondValue => (loopInvariant(body, rets[j], j) ? state[j] : undefined);
  const left = tripCount(loop, condRet, state.map((v) => v?.n), invariant, 0);
  if (left === undefined) return undefined;
  // an upper bound decides only "ends"
  if (loop.upper && simulated + left >= LOOP_ASTRONOMICAL) return undefined;
  // from a state beyond 2^53 the count is known to within a few thousand: decided unless it is near the limit
  if (inexact(state) && left > LOOP_ASTRONOMICAL / 2 && left < 2 * LOOP_ASTRONOMICAL) return undefined;
  return simulated + left;
}

/**
 * A TF1 loop (control flow v1: Enter, Merge, Switch, NextIteration, Exit around a LoopCond) as a LoopShape: its
 * variables are the frame's Merge nodes (a Merge of an Enter and a NextIteration), read in the body through the
 * Switch on the LoopCond; the scope is the graph's with those nodes taken as the loop's arguments.
 */
function v1Loop(model: TfGraphModel, scope: Scope, loopCond: TfNodeDef): LoopShape | undefined {
  const pred = dataInputs(loopCond)[0];
  if (pred === undefined) return undefined;
  const merges: TfNodeDef[] = [];
  const index = new Map<string, number>();
  // the Switches on this LoopCond, each over one Merge
  for (const n of scope.nodes) {
    if (n.op !== "Switch" && n.op !== "RefSwitch") continue;
    const [data, p] = dataInputs(n);
    if (p === undefined || nodePart(p) !== loopCond.name) continue;
    const m = scope.byName.get(nodePart(data ?? ""));
    if (!m || (m.op !== "Merge" && m.op !== "RefMerge")) continue;
    if (!index.has(m.name)) {
      index.set(m.name, merges.length);
      merges.push(m);
    }
    index.set(n.name, index.get(m.name)!);
  }
  if (!merges.length || merges.length > 256) return undefined;
  const byName = new Map(scope.byName);
  for (const name of index.keys()) byName.delete(name);
  const synth = scopeAs(scope, { byName, argIndex: index });
  const start: CondValue[] = [];
  const rets: Array<string | undefined> = [];
  const dtypes: number[] = [];
  for (const m of merges) {
    let entry: CondValue;
    let next: string | undefined;
    for (const i of dataInputs(m)) {
      const src = scope.byName.get(nodePart(i));
      if (src?.op === "Enter" || src?.op === "RefEnter") {
        const x = dataInputs(src)[0];
        entry = x !== undefined ? entryValue(model, scope, x) : undefined;
      } else if (src?.op === "NextIteration" || src?.op === "RefNextIteration") next = dataInputs(src)[0];
    }
    start.push(entry);
    rets.push(next);
    dtypes.push(m.attr.get("T")?.type ?? -1);
  }
  return { cond: synth, condRet: pred, body: synth, rets, start, dtypes };
}

/**
 * The iterations left, from a loop state, for a condition of comparisons of counters the body steps linearly
 * (its next value is v + c or v - c with c a constant or a loop-invariant variable, in the loop variable's dtype)
 * against a bound that folds; LogicalAnd takes the fewest, LogicalOr the most, LogicalNot inverts its
 * comparison. Infinity when the counter never leaves the condition (a float that stops growing before its
 * bound, an integer that wraps back inside it, one moving away from a bound it can never meet); undefined when
 * not such a loop.
 */
function tripCount(loop: LoopShape, input: string, state: Array<number | undefined>, invariant: (k: number) => CondValue, depth: number, negate = false): number | undefined {
  if (depth > 16) return undefined;
  const { cond, dtypes } = loop;
  const n = cond.byName.get(nodePart(input));
  if (!n) return undefined;
  const at = (i: number) => dataInputs(n)[i];
  const sub = (i: number, neg = negate) => tripCount(loop, at(i) ?? "", state, invariant, depth + 1, neg);
  // a reduction over copies of one value is that value (the simulation's rule)
  if (n.op === "Identity" || n.op === "Snapshot" || n.op === "All" || n.op === "Any") return sub(0);
  if (n.op === "LogicalNot") return sub(0, !negate);
  if (/^(?:Stateless)?If$/.test(n.op)) {
    // `p and x` as autograph writes it (an If whose else branch returns False; `not p or x` under a negation
    // likewise): ends at the latest when p fails, a bound from p's count
    const constFalse = (b: boolean) => {
      const r = branchReturn(cond, n, input, { b });
      return r !== undefined && evalCond(r.scope, r.ret, () => undefined, 0)?.b === false;
    };
    if (!negate && constFalse(false)) {
      const a = sub(0);
      if (a !== undefined) {
        loop.upper = true;
        return a;
      }
    }
  }
  if (/^(?:Stateless)?(?:Case|If)$/.test(n.op)) {
    // the branch the index or predicate picks (a constant here), its arguments mapped to the loop variables
    const r = branchReturn(cond, n, input, evalCond(cond, at(0) ?? "", invariant, 0));
    const bfn = r?.scope.fn;
    if (!r || !bfn) return undefined;
    const { scope: fs, ret } = r;
    const argIndex = new Map<string, number>();
    bfn.inputArgs.forEach((a, j) => {
      const src = dataInputs(n)[j + 1];
      const name = src !== undefined ? throughIdentities(cond, src) : undefined;
      const k = name !== undefined && !cond.byName.has(name) ? cond.argIndex.get(name) : undefined;
      if (k !== undefined) argIndex.set(a, k);
    });
    return tripCount({ ...loop, cond: scopeAs(fs, { argIndex }) }, ret, state, invariant, depth + 1, negate);
  }
  if (n.op === "LogicalAnd" || n.op === "LogicalOr") {
    // under a negation, and is or (De Morgan)
    const and = (n.op === "LogicalAnd") !== negate;
    const [a, b] = [sub(0), sub(1)];
    if (!and) return a !== undefined && b !== undefined ? Math.max(a, b) : a === Infinity || b === Infinity ? Infinity : undefined;
    // a part true on every iteration (it reads only invariant variables) does not bound it
    const always = (i: number) => (evalCond(cond, at(i) ?? "", invariant, 0)?.b ?? undefined) === !negate;
    if (a !== undefined && b !== undefined) return Math.min(a, b);
    if (a !== undefined && always(1)) return a;
    if (b !== undefined && always(0)) return b;
    // the other part not known (a data-dependent exit): the conjunction fails at the latest with the counted one
    if (a !== undefined || b !== undefined) {
      loop.upper = true;
      return (a ?? b)!;
    }
    return undefined;
  }
  const INVERSE: Record<string, string> = { Less: "GreaterEqual", LessEqual: "Greater", Greater: "LessEqual", GreaterEqual: "Less", NotEqual: "Equal", Equal: "NotEqual" };
  if (INVERSE[n.op] === undefined) return undefined;
  let op = negate ? INVERSE[n.op]! : n.op;
  const counter = (x: string | undefined) => linearCounter(loop, x, state, invariant);
  let ctr = counter(at(0));
  let boundIn = at(1);
  if (!ctr) {
    ctr = counter(at(1));
    boundIn = at(0);
    const SWAP: Record<string, string> = { Less: "Greater", LessEqual: "GreaterEqual", Greater: "Less", GreaterEqual: "LessEqual" };
    op = SWAP[op] ?? op;
  }
  const bound0 = ctr && boundIn !== undefined ? evalCond(cond, boundIn, invariant, 0)?.n : undefined;
  if (!ctr || bound0 === undefined) return undefined;
  const dtype = dtypes[ctr.k];
  // the kernels read subnormal floats as zero (the comparison, the counter's add): a subnormal step never moves it
  const [step, start, bound] = [ctr.step, ctr.start, bound0].map((x) => flushFloat(x, dtype ?? -1)) as [number, number, number];
  const holds = (v: number) => (op === "Less" ? v < bound : op === "LessEqual" ? v <= bound : op === "Greater" ? v > bound : op === "GreaterEqual" ? v >= bound : op === "Equal" ? v === bound : v !== bound);
  if (!holds(start)) return 0;
  // a counter that never changes: the condition stays what it is
  if (step === 0) return Infinity;
  if (op === "Equal") return 1; // a moving counter equals the bound once
  const int = dtype !== undefined && INT_DTYPES[dtype] !== undefined;
  if (int && (!Number.isInteger(start) || !Number.isInteger(bound) || !Number.isInteger(step))) return undefined;
  if (int) {
    const [bytes, signed] = INT_DTYPES[dtype]!;
    const [min, max] = signed ? [-(2 ** (bytes * 8 - 1)), 2 ** (bytes * 8 - 1) - 1] : [0, 2 ** (bytes * 8) - 1];
    // the last value inside the condition before the type's end, then the wrap: back inside (endless) unless the
    // wrapped value fails the condition
    const toward = (op === "NotEqual" ? Math.sign(bound - start) === Math.sign(step) && (bound - start) % step === 0 : (op === "Less" || op === "LessEqual") === step > 0);
    if (toward) {
      const count = op === "NotEqual" ? (bound - start) / step : (op === "LessEqual" || op === "GreaterEqual" ? Math.floor((bound - start) / step) + 1 : Math.ceil((bound - start) / step));
      const last = start + (count - 1) * step;
      if (last + step >= min && last + step <= max) return Math.max(0, count);
      // the step leaves the type before the condition fails: it wraps
      const wrapped = wrapInt(BigInt(start) + BigInt(count) * BigInt(step), dtype);
      return wrapped !== undefined && !holds(wrapped) ? Math.max(0, count) : Infinity;
    }
    if (op === "NotEqual") {
      // the counter meets the bound after wrapping when the gap, taken modulo the type's size, is a multiple of
      // the step; with a step sharing factors with the size only some gaps are ever met
      const M = BigInt(2) ** BigInt(bytes * 8);
      const st = BigInt(step);
      const diff = (((BigInt(bound) - BigInt(start)) % M) + M) % M;
      const fwd = st > 0n ? diff : (M - diff) % M;
      const abs = st > 0n ? st : -st;
      if (fwd % abs === 0n) return Number(fwd / abs);
      const g = gcdBig(abs, M);
      return diff % g === 0n ? Number(M) : Infinity;
    }
    // moving away: it wraps at the type's end and comes round; a count that large does not end in practice
    const first = Math.floor(((step > 0 ? max : min) - start) / step) + 1;
    if (first >= ASTRONOMICAL) return first;
    const wrapped = wrapInt(BigInt(start) + BigInt(first) * BigInt(step), dtype);
    if (wrapped === undefined) return undefined;
    return holds(wrapped) ? Infinity : first;
  }
  // a float counter stops growing at 2^e, the first power of two whose half spacing is the step or more
  // (2^(e - p) >= |step|, p the significand's bits): beyond it v + step rounds to v
  const p = dtype === 19 ? 11 : dtype === 14 ? 8 : dtype === 1 ? 24 : 53;
  const stall = 2 ** (p + Math.ceil(Math.log2(Math.abs(step))));
  if (op === "NotEqual") {
    const gap = bound - start;
    if (Math.sign(gap) !== Math.sign(step) || gap % step !== 0 || Math.abs(bound) > stall) return Infinity;
    return gap / step;
  }
  const up = op === "Less" || op === "LessEqual";
  if (up !== step > 0) return Infinity; // moving away: a float never comes back
  if (Math.abs(bound) > stall) return Infinity;
  const span = up ? bound - start : start - bound;
  const per = Math.abs(step);
  const inclusive = op === "LessEqual" || op === "GreaterEqual";
  return Math.max(0, inclusive ? Math.floor(span / per) + 1 : Math.ceil(span / per));
}

function gcdBig(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * A loop variable the condition compares whose next value the body computes as itself plus or minus a
 * constant (or a loop-invariant variable), through identities only: its index, current value and step.
 */
function linearCounter(loop: LoopShape, x: string | undefined, state: Array<number | undefined>, invariant: (k: number) => CondValue): { k: number; step: number; start: number } | undefined {
  const { cond, body } = loop;
  if (x === undefined) return undefined;
  // the compared value: a loop variable plus a constant (i, i + 1, reduce_sum(stack([i, 1])))
  const aff = affineOf(cond, x, invariant, 0);
  if (!aff) return undefined;
  const { k, offset } = aff;
  if (state[k] === undefined) return undefined;
  const ret = loop.rets[k];
  const step = ret !== undefined ? linearStep(body, ret, k, invariant) : undefined;
  return step === undefined ? undefined : { k, step, start: state[k]! + offset };
}

/** A value that is one loop variable plus a constant, through identities, Add/AddV2/Sub and the Sum of a stack: the variable and the constant. */
function affineOf(scope: Scope, input: string, invariant: (k: number) => CondValue, depth: number): { k: number; offset: number } | undefined {
  if (depth > 16) return undefined;
  const name = throughIdentities(scope, input);
  const n = scope.byName.get(name);
  if (!n) {
    const k = scope.argIndex.get(name);
    return k !== undefined && invariant(k) === undefined ? { k, offset: 0 } : undefined;
  }
  const parts = n.op === "Add" || n.op === "AddV2" || n.op === "Sub" ? dataInputs(n).slice(0, 2) : n.op === "Sum" ? (() => {
    const src = scope.byName.get(throughIdentities(scope, dataInputs(n)[0] ?? ""));
    return src?.op === "Pack" ? dataInputs(src) : undefined;
  })() : undefined;
  if (!parts?.length) return undefined;
  let found: { k: number; offset: number } | undefined;
  let offset = 0;
  for (const [i, p] of parts.entries()) {
    const c = evalCond(scope, p, invariant, 0)?.n;
    if (c !== undefined) {
      offset += n.op === "Sub" && i === 1 ? -c : c;
      continue;
    }
    if (found || (n.op === "Sub" && i === 1)) return undefined;
    found = affineOf(scope, p, invariant, depth + 1);
    if (!found) return undefined;
  }
  return found ? { k: found.k, offset: found.offset + offset } : undefined;
}

/**
 * The constant c of a body's next value that is the variable plus c (i + 1, (i + 1) + j * 0, i - s for an invariant
 * s): affineOf in the body, the variable itself taken as unknown. Any other op on the way (minimum, a modulo, a
 * select, a cast) gives undefined.
 */
function linearStep(body: Scope, input: string, k: number, invariant: (k: number) => CondValue): number | undefined {
  const a = affineOf(body, input, (j) => (j === k ? undefined : invariant(j)), 0);
  return a?.k === k ? a.offset : undefined;
}

/** The function arguments (by index) a value is computed from, through its data inputs (bounded). */
function argDeps(scope: Scope, input: string): number[] {
  const out = new Set<number>();
  const seen = new Set<string>();
  const stack = [nodePart(input)];
  while (stack.length && seen.size < 2000) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const n = scope.byName.get(name);
    if (!n) {
      const k = scope.argIndex.get(name);
      if (k !== undefined) out.add(k);
      continue;
    }
    for (const i of dataInputs(n)) stack.push(nodePart(i));
  }
  return [...out];
}

/** The node or function argument an input names once identities are passed through. */
function throughIdentities(scope: Scope, input: string): string {
  let name = nodePart(input);
  for (let hops = 0; hops < 16; hops++) {
    const n = scope.byName.get(name);
    if (!n || !(n.op === "Identity" || n.op === "Snapshot")) return name;
    const i = dataInputs(n)[0];
    if (i === undefined) return name;
    name = nodePart(i);
  }
  return name;
}

/** Whether a scope, or a function it calls (transitively), makes, re-initialises or restores an iterator. */
function makesIterator(scope: Scope): boolean {
  const lib = scope.owner?.library;
  const seen = new Set<string>();
  const stack: TfNodeDef[][] = [scope.nodes];
  while (stack.length) {
    for (const x of stack.pop()!) {
      if (ITERATOR_MAKERS.test(x.op)) return true;
      if (!lib) continue;
      for (const f of calleesOf(x, lib)) {
        if (seen.has(f) || seen.size > 256) continue;
        seen.add(f);
        stack.push(lib.get(f)!.nodes);
      }
    }
  }
  return false;
}

/** Ops that make, re-initialise or restore an iterator. */
const ITERATOR_MAKERS = /^(?:MakeIterator|AnonymousIterator(?:V\d)?|Iterator(?:V2)?|MultiDeviceIterator.*|DeserializeIterator|IteratorFromStringHandle(?:V2)?|OneShotIterator|DatasetToSingleElement)$/;

/**
 * A value that is "the iterator read here found an element": OptionalHasValue of an IteratorGetNextAsOptional,
 * through identities and through an If both of whose branches hand back such a value passed in.
 */
function iteratorHasValue(scope: Scope, input: string | undefined, depth: number): boolean {
  if (input === undefined || depth > 8) return false;
  let cur = input;
  let n = scope.byName.get(nodePart(cur));
  for (let hops = 0; n && (n.op === "Identity" || n.op === "Snapshot") && hops < 16; hops++) {
    cur = dataInputs(n)[0] ?? "";
    n = scope.byName.get(nodePart(cur));
  }
  if (n?.op === "OptionalHasValue") {
    // one iterator made before the loop and handed in (a loop variable or a capture): it advances; an iterator
    // made, re-initialised or restored in the body starts over on every iteration
    const next = scope.byName.get(throughIdentities(scope, dataInputs(n)[0] ?? ""));
    if (next?.op !== "IteratorGetNextAsOptional") return false;
    const it = throughIdentities(scope, dataInputs(next)[0] ?? "");
    return !scope.byName.has(it) && scope.argIndex.has(it) && !makesIterator(scope);
  }
  if (n?.op !== "If" && n?.op !== "StatelessIf") return false;
  for (const b of [true, false]) {
    const r = branchReturn(scope, n, cur, { b });
    const arg = r ? throughIdentities(r.scope, r.ret) : undefined;
    const j = arg !== undefined && !r!.scope.byName.has(arg) ? r!.scope.argIndex.get(arg) : undefined;
    if (j === undefined || !iteratorHasValue(scope, dataInputs(n)[j + 1], depth + 1)) return false;
  }
  return true;
}

/** Loop variable k comes back from the body unchanged: `ret`, the body's value for it, is its argument k through identities. */
function loopInvariant(body: Scope, ret: string | undefined, k: number): boolean {
  let cur = ret;
  for (let hops = 0; cur !== undefined && hops < 16; hops++) {
    const name = nodePart(cur);
    const n = body.byName.get(name);
    if (!n) return body.argIndex.get(name) === k;
    if (!(n.op === "Identity" || n.op === "Snapshot" || n.op === "StopGradient")) return false;
    cur = dataInputs(n)[0];
  }
  return false;
}

/**
 * A scalar a condition computes from constants (and from `env` for the function's arguments), or undefined. A value
 * computed from an approximate one is approximate (see CondValue).
 */
function evalCond(scope: Scope, input: string, env: (arg: number) => CondValue, depth: number): CondValue {
  let byScope = condMemo.get(env);
  if (!byScope) condMemo.set(env, (byScope = new WeakMap()));
  let memo = byScope.get(scope);
  if (!memo) byScope.set(scope, (memo = new Map()));
  if (memo.has(input)) return memo.get(input);
  const seen: { approx: number | undefined } = { approx: undefined };
  let r = evalCondIn(scope, input, env, depth, seen);
  if (seen.approx !== undefined && r !== undefined && r.n !== undefined) r = { ...r, approx: Math.max(r.approx ?? 0, seen.approx) };
  memo.set(input, r);
  return r;
}

/** evalCond's results per argument values (the env function), scope and input. */
const condMemo = new WeakMap<(arg: number) => CondValue, WeakMap<Scope, Map<string, CondValue>>>();

function evalCondIn(scope: Scope, input: string, env: (arg: number) => CondValue, depth: number, seen: { approx: number | undefined }): CondValue {
  if (depth > EVAL_DEPTH) return undefined;
  const name = nodePart(input);
  const node = scope.byName.get(name);
  if (!node) {
    const k = scope.argIndex.get(name);
    return k !== undefined ? env(k) : undefined;
  }
  const ins = dataInputs(node);
  // a value read here: an approximate one makes what is computed from it approximate
  const read = (sc: Scope, i: string, e: (arg: number) => CondValue): CondValue => {
    const v = evalCond(sc, i, e, depth + 1);
    if (v?.approx !== undefined) seen.approx = Math.max(seen.approx ?? 0, v.approx);
    return v;
  };
  const at = (i: number): CondValue => (ins[i] !== undefined ? read(scope, ins[i]!, env) : undefined);
  switch (ARITH_OPS.has(node.op) ? "Arith" : node.op) {
    case "Const": {
      const b = constBool(scope, name);
      if (b !== undefined) return { b };
      const n = constInt(scope, name);
      return n === undefined ? undefined : { n };
    }
    case "Identity":
    case "Snapshot":
    case "StopGradient":
      return at(0);
    case "LogicalNot": {
      const a = at(0);
      return a?.b === undefined ? undefined : { b: !a.b };
    }
    case "LogicalAnd":
    case "LogicalOr": {
      const a = at(0);
      const c = at(1);
      const short = node.op === "LogicalOr";
      if (a?.b === short || c?.b === short) return { b: short };
      return a?.b !== undefined && c?.b !== undefined ? { b: !short } : undefined;
    }
    case "Less":
    case "LessEqual":
    case "Greater":
    case "GreaterEqual":
    case "Equal":
    case "NotEqual": {
      const [va, vc] = [at(0), at(1)];
      const a = va?.n;
      const c = vc?.n;
      if (a === undefined || c === undefined) return undefined;
      // an approximate operand decides only a comparison far from equality, and the answer is then exact
      if ((va!.approx !== undefined || vc!.approx !== undefined) && tooClose(a, c, Math.max(va!.approx ?? 0, vc!.approx ?? 0))) return undefined;
      seen.approx = undefined;
      // integers beyond 2^53 compare exactly only where each is a constant read exactly or a value below 2^53
      // (a double rounds them)
      if ((Number.isInteger(a) && !Number.isSafeInteger(a)) || (Number.isInteger(c) && !Number.isSafeInteger(c))) {
        const exact = (x: number, i: string | undefined) => (Number.isSafeInteger(x) ? BigInt(x) : bigOf(scope, i));
        const [A, C] = [exact(a, ins[0]), exact(c, ins[1])];
        if (A === undefined || C === undefined) return undefined;
        const op = node.op;
        return { b: op === "Less" ? A < C : op === "LessEqual" ? A <= C : op === "Greater" ? A > C : op === "GreaterEqual" ? A >= C : op === "Equal" ? A === C : A !== C };
      }
      // the CPU kernels read subnormal floats as zero (TensorFlow flushes denormals in its threads)
      const t = node.attr.get("T")?.type ?? -1;
      const [x, y] = [flushFloat(a, t), flushFloat(c, t)];
      const b = node.op === "Less" ? x < y : node.op === "LessEqual" ? x <= y : node.op === "Greater" ? x > y : node.op === "GreaterEqual" ? x >= y : node.op === "Equal" ? x === y : x !== y;
      return { b };
    }
    case "Cast": {
      const a = at(0);
      if (a?.n === undefined) return a?.b !== undefined && castTo(node) === "bool" ? a : undefined;
      // to bool: non-zero is true (NaN too, as static_cast<bool>); an approximate value near zero is not decided
      // (a subnormal float or double is zero to the kernel; a bfloat16 one is not: tests/tf/vectors/cond.json)
      if (castTo(node) === "bool") return nearZero(a) ? undefined : { b: flushFloat(a.n, kernelFlushes(node.attr.get("SrcT")?.type)) !== 0 };
      const x = castNumber(node, a.n);
      return x === undefined ? undefined : { n: x };
    }
    case "Enter":
    case "RefEnter":
      // a TF1 loop frame's entry of a value made outside the loop (is_constant: the same value every iteration)
      return node.attr.get("is_constant")?.b === true ? at(0) : undefined;
    case "Neg":
    case "Abs": {
      const a = at(0)?.n;
      const r = a === undefined ? undefined : unary(node, a);
      return r === undefined ? undefined : { n: r };
    }
    case "Log":
    case "Log1p":
    case "Exp":
    case "Sqrt": {
      // float functions in the node's dtype: the last bit may differ from the kernel's own approximation (and a
      // half-precision result is rounded twice there), so the value is approximate; its sign, NaN and infinities are not
      const a = at(0)?.n;
      const t = node.attr.get("T")?.type;
      if (a === undefined || t === undefined || (t !== 1 && t !== 2 && t !== 19 && t !== 14)) return undefined;
      const f = node.op === "Log" ? Math.log : node.op === "Log1p" ? Math.log1p : node.op === "Exp" ? Math.exp : Math.sqrt;
      const r = floatResult(f(flushFloat(a, t)), t);
      return { n: r, approx: Math.abs(r) };
    }
    case "All":
    case "Any":
    case "Min":
    case "Max": {
      // over a stack of scalars, every axis: the least, greatest, and, or of them
      const pack = packOf(scope, ins[0] ?? "");
      if (pack) {
        const axes = constNumbers(scope, ins[1], depth + 1);
        if (node.attr.get("keep_dims")?.b === true || !vectorAxis(axes)) return undefined;
        const vs = dataInputs(pack).map((i) => read(scope, i, env));
        if (node.op === "All" || node.op === "Any") {
          const bs = vs.map((v) => v?.b);
          const short = node.op === "Any";
          if (bs.some((b) => b === short)) return { b: short };
          return bs.every((b) => b !== undefined) ? { b: !short } : undefined;
        }
        const t = kernelFlushes(node.attr.get("T")?.type);
        const ns = vs.map((v) => (v?.n === undefined ? undefined : flushFloat(v.n, t)));
        if (!ns.length || ns.some((x) => x === undefined)) return undefined;
        // NaN propagates (Eigen's min/max reducers on the CPU)
        if (ns.some((x) => Number.isNaN(x))) return { n: NaN };
        return { n: node.op === "Min" ? Math.min(...(ns as number[])) : Math.max(...(ns as number[])) };
      }
      // a reduction over copies of one value (a one-element tensor, a broadcast scalar) is that value
      // (not Sum/Prod/Mean: those count the copies)
      const a = at(0);
      return node.op === "All" || node.op === "Any" ? (a?.b !== undefined ? a : undefined) : a?.n !== undefined ? a : undefined;
    }
    case "ReadVariableOp": {
      // a variable restored from the checkpoint that nothing writes: its saved value (a bool as a bool)
      const v = scope.owner?.restoredNumbers(scope, input) ?? (ins[0] !== undefined ? scope.owner?.handleNumbers(scope, ins[0]) : undefined);
      if (v?.length !== 1) return undefined;
      return node.attr.get("dtype")?.type === 10 ? { b: v[0] !== 0 } : { n: v[0]! };
    }
    case "Sum":
    case "Prod":
    case "Mean": {
      // a reduction of every axis (keep_dims false) of a stack of scalars (reduce_sum(stack([i, 1]))) as the CPU
      // reducers compute it: an integer Sum/Prod wraps in its dtype, an integer Mean divides the exact sum
      // (truncating), a float Sum/Mean accumulates from +0 (half and bfloat16 in float32) and is approximate
      // (the kernels' summation order is theirs); a reduction over other axes (none: axis=[]) is not a scalar here
      const axes = constNumbers(scope, ins[1], depth + 1);
      // over no axes: nothing is reduced (a scalar's copies stay that value)
      if (axes?.length === 0) return packOf(scope, ins[0] ?? "") ? undefined : at(0);
      const src = packOf(scope, ins[0] ?? "");
      if (!src || node.attr.get("keep_dims")?.b === true) return undefined;
      if (!vectorAxis(axes)) return undefined;
      const xs = dataInputs(src).map((i) => read(scope, i, env)?.n);
      if (!xs.length || xs.some((x) => x === undefined)) return undefined;
      const t = node.attr.get("T")?.type ?? -1;
      if (INT_DTYPES[t]) {
        if (node.op === "Mean") {
          if (xs.some((x) => !Number.isSafeInteger(x))) return undefined;
          const sum = xs.reduce((a, x) => a + BigInt(x!), 0n);
          const q = sum / BigInt(xs.length);
          const r = wrapInt(q, t);
          return r === undefined || BigInt(r) !== q ? undefined : { n: r };
        }
        let r: number | undefined = xs[0]!;
        for (const x of xs.slice(1)) r = r === undefined ? undefined : intArith(node.op === "Prod" ? "Mul" : "AddV2", t, r, x!);
        return r === undefined ? undefined : { n: r };
      }
      if (!FLOAT_DTYPES.has(t)) return undefined;
      const acc = t === 19 || t === 14 ? 1 : t;
      let r = node.op === "Prod" ? 1 : 0;
      for (const x of xs) r = floatResult(node.op === "Prod" ? r * flushFloat(x!, t) : r + flushFloat(x!, t), acc);
      // a half or bfloat16 Mean divides the sum rounded to its dtype (a sum past 65504 is an infinite half mean)
      if (node.op === "Mean") r = floatResult(floatResult(r, t) / xs.length, acc);
      return { n: floatResult(r, t), approx: Math.max(...xs.map((x) => Math.abs(x!)), Math.abs(r)) };
    }
    case "If":
    case "StatelessIf":
    case "Case":
    case "StatelessCase":
    case "PartitionedCall":
    case "StatefulPartitionedCall": {
      // a branch or a call: the function's returned value at this output, its arguments the call's inputs
      const call = /PartitionedCall$/.test(node.op);
      const r = branchReturn(scope, node, input, call ? undefined : at(0));
      if (!r) return undefined;
      const args = ins.slice(call ? 0 : 1);
      return read(r.scope, r.ret, (j) => (args[j] !== undefined ? evalCond(scope, args[j]!, env, depth + 1) : undefined));
    }
    case "OptionalHasValue": {
      // the first read of an iterator made and initialised here (MakeIterator in this scope): whether its dataset
      // yields an element at all (an iterator handed in advances; its reads are not known here)
      const next = scope.byName.get(throughIdentities(scope, ins[0] ?? ""));
      if (next?.op !== "IteratorGetNextAsOptional" || !scope.owner) return undefined;
      const it = throughIdentities(scope, dataInputs(next)[0] ?? "");
      if (!/^(?:AnonymousIterator(?:V\d)?|Iterator(?:V2)?)$/.test(scope.byName.get(it)?.op ?? "")) return undefined;
      const inits = scope.nodes.filter((x) => x.op === "MakeIterator" && throughIdentities(scope, dataInputs(x)[1] ?? "") === it);
      if (inits.length !== 1) return undefined;
      const f = datasetFlow(scope.owner, scope, dataInputs(inits[0]!)[0] ?? "", 0);
      if (f.size === 0) return { b: false };
      if (f.starves || f.stalls) return undefined;
      return (f.size !== undefined && f.size > 0) || f.endless ? { b: true } : undefined;
    }
    case "Select":
    case "SelectV2": {
      // a scalar choice: the condition picks the branch
      const c = at(0)?.b;
      return c === undefined ? undefined : at(c ? 1 : 2);
    }
    case "Square": {
      const a = at(0)?.n;
      const r = a === undefined ? undefined : arith({ ...node, op: "Mul" }, a, a);
      return r === undefined ? undefined : { n: r };
    }
    case "Sign": {
      const v = at(0);
      const a = v?.n;
      return a === undefined || nearZero(v) ? undefined : { n: Number.isNaN(a) ? a : a > 0 ? 1 : a < 0 ? -1 : a };
    }
    case "CheckNumerics":
    case "CheckNumericsV2": {
      // passes a finite value on; a NaN or an infinity fails the run (no value)
      const a = at(0)?.n;
      return a !== undefined && Number.isFinite(a) ? { n: a } : undefined;
    }
    case "Arith": {
      // arithmetic over loop values and constants (a bound computed as 1 + 1), in the node's dtype; an integer
      // times zero (or and-ed with zero) is zero whatever the other operand
      const a = at(0)?.n;
      const c = at(1)?.n;
      const t = node.attr.get("T")?.type;
      if ((node.op === "Mul" || node.op === "BitwiseAnd") && t !== undefined && INT_DTYPES[t] !== undefined && (a === 0 || c === 0)) return { n: 0 };
      const r = a === undefined || c === undefined ? undefined : arith(node, a, c);
      return r === undefined ? undefined : { n: r };
    }
    default: {
      // any other value the constant evaluator folds (a scalar)
      const v = constNumbers(scope, input);
      return v?.length === 1 ? { n: v[0]! } : undefined;
    }
  }
}

/** What a Cast converts to: "float", "int" (truncating toward zero), "bool", or undefined for any other DstT. */
const FLOAT_DTYPES: ReadonlySet<number> = new Set([1, 2, 19, 14]);

function castTo(node: TfNodeDef): "float" | "int" | "bool" | undefined {
  const t = node.attr.get("DstT")?.type;
  if (t === 1 || t === 2 || t === 19 || t === 14) return "float";
  if (t === 10) return "bool";
  return t !== undefined && INT_DTYPES[t] !== undefined ? "int" : undefined;
}

/**
 * A number as Cast makes it: to an integer type, an integer wraps to the type's width (a C++ static_cast:
 * 300 to uint8 is 44) and a float truncates toward zero (out of the type's range: not modelled); to float32
 * it rounds; to bool it is 0 or 1. Undefined where not modelled.
 */
function castNumber(node: TfNodeDef, x: number): number | undefined {
  const to = castTo(node);
  const dst = node.attr.get("DstT")?.type;
  // a subnormal source or result reads as zero (the CPU's flush modes), as in arithmetic
  const src = node.attr.get("SrcT")?.type;
  if (src === dst) return x;
  if (src !== undefined) x = flushFloat(x, src);
  // Truncate: the float result rounded toward zero instead of to nearest
  if (to === "float" && node.attr.get("Truncate")?.b === true && dst !== undefined) {
    const r = floatResult(x, dst);
    return Math.abs(r) > Math.abs(x) && Number.isFinite(x) ? towardZero(r, dst) : r;
  }
  if (to === "float") return dst !== undefined ? floatResult(x, dst) : x;
  if (to === "bool") return x !== 0 ? 1 : 0;
  if (to !== "int" || dst === undefined || !Number.isFinite(x)) return undefined;
  // a float out of the integer type's range converts as the CPU does (int32/int64: the type's minimum, "integer
  // indefinite"; narrower types through int32): not modelled, no value; an integer wraps
  if (src !== undefined && FLOAT_DTYPES.has(src) && wrapInt(Math.trunc(x), dst) !== Math.trunc(x)) return undefined;
  if (Number.isInteger(x)) return wrapInt(x, dst);
  const t = Math.trunc(x);
  return wrapInt(t, dst) === t ? t : undefined;
}

/** The string constants an input is computed from within its scope (Const ops among its data ancestors; bounded). */
function ancestorStrings(scope: Scope, input: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const stack = [nodePart(input)];
  while (stack.length && seen.size < 2000 && out.length < 256) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const n = scope.byName.get(name);
    if (!n) continue;
    if (n.op === "Const" || n.op === "HostConst") {
      const t = n.attr.get("value")?.tensor;
      if (t?.dtype === DT_STRING) {
        const items = (t.content?.length ? (decodeStringList(t.content, 64) ?? []) : t.strings).slice(0, 64).map((b) => decodeBytes(b.subarray(0, 4096)));
        out.push(...items);
        // the pieces joined in order too (a path split across a constant's elements and joined at run time)
        if (items.length > 1) out.push(rejoin(items.join("")));
      }
      continue;
    }
    // string attrs say what an op makes of its inputs (StaticRegexReplace's rewrite, StringFormat's template)
    for (const [k, a] of n.attr) if (a.s?.length && k !== "shared_name" && k !== "container") out.push(decodeBytes(a.s.subarray(0, 4096)));
    for (const i of dataInputs(n)) stack.push(nodePart(i));
  }
  return out;
}

/** From a node, follows a data input (input 0, or the one `next` picks) while `pass` holds, at most `limit` hops. */
function skipThrough(scope: Scope, n: TfNodeDef | undefined, pass: (n: TfNodeDef) => boolean, limit = 16, next = (_: TfNodeDef) => 0): TfNodeDef | undefined {
  for (let hops = 0; n && pass(n) && hops < limit; hops++) n = scope.byName.get(nodePart(dataInputs(n)[next(n)] ?? ""));
  return n;
}

/**
 * Where x[begin:end:step] starts and stops on an axis of `len` elements, as StridedSlice reads one dimension: a
 * negative index counts from the end, indices are clamped to the axis, a masked begin or end is the axis' end.
 */
function sliceBounds(len: number, begin: number, end: number, step: number, beginMasked: number, endMasked: number): [start: number, stop: number] {
  const norm = (x: number) => (x < 0 ? x + len : x);
  const clamp = (x: number) => (step > 0 ? Math.min(Math.max(x, 0), len) : Math.min(Math.max(x, -1), len - 1));
  const start = beginMasked ? (step > 0 ? 0 : len - 1) : clamp(norm(begin));
  const stop = endMasked ? (step > 0 ? len : -1) : clamp(norm(end));
  return [start, stop];
}

/** A scalar an input is as a constant (constNumbers), else undefined. */
function constInt(scope: Scope, input: string | undefined): number | undefined {
  const v = constNumbers(scope, input);
  return v?.length === 1 ? v[0] : undefined;
}

/**
 * What a dataset does over time, as the kernels run it: endless (its cardinality is infinite: a consumer
 * that iterates it to the end never ends) and starves (it may run forever without yielding another
 * element: even one element is never read). Each holds the reason, or is absent when it ends or yields.
 */
interface DsFlow {
  endless?: string;
  starves?: string;
  /** Yields some elements, then waits forever for another and never ends (a unique() over an endless input). */
  stalls?: string;
  /** Elements a stalling dataset surely yields before it stalls, where known. */
  stallAfter?: number;
  /** At most this many elements, where that is known (a range's size through repeats, takes, batches ...). */
  size?: number;
}

/** Elements an op reads before its first one beyond which it never yields in practice (2^31: TensorFlow keeps such counts in 32 bits; a batch that large exhausts memory first). */
const GATHER_NEVER = 2 ** 31;
/** Memory a gathering op holding its count of elements may not take (8 GiB): past it the process runs out first. */
const GATHER_MEMORY = 2 ** 33;
/** Bytes of one element of each fixed-size dtype (strings and variants: at least 1). */
// a string element is one tstring (24 bytes on 64-bit hosts, a short string inline: measured 25 bytes an element
// on TensorFlow 2.20; longer strings add their heap bytes), a variant one Variant (64 bytes, its value inline:
// measured 66 on TensorFlow 2.20, tools/fixtures/tf_red28/prove.py), a resource handle at least as much (it holds
// several strings); the quantized types their integer's width
const DTYPE_BYTES: Readonly<Record<number, number>> = { 1: 4, 2: 8, 3: 4, 4: 1, 5: 2, 6: 1, 7: 24, 8: 8, 9: 8, 10: 1, 11: 1, 12: 1, 13: 4, 14: 2, 15: 2, 16: 2, 17: 2, 18: 16, 19: 2, 20: 64, 21: 64, 22: 4, 23: 8 };
/** The bytes of an element of a dtype the table does not know: a float8 or int4 is smaller, nothing common larger. */
const UNKNOWN_DTYPE_BYTES = 8;

/**
 * The least bytes one element of a dataset takes, from its op's output_types and output_shapes attrs, and whether
 * a dimension (or the rank) is not fixed there (then the element may be of any size).
 */
function elementBytes(node: TfNodeDef): { bytes: number; open: boolean } | undefined {
  const types = node.attr.get("output_types")?.list?.type;
  const shapes = node.attr.get("output_shapes")?.list?.shape;
  if (!types?.length || !shapes || shapes.length !== types.length) return undefined;
  let total = 0;
  let open = false;
  types.forEach((t, i) => {
    const dims = shapes[i];
    if (!dims || dims.some((d) => d < 0)) open = true;
    const n = dims ? dims.reduce((a, d) => a * (d < 0 ? 1 : d), 1) : 1;
    total += n * (DTYPE_BYTES[t] ?? UNKNOWN_DTYPE_BYTES);
  });
  return { bytes: total, open };
}

/** The length taken for a string element the file fixes whose length the scanner does not compute (fail closed). */
const UNMEASURED_STRING = 2 ** 16;

/** A tensor past this many bytes (8 GiB: the largest a 32-bit element count makes of 8-byte elements is just under 16 GiB) exhausts the memory of the process that makes it. */
const TENSOR_MEMORY = 2 ** 33;

/**
 * A tensor whose shape the graph fixes and whose size is TENSOR_MEMORY or more: a constant (TensorFlow stores one
 * value for a constant of equal elements, so a 12 KB file can declare 16 GiB), a fill, a broadcast, an empty
 * tensor or a random draw of a constant shape.
 */
function hugeTensor(scope: Scope, node: TfNodeDef): { dims: number[]; bytes: number; unmeasured?: boolean } | undefined {
  if (VIEW_OPS.has(node.op)) return undefined;
  const dims = shapeOf(scope, node.name, noArgShape, 0);
  const dtype = outputDtype(node);
  if (!dims?.length || dims.some((d) => !Number.isSafeInteger(d) || d < 0)) return undefined;
  // a string element holds its bytes besides the tstring (inline up to 22 bytes)
  const text = dtype === DT_STRING ? stringLength(scope, node.name) : undefined;
  const element = (dtype !== undefined ? (DTYPE_BYTES[dtype] ?? UNKNOWN_DTYPE_BYTES) : UNKNOWN_DTYPE_BYTES) + (text !== undefined && text > TSTRING_INLINE ? text : 0);
  const count = dims.reduce((a, d) => a * d, 1);
  const bytes = count * element;
  if (bytes >= TENSOR_MEMORY) return { dims, bytes };
  // fail closed on a string's length: elements the file fixes (computed from its constants only) of a length the
  // scanner does not compute, many enough that strings of UNMEASURED_STRING bytes reach the threshold
  if (dtype === DT_STRING && text === undefined && count * (element + UNMEASURED_STRING) >= TENSOR_MEMORY && localConstantsOnly(scope, node)) {
    return { dims, bytes: count * (element + UNMEASURED_STRING), unmeasured: true };
  }
  return undefined;
}

/**
 * The dtype of an op's (first) output, from the attribute its definition types it with: a constant's tensor,
 * bool for comparisons, `Tout` or `dtype` for random draws (their `T` is the shape operand's), `Tidx` for Range,
 * else `T`, else `dtype`.
 */
function outputDtype(node: TfNodeDef): number | undefined {
  if (node.op === "Const" || node.op === "HostConst") return node.attr.get("value")?.tensor?.dtype;
  if (COMPARE_OPS.has(node.op)) return 10;
  if (node.op === "Range") return node.attr.get("Tidx")?.type;
  if (node.op === "Cast") return node.attr.get("DstT")?.type;
  // the interpolating resizes compute in float whatever the image's dtype (nearest neighbour keeps it)
  if (/^Resize(?:Bilinear|Bicubic|Area)$/.test(node.op) || node.op === "ScaleAndTranslate") return 1;
  if (SHAPED_DRAWS.test(node.op) || /^(?:Random|Stateless|TruncatedNormal|Multinomial|ParameterizedTruncatedNormal)/.test(node.op)) return (node.attr.get("Tout") ?? node.attr.get("dtype") ?? node.attr.get("output_dtype"))?.type;
  return (node.attr.get("T") ?? node.attr.get("dtype"))?.type;
}

/**
 * Whether a value is computed from constants of the file only, through ops that compute from their inputs (no
 * run-time argument, no state, no dataset element: values the number evaluator could not see either way): into the
 * functions a call, a branch or a loop runs (their arguments bound to the op's inputs; a loop's body and cond
 * followed like a call's, each turn computing again from the values bound). Bounded walk.
 */
function localConstantsOnly(scope: Scope, node: TfNodeDef): boolean {
  type Frame = { scope: Scope; id: number; args?: (k: number) => Item | undefined };
  type Item = { frame: Frame; n: TfNodeDef };
  let frames = 0;
  const seen = new Set<string>();
  const root: Frame = { scope, id: frames++ };
  const stack: Item[] = [{ frame: root, n: node }];
  const resolve = (f: Frame, input: string): Item | undefined => {
    const m = f.scope.byName.get(nodePart(input));
    if (m) return { frame: f, n: m };
    const k = f.scope.argIndex.get(nodePart(input));
    return k !== undefined && f.args ? f.args(k) : undefined;
  };
  // the functions an op runs, with the argument each takes at k (a call's input k, a branch's after the selector, a
  // loop's at the same position, a For body's counter from start and its other arguments after start, limit, delta)
  const runs = (f: Frame, n: TfNodeDef, ins: string[]): Array<{ fname: string | undefined; arg: (k: number) => string | undefined }> | undefined => {
    if (/PartitionedCall$|^(?:Stateless)?(?:If|Case)$/.test(n.op)) {
      const first = /PartitionedCall$/.test(n.op) ? 0 : 1;
      return runnableFunctions(n).map((fname) => ({ fname, arg: (k: number) => ins[k + first] }));
    }
    if (LOOP_OPS.has(n.op)) return ["body", "cond"].map((a) => ({ fname: n.attr.get(a)?.func?.name, arg: (k: number) => ins[k] }));
    if (n.op === "For") return [{ fname: n.attr.get("body")?.func?.name, arg: (k: number) => ins[k === 0 ? 0 : k + 2] }];
    void f;
    return undefined;
  };
  while (stack.length) {
    const { frame, n } = stack.pop()!;
    const id = `${frame.id}\u0000${n.name}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (seen.size > 512) return false;
    const ins = dataInputs(n);
    // (a variable read whose every value the file fixes, its restored value and its constant writes: a leaf; else a
    // variable whose every write is itself computed from the writer's own constants: those computations, walked on)
    if (n.op === "ReadVariableOp") {
      const h = ins[0];
      if (h === undefined) return false;
      const sc = frame.scope;
      if (sc.owner?.variableCandidates(sc, h)) continue;
      const writers = sc.owner?.variableWriters(sc, h);
      if (!writers?.length) return false;
      for (const w of writers) {
        const ws = w.scope as Scope;
        const m = ws.byName.get(nodePart(w.input));
        if (!m) return false;
        stack.push({ frame: ws === frame.scope ? frame : { scope: ws, id: frames++ }, n: m });
      }
      continue;
    }
    const fns = runs(frame, n, ins);
    if (fns) {
      // the op's inputs and every return of each function it may run
      for (const i of ins) {
        const it = resolve(frame, i);
        if (!it) return false;
        stack.push(it);
      }
      for (const { fname, arg } of fns) {
        const fs = fname !== undefined ? frame.scope.owner?.scopes.get(fname) : undefined;
        if (!fs?.fn) return false;
        const callee: Frame = { scope: fs, id: frames++, args: (k) => { const a = arg(k); return a !== undefined ? resolve(frame, a) : undefined; } };
        for (const out of fs.fn.outputArgs) {
          const r = fs.fn.ret.get(out);
          const it = r !== undefined ? resolve(callee, r) : undefined;
          if (!it) return false;
          stack.push(it);
        }
      }
      continue;
    }
    // (tensor lists compute from their inputs: a fold's or a map's elements)
    if (NOT_A_FUNCTION_OF_INPUTS.test(n.op) && !/^TensorList/.test(n.op)) return false;
    if (!ins.length && n.op !== "Const" && n.op !== "HostConst") return false;
    for (const i of ins) {
      const it = resolve(frame, i);
      if (!it) return false;
      stack.push(it);
    }
  }
  return true;
}

/**
 * An upper bound of the magnitude of every number a value holds, where the graph bounds it: a constant's, an index,
 * count or length of an input's elements (a shape, a size, a string's length, a split's indices: by the input's
 * element count, dims or bytes), carried
 * through selections and arithmetic (a sum adds the bounds, a product multiplies them, a power raises them, a shift
 * scales them); undefined where no bound is known.
 */
const boundMemo = new WeakMap<Scope, Map<string, number | undefined>>();
function valueBound(scope: Scope, input: string | undefined, depth = 0): number | undefined {
  if (input === undefined || depth > 48) return undefined;
  let memo = boundMemo.get(scope);
  if (!memo) boundMemo.set(scope, (memo = new Map()));
  if (memo.has(input)) return memo.get(input);
  const r = valueBoundIn(scope, input, depth);
  memo.set(input, r);
  return r;
}

function valueBoundIn(scope: Scope, input: string, depth: number): number | undefined {
  const v = constNumbers(scope, input);
  if (v) {
    const m = v.reduce((a, x) => Math.max(a, Math.abs(x)), 0);
    return Number.isNaN(m) ? undefined : m;
  }
  const n = scope.byName.get(nodePart(input));
  if (!n) return undefined;
  const ins = dataInputs(n);
  const b = (i: number) => valueBound(scope, ins[i], depth + 1);
  const dims = (i: number) => {
    const sh = ins[i] !== undefined ? shapeOf(scope, ins[i]!, noArgShape, depth + 1) : undefined;
    return sh?.every((d) => Number.isSafeInteger(d) && d >= 0) ? sh : undefined;
  };
  const count = (i: number) => dims(i)?.reduce((a, d) => a * d, 1);
  const most = (xs: Array<number | undefined>) => (xs.every((x) => x !== undefined) ? Math.max(0, ...(xs as number[])) : undefined);
  const both = (f: (x: number, y: number) => number) => {
    const [x, y] = [b(0), b(1)];
    return x !== undefined && y !== undefined ? f(x, y) : undefined;
  };
  const int = INT_DTYPES[(n.attr.get("T") ?? n.attr.get("DstT"))?.type ?? -1] !== undefined;
  // (a comparison or a logical op: 0 or 1)
  if (COMPARE_OPS.has(n.op) || /^Logical(?:And|Or|Not)$/.test(n.op)) return 1;
  switch (n.op) {
    case "StringLength":
      return ins[0] !== undefined ? stringLength(scope, ins[0]) : undefined;
    case "Shape":
    case "ShapeN":
    case "Where": {
      const d = dims(0);
      return d ? Math.max(0, ...d) : undefined;
    }
    case "Size":
      return count(0);
    case "Rank":
      return dims(0)?.length ?? 254;
    case "StringSplit":
    case "StringSplitV2": {
      // row and token indices, the dense shape: within the input's count and bytes
      const len = ins[0] !== undefined ? stringLength(scope, ins[0]) : undefined;
      const c = count(0);
      return len !== undefined && c !== undefined ? Math.max(c, len + 1) : undefined;
    }
    case "UnicodeDecode":
    case "UnicodeDecodeWithOffsets": {
      // row splits and offsets within the input's bytes; code points within Unicode's range
      const len = ins[0] !== undefined ? stringLength(scope, ins[0]) : undefined;
      const c = count(0);
      return len !== undefined && c !== undefined ? Math.max(0x10ffff, c * (len + 1)) : undefined;
    }
    case "Cast": {
      // a cast to an integer type keeps a bound only where the value fits: a negative value cast to an unsigned type,
      // or any value past the type's range, wraps to anything the type holds
      const dst = INT_DTYPES[n.attr.get("DstT")?.type ?? -1];
      const x = b(0);
      if (!dst) return x;
      const src = INT_DTYPES[n.attr.get("SrcT")?.type ?? -1];
      const top = dst[1] ? 2 ** (dst[0] * 8 - 1) : 2 ** (dst[0] * 8) - 1;
      const signedIn = !src || src[1];
      if (!dst[1] && signedIn) return top;
      return x !== undefined && x < top ? x : top;
    }
    case "Max":
    case "Min":
    case "Abs":
    case "Neg":
    case "StridedSlice":
    case "Slice":
    case "Gather":
    case "GatherV2":
    case "GatherNd":
    case "BroadcastTo":
    case "Tile":
    case "Transpose":
    case "Reverse":
    case "ReverseV2":
    case "IdentityN":
      return b(0);
    case "Pack":
      return most(ins.map((_, i) => b(i)));
    case "ConcatV2":
      return most(ins.slice(0, -1).map((_, i) => b(i)));
    case "Select":
    case "SelectV2":
      return most([b(1), b(2)]);
    case "Minimum":
    case "Maximum":
      // (a minimum with an unbounded operand may be any negative number: both bounded)
      return most([b(0), b(1)]);
    case "Add":
    case "AddV2":
    case "Sub":
      return both((x, y) => x + y);
    case "Mul":
      return both((x, y) => x * y);
    case "Square":
      return b(0) !== undefined ? b(0)! ** 2 : undefined;
    case "Pow":
      // (integers only: a fraction raised to a negative power grows)
      return int ? both((x, y) => Math.max(1, x) ** y) : undefined;
    case "LeftShift":
      return both((x, y) => x * 2 ** y);
    case "RightShift":
      return b(0);
    case "FloorDiv":
    case "TruncateDiv":
    case "Div":
      // an integer quotient is no larger than its dividend (a divisor of 0 is refused)
      return int ? b(0) : undefined;
    case "FloorMod":
    case "Mod":
    case "TruncateMod":
      return int ? most([b(1)]) : undefined;
    case "Sum": {
      const c = count(0);
      return c !== undefined && b(0) !== undefined ? b(0)! * c : undefined;
    }
    case "Prod": {
      const c = count(0);
      return c !== undefined && b(0) !== undefined ? Math.max(1, b(0)!) ** c : undefined;
    }
    default:
      return PASS_THROUGH_OPS.has(n.op) || VIEW_OPS.has(n.op) ? b(0) : undefined;
  }
}

/** Ops whose size operand is a scalar (a count, a depth, a bound). */
const SCALAR_SIZES = /^(?:Range|Bincount|DenseBincount|OneHot|UnsortedSegment\w+|Multinomial|StatelessMultinomial|LinSpace)$/;

/** Ops whose size operand scales the elements of their data input (input 0). */
const SCALES_INPUT = /^(?:Tile|Resize\w+|ScaleAndTranslate|UnsortedSegment\w+|OneHot|Multinomial|StatelessMultinomial)$/;

/**
 * Whether the tensor an op makes from an unevaluated size operand (its k-th input) is bounded below TENSOR_MEMORY by
 * the bound of that operand's numbers (valueBound): its elements at most the bound raised to the operand's element
 * count (scaled by the data input's elements, padded around its dims, a range's span), times its element's bytes.
 */
function boundedSize(scope: Scope, node: TfNodeDef, k: number, input: string): boolean {
  const bound = valueBound(scope, input);
  if (bound === undefined || !Number.isFinite(bound)) return false;
  const ins = dataInputs(node);
  const sh = shapeOf(scope, input, noArgShape, 0);
  // (a scalar operand by the op's definition; a stack of scalars into the shape vector: one number each)
  const src = scope.byName.get(nodePart(input));
  const len = sh?.every((d) => Number.isSafeInteger(d) && d >= 0) ? sh.reduce((a, d) => a * d, 1) : SCALAR_SIZES.test(node.op) ? 1 : src?.op === "Pack" ? dataInputs(src).length : undefined;
  const data = ins[0] !== undefined ? shapeOf(scope, ins[0], noArgShape, 0) : undefined;
  const dataKnown = data?.every((d) => Number.isSafeInteger(d) && d >= 0) ? data : undefined;
  let elements: number | undefined;
  if (node.op === "Range") {
    // (its span over its step: the step a constant here, start and limit each within their bounds)
    const step = constNumbers(scope, ins[2]);
    const [lo, hi] = [valueBound(scope, ins[0]), valueBound(scope, ins[1])];
    elements = k !== 2 && step?.length === 1 && step[0] !== 0 && lo !== undefined && hi !== undefined ? (lo + hi) / Math.abs(step[0]!) + 1 : undefined;
  }
  else if (/^(?:Pad|PadV2|MirrorPad)$/.test(node.op)) elements = dataKnown ? dataKnown.reduce((a, d) => a * (d + 2 * bound), 1) : undefined;
  else if (len !== undefined) elements = Math.max(1, bound) ** len * (SCALES_INPUT.test(node.op) ? (dataKnown?.reduce((a, d) => a * d, 1) ?? Infinity) : 1);
  const dtype = outputDtype(node);
  const bytes = elements !== undefined ? elements * (dtype !== undefined ? (DTYPE_BYTES[dtype] ?? UNKNOWN_DTYPE_BYTES) : UNKNOWN_DTYPE_BYTES) : undefined;
  return bytes !== undefined && bytes < TENSOR_MEMORY;
}

/** The operand that sets the size of the tensor an op makes (its shape, count or size input). */
const SIZE_OPERANDS: Readonly<Record<string, number | number[]>> = {
  Range: [0, 1, 2], Fill: 0, Empty: 0, BroadcastTo: 1, Tile: 1, UnsortedSegmentSum: 2, UnsortedSegmentMax: 2, UnsortedSegmentMin: 2, UnsortedSegmentProd: 2,
  Bincount: 1, DenseBincount: 1, ResizeBilinear: 1, ResizeNearestNeighbor: 1, ResizeBicubic: 1, ResizeArea: 1, ScaleAndTranslate: 1,
  ScatterNd: 2, SparseToDense: 1, OneHot: 1, LinSpace: 2, Multinomial: 1, StatelessMultinomial: 1, Conv2DBackpropInput: 0,
  Conv3DBackpropInputV2: 0, DepthwiseConv2dNativeBackpropInput: 0, Pad: 1, PadV2: 1, MirrorPad: 1, MatrixDiagV2: [1, 2, 3], MatrixDiagV3: [1, 2, 3],
};

/** The longest string a tstring keeps inline (TensorFlow's small-string capacity on 64-bit hosts). */
const TSTRING_INLINE = 22;

/** The length in bytes of the longest element of a string value the file fixes: a constant's, a fill's value, a
 * broadcast or tile of one; undefined where not known. */
function stringLength(scope: Scope, input: string, depth = 0): number | undefined {
  const n = depth < 16 ? scope.byName.get(nodePart(input)) : undefined;
  if (!n) return undefined;
  const ins = dataInputs(n);
  if (n.op === "Const" || n.op === "HostConst") {
    const t = n.attr.get("value")?.tensor;
    const strs = t && t.dtype === DT_STRING ? (t.content?.length ? decodeStringList(t.content, 4096) : t.strings) : undefined;
    return strs ? strs.reduce((a, b) => Math.max(a, b.length), 0) : undefined;
  }
  if (n.op === "Fill") return ins[1] !== undefined ? stringLength(scope, ins[1], depth + 1) : undefined;
  if (n.op === "StringJoin") {
    // the parts' lengths and the separators between them
    const parts = ins.map((i) => stringLength(scope, i, depth + 1));
    const sep = n.attr.get("separator")?.s?.length ?? 0;
    return parts.every((x) => x !== undefined) ? parts.reduce((a, x) => a! + x!, 0)! + sep * Math.max(0, ins.length - 1) : undefined;
  }
  if (n.op === "ReduceJoin" && ins[0] !== undefined) {
    // every element of the input joined (at most): their count times the longest, and the separators
    const sh = shapeOf(scope, ins[0], noArgShape, depth + 1);
    const len = stringLength(scope, ins[0], depth + 1);
    const count = sh?.every((d) => Number.isSafeInteger(d) && d >= 0) ? sh.reduce((a, d) => a * d, 1) : undefined;
    return len !== undefined && count !== undefined ? count * (len + (n.attr.get("separator")?.s?.length ?? 0)) : undefined;
  }
  const len0 = () => (ins[0] !== undefined ? stringLength(scope, ins[0], depth + 1) : undefined);
  const count = (i: number) => {
    const sh = ins[i] !== undefined ? shapeOf(scope, ins[i]!, noArgShape, depth + 1) : undefined;
    return sh?.every((d) => Number.isSafeInteger(d) && d >= 0) ? sh.reduce((a, d) => a * d, 1) : undefined;
  };
  const plus = (x: number | undefined, f: (x: number) => number) => (x !== undefined ? f(x) : undefined);
  switch (n.op) {
    case "AsString": {
      // a number's text (an int64's 20 characters, a float's fixed notation up to 1e308 and its precision's digits, a
      // complex pair's two), padded to width; a string unchanged
      const t = n.attr.get("T")?.type ?? -1;
      if (t === DT_STRING) return len0();
      const p = n.attr.get("precision")?.i ?? -1;
      const one = t === 10 ? 5 : INT_DTYPES[t] ? 20 : p < 0 ? 32 : n.attr.get("scientific")?.b ? p + 8 : 312 + p;
      return Math.max(n.attr.get("width")?.i ?? 0, t === 8 || t === 18 ? 2 * one + 3 : one);
    }
    case "EncodeBase64":
      return plus(len0(), (x) => 4 * Math.ceil(x / 3));
    case "DecodeBase64":
      return plus(len0(), (x) => Math.ceil((3 * x) / 4));
    case "StringSplit":
    case "StringSplitV2":
      return len0();
    case "RegexReplace":
    case "StaticRegexReplace": {
      // a rewrite at each match (an empty pattern matches at every position), each of its backreferences holding at
      // most the whole input: global, (n + 1) rewrites and the input; else one
      const r = n.op === "StaticRegexReplace" ? n.attr.get("rewrite")?.s?.length : ins[2] !== undefined ? stringLength(scope, ins[2], depth + 1) : undefined;
      const global = n.attr.get("replace_global")?.b ?? true;
      const x = len0();
      return x !== undefined && r !== undefined ? (global ? (x + 1) * (r + 1) : x + r + 1) + x * r : undefined;
    }
    case "StringFormat": {
      // the template and each input in full, whatever the summarizing: each element's text and separator, and per
      // element at most the brackets of every level it closes and opens (2 x rank) and one boundary's newlines and
      // indentation (rank): measured on TensorFlow 2.20, about 2.9 x rank per element at rank 200
      let total = n.attr.get("template")?.s?.length ?? 0;
      for (let i = 0; i < ins.length; i++) {
        const c = count(i);
        const rank = shapeOf(scope, ins[i]!, noArgShape, depth + 1)?.length;
        const node = scope.byName.get(nodePart(ins[i]!));
        const each = node && outputDtype(node) === DT_STRING ? stringLength(scope, ins[i]!, depth + 1) : 40;
        if (c === undefined || rank === undefined || each === undefined) return undefined;
        total += c * (each + 6 + 3 * rank) + 64;
      }
      return total;
    }
    case "SerializeTensor": {
      // the proto: each element's bytes (a string's with its length) and the header
      const c = count(0);
      const node = ins[0] !== undefined ? scope.byName.get(nodePart(ins[0])) : undefined;
      const dt = node ? outputDtype(node) : undefined;
      const each = dt === DT_STRING ? plus(len0(), (x) => x + 10) : dt !== undefined ? (DTYPE_BYTES[dt] ?? 16) + 10 : undefined;
      return c !== undefined && each !== undefined ? c * each + 1024 : undefined;
    }
    case "UnicodeTranscode":
      // each input byte makes at most one code point, of at most 4 bytes in any output encoding
      return plus(len0(), (x) => 4 * x);
    case "UnicodeEncode":
      // up to 4 bytes a code point (a replacement character included), every code point at most in one element
      return plus(count(0), (c) => 4 * c);
    case "EncodePng": {
      // stored (compression 0) at worst: the pixels, a filter byte a row, the blocks' and chunks' headers
      const c = count(0);
      const node = ins[0] !== undefined ? scope.byName.get(nodePart(ins[0])) : undefined;
      return c !== undefined ? 2 * c * (node && outputDtype(node) === 17 ? 2 : 1) + 65536 : undefined;
    }
  }
  // (a case change with an encoding maps code points, and a UTF-8 character may become three times as long: "ΐ" is 2
  // bytes, its upper case 6; without one only ASCII letters change)
  if ((n.op === "StringLower" || n.op === "StringUpper") && ins[0] !== undefined) {
    const len = stringLength(scope, ins[0], depth + 1);
    const enc = n.attr.get("encoding")?.s;
    return len !== undefined ? (enc?.length ? 3 * len : len) : undefined;
  }
  if ((n.op === "Substr" || n.op === "StringStrip") && ins[0] !== undefined) return stringLength(scope, ins[0], depth + 1);
  if (n.op === "BroadcastTo" || n.op === "Tile" || PASS_THROUGH_OPS.has(n.op) || VIEW_OPS.has(n.op)) return ins[0] !== undefined ? stringLength(scope, ins[0], depth + 1) : undefined;
  return undefined;
}

/** Ops whose output is their input's buffer (or a view of it): they make no new tensor; every other op whose shape
 * shapeOf infers does (a constant, a fill, a draw, element-wise arithmetic, a segment sum, a resize ...). */
const VIEW_OPS = new Set(["Identity", "Snapshot", "StopGradient", "PreventGradient", "CheckNumerics", "CheckNumericsV2", "EnsureShape", "Enter", "RefEnter", "Reshape", "ExpandDims", "Squeeze", "IdentityN"]);

/** Elements a gathering op may hold before its first whose size is not fixed: past this many, memory is not bounded. */
const GATHER_OPEN_ELEMENTS = 2 ** 20;
/** Elements beyond which a full pass is taken to never end (2^40: days at millions of elements a second). */
const ASTRONOMICAL = 2 ** 40;
/** Ops of the keeps role that may yield more elements than their input (an unbatch splits each element). */
const SIZE_GROWS = new Set(["UnbatchDataset", "ExperimentalUnbatchDataset", "RebatchDataset", "RebatchDatasetV2", "ExperimentalRebatchDataset", "IndexFlatMapDataset"]);

const ITERATOR_OPS = new Set(["Iterator", "IteratorV2", "AnonymousIterator", "AnonymousIteratorV2", "AnonymousIteratorV3", "OneShotIterator", "MultiDeviceIterator", "AnonymousMultiDeviceIterator", "AnonymousMultiDeviceIteratorV3"]);
const GET_NEXT_OPS = new Set(["IteratorGetNext", "IteratorGetNextSync", "IteratorGetNextAsOptional", "MultiDeviceIteratorGetNextFromShard"]);
/** Ops that bind a dataset (input 0) to an iterator (input 1). */
const ITERATOR_INIT_OPS = new Set(["MakeIterator", "MultiDeviceIteratorInit"]);

function anyFlow(a: DsFlow, b: DsFlow): DsFlow {
  const endless = a.endless ?? b.endless;
  const starves = a.starves ?? b.starves;
  const stalls = a.stalls ?? b.stalls;
  return { ...(endless ? { endless } : {}), ...(starves ? { starves } : {}), ...(stalls ? { stalls } : {}) };
}

/** The output port an input names ("n:2", "n:output:2" in a function body), 0 when none. */
function portOf(input: string): number {
  const m = /:(\d+)$/.exec(input);
  return m ? Number(m[1]) : 0;
}

/** Whether a function's predicate (its first return value) is the constant false. */
function constFalsePredicate(model: TfGraphModel, node: TfNodeDef): boolean {
  const pred = predicateOf(model, node);
  return pred !== undefined && evalCond(pred.scope, pred.ret, () => undefined, 0)?.b === false;
}

/** What the call sites of a function pass for its argument `name` (the inputs argSource binds; up to 16 sites); none when `name` is not one. */
function argInputs(model: TfGraphModel, scope: Scope, name: string): Array<{ scope: Scope; input: string }> {
  const k = scope.fn ? scope.argIndex.get(name) : undefined;
  if (k === undefined || !scope.fn) return [];
  return (model.callSites.get(scope.fn.name) ?? []).slice(0, 16).flatMap((site) => {
    const from = argSource(site.node, scope.fn!, k, undefined);
    return from !== undefined && from !== ELEMENT ? [{ scope: site.scope, input: from }] : [];
  });
}

/**
 * Whether a filter's predicate accepts some element: true when it is the constant true or holds for one of
 * the values a small integer range gives the element, false when it is the constant false or holds for none
 * of them, undefined when not known.
 */
function predicateAccepts(model: TfGraphModel, scope: Scope, node: TfNodeDef): boolean | undefined {
  const pred = predicateOf(model, node);
  if (!pred) return undefined;
  const plain = evalCond(pred.scope, pred.ret, () => undefined, 0)?.b;
  if (plain !== undefined) return plain;
  const v = datasetValues(model, scope, dataInputs(node)[0] ?? "");
  if (v) {
    const results = v.values.map((x) => evalCond(pred.scope, pred.ret, (k) => (k === 0 ? { n: x } : undefined), 0)?.b);
    if (results.some((b) => b === true)) return true;
    if (results.every((b) => b === false)) return false;
  }
  return randomAccepts(pred.scope, pred.ret, v?.values);
}

/** Random draws a predicate may read, with values each takes with positive probability (in its support). */
const RANDOM_SAMPLES: ReadonlyArray<[RegExp, number[]]> = [
  [/^(?:RandomUniform|StatelessRandomUniform(?:V2)?|StatelessRandomUniformFullInt(?:V2)?)$/, [0, 0.125, 0.25, 0.5, 0.75, 0.875, 0.999]],
  [/^(?:RandomStandardNormal|StatelessRandomNormal(?:V2)?|TruncatedNormal|StatelessTruncatedNormal(?:V2)?|ParameterizedTruncatedNormal)$/, [-1.5, -1, -0.5, 0, 0.5, 1, 1.5]],
];

/**
 * Whether a predicate that reads random draws accepts some element with positive probability: it holds for some
 * value each draw takes in its support (a uniform in [0, 1), a normal), the element being any of the values
 * that reach it (or not read). A `uniform() < 0.5` subsample accepts; `uniform() < 0` never does.
 */
function randomAccepts(scope: Scope, ret: string, values: number[] | undefined): boolean | undefined {
  const draws = scope.nodes.filter((n) => RANDOM_SAMPLES.some(([re]) => re.test(n.op)));
  if (!draws.length || draws.length > 4) return undefined;
  const byName = new Map(scope.byName);
  const argIndex = new Map(scope.argIndex);
  draws.forEach((d, j) => {
    byName.delete(d.name);
    argIndex.set(d.name, 1000 + j);
  });
  const synth = scopeAs(scope, { byName, argIndex });
  const samples = draws.map((d) => RANDOM_SAMPLES.find(([re]) => re.test(d.op))![1]);
  const elems = values ?? [Number.NaN];
  // every draw takes the same sample index: a small search that finds the common subsamples
  for (const x of elems) {
    for (let i = 0; i < samples[0]!.length; i++) {
      const b = evalCond(synth, ret, (k) => (k === 0 ? (Number.isNaN(x) ? undefined : { n: x }) : k >= 1000 ? { n: samples[k - 1000]![i]! } : undefined), 0)?.b;
      if (b === true) return true;
    }
  }
  return undefined;
}

const flowMemo = new WeakMap<TfGraphModel, Map<string, DsFlow>>();

/**
 * The flow of the dataset an input carries (DsFlow), through the ops of src/tf/dataset-ops.ts, identities,
 * function calls (what the callee returns) and function arguments (what the callers pass). An op without a
 * dataset role keeps what any of its inputs carries.
 */
function datasetFlow(model: TfGraphModel, scope: Scope, input: string, depth: number): DsFlow {
  if (depth > 64 || input.startsWith("^")) return {};
  let memo = flowMemo.get(model);
  if (!memo) flowMemo.set(model, (memo = new Map()));
  const key = `${scope.path}\u0000${input}`;
  const hit = memo.get(key);
  if (hit) return hit;
  memo.set(key, {}); // a cycle (a loop's back edge) adds nothing
  const flow = { ...datasetFlowOf(model, scope, input, depth) };
  if (flow.size !== undefined && flow.size >= ASTRONOMICAL && !flow.endless) flow.endless = `about 2^${Math.floor(Math.log2(flow.size))} elements`;
  memo.set(key, flow);
  return flow;
}

/** Sizes summed (undefined when one is not known). */
function sumSizes(fs: DsFlow[]): number | undefined {
  return fs.every((f) => f.size !== undefined) ? fs.reduce((a, f) => a + f.size!, 0) : undefined;
}

/**
 * The values a dataset's single component takes in one pass, in order where `ordered` (a small integer range,
 * or one constant element, narrowed by the ops that drop elements: a take keeps a prefix, a skip drops one, a
 * filter keeps what its predicate accepts, a shard every n-th); `cyclic` once repeated. Undefined where any
 * op on the way is not modelled or a predicate cannot be evaluated for a value.
 */
interface DsValues {
  values: number[];
  ordered: boolean;
  cyclic: boolean;
}

const KEEPS_VALUES = /^(?:Prefetch|Cache|Options|Model|Optimize|Rewrite|Finalize|AssertCardinality|AssertNext|AssertPrev|MaxIntraOpParallelism|PrivateThreadPool)Dataset(?:V\d)?$/;

function datasetValues(model: TfGraphModel, scope: Scope, input: string, depth = 0): DsValues | undefined {
  const n = depth > 32 ? undefined : scope.byName.get(nodePart(input));
  if (!n) return undefined;
  const ins = dataInputs(n);
  const inner = () => datasetValues(model, scope, ins[0] ?? "", depth + 1);
  if (n.op === "RangeDataset") {
    const [a, b, st] = [constInt(scope, ins[0]), constInt(scope, ins[1]), constInt(scope, ins[2])];
    if (a === undefined || b === undefined || !st || (b - a) / st > 256) return undefined;
    const values: number[] = [];
    for (let v = a; st > 0 ? v < b : v > b; v += st) values.push(v);
    return { values, ordered: true, cyclic: false };
  }
  if (n.op === "TensorDataset" && ins.length === 1) {
    const v = constNumbers(scope, ins[0]);
    return v?.length === 1 ? { values: v, ordered: true, cyclic: false } : undefined;
  }
  if (PASS_THROUGH_OPS.has(n.op) || KEEPS_VALUES.test(n.op)) return inner();
  const v = inner();
  if (!v) return undefined;
  switch (n.op) {
    case "RepeatDataset":
      return { ...v, cyclic: true };
    case "ShuffleDataset":
    case "ShuffleDatasetV2":
    case "ShuffleDatasetV3":
    case "ShuffleAndRepeatDataset":
    case "ShuffleAndRepeatDatasetV2":
      return { ...v, ordered: false, cyclic: v.cyclic || n.op.startsWith("ShuffleAndRepeat") };
    case "TakeDataset": {
      const c = constInt(scope, ins[1]);
      if (c === undefined) return undefined;
      if (c < 0 || c >= v.values.length) return v;
      return v.ordered ? { ...v, values: v.values.slice(0, c) } : undefined;
    }
    case "SkipDataset": {
      const c = constInt(scope, ins[1]);
      if (c === undefined || c < 0) return undefined;
      if (v.cyclic) return v; // the sequence wraps around: every value comes again
      return v.ordered ? { ...v, values: v.values.slice(c) } : undefined;
    }
    case "ShardDataset": {
      const [k, i] = [constInt(scope, ins[1]), constInt(scope, ins[2])];
      if (!k || i === undefined || !v.ordered || v.cyclic) return undefined;
      return { ...v, values: v.values.filter((_, j) => j % k === i) };
    }
    case "MapDataset":
    case "ParallelMapDataset":
    case "ParallelMapDatasetV2": {
      // a map of one component: its function evaluated on each value (a selector computed from a range)
      const fnOut = predicateOf(model, n);
      if (!fnOut || fnOut.scope.fn?.outputArgs.length !== 1) return undefined;
      const out: number[] = [];
      for (const x of v.values) {
        const y = evalCond(fnOut.scope, fnOut.ret, (a) => (a === 0 ? { n: x } : undefined), 0)?.n;
        if (y === undefined) return undefined;
        out.push(y);
      }
      return { ...v, values: out };
    }
    case "FilterDataset":
    case "ParallelFilterDataset": {
      const pred = predicateOf(model, n);
      if (!pred) return undefined;
      const keep: number[] = [];
      for (const x of v.values) {
        const b = evalCond(pred.scope, pred.ret, (a) => (a === 0 ? { n: x } : undefined), 0)?.b;
        if (b === undefined) return undefined;
        if (b) keep.push(x);
      }
      return { ...v, values: keep };
    }
    default:
      return undefined;
  }
}

/**
 * Whether a dropping op (src/tf/dataset-ops.ts "drops") is shown to yield for the elements that reach it:
 * ignore_errors where the maps before it compute every element without an error; unbatch of elements whose
 * first dimension is at least 1 (a batch of a constant size, or a map returning such a tensor); sampling at a
 * constant positive rate.
 */
function dropsYield(model: TfGraphModel, scope: Scope, n: TfNodeDef): boolean {
  const input = dataInputs(n)[0] ?? "";
  if (/IgnoreErrors/.test(n.op)) return datasetValues(model, scope, input) !== undefined;
  if (n.op === "SamplingDataset") {
    const rate = constNumbers(scope, dataInputs(n)[1]);
    return rate?.length === 1 && rate[0]! > 0;
  }
  if (/Unbatch/.test(n.op)) {
    // through datasets that keep each element whole, and maps that hand their element back (unbatch's own normalize)
    const identityMap = (x: TfNodeDef): boolean => {
      if (!/^(?:Map|ParallelMap)Dataset(?:V2)?$/.test(x.op)) return false;
      const fnOut = predicateOf(model, x);
      if (!fnOut?.scope.fn) return false;
      const r = throughIdentities(fnOut.scope, fnOut.ret);
      return !fnOut.scope.byName.has(r) && fnOut.scope.argIndex.get(r) === 0;
    };
    const src = skipThrough(scope, scope.byName.get(nodePart(input)), (x) => /^(?:Prefetch|Options|Model|Optimize|Cache)Dataset(?:V\d)?$/.test(x.op) || identityMap(x), 8);
    if (!src) return false;
    if (/^(?:Batch|PaddedBatch|ParallelBatch)Dataset(?:V2)?$/.test(src.op)) return (constInt(scope, dataInputs(src)[1]) ?? 0) >= 1;
    if (/^(?:Map|ParallelMap)Dataset(?:V2)?$/.test(src.op)) {
      const fnOut = predicateOf(model, src);
      return fnOut !== undefined && (firstDim(fnOut.scope, fnOut.ret) ?? 0) >= 1;
    }
  }
  return false;
}

/** The first dimension of a value, where its producer fixes it (a constant's shape, Fill's dims, a reshape to constant dims). */
function firstDim(scope: Scope, input: string, depth = 0): number | undefined {
  const n = depth > 16 ? undefined : scope.byName.get(nodePart(input));
  if (!n) return undefined;
  if (n.op === "Const") return n.attr.get("value")?.tensor?.shape?.[0];
  if (n.op === "Fill" || n.op === "Reshape") return constNumbers(scope, dataInputs(n)[n.op === "Fill" ? 0 : 1])?.[0];
  // stacked along the first axis: one row per input; a concatenation along it: the rows of all of them
  if (n.op === "Pack") return (n.attr.get("axis")?.i ?? 0) === 0 ? dataInputs(n).length : undefined;
  if (n.op === "ExpandDims") return constNumbers(scope, dataInputs(n)[1])?.[0] === 0 ? 1 : undefined;
  if (n.op === "StridedSlice") {
    // x[a:b:s] on the first axis of a value whose first dimension is known
    const ins = dataInputs(n);
    const len = firstDim(scope, ins[0] ?? "", depth + 1);
    const [b, e, st] = [1, 2, 3].map((k) => constNumbers(scope, ins[k]));
    const mask = (k: string) => n.attr.get(k)?.i ?? 0;
    if (len === undefined || !b?.length || !e?.length || !st?.length || st[0] === 0 || mask("ellipsis_mask") & 1 || mask("new_axis_mask") & 1 || mask("shrink_axis_mask") & 1) return undefined;
    const step = st[0]!;
    const [start, stop] = sliceBounds(len, b[0]!, e[0]!, step, mask("begin_mask") & 1, mask("end_mask") & 1);
    return Math.max(0, Math.ceil((stop - start) / step));
  }
  if (n.op === "ConcatV2") {
    const ins = dataInputs(n);
    if (constNumbers(scope, ins.at(-1))?.[0] !== 0) return undefined;
    const dims = ins.slice(0, -1).map((i) => firstDim(scope, i, depth + 1));
    return dims.every((d) => d !== undefined) ? dims.reduce((a, b) => a! + b!, 0) : undefined;
  }
  if (PASS_THROUGH_OPS.has(n.op) || n.op === "ZerosLike" || n.op === "OnesLike") return firstDim(scope, dataInputs(n)[0] ?? "", depth + 1);
  return undefined;
}

/** A filter's predicate: its function's scope and first return value. */
function predicateOf(model: TfGraphModel, node: TfNodeDef): { scope: Scope; ret: string } | undefined {
  const fns = calleesOf(node, model.library);
  if (fns.length !== 1) return undefined;
  const fs = model.scopes.get(fns[0]!);
  const first = fs?.fn?.outputArgs[0];
  const ret = first !== undefined ? fs!.fn!.ret.get(first) : undefined;
  return ret !== undefined ? { scope: fs!, ret } : undefined;
}

function datasetFlowOf(model: TfGraphModel, scope: Scope, input: string, depth: number): DsFlow {
  const name = nodePart(input);
  const n = scope.byName.get(name);
  const sub = (s: Scope, i: string | undefined): DsFlow => (i === undefined ? {} : datasetFlow(model, s, i, depth + 1));
  if (!n) {
    // a function's argument: what its call sites pass
    return argInputs(model, scope, name).reduce<DsFlow>((acc, a) => anyFlow(acc, sub(a.scope, a.input)), {});
  }
  const ins = dataInputs(n);
  const role = DATASET_ROLES.get(n.op);
  const calleeFlows = (): DsFlow[] => {
    // what the called functions return at this output (every branch of a conditional counts)
    const out: DsFlow[] = [];
    for (const f of calleesOf(n, model.library)) {
      const fs = model.scopes.get(f);
      const arg = fs?.fn?.outputArgs[role ? 0 : portOf(input)];
      const ret = arg !== undefined ? fs!.fn!.ret.get(arg) : undefined;
      if (ret !== undefined) out.push(sub(fs!, ret));
    }
    return out;
  };
  const callees = (): DsFlow => calleeFlows().reduce<DsFlow>((acc, f) => anyFlow(acc, f), {});
  switch (role) {
    case undefined: {
      if (n.op === "IdentityN") return sub(scope, ins[portOf(input)]);
      if (PASS_THROUGH_OPS.has(n.op)) return sub(scope, ins[0]);
      // a call returns what its callee returns; any other op keeps what its inputs carry
      let out = LOOP_OPS.has(n.op) || n.op === "For" ? {} : callees();
      for (const i of ins) out = anyFlow(out, sub(scope, i));
      return out;
    }
    case "source":
      if (n.op === "RandomDataset" || n.op === "RandomDatasetV2" || n.op === "ExperimentalRandomDataset") return { endless: n.op };
      if (n.op === "RangeDataset") {
        const [a, b, st] = [constInt(scope, ins[0]), constInt(scope, ins[1]), constInt(scope, ins[2])];
        if (a !== undefined && b !== undefined && st !== undefined && st !== 0) {
          const size = Math.max(0, Math.ceil((b - a) / st));
          return size >= ASTRONOMICAL ? { endless: `RangeDataset(${a}, ${b}, ${st})` } : { size };
        }
      }
      if (n.op === "TensorDataset") return { size: 1 };
      if (n.op === "TensorSliceDataset") {
        // one element per row of its first component: a Range op's length, a rank-1 constant's values
        const c = scope.byName.get(nodePart(ins[0] ?? ""));
        if (c?.op === "Range") {
          const [a, b, st] = [constInt(scope, dataInputs(c)[0]), constInt(scope, dataInputs(c)[1]), constInt(scope, dataInputs(c)[2])];
          if (a !== undefined && b !== undefined && st) return { size: Math.max(0, Math.ceil((b - a) / st)) };
        }
        const rows = ins[0] !== undefined ? firstDim(scope, ins[0]) : undefined;
        if (rows !== undefined) return { size: rows };
      }
      return {};
    case "keeps": {
      const f = sub(scope, ins[0]);
      // over a dataset that stalls, an op that changes the element count (a batch) may never make its first one
      if (f.stalls && !KEEPS_VALUES.test(n.op) && !/^(?:Map|ParallelMap)Dataset(?:V2)?$/.test(n.op)) return { starves: `${n.op}(${f.stalls})` };
      // a batch, shuffle buffer or window fills its count before its first element: over an endless input, a
      // count that is not a constant or is astronomical never fills
      const at = GATHER_COUNT_INPUT[n.op];
      if (at !== undefined && f.endless && !f.starves) {
        // a constant, or the value restored into a variable nothing writes; a shard reads index + 1 elements first
        const c = constInt(scope, ins.at(at)) ?? model.restoredNumbers(scope, ins.at(at) ?? "")?.[0];
        const count = c === undefined ? undefined : n.op === "ShardDataset" ? c + 1 : c;
        if (count === undefined || count >= GATHER_NEVER) return { ...f, starves: `${n.op}(${count === undefined ? "a count that is not a constant" : `${count} elements`} before its first, over ${f.endless})` };
        // the memory those elements take before the first one comes (their declared shapes and dtypes, unknown
        // dimensions counted as 1: a lower bound)
        const src = scope.byName.get(nodePart(ins[0] ?? ""));
        const each = src ? elementBytes(src) : undefined;
        if (each !== undefined && count * each.bytes >= GATHER_MEMORY) return { ...f, starves: `${n.op}(${count} elements of at least ${each.bytes} bytes, ${Math.floor((count * each.bytes) / 2 ** 30)} GiB held before its first, over ${f.endless})` };
        // elements whose size the graph does not fix (a length computed per element): a large count is not bounded
        if ((each === undefined || each.open) && count >= GATHER_OPEN_ELEMENTS) return { ...f, starves: `${n.op}(${count} elements of a size not fixed in the graph held before its first: memory not bounded, over ${f.endless})` };
      }
      if (!SIZE_GROWS.has(n.op)) return f;
      // an unbatch of a batch yields the batched elements again: the batch's input size
      // through the ops that keep each batch whole (a map that normalises the batch, a prefetch)
      const b = /Unbatch/.test(n.op) ? skipThrough(scope, scope.byName.get(nodePart(ins[0] ?? "")), (x) => /^(?:Map|ParallelMap|Prefetch|Options|Model|Optimize)Dataset(?:V\d)?$/.test(x.op), 8) : undefined;
      const size = b && /^(?:Batch|PaddedBatch|ParallelBatch)Dataset(?:V2)?$/.test(b.op) ? sub(scope, dataInputs(b)[0]).size : undefined;
      return { ...f, size };
    }
    case "flatten": {
      // the elements of the datasets its function returns, one dataset per input element: at most the
      // input's size times the largest returned size
      const f = sub(scope, ins[0]);
      const inner = calleeFlows();
      const out = anyFlow(f, inner.reduce<DsFlow>((acc, x) => anyFlow(acc, x), {}));
      if (f.size !== undefined && inner.length && inner.every((x) => x.size !== undefined)) out.size = f.size * Math.max(...inner.map((x) => x.size!));
      // over an endless input, inner datasets none of which is shown to yield (a known size above 0, or
      // endless) may all be empty: it pulls the next input element forever
      if (/FlatMap|Interleave/.test(n.op) && f.endless && !out.starves && !inner.some((x) => (x.size !== undefined && x.size > 0) || (x.endless && !x.starves))) {
        out.starves = `${n.op}(inner datasets not shown to yield, over ${f.endless})`;
      }
      return out;
    }
    case "filter": {
      // over an endless input, a predicate not shown to accept some element may reject them all, forever
      const f = sub(scope, ins[0]);
      if (!(f.endless || f.stalls) || f.starves) return f;
      const accepts = predicateAccepts(model, scope, n);
      const { stallAfter: _kept, ...passed } = f;
      return accepts === true ? passed : { ...f, starves: `${n.op}(predicate ${accepts === false ? "rejects every element" : "not shown to accept any element"}, over ${f.endless ?? f.stalls})` };
    }
    case "drops": {
      // may yield nothing for an input element: over an endless input it starves unless shown to yield
      const f = sub(scope, ins[0]);
      // an unbatch of a batch yields the batched elements again: the batch's input size (through the ops that
      // keep each batch whole: a map that normalises the batch, a prefetch)
      const b = /Unbatch/.test(n.op) ? skipThrough(scope, scope.byName.get(nodePart(ins[0] ?? "")), (x) => /^(?:Map|ParallelMap|Prefetch|Options|Model|Optimize)Dataset(?:V\d)?$/.test(x.op), 8) : undefined;
      const size = /Unbatch/.test(n.op) ? (b && /^(?:Batch|PaddedBatch|ParallelBatch)Dataset(?:V2)?$/.test(b.op) ? sub(scope, dataInputs(b)[0]).size : undefined) : f.size;
      const kept = { ...f, size };
      if (!(f.endless || f.stalls) || f.starves) return kept;
      if (dropsYield(model, scope, n)) return kept;
      return { ...kept, starves: `${n.op}(may yield nothing for an element, not shown to yield, over ${f.endless ?? f.stalls})` };
    }
    case "hoards": {
      const f = sub(scope, ins[0]);
      if (f.starves || !(f.endless || f.stalls)) return f;
      const why = `${n.op}(${f.endless ?? f.stalls})`;
      if (/Unique/.test(n.op)) {
        // yields each value not seen before at once, then waits forever for a new one
        const v = datasetValues(model, scope, ins[0] ?? "");
        const distinct = v ? new Set(v.values).size : undefined;
        return distinct === 0 ? { starves: why } : { stalls: why, ...(distinct !== undefined ? { stallAfter: distinct } : {}) };
      }
      // a group-by-reducer yields only at its input's end
      return { ...f, starves: why };
    }
    case "any": {
      const all = ins.map((i) => sub(scope, i));
      const size = n.op === "ConcatenateDataset" ? sumSizes(all) : undefined;
      return { ...all.reduce<DsFlow>((acc, f) => anyFlow(acc, f), {}), ...(size !== undefined ? { size } : {}) };
    }
    case "selects": {
      // endless only when the selector and some data input both never end; a starving input starves it
      const [sel, ...data] = ins.map((i) => sub(scope, i));
      let starves = [sel, ...data].find((f) => f?.starves)?.starves;
      const stalls = [sel, ...data].find((f) => f?.stalls)?.stalls;
      // an endless selector that picks only inputs that end, and not all of them, loops forever once they
      // are exhausted (without stop_on_empty_dataset, an exhausted pick is skipped; a never-picked input never ends)
      if (!starves && sel?.endless && n.attr.get("stop_on_empty_dataset")?.b !== true) {
        const picks = datasetValues(model, scope, ins[0] ?? "");
        const picked = new Set(picks?.values ?? []);
        if (picks && ![...picked].some((k) => data[k]?.endless) && !data.every((_, k) => picked.has(k))) {
          starves = `${n.op}(the selector picks only input ${[...picked].join(", ")}, which ends, over ${sel.endless})`;
        }
      }
      const endlessData = data.find((f) => f.endless)?.endless;
      const endless = sel?.endless && endlessData ? `${n.op}(selector ${sel.endless}, data ${endlessData})` : undefined;
      const size = sumSizes(data);
      return { ...(endless ? { endless } : {}), ...(starves ? { starves } : {}), ...(stalls ? { stalls } : {}), ...(size !== undefined ? { size } : {}) };
    }
    case "all": {
      const all = ins.map((i) => sub(scope, i));
      const starves = all.find((f) => f.starves)?.starves;
      const stalls = all.find((f) => f.stalls)?.stalls;
      const endless = all.length > 0 && all.every((f) => f.endless) ? `${n.op}(${all.map((f) => f.endless).join(", ")})` : undefined;
      const sizes = all.flatMap((f) => (f.size !== undefined ? [f.size] : []));
      return { ...(endless ? { endless } : {}), ...(starves ? { starves } : {}), ...(stalls ? { stalls } : {}), ...(sizes.length ? { size: Math.min(...sizes) } : {}) };
    }
    case "repeat": {
      // a count below 0 repeats forever (and ends only when the input yields nothing at all); 0 is empty
      // a constant, or the value restored into a variable nothing writes
      const ci = ins[REPEAT_COUNT_INPUT[n.op]!];
      const restored = ci !== undefined ? model.restoredNumbers(scope, ci) : undefined;
      const c = constInt(scope, ci) ?? (restored?.length === 1 && Number.isInteger(restored[0]) ? restored[0] : undefined);
      const f = sub(scope, ins[0]);
      // an empty input repeated stays empty (TensorFlow ends the repeat when a pass yields nothing)
      if (c === 0 || f.size === 0) return { size: 0 };
      if (c === undefined || c < 0) return { ...f, size: undefined, endless: f.endless ?? `${n.op}(count=${c ?? "not a constant"})` };
      return f.size !== undefined ? { ...f, size: f.size * c } : f;
    }
    case "take": {
      const c = constInt(scope, ins[1]);
      const f = sub(scope, ins[0]);
      if (c === 0) return { size: 0 };
      if (c === undefined || c < 0) return f;
      // a take of a stalling input ends only when the stall comes after the count
      if (f.stalls && !(f.stallAfter !== undefined && c <= f.stallAfter)) return { stalls: f.stalls, ...(f.stallAfter !== undefined ? { stallAfter: f.stallAfter } : {}) };
      return { ...(f.starves ? { starves: f.starves } : {}), size: Math.min(c, f.size ?? c) };
    }
    case "skip":
      // skip(-1) of an input TensorFlow knows infinite is empty at once (observed on 2.20): no starving claim
      return sub(scope, ins[0]);
    case "takeWhile":
      return constFalsePredicate(model, n) ? {} : sub(scope, ins[0]);
    case "assertCardinality": {
      // a finite cardinality fails the run after that many elements; -1 (infinite) lets an endless input on
      const c = constInt(scope, ins[1]);
      const f = sub(scope, ins[0]);
      return c !== undefined && c >= 0 ? { ...(f.starves ? { starves: f.starves } : {}), size: c } : f;
    }
    default:
      return {};
  }
}

/** The datasets bound to the iterator an input names (MakeIterator of the same iterator op, or of any iterator sharing its shared_name). */
function iteratorDatasets(model: TfGraphModel, scope: Scope, input: string, depth: number): Array<{ scope: Scope; input: string }> {
  if (depth > 24) return [];
  const name = nodePart(input);
  const n = scope.byName.get(name);
  if (!n) return argInputs(model, scope, name).flatMap((a) => iteratorDatasets(model, a.scope, a.input, depth + 1));
  if (PASS_THROUGH_OPS.has(n.op)) return iteratorDatasets(model, scope, dataInputs(n)[0] ?? "", depth + 1);
  if (n.op === "IdentityN") return iteratorDatasets(model, scope, dataInputs(n)[portOf(input)] ?? "", depth + 1);
  if (!ITERATOR_OPS.has(n.op)) return [];
  const shared = sharedName(n);
  const out: Array<{ scope: Scope; input: string }> = [];
  // a one-shot iterator makes its dataset by running its dataset_factory function on first use
  const factory = n.op === "OneShotIterator" ? n.attr.get("dataset_factory")?.func?.name : undefined;
  const fs = factory !== undefined ? model.scopes.get(factory) : undefined;
  const first = fs?.fn?.outputArgs[0];
  const ret = first !== undefined ? fs!.fn!.ret.get(first) : undefined;
  if (ret !== undefined) out.push({ scope: fs!, input: ret });
  for (const s of [model.root, ...model.scopes.values()]) {
    if (s !== scope && shared === undefined) continue;
    for (const m of s.nodes) {
      if (!ITERATOR_INIT_OPS.has(m.op)) continue;
      const [ds, it] = dataInputs(m);
      if (ds === undefined || it === undefined) continue;
      const target = skipThrough(s, s.byName.get(nodePart(it)), (x) => PASS_THROUGH_OPS.has(x.op));
      if (target === n || (shared !== undefined && target && ITERATOR_OPS.has(target.op) && sharedName(target) === shared)) out.push({ scope: s, input: ds });
    }
  }
  return out;
}

/**
 * The value an asset tensor takes: os.path.join(<export>/assets, filename). An absolute filename is that
 * host path, one whose ".." leaves assets/ depends on where the model lives; neither is the model's own
 * file. A bare name is the model's own asset.
 */
function assetFileTrace(file: string, name: string): Trace {
  const rel = file.replace(/\\/g, "/");
  if (/^(?:\/|[A-Za-z]:\/)/.test(rel)) return { strings: [file], opaque: [], leaves: [{ kind: "const", name: `asset filename ${name}`, values: [file] }], assets: [] };
  if (cleanPath(rel).startsWith("..")) return opaqueTrace(`asset ${file} (a filename that leaves assets/)`, name);
  return { strings: [], opaque: [], leaves: [{ kind: "asset", name, values: [file] }], assets: [file] };
}

/** Like trace without arg resolution, but a filename node of the saver is a leaf. */
function traceStoppingAt(model: TfGraphModel, scope: Scope, input: string, stops: Set<string>): Trace {
  return model.trace(scope, input, false, stops);
}

/**
 * An op that runs a serialized graph (DatasetFromGraph): when the string traces to constants, each is
 * decoded as a GraphDef and analysed as a graph of its own with the host's trigger. Returns false
 * (the op is then judged GW511 high) when the string cannot be traced or decoded.
 */
function openEmbedded(ctx: ScanContext, model: TfGraphModel, scope: Scope, node: TfNodeDef, reach: Reach | undefined, opts: GraphOptions): boolean {
  const depth = (opts.host?.depth ?? 0) + 1;
  if (depth > TF_EMBEDDED_LIMITS.maxDepth) return false;
  const input = dataInputs(node)[EMBEDDED_GRAPH_INPUT[node.op]!];
  if (input === undefined) return false;
  const t = model.trace(scope, input, true, undefined, scope.fn ? {} : { anchor: [node.name] });
  // The bytes opened must be exactly those TensorFlow passes: a value computed from constants (a
  // substring, a join, a regex) is not folded over binary bytes, so the graph is untraceable.
  if (t.transformed) return false;
  if (t.opaque.length || !t.leaves.length || !t.leaves.every((l) => l.kind === "const" && l.raw?.length)) return false;
  const blobs = t.leaves.flatMap((l) => l.raw ?? []);
  if (blobs.reduce((a, b) => a + b.length, 0) > TF_EMBEDDED_LIMITS.maxBytes) return false;
  const graphs: TfGraphDef[] = [];
  let undecoded = 0;
  for (const b of blobs) {
    try {
      graphs.push(decodeGraphDef(b));
    } catch (e) {
      // Malformed protobuf (a FormatError: an invalid wire type, a truncated value; the reader skips a
      // known field sent with a foreign wire type as protobuf does) fails TensorFlow's parse too: that
      // branch runs nothing. Anything else (a limit) may be a graph TensorFlow reads: the op stays judged.
      if (!(e instanceof FormatError)) undecoded++;
    }
  }
  const host = { trigger: reach?.trigger ?? "unknown", via: [...(reach?.via ?? []), `${node.op} ${node.name}`].slice(-6), depth };
  graphs.forEach((g, i) => analyzeGraph(ctx, g, { pathPrefix: `${model.nodePath(scope, node)}/graph_def${graphs.length > 1 ? `[${i}]` : ""}#`, host }));
  ctx.detail("tf_embedded_graphs", graphs.length);
  return graphs.length > 0 && undecoded === 0;
}

export function analyzeGraph(ctx: ScanContext, graph: TfGraphDef, opts: GraphOptions): TfGraphStats {
  const model = new TfGraphModel(graph, opts);
  const meta = opts.meta;
  assignTriggers(model, meta, opts.warmup === true);
  const savers = [...(meta?.saver ? [meta.saver] : []), ...(opts.savers ?? [])];
  const quiet = checkpointNodes(model, savers, meta !== undefined);
  model.ownRestores = new Set([...quiet].filter((n) => n.op === "RestoreV2" || n.op === "Restore" || n.op === "RestoreSlice"));
  if (opts.host) {
    // Everything in an embedded graph runs when its host op runs.
    const via = [...opts.host.via, "embedded graph"].slice(-6);
    for (const n of model.root.nodes) if (!model.rootReach.has(n.name)) model.rootReach.set(n.name, { trigger: opts.host.trigger, via });
    for (const f of graph.functions) model.reachFunction(f.name, opts.host.trigger, via);
  }
  const tf2 = meta?.objectGraph !== undefined;
  const isKnownOp = (op: string) => (model.library.has(op) ? true : knownOp(op));
  const quietOps: string[] = [];
  const waits = new WaitIndex(model, graph, meta, opts.runnersStart === true);
  const visit = (scope: Scope, node: TfNodeDef, reach: Reach | undefined) => {
    const isCheckpoint = quiet.has(node);
    const entry = tfOpEntry(node.op);
    if (isCheckpoint && entry?.checkpoint && !(tf2 && (node.op === "Save" || node.op === "SaveSlices"))) {
      quietOps.push(node.op);
      return;
    }
    const endless = endlessRun(model, waits, scope, node);
    if (endless && !(UNDECIDED_LOOPS.has(endless) && reach?.trigger !== "load" && reach?.trigger !== undefined && reach?.trigger !== "unknown")) {
      const path = model.nodePath(scope, node);
      const subject: TfOpSubject = { node, judgement: endless, trigger: reach?.trigger ?? "unknown", path, via: reach?.via ?? [] };
      ctx.dispatch("tf-op", subject, path);
    }
    // Fast path: nothing to judge for compute, resource and function-call ops on a local device.
    // Every other op (file, network, callback, embedded graph, no kernel, unreviewed) is judged by its class.
    if (!entry && !node.device.includes("/job:") && (model.library.has(node.op) || QUIET_CLASSES.has(tfOpClass(node.op)?.cls ?? "unreviewed") || (knownOp(node.op) === undefined && !tfOpClass(node.op)))) return;
    if (!entry && Object.prototype.hasOwnProperty.call(EMBEDDED_GRAPH_INPUT, node.op) && openEmbedded(ctx, model, scope, node, reach, opts)) return;
    if (entry?.when === "blocking" && waitSatisfied(waits, scope, node)) return;
    const judge = (feed: FeedView) =>
      judgeNodeDef(node, {
        traceStrings: (input) => {
          const t = model.trace(scope, input, true, undefined, feed);
          // GW512 takes the trigger of the ops that read a linked asset.
          const trig = reach?.trigger ?? "unknown";
          for (const a of t.assets ?? []) {
            const prev = opts.assetReads?.get(a);
            if (opts.assetReads && (prev === undefined || TRIGGER_RANK[trig] > TRIGGER_RANK[prev])) opts.assetReads.set(a, trig);
          }
          const constants = [...t.leaves.flatMap((l) => (l.kind === "const" ? l.values : [])), ...ancestorStrings(scope, input)];
          return { strings: t.strings, opaque: t.opaque, assets: t.assets, constants };
        },
        isCheckpoint,
        isKnownOp,
        tf2,
        resolveAttr: (name) => model.resolveAttr(scope, node, name),
      });
    // A feed belongs to one run: asset tensors are the model's own files only where every run evaluating
    // them feeds them (FeedView). When an asset Const was read as its own value, that judgement belongs to
    // the runs that do not feed (trigger: the highest of those), and the fed runs are judged on their own.
    const feed: FeedView = scope.fn ? {} : { anchor: [node.name] };
    const judged: Array<{ j: TfNodeJudgement; reach: Reach | undefined }> = judge(feed).map((j) => ({ j, reach }));
    if (feed.unfed) {
      const unfedReach = model.unfedReach(scope, node.name);
      const fedReach = model.fedReach(scope, node.name);
      if (unfedReach) for (const x of judged) x.reach = unfedReach;
      if (fedReach) {
        for (const j of judge({ all: true })) {
          const same = judged.find((x) => x.j.kind === j.kind && x.j.message === j.message && x.j.evidence === j.evidence);
          if (!same) judged.push({ j, reach: fedReach });
          else if (TRIGGER_RANK[fedReach.trigger] > TRIGGER_RANK[same.reach?.trigger ?? "none"]) same.reach = fedReach;
        }
      }
    }
    for (const { j, reach } of judged) {
      const path = model.nodePath(scope, node);
      const subject: TfOpSubject = { node, judgement: j, trigger: reach?.trigger ?? "unknown", path, via: reach?.via ?? [] };
      if (j.kind === "remote-device") {
        // One finding per remote device (distributed graphs place thousands of nodes on it).
        const prev = remote.get(node.device);
        if (prev) {
          prev.count++;
          if (TRIGGER_RANK[subject.trigger] > TRIGGER_RANK[prev.subject.trigger]) prev.subject = { ...subject };
        } else remote.set(node.device, { subject, count: 1 });
        continue;
      }
      ctx.dispatch("tf-op", subject, path);
    }
  };
  const remote = new Map<string, { subject: TfOpSubject; count: number }>();
  for (const n of model.root.nodes) visit(model.root, n, model.rootReach.get(n.name));
  for (const f of graph.functions) {
    const scope = model.scopes.get(f.name)!;
    const reach = model.fnReach.get(f.name);
    for (const n of f.nodes) visit(scope, n, reach);
  }
  for (const { subject, count } of remote.values()) {
    if (count > 1) subject.judgement = { ...subject.judgement, message: `${subject.judgement.message} (${count} nodes on this device; first shown)` };
    ctx.dispatch("tf-op", subject, subject.path);
  }
  if (quietOps.length) ctx.dispatch("tf-checkpoint", { ops: quietOps, path: `${model.root.path}saver_def` }, `${model.root.path}saver_def`);
  return { nodes: model.nodeCount, functions: graph.functions.length, reachedFunctions: model.fnReach.size, checkpointOps: quietOps.length };
}

export { cut };

/**
 * An If's predicate as TensorFlow reads it (ToBool): a tensor that is not a scalar is true when it has elements; a
 * scalar bool as it is; a number when it is not zero, a subnormal float counting as zero (TensorFlow's threads run
 * with denormals flushed: If(1e-45) takes the else branch), NaN as true. Undefined when not known (an approximate
 * value near zero, a half-precision subnormal, a shape or value not known).
 */
function ifTruth(shape: number[] | undefined, dtype: number | undefined, v: CondValue): boolean | undefined {
  if (shape !== undefined && shape.length > 0) return shape.every((d) => Number.isSafeInteger(d) && d >= 0) ? shape.every((d) => d > 0) : undefined;
  if (v?.b !== undefined) return v.b;
  if (v?.n === undefined || nearZero(v)) return undefined;
  const x = v.n;
  if (Number.isNaN(x) || x === 0) return x !== 0;
  // (float32 and bfloat16 share float32's smallest normal; half's subnormals are not known to be flushed)
  const tiny = dtype === 1 || dtype === 14 ? 2 ** -126 : dtype === 2 ? 2 ** -1022 : dtype === 19 ? 2 ** -14 : 0;
  if (Math.abs(x) < tiny) return dtype === 19 ? undefined : false;
  return true;
}

/**
 * The function an If, Case or call node runs and its returned value at the output an input names: an If's
 * branch by its predicate (ifTruth), a Case's by its index (out of range: the last, the default), a call's `f`.
 */
function branchReturn(scope: Scope, node: TfNodeDef, input: string, selector: CondValue): { scope: Scope; ret: string } | undefined {
  let fname: string | undefined;
  if (/PartitionedCall$/.test(node.op)) fname = node.attr.get("f")?.func?.name;
  else if (/If$/.test(node.op)) {
    const p = dataInputs(node)[0];
    const pred = p !== undefined ? scope.byName.get(nodePart(p)) : undefined;
    const truth = ifTruth(p !== undefined ? shapeOf(scope, p, noArgShape, 0) : undefined, pred ? outputDtype(pred) : undefined, selector);
    fname = truth === undefined ? undefined : node.attr.get(truth ? "then_branch" : "else_branch")?.func?.name;
  }
  else {
    const branches = node.attr.get("branches")?.list?.func ?? [];
    const idx = selector?.n;
    fname = idx === undefined || !branches.length ? undefined : branches[idx >= 0 && idx < branches.length ? idx : branches.length - 1]!.name;
  }
  return functionReturn(scope.owner?.scopes, fname, input);
}

/** The functions a call or branch op may run: a call's f, an If's two branches, every branch of a Case. */
function runnableFunctions(node: TfNodeDef): Array<string | undefined> {
  if (/PartitionedCall$/.test(node.op)) return [node.attr.get("f")?.func?.name];
  if (/If$/.test(node.op)) return [node.attr.get("then_branch")?.func?.name, node.attr.get("else_branch")?.func?.name];
  return (node.attr.get("branches")?.list?.func ?? []).map((f) => f.name);
}

/** The value function `fname` returns at the output `input` names (its scope and the return's tensor). */
function functionReturn(scopes: Map<string, Scope> | undefined, fname: string | undefined, input: string): { scope: Scope; ret: string } | undefined {
  const fs = fname !== undefined ? scopes?.get(fname) : undefined;
  const out = fs?.fn?.outputArgs[portOf(input)];
  const ret = out !== undefined ? fs!.fn!.ret.get(out) : undefined;
  return fs && ret !== undefined ? { scope: fs, ret } : undefined;
}

/** A scalar integer constant exactly (through identities): int64 beyond 2^53 from tensor_content or int64_val as written. */
function bigOf(scope: Scope, input: string | undefined): bigint | undefined {
  if (input === undefined) return undefined;
  const n = scope.byName.get(throughIdentities(scope, input));
  const t = n?.op === "Const" ? n.attr.get("value")?.tensor : undefined;
  const d = t ? INT_DTYPES[t.dtype] : undefined;
  if (!t || !d) return undefined;
  if (t.content?.length) {
    if (t.content.length !== d[0]) return undefined;
    const dv = new DataView(t.content.buffer, t.content.byteOffset, t.content.byteLength);
    return d[0] === 8 ? (d[1] ? dv.getBigInt64(0, true) : dv.getBigUint64(0, true)) : BigInt(tensorInts(t)![0]!);
  }
  if (d[0] === 8) {
    const v = t.int64Exact ?? t.int64s?.map((x) => BigInt(x));
    return v?.length === 1 ? v[0] : undefined;
  }
  const v = tensorInts(t);
  return v?.length === 1 ? BigInt(v[0]!) : undefined;
}

/** Byte width and signedness of the integer DataTypes (DT_INT32 3, UINT8 4, INT16 5, INT8 6, INT64 9, UINT16 17, UINT32 22, UINT64 23). */
const INT_DTYPES: Readonly<Record<number, readonly [number, boolean]>> = { 3: [4, true], 4: [1, false], 5: [2, true], 6: [1, true], 9: [8, true], 17: [2, false], 22: [4, false], 23: [8, false] };

/**
 * The integers of a constant as TensorFlow reads them (Tensor::FromProto): tensor_content when it is set,
 * little-endian at the dtype's width; otherwise int64_val for 64-bit types and int_val for the others.
 * undefined for any other dtype or a content whose length is not a multiple of the width.
 */
export function tensorInts(t: TfTensor): number[] | undefined {
  const d = INT_DTYPES[t.dtype];
  if (!d) return undefined;
  const [w, signed] = d;
  if (t.content?.length) {
    // a constant with more elements than the folds take is not known (a prefix of it is not its values)
    if (t.content.length % w || t.content.length / w > MAX_FOLD_ELEMENTS) return undefined;
    const dv = new DataView(t.content.buffer, t.content.byteOffset, t.content.byteLength);
    const out: number[] = [];
    for (let at = 0; at < t.content.length; at += w) {
      if (w === 1) out.push(signed ? dv.getInt8(at) : dv.getUint8(at));
      else if (w === 2) out.push(signed ? dv.getInt16(at, true) : dv.getUint16(at, true));
      else if (w === 4) out.push(signed ? dv.getInt32(at, true) : dv.getUint32(at, true));
      else out.push(Number(signed ? dv.getBigInt64(at, true) : dv.getBigUint64(at, true)));
    }
    return out;
  }
  // uint32 and uint64 read uint32_val and uint64_val (a uint64 beyond 2^53 is not exact as a number: unknown)
  if (t.dtype === 22) return (t.uint32s ?? []).length > MAX_FOLD_ELEMENTS ? undefined : (t.uint32s ?? []);
  if (t.dtype === 23) {
    const u = t.uint64s ?? [];
    return u.length > MAX_FOLD_ELEMENTS || u.some((x) => x > BigInt(Number.MAX_SAFE_INTEGER)) ? undefined : u.map((x) => Number(x));
  }
  const v = w === 8 ? (t.int64s ?? []) : t.ints;
  return v.length > MAX_FOLD_ELEMENTS ? undefined : v;
}

/** Most elements of a constant the numeric folds take (more: its values are not known). */
const MAX_FOLD_ELEMENTS = 4096;

/**
 * The numbers of a constant as TensorFlow reads them (Tensor::FromProto): tensor_content when it is set,
 * else the value field of the dtype and only that one (float_val for DT_FLOAT, double_val for DT_DOUBLE,
 * bool_val for DT_BOOL, int64_val / int_val for the integers): a value in another field is ignored, as
 * TensorFlow ignores it. undefined for any other dtype or a content of the wrong length.
 */
export function tensorNumbers(t: TfTensor): number[] | undefined {
  if (t.dtype === 1 || t.dtype === 2) {
    const w = t.dtype === 1 ? 4 : 8;
    if (t.content?.length) {
      if (t.content.length % w || t.content.length / w > MAX_FOLD_ELEMENTS) return undefined;
      const dv = new DataView(t.content.buffer, t.content.byteOffset, t.content.byteLength);
      return Array.from({ length: t.content.length / w }, (_, i) => (w === 4 ? dv.getFloat32(i * 4, true) : dv.getFloat64(i * 8, true)));
    }
    const v = (t.dtype === 1 ? t.floats : t.doubles) ?? [];
    return v.length > MAX_FOLD_ELEMENTS ? undefined : v;
  }
  if (t.dtype === 10) {
    if (t.content?.length) return t.content.length > MAX_FOLD_ELEMENTS ? undefined : Array.from(t.content, (b) => (b !== 0 ? 1 : 0));
    const v = t.bools ?? [];
    return v.length > MAX_FOLD_ELEMENTS ? undefined : v;
  }
  if (t.dtype === 19 || t.dtype === 14) {
    // DT_HALF (IEEE binary16) and DT_BFLOAT16 (the high half of a binary32), from content or half_val
    const bits = t.content?.length
      ? t.content.length % 2 || t.content.length / 2 > MAX_FOLD_ELEMENTS
        ? undefined
        : Array.from({ length: t.content.length / 2 }, (_, i) => t.content![2 * i]! | (t.content![2 * i + 1]! << 8))
      : (t.halfs?.length ?? 0) > MAX_FOLD_ELEMENTS
        ? undefined
        : (t.halfs ?? []);
    return bits?.map((b) => (t.dtype === 19 ? halfToNumber(b & 0xffff) : bfloat16ToNumber(b & 0xffff)));
  }
  return tensorInts(t);
}

function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  if (exp === 0) return sign * frac * 2 ** -24;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

function bfloat16ToNumber(b: number): number {
  const dv = new DataView(new ArrayBuffer(4));
  dv.setUint32(0, b << 16, false);
  return dv.getFloat32(0, false);
}

