// Own protobuf text-format tokenizer and parser (no well-kept JS library parses TensorFlow's
// text format against partial schemas); produces the same PbMessage shape as the binary reader.
import { FormatError, LimitError } from "../core/bytes.js";
import type { PbLimits, PbMessage, PbMessageSchema, PbSchemaSet, PbValue, PbField } from "./protobuf.js";
import { DEFAULT_PB_LIMITS } from "./protobuf.js";

type Tok =
  | { t: "id"; v: string; at: number }
  | { t: "num"; v: string; at: number }
  | StrTok
  | { t: "p"; v: string; at: number };

interface StrTok {
  t: "str";
  /** Body offsets in the text (quotes excluded). */
  start: number;
  end: number;
  escaped: boolean;
  at: number;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

function isIdStart(c: string): boolean {
  return /[A-Za-z_]/.test(c);
}

/**
 * One string literal body (quotes excluded) as bytes. TensorFlow has two text-format readers: the C++ one
 * (TF Serving, ReadTextProto) unescapes once; Python's (text_format.Parse, what tf.saved_model.load uses)
 * runs text_encoding.CUnescape, which decodes \u/\U escapes first and then C escapes over the result, so
 * "\u005cx2f" is "\x2f" for C++ and "/" for Python. Returns Python's reading (C++'s when Python rejects the
 * literal) and whether the two differ; a divergent literal is refused unless the caller takes the report
 * (and fails the scan closed itself): no single reading would be the model's.
 */
function unescape(text: string, start: number, end: number): { bytes: Uint8Array; divergent: boolean } {
  const one = unescapeOnePass(text, start, end);
  // The readings can differ only through \u, \U, \N, \? or an octal escape above \377 (the one-pass
  // reader rejects every other escape the Python reader keeps): without them, skip the second reading.
  if (!MAY_DIVERGE.test(text.slice(start, end))) return { bytes: one, divergent: false };
  let two: Uint8Array | undefined;
  try {
    two = pythonCUnescape(text.slice(start, end));
  } catch (e) {
    // Python's reading exists but is not modelled here: refuse the literal.
    if (e instanceof UnmodelledEscape) throw new FormatError(`pbtxt: string literal at offset ${start}: ${e.message}`);
    two = undefined;
  }
  const same = two !== undefined && two.length === one.length && two.every((b, i) => b === one[i]);
  // The Python reading is what tf.saved_model.load sees; when Python rejects the literal only C++ reads it.
  return { bytes: two ?? one, divergent: !same };
}

const MAY_DIVERGE = /\\[uUN?]|\\[4-7][0-7]{2}/;

class UnmodelledEscape extends Error {}

const HEX = /^[0-9a-fA-F]$/;
const OCT = /^[0-7]$/;

/**
 * Python protobuf's text_encoding.CUnescape (checked against protobuf 7.36: tests/formats/pbtxt-unescape.test.ts):
 * a one-digit \x gets a leading 0; then raw_unicode_escape encode+decode (\u and \U decoded where the
 * backslash run before them is odd); then the UTF-8 of that text decoded with unicode_escape as Latin-1;
 * any character above 0xFF fails. \N{name} throws here (its reading never matches the one-pass reading).
 */
export function pythonCUnescape(body: string): Uint8Array {
  const s0 = body.replace(/(\\+)x([0-9a-fA-F])(?![0-9a-fA-F])/g, (m: string, bs: string, h: string) => (bs.length & 1 ? `${bs}x0${h}` : m));
  // raw_unicode_escape encode: characters above 0xFF become \uXXXX / \UXXXXXXXX.
  let s1 = "";
  for (const ch of s0) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 0xff) s1 += ch;
    else if (cp <= 0xffff) s1 += `\\u${cp.toString(16).padStart(4, "0")}`;
    else s1 += `\\U${cp.toString(16).padStart(8, "0")}`;
  }
  // raw_unicode_escape decode.
  const cps: number[] = [];
  for (let i = 0; i < s1.length; ) {
    if (s1[i] !== "\\") {
      cps.push(s1.charCodeAt(i++));
      continue;
    }
    const bs = i;
    while (i < s1.length && s1[i] === "\\") {
      cps.push(0x5c);
      i++;
    }
    if (((i - bs) & 1) === 0 || i >= s1.length || (s1[i] !== "u" && s1[i] !== "U")) continue;
    cps.pop();
    const n = s1[i] === "u" ? 4 : 8;
    const hex = s1.slice(i + 1, i + 1 + n);
    if (hex.length !== n || ![...hex].every((c) => HEX.test(c))) throw new FormatError("truncated \\uXXXX escape");
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff) throw new FormatError("\\Uxxxxxxxx out of range");
    cps.push(cp);
    i += 1 + n;
  }
  // .encode("utf-8"): a lone surrogate fails.
  const utf8: number[] = [];
  for (const cp of cps) {
    if (cp >= 0xd800 && cp <= 0xdfff) throw new FormatError("surrogates not allowed");
    for (const b of enc.encode(String.fromCodePoint(cp))) utf8.push(b);
  }
  // .decode("unicode_escape") then .encode("latin-1").
  const out: number[] = [];
  const SIMPLE: Record<string, number> = { "\\": 92, "'": 39, '"': 34, b: 8, f: 12, t: 9, n: 10, r: 13, v: 11, a: 7, "\n": -1 };
  const put = (cp: number) => {
    if (cp > 0xff) throw new FormatError("character above Latin-1");
    out.push(cp);
  };
  for (let i = 0; i < utf8.length; ) {
    const b = utf8[i++]!;
    if (b !== 0x5c) {
      out.push(b);
      continue;
    }
    if (i >= utf8.length) throw new FormatError("\\ at end of string");
    const c = String.fromCharCode(utf8[i++]!);
    if (c in SIMPLE) {
      if (SIMPLE[c]! >= 0) out.push(SIMPLE[c]!);
    } else if (OCT.test(c)) {
      let v = Number(c);
      for (let k = 0; k < 2 && i < utf8.length && OCT.test(String.fromCharCode(utf8[i]!)); k++) v = v * 8 + Number(String.fromCharCode(utf8[i++]!));
      put(v);
    } else if (c === "x" || c === "u" || c === "U") {
      const n = c === "x" ? 2 : c === "u" ? 4 : 8;
      const hex = String.fromCharCode(...utf8.slice(i, i + n));
      if (hex.length !== n || ![...hex].every((h) => HEX.test(h))) throw new FormatError(`truncated \\${c} escape`);
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) throw new FormatError("escape out of range");
      put(cp);
      i += n;
    } else if (c === "N") {
      throw new UnmodelledEscape("\\N{name} escape decoded by Python's second unescaping pass");
    } else {
      // An unknown escape stays as written (backslash and character).
      out.push(0x5c, utf8[i - 1]!);
    }
  }
  return Uint8Array.from(out);
}

