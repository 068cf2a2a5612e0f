// `npm run fuzz -- [--seconds N] [--seed S] [--budget-ms B] [--out DIR] [--json FILE]`: time-boxed
// mutation fuzzing of the scan library in process (a worker thread, watched from here). Records
// crashes (exceptions escaping the scanner), hangs (a scan over budget + grace), out-of-memory
// aborts, exit codes outside 0/1/2, and peak memory. Every input that caused a problem is saved
// under fixtures/fuzz-regressions/ and replayed by tests/robustness/fuzz-regressions.test.ts.
import { Worker } from "node:worker_threads";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

export interface FuzzOptions {
  seconds: number;
  seed: number;
  budgetMs: number;
  /** Where problem inputs are saved (undefined: not saved). */
  out?: string;
  /** Heap cap of the worker, MiB. */
  heapMb?: number;
  log?: (s: string) => void;
}

export interface FuzzStats {
  inputs: number;
  crashes: number;
  hangs: number;
  ooms: number;
  badExits: number;
  badReports: number;
  /** Distinct problems (by kind and first message line). */
  problems: { kind: string; message: string; file?: string; name: string }[];
  exits: Record<string, number>;
  statuses: Record<string, number>;
  slowestMs: number;
  peakRssBytes: number;
  peakWorkerHeapBytes: number;
  seconds: number;
  seeds: number;
  restarts: number;
}

const root = fileURLToPath(new URL("../fixtures/", import.meta.url));
const workerUrl = new URL("./fuzz-worker.mjs", import.meta.url);

export async function runFuzz(o: FuzzOptions): Promise<FuzzStats> {
  const t0 = Date.now();
  const stopAt = t0 + o.seconds * 1000;
  const hangMs = o.budgetMs * 2 + 5_000;
  const stats: FuzzStats = { inputs: 0, crashes: 0, hangs: 0, ooms: 0, badExits: 0, badReports: 0, problems: [], exits: {}, statuses: {}, slowestMs: 0, peakRssBytes: 0, peakWorkerHeapBytes: 0, seconds: 0, seeds: 0, restarts: 0 };
  const seen = new Set<string>();
  const log = o.log ?? (() => undefined);

  const keep = (kind: string, message: string, name: string, data: Uint8Array) => {
    const key = `${kind}|${message.split("\n").slice(0, 2).join("|").replace(/\d+/g, "#")}`;
    if (seen.has(key)) return;
    seen.add(key);
    let file: string | undefined;
    if (o.out) {
      mkdirSync(o.out, { recursive: true });
      const h = createHash("sha256").update(data).digest("hex").slice(0, 12);
      file = join(o.out, `${kind}-${h}-${name.replace(/[^A-Za-z0-9._-]/g, "_")}`);
      if (!existsSync(file)) writeFileSync(file, data);
    }
    stats.problems.push({ kind, message: message.slice(0, 2000), name, ...(file ? { file } : {}) });
    log(`${kind}: ${name}: ${message.split("\n")[0]}`);
  };

  let seed = o.seed;
  while (Date.now() < stopAt) {
    await new Promise<void>((resolve) => {
      const w = new Worker(workerUrl, {
        workerData: { root, seed, budgetMs: o.budgetMs, stopAt },
        resourceLimits: { maxOldGenerationSizeMb: o.heapMb ?? 2048 },
      });
      let current: { name: string; data: Uint8Array; started: number } | undefined;
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(watch);
        resolve();
      };
      const watch = setInterval(() => {
        stats.peakRssBytes = Math.max(stats.peakRssBytes, process.memoryUsage().rss);
        if (current && Date.now() - current.started > hangMs) {
          stats.hangs++;
          keep("hang", `no result after ${hangMs} ms`, current.name, current.data);
          current = undefined;
          void w.terminate();
        }
      }, 250);
      w.on("message", (m: { type: string; [k: string]: unknown }) => {
        if (m.type === "ready") stats.seeds = m["seeds"] as number;
        else if (m.type === "start") current = { name: m["name"] as string, data: m["data"] as Uint8Array, started: Date.now() };
        else if (m.type === "done") {
          stats.inputs++;
          const ms = m["ms"] as number;
          stats.slowestMs = Math.max(stats.slowestMs, ms);
          stats.peakWorkerHeapBytes = Math.max(stats.peakWorkerHeapBytes, m["heap"] as number);
          stats.exits[String(m["exit"])] = (stats.exits[String(m["exit"])] ?? 0) + 1;
          stats.statuses[m["status"] as string] = (stats.statuses[m["status"] as string] ?? 0) + 1;
          const p = m["problem"] as { kind: string; message: string } | undefined;
          if (p && current) {
            if (p.kind === "crash") stats.crashes++;
            else if (p.kind === "bad-exit") stats.badExits++;
            else stats.badReports++;
            keep(p.kind, p.message, current.name, current.data);
          }
          current = undefined;
        } else if (m.type === "problem") {
          stats.crashes++;
          keep(m["kind"] as string, m["message"] as string, m["name"] as string, m["data"] as Uint8Array);
        }
      });
      w.on("error", (e: Error & { code?: string }) => {
        if (current) {
          if (e.code === "ERR_WORKER_OUT_OF_MEMORY") {
            stats.ooms++;
            keep("oom", e.message, current.name, current.data);
          } else {
            stats.crashes++;
            keep("crash", `worker error ${e.stack ?? e.message}`, current.name, current.data);
          }
        }
        else log(`worker failed: ${e.stack ?? e.message}`);
        current = undefined;
      });
      w.on("exit", end);
    });
    seed = (seed * 1103515245 + 12345) >>> 0;
    if (Date.now() < stopAt) stats.restarts++;
  }
  stats.peakRssBytes = Math.max(stats.peakRssBytes, process.resourceUsage().maxRSS * 1024);
  stats.seconds = (Date.now() - t0) / 1000;
  return stats;
}

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const seconds = Number(arg("seconds", "60"));
  const seed = Number(arg("seed", String(Date.now() % 2 ** 31)));
  const budgetMs = Number(arg("budget-ms", "10000"));
  const out = arg("out", fileURLToPath(new URL("../fixtures/fuzz-regressions/", import.meta.url)));
  const json = arg("json", "");
  console.error(`fuzzing for ${seconds} s, seed ${seed}, per-input budget ${budgetMs} ms, problems saved to ${out}`);
  const stats = await runFuzz({ seconds, seed, budgetMs, out, log: (s) => console.error(s) });
  const s = { seed, budgetMs, cpuSeconds: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6, ...stats };
  if (json) writeFileSync(json, JSON.stringify(s, null, 2));
  console.log(JSON.stringify(s, null, 2));
  process.exit(stats.problems.length ? 1 : 0);
}
