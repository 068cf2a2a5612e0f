// Path patterns against the location lists (src/catalog/path-patterns.ts): a glob is judged by the names it can
// match where its own text is evidence (".b*rc" is ".bashrc"; a bare "*" is not every secret), a path with pieces
// the scanner could not evaluate by every text the pieces can hold (the text of a number, web-safe base64).
import { test } from "node:test";
import assert from "node:assert/strict";
import { BASE64_PIECE, NUMBER_PIECE, patternCouldBe } from "../../src/catalog/path-patterns.js";
import { graphRules, constStr, nodeDef } from "../tf/helpers.js";

test("globs: a listed name the pattern's own text points at, not a name a bare wildcard could spell", () => {
  const yes: Array<[string, "credential" | "persistence"]> = [
    ["/tmp/x/.b*rc", "persistence"], ["/home/u/.z?hrc", "persistence"], ["/proc/self/envi*", "credential"], ["/proc/[0-9]*/environ", "credential"],
    ["/home/u/.ss[h]/id_*", "credential"], ["/etc/cron.d/*", "persistence"], ["/usr/local/bin/*", "persistence"], ["/data/*.pth", "persistence"], ["~/.aws/cred*", "credential"],
  ];
  const no: Array<[string, "credential" | "persistence"]> = [
    ["/data/*.png", "credential"], ["/data/*.png", "persistence"], ["/data/x/*", "credential"], ["/tmp/x/work/note*.txt", "persistence"], ["/proc/self/statu*", "credential"],
    ["/data/shard-*", "persistence"], ["/data/*.txt", "credential"], ["gs://bucket/train-*", "persistence"],
  ];
  for (const [p, l] of yes) assert.equal(patternCouldBe(p, l, true), true, `${p} ${l}`);
  for (const [p, l] of no) assert.equal(patternCouldBe(p, l, true), false, `${p} ${l}`);
});

test("hidden pieces: any text of their alphabet", () => {
  assert.equal(patternCouldBe(`/home/u/.pro${BASE64_PIECE}`, "persistence", false), true, ".profile");
  assert.equal(patternCouldBe(`/etc/rc${NUMBER_PIECE}.d/x`, "persistence", false), true, "/etc/rc1.d");
  assert.equal(patternCouldBe(`/tmp/d/work/cache_${NUMBER_PIECE}`, "persistence", false), false);
  assert.equal(patternCouldBe(`/data/out_${NUMBER_PIECE}.txt`, "credential", false), false);
  // base64 cannot spell a dot: no dot-file
  assert.equal(patternCouldBe(`/tmp/d/${BASE64_PIECE}rc`, "persistence", false), false);
  // a number piece is AsString's text of a number or a bool: "false" and "true" spell s, l, r, u
  assert.equal(patternCouldBe(`data/.pgpa${NUMBER_PIECE}`, "credential", false), true, ".pgpass (AsString of a bool)");
  assert.equal(patternCouldBe(`data/.pgpa${NUMBER_PIECE}`.replace(NUMBER_PIECE, "x"), "credential", false), false);
});

test("a hidden base64 piece that completes a start-up file's name is critical (was excused as a pinned folder)", async () => {
  const join = (dir: string) => graphRules(constStr("dir", dir), constStr("c", "abc"), nodeDef("h", "EncodeBase64", ["c"]), nodeDef("j", "StringJoin", ["dir", "h"]), constStr("data", "x"), nodeDef("w", "WriteFile", ["j", "data"]));
  assert.ok((await join("/home/u/.pro")).some((x) => /^GW503 critical/.test(x)), "~/.pro + base64 may be ~/.profile");
  const twin = await join("/tmp/x/shard_");
  assert.ok(twin.some((x) => /^GW503 high/.test(x)) && !twin.some((x) => /critical/.test(x)), JSON.stringify(twin));
});
