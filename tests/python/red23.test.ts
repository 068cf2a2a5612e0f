// Twenty-third attack round, Keras/Lambda side (tools/fixtures/red23_keras/README.md): Keras Lambda payloads proven to
// fire on tf_keras 2.20.1 with default options that the scan rates below their effect (a module handed to a nested
// function through *args or **kwargs reads the process environment; endless `while True:` loops whose only calls
// cannot leave them; astronomical trip counts below the per-iterator budget; huge results through calls (int(1e9) as
// an exponent, math.comb, Fraction of a huge exponent); regular expressions the ambiguity check does not read and
// that fall back to the old shape test; polynomial backtracking of high degree; a lock held across a call), each with
// a benign twin (same loader, same shape) that must stay at low or below (enforced, passing today). Every malicious
// case is `todo` until its class is fixed (add its class to FIXED then).
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, findings, redTeamRound } from "./red-team.js";

// Classes fixed so far (their cases enforced); the rest stay `todo`.
const FIXED = new Set<string>();
const TODO = (cls: string, file: string) => (FIXED.has(cls) || FIXED.has(file) ? {} : { todo: `red-team round 23: ${cls}` });

// Environment secrets (THREATS.md: a secret read is high).
const MODULE_STARARGS =
  "a module carried by anything but a plain local or a positional parameter (def g(*a): return a[0].environ['HF_TOKEN']; g(os); **kwargs; a for or comprehension item; enumerate; a class attribute; functools.partial; map) reads the process environment, yet the evaluator keeps a module's identity only through locals, constant subscripts of containers it built and positional parameters (bindParams): the *args tuple, the **kwargs dict, FOR_ITER items, class namespaces and the arguments partial/map hand on become unknowns, and an attribute of an unknown is judged by name only: 'only tensor math'";
FIXED.add(MODULE_STARARGS);
const SECRET_FILES = [
  "red23-lambda-module-starargs-environ-tfk.h5",
  "red23-lambda-module-kwargs-environ-tfk.h5",
  "red23-lambda-module-comprehension-environ-tfk.h5",
  "red23-lambda-module-enumerate-environ-tfk.h5",
  "red23-lambda-module-class-attr-environ-tfk.h5",
  "red23-lambda-module-partial-environ-tfk.h5",
  "red23-lambda-module-map-environ-tfk.h5",
];
for (const file of SECRET_FILES) {
  test(`${file}: high or above (${MODULE_STARARGS})`, TODO(MODULE_STARARGS, file), async () => {
    const fs = await findings(file);
    assert.ok(atLeast(fs, "high"), JSON.stringify(fs));
  });
}

const DUNDER =
  "the code's own dunder methods run by the interpreter (P() + os, P()[os], os in P(), P() == os, P[os] with __class_getitem__) take the operand as a parameter, yet only an explicit CALL of the code's class or method binds arguments (src/python/evaluate.ts call(): ownClassBody/definesMethod); BINARY_OP, BINARY_SUBSCR, CONTAINS_OP and COMPARE_OP dispatch to nothing, so o.environ['HF_TOKEN'] inside the method is judged on an unbound parameter: 'only tensor math'";
FIXED.add(DUNDER);
for (const file of [
  "red23-lambda-dunder-add-environ-tfk.h5",
  "red23-lambda-dunder-getitem-environ-tfk.h5",
  "red23-lambda-dunder-contains-environ-tfk.h5",
  "red23-lambda-dunder-eq-environ-tfk.h5",
  "red23-lambda-dunder-class-getitem-environ-tfk.h5",
]) {
  test(`${file}: high or above (${DUNDER})`, TODO(DUNDER, file), async () => {
    const fs = await findings(file);
    assert.ok(atLeast(fs, "high"), JSON.stringify(fs));
  });
}

// Loads that never return (THREATS.md: DoS, medium).
const WAY_OUT =
  "`while True:` whose only calls cannot leave the loop (a method of the code's own container, s.add(1); a builtin whose exception is caught INSIDE the loop, try: int('x') except ValueError: v = 0) never returns, yet endlessLoop counts any call that is not a resolved verified pure callee as a way out (a method on the code's own value has no path) and, in code with handlers, any op that may raise, wherever the handler is";
FIXED.add(WAY_OUT);
const TRIP_COUNT =
  "loops whose total work is astronomical although each iterator is below the 10**10-item budget (range(10**5) inside range(10**5); range(5 * 10**9) of pure bytecode; itertools.product(range(100), repeat=10), itertools.permutations(range(30))) never return, yet endlessIterable weighs each iterator alone (range only, no product/permutations/combinations) and nested loops are not multiplied";
FIXED.add(TRIP_COUNT);
const HUGE_CALLS =
  "a huge result reached through a call (7 ** int(1e9), 7 ** int('1000000000'), math.comb(10**9, 5*10**8), fractions.Fraction('1e999999999')) keeps the loading thread in big-integer work for minutes to hours, yet hugeResult only weighs folded integer arithmetic: int() of a float or string constant is not folded, and comb/perm/Fraction/Decimal have no budget";
