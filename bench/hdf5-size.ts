// Scan cost of a Keras HDF5 model must track its metadata, not its weights: the same model with
// ~1 MB and ~1 GB of weights (generated on the fly into a temp dir with h5py, not committed)
// is scanned end to end; bytes read and time are compared (the 1 MB file is the baseline).
// Run: npx tsx bench/hdf5-size.ts [path-to-python-with-h5py]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NodeTree } from "../src/cli/node-tree.js";
import { scanTree } from "../src/scanner.js";

const python = process.argv[2] ?? "/root/.cache/graphwarden/venvs/gen/bin/python";
const dir = mkdtempSync(join(tmpdir(), "gw-h5-bench-"));

const GEN = `
import json, sys, h5py, numpy as np
path, mb = sys.argv[1], int(sys.argv[2])
cfg = {"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "Dense", "config": {"name": f"dense_{i}", "units": 256}} for i in range(8)]}}
rows = mb * 1024 * 1024 // (8 * 1024 * 4)
with h5py.File(path, "w") as f:
    f.attrs["model_config"] = json.dumps(cfg).encode()
    f.attrs["keras_version"] = b"2.13.1"
    f.attrs["backend"] = b"tensorflow"
    mw = f.create_group("model_weights")
    mw.attrs["layer_names"] = np.array([f"dense_{i}".encode() for i in range(8)])
    block = np.ones((64, 1024), dtype="float32")
    for i in range(8):
        g = mw.create_group(f"dense_{i}").create_group(f"dense_{i}")
        d = g.create_dataset("kernel:0", shape=(rows, 1024), dtype="float32")
        for r in range(0, rows, 64):
            d[r:r + 64] = block[: min(64, rows - r)]
        g.create_dataset("bias:0", data=np.zeros((1024,), dtype="float32"))
`;

async function measure(path: string): Promise<{ ms: number; bytes: number; reads: number; size: number; status: string }> {
  let best = Infinity;
  let bytes = 0;
  let reads = 0;
  let status = "";
  for (let i = 0; i < 5; i++) {
    const tree = new NodeTree(dir);
    const t0 = performance.now();
    const r = await scanTree(tree, path.slice(dir.length + 1), path, { hash: false });
    best = Math.min(best, performance.now() - t0);
    bytes = tree.meter.bytesRead;
    reads = tree.meter.reads;
    status = `${r.targets[0]?.format}/${r.targets[0]?.status}, ${r.findings.length} findings`;
    await tree.close();
  }
  return { ms: best, bytes, reads, size: statSync(path).size, status };
}

try {
  const results: [string, Awaited<ReturnType<typeof measure>>][] = [];
  for (const mb of [1, 1024]) {
    const p = join(dir, `model_${mb}mb.h5`);
    const g = spawnSync(python, ["-c", GEN, p, String(mb)], { stdio: "inherit" });
    if (g.status !== 0) throw new Error("generator failed (needs h5py)");
    results.push([`${mb} MB weights`, await measure(p)]);
  }
  const base = results[0]![1];
  console.log("| model | file bytes | bytes read | reads | scan ms (best of 5) | time vs 1 MB | result |");
  console.log("|---|---|---|---|---|---|---|");
  for (const [name, m] of results) {
    console.log(`| ${name} | ${m.size} | ${m.bytes} | ${m.reads} | ${m.ms.toFixed(1)} | ${(m.ms / base.ms).toFixed(2)}x | ${m.status} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
