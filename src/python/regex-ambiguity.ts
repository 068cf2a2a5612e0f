// Catastrophic backtracking of a constant Python regular expression, judged on the parsed pattern: a
// backtracking matcher takes exponential time on a failing input exactly when the pattern's automaton is
// exponentially ambiguous (some state has two distinct loops on the same text: (a+)+, (\w+\s?)*,
// ([a-z0-9]+[._-]?)*@). The pattern is parsed into a position (Glushkov) automaton that keeps how many
// distinct ways lead from one position to the next (two nested loops give two), and the automaton's square is
// searched for a loop through a pair of different paths. A repeated group whose every pass must consume a
// separator its inner loop cannot match ((\d+\.)*, (?:_[a-z0-9]+)*) has no such loop: it is linear.

/** Representative characters: ASCII, and one of each Unicode kind the classes tell apart. */
const EXTRA = ["é", "É", "٣", "\u00a0", "中", "€"];
const ALPHABET: string[] = [...Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)), ...EXTRA];
const N = ALPHABET.length;
type CharSet = bigint;
const ALL: CharSet = (1n << BigInt(N)) - 1n;

function setOf(pred: (ch: string) => boolean): CharSet {
  let s = 0n;
  for (let i = 0; i < N; i++) if (pred(ALPHABET[i]!)) s |= 1n << BigInt(i);
  return s;
}
const DIGIT = setOf((c) => /^\p{Nd}$/u.test(c));
const WORD = setOf((c) => /^[\p{L}\p{N}_]$/u.test(c));
// (Python's \s also takes the separators \x1c-\x1f)
const SPACE = setOf((c) => "\t\n\v\f\r \u00a0".includes(c) || (c.charCodeAt(0) >= 0x1c && c.charCodeAt(0) <= 0x1f));
const NEWLINE = setOf((c) => c === "\n");

/** The representative a literal character stands for. */
function repIndex(ch: string): number {
  const i = ALPHABET.indexOf(ch);
  if (i >= 0) return i;
  if (/^\p{Nd}$/u.test(ch)) return ALPHABET.indexOf("٣");
  if (/^[\p{L}\p{N}]$/u.test(ch)) return ALPHABET.indexOf(/^\p{Lu}$/u.test(ch) ? "É" : "中");
  if (/^\s$/u.test(ch)) return ALPHABET.indexOf("\u00a0");
  return ALPHABET.indexOf("€");
}
const bit = (i: number): CharSet => 1n << BigInt(i);

function caseFold(s: CharSet): CharSet {
  let out = s;
  for (let i = 0; i < N; i++) {
    if ((s & bit(i)) === 0n) continue;
    const c = ALPHABET[i]!;
    for (const o of [c.toLowerCase(), c.toUpperCase()]) if (o !== c) out |= bit(repIndex(o));
  }
  return out;
}

type Node =
  | { k: "set"; s: CharSet }
  | { k: "eps" }
  | { k: "cat"; items: Node[] }
  | { k: "alt"; items: Node[] }
  | { k: "rep"; body: Node; min: number; max: number };

class Unsupported extends Error {}

