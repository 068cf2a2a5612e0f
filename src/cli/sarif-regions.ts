// Lines for SARIF regions: a finding in a top-level JSON or YAML config (no archive member) is
// located by walking its JSON pointer over a position-keeping parse of the same file. Anything
// else (archive members, binary graphs, HDF5 attributes) gets no region: none is ever guessed.
import { readFileSync, statSync } from "node:fs";
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from "yaml";
import type { Finding, Report } from "../core/types.js";
import type { SarifRegion } from "../report/sarif.js";

/** Larger configs are not re-read for a line number (the report stays fast and bounded). */
const MAX_REGION_FILE_BYTES = 1024 * 1024;
const TEXT_FORMATS = new Set(["keras-json", "keras-yaml"]);

function lineCol(text: string, offset: number): SarifRegion {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { startLine: line, startColumn: offset - last };
}

function locate(text: string, pointer: string): number | undefined {
  const doc = parseDocument(text, { uniqueKeys: false, strict: false, prettyErrors: false });
  if (doc.errors.length) return undefined;
  let node: unknown = doc.contents;
  let at: number | undefined = (node as YamlNode | null)?.range?.[0];
  const segs = pointer.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  for (const seg of segs) {
    if (isAlias(node)) return undefined;
    if (isMap(node)) {
      // JSON loaders keep the last of duplicate keys.
      const pair = [...node.items].reverse().find((p) => isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) return undefined;
      at = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      node = pair.value;
    } else if (isSeq(node)) {
      const i = Number(seg);
      if (!Number.isInteger(i) || i < 0 || i >= node.items.length) return undefined;
      node = node.items[i];
      at = (node as YamlNode | null)?.range?.[0];
    } else return undefined;
  }
  return at;
}

/** A regionFor callback for renderSarif over the files of this report. */
export function regionFinder(report: Report): (f: Finding, file: string) => SarifRegion | undefined {
  const formats = new Map(report.targets.map((t) => [t.path, t.format]));
  const cache = new Map<string, string | undefined>();
  return (f, file) => {
    if (f.location.member || !f.location.pointer?.startsWith("/") || file !== f.location.path) return undefined;
    if (!TEXT_FORMATS.has(formats.get(file) ?? "")) return undefined;
    if (!cache.has(file)) {
      let text: string | undefined;
      try {
        if (statSync(file).size <= MAX_REGION_FILE_BYTES) text = readFileSync(file, "utf8");
      } catch {
        text = undefined;
      }
      cache.set(file, text);
    }
    const text = cache.get(file);
    if (text === undefined) return undefined;
    try {
      const at = locate(text, f.location.pointer);
      return at === undefined ? undefined : lineCol(text, at);
    } catch {
      return undefined;
    }
  };
}
