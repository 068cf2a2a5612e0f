// Lambda payload analysis entry point. INTERIM: until the bytecode engine lands, every payload that
// carries bytecode is reported as unverifiable executable logic.

/** How a Lambda's function was stored in a Keras config. */
export type LambdaForm =
  | "keras2-list" // Lambda.config.function = [code, defaults, closure] with function_type "lambda"
  | "keras3-lambda" // {"class_name": "__lambda__", "config": {"code", "defaults", "closure"}}
  | "keras3-value" // {"class_name": "__lambda__", "config": {"value": [code, defaults, closure]}}
  | "tuple" // {"class_name": "__tuple__", "items": [code, defaults, closure]} (keras_metadata.pb)
  | "raw-string"; // a bare marshal string (Keras 1.x / 2.0)

export interface LambdaPayload {
  form: LambdaForm;
  /** The stored code string exactly as in the config. */
  code: string;
  defaults?: unknown;
  closure?: unknown;
  /** The config's `module` field: its globals are visible to the bytecode. */
  module?: string;
  /** Which field held it: "function", "output_shape", "mask", "activation", ... */
  field: string;
  /** Values passed through Lambda `arguments`. */
  arguments?: unknown;
}

export interface LambdaVerdict {
  /** "risky": capabilities beyond compute; "compute": math only; "unverifiable": could not decide. */
  kind: "risky" | "compute" | "unverifiable";
  severity: "critical" | "high" | "medium" | "low" | "info";
  capabilities: import("../core/types.js").Capability[];
  /** One sentence for the report. */
  message: string;
  /** Python-like pseudo-source of the relevant calls. */
  evidence: string;
  /** CPython minor versions the bytecode fits, e.g. ["3.10", "3.11"]. */
  pythonVersions: string[];
}

export function analyzeLambda(p: LambdaPayload): LambdaVerdict {
  return {
    kind: "unverifiable",
    severity: "medium",
    capabilities: ["unverifiable"],
    message: `Lambda ${p.field} carries marshalled Python bytecode (${p.code.length} chars) that runs at load and on every inference; its behaviour is not verified.`,
    evidence: `${p.form} bytecode, ${p.code.length} chars${p.module ? `, module=${p.module}` : ""}`,
    pythonVersions: [],
  };
}
