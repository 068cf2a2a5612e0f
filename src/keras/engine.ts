// Keras config engine: walks a whole Keras config (2.x legacy and 3.x forms), resolves every
// reference the loader would follow and hands subjects to the rules.
import type { ScanContext } from "../core/context.js";
import { parseJsonLimited } from "../formats/json.js";
import { walkKerasConfig } from "./walk.js";

export type KerasContainer = "h5" | "keras-zip" | "json" | "savedmodel-metadata" | "user-object" | "tfjs";

export interface KerasOrigin {
  container: KerasContainer;
  /** keras_version the file claims (written by the author: never lowers a verdict). */
  kerasVersion?: string;
  /** JSON pointer prefix of this config inside its member (e.g. "/model_config" for HDF5 attrs). */
  pointer: string;
  /** What part of the file this JSON is: model config, training config, compile config. */
  role: "model" | "training" | "compile" | "metadata";
  /** Base name of the file the config came from (Keras 3 picks its loader by the name's suffix). */
  fileName?: string;
}

/** Parses and scans Keras JSON text; parse failures are errors (fail closed). */
export function scanKerasJsonText(ctx: ScanContext, text: string, origin: KerasOrigin): void {
  let cfg: unknown;
  try {
    cfg = parseJsonLimited(text, ctx.limits.maxJsonDepth);
  } catch (e) {
    ctx.error(`Keras ${origin.role} config: ${e instanceof Error ? e.message : String(e)}`, origin.pointer);
    return;
  }
  scanKerasConfig(ctx, cfg, origin);
}

/** Scans an already parsed Keras config. Errors in the walk fail the target closed. */
export function scanKerasConfig(ctx: ScanContext, config: unknown, origin: KerasOrigin): void {
  if (origin.kerasVersion) ctx.detail("keras_version", origin.kerasVersion);
  try {
    walkKerasConfig(ctx, config, origin);
  } catch (e) {
    ctx.error(`Keras ${origin.role} config: ${e instanceof Error ? e.message : String(e)}`, origin.pointer);
  }
}
