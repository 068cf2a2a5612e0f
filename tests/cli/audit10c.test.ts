// A third fail-closed audit (tools/fixtures/audit10c/README.md; builders there), each case rebuilt here in a temp
// dir. Gaps were `todo`; all are fixed and enforced: a Keras 3 folder and a TF.js folder recognised by a bounded raw-text
// sniff (an escaped key, a key past the sniffed head, decoy JSON files, leading whitespace), one file reached under two names where the
// name decides the format (.meta), a policy that lowers GW306 (bytes never read). Held cases are enforced.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, cpSync, linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { deflateRawSync } from "node:zlib";
import { unzipSync, zipSync } from "fflate";

const main = new URL("../../src/cli/main.ts", import.meta.url).pathname;
const repo = resolve(new URL("../..", import.meta.url).pathname);
const evil = join(repo, "examples", "malicious-lambda.keras");
const benign = join(repo, "examples", "benign-classifier.keras");
const tfjs = join(repo, "fixtures", "tfjs", "graph-init-writefile");
const meta = join(repo, "fixtures", "tf", "tf1_writefile.meta");

interface Rep {
  targets: { path: string; status: string; format: string; aliases?: string[] }[];
  findings: { rule: string; severity: string; location: { path: string } }[];
}

const args = (a: string[]) => ["--import", "tsx", main, "scan", "-f", "json", ...a];

function parse(code: number | null, stdout: string, stderr: string): { code: number | null; rep: Rep } {
  let rep: Rep = { targets: [], findings: [] };
  try {
    rep = JSON.parse(stdout) as Rep;
  } catch {
    assert.fail(`no JSON report (exit ${code}): ${stderr}`);
  }
  return { code, rep };
}

function run(...a: string[]): { code: number | null; rep: Rep } {
  const r = spawnSync(process.execPath, args(a), { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 120_000 });
  return parse(r.status, r.stdout, r.stderr);
}

/** The same, without blocking the event loop (a server in this process answers the scan). */
function runAsync(...a: string[]): Promise<{ code: number | null; rep: Rep }> {
  return new Promise((res, rej) => {
    const c = spawn(process.execPath, args(a), { env: { ...process.env, NO_COLOR: "1" } });
    let out = "";
    let err = "";
    const timer = setTimeout(() => c.kill("SIGKILL"), 120_000);
    c.stdout.on("data", (d: Buffer) => (out += d.toString()));
    c.stderr.on("data", (d: Buffer) => (err += d.toString()));
    c.on("error", rej);
    c.on("close", (code) => {
      clearTimeout(timer);
      try {
        res(parse(code, out, err));
      } catch (e) {
        rej(e);
      }
    });
  });
}

const tmp = (name: string) => {
  const d = join(mkdtempSync(join(tmpdir(), "gw-audit10c-")), name);
  mkdirSync(d, { recursive: true });
  return d;
};

const evilConfig = () => new TextDecoder().decode(unzipSync(readFileSync(evil))["config.json"]!);
/** A Keras 3 folder (config.json alone, which keras.saving.load_model(folder) loads) beside a benign model. */
function kerasFolder(config: string): string {
  const d = tmp("kfolder");
  mkdirSync(join(d, "mdl"));
  writeFileSync(join(d, "mdl", "config.json"), config);
  copyFileSync(benign, join(d, "ok.keras"));
  return d;
}
const padFirst = (json: string, n: number) => `{"_pad": "${"x".repeat(n)}", ${json.trimStart().slice(1)}`;

test("A (was a gap): a Keras config whose keys are JSON-escaped (class\\u005fname) is a Keras folder under --exclude '*.json' (fixed: config.json is parsed as json.loads parses it (escapes, every encoding), a top-level class_name makes the folder a Keras folder)", () => {
  const r = run(kerasFolder(evilConfig().replaceAll('"class_name"', '"class\\u005fname"')), "--exclude", "*.json");
  assert.equal(r.code, 1, JSON.stringify(r.rep.targets.map((t) => t.path)));
  assert.ok(r.rep.findings.some((f) => f.rule === "GW201"));
});

