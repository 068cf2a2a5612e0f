// `graphwarden rules [ID]`: the rule list in id order, or one rule's documentation.
import type { Rule } from "../rules/types.js";
import { renderRuleSection, sortRules } from "../report/rules-doc.js";

/** Returns the text to print and the exit code (2 for an unknown id). */
export function rulesCommand(rules: readonly Rule[], id: string | undefined, o: { json?: boolean }): { out: string; err?: string; code: number } {
  const sorted = sortRules(rules);
  if (id !== undefined) {
    const r = sorted.find((x) => x.meta.id.toLowerCase() === id.toLowerCase());
    if (!r) return { out: "", err: `graphwarden: no rule ${JSON.stringify(id)}; \`graphwarden rules\` lists them\n`, code: 2 };
    return { out: o.json ? JSON.stringify(r.meta, null, 2) + "\n" : renderRuleSection(r).join("\n") + "\n", code: 0 };
  }
  if (o.json) return { out: JSON.stringify(sorted.map((r) => r.meta), null, 2) + "\n", code: 0 };
  return { out: sorted.map((r) => `${r.meta.id}  ${r.meta.severity.padEnd(8)} ${r.meta.name.padEnd(32)} ${r.meta.summary}\n`).join(""), code: 0 };
}
