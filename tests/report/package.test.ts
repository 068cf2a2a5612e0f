// The published package: `npm pack` (prepack builds dist/ without source maps) in a copy of the
// sources, then the tarball installed into an empty folder, then its bin run on real examples.
// The copy keeps the pack's clean rebuild away from the dist/ other tests are using.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(new URL("../..", import.meta.url).pathname);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function sh(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 1 << 26, env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("npm pack ships only what users need; the tarball installs into an empty folder and its bin scans", { timeout: 300_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), "gw-pack-"));
  const src = join(work, "src-copy");
  for (const p of ["package.json", "README.md", "LICENSE", "bin", "src", "scripts", "docs/rules.md", "tsconfig.json", "tsconfig.build.json"]) cpSync(join(root, p), join(src, p), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(src, "node_modules"), "dir");
  const pack = sh(npm, ["pack", "--json", "--pack-destination", work], src);
  assert.equal(pack.code, 0, pack.err);
  const info = JSON.parse(pack.out.slice(pack.out.indexOf("["))) as { filename: string; files: { path: string }[] }[];
  const files = info[0]!.files.map((f) => f.path);
  for (const need of ["LICENSE", "README.md", "docs/rules.md", "bin/graphwarden.mjs", "dist/cli/main.js", "dist/index.js", "dist/index.d.ts", "dist/catalog/names.json", "package.json"]) assert.ok(files.includes(need), need);
  for (const f of files) {
    assert.ok(!f.endsWith(".map"), `no source maps: ${f}`);
    assert.ok(/^(LICENSE|README\.md|package\.json|docs\/rules\.md|bin\/graphwarden\.mjs|dist\/.*\.(js|d\.ts|json))$/.test(f), `unexpected file in package: ${f}`);
    assert.ok(!f.startsWith("dist/web/") && !f.startsWith("src/"), f);
  }
  assert.match(readFileSync(join(root, "LICENSE"), "utf8"), /Apache License\s+Version 2\.0, January 2004[\s\S]*END OF TERMS AND CONDITIONS/);

  const app = join(work, "app");
  cpSync(join(root, "examples"), join(app, "examples"), { recursive: true });
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "gw-pack-consumer", version: "1.0.0", private: true }));
  const inst = sh(npm, ["install", "--prefer-offline", "--no-save", join(work, info[0]!.filename)], app);
  assert.equal(inst.code, 0, inst.err);
  assert.doesNotMatch(inst.err, /prepare|install script/i, "no install-time script in the package");
  const installed = readdirSync(join(app, "node_modules/graphwarden"));
  assert.ok(!installed.includes("src"));
  const bin = join(app, "node_modules/.bin/graphwarden");
  const scan = sh(bin, ["scan", "examples", "--no-color"], app);
  assert.equal(scan.code, 1, scan.err);
  assert.match(scan.out, /^FAIL: 2 finding\(s\) at medium or above/);
  assert.match(scan.out, /CRITICAL GW201/);
  const one = sh(bin, ["rules", "GW201"], app);
  assert.equal(one.code, 0);
  assert.match(one.out, /^## GW201\n\n\*\*lambda-risky-code\*\*/);
  const list = sh(bin, ["rules"], app).out.trim().split("\n").map((l) => l.split(/\s+/)[0]!);
  assert.deepEqual(list, [...list].sort());
  assert.ok(list.length > 20);
});
