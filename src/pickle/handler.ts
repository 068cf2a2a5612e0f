// Pickle and .npy handlers: recognised by content, opcodes walked, globals judged by the rules.
import { FormatError, LimitError, startsWith, type ByteSource } from "../core/bytes.js";
import type { ScanContext } from "../core/context.js";
import type { FormatHandler } from "../core/handler.js";
import { NPY_MAGIC, parseNpyHeader } from "../formats/npy.js";
import type {} from "../rules/pickle.js";
import type { TargetJudgement } from "../catalog/python.js";
import { HIGHER_ORDER, judgePickleGlobal } from "./judge.js";
import { DEFAULT_PICKLE_LIMITS, opcodeName, sniffPickle, walkPickle, type PickleCall, type PickleWalk } from "./walker.js";

/** Names under which a pickle is not what the loader expects (a model, weights, arrays). */
const MODEL_NAME = /\.(?:h5|hdf5|keras|npz|pb|tflite|weights|onnx|safetensors|json)$/i;

/** Is a pickle at this location pretending to be a model or weights file? */
export function expectedModel(ctx: ScanContext, name: string): boolean {
  const chain = [ctx.target.path, ...ctx.member.split("!")].map((s) => s.replace(/\[copy [^\]]*\]$/, ""));
  const leaf = name.replace(/\[copy [^\]]*\]$/, "");
  if (MODEL_NAME.test(leaf)) return true;
  // Inside a model archive, a pickle is only expected as a torch.save payload (TorchModuleWrapper) or a .pkl member.
  return chain.slice(0, -1).some((c) => /\.(?:npz|keras|h5|hdf5)$/i.test(c)) && !/\.pkl$|torch\.save/i.test(leaf);
}

/**
 * functools.partial and friends are dangerous only when fed a dangerous callable: when every call
 * passes a resolved global, the helper takes the verdict of the worst one it is fed.
 */
function judgeHigherOrder(j: TargetJudgement, calls: PickleCall[]): TargetJudgement {
  if (j.verdict !== "deny" || !HIGHER_ORDER.has(j.target) || calls.length === 0) return j;
  if (calls.some((c) => c.opcode === "BUILD" || c.argGlobals.length === 0)) return j;
  const fed = calls.flatMap((c) => c.argGlobals.map((g) => judgePickleGlobal(g.module, g.name)));
  if (fed.some((f) => f.verdict === "deny")) return j;
  const unknown = fed.find((f) => f.verdict === "unknown");
  if (unknown) return { target: j.target, capabilities: ["unverifiable"], note: `fed ${unknown.target}, not a known-benign callable`, verdict: "unknown" };
  return { target: j.target, capabilities: ["compute"], note: `fed only known-benign callables (${fed.map((f) => f.target).join(", ")})`, verdict: "allow" };
}

/**
 * Loader versions that unpickle this location: Keras 3.0-3.8 open `model.weights.npz` (the copy
 * zipfile reads) with np.load(allow_pickle=True), both a raw pickle and object arrays inside it.
 */
export function unpicklingVersions(ctx: ScanContext): string[] {
  if (ctx.target.format !== "keras-v3") return [];
  const chain = ctx.member.split("!");
  const i = chain.indexOf("model.weights.npz");
  return i === 0 ? ["keras>=3.0,<3.9 (np.load allow_pickle=True)"] : [];
}

