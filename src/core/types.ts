// Core vocabulary of graphwarden: findings, severities, capabilities, triggers, targets.

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher number = more severe. */
export function severityRank(s: Severity): number {
  return 4 - SEVERITIES.indexOf(s);
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

export function isSeverity(x: unknown): x is Severity {
  return typeof x === "string" && (SEVERITIES as readonly string[]).includes(x);
}

export const CAPABILITIES = [
  "exec",
  "safety-off",
  "nested-load",
  "file-write",
  "file-read",
  "network",
  "native-load",
  "global-state",
  "unverifiable",
  "custom-code",
  "container",
  "compute",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** When the payload would run. */
export type Trigger = "load" | "inference" | "training" | "unknown" | "none";

export interface Location {
  /** Path of the scanned target as the user named it (file or directory member). */
  path: string;
  /** Archive member chain, e.g. "config.json" or "model.zip!saved_model.pb". */
  member?: string;
  /** JSON pointer, graph path or HDF5 object path inside the member. */
  pointer?: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  capabilities: Capability[];
  trigger: Trigger;
  location: Location;
  message: string;
  evidence?: string;
  references?: string[];
  affectedVersions?: string[];
  confidence?: "high" | "medium" | "low";
}

export type TargetStatus = "scanned" | "error" | "unsupported";

export interface TargetReport {
  path: string;
  format: string;
  /** sha256 of the file; null when not computed (the reason is in details.sha256_skipped). */
  sha256?: string | null;
  bytes: number;
  status: TargetStatus;
  /** Extra facts the readers learned (framework versions, member counts). */
  details?: Record<string, string | number | boolean>;
  /** Other paths that reach the same file (links, hard links): it is scanned once, under `path`. */
  aliases?: string[];
}

export interface ScanError {
  path: string;
  member?: string;
  message: string;
}

export interface Report {
  tool: { name: string; version: string };
  targets: TargetReport[];
  findings: Finding[];
  errors: ScanError[];
}
