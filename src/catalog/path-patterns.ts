// Own code: whether a path PATTERN (a glob, or a path with pieces the scanner could not evaluate) can name a
// location of the credential or persistence lists needs the lists' regular expressions intersected with the
// pattern; no library decides that for JavaScript regex sources, and sampling the pattern misses names
// (".b*rc" is ".bashrc").
import { cleanPath } from "../core/fs.js";
import { CREDENTIAL_SOURCES, PERSISTENCE_SOURCES, isCredentialPath, isPersistencePath } from "./secret-paths.js";

/** One position of a pattern: a character test, taken once, optionally, or any number of times. */
interface Item {
  test: (c: string) => boolean;
  min: 0 | 1;
  max: 1 | typeof Infinity;
  /** The one character a literal item takes (case folded). */
  ch?: string;
  /** A pattern literal that counts as evidence of a name (not a separator, not a trailing extension). */
  evidence?: boolean;
}

type Seq = Item[];
const START = "start";
const END = "end";
type Token = Item | typeof START | typeof END;

/** A piece of a path that holds the text of a number or a bool (AsString: digits, sign, point, exponent, inf, nan,
 * true, false, padding). */
export const NUMBER_PIECE = "\ue000";
/** A piece of a path that holds web-safe base64 text. */
export const BASE64_PIECE = "\ue001";

const MAX_ALTERNATIVES = 4096;
/** Listed characters a glob's last name must write to name a family of listed names (`*rc`: .bashrc, .zshrc ...). */
const FAMILY_EVIDENCE = 2;
/** A glob bracket class taking at most this many characters (case folded) counts as written, not guessed. */
const NARROW_CLASS = 4;
const isSep = (c: string) => c === "/" || c === "\\";
const anyChar: Item["test"] = () => true;

/** The alphabet the intersection tries: every character a list names, and one of each kind besides. */
let alphabet: string[] = [];

function lit(c: string): Item["test"] {
  const l = c.toLowerCase();
  return (x) => x === l;
}

/** A literal item: the character, once (case folded). */
function foldedItem(c: string): Item {
  return { test: lit(c), ch: c.toLowerCase(), min: 1, max: 1 };
}

