// The sizes a Keras config declares (red-team round 28, class C). load_model rebuilds every built-in layer
// from its config and builds it (its build_config input shape, or the first call) BEFORE it reads one
// weight: a 2 kB file whose Dense says units=4e8 makes the loader allocate and initialise a (4, 4e8)
// kernel (observed: Keras 3.8.0 / 3.15.1 MemoryError for 11.9 GiB, tf_keras 2.20.1 OOM), whatever the
// weights file holds. Parameter counts follow the layers' own build() shapes; an input dimension that
// is not known counts as 1 (the size fields alone: a lower bound).
import { isObject } from "../formats/json.js";

/** Declared parameters above this (2^30 elements: 4 GiB in float32, 8 GiB as a float64 initialiser) stall the load. */
export const MAX_DECLARED_PARAMS = 2 ** 30;
/** Elements one sample's output may reach at inference (a layer that multiplies its input by a constant). */
export const MAX_OUTPUT_ELEMENTS = 2 ** 30;

type Cfg = Record<string, unknown>;

/** A non-negative integer size as the config writes it (a JSON number); anything else is not counted. */
function size(x: unknown): number | undefined {
  return typeof x === "number" && Number.isFinite(x) && x >= 0 ? Math.floor(x) : undefined;
}

/** A size field or a tuple of sizes (kernel_size: 3 or [3, 3]); `rank` repeats a single number. */
function sizes(x: unknown, rank: number): number[] | undefined {
  const one = size(x);
  if (one !== undefined) return Array<number>(rank).fill(one);
  if (Array.isArray(x) && x.length && x.every((y) => size(y) !== undefined)) return x.map((y) => size(y)!);
  return undefined;
}

function prod(xs: number[]): number {
  return xs.reduce((a, b) => a * b, 1);
}

function rankOf(cn: string): number {
  const m = /([123])D/.exec(cn);
  return m ? Number(m[1]) : 2;
}

/** The last dimension of a shape written as a list ([null, 4]) or a list of such shapes (the first). */
export function lastDim(shape: unknown): number | undefined {
  if (!Array.isArray(shape) || !shape.length) return undefined;
  if (Array.isArray(shape[0]) || isObject(shape[0])) return lastDim(shape[0]);
  return size(shape[shape.length - 1]);
}

/**
 * The input's last dimension as the layer object states it: Keras 3 build_config.input_shape (or
 * query_shape), Keras 2 batch_input_shape / batch_shape, Keras 1 / 2 Dense's input_dim.
 */
export function declaredInputDim(o: Cfg, cn: string, cfg: Cfg): number | undefined {
  const bc = o["build_config"];
  if (isObject(bc)) {
    // channels_first (convolutions, pooling, normalisation axis 1): the channels are the second dimension
    const shape = bc["input_shape"];
    if (cfg["data_format"] === "channels_first" && Array.isArray(shape) && shape.length > 2 && !Array.isArray(shape[0])) return size(shape[1]);
    const d = lastDim(bc["input_shape"]) ?? lastDim(bc["query_shape"]) ?? lastDim(bc["shapes_dict"] && isObject(bc["shapes_dict"]) ? Object.values(bc["shapes_dict"])[0] : undefined);
    if (d !== undefined) return d;
  }
  const d = lastDim(cfg["batch_input_shape"]) ?? lastDim(cfg["batch_shape"]);
  if (d !== undefined) return d;
  if ((cn === "Dense" || /^(?:LSTM|GRU|SimpleRNN)$/.test(cn)) && size(cfg["input_dim"]) !== undefined) return size(cfg["input_dim"]);
  return undefined;
}

function units(cfg: Cfg): number | undefined {
  return size(cfg["units"]) ?? size(cfg["output_dim"]); // Keras 1 named it output_dim
}

function filtersOf(cfg: Cfg): number | undefined {
  return size(cfg["filters"]) ?? size(cfg["nb_filter"]);
}

