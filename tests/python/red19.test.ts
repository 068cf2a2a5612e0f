// Nineteenth attack round (tools/fixtures/red19_keras/README.md): Keras Lambda payloads proven to fire on
// tf_keras 2.20.1 with default options that the scan rates below their effect (a class pattern's keyword reading a
// module attribute by name, `match os: case object(system=g)`; Terraform's credential variables under the TF_ prefix
// the plain-environment list takes whole; a module carried through raise/except or a starred unpacking;
// /proc/<pid>/environ with the pid from os.getpid(); spwd.getspall, the shadow password database), each with a benign
// twin (same loader, same shape) that must stay at low or below (enforced); and benign Lambdas rated above low
// (logging's constants, functools.partial of compute, configuration environment names, everyday standard-library
// compute). All fixed and enforced.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, findings, redTeamRound } from "./red-team.js";

const severities = findings;

const MATCH_CLASS =
  "a class pattern's keywords read the subject's attributes by name (MATCH_CLASS: getattr(subject, name), the names a constant tuple, no LOAD_ATTR): `match os: case object(system=g): g(cmd)` is info and `case object(environ=e): e.get('HF_TOKEN')` medium; src/python/evaluate.ts has no case for MATCH_CLASS, the generic stack effect (:868-872, net -2) leaves the SUBJECT where the tuple of attributes belongs, UNPACK_SEQUENCE (:1283) binds g to an unknown whose one alternative is the module os, and judgeCallees accepts that module as '<one of several verified callables>' (src/python/lambda.ts:534-536)";
const CARRIED =
  "a module carried through an opcode the evaluator does not model (raise ValueError(os) / except ValueError as e: e.args[0]; [m, *_] = [os, 0], UNPACK_EX) is an unknown value, so its namespace read by a computed name (m.__dict__['sys' + 'tem'](cmd)) is only unverifiable (GW202 medium): the handler's exception is UNKNOWN('exception') (src/python/evaluate.ts:891) and UNPACK_EX falls to the generic stack effect (:868-872)";
const TF_PREFIX =
  "Terraform's documented credential variables (TF_TOKEN_app_terraform_io, TF_VAR_db_password) are not a credential read (info): PLAIN_ENV (src/python/lambda.ts:1112) takes every name under the TF_ prefix (and CUDA_, CONDA_, PYTHON*, XLA_ ...) as harmless, secret word or not";
const PROC_PID =
  "the process environment read as /proc/<pid>/environ with the pid from os.getpid() (an f-string or %) is a plain host-file read (medium): the credential-path catalogue (src/catalog/secret-paths.ts:10, proc/(self|thread-self|\\d+)/environ) is matched against constants only, and the constant parts '/proc/' and '/environ' are no credential path alone";
const SPWD =
  "spwd.getspall() (the shadow password database, readable by the root user a container loader often is) is medium: the reviewed table's own note says 'reads /etc/shadow (credentials)' (src/catalog/python.ts STDLIB_EFFECTS spwd) but the severity comes from its file-read capability, and credentialReader (src/python/lambda.ts:1159) knows only the environment and netrc";

for (const file of ["red19-lambda-match-class-ossystem-tfk.h5"]) {
  test(`${file}: critical (${MATCH_CLASS})`, async () => {
    const fs = await severities(file);
    assert.ok(atLeast(fs, "critical"), JSON.stringify(fs));
  });
}
for (const file of ["red19-lambda-exc-carried-ossystem-tfk.h5", "red19-lambda-unpackex-carried-ossystem-tfk.h5"]) {
  test(`${file}: critical (${CARRIED})`, async () => {
    const fs = await severities(file);
    assert.ok(atLeast(fs, "critical"), JSON.stringify(fs));
  });
}

