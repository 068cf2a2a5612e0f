// Folder scans, whole process, default options vs --jobs 1 (and an optional baseline build and the
// peer tools when installed), all in one run so the figures are ratios on the same machine state.
// Folders (generated into a temp dir, not committed):
//   keras-N: N Keras files, a third each .keras / .h5 / config JSON, copied round-robin from
//            examples/ and fixtures/keras (most carry a Lambda or another finding);
//   realworld: copies of the 50 real published models (../shared/corpus/realworld).
// Per folder: median wall time of --runs runs, files/s, MB/s, peak RSS (/usr/bin/time), and the
// marginal cost per extra file from the N/10 and N folders.
// Optional: --big generates a ~1 MB and a ~1 GB .h5/.keras with real Keras (bench/size/gen_size.py,
// gen venv) and compares whole-process default scans of the two.
// Peer tools: modelscan (with TensorFlow) and modelaudit (with its tensorflow extra) from the
// compare venvs of tests/oracle/venvs.py (~/.cache/graphwarden/venvs/compare-*), else from PATH,
// run on the same folders in the same run, invoked as bench/compare/compare.py does (JSON report
// to a file, telemetry off).
// Run: node --import tsx bench/folder.ts [--n 2000] [--runs 3] [--peer-runs N] [--dist /path/to/dist] [--baseline /path/to/other/dist] [--big] [--no-peers]
// (--dist: the build to measure, default ./dist.) Writes bench/out/folder.md (not committed).
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir, availableParallelism, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..");

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : dflt;
}
const flag = (name: string): boolean => process.argv.includes(name);

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function bytesUnder(dir: string): number {
  return filesUnder(dir).reduce((n, f) => n + statSync(f).size, 0);
}

function makeKerasFolder(dir: string, n: number): void {
  mkdirSync(dir, { recursive: true });
  const pool = [...filesUnder(join(repo, "examples")), ...filesUnder(join(repo, "fixtures/keras"))];
  const byKind: Record<string, string[]> = { keras: [], h5: [], json: [] };
  for (const f of pool) {
    const ext = f.slice(f.lastIndexOf(".") + 1);
    if (ext in byKind) byKind[ext]!.push(f);
  }
  const kinds = Object.keys(byKind).filter((k) => byKind[k]!.length);
  for (let i = 0; i < n; i++) {
    const kind = kinds[i % kinds.length]!;
    const list = byKind[kind]!;
    const src = list[Math.floor(i / kinds.length) % list.length]!;
    copyFileSync(src, join(dir, `m${String(i).padStart(5, "0")}.${kind}`));
  }
}

function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const s = join(from, e.name);
    const d = join(to, e.name);
    if (e.isDirectory()) copyTree(s, d);
    else if (e.isFile()) copyFileSync(s, d);
  }
}

interface Run {
  wallS: number;
  /** user + system CPU seconds (all threads): steadier than wall time on a shared machine. */
  cpuS: number;
  rssMb: number;
  code: number | null;
}

/** As bench/compare/compare.py runs the peers: no telemetry, no TensorFlow chatter, CPU only. */
const QUIET_ENV = { PROMPTFOO_DISABLE_TELEMETRY: "1", NO_ANALYTICS: "1", TF_CPP_MIN_LOG_LEVEL: "3", CUDA_VISIBLE_DEVICES: "", PYTHONDONTWRITEBYTECODE: "1" };

function timed(cmd: string[]): Run {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M %U %S", ...cmd], { encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, ...QUIET_ENV, NO_COLOR: "1" } });
  const last = r.stderr.trim().split("\n").pop() ?? "";
  const [e, m, u, sy] = last.split(" ").map(Number);
  return { wallS: e ?? NaN, cpuS: (u ?? NaN) + (sy ?? NaN), rssMb: (m ?? NaN) / 1024, code: r.status };
}

