// Sixteenth attack round (tools/fixtures/red16_keras/README.md): Keras Lambda payloads proven to fire on
// tf_keras 2.20.1 with default options that the scan rated below their effect (all fixed: environment and
// netrc reads are credential reads, an unknown callee handed a credential path reads it, os judged whole,
// every path-like constant of a reading/writing Lambda swept, remote URLs, imports that run a program,
// persistence writes critical), each with a benign twin (same loader, same shape) that must stay at low or
// below, and a false-alarm class (os.path string helpers; fixed: compute).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { scanBytes } from "../../src/index.js";
import { severityRank } from "../../src/core/types.js";
import { redTeamRound } from "./red-team.js";

const ENVIRONMENT =
  "the process environment (HF_TOKEN, AWS keys) read through os.environ / os.getenv / os.environb is a plain 'file read' (GW201 medium, or unverifiable GW202 medium for os.environb.get), while the same data read as /proc/self/environ is a high credential read (src/catalog/python.ts DENY os.environ/os.getenv file-read; src/catalog/secret-paths.ts)";

const UNCATALOGUED_READER =
  "a credential file read by a reader outside the catalogue (io.open_code('.ssh/id_rsa'), configparser.ConfigParser().read('.aws/credentials'), netrc.netrc() which reads ~/.netrc with no argument) is unverifiable (GW202 medium): the credential-path check (src/python/lambda.ts) runs only for callees the catalogue denies for file-read";

const PATH_HELPER =
  "a constant credential path passed through a path helper the evaluator does not fold (os.path.join, os.path.normpath, os.path.abspath, os.path.expanduser('~/...')) or another value form the evaluator does not carry (tf.io.read_file(tf.constant(...)), tf.strings.join, a comprehension's loop variable, dict.get, sorted([...])[0]) reaches the reader as an unknown value: a plain read (GW201 medium); constPaths (src/python/lambda.ts) sees only constants";

const OS_WRITE_GAPS =
  "host-file writes through os functions the hand-written deny list lacks (os.mknod creates a file, os.mkfifo a FIFO, os.utime rewrites timestamps; siblings os.lchown/fchmod/ftruncate/pwrite/sendfile/copy_file_range/setxattr alike), and through h5py (a hard dependency of both Keras generations: h5py.File(path, 'w')), are 'not in the catalogue' (GW202 medium), not a host-file write (high)";

const REMOTE_URL =
  "a remote URL handed to numpy's text readers (np.loadtxt / np.genfromtxt open a str through np.lib._datasource, which downloads http(s)/ftp URLs into the working directory) is rated a host-file read (GW201 medium), not network (high): the remote-scheme check (REMOTE_SCHEME, src/catalog/tf-ops.ts) is applied to TF graph ops only, not to a Lambda's call arguments";

const IMPORT_EFFECT =
  "importing a standard-library module whose top-level code acts is an unverifiable import (GW202 medium): `import antigravity` / `from antigravity import geohash` runs webbrowser.open('https://xkcd.com/353/'), which starts the first browser program it finds ($BROWSER, www-browser on PATH), while `import webbrowser` (inert by itself) is critical (src/python/lambda.ts judges an import by the catalogue's verdict on the module's names only)";

