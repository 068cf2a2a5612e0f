// TF.js weight shards: the converter moves every Const value (string constants included) out of
// model.json into the shards listed by weightsManifest. To show the path a ReadFile node reads we
// read only the string weights: each group's shards are one byte stream, weights laid out in
// manifest order; numeric weights are skipped by size, strings are uint32 length + bytes each.
import { decodeUtf8, FormatError, type ByteSource } from "../core/bytes.js";
import { isObject } from "../formats/json.js";

/** Strings kept per weight (evidence only). */
const MAX_STRINGS_KEPT = 16;
/** Most string elements walked over in one model (their lengths decide later offsets). */
const MAX_STRING_ELEMENTS = 200_000;
/** Longest string kept (evidence is cut later anyway). */
const MAX_STRING_BYTES = 4096;

const BYTES_PER: Record<string, number> = { float32: 4, int32: 4, uint8: 1, int8: 1, uint16: 2, int16: 2, float16: 2, bool: 1, complex64: 8, int64: 8, float64: 8 };

/** The shards of one manifest group read as one stream. */
class GroupStream {
  private readonly starts: number[] = [];
  readonly size: number;
  constructor(private readonly parts: ByteSource[]) {
    let at = 0;
    for (const p of parts) {
      this.starts.push(at);
      at += p.size;
    }
    this.size = at;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    if (offset < 0 || length < 0 || offset + length > this.size) throw new FormatError(`weight data at ${offset} (+${length}) beyond the ${this.size} bytes of its shards`);
    const out = new Uint8Array(length);
    let done = 0;
    for (let i = 0; i < this.parts.length && done < length; i++) {
      const start = this.starts[i]!;
      const part = this.parts[i]!;
      const from = offset + done;
      if (from >= start + part.size || from < start) continue;
      const n = Math.min(length - done, start + part.size - from);
      out.set(await part.read(from - start, n), done);
      done += n;
    }
    return out;
  }
}

function elementCount(shape: unknown): number | undefined {
  if (!Array.isArray(shape)) return undefined;
  let n = 1;
  for (const d of shape) {
    if (typeof d !== "number" || !Number.isSafeInteger(d) || d < 0) return undefined;
    n *= d;
    if (!Number.isSafeInteger(n)) return undefined;
  }
  return n;
}

/**
 * Constant strings of string-typed weights, by weight name (= Const node name). `open` resolves a
 * shard path inside the model folder (undefined when it is missing or leaves the folder). Reading
 * stops at the first weight whose size cannot be worked out, and shards too short for their
 * manifest throw FormatError: the caller keeps what was read (evidence only; the ops themselves are
 * judged whether or not their operands could be traced).
 */
export async function readStringWeights(manifest: unknown, open: (path: string) => Promise<ByteSource | undefined>): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!Array.isArray(manifest)) return out;
  let budget = MAX_STRING_ELEMENTS;
  for (const group of manifest) {
    if (!isObject(group) || !Array.isArray(group["paths"]) || !Array.isArray(group["weights"])) continue;
    const weights = group["weights"].filter(isObject);
    if (!weights.some((w) => w["dtype"] === "string")) continue;
    const parts: ByteSource[] = [];
    for (const p of group["paths"]) {
      const src = typeof p === "string" ? await open(p) : undefined;
      if (!src) return out;
      parts.push(src);
    }
    const stream = new GroupStream(parts);
    let offset = 0;
    for (const w of weights) {
      const n = elementCount(w["shape"]);
      if (n === undefined) break;
      if (w["dtype"] !== "string") {
        const q = isObject(w["quantization"]) ? w["quantization"]["dtype"] : undefined;
        const per = BYTES_PER[typeof q === "string" ? q : String(w["dtype"])];
        if (per === undefined) break;
        offset += n * per;
        continue;
      }
      if (n > budget) return out;
      budget -= n;
      const strings: string[] = [];
      for (let i = 0; i < n; i++) {
        const lenBytes = await stream.read(offset, 4);
        const len = new DataView(lenBytes.buffer).getUint32(0, true);
        offset += 4;
        if (strings.length < MAX_STRINGS_KEPT) strings.push(decodeUtf8(await stream.read(offset, Math.min(len, MAX_STRING_BYTES))));
        offset += len;
        if (offset > stream.size) throw new FormatError(`string weight ${String(w["name"]).slice(0, 60)} runs past its shards`);
      }
      if (typeof w["name"] === "string") out.set(w["name"], strings);
    }
  }
  return out;
}
