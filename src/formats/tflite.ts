// TFLite model reader: the flatbuffers runtime (ByteBuffer) for primitive reads, with hand-written
// accessors for the few tables we need and a bounds check before every read (the runtime checks
// none: an offset outside the buffer would silently read zeros). Field ids as in TensorFlow Lite's
// schema.fbs (tensorflow/compiler/mlir/lite/schema/schema.fbs):
//   Model        0 version, 1 operator_codes, 2 subgraphs, 3 description, 4 buffers,
//                5 metadata_buffer, 6 metadata, 7 signature_defs
//   OperatorCode 0 deprecated_builtin_code (byte), 1 custom_code, 2 version, 3 builtin_code (int)
//   SubGraph     0 tensors, 1 inputs, 2 outputs, 3 operators, 4 name
//   Operator     0 opcode_index, 1 inputs, 2 outputs, 3/4 builtin_options (union), 5 custom_options,
//                6 custom_options_format, 7 mutating_variable_inputs, 8 intermediates,
//                9 large_custom_options_offset, 10 large_custom_options_size
//   Tensor       0 shape, 1 type (TensorType byte; STRING = 5), 2 buffer, 3 name
//   Buffer       0 data, 1 offset, 2 size        Metadata 0 name, 1 buffer
import { ByteBuffer } from "flatbuffers";
import { FormatError, LimitError, decodeUtf8 } from "../core/bytes.js";

export const TFLITE_IDENTIFIER = "TFL3";
/** BuiltinOperator.CUSTOM */
export const BUILTIN_CUSTOM = 32;

export interface TfliteLimits {
  /** Most operators summed over all subgraphs. */
  maxOperators: number;
  /** Most subgraphs / operator codes / buffers / metadata entries. */
  maxEntries: number;
}

export const DEFAULT_TFLITE_LIMITS: TfliteLimits = { maxOperators: 5_000_000, maxEntries: 1_000_000 };

export interface TfliteOperatorCode {
  /** max(builtin_code, deprecated_builtin_code), as the interpreter computes it (GetBuiltinCode). */
  builtinCode: number;
  customCode?: string;
  version: number;
}

export interface TfliteOperator {
  subgraph: number;
  index: number;
  opcodeIndex: number;
  /** Tensor indices of the inputs (-1 = optional input left out). */
  inputs: number[];
  /** The custom options the interpreter hands the kernel: inline ones first, else the large ones. */
  customOptions?: Uint8Array;
  customOptionsSource: "inline" | "large" | "none";
  /** Large custom options lying beyond the bytes in memory: the caller reads them from the file. */
  largeOptionsRange?: { offset: number; size: number };
}

export interface TfliteSubgraph {
  name: string;
  tensorCount: number;
  operators: TfliteOperator[];
}

export interface TfliteModel {
  schemaVersion: number;
  description: string;
  operatorCodes: TfliteOperatorCode[];
  subgraphs: TfliteSubgraph[];
  bufferCount: number;
  metadata: Array<{ name: string; buffer: number }>;
  /** Value of the "min_runtime_version" metadata buffer, if any. */
  minRuntimeVersion?: string;
  signatureCount: number;
  /**
   * Constant strings held by a tensor (a STRING tensor with buffer data), for evidence such as the
   * path a Flex ReadFile reads; undefined when the tensor is not a constant string tensor.
   */
  constantStrings(subgraph: number, tensor: number): string[] | undefined;
}

/** TensorType.STRING */
const TENSOR_STRING = 5;
/** Most strings decoded from one constant tensor (evidence only). */
const MAX_EVIDENCE_STRINGS = 16;

export function hasTfliteIdentifier(head: Uint8Array): boolean {
  return head.length >= 8 && head[4] === 0x54 && head[5] === 0x46 && head[6] === 0x4c && head[7] === 0x33;
}

