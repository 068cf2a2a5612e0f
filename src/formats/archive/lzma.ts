// Our own LZMA1 decoder: zip members must decode under a hard output cap with no runaway allocation on hostile input (the library we used exhausted the heap on one fuzzed member).
//
// Raw LZMA1 as Python's zipfile reads a method-14 member (liblzma, FORMAT_RAW, FILTER_LZMA1): the
// properties come from the member header, the stream may end with the end-of-payload marker or simply
// run out of input, and the output is cut at the member's declared size. Written from the format's
// description (the LZMA SDK's specification). Where liblzma and a lenient reading differ, this reader
// takes the lenient side, so it never sees less of a member than the loader could: the range coder
// is normalised before each bit (so the last symbol before the input ends is kept, as liblzma keeps
// it), the first range-coder byte is not required to be zero, and a distance is valid whenever it
// points inside what has been written.

/** Thrown for data no LZMA1 decoder can continue from (a match before the start of the output). */
export class LzmaDataError extends Error {}

/** The 5-byte LZMA1 properties: lc/lp/pb packed in one byte (must be below 225), then the dictionary size. */
export interface LzmaProps {
  lc: number;
  lp: number;
  pb: number;
}

export function parseLzmaProps(b0: number): LzmaProps | null {
  if (b0 >= 9 * 5 * 5) return null;
  return { lc: b0 % 9, lp: Math.floor(b0 / 9) % 5, pb: Math.floor(b0 / 45) };
}

const PROB_INIT = 1024;
const NUM_STATES = 12;
const POS_STATES_MAX = 16;
const END_POS_MODEL_INDEX = 14;
const NUM_FULL_DISTANCES = 128;
const MATCH_MIN_LEN = 2;

class RangeDecoder {
  range = 0xffffffff;
  code = 0;
  pos: number;
  /** Set once a bit needed a byte past the end of the input. */
  exhausted = false;

  constructor(private readonly input: Uint8Array, start: number) {
    // Five bytes start the coder: the first is zero in every stream an encoder writes.
    let code = 0;
    for (let i = 1; i < 5; i++) code = code * 256 + (input[start + i] ?? 0);
    this.code = code;
    this.pos = start + 5;
    if (input.length < start + 5) this.exhausted = true;
  }

  /** Where the input ends once the coder is normalized (liblzma normalizes after the last symbol). */
  endPos(): number {
    return this.range < 0x1000000 ? this.pos + 1 : this.pos;
  }

  private normalize(): boolean {
    if (this.range < 0x1000000) {
      if (this.pos >= this.input.length) {
        this.exhausted = true;
        return false;
      }
      this.range = (this.range * 256) >>> 0;
      this.code = (this.code * 256 + this.input[this.pos++]!) >>> 0;
    }
    return true;
  }

  /** One bit under an adaptive probability; -1 when the input ran out before it. */
  bit(probs: Uint16Array, i: number): number {
    if (!this.normalize()) return -1;
    const p = probs[i]!;
    const bound = (this.range >>> 11) * p;
    if (this.code < bound) {
      this.range = bound;
      probs[i] = p + ((2048 - p) >>> 5);
      return 0;
    }
    this.range -= bound;
    this.code -= bound;
    probs[i] = p - (p >>> 5);
    return 1;
  }

  /** `count` bits at probability one half, as a number; -1 when the input ran out. */
  direct(count: number): number {
    let v = 0;
    for (let i = 0; i < count; i++) {
      if (!this.normalize()) return -1;
      this.range = this.range >>> 1;
      let b = 0;
      if (this.code >= this.range) {
        this.code -= this.range;
        b = 1;
      }
      v = v * 2 + b;
    }
    return v;
  }

  tree(probs: Uint16Array, base: number, bits: number): number {
    let m = 1;
    for (let i = 0; i < bits; i++) {
      const b = this.bit(probs, base + m);
      if (b < 0) return -1;
      m = (m << 1) + b;
    }
    return m - (1 << bits);
  }

