// The service's HTTP API with the in-process queue and the memory store (no Redis, no
// PostgreSQL): auth, path confinement, upload limits, 404s, and reports equal to the CLI's.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, copyFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { request } from "node:http";
import { join, resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../packages/service/src/app.js";
import { processScan } from "../../packages/service/src/jobs.js";
import { InlineQueue } from "../../packages/service/src/queue.js";
import { FORMATS, Scanner } from "../../packages/service/src/scanner.js";
import { MemoryStore } from "../../packages/service/src/store.js";

const REPO = resolve(import.meta.dirname, "../..");
const CLI = join(REPO, "dist/cli/main.js");
const TOKEN = "s3cret-token";
let tmp: string;
let root: string;
let outside: string;
let app: FastifyInstance;
let scanner: Scanner;
let store: MemoryStore;
let queue: InlineQueue;
const auth = { authorization: `Bearer ${TOKEN}` };

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), "gw-service-"));
  root = join(tmp, "root");
  outside = join(tmp, "outside");
  mkdirSync(join(root, "models"), { recursive: true });
  mkdirSync(outside);
  copyFileSync(join(REPO, "examples/malicious-lambda.keras"), join(outside, "secret.keras"));
  for (const f of readdirSync(join(REPO, "examples"))) if (f.endsWith(".keras") || f.endsWith(".h5")) copyFileSync(join(REPO, "examples", f), join(root, "models", f));
  symlinkSync(join(outside, "secret.keras"), join(root, "models", "escape.keras"));
  mkdirSync(join(root, "linkdir"));
  symlinkSync(outside, join(root, "linkdir", "out"));
  symlinkSync(outside, join(root, "outdir"));
  store = new MemoryStore();
  scanner = new Scanner();
  queue = new InlineQueue((id) => processScan(id, { store, scanner, root }));
  app = await buildApp({ store, queue, root, spoolDir: join(tmp, "spool"), token: TOKEN, maxUploadBytes: 64 * 1024 });
});

after(async () => {
  await app.close();
  await queue.close();
  await scanner.close();
  rmSync(tmp, { recursive: true, force: true });
});

