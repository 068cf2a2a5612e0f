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
}

type Seq = Item[];
const START = "start";
const END = "end";
type Token = Item | typeof START | typeof END;

/** A piece of a path that holds the text of a number (AsString of a number: digits, sign, point, exponent, inf, nan). */
export const NUMBER_PIECE = "\ue000";
/** A piece of a path that holds web-safe base64 text. */
export const BASE64_PIECE = "\ue001";

const MAX_ALTERNATIVES = 4096;
const isSep = (c: string) => c === "/" || c === "\\";
const anyChar: Item["test"] = () => true;

/** The alphabet the intersection tries: every character a list names, and one of each kind besides. */
let alphabet: string[] = [];

function lit(c: string): Item["test"] {
  const l = c.toLowerCase();
  return (x) => x === l;
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
        const test: Item["test"] = e === "d" ? (x) => x >= "0" && x <= "9" : e === "w" ? (x) => /\w/.test(x) : e === "s" ? (x) => /\s/.test(x) : lit(e);
        if (!"dws".includes(e)) chars.add(e.toLowerCase());
        atom = [[{ test, min: 1, max: 1 }]];
      } else if (c === "^" || c === "$") {
        pos++;
        atom = [[c === "^" ? START : END]];
      } else if (c === ".") {
        pos++;
        atom = [[{ test: anyChar, min: 1, max: 1 }]];
      } else {
        pos++;
        chars.add(c.toLowerCase());
        atom = [[{ test: lit(c), min: 1, max: 1 }]];
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

/**
 * A list alternative that names locations by a kind of name, not by the name itself: a wildcard over name
 * characters ("any name containing 'secret'", "any dot-file of a home", "anything in a bin folder") or an
 * extension ("\.py$"). A wildcard of a pattern can always spell such a name, so these count only where the
 * pattern's own text meets them (judged on an instance of the pattern); the others, exact names (".bashrc",
 * "/proc/self/environ", "id_rsa"), count wherever a wildcard can spell them.
 */
function heuristic(src: string): boolean {
  return ["[^/", "\\w", ".*", ".+"].some((w) => src.includes(w)) || src.startsWith("\\.");
}

/** The exact-name alternatives of the lists as anchored item sequences (an unanchored side matches any text there). */
function compile(sources: string[]): Seq[] {
  const out: Seq[] = [];
  for (const src of sources.flatMap(splitTop).filter((x) => !heuristic(x))) {
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
      out.push([...(start ? [] : [{ test: anyChar, min: 0, max: Infinity } as Item]), ...items, ...(end ? [] : [{ test: anyChar, min: 0, max: Infinity } as Item])]);
    }
  }
  return out;
}

/** The top-level alternatives of a source (its "|" outside groups and classes). */
function splitTop(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(src.slice(from, i));
      from = i + 1;
    }
  }
  out.push(src.slice(from));
  return out;
}

let lists: { credential: Seq[]; persistence: Seq[] } | undefined;
function compiled(): { credential: Seq[]; persistence: Seq[] } {
  if (!lists) {
    alphabet = [];
    lists = { credential: compile(CREDENTIAL_SOURCES), persistence: compile(PERSISTENCE_SOURCES) };
    for (const c of "/\\.0123456789-_+ ax=~") if (!alphabet.includes(c)) alphabet.push(c);
  }
  return lists;
}

/**
 * Whether some text matches both sequences; with `evidence` (a glob, which matches only the files that exist), with
 * the pattern's wildcards spelling no more of the list's literal text than the pattern's own literal characters do:
 * ".b*rc" is ".bashrc" (5 literal, 3 spelled), a bare "*" or "*.txt" is not "id_rsa" or "user-data.txt" (a wildcard
 * can spell every name; that alone is no evidence). Without it (a piece the file fixes, chosen freely), any text of
 * the pieces' alphabets counts. A product of the two automata searched for the least (spelled - literal) count (no cycle lowers it: a cycle needs
 * two repeating items, and a repeating pattern item is a wildcard).
 */
