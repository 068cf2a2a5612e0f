// Our own reader of Python format strings, because the scanner must name exactly the attribute and item
// lookups CPython's formatters make (Objects/stringlib/unicode_format.h for str.format and format_map,
// Lib/string.py for string.Formatter), pinned by tools/gen-format-vectors.py against real CPython.

/** Which formatter reads the string: str.format, str.format_map, or string.Formatter().format/vformat. */
export type FormatFlavor = "str" | "format_map" | "formatter";

/**
 * One lookup on the value a field names: `.name` or `[key]` (a decimal key is an integer index). A key of
 * decimal digits outside ASCII also keeps its `text`: a Python with other Unicode tables reads it as a
 * string key (the index is -1 when this runtime's tables do not know its digits).
 */
export type FormatStep = { attr: string } | { item: string | number; text?: string };

/**
 * The argument a field starts from. A field name of decimal digits outside ASCII is read by the
 * Unicode tables of the Python that runs the code, which differ between versions: both readings are
 * given (`name` and `pos`) and `ambiguous` is set; `pos` is -1 when the digits' value is unknown here
 * (a code point this runtime's tables do not assign): any positional argument.
 */
export interface FormatRoot {
  pos?: number;
  name?: string;
  ambiguous?: boolean;
}

/** A field as the formatter evaluates it: its root, then each lookup it made before it finished or failed. */
export interface FormatFieldRead {
  root: FormatRoot;
  /** format_map looks the field's name up in its mapping (the others read a plain keyword dict). */
  mappingLookup: boolean;
  steps: FormatStep[];
}

export interface FormatRead {
  fields: FormatFieldRead[];
  /** Where CPython raises (ValueError): nothing after the last field read is evaluated. */
  error?: string;
}

const PY_SSIZE_T_MAX = (1n << 63n) - 1n;

/** The decimal value of a code point with the Unicode decimal property (runs of ten, zero first), else -1. */
function decimalValue(cp: number): number {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  if (!ND.test(String.fromCodePoint(cp))) return -1;
  let n = 0;
  while (n < 10 && ND.test(String.fromCodePoint(cp - n - 1))) n++;
  return n % 10;
}
const ND = /^\p{Nd}$/u;

/**
 * CPython's get_integer: -1 when not all decimal digits (or empty), "overflow" past PY_SSIZE_T_MAX.
 * A code point this runtime's Unicode tables do not assign may be a digit in a newer Python: such a
 * name is an integer of unknown value (v = -1) as well as a name.
 */
function getInteger(s: string): { v: number; nonAscii: boolean } | -1 | "overflow" {
  if (s === "") return -1;
  let acc = 0n;
  let nonAscii = false;
  let unknown = false;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const d = decimalValue(cp);
    if (d < 0 && cp > 0x7f && UNASSIGNED.test(ch)) {
      unknown = nonAscii = true;
      continue;
    }
    if (d < 0) return -1;
    if (cp > 0x7f) nonAscii = true;
    if (acc > (PY_SSIZE_T_MAX - BigInt(d)) / 10n) return "overflow";
    acc = acc * 10n + BigInt(d);
  }
  if (unknown) return { v: -1, nonAscii };
  return { v: acc > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(acc), nonAscii };
}
const UNASSIGNED = /^\p{Cn}$/u;

/**
 * str.isdigit as Lib/string.py's Formatter asks it: decimal digits and the characters of numeric type
 * Digit (superscripts, circled digits; listed from CPython 3.11). It only decides an auto-numbering error.
 */
const ISDIGIT =
  /^[\p{Nd}\u00b2-\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792\u{10a40}-\u{10a43}\u{10e60}-\u{10e68}\u{11052}-\u{1105a}\u{1f100}-\u{1f10a}]+$/u;

interface ParsedField {
  name: string;
  conversion: string | undefined;
  spec: string;
  expand: boolean;
}

/**
 * MarkupIterator_next: the next field of the string from `at` (literal text skipped, "{{" and "}}"
 * escapes honoured), or an error, or the end.
 */
