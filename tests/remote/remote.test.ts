// Remote targets against a real HTTP server on loopback: verdicts equal the local scan's, bytes
// fetched stay a small part of a large file, and every misbehaving server fails the target closed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import type { Report } from "../../src/core/types.js";
import { treeFor } from "../../src/cli/node-tree.js";
import { WalkState, scanTree } from "../../src/scanner.js";
import { scanRemote } from "../../src/remote/scan.js";
import { REPO_ROOT, startServer, type Served } from "./server.js";

let srv: Served;
before(async () => {
  srv = await startServer();
});
after(async () => {
  await srv.close();
});

const FAST = { retries: 2, backoffMs: 10, requestTimeoutMs: 1000 };

async function local(rel: string): Promise<Report> {
  const { tree, rel: r } = treeFor(join(REPO_ROOT, rel));
  try {
    return await scanTree(tree, r, rel, { hash: false });
  } finally {
    await tree.close();
  }
}

/** What a verdict is made of, paths aside: each target's status and format, each finding's rule, severity and member. */
function verdict(rep: Report): { targets: string[]; findings: string[] } {
  return {
    targets: rep.targets.map((t) => `${t.status}|${t.format}`),
    findings: rep.findings.map((f) => `${f.rule}|${f.severity}|${f.location.member ?? ""}|${f.location.pointer ?? ""}`).sort(),
  };
}

const FILES = [
  "examples/benign-classifier.keras",
  "examples/benign-preprocess-lambda.h5",
  "examples/custom-layer.keras",
  "examples/malicious-lambda.keras",
  "examples/malicious-module-swap.keras",
  "fixtures/lambda/models/tfkeras-lambda-module-os.h5",
  "fixtures/lambda/models/tfkeras-lambda-benign.h5",
  "fixtures/polyglot/benign-h5-evil-zip.h5",
  "fixtures/tf/frozen_readfile.pb",
  "fixtures/tf/frozen_benign.pb",
  "fixtures/containers/pickle-posix-system.h5",
];

test("remote files over byte ranges get the local scan's verdict, with bytes fetched reported", async () => {
  let malicious = 0;
  for (const f of FILES) {
    const want = await local(f);
    const got = await scanRemote(`${srv.url}/range/${f}`, { remote: FAST });
    assert.deepEqual(verdict(got), verdict(want), f);
    const t = got.targets[0]!;
    assert.equal(t.path, `${srv.url}/range/${f}`);
    assert.equal(t.bytes, statSync(join(REPO_ROOT, f)).size, f);
    assert.equal(typeof t.details?.["bytes_fetched"], "number", f);
    assert.ok((t.details!["bytes_fetched"] as number) > 0, f);
    if (got.findings.some((x) => x.severity === "high" || x.severity === "critical")) malicious++;
  }
  // The set holds real positives, so equality is not two empty reports.
  assert.ok(malicious >= 4, `malicious targets found: ${malicious}`);
});

test("a server without range support: small files are fetched whole and judged the same", async () => {
  for (const f of ["examples/malicious-lambda.keras", "examples/benign-classifier.keras"]) {
    const got = await scanRemote(`${srv.url}/norange/${f}`, { remote: FAST });
    assert.deepEqual(verdict(got), verdict(await local(f)), f);
    assert.equal(got.targets[0]!.details!["bytes_fetched"], statSync(join(REPO_ROOT, f)).size);
  }
});

test("a server without range support and a file above the whole-download limit: a clear error, fail closed", async () => {
  const f = "examples/malicious-lambda.keras";
  const got = await scanRemote(`${srv.url}/norange/${f}`, { remote: { ...FAST, maxWholeBytes: 1000 } });
  assert.equal(got.targets[0]!.status, "error");
  assert.ok(got.findings.some((x) => x.rule === "GW001"));
  assert.match(got.errors.map((e) => e.message).join("\n"), /ignores byte ranges.*1000-byte limit/);
});

