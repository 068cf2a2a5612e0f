// Starts the first scan worker while the main thread is still loading its own modules: imported
// first by main.ts, so that the worker's module loading overlaps the CLI's instead of following it.
// It reads only --max-memory-mb from argv; the pool uses the worker only if the parsed options agree.
import { Worker } from "node:worker_threads";

export const WORKER_URL = new URL(import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.js", import.meta.url);
export const DEFAULT_MEMORY_MB = 1536;

export function startWorker(memoryMb: number): Worker {
  const options = {
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, memoryMb >> 4)) },
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

let early: { worker: Worker; memoryMb: number; failed: boolean; ready: boolean } | undefined;
const argv = process.argv.slice(2);
if (argv[0] === "scan" && !argv.includes("--help") && !argv.includes("-h")) {
  const mem = argMemory(argv);
  if (mem !== undefined && Number.isInteger(mem) && mem > 0) {
    const e = { worker: startWorker(mem), memoryMb: mem, failed: false, ready: false };
    // The worker says it has loaded with message id 0; remember it until the pool listens.
    e.worker.on("message", (m: { id?: number }) => {
      if (m.id === 0) e.ready = true;
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

/** The worker started early (and whether it has loaded), if its memory cap is the one asked for (once). */
export function takeEarlyWorker(memoryMb: number): { worker: Worker; ready: boolean } | undefined {
  const e = early;
  early = undefined;
  if (!e) return undefined;
  e.worker.removeAllListeners("error").removeAllListeners("exit").removeAllListeners("message");
  if (e.memoryMb === memoryMb && !e.failed) return { worker: e.worker, ready: e.ready };
  void e.worker.terminate();
  return undefined;
}

/** Stops an early worker nobody took (usage errors, --help). */
export function dropEarlyWorker(): void {
  const e = early;
  early = undefined;
  if (e) void e.worker.terminate();
}
