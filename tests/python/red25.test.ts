// Twenty-fifth attack round, Keras/Lambda side (tools/fixtures/red25_keras/README.md): Keras Lambda payloads proven to
// fire on tf_keras 2.20.1 (and Keras 3.8.0, .h5) with default options that the scan rates below their effect: an own
// callable handed to a C callable by a route other than its plain function value (a bound or static method, a dict
// item, a factory's result, an operator function run by map/partial) reads a module it is given; an integer squared
// in a loop in a shape other than `v = v * v` right before the store; the same loop exempted by a test of v that can
// never stop it; counting while loops with a float counter, a bound in a local, a start from a call, or nested in a
// loop; calls multiplied by map() or a while loop, and a double recursion of a computed depth; regex search over a
// long subject built by ljust/format/join/bytes(n); a Decimal of a huge exponent spelled with a full-width digit or an
// underscore, made by Context.create_decimal or converted by statistics.mean; a module read back from a literal
// container by a key that is not one exact constant match; and a false alarm (a value reset inside the loop taken as grown). Every class is
// fixed (see the README's "Fixed" section): each malicious case and each false alarm is enforced; each benign twin (same loader, same
// shape, harmless value) must stay at low or below.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, findings, redTeamRound } from "./red-team.js";


// Environment secrets (THREATS.md: a secret read is high).
const UNBOUND =
  "an own callable handed to a C callable by a route other than its plain function value (a bound method P().take, a staticmethod P.take, a dict item d['g'], a factory's result mk(); an own __add__ run by map(operator.add, ...) or functools.partial(operator.add, P())) is run with the module it is given (map(..., [os])), yet the call binds the parameters only of arguments that deref to a function (src/python/evaluate.ts:969-976) and cDunders knows no map/partial of an operator function (evaluate.ts:3092), so o.environ is read on an unbound parameter, which isValue takes as a value (src/python/lambda.ts:948-949) and the escaped-module rule skips (lambda.ts:704)";
for (const file of [
  "red25-lambda-method-map-environ-tfk.h5",
  "red25-lambda-staticmethod-map-environ-tfk.h5",
  "red25-lambda-factory-map-environ-tfk.h5",
  "red25-lambda-dict-item-map-environ-tfk.h5",
  "red25-lambda-method-sorted-key-environ-tfk.h5",
  "red25-lambda-map-operator-dunder-environ-tfk.h5",
  "red25-lambda-partial-operator-dunder-environ-tfk.h5",
]) {
  test(`${file}: high or above (${UNBOUND})`, async () => {
    const fs = await findings(file);
    assert.ok(atLeast(fs, "high"), JSON.stringify(fs));
  });
}

const CONTAINER_KEY =
  "a module put into a literal list, tuple or dict and read back by a key that is not one exact constant match ([os, math][len('ab') - 2], [sys, math][...].modules['os'], {True: os}[1], {1: math, True: os}[1] (Python keeps the first key, the last value), (math, os)[True], [os, math][::-1][1], ({'m': math} | {'m': os})['m']) reads the environment, yet subscript() resolves only a constant string key of a dict literal and a constant int index of a sequence (src/python/evaluate.ts:836-850; mappingItem compares str() keys only, :2946-2956) and returns an opaque `[]` otherwise (:867); attr() records .environ as a value attribute (:656-658) and the fail-closed member rule runs only for modules the code handed to a call, yielded or stored in a global (src/python/lambda.ts:698-712), never for one held in a literal container";
for (const file of [
  "red25-lambda-container-computed-index-environ-tfk.h5",
  "red25-lambda-container-computed-index-sys-modules-tfk.h5",
  "red25-lambda-dict-true-key-int-lookup-environ-tfk.h5",
  "red25-lambda-dict-int-then-true-key-environ-tfk.h5",
  "red25-lambda-tuple-bool-index-environ-tfk.h5",
  "red25-lambda-list-reversed-slice-environ-tfk.h5",
  "red25-lambda-dict-merge-environ-tfk.h5",
]) {
  test(`${file}: high or above (${CONTAINER_KEY})`, async () => {
    const fs = await findings(file);
    assert.ok(atLeast(fs, "high"), JSON.stringify(fs));
  });
}

// Loads that never return (THREATS.md: DoS, medium).
const GROWTH_SHAPE =
  "an integer squared on every pass of a 40-pass loop in a shape other than STORE_FAST v right after `v * v` (v = v * v + 1, v = pow(v, 2), w = v * v; v = w, a[0] = a[0] * a[0]) reaches 2**40 bits, yet loopGrowth matches only the three instructions before a STORE_FAST of v itself (src/python/evaluate.ts:2342-2363)";
const DEAD_TEST =
  "the squaring loop with a test of v that can never stop it (if v < 0: break) is exempt: loopGrowth skips any loop with a COMPARE_OP reading v (testsV, src/python/evaluate.ts:2384), whatever the test's direction";
const WHILE_PIECES =
  "a counting while loop with a float counter (1e15), a bound held in a local (n = 10**15), a start from a call (int(0)) or nested in a 10**5 for loop (10**10 passes) never returns, yet countedWhile needs an integer constant bound (counterTest/constIntOf, src/python/evaluate.ts:2239-2250), an integer constant start (:2309-2319) and does not multiply the loops around it: any piece it cannot read leaves the loop unjudged (fail open)";
const CALL_PASSES =
  "an own function looping 10**5 times called 10**5 times by map(g, range(10**5)) or from a while loop never returns, yet entryPasses multiplies only the FOR_ITER loops around a call site of the code object (around(), src/python/evaluate.ts:407-413): a C callable's iteration and a while loop add nothing";
