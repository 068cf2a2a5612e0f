// Evidence text shaping shared by every engine: long strings are cut (secrets leak through previews).

/** Cuts text longer than `max`, saying how long it was: `abc…(512 chars)`. */
export function cut(s: string, max = 120): string {
  return s.length > max ? `${s.slice(0, max)}…(${s.length} chars)` : s;
}

/** Cuts text longer than `max` with an ellipsis only: `abc…`. */
export function clip(s: string, max = 120): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
