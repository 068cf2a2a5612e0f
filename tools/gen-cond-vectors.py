#!/usr/bin/env python3
"""Differential vectors for the condition evaluator (src/tf/graph.ts evalCond), which decides loop trip counts and
branch conditions: its reductions (Sum, Prod, Mean, Min, Max over a stack of scalars, All and Any over a stack of
booleans), its comparisons (Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual of two scalars) and its
Cast to bool: what real TensorFlow's CPU kernels compute for every integer and float dtype the evaluator knows, at
the edges (wrap-around, an integer Mean of a sum beyond the dtype, half and bfloat16 sums past their range,
cancellation, subnormals, signed zeros, integers beyond 2^53, NaN and infinities). Scalars and results are little-endian bytes (hex) of the dtype.
Run with the fixture venv: ~/.cache/graphwarden/venvs/gen/bin/python tools/gen-cond-vectors.py ->
tests/tf/vectors/cond.json"""
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "tf" / "vectors" / "cond.json"

# DataType enum numbers (types.proto)
DTYPES = {
    "int8": 6, "int16": 5, "int32": 3, "int64": 9, "uint8": 4, "uint16": 17, "uint32": 22, "uint64": 23,
    "float16": 19, "bfloat16": 14, "float32": 1, "float64": 2,
}
OPS = {"Sum": tf.reduce_sum, "Prod": tf.reduce_prod, "Mean": tf.reduce_mean, "Min": tf.reduce_min, "Max": tf.reduce_max}


def hx(t) -> str:
    a = np.asarray(t)
    return a.tobytes().hex() if a.dtype.name != "bfloat16" else a.view(np.uint16).tobytes().hex()


def lists(name: str) -> list:
    dt = tf.as_dtype(name)
    if dt.is_integer:
        lo, hi = int(dt.min), int(dt.max)
        cands = [[0], [5], [hi, 1], [lo, -1], [3, 4, 5], [7, -7], [-7, 2], [-7, 3, 1], [hi, hi], [hi, hi, hi], [lo, lo], [lo, hi],
                 [2, 3, 5, 7, 11, 13], [hi, 2], [hi // 2 + 1, 2], [1, 2, 3, 4], [-1, -1, -1], [10, 20, 31], [2**31 - 1, 2**31 - 1],
                 [2**53, 1, 1], [hi - 1, 1]]
        return [c for c in cands if all(lo <= v <= hi for v in c)]
    big = float(dt.max)
    return [[0.0], [-0.0], [-0.0, -0.0], [0.0, -0.0], [1.5], [0.1] * 10, [1e30, 1.0, -1e30], [big, big], [-big, -big], [big, -big],
            [65504.0, 65504.0], [2049.0, 1.0], [2048.0, 1.0, 1.0], [1e-8] * 7, [float("inf"), 1.0], [float("inf"), float("-inf")],
            [float("nan"), 1.0], [1.0, float("nan")], [3.0, -3.0], [1 / 3, 1 / 3, 1 / 3], [0.5, 0.25, 0.125], [-2.5, 4.0],
            [1e-40, 1e-40], [256.0, 256.0, 256.0], [1e20, 1e20], [7.0, -7.0, 1e-3], [33554432.0, 1.0, 1.0]]


def one(fn):
    try:
        return {"out": hx(fn().numpy())}
    except Exception as e:  # noqa: BLE001 - TensorFlow refuses the operands
        return {"error": type(e).__name__}


def main() -> None:
    vectors = []
    for name, code in DTYPES.items():
        for xs in lists(name):
            scalars = [tf.constant(np.array(x, dtype=np.float64 if name == "bfloat16" else name), dtype=name) if name == "bfloat16" else tf.constant(np.array(x, dtype=name)) for x in xs]
            for op, fn in OPS.items():
                for axis in (0, -1):
                    v = {"op": op, "dtype": code, "axis": axis, "xs": [hx(s.numpy()) for s in scalars]}
                    v.update(one(lambda: fn(tf.stack(scalars), axis=axis)))
                    vectors.append(v)
    for xs in ([True], [False], [True, True], [True, False], [False, False, True], [False] * 5, [True] * 5):
        for op, fn in (("All", tf.reduce_all), ("Any", tf.reduce_any)):
            v = {"op": op, "dtype": 10, "axis": 0, "xs": [hx(np.array(x)) for x in xs]}
            v.update(one(lambda: fn(tf.stack([tf.constant(x) for x in xs]), axis=0)))
            vectors.append(v)
    compare = {"Less": tf.math.less, "LessEqual": tf.math.less_equal, "Greater": tf.math.greater,
               "GreaterEqual": tf.math.greater_equal, "Equal": tf.math.equal, "NotEqual": tf.math.not_equal}
    for name, code in DTYPES.items():
        dt = tf.as_dtype(name)
        if dt.is_integer:
            lo, hi = int(dt.min), int(dt.max)
            vals = sorted({v for v in [0, 1, -1, 2**53, 2**53 + 1, 2**63 - 1, 2**63, 2**64 - 1, lo, hi, hi - 1] if lo <= v <= hi})
        else:
            vals = [0.0, -0.0, 1e-40, -1e-40, 1e-45, 2.0**-126, 1e-310, 1.0, float("inf"), float("-inf"), float("nan"), 16777217.0]
        pairs = [(a, b) for a in vals for b in vals]
        for a, b in pairs:
            ta = tf.constant(np.array(a, dtype=np.float64), dtype=name) if name == "bfloat16" else tf.constant(np.array(a, dtype=name))
            tb = tf.constant(np.array(b, dtype=np.float64), dtype=name) if name == "bfloat16" else tf.constant(np.array(b, dtype=name))
            for op, fn in compare.items():
                v = {"op": op, "dtype": code, "xs": [hx(ta.numpy()), hx(tb.numpy())]}
                v.update(one(lambda: fn(ta, tb)))
                vectors.append(v)
        for a in vals:
            ta = tf.constant(np.array(a, dtype=np.float64), dtype=name) if name == "bfloat16" else tf.constant(np.array(a, dtype=name))
            v = {"op": "Cast", "dtype": code, "xs": [hx(ta.numpy())]}
            v.update(one(lambda: tf.cast(ta, tf.bool)))
            vectors.append(v)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"generator": "tools/gen-cond-vectors.py", "tensorflow": tf.__version__, "vectors": vectors}, indent=0) + "\n")
    print(f"{len(vectors)} vectors -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