redTeamRound(
  "19",
  [
    ["red19-lambda-match-class-environ-tfk.h5", MATCH_CLASS],
    ["red19-lambda-env-tfprefix-tfk.h5", TF_PREFIX],
    ["red19-lambda-proc-pid-environ-fstring-tfk.h5", PROC_PID],
    ["red19-lambda-proc-pid-environ-percent-tfk.h5", PROC_PID],
    ["red19-lambda-spwd-getspall-tfk.h5", SPWD],
  ],
  [
    "red19-lambda-match-class-shape-tfk-benign.h5",
    "red19-lambda-env-tfprefix-tfk-benign.h5",
    "red19-lambda-exc-carried-tfk-benign.h5",
    "red19-lambda-unpackex-carried-tfk-benign.h5",
    "red19-lambda-proc-pid-environ-noread-tfk-benign.h5",
    "red19-lambda-spwd-noread-tfk-benign.h5",
  ],
);

// False alarms: benign Lambdas rated above low.
const FALSE_ALARMS: [string, string][] = [
  [
    "red19-fa-logging-setlevel-debug-tfk-benign.h5",
    "logging's constants take the module's effects note: logging.getLogger('model').setLevel(logging.DEBUG) is high ('passes logging.DEBUG to a call that may invoke it (logging set-up that opens log files)'): STDLIB_EFFECTS' prefix match (src/catalog/python.ts:480, stdlibJudgement) judges every logging member not in STDLIB_PURE_NAMES, a number included",
  ],
  [
    "red19-fa-logging-getlevelname-tfk-benign.h5",
    "logging.getLevelName(10) (a table lookup) is high: not in STDLIB_PURE_NAMES, so the logging prefix of STDLIB_EFFECTS (src/catalog/python.ts:480) calls it logging set-up that opens log files",
  ],
  [
    "red19-fa-functools-partial-mul-tfk-benign.h5",
    "functools.partial(operator.mul, 1.0)(x) is critical: the deny list (src/catalog/python.ts:159) rates functools.partial exec whatever it wraps; the wrapped callable (here verified compute) is not judged as the one called",
  ],
  [
    "red19-fa-env-config-names-tfk-benign.h5",
    "reading configuration variables outside the plain list (SLURM_PROCID, HF_HOME) is a credential read (high): SECRET_ENV is 'not in PLAIN_ENV' (src/python/lambda.ts:1112-1113), so every launcher/cache setting (SLURM_*, HF_HOME, NCCL_*, TORCH_HOME ...) is a secret",
  ],
  [
    "red19-fa-datetime-now-tfk-benign.h5",
    "datetime.datetime.now().isoformat() is unverifiable (medium): datetime is in STDLIB_PURE_MODULES but stdlibJudgement (src/catalog/python.ts) vouches for one level only (datetime.datetime), not a class's method (datetime.datetime.now), and the method on its result is unknown",
  ],
  [
    "red19-fa-hashlib-hexdigest-tfk-benign.h5",
    "a method of what a reviewed pure standard-library constructor returns is unverifiable (medium): hashlib.sha256(b'model').hexdigest(): the receiver is a value, and the method data (lookupMethod, src/python/lambda.ts:470-472, 524-529) holds tensor, array and container classes only, not hashlib's hash objects",
  ],
  [
    "red19-fa-re-compile-match-tfk-benign.h5",
    "re.compile('a+').match('aa').group(0) is unverifiable (medium): re is in STDLIB_PURE_MODULES, but .match/.group on the Pattern and Match it returns are not in the method data (src/python/lambda.ts:470-472, 524-529)",
  ],
  ["red19-fa-typing-cast-tfk-benign.h5", "typing.cast(float, x) (returns x) is unverifiable (medium): typing is neither walked by the name data nor in the reviewed stdlib table"],
  ["red19-fa-warnings-filter-tfk-benign.h5", "warnings.filterwarnings('ignore') is unverifiable (medium): only warnings.warn is in STDLIB_PURE_NAMES (src/catalog/python.ts)"],
];
for (const [file, why] of FALSE_ALARMS) {
  test(`${file}: low or below (${why})`, async () => {
    const fs = await severities(file);
    assert.ok(!atLeast(fs, "medium"), JSON.stringify(fs));
  });
}