function nextField(s: string, at: { i: number }): ParsedField | { error: string } | undefined {
  const n = s.length;
  for (;;) {
    if (at.i >= n) return undefined;
    let c = "";
    let markup = false;
    while (at.i < n) {
      c = s[at.i++]!;
      if (c === "{" || c === "}") {
        markup = true;
        break;
      }
    }
    if (!markup) return undefined;
    const atEnd = at.i >= n;
    if (c === "}" && (atEnd || s[at.i] !== "}")) return { error: "Single '}' encountered in format string" };
    if (atEnd && c === "{") return { error: "Single '{' encountered in format string" };
    if (s[at.i] === c) {
      at.i++;
      continue; // an escaped brace: literal text
    }
    return parseField(s, at);
  }
}

/** parse_field: the field name (a "[...]" may hold any character), the conversion and the format spec. */
function parseField(s: string, at: { i: number }): ParsedField | { error: string } {
  const n = s.length;
  const start = at.i;
  let c = "";
  while (at.i < n) {
    c = s[at.i++]!;
    if (c === "{") return { error: "unexpected '{' in field name" };
    if (c === "[") {
      while (at.i < n && s[at.i] !== "]") at.i++;
      continue;
    }
    if (c === "}" || c === ":" || c === "!") break;
  }
  const name = s.slice(start, at.i - 1);
  if (c === "!" || c === ":") {
    let conversion: string | undefined;
    if (c === "!") {
      if (at.i >= n) return { error: "end of string while looking for conversion specifier" };
      conversion = String.fromCodePoint(s.codePointAt(at.i)!);
      at.i += conversion.length;
      if (at.i < n) {
        const c2 = s[at.i++]!;
        if (c2 === "}") return { name, conversion, spec: "", expand: false };
        if (c2 !== ":") return { error: "expected ':' after conversion specifier" };
      }
    }
    const specStart = at.i;
    let count = 1;
    let expand = false;
    while (at.i < n) {
      const d = s[at.i++]!;
      if (d === "{") {
        expand = true;
        count++;
      } else if (d === "}" && --count === 0) return { name, conversion, spec: s.slice(specStart, at.i - 1), expand };
    }
    return { error: "unmatched '{' in format spec" };
  }
  if (c !== "}") return { error: "expected '}' before end of string" };
  return { name, conversion: undefined, spec: "", expand: false };
}

/** field_name_split's first part, and the rest's lookups (FieldNameIterator), pushed as they are made. */
function splitFirst(name: string): { first: string; rest: string } {
  let k = 0;
  while (k < name.length && name[k] !== "." && name[k] !== "[") k++;
  return { first: name.slice(0, k), rest: name.slice(k) };
}

function readSteps(rest: string, f: FormatFieldRead): string | undefined {
  let j = 0;
  while (j < rest.length) {
    const ch = rest[j++];
    let key: string;
    let step: FormatStep;
    if (ch === ".") {
      const st = j;
      while (j < rest.length && rest[j] !== "." && rest[j] !== "[") j++;
      key = rest.slice(st, j);
      step = { attr: key };
    } else if (ch === "[") {
      const st = j;
      let seen = false;
      while (j < rest.length) {
        if (rest[j++] === "]") {
          seen = true;
          break;
        }
      }
      if (!seen) return "Missing ']' in format string";
      key = rest.slice(st, j - 1);
      const idx = getInteger(key);
      if (idx === "overflow") return "Too many decimal digits in format string";
      step = idx === -1 ? { item: key } : idx.nonAscii ? { item: idx.v, text: key } : { item: idx.v };
    } else return "Only '.' or '[' may follow ']' in format field specifier";
    if (key === "") return "Empty attribute in format string";
    f.steps.push(step);
  }
  return undefined;
}

function rootOf(first: string, idx: { v: number; nonAscii: boolean } | -1): FormatRoot {
  if (idx === -1) return { name: first };
  return idx.nonAscii ? { pos: idx.v, name: first, ambiguous: true } : { pos: idx.v };
}

