#!/usr/bin/env node
// Entry point of the `graphwarden` command. An installed package runs the compiled dist/ (built by
// `npm pack` through prepack). A source checkout without a build (a fresh clone after `npm ci`)
// runs src/ through tsx, a devDependency, so the first command needs no compile step.
import { existsSync } from "node:fs";
import process from "node:process";
import { URL } from "node:url";

const dist = new URL("../dist/cli/main.js", import.meta.url);
if (existsSync(dist)) {
  await import(dist.href);
} else {
  let register;
  try {
    ({ register } = await import("tsx/esm/api"));
  } catch {
    process.stderr.write("graphwarden: dist/ is missing and tsx is not installed; run `npm ci && npm run build`\n");
    process.exit(2);
  }
  register();
  await import(new URL("../src/cli/main.ts", import.meta.url).href);
}
