// Runs Python source inside a pyodide CPython (dev dependency, offline) and returns what it prints.
/* global process */
// Used only by fixture generators and conformance tooling: never by the product.
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

export const PYODIDE_VERSIONS = { "3.10": "pyodide-310", "3.11": "pyodide-311", "3.12": "pyodide-312", "3.13": "pyodide-313", "3.14": "pyodide-314" };

/** Loads the pyodide runtime of one CPython minor version. */
export async function loadPython(minor) {
  const pkg = PYODIDE_VERSIONS[minor];
  if (!pkg) throw new Error(`no pyodide for ${minor}`);
  const main = require.resolve(`${pkg}/pyodide.js`);
  const indexURL = dirname(main) + "/";
  // 0.22 and 0.25 only load through the CommonJS entry; later releases through the ES module.
  const mod = minor === "3.10" || minor === "3.11" ? require(main) : await import(`${indexURL}pyodide.mjs`);
  const py = await mod.loadPyodide({ indexURL, stdout: () => {}, stderr: (s) => process.stderr.write(s + "\n") });
  return py;
}

/** Runs `source` with the global `INPUT` set to the given string; returns the global `OUTPUT` (a string). */
export async function runPython(py, source, input = "") {
  py.globals.set("INPUT", input);
  py.runPython(source);
  const out = py.globals.get("OUTPUT");
  return typeof out === "string" ? out : String(out);
}

/** A local CPython of that minor version: $PYTHON3X, a pyenv install, or python3.X on the PATH. */
export function localPython(minor) {
  const env = process.env[`PYTHON${minor.replace(".", "")}`];
  if (env) return env;
  const base = "/root/.pyenv/versions";
  if (existsSync(base)) {
    const hit = readdirSync(base).filter((v) => v.startsWith(minor + ".")).sort().pop();
    if (hit) return join(base, hit, "bin/python");
  }
  return `python${minor}`;
}
