// Runs graphwarden's Keras loader model (dist/keras/loader.js) on a batch of config objects for
// tests/oracle/resolver_diff.py. stdin: {"loaders": [[family, version], ...], "configs": [...]};
// stdout: {"family version": [outcome per config]}. Build first (npm run build).
import { readFileSync } from "node:fs";
import { modelFor, resolveWithLoader } from "../../dist/keras/loader.js";

const input = JSON.parse(readFileSync(0, "utf8"));
const out = {};
for (const [family, version] of input.loaders) {
  const m = modelFor(family, version);
  out[`${family} ${version}`] = input.configs.map((c) => resolveWithLoader(m, c));
}
process.stdout.write(JSON.stringify(out));