function kernelOf(cn: string, cfg: Cfg): number[] | undefined {
  const r = rankOf(cn);
  return sizes(cfg["kernel_size"], r) ?? sizes(cfg["filter_length"], 1) ?? (size(cfg["nb_row"]) !== undefined ? [size(cfg["nb_row"])!, size(cfg["nb_col"]) ?? 1, ...(r === 3 ? [size(cfg["nb_depth"]) ?? size(cfg["kernel_dim3"]) ?? 1] : [])] : undefined);
}

export interface DeclaredSize {
  params: number;
  /** Python-like, for evidence: Dense(units=400000000) on 4 inputs. */
  detail: string;
}

const CONV = /^(?:Conv|Convolution)[123]D$|^(?:Conv|Convolution)[123]DTranspose$|^Deconvolution[23]D$|^AtrousConvolution[12]D$/;
const DEPTHWISE = /^DepthwiseConv[12]D$/;
const SEPARABLE = /^(?:SeparableConv|SeparableConvolution)[12]D$/;
const CONV_RNN = /^ConvLSTM[123]D$|^ConvLSTM[123]DCell$/;

/** Weight elements a built-in layer creates when it is built, from its config and input dimension (undefined: not a sized layer). */
export function layerParams(cn: string, cfg: Cfg, inDim: number | undefined, inShape?: unknown[]): DeclaredSize | undefined {
  const i = inDim ?? 1;
  const on = inDim !== undefined ? ` on ${inDim} input features` : "";
  const bias = (n: number) => (cfg["use_bias"] === false ? 0 : n);
  switch (cn) {
    case "Dense": {
      const u = units(cfg);
      return u === undefined ? undefined : { params: u * i + bias(u), detail: `Dense(units=${u})${on}` };
    }
    case "Embedding": {
      const a = size(cfg["input_dim"]);
      const b = size(cfg["output_dim"]);
      return a === undefined || b === undefined ? undefined : { params: a * b, detail: `Embedding(input_dim=${a}, output_dim=${b})` };
    }
    case "EinsumDense": {
      const os = Array.isArray(cfg["output_shape"]) ? (cfg["output_shape"] as unknown[]).map(size) : [size(cfg["output_shape"])];
      const k = einsumKernel(cfg["equation"], os, inShape);
      if (k !== undefined) return { params: k, detail: `EinsumDense(${JSON.stringify(cfg["equation"])}, output_shape=${JSON.stringify(cfg["output_shape"])})${inShape ? ` on input ${JSON.stringify(inShape)}` : ""}` };
      const known = os.filter((x): x is number => x !== undefined);
      return known.length ? { params: prod(known), detail: `EinsumDense(output_shape=${JSON.stringify(cfg["output_shape"])}) (output dimensions only: a lower bound)` } : undefined;
    }
    case "LSTM":
    case "LSTMCell":
    case "CuDNNLSTM":
    case "GRU":
    case "GRUCell":
    case "CuDNNGRU":
    case "SimpleRNN":
    case "SimpleRNNCell": {
      const u = units(cfg);
      if (u === undefined) return undefined;
      const gates = /LSTM/.test(cn) ? 4 : /GRU/.test(cn) ? 3 : 1;
      const b = /GRU/.test(cn) && cfg["reset_after"] !== false ? 2 : 1;
      return { params: gates * u * (i + u + bias(b)), detail: `${cn}(units=${u})${on}` };
    }
    case "MultiHeadAttention": {
      const h = size(cfg["num_heads"]);
      const kd = size(cfg["key_dim"]);
      if (h === undefined || kd === undefined) return undefined;
      const vd = size(cfg["value_dim"]) ?? kd;
      return { params: h * kd * (2 * i) + h * vd * (2 * i), detail: `MultiHeadAttention(num_heads=${h}, key_dim=${kd}${cfg["value_dim"] !== undefined ? `, value_dim=${vd}` : ""})${on}` };
    }
    case "BatchNormalization":
    case "LayerNormalization":
    case "GroupNormalization":
      return inDim === undefined ? undefined : { params: (cn === "BatchNormalization" ? 4 : 2) * inDim, detail: `${cn}${on}` };
  }
  if (CONV.test(cn) || CONV_RNN.test(cn)) {
    const f = filtersOf(cfg);
    const k = kernelOf(cn, cfg);
    if (f === undefined || !k) return undefined;
    const groups = size(cfg["groups"]) || 1;
    const kernel = CONV_RNN.test(cn) ? 4 * f * prod(k) * (i + f) + bias(4 * f) : f * prod(k) * Math.max(1, i / groups) + bias(f);
    return { params: kernel, detail: `${cn}(filters=${f}, kernel_size=${JSON.stringify(k)})${on}` };
  }
  if (DEPTHWISE.test(cn) || SEPARABLE.test(cn)) {
    const k = kernelOf(cn, cfg);
    const dm = size(cfg["depth_multiplier"]) ?? 1;
    if (!k) return undefined;
    const dw = i * dm * prod(k);
    const f = SEPARABLE.test(cn) ? filtersOf(cfg) : undefined;
    const params = f !== undefined ? dw + i * dm * f + bias(f) : dw + bias(i * dm);
    return { params, detail: `${cn}(${f !== undefined ? `filters=${f}, ` : ""}kernel_size=${JSON.stringify(k)}, depth_multiplier=${dm})${on}` };
  }
  return undefined;
}

