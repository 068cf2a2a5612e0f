// sha256 for the CLI (Node crypto, streaming): kept out of the core so the browser build stays Node-free.
import { createHash } from "node:crypto";
import type { ByteSource } from "../core/bytes.js";

/** sha256 of a file in 16 MiB chunks: memory stays flat whatever the weights weigh. */
export async function streamingSha256(src: ByteSource): Promise<string> {
  const h = createHash("sha256");
  const CHUNK = 16 * 1024 * 1024;
  for (let off = 0; off < src.size; off += CHUNK) h.update(await src.read(off, Math.min(CHUNK, src.size - off)));
  return h.digest("hex");
}

/** Default hashing cap: files above it get `sha256: null` unless --hash (cost stays flat in weight size). */
export const DEFAULT_HASH_MAX_BYTES = 16 * 1024 * 1024;
