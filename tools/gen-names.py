"""Generates src/catalog/names.json: the real name lists of the modules graphwarden resolves
references against (Python stdlib modules, Keras 3 public API, tf-keras layers, TensorFlow
public API). Run with the generator venv (tools/fixtures/venv.sh):

    ~/.cache/graphwarden/venvs/gen/bin/python tools/gen-names.py

It imports the frameworks to list names; it never loads a model.
"""
import importlib, json, os, sys, types

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

PY_MODULES = [
    "builtins", "os", "posix", "sys", "subprocess", "shutil", "socket", "pickle", "marshal",
    "importlib", "runpy", "ctypes", "code", "pty", "urllib.request", "urllib.parse", "http.client",
    "webbrowser", "types", "functools", "operator", "io", "codecs", "base64", "tempfile", "glob",
    "pathlib", "math", "time", "signal", "threading", "multiprocessing", "numpy", "zlib", "json",
    "pdb", "inspect", "platform", "getpass", "ftplib", "smtplib", "telnetlib" if sys.version_info < (3, 13) else "ftplib",
]


def public_names(mod):
    return sorted(n for n in dir(mod) if not n.startswith("__"))


def walk_api(root_name, root, max_modules=4000):
    """Public API: {module path: [names]} for every public submodule reachable by attributes."""
    out, seen, stack = {}, set(), [(root_name, root)]
    while stack and len(out) < max_modules:
        name, mod = stack.pop()
        if id(mod) in seen:
            continue
        seen.add(id(mod))
        names = []
        for n in dir(mod):
            if n.startswith("_"):
                continue
            try:
                v = getattr(mod, n)
            except Exception:
                continue
            names.append(n)
            if isinstance(v, types.ModuleType) and n not in ("src", "python", "compat") and getattr(v, "__name__", "").startswith(root_name.split(".")[0]):
                stack.append((f"{name}.{n}", v))
        out[name] = sorted(names)
    return out


def main():
    data = {"python": {}, "keras": {}, "tf_keras": {}, "tensorflow": {}, "versions": {}}
    for m in PY_MODULES:
        try:
            data["python"][m] = public_names(importlib.import_module(m))
        except Exception as e:  # pragma: no cover
            print("skip", m, e, file=sys.stderr)
    data["versions"]["python"] = sys.version.split()[0]
    import keras
    data["keras"] = walk_api("keras", keras)
    data["versions"]["keras"] = keras.__version__
    import tf_keras
    data["tf_keras"] = {k: v for k, v in walk_api("tf_keras", tf_keras).items() if k.count(".") <= 2}
    data["versions"]["tf_keras"] = tf_keras.__version__
    import tensorflow as tf
    api = walk_api("tensorflow", tf)
    data["tensorflow"] = {k: v for k, v in api.items() if not k.startswith("tensorflow.keras")}
    data["versions"]["tensorflow"] = tf.__version__
    out = os.path.join(os.path.dirname(__file__), "..", "src", "catalog", "names.json")
    with open(out, "w") as f:
        json.dump(data, f, separators=(",", ":"), sort_keys=True)
    print("wrote", out, os.path.getsize(out), "bytes")


main()
