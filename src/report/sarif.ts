// SARIF 2.1.0 for CI (GitHub code scanning and friends): one run, rules from rule metadata.
import type { Finding, Report, Severity } from "../core/types.js";
import type { Rule } from "../rules/types.js";
import { sortFindings } from "./summary.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/** GitHub's security-severity (0-10) drives its own severity buckets. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "0.0" };

function logicalLocation(f: Finding): string | undefined {
  const parts = [f.location.member, f.location.pointer].filter(Boolean);
  return parts.length ? parts.join("#") : undefined;
}

export function renderSarif(report: Report, rules: readonly Rule[]): string {
  const used = new Set(report.findings.map((f) => f.rule));
  const ruleList = rules.filter((r) => used.has(r.meta.id));
  const index = new Map(ruleList.map((r, i) => [r.meta.id, i]));
  const results = sortFindings(report.findings).map((f) => {
    const logical = logicalLocation(f);
    const text = [f.message, f.evidence ? `Evidence: ${f.evidence}` : "", `Trigger: ${f.trigger}.`, f.affectedVersions?.length ? `Affected: ${f.affectedVersions.join("; ")}.` : ""]
      .filter(Boolean)
      .join(" ");
    const res: Record<string, unknown> = {
      ruleId: f.rule,
      level: LEVEL[f.severity],
      message: { text },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: encodeURI(f.location.path.replace(/\\/g, "/")) } },
          ...(logical ? { logicalLocations: [{ fullyQualifiedName: logical, kind: "member" }] } : {}),
        },
      ],
      properties: {
        severity: f.severity,
        capabilities: f.capabilities,
        trigger: f.trigger,
        ...(f.affectedVersions ? { affectedVersions: f.affectedVersions } : {}),
        ...(f.evidence ? { evidence: f.evidence } : {}),
        "security-severity": SECURITY_SEVERITY[f.severity],
      },
      partialFingerprints: { "graphwarden/v1": `${f.rule}:${f.location.path}:${logical ?? ""}` },
    };
    const i = index.get(f.rule);
    if (i !== undefined) res["ruleIndex"] = i;
    return res;
  });
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            informationUri: "https://www.npmjs.com/package/graphwarden",
            rules: ruleList.map((r) => ({
              id: r.meta.id,
              name: r.meta.name,
              shortDescription: { text: r.meta.summary },
              fullDescription: { text: r.meta.why },
              help: { text: `${r.meta.why}\n\nExample: ${r.meta.example}\n\nWhat to do: ${r.meta.fix}`, markdown: `${r.meta.why}\n\n**Example:** \`${r.meta.example}\`\n\n**What to do:** ${r.meta.fix}` },
              defaultConfiguration: { level: LEVEL[r.meta.severity] },
              properties: { tags: ["security", ...(r.meta.references ?? [])], "security-severity": SECURITY_SEVERITY[r.meta.severity] },
            })),
          },
        },
        results,
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: report.errors.map((e) => ({
              level: "error",
              message: { text: `${e.path}${e.member ? ` (${e.member})` : ""}: ${e.message}` },
            })),
          },
        ],
        artifacts: report.targets.map((t) => ({
          location: { uri: encodeURI(t.path.replace(/\\/g, "/")) },
          length: t.bytes,
          ...(t.sha256 ? { hashes: { "sha-256": t.sha256 } } : {}),
          properties: { format: t.format, status: t.status },
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}
