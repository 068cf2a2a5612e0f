// SARIF for code scanning (issue 12): validated against the official SARIF 2.1.0 schema as shipped
// in an npm package (@microsoft/jest-sarif), with a real JSON-schema validator (ajv, draft-04).
// URIs relative to %SRCROOT%, results on the file that holds the finding, real regions only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import AjvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { renderSarif } from "../../src/report/sarif.js";
import { scanBytes } from "../../src/scanner.js";
import { ALL_RULES } from "../../src/rules/index.js";

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8")) as object;
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

const root = resolve(new URL("../..", import.meta.url).pathname);
const cli = join(root, "dist/cli/main.js");

interface Sarif {
  runs: {
    tool: { driver: { rules: { id: string; helpUri?: string }[] } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number; startColumn?: number } }; logicalLocations?: { fullyQualifiedName: string }[] }[];
    }[];
  }[];
}

function sarif(args: string[], cwd = root): Sarif {
  const r = spawnSync(process.execPath, [cli, "scan", "-f", "sarif", ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  assert.ok(r.status !== null && r.status <= 2, r.stderr);
  const doc = JSON.parse(r.stdout) as Sarif;
  assert.ok(validate(doc), JSON.stringify(validate.errors?.slice(0, 5)));
  return doc;
}

test("valid SARIF 2.1.0 for examples and every fixture folder; %SRCROOT% relative URIs", () => {
  for (const dir of ["examples", "fixtures/tf", "fixtures/keras", "fixtures/containers", "fixtures/tfjs", "fixtures/tflite", "fixtures/polyglot"]) {
    const doc = sarif([dir, "--fail-on", "info"]);
    const run = doc.runs[0]!;
    assert.equal(run.originalUriBaseIds?.["%SRCROOT%"]?.uri, pathToFileURL(root).href + "/");
    for (const res of run.results) {
      const loc = res.locations[0]!.physicalLocation.artifactLocation;
      assert.equal(loc.uriBaseId, "%SRCROOT%", `${dir}: ${loc.uri}`);
      assert.ok(loc.uri.startsWith(dir + "/"), loc.uri);
    }
  }
});

test("an absolute path is made relative to %SRCROOT%; --sarif-root moves the root", () => {
  const abs = sarif([join(root, "examples/malicious-lambda.keras")]);
  const loc = abs.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation;
  assert.deepEqual(loc, { uri: "examples/malicious-lambda.keras", uriBaseId: "%SRCROOT%" });
  const moved = sarif(["examples/malicious-lambda.keras", "--sarif-root", "examples"]);
  assert.equal(moved.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri, "malicious-lambda.keras");
  assert.equal(moved.runs[0]!.originalUriBaseIds?.["%SRCROOT%"]?.uri, pathToFileURL(join(root, "examples")).href + "/");
});

test("SavedModel results point at saved_model.pb; archive members are logical locations", () => {
  const doc = sarif(["fixtures/tf/numpy_function", "examples/malicious-lambda.keras"]);
  const tf = doc.runs[0]!.results.find((r) => r.ruleId === "GW501")!;
  assert.equal(tf.locations[0]!.physicalLocation.artifactLocation.uri, "fixtures/tf/numpy_function/saved_model.pb");
  assert.match(tf.locations[0]!.logicalLocations![0]!.fullyQualifiedName, /^meta_graphs\[0\]\//);
  const k = doc.runs[0]!.results.find((r) => r.ruleId === "GW201")!;
  assert.equal(k.locations[0]!.physicalLocation.artifactLocation.uri, "examples/malicious-lambda.keras");
  assert.equal(k.locations[0]!.logicalLocations![0]!.fullyQualifiedName, "config.json#/config/layers/1/config/function");
  assert.equal(k.locations[0]!.physicalLocation.region, undefined, "no region invented inside an archive");
});

test("info findings are left out unless --fail-on info", () => {
  const quiet = sarif(["examples"]);
  assert.ok(!quiet.runs[0]!.results.some((r) => r.ruleId === "GW203" || r.ruleId === "GW002"));
  assert.ok(quiet.runs[0]!.results.some((r) => r.ruleId === "GW201"));
  const all = sarif(["examples", "--fail-on", "info"]);
  assert.ok(all.runs[0]!.results.some((r) => r.ruleId === "GW203"));
});

test("every rule has a helpUri to its section of docs/rules.md", () => {
  const doc = sarif(["fixtures/tf", "fixtures/keras", "--fail-on", "info"]);
  const headings = new Set([...readFileSync(join(root, "docs/rules.md"), "utf8").matchAll(/^## (GW\d+)$/gm)].map((m) => m[1]!.toLowerCase()));
  const rules = doc.runs[0]!.tool.driver.rules;
  assert.ok(rules.length > 5);
  for (const r of rules) {
    const anchor = r.helpUri?.split("#")[1];
    assert.ok(r.helpUri?.includes("/docs/rules.md#"), r.id);
    assert.ok(anchor && headings.has(anchor), `${r.id}: ${r.helpUri}`);
  }
});

test("a finding in a JSON config gets the real line and column of its layer", () => {
  const dir = mkdtempSync(join(tmpdir(), "gw-sarif-"));
  mkdirSync(join(dir, "m"));
  const cfg = { class_name: "Functional", config: { layers: [{ class_name: "Dense", config: { units: 1 } }, { module: "os", class_name: "function", config: "system", name: "x" }] } };
  const text = JSON.stringify(cfg, null, 2);
  writeFileSync(join(dir, "m/model.json"), text);
  const doc = sarif(["m/model.json"], dir);
  const res = doc.runs[0]!.results.find((r) => r.ruleId === "GW101")!;
  const region = res.locations[0]!.physicalLocation.region!;
  const line = text.split("\n")[region.startLine - 1]!;
  assert.equal(line.slice(region.startColumn! - 1).trim(), "{");
  assert.match(text.split("\n")[region.startLine]!, /"module": "os"/);
});

test("a finding in a YAML config gets the line of its layer; a pbtxt or HDF5 finding gets none", () => {
  const dir = mkdtempSync(join(tmpdir(), "gw-sarif-"));
  const yaml = "class_name: Functional\nconfig:\n  layers:\n  - class_name: Dense\n    config:\n      units: 1\n  - module: os\n    class_name: function\n    config: system\n    name: x\n";
  writeFileSync(join(dir, "m.yaml"), yaml);
  const doc = sarif(["m.yaml"], dir);
  const region = doc.runs[0]!.results.find((r) => r.ruleId === "GW101")!.locations[0]!.physicalLocation.region!;
  assert.deepEqual(region, { startLine: 7, startColumn: 5 });
  const other = sarif(["fixtures/tf/pbtxt_read_file", "fixtures/keras/hb-k3-fn-os-system.h5"]);
  assert.ok(other.runs[0]!.results.length >= 2);
  for (const r of other.runs[0]!.results) assert.equal(r.locations[0]!.physicalLocation.region, undefined, r.ruleId);
});

test("renderSarif in a browser context (no root) keeps paths relative and valid", async () => {
  const r = await scanBytes("evil.json", new TextEncoder().encode(JSON.stringify({ class_name: "Functional", config: { layers: [{ module: "os", class_name: "function", config: "system" }] } })));
  const doc = JSON.parse(renderSarif(r, ALL_RULES)) as Sarif;
  assert.ok(validate(doc), JSON.stringify(validate.errors));
  assert.deepEqual(doc.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation, { uri: "evil.json", uriBaseId: "%SRCROOT%" });
});
