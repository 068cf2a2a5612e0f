// The sizes a Keras config declares (red-team round 28, class C). load_model rebuilds every built-in layer
// from its config and builds it (its build_config input shape, or the first call) BEFORE it reads one
// weight: a 2 kB file whose Dense says units=4e8 makes the loader allocate and initialise a (4, 4e8)
// kernel (observed: Keras 3.8.0 / 3.15.1 MemoryError for 11.9 GiB, tf_keras 2.20.1 OOM), whatever the
// weights file holds. Parameter counts follow the layers' own build() shapes; an input dimension that
// is not known counts as 1 (the size fields alone: a lower bound).
import { isObject } from "../formats/json.js";

/**
 * Declared parameters above this (2^29 elements: 2 GiB in float32, 4 GiB as a float64 initialiser) stall the
 * load. Round 29 (class D) lowered it from 2^30: a PReLU of 9e8 elements (3.35 GiB) exhausted a 3 GB process;
 * the published corpus declares at most about 1.4e7 (a word-vector Embedding of 5e8 would still pass).
 */
export const MAX_DECLARED_PARAMS = 2 ** 29;
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

/** A shape with its batch dimension (null / unknown entries undefined). */
export type Shape = (number | undefined)[];

/** A shape written as a list ([null, 4]) or the first of a list of shapes. */
export function shapeOf(x: unknown): Shape | undefined {
  if (!Array.isArray(x) || !x.length) return undefined;
  if (Array.isArray(x[0])) return shapeOf(x[0]);
  if (isObject(x[0])) return undefined;
  return x.map(size);
}

