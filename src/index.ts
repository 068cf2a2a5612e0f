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
// The CLI's scan building blocks, for the service package (packages/service): it scans exactly as
// `graphwarden scan` does, so that its reports equal the CLI's byte for byte.
export { NodeTree, treeFor } from "./cli/node-tree.js";
export { WorkerPool, type PoolOptions } from "./cli/pool.js";
export { DEFAULT_MEMORY_MB } from "./cli/prestart.js";
export { DEFAULT_HASH_MAX_BYTES } from "./cli/hash.js";
export { regionFinder } from "./cli/sarif-regions.js";
export { isRemote, scanRemote } from "./remote/scan.js";
export { errorResult } from "./scanner.js";
export { describeError } from "./core/context.js";
