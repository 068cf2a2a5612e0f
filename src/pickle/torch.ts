// Embedded torch.save payloads (Keras TorchModuleWrapper): scanned as archive members so the zip
// handler (archive/data.pkl) or the pickle handler (legacy torch format) walks their opcodes.
import { MemorySource } from "../core/bytes.js";
import type { ScanContext } from "../core/context.js";

/** Scans the decoded bytes of a torch.save payload as a member named `name` of `ctx`. */
export function scanEmbeddedTorchSave(ctx: ScanContext, bytes: Uint8Array, name: string): Promise<void> {
  return ctx.scanMember(new MemorySource(name, bytes), name);
}