/** The input's whole shape as the layer object states it (build_config, batch_input_shape / batch_shape, input_dim). */
export function declaredInputShape(o: Cfg, cn: string, cfg: Cfg): Shape | undefined {
  const bc = o["build_config"];
  if (isObject(bc)) {
    const sd = bc["shapes_dict"];
    const s = shapeOf(bc["input_shape"]) ?? shapeOf(bc["query_shape"]) ?? (isObject(sd) ? shapeOf(Object.values(sd)[0]) : undefined);
    if (s) return s;
  }
  const s = shapeOf(cfg["batch_input_shape"]) ?? shapeOf(cfg["batch_shape"]);
  if (s) return s;
  const d = declaredInputDim(o, cn, cfg);
  return d === undefined ? undefined : [undefined, d];
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
export function layerParams(cn: string, cfg: Cfg, inDim: number | undefined, inShape?: Shape): DeclaredSize | undefined {
  const i = inDim ?? 1;
  const on = inDim !== undefined ? ` on ${inDim} input features` : "";
  const bias = (n: number) => (cfg["use_bias"] === false ? 0 : n);
  // LoRA (Keras 3 Dense / EinsumDense / Embedding / convolutions, red-team round 29 class C): build() calls
  // enable_lora(lora_rank), which adds lora_kernel_a (kernel.shape[:-1] + (r,)) and lora_kernel_b (r, kernel.shape[-1])
  const r = size(cfg["lora_rank"]) ?? 0;
  const lora = (lead: number, last: number) => (r ? lead * r + r * last : 0);
  const withLora = (params: number, lead: number, last: number, detail: string): DeclaredSize => (r ? { params: params + lora(lead, last), detail: `${detail} with lora_rank=${r}` } : { params, detail });
  const axisDims = (): number | undefined => {
    // the weight shape of a layer whose weight spans the axes it names (LayerNormalization / BatchNormalization /
    // Normalization / RMSNormalization axis, an int or a list), from the whole input shape (round 29 class D)
    if (!inShape) return inDim;
    const ax = cfg["axis"];
    const axes = Array.isArray(ax) ? ax : [ax ?? -1];
    let n = 1;
    for (const a of axes) {
      if (typeof a !== "number") return inDim;
      const k = a < 0 ? inShape.length + a : a;
      n *= (k >= 0 && k < inShape.length ? inShape[k] : undefined) ?? (k === inShape.length - 1 ? inDim : undefined) ?? 1;
    }
    return n;
  };
  switch (cn) {
    case "Dense": {
      const u = units(cfg);
      return u === undefined ? undefined : withLora(u * i + bias(u), i, u, `Dense(units=${u})${on}`);
    }
    case "Embedding":
    case "ReversibleEmbedding": {
      const a = size(cfg["input_dim"]);
      const b = size(cfg["output_dim"]);
      const copies = cn === "ReversibleEmbedding" && cfg["tie_weights"] === false ? 2 : 1;
      return a === undefined || b === undefined ? undefined : withLora(copies * a * b, a, b, `${cn}(input_dim=${a}, output_dim=${b})`);
    }
    case "EinsumDense": {
      const os = Array.isArray(cfg["output_shape"]) ? (cfg["output_shape"] as unknown[]).map(size) : [size(cfg["output_shape"])];
      const k = einsumKernel(cfg["equation"], os, inShape);
      if (k !== undefined) {
        const n = prod(k);
        return withLora(n, prod(k.slice(0, -1)), k[k.length - 1] ?? 1, `EinsumDense(${JSON.stringify(cfg["equation"])}, output_shape=${JSON.stringify(cfg["output_shape"])})${inShape ? ` on input ${JSON.stringify(inShape)}` : ""}`);
      }
      const known = os.filter((x): x is number => x !== undefined);
      return known.length ? withLora(prod(known), 1, prod(known), `EinsumDense(output_shape=${JSON.stringify(cfg["output_shape"])}) (output dimensions only: a lower bound)`) : undefined;
    }
    case "PReLU": {
      // alpha has the input's shape without the batch axis, 1 on each shared axis (round 29 class D)
      if (!inShape) return inDim === undefined ? undefined : { params: inDim, detail: `PReLU${on}` };
      const shared = new Set((Array.isArray(cfg["shared_axes"]) ? cfg["shared_axes"] : [cfg["shared_axes"]]).filter((x): x is number => typeof x === "number"));
      const dims = inShape.slice(1).map((d, k) => (shared.has(k + 1) ? 1 : (d ?? 1)));
      return { params: prod(dims), detail: `PReLU on input ${JSON.stringify(inShape)}` };
    }
    case "GroupQueryAttention": {
      // query (dim, num_query_heads, head_dim), key and value (dim, num_key_value_heads, head_dim), output (num_query_heads, head_dim, dim)
      const hd = size(cfg["head_dim"]);
      const q = size(cfg["num_query_heads"]);
      const kv = size(cfg["num_key_value_heads"]);
      if (hd === undefined || q === undefined || kv === undefined) return undefined;
      return { params: hd * i * (2 * q + 2 * kv) + bias(hd * (q + 2 * kv) + i), detail: `GroupQueryAttention(head_dim=${hd}, num_query_heads=${q}, num_key_value_heads=${kv})${on}` };
    }
    case "Normalization":
    case "RMSNormalization": {
      const n = axisDims();
      return n === undefined ? undefined : { params: (cn === "Normalization" ? 3 : 1) * n, detail: `${cn}${inShape ? ` on input ${JSON.stringify(inShape)}` : on}` };
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
      // the output projection (num_heads, value_dim, output_shape), output_shape defaulting to the query's width (round 29 class C)
      const os = sizes(cfg["output_shape"], 1);
      const out = os ? prod(os) : i;
      return { params: h * kd * (2 * i) + h * vd * (i + out), detail: `MultiHeadAttention(num_heads=${h}, key_dim=${kd}${cfg["value_dim"] !== undefined ? `, value_dim=${vd}` : ""}${os ? `, output_shape=${JSON.stringify(cfg["output_shape"])}` : ""})${on}` };
    }
    case "BatchNormalization":
    case "LayerNormalization": {
      const n = cfg["data_format"] === "channels_first" || cfg["axis"] === undefined ? inDim : axisDims();
      return n === undefined ? undefined : { params: (cn === "BatchNormalization" ? 4 : 2) * n, detail: `${cn}${inShape && Array.isArray(cfg["axis"]) ? ` (axis=${JSON.stringify(cfg["axis"])}) on input ${JSON.stringify(inShape)}` : on}` };
    }
    case "GroupNormalization":
      return inDim === undefined ? undefined : { params: 2 * inDim, detail: `${cn}${on}` };
  }
  if (CONV.test(cn) || CONV_RNN.test(cn)) {
    const f = filtersOf(cfg);
    const k = kernelOf(cn, cfg);
    if (f === undefined || !k) return undefined;
    const groups = size(cfg["groups"]) || 1;
    const perFilter = prod(k) * Math.max(1, i / groups);
    const kernel = CONV_RNN.test(cn) ? 4 * f * prod(k) * (i + f) + bias(4 * f) : f * perFilter + bias(f);
    return withLora(kernel, perFilter, f, `${cn}(filters=${f}, kernel_size=${JSON.stringify(k)})${on}`);
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
  if (/^LocallyConnected[12]D$/.test(cn)) {
    // tf_keras: a kernel per output position (positions not known here: a lower bound of one position)
    const f = filtersOf(cfg);
    const k = kernelOf(cn, cfg);
    if (f === undefined || !k) return undefined;
    return { params: f * prod(k) * i + bias(f), detail: `${cn}(filters=${f}, kernel_size=${JSON.stringify(k)})${on} (one output position: a lower bound)` };
  }
  return undefined;
}

/** Built-in layer classes known to create no weight from a size field of their config (or counted elsewhere). */
const WEIGHTLESS = new Set([
  "InputLayer", "Sequential", "Functional", "Model", "Bidirectional", "TimeDistributed", "RNN", "StackedRNNCells", "Wrapper", "SpectralNormalization",
  "CategoryEncoding", "Hashing", "HashedCrossing", "StringLookup", "IntegerLookup", "TextVectorization", "Discretization", "RepeatVector",
  "Lambda", "TFSMLayer", "JaxLayer", "FlaxLayer", "TorchModuleWrapper", "Pipeline",
]);
/** Integer config fields that size a layer's weights. */
const SIZE_FIELDS = ["units", "filters", "nb_filter", "output_dim", "input_dim", "head_dim", "num_heads", "key_dim", "value_dim", "num_query_heads", "num_key_value_heads", "num_experts", "intermediate_dim", "hidden_dim", "fft_length", "frame_length", "num_mel_bins", "lora_rank"];

/**
 * Fail closed for a built-in layer class with no parameter model (round 29 class J): the product of its
 * integer size fields, times the input width, counts as declared weights (a layer with no size field: 0).
 */
export function fallbackParams(cn: string, cfg: Cfg, inDim: number | undefined): DeclaredSize | undefined {
  if (WEIGHTLESS.has(cn)) return undefined;
  const found = SIZE_FIELDS.flatMap((k) => {
    const v = size(cfg[k]);
    return v !== undefined && v > 0 ? [[k, v] as [string, number]] : [];
  });
  if (!found.length) return undefined;
  const n = prod(found.map(([, v]) => v)) * (inDim ?? 1);
  return { params: n, detail: `${cn}(${found.map(([k, v]) => `${k}=${v}`).join(", ")})${inDim !== undefined ? ` on ${inDim} input features` : ""} (no parameter model: its size fields multiplied)` };
}

/**
 * EinsumDense's kernel: each letter of the equation's kernel operand takes its size from the input (build_config
 * shape, batch included) or the output (output_shape, batch excluded); a letter of neither, or an ellipsis, counts 1.
 */
function einsumKernel(eq: unknown, out: (number | undefined)[], inShape: Shape | undefined): number[] | undefined {
  if (typeof eq !== "string") return undefined;
  const m = /^\s*([a-z]+)\s*,\s*([a-z]+)\s*->\s*([a-z]+)\s*$/.exec(eq);
  if (!m) return undefined;
  const [, ins, ker, outs] = m as unknown as [string, string, string, string];
  const dims: number[] = [];
  for (const ch of ker) {
    const oi = outs.indexOf(ch);
    const ii = ins.indexOf(ch);
    // output_shape has no batch dimension: the output spec's first letter is the batch
    const fromOut = oi > 0 && out.length === outs.length - 1 ? out[oi - 1] : undefined;
    const fromIn = ii >= 0 && inShape && inShape.length === ins.length ? inShape[ii] : undefined;
    dims.push(fromOut ?? fromIn ?? 1);
  }
  return dims;
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

const SAME_SHAPE = /^(?:Dropout|SpatialDropout[123]D|GaussianNoise|GaussianDropout|AlphaDropout|Activation|ReLU|LeakyReLU|PReLU|ELU|Softmax|ThresholdedReLU|BatchNormalization|LayerNormalization|GroupNormalization|UnitNormalization|RMSNormalization|Normalization|Rescaling|Masking|ActivityRegularization|Identity|Add|Subtract|Multiply|Average|Maximum|Minimum)$/;

/**
 * The whole output shape a layer hands on (Sequential chain, Functional graph: round 29 class E), from its
 * inputs' shapes (the first, or all for Concatenate); unknown dimensions stay undefined (counted as 1 downstream).
 */
export function outputShape(cn: string, cfg: Cfg, ins: (Shape | undefined)[]): Shape | undefined {
  const s = ins[0];
  const last = s ? s[s.length - 1] : undefined;
  const b = s ? s[0] : undefined;
  if (cn === "InputLayer") return shapeOf(cfg["batch_shape"]) ?? shapeOf(cfg["batch_input_shape"]);
  if (SAME_SHAPE.test(cn)) return s;
  if (cn === "Dense") {
    const u = units(cfg);
    return u === undefined ? undefined : [...(s && s.length > 1 ? s.slice(0, -1) : [b]), u];
  }
  if (/^(?:LSTM|GRU|SimpleRNN|CuDNNLSTM|CuDNNGRU)$/.test(cn)) {
    const u = units(cfg);
    if (u === undefined) return undefined;
    return cfg["return_sequences"] === true ? [b, s && s.length > 2 ? s[1] : undefined, u] : [b, u];
  }
  if (cn === "Embedding") {
    const d = size(cfg["output_dim"]);
    return d === undefined ? undefined : [...(s ?? [undefined, undefined]), d];
  }
  if (cn === "Flatten") {
    if (!s) return undefined;
    const rest = s.slice(1);
    return [b, rest.every((x) => x !== undefined) ? prod(rest as number[]) : undefined];
  }
  if (cn === "Reshape") {
    const t = cfg["target_shape"];
    if (!Array.isArray(t)) return undefined;
    const total = s && s.slice(1).every((x) => x !== undefined) ? prod(s.slice(1) as number[]) : undefined;
    const known = t.filter((x) => typeof x === "number" && x > 0) as number[];
    return [b, ...t.map((x) => (typeof x === "number" && x > 0 ? Math.floor(x) : x === -1 && total !== undefined && prod(known) > 0 ? Math.floor(total / prod(known)) : undefined))];
  }
  if (cn === "RepeatVector") {
    const n = size(cfg["n"]);
    return [b, n, last];
  }
  if (/^Global(?:Average|Max|Avg)Pool(?:ing)?[123]D$/.test(cn)) return cfg["data_format"] === "channels_first" ? (s ? [b, s[1]] : undefined) : [b, last];
  if (cn === "Concatenate") {
    if (!s || ins.some((x) => !x || x.length !== s.length)) return s;
    const ax = typeof cfg["axis"] === "number" ? cfg["axis"] : -1;
    const k = ax < 0 ? s.length + ax : ax;
    const sum = ins.reduce<number | undefined>((a, x) => (a === undefined || x![k] === undefined ? undefined : a + x![k]!), 0);
    return s.map((d, j) => (j === k ? sum : d));
  }
  if (cn === "Permute" && s && Array.isArray(cfg["dims"])) return [b, ...(cfg["dims"] as unknown[]).map((d) => (typeof d === "number" ? s[d] : undefined))];
  if ((CONV.test(cn) || SEPARABLE.test(cn) || DEPTHWISE.test(cn)) && cfg["data_format"] !== "channels_first") {
    const d = outputDim(cn, cfg, last);
    return d === undefined ? undefined : [b, ...(s ? s.slice(1, -1).map(() => undefined) : []), d];
  }
  const d = outputDim(cn, cfg, last);
  return d === undefined ? undefined : [b, d];
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
