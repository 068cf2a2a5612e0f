// Round 28, class C: the sizes a Keras config declares. load_model builds every built-in layer from its config
// (and build_config / the Sequential chain's input shape) before it reads a weight, so a 2 kB config that declares
// a huge layer exhausts memory at load (proven on Keras 3.8.0 / 3.15.1 and tf_keras 2.20.1 with the red28-config-*
// fixtures); layers that multiply one sample by a config constant do so on the first call. These configs are
// HAND-BUILT (Keras 3 .keras config.json form, Keras 2 / tf_keras legacy form, Keras 1 field names), each next to a
// benign twin of the same structure with an ordinary size.
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanBytes } from "../../src/scanner.js";
import type { Finding } from "../../src/core/types.js";

const enc = (s: string) => new TextEncoder().encode(s);

async function sizeFindings(doc: unknown): Promise<Finding[]> {
  const r = await scanBytes("config.json", enc(JSON.stringify(doc)), { hash: false });
  return r.findings.filter((f) => f.rule === "GW111");
}

/** A Keras 3 layer entry (module keras.layers) with an optional build_config input shape. */
function k3(cls: string, config: Record<string, unknown>, inputShape?: unknown[]): Record<string, unknown> {
  return { module: "keras.layers", class_name: cls, config: { name: cls.toLowerCase(), trainable: true, ...config }, registered_name: null, ...(inputShape ? { build_config: { input_shape: inputShape } } : {}) };
}

function k3Sequential(...layers: Record<string, unknown>[]): unknown {
  return { module: "keras", class_name: "Sequential", config: { name: "s", layers: [{ module: "keras.layers", class_name: "InputLayer", config: { batch_shape: [null, 4], name: "in" }, registered_name: null }, ...layers] }, registered_name: null };
}

/** Keras 2 / tf_keras legacy Sequential (no module keys), the first layer's input shape in an InputLayer. */
function legacySequential(features: number, ...layers: [string, Record<string, unknown>][]): unknown {
  return { class_name: "Sequential", config: { name: "s", layers: [{ class_name: "InputLayer", config: { batch_input_shape: [null, features], name: "in" } }, ...layers.map(([c, cfg], i) => ({ class_name: c, config: { name: `l${i}`, ...cfg } }))] }, keras_version: "2.15.0", backend: "tensorflow" };
}

