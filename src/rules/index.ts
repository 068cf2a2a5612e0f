// Every rule graphwarden runs. Order only affects the order of findings for the same subject.
import { findingsCapped, scanIncomplete, unsupported } from "./core.js";
import { HDF5_RULES } from "./hdf5.js";
import { ZIP_RULES } from "./zip.js";
import { PICKLE_RULES } from "./pickle.js";
import { externalVocabulary, jaxLayer, nestedModelLoad, torchModule, unsafeDeserialization } from "./keras-gadgets.js";
import { customObject, dangerousReference, tfOpLambda, unlistedReference } from "./keras-refs.js";
import { yamlPythonTag } from "./keras-yaml.js";
import { kerasDeclaredSize } from "./keras-size.js";
import { lambdaCompute, lambdaRisky, lambdaUnverifiable } from "./lambda.js";
import { tfjsWeightPathEscape } from "./tfjs.js";
import { tfliteCustomOp, tfliteFlexMismatch } from "./tflite.js";
import { TF_RULES } from "./tf-ops.js";
import type { Rule } from "./types.js";

export const ALL_RULES: readonly Rule[] = [
  scanIncomplete,
  findingsCapped,
  unsupported,
  dangerousReference,
  unlistedReference,
  customObject,
  tfOpLambda,
  nestedModelLoad,
  torchModule,
  jaxLayer,
  externalVocabulary,
  unsafeDeserialization,
  yamlPythonTag,
  kerasDeclaredSize,
  lambdaRisky,
  lambdaUnverifiable,
  lambdaCompute,
  ...HDF5_RULES,
  ...ZIP_RULES,
  ...PICKLE_RULES,
  tfliteCustomOp,
  tfliteFlexMismatch,
  tfjsWeightPathEscape,
  ...TF_RULES,
];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id);
}