/** Bounds-checked view over a flatbuffer. */
class Fb {
  readonly bb: ByteBuffer;
  /** Bytes in memory (a prefix of the file when the file is larger than the read limit). */
  readonly size: number;
  constructor(
    bytes: Uint8Array,
    readonly fileSize: number,
  ) {
    this.bb = new ByteBuffer(bytes);
    this.size = bytes.length;
  }

  /** Is [pos, pos+len) inside the file? FormatError when not; LimitError when only beyond the prefix read. */
  inFile(pos: number, len: number, what: string): void {
    if (!Number.isSafeInteger(pos) || !Number.isSafeInteger(len) || pos < 0 || len < 0 || pos + len > this.fileSize) {
      throw new FormatError(`${what} at offset ${pos} (+${len} bytes) lies outside the ${this.fileSize}-byte file`);
    }
  }

  need(pos: number, len: number, what: string): void {
    this.inFile(pos, len, what);
    if (pos + len > this.size) {
      throw new LimitError(`${what} at offset ${pos} lies beyond the first ${this.size} bytes read (raise the metadata size limit to scan this model)`);
    }
  }

  u8(pos: number): number {
    this.need(pos, 1, "byte");
    return this.bb.readUint8(pos);
  }
  i8(pos: number): number {
    this.need(pos, 1, "byte");
    return this.bb.readInt8(pos);
  }
  u16(pos: number): number {
    this.need(pos, 2, "uint16");
    return this.bb.readUint16(pos);
  }
  i32(pos: number): number {
    this.need(pos, 4, "int32");
    return this.bb.readInt32(pos);
  }
  u32(pos: number): number {
    this.need(pos, 4, "uint32");
    return this.bb.readUint32(pos);
  }
  u64(pos: number, what: string): number {
    this.need(pos, 8, what);
    const v = this.bb.readUint64(pos);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new FormatError(`${what} ${v} is beyond any file size`);
    return Number(v);
  }

  /** Root table position (uoffset at byte 0). */
  root(): Table {
    return this.table(this.u32(0), "root table");
  }

  /** Table at `pos`, its vtable checked. */
  table(pos: number, what: string): Table {
    this.need(pos, 4, what);
    const vt = pos - this.i32(pos);
    this.need(vt, 4, `${what} vtable`);
    const vtLen = this.u16(vt);
    const tableLen = this.u16(vt + 2);
    if (vtLen < 4 || vtLen % 2 !== 0) throw new FormatError(`${what}: vtable of ${vtLen} bytes`);
    this.need(vt, vtLen, `${what} vtable`);
    this.need(pos, Math.max(tableLen, 4), what);
    return new Table(this, pos, vt, vtLen, tableLen, what);
  }
}

class Table {
  constructor(
    private readonly fb: Fb,
    readonly pos: number,
    private readonly vt: number,
    private readonly vtLen: number,
    private readonly tableLen: number,
    readonly what: string,
  ) {}

  /** Absolute position of field `id` (0 when absent), checked to fit `size` bytes inside the table. */
  field(id: number, size: number): number {
    const vo = 4 + 2 * id;
    if (vo >= this.vtLen) return 0;
    const off = this.fb.u16(this.vt + vo);
    if (off === 0) return 0;
    if (off + size > this.tableLen) throw new FormatError(`${this.what}: field ${id} at ${off} overruns the ${this.tableLen}-byte table`);
    return this.pos + off;
  }

  u8(id: number, dflt: number): number {
    const p = this.field(id, 1);
    return p ? this.fb.u8(p) : dflt;
  }
  i8(id: number, dflt: number): number {
    const p = this.field(id, 1);
    return p ? this.fb.i8(p) : dflt;
  }
  i32(id: number, dflt: number): number {
    const p = this.field(id, 4);
    return p ? this.fb.i32(p) : dflt;
  }
  u32(id: number, dflt: number): number {
    const p = this.field(id, 4);
    return p ? this.fb.u32(p) : dflt;
  }
  u64(id: number, dflt: number): number {
    const p = this.field(id, 8);
    return p ? this.fb.u64(p, `${this.what} field ${id}`) : dflt;
  }

