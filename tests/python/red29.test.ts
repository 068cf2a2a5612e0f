// Twenty-ninth attack round, Keras/Lambda side (tools/fixtures/red29_keras/FINDINGS.md): payloads proven on Keras
// 3.8.0 (.h5 Lambdas: numpy backend, CPython 3.11.7, default options; .keras configs: also 3.15.1, default
// safe_mode=True) that the scan rates info or reports not at all, each a gap in round 28's fixes: a decompression
// bomb behind a small first .lzma stream (the measurer stops after the first stream, CPython's lzma.decompress reads
// them all); a gzip bomb read through GzipFile over io.BytesIO (compute since round 28, never measured); sizes of builders round 28's size rule does not list (printf-style %, format_map, to_bytes, join, translate); methods of numpy's Generator / RandomState (typed compute in round 28) with huge sizes; C consumers of a generator expression over a huge range; a modular inverse pow(b, -1, m) weighed as a one-bit exponent; a Dense whose config sets lora_rank (LoRA
// kernels the GW111 count ignores); a PReLU whose weight has its input's whole shape (not counted); and a Functional
// model whose Dense has no build_config (its input width, from the graph, counted as 1); a GroupQueryAttention (a built-in layer the count does not list). Every class is
// fixed and enforced (the titles say how); each benign twin (same loader, same structure, small constant) must stay at
// low or below (enforced).
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, findings, redTeamRound } from "./red-team.js";

// Loads that never return or exhaust memory (THREATS.md: DoS, medium).
const LZMA_CONCAT =
  "lzma.decompress of a 780 kB constant that is two concatenated .lzma (FORMAT_ALONE) streams, 100 bytes then 4 * 10 ** 9 zero bytes, builds 4 GB at load (CPython's lzma.decompress loops on unused_data and decodes every stream), yet the measurer decodes the first stream only (measure, src/python/decompress.ts:93-107: the FORMAT_ALONE branch decodes up to the first stream's declared size or end marker and ignores what follows; bz2 and gzip pass multi=true to their decoders, the lzma branch has no such loop) and sizes the whole at 100 bytes, so the Lambda is 'only tensor math' (info)";
const GZIPFILE_READ =
  "gzip.GzipFile(fileobj=io.BytesIO(c)).read() of a 2.7 MB constant (gzip of 2 * 10 ** 9 zero bytes) builds 2 GB at load (about 4 GB at its peak: the reader joins its chunks), yet round 28's false-alarm fix made a GzipFile over data compute (gzipOverData, src/python/lambda.ts:1728-1734) while class E's output measure (decompression, src/python/evaluate.ts:4295-4330) covers bz2/lzma/gzip/zlib.decompress, codecs.decode and a decompressor object's .decompress only: .read()/.read1()/.readlines() of a GzipFile over a constant is never measured, so the Lambda is 'only tensor math' (info)";
const SIZE_RESIDUE =
  "'%4000000000d' % 1 (printf-style width, str or bytes), '{x:>4000000000}'.format_map({'x': 1}), (1).to_bytes(4 * 10 ** 9, 'big'), ''.join(['a' * 10 ** 7] * 1000) and ('a' * 10 ** 5).translate({97: 'b' * 10 ** 5}) each build 4-10 GB at load, yet round 28's size rule enumerates its builders: builtTooLarge (src/python/evaluate.ts:4039-4080) reads bytes/bytearray(n), format(), ljust/rjust/center/zfill, str.format, expandtabs and replace, and formatSpecSize (:1327) the f-string specs; the % operator on a string is not weighed (hugeResult knows * only), nor format_map, int.to_bytes's length, a join's total length of known parts or translate's growth";
const RNG_METHODS =
  "rng.standard_normal((30000, 30000)) with rng = np.random.default_rng(0), default_rng(0).integers(0, 10, size=10 ** 9), default_rng(0).bytes(4 * 10 ** 9) and np.random.RandomState(0).rand(30000, 30000) allocate 4-8 GB at load, yet round 28's fix H typed these Generator / RandomState values so their methods are compute, while the array rule hugeArray / arrayShape (src/python/evaluate.ts:4201-4257, called at :1428 only when the callee has a module path fp) weighs module functions (numpy.random.normal(size=...): medium) and never a method of the value those constructors return";