const LOAD_CASES: [string, unknown, unknown, RegExp][] = [
  ["Keras 3 Dense(units=4e8) on 4 features (build_config)", k3Sequential(k3("Dense", { units: 400_000_000 }, [null, 4])), k3Sequential(k3("Dense", { units: 8 }, [null, 4])), /Dense\(units=400000000\) on 4 input features/],
  ["Keras 3 Embedding(input_dim=4e8, output_dim=4)", k3Sequential(k3("Embedding", { input_dim: 400_000_000, output_dim: 4 })), k3Sequential(k3("Embedding", { input_dim: 1000, output_dim: 4 })), /Embedding\(input_dim=400000000/],
  ["Keras 2 legacy Sequential: Dense(units=4000) after a 300000-feature input (the chain's input dimension)", legacySequential(300_000, ["Dense", { units: 4000 }]), legacySequential(300, ["Dense", { units: 4000 }]), /Dense\(units=4000\) on 300000 input features/],
  ["Keras 2 chain: Dense(units=40000) after Dense(units=40000) (the second's input is the first's output)", legacySequential(4, ["Dense", { units: 40_000 }], ["Dropout", { rate: 0.1 }], ["Dense", { units: 40_000 }]), legacySequential(4, ["Dense", { units: 400 }], ["Dropout", { rate: 0.1 }], ["Dense", { units: 400 }]), /on 40000 input features/],
  ["Keras 1 Convolution2D(nb_filter=100000, nb_row=64, nb_col=64) on 3 channels", legacySequential(3, ["Convolution2D", { nb_filter: 100_000, nb_row: 64, nb_col: 64 }]), legacySequential(3, ["Convolution2D", { nb_filter: 32, nb_row: 3, nb_col: 3 }]), /Convolution2D\(filters=100000, kernel_size=\[64,64\]\)/],
  ["Keras 3 Conv2D(filters=100000, kernel_size=64) on 3 channels", k3Sequential(k3("Conv2D", { filters: 100_000, kernel_size: [64, 64] }, [null, 32, 32, 3])), k3Sequential(k3("Conv2D", { filters: 32, kernel_size: [3, 3] }, [null, 32, 32, 3])), /Conv2D\(filters=100000/],
  ["Keras 3 LSTM(units=20000) on 4 features", k3Sequential(k3("LSTM", { units: 20_000 }, [null, 10, 4])), k3Sequential(k3("LSTM", { units: 64 }, [null, 10, 4])), /LSTM\(units=20000\)/],
  [
    "Bidirectional(LSTM(units=12000)) with no input shape (size fields alone, two copies)",
    k3Sequential({ module: "keras.layers", class_name: "Bidirectional", config: { name: "bi", layer: k3("LSTM", { units: 12_000 }) }, registered_name: null }),
    k3Sequential({ module: "keras.layers", class_name: "Bidirectional", config: { name: "bi", layer: k3("LSTM", { units: 64 }) }, registered_name: null }),
    /backward copy/,
  ],
  [
    "MultiHeadAttention(num_heads=1000, key_dim=1000) on 512 features (build_config query_shape)",
    k3Sequential({ ...k3("MultiHeadAttention", { num_heads: 1000, key_dim: 1000 }), build_config: { shapes_dict: { query_shape: [null, 10, 512], value_shape: [null, 10, 512] } } }),
    k3Sequential({ ...k3("MultiHeadAttention", { num_heads: 8, key_dim: 64 }), build_config: { shapes_dict: { query_shape: [null, 10, 512], value_shape: [null, 10, 512] } } }),
    /MultiHeadAttention\(num_heads=1000, key_dim=1000\) on 512 input features/,
  ],
  [
    "Keras 3 EinsumDense('ab,bc->ac', output_shape=4e8) on 4 features (kernel letters from input and output)",
    k3Sequential(k3("EinsumDense", { equation: "ab,bc->ac", output_shape: [400_000_000] }, [null, 4])),
    k3Sequential(k3("EinsumDense", { equation: "ab,bc->ac", output_shape: [64] }, [null, 4])),
    /EinsumDense\("ab,bc->ac", output_shape=\[400000000\]\) on input \[null,4\]/,
  ],
  ["three Dense(units=4e8/3) layers: the model's sum counts", k3Sequential(...[0, 1, 2].map(() => k3("Dense", { units: 133_400_000 }, [null, 4]))), k3Sequential(...[0, 1, 2].map(() => k3("Dense", { units: 1_334_000 }, [null, 4]))), /in 3 built-in layers/],
];

for (const [what, bad, twin, evidence] of LOAD_CASES) {
  test(`load: ${what} is a medium stall at load (GW111); its twin is quiet`, async () => {
    const fs = await sizeFindings(bad);
    assert.equal(fs.length, 1, JSON.stringify(fs));
    assert.equal(fs[0]!.severity, "medium");
    assert.equal(fs[0]!.trigger, "load");
    assert.match(`${fs[0]!.message} ${fs[0]!.evidence ?? ""}`, evidence);
    assert.deepEqual(await sizeFindings(twin), []);
  });
}

const INFERENCE_CASES: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ["RepeatVector(n=2e9)", k3("RepeatVector", { n: 2_000_000_000 }), k3("RepeatVector", { n: 20 })],
  ["UpSampling2D(size=(40000, 40000))", k3("UpSampling2D", { size: [40_000, 40_000] }), k3("UpSampling2D", { size: [2, 2] })],
  ["CategoryEncoding(num_tokens=2e9)", k3("CategoryEncoding", { num_tokens: 2_000_000_000, output_mode: "multi_hot" }), k3("CategoryEncoding", { num_tokens: 2000, output_mode: "multi_hot" })],
  ["TextVectorization(max_tokens=2e9, output_mode='multi_hot')", k3("TextVectorization", { max_tokens: 2_000_000_000, output_mode: "multi_hot" }), k3("TextVectorization", { max_tokens: 20_000, output_mode: "multi_hot" })],
  ["ZeroPadding2D(padding=40000)", k3("ZeroPadding2D", { padding: 40_000 }), k3("ZeroPadding2D", { padding: 1 })],
];

for (const [what, bad, twin] of INFERENCE_CASES) {
  test(`inference: ${what} is a medium stall on the first call (GW111); its twin is quiet`, async () => {
    const fs = await sizeFindings(k3Sequential(bad));
    assert.equal(fs.length, 1, JSON.stringify(fs));
    assert.equal(fs[0]!.severity, "medium");
    assert.equal(fs[0]!.trigger, "inference");
    assert.deepEqual(await sizeFindings(k3Sequential(twin)), []);
  });
}

test("a layer of a custom module is not counted (its own code decides what it builds: reported by the reference rules)", async () => {
  const doc = k3Sequential({ module: "my_layers", class_name: "Dense", config: { name: "d", units: 400_000_000 }, registered_name: "my_layers>Dense", build_config: { input_shape: [null, 4] } });
  assert.deepEqual(await sizeFindings(doc), []);
});

test("a size that is not a number is not counted (Keras raises building it)", async () => {
  assert.deepEqual(await sizeFindings(k3Sequential(k3("Dense", { units: "400000000" }, [null, 4]))), []);
});

// Round 29, classes C, D, E and J (tools/fixtures/red29_keras/FINDINGS.md). HAND-BUILT configs (Keras 3 .keras
// config.json form; Keras 2 functional form for E), each next to a benign twin of the same structure.
function k3Input(shape: unknown[], ...layers: Record<string, unknown>[]): unknown {
  return { module: "keras", class_name: "Sequential", config: { name: "s", layers: [{ module: "keras.layers", class_name: "InputLayer", config: { batch_shape: shape, name: "in" }, registered_name: null }, ...layers] }, registered_name: null };
}

/** A Keras 3 Functional: an InputLayer, then each layer called on the named producers (keras_history). */
function k3Functional(inShape: unknown[], ...layers: [string, Record<string, unknown>, string[]][]): unknown {
  const tensor = (from: string) => ({ class_name: "__keras_tensor__", config: { shape: [null, 1], dtype: "float32", keras_history: [from, 0, 0] } });
  return {
    module: "keras.src.models.functional",
    class_name: "Functional",
    config: {
      name: "f",
      layers: [
        { module: "keras.layers", class_name: "InputLayer", config: { batch_shape: inShape, name: "in" }, registered_name: null, name: "in", inbound_nodes: [] },
        ...layers.map(([cls, cfg, from], i) => ({ module: "keras.layers", class_name: cls, config: { name: `l${i}`, ...cfg }, registered_name: null, name: `l${i}`, inbound_nodes: [{ args: from.length === 1 ? [tensor(from[0]!)] : [from.map(tensor)], kwargs: {} }] })),
      ],
      input_layers: [["in", 0, 0]],
      output_layers: [[`l${layers.length - 1}`, 0, 0]],
    },
    registered_name: "Functional",
  };
}

/** A Keras 2 functional Model (inbound_nodes [[[name, node, tensor, kwargs]]]). */
function k2Functional(features: number, ...layers: [string, Record<string, unknown>, string][]): unknown {
  return {
    class_name: "Functional",
    config: {
      name: "m",
      layers: [
        { class_name: "InputLayer", config: { batch_input_shape: [null, features], name: "in" }, name: "in", inbound_nodes: [] },
        ...layers.map(([cls, cfg, from], i) => ({ class_name: cls, config: { name: `l${i}`, ...cfg }, name: `l${i}`, inbound_nodes: [[[from, 0, 0, {}]]] })),
      ],
      input_layers: [["in", 0, 0]],
      output_layers: [[`l${layers.length - 1}`, 0, 0]],
    },
    keras_version: "2.15.0",
    backend: "tensorflow",
  };
}

const ROUND29_CASES: [string, unknown, unknown, RegExp][] = [
  // C: config fields that add weights at build
  ["C: Dense(units=8, lora_rank=3e8) on 4 features (LoRA kernels)", k3Sequential(k3("Dense", { units: 8, lora_rank: 300_000_000 }, [null, 4])), k3Sequential(k3("Dense", { units: 8, lora_rank: 2 }, [null, 4])), /Dense\(units=8\) on 4 input features with lora_rank=300000000/],
  ["C: Embedding(input_dim=1000, output_dim=8, lora_rank=1e6)", k3Sequential(k3("Embedding", { input_dim: 1000, output_dim: 8, lora_rank: 1_000_000 })), k3Sequential(k3("Embedding", { input_dim: 1000, output_dim: 8, lora_rank: 4 })), /Embedding\(input_dim=1000, output_dim=8\) with lora_rank=1000000/],
  ["C: EinsumDense('ab,bc->ac', output_shape=[8], lora_rank=3e8)", k3Sequential(k3("EinsumDense", { equation: "ab,bc->ac", output_shape: [8], lora_rank: 300_000_000 }, [null, 4])), k3Sequential(k3("EinsumDense", { equation: "ab,bc->ac", output_shape: [8], lora_rank: 4 }, [null, 4])), /with lora_rank=300000000/],
  ["C: Conv2D(filters=8, kernel_size=3, lora_rank=1e8) on 3 channels", k3Sequential(k3("Conv2D", { filters: 8, kernel_size: [3, 3], lora_rank: 100_000_000 }, [null, 32, 32, 3])), k3Sequential(k3("Conv2D", { filters: 8, kernel_size: [3, 3], lora_rank: 4 }, [null, 32, 32, 3])), /Conv2D.*with lora_rank=100000000/],
  [
    "C: MultiHeadAttention(num_heads=1, key_dim=1000, output_shape=1e6) on 8 features (the output projection)",
    k3Sequential({ ...k3("MultiHeadAttention", { num_heads: 1, key_dim: 1000, output_shape: 1_000_000 }), build_config: { shapes_dict: { query_shape: [null, 10, 8], value_shape: [null, 10, 8] } } }),
    k3Sequential({ ...k3("MultiHeadAttention", { num_heads: 1, key_dim: 1000, output_shape: 16 }), build_config: { shapes_dict: { query_shape: [null, 10, 8], value_shape: [null, 10, 8] } } }),
    /output_shape=1000000/,
  ],
  // D: weights shaped like several input axes
  ["D: PReLU on a (30000, 30000) input (alpha spans every axis)", k3Input([null, 30_000, 30_000], k3("PReLU", { shared_axes: null })), k3Input([null, 30, 30], k3("PReLU", { shared_axes: null })), /PReLU on input \[null,30000,30000\]/],
  ["D: PReLU with shared_axes=[1] counts the other axes only", k3Input([null, 4, 30_000, 30_000], k3("PReLU", { shared_axes: [1] })), k3Input([null, 4, 30_000, 30_000], k3("PReLU", { shared_axes: [2, 3] })), /PReLU on input \[null,4,30000,30000\]/],
  ["D: LayerNormalization(axis=[1, 2]) on a (30000, 30000) input", k3Input([null, 30_000, 30_000], k3("LayerNormalization", { axis: [1, 2] })), k3Input([null, 30_000, 30_000], k3("LayerNormalization", { axis: [-1] })), /LayerNormalization \(axis=\[1,2\]\)/],
  ["D: Normalization(axis=[1, 2]) on a (30000, 30000) input", k3Input([null, 30_000, 30_000], k3("Normalization", { axis: [1, 2] })), k3Input([null, 30_000, 30_000], k3("Normalization", { axis: -1 })), /Normalization on input/],
  // E: input widths from the graph
  ["E: Keras 3 Functional Dense(units=120000) on a 100000-wide InputLayer, no build_config", k3Functional([null, 100_000], ["Dense", { units: 120_000 }, ["in"]]), k3Functional([null, 100_000], ["Dense", { units: 1 }, ["in"]]), /Dense\(units=120000\) on 100000 input features/],
  [
    "E: Keras 3 Functional Flatten then Dense (Flatten's product is the width)",
    k3Functional([null, 300, 300, 10], ["Flatten", {}, ["in"]], ["Dense", { units: 2000 }, ["l0"]]),
    k3Functional([null, 30, 30, 10], ["Flatten", {}, ["in"]], ["Dense", { units: 2000 }, ["l0"]]),
    /Dense\(units=2000\) on 900000 input features/,
  ],
  [
    "E: Keras 3 Functional Concatenate of two Dense outputs, then Dense",
    k3Functional([null, 4], ["Dense", { units: 40_000 }, ["in"]], ["Dense", { units: 40_000 }, ["in"]], ["Concatenate", { axis: -1 }, ["l0", "l1"]], ["Dense", { units: 10_000 }, ["l2"]]),
    k3Functional([null, 4], ["Dense", { units: 400 }, ["in"]], ["Dense", { units: 400 }, ["in"]], ["Concatenate", { axis: -1 }, ["l0", "l1"]], ["Dense", { units: 10_000 }, ["l2"]]),
    /Dense\(units=10000\) on 80000 input features/,
  ],
  ["E: Keras 2 functional Dense(units=120000) after a 100000-feature input", k2Functional(100_000, ["Dense", { units: 120_000 }, "in"]), k2Functional(100, ["Dense", { units: 120_000 }, "in"]), /Dense\(units=120000\) on 100000 input features/],
  ["E: Sequential Reshape(-1) then Dense (Reshape's computed target is the width)", k3Input([null, 100_000, 10], k3("Reshape", { target_shape: [-1] }), k3("Dense", { units: 1000 })), k3Input([null, 100, 10], k3("Reshape", { target_shape: [-1] }), k3("Dense", { units: 1000 })), /Dense\(units=1000\) on 1000000 input features/],
  // J: built-in layers without a model of their own
  ["J: GroupQueryAttention(head_dim=3e8) on 4 features", k3Sequential({ ...k3("GroupQueryAttention", { head_dim: 300_000_000, num_query_heads: 1, num_key_value_heads: 1 }), build_config: { shapes_dict: { query_shape: [null, 2, 4], value_shape: [null, 2, 4] } } }), k3Sequential({ ...k3("GroupQueryAttention", { head_dim: 2, num_query_heads: 1, num_key_value_heads: 1 }), build_config: { shapes_dict: { query_shape: [null, 2, 4], value_shape: [null, 2, 4] } } }), /GroupQueryAttention\(head_dim=300000000/],
  ["J: an unmodelled built-in layer (STFTSpectrogram frame_length x fft_length) fails closed", k3Sequential(k3("STFTSpectrogram", { frame_length: 40_000, fft_length: 40_000 })), k3Sequential(k3("STFTSpectrogram", { frame_length: 256, fft_length: 512 })), /STFTSpectrogram\(fft_length=40000, frame_length=40000\)/],
  ["J: tf_keras LocallyConnected2D(filters=100000, kernel_size=64) on 3 channels", legacySequential(3, ["LocallyConnected2D", { filters: 100_000, kernel_size: [64, 64] }]), legacySequential(3, ["LocallyConnected2D", { filters: 32, kernel_size: [3, 3] }]), /LocallyConnected2D\(filters=100000/],
];

for (const [what, bad, twin, evidence] of ROUND29_CASES) {
  test(`round 29 load: ${what} is a medium stall at load (GW111); its twin is quiet`, async () => {
    const fs = await sizeFindings(bad);
    assert.equal(fs.length, 1, JSON.stringify(fs));
    assert.equal(fs[0]!.severity, "medium");
    assert.equal(fs[0]!.trigger, "load");
    assert.match(`${fs[0]!.message} ${fs[0]!.evidence ?? ""}`, evidence);
    assert.deepEqual(await sizeFindings(twin), []);
  });
}

test("round 29 J: a built-in layer with no size field (Dropout) and a custom-module layer with size fields are not counted by the fallback", async () => {
  assert.deepEqual(await sizeFindings(k3Sequential(k3("Dropout", { rate: 0.5 }))), []);
  assert.deepEqual(await sizeFindings(k3Sequential({ module: "my_layers", class_name: "Mystery", config: { name: "m", units: 400_000_000 }, registered_name: "my_layers>Mystery" })), []);
});

test("a model whose file stores its declared weights (2 bytes a weight or more) is as large as it says: quiet; the same config in a small file is a stall", async () => {
  // (the real tf_keras fixture red28-config-huge-dense-tfk.h5 declares 1.6e9 weights in a 2 kB file; extended with
  // zeros to 4 GB, sparse on disk, it stores as much as a float16 copy of them)
  const { copyFileSync, mkdtempSync, rmSync, truncateSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { scanTree } = await import("../../src/scanner.js");
  const { NodeTree } = await import("../../src/cli/node-tree.js");
  const d = mkdtempSync(join(tmpdir(), "gw-stored-"));
  try {
    const src = new URL("../../fixtures/lambda/models/red28-config-huge-dense-tfk.h5", import.meta.url).pathname;
    copyFileSync(src, join(d, "small.h5"));
    copyFileSync(src, join(d, "large.h5"));
    truncateSync(join(d, "large.h5"), 4_000_000_000);
    const tree = new NodeTree(d);
    try {
      for (const [name, expect] of [["small.h5", 1], ["large.h5", 0]] as const) {
        const r = await scanTree(tree, name, name, { hash: false });
        assert.deepEqual(r.errors, []);
        assert.equal(r.findings.filter((f) => f.rule === "GW111").length, expect, name);
      }
    } finally {
      await tree.close();
    }
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

test("a .keras archive's stored weights count by the bytes it holds, not what a member claims to inflate to", async () => {
  // (HAND-BUILT: the real red28 config declaring 2e9 weights, beside an asset whose zip entries claim 4.29e9 inflated
  // bytes for 1 KiB held; before, the claim counted as stored weights and silenced GW111)
  const { unzipSync } = await import("fflate");
  const { readFileSync } = await import("node:fs");
  const { makeZip } = await import("../formats/zip-helpers.js");
  const src = unzipSync(new Uint8Array(readFileSync(new URL("../../fixtures/lambda/models/red28-config-huge-dense-k3.keras", import.meta.url))));
  const zip = makeZip([
    { name: "metadata.json", data: src["metadata.json"]! },
    { name: "config.json", data: src["config.json"]! },
    { name: "assets/pad.bin", data: new Uint8Array(1024) },
  ]);
  // patch the asset's entries: method deflate, uncompressed size 0xfffffff0 (local header and central directory)
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const name = new TextEncoder().encode("assets/pad.bin");
  for (let i = 0; i + 46 < zip.length; i++) {
    const sig = dv.getUint32(i, true);
    const at = sig === 0x04034b50 ? 30 : sig === 0x02014b50 ? 46 : -1;
    if (at < 0 || !name.every((b, j) => zip[i + at + j] === b)) continue;
    dv.setUint16(i + (sig === 0x04034b50 ? 8 : 10), 8, true);
    dv.setUint32(i + (sig === 0x04034b50 ? 22 : 24), 0xfffffff0, true);
  }
  const r = await scanBytes("padded.keras", zip, { hash: false });
  assert.equal(r.findings.filter((f) => f.rule === "GW111").length, 1, JSON.stringify(r.findings.map((f) => [f.rule, f.severity, f.message.slice(0, 80)])));
});
