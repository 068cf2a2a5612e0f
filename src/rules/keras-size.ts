// Layer sizes a Keras config declares (red-team round 28, class C): availability, not code.
import type { KerasSizeSubject } from "../keras/walk.js";
import { fmtCount, MAX_DECLARED_PARAMS, MAX_OUTPUT_ELEMENTS } from "../keras/config-size.js";
import { cut } from "../core/text.js";
import { defineRule } from "./types.js";

function named(l: KerasSizeSubject["layers"][number]): string {
  return `${l.detail}${l.layer ? ` ("${l.layer}")` : ""}: ${fmtCount(l.params)}`;
}

export const kerasDeclaredSize = defineRule({
  meta: {
    id: "GW111",
    name: "keras-declared-size",
    severity: "medium",
    summary: "A Keras config declares layers whose weights (built at load) exceed 2^29 elements or per-sample outputs (at inference) exceed 2^30 elements.",
    why: "load_model rebuilds every built-in layer from its config and builds it before it reads a single weight: a 2 kB file whose Dense says units=400000000 makes the loader allocate and initialise a (4, 4e8) kernel (Keras 3.8 / 3.15 with default safe mode: MemoryError for 11.9 GiB; tf_keras 2.20: OOM), whatever the weights file holds. No code runs, so safe mode does not help. Counts follow each built-in layer's own build shapes (Dense, Embedding, EinsumDense, convolutions, recurrent layers and cells, Bidirectional, MultiHeadAttention, normalizations) with the input dimension the config states, or 1 where it states none (a lower bound). A file that stores at least 2 bytes per declared weight (an .h5's size, the compressed bytes of a .keras's members besides its config) is a model as large as it says: not reported. Layers that multiply one sample by a config constant (RepeatVector, UpSampling, ZeroPadding, CategoryEncoding, Hashing, lookups and TextVectorization in a one-hot/multi-hot/count/tf-idf mode) are weighed at inference the same way.",
    example: '{"class_name": "Dense", "config": {"units": 400000000}, "build_config": {"input_shape": [null, 4]}}',
    fix: "Do not load the model in a process that must stay up; check the declared layer sizes against the weights the file stores.",
    references: ["CWE-400", "CWE-770"],
  },
  on: {
    "keras-size"(s, report) {
      if (s.when === "load") {
        report({
          severity: "medium",
          capabilities: ["global-state"],
          trigger: "load",
          message: `The config declares ${fmtCount(s.elements)} weight elements in ${s.counted} built-in layer${s.counted === 1 ? "" : "s"} (over ${fmtCount(MAX_DECLARED_PARAMS)}): load_model builds and initialises them before it reads any weight, so the load exhausts memory (${fmtCount(s.elements * 4)} bytes in float32), far more than the weights the file stores.`,
          evidence: cut(s.layers.map(named).join("; ")),
        });
      } else {
        report({
          severity: "medium",
          capabilities: ["global-state"],
          trigger: "inference",
          message: `A layer's output for one sample reaches ${fmtCount(s.elements)} elements (over ${fmtCount(MAX_OUTPUT_ELEMENTS)}) by a constant of its config: the first call allocates it and exhausts memory.`,
          evidence: cut(s.layers.map(named).join("; ")),
        });
      }
    },
  },
});
