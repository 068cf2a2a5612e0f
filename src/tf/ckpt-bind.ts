// Which checkpoint nodes restore which SavedModel objects, as tf.saved_model.load binds them: the restore
// walks the CHECKPOINT's object graph (TrackableObjectGraph) breadth first from the root and binds each
// checkpoint child to the loaded object's dependency of the same local name (the SavedObjectGraph's
// children). One object reachable by several paths can be bound by several checkpoint nodes; which one's
// value TensorFlow keeps depends on the walk, so every bound value is judged.
import { decodeTf } from "./proto.js";
import { pbMsgs, pbNum, pbStr, type PbMessage } from "../formats/protobuf.js";
import type { TfObjectGraph } from "./types.js";

/** Most (checkpoint node, object) pairs walked; past it no binding is trusted. */
const MAX_BIND_STEPS = 200_000;

export interface CkptBinding {
  /** The key the checkpoint node's VARIABLE_VALUE attribute names, if any. */
  key: string | undefined;
  /** The key TensorFlow's saver derives from the checkpoint path the walk reached the node by. */
  implied: string;
}

/** SavedObjectGraph node id -> the checkpoint bindings of it; "unreadable" when absent, undecodable or too large. */
export type CkptBindings = Map<number, CkptBinding[]> | "unreadable";

/** trackable_utils.escape_local_name: "." doubled, "/" as ".S". */
function escapeLocalName(name: string): string {
  return name.replace(/\./g, "..").replace(/\//g, ".S");
}

export function checkpointBindings(bytes: Uint8Array | undefined, og: TfObjectGraph): CkptBindings {
  if (!bytes) return "unreadable";
  let nodes: PbMessage[];
  try {
    nodes = pbMsgs(decodeTf("TrackableObjectGraph", bytes), "nodes");
  } catch {
    return "unreadable";
  }
  if (!nodes.length || !og.nodes.length) return "unreadable";
  const out = new Map<number, CkptBinding[]>();
  const seen = new Set<string>(["0|0"]);
  const queue: Array<{ ck: number; sm: number; path: string[] }> = [{ ck: 0, sm: 0, path: [] }];
  let steps = 0;
  for (let qi = 0; qi < queue.length; qi++) {
    const { ck, sm, path } = queue[qi]!;
    for (const c of pbMsgs(nodes[ck]!, "children")) {
      const cid = pbNum(c, "node_id") ?? 0;
      const name = pbStr(c, "local_name");
      if (cid < 0 || cid >= nodes.length) continue;
      for (const d of og.nodes[sm]?.children ?? []) {
        if (d.localName !== name || d.nodeId < 0 || d.nodeId >= og.nodes.length) continue;
        if (++steps > MAX_BIND_STEPS) return "unreadable";
        const pair = `${cid}|${d.nodeId}`;
        if (seen.has(pair)) continue;
        seen.add(pair);
        const p = [...path, escapeLocalName(name)];
        const attr = pbMsgs(nodes[cid]!, "attributes").find((a) => pbStr(a, "name") === "VARIABLE_VALUE");
        const l = out.get(d.nodeId) ?? [];
        l.push({ key: attr ? pbStr(attr, "checkpoint_key") : undefined, implied: `${p.join("/")}/.ATTRIBUTES/VARIABLE_VALUE` });
        out.set(d.nodeId, l);
        queue.push({ ck: cid, sm: d.nodeId, path: p });
      }
    }
  }
  return out;
}

/**
 * The string values a variable (SavedObjectGraph node `id`) can be restored with: every bound checkpoint
 * node's value. "unknown" when nothing binds it, the object graph cannot be read, a binding names a key
 * other than the one its path implies (not the standard layout), or only some bound values were read;
 * undefined when none was read (not a string variable, or past the read budget).
 */
export function checkpointValue<T>(b: CkptBindings, id: number, strings: Map<string, T[]>): T[] | "unknown" | undefined {
  if (b === "unreadable") return "unknown";
  const binds = b.get(id);
  if (!binds?.length) return "unknown";
  const out: T[] = [];
  let missing = 0;
  for (const x of binds) {
    if (x.key === undefined || x.key !== x.implied) return "unknown";
    const v = strings.get(x.key);
    if (v) out.push(...v);
    else missing++;
  }
  if (missing === binds.length) return undefined;
  return missing ? "unknown" : out;
}