test("redirects are followed, a bounded number of times", async () => {
  const f = "examples/malicious-module-swap.keras";
  const ok = await scanRemote(`${srv.url}/redirect/3/${f}`, { remote: FAST });
  assert.deepEqual(verdict(ok), verdict(await local(f)));
  const loop = await scanRemote(`${srv.url}/redirect/9/${f}`, { remote: { ...FAST, maxRedirects: 5 } });
  assert.equal(loop.targets[0]!.status, "error");
  assert.match(loop.errors[0]!.message, /more than 5 redirects/);
});

test("404 is a clear error for the target", async () => {
  const got = await scanRemote(`${srv.url}/range/examples/nope.h5`, { remote: FAST });
  assert.equal(got.targets[0]!.status, "error");
  assert.match(got.errors[0]!.message, /HTTP 404/);
  assert.ok(got.findings.some((x) => x.rule === "GW001"));
});

test("a slow server times out (retried, then an error), never a clean report", async () => {
  const got = await scanRemote(`${srv.url}/slow/examples/benign-classifier.keras`, { remote: { retries: 1, backoffMs: 10, requestTimeoutMs: 200 } });
  assert.equal(got.targets[0]!.status, "error");
  assert.match(got.errors[0]!.message, /timed out/);
});

test("a truncated response (Content-Length longer than the body) is an error, not a clean report", async () => {
  const got = await scanRemote(`${srv.url}/truncated/examples/benign-classifier.keras`, { remote: FAST });
  assert.equal(got.targets[0]!.status, "error");
  assert.match(got.errors[0]!.message, /truncated/);
  assert.ok(got.findings.some((x) => x.rule === "GW001"));
});

test("a transient 503 is retried with backoff and the scan completes", async () => {
  const f = "examples/malicious-lambda.keras";
  const got = await scanRemote(`${srv.url}/flaky/${f}`, { remote: FAST });
  assert.deepEqual(verdict(got), verdict(await local(f)));
  assert.ok((got.targets[0]!.details!["http_requests"] as number) >= 2);
});

const GEN_PY = join(homedir(), ".cache/graphwarden/venvs/gen/bin/python");

