/* global setTimeout, clearTimeout, setInterval, clearInterval, fetch, Buffer */
// Proof for the service (packages/service): starts Redis and PostgreSQL on loopback in a temp
// folder (redis-server from Debian's package, installed when missing; PostgreSQL's initdb/pg_ctl),
// then the API and workers, and checks: (a) reports through the API equal the CLI's byte for
// byte; (b) a bounded load test loses and duplicates nothing (p50/p99 latency, throughput);
// (c) a worker SIGKILLed mid-job, an API restart and a Redis restart leave every job done exactly
// once in the store; (d) 1 vs 2 workers. Prints the figures; stops everything it started.
// Sizes: GW_PROOF_LOAD (submissions, default 2000), GW_PROOF_LOAD_SEC (default 120),
// GW_PROOF_SCALE (jobs per scaling run, default 600: fewer are over before the second worker has warmed up), GW_PROOF_FIXTURES (fixtures end to end, 6).
// End to end, examples are compared in all five formats, fixtures and uploads in json, sarif, text.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as netServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(REPO, "dist/cli/main.js");
const BIN = join(REPO, "packages/service/bin/graphwarden-service.mjs");
const env = process.env;
const LOAD = Number(env.GW_PROOF_LOAD ?? 2000);
const LOAD_SEC = Number(env.GW_PROOF_LOAD_SEC ?? 120);
const SCALE = Number(env.GW_PROOF_SCALE ?? 600);
const N_FIXTURES = Number(env.GW_PROOF_FIXTURES ?? 6);
const TOKEN = "proof-token";
const FORMATS = ["json", "sarif", "text", "markdown", "html"];
const figures = {};
const failures = [];
const children = new Set();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (s) => console.log(`[proof] ${s}`);

function check(ok, what) {
  if (ok) log(`ok: ${what}`);
  else {
    failures.push(what);
    log(`FAILED: ${what}`);
  }
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

function freePort() {
  return new Promise((res) => {
    const s = netServer().listen(0, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });
}

/** A long-running child under `nice`, its output kept; resolves when `ready` appears on stdout. */
function start(name, cmd, args, { ready, envx = {}, onLine } = {}) {
  const p = spawn("nice", ["-n", "5", cmd, ...args], { env: { ...env, ...envx }, stdio: ["ignore", "pipe", "pipe"] });
  children.add(p);
  p.name = name;
  p.out = "";
  let buf = "";
  const lines = (d) => {
    p.out += d;
    buf += d;
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      const l = buf.slice(0, i);
      buf = buf.slice(i + 1);
      onLine?.(l, p);
    }
  };
  p.stdout.on("data", (d) => lines(String(d)));
  p.stderr.on("data", (d) => (p.out += String(d)));
  p.exited = new Promise((r) => p.on("exit", (code, sig) => {
    children.delete(p);
    r({ code, sig });
  }));
  if (!ready) return Promise.resolve(p);
  return new Promise((res, rej) => {
    const t = setInterval(() => {
      if (ready.test(p.out)) {
        clearInterval(t);
        res(p);
      }
    }, 50);
    p.exited.then(() => {
      clearInterval(t);
      rej(new Error(`${name} exited before it was ready:\n${p.out.slice(-3000)}`));
    });
  });
}

async function stop(p, sig = "SIGTERM") {
  if (!p || p.exitCode !== null || p.signalCode !== null) return;
  p.kill(sig);
  const t = setTimeout(() => p.kill("SIGKILL"), 10_000);
  await p.exited;
  clearTimeout(t);
}

// ---------- infrastructure ----------
if (!spawnSync("sh", ["-c", "command -v redis-server"]).stdout.length) {
  log("installing redis-server (Debian package)");
  run("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null"]);
}
const PG_BIN = ["/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin"].find((d) => existsSync(join(d, "pg_ctl")) && existsSync(join(d, "initdb")));
if (!PG_BIN) throw new Error("PostgreSQL (initdb, pg_ctl) not found");
/** Newest modification time under a folder. */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
// `npm test` has just built dist/ in CI: build again only when a source file is newer.
if (!existsSync(join(REPO, "dist/index.js")) || newest(join(REPO, "src")) > statSync(join(REPO, "dist/index.js")).mtimeMs) {
  log("building the CLI");
  run("npm", ["run", "build"], { cwd: REPO });
}
log("building the service package");
run("npm", ["run", "-w", "graphwarden-service", "build"], { cwd: REPO });

