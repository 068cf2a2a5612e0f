// Twelfth attack round (tools/fixtures/red12_keras/README.md): Keras payloads proven to fire on real
// loaders that the scan rates below their effect. Each malicious file SHOULD get a finding at high or
// critical (`todo` until its class is fixed); each benign twin (same loader, same shape) must stay at low
// or below (enforced).
import { test } from "node:test";
import assert from "node:assert/strict";
import { severityRank } from "../../src/index.js";
import { redTeamRound, scanFolder } from "./red-team.js";

const FORMAT_DIGIT =
  "CPython reads a format field's index (and a [key]) as an integer when it is Unicode decimal digits (get_integer: Py_UNICODE_TODECIMAL), so '{\\u0660.lib._npyio_impl.os.environ}'.format(np) is argument 0; the scan's formatField takes ASCII digits only, looks the field up as a missing keyword (unknown) and the lookups on it read as harmless (info; get_field then os.system: medium)";

const FORMAT_BIND =
  "str.format(**{'x': np}) and str.format_map(dict(x=np)) bind the field name x to numpy (whose lib._npyio_impl.os is os); the scan binds format names only from literal keywords and dict literals, so the field's first object is unknown and its lookups read as harmless (info)";

const FORMAT_VALUE =
  "a bound str.format handed on as a value (map(s.format, [np]), (lambda m: m(np))(s.format)) is called by Python with the same field lookups; the scan replays a format string's fields only where <const>.format is itself the callee, so the lookups reaching numpy's os.environ are never made (info)";

const MODULE_BUILTIN =
  "tf_keras's Lambda.from_config merges the namespace of the config's module (any module in sys.modules) over the Lambda's globals, so a builtin name the module rebinds is that module's member: with module numpy.lib._datasource, open(url, destpath=...) downloads a URL and writes it to the host; the scan takes the module's member only when the catalogue denies it and otherwise reads the name as the builtin (builtins.open, a read: GW201 medium; with module tensorflow._api.v2.compat.v1, print(x, output_stream='file://...') is tf.print writing a host file, read as builtins.print: info)";

const JSON_HOOK =
  "tf_keras reads an .h5 model_config with json_utils.decode, whose object_hook turns {\"class_name\": \"__bytes__\", \"value\": s} into bytes and {\"class_name\": \"__tuple__\", \"items\": [...]} into a tuple before the layers see their configs; a TensorFlowOpLayer node_def written as __bytes__ is parsed as a binary NodeDef, and __tuple__ lists are valid json_format lists, so DebugIdentityV2 writes under a path from the file at every predict; the scan reads the wrapper objects as they are (no op, or an empty list: clean)";

const MALICIOUS: [file: string, cls: string][] = [
  // class 1, tf_keras 2.20.1 .h5, default options (reads the environment into the output at load and predict)
  ["red12-format-digit-environ-tfk.h5", FORMAT_DIGIT],
  ["red12-format-digit-item-environ-tfk.h5", FORMAT_DIGIT],
  // class 1, tf_keras 2.20.1 .h5, default options (runs a shell command at load)
  ["red12-format-digit-system-tfk.h5", FORMAT_DIGIT],
  // class 2, tf_keras 2.20.1 .h5, default options (reads the environment into the output)
  ["red12-format-starstar-environ-tfk.h5", FORMAT_BIND],
  ["red12-format-mapcall-environ-tfk.h5", FORMAT_BIND],
  ["red12-format-starslice-environ-tfk.h5", FORMAT_BIND],
  // class 4, tf_keras 2.20.1 .h5, default options (reads the environment into the output)
  ["red12-format-mapped-environ-tfk.h5", FORMAT_VALUE],
  ["red12-format-passed-environ-tfk.h5", FORMAT_VALUE],
  // class 5, tf_keras 2.20.1 .h5, default options (downloads at load)
  ["red12-module-open-download-tfk.h5", MODULE_BUILTIN],
  // class 5, tf_keras 2.20.1 .h5, default options (writes a host file at predict: module tensorflow._api.v2.compat.v1, whose print is tf.print)
  ["red12-module-print-file-tfk.h5", MODULE_BUILTIN],
  // class 3, tf_keras 2.20.1 .h5, default options (fires at predict)
  ["red12-hook-bytes-debugidentity-tfk.h5", JSON_HOOK],
  ["red12-hook-tuple-debugidentity-tfk.h5", JSON_HOOK],
];

const BENIGN = [
  "red12-format-digit-tfk-benign.h5",
  "red12-format-starstar-tfk-benign.h5",
  "red12-format-mapcall-tfk-benign.h5",
  "red12-format-mapped-tfk-benign.h5",
  "red12-format-passed-tfk-benign.h5",
  "red12-module-open-tfk-benign.h5",
  "red12-module-print-tfk-benign.h5",
  "red12-hook-bytes-relu-tfk-benign.h5",
  "red12-hook-tuple-relu-tfk-benign.h5",
];

redTeamRound("12", MALICIOUS, BENIGN, { todo: true });

test(`red12-hook-bytes-metadata-debugidentity-tfk.savedmodel: high or critical (${JSON_HOOK}; SavedModel: keras_metadata.pb is read with the same hook, the traced graph holds Relu)`, { todo: `red-team round 12: ${JSON_HOOK}` }, async () => {
  const fs = await scanFolder("red12-hook-bytes-metadata-debugidentity-tfk.savedmodel");
  assert.ok(fs.some((f) => severityRank(f.severity as never) >= severityRank("high")), JSON.stringify(fs));
});

test("red12-hook-bytes-relu-tfk-benign.savedmodel: benign twin stays at low or below", async () => {
  const fs = await scanFolder("red12-hook-bytes-relu-tfk-benign.savedmodel");
  assert.ok(!fs.some((f) => severityRank(f.severity as never) >= severityRank("medium")), JSON.stringify(fs));
});