FIXED.add(HUGE_CALLS);
const REGEX_FALLBACK =
  "a catastrophic regular expression the ambiguity check does not read (verbose: (?x) inline; a named character \\N{...}) falls back to the old shape test, which misses an optional separator after the repeated group; re.VERBOSE given as the flags argument is ignored, so the pattern is judged with its spaces as literals (a linear pattern it is not)";
FIXED.add(REGEX_FALLBACK);
const REGEX_POLY =
  "polynomial backtracking of high degree (re.search(r'a*a*a*a*a*a*a*a*b', 'a' * 300): ~n**9 steps) never returns, yet the position-automaton test reports exponential ambiguity only (two loops on the same text in one strongly connected part), not a chain of overlapping loops";
FIXED.add(REGEX_POLY);
const LOCK_CALL =
  "a non-reentrant lock held by `with` and entered again by a nested function it calls (with lock: g(), g entering `with lock:`) deadlocks the loading thread, yet the with-lock rule only looks for an enclosing `with` of the same lock in the same code object";
FIXED.add(LOCK_CALL);
const HANGS: [string, string][] = [
  ["red23-lambda-while-true-own-method-tfk.h5", WAY_OUT],
  ["red23-lambda-while-true-caught-inside-tfk.h5", WAY_OUT],
  ["red23-lambda-nested-ranges-tfk.h5", TRIP_COUNT],
  ["red23-lambda-range-5e9-tfk.h5", TRIP_COUNT],
  ["red23-lambda-itertools-product-tfk.h5", TRIP_COUNT],
  ["red23-lambda-itertools-permutations-tfk.h5", TRIP_COUNT],
  ["red23-lambda-power-int-float-tfk.h5", HUGE_CALLS],
  ["red23-lambda-power-int-str-tfk.h5", HUGE_CALLS],
  ["red23-lambda-math-comb-huge-tfk.h5", HUGE_CALLS],
  ["red23-lambda-fraction-huge-exponent-tfk.h5", HUGE_CALLS],
  ["red23-lambda-regex-verbose-inline-tfk.h5", REGEX_FALLBACK],
  ["red23-lambda-regex-verbose-flag-tfk.h5", REGEX_FALLBACK],
  ["red23-lambda-regex-named-char-fallback-tfk.h5", REGEX_FALLBACK],
  ["red23-lambda-regex-polynomial-tfk.h5", REGEX_POLY],
  ["red23-lambda-lock-across-call-tfk.h5", LOCK_CALL],
];
for (const [file, why] of HANGS) {
  test(`${file}: medium or above (${why})`, TODO(why, file), async () => {
    const fs = await findings(file);
    assert.ok(atLeast(fs, "medium"), JSON.stringify(fs));
  });
}

// Process-wide logging state (THREATS.md: global state, medium).
const OPERATOR_MUTATION =
  "the host's log handlers removed through an operator-module function (operator.delitem(logging.getLogger().handlers, slice(None))) are 'only tensor math': sharedContainer sees the subscript ops and the listed mutating methods on a container reached from what a library call hands back, but operator.delitem/setitem/iconcat mutate their first argument and are reviewed pure names";
FIXED.add(OPERATOR_MUTATION);
test(`red23-lambda-logger-handlers-operator-delitem-tfk.h5: medium or above (${OPERATOR_MUTATION})`, TODO(OPERATOR_MUTATION, "red23-lambda-logger-handlers-operator-delitem-tfk.h5"), async () => {
  const fs = await findings("red23-lambda-logger-handlers-operator-delitem-tfk.h5");
  assert.ok(atLeast(fs, "medium"), JSON.stringify(fs));
});

redTeamRound(
  "23",
  [],
  [
    "red23-lambda-module-starargs-tfk-benign.h5",
    "red23-lambda-dunder-add-tfk-benign.h5",
    "red23-lambda-while-own-method-tfk-benign.h5",
    "red23-lambda-while-true-caught-break-tfk-benign.h5",
    "red23-lambda-nested-ranges-small-tfk-benign.h5",
    "red23-lambda-itertools-product-small-tfk-benign.h5",
    "red23-lambda-power-int-float-small-tfk-benign.h5",
    "red23-lambda-math-comb-small-tfk-benign.h5",
    "red23-lambda-fraction-small-tfk-benign.h5",
    "red23-lambda-regex-verbose-flat-tfk-benign.h5",
    "red23-lambda-regex-named-char-flat-tfk-benign.h5",
    "red23-lambda-regex-polynomial-low-tfk-benign.h5",
    "red23-lambda-lock-sequential-call-tfk-benign.h5",
    "red23-lambda-logger-handlers-operator-getitem-tfk-benign.h5",
  ],
);
