// Twentieth attack round (tools/fixtures/red20_keras/README.md): Keras Lambda payloads proven to fire on
// tf_keras 2.20.1 with default options that the scan rates below their effect (a module returned by a nested code
// object, `(lambda: os)().__dict__['sys' + 'tem'](cmd)`, a def or a generator expression; a module stored as an
// attribute and read back; a logging.Formatter's '{' format fields reading the environment through a function's
// globals), each with a benign twin (same loader, same shape) that must stay at low or below (enforced); and benign
// Lambdas rated above low (a path template whose first part is computed read as a credential path; a Formatter
// formatting a record; methods of objects reviewed pure standard-library classes build). The malicious cases and the
// false alarms were `todo` until their class was fixed. All fixed and enforced.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { scanBytes } from "../../src/index.js";
import { atLeast, findings, redTeamRound } from "./red-team.js";

const severities = findings;

const NESTED_RETURN =
  "a module returned by a nested code object ((lambda: os)(), def g(): return os; g(), next(m for m in [os])) is an unknown value to the outer code, so its namespace subscripted by a computed name and called is only unverifiable (GW202 medium): the evaluator records what each code object returns (src/python/evaluate.ts:955, ev.returns) and isData follows it (src/python/lambda.ts:886), but moduleTaint (src/python/lambda.ts:966-980) does not follow a called function to its returns, nor a generator to what it yields";
const ATTR_STORE =
  "a module stored as an attribute of an object and read back (g = lambda: 0; g.m = os; g.m.__dict__['sys' + 'tem'](cmd)) is an unknown value (GW202 medium): STORE_ATTR (src/python/evaluate.ts:1051-1057) pops the stored value and drops it unless the object has a path, so the later LOAD_ATTR of g.m carries nothing";
const FORMATTER =
  "the format string handed to a logging.Formatter is not read (GW202 medium): `{msg.__globals__[sys].modules[os].environ[HF_TOKEN]}` with style '{' reads HF_TOKEN through the record's function's globals when the Formatter formats the record, but formatFields (src/python/evaluate.ts:451-519) takes .format(record) on the Formatter for str.format with the Formatter object as the format string ('a format string that is not a constant'); the same string given to str.format is critical (interpreter internals through __globals__)";

const OBJECT_STATE =
  "a module handed to a reviewed standard-library object's state comes back out as an unknown value (GW202 medium): warnings.warn(os) inside warnings.catch_warnings(record=True) as w puts UserWarning(os) into w (warnings' module state: showwarning appends to the record list), and collections.Counter().update([os]) keeps os as a key; w[0].message.args[0] and next(iter(c)) carry nothing the taint walk (moduleTaint, src/python/lambda.ts:966-980) can follow: warnings.warn(os) is a reviewed pure call of one argument, so nothing records that it stored os (src/python/evaluate.ts:657-658 records stored values only for a method's receiver or a call handed a container and more), and what c.update([os]) stored (intoContainer, :290-293) is seen only by a subscript of a container (:302), not by next(iter(c))";

const EXCEPT_STAR =
  "a module carried through except* (CPython 3.11+ exception groups) is an unknown value (GW202 medium): CHECK_EG_MATCH has no case in src/python/evaluate.ts, and the generic fallback (:879-884) pops and pushes nothing for an opcode whose net stack effect is 0, so its inputs stay where its outputs belong: `except* ValueError as eg` binds eg to the class ValueError (the match type), not to the matched group ExceptionGroup('g', [ValueError(os)]), and eg.exceptions[0].args[0].__dict__['sys' + 'tem'](cmd) carries no module (the plain `except ValueError as e: e.args[0]` of round 19 is critical)";