/** Parses the subset of regular-expression syntax the lists use into alternatives of items (case folded). */
function parse(src: string): Array<Token[]> {
  let pos = 0;
  const chars = new Set<string>();
  function classAt(): Item["test"] {
    // at "[": a class, negated or not, of characters, ranges and \d \w escapes
    pos++;
    const neg = src[pos] === "^";
    if (neg) pos++;
    const tests: Array<Item["test"]> = [];
    let first = true;
    while (pos < src.length && (src[pos] !== "]" || first)) {
      first = false;
      let c = src[pos]!;
      if (c === "\\") {
        const e = src[++pos]!;
        pos++;
        if (e === "d") tests.push((x) => x >= "0" && x <= "9");
        else if (e === "w") tests.push((x) => /\w/.test(x));
        else if (e === "s") tests.push((x) => /\s/.test(x));
        else {
          chars.add(e.toLowerCase());
          tests.push(lit(e));
        }
        continue;
      }
      if (src[pos + 1] === "-" && src[pos + 2] !== undefined && src[pos + 2] !== "]") {
        const lo = c.toLowerCase();
        const hi = src[pos + 2]!.toLowerCase();
        tests.push((x) => x >= lo && x <= hi);
        pos += 3;
        continue;
      }
      c = c.toLowerCase();
      chars.add(c);
      tests.push(lit(c));
      pos++;
    }
    pos++; // "]"
    return neg ? (x) => !tests.some((t) => t(x)) : (x) => tests.some((t) => t(x));
  }
  function alternatives(): Array<Token[]> {
    const out: Array<Token[]> = [];
    let seqs: Array<Token[]> = [[]];
    while (pos < src.length && src[pos] !== ")") {
      if (src[pos] === "|") {
        out.push(...seqs);
        seqs = [[]];
        pos++;
        continue;
      }
      let atom: Array<Token[]>;
      const c = src[pos]!;
      if (c === "(") {
        if (src.startsWith("(?!", pos) || src.startsWith("(?=", pos)) {
          // a lookahead only narrows a match: left out, the pattern matches more (fail closed)
          pos += 3;
          alternatives();
          pos++;
          continue;
        }
        pos += src.startsWith("(?:", pos) ? 3 : 1;
        atom = alternatives();
        pos++; // ")"
      } else if (c === "[") atom = [[{ test: classAt(), min: 1, max: 1 }]];
      else if (c === "\\") {
        const e = src[pos + 1]!;
        pos += 2;
        const test: Item["test"] | undefined = e === "d" ? (x) => x >= "0" && x <= "9" : e === "w" ? (x) => /\w/.test(x) : e === "s" ? (x) => /\s/.test(x) : undefined;
        if (!test) chars.add(e.toLowerCase());
        atom = [[test ? { test, min: 1, max: 1 } : foldedItem(e)]];
      } else if (c === "^" || c === "$") {
        pos++;
        atom = [[c === "^" ? START : END]];
      } else if (c === ".") {
        pos++;
        atom = [[{ test: anyChar, min: 1, max: 1 }]];
      } else {
        pos++;
        chars.add(c.toLowerCase());
        atom = [[foldedItem(c)]];
      }
      // a quantifier on the atom
      const q = src[pos];
      let min = 1;
      let max = 1;
      if (q === "?" || q === "*" || q === "+") {
        pos++;
        min = q === "+" ? 1 : 0;
        max = q === "?" ? 1 : Infinity;
      } else if (q === "{") {
        const m = /^\{(\d+)(?:,(\d*))?\}/.exec(src.slice(pos));
        if (m) {
          pos += m[0].length;
          min = Math.min(Number(m[1]), 1);
          max = m[2] === undefined ? (Number(m[1]) > 1 ? Infinity : 1) : m[2] === "" || Number(m[2]) > 1 ? Infinity : 1;
        }
      }
      if (src[pos] === "?" && (q === "?" || q === "*" || q === "+" || q === "{")) pos++; // lazy
      if (min !== 1 || max !== 1) {
        const single = atom.length === 1 && atom[0]!.length === 1 && typeof atom[0]![0] === "object";
        if (single) {
          const it = atom[0]![0] as Item;
          // x+ is x then x*
          atom = [max === Infinity ? (min === 1 ? [it, { ...it, min: 0, max: Infinity }] : [{ ...it, min: 0, max: Infinity }]) : [{ ...it, min: 0, max: 1 }]];
        } else if (max === Infinity) {
          // a repeated group: any text of the group's characters (it matches more than the group: fail closed)
          const tests = atom.flat().filter((t): t is Item => typeof t === "object").map((t) => t.test);
          atom = [[{ test: (x) => tests.some((t) => t(x)), min: 0, max: Infinity }]];
        } else atom = min === 0 ? [...atom, []] : atom;
      }
      const next: Array<Token[]> = [];
      for (const s of seqs) for (const a of atom) if (next.length < MAX_ALTERNATIVES) next.push([...s, ...a]);
      seqs = next;
    }
    out.push(...seqs);
    return out;
  }
  const r = alternatives();
  for (const c of chars) if (!alphabet.includes(c)) alphabet.push(c);
  return r;
}