test("A (was a gap): a Keras config whose first \"class_name\" lies past 64 KiB is a Keras folder under --exclude '*.json' (fixed: the whole config.json is parsed (up to 64 MiB; a larger one keeps its folder whole))", () => {
  const r = run(kerasFolder(padFirst(evilConfig(), 70_000)), "--exclude", "*.json");
  assert.equal(r.code, 1);
  assert.ok(r.rep.findings.some((f) => f.rule === "GW201"));
});

test("A (held): the plain config, and the escaped one without a filter, are read", () => {
  const r = run(kerasFolder(evilConfig()), "--exclude", "*.json");
  assert.equal(r.code, 1);
  const s = run(kerasFolder(evilConfig().replaceAll('"class_name"', '"class\\u005fname"')));
  assert.equal(s.code, 1);
  assert.ok(s.rep.findings.some((f) => f.rule === "GW201"));
});

test("E (was a gap): a Keras 3 folder whose config.json starts with 5000 spaces is scanned (no filter) (fixed: a head of whitespace only (1 KiB or more) may be JSON, parsed whole)", () => {
  const r = run(kerasFolder(" ".repeat(5000) + evilConfig()));
  assert.equal(r.code, 1, JSON.stringify(r.rep.targets.map((t) => `${t.path} ${t.format} ${t.status}`)));
  assert.ok(r.rep.findings.some((f) => f.rule === "GW201"));
});

test("E (held): the same config.json inside a .keras is read", () => {
  const d = tmp("wsk");
  const files = unzipSync(readFileSync(evil));
  files["config.json"] = new TextEncoder().encode(" ".repeat(5000) + evilConfig());
  writeFileSync(join(d, "ws.keras"), zipSync(files));
  const r = run(join(d, "ws.keras"));
  assert.equal(r.code, 1);
  assert.ok(r.rep.findings.some((f) => f.rule === "GW201"));
});

function tfjsFolder(edit?: (dir: string) => void): string {
  const d = tmp("tfjs");
  cpSync(tfjs, join(d, "web"), { recursive: true });
  copyFileSync(benign, join(d, "ok.keras"));
  edit?.(join(d, "web"));
  return d;
}

test("B (was a gap): a TF.js model.json whose modelTopology lies past the first 4 KiB is scanned (no filter) (fixed: a JSON document parsed to a TF.js model.json is scanned as one, whatever its head shows)", () => {
  const d = tfjsFolder((w) => writeFileSync(join(w, "model.json"), padFirst(readFileSync(join(w, "model.json"), "utf8"), 5000)));
  const r = run(d);
  assert.equal(r.code, 1, JSON.stringify(r.rep.targets.map((t) => `${t.path} ${t.format} ${t.status}`)));
  assert.ok(r.rep.findings.some((f) => f.rule === "GW503"));
});

test("B (was a gap): a TF.js folder with more than 32 other JSON files before model.json is read whole under --exclude '*.json' (fixed: up to 256 JSON files probed, a padded one parsed whole; a folder the probe cannot decide is kept whole under the filter)", () => {
  const d = tfjsFolder((w) => {
    for (let i = 1; i <= 40; i++) writeFileSync(join(w, `a${String(i).padStart(2, "0")}.json`), '{"a": 1}');
  });
  const r = run(d, "--exclude", "*.json");
  assert.equal(r.code, 1);
  assert.ok(r.rep.findings.some((f) => f.rule === "GW503"));
});

test("B (held): the TF.js fixture under --exclude '*.json', and with 40 decoys unfiltered", () => {
  assert.equal(run(tfjsFolder(), "--exclude", "*.json").code, 1);
  const d = tfjsFolder((w) => {
    for (let i = 1; i <= 40; i++) writeFileSync(join(w, `a${String(i).padStart(2, "0")}.json`), '{"a": 1}');
  });
  assert.equal(run(d).code, 1);
});

