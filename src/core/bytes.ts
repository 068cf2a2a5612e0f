// Byte sources: the only way the core reads data, so it runs in Node and in the browser alike.

export interface ByteSource {
  /** Display name (file path or archive member). */
  readonly name: string;
  readonly size: number;
  /** Reads exactly `length` bytes at `offset` (fewer only at end of source). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** Running counter of how many bytes the readers actually pulled from sources. */
export class ReadMeter {
  bytesRead = 0;
  reads = 0;
}

export class MemorySource implements ByteSource {
  readonly size: number;
  constructor(
    readonly name: string,
    private readonly data: Uint8Array,
    private readonly meter?: ReadMeter,
  ) {
    this.size = data.length;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    const start = Math.max(0, Math.min(offset, this.size));
    const end = Math.max(start, Math.min(offset + length, this.size));
    if (this.meter) {
      this.meter.bytesRead += end - start;
      this.meter.reads++;
    }
    return this.data.subarray(start, end);
  }
}

/** A window onto another source (an archive member stored without compression). */
export class SliceSource implements ByteSource {
  constructor(
    readonly name: string,
    private readonly inner: ByteSource,
    private readonly start: number,
    readonly size: number,
  ) {}
  read(offset: number, length: number): Promise<Uint8Array> {
    const o = Math.max(0, Math.min(offset, this.size));
    const l = Math.max(0, Math.min(length, this.size - o));
    return this.inner.read(this.start + o, l);
  }
}

export async function readAll(src: ByteSource, limit: number): Promise<Uint8Array> {
  if (src.size > limit) throw new LimitError(`${src.name}: ${src.size} bytes exceeds the ${limit}-byte limit for this kind of member`);
  return src.read(0, src.size);
}

export class LimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LimitError";
  }
}

/** A malformed input: reported as an error finding, the target fails closed. */
export class FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FormatError";
  }
}

// ignoreBOM: a leading U+FEFF is data, as the loaders read bytes (Python's bytes.decode("utf-8"), protobuf and
// h5py strings, zip member names): stripping it would make "\ufeffconfig.json" the name "config.json"
const utf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
const utf8Strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function decodeUtf8(b: Uint8Array): string {
  return utf8.decode(b);
}
export function decodeUtf8Strict(b: Uint8Array): string | undefined {
  try {
    return utf8Strict.decode(b);
  } catch {
    return undefined;
  }
}
/** Byte-per-char decoding (ISO-8859-1), exact for every byte value. */
export function decodeLatin1(b: Uint8Array): string {
  // TextDecoder("latin1") is windows-1252 per WHATWG; do it by hand to keep bytes 0x80-0x9f exact.
  let s = "";
  for (let i = 0; i < b.length; i += 0x8000) {
    s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  }
  return s;
}

export function startsWith(b: Uint8Array, prefix: Uint8Array | string, at = 0): boolean {
  const p = typeof prefix === "string" ? new TextEncoder().encode(prefix) : prefix;
  if (b.length < at + p.length) return false;
  for (let i = 0; i < p.length; i++) if (b[at + i] !== p[i]) return false;
  return true;
}

export async function sha256Hex(src: ByteSource, maxBytes: number): Promise<string | undefined> {
  if (src.size > maxBytes) return undefined;
  const data = await src.read(0, src.size);
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  const copy = new Uint8Array(data.length);
  copy.set(data);
  const h = await subtle.digest("SHA-256", copy.buffer);
  return [...new Uint8Array(h)].map((x) => x.toString(16).padStart(2, "0")).join("");
}
