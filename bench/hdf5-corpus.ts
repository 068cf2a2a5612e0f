// HDF5 reader on every HDF5 file of the real-world corpus: bytes read vs file size and walk time
// vs a baseline measured in the same run (reading the whole file from disk).
// Run: npx tsx bench/hdf5-corpus.ts [corpus-dir]
import { open as openFile, readFile, readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { ByteSource } from "../src/core/bytes.js";
import { Hdf5File } from "../src/formats/hdf5/index.js";
import { sniff } from "../src/scanner.js";

const root = process.argv[2] ?? fileURLToPath(new URL("../../shared/corpus/realworld/", import.meta.url));

async function fileSource(path: string): Promise<{ src: ByteSource; close: () => Promise<void> }> {
  const fh = await openFile(path, "r");
  const { size } = await fh.stat();
  const src: ByteSource = {
    name: path,
    size,
    async read(offset, length) {
      const buf = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      await fh.read(buf, 0, buf.length, offset);
      return buf;
    },
  };
  return { src, close: () => fh.close() };
}

async function median(fn: () => Promise<void>, runs = 5): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const rows: string[] = [];
let totalRead = 0;
let totalSize = 0;
let totalWalk = 0;
let totalBase = 0;
for (const dir of (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
  for (const e of await readdir(root + dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = `${e.parentPath}/${e.name}`;
    const { src, close } = await fileSource(path);
    const s = await sniff(src);
    if (s.hdf5Offset === undefined) {
      await close();
      continue;
    }
    let bytes = 0;
    let objects = 0;
    const walk = await median(async () => {
      const f = await Hdf5File.open(src, s.hdf5Offset!);
      const w = await f.walk();
      for (const a of w.objects[0]!.attributes) await f.attributeStrings(a);
      bytes = f.bytesRead;
      objects = w.objects.length;
    });
    await close();
    const base = await median(async () => void (await readFile(path)));
    totalRead += bytes;
    totalSize += src.size;
    totalWalk += walk;
    totalBase += base;
    rows.push(`| ${dir} | ${src.size} | ${objects} | ${bytes} | ${((100 * bytes) / src.size).toFixed(1)}% | ${walk.toFixed(1)} | ${base.toFixed(2)} | ${(walk / base).toFixed(1)} |`);
  }
}
console.log("| file | bytes | objects | bytes read | read % | walk ms (median of 5) | whole-file read ms | walk / read |");
console.log("|---|---|---|---|---|---|---|---|");
for (const r of rows) console.log(r);
console.log(`| total (${rows.length} files) | ${totalSize} | | ${totalRead} | ${((100 * totalRead) / totalSize).toFixed(1)}% | ${totalWalk.toFixed(1)} | ${totalBase.toFixed(2)} | ${(totalWalk / totalBase).toFixed(1)} |`);