const tmp = mkdtempSync(join(tmpdir(), "gw-proof-"));
chmodSync(tmp, 0o755);
const pgData = join(tmp, "pg");
const pgSock = join(tmp, "pgsock");
const redisDir = join(tmp, "redis");
const spool = join(tmp, "spool");
for (const d of [pgData, pgSock, redisDir, spool]) mkdirSync(d);
const asRoot = process.getuid?.() === 0;
const pgUser = () => {
  const u = run("id", ["-u", "postgres"]).trim();
  const g = run("id", ["-g", "postgres"]).trim();
  return [Number(u), Number(g)];
};
if (asRoot) for (const d of [pgData, pgSock]) chownSync(d, ...pgUser());
const asPg = (bin, args) => (asRoot ? run("runuser", ["-u", "postgres", "--", join(PG_BIN, bin), ...args]) : run(join(PG_BIN, bin), args));

const pgPort = await freePort();
const redisPort = await freePort();
const apiPort = await freePort();
let redis;
let api;
const workers = [];
let pgStarted = false;

let cleaning;
function cleanup() {
  cleaning ??= cleanupOnce();
  return cleaning;
}
async function cleanupOnce() {
  for (const p of [...children]) await stop(p);
  if (pgStarted) {
    try {
      asPg("pg_ctl", ["-D", pgData, "-m", "fast", "-w", "stop"]);
    } catch (e) {
      log(`pg_ctl stop: ${e.message}`);
    }
  }
  rmSync(tmp, { recursive: true, force: true });
}
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

const DB_URL = `postgres://postgres@127.0.0.1:${pgPort}/graphwarden`;
const REDIS_URL = `redis://127.0.0.1:${redisPort}`;
const baseEnv = {
  GW_PORT: String(apiPort),
  GW_REDIS_URL: REDIS_URL,
  GW_DATABASE_URL: DB_URL,
  GW_SCAN_ROOT: REPO,
  GW_SPOOL_DIR: spool,
  GW_TOKEN: TOKEN,
  GW_ALLOW_URLS: "1",
  GW_LOCK_MS: "4000",
  GW_RECONCILE_SEC: "5",
};

async function startRedis() {
  redis = await start("redis", "redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--dir", redisDir, "--appendonly", "yes", "--appendfsync", "always", "--save", ""], { ready: /Ready to accept connections/ });
}
const startApi = async () => (api = await start("api", "node", [BIN, "serve"], { envx: baseEnv, ready: /listening on/ }));
async function startWorker(extra = {}, onLine) {
  const w = await start(`worker${workers.length}`, "node", [BIN, "worker"], { envx: { ...baseEnv, ...extra }, ready: /worker ready/, onLine });
  workers.push(w);
  return w;
}

// ---------- client ----------
const API = () => `http://127.0.0.1:${apiPort}`;
const H = { authorization: `Bearer ${TOKEN}` };

async function req(path, init = {}, retries = 0) {
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`${API()}${path}`, { ...init, headers: { ...H, ...(init.headers ?? {}) } });
      const body = await r.text();
      if (r.status >= 500 && i < retries) throw new Error(`HTTP ${r.status}`);
      return { status: r.status, body, json: () => JSON.parse(body) };
    } catch (e) {
      if (i >= retries) throw e;
      await sleep(200);
    }
  }
}
const submitPath = (path, key, retries = 0) => req(`/scans`, { method: "POST", headers: { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) }, body: JSON.stringify({ path }) }, retries);
const submitUpload = (file, name, key, retries = 0, wait = 0) =>
  req(`/scans?name=${encodeURIComponent(name)}&wait=${wait}`, { method: "POST", headers: { "content-type": "application/octet-stream", ...(key ? { "idempotency-key": key } : {}) }, body: readFileSync(file) }, retries);
