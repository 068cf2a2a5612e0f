// Public library API.
export { scanTree, scanBytes, sniff, walkTree, localExecutor, WalkState, type ScanOptions, type Executor, type FileJob, type DirJob, type TargetResult } from "./scanner.js";
export type { Report, Finding, Severity, Capability, Trigger, Location, TargetReport, ScanError } from "./core/types.js";
export { SEVERITIES, CAPABILITIES, severityRank } from "./core/types.js";
export type { ByteSource } from "./core/bytes.js";
export { MemorySource } from "./core/bytes.js";
export type { FileTree, DirEntry, EntryKind, PathInfo } from "./core/fs.js";
export { MemoryTree } from "./core/fs.js";
export { DEFAULT_LIMITS, type Limits } from "./core/limits.js";
export { renderJson } from "./report/json.js";
export { renderText, type TextOptions } from "./report/text.js";
export { renderSarif } from "./report/sarif.js";
export { renderMarkdown } from "./report/markdown.js";
export { renderHtml } from "./report/html.js";
export { exitCode } from "./report/summary.js";
export { ALL_RULES } from "./rules/index.js";
export { VERSION } from "./version.js";
