// The rule contract: each rule is one module with `meta` (id, docs, default severity) and the
// subjects it inspects. Engines (keras/, tf/, pickle/, formats/) build subjects and hand them to
// every rule that listens for that subject kind; a rule reports findings through `RuleReport`.
import type { Capability, Finding, Severity, Trigger } from "../core/types.js";

export interface RuleMeta {
  /** Stable id, e.g. GW101. Never changes meaning once released. */
  id: string;
  /** Short kebab-case name. */
  name: string;
  /** Severity when the rule has nothing more specific to say. */
  severity: Severity;
  /** One line: what the rule finds. */
  summary: string;
  /** Why it matters (a paragraph for docs/rules.md). */
  why: string;
  /** A short example of what triggers it. */
  example: string;
  /** What the user should do. */
  fix: string;
  references?: string[];
}

/** What a rule passes when it reports; the engine fills in location and defaults. */
export interface RuleFinding {
  severity?: Severity;
  capabilities: Capability[];
  trigger: Trigger;
  message: string;
  evidence?: string;
  references?: string[];
  affectedVersions?: string[];
  confidence?: Finding["confidence"];
  /** Overrides the subject's pointer (JSON pointer, graph path). */
  pointer?: string;
}

export type RuleReport = (f: RuleFinding) => void;

/**
 * Subject kinds. Engines add theirs by module augmentation:
 *   declare module "../rules/types.js" { interface Subjects { "tf-node": TfNodeSubject } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Subjects {}

export type SubjectHandlers = { [K in keyof Subjects]?: (subject: Subjects[K], report: RuleReport) => void };

export interface Rule {
  meta: RuleMeta;
  on: SubjectHandlers;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
