// Twenty-sixth attack round, Keras/Lambda side (tools/fixtures/red26_keras/README.md): Keras Lambda payloads proven to
// fire on Keras 3.8.0 (.h5, numpy backend, default options) that the scan rates below their effect: an own function
// whose parameter one call site binds with a harmless module (g(math)) while a route ownCallables does not follow
// (map(next(iter([g])), [os])) runs it with os; an integer squared 40 times through the code's own function
// (v = sq(v)) or a builtin call (int(v * v)); a branching recursion through
// mutual calls, keyword self-calls or one self-call in a loop; a counting loop left by a break; a float counter with a fractional step; a regex search over a subject built by a %-format width or by
// str(n); and two false alarms (a reset in a conditional expression, a recursion depth capped by min()). All classes
// are fixed (each test's title says how); each benign twin (same loader, same shape, harmless value) must stay at low
// or below.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, findings, redTeamRound } from "./red-team.js";

// Environment secrets (THREATS.md: a secret read is high).
const BOUND_ELSEWHERE =
  "an own function g(o) called once directly with math (g(math)) and handed to map through a route ownCallables does not follow (next(iter([g]))) with os reads o.environ['HF_TOKEN']: ownCallables resolves no C callable's result (src/python/evaluate.ts:287-320, builtins.next has no own code), and the fail-closed escaped-module rule skips the read because the parameter is bound by the g(math) site and so counts as a value (src/python/lambda.ts:705-706)";
test(`red26-lambda-next-iter-bound-elsewhere-environ-k3.h5: high or above (${BOUND_ELSEWHERE}; fixed: a leaked function's parameters may take anything)`, async () => {
  const fs = await findings("red26-lambda-next-iter-bound-elsewhere-environ-k3.h5");
  assert.ok(atLeast(fs, "high"), JSON.stringify(fs));
});

// Loads that never return (THREATS.md: DoS, medium).
const OWN_CALL_GROWTH =
  "an integer squared on every pass of a 40-pass loop through the code's own function (def sq(v): return v * v, or sq = lambda v: v * v; v = sq(v)), or wrapped in a builtin call (v = int(v * v)), reaches 2**40 bits, yet growthStores turns every call but pow into an opaque X (src/python/evaluate.ts:2726), so growthDegree is 0 and loopGrowth skips the store (:2575-2576)";
const RECURSION_SHAPE =
  "a branching recursion of depth 60-80 (2**40-2**60 calls) whose branching is not two direct self-call sites with a positional n - c argument (a(n) -> b(n - 1) twice, b(n) -> a(n - 1); g(n=n - 1) + g(n=n - 1) entered with g(n=60); one site g(n - 1) in a two-pass loop) is not judged: branchingRecursion counts distinct self-call offsets of the function itself (src/python/evaluate.ts:3176-3179), reads the stepped parameter from positional arguments only (:3184-3187), and multiplies no loop around a self-call site";
const BREAK_EXIT =
  "i = 0; while True: i += 1; if i >= 10 ** 15: break (10**15 passes) is not judged: countedWhile reads the loop's exits as the jumps that leave it (src/python/evaluate.ts:2480) and needs each to be the counter test's own conditional jump (counterTest, :2483-2486); a break compiles to an unconditional JUMP_FORWARD guarded by the test's jump, so the loop is given up (fail open)";
const HALF_STEP =
  "a float counter with a fractional step (i = 0.0; while i < 1e15: i += 0.5: 2*10**15 passes) is not judged: counterStep reads the step with numConstOf, which takes integral floats only (src/python/evaluate.ts:2404, :2890-2891), and gives up (fail open)";
const FORMAT_SUBJECT =
  "re.search(r' *a', '%1000000s' % 'b') and re.search(r'9*a', str(10 ** 4000 - 1) * 250) scan ~10**6 characters from every start position (~5*10**11 steps), yet stringLength knows no %-format (an op '%') and no builtins.str call (src/python/evaluate.ts:3482-3509, builtLength :3524-), so the length is unknown and only the pattern-alone rule runs (src/python/lambda.ts:486-488)";
const OWN_CALL_GROWTH_FIX =
  "growthStores keeps a call's callee and arguments; growthDegree reads the code's own function through (the degree of its returns in its parameters, given its arguments' degrees), passes int/abs/round/max through, takes len/float/bool/hash/... and min with a non-growing argument as not growing, and lets any other call (str(), a method, an unknown callee) keep its arguments' degree (fail closed)";
const RECURSION_SHAPE_FIX =
  "branchingRecursion walks the cycles of the own-function call graph (up to 4 functions) back to a function entered from outside them, counting each call site times the passes of the loops around it and following the stepped parameter by position or keyword: about (calls per round) ** (depth / step) calls";