/** Parses a Python `re` pattern (str syntax) into the nodes above; lookaround bodies are collected apart. */
class Parser {
  i = 0;
  ignoreCase = false;
  dotAll = false;
  verbose = false;
  readonly lookarounds: Node[] = [];
  private readonly p: string;
  /** `flags`: the flags argument (re.I 2, re.S 16, re.X 64), or'ed with the pattern's leading inline flags. */
  constructor(pattern: string, flags = 0) {
    const m = /^\(\?([aiLmsux]+)\)/.exec(pattern);
    this.ignoreCase = (flags & RE_I) !== 0 || (m?.[1]!.includes("i") ?? false);
    this.dotAll = (flags & RE_S) !== 0 || (m?.[1]!.includes("s") ?? false);
    this.verbose = (flags & RE_X) !== 0 || (m?.[1]!.includes("x") ?? false);
    // verbose: unescaped whitespace and # comments outside classes are not part of the pattern
    this.p = this.verbose ? stripVerbose(pattern) : pattern;
  }
  parse(): Node {
    const n = this.alt();
    if (this.i < this.p.length) throw new Unsupported("unbalanced");
    return n;
  }
  private peek(): string | undefined {
    return this.p[this.i];
  }
  private alt(): Node {
    const items = [this.cat()];
    while (this.peek() === "|") {
      this.i++;
      items.push(this.cat());
    }
    return items.length === 1 ? items[0]! : { k: "alt", items };
  }
  private cat(): Node {
    const items: Node[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === "|" || c === ")") break;
      let atom = this.atom();
      atom = this.quantified(atom);
      items.push(atom);
    }
    return items.length === 1 ? items[0]! : { k: "cat", items };
  }
  private quantified(atom: Node): Node {
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === "*") [min, max] = [0, Infinity];
      else if (c === "+") [min, max] = [1, Infinity];
      else if (c === "?") [min, max] = [0, 1];
      else if (c === "{") {
        const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(this.p.slice(this.i));
        if (!m || (m[1] === "" && m[2] === undefined)) return atom; // a literal brace
        min = m[1] ? Number(m[1]) : 0;
        max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
        this.i += m[0].length - 1;
      } else return atom;
      this.i++;
      // lazy (?) and possessive (+) suffixes: the same language
      if (this.peek() === "?" || this.peek() === "+") this.i++;
      atom = { k: "rep", body: atom, min, max };
    }
  }
  private atom(): Node {
    const c = this.p[this.i++]!;
    if (c === "(") return this.group();
    if (c === "[") return this.klass();
    if (c === ".") return { k: "set", s: this.dotAll ? ALL : ALL & ~NEWLINE };
    if (c === "^" || c === "$") return { k: "eps" };
    if (c === "\\") return this.escape(false);
    return this.literal(c);
  }
  private literal(c: string): Node {
    const s = bit(repIndex(c));
    return { k: "set", s: this.ignoreCase ? caseFold(s) : s };
  }
  private group(): Node {
    if (this.peek() !== "?") return this.close(this.alt());
    const rest = this.p.slice(this.i);
    let m: RegExpExecArray | null;
    if (rest.startsWith("?:") || rest.startsWith("?>")) {
      this.i += 2;
      return this.close(this.alt());
    }
    if ((m = /^\?P<[^>]*>/.exec(rest))) {
      this.i += m[0].length;
      return this.close(this.alt());
    }
    if ((m = /^\?P=[^)]*\)/.exec(rest))) {
      this.i += m[0].length;
      return { k: "eps" }; // a back reference: what group it names matched (not modelled)
    }
    if ((m = /^\?(?:=|!|<=|<!)/.exec(rest))) {
      this.i += m[0].length;
      this.lookarounds.push(this.close(this.alt()));
      return { k: "eps" };
    }
    if ((m = /^\?#[^)]*\)/.exec(rest))) {
      this.i += m[0].length;
      return { k: "eps" };
    }
    if ((m = /^\?([aiLmsux]*)(?:-([imsx]+))?:/.exec(rest))) {
      // scoped flags
      const [ic, da] = [this.ignoreCase, this.dotAll];
      if (m[1]!.includes("i")) this.ignoreCase = true;
      if (m[2]?.includes("i")) this.ignoreCase = false;
      if (m[1]!.includes("s")) this.dotAll = true;
      if (m[2]?.includes("s")) this.dotAll = false;
      if (m[1]!.includes("x") && !this.verbose) throw new Unsupported("verbose");
      this.i += m[0].length;
      const n = this.close(this.alt());
      [this.ignoreCase, this.dotAll] = [ic, da];
      return n;
    }
    if ((m = /^\?[aiLmsux]+\)/.exec(rest))) {
      if (m[0].includes("x") && !this.verbose) throw new Unsupported("verbose");
      this.i += m[0].length;
      return { k: "eps" };
    }
    throw new Unsupported("group");
  }
  private close(n: Node): Node {
    if (this.p[this.i] !== ")") throw new Unsupported("unclosed group");
    this.i++;
    return n;
  }
  private escape(inClass: boolean): Node {
    const c = this.p[this.i++];
    if (c === undefined) throw new Unsupported("trailing backslash");
    const classes: Record<string, CharSet> = { d: DIGIT, D: ALL & ~DIGIT, w: WORD, W: ALL & ~WORD, s: SPACE, S: ALL & ~SPACE };
    if (classes[c] !== undefined) return { k: "set", s: classes[c] };
    if (!inClass && /[bBAZ]/.test(c)) return { k: "eps" };
    if (!inClass && /[1-9]/.test(c)) {
      while (/[0-9]/.test(this.peek() ?? "")) this.i++;
      return { k: "eps" }; // a back reference (not modelled)
    }
    const named: Record<string, string> = { t: "\t", n: "\n", r: "\r", f: "\f", v: "\v", a: "\x07", b: "\b", "0": "\0" };
    if (named[c] !== undefined) return this.literal(named[c]);
    const hex = c === "x" ? 2 : c === "u" ? 4 : c === "U" ? 8 : 0;
    if (hex) {
      const h = this.p.slice(this.i, this.i + hex);
      if (!/^[0-9a-fA-F]+$/.test(h) || h.length !== hex) throw new Unsupported("escape");
      this.i += hex;
      const cp = parseInt(h, 16);
      if (cp > 0x10ffff) throw new Unsupported("escape");
      return this.literal(String.fromCodePoint(cp));
    }
    if (c === "N") {
      // \N{NAME}: one character (the names are not tabled here: a letter, digit or space by what the name says,
      // else a symbol, the representative of characters no class holds)
      const m = /^\{([A-Za-z0-9 -]+)\}/.exec(this.p.slice(this.i));
      if (!m) throw new Unsupported("named character");
      this.i += m[0].length;
      return this.literal(namedChar(m[1]!.toUpperCase()));
    }
    return this.literal(c);
  }
  /** One character of a class ([a-z]): its set and, when it is a single character, the character's code. */
  private classChar(): { s: CharSet; cp?: number } {
    const c = this.p[this.i++];
    if (c === undefined) throw new Unsupported("unclosed class");
    if (c === "\\") {
      const start = this.i;
      const n = this.escape(true);
      if (n.k !== "set") throw new Unsupported("class escape");
      const raw = this.p.slice(start - 1, this.i);
      const single = /^\\[dDwWsS]$/.test(raw) ? undefined : this.decodeSingle(raw);
      return { s: n.s, ...(single !== undefined ? { cp: single } : {}) };
    }
    return { s: bit(repIndex(c)), cp: c.codePointAt(0)! };
  }
  private decodeSingle(raw: string): number | undefined {
    const named: Record<string, string> = { "\\t": "\t", "\\n": "\n", "\\r": "\r", "\\f": "\f", "\\v": "\v", "\\a": "\x07", "\\b": "\b", "\\0": "\0" };
    if (named[raw] !== undefined) return named[raw].codePointAt(0);
    if (/^\\[xuU]/.test(raw)) return parseInt(raw.slice(2), 16);
    return raw.length === 2 ? raw.codePointAt(1) : undefined;
  }
  private klass(): Node {
    let neg = false;
    if (this.peek() === "^") {
      neg = true;
      this.i++;
    }
    let s = 0n;
    let first = true;
    while (this.peek() !== "]" || first) {
      if (this.peek() === undefined) throw new Unsupported("unclosed class");
      first = false;
      const lo = this.classChar();
      if (this.peek() === "-" && this.p[this.i + 1] !== "]" && this.p[this.i + 1] !== undefined) {
        this.i++;
        const hi = this.classChar();
        if (lo.cp === undefined || hi.cp === undefined) throw new Unsupported("range");
        for (let k = 0; k < N; k++) {
          const cp = ALPHABET[k]!.codePointAt(0)!;
          if (cp >= lo.cp && cp <= hi.cp) s |= bit(k);
        }
        // a range beyond ASCII holds characters of kinds the representatives stand for
        if (hi.cp >= 128) s |= bit(repIndex(String.fromCodePoint(Math.max(lo.cp, 128))));
      } else s |= lo.s;
    }
    this.i++;
    if (this.ignoreCase) s = caseFold(s);
    return { k: "set", s: neg ? ALL & ~s : s };
  }
}

