// Member names that would escape the folder an archive is extracted into (zip slip / tar slip).

export interface PathEscape {
  /** Short reason: "parent-traversal", "absolute", "drive-letter", "backslash-traversal", "symlink", "hardlink". */
  kind: string;
  detail: string;
}

/** Does a relative path climb above its root once normalised with `sep`? */
function climbs(parts: string[]): boolean {
  let depth = 0;
  for (const p of parts) {
    if (p === "..") {
      if (--depth < 0) return true;
    } else if (p !== "" && p !== ".") depth++;
  }
  return false;
}

/** Judges one member name as a naive extractor (unzip, tarfile without a filter, Windows tools) would treat it. */
export function pathEscape(name: string): PathEscape | undefined {
  if (/^[A-Za-z]:/.test(name)) return { kind: "drive-letter", detail: `names a drive (${name.slice(0, 2)})` };
  if (name.startsWith("/")) return { kind: "absolute", detail: "is an absolute path" };
  if (name.startsWith("\\")) return { kind: "absolute", detail: "is an absolute path on Windows (leading backslash)" };
  if (climbs(name.split("/"))) return { kind: "parent-traversal", detail: "climbs out with '..'" };
  if (name.includes("\\") && climbs(name.split(/[\\/]/))) return { kind: "backslash-traversal", detail: "climbs out with '..' and backslashes (Windows separators)" };
  return undefined;
}

/** Does a link target point outside the extraction folder (from a member at `name`)? */
export function linkEscapes(name: string, target: string): boolean {
  if (target.startsWith("/") || target.startsWith("\\") || /^[A-Za-z]:/.test(target)) return true;
  const dir = name.split("/").slice(0, -1);
  return climbs([...dir, ...target.split(/[\\/]/)]);
}
