#!/usr/bin/env python3
"""Generates src/catalog/python-names.data.json: the exact Python names a Lambda, a Keras reference
or a pickle can reach in the packages models use, each classified by what it does.

Run with the gen venv (TensorFlow 2.20, tf-keras 2.20.1, keras 3.11.3, numpy 2.x):

    ~/.cache/graphwarden/venvs/gen/bin/python tools/gen-python-names.py

It introspects the installed packages in that interpreter and in every extra interpreter given
with --also (default: the oracle-keras-3.8.0 and oracle-keras-3.15.1 venvs, which add keras 3.8 /
3.15, numpy 2.3 and jax, and ~/.cache/graphwarden/names-numpy1, a venv holding numpy 1.26.4 only),
and with --older (default: the opreg-tf-2.15.1 venv: TensorFlow 2.15.1 with Keras 2.15 and numpy 1.26,
whose names join the table but whose module aliases never replace the current ones),
each in a child process (`--part`), and merges the results. Nothing of
a model is ever loaded here; this only imports the libraries and reads attributes.

Classification (the review is the rules below, applied in this order):
  1. a name the threat catalogue knows to be dangerous (TF ops in src/catalog/tf-ops.ts, and the
     RISK token rules: file read/write, network, process/exec, native code, nested load,
     deserialisation) gets that class; a callable whose signature takes `allow_pickle` (default False
     or none: a reader, not a writer) is deserialisation whatever its module's rule says; a
     Python function whose own source loads a native library or unpickles (ctypes, dlopen,
     pickle.load, numpy.load) is native / deserialisation;
  2. pure compute: an exact name in a reviewed family (numpy ufuncs, numpy math modules,
     numpy.linalg / fft, TensorFlow op modules, keras.ops / activations, tf_keras.backend math,
     jax.numpy / jax.nn, math / cmath / operator, a reviewed builtins list), each with its family;
  3. stateful compute: random number generators, layers and variables, printing, configuration;
  4. TensorFlow op wrappers (tf.raw_ops, tf.compat.v1.raw_ops, re-exported gen_*_ops functions) take
     the class of src/catalog/tf-op-classes.data.ts; its risky classes win over a compute guess;
  5. reviewed families (FAMILIES, NAMED_RISK, reviewed_family): names the rules above leave
     unreviewed, classed from the installed sources, each with the reason that lands in the data's
     `families` list; names that take and call a callable are reviewed and deliberately left out;
  6. everything else reachable is "unreviewed" (the product treats it as unverifiable).
     `--list-unreviewed FILE` writes those, per package row, for the next review.
Methods on values (np.ndarray, tf.Tensor, KerasTensor, jax arrays, Python containers and strings)
are classified the same way by method name.
The `params` section records, for every name that is not compute, the position and default of the
parameters that decide what it does (`allow_pickle`, `mode`): the product reads the call's value.
"""
from __future__ import annotations

import argparse
import builtins
import inspect
import json
import os
import re
import subprocess
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "catalog" / "python-names.data.json"
VENVS = Path.home() / ".cache" / "graphwarden" / "venvs"
# names-numpy1: a plain venv with numpy==1.26.4 only (python3.11 -m venv ~/.cache/graphwarden/names-numpy1;
# its pip install numpy==1.26.4), for the numpy 1.x names (numpy.core.*, numpy.lib.function_base ...).
DEFAULT_ALSO = [VENVS / "oracle-keras-3.8.0" / "bin" / "python", VENVS / "oracle-keras-3.15.1" / "bin" / "python",
                VENVS.parent / "names-numpy1" / "bin" / "python"]
# Older framework generations (--older): TensorFlow 2.15.1 with its Keras 2.15 as `keras` and numpy 1.26
# (the opreg-tf-2.15.1 venv: pip install tensorflow-cpu==2.15.1). Their names join the table (a name
# any version has is listed, the riskier class wins) but their module aliases never replace the
# current ones (tf.losses is keras._tf_keras.keras.losses in 2.20, keras.api._v2.keras.losses in 2.15).
DEFAULT_OLDER = [VENVS / "opreg-tf-2.15.1" / "bin" / "python"]

CLASSES = ["pure", "stateful", "file-read", "file-write", "network", "process", "native", "nested-load", "deserialisation", "unreviewed"]

# Packages walked (public names only), and the names under which a Lambda reaches them.
ROOTS = ["builtins", "math", "cmath", "operator", "itertools", "functools", "collections", "copy", "numbers", "random", "re", "string", "sys",
         "typing", "doctest", "pkgutil", "numpy", "tensorflow", "keras", "tf_keras", "jax.numpy", "jax.nn", "jax.lax"]
# Sub-namespaces not walked: huge compatibility mirrors and internals (their names stay unverifiable).
SKIP_PATHS = {"tensorflow.compat.v2", "tensorflow.compat.v1.compat", "tensorflow.compat.v1.keras", "tensorflow.compat.v1.estimator", "tensorflow.python", "tensorflow.core", "tensorflow.tools", "tensorflow.include",
              "tensorflow.compiler", "tensorflow.keras", "tensorflow.estimator", "tensorflow.contrib", "keras.src", "keras.api",
              "keras._tf_keras", "tf_keras.src", "tf_keras.protobuf", "numpy.f2py", "numpy.distutils", "numpy.core",
              "numpy._core", "numpy.typing", "numpy.tests", "numpy.conftest", "tensorflow.lite", "tf_keras.__internal__"}
MAX_DEPTH = 5

# --- 1. risk rules, on the lowercased dotted path and canonical name ----------------------------
RISK = [
    ("process", r"py_?func|numpy_function|pyfunc|eager_?py_?func|(^|[._])(exec|eval|system|popen|spawn)($|[._])|subprocess|runstring"),
    ("native", r"ctypes|ctypeslib|load_library|load_op_library|load_file_system_library|filesystem_plugin|load_pluggable|(^|[._])cdll|dlopen|cffi"),
    ("nested-load", r"load_model|model_from_(json|yaml|config)|saved_model|tfsmlayer|torchmodulewrapper|(^|[._])hub([._]|$)|load_weights|(^|[._])applications([._]|$)"),
    ("deserialisation", r"deserializ|unpickl|pickle|marshal|(^|[._])dill|cloudpickle|func_load"),
    ("network", r"get_file|download|(^|[._])urls?($|[._])|urlopen|https?|remote|grpc|(^|[._])rpc|server|cluster_resolver|(^|[._])tpu|(^|[._])distribute([._]|$)|datasets([._]|$)|socket|datasource"),
    ("file-write", r"(^|[._])save|savez|savetxt|(^|[._])write|writer|(^|[._])dump|tofile|mkdir|makedirs|(^|[._])remove|rmtree|(^|[._])rename|copy_?file|gfile|plot_model|model_to_dot|(^|[._])export|tensorboard|summary|debugging\.experimental|(^|[._])logdir|backup_and_restore|modelcheckpoint|csvlogger|experimental\.save"),
    ("file-read", r"(^|[._])load|(^|[._])read|reader|(^|[._])open|fromfile|fromregex|genfromtxt|memmap|(^|[._])glob($|[._])|listdir|(^|[._])walk($|[._])|(^|[._])exists|matching_?files|datasource|checkpoint|restore|list_files|from_directory|textline|tfrecord|fixedlengthrecord|csv_dataset|csvdataset|sqldataset|textfile|vocab.*file|_file($|[._])|(^|[._])file($|[._])|lmdb|immutableconst|(^|[._])npyio|lib\.format|(^|[._])environ|getenv|image_utils|load_img"),
]
RISK_RE = [(c, re.compile(p)) for c, p in RISK]

# TensorFlow ops the threat catalogue classifies (src/catalog/tf-ops.ts): their raw_ops wrappers keep that class.
TF_OPS_KIND = {"cb": "process", "read": "file-read", "write": "file-write", "net": "network"}


def tf_ops_catalogue() -> dict[str, str]:
    text = (ROOT / "src" / "catalog" / "tf-ops.ts").read_text()
    out: dict[str, str] = {}
    for m in re.finditer(r"^\s+(\w+): (?:\{ \.\.\.)?(cb|read|write|net)\(", text, re.M):
        out[m.group(1)] = TF_OPS_KIND[m.group(2)]
    return out


# --- 2. pure compute families ---------------------------------------------------------------------
BUILTINS_PURE = set("""abs all any ascii bin bool bytearray bytes callable chr complex dict divmod enumerate filter float format
frozenset hash hex id int isinstance issubclass iter len list map max memoryview min next object oct ord pow range repr
reversed round set slice sorted str sum tuple type zip dir hasattr property staticmethod classmethod super aiter anext
None True False Ellipsis NotImplemented""".split())
BUILTINS_STATEFUL = {"print"}
BUILTINS_PROCESS = {"exec", "eval", "compile", "__import__", "breakpoint", "getattr", "setattr", "delattr", "globals", "locals", "vars",
                    "input", "__build_class__", "help", "exit", "quit", "copyright", "credits", "license", "__loader__", "__spec__"}
BUILTINS_FILE = {"open"}

# Defining modules whose public functions are array math (numpy 1.x `numpy.core`/`numpy.lib` and 2.x `numpy._core`/`numpy.lib._*_impl`).
NUMPY_MATH_MODULE = re.compile(
    r"^numpy\.(_?core\.(fromnumeric|numeric|multiarray|_multiarray_umath|function_base|shape_base|einsumfunc|numerictypes|_methods|getlimits|"
    r"_dtype|_asarray|_ufunc_config|arrayprint|defchararray|records|_internal|umath|_exceptions|numerictypes|overrides|strings|_type_aliases)|"
    r"lib\.(_?function_base(_impl)?|_?shape_base(_impl)?|_?twodim_base(_impl)?|_?index_tricks(_impl)?|_?stride_tricks(_impl)?|"
    r"_?arraysetops(_impl)?|_?nanfunctions(_impl)?|_?polynomial(_impl)?|_?type_check(_impl)?|_?ufunclike(_impl)?|_?arraypad(_impl)?|"
    r"_?histograms(_impl)?|_?scimath(_impl)?|_?arrayterator(_impl)?|_?array_utils(_impl)?|mixins|_iotools)|"
    r"linalg(\._linalg|\.linalg|\._umath_linalg)?|fft(\._pocketfft|\._helper|\.helper)?|polynomial\.\w+|ma(\.core|\.extras)?|matrixlib\.defmatrix|"
    r"dtypes|exceptions|rec|char|strings|emath|_globals|_array_api_info|matlib)$")