const RE_I = 2;
const RE_S = 16;
const RE_X = 64;

/** A representative of the character a \N{...} name stands for. */
function namedChar(name: string): string {
  const latin = /^LATIN (SMALL|CAPITAL) LETTER ([A-Z])$/.exec(name);
  if (latin) return latin[1] === "SMALL" ? latin[2]!.toLowerCase() : latin[2]!;
  const digit = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"].indexOf(name.replace(/^DIGIT /, ""));
  if (name.startsWith("DIGIT ") && digit >= 0) return String(digit);
  const ascii: Record<string, string> = {
    SPACE: " ", "CHARACTER TABULATION": "\t", "LINE FEED": "\n", "CARRIAGE RETURN": "\r", "COMMERCIAL AT": "@", "FULL STOP": ".", COMMA: ",",
    "HYPHEN-MINUS": "-", "LOW LINE": "_", SOLIDUS: "/", "REVERSE SOLIDUS": "\\", COLON: ":", SEMICOLON: ";", "NUMBER SIGN": "#", "DOLLAR SIGN": "$",
    "PERCENT SIGN": "%", AMPERSAND: "&", APOSTROPHE: "'", "QUOTATION MARK": '"', "PLUS SIGN": "+", "EQUALS SIGN": "=", "QUESTION MARK": "?",
    "EXCLAMATION MARK": "!", ASTERISK: "*", "VERTICAL LINE": "|", TILDE: "~", "CIRCUMFLEX ACCENT": "^", "GRAVE ACCENT": "`",
    "LEFT PARENTHESIS": "(", "RIGHT PARENTHESIS": ")", "LEFT SQUARE BRACKET": "[", "RIGHT SQUARE BRACKET": "]", "LEFT CURLY BRACKET": "{",
    "RIGHT CURLY BRACKET": "}", "LESS-THAN SIGN": "<", "GREATER-THAN SIGN": ">", "NO-BREAK SPACE": "\u00a0",
  };
  if (ascii[name] !== undefined) return ascii[name];
  if (/\bDIGIT\b/.test(name)) return "٣";
  if (/\bCAPITAL LETTER\b/.test(name)) return "É";
  if (/\bLETTER\b|\bIDEOGRAPH\b|\bSYLLABLE\b/.test(name)) return "中";
  if (/\bSPACE\b/.test(name)) return "\u00a0";
  return "€";
}

