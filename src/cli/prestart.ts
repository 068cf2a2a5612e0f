// Starts the first scan worker while the main thread is still loading its own modules: imported
// first by main.ts, so that the worker's module loading overlaps the CLI's instead of following it.
// It reads only --max-memory-mb from argv; the pool uses the worker only if the parsed options agree.
import { Worker } from "node:worker_threads";

export const WORKER_URL = new URL(import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.js", import.meta.url);
export const DEFAULT_MEMORY_MB = 1536;

export function startWorker(memoryMb: number): Worker {
  // A young generation of 16 MiB: the 64 MiB tried first cost about 60 MiB of RSS per worker for
  // no measurable CPU (2,000 Keras files: 4.0 s CPU either way, peak RSS 211 MiB instead of 318 MiB).
  const options = {
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(16, Math.max(8, memoryMb >> 4)) },
    stdout: false,
    stderr: false,
  };
  // Run from source (tests, tsx): the worker registers the TypeScript loader itself first.
  if (WORKER_URL.pathname.endsWith(".ts")) {
    const boot = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
    return new Worker(boot, { ...options, eval: true });
  }
  return new Worker(WORKER_URL, options);
}

function argMemory(argv: readonly string[]): number | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--max-memory-mb") return Number(argv[i + 1]);
    if (a.startsWith("--max-memory-mb=")) return Number(a.slice("--max-memory-mb=".length));
  }
  return DEFAULT_MEMORY_MB;
}

let early: { worker: Worker; memoryMb: number; failed: boolean; beat?: BigInt64Array } | undefined;
const argv = process.argv.slice(2);
if (argv[0] === "scan" && !argv.includes("--help") && !argv.includes("-h")) {
  const mem = argMemory(argv);
  if (mem !== undefined && Number.isInteger(mem) && mem > 0) {
    const e: NonNullable<typeof early> = { worker: startWorker(mem), memoryMb: mem, failed: false };
    // The worker says it has loaded (with its shared beat); remember it until the pool listens.
    e.worker.on("message", (m: { ready?: { beat: BigInt64Array } }) => {
      if (m.ready) e.beat = m.ready.beat;
    });
    // Until the pool takes it, a failure only means the pool starts a fresh worker.
    const onError = (): void => {
      e.failed = true;
    };
    e.worker.once("error", onError);
    e.worker.once("exit", onError);
    early = e;
  }
}

/** The worker started early (and its beat if it has loaded), if its memory cap is the one asked for (once). */
export function takeEarlyWorker(memoryMb: number): { worker: Worker; beat?: BigInt64Array } | undefined {
  const e = early;
  early = undefined;
  if (!e) return undefined;
  e.worker.removeAllListeners("error").removeAllListeners("exit").removeAllListeners("message");
  if (e.memoryMb === memoryMb && !e.failed) return { worker: e.worker, beat: e.beat };
  void e.worker.terminate();
  return undefined;
}

/** Stops an early worker nobody took (usage errors, --help). */
export function dropEarlyWorker(): void {
  const e = early;
  early = undefined;
  if (e) void e.worker.terminate();
}
