// The path a TensorFlow file op opens, against real TensorFlow (tools/gen-open-vectors.py: tf.io.read_file on
// spellings of planted files: URI schemes and hosts, NUL bytes, "." and "..", slashes, a symlink then "..").
// Wherever TensorFlow opened a file, that file is among the spellings the location rules judge
// (openedPathForms), so a rule that matches the file TensorFlow reads matches the scanned string.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { posix } from "node:path";
import { openedPathForms } from "../../src/tf/judge-impl.js";
import { isCredentialPath } from "../../src/catalog/secret-paths.js";

const doc = JSON.parse(readFileSync(new URL("./vectors/open.json", import.meta.url), "utf8")) as {
  root: string;
  cwd: string;
  vectors: Array<{ path: string; opened?: string; error?: string }>;
};
const R = doc.root;
const spell = (s: string) => (s.startsWith("FILE") ? "FILE://" + s.slice(7).replaceAll("R", R) : s.replaceAll("R", R));
const cwd = spell(doc.cwd);

test("every file TensorFlow opened is one of the spellings the location rules judge", () => {
  const missed: string[] = [];
  let opened = 0;
  for (const v of doc.vectors) {
    if (v.opened === undefined) continue;
    opened++;
    const want = `${R}/${v.opened}`;
    const raw = openedPathForms(spell(v.path));
    const forms = raw.map((f) => posix.resolve(cwd, f));
    if (forms.includes(want)) continue;
    // a file:// path is not cleaned, so its ".." follows the host's links (here cwd/link -> etc): the
    // exact file depends on the host, and the rules judge the part after the last ".." at the root
    const tail = spell(v.path).split("/..").pop()!;
    if (v.path.startsWith("file://") && raw.includes(tail) && want.endsWith(tail)) continue;
    missed.push(`${JSON.stringify(v.path)} opened ${v.opened}; forms ${JSON.stringify(forms)}`);
  }
  assert.deepEqual(missed, []);
  assert.ok(opened >= 20, `${opened} vectors opened a file`);
});

test("a file:// host, a NUL after a '..'-cancelled segment and a host link before '..' reach the secrets rules", () => {
  // file://host/path: TensorFlow drops the host (io::ParseURI) and reads /root/notes
  assert.ok(openedPathForms("file://h/root/notes").some((p) => isCredentialPath(p)));
  // CleanPath runs on the whole string before the C library cuts it at the NUL: /tmp/a\0/../root/x is /root/x
  assert.ok(openedPathForms("/tmp/a\u0000/../../root/x").some((p) => isCredentialPath(p)));
  // file:// is not cleaned: /var/run/.. is / when /var/run is a link to /run
  assert.ok(openedPathForms("file:///var/run/../root/x").some((p) => isCredentialPath(p)));
  // controls: the same places without the trick, and a plain host path
  assert.ok(!openedPathForms("file://h/srv/notes").some((p) => isCredentialPath(p)));
  assert.ok(!openedPathForms("/tmp/a/b.txt").some((p) => isCredentialPath(p)));
});