# TensorFlow modules whose public functions build math / array / string / image ops (tensorflow.python.<x>).
TF_PURE_MODULE = re.compile(
    r"^tensorflow\.python\.(ops\.(gen_)?(math_ops|array_ops|array_ops_stack|nn_ops|nn_impl|nn_impl_distribute|nn_grad|clip_ops|special_math_ops|"
    r"linalg_ops|linalg_ops_impl|image_ops|image_ops_impl|string_ops|bitwise_ops|sort_ops|sparse_ops|check_ops|control_flow_ops|"
    r"control_flow_case|control_flow_switch_case|cond|cond_v2|while_loop|while_v2|map_fn|functional_ops|numerics|embedding_ops|ctc_ops|"
    r"confusion_matrix|histogram_ops|manip_ops|spectral_ops|fft_ops|stateless_random_ops|batch_ops|candidate_sampling_ops|math_grad|"
    r"array_grad|gradients_impl|gradients|custom_gradient|unconnected_gradients|template|set_ops|sets_impl|tensor_array_ops|list_ops|"
    r"parsing_ops|parsing_config|bincount_ops|nn|clustering_ops|random_ops|random_crop_ops|stateful_random_ops|weak_tensor_ops|"
    r"tensor_math_operator_overrides|tensor_getitem_override|math_ops_impl|logging_ops|variables|resource_variable_ops|variable_scope|"
    r"state_ops|init_ops|init_ops_v2|partitioned_variables|ragged\.\w+|linalg\.\w+|signal\.\w+|distributions\.\w+|losses\.\w+|"
    r"structured\.\w+|numpy_ops\.\w+|special_math_ops|nn_fused_batch_norm_grad|audio_ops|image_grad|encode_proto_ops|decode_proto_ops|"
    r"boosted_trees_ops|data_flow_ops|lookup_grad|op_selector|string_ops|unicode_ops|random_ops_util|shape_util|tensor_util)|"
    r"framework\.(constant_op|dtypes|tensor_shape|tensor|ops|sparse_tensor|indexed_slices|tensor_conversion|tensor_conversion_registry|"
    r"tensor_util|tensor_spec|type_spec|composite_tensor|random_seed|func_graph|extension_type|dtypes|stack|weak_tensor|"
    r"config|errors_impl|device_spec|device|indexed_slices|constant_tensor_conversion|auto_control_deps_utils|test_util_not)|"
    r"eager\.(def_function|polymorphic_function\.polymorphic_function|backprop|forwardprop|context|execute)|"
    r"util\.(nest|dispatch|tf_export|deprecation)|module\.module|autograph\.\w+(\.\w+)*|"
    r"training\.(moving_averages|learning_rate_decay)|feature_column\.\w+)$")
TF_STATEFUL_NAME = re.compile(r"random|variable|assign|seed|print|set_|config|scatter_update|device|function$|module|tensorarray|summary|experimental_|enable_|disable_|init")

KERAS_PURE_NS = re.compile(r"^(keras|tf_keras)\.(ops(\.\w+)?|activations|losses|metrics|constraints|regularizers|initializers|quantizers|tree|dtype_policies|mixed_precision|backend|layers|models|optimizers(\.\w+)?|random|applications\.\w+\.preprocess_input|applications\.\w+\.decode_predictions)$")
KERAS_STATEFUL = re.compile(r"(^|\.)(layers|models|optimizers(\.\w+)?|random|metrics|mixed_precision|dtype_policies)\.|(^|\.)backend\.(set_|clear_session|reset|manual_|learning_phase|get_session|get_uid|placeholder|variable|track|name_scope|symbolic|eager|get_graph|batch_set_value|set_value|update|moving_average|random|print_tensor|ctc_decode)")


NUMPY_HOME: dict[int, str] = {}


def index_numpy_homes() -> None:
    """id(object) -> the numpy implementation module that defines it (numpy.__init__ only re-exports)."""
    try:
        import numpy  # noqa: F401
    except Exception:  # noqa: BLE001
        return
    def rank(name: str) -> int:
        # implementation modules first, then other leaf modules, packages (re-exporters) last
        if "_impl" in name or "core." in name or name.endswith("_linalg") or name.endswith("_pocketfft"):
            return 0
        return 2 if hasattr(sys.modules.get(name), "__path__") else 1
    files = {}
    for name in list(sys.modules):
        f = getattr(sys.modules.get(name), "__file__", None)
        if name.startswith("numpy.") and f:
            files.setdefault(f, name)
    for name in sorted((n for n in list(sys.modules) if n.startswith("numpy.")), key=lambda n: (rank(n), n)):
        m = sys.modules.get(name)
        if m is None:
            continue
        for v in list(vars(m).values()):
            try:
                code = getattr(inspect.unwrap(v), "__code__", None) if callable(v) and not inspect.isclass(v) else None
            except Exception:  # noqa: BLE001
                code = None
            if code is not None and code.co_filename in files:
                NUMPY_HOME.setdefault(id(v), files[code.co_filename])  # the file that defines it
                continue
            if (inspect.isfunction(v) or inspect.isclass(v) or inspect.isbuiltin(v) or callable(v)) and id(v) not in NUMPY_HOME:
                if getattr(v, "__module__", None) in ("numpy", name) or rank(name) == 0:
                    NUMPY_HOME[id(v)] = name


def lower(s: str) -> str:
    return s.lower()


def canonical_of(obj, path: str) -> str:
    if isinstance(obj, types.ModuleType):
        return obj.__name__
    try:
        import numpy as np  # noqa: F401
        if type(obj).__name__ == "ufunc":
            return f"numpy.{obj.__name__}"
    except Exception:  # pragma: no cover
        pass
    o = inspect.unwrap(obj) if callable(obj) else obj
    mod = getattr(o, "__module__", None)
    if isinstance(mod, str) and mod.split(".")[0] == "numpy" and (id(o) in NUMPY_HOME or id(obj) in NUMPY_HOME):
        mod = NUMPY_HOME.get(id(obj)) or NUMPY_HOME[id(o)]  # numpy sets __module__ = "numpy" on re-exported functions: use the defining module
    qn = getattr(o, "__qualname__", None)
    if isinstance(mod, str) and isinstance(qn, str) and (inspect.isfunction(o) or inspect.isclass(o) or inspect.isbuiltin(o)):
        return f"{mod}.{qn}"
    return path


# Risk-rule names whose reason is reviewed (the class stays the one the risk rule gives).
NAMED_RISK = [(re.compile(p), c, j) for p, c, j in [
    (r"tensorflow\.(compat\.v1\.)?summary\.", "file-write", "tf.summary writes event files to the default writer's logdir: file-write"),
    (r"tensorflow\.(compat\.v1\.)?(io\.)?gfile\.", "file-write", "tf.io.gfile reads, writes, lists and deletes host files: file-write"),
]]


# Parameters whose value decides what a file-touching callable does, read from its signature:
# `allow_pickle` (numpy's readers unpickle an object array when it is true) and `mode` (an opener
# writes when its mode has w, a, x or +). Recorded per name as [position, default repr or None].
CHOICE_PARAMS = ("allow_pickle", "mode")
PICKLE_READER = "reads a pickle when allow_pickle is not False (signature reviewed: numpy's .npy/.npz readers): deserialisation"


def choice_params(obj) -> dict[str, list]:
    if not callable(obj):
        return {}
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return {}
    out: dict[str, list] = {}
    positional = 0
    for p in sig.parameters.values():
        if p.name in CHOICE_PARAMS:
            pos = positional if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) else -1
            out[p.name] = [pos, None if p.default is p.empty else repr(p.default)]
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            positional += 1
    return out


# A Python function whose own body loads a native library or unpickles is that, whatever its name
# says (tf.lite.experimental.load_delegate builds a Delegate whose __init__ dlopen()s a path;
# jax.numpy.load forwards **kwargs to numpy.load): its body is parsed (calls only: docstrings and
# comments do not count), and so are the bodies of the module-level functions and classes
# (__init__) it calls, two levels deep.
NATIVE_CALLS = {"CDLL", "PyDLL", "WinDLL", "LoadLibrary", "dlopen", "load_op_library", "load_library", "find_library"}
PICKLE_MODULES = {"pickle", "cPickle", "_pickle", "dill", "cloudpickle", "marshal"}
NUMPY_NAMES = {"np", "numpy", "onp", "_np"}
NATIVE_BODY = "its body (or a function or class it calls) loads a native library (ctypes / dlopen / load_library; parsed): native"
PICKLE_BODY = "its body (or a function it calls) unpickles or calls numpy.load (parsed): deserialisation"
EXEC_CALLS = {"exec", "eval", "compile"}
EXEC_BODY = "its body (or a function it calls) runs a string as Python with exec / eval / compile (parsed): process"
# Functions whose exec/eval runs only code they generate themselves from validated input (reviewed in
# their sources): the body rule does not apply.
EXEC_REVIEWED = {
    "collections.namedtuple": "eval of its own __new__ built from field names it checks are identifiers",
}
# Library functions that evaluate strings as Python although their bodies do not say so directly
# (reviewed in their sources): process.
EVAL_NAMES = [(re.compile(p), j) for p, j in [
    (r"^typing\.(get_type_hints|ForwardRef|_eval_type)$", "evaluates string annotations with eval (typing's ForwardRef._evaluate): process"),
    (r"^functools\.singledispatch(method)?$", "its register() reads a function's annotations with typing.get_type_hints, evaluating string annotations: process"),
    (r"^doctest\.", "doctest runs the examples of docstrings and files with exec: process"),
    (r"^pkgutil\.resolve_name$", "imports any module and returns any object a 'module:name' string names (os:system, builtins:exec): process"),
    (r"^numpy\.testing\.(rundocs|_private\.utils\.rundocs)$", "runs a module's docstring examples with doctest (exec): process"),
]]


def _calls(fn):
    import ast
    import textwrap
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError, IndentationError):
        return []
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            chain = []
            while isinstance(f, ast.Attribute):
                chain.append(f.attr)
                f = f.value
            if isinstance(f, ast.Name):
                chain.append(f.id)
                out.append(list(reversed(chain)))
    return out


def body_class(obj, depth: int = 0):
    try:
        return _body_class(obj, depth)
    except Exception:  # noqa: BLE001  (lazy modules and odd objects refuse introspection: no verdict from the body)
        return None


