// The format-field reader (src/python/format-fields.ts) against real CPython: tools/gen-format-vectors.py ran
// str.format, str.format_map and string.Formatter().format on objects that log every attribute and item
// lookup (CPython 3.11 wrote the vectors, 3.8 agreed on all of them). For each string and formatter, the
// reader must name the same lookups in the same order and raise where CPython raises.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readFormatString, type FormatFlavor } from "../../src/python/format-fields.js";

interface Outcome {
  lookups: string[];
  error: string | null;
}
interface Vector {
  fmt: string;
  str: Outcome;
  format_map: Outcome;
  formatter: Outcome;
}
const doc = JSON.parse(readFileSync(new URL("./vectors/format-fields.json", import.meta.url), "utf8")) as { python: string; vectors: Vector[] };

/** Python's json.dumps (ensure_ascii): what the recording objects used to label keys. */
function pyJson(s: string): string {
  return JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The lookups the reader says the formatter makes, labelled as the recorder labels them (12 positional arguments). */
function lookups(fmt: string, flavor: FormatFlavor): Outcome {
  const r = readFormatString(fmt, flavor);
  const log: string[] = [];
  for (const f of r.fields) {
    let label: string;
    if (f.root.pos !== undefined) {
      if (f.root.pos < 0 || f.root.pos >= 12) return { lookups: log, error: "IndexError" };
      label = `#${f.root.pos}`;
    } else label = `kw:${pyJson(f.root.name!)}`;
    if (f.mappingLookup) log.push(label);
    for (const s of f.steps) {
      label += "attr" in s ? `.${s.attr}` : typeof s.item === "number" ? `[${s.item}]` : `[${pyJson(s.item)}]`;
      log.push(label);
    }
  }
  return { lookups: log, error: r.error === undefined ? null : "ValueError" };
}

test(`format strings: the reader makes CPython ${doc.python}'s lookups, in order, and raises where it raises`, () => {
  let checked = 0;
  let withLookups = 0;
  const bad: string[] = [];
  for (const v of doc.vectors) {
    for (const flavor of ["str", "format_map", "formatter"] as const) {
      const want = v[flavor];
      const got = lookups(v.fmt, flavor);
      const same = JSON.stringify(got.lookups) === JSON.stringify(want.lookups) && (got.error === null) === (want.error === null);
      if (!same && bad.length < 15) bad.push(`${flavor} ${JSON.stringify(v.fmt)}: want ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
      checked++;
      if (want.lookups.length > 0) withLookups++;
    }
  }
  assert.deepEqual(bad, []);
  assert.ok(checked > 9000 && withLookups > 3000, `${checked} checked, ${withLookups} with lookups`);
});

test("decimal digits outside ASCII name an argument by index, as CPython reads them, and are marked as read both ways", () => {
  const r = readFormatString("{\u0660.environ}{0[\u0661].a}", "str");
  assert.equal(r.error, undefined, JSON.stringify(r));
  assert.deepEqual(r.fields[0]!.root, { pos: 0, name: "\u0660", ambiguous: true });
  assert.deepEqual(r.fields[1]!.steps[0], { item: 1, text: "\u0661" });
  // string.Formatter: an empty first part with lookups is the keyword "" (only a bare "{}" is numbered)
  const f = readFormatString("{[0].a}", "formatter");
  assert.deepEqual(f.fields[0]!.root, { name: "" });
  assert.deepEqual(readFormatString("{[0].a}", "str").fields[0]!.root, { pos: 0 });
});
