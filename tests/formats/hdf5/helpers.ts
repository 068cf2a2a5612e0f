// Shared helpers for the HDF5 tests: fixture loading and reader opening.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MemorySource } from "../../../src/core/bytes.js";
import { sniff } from "../../../src/scanner.js";
import { Hdf5File } from "../../../src/formats/hdf5/index.js";
import type { Hdf5Limits } from "../../../src/formats/hdf5/index.js";

export const FIXTURES = fileURLToPath(new URL("../../../fixtures/hdf5/", import.meta.url));
export const CORPUS = fileURLToPath(new URL("../../../../shared/corpus/realworld/", import.meta.url));

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + name));
}

export async function open(data: Uint8Array, name = "x.h5", limits: Partial<Hdf5Limits> = {}): Promise<Hdf5File> {
  const src = new MemorySource(name, data);
  const s = await sniff(src);
  if (s.hdf5Offset === undefined) throw new Error("no HDF5 signature");
  return Hdf5File.open(src, s.hdf5Offset, limits);
}

export const utf8 = (b: Uint8Array) => new TextDecoder().decode(b);

/** Root attribute value as a single string. */
export async function rootString(f: Hdf5File, name: string): Promise<string | undefined> {
  const w = await f.walk();
  const a = w.objects[0]!.attributes.find((x) => utf8(x.name) === name);
  if (!a) return undefined;
  return (await f.attributeStrings(a))?.[0];
}
