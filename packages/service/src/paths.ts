// Submissions by path: only paths under the configured root are ever read. A path is refused when
// it is absolute, has a ".." segment or a NUL, or when it (or any link inside a submitted folder)
// resolves outside the root once every symlink is followed.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";

export class PathError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Most entries hashed for a folder's artifact key (the scanner has its own, larger budgets). */
const MAX_FOLDER_ENTRIES = 100_000;

function inside(realRoot: string, p: string): boolean {
  const r = relative(realRoot, p);
  return r === "" || (!r.startsWith("..") && !isAbsolute(r) && r.split(sep)[0] !== "..");
}

/** Checks a submitted path and returns it normalised ("/"-separated, no "." segments) with its absolute form. */
export async function confine(root: string, userPath: string): Promise<{ display: string; abs: string }> {
  if (typeof userPath !== "string" || userPath.length === 0 || userPath.length > 4096) throw new PathError(400, "path: expected a non-empty string");
  if (userPath.includes("\0")) throw new PathError(400, "path: NUL byte");
  if (isAbsolute(userPath) || userPath.startsWith("/") || userPath.startsWith("\\") || /^[A-Za-z]:/.test(userPath)) throw new PathError(400, "path: must be relative to the scan root");
  const segs = userPath.split(/[\\/]+/).filter((s) => s !== "" && s !== ".");
  if (segs.includes("..")) throw new PathError(400, "path: '..' is not allowed");
  const display = segs.length ? segs.join("/") : ".";
  const realRoot = await realpath(root);
  const abs = resolve(realRoot, ...segs);
  let real: string;
  try {
    real = await realpath(abs);
  } catch {
    throw new PathError(404, `path: ${display}: no such file or directory under the scan root`);
  }
  if (!inside(realRoot, real)) throw new PathError(403, `path: ${display} resolves outside the scan root`);
  const st = await stat(real);
  if (st.isDirectory()) await checkLinks(realRoot, abs, 0);
  else if (!st.isFile()) throw new PathError(400, `path: ${display} is not a regular file or folder`);
  return { display, abs };
}

/** Every symlink inside a submitted folder must resolve inside the root. */
async function checkLinks(realRoot: string, dir: string, depth: number): Promise<void> {
  if (depth > 64) throw new PathError(400, "path: folder nesting too deep");
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isSymbolicLink()) {
      let real: string;
      try {
        real = await realpath(p);
      } catch {
        continue; // Dangling: the scanner lists it as unsupported and never opens it.
      }
      if (!inside(realRoot, real)) throw new PathError(403, `path: a link inside the folder resolves outside the scan root`);
    } else if (e.isDirectory()) await checkLinks(realRoot, p, depth + 1);
  }
}

export function sha256File(p: string): Promise<string> {
  return new Promise((res, rej) => {
    const h = createHash("sha256");
    createReadStream(p)
      .on("data", (c) => h.update(c))
      .on("end", () => res(h.digest("hex")))
      .on("error", rej);
  });
}

/**
 * The artifact key of a file is its sha256; of a folder, the sha256 of a manifest listing every
 * entry (relative path, kind, and a file's sha256 or a link's target) in sorted order.
 */
export async function artifactSha256(abs: string): Promise<string> {
  const st = await stat(abs);
  if (!st.isDirectory()) return sha256File(abs);
  const lines: string[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (lines.length > MAX_FOLDER_ENTRIES) throw new PathError(413, "path: folder has too many entries");
      const p = join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      const l = await lstat(p);
      if (l.isSymbolicLink()) lines.push(`L ${JSON.stringify(r)} ${JSON.stringify(await realpath(p).then((x) => relative(abs, x), () => "?"))}`);
      else if (l.isDirectory()) {
        lines.push(`D ${JSON.stringify(r)}`);
        await walk(p, r);
      } else if (l.isFile()) lines.push(`F ${JSON.stringify(r)} ${await sha256File(p)}`);
      else lines.push(`O ${JSON.stringify(r)}`);
    }
  };
  await walk(abs, "");
  return createHash("sha256").update(`graphwarden-folder-manifest-v1\n${lines.join("\n")}\n`).digest("hex");
}