def _body_class(obj, depth: int = 0):
    fn = inspect.unwrap(obj) if callable(obj) else obj
    if inspect.isclass(fn):
        if depth == 0:
            return None  # a class reached by name is judged by its name rules; only classes a function calls are opened
        for m in ("__init__", "__new__"):
            f = fn.__dict__.get(m)
            if f is not None:
                r = body_class(f, depth)
                if r is not None:
                    return r
        return None
    if not inspect.isfunction(fn):
        return None
    g = getattr(fn, "__globals__", {})
    calls = _calls(fn)
    for chain in calls:
        last, head = chain[-1], chain[0]
        if last in NATIVE_CALLS or (head == "ctypes" and len(chain) > 1):
            return "native", NATIVE_BODY
        if (head in PICKLE_MODULES and last in ("load", "loads")) or (head in NUMPY_NAMES and chain[1:] == ["load"]) or last == "read_array":
            return "deserialisation", PICKLE_BODY
        if (len(chain) == 1 and head in EXEC_CALLS and head not in g) or chain in (["builtins", "exec"], ["builtins", "eval"], ["builtins", "compile"]):
            if f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', '')}" not in EXEC_REVIEWED:
                return "process", EXEC_BODY
    if depth >= 2:
        return None
    for chain in calls:
        target = g.get(chain[0])
        for a in chain[1:]:
            target = getattr(target, a, None) if target is not None and not isinstance(target, types.ModuleType) or (isinstance(target, types.ModuleType) and target.__name__.split(".")[0] == fn.__module__.split(".")[0]) else None
        if target is None or target is obj or isinstance(target, types.ModuleType):
            continue
        if (inspect.isfunction(target) or inspect.isclass(target)) and (getattr(target, "__module__", None) or "").split(".")[0] == (fn.__module__ or "").split(".")[0]:
            r = body_class(target, depth + 1)
            if r is not None:
                return r
    return None


def classify(path: str, canonical: str, obj, tf_ops: dict[str, str]) -> tuple[str, str]:
    """(class, family/justification) of one reachable name: rules 1-4, then the reviewed families of rule 5."""
    cls, fam = classify_base(path, canonical, obj, tf_ops)
    for rx, j in EVAL_NAMES:
        if (rx.match(path) or rx.match(canonical)) and (cls == "unreviewed" or CLASSES.index(cls) < CLASSES.index("process")):
            return "process", j
    if cls in ("pure", "stateful", "file-read", "unreviewed"):
        b = body_class(obj)
        if b is not None:
            return b
    # a reader that takes allow_pickle (default False or none) unpickles when it is allowed: whatever
    # its module's risk rule says (numpy.lib.format is "file-read"), it deserialises
    ap = choice_params(obj).get("allow_pickle")
    if ap is not None and ap[1] in (None, "False") and CLASSES.index(cls) < CLASSES.index("deserialisation"):
        return "deserialisation", PICKLE_READER
    for rx, c, j in NAMED_RISK:
        if cls == c and rx.match(path):
            return cls, j  # the same class as the risk rule gave, with the reviewed reason
    op = TF_OP_OF.get(canonical) or (path.rsplit(".", 1)[-1] if re.match(r"^tensorflow\.(compat\.v1\.)?raw_ops\.\w+$", path) else None)
    if op is not None and op in TF_OP_CLASS:
        ocls = TF_OP_CLASS[op]
        ncls = OP_CLASS_TO_NAME.get(ocls)
        # the op table's risky classes win over a compute guess; its compute classes fill what is unreviewed
        if ncls is not None and (cls == "unreviewed" or (ncls not in ("pure", "stateful") and CLASSES.index(ncls) > CLASSES.index(cls))):
            return ncls, f"tf op class table (src/catalog/tf-op-classes.data.ts): {ocls}"
    if cls == "unreviewed":
        for c, f in reviewed_family(path, canonical, obj):
            return c, f
    return cls, fam


def classify_base(path: str, canonical: str, obj, tf_ops: dict[str, str]) -> tuple[str, str]:
    """(class, family/justification) of one reachable name by rules 1-4."""
    last = path.rsplit(".", 1)[-1]
    top = path.split(".")[0]
    if top == "builtins":
        if last in BUILTINS_PROCESS:
            return "process", "builtins (reviewed: runs or reaches code)"
        if last in BUILTINS_FILE:
            return "file-read", "builtins (reviewed: opens host files)"
        if last in BUILTINS_STATEFUL:
            return "stateful", "builtins (reviewed: writes to stdout)"
        if last in BUILTINS_PURE:
            return "pure", "builtins (reviewed)"
        if inspect.isclass(obj) and issubclass(obj, BaseException):
            return "pure", "builtins exception class"
        return "unreviewed", "builtins"
    if top == "sys":
        if last in ("modules", "path", "meta_path", "path_hooks", "path_importer_cache", "settrace", "setprofile", "addaudithook", "breakpointhook", "excepthook", "displayhook", "_getframe"):
            return "process", "sys (reviewed: import machinery, hooks, frames)"
        if last in ("stdout", "stderr", "__stdout__", "__stderr__"):
            return "stateful", "sys (reviewed: standard streams)"
        if last in ("stdin", "__stdin__", "argv", "orig_argv", "executable", "_base_executable", "prefix", "exec_prefix", "base_prefix", "base_exec_prefix", "platlibdir", "pycache_prefix"):
            return "file-read", "sys (reviewed: host input and paths)"
        if last in ("maxsize", "maxunicode", "float_info", "int_info", "hash_info", "byteorder", "version", "version_info", "hexversion", "implementation", "platform", "float_repr_style", "getsizeof", "getrecursionlimit", "getdefaultencoding", "getfilesystemencoding", "intern", "is_finalizing", "api_version", "copyright", "thread_info", "flags", "dont_write_bytecode", "builtin_module_names", "stdlib_module_names"):
            return "pure", "sys (reviewed: interpreter constants)"
        return "unreviewed", "sys"
    # tf.raw_ops: the threat catalogue's class for the op, else the op's Python module rule below
    if path.startswith("tensorflow.raw_ops.") and last in tf_ops:
        return tf_ops[last], "tf-ops catalogue (src/catalog/tf-ops.ts)"
    lp, lc = lower(path), lower(canonical)
    if re.search(r"(^|\.)applications\.\w+\.preprocess_input$", path):
        return "pure", "keras applications preprocess_input (array arithmetic)"
    for cls, rx in RISK_RE:
        if rx.search(lp) or rx.search(lc):
            return cls, f"risk rule: {cls}"
    if not callable(obj):
        return "pure", "value (not callable)"
    if top in ("math", "cmath"):
        return "pure", top
    if top == "operator":
        if last in ("attrgetter", "methodcaller", "call"):
            return "process", "operator (reviewed: calls or reads attributes by name)"
        return "pure", "operator"
    if top == "itertools":
        return "pure", "itertools"
    if top == "functools":
        return ("pure", "functools (reviewed)") if last in ("wraps", "update_wrapper", "cmp_to_key", "total_ordering", "lru_cache", "cache", "cached_property", "singledispatch") else ("process", "functools (reviewed: calls callables later)")
    if top == "collections":
        return ("pure", "collections containers") if inspect.isclass(obj) or last == "namedtuple" else ("unreviewed", "collections")
    if top == "copy":
        return "pure", "copy"
    if top == "numbers":
        return "pure", "numbers ABCs"
    if top == "random":
        return "stateful", "random (global generator)"
    if top == "re":
        return ("pure", "re") if last in ("compile", "match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer", "escape", "Pattern", "Match", "RegexFlag") else ("unreviewed", "re")
    if top == "string":
        return "pure", "string"
    if top == "numpy":
        if type(obj).__name__ == "ufunc":
            return "pure", "numpy ufunc"
        if path.startswith("numpy.random."):
            return "stateful", "numpy.random (generator state)"
        mod = canonical.rsplit(".", 1)[0] if "." in canonical else canonical
        if inspect.isclass(obj) and NUMPY_MATH_MODULE.match(mod) or NUMPY_MATH_MODULE.match(mod):
            if re.search(r"(^|\.)(set\w*|seterr\w*|setbufsize|set_printoptions|printoptions|setdiff1d_)$", lc) and not lc.endswith("setdiff1d") and not lc.endswith("setxor1d"):
                return "stateful", "numpy configuration"
            fam = "numpy.linalg" if ".linalg" in mod else "numpy.fft" if ".fft" in mod else "numpy math module (" + mod + ")"
            return "pure", fam
        if canonical in ("numpy.ndarray", "numpy.dtype", "numpy.generic") or lc.startswith("numpy.") and inspect.isclass(obj) and issubclass(obj, (__import__("numpy").generic, __import__("numpy").dtype)):
            return "pure", "numpy scalar / dtype type"
        return "unreviewed", "numpy"
    if top == "tensorflow":
        mod = canonical.rsplit(".", 1)[0]
        if inspect.isclass(obj):
            mod = getattr(obj, "__module__", mod)
        if path.startswith("tensorflow.raw_ops."):
            mod = getattr(obj, "__module__", mod)
            if re.match(r"^tensorflow\.python\.ops\.gen_(math|array|nn|image|string|bitwise|linalg|spectral|random|stateless_random|sparse|ctc|set|parsing|candidate_sampling|manip|nn_grad|array_grad|math_grad|functional|control_flow|logging|data_flow|list|tensor_array|resource_variable|state|ragged_\w+|special_math|clustering|audio|encode_proto|decode_proto|batch|sort|stateful_random|count|bincount|experimental_dataset|dataset|random_index_shuffle|uniform_quant|xla|collective|boosted_trees|sdca|training|lookup|image_grad)_ops$", mod):
                return ("stateful", f"tf op module ({mod}): stateful") if TF_STATEFUL_NAME.search(lower(last)) or "random" in mod or "state" in mod or "variable" in mod else ("pure", f"tf op module ({mod})")
            return "unreviewed", f"tf raw op ({mod})"
        if TF_PURE_MODULE.match(mod):
            return ("stateful", f"tf op module ({mod}): stateful") if TF_STATEFUL_NAME.search(lower(last)) or "random" in mod or "variable" in mod else ("pure", f"tf op module ({mod})")
        return "unreviewed", f"tensorflow ({mod})"
    if top in ("keras", "tf_keras"):
        ns = path.rsplit(".", 1)[0]
        if KERAS_PURE_NS.match(ns):
            if KERAS_STATEFUL.search(path):
                return "stateful", f"{ns} (layers, variables, configuration)"
            return "pure", ns
        if ns in (top, f"{top}.utils") and last in ("Sequential", "Model", "Input", "Layer", "Variable", "KerasTensor", "InputSpec", "to_categorical", "normalize", "Operation", "name_scope", "device", "StatelessScope", "DTypePolicy", "Loss", "Metric", "Optimizer", "Regularizer", "Initializer", "Constraint"):
            return ("stateful" if last[0].isupper() else "pure"), f"{top} core API (reviewed)"
        return "unreviewed", ns
    if top == "jax":
        ns = path.rsplit(".", 1)[0]
        return ("stateful", ns) if "random" in lp else ("pure", ns)
    return "unreviewed", top


