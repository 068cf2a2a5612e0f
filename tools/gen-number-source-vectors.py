#!/usr/bin/env python3
"""Differential vectors for the number sources of the graph evaluators (src/tf/graph.ts constNumbers): what real
TensorFlow computes for StringToNumber (text the file holds, for every out_type the op registers) and for the integer
reductions Sum/Prod/Max/Min of a constant (scalar or vector, with the axes given), or that it raises. Sizes, counts
and loop bounds are decided by these folds: where the scanner folds a number it must be the kernel's number. Numbers
are the output tensor's little-endian bytes (hex). Run with the fixture venv:
~/.cache/graphwarden/venvs/gen/bin/python tools/gen-number-source-vectors.py -> tests/tf/vectors/number-sources.json"""
import json
import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "tf" / "vectors" / "number-sources.json"

# DataType enum numbers (types.proto)
DTYPES = {"float32": 1, "float64": 2, "int32": 3, "uint8": 4, "int16": 5, "int8": 6, "int64": 9, "uint16": 17, "uint32": 22, "uint64": 23}

TEXTS = [
    "0", "7", "  12  ", "\t7\n", "+5", "-0", "-17", "007", "0x10", "0X1f", "010", "1e3", "1E3", "1.5", "-1.5", "12abc",
    "", " ", "+", "-", "1_000", "1,5", "1 2", "inf", "-inf", "+inf", "nan", "NaN", "-nan", "Infinity", "INF",
    "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
    "9007199254740991", "9007199254740993", "123456789012345678", "9223372036854775807", "9223372036854775808",
    "-9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
    "99999999999999999999", "1e40", "-1e40", "3.4028235e38", "3.4028236e38", "1e-50", "1e-400", "1e400", ".5", "5.",
    "+.5e-3", "0.1", "16777217", "16777217.0", "0.30000000000000004", "1e", "e5", "1e+", "1.2.3", "0x1p3", "١٢",
    "\u00a012", "12\u00a0", "\x00", "12\x00", "\x0b12\x0c", "1\r", "  -  3", "--3", "+-3", "00000000000000000000001",
    "4e9", "2e9", "-2e9", "1.0", "268435456", "1099511627776", "2.5e8", "0.0000001e10",
]


def hx(a) -> str:
    return np.asarray(a).tobytes().hex()


def one(fn):
    try:
        return {"out": hx(fn().numpy())}
    except (tf.errors.InvalidArgumentError, tf.errors.UnimplementedError, tf.errors.NotFoundError, TypeError, ValueError) as e:
        return {"error": type(e).__name__}


REDUCE = {"Sum": tf.raw_ops.Sum, "Prod": tf.raw_ops.Prod, "Max": tf.raw_ops.Max, "Min": tf.raw_ops.Min}

VECTORS = [
    [], [5], [1, 2, 3], [-2**31, -2**31, 2**28], [2**16, 2**15], [2**31 - 1, 1], [2**20, 2**20, 2**20], [-1, -1],
    [0, 2**40], [2**62, 2**62], [-(2**63), -1], [255, 1], [200, 100], [2**32 - 1, 2], [7, -3, 11, 0], [2**53, 1],
    [3] * 40, [2] * 70, [-(2**15), 1], [127, 1], [-128, -1],
]


def main() -> None:
    vectors = []
    for name in ("float32", "float64", "int32", "int64", "uint32", "uint64", "int8", "uint8"):
        for s in TEXTS:
            b = s.encode("utf-8")
            v = {"op": "StringToNumber", "out_type": DTYPES[name], "in": b.hex()}
            v.update(one(lambda: tf.raw_ops.StringToNumber(string_tensor=tf.constant([b]), out_type=tf.as_dtype(name))))
            vectors.append(v)
    for name in ("int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"):
        dt = tf.as_dtype(name)
        for xs in VECTORS + [[x] for x in (9, -4)]:
            # values the dtype holds only (as a Const would: the file's bytes read as the dtype)
            if any(x < dt.min or x > dt.max for x in xs):
                continue
            arr = np.array(xs, dtype=dt.as_numpy_dtype)
            for shape in ("vector", "scalar"):
                if shape == "scalar" and len(xs) != 1:
                    continue
                a = arr if shape == "vector" else arr.reshape(())
                for axes in ([0], [-1], [], [1], [0, 0]):
                    for op, fn in REDUCE.items():
                        for keep in (False, True):
                            v = {"op": op, "T": DTYPES[name], "in": hx(a), "shape": list(a.shape), "axes": axes, "keep_dims": keep}
                            v.update(one(lambda: fn(input=tf.constant(a), axis=tf.constant(axes, tf.int32), keep_dims=keep)))
                            vectors.append(v)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"tensorflow": tf.__version__, "vectors": vectors}, indent=0) + "\n")
    print(f"wrote {len(vectors)} vectors to {OUT}")


if __name__ == "__main__":
    main()