test(`red20-lambda-except-star-ossystem-tfk.h5: critical (${EXCEPT_STAR})`, async () => {
  const fs = await severities("red20-lambda-except-star-ossystem-tfk.h5");
  assert.ok(atLeast(fs, "critical"), JSON.stringify(fs));
});
const AVAILABILITY =
  "a Lambda that ends the loader process or never returns is 'only tensor math' (GW203 info) although THREATS.md rates ending or stalling the process medium (sys.exit, time.sleep are GW201 medium today): `raise SystemExit(0)` (a BaseException the loader does not catch: the interpreter exits at load), `while True: pass` (a back edge with a constant-true condition and no exit), re.compile('(a+)+$').match('a' * 40 + 'b') (catastrophic backtracking of a constant pattern on a constant subject); the evaluator judges calls and references (src/python/lambda.ts), not control flow or what a raise ends, and re is a pure module (src/catalog/python.ts STDLIB_PURE_MODULES)";
for (const file of ["red20-lambda-system-exit-tfk.h5", "red20-lambda-while-true-tfk.h5", "red20-lambda-redos-tfk.h5"]) {
  test(`${file}: medium or above (${AVAILABILITY})`, async () => {
    const fs = await severities(file);
    assert.ok(atLeast(fs, "medium"), JSON.stringify(fs));
  });
}
for (const file of ["red20-lambda-warnings-record-ossystem-tfk.h5", "red20-lambda-counter-update-ossystem-tfk.h5"]) {
  test(`${file}: critical (${OBJECT_STATE})`, async () => {
    const fs = await severities(file);
    assert.ok(atLeast(fs, "critical"), JSON.stringify(fs));
  });
}
for (const file of ["red20-lambda-inner-return-ossystem-tfk.h5", "red20-lambda-inner-def-ossystem-tfk.h5", "red20-lambda-genexpr-ossystem-tfk.h5"]) {
  test(`${file}: critical (${NESTED_RETURN})`, async () => {
    const fs = await severities(file);
    assert.ok(atLeast(fs, "critical"), JSON.stringify(fs));
  });
}
test(`red20-lambda-attr-store-ossystem-tfk.h5: critical (${ATTR_STORE})`, async () => {
  const fs = await severities("red20-lambda-attr-store-ossystem-tfk.h5");
  assert.ok(atLeast(fs, "critical"), JSON.stringify(fs));
});

const CRED_NAMES =
  "credential files by their conventional names in the working directory (token.json of the Google API client's OAuth flow, terraform.tfstate, serviceAccountKey.json) are a plain host-file read (GW201 medium): the credential-path list (src/catalog/secret-paths.ts:6-65) knows names only by the words credential/secret/passwd/password (:58) and home dot-files, while an environment variable's name is a secret by the words TOKEN, KEY, AUTH ... (src/python/lambda.ts envTier)";

redTeamRound(
  "20",
  [
    ["red20-lambda-token-json-read-tfk.h5", CRED_NAMES],
    ["red20-lambda-tfstate-read-tfk.h5", CRED_NAMES],
    ["red20-lambda-service-account-key-read-tfk.h5", CRED_NAMES],
    ["red20-lambda-inner-return-environ-tfk.h5", NESTED_RETURN],
    ["red20-lambda-logging-formatter-environ-tfk.h5", FORMATTER],
  ],
  [
    "red20-lambda-inner-return-tfk-benign.h5",
    "red20-lambda-genexpr-tfk-benign.h5",
    "red20-lambda-attr-store-tfk-benign.h5",
    "red20-lambda-logging-formatter-noformat-tfk-benign.h5",
    "red20-lambda-warnings-record-tfk-benign.h5",
    "red20-lambda-counter-update-tfk-benign.h5",
    "red20-lambda-except-star-tfk-benign.h5",
    "red20-lambda-system-exit-tfk-benign.h5",
    "red20-lambda-while-true-tfk-benign.h5",
    "red20-lambda-redos-tfk-benign.h5",
    "red20-lambda-credential-names-noread-tfk-benign.h5",
  ],
);

// False alarms: benign Lambdas rated above low.
const TEMPLATE_HOME =
  "a path template whose first part is computed (os.path.join(os.path.dirname(os.path.abspath('.')), 'labels.txt'), f'{d}/labels.txt') opened for reading is a credential read (GW201 high): templatePaths fills every hole with each of HOLE_FILLERS (src/python/lambda.ts:1384-1396), '/root' and '~' among them, and the credential list takes any path under a home written absolutely as credentials (src/catalog/secret-paths.ts `^~[/\\\\]`, `^/root(?:/|$)`), so '~/labels.txt' holds credentials";
