// Eighteenth attack round (tools/fixtures/red18_keras/README.md): Keras Lambda payloads proven to fire on
// tf_keras 2.20.1 with default options that the scan rates below their effect (a module another standard-library
// module imports, reached as its attribute: shlex.os.system, reprlib.builtins.exec; shlex's `source` keyword opening
// a credential file; an environment read of a computed name hidden by a harmless constant read; credentials in
// environment variables named without a secret-sounding word), each with a benign twin (same loader, same shape)
// that must stay at low or below. All fixed and enforced; the twins are enforced.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, findings, redTeamRound } from "./red-team.js";

const severities = findings;

const REEXPORT =
  "a module another standard-library module imports, reached as that module's attribute (shlex.os.system, fnmatch.os.popen, reprlib.builtins.exec: info; getpass.os.system: medium; logging.os.system: high; shlex.os.environ.get('HF_TOKEN'): info) is judged by the first module's entry in the reviewed stdlib table (stdlibJudgement, src/catalog/python.ts: the pure-module prefix loop and the STDLIB_EFFECTS prefix match), not as the module it names (os.system, builtins.exec, os.environ)";
const SHLEX_SOURCE =
  "shlex.shlex with its `source` keyword set opens the file named after the keyword (Lib/shlex.py sourcehook: open(newfile)) and hands back its tokens: shlex is in STDLIB_PURE_MODULES (src/catalog/python.ts), so reading .ssh/id_rsa through it is compute (info), not a credential read (high)";

const ENV_DECOY =
  "a harmless constant environment read beside a subscript whose key is computed (os.environ.get('CUDA_VISIBLE_DEVICES') + os.environ[''.join(map(chr, ...))]) is info: envSecret (src/python/lambda.ts) counts only constant-key subscripts (os.environ[\"NAME\"]) among the refs, so the one constant non-secret accessor makes accessors > 0 and the computed read of HF_TOKEN is never weighed (alone it is high)";
const ENV_NAMES =
  "credentials in environment variables whose names carry no secret-sounding word (SLACK_WEBHOOK_URL, CI_JOB_JWT, MONGODB_URI) are not a credential read (info): SECRET_ENV (src/python/lambda.ts) is a list of words (TOKEN, KEY, PASS ...) and a constant name without one is harmless";

const DICT_METHOD =
  "a module's namespace through __dict__'s own methods (os.__dict__.get('system')(cmd), [v for k, v in os.__dict__.items() if k == 'system'][0](cmd)) is unverifiable (GW202 medium: 'os.get' / 'os.items' is not in the catalogue): src/python/evaluate.ts turns X.__dict__ into the module ref X, so the dict's methods become module members; round 17 fixed only the subscript";
for (const file of ["red18-lambda-dictmethod-get-ossystem-tfk.h5", "red18-lambda-dictmethod-items-ossystem-tfk.h5"]) {
  test(`${file}: critical (${DICT_METHOD})`, async () => {
    const fs = await severities(file);
    assert.ok(atLeast(fs, "critical"), JSON.stringify(fs));
  });
}

for (const file of [
  "red18-lambda-reexport-shlex-ossystem-tfk.h5",
  "red18-lambda-reexport-fnmatch-popen-tfk.h5",
  "red18-lambda-reexport-reprlib-exec-tfk.h5",
  "red18-lambda-reexport-getpass-ossystem-tfk.h5",
  "red18-lambda-reexport-logging-ossystem-tfk.h5",
]) {
  test(`${file}: critical (${REEXPORT})`, async () => {
    const fs = await severities(file);
    assert.ok(atLeast(fs, "critical"), JSON.stringify(fs));
  });
}

redTeamRound(
  "18",
  [
    ["red18-lambda-reexport-shlex-environ-tfk.h5", REEXPORT],
    ["red18-lambda-shlex-source-sshkey-tfk.h5", SHLEX_SOURCE],
    ["red18-lambda-env-decoy-subscript-tfk.h5", ENV_DECOY],
    ["red18-lambda-env-unkeyworded-tfk.h5", ENV_NAMES],
  ],
  [
    "red18-lambda-reexport-norun-tfk-benign.h5",
    "red18-lambda-shlex-split-sshkey-tfk-benign.h5",
    "red18-lambda-env-decoy-noread-tfk-benign.h5",
    "red18-lambda-env-unkeyworded-noread-tfk-benign.h5",
    "red18-lambda-dictmethod-noread-tfk-benign.h5",
  ],
  {},
);

// False alarm: benign Lambdas (a named logger's info line, in-memory gzip, the Python version, the thread id)
// rated above low because their module is in the stdlib effects table.
const EFFECTS_WHOLE =
  "a module of the reviewed stdlib effects table is judged whole: the import (src/python/lambda.ts, judgeTarget(m) / judgeTarget(`${m}.__any__`) in the import loop) and every member, constant or pure function (stdlibJudgement's STDLIB_EFFECTS prefix match, src/catalog/python.ts) take the module's note: import logging + logging.getLogger('model').info(...) is high, gzip.compress(b'abc') high, platform.python_version() critical, threading.get_ident() medium";
for (const file of ["red18-fa-logging-getlogger-tfk-benign.h5", "red18-fa-gzip-compress-tfk-benign.h5", "red18-fa-platform-version-tfk-benign.h5", "red18-fa-threading-ident-tfk-benign.h5"]) {
  test(`${file}: low or below (${EFFECTS_WHOLE})`, async () => {
    const fs = await severities(file);
    assert.ok(!atLeast(fs, "medium"), JSON.stringify(fs));
  });
}