/** Reports one walked pickle: every global judged, the calls as evidence, walking errors as scan errors. */
export function reportPickle(ctx: ScanContext, w: PickleWalk, where: { name: string; expectedModel: boolean; container: string; pointer?: string }): void {
  const affectedVersions = unpicklingVersions(ctx);
  ctx.detail("pickle_protocol", w.protocol);
  const seen = new Set<string>();
  for (const g of w.globals) {
    const key = `${g.module}\u0000${g.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const calls = w.calls.filter((c) => c.global && c.global.module === g.module && c.global.name === g.name);
    const judgement = g.dynamic ? { target: `${g.module}.${g.name}`, capabilities: ["unverifiable" as const], note: g.dynamic, verdict: "unknown" as const } : judgeHigherOrder(judgePickleGlobal(g.module, g.name), calls);
    ctx.dispatch(
      "pickle-global",
      { global: g, judgement, calls: calls.map((c) => c.evidence), container: where.container, expectedModel: where.expectedModel, affectedVersions },
      where.pointer ?? `opcode@${g.offset}`,
    );
  }
  ctx.dispatch("pickle-file", { name: where.name, expectedModel: where.expectedModel, protocol: w.protocol, globals: [...seen].map((k) => k.replace("\u0000", ".")), container: where.container, affectedVersions });
  if (w.error) ctx.error(`pickle opcodes could not be fully walked: ${w.error} (offset ${w.end})`);
}

async function readBounded(ctx: ScanContext, src: ByteSource, from: number): Promise<Uint8Array> {
  const n = src.size - from;
  if (n > ctx.limits.maxMetadataBytes) throw new LimitError(`pickle of ${n} bytes exceeds the ${ctx.limits.maxMetadataBytes}-byte limit`);
  return src.read(from, n);
}

/** Walks consecutive pickles (legacy torch files hold several) and reports them. */
export function walkAll(ctx: ScanContext, data: Uint8Array, where: { name: string; expectedModel: boolean; container: string }): void {
  const limits = { ...DEFAULT_PICKLE_LIMITS, maxString: ctx.limits.maxMetadataBytes };
  let at = 0;
  for (let i = 0; i < 8 && at < data.length; i++) {
    const w = walkPickle(data, at, limits);
    reportPickle(ctx, w, where);
    if (w.error) return;
    at = w.end;
    const next = data[at + 1] ?? 0;
    if (!(data[at] === 0x80 && next >= 2 && next <= 5 && opcodeName(data[at + 2] ?? 0) !== undefined)) break;
  }
  if (at < data.length) ctx.detail("bytes_after_pickle", data.length - at);
}

export const pickleHandler: FormatHandler = {
  id: "pickle",
  description: "Python pickle (any protocol), recognised by content: opcodes walked, never unpickled",
  match(s) {
    return sniffPickle(s.head);
  },
  maxScore: 40,
  async scan(ctx, src, s) {
    if (!ctx.member) ctx.target.format = "pickle";
    const data = await readBounded(ctx, src, 0);
    walkAll(ctx, data, { name: s.name, expectedModel: expectedModel(ctx, s.name), container: "pickle" });
  },
};

export const npyHandler: FormatHandler = {
  id: "npy",
  description: "NumPy .npy array: header read; object arrays carry a pickle, which is walked",
  match(s) {
    return startsWith(s.head, NPY_MAGIC) ? 50 : 0;
  },
  async scan(ctx, src, s) {
    if (!ctx.member) ctx.target.format = "npy";
    let head = s.head;
    if (head.length >= 12) {
      const need = head[6] === 1 ? 10 + (head[8]! | (head[9]! << 8)) : 12 + ((head[8]! | (head[9]! << 8) | (head[10]! << 16) | (head[11]! << 24)) >>> 0);
      if (need > head.length) {
        if (need > 16 * 1024 * 1024) throw new FormatError(`.npy header of ${need} bytes`);
        head = await src.read(0, need);
      }
    }
    const h = parseNpyHeader(head);
    ctx.detail("npy_dtype", h.descr.slice(0, 80));
    ctx.detail("npy_shape", h.shape.slice(0, 80));
    if (!h.hasObject) return;
    const data = await readBounded(ctx, src, h.dataOffset);
    // Keras 3 NpzIOStore itself writes dicts as object arrays: only the globals are judged here, not the container.
    walkAll(ctx, data, { name: s.name, expectedModel: false, container: "npy object array" });
  },
};
