// Eighteenth attack round (tools/fixtures/red18_keras/README.md): Keras Lambda payloads proven to fire on
// tf_keras 2.20.1 with default options that the scan rates below their effect (a module another standard-library
// module imports, reached as its attribute: shlex.os.system, reprlib.builtins.exec; shlex's `source` keyword opening
// a credential file), each with a benign twin (same loader, same shape) that must stay at low or below. The
// malicious cases are todo until the classes are fixed; the twins are enforced.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { scanBytes } from "../../src/index.js";
import { severityRank } from "../../src/core/types.js";
import { redTeamRound } from "./red-team.js";

async function severities(file: string): Promise<{ rule: string; severity: string }[]> {
  const data = readFileSync(new URL(`../../fixtures/lambda/models/${file}`, import.meta.url));
  const r = await scanBytes(file, new Uint8Array(data));
  return r.findings.map((f) => ({ rule: f.rule, severity: f.severity }));
}
const atLeast = (fs: { severity: string }[], min: string): boolean => fs.some((f) => severityRank(f.severity as never) >= severityRank(min as never));

const REEXPORT =
  "a module another standard-library module imports, reached as that module's attribute (shlex.os.system, fnmatch.os.popen, reprlib.builtins.exec: info; getpass.os.system: medium; logging.os.system: high; shlex.os.environ.get('HF_TOKEN'): info) is judged by the first module's entry in the reviewed stdlib table (stdlibJudgement, src/catalog/python.ts: the pure-module prefix loop and the STDLIB_EFFECTS prefix match), not as the module it names (os.system, builtins.exec, os.environ)";
const SHLEX_SOURCE =
  "shlex.shlex with its `source` keyword set opens the file named after the keyword (Lib/shlex.py sourcehook: open(newfile)) and hands back its tokens: shlex is in STDLIB_PURE_MODULES (src/catalog/python.ts), so reading .ssh/id_rsa through it is compute (info), not a credential read (high)";

for (const file of [
  "red18-lambda-reexport-shlex-ossystem-tfk.h5",
  "red18-lambda-reexport-fnmatch-popen-tfk.h5",
  "red18-lambda-reexport-reprlib-exec-tfk.h5",
  "red18-lambda-reexport-getpass-ossystem-tfk.h5",
  "red18-lambda-reexport-logging-ossystem-tfk.h5",
]) {
  test(`${file}: critical (${REEXPORT})`, { todo: `red-team round 18: ${REEXPORT}` }, async () => {
    const fs = await severities(file);
    assert.ok(atLeast(fs, "critical"), JSON.stringify(fs));
  });
}

redTeamRound(
  "18",
  [
    ["red18-lambda-reexport-shlex-environ-tfk.h5", REEXPORT],
    ["red18-lambda-shlex-source-sshkey-tfk.h5", SHLEX_SOURCE],
  ],
  ["red18-lambda-reexport-norun-tfk-benign.h5", "red18-lambda-shlex-split-sshkey-tfk-benign.h5"],
  { todo: true },
);
