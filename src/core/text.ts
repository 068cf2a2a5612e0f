// Evidence text shaping shared by every engine: long strings are cut (secrets leak through previews).

/** Cuts text longer than `max`, saying how long it was: `abc…(512 chars)`. */
export function cut(s: string, max = 120): string {
  return s.length > max ? `${s.slice(0, max)}…(${s.length} chars)` : s;
}

/** Cuts text longer than `max` with an ellipsis only: `abc…`. */
export function clip(s: string, max = 120): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/**
 * Orders strings by UTF-16 code unit: the same order on every machine (localeCompare depends on the
 * locale and ICU data, and its collator costs milliseconds to set up), so reports are byte-identical.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
