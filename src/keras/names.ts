// Real name lists of the modules references are resolved against (generated: tools/gen-names.py).
import names from "../catalog/names.json" with { type: "json" };

interface NameData {
  python: Record<string, string[]>;
  keras: Record<string, string[]>;
  tf_keras: Record<string, string[]>;
  tensorflow: Record<string, string[]>;
  versions: Record<string, string>;
}

const data = names as NameData;

function toSets(rec: Record<string, string[]>): Map<string, Set<string>> {
  return new Map(Object.entries(rec).map(([k, v]) => [k, new Set(v)]));
}

const PY = toSets(data.python);
const KERAS = toSets(data.keras);
const TF_KERAS = toSets(data.tf_keras);
const TF = toSets(data.tensorflow);

/** Keras 1.x / 2.0 class names that later releases renamed or dropped (still in real files). */
const LEGACY_KERAS_NAMES = [
  "Merge", "Convolution1D", "Convolution2D", "Convolution3D", "Deconvolution2D", "Deconvolution3D",
  "AtrousConvolution1D", "AtrousConvolution2D", "SeparableConvolution2D", "MaxoutDense", "Highway",
  "TimeDistributedDense", "SReLU", "ParametricSoftplus", "ThresholdedLinear", "LocallyConnected1D",
  "LocallyConnected2D", "CuDNNLSTM", "CuDNNGRU", "Model", "Sequential", "Functional", "InputLayer",
  "TFOpLambda", "SlicingOpLambda", "ClassMethod", "InstanceMethod", "InstanceProperty", "KerasTensor",
  "MeanMetricWrapper", "SumOverBatchSize", "LossFunctionWrapper", "OrthogonalInitializer",
  "SyncBatchNormalization", "DenseFeatures", "Policy", "DTypePolicy", "FloatDTypePolicy", "LossScaleOptimizer",
  "Nadam", "Adamax", "Adagrad", "Adadelta", "Ftrl", "SGD", "RMSprop", "Adam", "AdamW", "Lion", "TFSMLayer",
];

const KNOWN_CLASS_NAMES = new Set<string>(LEGACY_KERAS_NAMES);
for (const m of [KERAS, TF_KERAS]) for (const [, set] of m) for (const n of set) if (/^[A-Z]/.test(n)) KNOWN_CLASS_NAMES.add(n);

/** Is `name` a Keras class name any Keras version registers (layers, initializers, optimizers...)? */
export function isKnownKerasClassName(name: string): boolean {
  return KNOWN_CLASS_NAMES.has(name);
}

/** Does the Keras 3 public API (as generated) hold `module.name`? undefined = module not listed. */
export function kerasPublicHas(module: string, name: string): boolean | undefined {
  const s = KERAS.get(module);
  return s ? s.has(name) : undefined;
}

export function kerasPublicModules(): IterableIterator<string> {
  return KERAS.keys();
}

/** Does Python module `module` (stdlib, listed) hold `name`? undefined = module not in our lists. */
export function pythonHas(module: string, name: string): boolean | undefined {
  const s = PY.get(module);
  return s ? s.has(name) : undefined;
}

/** Public TensorFlow symbol "math.add" → exists in tf.math? undefined when the module is unlisted. */
export function tensorflowHas(dotted: string): boolean | undefined {
  const i = dotted.lastIndexOf(".");
  const mod = i < 0 ? "tensorflow" : `tensorflow.${dotted.slice(0, i)}`;
  const name = i < 0 ? dotted : dotted.slice(i + 1);
  const s = TF.get(mod);
  return s ? s.has(name) : undefined;
}

export const NAME_DATA_VERSIONS = data.versions;

const LOSS_METRIC_ALIASES = [
  "mse", "mae", "mape", "msle", "kld", "kullback_leibler_divergence", "logcosh", "cosine", "cosine_proximity",
  "acc", "accuracy", "ce", "bce", "crossentropy", "binary_crossentropy", "categorical_crossentropy",
  "sparse_categorical_crossentropy", "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "auc", "AUC",
];
const LOSS_METRIC_NAMES = new Set<string>(LOSS_METRIC_ALIASES);
for (const m of [KERAS, TF_KERAS]) {
  for (const [mod, set] of m) if (/\.(losses|metrics)$/.test(mod)) for (const n of set) LOSS_METRIC_NAMES.add(n);
}

/** Is `name` a loss or metric Keras resolves by its string name (Keras 2 training_config)? */
export function isKnownLossOrMetricName(name: string): boolean {
  return LOSS_METRIC_NAMES.has(name);
}
