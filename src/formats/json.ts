// JSON with limits. JSON.parse keeps the last of duplicated keys, as Python's json does; we check
// nesting depth first (a bracket scan that respects strings) so hostile nesting is a clear error.
import { FormatError, LimitError } from "../core/bytes.js";
import { decodeJsonBytes } from "./json-bytes.js";

export function checkJsonDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inStr) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inStr = false;
      continue;
    }
    if (c === 0x22) inStr = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) throw new LimitError(`JSON nested deeper than ${maxDepth} levels`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

/** Parses JSON text under a depth limit. Python's json also accepts NaN/Infinity: so do we. */
export function parseJsonLimited(text: string, maxDepth: number): unknown {
  checkJsonDepth(text, maxDepth);
  try {
    return JSON.parse(text);
  } catch (e) {
    // Keras writes NaN / Infinity / -Infinity bare (Python json.dumps allows them).
    if (/\b(NaN|Infinity)\b/.test(text)) {
      try {
        return JSON.parse(replacePythonSpecials(text));
      } catch {
        /* fall through */
      }
    }
    throw new FormatError(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Replaces bare NaN/Infinity tokens outside strings with null (values are not judged). */
function replacePythonSpecials(text: string): string {
  let out = "";
  let inStr = false;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (c === "\\") i++;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') {
      inStr = true;
      continue;
    }
    const m = /^(-?Infinity|NaN)/.exec(text.slice(i, i + 9));
    if (m) {
      out += text.slice(last, i) + "null";
      i += m[0].length - 1;
      last = i + 1;
    }
  }
  return out + text.slice(last);
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * JSON bytes parsed as Python's json.loads parses them (every encoding it detects; NaN and Infinity): the top-level
 * object, or undefined for any other value. Throws FormatError for text no JSON loader accepts, LimitError past
 * maxDepth.
 */
export function parseJsonObjectBytes(b: Uint8Array, maxDepth: number): Record<string, unknown> | undefined {
  const doc = parseJsonLimited(decodeJsonBytes(b), maxDepth);
  return isObject(doc) ? doc : undefined;
}

/** Whether a JSON value holds a Keras object (a dict with a string class_name) within a few levels of lists and dicts:
 * what Keras 3's deserialize_keras_object finds in a config.json of any shape (it unpacks lists and plain dicts). */
export function holdsKerasObject(v: unknown, depth = 0): boolean {
  if (depth > 8) return false;
  if (Array.isArray(v)) return v.slice(0, 64).some((x) => holdsKerasObject(x, depth + 1));
  if (v === null || typeof v !== "object") return false;
  const o = v as Record<string, unknown>;
  if (typeof o["class_name"] === "string") return true;
  return Object.values(o).slice(0, 64).some((x) => holdsKerasObject(x, depth + 1));
}

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** RFC 6901 escaping of one pointer segment. */
export function ptr(base: string, key: string | number): string {
  return `${base}/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`;
}