/**
 * EinsumDense's kernel: each letter of the equation's kernel operand takes its size from the input (build_config
 * shape, batch included) or the output (output_shape, batch excluded); a letter of neither, or an ellipsis, counts 1.
 */
function einsumKernel(eq: unknown, out: (number | undefined)[], inShape: unknown[] | undefined): number | undefined {
  if (typeof eq !== "string") return undefined;
  const m = /^\s*([a-z]+)\s*,\s*([a-z]+)\s*->\s*([a-z]+)\s*$/.exec(eq);
  if (!m) return undefined;
  const [, ins, ker, outs] = m as unknown as [string, string, string, string];
  let n = 1;
  for (const ch of ker) {
    const oi = outs.indexOf(ch);
    const ii = ins.indexOf(ch);
    // output_shape has no batch dimension: the output spec's first letter is the batch
    const fromOut = oi > 0 && out.length === outs.length - 1 ? out[oi - 1] : undefined;
    const fromIn = ii >= 0 && inShape && inShape.length === ins.length ? size(inShape[ii]) : undefined;
    n *= fromOut ?? fromIn ?? 1;
  }
  return n;
}

/**
 * The last dimension a layer hands the next one in a Sequential (undefined: not known). Layers that keep
 * their input's last dimension pass it on.
 */
export function outputDim(cn: string, cfg: Cfg, inDim: number | undefined): number | undefined {
  if (cn === "Dense" || /^(?:LSTM|GRU|SimpleRNN|CuDNNLSTM|CuDNNGRU)$/.test(cn)) return units(cfg);
  if (cn === "Embedding") return size(cfg["output_dim"]);
  if (CONV.test(cn) || SEPARABLE.test(cn) || CONV_RNN.test(cn)) return filtersOf(cfg);
  if (DEPTHWISE.test(cn)) return inDim === undefined ? undefined : inDim * (size(cfg["depth_multiplier"]) ?? 1);
  if (cn === "Bidirectional" && isObject(cfg["layer"]) && isObject((cfg["layer"] as Cfg)["config"])) {
    const inner = cfg["layer"] as Cfg;
    const u = units(inner["config"] as Cfg);
    return u === undefined ? undefined : cfg["merge_mode"] === "concat" || cfg["merge_mode"] === undefined ? 2 * u : u;
  }
  if (/^(?:Dropout|SpatialDropout[123]D|GaussianNoise|GaussianDropout|AlphaDropout|Activation|ReLU|LeakyReLU|PReLU|ELU|Softmax|ThresholdedReLU|BatchNormalization|LayerNormalization|GroupNormalization|UnitNormalization|Masking|ActivityRegularization|MaxPooling[123]D|AveragePooling[123]D|MaxPool[123]D|AvgPool[123]D|ZeroPadding[123]D|Cropping[123]D|UpSampling[123]D|RepeatVector)$/.test(cn)) return inDim;
  return undefined;
}