# --- 5. reviewed families: what rules 1-4 leave unreviewed, decided from the installed sources ---------
# TensorFlow ops: the op class table (tools/tf_op_classes.py -> src/catalog/tf-op-classes.data.ts)
# decides every generated op wrapper (tf.raw_ops.X, tf.compat.v1.raw_ops.X and the gen_*_ops
# function other paths re-export). "graph" (runs the graph functions passed in), "nokernel" and
# "unreviewed" ops stay unreviewed here.
OP_CLASS_TO_NAME = {"pure": "pure", "stateful": "stateful", "resource": "stateful", "read": "file-read", "write": "file-write",
                    "network": "network", "callback": "process", "embedded": "nested-load"}


def tf_op_classes() -> dict[str, str]:
    text = (ROOT / "src" / "catalog" / "tf-op-classes.data.ts").read_text()
    codes = json.loads(re.search(r"TF_OP_CLASS_CODES = (\[[^\]]*\])", text).group(1))
    rows = text[text.index("TF_OP_CLASS_ROWS"):]
    return {m.group(1): codes[int(m.group(2))] for m in re.finditer(r'^\s*"(\w+) (\d+) ', rows, re.M)}


TF_OP_CLASS = tf_op_classes()
TF_OP_OF: dict[str, str] = {}  # canonical wrapper (tensorflow.python.ops.gen_x_ops.snake) -> op name, filled per interpreter


def index_tf_ops() -> None:
    import importlib.util
    if importlib.util.find_spec("tensorflow") is None:
        return
    import tensorflow as tf
    raw = getattr(tf, "raw_ops", None)
    if raw is None:
        return
    for a in dir(raw):
        if not a.startswith("_") and a in TF_OP_CLASS:
            try:
                TF_OP_OF.setdefault(canonical_of(getattr(raw, a), f"tensorflow.raw_ops.{a}"), a)
            except Exception:  # noqa: BLE001
                pass


