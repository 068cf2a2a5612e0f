// Policy: severity overrides and rule switches for a team, from a JSON file named on the command
// line (never read from the scanned tree):
//   { "rules": { "GW103": { "severity": "info" }, "GW509": { "enabled": false } } }
// GW001 (scan incomplete) cannot be switched off or lowered: an incomplete scan is never clean; nor GW306 (a FIFO or
// device under a name a loader opens: its bytes are never read).
import { readFile } from "node:fs/promises";
import { isSeverity, type Report, type Severity } from "../core/types.js";
import type { Rule } from "../rules/types.js";

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

export interface RulePolicy {
  enabled?: boolean;
  severity?: Severity;
}

export interface Policy {
  rules: Record<string, RulePolicy>;
}

export function parsePolicy(text: string, file: string, rules: readonly Rule[]): Policy {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`policy ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const known = new Map(rules.map((r) => [r.meta.id, r]));
  const p = doc as { rules?: unknown } | null;
  if (!p || typeof p !== "object" || Array.isArray(p) || Object.keys(p).some((k) => k !== "rules")) throw new Error(`policy ${file}: expected {"rules": {...}}`);
  const out: Policy = { rules: {} };
  const entries = p.rules ?? {};
  if (typeof entries !== "object" || entries === null || Array.isArray(entries)) throw new Error(`policy ${file}: "rules" must be an object keyed by rule id`);
  for (const [id, v] of Object.entries(entries as Record<string, unknown>)) {
    const rule = known.get(id);
    if (!rule) throw new Error(`policy ${file}: unknown rule ${JSON.stringify(id)}`);
    const rp = v as Record<string, unknown> | null;
    if (!rp || typeof rp !== "object" || Array.isArray(rp) || Object.keys(rp).some((k) => k !== "enabled" && k !== "severity")) throw new Error(`policy ${file}: ${id} takes only "enabled" and "severity"`);
    const entry: RulePolicy = {};
    if (rp["enabled"] !== undefined) {
      if (typeof rp["enabled"] !== "boolean") throw new Error(`policy ${file}: ${id}.enabled must be true or false`);
      entry.enabled = rp["enabled"];
    }
    if (rp["severity"] !== undefined) {
      if (!isSeverity(rp["severity"])) throw new Error(`policy ${file}: ${id}.severity must be critical, high, medium, low or info`);
      entry.severity = rp["severity"];
    }
    if (id === "GW001" && (entry.enabled === false || (entry.severity && entry.severity !== rule.meta.severity))) throw new Error(`policy ${file}: GW001 (scan incomplete) cannot be switched off or changed`);
    // the count of findings past the listing cap stands for them (its severity is the highest it counts): switched off
    // or set to another severity, a critical finding past the cap would pass unseen
    if (id === "GW003" && (entry.enabled === false || entry.severity !== undefined)) throw new Error(`policy ${file}: GW003 (findings past the listing cap, as severe as the worst it counts) cannot be switched off or given a severity`);
    // a special file where a loader reads a model: its bytes were never read, so it can never pass
    if (id === "GW306" && (entry.enabled === false || (entry.severity && SEVERITY_RANK[entry.severity] < SEVERITY_RANK[rule.meta.severity]))) throw new Error(`policy ${file}: GW306 (a special file where a loader reads a model, never read) cannot be switched off or lowered`);
    out.rules[id] = entry;
  }
  return out;
}

export async function readPolicy(file: string, rules: readonly Rule[]): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new Error(`policy ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parsePolicy(text, file, rules);
}

/** Applies rule switches and severity overrides; counts what changed. */
export function applyPolicy(report: Report, policy: Policy): { report: Report; dropped: number; changed: number } {
  let dropped = 0;
  let changed = 0;
  const findings = [];
  for (const f of report.findings) {
    const rp = policy.rules[f.rule];
    if (rp?.enabled === false) {
      dropped++;
      continue;
    }
    if (rp?.severity && rp.severity !== f.severity) {
      changed++;
      findings.push({ ...f, severity: rp.severity });
    } else findings.push(f);
  }
  return { report: { ...report, findings }, dropped, changed };
}
