// RE2 patterns (TensorFlow's RegexReplace / StaticRegexReplace) folded on constant strings. Own code:
// JavaScript's RegExp reads some patterns differently (\A, \z, \s, '.', "[]a]", POSIX classes (translated), (?P<..>),
// empty matches after a match in a global replace), so a pattern is translated only when every token
// has one meaning in both engines; anything else is undefined, and the caller treats the value as opaque.

const MAX_INPUT = 1024;
const MAX_PATTERN = 512;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7e || (s.charCodeAt(i) < 0x20 && !"\t\n\r\f\v".includes(s[i]!))) return false;
  return true;
}

const PUNCT = /^[!-/:-@[-`{-~]$/;

/** RE2's POSIX classes (inside brackets, ASCII) as JavaScript class ranges. */
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: "0-9A-Za-z", alpha: "A-Za-z", ascii: "\\x00-\\x7f", blank: "\\t ", cntrl: "\\x00-\\x1f\\x7f", digit: "0-9",
  graph: "!-~", lower: "a-z", print: " -~", punct: "!-\\/:-@\\[-`{-~", space: "\\t\\n\\v\\f\\r ", upper: "A-Z",
  word: "0-9A-Za-z_", xdigit: "0-9A-Fa-f",
};

/** One escape outside a class: its JS form, or undefined when RE2 and JS differ or RE2 refuses it. */
function escape(e: string, p: string, i: number, inClass: boolean): [string, number] | undefined {
  if ("dwDW".includes(e)) return [`\\${e}`, 2];
  if (e === "s") return [inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]", 2];
  if (e === "S" && !inClass) return ["[^\\t\\n\\f\\r ]", 2];
  if ((e === "b" || e === "B") && !inClass) return [`\\${e}`, 2];
  if ("fnrtv".includes(e)) return [`\\${e}`, 2];
  if (e === "A" && !inClass) return ["^", 2];
  if (e === "z" && !inClass) return ["$", 2];
  if (e === "x") {
    const h = p.slice(i + 2, i + 4);
    return /^[0-9a-fA-F]{2}$/.test(h) ? [`\\x${h}`, 4] : undefined;
  }
  if (PUNCT.test(e)) return [`\\${e}`, 2];
  return undefined;
}

/** The JS source of an RE2 pattern with the same matches, or undefined. */
export function re2ToJs(p: string): string | undefined {
  if (p.length > MAX_PATTERN || !isAscii(p)) return undefined;
  let out = "";
  let depth = 0;
  // Whether the previous token can take a quantifier (an atom or a closed group).
  let atom = false;
  for (let i = 0; i < p.length; ) {
    const c = p[i]!;
    if (c === "\\") {
      const e = p[i + 1];
      if (e === undefined) return undefined;
      const r = escape(e, p, i, false);
      if (!r) return undefined;
      out += r[0];
      i += r[1];
      atom = !"bBAz".includes(e);
    } else if (c === "[") {
      let j = i + 1;
      let cls = "[";
      if (p[j] === "^") {
        cls += "^";
        j++;
      }
      if (p[j] === "]") return undefined; // RE2: a literal ']'; JS: an empty class
      for (;;) {
        const d = p[j];
        if (d === undefined) return undefined;
        if (d === "]") break;
        if (d === "\\") {
          const e = p[j + 1];
          if (e === undefined) return undefined;
          const r = escape(e, p, j, true);
          if (!r) return undefined;
          cls += r[0];
          j += r[1];
        } else if (d === "[" && p[j + 1] === ":") {
          // a POSIX class (RE2 reads it inside a bracket, ASCII only; JavaScript has none): its ranges
          const m = /^\[:([a-z]+):\]/.exec(p.slice(j));
          const ranges = m && Object.hasOwn(POSIX_CLASSES, m[1]!) ? POSIX_CLASSES[m[1]!] : undefined;
          if (!ranges) return undefined; // a negated [:^x:] or an unknown name
          cls += ranges;
          j += m![0].length;
        } else {
          cls += d;
          j++;
        }
      }
      out += `${cls}]`;
      i = j + 1;
      atom = true;
    } else if (c === "(") {
      if (p[i + 1] === "?") {
        if (p[i + 2] !== ":") return undefined; // flags and named groups: RE2's syntax
        out += "(?:";
        i += 3;
      } else {
        out += "(";
        i++;
      }
      depth++;
      atom = false;
    } else if (c === ")") {
      if (--depth < 0) return undefined;
      out += ")";
      i++;
      atom = true;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
      if (!m || !atom || Number(m[1]) > 1000 || (m[3] !== undefined && m[3] !== "" && Number(m[3]) > 1000)) return undefined;
      out += m[0];
      i += m[0].length;
      if (p[i] === "?") {
        out += "?";
        i++;
      }
      atom = false;
    } else if (c === "*" || c === "+" || c === "?") {
      if (!atom) return undefined;
      out += c;
      i++;
      if (p[i] === "?") {
        out += "?";
        i++;
      }
      atom = false;
    } else if (c === ".") {
      out += "[^\\n]"; // RE2's '.' matches \r, JS's does not
      i++;
      atom = true;
    } else if (c === "^" || c === "$" || c === "|") {
      out += c;
      i++;
      atom = false;
    } else if (c === "}" || c === "]") {
      out += `\\${c}`;
      i++;
      atom = true;
    } else {
      out += c;
      i++;
      atom = true;
    }
  }
  if (depth !== 0) return undefined;
  return out;
}

/**
 * Capturing groups (number -> their own source) that sit inside a group repeated by a quantifier
 * (*, +, ?, {n,m}), in a JavaScript pattern source.
 */
function repeatedCaptures(src: string): Map<number, string> {
  const out = new Map<number, string>();
  // body: where a group's own pattern starts (after "(" or "(?<name>")
  const stack: { start: number; body: number; capture: number }[] = [];
  const closed: { start: number; body: number; end: number; capture: number }[] = [];
  let n = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "(") {
      const named = src[i + 1] === "?" && src[i + 2] === "<" && src[i + 3] !== "=" && src[i + 3] !== "!";
      const capturing = src[i + 1] !== "?" || named;
      stack.push({ start: i, body: named ? src.indexOf(">", i) + 1 : i + 1, capture: capturing ? ++n : 0 });
    } else if (c === ")") {
      const g = stack.pop();
      if (g) closed.push({ ...g, end: i });
    }
  }
  for (const q of closed) {
    if (!/^(?:[*+?]|\{\d)/.test(src.slice(q.end + 1))) continue;
    for (const g of closed) {
      if (g.capture > 0 && g.start > q.start && g.end < q.end) out.set(g.capture, src.slice(g.body, g.end));
    }
  }
  return out;
}

/**
 * RE2::Replace / RE2::GlobalReplace on an ASCII input: the rewrite's \0-\9 and \\ expanded as RE2 does
 * (any other backslash, or a group the pattern lacks, is an error in RE2: undefined), and in a global
 * replace an empty match right where the previous match ended is skipped, as RE2 skips it.
 * undefined also when the pattern could backtrack badly in JS (a quantified group holding a quantifier).
 */
export function re2Replace(input: string, pattern: string, rewrite: string, global: boolean): string | undefined {
  if (input.length > MAX_INPUT || !isAscii(input) || !isAscii(rewrite)) return undefined;
  if (/\)\s*[+*?{]/.test(pattern) && /[+*{][^]*\)/.test(pattern)) return undefined;
  const src = re2ToJs(pattern);
  if (src === undefined) return undefined;
  let re: RegExp;
  try {
    re = new RegExp(src, "g");
  } catch {
    return undefined;
  }
  let groups = 0;
  try {
    groups = (new RegExp(`${src}|`).exec("")?.length ?? 1) - 1;
  } catch {
    return undefined;
  }
  // A capture inside a repeated group: RE2 keeps the value of an earlier repetition where JavaScript
  // resets it ((?:x|(a))+ on "ax" gives "a" in RE2, "" here). Such a group named by the rewrite is
  // folded only when its own pattern matches nowhere in the match (then both give ""); else opaque.
  // compiled once per call: the repeated groups the rewrite names (null: their pattern does not compile)
  const repeated: (RegExp | null)[] = [];
  for (const [g, inner] of repeatedCaptures(src)) {
    if (!rewrite.includes(`\\${g}`)) continue;
    try {
      repeated.push(new RegExp(inner));
    } catch {
      repeated.push(null);
    }
  }
  const expand = (m: RegExpExecArray): string | undefined => {
    for (const rx of repeated) if (rx === null || rx.test(m[0])) return undefined;
    let s = "";
    for (let i = 0; i < rewrite.length; i++) {
      const c = rewrite[i]!;
      if (c !== "\\") {
        s += c;
        continue;
      }
      const d = rewrite[++i];
      if (d === "\\") s += "\\";
      else if (d !== undefined && d >= "0" && d <= "9") {
        if (Number(d) > groups) return undefined;
        s += m[Number(d)] ?? "";
      } else return undefined;
    }
    return s;
  };
  let out = "";
  let pos = 0;
  let lastEnd = -1;
  let count = 0;
  while (pos <= input.length) {
    re.lastIndex = pos;
    const m = re.exec(input);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    out += input.slice(pos, start);
    if (start === end && start === lastEnd) {
      if (start < input.length) out += input[start];
      pos = start + 1;
      continue;
    }
    const r = expand(m);
    if (r === undefined) return undefined;
    out += r;
    pos = end;
    lastEnd = end;
    count++;
    if (!global) break;
  }
  if (count === 0) return input;
  if (pos < input.length) out += input.slice(pos);
  return out;
}
