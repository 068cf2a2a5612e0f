// Judging pickle globals: the shared capability catalogue first (src/catalog/python.ts), then a
// few pickle-specific facts (gadgets reachable through allowlisted packages, torch's standard
// reconstruction helpers that every checkpoint names).
import type { Capability } from "../core/types.js";
import { judgeTarget, matches as matchesDeep, type TargetJudgement } from "../catalog/python.js";

/** Python 2 module names the unpickler maps for protocols < 3 (fix_imports, _compat_pickle.IMPORT_MAPPING subset). */
const PY2_MODULES: Record<string, string> = {
  __builtin__: "builtins",
  copy_reg: "copyreg",
  exceptions: "builtins",
  cPickle: "pickle",
  commands: "subprocess",
  UserDict: "collections",
  urllib2: "urllib.request",
  httplib: "http.client",
};

/** Gadgets inside otherwise allowlisted packages, and Python 2 shells. Checked before the catalogue's allowlist. */
const PICKLE_DENY: [string, Capability[], string][] = [
  ["numpy.testing._private.utils.runstring", ["exec"], "executes Python source"],
  ["numpy.testing.utils.runstring", ["exec"], "executes Python source"],
  ["numpy.f2py.*", ["exec"], "compiles and runs code"],
  ["numpy.distutils.*", ["exec"], "runs build commands"],
  ["numpy.lib.npyio.load", ["file-read", "nested-load"], "loads an array file (pickles when allowed)"],
  ["numpy.lib._npyio_impl.load", ["file-read", "nested-load"], "loads an array file (pickles when allowed)"],
  ["torch.storage._load_from_bytes", ["exec"], "calls torch.load on embedded bytes"],
  ["torch.serialization.load", ["exec"], "unpickles a torch file"],
  ["torch.serialization._load", ["exec"], "unpickles a torch file"],
  ["torch._C.*", ["exec", "native-load"], "torch native internals"],
  ["torch.ops.*", ["exec", "native-load"], "calls any registered native op"],
  ["torch.utils.cpp_extension.*", ["exec", "native-load"], "compiles and loads native code"],
  ["keras.src.saving.saving_lib.*", ["nested-load"], "Keras saving internals"],
  ["pip.*", ["exec"], "installs packages"],
  ["setuptools.*", ["exec"], "runs build commands"],
  ["distutils.*", ["exec"], "runs build commands"],
  ["IPython.*", ["exec"], "interactive interpreter"],
  ["os.*", ["exec"], "operating-system interface"],
  ["posix.*", ["exec"], "operating-system interface"],
  ["nt.*", ["exec"], "operating-system interface"],
  ["sys.*", ["exec"], "interpreter internals"],
  ["builtins.object.__reduce__", ["exec"], "reduce protocol internals"],
];

/**
 * Benign names the shared catalogue denies as a class ("tensorflow.python.*" internals) but that
 * Keras 3 itself writes into .npz weights with the TensorFlow backend (NpzIOStore pickles variables).
 */
const PICKLE_ALLOW_OVERRIDE: string[] = [
  "tensorflow.python.ops.resource_variable_ops.ResourceVariable",
  "tensorflow.python.ops.resource_variable_ops.UninitializedVariable",
  "tensorflow.python.framework.dtypes.as_dtype",
  "tensorflow.python.framework.dtypes.DType",
  "tensorflow.python.framework.tensor_shape.TensorShape",
  "tensorflow.python.framework.tensor_shape.Dimension",
];

/** Higher-order helpers: dangerous only when fed a dangerous callable (judged by their arguments). */
export const HIGHER_ORDER = new Set(["functools.partial", "functools.reduce", "builtins.map", "builtins.filter", "builtins.sorted", "builtins.max", "builtins.min"]);

