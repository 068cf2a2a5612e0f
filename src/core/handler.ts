// Format handlers: recognise content by its bytes and scan it. Registered in src/handlers.ts.
import type { ByteSource } from "./bytes.js";
import type { ScanContext } from "./context.js";
import type { FileTree } from "./fs.js";

export interface Sniffed {
  /** First bytes of the source (at least 4096 when the source is that big). */
  head: Uint8Array;
  /** Last bytes of the source (up to 65 KiB; zip end-of-central-directory lives here). */
  tail: Uint8Array;
  /** Offsets (0, 512, 1024, ...) where an HDF5 superblock signature was found. */
  hdf5Offset: number | undefined;
  /** Base name of the file or member. */
  name: string;
  size: number;
}

export interface FormatHandler {
  /** Format id reported in targets[].format, e.g. "keras-h5". */
  id: string;
  /** Human description for --help and README. */
  description: string;
  /** Larger number wins when several handlers match; 0 = no match. */
  match(s: Sniffed): number;
  /**
   * The largest score `match` ever returns, for a costly matcher (it walks the head as pickle or text): it is
   * asked after the others and skipped when it cannot win. The winner is the same as asking all in list order.
   */
  maxScore?: number;
  scan(ctx: ScanContext, src: ByteSource, s: Sniffed): Promise<void>;
}

/** Directory-shaped artifacts (SavedModel, TF Hub module, TF.js folder). */
export interface DirHandler {
  id: string;
  description: string;
  /** Does `dir` (relative to the tree root) hold this kind of artifact? */
  detect(tree: FileTree, dir: string): Promise<boolean>;
  /** Scans it; returns the relative paths it consumed so the walker does not scan them again. */
  scan(ctx: ScanContext, tree: FileTree, dir: string): Promise<Set<string>>;
}
