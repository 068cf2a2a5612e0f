// Keras HDF5 files (.h5, .hdf5, and .keras files that are HDF5 inside): container structures go
// to the GW31x rules, root attributes model_config / training_config go to the Keras engine.
import { decodeUtf8 } from "../core/bytes.js";
import type { ScanContext } from "../core/context.js";
import type { FormatHandler } from "../core/handler.js";
import { Hdf5File, type Attribute, type Hdf5Object, type Hdf5Walk } from "../formats/hdf5/index.js";
import { scanKerasJsonText } from "./engine.js";

const attrName = (a: Attribute) => decodeUtf8(a.name);

/** Every value of a root string attribute (a hostile file may repeat a name; each copy is scanned). */
async function stringAttr(f: Hdf5File, obj: Hdf5Object, name: string): Promise<{ values: string[]; present: boolean; notString: boolean }> {
  const values: string[] = [];
  let present = false;
  let notString = false;
  for (const a of obj.attributes) {
    if (attrName(a) !== name) continue;
    present = true;
    const v = await f.attributeStrings(a);
    if (v === undefined || v.length !== 1) notString = true;
    else values.push(v[0]!);
  }
  return { values, present, notString };
}

function dispatchContainer(ctx: ScanContext, walk: Hdf5Walk, fileBytes: number): void {
  for (const link of walk.links) ctx.dispatch("hdf5-link", { link }, link.path);
  for (const o of walk.objects) {
    if (o.dataset) ctx.dispatch("hdf5-dataset", { path: o.path, dataset: o.dataset, fileBytes }, o.path);
  }
}

function looksLikeWeights(root: Hdf5Object, walk: Hdf5Walk): boolean {
  if (root.links?.some((l) => l.name === "model_weights" || l.name === "layers" || l.name === "vars")) return true;
  if (root.attributes.some((a) => /^layer_names\d*$/.test(attrName(a)))) return true;
  return walk.objects.some((o) => o.kind === "dataset");
}

export const kerasH5Handler: FormatHandler = {
  id: "keras-h5",
  description: "HDF5: Keras 1/2 and legacy-format Keras 3 .h5 models, weights files, .keras files that are HDF5 inside",
  match(s) {
    return s.hdf5Offset !== undefined ? 50 : 0;
  },
  async scan(ctx, src, s) {
    const f = await Hdf5File.open(src, s.hdf5Offset ?? 0, { maxBytesRead: Math.min(ctx.limits.maxMetadataBytes, 256 * 1024 * 1024) });
    ctx.detail("hdf5_superblock", f.superblock.version);
    if (f.superblock.signatureOffset > 0) ctx.detail("hdf5_offset", f.superblock.signatureOffset);
    const truncated = f.truncation() ?? (await f.truncatedTrailingZip());
    if (truncated) ctx.error(truncated);
    // Root attributes first: if the walk below fails on a hostile structure, the config findings
    // are still reported next to the error.
    const root = await f.object(f.superblock.rootAddress, "/");
    const version = await stringAttr(f, root, "keras_version");
    const backend = await stringAttr(f, root, "backend");
    const kerasVersion = version.values[0];
    if (kerasVersion !== undefined) ctx.detail("keras_version", kerasVersion);
    if (backend.values[0] !== undefined) ctx.detail("backend", backend.values[0]);

    const model = await stringAttr(f, root, "model_config");
    const training = await stringAttr(f, root, "training_config");
    for (const [attr, role] of [[model, "model"], [training, "training"]] as const) {
      const pointer = `/${role}_config`;
      if (attr.notString) ctx.error(`root attribute ${role}_config is not a single string`, pointer);
      for (const text of attr.values) {
        const origin = { container: "h5" as const, pointer, role, fileName: s.name, storedWeightBytes: src.size };
        scanKerasJsonText(ctx, text, kerasVersion !== undefined ? { ...origin, kerasVersion } : origin);
      }
    }

    const walk = await f.walk();
    ctx.detail("hdf5_objects", walk.objects.length);
    dispatchContainer(ctx, walk, f.size - f.superblock.base);
    if (!model.present) ctx.detail("weights_only", looksLikeWeights(root, walk));
    ctx.detail("hdf5_bytes_read", f.bytesRead);
  },
};
