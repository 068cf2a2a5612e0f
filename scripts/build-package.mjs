// prepack: a clean dist/ for the published package: compiled JavaScript and type declarations,
// no source maps (they would point at src/, which is not shipped).
import { rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
rmSync("dist", { recursive: true, force: true });
const tsc = require.resolve("typescript/bin/tsc");
const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--sourceMap", "false", "--declarationMap", "false"], { stdio: "inherit" });
process.exit(r.status ?? 1);
