// Hostile YAML: a Keras YAML config is read under strict caps (size, flow depth, aliases, merge
// keys, nodes) checked by one linear lexer pass, so no shape makes the synchronous composer run
// for minutes out of reach of --timeout. Over a cap: GW001, status error. Benign twins: real-shaped
// Keras YAML configs stay scanned and quiet.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { stringify } from "yaml";
import { scanBytes } from "../../src/scanner.js";
import { yamlCapExceeded, YAML_CAPS } from "../../src/keras/yaml-parse.js";

const enc = (s: string) => new TextEncoder().encode(s);
const fixture = (p: string) => new URL(`../../fixtures/${p}`, import.meta.url);
const HEAD = "class_name: Sequential\nkeras_version: 2.4.0\nbackend: tensorflow\nconfig:\n  base: &b {units: 2}\n  layers:\n";

async function scanYaml(text: string) {
  const r = await scanBytes("model.yaml", enc(text), { hash: false, limits: { targetTimeoutMs: 5_000 } });
  assert.equal(r.targets[0]?.format, "keras-yaml");
  return r;
}

test("200 KB of nested flow sequences with a merge key: GW001 from the flow-depth cap", async () => {
  const nest = "[".repeat(100) + "]".repeat(100);
  const text = HEAD + "  - <<: *b\n    v: [" + Array(1000).fill(nest).join(", ") + "]\n";
  assert.ok(text.length > 200_000);
  const r = await scanYaml(text);
  assert.equal(r.targets[0]?.status, "error");
  const e = r.findings.find((f) => f.rule === "GW001");
  assert.match(e?.message ?? "", /flow collections nested deeper than 64/);
});

test("many merge keys and many aliases are refused before composing", async () => {
  const merges = HEAD + Array.from({ length: 40 }, (_, i) => `  - {<<: *b, name: d${i}}\n`).join("");
  assert.match(yamlCapExceeded(merges) ?? "", /merge keys/);
  const rm = await scanYaml(merges);
  assert.match(rm.findings.find((f) => f.rule === "GW001")?.message ?? "", /more than 16 merge keys/);
  const aliases = HEAD + `  - [${Array(YAML_CAPS.aliases + 1).fill("*b").join(", ")}]\n`;
  const ra = await scanYaml(aliases);
  assert.match(ra.findings.find((f) => f.rule === "GW001")?.message ?? "", /more than 100 aliases/);
});

test("quoted text, comments and plain scalars do not count as nesting, aliases or merge keys", () => {
  const text = HEAD + `  - name: "${"[".repeat(500)}"\n    note: '*x &y <<'\n    # ${"{".repeat(500)}\n    other: a*b<<c\n`;
  assert.equal(yamlCapExceeded(text), undefined);
});

test("benign twins: a real-shaped Keras YAML config stays scanned and quiet", async () => {
  const twin = readFileSync(fixture("keras/hb-k2-model.twin.yaml"), "utf8");
  assert.equal(yamlCapExceeded(twin), undefined);
  const r1 = await scanYaml(twin);
  assert.equal(r1.targets[0]?.status, "scanned");
  assert.deepEqual(r1.findings.filter((f) => f.severity !== "info" && f.severity !== "low"), []);
  // A larger config as model.to_yaml() wrote it: the JSON config of a real Keras model, dumped as YAML.
  const cfg: unknown = JSON.parse(readFileSync(fixture("keras/tfk-basic-cnn.json"), "utf8"));
  const r2 = await scanYaml(stringify(cfg));
  assert.equal(r2.targets[0]?.status, "scanned");
  assert.deepEqual(r2.findings.filter((f) => f.rule === "GW001"), []);
});

test("a YAML config over 16 MiB is refused unread (the composer is synchronous: its time grows with size)", async () => {
  const text = HEAD + "  - {name: a}\n" + "# pad\n".repeat(Math.ceil(YAML_CAPS.bytes / 6));
  const r = await scanYaml(text);
  assert.equal(r.targets[0]?.status, "error");
  assert.match(r.findings.find((f) => f.rule === "GW001")?.message ?? "", /exceeds the 16777216-byte limit for YAML configs/);
});