# (regex on the dotted path, class or None, justification). The path is normalised first:
# tensorflow.compat.v1.X -> tensorflow.X, tf_keras.X -> keras.X. First match wins; class None
# means "reviewed and deliberately left unreviewed" (the name takes and calls a callable, or the
# object exposes methods this table cannot vouch for).
CALLS_CALLABLES = "takes and calls a callable: left unreviewed (the callable decides)"
FAMILIES: list[tuple[str, str | None, str]] = [
    # --- Python: sys, re -------------------------------------------------------------------------
    (r"sys\.(exit|call_tracing|audit|exc_info|exception|gettrace|getprofile|get_asyncgen_hooks|set_asyncgen_hooks|unraisablehook|"
     r"set_coroutine_origin_tracking_depth|setrecursionlimit|setswitchinterval|set_int_max_str_digits)$", "process",
     "sys (reviewed): exits, calls callables, reaches tracebacks and hooks, or changes interpreter limits: process"),
    (r"sys\.setdlopenflags$", "native", "sys.setdlopenflags: flags of later native library loads: native"),
    (r"sys\.warnoptions$", "file-read", "sys (reviewed: host input and paths)"),
    (r"sys\.(abiflags|get_coroutine_origin_tracking_depth|get_int_max_str_digits|getallocatedblocks|getdlopenflags|"
     r"getfilesystemencodeerrors|getrefcount|getswitchinterval)$", "pure", "sys (reviewed): interpreter constants and counters: pure"),
    (r"re\.Scanner$", "process", "re.Scanner calls the action callables of its lexicon: process"),
    (r"re\.error$", "pure", "re (reviewed): exception class, template compile: pure"),
    (r"re\.template$", "pure", "re (reviewed): exception class, template compile: pure"),
    (r"re\.purge$", "stateful", "re.purge clears the module's pattern cache: stateful"),
    # --- numpy ----------------------------------------------------------------------------------------
    (r"numpy\.compat\.(py3k\.)?(asbytes|asbytes_nested|asstr|asunicode|asunicode_nested|sixu|is_pathlib_path|isfileobj|contextlib_nullcontext)$",
     "pure", "numpy.compat py3k string and type helpers (isinstance checks, str/bytes conversion): pure"),
    (r"numpy\.compat\.(py3k\.)?getexception$", "process", "numpy.compat.getexception returns the exception being handled (its traceback frames): process"),
    (r"numpy\.(compat|ma\.core)\.(formatargspec|getargspec)$", "process", "getargspec reads a function's code object: process"),
    (r"numpy(\.lib(\.utils)?)?\.byte_bounds$", "native", "numpy byte_bounds: raw memory addresses of an array (__array_interface__): native"),
    (r"numpy(\.lib(\.utils)?)?\.get_include$", "file-read", "numpy.get_include: the host installation path: file-read"),
    (r"numpy(\.lib(\.utils)?)?\.lookfor$", "process", "numpy.lookfor imports modules to search their docstrings: process"),
    (r"numpy(\.lib(\.utils)?)?\.who$", "process", "numpy.who reads the caller frame's globals (sys._getframe): process"),
    (r"numpy(\.lib(\.utils)?)?\.source$", "file-read", "numpy.source reads a function's source file: file-read"),
    (r"numpy(\.lib(\.utils)?)?\.show_runtime$", "native", "numpy.show_runtime inspects the loaded native libraries (threadpoolctl): native"),
    (r"numpy(\.\w+)?\.test$", "process", "numpy test runners start pytest: process"),
    (r"numpy\.show_config$", "stateful", "numpy.show_config prints the build configuration: stateful"),
    (r"numpy(\.linalg\.linalg)?\.errstate$|numpy\.polynomial\.set_default_printstyle$", "stateful", "numpy configuration"),
    (r"numpy\.lib\.(NumpyVersion|utils\.drop_metadata|introspect\.opt_func_info)$", "pure",
     "numpy version compare, dtype metadata copy, CPU dispatch info: pure"),
    (r"numpy\.(\w+\.)*(set_module|deprecate|deprecate_with_doc)$", None, "decorators that wrap or alter the callable they are given: left unreviewed"),
    # --- TensorFlow (tensorflow.compat.v1.X is matched as tensorflow.X) ---------------------------------
    (r"tensorflow\.security\.fuzzing\.py\.annotation_types\.\w+$", "pure", "tensorflow.security.fuzzing annotation types (empty dtype annotation classes): pure"),
    (r"tensorflow\.(experimental\.)?dtensor\..*", "network",
     "DTensor: multi-client meshes and cluster setup (jobs, heartbeats, coordination service): network"),
    (r"tensorflow\.(signal|spectral)\.i?r?fft(2d|3d|nd)?$", "pure", "tf.signal FFT wrappers (fft_ops closures over the FFT ops): pure"),
    (r"tensorflow\.experimental\.numpy\.(dsplit|hsplit|vsplit|nanprod|nansum)$", "pure", "tf.experimental.numpy closures over array and reduction ops: pure"),
    (r"tensorflow\.((io\.)?serialize_tensor|user_ops\.my_fact)$", "pure", "Python wrappers of the SerializeTensor / Fact compute ops: pure"),
    (r"tensorflow\.compat\.(as_bytes|as_str|as_str_any|as_text|path_to_str|forward_compatible)$", "pure",
     "tf.compat string conversions and the forward-compatibility date check: pure"),
    (r"tensorflow\.(compat\.forward_compatibility_horizon|config\.(experimental_)?(run_functions_eagerly|functions_run_eagerly|"
     r"experimental_functions_run_eagerly|experimental_run_functions_eagerly)|debugging\.(enable|disable)_(check_numerics|traceback_filtering)|"
     r"debugging\.is_traceback_filtering_enabled|experimental\.enable_strict_mode|(enable|disable)_(control_flow_v2|resource_variables|v2_behavior)|"
     r"control_flow_v2_enabled|resource_variables_enabled|experimental\.output_all_intermediates|xla\.experimental\.jit_scope|"
     r"(train\.experimental|mixed_precision)\.(enable|disable)_mixed_precision_graph_rewrite)$", "stateful",
     "TensorFlow execution-mode switches (process configuration): stateful"),
    (r"tensorflow\.((debugging\.)?Assert|AggregationMethod|(experimental\.|data\.experimental\.)?Optional|OptionalSpec)$", "pure",
     "tf.Assert (raises when false), aggregation constants, Optional values: pure"),
    (r"tensorflow\.(get_logger|logging\.\w+)$", "stateful", "tf logging: records to the process's log handlers (stderr): stateful"),
    (r"tensorflow\.((graph_util\.)?import_graph_def|graph_util\.convert_variables_to_constants)$", "nested-load",
     "imports or runs a serialized GraphDef (embedded graph): nested-load"),
    (r"tensorflow\.graph_util\.(extract_sub_graph|must_run_on_cpu|tensor_shape_from_node_def_name)$", "pure", "GraphDef proto inspection: pure"),
    (r"tensorflow\.((io|train)\.match_filenames_once|(io|python_io)\.tf_record_iterator|train\.warm_start|train\.VocabInfo)$", "file-read",
     "host file globs, TFRecord and checkpoint reads: file-read"),
    (r"tensorflow\.experimental\.dlpack\.\w+$", "native", "DLPack capsules: raw memory shared with another framework: native"),
    (r"tensorflow\.experimental\.tensorrt\.\w+$", "native", "TF-TRT: loads the TensorRT libraries and writes engines: native"),
    (r"tensorflow\.mlir\.experimental\.\w+$", "nested-load", "tf.mlir: parses serialized graphs / MLIR text and runs pass pipelines: nested-load"),
    (r"tensorflow\.profiler\.experimental\.client\.\w+$", "network", "tf.profiler client: gRPC to a profiler server: network"),
    (r"tensorflow\.profiler\.(experimental\.)?\w+$", "file-write", "tf.profiler: writes traces and profiles to logdir: file-write"),
    (r"tensorflow\.lite\..*", "nested-load", "tf.lite: loads, converts and runs models (Interpreter, converters): nested-load"),
    (r"tensorflow\.(lookup\.(KeyValueTensorInitializer|StaticHashTable|StaticVocabularyTable|experimental\.(DenseHashTable|MutableHashTable))|"
     r"(initializers\.)?tables_initializer|initialize_all_tables)$", "stateful", "in-process lookup tables: stateful"),
    (r"tensorflow\.(sysconfig\.\w+|test\.test_src_dir_path)$", "file-read", "host installation paths and build flags: file-read"),
    (r"tensorflow\.test\.(is_built_with_\w+|is_cpu_target_available|gpu_device_name|is_gpu_available)$", "stateful", "tf.test device and build queries: stateful"),
    (r"tensorflow\.test\.create_local_cluster$", "network", "tf.test.create_local_cluster starts gRPC servers: network"),
    (r"tensorflow\.test\.get_temp_dir$", "file-write", "tf.test.get_temp_dir creates a temporary directory: file-write"),
    (r"tensorflow\.(test\.(experimental\.)?\w+|app\.run)$", "process", "tf.test / tf.app harness: runs test methods, main and callables: process"),
    (r"tensorflow\.((Session|InteractiveSession)|train\.(\w*SessionCreator|MonitoredSession|SingularMonitoredSession|SessionManager|"
     r"MonitoredTrainingSession|Supervisor|Scaffold|replica_device_setter|SyncReplicasOptimizer))$", "network",
     "TF1 sessions and cluster placement: the target may name a remote master (grpc), checkpoints: network"),
    (r"tensorflow\.(vectorized_map|wrap_function|CriticalSection|xla\.experimental\.compile|linalg\.experimental\.conjugate_gradient|"
     r"train\.(FeedFnHook|LooperThread|basic_train_loop)|nn\.(RNNCell\w*Wrapper|bidirectional_dynamic_rnn|dynamic_rnn|raw_rnn|"
     r"static_bidirectional_rnn|static_rnn|static_state_saving_rnn)|data\.(Dataset|Iterator|NumpyIterator)|"
     r"data\.experimental\.(group_by_window|group_by_reducer|scan|take_while|map_and_batch\w*|parallel_interleave|rejection_resample|"
     r"bucket_by_sequence_length|Reducer))$", None, CALLS_CALLABLES),
    (r"tensorflow\.train\.\w+Hook$", "file-write", "session-run hooks (summaries, profiles and checkpoints in output_dir): file-write"),
    (r"tensorflow\.(train\.(\w*Optimizer|experimental\.(DynamicLossScale|FixedLossScale|LossScale|MixedPrecisionLossScaleOptimizer|PythonState)|"
     r"Coordinator|SecondOrStepTimer|create_global_step|get_global_step|get_or_create_global_step|global_step|assert_global_step)|"
     r"mixed_precision\.(experimental\.)?\w+|get_session_handle|get_session_tensor|delete_session_tensor|is_variable_initialized|Variable)$",
     "stateful", "TF1 optimizers, loss scales, global step, session tensors: variables and process state: stateful"),
    (r"tensorflow\.train\.(\w+_decay\w*|piecewise_constant\w*)$", "pure", "learning-rate decay schedules (math on the step): pure"),
    (r"tensorflow\.train\.(batch|batch_join|maybe_batch|maybe_batch_join|shuffle_batch|shuffle_batch_join|maybe_shuffle_batch|"
     r"maybe_shuffle_batch_join|input_producer|string_input_producer|slice_input_producer|range_input_producer|limit_epochs|"
     r"add_queue_runner|start_queue_runners|QueueRunner|queue_runner\.\w+)$", "stateful",
     "TF1 queue input pipelines (in-process queues and the threads running their ops): stateful"),
    (r"tensorflow\.train\.(SessionRunArgs|SessionRunContext|SessionRunValues|NanLossDuringTrainingError)$", "pure", "session-run records and errors: pure"),
    (r"tensorflow\.metrics\.\w+$", "stateful", "tf.compat.v1.metrics: local variables and update ops: stateful"),
    (r"tensorflow\.data\.experimental\.service\.\w+$", "network", "tf.data service: talks to a dispatcher over gRPC: network"),
    (r"tensorflow\.data\.experimental\.(copy_to_device|prefetch_to_device)$", "network",
     "tf.data device copies: the target device may name a remote job: network"),
    (r"tensorflow\.data\.experimental\.snapshot$", "file-write", "tf.data snapshot writes the dataset to path: file-write"),
    (r"tensorflow\.data\.(experimental\.\w+|DatasetSpec|Options|ThreadingOptions|IteratorSpec|get_output_\w+|make_\w+_iterator)$", "stateful",
     "tf.data transformations and options over in-process datasets (file sources are risk rules, callables excluded): stateful"),
    # --- Keras 3 and tf_keras (tf_keras.X is matched as keras.X) -----------------------------------------
    (r"keras\.config\.set_backend$", "process", "keras.config.set_backend re-imports the Keras modules: process"),
    (r"keras\.((config|backend\.experimental)\.\w+|utils\.((enable|disable)_interactive_logging|is_interactive_logging_enabled|clear_session|set_random_seed))$",
     "stateful", "Keras configuration (process settings): stateful"),
    (r"keras\.((saving|utils)\.get_registered_object)$", "process", "get_registered_object returns a registered class or function by its name string: process"),
    (r"keras\.(callbacks\.(LambdaCallback|LearningRateScheduler|CallbackList|experimental\.\w+)|remat|utils\.experimental\.DatasetCreator|"
     r"wrappers\.\w+|preprocessing\.text\.(hashing_trick|one_hot)|utils\.warmstart_embedding_matrix|"
     r"(saving|utils)\.(register_keras_serializable|CustomObjectScope|custom_object_scope|get_custom_objects))$", None,
     "takes and calls a callable, or changes the custom-object registry later loads resolve names in: left unreviewed"),
    (r"keras\.((legacy\.)?saving|utils(\.legacy)?)\.(serialize_keras_object|get_registered_name)$", "pure",
     "serialize_keras_object / get_registered_name: config dicts and names, no I/O: pure"),
    (r"keras\.(callbacks\.SidecarEvaluatorModelExport|estimator\.model_to_estimator)$", "file-write", "writes checkpoints / an estimator model_dir: file-write"),
    (r"keras\.(experimental|utils)\.SidecarEvaluator$", "file-read", "SidecarEvaluator reads training checkpoints from a directory: file-read"),
    (r"keras\.callbacks\.\w+$", "stateful", "Keras callbacks that change training state or print (BaseLogger, EarlyStopping, History, ...): stateful"),
    (r"keras\.distribution\.initialize$", "network", "keras.distribution.initialize joins a multi-process cluster (jax.distributed): network"),
    (r"keras\.(distribution\.\w+|dtensor\.experimental\.(\w+|optimizers\.\w+))$", "stateful",
     "device meshes, layouts and mesh-aware optimizers (in-process placement): stateful"),
    (r"keras\.experimental\.(CosineDecay|CosineDecayRestarts)$", "pure", "learning-rate schedules: pure"),
    (r"keras\.metrics\.experimental\.PyMetric$", "process", "PyMetric runs update_state in Python through tf.py_function: process"),
    (r"keras\.(experimental\.(LinearModel|WideDeepModel|SequenceFeatures)|layers\.experimental\.(preprocessing\.)?\w+|models\.experimental\.\w+|"
     r"distillation\.\w+|Function|FloatDTypePolicy|Quantizer|RematScope|SymbolicScope)$", "stateful",
     "Keras layers, models and scopes (variables, configuration): stateful"),
    (r"keras\.preprocessing\.image\.(ImageDataGenerator|DirectoryIterator)$", "file-read", "reads images from directories (flow_from_directory): file-read"),
    (r"keras\.preprocessing\.image\.(NumpyArrayIterator|Iterator)$", "file-write", "image iterators write augmented images to save_to_dir: file-write"),
    (r"keras\.preprocessing\.image\.(apply_affine_transform|apply_brightness_shift|apply_channel_shift)$", "pure",
     "image array transforms (scipy.ndimage / PIL in memory): pure"),
    (r"keras\.preprocessing\.(image\.random_\w+|sequence\.(skipgrams|TimeseriesGenerator)|text\.Tokenizer)$", "stateful",
     "random augmentation and sampling (numpy global generator), tokenizer state: stateful"),
    (r"keras\.(preprocessing\.sequence\.(pad_sequences|make_sampling_table)|preprocessing\.text\.text_to_word_sequence|"
     r"utils\.(pad_sequences|get_source_inputs|is_keras_tensor|pack_x_y_sample_weight|unpack_x_y_sample_weight|standardize_dtype|to_ordinal|Config)|"
     r"utils\.bounding_boxes\.\w+|visualization\.draw_\w+|version)$", "pure", "Keras array, sequence and box utilities (no I/O): pure"),
    (r"keras\.preprocessing\.text\.tokenizer_from_json$", "deserialisation", "rebuilds a Tokenizer from JSON: deserialisation"),
    (r"keras\.((preprocessing|utils)\.timeseries_dataset_from_array|utils\.(split_dataset|FeatureSpace|Sequence|Progbar|StepsPerExecutionTuner))$", "stateful",
     "in-memory datasets, progress bars, feature preprocessing: stateful"),
    (r"keras\.utils\.(GeneratorEnqueuer|OrderedEnqueuer|SequenceEnqueuer|PyDataset|TimedThread)$", "process",
     "enqueuers and PyDataset workers run Python code in threads or processes (use_multiprocessing): process"),
    (r"keras\.visualization\.plot_\w+$", "file-write", "matplotlib plots, saved to path when given: file-write"),
]
FAMILIES_RE = [(re.compile(p), c, j) for p, c, j in FAMILIES]


# numpy.testing, reviewed from numpy's sources (names that take and call a callable stay unreviewed:
# assert_raises, assert_warns, assert_no_warnings, assert_no_gc_cycles, assert_array_compare).
NUMPY_TESTING = {
    "pure": ("numpy.testing assertions and helpers: compare values, raise AssertionError, build messages: pure",
             {"assert_", "assert_allclose", "assert_almost_equal", "assert_approx_equal", "assert_array_almost_equal",
              "assert_array_almost_equal_nulp", "assert_array_equal", "assert_array_less", "assert_array_max_ulp",
              "assert_equal", "assert_string_equal", "build_err_msg", "IgnoreException", "KnownFailureException", "SkipTest",
              "allows_array_function_override", "allows_array_ufunc_override", "get_overridable_numpy_array_functions",
              "get_overridable_numpy_ufuncs"}),
    "stateful": ("numpy.testing state helpers: printing, warning filters, gc, unittest classes, class decoration: stateful",
                 {"print_assert_equal", "suppress_warnings", "clear_and_catch_warnings", "break_cycles", "decorate_methods", "TestCase"}),
    "file-read": ("numpy.testing process statistics read from /proc (jiffies, memusage): file-read", {"jiffies", "memusage"}),
    "file-write": ("numpy.testing temporary files and directories (tempdir, temppath create them): file-write", {"tempdir", "temppath"}),
}