/** A peer tool from its compare venv (tests/oracle/venvs.py), else from PATH. */
function peerBinary(venv: string, name: string): string | undefined {
  const inVenv = join(homedir(), ".cache/graphwarden/venvs", venv, "bin", name);
  if (existsSync(inVenv)) return inVenv;
  const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function measure(cmd: string[], runs: number): Run {
  const rs: Run[] = [];
  for (let i = 0; i < runs; i++) rs.push(timed(cmd));
  return { wallS: median(rs.map((r) => r.wallS)), cpuS: median(rs.map((r) => r.cpuS)), rssMb: Math.max(...rs.map((r) => r.rssMb)), code: rs[0]!.code };
}

function main(): void {
  if (!existsSync("/usr/bin/time")) throw new Error("needs /usr/bin/time (GNU time) for peak RSS");
  const n = Number(arg("--n", "2000"));
  const runs = Number(arg("--runs", "3"));
  const baseline = arg("--baseline", "");
  const work = mkdtempSync(join(tmpdir(), "gw-folder-bench-"));
  const cli = join(resolve(arg("--dist", join(repo, "dist"))), "cli/main.js");
  if (!existsSync(cli)) throw new Error("run npm run build first");
  const small = Math.max(1, Math.round(n / 10));
  const folders: { name: string; dir: string; files: number; bytes: number }[] = [];
  for (const [name, count] of [
    [`keras-${small}`, small],
    [`keras-${n}`, n],
  ] as const) {
    const dir = join(work, name);
    makeKerasFolder(dir, count);
    folders.push({ name, dir, files: count, bytes: bytesUnder(dir) });
  }
  const corpus = resolve(repo, "../shared/corpus/realworld");
  if (existsSync(corpus)) {
    const dir = join(work, "realworld");
    copyTree(corpus, dir);
    folders.push({ name: "realworld", dir, files: filesUnder(dir).length, bytes: bytesUnder(dir) });
  }
  const peerRuns = Number(arg("--peer-runs", String(runs)));
  const tools: { name: string; cmd: (dir: string) => string[]; runs?: number }[] = [
    { name: "graphwarden (default, jobs " + availableParallelism() + ")", cmd: (d) => ["node", cli, "scan", d, "-f", "json", "-o", "/dev/null"] },
    { name: "graphwarden --jobs 1", cmd: (d) => ["node", cli, "scan", d, "-f", "json", "-o", "/dev/null", "--jobs", "1"] },
  ];
  if (baseline) tools.push({ name: `baseline (${baseline})`, cmd: (d) => ["node", join(baseline, "cli/main.js"), "scan", d, "-f", "json", "-o", "/dev/null"] });
  if (!flag("--no-peers")) {
    const scratch = join(work, "peer-out");
    mkdirSync(scratch, { recursive: true });
    const ms = peerBinary("compare-modelscan", "modelscan");
    if (ms) tools.push({ name: "modelscan (with TensorFlow)", runs: peerRuns, cmd: (d) => [ms, "-p", d, "-r", "json", "-o", join(scratch, "ms.json"), "--show-skipped", "-l", "ERROR"] });
    const ma = peerBinary("compare-modelaudit", "modelaudit");
    if (ma) tools.push({ name: "modelaudit (with TensorFlow)", runs: peerRuns, cmd: (d) => [ma, "scan", d, "--format", "json", "--no-cache", "-o", join(scratch, "ma.json"), "-q"] });
  }
  const rows: string[] = [];
  const results = new Map<string, Run>();
  for (const f of folders) {
    for (const t of tools) {
      const m = measure(t.cmd(f.dir), t.runs ?? runs);
      results.set(`${f.name}|${t.name}`, m);
      const line = `| ${f.name} (${f.files} files, ${(f.bytes / 1048576).toFixed(1)} MB) | ${t.name} | ${m.wallS.toFixed(2)} s | ${m.cpuS.toFixed(2)} s | ${(f.files / m.wallS).toFixed(0)} | ${(f.bytes / 1048576 / m.wallS).toFixed(1)} | ${m.rssMb.toFixed(0)} MB | exit ${m.code} |`;
      rows.push(line);
      console.error(line);
    }
  }
  const lines: string[] = [
    `# Folder benchmark`,
    ``,
    `${new Date().toISOString()}, ${availableParallelism()} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} at the end; median of ${runs} whole-process runs (peer tools: ${peerRuns}), JSON report to /dev/null (peers: to a scratch file).`,
    ``,
    `| folder | tool | wall | CPU (user+sys) | files/s | MB/s | peak RSS | |`,
    `|---|---|---|---|---|---|---|---|`,
    ...rows,
    ``,
    `Marginal cost per extra Keras file (keras-${small} -> keras-${n}):`,
    ``,
  ];
  for (const t of tools) {
    const a = results.get(`keras-${small}|${t.name}`);
    const b = results.get(`keras-${n}|${t.name}`);
    if (a && b) lines.push(`- ${t.name}: ${(((b.wallS - a.wallS) / (n - small)) * 1000).toFixed(3)} ms/file wall, ${(((b.cpuS - a.cpuS) / (n - small)) * 1000).toFixed(3)} ms/file CPU`);
  }
  lines.push("", "Ratios (tool time / graphwarden default time, same folder):", "");
  for (const f of folders) {
    const base = results.get(`${f.name}|${tools[0]!.name}`)!;
    for (const t of tools.slice(1)) {
      const o = results.get(`${f.name}|${t.name}`);
      if (o) lines.push(`- ${f.name}: ${t.name} / default = ${(o.wallS / base.wallS).toFixed(2)}x wall, ${(o.cpuS / base.cpuS).toFixed(2)}x CPU`);
    }
  }
  if (flag("--big")) lines.push("", ...bigFiles(work, cli, runs));
  const out = join(repo, "bench/out");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "folder.md"), lines.join("\n") + "\n");
  console.log(lines.join("\n"));
  if (!flag("--keep")) rmSync(work, { recursive: true, force: true });
}

