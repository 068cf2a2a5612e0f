// affectedVersions strings: "<package><PEP 440 specifiers>[ <condition>]", machine-comparable.
//   "keras>=3.0,<3.9"             Keras 3.0 to 3.8, with the loader defaults (safe_mode on)
//   "keras>=3.0 safe_mode=off"    every Keras 3, but only when loaded with safe_mode=False
//   "tf-keras>=2.13"              tf-keras (Keras 2) 2.13 and later
// Packages: keras (3.x, or 1.x/2.x standalone when the range says so), tf-keras, tensorflow.
// The oracle tier (tests/oracle/) parses these and compares them with what real loaders did.

export const KERAS3_ALL = "keras>=3.0";
export const KERAS3_ANY_MODULE = "keras>=3.0,<3.9"; // any module imported, any attribute (CVE-2025-1550)
export const KERAS3_KERAS_INTERNALS = "keras>=3.0,<3.11"; // keras/keras_hub/keras_cv/keras_nlp internals
export const KERAS3_SAFE_MODE_OFF = "keras>=3.0 safe_mode=off";
export const TF_KERAS_V3_FORMAT = "tf-keras>=2.13"; // tf_keras reading the .keras (v3) format
export const TF_KERAS_V3_FORMAT_SAFE_MODE_OFF = "tf-keras>=2.13 safe_mode=off";
export const TF_KERAS_ALL = "tf-keras>=2.0";
export const KERAS2_STANDALONE = "keras>=1.0,<3.0";
/** Keras 3 legacy-HDF5 Lambda: safe_mode ignored until the CVE-2025-9905 fix. */
export const KERAS3_H5_LAMBDA_SAFE_MODE_IGNORED = "keras>=3.0,<3.11.3";
export const TF_OP_LAMBDA = "tf-keras>=2.4";

export interface VersionSpec {
  pkg: string;
  lower?: string;
  lowerInclusive: boolean;
  upper?: string;
  upperInclusive: boolean;
  condition?: string;
}

/** Parses an affectedVersions string (for the oracle and for tests). */
export function parseVersionSpec(s: string): VersionSpec | undefined {
  const m = /^([a-z][a-z0-9_-]*)((?:[<>]=?[0-9][0-9a-z.]*,?)*)(?:\s+(.+))?$/.exec(s.trim());
  if (!m) return undefined;
  const spec: VersionSpec = { pkg: m[1]!, lowerInclusive: true, upperInclusive: false };
  for (const part of (m[2] ?? "").split(",").filter(Boolean)) {
    const pm = /^([<>]=?)(.+)$/.exec(part);
    if (!pm) return undefined;
    if (pm[1]!.startsWith(">")) {
      spec.lower = pm[2];
      spec.lowerInclusive = pm[1] === ">=";
    } else {
      spec.upper = pm[2];
      spec.upperInclusive = pm[1] === "<=";
    }
  }
  if (m[3]) spec.condition = m[3];
  return spec;
}

function cmp(a: string, b: string): number {
  const pa = a.split(".").map((x) => parseInt(x, 10) || 0);
  const pb = b.split(".").map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** Does a concrete version (e.g. "3.10.0") fall inside the spec's range? */
export function versionInSpec(version: string, spec: VersionSpec): boolean {
  if (spec.lower !== undefined) {
    const c = cmp(version, spec.lower);
    if (c < 0 || (c === 0 && !spec.lowerInclusive)) return false;
  }
  if (spec.upper !== undefined) {
    const c = cmp(version, spec.upper);
    if (c > 0 || (c === 0 && !spec.upperInclusive)) return false;
  }
  return true;
}
