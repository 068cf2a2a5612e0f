#!/usr/bin/env node
// graphwarden command line: scan files and folders, print a report, exit 0/1/2.
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import type { ByteSource } from "../core/bytes.js";
import { Command, InvalidArgumentError, Option } from "commander";
import { isSeverity, type Report, type Severity } from "../core/types.js";
import { scanTree } from "../scanner.js";
import { renderJson } from "../report/json.js";
import { renderText } from "../report/text.js";
import { exitCode, EXIT_INCOMPLETE } from "../report/summary.js";
import { ALL_RULES } from "../rules/index.js";
import { VERSION } from "../version.js";
import { treeFor } from "./node-tree.js";
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
  for (const p of paths) {
    const { tree, rel } = treeFor(p);
    if ((await tree.kind(rel)) === "file") explicitFiles.add(p);
    const limits: Record<string, number> = {};
    if (opts.maxMetadataMb) limits["maxMetadataBytes"] = opts.maxMetadataMb * 1024 * 1024;
    if (opts.timeout) limits["targetTimeoutMs"] = opts.timeout * 1000;
    try {
      const r = await scanTree(tree, rel, p, { hash: opts.hash, hasher: streamingSha256, limits });
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

Exit codes:
  0  nothing at or above --fail-on
  1  findings at or above --fail-on
  2  a target could not be scanned fully (malformed, over a limit, unsupported file named
     explicitly, nothing scanned); findings are still reported`,
  )
  .action(async (paths: string[], o: { format: string; output?: string; failOn: Severity | "none"; quiet?: boolean; verbose?: boolean; color: boolean; hash: boolean; maxMetadataMb?: number; timeout?: number; sarifRoot?: string; policy?: string; baseline?: string }) => {
    const team = await loadTeamFiles(o);
    const { report: raw, explicitFiles } = await runScan(paths, { hash: o.hash, maxMetadataMb: o.maxMetadataMb, timeout: o.timeout });
    const report = await team.apply(raw);
    const color = o.color && !o.output && process.stdout.isTTY === true && !process.env["NO_COLOR"];
    let text: string;
    if (o.format === "text") {
      text = renderText(report, { color, minSeverity: o.verbose ? "info" : o.quiet ? "medium" : "low", verbose: !!o.verbose, quiet: !!o.quiet, failOn: o.failOn, explicitFiles });
    } else {
      const r = RENDERERS[o.format];
      text = r ? r(report, { failOn: o.failOn, explicitFiles, sarifRoot: o.sarifRoot, verbose: !!o.verbose }) : renderJson(report);
    }
    if (o.output) await writeFile(o.output, text);
    else process.stdout.write(text);
    process.exitCode = exitCode(report, o.failOn, explicitFiles);
  });

program
  .command("rules")
  .description("list the rules graphwarden runs, or print one rule's documentation (graphwarden rules GW201)")
  .argument("[id]", "a rule id")
  .option("--json", "as JSON")
  .action((id: string | undefined, o: { json?: boolean }) => {
    const r = rulesCommand(ALL_RULES, id, o);
    process.stdout.write(r.out);
    if (r.err) process.stderr.write(r.err);
    process.exitCode = r.code;
  });

registerBaselineCommand(program, runScan);

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`graphwarden: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = EXIT_INCOMPLETE;
});
