#!/usr/bin/env node
// Entry point of the `graphwarden` command. An installed package runs the compiled dist/ (built by
// `npm pack` through prepack). A source checkout without a build (a fresh clone after `npm ci`)
// bundles src/ once with esbuild (a devDependency, about half a second) into
// node_modules/.cache/graphwarden/<stamp>/, keyed by the sources' names, sizes and times, and runs
// that; an edited source makes a new bundle. Without esbuild it falls back to tsx.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import process from "node:process";
import { URL, fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist", "cli", "main.js");

function stampOf(dir) {
  const h = createHash("sha256");
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        h.update(`${p}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  walk(dir);
  const pkg = statSync(join(root, "package.json"));
  h.update(`package.json\0${pkg.size}\0${pkg.mtimeMs}`);
  return h.digest("hex").slice(0, 16);
}

async function bundled() {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    return undefined;
  }
  const cache = join(root, "node_modules", ".cache", "graphwarden");
  const out = join(cache, stampOf(join(root, "src")));
  const main = join(out, "main.js");
  if (existsSync(main)) return main;
  const tmp = `${out}.tmp-${process.pid}`;
  await esbuild.build({
    entryPoints: [join(root, "src", "cli", "main.ts"), join(root, "src", "cli", "worker.ts")],
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outdir: tmp,
    logLevel: "warning",
  });
  // Older bundles of this checkout are dropped; a concurrent first run may have won the race.
  if (existsSync(cache)) for (const e of readdirSync(cache)) if (!e.includes(".tmp-")) rmSync(join(cache, e), { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  try {
    renameSync(tmp, out);
  } catch {
    rmSync(tmp, { recursive: true, force: true });
  }
  return main;
}

if (existsSync(dist)) {
  await import(pathToFileURL(dist).href);
} else {
  const main = await bundled();
  if (main) {
    await import(pathToFileURL(main).href);
  } else {
    let register;
    try {
      ({ register } = await import("tsx/esm/api"));
    } catch {
      process.stderr.write("graphwarden: dist/ is missing and neither esbuild nor tsx is installed; run `npm ci && npm run build`\n");
      process.exit(2);
    }
    register();
    await import(new URL("../src/cli/main.ts", import.meta.url).href);
  }
}
