// Parser differential: our walk against libhdf5's view (through h5py), recorded by
// tools/fixtures/gen_hdf5.py in fixtures/hdf5/oracle.json (fixtures) and oracle-corpus.json.gz (corpus).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync, unzipSync } from "fflate";
import { DT } from "../../../src/formats/hdf5/index.js";
import type { Hdf5File } from "../../../src/formats/hdf5/index.js";
import { CORPUS, FIXTURES, fixture, open, utf8 } from "./helpers.js";

interface OracleObject {
  kind: string;
  attrs: string[];
  /** String attributes: [element count, first 16 hex of sha256 of the elements joined by NUL]. */
  strings?: Record<string, [number, string]>;
  shape?: number[] | null;
  itemsize?: number;
  layout?: string;
  storage?: number;
  external?: { file: string; offset: number; size: number }[];
  virtual?: { file: string; dataset: string }[];
}
interface OracleLink {
  kind: "hard" | "soft" | "external";
  target?: string;
  file?: string;
}
interface Oracle {
  objects: Record<string, OracleObject>;
  links: Record<string, OracleLink>;
}

async function digest(values: string[]): Promise<[number, string]> {
  const h = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(values.join("\0")));
  return [values.length, [...new Uint8Array(h)].map((b) => b.toString(16).padStart(2, "0")).join("").slice(0, 16)];
}

async function ours(f: Hdf5File): Promise<Oracle> {
  const w = await f.walk();
  const objects: Record<string, OracleObject> = {};
  const links: Record<string, OracleLink> = {};
  const byPath = new Map<string, OracleObject>();
  for (const o of w.objects) {
    const info: OracleObject = { kind: o.kind, attrs: o.attributes.map((a) => utf8(a.name)).sort() };
    const strings: Record<string, [number, string]> = {};
    for (const a of o.attributes) {
      const v = await f.attributeStrings(a);
      if (v) strings[utf8(a.name)] = await digest(v);
    }
    if (Object.keys(strings).length) info.strings = strings;
    const d = o.dataset;
    if (d) {
      info.shape = d.shape;
      info.itemsize = d.elementSize;
      info.layout = d.layout;
      if (d.storedBytes !== undefined && d.layout !== "virtual") info.storage = d.storedBytes;
      if (d.external) info.external = d.external;
      if (d.virtual) info.virtual = d.virtual;
      if (d.datatypeClass === DT.VLEN) delete info.itemsize;
    }
    objects[o.path] = info;
    byPath.set(o.path, info);
    if (o.path !== "/") links[o.path] = { kind: "hard" };
  }
  for (const a of w.aliases) {
    objects[a.path] = byPath.get(a.target)!;
    links[a.path] = { kind: "hard" };
  }
  for (const l of w.links) {
    if (l.kind === "soft") links[l.path] = { kind: "soft", target: l.target! };
    else if (l.kind === "external") links[l.path] = { kind: "external", file: l.file!, target: l.target! };
  }
  return { objects, links };
}

function normalise(o: Oracle, keep: Oracle): Oracle {
  const objects: Record<string, OracleObject> = {};
  for (const [p, v] of Object.entries(o.objects)) {
    const mine = keep.objects[p];
    const c: OracleObject = { ...v, attrs: [...v.attrs].sort() };
    if (c.shape === null) c.shape = [];
    if (mine && mine.itemsize === undefined) delete c.itemsize;
    if (mine && mine.storage === undefined) delete c.storage;
    objects[p] = c;
  }
  return { objects, links: o.links };
}

async function compare(name: string, data: Uint8Array, expected: Oracle): Promise<void> {
  const got = await ours(await open(data, name));
  assert.deepEqual(got.links, expected.links, `${name}: links differ`);
  assert.deepEqual(got.objects, normalise(expected, got).objects, `${name}: objects differ`);
}

const fixtureOracle = JSON.parse(readFileSync(FIXTURES + "oracle.json", "utf8")) as Record<string, Oracle>;

test("the fixture oracle covers every parsable fixture", () => {
  assert.ok(Object.keys(fixtureOracle).length >= 15);
});

for (const [file, expected] of Object.entries(fixtureOracle)) {
  test(`differential ${file}: same objects, attributes, links, layouts and stored sizes as libhdf5`, async () => {
    await compare(file, fixture(file), expected);
  });
}

const corpusOracle = JSON.parse(new TextDecoder().decode(gunzipSync(readFileSync(FIXTURES + "oracle-corpus.json.gz")))) as Record<string, Oracle>;
const corpusPresent = existsSync(CORPUS + "manifest.jsonl");

test("the corpus oracle covers the 26 corpus HDF5 files (12 keras-h5, 14 weights members of .keras zips)", () => {
  assert.equal(Object.keys(corpusOracle).length, 26);
});

for (const [key, expected] of Object.entries(corpusOracle)) {
  test(`differential ${key}`, { skip: !corpusPresent && "corpus not present" }, async () => {
    const [file, member] = key.slice("corpus:".length).split("!");
    let data = new Uint8Array(readFileSync(CORPUS + file));
    if (member) data = unzipSync(data, { filter: (m) => m.name === member })[member]!;
    await compare(key, data, expected);
  });
}
