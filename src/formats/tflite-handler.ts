// TFLite handler (identifier "TFL3" at offset 4): operator codes and custom operators; Flex
// operators decoded (flexbuffer [op_name, NodeDef]) and the embedded TensorFlow op judged by the
// TensorFlow op catalogue, like a node of a GraphDef.
import { decodeLatin1, LimitError, type ByteSource } from "../core/bytes.js";
import type { ScanContext } from "../core/context.js";
import type { FormatHandler } from "../core/handler.js";
import type { Trigger } from "../core/types.js";
import { isKnownTfOp, TFLITE_MAX_BUILTIN, TFLITE_STANDARD_CUSTOM_OPS, tfliteBuiltinName } from "../catalog/tf-op-registry.js";
import { judgeNodeDef, type TfOpSubject, type TracedValue } from "../tf/judge.js";
import { decodeNodeDef } from "../tf/proto.js";
import type { TfNodeDef } from "../tf/types.js";
import { openZip, tailHasEocd } from "./archive/zip.js";
import { decodeFlexOpOptions } from "./flexbuffer.js";
import { BUILTIN_CUSTOM, hasTfliteIdentifier, readTflite, type TfliteModel, type TfliteOperator } from "./tflite.js";

/** Largest custom options read for one operator from outside the flatbuffer. */
const MAX_LARGE_OPTIONS = 64 * 1024 * 1024;

/** Operators listed per custom-op finding. */
const MAX_LISTED = 5;

function opPath(op: TfliteOperator): string {
  return `subgraphs[${op.subgraph}]/operators[${op.index}]`;
}

/** TFLite runs every operator on Invoke(); AllocateTensors only prepares kernels. */
const TRIGGER: Trigger = "inference";

/**
 * The embedded NodeDef as the Flex delegate runs it: the kernel comes from the flexbuffer op name
 * (OpKernelRunner::Create(name_, ...)), attributes from the NodeDef. Inputs are the operator's
 * TFLite tensors (the converter leaves NodeDef inputs empty), named "tensor:<index>".
 */
function runtimeNode(node: TfNodeDef, opName: string, op: TfliteOperator): TfNodeDef {
  return { ...node, op: opName, input: op.inputs.map((t) => `tensor:${t}`) };
}

function judgeFlexOp(ctx: ScanContext, model: TfliteModel, op: TfliteOperator, customCode: string): void {
  const pointer = opPath(op);
  if (!op.customOptions || op.customOptions.length === 0) {
    ctx.error(`Flex operator "${customCode.slice(0, 80)}" carries no custom options (no NodeDef to judge)`, pointer);
    return;
  }
  const { opName: opNameBytes, nodeDef } = decodeFlexOpOptions(op.customOptions);
  const opName = decodeLatin1(opNameBytes);
  // Copy: the NodeDef decoder may keep views; the copy is small (a NodeDef, not weights).
  const node = decodeNodeDef(nodeDef.slice());
  ctx.dispatch("tflite-flex-op", { customCode, opName, nodeOp: node.op, nodeName: node.name, trigger: TRIGGER }, pointer);
  const run = runtimeNode(node, opName, op);
  const traceStrings = (input: string): TracedValue => {
    const m = /^tensor:(-?\d+)$/.exec(input);
    const strings = m ? model.constantStrings(op.subgraph, Number(m[1])) : undefined;
    return strings && strings.length ? { strings, opaque: [] } : { strings: [], opaque: [input] };
  };
  const path = `${pointer}/node/${node.name || opName}`;
  for (const judgement of judgeNodeDef(run, { traceStrings, isKnownOp: isKnownTfOp })) {
    const subject: TfOpSubject = { node: run, judgement, trigger: TRIGGER, path, via: [`TFLite Flex operator ${customCode}`] };
    ctx.dispatch("tf-op", subject, path);
  }
}

/**
 * Scans a TFLite model. `src` (when given) is the whole file and `bytes` may be its prefix: large
 * custom options lying beyond the prefix are read from `src`.
 */
