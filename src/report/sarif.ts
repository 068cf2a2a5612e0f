// SARIF 2.1.0 for code scanning (GitHub and friends): one run, rules from rule metadata.
// Artifact URIs are relative to %SRCROOT% (the current directory unless told otherwise), results
// point at the file that holds the finding (a SavedModel's saved_model.pb, not its folder; an
// archive itself, with the member as a logical location), regions only where the CLI found a real
// line, info findings only at --fail-on info. Every message is bounded and has controls made visible.
import type { Finding, Report, Severity } from "../core/types.js";
import type { Rule } from "../rules/types.js";
import { DIR_DETECTORS } from "../dir-detect.js";
import { bounded, uriPath, visible, wellFormed } from "./escape.js";
import { ruleHelpUri } from "./links.js";
import { sortFindings } from "./summary.js";
import { compareText } from "../core/text.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/** GitHub's security-severity (0-10) drives its own severity buckets. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "0.0" };

export interface SarifRegion {
  startLine: number;
  startColumn?: number;
}

export interface SarifOptions {
  /** Absolute directory that %SRCROOT% stands for (default: none known, paths are used as given). */
  srcRoot?: string;
  /** Absolute directory relative paths in the report are relative to (default: srcRoot). */
  cwd?: string;
  /** The --fail-on level: info findings are results only when it is "info". */
  failOn?: Severity | "none";
  /** Where a finding sits in its file, when the caller could locate it (never guessed here). */
  regionFor?: (f: Finding, file: string) => SarifRegion | undefined;
}

const FOLDER_FORMATS = new Set(DIR_DETECTORS.map((h) => h.id));

/** Splits a finding into the file that holds it and the logical place inside that file. */
export function sarifPlace(f: Finding, targetFormat: string | undefined, targetIsFolder: boolean): { file: string; logical?: string } {
  const { path, member, pointer } = f.location;
  if (targetIsFolder && targetFormat && FOLDER_FORMATS.has(targetFormat)) {
    const base = path.replace(/\/+$/, "");
    // A file named directly (a tfjs model.json) is its own place; a folder gets the inner file.
    const join = (inner: string) => (base.endsWith(`/${inner}`) || base === inner ? base : `${base}/${inner}`);
    if (member) {
      const [first, ...rest] = member.split("!");
      const logical = [rest.join("!"), pointer].filter(Boolean).join("#");
      return logical ? { file: join(first!), logical } : { file: join(first!) };
    }
    if (pointer) {
      const hash = pointer.indexOf("#");
      if (hash > 0) return { file: join(pointer.slice(0, hash)), logical: pointer.slice(hash + 1) };
      if (!pointer.startsWith("/") && !pointer.startsWith("(")) return { file: join(pointer) };
    }
    return { file: path };
  }
  const logical = [member, pointer].filter(Boolean).join("#");
  return logical ? { file: path, logical } : { file: path };
}

function norm(p: string): string[] {
  const out: string[] = [];
  for (const seg of p.replace(/\\/g, "/").split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === ".." && out.length && out[out.length - 1] !== "..") out.pop();
    else out.push(seg);
  }
  return out;
}

function isAbs(p: string): boolean {
  return p.startsWith("/") || p.startsWith("\\") || /^[A-Za-z]:[\\/]/.test(p);
}

function fileUri(abs: string[]): string {
  return `file:///${abs.map((s) => encodeURIComponent(wellFormed(s))).join("/")}`;
}

/** artifactLocation for a report path: relative to %SRCROOT% when inside it, else an absolute file URI. */
export function artifactLocation(p: string, o: SarifOptions): { uri: string; uriBaseId?: string } {
  if (!o.srcRoot) {
    if (isAbs(p)) return { uri: fileUri(norm(p)) };
    const rel = norm(p);
    return rel[0] === ".." ? { uri: uriPath(rel.join("/")) } : { uri: uriPath(rel.join("/")), uriBaseId: "%SRCROOT%" };
  }
  const root = norm(o.srcRoot);
  const abs = isAbs(p) ? norm(p) : norm(`${o.cwd ?? o.srcRoot}/${p}`);
  const inside = abs.length >= root.length && root.every((s, i) => abs[i] === s);
  if (!inside) return { uri: fileUri(abs) };
  return { uri: uriPath(abs.slice(root.length).join("/")), uriBaseId: "%SRCROOT%" };
}

export function renderSarif(input: Report, rules: readonly Rule[], o: SarifOptions = {}): string {
  const report = bounded(input);
  const withInfo = o.failOn === "info";
  const kept = sortFindings(report.findings).filter((f) => withInfo || f.severity !== "info");
  const used = new Set(kept.map((f) => f.rule));
  const ruleList = [...rules].filter((r) => used.has(r.meta.id)).sort((a, b) => compareText(a.meta.id, b.meta.id));
  const index = new Map(ruleList.map((r, i) => [r.meta.id, i]));
  const targets = new Map(report.targets.map((t) => [t.path, t]));
  const results = kept.map((f) => {
    const t = targets.get(f.location.path);
    const { file, logical } = sarifPlace(f, t?.format, t !== undefined && t.sha256 === undefined);
    const text = [visible(f.message), f.evidence ? `Evidence: ${visible(f.evidence)}` : "", `Trigger: ${f.trigger}.`, f.affectedVersions?.length ? `Affected: ${visible(f.affectedVersions.join("; "))}.` : ""]
      .filter(Boolean)
      .join(" ");
    const region = o.regionFor?.(f, file);
    const res: Record<string, unknown> = {
      ruleId: f.rule,
      level: LEVEL[f.severity],
      message: { text },
      locations: [
        {
          physicalLocation: { artifactLocation: artifactLocation(file, o), ...(region ? { region } : {}) },
          ...(logical ? { logicalLocations: [{ fullyQualifiedName: visible(logical), kind: "resource" }] } : {}),
        },
      ],
      properties: {
        severity: f.severity,
        capabilities: f.capabilities,
        trigger: f.trigger,
        ...(f.affectedVersions ? { affectedVersions: f.affectedVersions.map(wellFormed) } : {}),
        ...(f.evidence ? { evidence: wellFormed(f.evidence) } : {}),
        "security-severity": SECURITY_SEVERITY[f.severity],
      },
      partialFingerprints: { "graphwarden/v1": wellFormed(`${f.rule}:${file}:${logical ?? ""}`) },
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
              helpUri: ruleHelpUri(r.meta.id),
              help: { text: `${r.meta.why}\n\nExample: ${r.meta.example}\n\nWhat to do: ${r.meta.fix}`, markdown: `${r.meta.why}\n\n**Example:** \`${r.meta.example}\`\n\n**What to do:** ${r.meta.fix}` },
              defaultConfiguration: { level: LEVEL[r.meta.severity] },
              properties: { tags: ["security", ...(r.meta.references ?? [])], "security-severity": SECURITY_SEVERITY[r.meta.severity] },
            })),
          },
        },
        ...(o.srcRoot ? { originalUriBaseIds: { "%SRCROOT%": { uri: `${fileUri(norm(o.srcRoot))}/` } } } : {}),
        results,
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: report.errors.map((e) => ({
              level: "error",
              message: { text: visible(`${e.path}${e.member ? ` (${e.member})` : ""}: ${e.message}`) },
            })),
          },
        ],
        artifacts: report.targets.map((t) => ({
          location: artifactLocation(t.path, o),
          length: t.bytes,
          ...(t.sha256 ? { hashes: { "sha-256": t.sha256 } } : {}),
          properties: { format: t.format, status: t.status },
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}
