// TFLite rules (THREATS §4, TFLite): custom operators that need a kernel from outside the runtime,
// and Flex operators whose names disagree (the kernel is built from the embedded op name).
import type { Trigger } from "../core/types.js";
import { defineRule } from "./types.js";

export interface TfliteCustomOpSubject {
  customCode: string;
  /** Operators using it ("subgraphs[0]/operators[3]"), first few. */
  operators: string[];
  count: number;
  trigger: Trigger;
}

export interface TfliteFlexOpSubject {
  customCode: string;
  /** op name in the flexbuffer: the TensorFlow kernel the Flex delegate builds. */
  opName: string;
  /** NodeDef.op of the embedded NodeDef (used for attribute defaults). */
  nodeOp: string;
  nodeName: string;
  trigger: Trigger;
}

declare module "./types.js" {
  interface Subjects {
    "tflite-custom-op": TfliteCustomOpSubject;
    "tflite-flex-op": TfliteFlexOpSubject;
  }
}

export const tfliteCustomOp = defineRule({
  meta: {
    id: "GW601",
    name: "tflite-custom-op",
    severity: "low",
    summary: "A TFLite model uses a custom operator that the standard interpreter does not provide.",
    why: "A custom operator runs native code that the loading program must register (a kernel library shipped beside the model or linked into the app). The file names the operator but carries none of its code, so what it does cannot be checked from the model; the interpreter refuses the model unless that code is supplied.",
    example: 'operator_codes: [{builtin_code: CUSTOM, custom_code: "MyFancyOp"}]',
    fix: "Find out which library provides the operator and review it before registering it; load such models only with kernels you trust.",
    references: ["CWE-829"],
  },
  on: {
    "tflite-custom-op"(s, report) {
      report({
        capabilities: ["custom-code"],
        trigger: s.trigger,
        message: `Custom operator "${s.customCode}" needs a kernel library from outside the TFLite runtime (${s.count} use${s.count === 1 ? "" : "s"}).`,
        evidence: `custom_code=${JSON.stringify(s.customCode.slice(0, 120))} at ${s.operators.join(", ")}${s.count > s.operators.length ? ", ..." : ""}`,
        pointer: s.operators[0],
      });
    },
  },
});

export const tfliteFlexMismatch = defineRule({
  meta: {
    id: "GW602",
    name: "tflite-flex-op-mismatch",
    severity: "medium",
    summary: "A TFLite Flex operator's custom code, embedded op name and NodeDef op disagree.",
    why: "The Flex delegate builds the TensorFlow kernel from the op name stored in the operator's flexbuffer, whatever the custom code says; the TFLite converter always writes the three names alike. Names that disagree hide which TensorFlow op really runs. graphwarden judges the op that runs; the disagreement itself is reported because no tool writes it.",
    example: 'custom_code "FlexAddV2", flexbuffer ["WriteFile", NodeDef{op: "AddV2"}]',
    fix: "Do not load the model; regenerate it from its source with the TFLite converter.",
    references: ["CWE-506"],
  },
  on: {
    "tflite-flex-op"(s, report) {
      const declared = s.customCode.slice(4);
      if (declared === s.opName && s.opName === s.nodeOp) return;
      report({
        capabilities: ["unverifiable"],
        trigger: s.trigger,
        message: `Flex operator "${s.customCode}" embeds op "${s.opName}" with a NodeDef of op "${s.nodeOp}": the delegate runs "${s.opName}".`,
        evidence: `custom_code=${JSON.stringify(s.customCode.slice(0, 60))} op_name=${JSON.stringify(s.opName.slice(0, 60))} node_def.op=${JSON.stringify(s.nodeOp.slice(0, 60))} node=${JSON.stringify(s.nodeName.slice(0, 60))}`,
      });
    },
  },
});