/** The lists' alternatives as anchored item sequences (an unanchored side matches any text there). */
function compile(sources: string[]): Seq[] {
  const out: Seq[] = [];
  for (const src of sources) {
    for (const toks of parse(src)) {
      // "^" only where nothing must come before it, "$" only at the end (elsewhere the alternative cannot match a path)
      let start = false;
      let end = false;
      const items: Item[] = [];
      let ok = true;
      toks.forEach((t, i) => {
        if (t === START) {
          if (items.some((x) => x.min > 0)) ok = false;
          start = true;
        } else if (t === END) {
          if (toks.slice(i + 1).some((x) => x !== END && (x as Item).min > 0)) ok = false;
          end = true;
        } else items.push(t);
      });
      if (!ok) continue;
      const seq: Seq = [...(start ? [] : [{ test: anyChar, min: 0, max: Infinity } as Item]), ...items, ...(end ? [] : [{ test: anyChar, min: 0, max: Infinity } as Item])];
      if (/\(\?[!=]/.test(src)) LOOKAHEAD.add(seq);
      out.push(seq);
    }
  }
  return out;
}

/** Sequences parsed from an alternative with a lookahead (left out): a path they meet is checked against the list itself. */
const LOOKAHEAD = new WeakSet<Seq>();

let lists: { credential: Seq[]; persistence: Seq[] } | undefined;
function compiled(): { credential: Seq[]; persistence: Seq[] } {
  if (!lists) {
    alphabet = [];
    lists = { credential: compile(CREDENTIAL_SOURCES), persistence: compile(PERSISTENCE_SOURCES) };
    // and a character no list names, for two wildcards to meet on
    for (const c of "/\\.0123456789-_+ ax=~@") if (!alphabet.includes(c)) alphabet.push(c);
    alphabet = ["x", "a", "0", ...alphabet.filter((c) => c !== "x" && c !== "a" && c !== "0")];
  }
  return lists;
}

/** A character two items both take: a literal's own, else one of the alphabet (plain ones first); or undefined. */
function meet(x: Item, y: Item): string | undefined {
  if (y.ch !== undefined) return x.test(y.ch) ? y.ch : undefined;
  if (x.ch !== undefined) return y.test(x.ch) ? x.ch : undefined;
  return alphabet.find((c) => x.test(c) && y.test(c));
}

/**
 * Whether some path matches both the list's sequence and the pattern with evidence: over the whole path, the
 * characters the pattern's wildcards spell where the list names a character (a literal; not a class) are
 * no more than the pattern's own literal characters matched where the list names one (separators and an extension
 * after the last wildcard not counted; a narrow bracket class such as "[e]" counts as written). ".b*rc" is
 * ".bashrc" (4 literal, 3 spelled), "envi*" "environ", "app.p*" "app.py", "client.p" + a number "client.p12",
 * a star for the first folder of "/etc/shadow" and "/proc/self/*" for "/proc/self/environ" (the written names pay
 * for the guessed one); a wildcard spelling a whole name with nothing listed written ("*" as "id_rsa", "*.json" as "logins.json", a
 * base64 piece as "user-data") is no evidence; where the list takes any text (anything in "/usr/local/bin/", in
 * ".ssh/") the wildcard needs none. A product of the two automata searched for the least
 * (spelled - literal) balance per state (a lower balance is never worse; no cycle lowers
 * it: a pattern literal is taken once).
 */
function intersects(list: Seq, pattern: Seq, family = false): string | undefined {
  const w = pattern.length + 1;
  const best = new Map<number, number>();
  // how each state was reached (the state before, the character taken), for a witness path
  const from = new Map<number, [number, string]>();
  const queue: Array<[number, number, number]> = [[0, 0, 0]];
  best.set(0, 0);
  let at = 0;
  let ch = "";
  const push = (i: number, j: number, balance: number) => {
    const key = i * w + j;
    if ((best.get(key) ?? Infinity) <= balance) return;
    best.set(key, balance);
    from.set(key, [at, ch]);
    queue.push([i, j, balance]);
  };
  while (queue.length) {
    const [i, j, balance] = queue.pop()!;
    if ((best.get(i * w + j) ?? Infinity) < balance) continue;
    if (i === list.length && j === pattern.length && balance <= (family ? -FAMILY_EVIDENCE : 0)) {
      let out = "";
      for (let k = i * w + j, guard = 0; k !== 0 && guard < 100_000; guard++) {
        const [prev, c] = from.get(k)!;
        out = c + out;
        k = prev;
      }
      return out;
    }
    const x = list[i];
    const y = pattern[j];
    at = i * w + j;
    ch = "";
    if (x && x.min === 0) push(i + 1, j, balance);
    if (y && y.min === 0) push(i, j + 1, balance);
    const c = x && y ? meet(x, y) : undefined;
    if (c === undefined) continue;
    ch = c;
    // (the list names this character: a literal; a class takes a kind of character, as a wildcard does)
    const named = x!.ch !== undefined;
    let next = balance;
    // (family: only the listed characters the last name writes count; a separator starts the count again)
    if (family && y!.ch !== undefined && isSep(y!.ch)) next = 0;
    else if (named && WILDCARDS.has(y!)) next = family ? balance : balance + 1;
    else if (named && y!.evidence) next = balance - 1;
    push(x!.max === Infinity ? i : i + 1, y!.max === Infinity ? j : j + 1, next);
  }
  return undefined;
}

/** The pattern items that are wildcards (glob syntax, pieces the scanner could not evaluate). */
const WILDCARDS = new WeakSet<Item>();

function wild(it: Item): Item {
  WILDCARDS.add(it);
  return it;
}

const POSIX_CLASSES: Record<string, (x: string) => boolean> = {
  alpha: (x) => /[A-Za-z]/.test(x), digit: (x) => /[0-9]/.test(x), alnum: (x) => /[A-Za-z0-9]/.test(x), upper: (x) => /[A-Z]/.test(x),
  lower: (x) => /[a-z]/.test(x), space: (x) => /\s/.test(x), blank: (x) => x === " " || x === "\t", punct: (x) => /[!-/:-@[-`{-~]/.test(x),
  print: (x) => x >= " " && x <= "~", graph: (x) => x > " " && x <= "~", cntrl: (x) => x < " " || x === "\x7f", xdigit: (x) => /[0-9A-Fa-f]/.test(x),
};

/**
 * A bracket expression of a glob at `p[i]` as fnmatch reads it (case-sensitive: `[!B]` takes "b"): `!` or `^`
 * negates, a `]` first is a member, `[:lower:]` and the other POSIX classes, ranges, `\x` a member x; its end.
 * Undefined when no `]` closes it (the `[` is then a literal).
 */
function globClass(p: string, i: number): { test: (x: string) => boolean; end: number } | undefined {
  let k = i + 1;
  const neg = p[k] === "!" || p[k] === "^";
  if (neg) k++;
  const members: Array<(x: string) => boolean> = [];
  let first = true;
  for (; k < p.length; k++) {
    let c = p[k]!;
    if (c === "]" && !first) return { test: (x) => members.some((m) => m(x)) !== neg, end: k };
    first = false;
    if (c === "[" && p[k + 1] === ":") {
      const close = p.indexOf(":]", k + 2);
      const cls = close > 0 ? POSIX_CLASSES[p.slice(k + 2, close)] : undefined;
      if (cls) {
        members.push(cls);
        k = close + 1;
        continue;
      }
    }
    if (c === "\\" && k + 1 < p.length) c = p[++k]!;
    if (p[k + 1] === "-" && k + 2 < p.length && p[k + 2] !== "]") {
      let hi = p[k + 2]!;
      const lo = c;
      k += 2;
      if (hi === "\\" && k + 1 < p.length) hi = p[++k]!;
      members.push((x) => x >= lo && x <= hi);
    } else {
      const m = c;
      members.push((x) => x === m);
    }
  }
  return undefined;
}

/**
 * A path pattern as items: glob syntax (`*`, `?`, `[...]`: within one segment) when `glob`, and the piece markers
 * NUMBER_PIECE and BASE64_PIECE (any text of their alphabets); other characters literal, case folded, each marked
 * as evidence unless it is a separator or part of an extension after the last wildcard of its segment.
 */
function patternItems(p: string, glob: boolean, fold = true): Seq {
  const out: Seq = [];
  const litItem = fold ? foldedItem : (c: string): Item => ({ test: (x) => x === c, ch: c, min: 1, max: 1 });
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    // (AsString's text of a number: digits, sign, point, exponent, inf, nan; of a bool: true, false; its padding:
    // a space, "0" or "#" by the fill attr)
    if (c === NUMBER_PIECE) out.push(wild({ test: (x) => /[0-9.+\-einfatrusl #]/.test(x), min: 0, max: Infinity }));
    else if (c === BASE64_PIECE) out.push(wild({ test: (x) => /[a-z0-9_\-=]/.test(x), min: 0, max: Infinity }));
    else if (glob && c === "*") out.push(wild({ test: (x) => !isSep(x), min: 0, max: Infinity }));
    else if (glob && c === "?") out.push(wild({ test: (x) => !isSep(x), min: 1, max: 1 }));
    else if (glob && c === "[" && globClass(p, i)) {
      const k = globClass(p, i)!;
      i = k.end;
      const item: Item = { test: (x) => !isSep(x) && (k.test(x) || (fold && k.test(x.toUpperCase()))), min: 1, max: 1 };
      // a narrow class ("[e]", "[]t]", "[d-f]") writes its character nearly as a literal does: evidence, not a guess
      let members = 0;
      for (let x = 32; x < 127 && members <= NARROW_CLASS; x++) if (item.test(String.fromCharCode(x).toLowerCase())) members++;
      out.push(members <= NARROW_CLASS ? { ...item, evidence: true } : wild(item));
    } else if (glob && c === "\\" && i + 1 < p.length) out.push({ ...litItem(p[++i]!), evidence: true });
    else out.push({ ...litItem(c), evidence: !isSep(c) });
  }
  // an extension after the last wildcard of a segment ("*.json") says what kind of file, not which one
  let segStart = 0;
  for (let k = 0; k <= out.length; k++) {
    const it = out[k];
    if (it && !(it.ch !== undefined && isSep(it.ch))) continue;
    const seg = out.slice(segStart, k);
    const lastWild = seg.map((x) => WILDCARDS.has(x)).lastIndexOf(true);
    const dot = seg.map((x) => x.ch === ".").lastIndexOf(true);
    if (lastWild >= 0 && dot > lastWild) for (const x of seg.slice(dot)) x.evidence = false;
    segStart = k + 1;
  }
  return out;
}

/**
 * Whether a path pattern can name a location of a list (intersects, with the evidence rule), as written or as the
 * OS resolves it (`file://` dropped, `.` and `..` segments applied: wildcards never stand for a whole `.` or `..`
 * segment here). `glob` reads `*`, `?` and `[...]` as a glob does. `family` weighs a glob against the family of
 * listed names it can match instead of one name: its last name writes FAMILY_EVIDENCE or more listed characters,
 * whatever its wildcards guess (`<dir>/*rc` is every run-control file of a home: .bashrc, .zshrc, .vimrc ...; a write
 * to what MatchingFiles returns overwrites whichever exists).
 */
export function patternCouldBe(pattern: string, list: "credential" | "persistence", glob: boolean, family = false): boolean {
  const l = compiled()[list];
  const p = pattern.replace(/^file:\/\//i, "");
  // (a glob's backslash escapes the next character, as fnmatch reads it on POSIX; a Windows reader takes it as
  // a separator: both forms are cleaned)
  const forms = [p, cleanPath(p.replace(/\\/g, "/")), ...(glob ? [cleanPath(p)] : [])];
  for (const form of new Set(forms)) {
    const items = patternItems(form, glob);
    const listed = list === "credential" ? isCredentialPath : isPersistencePath;
    for (const seq of l) {
      const witness = intersects(seq, items, family);
      // (an alternative whose lookahead was left out: only where a path both meet passes the list itself, its
      // exceptions included: "../data/*.csv" is no dot-file, "~/.keras/*" no credential)
      if (witness !== undefined && (!LOOKAHEAD.has(seq) || listed(witness))) return true;
    }
  }
  return false;
}

/**
 * Whether a glob pattern matches a path as fnmatch with FNM_PATHNAME reads it (TensorFlow's MatchingFiles on POSIX,
 * one name at a time): `*` and `?` never take a `/`, bracket classes as globClass reads them, `\\x` the character x,
 * case-sensitive. The reading patternCouldBe judges patterns by (tests/tf/glob-vectors.test.ts holds it to the op).
 */
export function globMatches(pattern: string, path: string): boolean {
  const items = patternItems(pattern, true, false);
  let states = new Set<number>([0]);
  const close = (set: Set<number>) => {
    for (const j of set) if (items[j] && items[j]!.min === 0) set.add(j + 1);
    return set;
  };
  states = close(states);
  for (const c of path) {
    const next = new Set<number>();
    for (const j of states) {
      const it = items[j];
      if (!it || !it.test(c)) continue;
      next.add(it.max === Infinity ? j : j + 1);
    }
    states = close(next);
    if (!states.size) return false;
  }
  return states.has(items.length);
}

/** Whether a text holds glob syntax. */
export function hasGlob(v: string): boolean {
  return /[*?[\\]/.test(v);
}
