// The catastrophic-regex check on the parsed pattern (src/python/regex-ambiguity.ts, round 22 classes 4 and 7):
// exponentially ambiguous patterns are caught whatever their shape (an optional separator, an alternation of
// overlapping branches, a nullable body); linear ones stay quiet (a separator the inner loop cannot match, at
// either end of the repeated group).
import { test } from "node:test";
import assert from "node:assert/strict";
import { catastrophicRegex } from "../../src/python/regex-ambiguity.js";

const EXPONENTIAL = [
  "(a+)+$", "(\\w+\\s?)*$", "^([a-z0-9]+[._-]?)*@", "(x|y+)+", "(a|a)*b", "(a*)*b", "(a?b?)*c", "^(\\d+)*$", "(?:a+){2,}$",
  "(.*)*x", "(?i)(A|a)+$", "^(([a-z])+.)+[A-Z]([a-z])+$", "(\\w|\\d)+$", "(?=(a+)+b)", "^(a+|b+)*c",
];
const LINEAR = [
  "(\\d+\\.)*\\d+", "(?:[^,]+,)*[^,]+", "[a-z]+(?:_[a-z0-9]+)*", "^[a-z0-9._-]+@", "\\d{1,3}(\\.\\d{1,3}){3}", "[A-Za-z_][A-Za-z0-9_]*",
  "(ab)*", "^\\s*(\\w+)\\s*=\\s*(.*)$", "^(?P<name>[a-z]+)_(?P<idx>\\d+)$", "[\\w.-]+", "(a|b)*c", "(?:ab|cd)+", "^v?(\\d+)(?:\\.(\\d+))*$",
  "[-+]?\\d*\\.?\\d+(?:[eE][-+]?\\d+)?", "\\(([^)]*)\\)", "(ab|a)*c",
];

test("exponentially ambiguous patterns are catastrophic", () => {
  for (const p of EXPONENTIAL) assert.equal(catastrophicRegex(p), true, p);
});
test("linear patterns are not", () => {
  for (const p of LINEAR) assert.equal(catastrophicRegex(p), false, p);
});
test("syntax the check does not read is left to the caller", () => {
  assert.equal(catastrophicRegex("(a)(?(1)b|c)"), undefined);
});
test("verbose patterns (inline or by the flags argument) and named characters are read (round 23 class 5)", () => {
  assert.equal(catastrophicRegex("(?x) a+ # comment"), false);
  assert.equal(catastrophicRegex("(?x) ^ ( [a-z0-9]+ [._-]? )* @"), true);
  assert.equal(catastrophicRegex("^ (\\w+ \\s?)* $", 64), true);
  // (without re.X the spaces are literals: each pass needs one)
  assert.equal(catastrophicRegex("^ (\\w+ \\s?)* $"), false);
  // (an escaped space and a class keep their spaces in verbose mode)
  assert.equal(catastrophicRegex("(?x) (a\\ )+ [ ]"), false);
  assert.equal(catastrophicRegex("^([a-z0-9]+[._-]?)*@\\N{COMMERCIAL AT}?"), true);
  assert.equal(catastrophicRegex("[a-z0-9._-]+@\\N{COMMERCIAL AT}?"), false);
  assert.equal(catastrophicRegex("(\\w+\\N{HYPHEN-MINUS})*$"), false);
  assert.equal(catastrophicRegex("(?i)(\\N{LATIN SMALL LETTER A}|A)+$"), true);
});

test("polynomial ambiguity of degree 4 or more is catastrophic, lower degrees are not (round 23 class 6)", () => {
  for (const p of ["a*a*a*a*a*a*a*a*b", "a*a*a*a*b", "\\w*\\w*\\w*\\w*!"]) assert.equal(catastrophicRegex(p), true, p);
  for (const p of ["a*b", "a*a*a*b", "\\s*(\\w+)\\s*=\\s*(.*)", "^(\\w+)\\s+(\\w+)\\s+(\\w+)\\s+(\\w+)$", "\\d+\\.\\d+\\.\\d+"]) assert.equal(catastrophicRegex(p), false, p);
});