def reviewed_family(path: str, canonical: str, obj):
    """Rule 5: the reviewed family of a name rules 1-4 leave unreviewed (yields at most one (class, family))."""
    top = path.split(".")[0]
    ctop = canonical.split(".")[0]
    if path.startswith("numpy.testing.") or canonical.startswith("numpy.testing."):
        last = path.rsplit(".", 1)[-1]
        for c, (fam, names) in NUMPY_TESTING.items():
            if last in names:
                yield c, fam
                return
    # a foreign object re-exported by a walked package is what it is
    if ctop == "numpy" and top != "numpy":
        c, f = classify_base(canonical, canonical, obj, {})
        if c != "unreviewed":
            yield c, f"re-export of numpy ({f})"
        return
    if ctop in ("builtins", "_operator", "_functools") and ctop != top:
        real = canonical.replace("_operator.", "operator.", 1).replace("_functools.", "functools.", 1)
        c, f = classify_base(real, real, obj, {})
        if c != "unreviewed":
            yield c, f"re-export of {real.split('.')[0]} ({f})"
        return
    # typing's special forms and classes only (typing.get_type_hints evaluates annotation strings; ForwardRef holds code)
    if (type(obj).__module__ == "typing" or ctop == "typing" and (inspect.isclass(obj) or canonical == "typing.NamedTuple")) and not canonical.endswith("ForwardRef"):
        yield "pure", "typing constructs (annotations only): pure"
        return
    if canonical in ("pathlib.Path", "pathlib.PosixPath"):
        yield "file-write", "pathlib.Path: host paths it reads and writes: file-write"
        return
    if top == "tensorflow":
        try:
            from google.protobuf.message import Message
            if inspect.isclass(obj) and issubclass(obj, Message):
                yield "pure", "protocol buffer message classes (data containers; parsing yields data, never code): pure"
                return
        except Exception:  # noqa: BLE001
            pass
        if canonical.startswith("tensorflow.python.types.") and inspect.isclass(obj) and inspect.isabstract(obj) or re.sub(r"^tensorflow\.compat\.v1\.", "tensorflow.", path).startswith("tensorflow.types.experimental.") and canonical.startswith("tensorflow.python.types.core."):
            yield "pure", "abstract TensorFlow types and protocols (isinstance checks): pure"
            return
    norm = re.sub(r"^tensorflow\.compat\.v1\.", "tensorflow.", path)
    norm = re.sub(r"^tf_keras\.", "keras.", norm)
    for rx, c, j in FAMILIES_RE:
        if rx.match(norm):
            if c is not None:
                yield c, j
            return


def walk_root(root: str, tf_ops, names, modules, stats, params, walked: set | None = None) -> None:
    import importlib
    try:
        mod = importlib.import_module(root)
    except Exception as e:  # noqa: BLE001
        print(f"[gen-python-names] {root}: not importable here ({type(e).__name__})", file=sys.stderr)
        return
    pkg = root.split(".")[0]
    version = getattr(sys.modules.get(pkg), "__version__", None) or (sys.version.split()[0] if root in sys.stdlib_module_names or root == "builtins" else "?")
    key = f"{pkg} {version}"
    st = stats.setdefault(key, {"total": 0, "classified": 0})
    walked_at: dict[str, str] = {}

    def visit(m, prefix: str, depth: int) -> None:
        if prefix in SKIP_PATHS or depth > MAX_DEPTH:
            return
        try:
            attrs = sorted(dir(m))
        except Exception:  # noqa: BLE001
            return
        if walked is not None:
            # a namespace whose public names are all listed: under its path and its module's own name
            walked.add(prefix)
            real = getattr(m, "__name__", None)
            if isinstance(real, str):
                walked.add(real)
        for a in attrs:
            if a.startswith("_") and not (root == "builtins" and a in ("__import__", "__build_class__", "__loader__", "__spec__")):
                continue
            path = f"{prefix}.{a}"
            if path in SKIP_PATHS:
                continue
            try:
                obj = getattr(m, a)
            except Exception:  # noqa: BLE001
                continue
            if isinstance(obj, types.ModuleType):
                try:
                    real = obj.__name__
                except Exception:  # noqa: BLE001  (TensorFlow's lazy Keras loaders refuse under Keras 3)
                    continue
                rtop = real.split(".")[0]
                if rtop != pkg and not (pkg == "tensorflow" and rtop in ("keras", "tf_keras")):
                    modules[path] = real  # a re-exported foreign module: np.ctypeslib.ctypes is ctypes
                    continue
                if rtop != pkg:
                    modules[path] = real
                    continue
                # walk a module once, and only through its public path: the module's own name, or
                # TensorFlow's generated API tree (tf.math is tensorflow._api.v2.math)
                public = real == path or real.startswith("tensorflow._api.") or real.startswith("keras._tf_keras.") or real.startswith("keras.api.")
                if not public or real in walked_at:
                    target = walked_at.get(real, real)
                    if target != path:
                        modules[path] = target
                    continue
                walked_at[real] = path
                visit(obj, path, depth + 1)
                continue
            canonical = canonical_of(obj, path)
            cls, fam = classify(path, canonical, obj, tf_ops)
            record(path, canonical, obj, cls, fam, names, st, params, canonical.split(".")[0] == pkg)
            if canonical != path and canonical.split(".")[0] == pkg:
                prevc = names.get(canonical)
                if prevc is None or CLASSES.index(cls) > CLASSES.index(prevc[0]):
                    names[canonical] = (cls, fam, canonical)

    visit(mod, root, 0)


# --- Keras internal classes that saved configs name by module ------------------------------------
# Keras writes `module: "keras.src.layers.core.dense"` / `"tf_keras.src.engine.functional"`: every
# class of the loaded keras.src / tf_keras.src modules that derives from a serializable Keras base.
SERIALIZABLE_BASES = {
    "keras": ["keras.src.ops.operation.Operation", "keras.src.losses.loss.Loss", "keras.src.metrics.metric.Metric",
              "keras.src.optimizers.base_optimizer.BaseOptimizer", "keras.src.initializers.initializer.Initializer",
              "keras.src.regularizers.regularizers.Regularizer", "keras.src.constraints.constraints.Constraint",
              "keras.src.dtype_policies.dtype_policy.DTypePolicy", "keras.src.optimizers.schedules.learning_rate_schedule.LearningRateSchedule",
              "keras.src.backend.common.keras_tensor.KerasTensor", "keras.src.backend.common.variables.Variable"],
    "tf_keras": ["tf_keras.src.engine.base_layer.Layer", "tf_keras.src.losses.Loss", "tf_keras.src.optimizers.optimizer.Optimizer",
                 "tf_keras.src.optimizers.legacy.optimizer_v2.OptimizerV2", "tf_keras.src.initializers.initializers.Initializer",
                 "tf_keras.src.regularizers.Regularizer", "tf_keras.src.constraints.Constraint",
                 "tf_keras.src.optimizers.schedules.learning_rate_schedule.LearningRateSchedule", "tf_keras.src.engine.keras_tensor.KerasTensor"],
}


def scan_serializable(tf_ops, names, stats) -> None:
    import importlib
    for pkg, bases in SERIALIZABLE_BASES.items():
        if pkg not in sys.modules:
            continue
        classes = []
        for b in bases:
            mod, _, cls = b.rpartition(".")
            try:
                classes.append(getattr(importlib.import_module(mod), cls))
            except Exception:  # noqa: BLE001
                pass
        if not classes:
            continue
        version = getattr(sys.modules[pkg], "__version__", "?")
        st = stats.setdefault(f"{pkg} {version} internal classes", {"total": 0, "classified": 0})
        for modname in sorted(n for n in list(sys.modules) if n.startswith(pkg + ".src.")):
            m = sys.modules.get(modname)
            if m is None:
                continue
            for a, obj in sorted(vars(m).items()):
                if not inspect.isclass(obj) or obj.__module__ != modname or a.startswith("_"):
                    continue
                if not issubclass(obj, tuple(classes)):
                    continue
                path = f"{modname}.{obj.__qualname__}"
                cls, fam = classify(path, path, obj, tf_ops)
                if cls == "unreviewed":
                    cls, fam = "stateful", f"{pkg} serializable class (layer, loss, metric, optimizer, ...)"
                st["total"] += 1
                st["classified"] += 1
                prev = names.get(path)
                if prev is None or CLASSES.index(cls) > CLASSES.index(prev[0]):
                    names[path] = (cls, fam, path)


