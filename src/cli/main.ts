#!/usr/bin/env node
// graphwarden command line: scan files and folders, print a report, exit 0/1/2.
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import type { ByteSource } from "../core/bytes.js";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { isSeverity, type Report, type Severity } from "../core/types.js";
import { WalkState, localExecutor, walkTree } from "../scanner.js";
import { renderJson } from "../report/json.js";
import { renderText } from "../report/text.js";
import { exitCode, EXIT_INCOMPLETE } from "../report/summary.js";
import { ALL_RULES } from "../rules/index.js";
import { VERSION } from "../version.js";
import { treeFor } from "./node-tree.js";
import { RENDERERS } from "./renderers.js";

function severityArg(v: string): Severity | "none" {
  if (v === "none" || isSeverity(v)) return v;
  throw new InvalidArgumentError("expected one of critical, high, medium, low, info, none");
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("expected a positive whole number");
  return n;
}

/** sha256 of a file in 16 MiB chunks: memory stays flat whatever the weights weigh. */
export async function streamingSha256(src: ByteSource): Promise<string> {
  const h = createHash("sha256");
  const CHUNK = 16 * 1024 * 1024;
  for (let off = 0; off < src.size; off += CHUNK) h.update(await src.read(off, Math.min(CHUNK, src.size - off)));
  return h.digest("hex");
}

export async function runScan(paths: string[], opts: { hash: boolean; maxMetadataMb?: number; timeout?: number }): Promise<{ report: Report; explicitFiles: Set<string> }> {
  const merged: Report = { tool: { name: "graphwarden", version: VERSION }, targets: [], findings: [], errors: [] };
  const explicitFiles = new Set<string>();
  const state = new WalkState();
  for (const p of paths) {
    const { tree, rel } = treeFor(p);
    // Named on the command line and not a folder: if it cannot be scanned, the run is incomplete.
    if ((await tree.kind(rel)) !== "dir") explicitFiles.add(p);
    const limits: Record<string, number> = {};
    if (opts.maxMetadataMb) limits["maxMetadataBytes"] = opts.maxMetadataMb * 1024 * 1024;
    if (opts.timeout) limits["targetTimeoutMs"] = opts.timeout * 1000;
    try {
      const scanOpts = { hash: opts.hash, hasher: streamingSha256, limits };
      const r = await walkTree(tree, rel, p, localExecutor(tree, scanOpts), { ...scanOpts, state });
      merged.targets.push(...r.targets);
      merged.findings.push(...r.findings);
      merged.errors.push(...r.errors);
    } finally {
      await tree.close();
    }
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
  .option("--no-hash", "do not compute sha256 of each file (saves a full read of large weight files)")
  .option("--max-metadata-mb <n>", "largest metadata member read into memory, in MiB (default 512)", positiveInt)
  .option("--timeout <seconds>", "time budget per target; over it the target is an error (default 120)", positiveInt)
  .addHelpText(
    "after",
    `
Examples:
  graphwarden scan model.keras
  graphwarden scan ./models --format json -o report.json
  graphwarden scan saved_model_dir --format sarif -o results.sarif --fail-on high
  graphwarden scan model.h5 -v

Exit codes:
  0  nothing at or above --fail-on
  1  findings at or above --fail-on
  2  a target could not be scanned fully (malformed, over a limit, unsupported file named
     explicitly, nothing scanned); findings are still reported`,
  )
  .action(async (paths: string[], o: { format: string; output?: string; failOn: Severity | "none"; quiet?: boolean; verbose?: boolean; color: boolean; hash: boolean; maxMetadataMb?: number; timeout?: number }) => {
    const { report, explicitFiles } = await runScan(paths, { hash: o.hash, maxMetadataMb: o.maxMetadataMb, timeout: o.timeout });
    const color = o.color && !o.output && process.stdout.isTTY === true && !process.env["NO_COLOR"];
    let text: string;
    if (o.format === "text") {
      text = renderText(report, { color, minSeverity: o.verbose ? "info" : o.quiet ? "medium" : "low", verbose: !!o.verbose, quiet: !!o.quiet });
    } else {
      const r = RENDERERS[o.format];
      text = r ? r(report) : renderJson(report);
    }
    if (o.output) await writeFile(o.output, text);
    else process.stdout.write(text);
    process.exitCode = exitCode(report, o.failOn, explicitFiles);
  });

program
  .command("rules")
  .description("list the rules graphwarden runs")
  .option("--json", "as JSON")
  .action((o: { json?: boolean }) => {
    if (o.json) {
      process.stdout.write(JSON.stringify(ALL_RULES.map((r) => r.meta), null, 2) + "\n");
      return;
    }
    for (const r of ALL_RULES) process.stdout.write(`${r.meta.id}  ${r.meta.severity.padEnd(8)} ${r.meta.name.padEnd(32)} ${r.meta.summary}\n`);
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) {
    // Commander already printed its one-line message; help and --version are not errors.
    process.exitCode = e.exitCode === 0 ? 0 : EXIT_INCOMPLETE;
    return;
  }
  process.stderr.write(`graphwarden: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = EXIT_INCOMPLETE;
});
