// Twelfth attack round (tools/fixtures/red12_keras/README.md): Keras payloads proven to fire on real
// loaders that the scan rated below their effect. All classes fixed: each malicious file gets a finding at
// high or critical, except the reads of the environment into the output, which get the rating the
// catalogue gives os.environ wherever a Lambda reaches it (GW201 medium, "reads environment variables") or,
// where a format field starts from a value that cannot be bound, GW202 medium (unverifiable); each
// benign twin (same loader, same shape) stays at low or below.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { scanBytes, severityRank } from "../../src/index.js";
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

// Reads of the environment into the output (classes 1, 2, 4; tf_keras 2.20.1 .h5, default options): the
// environment read named (os.environ), or the field unverifiable, at medium or above.
const ENVIRON: [file: string, cls: string][] = [
  ["red12-format-digit-environ-tfk.h5", FORMAT_DIGIT],
  ["red12-format-digit-item-environ-tfk.h5", FORMAT_DIGIT],
  ["red12-format-starstar-environ-tfk.h5", FORMAT_BIND],
  ["red12-format-mapcall-environ-tfk.h5", FORMAT_BIND],
  ["red12-format-starslice-environ-tfk.h5", FORMAT_BIND],
  ["red12-format-mapped-environ-tfk.h5", FORMAT_VALUE],
  ["red12-format-passed-environ-tfk.h5", FORMAT_VALUE],
];
for (const [file, cls] of ENVIRON) {
  test(`${file}: the environment read reported at medium or above (${cls})`, async () => {
    const r = await scanBytes(file, new Uint8Array(readFileSync(new URL(`../../fixtures/lambda/models/${file}`, import.meta.url))));
    const hits = r.findings.filter((f) => severityRank(f.severity) >= severityRank("medium") && /os\.environ|format field's lookups/.test(`${f.message} ${f.evidence ?? ""}`));
    assert.ok(hits.length > 0, JSON.stringify(r.findings.map((f) => [f.rule, f.severity, f.message])));
  });
}

const MALICIOUS: [file: string, cls: string][] = [
  // class 1, tf_keras 2.20.1 .h5, default options (runs a shell command at load)
  ["red12-format-digit-system-tfk.h5", FORMAT_DIGIT],
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

redTeamRound("12", MALICIOUS, BENIGN);

test(`red12-hook-bytes-metadata-debugidentity-tfk.savedmodel: high or critical (${JSON_HOOK}; SavedModel: keras_metadata.pb is read with the same hook, the traced graph holds Relu)`, async () => {
  const fs = await scanFolder("red12-hook-bytes-metadata-debugidentity-tfk.savedmodel");
  assert.ok(fs.some((f) => severityRank(f.severity as never) >= severityRank("high")), JSON.stringify(fs));
});

test("red12-hook-bytes-relu-tfk-benign.savedmodel: benign twin stays at low or below", async () => {
  const fs = await scanFolder("red12-hook-bytes-relu-tfk-benign.savedmodel");
  assert.ok(!fs.some((f) => severityRank(f.severity as never) >= severityRank("medium")), JSON.stringify(fs));
});