# --- methods on values ------------------------------------------------------------------------------
METHOD_RISK = {
    "tofile": ("file-write", "writes the array to a host file"),
    "dump": ("file-write", "pickles the array to a host file"),
    "dumps": ("deserialisation", "pickles the array"),
    "ctypes": ("native", "raw memory access through ctypes"),
    "__array_interface__": ("native", "raw memory pointer"),
    "__array_struct__": ("native", "raw memory pointer"),
    "__dlpack__": ("native", "raw memory capsule"),
    "__reduce__": ("deserialisation", "pickle protocol"),
    "__reduce_ex__": ("deserialisation", "pickle protocol"),
    "__setstate__": ("deserialisation", "pickle protocol"),
    "__getstate__": ("deserialisation", "pickle protocol"),
    "setflags": ("stateful", "changes array flags"),
    # model / layer objects built inside a Lambda
    "save": ("file-write", "saves to a host file"),
    "save_weights": ("file-write", "saves to a host file"),
    "load_weights": ("file-read", "reads a host file"),
    "load_own_variables": ("file-read", "reads weights"),
    "save_own_variables": ("file-write", "writes weights"),
    "export": ("file-write", "exports a model"),
    "save_spec": ("pure", "reads a model's input spec"),
    # numpy's bit generators (reached from default_rng(...).bit_generator): raw state pointers and the Cython pickle hooks
    "cffi": ("native", "raw memory access through cffi (a bit generator's state and functions)"),
    "capsule": ("native", "raw memory capsule (a bit generator's C struct)"),
    "__pyx_vtable__": ("native", "raw memory capsule (a Cython class's method table)"),
    "__reduce_cython__": ("deserialisation", "pickle protocol"),
    "__setstate_cython__": ("deserialisation", "pickle protocol"),
}
# Reviewed in the installed sources (tensorflow/python/framework/ops.py, tensor_shape.py, dtypes.py,
# ragged_tensor.py, sparse_tensor.py, jax/_src/array.py): private helpers and protocol attributes that
# only read or convert the value. Left out on purpose: the class-patching helpers (_override_operator,
# _OverloadAllOperators ...), graph plumbing (_as_tf_output, _add_consumer, _record_tape ...), the
# checkpoint and SavedModel machinery of Variable (_serialize_to_proto, _restore_from_tensors ...),
# variant conversion, __array_function__ / __array_ufunc__ (they call the function they are given)
# and the object protocol the Lambda evaluator judges itself.
_PURE_PRIVATE = "private helpers that read or convert the value (reviewed): pure"
METHOD_REVIEWED = {
    **{a: ("pure", "value protocol: docstring, size, format spec, array priority (reviewed): pure")
       for a in ("__doc__", "__sizeof__", "__format__", "__array_priority__")},
    **{a: ("pure", "value protocol: slots, weak reference, numpy subclass hooks, tracing type (reviewed; they call nothing they are given): pure")
       for a in ("__slots__", "__weakref__", "__array_wrap__", "__array_finalize__", "__array_prepare__", "__tf_tracing_type__")},
    **{a: ("pure", _PURE_PRIVATE) for a in (
        "_numpy", "_numpy_internal", "_shape_as_list", "_shape_tuple", "_rank", "_num_elements", "_datatype_enum", "_id",
        "_get_first_dim", "_tensor_shape", "_matmul", "_disallow", "_disallow_bool_casting", "_disallow_iteration", "_numpy_style_getitem",
        "_with_index_add", "_with_index_max", "_with_index_min", "_with_index_update", "_USE_EQUALITY", "_summarize_value",
        "_prefer_custom_summarizer", "_dims", "_v2_behavior", "_type_enum", "_as_ref", "_is_ref_dtype", "_tf_api_names", "_tf_api_names_v1",
        "_keras_api_names", "_keras_api_names_v1", "_api_export_path", "_api_export_symbol_id", "_is_eager", "_type_spec",
        "_nested_row_partitions", "_eager_value", "_infer_shape", "_split", "_multi_slice")},
    **{a: ("stateful", "private helpers that copy the value to another device (reviewed): stateful") for a in ("_copy", "_copy_nograd", "_copy_to_device")},
}
METHOD_CLASSES = [
    ("numpy", "ndarray"), ("numpy", "generic"), ("numpy", "dtype"),
    ("tensorflow", "Tensor"), ("tensorflow", "Variable"), ("tensorflow", "TensorShape"), ("tensorflow", "DType"), ("tensorflow", "RaggedTensor"),
    ("tensorflow", "SparseTensor"), ("tensorflow", "TensorArray"),
    ("keras", "KerasTensor"), ("keras", "Variable"), ("tf_keras", "KerasTensor"),
    ("jax", "Array"),
    ("builtins", "str"), ("builtins", "bytes"), ("builtins", "list"), ("builtins", "tuple"), ("builtins", "dict"), ("builtins", "set"),
    ("builtins", "int"), ("builtins", "float"), ("builtins", "complex"), ("builtins", "slice"), ("builtins", "range"),
    # what numpy's reviewed constructors return (numpy.random.default_rng, RandomState, SeedSequence, finfo/iinfo):
    # a Generator's sampling methods return arrays; shuffle/seed/set_state change the generator or the array given
    ("numpy.random", "Generator"), ("numpy.random", "RandomState"), ("numpy.random", "SeedSequence"), ("numpy.random", "BitGenerator"),
    ("numpy", "finfo"), ("numpy", "iinfo"),
    # the standard library's in-memory (de)compressor objects (no path, no file): every public method works on
    # the object's own stream state (stateful compute); the module-level openers (open, BZ2File ...) are not here
    ("bz2", "BZ2Compressor"), ("bz2", "BZ2Decompressor"), ("lzma", "LZMACompressor"), ("lzma", "LZMADecompressor"),
    ("zlib", "compressobj"), ("zlib", "decompressobj"),
    # in-memory streams (gzip.GzipFile(fileobj=io.BytesIO(...))): no path, no file
    ("io", "BytesIO"), ("io", "StringIO"),
]
# The (de)compressor objects keep their stream between calls: their working methods are stateful compute.
STATEFUL_METHOD_CLASSES = {"BZ2Compressor", "BZ2Decompressor", "LZMACompressor", "LZMADecompressor", "compressobj", "decompressobj"}
STREAM_METHODS = {"compress", "decompress", "flush"}


def walk_methods(methods, stats) -> None:
    import importlib
    for modname, clsname in METHOD_CLASSES:
        try:
            m = importlib.import_module(modname)
            if modname == "keras" and clsname == "KerasTensor":
                cls = importlib.import_module("keras.src.backend.common.keras_tensor").KerasTensor
            elif modname == "tf_keras" and clsname == "KerasTensor":
                cls = importlib.import_module("tf_keras.src.engine.keras_tensor").KerasTensor
            elif modname == "tensorflow" and clsname == "Tensor":
                cls = importlib.import_module("tensorflow.python.framework.ops").EagerTensor
            elif modname == "tensorflow" and clsname == "DType":
                cls = m.dtypes.DType
            elif modname == "zlib":
                cls = type(getattr(m, clsname)())  # zlib.Compress / zlib.Decompress, made only by these factories
            else:
                cls = getattr(m, clsname)
        except Exception:  # noqa: BLE001
            continue
        ver = getattr(sys.modules.get(modname), "__version__", None) or sys.version.split()[0]
        st = stats.setdefault(f"{modname} {ver} methods", {"total": 0, "classified": 0})
        fam = f"method of {modname}.{clsname}"
        for a in dir(cls):
            if a in METHOD_REVIEWED:
                cls_, why = METHOD_REVIEWED[a]
            elif a.startswith("_") and not (a.startswith("__") and a.endswith("__")):
                cls_, why = "unreviewed", "private method"
            elif a in METHOD_RISK:
                cls_, why = METHOD_RISK[a]
            elif a.startswith("__") and a.endswith("__"):
                # the interpreter internals the evaluator judges itself (DUNDER_EXEC / DUNDER_ODD) stay out
                if a in ("__class__", "__dict__", "__init_subclass__", "__subclasshook__", "__getattribute__", "__new__", "__init__",
                         "__setattr__", "__delattr__", "__getattr__", "__module__", "__weakref__", "__doc__", "__slots__", "__call__",
                         "__array_finalize__", "__array_wrap__", "__array_prepare__", "__array_function__", "__array_ufunc__", "__array_priority__",
                         "__tf_tracing_type__", "__sizeof__", "__format__"):
                    cls_, why = "unreviewed", "object protocol"
                else:
                    cls_, why = "pure", fam + " (operator protocol)"
            else:
                # method names are classified by METHOD_RISK (reviewed) only: the path token rules
                # would misread TensorArray.write or Variable.read_value as file access
                if clsname in STATEFUL_METHOD_CLASSES and a in STREAM_METHODS:
                    cls_, why = "stateful", fam + " (in-memory stream state)"
                elif re.match(r"^(assign|scatter|fill|put|itemset|setfield|resize|sort|partition|append|extend|insert|pop|clear|update|setdefault|add|discard|remove|popitem|reverse|set_shape|mark_used|shuffle|seed|set_state)", a):
                    cls_, why = "stateful", fam + " (in-place)"
                else:
                    cls_, why = "pure", fam
            st["total"] += 1
            if cls_ != "unreviewed":
                st["classified"] += 1
            else:
                st.setdefault("unreviewed", []).append(f"{clsname}.{a} ({why})")
            prev = methods.get(a)
            if prev is None or CLASSES.index(cls_) > CLASSES.index(prev[0]) and not (prev[0] == "pure" and cls_ == "unreviewed"):
                methods[a] = (cls_, why)


def part() -> dict:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import importlib.util
    os.environ.setdefault("KERAS_BACKEND", "tensorflow" if importlib.util.find_spec("tensorflow") else "jax")
    tf_ops = tf_ops_catalogue()
    names: dict[str, tuple[str, str, str]] = {}
    modules: dict[str, str] = {}
    stats: dict[str, dict[str, int]] = {}
    methods: dict[str, tuple[str, str]] = {}
    params: dict[str, dict[str, list]] = {}
    walked: set[str] = set()
    index_numpy_homes()
    for r in ROOTS:
        if r == "tensorflow":
            index_tf_ops()  # imported here, in the walk's own order (an earlier import changes what numpy.ma binds)
        walk_root(r, tf_ops, names, modules, stats, params, walked)
    scan_serializable(tf_ops, names, stats)
    tf_export_names(tf_ops, names, stats, params)
    walk_methods(methods, stats)
    rb = rebound_builtins(tf_ops, names, stats, params)
    return {"python": sys.version.split()[0], "names": names, "modules": modules, "methods": methods, "stats": stats, "members": system_members(), "params": params, "walked": sorted(walked), "loaded": rb["loaded"], "rebinds": rb["rebinds"]}


def record(path: str, canonical: str, obj, cls: str, fam: str, names, st, params, own_canonical: bool = False) -> None:
    """Counts one reachable name in its coverage row and keeps its class (the riskier one wins), with the
    choice parameters of a name that is not compute (under its canonical name too when it is the package's own)."""
    st["total"] += 1
    if cls != "unreviewed":
        st["classified"] += 1
    else:
        st.setdefault("unreviewed", []).append(f"{path} [{canonical}] ({fam})")
    prev = names.get(path)
    if prev is None or CLASSES.index(cls) > CLASSES.index(prev[0]):
        names[path] = (cls, fam, canonical)
    if cls not in ("pure", "stateful") and obj is not None:
        cp = choice_params(obj)
        if cp:
            params[path] = cp
            if own_canonical:
                params[canonical] = cp


# Attributes every module has: not builtins a module rebinds.
MODULE_DUNDERS = {"__name__", "__doc__", "__package__", "__loader__", "__spec__", "__file__", "__cached__", "__path__", "__builtins__", "__annotations__"}


def rebound_builtins(tf_ops, names, stats, params) -> dict:
    """tf_keras's Lambda rebuilds its function with the namespace of the config's `module` (any module in
    sys.modules) merged over its globals, builtins included: a module that binds a builtin's name
    (numpy.lib._datasource.open downloads, tensorflow.compat.v1's print is tf.print) gives the Lambda its
    own object. Every module loaded here, and per module the builtin names it rebinds, each listed and
    classed as that module's member."""
    loaded: list[str] = []
    rebinds: dict[str, list[str]] = {}
    st = stats.setdefault("rebound builtins", {"total": 0, "classified": 0})
    for modname, m in sorted(list(sys.modules.items())):
        if not isinstance(m, types.ModuleType):
            continue
        loaded.append(modname)
        try:
            d = dict(vars(m))
        except Exception:  # noqa: BLE001
            continue
        hits = []
        for b in dir(builtins):
            if b in MODULE_DUNDERS or b not in d:
                continue
            obj = d[b]
            if obj is getattr(builtins, b):
                continue
            hits.append(b)
            path = f"{modname}.{b}"
            canonical = canonical_of(obj, path)
            cls, fam = classify(path, canonical, obj, tf_ops)
            # an unreviewed member is left out: the scanner judges an unlisted name as unverifiable
            # anyway, and resolves its other spellings (keras.src.ops.numpy.abs is keras.ops.abs) as before
            if cls != "unreviewed":
                record(path, canonical, obj, cls, fam, names, st, params)
        if hits:
            rebinds[modname] = hits
    return {"loaded": loaded, "rebinds": rebinds}