const WIDE_MODES = new Set(["one_hot", "multi_hot", "count", "tf_idf", "binary", "tf-idf"]);

/**
 * Elements one sample's output reaches in a layer that multiplies its input by a constant of its config
 * (allocated at inference, on the first call): RepeatVector, UpSampling, ZeroPadding, and the preprocessing
 * layers whose output is as wide as their declared vocabulary (CategoryEncoding, Hashing, the lookups and
 * TextVectorization in a one-hot / multi-hot / count / tf-idf mode, TextVectorization's padded length).
 */
export function outputElements(cn: string, cfg: Cfg, inDim: number | undefined): DeclaredSize | undefined {
  const i = inDim ?? 1;
  const mode = typeof cfg["output_mode"] === "string" ? cfg["output_mode"] : undefined;
  switch (cn) {
    case "RepeatVector": {
      const n = size(cfg["n"]);
      return n === undefined ? undefined : { params: n * i, detail: `RepeatVector(n=${n})` };
    }
    case "CategoryEncoding": {
      const n = size(cfg["num_tokens"]) ?? size(cfg["max_tokens"]);
      return n === undefined ? undefined : { params: n, detail: `CategoryEncoding(num_tokens=${n})` };
    }
    case "Hashing": {
      const n = size(cfg["num_bins"]);
      return n === undefined || !mode || !WIDE_MODES.has(mode) ? undefined : { params: n, detail: `Hashing(num_bins=${n}, output_mode=${JSON.stringify(mode)})` };
    }
    case "StringLookup":
    case "IntegerLookup":
    case "TextVectorization": {
      const n = size(cfg["max_tokens"]);
      if (n !== undefined && mode && WIDE_MODES.has(mode)) return { params: n, detail: `${cn}(max_tokens=${n}, output_mode=${JSON.stringify(mode)})` };
      const len = size(cfg["output_sequence_length"]);
      return cn === "TextVectorization" && len !== undefined ? { params: len, detail: `TextVectorization(output_sequence_length=${len})` } : undefined;
    }
  }
  if (/^UpSampling[123]D$/.test(cn)) {
    const s = sizes(cfg["size"], rankOf(cn));
    return s ? { params: prod(s) * i, detail: `${cn}(size=${JSON.stringify(cfg["size"])})` } : undefined;
  }
  if (/^ZeroPadding[123]D$/.test(cn)) {
    const p = cfg["padding"];
    const flat = (Array.isArray(p) ? p.flat(2) : [p]).map(size);
    if (!flat.length || flat.some((x) => x === undefined)) return undefined;
    const r = rankOf(cn);
    // padding: n (both sides of every axis), (a, b) per axis (ZeroPadding1D: left, right), or ((a, b), ...)
    let perAxis: number[];
    if (typeof p === "number") perAxis = Array<number>(r).fill(2 * p + 1);
    else if (!Array.isArray(p)) return undefined;
    else if (p.every((x) => typeof x === "number")) perAxis = r === 1 ? [(p as number[]).reduce((a, b) => a + b, 0) + 1] : (p as number[]).map((x) => 2 * x + 1);
    else perAxis = p.map((x) => (Array.isArray(x) ? (x as unknown[]).reduce((a: number, b) => a + (size(b) ?? 0), 0) + 1 : 2 * (size(x) ?? 0) + 1));
    return { params: prod(perAxis) * i, detail: `${cn}(padding=${JSON.stringify(p)})` };
  }
  return undefined;
}

/** 4.0e8 style, for messages. */
export function fmtCount(n: number): string {
  return n >= 1e6 ? n.toExponential(2).replace("e+", "e") : String(n);
}