/** The C++ reading: one pass of C escapes (\u/\U to UTF-8). */
function unescapeOnePass(text: string, start: number, end: number): Uint8Array {
  const out: number[] = [];
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x5c) {
      if (c < 0x80) out.push(c);
      else {
        // Copy the UTF-8 bytes of this code point.
        const cp = text.codePointAt(i) ?? c;
        const b = enc.encode(String.fromCodePoint(cp));
        for (const x of b) out.push(x);
        if (cp > 0xffff) i++;
      }
      continue;
    }
    i++;
    if (i >= end) throw new FormatError("pbtxt: string ends with a backslash");
    const e = text[i]!;
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, v: 11, f: 12, b: 8, a: 7, "\\": 92, "'": 39, '"': 34, "?": 63 };
    if (e in simple) {
      out.push(simple[e]!);
    } else if (/[0-7]/.test(e)) {
      let j = i;
      let v = 0;
      while (j < end && j < i + 3 && /[0-7]/.test(text[j]!)) v = v * 8 + Number(text[j++]);
      out.push(v & 0xff);
      i = j - 1;
    } else if (e === "x" || e === "X") {
      let j = i + 1;
      let v = 0;
      while (j < end && j < i + 3 && /[0-9a-fA-F]/.test(text[j]!)) v = v * 16 + parseInt(text[j++]!, 16);
      if (j === i + 1) throw new FormatError("pbtxt: \\x without hex digits");
      out.push(v);
      i = j - 1;
    } else if (e === "u" || e === "U") {
      const n = e === "u" ? 4 : 8;
      const hex = text.slice(i + 1, i + 1 + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n || parseInt(hex, 16) > 0x10ffff) throw new FormatError("pbtxt: bad \\u escape");
      for (const x of enc.encode(String.fromCodePoint(parseInt(hex, 16)))) out.push(x);
      i += n;
    } else throw new FormatError(`pbtxt: unknown escape \\${e}`);
  }
  return Uint8Array.from(out);
}

