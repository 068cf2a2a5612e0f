// The browser page in a real headless Chromium: choose files, the scan runs in the page, the report
// shows the verdict outside the report frame, a second scan resets the page, nothing overflows
// at 390 px or 1280 px (screenshots kept in the temp folder), and the page makes no network request. Needs /usr/bin/chromium (.ci/run
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
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`file://${join(out, "index.html")}`);
    const done = () => page.waitForFunction(() => document.getElementById("status")?.textContent?.includes("done in") === true, null, { timeout: 60_000 });
    await page.setInputFiles("#file", [join(root, "examples/malicious-module-swap.keras"), join(root, "examples/benign-classifier.keras")]);
    await done();
    // The verdict is on the page itself, outside the report frame.
    assert.match((await page.textContent("#verdict")) ?? "", /^FAIL: 1 finding\(s\) at medium or above \(--fail-on medium\) — 1 critical/);
    assert.match((await page.textContent("#status")) ?? "", /^2 file\(s\), 2 target\(s\)/);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    assert.ok(frame, "report frame");
    const body = (await frame.textContent("body")) ?? "";
    assert.match(body, /GW101/);
    assert.match(body, /os\.system/);
    assert.match(body, /^\s*FAIL: 1 finding/);
    // At phone and desktop widths nothing overflows sideways (page and report frame).
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      await page.screenshot({ path: join(out, `page-${width}.png`), fullPage: true });
      const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(over <= 0, `page overflows by ${over}px at ${width}px`);
      const f = page.frames().find((x) => x !== page.mainFrame())!;
      const fOver = await f.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(fOver <= 0, `report overflows by ${fOver}px at ${width}px`);
    }
    // A second scan resets everything: the verdict, the counts and the report follow the new files.
    await page.setInputFiles("#file", [join(root, "examples/benign-classifier.keras")]);
    await done();
    assert.match((await page.textContent("#verdict")) ?? "", /^PASS: nothing at medium or above/);
    assert.match((await page.textContent("#status")) ?? "", /^1 file\(s\), 1 target\(s\)/);
    const frame2 = page.frames().find((f) => f !== page.mainFrame())!;
    assert.doesNotMatch((await frame2.textContent("body")) ?? "", /GW101/);
    assert.deepEqual(requests.filter((u) => !/^(file|data|about):/.test(u)), [], "the page must not reach the network");
  } finally {
    await browser.close();
  }
});
