// Twenty-first attack round (tools/fixtures/red21_keras/README.md): Keras Lambda payloads proven to fire on
// tf_keras 2.20.1 with default options that the scan rates below their effect (a logging.Formatter's '{' fields
// reading the environment through a module bound into the record or the Formatter's defaults; process-wide logging
// state changed through the Logger logging.getLogger returns), each with a benign twin (same loader, same shape) that
// must stay at low or below (enforced); and benign Lambdas rated above low (a linear-time regular expression whose
// repeated group consumes a separator; a loop left by an exception its own body raises). The malicious cases and the
// false alarms were `todo` until their class was fixed. All fixed and enforced.
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

const FORMATTER_MODULE =
  "a logging.Formatter's '{' format fields read attributes and items of whatever the record (or the Formatter's defaults) carries: with a module bound there (makeLogRecord({'msg': os}), Formatter(..., defaults={'m': os})), '{msg.environ[HF_TOKEN]}' reads the environment, yet the scan calls it only unverifiable (GW202 medium): formatterRisk (src/python/lambda.ts:1332-1346) looks at the format string alone (a dunder is exec, any '.' or '[' step unverifiable) and never at what the record holds";

redTeamRound(
  "21",
  [
    ["red21-lambda-formatter-record-module-environ-tfk.h5", FORMATTER_MODULE],
    ["red21-lambda-formatter-defaults-module-environ-tfk.h5", FORMATTER_MODULE],
  ],
  ["red21-lambda-formatter-record-tfk-benign.h5", "red21-lambda-logger-tfk-benign.h5"],
);

const LOGGER_STATE =
  "process-wide logging state changed through the Logger a reviewed pure name returns is 'only tensor math' (GW203 info) although THREATS.md rates global-state changes medium: logging.getLogger().manager.disable = 100 silences every record of the process (the loader's warnings included), logging.getLogger('tensorflow').disabled = True the TensorFlow logger; STORE_ATTR (src/python/evaluate.ts:1076-1086) records a store as a global-state change only when its object has a path (a module attribute), and a call's result (logging.getLogger()) has none, so the store only feeds attrStores";
for (const file of ["red21-lambda-logging-manager-disable-tfk.h5", "red21-lambda-logger-disabled-tfk.h5"]) {
  test(`${file}: medium or above (${LOGGER_STATE})`, async () => {
    const fs = await severities(file);
    assert.ok(atLeast(fs, "medium"), JSON.stringify(fs));
  });
}

// False alarms: benign Lambdas rated above low.
const REGEX_SEPARATED =
  "a linear-time regular expression whose repeated group must consume a separator its inner quantifier cannot match ((\\d+\\.)*\\d+, (?:[^,]+,)*[^,]+) is 'nested quantifiers: matching may backtrack for ever' (GW201 medium): CATASTROPHIC_REGEX (src/python/lambda.ts:979) takes any quantified group holding an unbounded quantifier, whether or not two passes can match the same text";
const LOOP_EXCEPTION =
  "a loop left by an exception its own body raises (w[i] past the end caught as IndexError, 1 / n at n = 0 caught as ZeroDivisionError) is 'a loop with no way out' (GW201 medium): endlessLoop (src/python/evaluate.ts:1516-1525) counts only calls, returns, raises, yields and jumps out of the body as exits, not an instruction that may raise into a handler outside the loop (BINARY_SUBSCR, BINARY_OP) while the exception table covers it";
const FALSE_ALARMS: [string, string][] = [
  ["red21-fa-regex-version-tfk-benign.h5", REGEX_SEPARATED],
  ["red21-fa-regex-csv-tfk-benign.h5", REGEX_SEPARATED],
  ["red21-fa-loop-index-error-tfk-benign.h5", LOOP_EXCEPTION],
  ["red21-fa-loop-zero-division-tfk-benign.h5", LOOP_EXCEPTION],
];
for (const [file, why] of FALSE_ALARMS) {
  test(`${file}: low or below (${why})`, async () => {
    const fs = await severities(file);
    assert.ok(!atLeast(fs, "medium"), JSON.stringify(fs));
  });
}
