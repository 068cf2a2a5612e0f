// Own parser because numpy reads .npy headers with ast.literal_eval, and a regex reads them differently (concatenated strings, quotes, comments, nesting).
// A Python literal reader: the subset ast.literal_eval accepts (strings and bytes with prefixes,
// escapes and implicit concatenation, ints, floats, complex, True/False/None, tuples, lists,
// dicts, sets, unary signs, comments, line continuations). It builds values, never evaluates code.
import { FormatError } from "../core/bytes.js";

export type PyValue =
  | { t: "str"; v: string }
  | { t: "bytes"; v: string }
  | { t: "int"; v: bigint }
  | { t: "float"; v: number }
  | { t: "complex" }
  | { t: "bool"; v: boolean }
  | { t: "none" }
  | { t: "tuple" | "list" | "set"; items: PyValue[] }
  | { t: "dict"; entries: [PyValue, PyValue][] };

const MAX_DEPTH = 100;

class Reader {
  i = 0;
  constructor(
    private readonly s: string,
    private readonly legacyLongs: boolean,
  ) {}

  fail(why: string): never {
    throw new FormatError(`not a Python literal at offset ${this.i}: ${why}`);
  }

  /** Skips blanks, comments and backslash continuations (newlines too: inside brackets they are free). */
  skip(): void {
    const s = this.s;
    for (;;) {
      const c = s[this.i];
      if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f") this.i++;
      else if (c === "#") while (this.i < s.length && s[this.i] !== "\n" && s[this.i] !== "\r") this.i++;
      else if (c === "\\" && (s[this.i + 1] === "\n" || s[this.i + 1] === "\r")) this.i += s[this.i + 1] === "\r" && s[this.i + 2] === "\n" ? 3 : 2;
      else return;
    }
  }

