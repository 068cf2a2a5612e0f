// Ninth attack round (tools/fixtures/red9_keras/README.md): payloads proven to fire on real loaders
// that the scan rates info or medium. Each malicious file SHOULD get a finding at high or critical
// (both classes fixed); each benign twin (same loader, same shape) must stay at low or
// below (enforced).
import { redTeamRound } from "./red-team.js";

const EXEC = "a library function that runs a string as Python code (numpy.testing.measure / runstring, typing.get_type_hints, doctest.run_docstring_examples, functools.singledispatch(...).register evaluating annotations) or resolves one to any callable (pkgutil.resolve_name) is not in the name data: the payload string is data to the scan (medium: could not be verified)";
const FORMAT = "a format string's field names ({0.__globals__[sys].modules[os].environ}) are attribute and item lookups that str.format / str.format_map / string.Formatter().format perform: the Lambda reads the process environment while its bytecode only calls .format on a constant (info)";

// class 1 (fixed: the name data walks numpy.testing, typing, doctest and pkgutil; a function whose body
// runs exec/eval/compile is process; typing's annotation evaluators, functools.singledispatch, doctest
// and pkgutil.resolve_name are process by review)
const MALICIOUS: [file: string, cls: string][] = [
  // class 1, tf_keras 2.20.1 .h5 (defaults) and Keras 3.15.1 .keras (safe_mode=False)
  ["red9-exec-measure-tfk.h5", EXEC],
  ["red9-exec-runstring-tfk.h5", EXEC],
  ["red9-exec-typehints-tfk.h5", EXEC],
  ["red9-exec-doctest-tfk.h5", EXEC],
  ["red9-exec-resolvename-tfk.h5", EXEC],
  ["red9-exec-singledispatch-tfk.h5", EXEC],
  ["red9-exec-measure-k3.keras", EXEC],
  ["red9-exec-runstring-k3.keras", EXEC],
  ["red9-exec-typehints-k3.keras", EXEC],
  ["red9-exec-doctest-k3.keras", EXEC],
  ["red9-exec-resolvename-k3.keras", EXEC],
  ["red9-exec-singledispatch-k3.keras", EXEC],
];

// class 2 (fixed: the evaluator performs the lookups a constant format string's fields make; a format
// string that is not a constant is unverifiable), same loaders
const FORMAT_MALICIOUS: [file: string, cls: string][] = [
  ["red9-format-environ-tfk.h5", FORMAT],
  ["red9-format-environ-map-tfk.h5", FORMAT],
  ["red9-format-environ-formatter-tfk.h5", FORMAT],
  ["red9-format-environ-k3.keras", FORMAT],
  ["red9-format-environ-map-k3.keras", FORMAT],
  ["red9-format-environ-formatter-k3.keras", FORMAT],
];

const BENIGN = [
  "red9-exec-measure-tfk-benign.h5",
  "red9-exec-measure-k3-benign.keras",
  "red9-format-environ-tfk-benign.h5",
  "red9-format-environ-k3-benign.keras",
];

redTeamRound("9", MALICIOUS, []);
redTeamRound("9", FORMAT_MALICIOUS, BENIGN);
