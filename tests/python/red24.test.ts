// Twenty-fourth attack round, Keras/Lambda side (tools/fixtures/red24_keras/README.md): Keras Lambda payloads proven to
// fire on tf_keras 2.20.1 with default options that the scan rates below their effect (the code's own dunder methods
// run by C callables it hands an instance to; a module read back from a C callable's result, an exception, a generator
// or a global; an integer squared in a loop; work multiplied across code objects and recursion; a while loop with a
// far counter bound; regex search over a long subject built at run time; int() of a Decimal with a huge exponent),
// each with a benign twin (same loader, same shape) that must stay at low or below. Every class is fixed (see the
// README's "Fixed" section): each malicious case and each false alarm is enforced.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, findings, redTeamRound } from "./red-team.js";

// Every class is fixed: no case is `todo` any more.
const TODO = (_cls: string, _file: string) => ({});

// Environment secrets (THREATS.md: a secret read is high).
const C_DUNDERS =
  "the code's own dunder methods run by a C callable it hands an instance to (sum([os], P()), operator.add(P(), os), operator.getitem(P(), os), functools.reduce(operator.add, [P(), os]), sorted/max comparing P() with os, a dict subclass's __missing__ run by D()[os]) take the module as their operand, yet operatorDunders binds operands only at the interpreter's own BINARY_OP/BINARY_SUBSCR/COMPARE_OP/CONTAINS_OP/STORE_SUBSCR (src/python/evaluate.ts:728, :743, :795, :1357, :1478) and __missing__ is not among the names: o.environ['HF_TOKEN'] is judged on an unbound parameter, 'only tensor math'";
const MODULE_RESULT =
  "a module read back from what a C callable returns (next(iter([os])), filter, functools.reduce, itertools.chain, operator.itemgetter, dict.setdefault, type(name, (), {'m': os})), from a raised exception's args, a generator's yield or a global store reads the process environment, yet the result is an unknown value whose .environ is a 'value attribute' judged against array/tensor methods only (src/python/evaluate.ts:588, src/python/lambda.ts:674); the modules the code handed away (ev.escaped) are consulted only for calls and __dict__ reads (src/python/lambda.ts:653, :687)";
const ENV_KEY_ALTS =
  "an os.environ subscript whose key has several possible values (a nested function's parameter, g('HF_TOKEN'); a loop item over ['HOME', 'HF_TOKEN']) next to one plain read (os.getenv('HOME'), e.get('HOME')) reads the secret, yet subscript() records the `os.environ[\"name\"]` reference only for ONE constant key (src/python/evaluate.ts:742-751: str(key) of a bound parameter or loop item is undefined, nothing is recorded) and envSecretOf then finds no more uses of the mapping than plain accessors (src/python/lambda.ts:1371-1399): level 'plain', the read is dropped (lambda.ts:669)";
for (const [file, cls] of [
  ["red24-lambda-dunder-sum-start-environ-tfk.h5", C_DUNDERS],
  ["red24-lambda-dunder-operator-add-environ-tfk.h5", C_DUNDERS],
  ["red24-lambda-dunder-operator-getitem-environ-tfk.h5", C_DUNDERS],
  ["red24-lambda-dunder-reduce-add-environ-tfk.h5", C_DUNDERS],
  ["red24-lambda-dunder-sorted-lt-environ-tfk.h5", C_DUNDERS],
  ["red24-lambda-dunder-max-gt-environ-tfk.h5", C_DUNDERS],
  ["red24-lambda-dunder-missing-environ-tfk.h5", C_DUNDERS],
  ["red24-lambda-module-next-iter-environ-tfk.h5", MODULE_RESULT],
  ["red24-lambda-module-filter-environ-tfk.h5", MODULE_RESULT],
  ["red24-lambda-module-reduce-environ-tfk.h5", MODULE_RESULT],
  ["red24-lambda-module-chain-environ-tfk.h5", MODULE_RESULT],
  ["red24-lambda-module-itemgetter-environ-tfk.h5", MODULE_RESULT],
  ["red24-lambda-module-setdefault-environ-tfk.h5", MODULE_RESULT],
  ["red24-lambda-module-type3-environ-tfk.h5", MODULE_RESULT],
  ["red24-lambda-module-exception-args-environ-tfk.h5", MODULE_RESULT],
  ["red24-lambda-module-generator-environ-tfk.h5", MODULE_RESULT],
  ["red24-lambda-module-global-store-environ-tfk.h5", MODULE_RESULT],
  ["red24-lambda-env-param-key-after-plain-read-tfk.h5", ENV_KEY_ALTS],
  ["red24-lambda-env-loop-key-after-plain-read-tfk.h5", ENV_KEY_ALTS],
] as const) {
  test(`${file}: high or above (${cls})`, TODO(cls, file), async () => {
    const fs = await findings(file);
    assert.ok(atLeast(fs, "high"), JSON.stringify(fs));
  });
}

// Loads that never return (THREATS.md: DoS, medium).
const LOOP_GROWTH =
  "an integer squared in a short loop (v = v * v forty times, v **= 2, while v.bit_length() < 10**12: v = v * v) reaches 2**40 bits and multiplies for hours, yet hugeResult weighs only operands that are constants (resultBits needs intBits/intValue of each operand, src/python/evaluate.ts:1963-1976, :816): a loop-carried value is unknown on every pass";