  value(depth: number): PyValue {
    if (depth > MAX_DEPTH) this.fail("nested too deeply");
    this.skip();
    const s = this.s;
    const c = s[this.i];
    if (c === undefined) this.fail("unexpected end");
    if (c === "(" || c === "[" || c === "{") return this.container(c, depth);
    if (c === "+" || c === "-") {
      this.i++;
      this.skip();
      const v = this.value(depth + 1);
      if (v.t === "int") return c === "-" ? { t: "int", v: -v.v } : v;
      if (v.t === "float") return c === "-" ? { t: "float", v: -v.v } : v;
      if (v.t === "complex") return v;
      this.fail("sign on a non-number");
    }
    if (/[0-9.]/.test(c) && (c !== "." || /[0-9]/.test(s[this.i + 1] ?? ""))) return this.complexTail(this.number());
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.i, this.i + 64))?.[0];
    if (name !== undefined) {
      const q = s[this.i + name.length];
      if ((q === "'" || q === '"') && /^(r|u|b|br|rb)$/i.test(name)) return this.strings();
      this.i += name.length;
      if (name === "True" || name === "False") return { t: "bool", v: name === "True" };
      if (name === "None") return { t: "none" };
      this.fail(`name ${name} is not a literal`);
    }
    if (c === "'" || c === '"') return this.strings();
    this.fail(`unexpected ${JSON.stringify(c)}`);
  }

  /** `1 + 2j` / `1 - 2j`: literal_eval's only binary operation. */
  complexTail(v: PyValue): PyValue {
    const save = this.i;
    this.skip();
    const op = this.s[this.i];
    if (op === "+" || op === "-") {
      this.i++;
      this.skip();
      const rhs = this.number();
      if (rhs.t === "complex") return { t: "complex" };
      this.fail("binary operation on non-complex");
    }
    this.i = save;
    return v;
  }

  number(): PyValue {
    const rest = this.s.slice(this.i, this.i + 400);
    const m =
      /^0[xX](?:_?[0-9a-fA-F])+|^0[oO](?:_?[0-7])+|^0[bB](?:_?[01])+/.exec(rest) ??
      /^(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?[jJ]?/.exec(rest);
    if (!m) this.fail("bad number");
    const text = m[0];
    this.i += text.length;
    if (/^[0-9A-Za-z_.]/.test(this.s[this.i] ?? "") && !(this.legacyLongs && this.s[this.i] === "L" && !/^[0-9A-Za-z_]/.test(this.s[this.i + 1] ?? ""))) this.fail("bad number");
    if (this.legacyLongs && this.s[this.i] === "L") this.i++;
    const clean = text.replace(/_/g, "");
    if (/[jJ]$/.test(clean)) return { t: "complex" };
    if (/^0[xXoObB]/.test(clean)) return { t: "int", v: BigInt(clean) };
    if (/[.eE]/.test(clean)) return { t: "float", v: Number(clean) };
    if (/^0+[1-9]/.test(clean)) this.fail("leading zeros in a decimal integer");
    return { t: "int", v: BigInt(clean) };
  }

  /** One or more adjacent string literals (implicit concatenation); str and bytes do not mix. */
  strings(): PyValue {
    let kind: "str" | "bytes" | undefined;
    let out = "";
    for (;;) {
      this.skip();
      const m = /^([rRuUbB]{0,2})('''|"""|'|")/.exec(this.s.slice(this.i, this.i + 5));
      if (!m || !/^(|r|u|b|br|rb)$/i.test(m[1]!)) break;
      const prefix = m[1]!.toLowerCase();
      const k = prefix.includes("b") ? "bytes" : "str";
      if (kind && kind !== k) this.fail("cannot mix bytes and nonbytes literals");
      kind = k;
      this.i += m[0].length;
      out += this.body(m[2]!, prefix.includes("r"), k === "bytes");
    }
    if (!kind) this.fail("expected a string");
    return { t: kind, v: out };
  }

  body(quote: string, raw: boolean, bytes: boolean): string {
    const s = this.s;
    const triple = quote.length === 3;
    let out = "";
    for (;;) {
      if (this.i >= s.length) this.fail("unterminated string");
      if (s.startsWith(quote, this.i)) {
        this.i += quote.length;
        return out;
      }
      const c = s[this.i]!;
      if (!triple && (c === "\n" || c === "\r")) this.fail("unterminated string");
      if (bytes && c.charCodeAt(0) > 0x7f) this.fail("bytes can only contain ASCII literal characters");
      if (c !== "\\") {
        out += c;
        this.i++;
        continue;
      }
      const n = s[this.i + 1];
      if (n === undefined) this.fail("unterminated string");
      if (raw) {
        // Raw: the backslash stays and escapes the next character from ending the string.
        out += c + n;
        this.i += 2;
        continue;
      }
      this.i += 2;
      const simple: Record<string, string> = { "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };
      if (n === "\n") continue;
      if (n === "\r") {
        if (s[this.i] === "\n") this.i++;
        continue;
      }
      if (simple[n] !== undefined) out += simple[n];
      else if (/[0-7]/.test(n)) {
        const m = /^[0-7]{0,2}/.exec(s.slice(this.i, this.i + 2))![0];
        this.i += m.length;
        const v = parseInt(n + m, 8);
        if (bytes) out += String.fromCharCode(v & 0xff);
        else out += String.fromCharCode(v);
      } else if (n === "x" || (!bytes && (n === "u" || n === "U"))) {
        const len = n === "x" ? 2 : n === "u" ? 4 : 8;
        const h = s.slice(this.i, this.i + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(h)) this.fail(`truncated \\${n} escape`);
        const v = parseInt(h, 16);
        if (v > 0x10ffff) this.fail("illegal Unicode character");
        out += String.fromCodePoint(v);
        this.i += len;
      } else if (n === "N" && !bytes) {
        // \N{NAME}: we cannot know every Unicode name; the text is kept as written (it only ever makes a longer string).
        const end = s.indexOf("}", this.i);
        if (s[this.i] !== "{" || end < 0) this.fail("malformed \\N escape");
        out += `\\N${s.slice(this.i, end + 1)}`;
        this.i = end + 1;
      } else out += "\\" + n; // unknown escapes stay verbatim (a warning in Python)
    }
  }

  container(open: string, depth: number): PyValue {
    const close = open === "(" ? ")" : open === "[" ? "]" : "}";
    this.i++;
    const items: PyValue[] = [];
    const entries: [PyValue, PyValue][] = [];
    let isDict: boolean | undefined = open === "{" ? undefined : false;
    let sawComma = false;
    for (;;) {
      this.skip();
      if (this.s[this.i] === close) {
        this.i++;
        break;
      }
      if (items.length + entries.length > 0 && !sawComma) this.fail(`expected , or ${close}`);
      const k = this.value(depth + 1);
      this.skip();
      if (open === "{" && isDict !== false && this.s[this.i] === ":") {
        if (isDict === undefined) isDict = true;
        this.i++;
        entries.push([k, this.value(depth + 1)]);
      } else {
        if (isDict === true) this.fail("expected :");
        if (open === "{") isDict = false;
        items.push(k);
      }
      this.skip();
      sawComma = this.s[this.i] === ",";
      if (sawComma) this.i++;
    }
    if (open === "(") {
      // (x) is x; (x,) and () are tuples.
      if (items.length === 1 && !sawComma) return items[0]!;
      return { t: "tuple", items };
    }
    if (open === "[") return { t: "list", items };
    if (isDict === false) return { t: "set", items };
    return { t: "dict", entries };
  }
}

/**
 * Parses `text` as ast.literal_eval does (leading blanks/tabs allowed, trailing blanks, newlines and
 * comments too). `legacyLongs`: numpy's Python 2 fallback drops an `L` after integers.
 */
export function parsePyLiteral(text: string, legacyLongs = false): PyValue {
  const r = new Reader(text.replace(/^[ \t]+/, ""), legacyLongs);
  const v = r.value(0);
  r.skip();
  if (r.i < text.replace(/^[ \t]+/, "").length) r.fail("trailing text");
  return v;
}

/** Python equality of two literal keys (1 == 1.0 == True; str and bytes never equal). */
export function pyEquals(a: PyValue, b: PyValue): boolean {
  const num = (x: PyValue): number | bigint | undefined => (x.t === "int" ? x.v : x.t === "bool" ? (x.v ? 1n : 0n) : x.t === "float" ? x.v : undefined);
  const na = num(a);
  const nb = num(b);
  if (na !== undefined && nb !== undefined) return na == nb; // bigint and number compare by value with ==
  if (a.t !== b.t) return false;
  if (a.t === "str" || a.t === "bytes") return a.v === (b as typeof a).v;
  if (a.t === "none") return true;
  if (a.t === "tuple") {
    const bi = (b as typeof a).items;
    return a.items.length === bi.length && a.items.every((x, i) => pyEquals(x, bi[i]!));
  }
  return false;
}