const FALSE_ALARMS: [string, string][] = [
  [
    "red20-fa-logging-formatter-format-tfk-benign.h5",
    "logging.Formatter('%(levelname)s %(message)s').format(logging.makeLogRecord({'msg': 'shape ok'})) is unverifiable (medium): formatFields (src/python/evaluate.ts:451-519) takes any .format() call whose callee is not a path for str.format with the receiver as the format string, and a Formatter object is not a constant string",
  ],
  [
    "red20-fa-random-instance-tfk-benign.h5",
    "random.Random(0).random() is unverifiable (medium): random is a pure module, but the methods of what its classes build are judged only through RESULT_TYPES/TYPE_METHODS (src/python/lambda.ts:1254-1275), a hand list of seven types (Logger, hash, Pattern, Match, Template, Counter, datetime); every other instance of a reviewed class falls to the tensor/array method data",
  ],
  ["red20-fa-struct-instance-tfk-benign.h5", "struct.Struct('<f').unpack(...) is unverifiable (medium): struct is a pure module but a Struct's methods are not among RESULT_TYPES/TYPE_METHODS (src/python/lambda.ts:1254-1275)"],
  ["red20-fa-textwrap-instance-tfk-benign.h5", "textwrap.TextWrapper(width=10).wrap(...) is unverifiable (medium): textwrap is a pure module but a TextWrapper's methods are not among RESULT_TYPES/TYPE_METHODS (src/python/lambda.ts:1254-1275)"],
  [
    "red20-fa-namedtuple-field-tfk-benign.h5",
    "collections.namedtuple('P', 'a b')(1, 2).a is unverifiable (medium): the factory is verified compute, but a field of the instance it builds is 'an object that is not known to be a tensor or array' (no type for what a reviewed class factory returns, src/python/lambda.ts:1254-1275)",
  ],
  [
    "red20-fa-re-sub-callback-tfk-benign.h5",
    "re.sub('a', lambda m: m.group(0).upper(), 'abc') is unverifiable (medium): the callback's parameter is bound to what re.sub is given (strings) or nothing, not to the re.Match re.sub calls it with, so m.group is judged as a tensor method (src/python/evaluate.ts:648-653 bindParams; src/python/lambda.ts:1254-1275 knows the Match type only as what re.match/Pattern.match return)",
  ],
];
// A Lambda that opens a host file is an ordinary file read (medium, THREATS.md), whatever the path: the false
// alarm was the credential read (high) a computed directory filled with a home made of it.
for (const file of ["red20-fa-path-join-dir-labels-tfk-benign.h5", "red20-fa-path-fstring-dir-labels-tfk-benign.h5"]) {
  test(`${file}: no credential read, below high (${TEMPLATE_HOME})`, async () => {
    const fs = await severities(file);
    assert.ok(!atLeast(fs, "high"), JSON.stringify(fs));
  });
}
// numpy.load without allow_pickle=False unpickles on numpy before 1.16.3 (high by that rule, not a credential read)
test(`red20-fa-np-load-join-anchors-tfk-benign.h5: no credential read (${TEMPLATE_HOME})`, async () => {
  const data = readFileSync(new URL("../../fixtures/lambda/models/red20-fa-np-load-join-anchors-tfk-benign.h5", import.meta.url));
  const r = await scanBytes("red20-fa-np-load-join-anchors-tfk-benign.h5", new Uint8Array(data));
  assert.ok(!r.findings.some((f) => /credential/i.test(f.message)), JSON.stringify(r.findings.map((f) => f.message)));
});
for (const [file, why] of FALSE_ALARMS) {
  test(`${file}: low or below (${why})`, async () => {
    const fs = await severities(file);
    assert.ok(!atLeast(fs, "medium"), JSON.stringify(fs));
  });
}
