// Symbolic links, hard links and special files, walked as the loaders see them (real files in a temp dir).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const main = new URL("../../src/cli/main.ts", import.meta.url).pathname;
const examples = resolve(new URL("../../examples", import.meta.url).pathname);
const evil = join(examples, "malicious-lambda.keras");
const benign = join(examples, "benign-classifier.keras");

interface Rep {
  targets: { path: string; status: string; format: string; details?: Record<string, unknown>; aliases?: string[] }[];
  findings: { rule: string; severity: string; location: { path: string } }[];
  errors: { path: string; message: string }[];
}

function run(...args: string[]): { code: number | null; rep: Rep; err: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", main, "scan", "-f", "json", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  let rep: Rep = { targets: [], findings: [], errors: [] };
  try {
    rep = JSON.parse(r.stdout) as Rep;
  } catch {
    assert.fail(`no JSON report (exit ${r.status}): ${r.stderr}`);
  }
  return { code: r.status, rep, err: r.stderr };
}

const target = (rep: Rep, path: string) => rep.targets.find((t) => t.path === path);
const critical = (rep: Rep, path: string) => rep.findings.some((f) => f.severity === "critical" && f.location.path === path);

test("a symlink to a malicious model outside the folder is followed, judged malicious and reported under the link's path", () => {
  const d = join(mkdtempSync(join(tmpdir(), "gw-links-")), "d");
  mkdirSync(d);
  copyFileSync(benign, join(d, "benign-classifier.keras"));
  symlinkSync(evil, join(d, "model.keras"));
  const r = run(d);
  assert.equal(r.code, 1, JSON.stringify(r.rep.targets));
  const t = target(r.rep, join(d, "model.keras"));
  assert.equal(t?.status, "scanned");
  assert.equal(t?.format, "keras-v3");
  assert.equal(t?.details?.["link_target"], evil);
  assert.ok(critical(r.rep, join(d, "model.keras")));
  // The benign twin next to it stays quiet.
  assert.ok(!r.rep.findings.some((f) => f.location.path === join(d, "benign-classifier.keras") && f.severity !== "info"));
  // Named directly, the link is scanned too.
  const direct = run(join(d, "model.keras"));
  assert.equal(direct.code, 1);
  assert.ok(critical(direct.rep, join(d, "model.keras")));
});

test("a directory link is walked; a link back to an ancestor is a reported loop, not an endless walk", () => {
  const base = mkdtempSync(join(tmpdir(), "gw-links-"));
  const outside = join(base, "outside");
  mkdirSync(outside);
  copyFileSync(evil, join(outside, "m.keras"));
  const d = join(base, "d");
  mkdirSync(join(d, "sub"), { recursive: true });
  symlinkSync(outside, join(d, "linked"));
  symlinkSync("..", join(d, "sub", "up"));
  const r = run(d);
  assert.equal(r.code, 1);
  assert.ok(critical(r.rep, join(d, "linked", "m.keras")));
  assert.equal(target(r.rep, join(d, "linked", "m.keras"))?.details?.["link_target"], join(outside, "m.keras"));
  const loop = target(r.rep, join(d, "sub", "up"));
  assert.equal(loop?.status, "unsupported");
  assert.match(String(loop?.details?.["reason"]), /loops back/);
});

test("each real file is scanned once per run; every other path reaching it is listed", () => {
  const d = mkdtempSync(join(tmpdir(), "gw-links-"));
  copyFileSync(evil, join(d, "a.keras"));
  symlinkSync(join(d, "a.keras"), join(d, "b.keras"));
  linkSync(join(d, "a.keras"), join(d, "c.keras"));
  const r = run(d, join(d, "b.keras"));
  const scanned = r.rep.targets.filter((t) => t.status === "scanned");
  assert.equal(scanned.length, 1, JSON.stringify(r.rep.targets));
  assert.equal(scanned[0]?.path, join(d, "a.keras"));
  assert.deepEqual(scanned[0]?.aliases, [join(d, "b.keras"), join(d, "c.keras")]);
  assert.equal(r.rep.targets.length, 1);
  assert.equal(r.rep.findings.filter((f) => f.severity === "critical").length, 1);
});

test("FIFOs, dangling links and link loops are listed with a reason, never opened; a FIFO named explicitly exits 2, one under a model's name is GW306", () => {
  const d = mkdtempSync(join(tmpdir(), "gw-links-"));
  const fifo = join(d, "pipe.keras");
  const mk = spawnSync("mkfifo", [fifo]);
  if (mk.status !== 0) return;
  copyFileSync(benign, join(d, "ok.keras"));
  symlinkSync(join(d, "nowhere"), join(d, "dangling.keras"));
  symlinkSync("l2", join(d, "l1"));
  symlinkSync("l1", join(d, "l2"));
  const r = run(d);
  // (a FIFO under a name a loader opens is GW306 medium and its bytes were never read: incomplete, exit 2;
  // tests/cli/audit10.test.ts, audit10d.test.ts)
  assert.equal(r.code, 2, JSON.stringify(r.rep));
  assert.ok(r.rep.findings.some((x) => x.rule === "GW306" && x.location.path === fifo));
  const f = target(r.rep, fifo);
  assert.equal(f?.status, "unsupported");
  assert.equal(f?.format, "fifo");
  assert.match(String(f?.details?.["reason"]), /never opened/);
  assert.match(String(target(r.rep, join(d, "dangling.keras"))?.details?.["reason"]), /dangling/);
  assert.match(String(target(r.rep, join(d, "l1"))?.details?.["reason"]), /loop/);
  const named = run(fifo);
  assert.equal(named.code, 2);
  assert.equal(named.rep.targets[0]?.status, "unsupported");
});

test("a file whose name is not valid UTF-8 is scanned (shown with \\xHH), and the rest of the folder too", () => {
  const d = mkdtempSync(join(tmpdir(), "gw-links-"));
  const raw = Buffer.concat([Buffer.from(d + "/bad"), Buffer.from([0xff]), Buffer.from(".keras")]);
  copyFileSync(evil, raw);
  writeFileSync(join(d, "z.json"), JSON.stringify({ class_name: "Sequential", config: { layers: [] } }));
  const r = run(d);
  assert.equal(r.code, 1, JSON.stringify(r.rep));
  assert.ok(critical(r.rep, join(d, "bad\\xff.keras")));
  assert.equal(target(r.rep, join(d, "z.json"))?.status, "scanned");
});