const FORMAT_SUBJECT_FIX =
  "stringLength reads a %-format of a constant format string (literal text plus each %s / %d field, at least its width wide) and str() of an integer (its decimal digits, folded exactly up to 200000 bits)";
for (const [file, cls, fix] of [
  ["red26-lambda-own-def-square-loop-k3.h5", OWN_CALL_GROWTH, OWN_CALL_GROWTH_FIX],
  ["red26-lambda-own-lambda-square-loop-k3.h5", OWN_CALL_GROWTH, OWN_CALL_GROWTH_FIX],
  ["red26-lambda-int-wrapped-square-loop-k3.h5", OWN_CALL_GROWTH, OWN_CALL_GROWTH_FIX],
  ["red26-lambda-mutual-recursion-k3.h5", RECURSION_SHAPE, RECURSION_SHAPE_FIX],
  ["red26-lambda-keyword-self-calls-recursion-k3.h5", RECURSION_SHAPE, RECURSION_SHAPE_FIX],
  ["red26-lambda-self-call-in-loop-recursion-k3.h5", RECURSION_SHAPE, RECURSION_SHAPE_FIX],
  ["red26-lambda-while-half-step-k3.h5", HALF_STEP, "counterStep takes a fractional float step and counterPasses counts |bound - start| / step passes in floating point (no end when the step is at most half an ulp of the values on the way)"],
  ["red26-lambda-regex-search-percent-width-subject-k3.h5", FORMAT_SUBJECT, FORMAT_SUBJECT_FIX],
  ["red26-lambda-regex-search-str-int-subject-k3.h5", FORMAT_SUBJECT, FORMAT_SUBJECT_FIX],
] as Array<[string, string, string]>) {
  test(`${file}: medium or above (${cls}; fixed: ${fix})`, async () => {
    const fs = await findings(file);
    assert.ok(atLeast(fs, "medium"), JSON.stringify(fs));
  });
}

test(`red26-lambda-while-true-break-counter-k3.h5: medium or above (${BREAK_EXIT}; fixed: an unconditional jump out reached only past a conditional jump that skips it is read as that jump's test)`, async () => {
  const fs = await findings("red26-lambda-while-true-break-counter-k3.h5");
  assert.ok(atLeast(fs, "medium"), JSON.stringify(fs));
});

redTeamRound(
  "26",
  [],
  [
    "red26-lambda-next-iter-bound-elsewhere-k3-benign.h5",
    "red26-lambda-own-def-square-loop-small-k3-benign.h5",
    "red26-lambda-mutual-recursion-small-k3-benign.h5",
    "red26-lambda-while-true-break-counter-small-k3-benign.h5",
    "red26-lambda-while-half-step-small-k3-benign.h5",
    "red26-lambda-regex-search-percent-width-subject-small-k3-benign.h5",
  ],
);

// False alarms: benign code once rated above low (fixed: each test's title says how).
const FA_COND_RESET =
  "v = 3 if i >= 0 else v at the top of each pass, then v = v * v (9 at most), is rated as growing 2**40 from the constant stored before the loop: growthStores clears its stack at every jump (src/python/evaluate.ts:2737), so the conditional expression's store is read as `v` (degree 1), not as a reset, and loopGrowth's reset search needs a store of degree 0 (:2586)";
const FA_MIN_CAP =
  "a double recursion entered with g(min(len(str(x.shape)), 4)) (16 calls at most) is rated as 2**1000 calls: foldedDepth does not read min(a, c) as at most c (src/python/evaluate.ts:3164-3174) and paramCap reads only an early return on n > c inside the function (:3139-3160), so branchingRecursion falls back to the recursion limit (:3203-3205)";
test(`red26-lambda-double-recursion-min-capped-depth-k3-falsealarm.h5: low or below (false alarm, fixed: ${FA_MIN_CAP})`, async () => {
  const fs = await findings("red26-lambda-double-recursion-min-capped-depth-k3-falsealarm.h5");
  assert.ok(!atLeast(fs, "medium"), JSON.stringify(fs));
});
test(`red26-lambda-cond-reset-then-square-loop-k3-falsealarm.h5: low or below (false alarm, fixed: ${FA_COND_RESET}; now the constant arm of a conditional expression is a reset when the loop's own range variable makes its test take that arm on every pass)`, async () => {
  const fs = await findings("red26-lambda-cond-reset-then-square-loop-k3-falsealarm.h5");
  assert.ok(!atLeast(fs, "medium"), JSON.stringify(fs));
});
