// Amplification: findings per target and per nested archive are capped with a closing GW003
// "N more" finding that keeps the highest severity it stands for, and once the target's inflate
// budget is spent the archive's scan ends with one GW001. A 42.zip-style archive (generated here,
// hand-built: 16 copies per level of 1 MiB of zeros, under the ratio floor) gives a small report.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildZip } from "../../scripts/fuzz-lib.js";
import { scanBytes } from "../../src/scanner.js";
import { exitCode } from "../../src/report/summary.js";
import { renderText } from "../../src/report/text.js";
import { renderJson } from "../../src/report/json.js";

function nestedZip(levels: number, fanout: number, leaf: Uint8Array): Uint8Array {
  let z = buildZip([["w.bin", leaf]], true);
  for (let level = 1; level <= levels; level++) z = buildZip(Array.from({ length: fanout }, (_, i) => [`l${level}-${i}.zip`, z] as const), true);
  return z;
}

test("42.zip-style nesting: bounded findings, a small report, and the scan ends when the inflate budget is spent", { timeout: 300_000 }, async () => {
  const z = nestedZip(3, 16, new Uint8Array(1024 * 1024)); // 4096 leaves, 4 GiB inflated in all
  assert.ok(z.length < 64 * 1024, `${z.length} bytes`);
  const limits = { maxInflateTotal: 64 * 1024 * 1024, maxFindingsPerTarget: 300, maxFindingsPerArchive: 40 };
  const r = await scanBytes("42.zip", z, { hash: false, limits });
  assert.equal(r.targets[0]?.status, "error");
  assert.equal(exitCode(r, "low"), 2);
  const spent = r.findings.filter((f) => f.rule === "GW001" && /inflate budget of 67108864 bytes for this target is spent/.test(f.message));
  assert.ok(spent.length >= 1 && spent.length <= 4, `${spent.length} budget errors`);
  // Nothing past the budget: far fewer leaves than 4096 were looked at.
  assert.ok(r.findings.length <= limits.maxFindingsPerTarget + 10, `${r.findings.length} findings`);
  const text = renderText(r, { color: false, minSeverity: "info", verbose: true, quiet: false });
  assert.ok(text.length < 200_000 && renderJson(r).length < 400_000, `text ${text.length}, json ${renderJson(r).length}`);
});

test("the finding caps: GW003 counts what is not listed, per archive and per target, and keeps the top severity", async () => {
  // 30 members, each a pickle calling os.system (critical), inside one nested zip.
  const evil = new Uint8Array([0x80, 0x02, 0x63, ...new TextEncoder().encode("os\nsystem\n"), 0x71, 0x00, 0x58, 0x02, 0, 0, 0, 0x69, 0x64, 0x85, 0x52, 0x2e]);
  const inner = buildZip(Array.from({ length: 30 }, (_, i) => [`p${i}.pkl`, evil] as const), false);
  const outer = buildZip([["inner.zip", inner], ["readme.txt", new TextEncoder().encode("hello")]], false);
  const all = await scanBytes("x.zip", outer, { hash: false });
  const critical = all.findings.filter((f) => f.severity === "critical").length;
  assert.ok(critical >= 30, `${critical} critical findings uncapped`);
  const r = await scanBytes("x.zip", outer, { hash: false, limits: { maxFindingsPerArchive: 10, maxFindingsPerTarget: 1000 } });
  const capped = r.findings.filter((f) => f.rule === "GW003");
  assert.equal(capped.length, 1);
  assert.equal(capped[0]!.location.member, "inner.zip");
  assert.equal(capped[0]!.severity, "critical");
  assert.equal(r.findings.filter((f) => f.location.member?.startsWith("inner.zip!")).length, 10);
  assert.match(capped[0]!.message, new RegExp(`^${all.findings.filter((f) => f.location.member?.startsWith("inner.zip!")).length - 10} more findings in this archive not listed \\(\\d+ critical`));
  assert.equal(exitCode(r, "critical"), exitCode(all, "critical"));
  const t = await scanBytes("x.zip", outer, { hash: false, limits: { maxFindingsPerArchive: 1000, maxFindingsPerTarget: 5 } });
  assert.equal(t.findings.filter((f) => f.rule !== "GW003").length, 5);
  const tc = t.findings.filter((f) => f.rule === "GW003");
  assert.equal(tc.length, 1);
  assert.equal(tc[0]!.location.member, undefined);
  assert.equal(tc[0]!.severity, "critical");
});
