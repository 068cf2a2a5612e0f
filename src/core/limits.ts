// Resource limits: hostile input becomes a clear error, never a crash or a hang.

export interface Limits {
  /** Largest metadata member (config JSON, protobuf, pickle) read into memory. */
  maxMetadataBytes: number;
  /** Largest total bytes inflated from one archive. */
  maxInflateTotal: number;
  /** Largest compression ratio accepted for one member (inflated / stored). */
  maxInflateRatio: number;
  /** Deepest nesting of JSON arrays/objects. */
  maxJsonDepth: number;
  /** Deepest nesting of archives inside archives. */
  maxArchiveDepth: number;
  /** Most members in one archive. */
  maxArchiveMembers: number;
  /** Most files visited under one directory target. */
  maxTreeFiles: number;
  /** Files above this size are not hashed (sha256 omitted) unless hashing is forced. */
  maxHashBytes: number;
  /** Wall-clock budget for one target, in milliseconds. */
  targetTimeoutMs: number;
  /** Findings listed for one target; the rest are counted in one closing GW003 finding. */
  maxFindingsPerTarget: number;
  /** Findings listed inside one nested archive (a member chain prefix); the rest are counted likewise. */
  maxFindingsPerArchive: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxMetadataBytes: 512 * 1024 * 1024,
  maxInflateTotal: 1024 * 1024 * 1024,
  maxInflateRatio: 200,
  maxJsonDepth: 512,
  maxArchiveDepth: 4,
  maxArchiveMembers: 100_000,
  maxTreeFiles: 100_000,
  maxHashBytes: 4 * 1024 * 1024 * 1024,
  targetTimeoutMs: 120_000,
  maxFindingsPerTarget: 1000,
  maxFindingsPerArchive: 200,
};