/** tf1_writefile.meta with its top-level fields written highest number first (a protobuf reader parses it the same). */
function reorderedMeta(): Buffer {
  const data = readFileSync(meta);
  const fields: { n: number; raw: Buffer }[] = [];
  let i = 0;
  const varint = (): number => {
    let r = 0;
    let s = 0;
    for (;;) {
      const c = data[i++]!;
      r += (c & 0x7f) * 2 ** s;
      s += 7;
      if (c < 0x80) return r;
    }
  };
  while (i < data.length) {
    const st = i;
    const tag = varint();
    const wt = tag & 7;
    if (wt === 0) varint();
    else if (wt === 2) {
      const n = varint(); // (read before i is: `i += varint()` would add to the old i)
      i += n;
    }
    else if (wt === 1) i += 8;
    else if (wt === 5) i += 4;
    else throw new Error(`wire type ${wt}`);
    fields.push({ n: tag >> 3, raw: data.subarray(st, i) });
  }
  return Buffer.concat(fields.sort((a, b) => b.n - a.n).map((f) => f.raw));
}

test("C (was a gap): a .meta hard-linked under a name that sorts first and no probe recognises is still scanned as a MetaGraphDef (fixed: a file reached again under a name that decides another format (.meta, .keras, config.json ...) is scanned under that name too)", () => {
  const d = tmp("meta-hard");
  writeFileSync(join(d, "model.meta"), reorderedMeta());
  linkSync(join(d, "model.meta"), join(d, "aaa.dat"));
  copyFileSync(benign, join(d, "ok.keras"));
  const r = run(d);
  assert.equal(r.code, 1, JSON.stringify(r.rep.targets));
  assert.ok(r.rep.findings.some((f) => f.rule === "GW503"));
});

test("C (was a gap): model.meta -> aaa.bin (a link to a file no probe recognises) is scanned as a MetaGraphDef (fixed: a file reached again under a name that decides another format (.meta, .keras, config.json ...) is scanned under that name too)", () => {
  const d = tmp("meta-link");
  writeFileSync(join(d, "aaa.bin"), reorderedMeta());
  symlinkSync("aaa.bin", join(d, "model.meta"));
  copyFileSync(benign, join(d, "ok.keras"));
  const r = run(d);
  assert.equal(r.code, 1, JSON.stringify(r.rep.targets));
});

test("C (was a gap): in a Hugging Face cache, model.meta and backup.bin sharing one blob: the .meta is scanned as a MetaGraphDef (fixed: a file reached again under a name that decides another format (.meta, .keras, config.json ...) is scanned under that name too)", () => {
  const hub = tmp("hub");
  const r0 = join(hub, "models--acme--net");
  const snap = join(r0, "snapshots", "0123abcd");
  mkdirSync(join(r0, "blobs"), { recursive: true });
  mkdirSync(join(r0, "refs"));
  mkdirSync(snap, { recursive: true });
  writeFileSync(join(r0, "refs", "main"), "0123abcd");
  writeFileSync(join(r0, "blobs", "deadbeef"), reorderedMeta());
  copyFileSync(benign, join(r0, "blobs", "cafef00d"));
  symlinkSync("../../blobs/deadbeef", join(snap, "model.meta"));
  symlinkSync("../../blobs/deadbeef", join(snap, "backup.bin"));
  symlinkSync("../../blobs/cafef00d", join(snap, "ok.keras"));
  const r = run(hub);
  assert.equal(r.code, 1, JSON.stringify(r.rep.targets));
});

test("C (held): the reordered MetaGraphDef under its .meta name alone", () => {
  const d = tmp("meta");
  writeFileSync(join(d, "model.meta"), reorderedMeta());
  copyFileSync(benign, join(d, "ok.keras"));
  const r = run(d);
  assert.equal(r.code, 1);
  assert.ok(r.rep.findings.some((f) => f.rule === "GW503" && f.severity === "high"));
});

