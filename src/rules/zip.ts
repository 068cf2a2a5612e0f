// Container rules (THREATS §1): duplicated members, members escaping the extraction folder,
// archive bombs, structural differentials between readers, members deliberately not inflated.
import type { Severity, Trigger } from "../core/types.js";
import { defineRule } from "./types.js";

export interface ArchiveCopy {
  index: number;
  size: number;
  compressedSize: number;
}

export interface ArchiveDuplicateSubject {
  container: string;
  name: string;
  copies: ArchiveCopy[];
  /** Central-directory index of the copy the loader reads (zipfile: the last). */
  readIndex: number;
  trigger: Trigger;
  /** Is the duplicated name one the loader opens by name (config.json, model.weights.npz)? */
  loaderReads: boolean;
}

export interface ArchiveEscapeSubject {
  container: string;
  name: string;
  kind: string;
  detail: string;
  linkTarget?: string;
  /** Does the loader extract this archive to disk (Keras: more than 3 members)? */
  extractedOnLoad: boolean;
  severity: Severity;
  affectedVersions?: string[];
}

export interface ArchiveBombSubject {
  container: string;
  name: string;
  reason: string;
}

export interface ArchiveAnomalySubject {
  container: string;
  name: string;
  detail: string;
  severity: Severity;
}

export interface SpecialFileSubject {
  /** "tar archive", "SavedModel folder" ... */
  container: string;
  name: string;
  /** "FIFO", "character device", "block device", "socket". */
  what: string;
  /** Whether a model loader opens this path while loading (an asset, a variables file). */
  loaderOpens: boolean;
}

export interface ArchiveSkippedSubject {
  container: string;
  name: string;
  size: number;
  reason: string;
}

declare module "./types.js" {
  interface Subjects {
    "archive-duplicate": ArchiveDuplicateSubject;
    "archive-escape": ArchiveEscapeSubject;
    "archive-bomb": ArchiveBombSubject;
    "archive-anomaly": ArchiveAnomalySubject;
    "special-file": SpecialFileSubject;
    "archive-skipped": ArchiveSkippedSubject;
  }
}

export const archiveDuplicate = defineRule({
  meta: {
    id: "GW301",
    name: "archive-duplicate-member",
    severity: "high",
    summary: "An archive holds two or more members with the same name.",
    why: "Python's zipfile returns the LAST member of a duplicated name, while many viewers, unzip tools and scanners show the first. An attacker ships a harmless first copy for reviewers and a malicious last copy for the loader (a duplicated model.weights.npz whose last copy is a pickle was found in a public repository). graphwarden scans every copy and says which one the loader reads.",
    example: "model.keras with config.json twice: a plain Dense model first, a config naming os.system last.",
    fix: "Do not load the file. Rebuild the archive from the copy you have reviewed; legitimate writers never duplicate a name.",
    references: ["CWE-434", "CWE-706"],
  },
  on: {
    "archive-duplicate"(s, report) {
      const sizes = s.copies.map((c) => `#${c.index}: ${c.size} bytes`).join(", ");
      report({
        severity: s.loaderReads ? "high" : "medium",
        capabilities: ["container"],
        trigger: s.trigger,
        message: `"${s.name}" appears ${s.copies.length} times in the ${s.container}; Python's zipfile reads the last copy (#${s.readIndex}), other tools may show another.`,
        evidence: `${sizes}; loader reads #${s.readIndex}`,
        pointer: s.name,
      });
    },
  },
});

export const archiveEscape = defineRule({
  meta: {
    id: "GW302",
    name: "archive-path-escape",
    severity: "high",
    summary: "An archive member would be written outside the folder it is extracted into (zip slip / tar slip).",
    why: "Names with '..', absolute paths, drive letters, backslash traversal or link entries make a naive extractor write anywhere the user can (shell start-up files, authorized_keys, site-packages). Keras extracts a .keras archive with more than 3 members to a temporary folder at load (its own filters vary by version: Keras 3.0-3.11 rely on zipfile.extractall, 3.12+ filter members); TF Hub, get_file(extract=True) and hand-written tooling extract tar and zip archives too.",
    example: "A .keras archive with a member named ../../.bashrc or a symlink entry pointing at /etc.",
    fix: "Do not extract or load the archive. Legitimate model archives only hold relative names inside their own folder.",
    references: ["CWE-22", "CWE-59", "CVE-2026-12479"],
  },
  on: {
    "archive-escape"(s, report) {
      const f = {
        severity: s.severity,
        capabilities: ["file-write" as const, "container" as const],
        trigger: s.extractedOnLoad ? ("load" as const) : ("unknown" as const),
        message: `Member "${s.name.slice(0, 120)}" of the ${s.container} ${s.detail}${s.extractedOnLoad ? "; the loader extracts this archive at load" : "; an extracting tool would write outside its target folder"}.`,
        evidence: s.linkTarget !== undefined ? `${s.name.slice(0, 80)} -> ${s.linkTarget.slice(0, 80)}` : s.name.slice(0, 120),
        pointer: s.name,
      };
      report(s.affectedVersions ? { ...f, affectedVersions: s.affectedVersions } : f);
    },
  },
});

