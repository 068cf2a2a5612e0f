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
}

export function redTeamRound(cases: Record<string, RedTeamExpect>): void {
  for (const [name, e] of Object.entries(cases)) {
    test(`${name}: ${e.rule} ${e.severity} at ${e.trigger}`, async () => {
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
