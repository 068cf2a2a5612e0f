// Judges one TensorFlow NodeDef against the op catalogue (THREATS §4). Reused by the graph walker
// (src/tf/graph.ts) and by the TFLite reader for Flex ops (the embedded NodeDef).
//
// Use from another engine:
//   import { decodeNodeDef } from "../tf/proto.js";
//   import { judgeNodeDef, dispatchTfOp } from "../tf/judge.js";
//   const node = decodeNodeDef(bytes);                 // FormatError on malformed bytes
//   for (const j of judgeNodeDef(node)) dispatchTfOp(ctx, { node, judgement: j, trigger: "inference", path, via: [] });
import type { Capability, Severity, Trigger } from "../core/types.js";
import type { TfAttrValue, TfNodeDef } from "./types.js";

/** Which rule family a judgement belongs to (one rule per kind in src/rules/tf-*.ts). */
export type TfJudgementKind =
  | "python-callback"
  | "file-read"
  | "file-write"
  | "network"
  | "remote-device"
  | "unknown-op"
  | "unreviewed-op"
  | "embedded-graph"
  | "availability"
  | "checkpoint";

export interface TfNodeJudgement {
  kind: TfJudgementKind;
  severity: Severity;
  capabilities: Capability[];
  /** One sentence, without the location. */
  message: string;
  /** Reconstructed call, e.g. ReadFile("/etc/passwd"). */
  evidence: string;
}

/** What the caller knows about the node's surroundings; all optional. */
export interface JudgeContext {
  /**
   * Constant strings an input resolves to (after tracing Const/Identity/StringJoin/...),
   * or undefined when it cannot be traced. Without it, only attrs are used as evidence.
   */
  traceStrings?(input: string): TracedValue;
  /** Is this node part of the standard checkpoint subgraph (decided by graph linkage)? */
  isCheckpoint?: boolean;
  /** Is the op in TensorFlow's registry? undefined = unknown registry (do not flag). */
  isKnownOp?(op: string): boolean | undefined;
  /** Is the graph a TF2 graph (has an object graph)? V1 Save ops there are always findings. */
  tf2?: boolean;
  /** An attr's values with function attr placeholders resolved through the callers (unknown: some instantiation binds nothing). */
  resolveAttr?(name: string): { values: TfAttrValue[]; unknown: boolean };
}

/** A traced operand: the constant strings found and what could not be resolved. */
/** Marks a trace's opaque entry for a value computed from the model's own constants by an op the scanner does not evaluate. */
export const HIDDEN_VALUE = "computed from the model's own constants by an op not evaluated here";
/** Added to a HIDDEN_VALUE entry whose text is that of a number (AsString of a number or bool: no separator, no letter beyond e, inf, nan). */
export const HIDDEN_NUMBER_TEXT = "the text of a number";
/** Added to a HIDDEN_VALUE entry whose text is web-safe base64 (EncodeBase64: no separator, no dot). */
export const HIDDEN_BASE64_TEXT = "web-safe base64 text";

export interface TracedValue {
  strings: string[];
  /** Function args or placeholders the value depends on (names). */
  opaque: string[];
  /** Asset files (AssetFileDef filenames) the value comes from: the model's own files. */
  assets?: string[];
  /**
   * Every string constant the value is computed from (the Const ops it depends on, the leaves its trace
   * reached): a path a rewrite, a format or a join makes from them may be any of them, whatever the fold
   * concluded (fail closed for the location lists).
   */
  constants?: string[];
}

export { judgeNodeDef } from "./judge-impl.js";

/** The subject other engines dispatch for a judged node (see src/rules/tf-ops.ts). */
export interface TfOpSubject {
  node: TfNodeDef;
  judgement: TfNodeJudgement;
  trigger: Trigger;
  /** Graph path of the node, e.g. saved_model.pb#meta_graphs[0]/library/f/node/n. */
  path: string;
  /** How it is reached: signature names, init ops, function chain. */
  via: string[];
}