/** str.format / format_map (do_string_format): recursion depth 2, one auto-numbering state shared with nested specs. */
function readC(s: string, mapping: boolean): FormatRead {
  const fields: FormatFieldRead[] = [];
  const auto = { state: "init" as "init" | "auto" | "manual", n: 0 };
  const build = (str: string, depth: number): string | undefined => {
    if (depth <= 0) return "Max string recursion exceeded";
    const at = { i: 0 };
    for (;;) {
      const p = nextField(str, at);
      if (p === undefined) return undefined;
      if ("error" in p) return p.error;
      const { first, rest } = splitFirst(p.name);
      const idx0 = getInteger(first);
      if (idx0 === "overflow") return "Too many decimal digits in format string";
      let idx = idx0;
      const empty = first === "";
      const numeric = empty || idx !== -1;
      if (auto.state === "init" && numeric) auto.state = empty ? "auto" : "manual";
      if (numeric && (auto.state === "manual" ? empty : !empty)) return "cannot switch between automatic field numbering and manual field specification";
      if (empty) idx = { v: auto.n++, nonAscii: false };
      if (idx !== -1 && mapping) return "Format string contains positional fields";
      const f: FormatFieldRead = { root: rootOf(first, idx), mappingLookup: mapping, steps: [] };
      fields.push(f);
      const e = readSteps(rest, f);
      if (e) return e;
      if (p.conversion !== undefined && !"rsa".includes(p.conversion)) return `Unknown conversion specifier ${p.conversion}`;
      if (p.expand) {
        const e2 = build(p.spec, depth - 1);
        if (e2) return e2;
      }
    }
  };
  const error = build(s, 2);
  return error === undefined ? { fields } : { fields, error };
}

/** string.Formatter (Lib/string.py _vformat): its own auto numbering, and every format spec read again one level down. */
function readFormatter(s: string): FormatRead {
  const fields: FormatFieldRead[] = [];
  const vformat = (str: string, depth: number, auto: number | false): { auto: number | false } | { error: string } => {
    if (depth < 0) return { error: "Max string recursion exceeded" };
    const at = { i: 0 };
    for (;;) {
      const p = nextField(str, at);
      if (p === undefined) return { auto };
      if ("error" in p) return p;
      let name = p.name;
      if (name === "") {
        if (auto === false) return { error: "cannot switch from manual field specification to automatic field numbering" };
        name = String(auto);
        auto++;
      } else if (ISDIGIT.test(name)) {
        if (auto) return { error: "cannot switch from manual field specification to automatic field numbering" };
        auto = false;
      }
      const { first, rest } = splitFirst(name);
      const idx = getInteger(first);
      if (idx === "overflow") return { error: "Too many decimal digits in format string" };
      const f: FormatFieldRead = { root: rootOf(first, idx), mappingLookup: false, steps: [] };
      fields.push(f);
      const e = readSteps(rest, f);
      if (e) return { error: e };
      if (p.conversion !== undefined && !"rsa".includes(p.conversion)) return { error: `Unknown conversion specifier ${p.conversion}` };
      const r = vformat(p.spec, depth - 1, auto);
      if ("error" in r) return r;
      auto = r.auto;
    }
  };
  const r = vformat(s, 2, 0);
  return "error" in r ? { fields, error: r.error } : { fields };
}

/** The fields of a format string, each with the lookups the formatter makes, in its order, up to where it raises. */
export function readFormatString(s: string, flavor: FormatFlavor): FormatRead {
  return flavor === "formatter" ? readFormatter(s) : readC(s, flavor === "format_map");
}

/** string.Formatter.get_field(name): the one field name, split and looked up as Lib/string.py does. */
export function readFieldName(name: string): FormatRead {
  const { first, rest } = splitFirst(name);
  const idx = getInteger(first);
  if (idx === "overflow") return { fields: [], error: "Too many decimal digits in format string" };
  const f: FormatFieldRead = { root: rootOf(first, idx), mappingLookup: false, steps: [] };
  const e = readSteps(rest, f);
  return e ? { fields: [f], error: e } : { fields: [f] };
}