def tf_export_names(tf_ops, names, stats, params) -> None:
    """Every name of TensorFlow's tf_export registry (tensorflow.python.util.tf_export: the table TFOpLambda,
    SlicingOpLambda and ClassMethod resolve their `function` / `cls_symbol` with, filled by TensorFlow and by
    the Keras that TensorFlow loads: `compat.v1.keras.utils.save_img` is the same function as
    `keras.utils.save_img`), listed as `tensorflow.<name>` and classed by the object it names, so every
    spelling the loader accepts is judged as its object."""
    try:
        import importlib
        import tensorflow  # noqa: F401
        for k in ("tf_keras", "keras"):
            try:
                importlib.import_module(k)
            except Exception:  # noqa: BLE001
                pass
        from tensorflow.python.util import tf_export
        table = dict(getattr(tf_export, "_NAME_TO_SYMBOL_MAPPING", {}))
    except Exception as e:  # noqa: BLE001
        print(f"[gen-python-names] tf_export registry: not readable here ({type(e).__name__})", file=sys.stderr)
        return
    version = getattr(sys.modules.get("tensorflow"), "__version__", "?")
    st = stats.setdefault(f"tensorflow {version} tf_export registry", {"total": 0, "classified": 0})
    for name, obj in sorted(table.items()):
        path = f"tensorflow.{name}"
        canonical = canonical_of(obj, path)
        cls, fam = classify(path, canonical, obj, tf_ops)
        record(path, canonical, obj, cls, fam, names, st, params)
        # ClassMethod (tf_keras) calls getattr(<registry symbol>, method_name): the public functions,
        # class methods and static methods of a registry class are reachable that way too
        if inspect.isclass(obj):
            for attr, raw in sorted(vars(obj).items()):
                if attr.startswith("_") or not isinstance(raw, (types.FunctionType, classmethod, staticmethod)):
                    continue
                member = getattr(obj, attr, None)
                if member is None:
                    continue
                mpath = f"{path}.{attr}"
                mcanon = f"{canonical}.{attr}"
                mcls, mfam = classify(mpath, mcanon, member, tf_ops)
                # a method of a class defined in a TensorFlow op module (RaggedTensor.from_tensor) that no
                # risk or body rule classes is that class's compute
                if mcls == "unreviewed" and cls in ("pure", "stateful") and fam.startswith("tf op module") and getattr(member, "__module__", None) == getattr(obj, "__module__", ""):
                    mcls, mfam = cls, f"method of a tf op module class ({fam})"
                record(mpath, mcanon, None, mcls, mfam, names, st, params)


# Modules whose bare names a Lambda's config `module` can bring in: which names they really export
# (a bare global is suspected of being os.system only when os has a `system`).
SYSTEM_MODULES = ["os", "posix", "subprocess", "socket", "shutil", "pickle", "urllib.request", "pty", "ctypes", "sys", "builtins", "io", "marshal", "runpy", "importlib"]


def system_members() -> dict[str, list[str]]:
    import importlib
    out = {}
    for m in SYSTEM_MODULES:
        try:
            out[m] = sorted(a for a in dir(importlib.import_module(m)) if not a.startswith("__"))
        except Exception:  # noqa: BLE001
            pass
    return out


# Module attributes of packages no longer installable next to TF 2.20, read from their sources:
# Keras 2.0-2.3 `keras/backend/__init__.py` star-imports `tensorflow_backend`, which does
# `import tensorflow as tf` (so `keras.backend.tf` / `K.tf` is TensorFlow).
LEGACY_MODULES = {"keras.backend.tf": "tensorflow", "tf_keras.backend.tf": "tensorflow"}


def merge(parts: list[dict]) -> dict:
    names: dict[str, tuple[str, str, str]] = {}
    methods: dict[str, tuple[str, str]] = {}
    modules: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    coverage: dict[str, dict[str, int]] = {}
    params: dict[str, dict[str, list]] = {}
    walked: set[str] = set()
    loaded: set[str] = set()
    rebinds: dict[str, set[str]] = {}
    for p in parts:
        walked.update(p.get("walked", []))
        loaded.update(p.get("loaded", []))
        for k, v in p.get("rebinds", {}).items():
            rebinds.setdefault(k, set()).update(v)
        for k, v in p.get("params", {}).items():
            # one name, several versions: a parameter any version has is kept (its first position seen)
            cur = params.setdefault(k, {})
            for pn, pv in v.items():
                cur.setdefault(pn, pv)
        for k, v in p["names"].items():
            prev = names.get(k)
            # one name, several versions: the riskier class wins, and "pure" beats "unreviewed" only if no version disagrees
            if prev is None or CLASSES.index(v[0]) > CLASSES.index(prev[0]):
                names[k] = tuple(v)
        for k, v in p["methods"].items():
            prev = methods.get(k)
            if prev is None or (CLASSES.index(v[0]) > CLASSES.index(prev[0]) and not (prev[0] == "pure" and v[0] == "unreviewed")):
                methods[k] = tuple(v)
        if p.get("older"):
            for k, v in p["modules"].items():
                modules.setdefault(k, v)
        else:
            modules.update(p["modules"])
        modules.update(LEGACY_MODULES)
        for k, v in p["members"].items():
            members[k] = sorted(set(members.get(k, [])) | set(v))
        for k, v in p["stats"].items():
            coverage[f"{k} (python {p['python']})"] = v
    fams = sorted({v[1] for v in names.values()} | {v[1] for v in methods.values()})
    fi = {f: i for i, f in enumerate(fams)}
    ci = {c: i for i, c in enumerate(CLASSES)}
    # One string per name, "name<TAB>class<TAB>family[<TAB>canonical]" (indexes into classes and
    # families), sorted: the scanner parses an array of short strings much faster than an object of
    # 26,000 keys, and the file keeps one name per line, so a regeneration's diff reads name by name.
    out_names = []
    for k in sorted(names):
        c, f, can = names[k]
        out_names.append("\t".join([k, str(ci[c]), str(fi[f])] + ([can] if can != k else [])))
    return {
        "about": "GENERATED by tools/gen-python-names.py from the installed packages: do not edit. Exact reachable names with their class; a name not listed is unverifiable.",
        "classes": CLASSES,
        "families": fams,
        "coverage": [{"package": k, "total": v["total"], "classified": v["classified"]} for k, v in sorted(coverage.items())],
        "modules": dict(sorted(modules.items())),
        "members": dict(sorted(members.items())),
        "methods": {k: [ci[v[0]], fi[v[1]]] for k, v in sorted(methods.items())},
        "names": out_names,
        "params": {k: params[k] for k in sorted(params) if k in names},
        # modules whose every public name the walk listed (a name they lack is not theirs)
        "walked": sorted(walked),
        # every module loaded with the packages (the namespaces a tf_keras Lambda config may name), and per
        # module the builtin names it rebinds (a name it does not rebind is the builtin)
        "loaded": sorted(loaded),
        "rebinds": {k: sorted(v) for k, v in sorted(rebinds.items())},
    }


def dump(data: dict) -> str:
    """The data as JSON, compact except that each name sits on its own line."""
    head = {k: v for k, v in data.items() if k != "names"}
    body = json.dumps(head, separators=(",", ":"), sort_keys=False)
    names = ",\n".join(json.dumps(n) for n in data["names"])
    return body[:-1] + ',"names":[\n' + names + "\n]}\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", action="store_true", help="introspect this interpreter and print JSON")
    ap.add_argument("--also", nargs="*", default=[str(p) for p in DEFAULT_ALSO if p.exists()])
    ap.add_argument("--older", nargs="*", default=[str(p) for p in DEFAULT_OLDER if p.exists()])
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--list-unreviewed", metavar="FILE", help="also write the names still unreviewed, per package row, to FILE")
    ap.add_argument("--methods-only", action="store_true",
                    help="regenerate only the `methods` table (this interpreter and --also) and merge it into the existing data file, names untouched "
                         "(when the --older / numpy 1.x venvs are not at hand: a method an earlier run listed stays, a riskier class wins)")
    a = ap.parse_args()
    if a.part:
        json.dump(part(), sys.stdout)
        return
    if a.methods_only:
        cur = json.loads(Path(a.out).read_text())
        parts = [json.loads(subprocess.run([py, __file__, "--part"], check=True, capture_output=True, text=True).stdout) for py in [sys.executable, *a.also]]
        fresh: dict[str, tuple[str, str]] = {k: (cur["classes"][v[0]], cur["families"][v[1]]) for k, v in cur["methods"].items()}
        for p in parts:
            for k, v in p["methods"].items():
                prev = fresh.get(k)
                if prev is None or (CLASSES.index(v[0]) > CLASSES.index(prev[0]) and not (prev[0] == "pure" and v[0] == "unreviewed")):
                    fresh[k] = tuple(v)
        fams = sorted(set(cur["families"]) | {v[1] for v in fresh.values()})
        if fams != cur["families"]:
            # family indexes of the names move with the list: re-point them
            old = cur["families"]
            fi = {f: i for i, f in enumerate(fams)}
            renamed = []
            for line in cur["names"]:
                f = line.split("\t")
                f[2] = str(fi[old[int(f[2])]])
                renamed.append("\t".join(f))
            cur["names"] = renamed
            cur["families"] = fams
        fi = {f: i for i, f in enumerate(cur["families"])}
        ci = {c: i for i, c in enumerate(cur["classes"])}
        cur["methods"] = {k: [ci[v[0]], fi[v[1]]] for k, v in sorted(fresh.items())}
        Path(a.out).write_text(dump(cur))
        print(f"{len(cur['methods'])} methods -> {a.out}")
        return
    parts = [json.loads(subprocess.run([sys.executable, __file__, "--part"], check=True, capture_output=True, text=True).stdout)]
    for py in a.also:
        parts.append(json.loads(subprocess.run([py, __file__, "--part"], check=True, capture_output=True, text=True).stdout))
    for py in a.older:
        older = json.loads(subprocess.run([py, __file__, "--part"], check=True, capture_output=True, text=True).stdout)
        older["older"] = True
        parts.append(older)
    data = merge(parts)
    if a.list_unreviewed:
        with open(a.list_unreviewed, "w") as f:
            for p in parts:
                for k, v in sorted(p["stats"].items()):
                    for n in v.get("unreviewed", []):
                        f.write(f"{k} (python {p['python']})\t{n}\n")
    Path(a.out).write_text(dump(data))
    for c in data["coverage"]:
        print(f"{c['package']}: {c['classified']}/{c['total']}")
    print(f"{len(data['names'])} names, {len(data['methods'])} methods, {len(data['modules'])} module aliases -> {a.out}")


if __name__ == "__main__":
    main()