/** What benign pickles in model files name: container types, numpy and torch reconstruction helpers. */
const PICKLE_SAFE: string[] = [
  "copyreg._reconstructor", "copyreg.__newobj__", "copyreg.__newobj_ex__", "builtins.object", "builtins.set", "builtins.frozenset",
  "builtins.slice", "builtins.complex", "builtins.bytearray", "builtins.range",
  "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct", "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar",
  "numpy.ndarray", "numpy.dtype", "numpy.dtypes.*DType",
  "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor_v3", "torch._utils._rebuild_parameter",
  "torch._utils._rebuild_parameter_with_state", "torch._utils._rebuild_sparse_tensor", "torch._utils._rebuild_qtensor", "torch._utils._rebuild_meta_tensor_no_storage",
  "torch._utils._rebuild_wrapper_subclass", "torch._utils._rebuild_device_tensor_from_numpy", "torch._tensor._rebuild_from_type", "torch._tensor._rebuild_from_type_v2",
  "torch.serialization._get_layout", "torch.Size", "torch.device", "torch.dtype", "torch.Tensor", "torch.nn.parameter.Parameter",
  "torch.storage.TypedStorage", "torch.storage.UntypedStorage", "torch.*Storage", "torch.float*", "torch.int*", "torch.uint8", "torch.bool",
  "torch.bfloat16", "torch.half", "torch.double", "torch.long", "torch.complex*", "torch.strided", "torch.sparse_coo", "torch.per_tensor_affine",
  // Module trees are allowed by class name (a capitalised last segment), never by attribute
  // traversal into a module they import ("torch.nn.modules.module.torch.load").
  "torch.nn.modules.*.^*", "torch.nn.utils.^*", "torch.nn.utils.*.^*", "torch.nn.init.*", "torch.nn.functional.*",
  "collections.OrderedDict", "collections.defaultdict", "collections.deque", "collections.Counter",
  "builtins.dict", "builtins.list", "builtins.tuple", "builtins.int", "builtins.float", "builtins.str", "builtins.bytes", "builtins.bool",
  "_codecs.encode", "decimal.Decimal", "fractions.Fraction", "uuid.UUID", "argparse.Namespace",
  "datetime.datetime", "datetime.date", "datetime.time", "datetime.timedelta", "datetime.timezone", "datetime.tzinfo",
  "enum.Enum", "enum.IntEnum", "enum.Flag", "enum.IntFlag", "enum.StrEnum", "enum.EnumMeta", "enum.EnumType",
];

/**
 * Exact names, or patterns where "*" matches within ONE dotted segment ("torch.*Storage") and "^*"
 * matches one segment that starts with a capital letter (a class name). A pattern never matches
 * across a dot: an allowlisted module's globals must not extend to whatever that module imports
 * ("enum.bltns.eval" is builtins.eval reached through enum's import alias).
 */
const SEGMENT_GLOBS = new Map<string, RegExp>();

function matches(pattern: string, name: string): boolean {
  if (!pattern.includes("*")) return name === pattern;
  let re = SEGMENT_GLOBS.get(pattern);
  if (!re) {
    re = new RegExp(
      `^${pattern
        .split(/(\^\*|\*)/)
        .map((p) => (p === "^*" ? "[A-Z][A-Za-z0-9_]*" : p === "*" ? "[A-Za-z0-9_]*" : p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
        .join("")}$`,
    );
    SEGMENT_GLOBS.set(pattern, re);
  }
  return re.test(name);
}

function mapModule(module: string): string {
  const top = module.split(".")[0]!;
  const mapped = PY2_MODULES[top];
  return mapped ? mapped + module.slice(top.length) : module;
}

function judgeOne(qualified: string): TargetJudgement {
  if (PICKLE_ALLOW_OVERRIDE.includes(qualified)) return { target: qualified, capabilities: ["compute"], note: "written by Keras's own .npz weights store", verdict: "allow" };
  const j = judgeTarget(qualified);
  if (j.verdict === "deny") return j;
  // deny patterns: the catalogue's glob, where "*" spans dots ("os.*" covers os.path.join)
  for (const [p, caps, note] of PICKLE_DENY) if (matchesDeep(p, j.target)) return { target: j.target, capabilities: caps, note, verdict: "deny" };
  if (j.verdict !== "unknown") return j;
  for (const p of PICKLE_SAFE) if (matches(p, j.target)) return { target: j.target, capabilities: ["compute"], note: "standard reconstruction helper", verdict: "allow" };
  return j;
}

/**
 * Judges module + name as the unpickler would resolve them. Dotted names (protocol 4 attribute
 * traversal such as module "numpy.testing._private.utils", name "os.system") are also judged
 * by every attribute tail, so a dangerous object reached through an allowlisted module is caught.
 */
export function judgePickleGlobal(module: string, name: string): TargetJudgement {
  const mod = mapModule(module);
  const main = judgeOne(`${mod}.${name}`);
  if (main.verdict === "deny") return main;
  const parts = name.split(".");
  for (let i = 0; i < parts.length - 1; i++) {
    const tail = parts.slice(i).join(".");
    const j = judgeOne(tail);
    if (j.verdict === "deny") return { ...j, note: `${j.note} (reached by attribute traversal ${mod}.${name})` };
  }
  if (parts.some((p) => p.startsWith("__") && p.endsWith("__") && p !== "__newobj__" && p !== "__newobj_ex__"))
    return { target: `${mod}.${name}`, capabilities: ["exec"], note: "reaches a dunder attribute (object internals)", verdict: "deny" };
  // An unresolved traversal ending in the name of a dangerous builtin ("enum.bltns.eval": enum
  // imports builtins as bltns) is judged as that builtin: the chain cannot be proven to lead elsewhere.
  if (parts.length > 1 && main.verdict === "unknown") {
    const b = judgeTarget(`builtins.${parts[parts.length - 1]}`);
    if (b.verdict === "deny") return { ...b, target: `${mod}.${name}`, note: `${b.note} (an unresolved attribute traversal ending in a dangerous builtin's name)` };
  }
  return main;
}