/**
 * A verbose pattern without what verbose mode ignores: unescaped whitespace and `#` comments outside character
 * classes (an escaped character, a \N{...} name and a class are kept as written).
 */
function stripVerbose(p: string): string {
  let out = "";
  let i = 0;
  while (i < p.length) {
    const c = p[i]!;
    if (c === "\\") {
      const m = /^\\N\{[^}]*\}/.exec(p.slice(i));
      const t = m ? m[0] : p.slice(i, i + 2);
      out += t;
      i += t.length;
    } else if (c === "[") {
      // a class: up to its closing bracket (a ] first, after an optional ^, is a literal)
      let j = i + 1;
      if (p[j] === "^") j++;
      if (p[j] === "]") j++;
      while (j < p.length && p[j] !== "]") j += p[j] === "\\" ? 2 : 1;
      out += p.slice(i, j + 1);
      i = j + 1;
    } else if (c === "#") {
      while (i < p.length && p[i] !== "\n") i++;
    } else if (/\s/.test(c)) i++;
    else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Bounded repetition written out ({2,4} as x x (x (x)?)?), large counts shortened (the ambiguity is the same). */
function expand(n: Node, budget: { left: number }): Node {
  if (--budget.left < 0) throw new Unsupported("too large");
  switch (n.k) {
    case "set":
    case "eps":
      return n;
    case "cat":
    case "alt":
      return { k: n.k, items: n.items.map((x) => expand(x, budget)) };
    case "rep": {
      const min = Math.min(n.min, 3);
      const max = n.max === Infinity ? Infinity : Math.min(n.max, min + 3);
      if ((min === 0 && max === Infinity) || (min === 1 && max === Infinity) || (min === 0 && max === 1)) return { k: "rep", body: expand(n.body, budget), min, max };
      const items: Node[] = [];
      for (let i = 0; i < min; i++) items.push(expand(n.body, budget));
      if (max === Infinity) {
        if (items.length > 0) items[items.length - 1] = { k: "rep", body: items[items.length - 1]!, min: 1, max: Infinity };
        else items.push({ k: "rep", body: expand(n.body, budget), min: 0, max: Infinity });
      } else {
        let tail: Node | undefined;
        for (let i = max; i > min; i--) {
          const b = expand(n.body, budget);
          tail = { k: "rep", body: tail ? { k: "cat", items: [b, tail] } : b, min: 0, max: 1 };
        }
        if (tail) items.push(tail);
      }
      return items.length === 1 ? items[0]! : { k: "cat", items };
    }
  }
}

interface Info {
  nullable: boolean;
  first: number[];
  last: number[];
}

/** The position automaton: each position's set, and for each position how many ways lead to each next one. */
class Glushkov {
  readonly sets: CharSet[] = [];
  readonly follow: Map<number, number>[] = [];
  add(from: number, to: number): void {
    const m = this.follow[from]!;
    m.set(to, Math.min(2, (m.get(to) ?? 0) + 1));
  }
  build(n: Node): Info {
    switch (n.k) {
      case "set": {
        const p = this.sets.length;
        if (p >= MAX_POSITIONS) throw new Unsupported("too many positions");
        this.sets.push(n.s);
        this.follow.push(new Map());
        return { nullable: false, first: [p], last: [p] };
      }
      case "eps":
        return { nullable: true, first: [], last: [] };
      case "alt": {
        const parts = n.items.map((x) => this.build(x));
        return { nullable: parts.some((x) => x.nullable), first: parts.flatMap((x) => x.first), last: parts.flatMap((x) => x.last) };
      }
      case "cat": {
        let acc: Info = { nullable: true, first: [], last: [] };
        for (const item of n.items) {
          const b = this.build(item);
          for (const x of acc.last) for (const y of b.first) this.add(x, y);
          acc = { nullable: acc.nullable && b.nullable, first: acc.nullable ? [...acc.first, ...b.first] : acc.first, last: b.nullable ? [...acc.last, ...b.last] : b.last };
        }
        return acc;
      }
      case "rep": {
        const b = this.build(n.body);
        if (n.max === Infinity) for (const x of b.last) for (const y of b.first) this.add(x, y);
        return { nullable: b.nullable || n.min === 0, first: b.first, last: b.last };
      }
    }
  }
}

const MAX_POSITIONS = 120;
const MAX_EDGE_WORK = 3_000_000;

/**
 * Whether the automaton is exponentially ambiguous: a strongly connected part of its square holds a pair of equal
 * positions and either a pair of different ones or a step two different ways lead along.
 */
function exponential(g: Glushkov): boolean {
  const n = g.sets.length;
  const id = (a: number, b: number): number => a * n + b;
  const edges: number[][] = Array.from({ length: n * n }, () => []);
  const doubled = new Set<number>(); // diagonal steps (p,p)->(q,q) with two ways p->q
  let work = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      for (const [x, cx] of g.follow[a]!) {
        for (const [y] of g.follow[b]!) {
          if (++work > MAX_EDGE_WORK) throw new Unsupported("too large");
          if ((g.sets[x]! & g.sets[y]!) === 0n) continue;
          edges[id(a, b)]!.push(id(x, y));
          if (a === b && x === y && cx >= 2) doubled.add(id(a, b) * n * n + id(x, y));
        }
      }
    }
  }
  // Tarjan's strongly connected components, iteratively
  const index = new Int32Array(n * n).fill(-1);
  const low = new Int32Array(n * n);
  const comp = new Int32Array(n * n).fill(-1);
  const onStack = new Uint8Array(n * n);
  const stack: number[] = [];
  let counter = 0;
  let comps = 0;
  for (let root = 0; root < n * n; root++) {
    if (index[root] !== -1) continue;
    const work2: [number, number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work2.length) {
      const top = work2[work2.length - 1]!;
      const [v, i] = top;
      const es = edges[v]!;
      if (i < es.length) {
        top[1]++;
        const w = es[i]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work2.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
      } else {
        work2.pop();
        if (work2.length) {
          const u = work2[work2.length - 1]![0];
          low[u] = Math.min(low[u]!, low[v]!);
        }
        if (low[v] === index[v]) {
          for (;;) {
            const w = stack.pop()!;
            onStack[w] = 0;
            comp[w] = comps;
            if (w === v) break;
          }
          comps++;
        }
      }
    }
  }
  const hasDiag = new Uint8Array(comps);
  const hasOff = new Uint8Array(comps);
  const size = new Int32Array(comps);
  for (let v = 0; v < n * n; v++) {
    const c = comp[v]!;
    size[c]!++;
    if (Math.floor(v / n) === v % n) hasDiag[c] = 1;
    else hasOff[c] = 1;
  }
  for (let c = 0; c < comps; c++) if (hasDiag[c] && hasOff[c]) return true;
  for (const key of doubled) {
    const from = Math.floor(key / (n * n));
    const to = key % (n * n);
    if (comp[from] === comp[to]) return true;
  }
  return false;
}