export async function scanTflite(ctx: ScanContext, bytes: Uint8Array, src?: ByteSource): Promise<void> {
  const model = readTflite(bytes, undefined, src?.size ?? bytes.length);
  if (src && bytes.length < src.size) ctx.detail("tflite_bytes_read", bytes.length);
  ctx.detail("tflite_schema_version", model.schemaVersion);
  if (model.description) ctx.detail("tflite_description", model.description.slice(0, 120));
  if (model.minRuntimeVersion) ctx.detail("tflite_min_runtime_version", model.minRuntimeVersion);
  ctx.detail("tflite_subgraphs", model.subgraphs.length);
  ctx.detail("tflite_operators", model.subgraphs.reduce((n, s) => n + s.operators.length, 0));

  const custom = new Map<string, TfliteOperator[]>();
  const unknownBuiltins = new Set<number>();
  let flexOps = 0;
  let largeOptions = 0;
  for (const sg of model.subgraphs) {
    for (const op of sg.operators) {
      if (op.customOptionsSource === "large") largeOptions++;
      const code = model.operatorCodes[op.opcodeIndex];
      if (!code) {
        // The interpreter rejects the model ("Missing registration for opcode_index").
        ctx.error(`operator refers to operator_codes[${op.opcodeIndex}] of ${model.operatorCodes.length}`, opPath(op));
        continue;
      }
      if (code.builtinCode !== BUILTIN_CUSTOM) {
        if (code.builtinCode > TFLITE_MAX_BUILTIN || code.builtinCode < 0 || !tfliteBuiltinName(code.builtinCode)) unknownBuiltins.add(code.builtinCode);
        continue;
      }
      const customCode = code.customCode ?? "";
      if (customCode.startsWith("Flex") && op.largeOptionsRange && src) {
        const { offset, size } = op.largeOptionsRange;
        if (size > MAX_LARGE_OPTIONS) throw new LimitError(`${opPath(op)}: ${size} bytes of custom options (limit ${MAX_LARGE_OPTIONS})`);
        op.customOptions = await src.read(offset, size);
      }
      if (customCode.startsWith("Flex")) {
        flexOps++;
        await ctx.guard(`Flex operator ${customCode.slice(0, 60)}`, () => judgeFlexOp(ctx, model, op, customCode), opPath(op));
        continue;
      }
      if (TFLITE_STANDARD_CUSTOM_OPS.has(customCode)) continue;
      const list = custom.get(customCode) ?? [];
      list.push(op);
      custom.set(customCode, list);
    }
  }
  if (flexOps) ctx.detail("tflite_flex_operators", flexOps);
  if (largeOptions) ctx.detail("tflite_large_custom_options", largeOptions);
  if (unknownBuiltins.size) ctx.detail("tflite_unknown_builtin_codes", [...unknownBuiltins].sort((a, b) => a - b).join(","));
  for (const [customCode, ops] of custom) {
    ctx.dispatch("tflite-custom-op", { customCode, operators: ops.slice(0, MAX_LISTED).map(opPath), count: ops.length, trigger: TRIGGER }, opPath(ops[0]!));
  }
}

/**
 * TFLite Support metadata appends a zip of "associated files" (labels, vocabularies) to the model.
 * The interpreter never opens them; the app may, through the metadata extractor. Listed as
 * inventory (names), not scanned as models.
 */
async function associatedFiles(ctx: ScanContext, src: ByteSource, tail: Uint8Array): Promise<void> {
  if (!tailHasEocd(tail)) return;
  try {
    const zip = await openZip(src, 10_000, 16 * 1024 * 1024);
    const names = zip.entries.filter((e) => !e.isDir).map((e) => e.name);
    ctx.detail("tflite_associated_files", names.slice(0, 20).join(", ").slice(0, 300) || "(none)");
  } catch {
    ctx.detail("tflite_associated_files", "unreadable zip");
  }
}

export const tfliteHandler: FormatHandler = {
  id: "tflite",
  description: "TensorFlow Lite flatbuffer (.tflite): custom and Flex (select TF) operators",
  match(s) {
    return hasTfliteIdentifier(s.head) ? 90 : 0;
  },
  async scan(ctx, src, s) {
    // Models above the metadata limit: read the front (where the flatbuffer tables are); any table
    // beyond it is a LimitError, never a silent skip.
    const bytes = await src.read(0, Math.min(src.size, ctx.limits.maxMetadataBytes));
    await scanTflite(ctx, bytes, src);
    await associatedFiles(ctx, src, s.tail);
  },
};
