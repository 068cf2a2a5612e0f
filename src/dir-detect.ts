// Which folders are directory-shaped artifacts (TF.js model folder, SavedModel): the walker's
// detection only, kept apart from the engines so that the CLI's main thread, which walks while
// worker threads scan, does not load the engines. src/handlers.ts pairs each with its scanner.
import { decodeUtf8 } from "./core/bytes.js";
import { joinPath, type FileTree } from "./core/fs.js";
import { looksLikeJsonBytes } from "./formats/json-bytes.js";
import { parseJsonObjectBytes } from "./formats/json.js";

export interface DirDetector {
  id: string;
  /** Does `dir` (relative to the tree root) hold this kind of artifact? */
  detect(tree: FileTree, dir: string): Promise<boolean>;
}

/** Most JSON files a folder is probed for a TF.js model. */
const MAX_PROBE = 256;

/** Does the head of a JSON file look like a TF.js model.json? */
export function looksLikeTfjs(head: Uint8Array): boolean {
  if (!looksLikeJsonBytes(head)) return false;
  const text = decodeUtf8(head);
  return text.includes('"modelTopology"') || (text.includes('"weightsManifest"') && /"format"\s*:\s*"(?:graph|layers)-model"/.test(text));
}

/** The JSON files of `dir` that look like TF.js model.json files (the first MAX_PROBE probed). */
export async function findModelJson(tree: FileTree, dir: string): Promise<string[]> {
  return (await probeModelJson(tree, dir, false)).found;
}

/**
 * The JSON files of `dir` whose head shows a TF.js model.json, and whether the probe could not decide for some file
 * (more than MAX_PROBE JSON files, or a JSON file whose keys lie past the head probed): a caller that must not
 * miss a model folder (the --exclude filter) then takes the folder as one. `deep` parses a JSON file whose head does
 * not decide (up to MAX_PARSED); the folder detector does not (its files are scanned one by one anyway, and the JSON
 * handler reads a TF.js model.json as one whatever its head shows), so a folder of large JSON data costs no parse.
 */
export async function probeModelJson(tree: FileTree, dir: string, deep = true): Promise<{ found: string[]; undecided: boolean }> {
  const entries = await tree.list(dir);
  const found: string[] = [];
  let probed = 0;
  let parsed = 0;
  let undecided = false;
  for (const e of entries) {
    if (e.kind !== "file" || !e.name.toLowerCase().endsWith(".json")) continue;
    if (++probed > MAX_PROBE) return { found, undecided: true };
    const src = await tree.open(joinPath(dir, e.name));
    const head = await src.read(0, Math.min(src.size, 4096));
    if (looksLikeTfjs(head)) found.push(e.name);
    else if (deep && src.size > head.length && looksLikeJsonBytes(head)) {
      // the keys may lie past the head (padding, a long first value, escapes): parsed whole where small enough
      if (src.size > MAX_PARSED || parsed + src.size > MAX_PARSED_PER_FOLDER) undecided = true;
      else {
        parsed += src.size;
        if (tfjsShaped(await src.read(0, src.size))) found.push(e.name);
      }
    }
  }
  return { found, undecided };
}

/** Largest JSON file parsed whole to tell whether it is a TF.js model.json, and most bytes parsed per folder: the
 * probe runs in the main thread, outside the per-target budgets, so past these the folder is undecided (taken as one). */
const MAX_PARSED = 1024 * 1024;
const MAX_PARSED_PER_FOLDER = 4 * 1024 * 1024;

/** Whether JSON bytes parse (as json.loads parses them) to a TF.js model.json: an object with modelTopology. */
function tfjsShaped(b: Uint8Array): boolean {
  try {
    return parseJsonObjectBytes(b, 10_000)?.["modelTopology"] !== undefined;
  } catch {
    return false;
  }
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