/** Polynomial ambiguity of this degree or more (a chain of that many overlapping loops) is treated as a stall. */
const MAX_POLY_DEGREE = 4;
const MAX_CUBE_WORK = 2_000_000;

/**
 * The degree of polynomial ambiguity (Weber and Seidl's IDA): the most loops of different strongly connected parts in
 * a chain where each next one can be reached from the previous one by a word that also loops on both
 * (p -v-> p, p -v-> q, q -v-> q: a*a*a*b has three). A backtracking matcher takes about n**degree steps on a failing
 * input. 0 when the search goes beyond its work limit (not judged).
 */
function polynomialDegree(g: Glushkov): number {
  const n = g.sets.length;
  // reachability in one or more steps (n <= MAX_POSITIONS)
  const reach = Array.from({ length: n }, (_, a) => {
    const r = new Uint8Array(n);
    for (const [x] of g.follow[a]!) r[x] = 1;
    return r;
  });
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) if (reach[i]![k]) for (let j = 0; j < n; j++) if (reach[k]![j]) reach[i]![j] = 1;
  const looping = Array.from({ length: n }, (_, p) => reach[p]![p] === 1);
  let work = 0;
  // p -v-> p, p -v-> q, q -v-> q for some word v: (p, p, q) reaches (p, q, q) in the cube
  const ida = (p: number, q: number): boolean | undefined => {
    const key = (a: number, b: number, c: number): number => (a * n + b) * n + c;
    const goal = key(p, q, q);
    const seen = new Set<number>([key(p, p, q)]);
    const todo: [number, number, number][] = [[p, p, q]];
    while (todo.length) {
      const [a, b, c] = todo.pop()!;
      for (const [x] of g.follow[a]!) {
        if (!reach[x]![p] && x !== p) continue;
        for (const [y] of g.follow[b]!) {
          if ((g.sets[x]! & g.sets[y]!) === 0n || (!reach[y]![q] && y !== q)) continue;
          for (const [z] of g.follow[c]!) {
            if (++work > MAX_CUBE_WORK) return undefined;
            if ((g.sets[x]! & g.sets[y]! & g.sets[z]!) === 0n || (!reach[z]![q] && z !== q)) continue;
            const k = key(x, y, z);
            if (k === goal) return true;
            if (!seen.has(k)) {
              seen.add(k);
              todo.push([x, y, z]);
            }
          }
        }
      }
    }
    return false;
  };
  // strongly connected parts of looping positions (same part: each reaches the other)
  const part = new Int32Array(n).fill(-1);
  let parts = 0;
  for (let p = 0; p < n; p++) {
    if (!looping[p] || part[p] !== -1) continue;
    for (let q = p; q < n; q++) if (looping[q] && (q === p || (reach[p]![q] && reach[q]![p]))) part[q] = parts;
    parts++;
  }
  const next: Set<number>[] = Array.from({ length: parts }, () => new Set());
  for (let p = 0; p < n; p++) {
    for (let q = 0; q < n; q++) {
      if (part[p] === -1 || part[q] === -1 || part[p] === part[q] || !reach[p]![q] || next[part[p]!]!.has(part[q]!)) continue;
      const r = ida(p, q);
      if (r === undefined) return 0;
      if (r) next[part[p]!]!.add(part[q]!);
    }
  }
  // the longest chain of parts (the parts' graph has no cycle: a part reaches another only one way)
  const memo = new Int32Array(parts).fill(-1);
  const longest = (c: number, depth: number): number => {
    if (memo[c] !== -1) return memo[c]!;
    let best = 1;
    if (depth < parts) for (const d of next[c]!) best = Math.max(best, 1 + longest(d, depth + 1));
    memo[c] = best;
    return best;
  };
  let degree = 0;
  for (let c = 0; c < parts; c++) degree = Math.max(degree, longest(c, 0));
  return degree;
}