  reverseTree(probs: Uint16Array, base: number, bits: number): number {
    let m = 1;
    let sym = 0;
    for (let i = 0; i < bits; i++) {
      const b = this.bit(probs, base + m);
      if (b < 0) return -1;
      m = (m << 1) + b;
      sym |= b << i;
    }
    return sym;
  }
}

class LenDecoder {
  readonly choice = new Uint16Array(2).fill(PROB_INIT);
  readonly low = new Uint16Array(POS_STATES_MAX << 3).fill(PROB_INIT);
  readonly mid = new Uint16Array(POS_STATES_MAX << 3).fill(PROB_INIT);
  readonly high = new Uint16Array(256).fill(PROB_INIT);

  decode(rc: RangeDecoder, posState: number): number {
    const c = rc.bit(this.choice, 0);
    if (c <= 0) return c < 0 ? -1 : rc.tree(this.low, posState << 3, 3);
    const c2 = rc.bit(this.choice, 1);
    if (c2 < 0) return -1;
    if (c2 === 0) {
      const v = rc.tree(this.mid, posState << 3, 3);
      return v < 0 ? -1 : 8 + v;
    }
    const v = rc.tree(this.high, 0, 8);
    return v < 0 ? -1 : 16 + v;
  }
}

/** Bytes decoded, and how the stream stopped. */
export interface LzmaResult {
  data: Uint8Array;
  /** "limit": the declared size was reached; "marker": end-of-payload marker; "input": the compressed bytes ran out. */
  end: "limit" | "marker" | "input";
  /** Input bytes the stream took (the coder's last normalization included): where a following stream starts. */
  consumed?: number;
}

/**
 * Decodes a raw LZMA1 stream (no header) with the given properties, writing at most `limit` bytes.
 * The output buffer grows as bytes are written, so a small stream declaring a large size costs only
 * what it really produces. Throws LzmaDataError on a match that reaches before the output's start.
 */