/**
 * Streaming tokenizer: the parser pulls one token at a time, so a graph of millions of nodes never
 * exists twice (once as tokens, once as messages). String bodies stay as offsets into the text
 * until a known field needs them.
 */
class Lexer {
  i = 0;
  private la: Tok | undefined;
  private laDone = false;
  constructor(
    readonly text: string,
    /** Told of each string literal the Python and C++ readers read differently; without it such a literal is an error. */
    readonly onDivergent?: (offset: number) => void,
  ) {}

  peek(): Tok | undefined {
    if (!this.laDone) {
      this.la = this.scan();
      this.laDone = true;
    }
    return this.la;
  }

  next(): Tok | undefined {
    const t = this.peek();
    this.laDone = false;
    this.la = undefined;
    return t;
  }

  private scan(): Tok | undefined {
    const text = this.text;
    const n = text.length;
    let i = this.i;
    while (i < n) {
      const c = text[i]!;
      if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v") {
        i++;
      } else if (c === "#") {
        while (i < n && text[i] !== "\n") i++;
      } else if (c === '"' || c === "'") {
        const start = i + 1;
        let j = start;
        let escaped = false;
        while (j < n && text[j] !== c) {
          if (text[j] === "\n") throw new FormatError(`pbtxt: newline inside a string at offset ${i}`);
          if (text[j] === "\\") {
            escaped = true;
            j += 2;
          } else j++;
        }
        if (j >= n) throw new FormatError(`pbtxt: unterminated string at offset ${i}`);
        // Escapes are checked now (a bad one is malformed input wherever it sits).
        if (escaped && unescape(text, start, j).divergent) {
          if (!this.onDivergent) throw new FormatError(`pbtxt: string literal at offset ${start} reads differently in TensorFlow's Python and C++ text-format parsers`);
          this.onDivergent(start);
        }
        this.i = j + 1;
        return { t: "str", start, end: j, escaped, at: i };
      } else if (/[0-9\-+]/.test(c) || (c === "." && /[0-9]/.test(text[i + 1] ?? ""))) {
        const m = /^[-+]?(?:0[xX][0-9a-fA-F]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?[fF]?|inf(?:inity)?|nan)/i.exec(text.slice(i, i + 64));
        if (!m || m[0] === "-" || m[0] === "+") {
          if (c === "-" && isIdStart(text[i + 1] ?? "")) {
            this.i = i + 1;
            return { t: "p", v: "-", at: i };
          }
          throw new FormatError(`pbtxt: bad number at offset ${i}`);
        }
        this.i = i + m[0].length;
        return { t: "num", v: m[0], at: i };
      } else if (isIdStart(c)) {
        let j = i + 1;
        while (j < n && /[A-Za-z0-9_]/.test(text[j]!)) j++;
        this.i = j;
        return { t: "id", v: text.slice(i, j), at: i };
      } else if ("{}<>[]:,;/.".includes(c)) {
        this.i = i + 1;
        return { t: "p", v: c, at: i };
      } else {
        throw new FormatError(`pbtxt: unexpected character ${JSON.stringify(c)} at offset ${i}`);
      }
    }
    this.i = i;
    return undefined;
  }
}