const CROSS_CODE =
  "work multiplied across code objects (a 10**5 loop around a call of an own function that loops 10**5 times; a comprehension of 10**5 inside a 10**5 loop; a doubly recursive function to depth 60, 2**60 calls) never returns, yet loopPasses multiplies only the FOR_ITER loops of ONE code object (src/python/evaluate.ts:2225-2240, :356) and recursion is judged only when retried from its own handler (retriedRecursion)";
const WHILE_COUNT =
  "a while loop with a counter compared to an astronomical constant (i = 0; while i < 10**15: i += 1) never returns, yet endlessLoop counts every conditional jump out of the body as a way out (src/python/evaluate.ts:2059) and loop passes are computed for FOR_ITER loops only (loopPasses, :2228)";
const REGEX_SUBJECT =
  "re.search of an unanchored pattern over a subject built at run time ('a' * 10**6 with r'a*b': ~5*10**11 steps; 'a' * 5000 with r'a*a*a*b': degree 3 plus the search's start positions) never returns, yet catastrophicRegex judges the pattern alone (src/python/regex-ambiguity.ts:575-591, MAX_POLY_DEGREE = 4 at :493; called at src/python/lambda.ts:482 without the subject or the search mode)";
const DECIMAL_INT =
  "int(decimal.Decimal('1e9999999')) converts a Decimal of exponent 10**7 to an exact integer (minutes), yet hugeCall weighs math.comb/perm and fractions.Fraction only (src/python/evaluate.ts:1926-1944): Decimal of a huge exponent and its exact conversions (int(), to_integral, a power in an exact context) have no budget";
const HANGS: [string, string][] = [
  ["red24-lambda-square-loop-tfk.h5", LOOP_GROWTH],
  ["red24-lambda-pow-assign-loop-tfk.h5", LOOP_GROWTH],
  ["red24-lambda-while-square-tfk.h5", LOOP_GROWTH],
  ["red24-lambda-loop-calls-looping-function-tfk.h5", CROSS_CODE],
  ["red24-lambda-loop-around-comprehension-tfk.h5", CROSS_CODE],
  ["red24-lambda-double-recursion-tfk.h5", CROSS_CODE],
  ["red24-lambda-while-counter-1e15-tfk.h5", WHILE_COUNT],
  ["red24-lambda-regex-search-long-subject-tfk.h5", REGEX_SUBJECT],
  ["red24-lambda-regex-search-degree3-tfk.h5", REGEX_SUBJECT],
  ["red24-lambda-decimal-int-huge-exponent-tfk.h5", DECIMAL_INT],
];
for (const [file, why] of HANGS) {
  test(`${file}: medium or above (${why})`, TODO(why, file), async () => {
    const fs = await findings(file);
    assert.ok(atLeast(fs, "medium"), JSON.stringify(fs));
  });
}

redTeamRound(
  "24",
  [],
  [
    "red24-lambda-dunder-sum-start-tfk-benign.h5",
    "red24-lambda-module-next-iter-tfk-benign.h5",
    "red24-lambda-square-loop-small-tfk-benign.h5",
    "red24-lambda-loop-calls-looping-function-small-tfk-benign.h5",
    "red24-lambda-double-recursion-small-tfk-benign.h5",
    "red24-lambda-while-counter-small-tfk-benign.h5",
    "red24-lambda-regex-search-short-subject-tfk-benign.h5",
    "red24-lambda-decimal-int-small-exponent-tfk-benign.h5",
    "red24-lambda-env-param-key-plain-tfk-benign.h5",
  ],
);

// False alarms: benign code rated above low before the fix; they must stay at low or below.
const FA_ENV_GET_LOOP =
  "plain variables (HOME, LANG) read by e.get(k) with k a loop item over a constant list are rated high ('reads environment variables (secrets)'): envSecretOf takes a key that is not ONE constant string as any key (src/python/lambda.ts:1382-1383), not as the alternatives the evaluator bound it to";
const FA_REGEX_SHORT =
  "an ambiguous pattern matched against a short constant subject (re.match(r'.*conv.*block.*bn.*relu', 'conv1_block2_bn_relu'), re.search(r'(\\w+_)*relu$', same)) returns at once, yet catastrophicRegex judges the pattern alone (src/python/regex-ambiguity.ts:575-591, called at src/python/lambda.ts:482 without the subject): medium";
for (const [file, why] of [
  ["red24-lambda-env-get-loop-plain-keys-tfk-falsealarm.h5", FA_ENV_GET_LOOP],
  ["red24-lambda-regex-layer-name-match-tfk-falsealarm.h5", FA_REGEX_SHORT],
  ["red24-lambda-regex-layer-name-search-tfk-falsealarm.h5", FA_REGEX_SHORT],
] as const) {
  test(`${file}: low or below (false alarm: ${why})`, TODO(why, file), async () => {
    const fs = await findings(file);
    assert.ok(!atLeast(fs, "medium"), JSON.stringify(fs));
  });
}
