// Seventeenth attack round (tools/fixtures/red17_keras/README.md): Keras Lambda payloads proven to fire on
// tf_keras 2.20.1 with default options that the scan rates below their effect (standard-library functions that
// start a program outside the exec list; persistence writes and network through standard-library functions
// outside the catalogue), each with a benign twin (same loader, same shape) that must stay at low or below, and
// false-alarm classes (pure functions judged by a denied module's attribute of the same name; a non-secret
// environment variable; pure standard-library compute outside the name data). All fixed and enforced.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, findings, redTeamRound } from "./red-team.js";

const severities = findings;

const STDLIB_EXEC =
  "standard-library functions that start a program are not on the exec list: uuid._get_command_stdout (subprocess.Popen of its arguments) and _osx_support._read_output (os.system of its argument) are 'not in the catalogue' (GW202 medium); imaplib.IMAP4_stream (subprocess.Popen(command, shell=True)) is a 'mail client' (high); os._execvpe is an os function outside the reviewed lists (high); venv.EnvBuilder(with_pip=True).create(dir) (runs ensurepip in a subprocess) is unknown (medium): the DENY globs os.exec*/os.spawn* miss the private helpers and no stdlib function is classed by what it reaches";
const STDLIB_PERSIST =
  "a persistence write through a standard-library writer outside the catalogue (readline.write_history_file('.bashrc') after readline.add_history(cmd); logging.basicConfig(filename='.bashrc') + logging.warning(cmd)) is unverifiable (GW202 medium): sweepConstants (src/python/lambda.ts) looks for persistence paths only when a callee is known to write (j.caps has file-write), and for credential paths also when one is unverifiable";
const STDLIB_NETWORK =
  "a remote URL handed to a standard-library parser outside the catalogue (xml.sax.parse / xml.sax.saxutils.prepare_input_source open a str through urllib.request.urlopen) and logging.handlers.SocketHandler (a TCP connection at emit) are unverifiable (GW202 medium), not network (high): the REMOTE_SCHEME sweep runs only when a callee is known to read or write files";

const RESOLVER =
  "a dotted name resolved by a standard-library resolver outside the catalogue (logging.config.BaseConfigurator({}).resolve('os.system') imports os and hands back os.system; xml.sax.make_parser(['antigravity']), warnings._getcategory('antigravity.geohash'), unittest.mock.patch('antigravity.geohash').start() import the module, whose top level starts a browser program) is unverifiable (GW202 medium): the resolvers pkgutil.resolve_name / pydoc.locate / importlib.import_module are denied one by one, these are unknown";
const MODULE_DICT =
  "a module namespace read through __dict__ (os.__dict__['environ'].get('HF_TOKEN'), os.__dict__['system'](cmd)) is unverifiable introspection (GW202 medium), while vars(os) is critical and os.environ / os.system are high / critical: the evaluator does not resolve a constant subscript of a known module's __dict__ to the member";

for (const file of ["red17-lambda-resolve-cfg-ossystem-tfk.h5", "red17-lambda-resolve-makeparser-antigravity-tfk.h5", "red17-lambda-resolve-getcategory-antigravity-tfk.h5", "red17-lambda-resolve-mockpatch-antigravity-tfk.h5", "red17-lambda-dict-os-system-tfk.h5"]) {
  const cls = file.includes("-dict-") ? MODULE_DICT : RESOLVER;
  test(`${file}: critical (${cls})`, async () => {
    const fs = await severities(file);
    assert.ok(atLeast(fs, "critical"), JSON.stringify(fs));
  });
}

for (const file of ["red17-lambda-exec-uuid-cmd-tfk.h5", "red17-lambda-exec-osx-readoutput-tfk.h5", "red17-lambda-exec-imap-stream-tfk.h5", "red17-lambda-exec-os-execvpe-tfk.h5", "red17-lambda-exec-venv-ensurepip-tfk.h5"]) {
  test(`${file}: critical (${STDLIB_EXEC})`, async () => {
    const fs = await severities(file);
    assert.ok(atLeast(fs, "critical"), JSON.stringify(fs));
  });
}

for (const file of ["red17-lambda-persist-readline-bashrc-tfk.h5", "red17-lambda-persist-logging-bashrc-tfk.h5"]) {
  test(`${file}: critical (${STDLIB_PERSIST})`, async () => {
    const fs = await severities(file);
    assert.ok(atLeast(fs, "critical"), JSON.stringify(fs));
  });
}

redTeamRound(
  "17",
  [
    ["red17-lambda-net-xmlsax-url-tfk.h5", STDLIB_NETWORK],
    ["red17-lambda-net-saxutils-url-tfk.h5", STDLIB_NETWORK],
    ["red17-lambda-net-logging-socket-tfk.h5", STDLIB_NETWORK],
    ["red17-lambda-dict-os-environ-tfk.h5", MODULE_DICT],
  ],
  ["red17-lambda-exec-cmd-norun-tfk-benign.h5", "red17-lambda-bashrc-nowrite-tfk-benign.h5", "red17-lambda-url-noread-tfk-benign.h5", "red17-lambda-resolve-names-noimport-tfk-benign.h5", "red17-lambda-dict-noread-tfk-benign.h5"],
  {},
);

// False alarms: benign Lambdas (a clock, a sorted-list search, a file-name pattern match, a device variable, JSON
// text, a top-k of a list) rated above low.
const NAME_TWIN =
  "a pure standard-library function whose last name is an attribute of a denied module is judged as that module's danger (time.time as subprocess.time: critical; bisect.bisect as urllib.request.bisect, fnmatch.fnmatch as shutil.fnmatch: high): dangerousHome (src/python/lambda.ts) matches any attribute the module has, including the modules and functions it merely imports";
const ENV_PLAIN =
  "reading a non-secret environment variable (os.environ.get('CUDA_VISIBLE_DEVICES')) is a credential read (GW201 high): every environment read is ENV_NOTE, whatever the variable's constant name";
const STDLIB_PURE =
  "pure standard-library compute the name data does not hold (json.dumps, heapq.nlargest, time.monotonic) is unverifiable (GW202 medium): tools/gen-python-names.py does not walk those modules";
const FALSE_ALARMS: [file: string, cls: string][] = [
  ["red17-fa-time-time-tfk-benign.h5", NAME_TWIN],
  ["red17-fa-bisect-tfk-benign.h5", NAME_TWIN],
  ["red17-fa-fnmatch-tfk-benign.h5", NAME_TWIN],
  ["red17-fa-environ-cuda-tfk-benign.h5", ENV_PLAIN],
  ["red17-fa-json-dumps-tfk-benign.h5", STDLIB_PURE],
  ["red17-fa-heapq-tfk-benign.h5", STDLIB_PURE],
  ["red17-fa-time-monotonic-tfk-benign.h5", STDLIB_PURE],
];
for (const [file, cls] of FALSE_ALARMS) {
  test(`${file}: low or below (${cls})`, async () => {
    const fs = await severities(file);
    assert.ok(!atLeast(fs, "medium"), JSON.stringify(fs));
  });
}