const MALICIOUS: [file: string, cls: string][] = [
  ["red16-lambda-environ-dump-tfk.h5", ENVIRONMENT],
  ["red16-lambda-getenv-hftoken-tfk.h5", ENVIRONMENT],
  ["red16-lambda-environb-hftoken-tfk.h5", ENVIRONMENT],
  ["red16-lambda-open-code-sshkey-tfk.h5", UNCATALOGUED_READER],
  ["red16-lambda-configparser-aws-tfk.h5", UNCATALOGUED_READER],
  ["red16-lambda-netrc-default-tfk.h5", UNCATALOGUED_READER],
  ["red16-lambda-read-osjoin-sshkey-tfk.h5", PATH_HELPER],
  ["red16-lambda-read-normpath-kaggle-tfk.h5", PATH_HELPER],
  ["red16-lambda-read-abspath-sshkey-tfk.h5", PATH_HELPER],
  ["red16-lambda-read-expanduser-hftoken-tfk.h5", PATH_HELPER],
  ["red16-lambda-read-tfconst-sshkey-tfk.h5", PATH_HELPER],
  ["red16-lambda-read-tfjoin-sshkey-tfk.h5", PATH_HELPER],
  ["red16-lambda-read-comprehension-sshkey-tfk.h5", PATH_HELPER],
  ["red16-lambda-read-dictget-sshkey-tfk.h5", PATH_HELPER],
  ["red16-lambda-read-sorted-sshkey-tfk.h5", PATH_HELPER],
  ["red16-lambda-write-mknod-tfk.h5", OS_WRITE_GAPS],
  ["red16-lambda-write-mkfifo-tfk.h5", OS_WRITE_GAPS],
  ["red16-lambda-write-utime-tfk.h5", OS_WRITE_GAPS],
  ["red16-lambda-write-h5py-tfk.h5", OS_WRITE_GAPS],
  ["red16-lambda-net-loadtxt-url-tfk.h5", REMOTE_URL],
  ["red16-lambda-net-genfromtxt-url-tfk.h5", REMOTE_URL],
  ["red16-lambda-import-antigravity-tfk.h5", IMPORT_EFFECT],
  ["red16-lambda-from-antigravity-geohash-tfk.h5", IMPORT_EFFECT],
];

const BENIGN = [
  "red16-lambda-hftoken-noread-tfk-benign.h5",
  "red16-lambda-awscred-noread-tfk-benign.h5",
  "red16-lambda-sshkey-noread-tfk-benign.h5",
  "red16-lambda-mknod-noop-tfk-benign.h5",
  "red16-lambda-url-noread-tfk-benign.h5",
  "red16-lambda-antigravity-noimport-tfk-benign.h5",
  "red16-lambda-bashrc-nowrite-tfk-benign.h5",
];

redTeamRound("16", MALICIOUS, BENIGN);

// False alarms: a benign Lambda that only builds a string with os.path's pure helpers is rated medium.
const FALSE_ALARM =
  "os.path's pure string helpers (join, basename, splitext) are not in the name data (os.path is not walked by tools/gen-python-names.py): a Lambda that only computes with them is unverifiable (GW202 medium)";
for (const file of ["red16-fa-osjoin-tfk-benign.h5", "red16-fa-basename-tfk-benign.h5"]) {
  test(`${file}: low or below (${FALSE_ALARM})`, async () => {
    const data = readFileSync(new URL(`../../fixtures/lambda/models/${file}`, import.meta.url));
    const r = await scanBytes(file, new Uint8Array(data));
    assert.ok(!r.findings.some((f) => severityRank(f.severity) >= severityRank("medium")), JSON.stringify(r.findings.map((f) => [f.rule, f.severity])));
  });
}

// Writes that persist code (the next shell runs $HOME/.bashrc; authorized_keys lets a key log in) are critical
// (THREATS.md: file write "critical when the path targets persistence"); a Lambda's such write is high today.
const PERSISTENCE =
  "a Lambda's write to a persistence file (.bashrc, .ssh/authorized_keys) is a plain host-file write (GW201 high): PERSISTENCE_PATH (src/catalog/tf-ops.ts:254) is consulted only by the TF-op judge (src/tf/judge-impl.ts:177), never for a Lambda's open()/tf.io.write_file";
for (const file of ["red16-lambda-persist-bashrc-tfk.h5", "red16-lambda-persist-bashrc-tfop-tfk.h5", "red16-lambda-persist-authkeys-tfk.h5"]) {
  test(`${file}: critical (${PERSISTENCE})`, async () => {
    const data = readFileSync(new URL(`../../fixtures/lambda/models/${file}`, import.meta.url));
    const r = await scanBytes(file, new Uint8Array(data));
    assert.ok(r.findings.some((f) => severityRank(f.severity) >= severityRank("critical")), JSON.stringify(r.findings.map((f) => [f.rule, f.severity])));
  });
}