  /** Vector field: [start of elements, length], checked to fit `elemSize * length` bytes. */
  vector(id: number, elemSize: number): [number, number] | undefined {
    const p = this.field(id, 4);
    if (!p) return undefined;
    const vec = p + this.fb.u32(p);
    const len = this.fb.u32(vec);
    this.fb.need(vec + 4, len * elemSize, `${this.what} vector ${id} of ${len} elements`);
    return [vec + 4, len];
  }

  bytes(id: number): Uint8Array | undefined {
    const v = this.vector(id, 1);
    return v ? this.fb.bb.bytes().subarray(v[0], v[0] + v[1]) : undefined;
  }

  string(id: number): string | undefined {
    const b = this.bytes(id);
    return b ? decodeUtf8(b) : undefined;
  }

  /** Tables of a vector-of-tables field. */
  tables(id: number, what: string, max: number): Table[] {
    const v = this.vector(id, 4);
    if (!v) return [];
    if (v[1] > max) throw new LimitError(`${what}: ${v[1]} entries (limit ${max})`);
    const out: Table[] = [];
    for (let i = 0; i < v[1]; i++) {
      const at = v[0] + 4 * i;
      out.push(this.fb.table(at + this.fb.u32(at), `${what}[${i}]`));
    }
    return out;
  }

  /** Number of elements of a vector-of-tables field (without reading them). */
  count(id: number): number {
    const v = this.vector(id, 4);
    return v ? v[1] : 0;
  }
}

/** Reads the structure of a TFLite flatbuffer. Malformed input throws FormatError. */
/**
 * Reads the structure of a TFLite flatbuffer. Malformed input throws FormatError. `bytes` may be a
 * prefix of a larger file (`fileSize`): the tables of big models sit at the front (flatbuffers are
 * built back to front, weights first), and large custom options beyond the prefix are returned as
 * ranges for the caller to read.
 */
