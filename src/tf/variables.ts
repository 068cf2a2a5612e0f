// Graph variables as TensorFlow's resource manager identifies them, and what can be known of their value.
// A VarHandleOp / VariableV2 names its variable by (container, shared_name), the node name only when
// shared_name is empty (ContainerInfo::Init with use_node_name_as_default): two nodes with one shared_name
// are one variable. Its value is "what the recorded assigns write" only when every op that takes a handle
// or ref of it is a known read or a recorded assign; any other consumer (a scatter, an unknown op, a
// function that writes or returns the handle, an argument layout not modelled) makes the value unknown.
import type { TfFunctionDef, TfNodeDef } from "./types.js";
import { decodeUtf8 } from "../core/bytes.js";

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

type Kind = "resource" | "ref";
/** The container a resource lives in: an empty one is the resource manager's default. */
function containerOf(c: string): string {
  return c === "" ? "localhost" : c;
}

const VAR_OPS: Readonly<Record<string, Kind>> = { VarHandleOp: "resource", VariableV2: "ref", Variable: "ref" };

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

function dataInputs(node: TfNodeDef): string[] {
  return node.input.filter((i) => !i.startsWith("^"));
}

function nodePart(input: string): string {
  const i = input.indexOf(":");
  return i < 0 ? input : input.slice(0, i);
}

export class TfVariables {
  /** Variable key -> the nodes that create a handle or ref of it. */
  private readonly byKey = new Map<string, Array<{ scope: VarScope; node: TfNodeDef }>>();
  /** Keys some op creates in a form not followed (_VarHandlesOp): their value is unknown. */
  private readonly unfollowed = new Map<string, string>();
  private readonly values = new Map<string, VarValue>();
  private readonly consumerIndex = new WeakMap<VarScope, Map<string, Array<{ node: TfNodeDef; input: string }>>>();

  constructor(private readonly g: VarGraph) {
    for (const scope of [g.root, ...g.scopes.values()]) {
      for (const node of scope.nodes) {
        const key = this.key(scope, node);
        if (key !== undefined) {
          const l = this.byKey.get(key) ?? [];
          l.push({ scope, node });
          this.byKey.set(key, l);
        } else if (node.op === "_VarHandlesOp") {
          const containers = node.attr.get("containers")?.list?.s ?? [];
          const names = node.attr.get("shared_names")?.list?.s ?? [];
          names.forEach((n, i) => {
            const c = containers[i] ? decodeUtf8(containers[i]) : "";
            this.unfollowed.set(`resource|${containerOf(c)}|${decodeUtf8(n)}`, `${node.name} (_VarHandlesOp)`);
          });
        }
      }
    }
  }

  /** The resource manager's key of the variable a node creates a handle/ref of; undefined for other ops. */
  key(scope: VarScope, node: TfNodeDef): string | undefined {
    const kind = VAR_OPS[node.op];
    if (!kind) return undefined;
    const shared = attrStr(node, "shared_name");
    if (shared === ANONYMOUS_NAME) return `${kind}|anonymous|${scope.path}|${node.name}`;
    // The resource manager fills an empty container with its default one ("localhost"); a ref
    // variable (VariableV2) with no shared_name is named after its node, while a VarHandleOp keeps
    // the empty name, so every such handle is one variable (both observed with TensorFlow 2.20).
    return `${kind}|${containerOf(attrStr(node, "container"))}|${kind === "ref" ? shared || node.name : shared}`;
  }

  /** What is known of the value of the variable `node` creates a handle/ref of; undefined when it creates none. */
  value(scope: VarScope, node: TfNodeDef): VarValue | undefined {
    const key = this.key(scope, node);
    if (key === undefined) return undefined;
    let v = this.values.get(key);
    if (!v) {
      v = this.compute(key);
      this.values.set(key, v);
    }
    return v;
  }

  /**
   * The writers of a variable through a function's handle argument (a TF2 concrete function's captured
   * variable): every op taking the argument, followed into called functions, classified as for a node.
   */
  argValue(scope: VarScope, arg: string): VarValue {
    const st = { writers: [] as VarWriter[], unknown: undefined as string | undefined, seen: new Set<string>() };
    this.flow(scope, arg, "resource", st, 0);
    if (st.unknown) return { unknown: st.unknown };
    if (st.writers.length > MAX_VAR_WRITERS) return { unknown: `assigned more than ${MAX_VAR_WRITERS} times` };
    return { writers: st.writers };
  }

  private compute(key: string): VarValue {
    const kind: Kind = key.startsWith("ref|") ? "ref" : "resource";
    const unf = this.unfollowed.get(key);
    if (unf) return { unknown: `variable also created by ${unf}` };
    const st = { writers: [] as VarWriter[], unknown: undefined as string | undefined, seen: new Set<string>() };
    for (const { scope, node } of this.byKey.get(key) ?? []) {
      this.flow(scope, node.name, kind, st, 0);
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

  /** Classifies every op that takes the handle/ref `name` (a node or a function arg) in `scope`. */
  private flow(scope: VarScope, name: string, kind: Kind, st: { writers: VarWriter[]; unknown: string | undefined; seen: Set<string> }, depth: number): void {
    const id = `${scope.path}|${name}`;
    if (st.seen.has(id) || st.unknown) return;
    st.seen.add(id);
    // A function that returns the handle hands it to its callers' consumers: not followed.
    if (scope.fn) for (const r of scope.fn.ret.values()) if (nodePart(r) === name) return void (st.unknown = `handle returned by function ${scope.fn.name}`);
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
