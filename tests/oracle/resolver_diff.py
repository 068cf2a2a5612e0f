#!/usr/bin/env python3
"""Differential test of graphwarden's Keras loader model (src/keras/loader.ts) against the real
resolvers: every installed Keras 3 (oracle venvs) and tf-keras (generator venv).

A deterministic generator builds thousands of object configs (module, class_name,
registered_name, config; classes and functions) from the loader name tables, the dangerous
targets and random mixes. Each real loader runs `deserialize_keras_object(cfg, safe_mode=True)`
in a child process with its own HOME / TMPDIR / cwd; `importlib` inside serialization_lib is
wrapped to record what the loader asks to import, `_retrieve_class_or_fn` is wrapped so the
object it reaches is recorded and replaced by an inert stand-in of the same shape (a function, a
class whose from_config records the call, or a plain object), so nothing reached is ever called.
An audit hook fails the run if a process, shell or socket is started. graphwarden's model runs on
the same configs (tests/oracle/resolve_batch.mjs, after `npm run build`); the two must agree on
status, error class, imports, reached object (canonical name and kind), how it was found and what
deserialisation does with it.

Usage: python3 tests/oracle/resolver_diff.py [--count N] [--show K]
Exit: 0 no disagreement; 1 disagreements; 2 harness failure.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
import venvs  # noqa: E402

DATA = REPO / "src" / "keras" / "loader-data.json"
KERAS = ["3.8.0", "3.10.0", "3.11.3", "3.15.1"]
COMPARED = ("status", "error", "imports", "target", "kind", "action", "via", "path")

# Modules whose import has effects of its own are never named (the tables hold none of them either).
NEVER_IMPORT = {"antigravity", "this", "turtle", "tkinter", "idlelib"}

DANGEROUS = [
    ("os", "system"), ("os", "popen"), ("posix", "system"), ("builtins", "exec"), ("builtins", "eval"),
    ("builtins", "open"), ("builtins", "__import__"), ("subprocess", "Popen"), ("subprocess", "getoutput"),
    ("subprocess", "check_output"), ("timeit", "timeit"), ("timeit", "Timer"), ("logging.config", "listen"),
    ("logging.config", "fileConfig"), ("pdb", "run"), ("runpy", "run_path"), ("pickle", "loads"), ("shutil", "rmtree"),
    ("webbrowser", "open"), ("urllib.request", "urlopen"), ("urllib.request", "urlretrieve"), ("socket", "socket"),
    ("ctypes", "CDLL"), ("code", "interact"), ("importlib", "import_module"), ("numpy", "load"),
    ("keras.saving", "load_model"), ("keras.models", "load_model"), ("keras.utils", "get_file"),
    ("keras.config", "enable_unsafe_deserialization"), ("keras.src.saving", "load_model"),
    ("keras.src.saving.saving_api", "load_model"), ("keras.src.utils.file_utils", "get_file"),
    ("keras.src.utils.file_utils", "urlretrieve"), ("keras.src.utils", "get_file"), ("keras.layers", "TFSMLayer"),
    ("keras.src.saving.serialization_lib", "enable_unsafe_deserialization"), ("keras.utils", "load_img"),
    ("keras.src.backend.common.global_state", "set_global_attribute"), ("keras.src.legacy.saving.legacy_h5_format", "load_model_from_hdf5"),
    ("keras.models", "model_from_json"), ("keras.saving", "deserialize_keras_object"), ("keras.utils", "save_img"),
    ("keras.src.utils.python_utils", "func_load"), ("keras.datasets.cifar10", "load_data"), ("keras.backend", "clear_session"),
    ("tf_keras.models", "load_model"), ("tf_keras.src.saving.saving_api", "load_model"), ("tf_keras.utils", "get_file"),
]


def load_data() -> dict:
    return json.loads(DATA.read_text())


def table(data: dict, i: int) -> dict:
    """One attribute table of the data (stored as "attribute<TAB>object index" lines)."""
    text = data["tables"][i]
    return {k: int(v) for k, v in (line.split("\t") for line in text.split("\n"))} if text else {}


def generate(data: dict, count: int, seed: int = 8) -> list[dict]:
    rnd = random.Random(seed)
    objs = data["objects"]
    pairs: list[tuple[str, str]] = list(DANGEROUS)
    # Export names of every version (module + name).
    for key, t in data["loaders"].items():
        names = sorted(t["exports"])
        for api in rnd.sample(names, min(len(names), 220)):
            mod, _, n = api.rpartition(".")
            pairs.append((mod, n))
        tab_of = {m: table(data, i) for m, i in t["modules"].items()}
        mods = sorted(tab_of)
        for mod in rnd.sample(mods, min(len(mods), 120)):
            attrs = sorted(tab_of[mod])
            for a in rnd.sample(attrs, min(len(attrs), 2)):
                pairs.append((mod, a))
        # Attributes that are KerasSaveable classes or functions (the interesting ones).
        interesting = [(m, a) for m, tab in tab_of.items() for a, i in tab.items() if objs[i][1] in "SF" and m.startswith(("keras.src.", "tf_keras.src."))]
        pairs += rnd.sample(sorted(interesting), min(len(interesting), 120))
    for mod, ti in sorted(data["python"]["modules"].items()):
        attrs = sorted(table(data, ti))
        for a in rnd.sample(attrs, min(len(attrs), 4)):
            pairs.append((mod, a))
    pairs += [("not_a_module_gw", "system"), ("keras_hub.src.models", "Backbone"), ("keras.src.not_a_module", "X"), ("", "Dense"),
              ("keras.layers", "NoSuchLayerGw"), ("os", "no_such_attr_gw"), ("builtins", "relu"), ("builtins", "mse"), ("builtins", "get"),
              ("builtins", "serialize"), ("builtins", "deserialize"), ("builtins", "exec"), ("builtins", "output_zeros")]
    pairs = sorted(set(p for p in pairs if p[0].split(".")[0] not in NEVER_IMPORT))
    gco_names = sorted({k for t in data["loaders"].values() for k in t["gco"]})
    attr_pool = sorted({a for _, a in pairs})
    out: list[dict] = []

    def add(cfg: dict) -> None:
        out.append(cfg)

    for mod, name in pairs:
        for kind in ("class", "function"):
            base: dict = {"module": mod} if mod else {}
            if kind == "function":
                add({**base, "class_name": "function", "config": name, "registered_name": name})
                add({**base, "class_name": "function", "config": name})
            else:
                add({**base, "class_name": name, "config": {"name": "gw"}, "registered_name": None})
                add({**base, "class_name": name, "config": {}})
    # registered_name fallbacks: the named attribute is missing, registered_name names a real one.
    for mod, name in pairs[:: max(1, len(pairs) // 500)] + [p for p in DANGEROUS]:
        base = {"module": mod} if mod else {}
        add({**base, "class_name": "function", "config": "missing_attr_gw", "registered_name": name})
        add({**base, "class_name": "MissingClassGw", "config": {}, "registered_name": name})
        add({**base, "class_name": name, "config": {}, "registered_name": f"Custom>{name}"})
    # Registered custom names, malformed forms, specials.
    for g in gco_names:
        add({"module": "tf_keras.optimizers", "class_name": g.split(">")[-1], "config": {}, "registered_name": g})
        add({"class_name": "function", "config": g, "module": "builtins"})
    for cfg in ({"class_name": "function", "module": "os", "registered_name": "system"},
                {"class_name": "function", "config": "", "module": "os", "registered_name": "system"},
                {"class_name": "function", "config": None, "module": "os", "registered_name": "system"},
                {"class_name": "Dense", "module": "keras.layers", "config": "x"},
                {"class_name": "Dense", "module": "keras.layers", "config": None, "registered_name": "Custom>Dense"},
                {"class_name": "__lambda__", "config": {"value": ["", None, None]}},
                {"class_name": "__bytes__", "config": {"value": "x"}},
                {"class_name": "Dense", "module": None, "config": {}}):
        add(cfg)
    # Random mixes up to the requested count.
    mods = sorted({m for m, _ in pairs})
    while len(out) < count:
        mod = rnd.choice(mods)
        name = rnd.choice(attr_pool)
        rn = rnd.choice([None, name, rnd.choice(attr_pool), "Custom>" + name, "__missing__"])
        cfg: dict = {"module": mod} if rnd.random() > 0.05 else {}
        if rnd.random() < 0.5:
            cfg.update({"class_name": "function", "config": name})
        else:
            cfg.update({"class_name": name, "config": rnd.choice([{}, {"name": "gw"}, None])})
        if rn != "__missing__":
            cfg["registered_name"] = rn
        add(cfg)
    # Deduplicate, keep order.
    seen, uniq = set(), []
    for c in out:
        k = json.dumps(c, sort_keys=True)
        if k not in seen:
            seen.add(k)
            uniq.append(c)
    return uniq


CHILD = r'''
import importlib, json, os, sys, types
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
family = sys.argv[1]
configs = json.load(sys.stdin)
BAD = []
FORBIDDEN = {"os.system", "subprocess.Popen", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "socket.connect", "socket.bind", "pty.spawn", "webbrowser.open"}
def audit(event, args):
    if ARMED and event in FORBIDDEN:
        BAD.append(event)
ARMED = False
sys.addaudithook(audit)
if family == "keras":
    import keras
    from keras.src.saving import serialization_lib as sl
    from keras.src import api_export as ax
    from keras.src.saving import object_registration as reg
    try:
        from keras.src.saving.keras_saveable import KerasSaveable as SAVEABLE
    except ImportError:
        SAVEABLE = None
    REGISTRY = ax.REGISTERED_NAMES_TO_OBJS
    GCO = reg.GLOBAL_CUSTOM_OBJECTS
else:
    import tf_keras
    from tf_keras.src.saving import serialization_lib as sl
    from tensorflow.python.util import tf_export as ax
    from tf_keras.src.saving import object_registration as reg
    SAVEABLE = None
    REGISTRY = ax._NAME_TO_SYMBOL_MAPPING
    GCO = reg._GLOBAL_CUSTOM_OBJECTS

__KIND_FUNCS__

real_import = importlib.import_module
real_symbol = ax.get_symbol_from_name
real_registered = reg.get_registered_object
real_retrieve = sl._retrieve_class_or_fn
rec = {}

def rec_import(name, package=None):
    rec["imports"].append(name)
    return real_import(name, package)

def rec_symbol(name):
    o = real_symbol(name)
    if o is not None:
        rec["symbols"].append((name, o))
    return o

def rec_registered(name, custom_objects=None, module_objects=None):
    o = real_registered(name, custom_objects=custom_objects, module_objects=module_objects)
    if o is not None:
        rec["custom"] = (name, o)
    return o

class Built(Exception):
    pass

class ProbeClass:
    @classmethod
    def from_config(cls, config):
        raise Built()

def probe_fn(*a, **k):
    raise RuntimeError("probe function called")

def wrapped_retrieve(name, registered_name, module, obj_type, full_config, custom_objects=None):
    o = real_retrieve(name, registered_name, module, obj_type, full_config, custom_objects=custom_objects)
    rec["obj"] = o
    rec["args"] = (name, registered_name, module)
    if obj_type == "function":
        return probe_fn
    if isinstance(o, types.FunctionType):
        return probe_fn
    if hasattr(o, "from_config"):
        return ProbeClass
    return object()

# Only serialization_lib's own references are wrapped: the modules it reads stay untouched.
sl.importlib = types.SimpleNamespace(import_module=rec_import)
if family == "keras":
    sl.api_export = types.SimpleNamespace(get_symbol_from_name=rec_symbol)
else:
    sl.tf_export = types.SimpleNamespace(get_symbol_from_name=rec_symbol)
sl.object_registration = types.SimpleNamespace(**{k: getattr(reg, k) for k in dir(reg) if not k.startswith("__")})
sl.object_registration.get_registered_object = rec_registered
sl._retrieve_class_or_fn = wrapped_retrieve

def how(o, name, registered_name, module):
    if rec.get("custom") and rec["custom"][1] is o:
        return "custom", rec["custom"][0]
    for api, s in reversed(rec["symbols"]):
        if s is o:
            return ("export" if module is not None and api == f"{module}.{name}" or api.startswith("compat.v1.") else "builtin-export"), api
    if rec["imports"]:
        mn = rec["imports"][-1]
        mod = sys.modules.get(mn)
        if mod is not None:
            v = vars(mod)
            if isinstance(name, str) and v.get(name) is o:
                return "module", f"{mn}.{name}"
            if isinstance(name, str) and name.count(".") == 1:
                outer = v.get(name.split(".")[0])
                if outer is not None and getattr(outer, name.split(".")[1], None) is o:
                    return "module", f"{canon(outer)}.{name.split('.')[1]}"
            if isinstance(registered_name, str) and v.get(registered_name) is o:
                return "module", f"{mn}.{registered_name}"
    for k, v in GCO.items():
        if v is o:
            return "custom", k
    return "custom", None

def classify(e):
    m = str(e)
    if "cannot be imported" in m:
        return "import"
    if "Could not locate" in m:
        return "not-found"
    if "not allowed during deserialization" in m or "not a modeling function" in m or "KerasSaveable" in m or "registered_name=" in m:
        return "refused"
    if "missing a `from_config()`" in m:
        return "no-from-config"
    if "deserialization of a" in m and "lambda" in m:
        return "lambda-refused"
    if "Expected 'config'" in m or "unhashable" in m:
        return "bad-config"
    return f"other:{type(e).__name__}: {m[:120]}"

results = []
snap_reg, snap_gco = dict(REGISTRY), dict(GCO)
tmp = os.getcwd()
for cfg in configs:
    rec.clear(); rec.update(imports=[], symbols=[], custom=None)
    out = {}
    ARMED = True
    try:
        r = sl.deserialize_keras_object(json.loads(json.dumps(cfg)), safe_mode=True)
        ARMED = False
        if "obj" in rec:
            out = {"status": "reached", "action": "return"}
        elif isinstance(r, dict):
            out = {"status": "error", "error": "plain"}
        else:
            out = {"status": "error", "error": "special"}
    except Built:
        ARMED = False
        out = {"status": "reached", "action": "from_config"}
    except Exception as e:
        ARMED = False
        c = classify(e)
        out = {"status": "error", "error": c}
    finally:
        ARMED = False
    if "obj" in rec and (out["status"] == "reached" or out.get("error") == "no-from-config"):
        o = rec["obj"]
        via, path = how(o, *rec["args"])
        out.update(target=canon(o), kind=kind(o), via=via, path=path)
    out["imports"] = list(rec["imports"])
    results.append(out)
    REGISTRY.clear(); REGISTRY.update(snap_reg)
    GCO.clear(); GCO.update(snap_gco)
json.dump({"results": results, "audit": BAD}, sys.stdout)
'''
# canon() and kind() are shared with the name-table generator (tools/keras_object_kind.py).
CHILD = CHILD.replace("__KIND_FUNCS__", (venvs.REPO / "tools" / "keras_object_kind.py").read_text())


def run_real(python: Path, family: str, configs: list[dict]) -> dict:
    with tempfile.TemporaryDirectory(prefix="gw-resolver-diff-") as d:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": d, "TMPDIR": d, "KERAS_HOME": d,
               "KERAS_BACKEND": "numpy" if family == "keras" else "tensorflow", "PYTHONHASHSEED": "0", "TF_CPP_MIN_LOG_LEVEL": "3"}
        p = subprocess.run([str(python), "-c", CHILD, family], input=json.dumps(configs), capture_output=True, text=True, env=env, cwd=d, timeout=1800)
    if p.returncode != 0 or not p.stdout.strip():
        raise RuntimeError(f"{python} {family}: rc={p.returncode}\n{p.stderr[-3000:]}")
    return json.loads(p.stdout)


def run_ours(loaders: list[tuple[str, str]], configs: list[dict]) -> dict:
    p = subprocess.run(["node", str(HERE / "resolve_batch.mjs")], input=json.dumps({"loaders": loaders, "configs": configs}), capture_output=True, text=True, cwd=REPO, timeout=600)
    if p.returncode != 0:
        raise RuntimeError(f"resolve_batch.mjs: {p.stderr[-3000:]}")
    return json.loads(p.stdout)


def module_state(real: dict, ours: dict) -> bool:
    kinds = {real.get("kind"), ours.get("kind")}
    statuses = {real.get("error") or real.get("status"), ours.get("error") or ours.get("status")}
    if real.get("imports") != ours.get("imports"):
        return False
    if not ("M" in kinds and kinds <= {"M", None} and statuses <= {"not-found", "no-from-config", "reached"}):
        return False
    if real.get("kind") == "M" and ours.get("kind") == "M":
        return True
    # One side found a module attribute the other did not: only a submodule of the imported package
    # appears or not depending on import order.
    seen = real if real.get("kind") == "M" else ours
    imp = (real.get("imports") or [""])[-1]
    return bool(imp) and str(seen.get("target", "")).startswith(imp + ".")


def agree(real: dict, ours: dict) -> tuple[bool, str]:
    """(agrees, field). Our "unknown" is never an agreement; it is counted apart (not claimed)."""
    for f in COMPARED:
        rv, ov = real.get(f), ours.get(f)
        if f == "path" and real.get("via") not in ("export", "module"):
            continue
        if f == "target" and ours.get("alternatives") and rv in ours["alternatives"]:
            continue
        if f == "path" and ours.get("alternatives"):
            continue
        # A module object's __name__ depends on which submodules were imported before (keras.api.x
        # vs keras._tf_keras.keras.x aliases); both sides must still agree it is a module reached by the same path.
        if f == "target" and real.get("kind") == "M" and ours.get("kind") == "M":
            continue
        if rv != ov:
            return False, f
    return True, ""


def run(count: int = 4000, show: int = 25, log=print) -> dict:
    data = load_data()
    configs = generate(data, count)
    loaders: list[tuple[str, str, Path]] = [("keras", v, venvs.CACHE / f"oracle-keras-{v}" / "bin" / "python") for v in KERAS]
    loaders.append(("tf-keras", "2.20.1", venvs.CACHE / "gen" / "bin" / "python"))
    loaders = [lo for lo in loaders if lo[2].exists()]
    ours = run_ours([(f, v) for f, v, _ in loaders], configs)
    stats = {"configs": len(configs), "loaders": len(loaders), "checked": 0, "agree": 0, "unknown": 0, "disagree": 0, "module_state": 0, "audit": 0, "per": {}}
    shown = 0
    for family, version, py in loaders:
        real = run_real(py, family, configs)
        stats["audit"] += len(real["audit"])
        mine = ours[f"{family} {version}"]
        per = {"agree": 0, "unknown": 0, "disagree": 0, "module_state": 0}
        for cfg, rv, ov in zip(configs, real["results"], mine):
            stats["checked"] += 1
            if ov.get("status") == "unknown":
                # Not claimed: the model says it cannot know; it must still name the import the loader made.
                if rv.get("imports") == ov.get("imports"):
                    per["unknown"] += 1
                    continue
            ok, field = agree(rv, ov)
            if not ok and module_state(rv, ov):
                # Whether a package module has a submodule attribute depends on what was imported
                # before; a module object is never called or built, so neither side claims a reach.
                per["module_state"] += 1
                continue
            if ok:
                per["agree"] += 1
            else:
                per["disagree"] += 1
                if shown < show:
                    shown += 1
                    log(f"  DISAGREE {family} {version} [{field}] {json.dumps(cfg)}\n     real: {json.dumps(rv)}\n     ours: {json.dumps(ov)}")
        stats["per"][f"{family} {version}"] = per
        for k in ("agree", "unknown", "disagree", "module_state"):
            stats[k] += per[k]
        log(f"[resolver-diff] {family} {version}: {per['agree']} agree, {per['unknown']} unknown to the model, {per['disagree']} disagree, {per['module_state']} import-order-dependent module attributes")
    return stats


def summary_line(stats: dict) -> str:
    return (f"Resolver differential (tests/oracle/resolver_diff.py): {stats['configs']} generated configs x {stats['loaders']} real resolvers = "
            f"{stats['checked']} resolutions; {stats['agree']} agree, {stats['disagree']} disagree, {stats['unknown']} outside the model's name "
            f"tables (imports agree, reached object not claimed), {stats['module_state']} import-order-dependent module attributes (a module object, never called); {stats['audit']} forbidden audit events.")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=4000)
    ap.add_argument("--show", type=int, default=25)
    a = ap.parse_args()
    try:
        stats = run(a.count, a.show)
    except (RuntimeError, subprocess.SubprocessError) as e:
        print(f"[resolver-diff] harness failure: {e}", file=sys.stderr)
        return 2
    print(summary_line(stats))
    return 1 if stats["disagree"] or stats["audit"] else 0


if __name__ == "__main__":
    sys.exit(main())
