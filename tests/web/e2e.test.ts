// The browser page in a real headless Chromium: choose files, the scan runs in the page, the report
// shows the verdict, and the page makes no network request. Needs /usr/bin/chromium (.ci/run
// installs Debian's chromium); skipped with a message where it is absent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdtempSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CHROMIUM = process.env["CHROMIUM"] ?? "/usr/bin/chromium";
const root = fileURLToPath(new URL("../../", import.meta.url));

test("the web page scans chosen files locally and shows the report", { skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}`, timeout: 120_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), "gw-web-"));
  await build({ entryPoints: [join(root, "src/web/app.ts")], bundle: true, platform: "browser", format: "iife", outfile: join(out, "app.js"), logLevel: "silent" });
  copyFileSync(join(root, "src/web/index.html"), join(out, "index.html"));
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`file://${join(out, "index.html")}`);
    await page.setInputFiles("#file", [join(root, "examples/malicious-module-swap.keras"), join(root, "examples/benign-classifier.keras")]);
    await page.waitForFunction(() => document.getElementById("status")?.textContent?.startsWith("Done") === true, null, { timeout: 60_000 });
    const frame = page.frames().find((f) => f !== page.mainFrame());
    assert.ok(frame, "report frame");
    const body = (await frame.textContent("body")) ?? "";
    assert.match(body, /GW101/);
    assert.match(body, /os\.system/);
    assert.match(body, /2 target\(s\): 1 critical/);
    assert.deepEqual(requests.filter((u) => !/^(file|data|about):/.test(u)), [], "the page must not reach the network");
  } finally {
    await browser.close();
  }
});
