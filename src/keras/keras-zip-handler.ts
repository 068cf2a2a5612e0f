// Keras 3 `.keras` archives (any name): config.json judged (every duplicate, the one zipfile reads
// first), metadata.json read for keras_version only, weights handed to sniffing (inflated within the
// archive's budget, so their HDF5 checks run at any size), assets listed. Container attacks go to the GW30x rules.
import type { ScanContext } from "../core/context.js";
import type { FormatHandler } from "../core/handler.js";
import { isObject, parseJsonLimited } from "../formats/json.js";
import { decodeJsonBytes } from "../formats/json-bytes.js";
import { checkZip, entryLabel, readMemberBytes, scanZipMember, type CheckedZip } from "../formats/archive/members.js";
import { namesFromTail, openZip, tailHasEocd, type ZipEntry } from "../formats/archive/zip.js";
import type { ByteSource } from "../core/bytes.js";
import { scanKerasJsonText } from "./engine.js";

const CONFIG = "config.json";
const METADATA = "metadata.json";
const LOADER_NAMES = new Set([CONFIG, METADATA, "model.weights.h5", "model.weights.npz"]);
const CONTAINER = "Keras archive";

/** Does the loader look this entry up under `name` (in any Python version)? */
function answersTo(e: ZipEntry, name: string): boolean {
  return e.name === name || e.legacyName === name;
}

async function readKerasVersion(ctx: ScanContext, src: ByteSource, c: CheckedZip): Promise<string | undefined> {
  const meta = c.zip.byName.get(METADATA);
  if (!meta || c.unreadable.has(meta)) return undefined;
  let version: string | undefined;
  await ctx.child(METADATA).guard("metadata.json", async () => {
    const text = decodeJsonBytes(await readMemberBytes(ctx, src, c, meta, CONTAINER));
    const doc = parseJsonLimited(text, ctx.limits.maxJsonDepth);
    if (isObject(doc) && typeof doc["keras_version"] === "string") version = doc["keras_version"].slice(0, 40);
  });
  if (version) ctx.detail("keras_version_claimed", version);
  return version;
}

export const kerasZipHandler: FormatHandler = {
  id: "keras-v3",
  description: "Keras 3 .keras archive (zip with config.json), any file name",
  match(s) {
    if (!tailHasEocd(s.tail)) return 0;
    return namesFromTail(s.tail)?.includes(CONFIG) ? 70 : 0;
  },
  async scan(ctx, src, s) {
    const zip = await openZip(src, ctx.limits.maxArchiveMembers, ctx.limits.maxMetadataBytes);
    if (!ctx.member) ctx.target.format = "keras-v3";
    if (zip.truncatedOuter) ctx.error(zip.truncatedOuter);
    // saving_lib: `if len(zf.namelist()) > 3: DiskIOStore(..., archive=zf, mode="r")` extracts everything.
    const extracted = zip.entries.length > 3;
    const checked = await checkZip(ctx, src, zip, {
      container: CONTAINER,
      extractedOnLoad: extracted,
      loaderNames: LOADER_NAMES,
      trigger: "load",
      hdf5Offset: s.hdf5Offset,
      // No affectedVersions: CPython's zipfile.extractall (Keras 3.0-3.11) strips '..', drive letters and
      // leading slashes and writes link entries as plain files; Keras 3.12+ filters unsafe members.
      // The names still escape with other extractors (unzip, 7-Zip, Windows tools, hand-written code).
    });
    const kerasVersion = await readKerasVersion(ctx, src, checked);
    const configs = zip.entries.filter((e) => answersTo(e, CONFIG));
    if (configs.length === 0) ctx.error("Keras archive without config.json: the loader cannot build a model from it");
    for (const e of configs) {
      if (checked.unreadable.has(e)) continue;
      const label = entryLabel(checked, e);
      const cctx = ctx.child(label);
      let text: string | undefined;
      await cctx.guard("config.json", async () => {
        // saving_lib: json.loads(zf.open("config.json").read()): bytes, any encoding json detects.
        text = decodeJsonBytes(await readMemberBytes(ctx, src, checked, e, CONTAINER));
      });
      // (the bytes the archive holds for them, not what they claim to inflate to: a small zip of zeros may claim gigabytes)
      const storedWeightBytes = zip.entries.filter((x) => !answersTo(x, CONFIG) && x !== zip.byName.get(METADATA)).reduce((a, x) => a + Math.min(x.compressedSize, x.size), 0);
      if (text !== undefined) scanKerasJsonText(cctx, text, { container: "keras-zip", ...(kerasVersion ? { kerasVersion } : {}), pointer: "", role: "model", storedWeightBytes });
    }
    const assets: string[] = [];
    for (const e of zip.entries) {
      if (answersTo(e, CONFIG)) continue;
      if (e === zip.byName.get(METADATA)) continue;
      if (e.name.startsWith("assets/")) {
        if (!e.isDir) assets.push(e.name);
        continue;
      }
      await scanZipMember(ctx, src, checked, e, CONTAINER);
    }
    if (assets.length) {
      ctx.detail("assets", assets.length);
      ctx.detail("assets_listed", assets.slice(0, 10).join(", ").slice(0, 400));
    }
  },
};