test("a 32 MiB-weights .h5 is judged from a small fraction of its bytes, as locally", { skip: !existsSync(GEN_PY) && "gen venv absent" }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "gw-remote-"));
  try {
    const big = join(dir, "large.h5");
    const gen = await new Promise<number | null>((done) => spawn(GEN_PY, [join(REPO_ROOT, "tools/fixtures/gen_large_h5.py"), join(REPO_ROOT, "examples/benign-preprocess-lambda.h5"), big, "32"], { stdio: "inherit" }).on("close", done));
    assert.equal(gen, 0);
    srv.extra.set("large-weights.h5", big);
    const size = statSync(big).size;
    const got = await scanRemote(`${srv.url}/range/large-weights.h5`, { remote: FAST });
    const { tree, rel } = treeFor(big);
    const want = await scanTree(tree, rel, big, { hash: false });
    await tree.close();
    assert.deepEqual(verdict(got), verdict(want));
    assert.equal(got.targets[0]!.status, "scanned");
    assert.ok(got.findings.some((f) => f.rule !== "GW001"), "the example's Lambda layer is still reported");
    const fetched = got.targets[0]!.details!["bytes_fetched"] as number;
    process.stdout.write(`# 32 MiB-weights .h5: ${fetched} of ${size} bytes fetched (${((100 * fetched) / size).toFixed(2)}%)\n`);
    assert.ok(fetched < size / 50, `${fetched} of ${size} bytes fetched`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const LARGE = "/work/shared/corpus/realworld/018_siamese-resnet-h5/siamese_model.h5";

test("a real-world ResNet .h5 (many small weight datasets) is judged from a fraction of its bytes", { skip: !existsSync(LARGE) }, async () => {
  srv.extra.set("large.h5", LARGE);
  const size = statSync(LARGE).size;
  const got = await scanRemote(`${srv.url}/range/large.h5`, { remote: FAST });
  const { tree, rel } = treeFor(LARGE);
  const want = await scanTree(tree, rel, LARGE, { hash: false });
  await tree.close();
  assert.deepEqual(verdict(got), verdict(want));
  assert.equal(got.targets[0]!.status, "scanned");
  const fetched = got.targets[0]!.details!["bytes_fetched"] as number;
  process.stdout.write(`# real-world .h5: ${fetched} of ${size} bytes fetched (${((100 * fetched) / size).toFixed(1)}%)\n`);
  assert.ok(fetched < size / 4, `${fetched} of ${size} bytes fetched`);
});

test("the fetch cap per target: over it, GW001 and an error naming the cap", async () => {
  const f = "fixtures/polyglot/benign-h5-evil-zip.h5";
  const got = await scanRemote(`${srv.url}/range/${f}`, { remote: { ...FAST, blockSize: 1024, maxFetchBytes: 2048 } });
  assert.equal(got.targets[0]!.status, "error");
  assert.match(got.errors.map((e) => e.message).join("\n"), /cap of 2048 bytes fetched per target/);
});

test("hf://: a Hub repository is listed and its SavedModel and TF.js folders assembled remotely, as locally", async () => {
  for (const [repo, dir] of [
    ["tf/write-file-init", "fixtures/tf/write_file_init"],
    ["tf/keras-benign", "fixtures/tf/keras_benign"],
    ["tfjs/graph-init-writefile", "fixtures/tfjs/graph-init-writefile"],
    ["tfjs/graph-benign", "fixtures/tfjs/graph-benign"],
  ] as const) {
    srv.hubRepos.set(repo, join(REPO_ROOT, dir));
    const want = await local(dir);
    for (const style of ["tree", "siblings"] as const) {
      srv.hub.style = style;
      srv.hub.pageSize = 2;
      const got = await scanRemote(`hf://${repo}@main`, { endpoint: srv.url, remote: FAST });
      assert.deepEqual(verdict(got), verdict(want), `${repo} (${style})`);
      assert.equal(got.targets[0]!.path, `hf://${repo}@main`);
      assert.ok((got.targets[0]!.details!["bytes_fetched"] as number) > 0);
    }
  }
  srv.hub.style = "tree";
  // Two repositories in one run (one walk state): files of the same name are two targets, not aliases.
  srv.hubRepos.set("ex/one", join(REPO_ROOT, "examples"));
  srv.hubRepos.set("ex/two", join(REPO_ROOT, "examples"));
  const state = new WalkState();
  const want = verdict(await local("examples"));
  const a = await scanRemote("hf://ex/one", { endpoint: srv.url, remote: FAST, state });
  const b = await scanRemote("hf://ex/two", { endpoint: srv.url, remote: FAST, state });
  assert.deepEqual(verdict(a), want);
  assert.deepEqual(verdict(b), want);
  assert.ok(want.targets.length >= 5);
});

test("hf://: HF_TOKEN goes to the Hub as a Bearer header, not to where it redirects; an unknown repository is an error", async () => {
  srv.hubRepos.set("tf/private", join(REPO_ROOT, "fixtures/tf/write_file_init"));
  srv.hub.token = "s3cret";
  try {
    const denied = await scanRemote("hf://tf/private", { endpoint: srv.url, remote: FAST, token: "" });
    assert.equal(denied.targets[0]!.status, "error");
    assert.match(denied.errors[0]!.message, /HTTP 401/);
    srv.log.length = 0;
    const ok = await scanRemote("hf://tf/private", { endpoint: srv.url, remote: FAST, token: "s3cret" });
    assert.ok(ok.findings.some((f) => f.severity === "high" || f.severity === "critical"));
    assert.ok(srv.log.some((l) => l.path.startsWith("/api/") && l.auth === "Bearer s3cret"));
  } finally {
    srv.hub.token = undefined;
  }
  // Files resolve to another origin (a CDN): the token is not sent there.
  const cdn = await startServer();
  srv.hub.cdn = cdn.url;
  try {
    const viaCdn = await scanRemote("hf://tf/private", { endpoint: srv.url, remote: FAST, token: "s3cret" });
    assert.ok(viaCdn.findings.some((f) => f.severity === "high" || f.severity === "critical"));
    assert.ok(cdn.log.length > 0 && cdn.log.every((l) => l.auth === undefined));
  } finally {
    srv.hub.cdn = undefined;
    await cdn.close();
  }
  const missing = await scanRemote("hf://nobody/nothing", { endpoint: srv.url, remote: FAST });
  assert.equal(missing.targets[0]!.status, "error");
  assert.match(missing.errors[0]!.message, /HTTP 404/);
});

function cli(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const main = new URL("../../src/cli/main.ts", import.meta.url).pathname;
  return new Promise((resolveRun) => {
    const p = spawn(process.execPath, ["--import", "tsx", main, ...args], { env: { ...process.env, NO_COLOR: "1" } });
    let out = "";
    let err = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.stderr.on("data", (d: Buffer) => (err += d.toString()));
    p.on("close", (code) => resolveRun({ code, out, err }));
  });
}

test("CLI: graphwarden scan <url> exits 1 on a malicious remote file, 0 on a benign one, 2 over the fetch cap", async () => {
  const evil = await cli("scan", `${srv.url}/range/examples/malicious-lambda.keras`, "--format", "json");
  assert.equal(evil.code, 1, evil.err);
  const rep = JSON.parse(evil.out) as Report;
  assert.equal(typeof rep.targets[0]!.details?.["bytes_fetched"], "number");
  const benign = await cli("scan", `${srv.url}/range/examples/benign-classifier.keras`);
  assert.equal(benign.code, 0, benign.out + benign.err);
  if (existsSync(LARGE)) {
    // No range support: the 3.7 MB file would be downloaded whole, over a 1 MiB cap.
    srv.extra.set("large.h5", LARGE);
    const capped = await cli("scan", `${srv.url}/norange/large.h5`, "--max-fetch-mb", "1", "--format", "json");
    assert.equal(capped.code, 2, capped.err);
    const r = JSON.parse(capped.out) as Report;
    assert.equal(r.targets[0]!.status, "error");
    assert.ok(r.findings.some((f) => f.rule === "GW001"));
  }
});

test("CLI: remote targets are scanned in the worker pool: --timeout binds while waiting on the network", async () => {
  // Each request of /slow/ is answered after 3 s (under the 30 s request budget): only the
  // per-target deadline, enforced by the pool, can stop it.
  const slow = await cli("scan", `${srv.url}/slow/examples/benign-classifier.keras`, "--timeout", "1", "--format", "json");
  assert.equal(slow.code, 2, slow.err);
  const r = JSON.parse(slow.out) as Report;
  assert.equal(r.targets[0]!.status, "error");
  assert.match(r.errors.map((e) => e.message).join("\n"), /exceeded 1 s/);
});

test("CLI: hf:// through the worker pool gives the in-process verdict, the token sent to the Hub by the workers", async () => {
  srv.hubRepos.set("ex/pool", join(REPO_ROOT, "examples"));
  srv.hubRepos.set("tf/pool", join(REPO_ROOT, "fixtures/tf/write_file_init"));
  srv.hub.style = "tree";
  for (const repo of ["ex/pool", "tf/pool"]) {
    const want = verdict(await scanRemote(`hf://${repo}`, { endpoint: srv.url, remote: FAST }));
    const before = srv.log.length;
    const got = await new Promise<{ code: number | null; out: string }>((resolveRun) => {
      const main = new URL("../../src/cli/main.ts", import.meta.url).pathname;
      const p = spawn(process.execPath, ["--import", "tsx", main, "scan", `hf://${repo}`, "--format", "json", "--jobs", "2"], { env: { ...process.env, NO_COLOR: "1", HF_ENDPOINT: srv.url, HF_TOKEN: "tok-pool" } });
      let out = "";
      p.stdout.on("data", (d: Buffer) => (out += d.toString()));
      p.on("close", (code) => resolveRun({ code, out }));
    });
    const rep = JSON.parse(got.out) as Report;
    assert.deepEqual(verdict(rep), want, repo);
    assert.equal(got.code, 1, repo);
    for (const t of rep.targets) assert.equal(typeof t.details?.["bytes_fetched"], "number", t.path);
    // Resolve requests, made by the workers, carry the token (the test above shows it is dropped on leaving the origin).
    const seen = srv.log.slice(before);
    assert.ok(seen.some((l) => /\/resolve\//.test(l.path) && l.auth === "Bearer tok-pool"), JSON.stringify(seen.slice(0, 5)));
  }
});