export function decodeLzma1(input: Uint8Array, props: LzmaProps, limit: number): LzmaResult {
  const { lc, lp, pb } = props;
  let out = new Uint8Array(Math.min(limit, Math.max(65536, input.length * 4)));
  let pos = 0;
  const ensure = (n: number): void => {
    if (n <= out.length) return;
    const grown = new Uint8Array(Math.min(limit, Math.max(n, out.length * 2)));
    grown.set(out.subarray(0, pos));
    out = grown;
  };
  if (limit === 0) return { data: out, end: "limit" };

  const rc = new RangeDecoder(input, 0);
  const literal = new Uint16Array(0x300 << (lc + lp)).fill(PROB_INIT);
  const isMatch = new Uint16Array(NUM_STATES << 4).fill(PROB_INIT);
  const isRep = new Uint16Array(NUM_STATES).fill(PROB_INIT);
  const isRepG0 = new Uint16Array(NUM_STATES).fill(PROB_INIT);
  const isRepG1 = new Uint16Array(NUM_STATES).fill(PROB_INIT);
  const isRepG2 = new Uint16Array(NUM_STATES).fill(PROB_INIT);
  const isRep0Long = new Uint16Array(NUM_STATES << 4).fill(PROB_INIT);
  const posSlot = new Uint16Array(4 << 6).fill(PROB_INIT);
  const posSpecial = new Uint16Array(1 + NUM_FULL_DISTANCES - END_POS_MODEL_INDEX).fill(PROB_INIT);
  const align = new Uint16Array(16).fill(PROB_INIT);
  const lenDec = new LenDecoder();
  const repLenDec = new LenDecoder();
  const pbMask = (1 << pb) - 1;
  const lpMask = (1 << lp) - 1;
  let state = 0;
  let rep0 = 0;
  let rep1 = 0;
  let rep2 = 0;
  let rep3 = 0;

  const finish = (end: LzmaResult["end"]): LzmaResult => ({ data: out.subarray(0, pos), end, consumed: rc.endPos() });
  if (rc.exhausted) return finish("input");

  for (;;) {
    if (pos >= limit) return finish("limit");
    const posState = pos & pbMask;
    const m = rc.bit(isMatch, (state << 4) + posState);
    if (m < 0) return finish("input");
    if (m === 0) {
      // A literal, coded against the byte at rep0 after a match.
      const prev = pos > 0 ? out[pos - 1]! : 0;
      const base = 0x300 * (((pos & lpMask) << lc) + (prev >>> (8 - lc)));
      let sym = 1;
      if (state >= 7) {
        if (rep0 >= pos) throw new LzmaDataError(`a literal refers to distance ${rep0 + 1} at output byte ${pos}`);
        let matchByte = out[pos - rep0 - 1]!;
        while (sym < 0x100) {
          const matchBit = (matchByte >>> 7) & 1;
          matchByte = (matchByte << 1) & 0xff;
          const b = rc.bit(literal, base + ((1 + matchBit) << 8) + sym);
          if (b < 0) return finish("input");
          sym = (sym << 1) | b;
          if (matchBit !== b) break;
        }
      }
      while (sym < 0x100) {
        const b = rc.bit(literal, base + sym);
        if (b < 0) return finish("input");
        sym = (sym << 1) | b;
      }
      ensure(pos + 1);
      out[pos++] = sym & 0xff;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    const r = rc.bit(isRep, state);
    if (r < 0) return finish("input");
    let len: number;
    if (r === 0) {
      // A new match: length, then distance (or the end-of-payload marker).
      len = lenDec.decode(rc, posState);
      if (len < 0) return finish("input");
      const lenState = Math.min(len, 3);
      const slot = rc.tree(posSlot, lenState << 6, 6);
      if (slot < 0) return finish("input");
      let dist: number;
      if (slot < 4) dist = slot;
      else {
        const direct = (slot >>> 1) - 1;
        dist = (2 + (slot & 1)) * 2 ** direct;
        if (slot < END_POS_MODEL_INDEX) {
          const v = rc.reverseTree(posSpecial, dist - slot, direct);
          if (v < 0) return finish("input");
          dist += v;
        } else {
          const hi = rc.direct(direct - 4);
          if (hi < 0) return finish("input");
          const lo = rc.reverseTree(align, 0, 4);
          if (lo < 0) return finish("input");
          dist += hi * 16 + lo;
        }
      }
      if (dist === 0xffffffff) return finish("marker");
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      rep0 = dist;
      state = state < 7 ? 7 : 10;
    } else {
      if (pos === 0) throw new LzmaDataError("a repeated match before any output");
      const g0 = rc.bit(isRepG0, state);
      if (g0 < 0) return finish("input");
      if (g0 === 0) {
        const long = rc.bit(isRep0Long, (state << 4) + posState);
        if (long < 0) return finish("input");
        if (long === 0) {
          // A single byte from distance rep0.
          if (rep0 >= pos) throw new LzmaDataError(`a short repeat at distance ${rep0 + 1} at output byte ${pos}`);
          state = state < 7 ? 9 : 11;
          ensure(pos + 1);
          out[pos] = out[pos - rep0 - 1]!;
          pos++;
          continue;
        }
      } else {
        let dist: number;
        const g1 = rc.bit(isRepG1, state);
        if (g1 < 0) return finish("input");
        if (g1 === 0) dist = rep1;
        else {
          const g2 = rc.bit(isRepG2, state);
          if (g2 < 0) return finish("input");
          if (g2 === 0) dist = rep2;
          else {
            dist = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = dist;
      }
      len = repLenDec.decode(rc, posState);
      if (len < 0) return finish("input");
      state = state < 7 ? 8 : 11;
    }
    if (rep0 >= pos) throw new LzmaDataError(`a match at distance ${rep0 + 1} at output byte ${pos}`);
    const n = Math.min(len + MATCH_MIN_LEN, limit - pos);
    ensure(pos + n);
    for (let i = 0; i < n; i++, pos++) out[pos] = out[pos - rep0 - 1]!;
  }
}
