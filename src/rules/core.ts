// File-level rules: incomplete scans, unsupported files, pointer files.
import { defineRule } from "./types.js";

export interface UnsupportedSubject {
  name: string;
  size: number;
  head: Uint8Array;
  /** Archive member chain, "" for a top-level file. */
  member: string;
}

declare module "./types.js" {
  interface Subjects {
    unsupported: UnsupportedSubject;
  }
}

/** Emitted by ScanContext.error(); listed here for its documentation. */
export const scanIncomplete = defineRule({
  meta: {
    id: "GW001",
    name: "scan-incomplete",
    severity: "medium",
    summary: "A target or member could not be fully parsed or hit a resource limit; it is not clean.",
    why: "A scanner that skips what it cannot parse hands attackers a bypass: malformed or oversized input is exactly what a hostile file would use to hide. graphwarden fails closed: the target gets status error and the exit code is 2.",
    example: "A truncated HDF5 file, a zip bomb, JSON nested 100,000 levels deep.",
    fix: "Get the file from a trusted source again; if it is genuinely this shape, do not load it.",
  },
  on: {},
});

/** Emitted by ScanContext when the finding caps are reached; listed here for its documentation. */
export const findingsCapped = defineRule({
  meta: {
    id: "GW003",
    name: "findings-capped",
    severity: "info",
    summary: "More findings than the per-target or per-archive cap: the rest are counted in this one finding, which carries the highest severity among them.",
    why: "A small hostile archive (42.zip style) can otherwise produce tens of thousands of findings and a report of many megabytes, burying the one that matters and exhausting whoever reads it. Nothing is dropped silently: the count by severity is given, and the exit code is unchanged.",
    example: "A nested zip whose 65,536 members each raise a finding: 1000 are listed per target (200 per nested archive), one GW003 counts the rest.",
    fix: "Treat the file as hostile. To list every finding, raise maxFindingsPerTarget / maxFindingsPerArchive in the library limits.",
  },
  on: {},
});

export const unsupported = defineRule({
  meta: {
    id: "GW002",
    name: "unsupported-file",
    severity: "info",
    summary: "A file that is not a model format graphwarden reads; it was not scanned.",
    why: "Nothing is silently skipped: the report lists every file it did not judge, so that a reviewer can see what was not covered.",
    example: "README.md next to a model; a weights shard referenced by nothing.",
    fix: "Nothing, if the file is not part of the model. If it is, open an issue with a sample.",
  },
  on: {
    unsupported(s, report) {
      report({
        capabilities: [],
        trigger: "none",
        message: `Not a model format graphwarden reads (${s.size} bytes); not scanned.`,
      });
    },
  },
});