async function waitDone(id, retries = 50) {
  for (;;) {
    const r = await req(`/scans/${id}?wait=30`, {}, retries);
    if (r.status === 200) return r.json();
    if (r.status !== 202) throw new Error(`scan ${id}: HTTP ${r.status} ${r.body}`);
  }
}
/** The CLI's report, as `graphwarden scan <target> --format <format>` prints it from `cwd`. */
function cliAsync(cwd, target, format) {
  return new Promise((res) => {
    const p = spawn("nice", ["-n", "5", process.execPath, CLI, "scan", target, "--format", format], { cwd, env: { ...env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "ignore"] });
    const out = [];
    p.stdout.on("data", (d) => out.push(d));
    p.on("close", () => res(Buffer.concat(out).toString("utf8")));
  });
}
const sarifRoot = (s) => s.replace(/("%SRCROOT%": \{\s*"uri": )"[^"]*"/, '$1"<root>"');

// ---------- PostgreSQL queries (psql) ----------
function sql(q) {
  return run("psql", ["-X", "-q", "-t", "-A", "-h", "127.0.0.1", "-p", String(pgPort), "-U", "postgres", "-d", "graphwarden", "-c", q]).trim();
}

/** CPU time (ms) used so far by these processes (Linux /proc; 100 ticks a second). */
function cpuMs(pids) {
  let t = 0;
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, "utf8");
      const rest = f.slice(f.lastIndexOf(")") + 2).split(" ");
      t += (Number(rest[11]) + Number(rest[12])) * 10;
    } catch {
      // Gone.
    }
  }
  return t;
}
/** The PostgreSQL server and its backends. */
function pgPids() {
  const master = Number(readFileSync(join(pgData, "postmaster.pid"), "utf8").split("\n")[0]);
  const out = [master];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, "utf8");
      if (Number(f.slice(f.lastIndexOf(")") + 2).split(" ")[1]) === master) out.push(Number(d));
    } catch {
      // Gone.
    }
  }
  return out;
}
async function allDone(ids) {
  const list = ids.map((i) => `'${i}'`).join(",");
  for (;;) {
    if (Number(sql(`SELECT count(*) FROM gw_scans WHERE id IN (${list}) AND status <> 'queued'`)) === ids.length) return;
    await sleep(100);
  }
}

function pct(a, p) {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** Checks that every listed scan is done, once, and that its result exists exactly once. */
function exactlyOnce(ids, what) {
  const list = ids.map((i) => `'${i}'`).join(",");
  const done = Number(sql(`SELECT count(*) FROM gw_scans WHERE id IN (${list}) AND status = 'done'`));
  const rows = Number(sql(`SELECT count(*) FROM gw_scans WHERE id IN (${list})`));
  const missing = Number(sql(`SELECT count(*) FROM gw_scans s WHERE s.id IN (${list}) AND NOT EXISTS (SELECT 1 FROM gw_results r WHERE r.artifact_sha256 = s.artifact_sha256 AND r.scanner_version = s.scanner_version AND r.rules_version = s.rules_version AND r.variant = s.variant)`));
  const dupResults = Number(sql(`SELECT count(*) FROM (SELECT 1 FROM gw_results GROUP BY artifact_sha256, scanner_version, rules_version, variant HAVING count(*) > 1) d`));
  check(new Set(ids).size === ids.length && rows === ids.length && done === ids.length && missing === 0 && dupResults === 0, `${what}: ${ids.length} submitted, ${rows} scan rows, ${done} done, ${missing} without a result, ${dupResults} duplicated results`);
  return { submitted: ids.length, done, missing, duplicated: dupResults };
}

function fixturePool() {
  const out = [];
  for (const d of ["keras", "lambda", "hdf5", "tflite", "polyglot"]) {
    const dir = join(REPO, "fixtures", d);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      const p = join(dir, f);
      const st = statSync(p);
      if (st.isFile() && st.size < 64 * 1024) out.push(p);
    }
  }
  return out;
}

