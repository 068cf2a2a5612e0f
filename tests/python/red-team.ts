// Shared driver for the attack rounds' Lambda/Keras fixtures (tests/python/red*.test.ts): each
// malicious file must get a finding at high or critical, each benign twin nothing above low. A round
// whose classes the scanner does not handle yet passes `todo: true`: its malicious cases run as
// node:test todo tests (reported, not failing) until the class is fixed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { MemorySource, MemoryTree, scanBytes, scanTree } from "../../src/index.js";
import { severityRank } from "../../src/core/types.js";

/** A fixture of fixtures/lambda/models scanned: its findings' rules and severities. */
export async function findings(file: string): Promise<{ rule: string; severity: string }[]> {
  const data = readFileSync(new URL(`../../fixtures/lambda/models/${file}`, import.meta.url));
  const r = await scanBytes(file, new Uint8Array(data));
  return r.findings.map((f) => ({ rule: f.rule, severity: f.severity }));
}

/** Whether some finding is at `min` or above. */
export const atLeast = (fs: { severity: string }[], min: string): boolean => fs.some((f) => severityRank(f.severity as never) >= severityRank(min as never));

export function redTeamRound(round: string, malicious: [file: string, cls: string][], benign: string[], opts: { todo?: boolean } = {}): void {
  for (const [file, cls] of malicious) {
    test(`${file}: high or critical (${cls})`, opts.todo ? { todo: `red-team round ${round}: ${cls}` } : {}, async () => {
      const fs = await findings(file);
      assert.ok(atLeast(fs, "high"), JSON.stringify(fs));
    });
  }
  if (benign.length === 0) return;
  test(`red-team round ${round} benign twins stay at low or below`, async () => {
    for (const f of benign) {
      const fs = await findings(f);
      assert.ok(!atLeast(fs, "medium"), `${f}: ${JSON.stringify(fs)}`);
    }
  });
}

/** Scans a SavedModel folder of fixtures/lambda/models (asserting it is read as a SavedModel): its findings. */
export async function scanFolder(dir: string): Promise<{ rule: string; severity: string }[]> {
  const root = new URL(`../../fixtures/lambda/models/${dir}/`, import.meta.url);
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root.pathname, join(e.parentPath, e.name)));
  const tree = new MemoryTree(files.map((f) => [`${dir}/${f}`, new MemorySource(f, new Uint8Array(readFileSync(new URL(f, root))))]));
  const r = await scanTree(tree, dir, dir, { hash: false });
  assert.ok(r.targets.some((t) => t.format === "savedmodel"), JSON.stringify(r.targets.map((t) => t.format)));
  return r.findings.map((f) => ({ rule: f.rule, severity: f.severity }));
}