const COMPUTED_DEPTH =
  "a double recursion g(n - 1) + g(n - 1) whose depth 60 is computed at run time (len(str(x.shape)) * 0 + 60) makes 2**60 calls, yet branchingRecursion needs the outside call's depth as a constant (src/python/evaluate.ts:2687-): an unknown depth with two self-calls is not judged (round 24's 'Left')";
const REGEX_BUILDERS =
  "re.search(r'a*b', s) with s a million characters built by 'a'.ljust(10**6, 'a'), '{:a>1000000}'.format(''), ''.join(['a'] * 10**6) or bytes(10**6) (with rb'\\x00*\\x01') is ~5*10**11 steps, yet stringLength knows constants, + and * only (src/python/evaluate.ts:2992-3020); an unknown length keeps the pattern-alone rule (degree >= 4, src/python/lambda.ts:486-488), degree 1 + search passes";
const DECIMAL_SPELLING =
  "int() of a Decimal of exponent ~10**7 spelled '\\uff11e9999999' (a full-width digit) or '1e99_99999' (an underscore in the exponent), made by decimal.Context(Emax=MAX_EMAX).create_decimal('1e9999999'), or converted by statistics.mean([Decimal('1e9999999')]) never returns, yet decimalExponent reads only decimal.Decimal of an ASCII string matching [eE]([+-]?\\d+) (src/python/evaluate.ts:2073-2076) and hugeCall weighs int/round/math.floor/ceil/trunc/Fraction only (:2046-2057)";
const HANGS: [string, string][] = [
  ["red25-lambda-square-plus-one-loop-tfk.h5", GROWTH_SHAPE],
  ["red25-lambda-pow-call-loop-tfk.h5", GROWTH_SHAPE],
  ["red25-lambda-square-via-temp-loop-tfk.h5", GROWTH_SHAPE],
  ["red25-lambda-list-cell-square-loop-tfk.h5", GROWTH_SHAPE],
  ["red25-lambda-square-loop-dead-test-tfk.h5", DEAD_TEST],
  ["red25-lambda-while-float-counter-tfk.h5", WHILE_PIECES],
  ["red25-lambda-while-bound-in-local-tfk.h5", WHILE_PIECES],
  ["red25-lambda-while-start-from-call-tfk.h5", WHILE_PIECES],
  ["red25-lambda-while-nested-in-for-tfk.h5", WHILE_PIECES],
  ["red25-lambda-map-calls-looping-function-tfk.h5", CALL_PASSES],
  ["red25-lambda-while-calls-looping-function-tfk.h5", CALL_PASSES],
  ["red25-lambda-double-recursion-computed-depth-tfk.h5", COMPUTED_DEPTH],
  ["red25-lambda-regex-search-ljust-subject-tfk.h5", REGEX_BUILDERS],
  ["red25-lambda-regex-search-format-width-subject-tfk.h5", REGEX_BUILDERS],
  ["red25-lambda-regex-search-join-subject-tfk.h5", REGEX_BUILDERS],
  ["red25-lambda-regex-search-bytes-subject-tfk.h5", REGEX_BUILDERS],
  ["red25-lambda-decimal-fullwidth-digit-tfk.h5", DECIMAL_SPELLING],
  ["red25-lambda-decimal-underscore-exponent-tfk.h5", DECIMAL_SPELLING],
  ["red25-lambda-decimal-context-create-tfk.h5", DECIMAL_SPELLING],
  ["red25-lambda-decimal-statistics-mean-tfk.h5", DECIMAL_SPELLING],
];
for (const [file, why] of HANGS) {
  test(`${file}: medium or above (${why})`, async () => {
    const fs = await findings(file);
    assert.ok(atLeast(fs, "medium"), JSON.stringify(fs));
  });
}

redTeamRound(
  "25",
  [],
  [
    "red25-lambda-method-map-tfk-benign.h5",
    "red25-lambda-container-computed-index-tfk-benign.h5",
    "red25-lambda-dict-true-key-int-lookup-tfk-benign.h5",
    "red25-lambda-square-plus-one-loop-small-tfk-benign.h5",
    "red25-lambda-square-loop-live-test-tfk-benign.h5",
    "red25-lambda-while-float-counter-small-tfk-benign.h5",
    "red25-lambda-map-calls-looping-function-small-tfk-benign.h5",
    "red25-lambda-double-recursion-computed-depth-small-tfk-benign.h5",
    "red25-lambda-regex-search-ljust-subject-small-tfk-benign.h5",
    "red25-lambda-decimal-underscore-exponent-small-tfk-benign.h5",
  ],
);

// False alarms: benign code rated above low before the fix; enforced.
const FA_RESET =
  "a value reset to a constant inside the loop before it is squared (v = 2 at the top of each outer pass, then squared twice: 16 at most; s = 3; s = s * s on each pass: 9) is rated as growing 2**80 / 2**40 from the constant stored before the loop: loopGrowth takes the start from the store before the outermost loop around the squaring and multiplies all the loops around it, never looking at a store of v inside the loop that resets it (src/python/evaluate.ts:2367-2381, :2386-2398)";
for (const file of ["red25-lambda-reset-then-square-nested-loop-tfk-falsealarm.h5", "red25-lambda-reset-then-square-loop-tfk-falsealarm.h5"]) {
  test(`${file}: low or below (false alarm: ${FA_RESET})`, async () => {
    const fs = await findings(file);
    assert.ok(!atLeast(fs, "medium"), JSON.stringify(fs));
  });
}
