#!/usr/bin/env node
// graphwarden command line: scan files and folders, print a report, exit 0/1/2.
import { DEFAULT_MEMORY_MB, dropEarlyWorker } from "./prestart.js";
import { writeFile } from "node:fs/promises";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { describeError } from "../core/context.js";
import { DEFAULT_LIMITS, type Limits } from "../core/limits.js";
import { isSeverity, type Report, type Finding, type Severity, type TargetReport } from "../core/types.js";
import { WalkState, errorResult, walkTree } from "../walk.js";
import { renderJson } from "../report/json.js";
import { renderText } from "../report/text.js";
import { exitCode, EXIT_INCOMPLETE } from "../report/summary.js";
import { VERSION } from "../version.js";
import { DEFAULT_HASH_MAX_BYTES } from "./hash.js";
import { FilterTree, makeFilter } from "./filter-tree.js";
import { treeFor } from "./node-tree.js";
import { WorkerPool, defaultJobs } from "./pool.js";
import { Progress } from "./progress.js";
import { RENDERERS } from "./renderers.js";
import { rulesCommand } from "./rules-command.js";
import { loadTeamFiles, registerBaselineCommand } from "./team.js";

function severityArg(v: string): Severity | "none" {
  if (v === "none" || isSeverity(v)) return v;
  throw new InvalidArgumentError("expected one of critical, high, medium, low, info, none");
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("expected a positive whole number");
  return n;
}