const GENEXP_ITEMS =
  "sum(i for i in range(9 * 10 ** 9)) and max(...) run a Python-frame loop of 9 * 10 ** 9 passes (minutes) and list(i for i in range(2 * 10 ** 9)) keeps 2 * 10 ** 9 items, yet round 28's consumer rule consumerItems (src/python/evaluate.ts:3983-3987) knows only calls of range/map/zip/enumerate/reversed/filter/itertools as iterables of known length, so a generator expression over a range has none, and the generator's own FOR_ITER loop (in its nested code object) is not weighed as a loop either (a list comprehension and any() over a generator expression are: medium)";
const GQA =
  "a .keras config's GroupQueryAttention(head_dim=3 * 10 ** 8, num_query_heads=1, num_key_value_heads=1) on 4 features makes load_model build query/key/value kernels (4, 1, 3e8) and an output kernel (1, 3e8, 4) (Keras 3.8.0: MemoryError for 8.94 GiB), yet layerParams (src/keras/config-size.ts:89-154) is a closed switch of layer classes with no case for it (nor tf_keras LocallyConnected1D/2D) and no fallback for an unlisted built-in layer's size fields, so it counts 0";
const INVMOD =
  "pow(3 ** 630000, -1, 10 ** 300000 + 7), a modular inverse of a 10**6-bit modulus, runs for about 90 s on CPython 3.11 (long_invmod: the extended Euclidean algorithm, about bits(m) steps of O(words(m)) object arithmetic each; quadratic, every version), yet bigIntWork weighs pow(b, e, m) by bits(e) x words(m)**2 (src/python/evaluate.ts, the three-argument pow rule of round 28 class A): bits(-1) = 1 gives 1.1e9, under the 10**10 budget; a negative exponent is not a cheap power but a gcd-like inversion (bits(m) x words(m), plus bits(|e|) x words(m)**2 for e < -1)";
const LORA =
  "a .keras config's Dense(units=8, lora_rank=3 * 10 ** 8) on 4 inputs makes load_model (safe_mode=True, built-in layers only) create lora_kernel_a (4, 3e8) and lora_kernel_b (3e8, 8) at build (Dense.build calls enable_lora(self.lora_rank), keras/src/layers/core/dense.py:128-129; Keras 3.8.0: MemoryError for 8.94 GiB), yet layerParams (src/keras/config-size.ts:94-97) counts units x inputs + bias only and reads no lora_rank (Dense, EinsumDense, Embedding and the convolutions of later Keras take it too)";
const PRELU =
  "a .keras config's PReLU on a (30000, 30000) input makes load_model build its alpha weight of the input's whole shape (input_shape[1:], keras/src/layers/activations/prelu.py:54-65: 9e8 float32, MemoryError for 3.35 GiB), yet layerParams (src/keras/config-size.ts) has no rule for it (outputDim, :191, only passes its width on) and the input shape is read as a last dimension only (lastDim, :39-43): a layer whose weights span every input axis (PReLU without shared_axes; the normalizations with an axis list) is counted as nothing or as its last axis";
const FUNCTIONAL =
  "a Keras 3 Functional .keras whose Dense(units=120000) has no build_config (optional: Functional.from_config builds each layer by calling it on the graph's tensors) sits on an InputLayer of batch_shape (None, 100000): load_model creates a (100000, 120000) kernel (1.2e10 elements), yet declaredInputDim (src/keras/config-size.ts:49-63) reads only the layer's own build_config / batch_shape / input_dim and layerParams counts the input as 1 (120000 elements): nothing follows a Functional model's inbound_nodes to its inputs' shapes (round 28 listed this for Keras 2 graphs only)";

