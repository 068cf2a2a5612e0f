// The glob reading of the location lists (src/catalog/path-patterns.ts patternCouldBe with glob syntax) against
// real TensorFlow 2.20's MatchingFiles (tools/gen-glob-vectors.py): thousands of patterns made from planted paths of
// every kind of secrets and persistence location (and decoys) by glob mutations (`?`, `*`, bracket classes in every
// syntax fnmatch reads, escapes, `.`/`..`/`//` segments), each with the planted files the real op matched. Wherever
// TensorFlow matched a file that the product's own lists name, the scan must say the pattern can name such a
// location: a glob read differently from the op would let a read of a secret or a write of a start-up file pass as
// an ordinary pattern.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { globMatches, patternCouldBe } from "../../src/catalog/path-patterns.js";
import { isCredentialPath } from "../../src/catalog/secret-paths.js";

type Case = { pattern: string; matches: string[]; error?: string };
const doc = JSON.parse(readFileSync(new URL("./vectors/glob.json", import.meta.url), "utf8")) as { tensorflow: string; planted: string[]; cases: Case[] };
// the planted tree as the host's root: the judge sees the absolute pattern a model would carry
const ROOT = "/";

test(`glob vectors: ${doc.cases.length} patterns from TensorFlow ${doc.tensorflow}'s MatchingFiles, most matching a planted file`, () => {
  assert.ok(doc.cases.length > 5000);
  assert.ok(doc.cases.filter((c) => c.matches.length > 0).length > 3000);
});

// every planted file and the folders above it: what the op can return
const paths = [...new Set(doc.planted.flatMap((f) => f.split("/").map((_, i, a) => a.slice(0, i + 1).join("/"))))];

test("glob vectors: the glob reading (globMatches) matches exactly what MatchingFiles matched, for every pattern and planted path", () => {
  const wrong: string[] = [];
  for (const c of doc.cases) {
    const got = new Set(c.matches);
    // (a pattern with "." or ".." segments returns paths spelled with them; those are checked as returned)
    const literalSegments = c.pattern.split("/").some((s) => s === "." || s === ".." || s === "");
    for (const m of c.matches) if (!globMatches(c.pattern, m)) wrong.push(`${c.pattern} should match ${m}`);
    if (!literalSegments) for (const p of paths) if (!got.has(p) && globMatches(c.pattern, p)) wrong.push(`${c.pattern} should not match ${p}`);
  }
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} disagreements`);
});

/** The single-character wildcards of a pattern that guess (`?`, a bracket class taking more than 4 characters). */
function guesses(pattern: string): number {
  let n = 0;
  for (const m of pattern.matchAll(/\\.|\[[!^]?\]?(?:\[:\w+:\]|\\.|[^\]])*\]|\?/g)) {
    if (m[0] === "?") n++;
    else if (m[0].startsWith("[")) {
      let members = 0;
      for (let x = 32; x < 127; x++) if (globMatches(m[0], String.fromCharCode(x).toLowerCase()) || globMatches(m[0], String.fromCharCode(x).toUpperCase())) members++;
      if (members > 4) n++;
    }
  }
  return n;
}

// Soundness of the location judgement over the glob reading: a pattern that writes a credential location's path but
// for at most two guessed characters (`?`, wide classes; no `*`) and that TensorFlow matched to the location is
// judged as able to name it, whatever glob syntax writes the rest (escapes, narrow classes such as "[e]" or "[]t]").
// Patterns with `*` are judged by the evidence rule of path-patterns.ts (a bare "*" is not every secret), tested
// below on the shapes an attack takes.
test("glob vectors: every pattern TensorFlow matched to a credential location, written but for two guessed characters, is judged as able to name it", () => {
  const cases = doc.cases.filter((c) => !c.pattern.includes("*") && guesses(c.pattern) <= 2 && c.matches.some((m) => isCredentialPath(ROOT + m)));
  assert.ok(cases.length > 500, `${cases.length} cases`);
  const missed = cases.filter((c) => !patternCouldBe(ROOT + c.pattern, "credential", true));
  assert.deepEqual(missed.slice(0, 20).map((c) => `${c.pattern} -> ${c.matches.join(", ")}`), [], `${missed.length} of ${cases.length} missed`);
});

test("glob patterns: a wildcard's guess is paid for by the listed characters written anywhere in the path, not only in its own name", () => {
  for (const p of ["/*/shadow", "/?t*/shadow", "/*/sudoers", "/proc/self/*", "/proc/*/environ", "/*/1/task/2/maps", "/[e][t][c]/[s][h][a][d][o][w]", "/e[]t][[:punct:]c]/passwd", "/home/u/.p[^q]p*"]) {
    assert.ok(patternCouldBe(p, "credential", true), p);
  }
  // a guess the pattern does not pay for stays quiet (no false alarm on ordinary data globs)
  for (const p of ["/data/*/*", "/tmp/*/*.csv", "assets/*.txt", "/data/train-[0-9]*-of-*", "/home/u/data/*.json"]) {
    assert.ok(!patternCouldBe(p, "credential", true), p);
  }
});