function cli(cwd: string, target: string, format: string): string {
  const r = spawnSync(process.execPath, [CLI, "scan", target, "--format", format], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  assert.ok(r.status === 0 || r.status === 1 || r.status === 2, r.stderr);
  return r.stdout;
}

test("every route but /healthz needs the bearer token", async () => {
  assert.equal((await app.inject({ url: "/healthz" })).statusCode, 200);
  for (const url of ["/scans", "/metrics", "/scans/x", "/scans/x/report"]) {
    assert.equal((await app.inject({ url })).statusCode, 401, url);
    assert.equal((await app.inject({ url, headers: { authorization: "Bearer wrong-token!" } })).statusCode, 401, url);
  }
  const post = await app.inject({ method: "POST", url: "/scans", payload: { path: "models/benign-classifier.keras" } });
  assert.equal(post.statusCode, 401);
  assert.equal((await app.inject({ url: "/scans", headers: auth })).statusCode, 200);
});

test("paths outside the scan root are refused: '..', absolute, symlinked file or folder, links inside a folder", async () => {
  const cases: Array<[string, number]> = [
    ["../outside/secret.keras", 400],
    ["models/../../outside/secret.keras", 400],
    ["models/..", 400],
    [join(outside, "secret.keras"), 400],
    ["/etc/passwd", 400],
    ["models/escape.keras", 403],
    ["outdir/secret.keras", 403],
    ["outdir", 403],
    ["linkdir", 403],
    ["models/nope.keras", 404],
    ["models/a\0b", 400],
  ];
  for (const [path, status] of cases) {
    const r = await app.inject({ method: "POST", url: "/scans", headers: auth, payload: { path } });
    assert.equal(r.statusCode, status, `${JSON.stringify(path)}: ${r.body}`);
  }
  const list = (await app.inject({ url: "/scans?limit=1000", headers: auth })).json() as { scans: unknown[] };
  assert.equal(list.scans.filter((s) => JSON.stringify(s).includes("secret")).length, 0);
});

test("an upload whose declared length is over the limit is 413; a bad upload name is 400; an oversize JSON body is 413", async () => {
  const big = Buffer.alloc(64 * 1024 + 1, 7);
  const r = await app.inject({ method: "POST", url: "/scans?name=big.h5", headers: { ...auth, "content-type": "application/octet-stream" }, payload: big });
  assert.equal(r.statusCode, 413);
  for (const name of ["../x.h5", "a/b.h5", ".."]) {
    const b = await app.inject({ method: "POST", url: `/scans?name=${encodeURIComponent(name)}`, headers: { ...auth, "content-type": "application/octet-stream" }, payload: Buffer.from("x") });
    assert.equal(b.statusCode, 400, name);
  }
  const json = await app.inject({ method: "POST", url: "/scans", headers: { ...auth, "content-type": "application/json" }, payload: JSON.stringify({ path: "x".repeat(70 * 1024) }) });
  assert.equal(json.statusCode, 413);
  assert.deepEqual(readdirSync(join(tmp, "spool")), []);
});

test("an upload streamed without a length is cut off at the limit with 413 and leaves nothing in the spool", async () => {
  const addr = await app.listen({ host: "127.0.0.1", port: 0 });
  const u = new URL(`${addr}/scans?name=stream.h5`);
  const status = await new Promise<number>((res, rej) => {
    const r = request({ host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method: "POST", headers: { ...auth, "content-type": "application/octet-stream", "transfer-encoding": "chunked" } }, (resp) => {
      resp.resume();
      res(resp.statusCode ?? 0);
    });
    r.on("error", rej);
    // 80 KiB in 8 KiB chunks against a 64 KiB limit; the server may close before the last ones.
    let sent = 0;
    const more = (): void => {
      if (sent >= 10) return void r.end();
      sent++;
      r.write(Buffer.alloc(8192, 1), () => setTimeout(more, 5));
    };
    more();
  });
  assert.equal(status, 413);
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(readdirSync(join(tmp, "spool")), []);
});

test("an unknown scan id is 404; a bad format is 400", async () => {
  assert.equal((await app.inject({ url: "/scans/no-such-id", headers: auth })).statusCode, 404);
  assert.equal((await app.inject({ url: "/scans/no-such-id/report?format=sarif", headers: auth })).statusCode, 404);
  const r = await app.inject({ method: "POST", url: "/scans", headers: auth, payload: { path: "models/benign-classifier.keras" } });
  const id = (r.json() as { id: string }).id;
  assert.equal((await app.inject({ url: `/scans/${id}/report?format=pdf`, headers: auth })).statusCode, 400);
});

test("a path scan's reports equal the CLI's byte for byte, in every format; the second submission is answered from the store", async () => {
  const target = "models/malicious-lambda.keras";
  const r = await app.inject({ method: "POST", url: "/scans?wait=60", headers: auth, payload: { path: target } });
  assert.equal(r.statusCode, 200, r.body);
  const scan = r.json() as { id: string; status: string; exitCode: number; cached: boolean };
  assert.equal(scan.status, "done");
  assert.equal(scan.exitCode, 1);
  assert.equal(scan.cached, false);
  for (const format of FORMATS) {
    const rep = await app.inject({ url: `/scans/${scan.id}/report?format=${format}`, headers: auth });
    assert.equal(rep.statusCode, 200);
    assert.equal(rep.body, cli(root, target, format), format);
  }
  assert.match((await app.inject({ url: `/scans/${scan.id}/report?format=text`, headers: auth })).body, /GW\d{3}/);
  const again = (await app.inject({ method: "POST", url: "/scans", headers: auth, payload: { path: `./${target}` } })).json() as { status: string; cached: boolean; id: string };
  assert.equal(again.status, "done");
  assert.equal(again.cached, true);
  assert.equal((await app.inject({ url: `/scans/${again.id}/report?format=json`, headers: auth })).body, cli(root, target, "json"));
});

test("an upload's reports equal the CLI's run on the same file under the same name", async () => {
  const data = readFileSync(join(REPO, "examples/custom-layer.keras"));
  const r = await app.inject({ method: "POST", url: "/scans?name=custom-layer.keras&wait=60", headers: { ...auth, "content-type": "application/octet-stream", "idempotency-key": "u1" }, payload: data });
  assert.equal(r.statusCode, 200, r.body);
  const id = (r.json() as { id: string }).id;
  const dir = join(tmp, "cli-upload");
  mkdirSync(dir);
  writeFileSync(join(dir, "custom-layer.keras"), data);
  // SARIF's %SRCROOT% is where the CLI ran (run-specific); an upload's is always file:///uploads/.
  const srcRoot = (s: string): string => s.replace(/("%SRCROOT%": \{\s*"uri": )"[^"]*"/, '$1"<root>"');
  for (const format of FORMATS) {
    const body = (await app.inject({ url: `/scans/${id}/report?format=${format}`, headers: auth })).body;
    const want = cli(dir, "custom-layer.keras", format);
    if (format === "sarif") {
      assert.match(body, /"uri": "file:\/\/\/uploads\/"/);
      assert.equal(srcRoot(body), srcRoot(want));
    } else assert.equal(body, want, format);
  }
  // The same idempotency key is the same scan; the upload's spool folder is gone once stored.
  const again = await app.inject({ method: "POST", url: "/scans?name=custom-layer.keras", headers: { ...auth, "content-type": "application/octet-stream", "idempotency-key": "u1" }, payload: data });
  assert.equal((again.json() as { id: string; created: boolean }).id, id);
  assert.equal((again.json() as { created: boolean }).created, false);
  assert.deepEqual(readdirSync(join(tmp, "spool")), []);
});

test("a folder under the root is scanned like the CLI scans it; /metrics speaks Prometheus text", async () => {
  // models/ holds a link to a file outside the root: the whole folder is refused.
  assert.equal((await app.inject({ method: "POST", url: "/scans", headers: auth, payload: { path: "models" } })).statusCode, 403);
  mkdirSync(join(root, "clean", "inner"), { recursive: true });
  copyFileSync(join(REPO, "examples/benign-classifier.keras"), join(root, "clean", "a.keras"));
  copyFileSync(join(REPO, "examples/malicious-module-swap.keras"), join(root, "clean", "inner", "b.keras"));
  symlinkSync(join(root, "clean", "a.keras"), join(root, "clean", "inner", "link.keras"));
  const r = await app.inject({ method: "POST", url: "/scans?wait=60", headers: auth, payload: { path: "clean" } });
  assert.equal(r.statusCode, 200, r.body);
  const id = (r.json() as { id: string }).id;
  assert.equal((r.json() as { status: string }).status, "done");
  for (const format of FORMATS) assert.equal((await app.inject({ url: `/scans/${id}/report?format=${format}`, headers: auth })).body, cli(root, "clean", format), format);
  const m = await app.inject({ url: "/metrics", headers: auth });
  assert.match(m.body, /graphwarden_scans_submitted_total\{source="path"\} \d+/);
  assert.match(m.body, /graphwarden_scans_answered_from_store_total 1/);
});
