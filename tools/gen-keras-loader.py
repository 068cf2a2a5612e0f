"""Generates src/keras/loader-data.json: what the real Keras deserialisers can reach by name.

For each installed loader (Keras 3 versions in the oracle venvs, tf-keras 2.x in the generator
venv) it records, right after `import keras` / `import tf_keras`:
  - the export registry `get_symbol_from_name` reads (api name -> object),
  - the global custom-object registry (names a default program already has registered),
  - every importable module of the package with every attribute `vars(module)` holds
    (attribute tables are stored once in "tables"; modules name a table by index),
and, once, the same attribute tables for the Python standard-library modules the catalogue
knows plus the list of standard-library top-level module names. Every object is stored once
with its canonical name (`__module__.__qualname__`, or the module name) and its kind:
  S KerasSaveable subclass   C other class with from_config   c class without from_config
  F Python function (types.FunctionType)   B other callable   P non-class object with from_config
  M module   V other value
Run from the repository root (it needs the oracle venvs, tests/oracle/venvs.py):

    python3 tools/gen-keras-loader.py

It imports the frameworks and their modules to list names; it never loads a model.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "keras" / "loader-data.json"
VENVS = Path(os.environ.get("GW_VENV_CACHE", Path.home() / ".cache" / "graphwarden" / "venvs"))
KERAS_ENVS = ["3.8.0", "3.10.0", "3.11.3", "3.15.1"]

# Standard-library modules whose attribute tables are recorded (the ones references name in
# practice, the catalogue's, and those issue reports used). Never `antigravity` or `this`.
PY_MODULES = [
    "builtins", "os", "os.path", "posixpath", "posix", "sys", "subprocess", "shutil", "socket", "pickle",
    "marshal", "importlib", "importlib.util", "runpy", "ctypes", "code", "pty", "urllib", "urllib.request",
    "urllib.parse", "http", "http.client", "http.server", "webbrowser", "types", "functools", "operator", "io",
    "codecs", "base64", "tempfile", "glob", "pathlib", "math", "time", "signal", "threading", "multiprocessing",
    "zlib", "json", "pdb", "inspect", "platform", "getpass", "ftplib", "smtplib", "timeit", "logging",
    "logging.config", "logging.handlers", "pydoc", "shlex", "contextlib", "pkgutil", "zipfile", "tarfile",
    "sqlite3", "string", "random", "itertools", "collections", "copy", "re", "linecache", "fileinput", "atexit",
    "gc", "ssl", "asyncio", "xmlrpc.client", "zipimport", "cmd", "trace", "profile", "cProfile", "numpy",
]

CHILD = r'''
import importlib, json, os, pkgutil, sys, types
os.environ.setdefault("KERAS_BACKEND", "numpy")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
family, py_modules = sys.argv[1], json.loads(sys.argv[2])
objects, index = [], {}
SAVEABLE = None

__KIND_FUNCS__

def oid(o):
    c, k = canon(o), kind(o)
    key = c + "|" + k
    if key not in index:
        index[key] = len(objects)
        objects.append([c, k])
    return index[key]

def table(mod):
    out = {}
    for n, v in list(vars(mod).items()):
        if v is None:
            continue
        try:
            out[n] = oid(v)
        except Exception:
            pass
    return out

res = {"modules": {}}
if family == "python":
    res["stdlib"] = sorted(sys.stdlib_module_names)
    for m in py_modules:
        try:
            res["modules"][m] = table(importlib.import_module(m))
        except Exception as e:
            print("skip", m, e, file=sys.stderr)
else:
    pkg = importlib.import_module(family)
    res["version"] = pkg.__version__
    if family == "keras":
        from keras.src import api_export
        from keras.src.saving import object_registration as reg
        try:
            from keras.src.saving.keras_saveable import KerasSaveable as SAVEABLE
        except ImportError:
            SAVEABLE = None
        exports = dict(api_export.REGISTERED_NAMES_TO_OBJS)
        gco = dict(reg.GLOBAL_CUSTOM_OBJECTS)
    else:
        from tensorflow.python.util import tf_export
        from tf_keras.src.saving import object_registration as reg
        exports = {k: v for k, v in tf_export._NAME_TO_SYMBOL_MAPPING.items() if k.startswith(("keras.", "tf_keras.", "compat.v1.keras.", "compat.v1.tf_keras."))}
        gco = dict(reg._GLOBAL_CUSTOM_OBJECTS)
    res["exports"] = {k: oid(v) for k, v in exports.items() if v is not None}
    res["gco"] = {k: oid(v) for k, v in gco.items()}
    names = [family] + [mi.name for mi in pkgutil.walk_packages(pkg.__path__, family + ".")]
    for n in names:
        if ".tests." in n or n.endswith("_test") or ".tests" == n[-6:]:
            continue
        try:
            res["modules"][n] = table(importlib.import_module(n))
        except BaseException:
            pass
res["objects"] = objects
json.dump(res, sys.stdout)
'''
# canon() and kind() are shared with the resolver differential (tools/keras_object_kind.py).
CHILD = CHILD.replace("__KIND_FUNCS__", open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "keras_object_kind.py")).read())


def run(python: Path, family: str) -> dict:
    env = {**os.environ, "KERAS_BACKEND": "numpy" if family == "keras" else "tensorflow"}
    p = subprocess.run([str(python), "-c", CHILD, family, json.dumps(PY_MODULES)], capture_output=True, text=True, env=env, timeout=900)
    if p.returncode != 0:
        raise SystemExit(f"{python} {family}: {p.stderr[-2000:]}")
    return json.loads(p.stdout)


def main() -> None:
    objects: list[list[str]] = []
    index: dict[str, int] = {}

    def remap(part: dict) -> dict:
        local = part["objects"]
        ids = []
        for c, k in local:
            key = f"{c}|{k}"
            if key not in index:
                index[key] = len(objects)
                objects.append([c, k])
            ids.append(index[key])
        fix = lambda t: {n: ids[i] for n, i in sorted(t.items())}  # noqa: E731
        out = {"modules": {m: fix(t) for m, t in sorted(part["modules"].items())}}
        for key in ("exports", "gco"):
            if key in part:
                out[key] = fix(part[key])
        for key in ("version", "stdlib"):
            if key in part:
                out[key] = part[key]
        return out

    data: dict = {"loaders": {}}
    py = remap(run(VENVS / "gen" / "bin" / "python", "python"))
    data["python"] = {"stdlib": py["stdlib"], "modules": py["modules"]}
    for v in KERAS_ENVS:
        part = remap(run(VENVS / f"oracle-keras-{v}" / "bin" / "python", "keras"))
        assert part["version"] == v, (part["version"], v)
        data["loaders"][f"keras-{v}"] = part
    tfk = remap(run(VENVS / "gen" / "bin" / "python", "tf_keras"))
    data["loaders"][f"tf-keras-{tfk['version']}"] = tfk
    data["objects"] = objects
    # Attribute tables stored once (most modules are identical across versions): modules map to an index.
    tables: list[dict] = []
    seen: dict[str, int] = {}

    def pooled(mods: dict) -> dict:
        out = {}
        for m, t in mods.items():
            k = json.dumps(t, sort_keys=True)
            if k not in seen:
                seen[k] = len(tables)
                tables.append(t)
            out[m] = seen[k]
        return out

    data["python"]["modules"] = pooled(data["python"]["modules"])
    for lo in data["loaders"].values():
        lo["modules"] = pooled(lo["modules"])
    # Each table as one string, "attribute<TAB>object index" per line: the scanner parses one string per
    # table much faster than 1,300 objects of many keys, and splits only the tables a scan touches.
    data["tables"] = [table_text(t) for t in tables]
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print("wrote", OUT.relative_to(REPO), OUT.stat().st_size, "bytes,", len(objects), "objects")


def table_text(t: dict) -> str:
    return "\n".join(f"{k}\t{v}" for k, v in t.items())


main()