test("D (was a gap): a policy cannot make a FIFO under a loader's name (bytes never read) pass (fixed: a policy cannot switch GW306 off or lower it (usage error, exit 2))", (t) => {
  const d = tmp("fifo");
  if (spawnSync("mkfifo", [join(d, "model.keras")]).status !== 0) return t.skip("mkfifo unavailable");
  copyFileSync(benign, join(d, "ok.keras"));
  const pol = join(d, "..", "policy.json");
  for (const rule of ['{"enabled": false}', '{"severity": "info"}']) {
    writeFileSync(pol, `{"rules": {"GW306": ${rule}}}`);
    const r = spawnSync(process.execPath, ["--import", "tsx", main, "scan", d, "--policy", pol], { encoding: "utf8", timeout: 60_000 });
    assert.equal(r.status, 2, rule);
    assert.match(r.stderr, /GW306/);
  }
});

test("D (held): GW001 cannot be switched off by a policy (usage error, exit 2)", () => {
  const d = tmp("pol");
  const pol = join(d, "policy.json");
  writeFileSync(pol, '{"rules": {"GW001": {"enabled": false}}}');
  const r = spawnSync(process.execPath, ["--import", "tsx", main, "scan", benign, "--policy", pol], { encoding: "utf8", timeout: 60_000 });
  assert.equal(r.status, 2);
});

test("held: a SavedModel with a payload inside a .tar.gz and a zip inside a zip is found; the benign one passes", () => {
  const d = tmp("nest");
  for (const [name, want] of [["write_file_init", 1], ["embedded_graph_benign", 0]] as const) {
    const r1 = spawnSync("tar", ["-C", join(repo, "fixtures", "tf"), "-czf", join(d, `${name}.tar.gz`), name]);
    if (r1.status !== 0) continue;
    assert.equal(run(join(d, `${name}.tar.gz`)).code, want, name);
    const files: Record<string, Uint8Array> = {};
    const add = (rel: string): void => {
      const p = join(repo, "fixtures", "tf", rel);
      const st = spawnSync("find", [p, "-type", "f"], { encoding: "utf8" });
      for (const f of st.stdout.split("\n").filter(Boolean)) files[f.slice(join(repo, "fixtures", "tf").length + 1)] = readFileSync(f);
    };
    add(name);
    writeFileSync(join(d, `${name}.zip.zip`), zipSync({ [`${name}.zip`]: zipSync(files) }));
    assert.equal(run(join(d, `${name}.zip.zip`)).code, want, `${name} zip in zip`);
  }
});

test("held: a model 2000 folders deep (a 4013-character path) is found", () => {
  let p = tmp("deep");
  const root = p;
  for (let i = 0; i < 2000; i++) p = join(p, "a");
  mkdirSync(p, { recursive: true });
  copyFileSync(evil, join(p, "m.keras"));
  assert.equal(run(root).code, 1);
});

test("held: a remote model sent with Content-Encoding: gzip whose raw bytes are another model is never exit 0", async () => {
  // gzip header whose FEXTRA holds the malicious .keras; its member inflates to the benign one (mkgzpoly.py)
  const inner = readFileSync(benign);
  const extra = readFileSync(evil);
  const sub = Buffer.concat([Buffer.from("GW"), Buffer.from([extra.length & 0xff, extra.length >> 8]), extra]);
  const crc = (await import("node:zlib")).crc32?.(inner);
  if (crc === undefined) return; // Node without zlib.crc32
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(inner.length, 4);
  const body = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, sub.length & 0xff, sub.length >> 8]), sub, deflateRawSync(inner), trailer]);
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-encoding": "gzip", "content-length": body.length });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const port = (server.address() as AddressInfo).port;
    const r = await runAsync(`http://127.0.0.1:${port}/model.keras`);
    assert.notEqual(r.code, 0, JSON.stringify(r.rep.targets));
  } finally {
    server.close();
  }
});
