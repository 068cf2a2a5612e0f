#!/usr/bin/env python3
"""Differential vectors for the numeric folding in the graph evaluators (src/tf/graph.ts constNumbers/arith/
castNumber/roundFloat/wrapInt): what real TensorFlow computes for the binary arithmetic ops, Neg/Abs and Cast on
every integer and float dtype the folds know, at the edges (type limits, wrap, division by zero, float16/bfloat16
rounding ties, NaN and infinities). Operands and results are the tensors' little-endian bytes (hex), exactly what
a Const's tensor_content holds and what the kernel returns; "error" when TensorFlow refuses. Run with the fixture
venv: ~/.cache/graphwarden/venvs/gen/bin/python tools/gen-arith-vectors.py -> tests/tf/vectors/arith.json"""
import json
import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "tf" / "vectors" / "arith.json"

# DataType enum numbers (types.proto) of the dtypes the folds know
DTYPES = {
    "int8": 6, "int16": 5, "int32": 3, "int64": 9, "uint8": 4, "uint16": 17, "uint32": 22, "uint64": 23,
    "float16": 19, "bfloat16": 14, "float32": 1, "float64": 2,
}
BINARY = ["RealDiv", "Div", "Mul", "Add", "AddV2", "Sub", "Maximum", "Minimum", "FloorMod", "Mod", "TruncateMod",
          "FloorDiv", "TruncateDiv", "BitwiseAnd", "BitwiseOr", "BitwiseXor"]
UNARY = ["Neg", "Abs"]


def values(name: str) -> list:
    dt = tf.as_dtype(name)
    if dt.is_integer:
        lo, hi = int(dt.min), int(dt.max)
        vs = [0, 1, -1, 2, 3, -3, 7, -7, 10, 255, 256, 2**31 - 1, -2**31, 2**53, 2**53 + 1, lo, hi, lo + 1, hi - 1]
        return sorted({v for v in vs if lo <= v <= hi})
    return [0.0, -0.0, 1.0, -1.0, 0.1, 1.5, 2.5, -2.5, 3.0, -7.0, 2048.0, 2049.0, 4096.0, 65504.0, 65520.0, 1e30, -1e30,
            3.4e38, 1e-8, 2.0**-24, 1 / 3, 1e-40, -1e-40, 1e-310, 1e-300, 1e300, 2.0**-126, 6e-5, float("inf"), float("-inf"), float("nan"), 33554432.0, 16777217.0]


def hx(t) -> str:
    a = np.asarray(t)
    return a.tobytes().hex() if a.dtype.name != "bfloat16" else a.view(np.uint16).tobytes().hex()


def const(v, name):
    # the value as the dtype holds it (numpy's conversion rounds to nearest even, as TensorFlow's does)
    return tf.constant(v, dtype=tf.as_dtype(name))


def run(fn) -> dict:
    try:
        return {"out": hx(fn().numpy())}
    except Exception as e:  # noqa: BLE001 - TensorFlow refuses the op for this dtype or operands
        # "no-kernel": the op does not take this dtype or has no kernel for it (a graph with it never runs); "refused": the kernel
        # refuses these operands (an integer division by zero)
        return {"error": "no-kernel" if "kernel" in str(e).lower() or "allowed values" in str(e) else "refused"}


def main() -> None:
    vectors = []
    groups = [(name, values(name)) for name in DTYPES]
    # 64-bit integers again without the values beyond 2^53 (which the folds leave opaque): the common range
    groups += [(name, [v for v in values(name) if abs(v) <= 2**53 - 1]) for name in ("int64", "uint64")]
    for name, vs in groups:
        enum = DTYPES[name]
        xs = const(vs, name)
        for op in BINARY + UNARY:
            # every pair of edge values, as one elementwise op over two vectors (one kernel call per op and dtype)
            a = [x for x in vs for _ in vs]
            b = [y for _ in vs for y in vs]
            ta, tb = const(a, name), const(b, name)
            fn = getattr(tf.raw_ops, op)
            if op in UNARY:
                r = run(lambda: fn(x=xs))
                vectors.append({"op": op, "dtype": enum, "x": hx(xs), **r})
                continue
            r = run(lambda: fn(x=ta, y=tb))
            if "error" not in r:
                vectors.append({"op": op, "dtype": enum, "x": hx(ta), "y": hx(tb), **r})
                continue
            # an integer division by zero refuses the whole call: the pairs with a nonzero divisor in one call,
            # each zero-divisor pair alone
            nz = [(x, y) for x, y in zip(a, b) if y != 0]
            ta, tb = const([x for x, _ in nz], name), const([y for _, y in nz], name)
            vectors.append({"op": op, "dtype": enum, "x": hx(ta), "y": hx(tb), **run(lambda: fn(x=ta, y=tb))})
            for x in vs:
                tx, ty = const([x], name), const([0], name)
                vectors.append({"op": op, "dtype": enum, "x": hx(tx), "y": hx(ty), **run(lambda: fn(x=tx, y=ty))})
        for dst, denum in DTYPES.items():
            r = run(lambda: tf.raw_ops.Cast(x=xs, DstT=tf.as_dtype(dst)))
            vectors.append({"op": "Cast", "dtype": enum, "dst": denum, "x": hx(xs), **r})
        r = run(lambda: tf.raw_ops.Cast(x=xs, DstT=tf.bool))
        vectors.append({"op": "Cast", "dtype": enum, "dst": 10, "x": hx(xs), **r})
    OUT.write_text(json.dumps({"tensorflow": tf.__version__, "vectors": vectors}, indent=0) + "\n")
    print(f"{len(vectors)} vectors -> {OUT}")


if __name__ == "__main__":
    main()
