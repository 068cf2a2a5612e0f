// Team files on the command line: `scan --policy FILE --baseline FILE`, and the `baseline` command.
// Only paths the user names are read; nothing is discovered in the scanned tree.
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import type { Report } from "../core/types.js";
import { exitCode, EXIT_INCOMPLETE } from "../report/summary.js";
import { applyBaseline, makeBaseline, readBaseline, type Baseline } from "./baseline.js";
import { applyPolicy, readPolicy, type Policy } from "./policy.js";

export interface TeamFiles {
  /** Policy first (switches, severities), then the baseline (accepted findings); notes go to stderr. */
  apply(report: Report): Promise<Report>;
}

export async function loadTeamFiles(o: { policy?: string; baseline?: string; timeout?: number }): Promise<TeamFiles> {
  // The rules (and the engines they name) are loaded only to check a policy against them.
  const policy: Policy | undefined = o.policy ? await readPolicy(o.policy, (await import("../rules/index.js")).ALL_RULES) : undefined;
  const baseline: Baseline | undefined = o.baseline ? await readBaseline(o.baseline) : undefined;
  return {
    async apply(report) {
      let r = report;
      if (policy) {
        const p = applyPolicy(r, policy);
        r = p.report;
        process.stderr.write(`graphwarden: policy ${o.policy}: ${p.dropped} finding(s) from switched-off rules dropped, ${p.changed} severity change(s)\n`);
      }
      if (baseline) {
        const b = await applyBaseline(r, baseline, o.timeout !== undefined ? o.timeout * 1000 : undefined);
        r = b.report;
        process.stderr.write(`graphwarden: baseline ${o.baseline}: ${b.accepted} accepted finding(s) dropped, ${r.findings.length} left\n`);
      }
      return r;
    },
  };
}

type RunScan = (paths: string[], opts: { hash: boolean }) => Promise<{ report: Report; explicitFiles: Set<string> }>;

export function registerBaselineCommand(program: Command, runScan: RunScan): void {
  program
    .command("baseline")
    .description("write a baseline of today's findings (keyed by file sha256 + rule + location) for `scan --baseline`")
    .argument("<paths...>", "the files or folders to scan")
    .requiredOption("-o, --output <file>", "where to write the baseline (JSON)")
    .option("--reason <text>", "why these findings are accepted (stored in every entry; edit per entry later)", "")
    .option("--policy <file>", "apply this policy first (switched-off rules are not baselined)")
    .action(async (paths: string[], o: { output: string; reason: string; policy?: string }) => {
      const team = await loadTeamFiles({ policy: o.policy });
      const { report: raw, explicitFiles } = await runScan(paths, { hash: true });
      const report = await team.apply(raw);
      const { baseline, unhashed } = await makeBaseline(report, o.reason);
      await writeFile(o.output, JSON.stringify(baseline, null, 2) + "\n");
      process.stderr.write(`graphwarden: ${baseline.entries.length} finding(s) written to ${o.output}${unhashed ? `; ${unhashed} folder-level finding(s) cannot be baselined` : ""}\n`);
      // An incomplete scan makes an incomplete baseline: say so with exit 2.
      process.exitCode = exitCode(report, "none", explicitFiles) === EXIT_INCOMPLETE ? EXIT_INCOMPLETE : 0;
    });
}
