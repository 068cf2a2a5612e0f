// TensorFlow's op registry lookup used by the graph walker: the generated registry in
// src/catalog/tf-op-registry.ts (op names across TF 0.x, 1.x and 2.x). Replaceable for tests.
import { isKnownTfOp } from "../catalog/tf-op-registry.js";

let registry: ((op: string) => boolean) | undefined = isKnownTfOp;

/** Installs another registry lookup (undefined: no registry, no op is called unknown). */
export function setTfOpRegistry(isKnown: ((op: string) => boolean) | undefined): void {
  registry = isKnown;
}

/** true/false when a registry is installed, undefined otherwise (do not flag). */
export function knownOp(op: string): boolean | undefined {
  return registry ? registry(op) : undefined;
}
