// Bundles the browser page into web-dist/ (index.html + app.js). Fails if the core pulls in Node-only modules.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";

mkdirSync("web-dist", { recursive: true });
await build({
  entryPoints: ["src/web/app.ts"],
  bundle: true,
  platform: "browser",
  format: "iife",
  target: "es2022",
  outfile: "web-dist/app.js",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
copyFileSync("src/web/index.html", "web-dist/index.html");
console.log("web-dist/index.html + app.js written");