export const archiveBomb = defineRule({
  meta: {
    id: "GW303",
    name: "archive-bomb",
    severity: "medium",
    summary: "An archive member inflates far beyond its stored size (decompression bomb); it was not inflated further.",
    why: "A few kilobytes that inflate to gigabytes exhaust memory or disk in the loader or in any tool that opens the file. graphwarden stops at its limits and reports the target as not fully scanned (exit 2), never as clean.",
    example: "A 20 KB member declaring 4 GB of zeros, or a ratio above 200:1 past the first megabyte.",
    fix: "Do not open the file with tools that inflate without limits. Raise --max-inflate only for archives you trust.",
    references: ["CWE-409"],
  },
  on: {
    "archive-bomb"(s, report) {
      report({ capabilities: ["global-state", "container"], trigger: "load", message: `Member "${s.name}" of the ${s.container} is a decompression bomb: ${s.reason}.`, evidence: s.reason, pointer: s.name });
    },
  },
});

export const archiveAnomaly = defineRule({
  meta: {
    id: "GW304",
    name: "archive-structure-differential",
    severity: "medium",
    summary: "The archive structure reads differently in different tools (local header vs central directory, overlapping members, data before the archive).",
    why: "Python's zipfile trusts the central directory; streaming unzippers and some scanners trust the local headers. When the two disagree (name, size, method) or members overlap, a reviewer and the loader may see different bytes.",
    example: "A member whose local header says 'stored, 10 bytes' while the central directory says 'deflated, 4 KB'.",
    fix: "Treat the file as tampered; rebuild it with a standard tool from content you trust.",
    references: ["CWE-436"],
  },
  on: {
    "archive-anomaly"(s, report) {
      const where = s.name.startsWith("(") ? `The ${s.container} ${s.name}` : `Member "${s.name}" of the ${s.container}`;
      report({ severity: s.severity, capabilities: ["container"], trigger: "unknown", message: `${where}: ${s.detail}.`, pointer: s.name });
    },
  },
});

export const archiveSkipped = defineRule({
  meta: {
    id: "GW305",
    name: "archive-member-not-inflated",
    severity: "info",
    summary: "Inventory: a large weights shard (a checkpoint's data, a TF.js weight group) of a compressed tar stream was not kept for scanning; any other member not kept makes the scan incomplete (GW001), as zip members past the inflate budget do.",
    why: "A gzipped tar stream is read front to back; members above the keep cap would have to be held in memory whole. Their container-level risks are checked from the headers alone.",
    example: "a 300 MB weights file inside a .tar.gz holding a SavedModel.",
    fix: "Nothing to do, or unpack the archive and scan the folder.",
  },
  on: {
    "archive-skipped"(s, report) {
      report({ capabilities: [], trigger: "none", message: `Member "${s.name}" (${s.size} bytes) of the ${s.container} was not inflated: ${s.reason}.`, pointer: s.name });
    },
  },
});

export const specialFile = defineRule({
  meta: {
    id: "GW306",
    name: "special-file-in-model",
    severity: "medium",
    summary: "A member of a model archive or folder is a FIFO or a device: the loader (or anything that reads it) blocks or reads without end.",
    why: "tar extracts FIFO and device members as such (GNU tar by default; Python's tarfile without the 'data' filter). A SavedModel loader opens its assets and variables through the file system: on a FIFO open() blocks until another program writes, and a device such as /dev/zero never ends, so tf.saved_model.load hangs. graphwarden never opens such a file.",
    example: "A tar whose assets/vocab.txt is a FIFO member; after tar xf, loading the SavedModel never returns.",
    fix: "Do not extract or load it. A model's files are regular files; rebuild the archive from a trusted copy.",
    references: ["CWE-400"],
  },
  on: {
    "special-file"(s, report) {
      report({
        capabilities: ["global-state", "container"],
        trigger: s.loaderOpens ? "load" : "unknown",
        message: `"${s.name.slice(0, 120)}" in the ${s.container} is a ${s.what}${s.loaderOpens ? ": the loader opens it while loading and blocks (a FIFO) or reads without end (a device)" : ": a tool that extracts or reads it may block or read without end"}.`,
        evidence: `${s.name.slice(0, 120)} (${s.what})`,
        pointer: s.name,
      });
    },
  },
});

export const ZIP_RULES = [archiveDuplicate, archiveEscape, archiveBomb, archiveAnomaly, archiveSkipped, specialFile];