try {
  // ---------- start ----------
  log(`temp folder ${tmp}; PostgreSQL on 127.0.0.1:${pgPort}, Redis on 127.0.0.1:${redisPort}, API on 127.0.0.1:${apiPort}`);
  asPg("initdb", ["-D", pgData, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  asPg("pg_ctl", ["-D", pgData, "-w", "-l", join(pgData, "log.txt"), "-o", `-c listen_addresses=127.0.0.1 -p ${pgPort} -k ${pgSock}`, "start"]);
  pgStarted = true;
  run("psql", ["-X", "-q", "-h", "127.0.0.1", "-p", String(pgPort), "-U", "postgres", "-c", "CREATE DATABASE graphwarden"]);
  await startRedis();
  await startApi();
  await startWorker();
  await startWorker();

  // ---------- (a) end to end ----------
  log("(a) end to end: examples and fixtures through the API, compared with the CLI");
  const exFiles = readdirSync(join(REPO, "examples")).sort().map((f) => `examples/${f}`);
  const fx = fixturePool();
  const step = Math.max(1, Math.floor(fx.length / N_FIXTURES));
  const fixtures = fx.filter((_, i) => i % step === 0).slice(0, N_FIXTURES).map((p) => p.slice(REPO.length + 1));
  const paths = ["examples", ...exFiles, ...fixtures, "fixtures/tfjs/graph-readfile", "fixtures/tf/write_file_init"].filter((p) => existsSync(join(REPO, p)));
  let compared = 0;
  let equal = 0;
  const mismatches = [];
  const cliQueue = [];
  for (const p of paths) {
    const r = await submitPath(p);
    if (r.status >= 300 && r.status !== 202) throw new Error(`submit ${p}: ${r.status} ${r.body}`);
    const s = await waitDone(r.json().id);
    for (const f of p.startsWith("examples") ? FORMATS : ["json", "sarif", "text"]) cliQueue.push({ p, f, id: s.id, cwd: REPO, target: p, upload: false });
  }
  for (const f of exFiles.filter((x) => /\.(keras|h5)$/.test(x))) {
    const r = await submitUpload(join(REPO, f), basename(f));
    const s = await waitDone(r.json().id);
    for (const fm of ["json", "sarif", "text"]) cliQueue.push({ p: `upload:${f}`, f: fm, id: s.id, cwd: join(REPO, "examples"), target: basename(f), upload: true });
  }
  // Two CLI runs at a time (2 cores).
  const todo = [...cliQueue];
  await Promise.all(
    [0, 1].map(async () => {
      for (let c = todo.shift(); c; c = todo.shift()) {
        const got = (await req(`/scans/${c.id}/report?format=${c.f}`)).body;
        const want = await cliAsync(c.cwd, c.target, c.f);
        compared++;
        const same = c.upload && c.f === "sarif" ? sarifRoot(got) === sarifRoot(want) && got.includes('"uri": "file:///uploads/"') : got === want;
        if (same) equal++;
        else mismatches.push(`${c.p} ${c.f}`);
      }
    }),
  );
  check(equal === compared && compared > 0, `(a) ${equal}/${compared} reports equal the CLI's byte for byte (${paths.length} paths and ${cliQueue.filter((c) => c.upload).length / 3} uploads; uploads' SARIF %SRCROOT% normalised)${mismatches.length ? `; mismatches: ${mismatches.join(", ")}` : ""}`);
  figures.e2e = { targets: paths.length, uploads: cliQueue.filter((c) => c.upload).length / 3, reportsCompared: compared, equal };

  // remote: one URL scan through a loopback server with range support, to count bytes fetched.
  const big = fx.concat(readdirSync(join(REPO, "examples")).map((f) => join(REPO, "examples", f))).filter((p) => /\.h5$/.test(p)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
  const http = createServer((rq, rs) => {
    const size = statSync(big).size;
    const m = /bytes=(\d+)-(\d*)/.exec(rq.headers.range ?? "");
    if (!m) {
      rs.writeHead(200, { "content-length": size, "accept-ranges": "bytes" });
      return createReadStream(big).pipe(rs);
    }
    const s = Number(m[1]);
    const e = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
    rs.writeHead(206, { "content-length": e - s + 1, "content-range": `bytes ${s}-${e}/${size}`, "accept-ranges": "bytes" });
    createReadStream(big, { start: s, end: e }).pipe(rs);
  });
  await new Promise((r) => http.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${http.address().port}/${basename(big)}`;
  const ru = await req("/scans", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ url }) });
  await waitDone(ru.json().id);
  const remoteJson = JSON.parse((await req(`/scans/${ru.json().id}/report?format=json`)).body);
  http.close();
  const rt = remoteJson.targets[0];
  figures.remote = { file: basename(big), bytes: rt.bytes, bytesFetched: rt.details?.bytes_fetched, httpRequests: rt.details?.http_requests };
  check(typeof rt.details?.bytes_fetched === "number", `remote scan through the service: ${basename(big)} ${rt.bytes} bytes, ${rt.details?.bytes_fetched} fetched in ${rt.details?.http_requests} requests`);

  // ---------- (b) load ----------
  log(`(b) load: ${LOAD} uploads over ${LOAD_SEC} s (a pool of ${Math.min(fx.length, 120)} distinct fixtures, repeated)`);
  const pool = fx.slice(0, 120);
  const bufs = pool.map((p) => readFileSync(p));
  const before = { ins: Number(sql("SELECT coalesce(sum(n_tup_ins),0) FROM pg_stat_user_tables")), upd: Number(sql("SELECT coalesce(sum(n_tup_upd),0) FROM pg_stat_user_tables")) };
  const lat = [];
  const ids = [];
  let errors = 0;
  const t0 = Date.now();
  const tasks = [];
  for (let i = 0; i < LOAD; i++) {
    const due = t0 + (i * LOAD_SEC * 1000) / LOAD;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    const k = i % 7 === 0 ? i % pool.length : (i * 2654435761) % pool.length; // a deterministic mix with repeats
    tasks.push(
      (async () => {
        const s = Date.now();
        try {
          const r = await req(`/scans?name=${encodeURIComponent(basename(pool[k]))}&wait=60`, { method: "POST", headers: { "content-type": "application/octet-stream", "idempotency-key": `load-${i}` }, body: bufs[k] }, 5);
          let j = r.json();
          if (r.status === 202) j = await waitDone(j.id);
          lat.push(Date.now() - s);
          ids.push(j.id);
        } catch {
          errors++;
        }
      })(),
    );
  }
  await Promise.all(tasks);
  const elapsed = (Date.now() - t0) / 1000;
  const after = { ins: Number(sql("SELECT coalesce(sum(n_tup_ins),0) FROM pg_stat_user_tables")), upd: Number(sql("SELECT coalesce(sum(n_tup_upd),0) FROM pg_stat_user_tables")) };
  const once = exactlyOnce(ids, "(b) load");
  const list = ids.map((i) => `'${i}'`).join(",");
  const scanned = Number(sql(`SELECT count(*) FROM gw_scans WHERE id IN (${list}) AND NOT cached`));
  figures.load = {
    submissions: LOAD,
    clientErrors: errors,
    seconds: Number(elapsed.toFixed(1)),
    throughputPerSec: Number((ids.length / elapsed).toFixed(1)),
    p50ms: pct(lat, 50),
    p99ms: pct(lat, 99),
    maxMs: pct(lat, 100),
    scannedByWorkers: scanned,
    answeredFromStore: ids.length - scanned,
    rowsInsertedPerSubmission: Number(((after.ins - before.ins) / LOAD).toFixed(2)),
    rowsUpdatedPerSubmission: Number(((after.upd - before.upd) / LOAD).toFixed(2)),
    ...once,
  };
  check(errors === 0, `(b) ${errors} client errors`);
  log(`(b) ${LOAD} submissions in ${elapsed.toFixed(1)} s: ${figures.load.throughputPerSec}/s, latency p50 ${figures.load.p50ms} ms, p99 ${figures.load.p99ms} ms; ${scanned} scanned, ${ids.length - scanned} answered from the store`);

  // ---------- (c) faults ----------
  log("(c) faults: SIGKILL a worker mid-job, restart the API, restart Redis");
  for (const w of workers.splice(0)) await stop(w);
  let killedId;
  const victim = await startWorker({ GW_FAULT_HOLD_MS: "1500", GW_WORKER_LOG: "1" }, (l, p) => {
    const m = /^start (\S+) attempt 1$/.exec(l);
    if (m && !killedId) {
      killedId = m[1];
      p.kill("SIGKILL");
    }
  });
  const run1 = `f${Date.now()}`;
  const faultIds = [];
  for (let i = 0; i < 20; i++) {
    const r = await submitUpload(pool[i % pool.length], `${run1}-${i}-${basename(pool[i % pool.length])}`, `${run1}-kill-${i}`, 5);
    faultIds.push(r.json().id);
  }
  const vexit = await victim.exited;
  check(vexit.sig === "SIGKILL" && !!killedId, `worker SIGKILLed while holding job ${killedId}`);
  workers.splice(workers.indexOf(victim), 1);
  await startWorker();
  await startWorker();
  // API restart in the middle of a burst: the client retries with the same idempotency keys.
  const burst = async (tag, n, mid) => {
    const out = [];
    for (let i = 0; i < n; i++) {
      if (i === Math.floor(n / 3)) await mid();
      const f = pool[(i * 7) % pool.length];
      const r = await submitUpload(f, `${tag}-${i}-${basename(f)}`, `${tag}-${i}`, 100);
      out.push(r.json().id);
    }
    return out;
  };
  const apiIds = await burst(`${run1}-api`, 60, async () => {
    await stop(api, "SIGKILL");
    void startApi();
  });
  await sleep(200);
  const redisIds = await burst(`${run1}-redis`, 60, async () => {
    await stop(redis, "SIGKILL");
    await sleep(1000);
    await startRedis();
  });
  for (const id of [...faultIds, ...apiIds, ...redisIds]) await waitDone(id);
  const k = sql(`SELECT attempts || ' ' || status FROM gw_scans WHERE id = '${killedId}'`);
  check(/^([2-9]|\d\d+) done$/.test(k), `killed job ${killedId}: attempts and status "${k}" (taken again after the kill)`);
  figures.faults = {
    killedJobAttempts: Number(k.split(" ")[0]),
    workerKill: exactlyOnce(faultIds, "(c) worker SIGKILL"),
    apiRestart: exactlyOnce(apiIds, "(c) API restart"),
    redisRestart: exactlyOnce(redisIds, "(c) Redis restart"),
  };

  // ---------- (d) scaling ----------
  const { Queue } = await import("bullmq");
  const q = new Queue("graphwarden-scans", { connection: { host: "127.0.0.1", port: redisPort, maxRetriesPerRequest: null } });
  for (const w of workers.splice(0)) await stop(w);
  const scaling = {};
  // The costliest artifacts of the load test (by worker CPU), each submitted under fresh names so
  // that every job is a real scan, not a store hit.
  const costly = sql("SELECT s.name FROM gw_results r JOIN gw_scans s ON s.id = r.scan_id WHERE s.source = 'upload' AND s.name NOT LIKE 'f%-%' GROUP BY s.name ORDER BY max(r.cpu_ms) DESC LIMIT 40").split("\n").filter(Boolean);
  const heavy = pool.filter((p) => costly.includes(basename(p)));
  const scalePool = heavy.length ? heavy : pool;
  log(`(d) scaling on ${scalePool.length} of the costliest fixtures, ${SCALE} jobs per run`);
  for (const n of [1, 2]) {
    for (let i = 0; i < n; i++) await startWorker();
    await q.pause();
    const tag = `s${n}-${Date.now()}`;
    const sids = [];
    for (let i = 0; i < SCALE; i++) {
      const f = scalePool[i % scalePool.length];
      sids.push((await submitUpload(f, `${tag}-${i}-${basename(f)}`, `${tag}-${i}`, 5)).json().id);
    }
    const wp = workers.map((w) => w.pid);
    const c0 = { w: cpuMs(wp), pg: cpuMs(pgPids()), redis: cpuMs([redis.pid]), api: cpuMs([api.pid]) };
    const s0 = Date.now();
    await q.resume();
    await allDone(sids);
    const sec = (Date.now() - s0) / 1000;
    const c1 = { w: cpuMs(wp), pg: cpuMs(pgPids()), redis: cpuMs([redis.pid]), api: cpuMs([api.pid]) };
    exactlyOnce(sids, `(d) ${n} worker(s)`);
    const per = (k) => Number((Math.max(0, c1[k] - c0[k]) / SCALE).toFixed(1)); // PostgreSQL backends that exited in between are not counted
    scaling[n] = { jobs: SCALE, seconds: Number(sec.toFixed(2)), perSec: Number((SCALE / sec).toFixed(1)), cpuMsPerJob: { worker: per("w"), postgres: per("pg"), redis: per("redis"), api: per("api") } };
    log(`(d) ${n} worker(s): ${SCALE} scans in ${sec.toFixed(2)} s = ${(SCALE / sec).toFixed(1)}/s; CPU ms per job: ${JSON.stringify(scaling[n].cpuMsPerJob)}`);
    for (const w of workers.splice(0)) await stop(w);
  }
  figures.loadAverage = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  await q.close();
  scaling.ratio = Number((scaling[2].perSec / scaling[1].perSec).toFixed(2));
  figures.scaling = scaling;
  log(`(d) 2 workers / 1 worker throughput: ${scaling.ratio}x`);

  // Per-artifact cost, from the store.
  const cost = sql("SELECT round(avg(cpu_ms)::numeric,1) || ' ' || round((percentile_cont(0.5) WITHIN GROUP (ORDER BY cpu_ms))::numeric,1) || ' ' || round((percentile_cont(0.99) WITHIN GROUP (ORDER BY cpu_ms))::numeric,1) || ' ' || count(*) FROM gw_results").split(" ");
  const sizes = sql("SELECT round(avg(octet_length(r_json)+octet_length(r_sarif)+octet_length(r_text)+octet_length(r_markdown)+octet_length(r_html))) FROM gw_results");
  figures.perArtifact = { cpuMsMean: Number(cost[0]), cpuMsP50: Number(cost[1]), cpuMsP99: Number(cost[2]), results: Number(cost[3]), storedReportBytesMean: Number(sizes), dbSizeBytes: Number(sql("SELECT pg_database_size('graphwarden')")) };
  figures.machine = { cores: (await import("node:os")).availableParallelism(), node: process.version };
} catch (e) {
  failures.push(String(e?.stack ?? e));
  log(`error: ${e?.stack ?? e}`);
  for (const p of [api, redis, ...workers]) if (p) log(`--- ${p.name} output (tail) ---\n${p.out.slice(-2000)}`);
} finally {
  await cleanup();
}
console.log(JSON.stringify(figures, null, 2));
const passed = failures.length === 0;
console.log(`service proof: ${passed ? 1 : 0} passed, ${passed ? 0 : 1} failed`);
if (!passed) {
  for (const f of failures) console.log(`  - ${f}`);
  process.exit(1);
}
