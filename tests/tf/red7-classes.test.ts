// Round 7 (tools/fixtures/tf_red7/FINDINGS.md), class variants beyond the fixtures: the path a file op
// opens is judged as TensorFlow opens it (io::CleanPath, file:// stripped, /proc aliases), Substr folds
// with the kernel's semantics, and call ops bind their callee's arguments only where the layout is known.
import { test } from "node:test";
import assert from "node:assert/strict";
import { judgeNodeDef, openedPathForms } from "../../src/tf/judge-impl.js";
import { cleanPath } from "../../src/core/fs.js";
import type { TfNodeDef } from "../../src/tf/types.js";
import type { JudgeContext } from "../../src/tf/judge.js";

test("io::CleanPath: repeated slashes, '.', '..' and trailing slashes as TensorFlow cleans them", () => {
  const cases: [string, string][] = [
    ["/etc/./passwd", "/etc/passwd"], ["/etc//passwd", "/etc/passwd"], ["/a/b/../../etc/passwd", "/etc/passwd"], ["/../etc/passwd", "/etc/passwd"],
    ["a/./b/", "a/b"], ["../a", "../a"], ["a/../..", ".."], ["", ""], ["/", "/"], [".", "."],
  ];
  for (const [i, o] of cases) assert.equal(cleanPath(i), o, i);
});

test("opened path forms: file:// dropped, cleaned, /proc aliases of the process folded to /proc/self", () => {
  assert.ok(openedPathForms("file:///etc/./passwd").includes("/etc/passwd"));
  assert.ok(openedPathForms("/proc/thread-self/environ").includes("/proc/self/environ"));
  assert.ok(openedPathForms("/proc/1/environ").includes("/proc/self/environ"));
  assert.ok(openedPathForms("/proc/self/task/12/environ").includes("/proc/self/environ"));
});

function node(op: string, inputs: string[] = [], attr: TfNodeDef["attr"] = new Map()): TfNodeDef {
  return { name: "n", op, input: inputs, device: "", attr };
}

test("a read of a secret spelled any way TensorFlow accepts is high; a persistence write any way is critical", () => {
  const ctx = (v: string): JudgeContext => ({ traceStrings: () => ({ strings: [v], opaque: [] }) });
  for (const p of ["/etc/./passwd", "/etc//passwd", "file:///etc/../etc/shadow", "/home/u/.kube//config", "/proc/thread-self/environ", "/var/run/secrets/kubernetes.io/serviceaccount/token"]) {
    const j = judgeNodeDef(node("ReadFile", ["path"]), ctx(p));
    assert.equal(j[0]?.severity, "high", p);
  }
  for (const p of ["/repo/.git/./hooks/post-checkout", "/var/spool//cron/root", "/usr/lib/python3/site-packages/x/../evil.pth"]) {
    const j = judgeNodeDef(node("WriteFile", ["path", "contents"]), ctx(p));
    assert.equal(j[0]?.severity, "critical", p);
  }
  // a plain path stays at the op's own level
  assert.equal(judgeNodeDef(node("ReadFile", ["path"]), ctx("/data/./vocab.txt"))[0]?.severity, "medium");
});

test("ops that end or stall the process are reported (GW513 kind availability), ParseTensor only for resource handles", () => {
  assert.equal(judgeNodeDef(node("Abort"))[0]?.kind, "availability");
  assert.equal(judgeNodeDef(node("SleepDataset", ["ds", "us"]))[0]?.kind, "availability");
  assert.equal(judgeNodeDef(node("ParseTensor", ["s"], new Map([["out_type", { type: 20 }]]) as never))[0]?.kind, "availability");
  assert.deepEqual(judgeNodeDef(node("ParseTensor", ["s"], new Map([["out_type", { type: 1 }]]) as never)), []);
});

test("round 8: a path is judged up to its first NUL (the C file APIs stop there)", () => {
  const ctx = (v: string): JudgeContext => ({ traceStrings: () => ({ strings: [v], opaque: [] }) });
  assert.equal(judgeNodeDef(node("ReadFile", ["path"]), ctx("/app/.env\u0000.txt"))[0]?.severity, "high");
  assert.equal(judgeNodeDef(node("WriteFile", ["path", "c"]), ctx("/usr/lib/python3/site-packages/evil.pth\u0000.txt"))[0]?.severity, "critical");
  assert.ok(openedPathForms("/etc/passwd\u0000x").includes("/etc/passwd"));
});
