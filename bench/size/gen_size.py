#!/usr/bin/env python3
"""Writes the size-benchmark models with REAL Keras (3.11.3, numpy backend): the same small
architecture at two widths, so that the configs are alike and only the weights differ.
Usage: python3 bench/size/gen_size.py OUTDIR   (re-executes itself in the pinned venv)
Writes OUTDIR/{small,large}.{h5,keras} and prints a JSON list of what it wrote.
"""
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ENV = "oracle-keras-3.11.3"

# (name, input width, Dense units): ~1 MB and ~1 GB of float32 weights in one Dense kernel.
SIZES = (("small", 256, 1024), ("large", 16384, 16384))


def in_venv() -> bool:
    return os.environ.get("GW_SIZE_CHILD") == "1"


def reexec(out: str) -> None:
    sys.path.insert(0, str(REPO / "tests" / "oracle"))
    import venvs

    env = next(e for e in venvs.ORACLE_ENVS if e.name == ENV)
    py = venvs.ensure(env, lambda m: print(m, file=sys.stderr))
    os.environ.update({"GW_SIZE_CHILD": "1", "KERAS_BACKEND": "numpy"})
    os.execv(str(py), [str(py), __file__, out])


def main(out: Path) -> None:
    import keras
    import numpy as np

    made = []
    for name, width, units in SIZES:
        inp = keras.Input(shape=(width,), name="x")
        h = keras.layers.Dense(units, name="wide", kernel_initializer="zeros")(inp)
        h = keras.layers.Dense(8, activation="relu", name="head")(h)
        o = keras.layers.Dense(2, activation="softmax", name="out")(h)
        m = keras.Model(inp, o, name=f"size_{name}")
        # Non-zero weights so that no storage layer can cheat by compressing them.
        k = m.get_layer("wide").kernel
        rng = np.random.default_rng(0)
        k.assign(rng.standard_normal(k.shape, dtype=np.float32))
        params = int(m.count_params())
        for ext in (".h5", ".keras"):
            p = out / f"{name}{ext}"
            m.save(p)
            made.append({"file": p.name, "size": name, "format": ext[1:], "params": params,
                         "weightBytes": params * 4, "bytes": p.stat().st_size})
        del m, k
        keras.backend.clear_session()
    print(json.dumps(made))


if __name__ == "__main__":
    if not in_venv():
        reexec(sys.argv[1])
    main(Path(sys.argv[1]))
