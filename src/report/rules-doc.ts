// Renders docs/rules.md from the rules' own metadata (one section per rule id).
import type { Rule } from "../rules/types.js";

export function renderRulesDoc(rules: readonly Rule[]): string {
  const out: string[] = [];
  out.push("# graphwarden rules");
  out.push("");
  out.push("Generated from the rules' metadata by `npm run docs:rules`; do not edit by hand.");
  out.push("Rule ids never change meaning once released. Severity is the default; a rule raises or");
  out.push("lowers it when the evidence says more (a secret path, a remote URL, a capability).");
  out.push("");
  out.push("| id | name | default severity | summary |");
  out.push("|---|---|---|---|");
  const sorted = sortRules(rules);
  for (const r of sorted) out.push(`| [${r.meta.id}](#${r.meta.id.toLowerCase()}) | ${r.meta.name} | ${r.meta.severity} | ${r.meta.summary.replace(/\|/g, "\\|")} |`);
  for (const r of sorted) {
    out.push("");
    out.push(...renderRuleSection(r));
  }
  return out.join("\n") + "\n";
}

/** Rules in id order (GW001 before GW101 before GW201). */
export function sortRules(rules: readonly Rule[]): Rule[] {
  return [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id, "en", { numeric: true }));
}

/** One rule's section of docs/rules.md (also what `graphwarden rules GW201` prints). */
export function renderRuleSection(r: Rule): string[] {
  const out: string[] = [];
  const m = r.meta;
  out.push(`## ${m.id}`);
  out.push("");
  out.push(`**${m.name}** — default severity **${m.severity}**`);
  out.push("");
  out.push(m.summary);
  out.push("");
  out.push(`**Why it matters.** ${m.why}`);
  out.push("");
  out.push("**Example.**");
  out.push("");
  out.push("```");
  out.push(m.example);
  out.push("```");
  out.push("");
  out.push(`**What to do.** ${m.fix}`);
  if (m.references?.length) {
    out.push("");
    out.push(`**References.** ${m.references.join(", ")}`);
  }
  return out;
}
