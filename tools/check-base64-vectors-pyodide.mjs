// Replays tests/python/vectors/base64-funcload.json (tools/gen-base64-vectors.py, local CPython
// 3.9-3.13) through func_load's decoding expression in the pyodide CPythons (dev dependencies,
// offline): each must give the recorded result for every vector. Run: node tools/check-base64-vectors-pyodide.mjs
/* global process, console, URL */
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadPython, runPython } from "./pyodide-run.mjs";

const VECTORS = fileURLToPath(new URL("../tests/python/vectors/base64-funcload.json", import.meta.url));
const SOURCE = `
import binascii, codecs, json, sys
out = []
for v in json.loads(INPUT):
    s = v["s"]
    r = {}
    try:
        b = s.encode("ascii")
    except UnicodeEncodeError:
        r["ascii"] = False
        b = None
    if b is not None:
        try:
            r["b64"] = codecs.decode(b, "base64").hex()
        except binascii.Error:
            r["b64"] = None
    if r.get("b64") is None:
        r["raw"] = s.encode("raw_unicode_escape").hex()
    want = {k: v[k] for k in v if k != "s"}
    if r != want:
        out.append([s, r, want])
OUTPUT = json.dumps({"version": sys.version.split()[0], "mismatches": out[:20], "count": len(out)})
`;

const minor = process.argv[2];
if (minor) {
  // one runtime per process (two pyodide runtimes in one process collide)
  const py = await loadPython(minor);
  const vectors = JSON.parse(readFileSync(VECTORS, "utf8")).vectors;
  process.stdout.write(await runPython(py, SOURCE, JSON.stringify(vectors)));
} else {
  let bad = 0;
  for (const m of ["3.10", "3.11", "3.12", "3.13", "3.14"]) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), m], { encoding: "utf8" });
    if (r.status !== 0) {
      console.log(`pyodide ${m}: failed to run: ${r.stderr.slice(-300)}`);
      bad++;
      continue;
    }
    const o = JSON.parse(r.stdout);
    console.log(`pyodide ${m} (CPython ${o.version}): ${o.count} mismatches`);
    if (o.count) {
      bad++;
      console.log(JSON.stringify(o.mismatches.slice(0, 5)));
    }
  }
  process.exit(bad ? 1 : 0);
}