// Fixed (round 29 fix session, Lambda classes): A, lzma.decompress measured stream after stream as CPython's loop on
// unused_data reads them; B, a negative exponent of pow(b, e, m) weighed as a modular inverse (bits(m) x words(m))
// plus the power; F, reading methods of gzip.GzipFile(fileobj=io.BytesIO(const)) (and list()/next() of one) measured
// as gzip.decompress; G, printf-style % widths/precisions, format_map, int.to_bytes, join and translate lengths (and
// __mul__/__mod__, operator.mul/mod) through the size rule; H, methods of numpy Generator / RandomState values by
// numpy.random's shape rule; I, a C consumer of the code's own generator expression weighed by the iterable it loops
// over. Each must be medium or above.
for (const [file, cls] of [
  ["red29-lambda-bomb-lzma-concat-k3.h5", LZMA_CONCAT],
  ["red29-lambda-bomb-gzipfile-read-k3.h5", GZIPFILE_READ],
  ["red29-lambda-bigint-invmod-k3.h5", INVMOD],
  ["red29-lambda-items-genexp-sum-k3.h5", GENEXP_ITEMS],
  ["red29-lambda-items-genexp-max-k3.h5", GENEXP_ITEMS],
  ["red29-lambda-items-genexp-list-k3.h5", GENEXP_ITEMS],
  ["red29-lambda-size-pct-width-k3.h5", SIZE_RESIDUE],
  ["red29-lambda-size-format-map-k3.h5", SIZE_RESIDUE],
  ["red29-lambda-size-to-bytes-k3.h5", SIZE_RESIDUE],
  ["red29-lambda-size-join-k3.h5", SIZE_RESIDUE],
  ["red29-lambda-size-translate-k3.h5", SIZE_RESIDUE],
  ["red29-lambda-rng-standard-normal-k3.h5", RNG_METHODS],
  ["red29-lambda-rng-integers-k3.h5", RNG_METHODS],
  ["red29-lambda-rng-bytes-k3.h5", RNG_METHODS],
  ["red29-lambda-rng-randomstate-rand-k3.h5", RNG_METHODS],
] as Array<[string, string]>) {
  test(`${file}: medium or above, fixed (${cls})`, async () => {
    const fs = await findings(file);
    assert.ok(atLeast(fs, "medium"), JSON.stringify(fs));
  });
}

// Classes C, D, E and J (GW111, src/keras/config-size.ts) are fixed: each title says how (more hand-built configs and
// twins in tests/keras/config-size.test.ts).
const FIX_LORA = "layerParams adds the LoRA kernels wherever a layer takes lora_rank (Dense, EinsumDense, Embedding, convolutions: kernel.shape[:-1] x r + r x kernel.shape[-1])";
const FIX_PRELU = "the walk keeps the whole declared input shape (build_config, batch_shape, the chain / graph), PReLU counts prod(input_shape[1:]) over its non-shared axes and the normalizations the product of their axes; the load threshold is 2^29 elements (2 GiB float32)";
const FIX_FUNCTIONAL = "weighLayer propagates whole output shapes along a Functional graph (Keras 3 inbound_nodes keras_history, Keras 2 [[name, node, tensor]]) from InputLayer batch_shape through Dense, RNNs, Embedding, Flatten, Reshape, Concatenate, RepeatVector, pooling, convolutions and shape-keeping layers";
const FIX_GQA = "GroupQueryAttention has a parameter model, and a built-in layer class without one fails closed: the product of its integer size fields times the input width (fallbackParams)";
for (const [file, cls, fix] of [
  ["red29-config-lora-k3.keras", LORA, FIX_LORA],
  ["red29-config-prelu-k3.keras", PRELU, FIX_PRELU],
  ["red29-config-functional-dense-k3.keras", FUNCTIONAL, FIX_FUNCTIONAL],
  ["red29-config-gqa-k3.keras", GQA, FIX_GQA],
] as Array<[string, string, string]>) {
  test(`${file}: medium or above (${cls}; fixed: ${fix})`, async () => {
    const fs = await findings(file);
    assert.ok(atLeast(fs, "medium"), JSON.stringify(fs));
  });
}

redTeamRound(
  "29",
  [],
  [
    "red29-lambda-bomb-lzma-concat-k3.twin.h5",
    "red29-lambda-bomb-gzipfile-read-k3.twin.h5",
    "red29-lambda-bigint-invmod-k3.twin.h5",
    "red29-lambda-items-genexp-sum-k3.twin.h5",
    "red29-lambda-items-genexp-max-k3.twin.h5",
    "red29-lambda-items-genexp-list-k3.twin.h5",
    "red29-lambda-size-pct-width-k3.twin.h5",
    "red29-lambda-size-format-map-k3.twin.h5",
    "red29-lambda-size-to-bytes-k3.twin.h5",
    "red29-lambda-size-join-k3.twin.h5",
    "red29-lambda-size-translate-k3.twin.h5",
    "red29-lambda-rng-standard-normal-k3.twin.h5",
    "red29-lambda-rng-integers-k3.twin.h5",
    "red29-lambda-rng-bytes-k3.twin.h5",
    "red29-lambda-rng-randomstate-rand-k3.twin.h5",
    "red29-config-lora-k3.twin.keras",
    "red29-config-prelu-k3.twin.keras",
    "red29-config-functional-dense-k3.twin.keras",
    "red29-config-gqa-k3.twin.keras",
  ],
);
