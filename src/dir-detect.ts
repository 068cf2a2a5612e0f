// Which folders are directory-shaped artifacts (TF.js model folder, SavedModel): the walker's
// detection only, kept apart from the engines so that the CLI's main thread, which walks while
// worker threads scan, does not load the engines. src/handlers.ts pairs each with its scanner.
import { decodeUtf8 } from "./core/bytes.js";
import { joinPath, type FileTree } from "./core/fs.js";
import { looksLikeJsonBytes } from "./formats/json-bytes.js";

export interface DirDetector {
  id: string;
  /** Does `dir` (relative to the tree root) hold this kind of artifact? */
  detect(tree: FileTree, dir: string): Promise<boolean>;
}

/** Most JSON files a folder is probed for a TF.js model. */
const MAX_PROBE = 32;

/** Does the head of a JSON file look like a TF.js model.json? */
export function looksLikeTfjs(head: Uint8Array): boolean {
  if (!looksLikeJsonBytes(head)) return false;
  const text = decodeUtf8(head);
  return text.includes('"modelTopology"') || (text.includes('"weightsManifest"') && /"format"\s*:\s*"(?:graph|layers)-model"/.test(text));
}

/** The JSON files of `dir` that look like TF.js model.json files (the first MAX_PROBE probed). */
export async function findModelJson(tree: FileTree, dir: string): Promise<string[]> {
  const entries = await tree.list(dir);
  const out: string[] = [];
  let probed = 0;
  for (const e of entries) {
    if (e.kind !== "file" || !e.name.toLowerCase().endsWith(".json")) continue;
    if (++probed > MAX_PROBE) break;
    const src = await tree.open(joinPath(dir, e.name));
    if (looksLikeTfjs(await src.read(0, Math.min(src.size, 4096)))) out.push(e.name);
  }
  return out;
}

async function isFile(tree: FileTree, p: string): Promise<boolean> {
  try {
    return (await tree.kind(p)) === "file";
  } catch {
    return false;
  }
}

export const tfjsDirDetector: DirDetector = {
  id: "tfjs",
  async detect(tree, dir) {
    // A SavedModel folder that also holds a model.json belongs to the SavedModel handler (the
    // model.json is then scanned on its own by the file handler).
    const names = new Set((await tree.list(dir)).map((e) => e.name));
    if (names.has("saved_model.pb") || names.has("saved_model.pbtxt")) return false;
    return (await findModelJson(tree, dir)).length > 0;
  },
};

export const savedModelDirDetector: DirDetector = {
  id: "savedmodel",
  async detect(tree, dir) {
    for (const f of ["saved_model.pb", "saved_model.pbtxt", "saved_model.cpb"]) if (await isFile(tree, joinPath(dir, f))) return true;
    return false;
  },
};

/** In the order the walker tries them (the same order as DIR_HANDLERS). */
export const DIR_DETECTORS: readonly DirDetector[] = [tfjsDirDetector, savedModelDirDetector];