/** The whole token list (tests and tools; the parser streams). */
export function tokenize(text: string): Tok[] {
  const lx = new Lexer(text);
  const out: Tok[] = [];
  for (let t = lx.next(); t; t = lx.next()) out.push(t);
  return out;
}

/** The bytes of a string token. */
function strBytes(text: string, t: StrTok): Uint8Array {
  return t.escaped ? unescape(text, t.start, t.end).bytes : enc.encode(text.slice(t.start, t.end));
}

class Parser {
  readonly lx: Lexer;
  /** Messages built so far, against limits.maxMessages. */
  messages = 0;
  constructor(
    readonly text: string,
    readonly schemas: PbSchemaSet,
    readonly enums: Record<string, number>,
    readonly limits: PbLimits,
    onDivergent?: (offset: number) => void,
  ) {
    this.lx = new Lexer(text, onDivergent);
  }

  peek(): Tok | undefined {
    return this.lx.peek();
  }
  skip(): void {
    this.lx.next();
  }
  isP(v: string): boolean {
    const t = this.peek();
    return t !== undefined && t.t === "p" && t.v === v;
  }

  /** Parses fields until `close` (or end of input when close is undefined). */
  message(schema: PbMessageSchema | undefined, close: string | undefined, depth: number): PbMessage {
    if (depth > this.limits.maxDepth) throw new LimitError(`pbtxt: messages nested deeper than ${this.limits.maxDepth} levels`);
    const maxMessages = this.limits.maxMessages ?? DEFAULT_PB_LIMITS.maxMessages!;
    if (++this.messages > maxMessages) throw new LimitError(`pbtxt: more than ${maxMessages} messages (graph nodes, attributes, ...); a graph this large is not scanned`);
    const byName = new Map<string, PbField>();
    if (schema) for (const f of Object.values(schema)) byName.set(f.name, f);
    const msg: PbMessage = {};
    for (;;) {
      const t = this.peek();
      if (!t) {
        if (close !== undefined) throw new FormatError(`pbtxt: missing "${close}" at end of input`);
        return msg;
      }
      if (close !== undefined && t.t === "p" && t.v === close) {
        this.skip();
        return msg;
      }
      let name: string;
      if (t.t === "id") {
        name = t.v;
        this.skip();
      } else if (t.t === "p" && t.v === "[") {
        // Extension or Any type URL: [type.googleapis.com/foo.Bar]; its content is parsed and ignored.
        this.skip();
        let guard = 0;
        while (!this.isP("]")) {
          if (!this.peek() || ++guard > 1000) throw new FormatError("pbtxt: unterminated [extension] name");
          this.skip();
        }
        this.skip();
        name = "\u0000extension";
      } else throw new FormatError(`pbtxt: expected a field name at offset ${t.at}`);
      const f = byName.get(name);
      const colon = this.isP(":");
      if (colon) this.skip();
      if (this.isP("[")) {
        this.skip();
        let guard = 0;
        while (!this.isP("]")) {
          if (++guard > this.limits.maxRepeated) throw new LimitError("pbtxt: list too long");
          this.value(msg, f, depth);
          if (this.isP(",")) this.skip();
          else if (!this.isP("]")) throw new FormatError(`pbtxt: expected "," or "]" at offset ${this.peek()?.at ?? "end"}`);
        }
        this.skip();
      } else {
        if (!colon && !this.isP("{") && !this.isP("<")) throw new FormatError(`pbtxt: expected ":" after ${name} at offset ${this.peek()?.at ?? "end"}`);
        this.value(msg, f, depth);
      }
      if (this.isP(",") || this.isP(";")) this.skip();
    }
  }

