// Keras references by structure (THREATS §3): what module / class_name / registered_name and
// by-name functions resolve to, judged by capability.
import { severityOf } from "../catalog/python.js";
import type { KerasRefSubject } from "../keras/walk.js";
import { cut } from "../core/text.js";
import { defineRule } from "./types.js";

function describe(s: KerasRefSubject): string {
  const r = s.ref;
  if (s.tfOp) return `${r.className} "${r.functionName}"`;
  const mod = r.module === undefined ? "" : `module "${r.module ?? "null"}", `;
  if (r.kind === "function") return `function reference (${mod}name "${r.functionName}")`;
  return `${mod}class_name "${r.className}"${r.registeredName && r.registeredName !== r.className ? `, registered_name "${r.registeredName}"` : ""}`;
}

function evidence(s: KerasRefSubject): string {
  const t = s.resolution.target;
  const call = s.call !== undefined ? `${t}(${s.call})` : t;
  return cut(`${describe(s)} -> ${call}`, 400);
}

export const dangerousReference = defineRule({
  meta: {
    id: "GW101",
    name: "keras-dangerous-reference",
    severity: "critical",
    summary: "A Keras config names a callable (by module + name) that resolves to a dangerous target such as os.system or builtins.exec.",
    why: "Keras rebuilds objects by importing the module a config names and taking the attribute it names. With no readable Python in the file, a config can reach os.system, builtins.exec, get_file or the switch that disables safe mode; Functional models then call it with the arguments stored in inbound_nodes, at load (CVE-2025-1550 and its successors).",
    example: '{"module": "os", "class_name": "system", "inbound_nodes": [{"args": ["id > /tmp/x"]}]}',
    fix: "Do not load the file. Upgrade Keras to the newest 3.x and load with safe_mode=True; legitimate models never reference these targets.",
    references: ["CWE-502", "CVE-2025-1550"],
  },
  on: {
    "keras-ref"(s, report) {
      if (s.resolution.outcome !== "deny" || s.gadget || s.tfOp) return;
      const r = s.resolution;
      report({
        severity: severityOf(r.capabilities),
        capabilities: r.capabilities,
        trigger: s.trigger,
        message: `${s.layer ? `Layer "${s.layer}": ` : ""}config reference resolves to ${r.target} (${r.note}).`,
        evidence: evidence(s),
        affectedVersions: r.affectedVersions,
      });
    },
  },
});

export const unlistedReference = defineRule({
  meta: {
    id: "GW102",
    name: "keras-unlisted-reference",
    severity: "medium",
    summary: "A Keras config names an existing function or internal outside the allowlist of what benign models use.",
    why: "Benign models reference Keras layers, initializers, losses and the like. A reference to some other existing function (a stdlib helper, a Keras internal) is not known to be dangerous, but it is code the file makes the loader reach, and it is how new gadgets are found.",
    example: '{"module": "keras.src.utils.io_utils", "class_name": "function", "config": "print_msg"}',
    fix: "Check with the model's author why the config needs this target; prefer a model that only references public Keras objects.",
    references: ["CWE-502"],
  },
  on: {
    "keras-ref"(s, report) {
      if (s.resolution.outcome !== "existing" || s.gadget) return;
      const r = s.resolution;
      report({
        severity: "medium",
        capabilities: ["unverifiable"],
        trigger: s.trigger,
        message: `${s.layer ? `Layer "${s.layer}": ` : ""}config reference resolves to ${r.target}, outside the allowlist (${r.note}).`,
        evidence: evidence(s),
        affectedVersions: r.affectedVersions,
      });
    },
  },
});

export const customObject = defineRule({
  meta: {
    id: "GW103",
    name: "keras-custom-object",
    severity: "low",
    summary: "A Keras config needs code from outside the file: a registered custom class or a user function the loading program must supply.",
    why: "Such a name cannot run anything by itself: loading fails unless the program supplies the object through custom_objects or registration. It is listed because it means the model only works with third-party code, which then deserves review.",
    example: '{"module": "builtins", "class_name": "function", "config": "output_zeros"} or {"class_name": "L1Distance"}',
    fix: "Make sure the custom code you load with the model comes from a source you trust.",
  },
  on: {
    "keras-ref"(s, report) {
      if (s.resolution.outcome !== "custom") return;
      report({
        severity: "low",
        capabilities: ["custom-code"],
        trigger: s.trigger,
        message: `${s.layer ? `Layer "${s.layer}": ` : ""}needs ${s.resolution.target} from the loading program (${s.resolution.note}).`,
        evidence: evidence(s),
      });
    },
    "keras-by-name-function"(s, report) {
      report({
        severity: "low",
        capabilities: ["custom-code"],
        trigger: "load",
        message: `${s.layer ? `Lambda "${s.layer}": ` : ""}${s.field} is the function name "${s.functionName}", looked up only in custom_objects and the Keras registry (the module field${s.module ? ` "${s.module}"` : ""} is not used): the loading program must supply it.`,
        evidence: cut(`function_type "function", ${s.field}="${s.functionName}"${s.module ? `, module="${s.module}"` : ""}`),
      });
    },
  },
});

export const tfOpLambda = defineRule({
  meta: {
    id: "GW104",
    name: "keras-tf-op-lambda",
    severity: "high",
    summary: "A TFOpLambda / SlicingOpLambda / ClassMethod layer calls a TensorFlow symbol with a risky capability (file write, native library load, Python callback).",
    why: "tf-keras rebuilds these layers by looking up any public tf.* symbol by the name stored in the config and calling it while the graph is rebuilt: tf.io.write_file or tf.load_op_library run at load.",
    example: '{"class_name": "TFOpLambda", "config": {"function": "io.write_file"}}',
    fix: "Do not load the model; a legitimate model has no reason to write files or load libraries from a layer.",
    references: ["CWE-502"],
  },
  on: {
    "keras-ref"(s, report) {
      if (!s.tfOp || s.resolution.outcome !== "deny") return;
      const r = s.resolution;
      report({
        severity: severityOf(r.capabilities),
        capabilities: r.capabilities,
        trigger: s.trigger,
        message: `${s.layer ? `Layer "${s.layer}": ` : ""}${s.ref.className} calls ${r.target} (${r.note}) while the model is rebuilt.`,
        evidence: evidence(s),
        affectedVersions: r.affectedVersions,
      });
    },
  },
});