/** https://... and hf://... (as src/remote/scan.ts reads them). */
function isRemote(target: string): boolean {
  return /^(https?|hf):\/\//i.test(target);
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

export { streamingSha256 } from "./hash.js";

export interface RunOptions {
  /** true: hash every file; false: none; undefined: files up to 16 MiB (sha256: null beyond, with the reason). */
  hash?: boolean;
  maxMetadataMb?: number;
  timeout?: number;
  /** Worker threads (default: one per core). */
  jobs?: number;
  /** Heap cap per worker, MiB. */
  maxMemoryMb?: number;
  /** Remote targets: most bytes fetched per target, MiB. */
  maxFetchMb?: number;
  onTarget?: (t: TargetReport, findings: readonly Finding[]) => void;
  /** gitignore-style patterns left out of folder walks / the only files walked. */
  exclude?: string[];
  include?: string[];
}

export { DEFAULT_MEMORY_MB };

export async function runScan(paths: string[], opts: RunOptions): Promise<{ report: Report; explicitFiles: Set<string> }> {
  const merged: Report = { tool: { name: "graphwarden", version: VERSION }, targets: [], findings: [], errors: [] };
  const explicitFiles = new Set<string>();
  const filter = makeFilter(opts.exclude, opts.include);
  const state = new WalkState();
  const limits: Partial<Limits> = {};
  // metadata (configs, graphs) a target may hold: an eighth of the memory cap by default (a parsed JSON config
  // takes several times its text), so a config too big for the cap is refused (GW001) before it is parsed
  if (opts.maxMetadataMb) limits.maxMetadataBytes = opts.maxMetadataMb * 1024 * 1024;
  else limits.maxMetadataBytes = Math.min(DEFAULT_LIMITS.maxMetadataBytes, Math.floor(((opts.maxMemoryMb ?? DEFAULT_MEMORY_MB) * 1024 * 1024) / 8));
  if (opts.timeout) limits.targetTimeoutMs = opts.timeout * 1000;
  const pool = new WorkerPool({
    jobs: opts.jobs,
    memoryMb: opts.maxMemoryMb ?? DEFAULT_MEMORY_MB,
    timeoutMs: limits.targetTimeoutMs ?? DEFAULT_LIMITS.targetTimeoutMs,
    hash: opts.hash !== false,
    hashMaxBytes: opts.hash === true ? undefined : DEFAULT_HASH_MAX_BYTES,
    limits,
  });
  try {
    for (const p of paths) {
      if (isRemote(p)) {
        // Remote readers load only when asked for. https://... and hf://... are listed here and
        // each target is read by byte ranges and scanned in the pool (deadline and memory cap).
        const { scanRemote } = await import("../remote/scan.js");
        if (!/^hf:/i.test(p)) explicitFiles.add(p);
        const r = await scanRemote(p, {
          limits,
          hash: opts.hash === true,
          state,
          onTarget: opts.onTarget,
          remote: opts.maxFetchMb ? { maxFetchBytes: opts.maxFetchMb * 1024 * 1024 } : {},
          executor: (spec, remote, scanOpts) => pool.remoteExecutor(spec, remote, scanOpts.hash === true),
        });
        merged.targets.push(...r.targets);
        merged.findings.push(...r.findings);
        merged.errors.push(...r.errors);
        continue;
      }
      const { tree, rel } = treeFor(p, true);
      try {
        // Named on the command line and not a folder: if it cannot be scanned, the run is incomplete.
        const kind = await tree.kind(rel);
        if (kind !== "dir") explicitFiles.add(p);
        // A path that does not exist is a usage error too: one line on stderr, and the report says it.
        if (kind === "missing") process.stderr.write(`error: ${JSON.stringify(p)}: no such file or directory\n`);
        const walked = filter ? new FilterTree(tree, rel, filter) : tree;
        const r = await walkTree(walked, rel, p, pool.executor(tree), { limits, state, onTarget: opts.onTarget });
        merged.targets.push(...r.targets);
        merged.findings.push(...r.findings);
        merged.errors.push(...r.errors);
      } catch (e) {
        // The walker turns per-path failures into targets; anything else still leaves a report.
        const r = errorResult(p, describeError("could not scan", e));
        merged.targets.push(...r.targets);
        merged.findings.push(...r.findings);
        merged.errors.push(...r.errors);
      } finally {
        await tree.close();
      }
    }
  } finally {
    await pool.close();
  }
  return { report: merged, explicitFiles };
}

const program = new Command();
// Usage errors (unknown option, missing path, bad value) exit 2 like any incomplete scan, never 1.
program.exitOverride();
program
  .name("graphwarden")
  .description("Finds executable logic hidden in Keras and TensorFlow model files, without loading them.")
  .version(VERSION, "-V, --version");

program
  .command("scan")
  .description("scan model files or folders (recursively) and report what would run at load, inference or training")
  .argument("<paths...>", "files or folders: .h5/.keras/config JSON, SavedModel folders, .pb, .tflite, TF.js, archives")
  .addOption(new Option("-f, --format <format>", "report format").choices(Object.keys(RENDERERS)).default("text"))
  .option("-o, --output <file>", "write the report to a file instead of standard output")
  .option("--fail-on <level>", "exit 1 when a finding is at or above this severity (critical|high|medium|low|info|none)", severityArg, "medium")
  .option("-q, --quiet", "text: list only targets with findings at medium or above; hide the rest")
  .option("-v, --verbose", "text: show info findings, full evidence and references")
  .option("--no-color", "text: no ANSI colours (also when NO_COLOR is set or output is not a terminal)")
  .option("--hash", "compute the sha256 of every file, whatever its size (default: files up to 16 MiB; larger ones get sha256: null)")
  .option("--no-hash", "compute no sha256 at all")
  .option("-j, --jobs <n>", `worker threads scanning in parallel (default: one per core, here ${defaultJobs()})`, positiveInt)
  .option("--max-memory-mb <n>", `heap cap of each scan worker, in MiB; over it the target is an error (default ${DEFAULT_MEMORY_MB})`, positiveInt)
  .option("--max-fetch-mb <n>", "remote targets (https://..., hf://org/name[@rev]): most MiB fetched per target; over it the target is an error (default 256)", positiveInt)
  .option("--max-metadata-mb <n>", "largest metadata member read into memory, in MiB (default: an eighth of --max-memory-mb, at most 512)", positiveInt)
  .option("--timeout <seconds>", "time budget per target; over it the target is an error (default 120)", positiveInt)
  .option("--exclude <glob>", "leave paths matching this gitignore-style pattern out of folder walks (repeatable; relative to each scanned path)", collect, [])
  .option("--include <glob>", "walk only files matching this gitignore-style pattern (repeatable); model folders are still read whole", collect, [])
  .option("--sarif-root <dir>", "sarif: directory artifact URIs are relative to (%SRCROOT%; default: the current directory)")
  .option("--policy <file>", "severity overrides and rule switches (JSON; never read from the scanned tree)")
  .option("--baseline <file>", "drop the findings this baseline accepts (made by `graphwarden baseline`)")
  .addHelpText(
    "after",
    `
Examples:
  graphwarden scan model.keras
  graphwarden scan ./models --format json -o report.json
  graphwarden scan saved_model_dir --format sarif -o results.sarif --fail-on high
  graphwarden scan model.h5 -v
  graphwarden scan https://example.org/models/model.h5
  graphwarden scan hf://org/name@main

Exit codes:
  0  nothing at or above --fail-on
  1  findings at or above --fail-on
  2  a target could not be scanned fully (malformed, over a time or memory budget, unreadable,
     unsupported file or FIFO/socket/device named explicitly, nothing scanned); findings are
     still reported. Also usage errors (unknown option, missing or nonexistent path).`,
  )
  .action(async (paths: string[], o: { format: string; output?: string; failOn: Severity | "none"; quiet?: boolean; verbose?: boolean; color: boolean; hash?: boolean; maxMetadataMb?: number; timeout?: number; jobs?: number; maxMemoryMb?: number; maxFetchMb?: number; sarifRoot?: string; policy?: string; baseline?: string; exclude: string[]; include: string[] }) => {
    const team = await loadTeamFiles(o);
    const progress = Progress.forStderr();
    let scan;
    try {
      scan = await runScan(paths, { hash: o.hash, maxMetadataMb: o.maxMetadataMb, timeout: o.timeout, jobs: o.jobs, maxMemoryMb: o.maxMemoryMb, maxFetchMb: o.maxFetchMb, onTarget: progress?.onTarget, exclude: o.exclude, include: o.include });
    } finally {
      progress?.stop();
    }
    const { report: raw, explicitFiles } = scan;
    const report = await team.apply(raw);
    const color = o.color && !o.output && process.stdout.isTTY === true && !process.env["NO_COLOR"];
    let text: string;
    if (o.format === "text") {
      text = renderText(report, { color, minSeverity: o.verbose ? "info" : o.quiet ? "medium" : "low", verbose: !!o.verbose, quiet: !!o.quiet, failOn: o.failOn, explicitFiles });
    } else {
      const r = RENDERERS[o.format];
      text = r ? await r(report, { failOn: o.failOn, explicitFiles, sarifRoot: o.sarifRoot, verbose: !!o.verbose }) : renderJson(report);
    }
    if (o.output) await writeFile(o.output, text);
    else {
      // a report that could not be written (a full disk, a closed pipe) is no verdict: exit 2, one line
      const failed = await writeStdout(text);
      if (failed) {
        process.stderr.write(`error: could not write the report to standard output: ${failed}\n`, () => undefined);
        process.exitCode = EXIT_INCOMPLETE;
        return;
      }
    }
    process.exitCode = exitCode(report, o.failOn, explicitFiles);
    // the report is out: a worker stopped at its deadline inside one long native call (a huge JSON.parse) may take
    // long to die; the process does not wait for it (the timer does not keep an idle process alive)
    setTimeout(() => process.exit(), 2000).unref();
  });

/** Writes to standard output; the error message when it fails (the stream's error events never crash the process). */
let stdoutError: string | undefined;
process.stdout.on("error", (e: Error) => void (stdoutError ??= e.message));
function writeStdout(text: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    process.stdout.write(text, (err) => resolve(err ? err.message : stdoutError));
  });
}

program
  .command("rules")
  .description("list the rules graphwarden runs, or print one rule's documentation (graphwarden rules GW201)")
  .argument("[id]", "a rule id")
  .option("--json", "as JSON")
  .action(async (id: string | undefined, o: { json?: boolean }) => {
    const { ALL_RULES } = await import("../rules/index.js");
    const r = rulesCommand(ALL_RULES, id, o);
    process.stdout.write(r.out);
    if (r.err) process.stderr.write(r.err);
    process.exitCode = r.code;
  });

registerBaselineCommand(program, runScan);

program
  .parseAsync(process.argv)
  .finally(dropEarlyWorker)
  .catch((e: unknown) => {
    if (e instanceof CommanderError) {
      // Commander already printed its one-line message; help and --version are not errors.
      process.exitCode = e.exitCode === 0 ? 0 : EXIT_INCOMPLETE;
      return;
    }
    process.stderr.write(`graphwarden: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = EXIT_INCOMPLETE;
  });