export function readTflite(bytes: Uint8Array, limits: TfliteLimits = DEFAULT_TFLITE_LIMITS, fileSize = bytes.length): TfliteModel {
  if (bytes.length < 8) throw new FormatError(`TFLite file of ${bytes.length} bytes is too short`);
  if (!hasTfliteIdentifier(bytes)) throw new FormatError("no TFL3 file identifier at offset 4");
  const fb = new Fb(bytes, Math.max(fileSize, bytes.length));
  const model = fb.root();

  const operatorCodes = model.tables(1, "operator_codes", limits.maxEntries).map((t): TfliteOperatorCode => {
    const deprecated = t.i8(0, 0);
    const builtin = t.i32(3, 0);
    const code: TfliteOperatorCode = { builtinCode: Math.max(builtin, deprecated), version: t.i32(2, 1) };
    const custom = t.string(1);
    if (custom !== undefined) code.customCode = custom;
    return code;
  });

  let totalOps = 0;
  const sgTables: Table[] = [];
  const subgraphs = model.tables(2, "subgraphs", limits.maxEntries).map((sg, si): TfliteSubgraph => {
    const ops = sg.tables(3, `subgraphs[${si}].operators`, limits.maxOperators);
    totalOps += ops.length;
    if (totalOps > limits.maxOperators) throw new LimitError(`more than ${limits.maxOperators} operators`);
    const operators = ops.map((op, oi): TfliteOperator => {
      const ins = op.vector(1, 4);
      const inputs: number[] = [];
      if (ins) for (let k = 0; k < Math.min(ins[1], 1024); k++) inputs.push(fb.i32(ins[0] + 4 * k));
      const o: TfliteOperator = { subgraph: si, index: oi, opcodeIndex: op.u32(0, 0), inputs, customOptionsSource: "none" };
      const inline = op.bytes(5);
      if (inline !== undefined) {
        o.customOptions = inline;
        o.customOptionsSource = "inline";
      } else {
        const off = op.u64(9, 0);
        const size = op.u64(10, 0);
        // The interpreter reads the large options only when the offset is > 1 (InterpreterBuilder).
        if (off > 1) {
          const what = `subgraphs[${si}].operators[${oi}] large custom options`;
          fb.inFile(off, size, what);
          o.customOptionsSource = "large";
          if (off + size <= bytes.length) o.customOptions = bytes.subarray(off, off + size);
          else o.largeOptionsRange = { offset: off, size };
        }
      }
      return o;
    });
    sgTables.push(sg);
    return { name: sg.string(4) ?? "", tensorCount: sg.count(0), operators };
  });

  const buffers = model.vector(4, 4);
  const bufferCount = buffers ? buffers[1] : 0;
  if (bufferCount > limits.maxEntries * 10) throw new LimitError(`${bufferCount} buffers`);
  const metadata = model.tables(6, "metadata", limits.maxEntries).map((t) => ({ name: t.string(0) ?? "", buffer: t.u32(1, 0) }));

  const bufferData = (index: number): Uint8Array | undefined => {
    if (!buffers || index >= bufferCount) return undefined;
    const at = buffers[0] + 4 * index;
    const buf = fb.table(at + fb.u32(at), `buffers[${index}]`);
    const data = buf.bytes(0);
    if (data !== undefined && data.length > 0) return data;
    const off = buf.u64(1, 0);
    if (off <= 1) return data;
    const size = buf.u64(2, 0);
    fb.inFile(off, size, `buffers[${index}] data`);
    // Evidence only: a buffer outside the bytes in memory is not fetched.
    return off + size <= bytes.length ? bytes.subarray(off, off + size) : undefined;
  };
  const constantStrings = (subgraph: number, tensor: number): string[] | undefined => {
    const sg = sgTables[subgraph];
    if (!sg || tensor < 0) return undefined;
    const tv = sg.vector(0, 4);
    if (!tv || tensor >= tv[1]) return undefined;
    const at = tv[0] + 4 * tensor;
    const t = fb.table(at + fb.u32(at), `subgraphs[${subgraph}].tensors[${tensor}]`);
    if (t.u8(1, 0) !== TENSOR_STRING) return undefined;
    const data = bufferData(t.u32(2, 0));
    return data && data.length >= 8 ? decodeStringTensor(data) : undefined;
  };

  const result: TfliteModel = {
    schemaVersion: model.u32(0, 0),
    description: model.string(3) ?? "",
    operatorCodes,
    subgraphs,
    bufferCount,
    metadata,
    signatureCount: model.count(7),
    constantStrings,
  };
  const mrv = metadata.find((m) => m.name === "min_runtime_version");
  const mrvData = mrv ? bufferData(mrv.buffer) : undefined;
  if (mrvData && mrvData.length) {
    const v = decodeUtf8(mrvData.subarray(0, Math.min(mrvData.length, 64))).replace(/\0+$/, "");
    if (v) result.minRuntimeVersion = v;
  }
  return result;
}

/**
 * TFLite string tensor data: int32 count, int32 offsets[count + 1] from the start of the data,
 * then the bytes. Malformed offsets end the decoding (evidence only, never a verdict on its own).
 */
export function decodeStringTensor(data: Uint8Array): string[] {
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = dv.getInt32(0, true);
  if (count < 0 || 4 * (count + 2) > data.length) return [];
  const out: string[] = [];
  for (let i = 0; i < Math.min(count, MAX_EVIDENCE_STRINGS); i++) {
    const a = dv.getInt32(4 + 4 * i, true);
    const b = dv.getInt32(8 + 4 * i, true);
    if (a < 0 || b < a || b > data.length) break;
    out.push(decodeUtf8(data.subarray(a, b)));
  }
  return out;
}
