// git-LFS pointer files: a few lines of text standing where the model should be.
import { decodeUtf8, startsWith } from "../core/bytes.js";
import type { FormatHandler } from "../core/handler.js";

export const lfsPointerHandler: FormatHandler = {
  id: "git-lfs-pointer",
  description: "git-LFS pointer file (not the model: the object was never fetched)",
  match(s) {
    return s.size < 1024 && startsWith(s.head, "version https://git-lfs.github.com/spec/") ? 100 : 0;
  },
  async scan(ctx, _src, s) {
    const text = decodeUtf8(s.head);
    const oid = /oid sha256:([0-9a-f]{64})/.exec(text)?.[1];
    const size = /size (\d+)/.exec(text)?.[1];
    ctx.error(
      `git-LFS pointer, not the model${oid ? ` (oid sha256:${oid.slice(0, 16)}…, ${size ?? "?"} bytes)` : ""}: fetch the LFS object (git lfs pull) and scan the real file`,
    );
  },
};
