// Shared driver for the attack rounds' TensorFlow fixtures (tests/tf/red*.test.ts): each malicious
// fixture must be reported at high or above with the trigger TensorFlow runs it at and the expected
// evidence; each benign twin must stay quiet (nothing above low).
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, loud, scanFixture } from "./helpers.js";

export interface RedTeamExpect {
  rule: string;
  severity: "high" | "critical";
  trigger: string;
  evidence: RegExp;
  twin: string;
  /** Set while the scanner misses the case (the malicious test is then a todo: it runs, and may fail). */
  todo?: string;
}

export function redTeamRound(cases: Record<string, RedTeamExpect>): void {
  for (const [name, e] of Object.entries(cases)) {
    test(`${name}: ${e.rule} ${e.severity} at ${e.trigger}`, { todo: e.todo }, async () => {
      const r = await scanFixture(name);
      assert.deepEqual(r.errors, []);
      const hits = atLeast(r, e.severity).filter((f) => f.rule === e.rule && f.trigger === e.trigger && e.evidence.test(f.evidence ?? ""));
      assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
    });
    test(`${e.twin}: benign twin of ${name} stays quiet`, async () => {
      const r = await scanFixture(e.twin);
      assert.deepEqual(r.errors, []);
      assert.deepEqual(loud(r), [], e.twin);
    });
  }
}

type Scan = Awaited<ReturnType<typeof scanFixture>>;
/** The findings whose evidence or message names an op. */
export const about = (r: Scan, op: RegExp) => r.findings.filter((f) => op.test(`${f.evidence ?? ""} ${f.message}`));

/**
 * A read-and-write case of the rounds from 27 on: the payload's credential read is high and its start-up file write
 * critical; its twin (the same ops on ordinary files) is reported only as file reads and writes (GW502/GW503), never
 * as a secrets or persistence location. Where the scanner cannot see the twin's paths any more than the payload's,
 * it reports both as a location the model hides (fail closed); `twinBelowCritical` also requires that it does not.
 */
export function readWriteCase(name: string, opts: { twinBelowCritical?: boolean } = {}): void {
  test(`${name}: the credential read is high and the start-up file write critical`, async () => {
    const r = await scanFixture(name);
    assert.deepEqual(r.errors, []);
    assert.ok(about(r, /ReadFile/).some((f) => f.severity === "high" || f.severity === "critical"), JSON.stringify(r.findings, null, 1));
    assert.ok(about(r, /WriteFile/).some((f) => f.severity === "critical"), JSON.stringify(r.findings, null, 1));
  });
  test(`${name}_benign: only file reads and writes, no secrets or persistence location named`, async () => {
    const r = await scanFixture(`${name}_benign`);
    assert.deepEqual(r.errors, []);
    const loudOnes = atLeast(r, "medium");
    assert.ok(loudOnes.length >= 2 && loudOnes.every((f) => /GW50[23]/.test(f.rule) && !/secrets location|persistence location/.test(f.message) && (!opts.twinBelowCritical || f.severity !== "critical")), JSON.stringify(loudOnes, null, 1));
  });
}