  value(msg: PbMessage, f: PbField | undefined, depth: number): void {
    const t = this.peek();
    if (!t) throw new FormatError("pbtxt: value expected at end of input");
    if (t.t === "p" && (t.v === "{" || t.v === "<")) {
      this.skip();
      const close = t.v === "{" ? "}" : ">";
      const schema = f?.kind === "message" ? this.schemas[f.type ?? ""] : undefined;
      const sub = this.message(schema, close, depth + 1);
      if (f && f.kind === "message") store(msg, f, sub, this.limits);
      return;
    }
    let v: PbValue;
    if (t.t === "str") {
      this.skip();
      const toks: StrTok[] = [t];
      // Adjacent string literals concatenate.
      for (let u = this.peek(); u?.t === "str"; u = this.peek()) {
        toks.push(u);
        this.skip();
      }
      // Values of unknown fields are never built.
      if (!f) return;
      if (f.kind === "string" && toks.length === 1 && !t.escaped) v = this.text.slice(t.start, t.end);
      else {
        const b = toks.length === 1 ? strBytes(this.text, t) : concat(toks.map((x) => strBytes(this.text, x)));
        v = f.kind === "string" ? dec.decode(b) : b;
      }
    } else if (t.t === "num") {
      this.skip();
      v = parseNum(t.v);
    } else if (t.t === "p" && t.v === "-") {
      this.skip();
      const id = this.lx.next();
      if (!id || id.t !== "id") throw new FormatError(`pbtxt: bad value at offset ${t.at}`);
      v = -parseNum(id.v);
    } else if (t.t === "id") {
      this.skip();
      if (t.v === "true" || t.v === "True" || t.v === "t") v = true;
      else if (t.v === "false" || t.v === "False" || t.v === "f") v = false;
      else if (/^(inf|infinity|nan)$/i.test(t.v)) v = parseNum(t.v);
      else v = Object.prototype.hasOwnProperty.call(this.enums, t.v) ? this.enums[t.v]! : t.v;
    } else throw new FormatError(`pbtxt: bad value at offset ${t.at}`);
    if (!f || f.kind === "message") {
      if (f) throw new FormatError(`pbtxt: ${f.name} needs a message value`);
      return;
    }
    if (f.kind === "bool" && typeof v === "number") v = v !== 0;
    store(msg, f, v, this.limits);
  }
}

function parseNum(s: string): number {
  const x = s.replace(/[fF]$/, "");
  if (/^[-+]?0[xX]/.test(x)) return Number.parseInt(x, 16);
  if (/inf/i.test(x)) return x.startsWith("-") ? -Infinity : Infinity;
  if (/nan/i.test(x)) return NaN;
  const v = Number(x);
  if (Number.isNaN(v)) throw new FormatError(`pbtxt: bad number ${s}`);
  return v;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function store(msg: PbMessage, f: PbField, v: PbValue, limits: PbLimits): void {
  if (!f.repeated) {
    msg[f.name] = v;
    return;
  }
  const cur = msg[f.name];
  if (Array.isArray(cur)) {
    if (cur.length >= limits.maxRepeated) throw new LimitError(`pbtxt: more than ${limits.maxRepeated} elements in ${f.name}`);
    cur.push(v);
  } else msg[f.name] = [v];
}

/** Parses protobuf text format into a PbMessage of `type`. Unknown field names are parsed and ignored. */
export function parseTextMessage(
  schemas: PbSchemaSet,
  enums: Record<string, number>,
  type: string,
  text: string,
  limits: PbLimits = DEFAULT_PB_LIMITS,
  onDivergent?: (offset: number) => void,
): PbMessage {
  const p = new Parser(text, schemas, enums, limits, onDivergent);
  return p.message(schemas[type], undefined, 0);
}
