// Pickle fixtures through the real scan path: verdicts, evidence, benign twins quiet, the
// TorchModuleWrapper payload path (base64 torch.save scanned as a member), hostile pickles.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { scanBytes } from "../../src/scanner.js";
import { exitCode } from "../../src/report/summary.js";
import { severityRank } from "../../src/core/types.js";

const FIX = fileURLToPath(new URL("../../fixtures/containers/", import.meta.url));
const fixture = (n: string) => new Uint8Array(readFileSync(FIX + n));
const scan = (n: string) => scanBytes(n, fixture(n), { hash: false });
const above = (r: Awaited<ReturnType<typeof scan>>, s: "low" | "medium") => r.findings.filter((f) => severityRank(f.severity) > severityRank(s));

for (let p = 0; p <= 5; p++) {
  test(`pickle-p${p}-os-system.pkl: recognised by content, GW401 critical with the canary command`, async () => {
    const r = await scan(`pickle-p${p}-os-system.pkl`);
    assert.equal(r.targets[0]?.format, "pickle");
    assert.deepEqual(r.errors, []);
    assert.equal(r.findings.length, 1);
    const f = r.findings[0]!;
    assert.deepEqual([f.rule, f.severity, f.trigger, f.evidence], ["GW401", "critical", "load", 'os.system("touch $TMPDIR/gw-canary")']);
    assert.deepEqual(f.capabilities, ["exec"]);
    assert.equal(f.affectedVersions, undefined);
    assert.equal(exitCode(r, "medium"), 1);
  });
}

test("a pickle named model.h5 reducing to posix.system: GW403 high + GW401 critical", async () => {
  const r = await scan("pickle-posix-system.h5");
  assert.deepEqual(r.findings.map((f) => [f.rule, f.severity]).sort(), [["GW401", "critical"], ["GW403", "high"]]);
});

test("a pickle named model.h5 with only benign globals is still GW403 high, nothing else", async () => {
  const r = await scan("pickle-benign.h5");
  assert.deepEqual(r.findings.map((f) => [f.rule, f.severity]), [["GW403", "high"]]);
  assert.match(r.findings[0]!.evidence ?? "", /collections\.OrderedDict/);
});

test("benign twin: the same pickle named .pkl (OrderedDict + numpy reconstruct) is quiet", async () => {
  const r = await scan("pickle-benign.pkl");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(above(r, "low"), []);
});

test("attribute traversal through an allowlisted package (numpy...utils + 'os.system') is caught", async () => {
  const r = await scan("pickle-traversal-global.pkl");
  assert.equal(r.findings[0]?.rule, "GW401");
  assert.equal(r.findings[0]?.severity, "critical");
});

test("an unknown global is GW402 medium; a dynamic STACK_GLOBAL is GW402 unverifiable", async () => {
  const b = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  const r = await scanBytes("x.pkl", b("\x80\x02cmypkg.hooks\nsetup\n)R."), { hash: false });
  assert.deepEqual(r.findings.map((f) => [f.rule, f.severity]), [["GW402", "medium"]]);
  const d = await scanBytes("y.pkl", b("\x80\x04\x8c\x08builtins\x8c\x03str\x93\x8c\x02os\x85R\x8c\x06system\x93)R."), { hash: false });
  assert.ok(d.findings.some((f) => f.rule === "GW402" && f.capabilities.includes("unverifiable") && /not constant/.test(f.message)));
});

test("functools.partial is judged by what it is fed", async () => {
  const b = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  const benign = await scanBytes("p.pkl", b("\x80\x02cfunctools\npartial\nccollections\nOrderedDict\n\x85R."), { hash: false });
  assert.deepEqual(above(benign, "low"), []);
  const bad = await scanBytes("q.pkl", b("\x80\x02cfunctools\npartial\ncos\nsystem\n\x85R."), { hash: false });
  assert.ok(bad.findings.some((f) => f.rule === "GW401" && /functools\.partial/.test(f.message)));
});

test("TorchModuleWrapper: the base64 torch.save in a Keras config is scanned as a member (zip and data.pkl walked)", async () => {
  const b64 = Buffer.from(fixture("torch-exec.pt")).toString("base64");
  const cfg = { class_name: "Sequential", config: { name: "s", layers: [{ module: "keras.layers", class_name: "TorchModuleWrapper", config: { name: "t", module: b64 }, registered_name: "TorchModuleWrapper" }] } };
  const r = await scanBytes("torch.json", new TextEncoder().encode(JSON.stringify(cfg)), { hash: false });
  const g = r.findings.find((f) => f.rule === "GW401");
  assert.ok(g, JSON.stringify(r.findings.map((f) => f.rule)));
  assert.match(g.location.member ?? "", /\(base64 torch\.save\)!archive\/data\.pkl$/);
  assert.equal(g.evidence, `builtins.exec("__import__('os').system('touch $TMPDIR/gw-canary')")`);
  assert.deepEqual(r.findings.filter((f) => f.rule === "GW403"), []);
  const benign = Buffer.from(fixture("torch-benign.pt")).toString("base64");
  cfg.config.layers[0]!.config.module = benign;
  const q = await scanBytes("torch.json", new TextEncoder().encode(JSON.stringify(cfg)), { hash: false });
  assert.deepEqual(q.findings.filter((f) => f.rule.startsWith("GW4")), []);
});

test("hostile: a truncated pickle is an error (exit 2) but what ran before the cut is still reported", async () => {
  const full = fixture("pickle-p2-os-system.pkl");
  const cut = new Uint8Array([...full.subarray(0, full.length - 1), 0x28, 0x58, 0xff]);
  const r = await scanBytes("cut.pkl", cut, { hash: false });
  assert.equal(r.targets[0]?.status, "error");
  assert.ok(r.findings.some((f) => f.rule === "GW401"));
  assert.match(r.errors[0]?.message ?? "", /could not be fully walked: pickle truncated/);
  assert.equal(exitCode(r, "critical"), 2);
});

test("hostile: a pickle opcode bomb (2M MARKs) is a limit error, not a hang or a crash", async () => {
  const bomb = new Uint8Array(2_000_003).fill(0x28);
  bomb.set([0x80, 0x02]);
  const r = await scanBytes("bomb.pkl", bomb, { hash: false });
  assert.equal(r.targets[0]?.format, "pickle");
  assert.equal(r.targets[0]?.status, "error");
  assert.match(r.errors[0]?.message ?? "", /stack deeper than/);
});