/** ~1 MB vs ~1 GB of weights, whole process, default options (hashing policy included). */
function bigFiles(work: string, cli: string, runs: number): string[] {
  const py = join(homedir(), ".cache/graphwarden/venvs/gen/bin/python");
  const dir = join(work, "big");
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(existsSync(py) ? py : "python3", [join(repo, "bench/size/gen_size.py"), dir], { encoding: "utf8", maxBuffer: 1 << 22 });
  if (r.status !== 0) return [`(--big: generator failed: ${r.stderr.slice(-300)})`];
  const made = JSON.parse(r.stdout.trim().split("\n").pop() ?? "[]") as { file: string; size: string; format: string; bytes: number }[];
  const out = ["Large weights, whole process, default options:", "", "| file | bytes | wall | CPU | peak RSS | ratio to the small one |", "|---|---|---|---|---|---|"];
  for (const fmt of ["h5", "keras"]) {
    const s = made.find((m) => m.format === fmt && m.size === "small");
    const l = made.find((m) => m.format === fmt && m.size === "large");
    if (!s || !l) continue;
    const ms = measure(["node", cli, "scan", join(dir, s.file), "-f", "json", "-o", "/dev/null"], runs);
    const ml = measure(["node", cli, "scan", join(dir, l.file), "-f", "json", "-o", "/dev/null"], runs);
    out.push(`| ${s.file} | ${s.bytes} | ${ms.wallS.toFixed(2)} s | ${ms.cpuS.toFixed(2)} s | ${ms.rssMb.toFixed(0)} MB | 1.00 wall, 1.00 CPU |`);
    out.push(`| ${l.file} | ${l.bytes} | ${ml.wallS.toFixed(2)} s | ${ml.cpuS.toFixed(2)} s | ${ml.rssMb.toFixed(0)} MB | ${(ml.wallS / ms.wallS).toFixed(2)} wall, ${(ml.cpuS / ms.cpuS).toFixed(2)} CPU |`);
  }
  return out;
}

main();