/** How a pattern's backtracking grows with the subject: exponentially, or as a power of its length (the degree). */
export interface RegexShape {
  exponential: boolean;
  degree: number;
}

/**
 * The ambiguity of a constant Python pattern (the worst over the pattern and its lookarounds), undefined when it uses
 * syntax the check does not read.
 */
export function regexShape(pattern: string, flags = 0): RegexShape | undefined {
  try {
    const parser = new Parser(pattern, flags);
    const root = parser.parse();
    const out: RegexShape = { exponential: false, degree: 0 };
    for (const r of [root, ...parser.lookarounds]) {
      const g = new Glushkov();
      g.build(expand(r, { left: 4000 }));
      if (exponential(g)) {
        out.exponential = true;
        return out;
      }
      out.degree = Math.max(out.degree, polynomialDegree(g));
    }
    return out;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/**
 * Whether matching a constant Python pattern may backtrack exponentially: true or false when the pattern was
 * judged, undefined when it uses syntax the check does not read (the caller falls back to a shape test).
 */
export function catastrophicRegex(pattern: string, flags = 0): boolean | undefined {
  const sh = regexShape(pattern, flags);
  // (or polynomially with a high degree: a*a*a*a*a*a*a*a*b on a few hundred characters never returns)
  return sh === undefined ? undefined : sh.exponential || sh.degree >= MAX_POLY_DEGREE;
}

/** log10 of the backtracking steps a match may take before it stalls the load (10**10: minutes in sre). */
const MAX_REGEX_STEPS_LOG10 = 10;

/**
 * Whether matching a pattern against a subject of a known length stalls: about n ** degree steps for one start
 * position, 2 ** n when the ambiguity is exponential, times n more when the call tries every start position
 * (search, findall, finditer, sub, subn, split) and the pattern is not anchored at the start. A subject whose length
 * is not known: the pattern alone (catastrophicRegex). Undefined when the pattern is not read.
 */
export function regexStalls(pattern: string, flags: number, subjectLength: number | undefined, scans: boolean): boolean | undefined {
  if (subjectLength === undefined) return catastrophicRegex(pattern, flags);
  const sh = regexShape(pattern, flags);
  if (sh === undefined) return undefined;
  const n = Math.max(subjectLength, 1);
  // (^ without MULTILINE, or \A: sre tries the first position only)
  const anchored = /^\\A/.test(pattern) || (/^\^/.test(pattern) && (flags & 8) === 0);
  const extra = scans && !anchored ? Math.log10(n) : 0;
  const steps = sh.exponential ? n * Math.log10(2) + extra : sh.degree * Math.log10(n) + extra;
  return steps > MAX_REGEX_STEPS_LOG10;
}
