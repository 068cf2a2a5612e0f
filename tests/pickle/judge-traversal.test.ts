import { test } from "node:test";
import assert from "node:assert/strict";
import { judgePickleGlobal } from "../../src/pickle/judge.js";

// Allowlisted reconstruction helpers are matched one dotted segment at a time: a module on the
// allowlist must not extend to the modules it imports (protocol 4 attribute traversal).
test("an allowlisted module's import alias does not carry the allowlist (enum.bltns.eval is builtins.eval)", () => {
  const j = judgePickleGlobal("enum", "bltns.eval");
  assert.equal(j.verdict, "deny");
  assert.ok(j.capabilities.includes("exec"));
});

test("traversal through an allowlisted tree to a module attribute is not allowed", () => {
  assert.notEqual(judgePickleGlobal("torch.nn.modules.module", "torch.load").verdict, "allow");
  assert.notEqual(judgePickleGlobal("datetime", "sys.modules").verdict, "allow");
  assert.notEqual(judgePickleGlobal("numpy.dtypes", "np.load").verdict, "allow");
});

test("benign twins: the reconstruction helpers real model pickles name stay allowed", () => {
  for (const [m, n] of [
    ["enum", "Enum"],
    ["datetime", "datetime"],
    ["numpy.dtypes", "Float32DType"],
    ["torch.nn.modules.linear", "Linear"],
    ["torch", "FloatStorage"],
    ["torch", "float32"],
    ["collections", "OrderedDict"],
  ] as const)
    assert.equal(judgePickleGlobal(m, n).verdict, "allow", `${m}.${n}`);
});