function intersects(list: Seq, pattern: Seq, evidence: boolean): boolean {
  const w = pattern.length + 1;
  const best = new Map<number, number>();
  const queue: Array<[number, number, number]> = [[0, 0, 0]];
  best.set(0, 0);
  let found = Infinity;
  const push = (i: number, j: number, cost: number) => {
    const key = i * w + j;
    if ((best.get(key) ?? Infinity) <= cost) return;
    best.set(key, cost);
    queue.push([i, j, cost]);
  };
  while (queue.length) {
    const [i, j, cost] = queue.pop()!;
    if ((best.get(i * w + j) ?? Infinity) < cost) continue;
    if (i === list.length && j === pattern.length) found = Math.min(found, cost);
    const x = list[i];
    const y = pattern[j];
    if (x && x.min === 0) push(i + 1, j, cost);
    if (y && y.min === 0) push(i, j + 1, cost);
    if (x && y && alphabet.some((c) => x.test(c) && y.test(c))) {
      const spelled = WILDCARDS.has(y);
      const literal = !spelled && x.test !== anyChar;
      push(x.max === Infinity ? i : i + 1, y.max === Infinity ? j : j + 1, cost + (spelled ? 1 : literal ? -1 : 0));
    }
  }
  return evidence ? found <= 0 : found < Infinity;
}

/** The pattern items that are wildcards (glob syntax, pieces the scanner could not evaluate). */
const WILDCARDS = new WeakSet<Item>();

function wild(it: Item): Item {
  WILDCARDS.add(it);
  return it;
}

/**
 * A path pattern as items: glob syntax (`*`, `?`, `[...]`: within one segment) when `glob`, and the piece markers
 * NUMBER_PIECE and BASE64_PIECE (any text of their alphabets); other characters literal, case folded.
 */
function patternItems(p: string, glob: boolean): Seq {
  const out: Seq = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === NUMBER_PIECE) out.push(wild({ test: (x) => /[0-9.+\-einfa]/.test(x), min: 0, max: Infinity }));
    else if (c === BASE64_PIECE) out.push(wild({ test: (x) => /[a-z0-9_\-=]/.test(x), min: 0, max: Infinity }));
    else if (glob && c === "*") out.push(wild({ test: (x) => !isSep(x), min: 0, max: Infinity }));
    else if (glob && c === "?") out.push(wild({ test: (x) => !isSep(x), min: 1, max: 1 }));
    else if (glob && c === "[" && p.indexOf("]", i + 2) > 0) {
      const end = p.indexOf("]", i + 2);
      const body = p.slice(i + 1, end).toLowerCase();
      i = end;
      const neg = /^[!^]/.test(body);
      const set = neg ? body.slice(1) : body;
      const has = (x: string) => {
        for (let k = 0; k < set.length; k++) {
          if (set[k + 1] === "-" && k + 2 < set.length) {
            if (x >= set[k]! && x <= set[k + 2]!) return true;
            k += 2;
          } else if (set[k] === x) return true;
        }
        return false;
      };
      out.push(wild({ test: (x) => !isSep(x) && has(x) !== neg, min: 1, max: 1 }));
    } else if (glob && c === "\\" && i + 1 < p.length) out.push({ test: lit(p[++i]!), min: 1, max: 1 });
    else out.push({ test: lit(c), min: 1, max: 1 });
  }
  return out;
}

/**
 * Whether a path pattern can name a location of a list: some path it matches is one the list names, as written
 * or as the OS resolves it (`file://` dropped, `.` and `..` segments applied: wildcards never stand for a whole
 * `.` or `..` segment here). `glob` reads `*`, `?` and `[...]` as a glob does.
 */
export function patternCouldBe(pattern: string, list: "credential" | "persistence", glob: boolean): boolean {
  // the kinds of names: on an instance of the pattern (each wildcard one plain character)
  const instance = pattern.replace(/[\ue000\ue001]/g, "0").replace(glob ? /\[[^\]]*\]|[*?]/g : /(?!)/g, "x");
  if (list === "credential" ? isCredentialPath(instance) : isPersistencePath(instance)) return true;
  const l = compiled()[list];
  const p = pattern.replace(/^file:\/\//i, "");
  for (const form of new Set([p, cleanPath(p.replace(/\\/g, "/"))])) {
    const items = patternItems(form, glob);
    if (l.some((s) => intersects(s, items, glob))) return true;
  }
  return false;
}

/** Whether a text holds glob syntax. */
export function hasGlob(v: string): boolean {
  return /[*?[]/.test(v);
}
