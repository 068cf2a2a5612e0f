// Pickle rules (THREATS §1, §5): dangerous globals, unknown globals, pickles posing as model files.
import type { TargetJudgement } from "../catalog/python.js";
import { severityOf } from "../catalog/python.js";
import type { PickleGlobal } from "../pickle/walker.js";
import { defineRule } from "./types.js";

export interface PickleGlobalSubject {
  global: PickleGlobal;
  judgement: TargetJudgement;
  /** Reconstructed calls of this global, e.g. os.system("touch /tmp/x"). */
  calls: string[];
  container: string;
  expectedModel: boolean;
  /** Loader versions known to unpickle this location (empty: depends on the loading program). */
  affectedVersions: string[];
}

export interface PickleFileSubject {
  name: string;
  expectedModel: boolean;
  protocol: number;
  globals: string[];
  container: string;
  affectedVersions: string[];
}

declare module "./types.js" {
  interface Subjects {
    "pickle-global": PickleGlobalSubject;
    "pickle-file": PickleFileSubject;
  }
}

function evidenceOf(s: PickleGlobalSubject): string {
  const call = s.calls.find((c) => !c.includes(".__setstate__(")) ?? s.calls[0];
  return call ?? `${s.global.opcode} ${s.global.module}.${s.global.name}`;
}

export const pickleDangerousGlobal = defineRule({
  meta: {
    id: "GW401",
    name: "pickle-dangerous-global",
    severity: "critical",
    summary: "A pickle names a Python callable that runs code, a shell, touches files or the network when unpickled.",
    why: "Unpickling imports every global the stream names and calls it with the arguments the stream builds (REDUCE, INST, OBJ, NEWOBJ). A pickle that names os.system or builtins.exec runs it the moment it is loaded: np.load(allow_pickle=True), torch.load, Keras 3.0-3.8 .npz weights, TorchModuleWrapper.",
    example: 'cos\\nsystem\\n(S"touch /tmp/x"\\ntR.  ->  os.system("touch /tmp/x")',
    fix: "Do not load the file. Obtain the weights in a format without code (safetensors, .weights.h5) from a trusted source.",
    references: ["CWE-502"],
  },
  on: {
    "pickle-global"(s, report) {
      if (s.judgement.verdict !== "deny") return;
      const caps = s.judgement.capabilities;
      report({
        severity: severityOf(caps),
        capabilities: caps,
        trigger: "load",
        message: `The ${s.container} names ${s.judgement.target} (${s.judgement.note}); unpickling ${s.calls.length ? "calls it" : "imports it"}.`,
        evidence: evidenceOf(s),
        affectedVersions: s.affectedVersions,
      });
    },
  },
});

export const pickleUnknownGlobal = defineRule({
  meta: {
    id: "GW402",
    name: "pickle-unknown-global",
    severity: "medium",
    summary: "A pickle names a Python callable outside the known-benign reconstruction helpers.",
    why: "Every global in a pickle is imported and may be called at load. Benign model pickles name container types and numpy/torch reconstruction helpers; anything else is code the loading program would run without review, or a target the scanner could not resolve.",
    example: "A pickle naming mypackage.hooks.setup, or a STACK_GLOBAL whose name is built at run time.",
    fix: "Check what the named callable does before loading; prefer formats without code (safetensors, .weights.h5).",
    references: ["CWE-502"],
  },
  on: {
    "pickle-global"(s, report) {
      if (s.judgement.verdict !== "unknown") return;
      report({
        capabilities: s.global.dynamic ? ["unverifiable"] : ["unverifiable", "custom-code"],
        trigger: "load",
        message: s.global.dynamic
          ? `The ${s.container} builds a global whose module or name is not constant (${s.global.dynamic}); its target cannot be verified.`
          : `The ${s.container} names ${s.judgement.target}, which is not a known-benign reconstruction helper; unpickling imports${s.calls.length ? " and calls" : ""} it.`,
        evidence: evidenceOf(s),
        affectedVersions: s.affectedVersions,
      });
    },
  },
});

export const picklePosingAsModel = defineRule({
  meta: {
    id: "GW403",
    name: "pickle-posing-as-model",
    severity: "high",
    summary: "A Python pickle where a model or weights file was expected (model.h5, model.keras, model.weights.npz, an object array in weights).",
    why: "Keras writes HDF5, zip and plain numeric arrays, never pickles. A pickle under a model name only makes sense as a way to get code executed by a loader that falls back to unpickling (np.load(allow_pickle=True) in Keras 3.0-3.8 .npz weights, custom loading scripts, joblib/pickle loaders). It is reported even when its globals look benign.",
    example: "model.weights.npz whose content is a pickle reducing to os.system.",
    fix: "Do not load the file; ask the publisher for the real model. Never open model files with pickle-based loaders.",
    references: ["CWE-502", "CWE-434"],
  },
  on: {
    "pickle-file"(s, report) {
      if (!s.expectedModel) return;
      report({
        capabilities: ["nested-load"],
        trigger: "load",
        message: `"${s.name}" is a Python pickle (protocol ${s.protocol}) where a model or weights file is expected.`,
        evidence: s.globals.length ? `globals: ${s.globals.slice(0, 8).join(", ")}${s.globals.length > 8 ? ", …" : ""}` : "no globals",
        affectedVersions: s.affectedVersions,
      });
    },
  },
});

export const PICKLE_RULES = [pickleDangerousGlobal, pickleUnknownGlobal, picklePosingAsModel];
