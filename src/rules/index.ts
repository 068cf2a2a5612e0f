// Every rule graphwarden runs. Order only affects the order of findings for the same subject.
import { scanIncomplete, unsupported } from "./core.js";
import { lambdaCompute, lambdaRisky, lambdaUnverifiable } from "./lambda.js";
import type { Rule } from "./types.js";

export const ALL_RULES: readonly Rule[] = [
  scanIncomplete,
  unsupported,
  lambdaRisky,
  lambdaUnverifiable,
  lambdaCompute,
];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id);
}
