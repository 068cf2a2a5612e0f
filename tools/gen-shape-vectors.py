#!/usr/bin/env python3
"""Differential vectors for the memory rule's shape and dtype inference (src/tf/graph.ts shapeOf, outputDtype): each
case is a small TF1 graph of constants feeding one op (the op families whose output size the scanner infers: fills,
draws, broadcasts, reshapes, tiles, products, elementwise broadcasting, pads, one-hot, segment reductions, bincounts,
diagonals, resizes, backprop convolutions, multinomials, scatters, ranges, packs, concats), run by real TensorFlow
in a session: the output's shape and dtype, or that TensorFlow refuses. Run with the fixture venv:
~/.cache/graphwarden/venvs/gen/bin/python tools/gen-shape-vectors.py -> tests/tf/vectors/shapes.json"""
import json
import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "tf" / "vectors" / "shapes.json"
r = tf.raw_ops


def c(v, dt=None):
    return tf.constant(v, dtype=dt)


def z(shape, dt=tf.float32):
    return tf.constant(np.zeros(shape, dtype=dt.as_numpy_dtype))


def cases():
    f32, i32, i64, u8, f64, f16, bf16 = tf.float32, tf.int32, tf.int64, tf.uint8, tf.float64, tf.float16, tf.bfloat16
    for dims in ([2, 3], [0, 4], [5], [], [1, 1, 2]):
        yield f"Fill {dims}", lambda d=dims: r.Fill(dims=c(d, i32), value=c(1.5))
        yield f"Empty {dims}", lambda d=dims: r.Empty(shape=c(d, i32), dtype=f64)
        yield f"RandomUniform {dims}", lambda d=dims: r.RandomUniform(shape=c(d, i64), dtype=f16)
        yield f"RandomUniformInt {dims}", lambda d=dims: r.RandomUniformInt(shape=c(d, i32), minval=c(0), maxval=c(9))
        yield f"RandomStandardNormal {dims}", lambda d=dims: r.RandomStandardNormal(shape=c(d, i32), dtype=bf16)
        yield f"TruncatedNormal {dims}", lambda d=dims: r.TruncatedNormal(shape=c(d, i32), dtype=f32)
        yield f"StatelessRandomUniform {dims}", lambda d=dims: r.StatelessRandomUniform(shape=c(d, i32), seed=c([1, 2], i64), dtype=f64)
        yield f"StatelessRandomNormalV2 {dims}", lambda d=dims: r.StatelessRandomNormalV2(shape=c(d, i32), key=c([1], tf.uint64), counter=c([0, 0], tf.uint64), alg=c(1), dtype=f16)
        yield f"StatelessRandomUniformInt {dims}", lambda d=dims: r.StatelessRandomUniformInt(shape=c(d, i32), seed=c([1, 2], i64), minval=c(0, i64), maxval=c(5, i64))
        yield f"StatelessRandomUniformFullInt {dims}", lambda d=dims: r.StatelessRandomUniformFullInt(shape=c(d, i32), seed=c([1, 2], i64), dtype=tf.uint32)
        yield f"StatelessTruncatedNormal {dims}", lambda d=dims: r.StatelessTruncatedNormal(shape=c(d, i32), seed=c([1, 2], i64), dtype=f32)
        yield f"Reshape to {dims}", lambda d=dims: r.Reshape(tensor=z([int(np.prod(d))]), shape=c(d, i32))
    for src, to in (([3], [2, 3]), ([1, 3], [4, 3]), ([3, 1], [3, 5]), ([2], [2, 3]), ([], [2, 2]), ([1], [0, 1])):
        yield f"BroadcastTo {src}->{to}", lambda s=src, t=to: r.BroadcastTo(input=z(s), shape=c(t, i64))
    for op in ("Identity", "Snapshot", "StopGradient", "Cast", "LogicalNot", "Neg", "Abs", "Log", "Exp", "Sqrt", "Square", "Sign", "ZerosLike", "OnesLike", "CheckNumerics"):
        def one(op=op):
            x = z([2, 5])
            if op == "Cast":
                return r.Cast(x=x, DstT=i64)
            if op == "LogicalNot":
                return r.LogicalNot(x=c([[True, False]]))
            if op == "CheckNumerics":
                return r.CheckNumerics(tensor=x, message="m")
            return getattr(r, op)(x=x) if op not in ("Identity", "Snapshot", "StopGradient") else getattr(r, op)(input=x)
        yield op, one
    for a, m in (([2, 3], [2, 4]), ([5], [0]), ([1, 1], [3, 7]), ([2], [3, 3])):
        yield f"Tile {a}x{m}", lambda a=a, m=m: r.Tile(input=z(a), multiples=c(m, i32))
    for a, b, ta, tb in (([2, 3], [3, 4], False, False), ([3, 2], [3, 4], True, False), ([2, 3], [4, 3], False, True), ([2, 3], [2, 3], False, False)):
        yield f"MatMul {a}{b}{ta}{tb}", lambda a=a, b=b, ta=ta, tb=tb: r.MatMul(a=z(a), b=z(b), transpose_a=ta, transpose_b=tb)
    for a, b, op in (([1, 2, 3], [4, 3, 5], "BatchMatMulV2"), ([2, 2, 3], [2, 3, 5], "BatchMatMul"), ([3, 1, 2, 3], [4, 3, 2], "BatchMatMulV2"), ([2, 2, 3], [3, 3, 5], "BatchMatMulV2")):
        yield f"{op} {a}{b}", lambda a=a, b=b, op=op: getattr(r, op)(x=z(a), y=z(b))
    yield "BatchMatMulV3 [2,3,4][4,5] int8->int32", lambda: r.BatchMatMulV3(x=z([2, 3, 4], tf.int8), y=z([4, 5], tf.int8), Tout=i32)
    for op in ("AddV2", "Mul", "Sub", "RealDiv", "Maximum", "Minimum", "FloorMod", "Less", "Equal", "NotEqual", "SquaredDifference", "Pow", "Atan2"):
        for a, b in (([3, 1], [1, 4]), ([2, 3], [3]), ([], [2, 2]), ([2, 3], [2, 4]), ([0, 1], [1, 5])):
            yield f"{op} {a}{b}", lambda op=op, a=a, b=b: getattr(r, op)(x=z(a), y=z(b))
    for a, b in (([3, 1], [1, 4]), ([2], [2, 2])):
        yield f"LogicalAnd {a}{b}", lambda a=a, b=b: r.LogicalAnd(x=tf.zeros(a, tf.bool), y=tf.zeros(b, tf.bool))
    yield "SelectV2 broadcast", lambda: r.SelectV2(condition=tf.zeros([3, 1], tf.bool), t=z([1, 4]), e=z([4]))
    for op in ("Pad", "MirrorPad"):
        for a, p in (([2, 3], [[1, 2], [0, 3]]), ([4], [[2, 2]]), ([2, 3], [[1, 1]])):
            yield f"{op} {a}{p}", lambda op=op, a=a, p=p: r.Pad(input=z(a), paddings=c(p, i32)) if op == "Pad" else r.MirrorPad(input=z(a), paddings=c(p, i64), mode="REFLECT")
    yield "PadV2", lambda: r.PadV2(input=z([2, 2], u8), paddings=c([[3, 0], [0, 1]], i32), constant_values=c(7, u8))
    for a, d, ax in (([3], 5, -1), ([2, 3], 4, 0), ([2, 3], 4, 1), ([2], 0, -1), ([2], 3, 2)):
        yield f"OneHot {a} depth {d} axis {ax}", lambda a=a, d=d, ax=ax: r.OneHot(indices=z(a, i32), depth=c(d, i32), on_value=c(1.0), off_value=c(0.0), axis=ax)
    for op in ("UnsortedSegmentSum", "UnsortedSegmentMax", "UnsortedSegmentProd"):
        for data, ids, n in (([4, 3], [4], 6), ([4, 3], [4, 3], 2), ([5], [5], 0)):
            yield f"{op} {data}{ids}{n}", lambda op=op, data=data, ids=ids, n=n: getattr(r, op)(data=z(data), segment_ids=z(ids, i32), num_segments=c(n, i64))
    for size in (7, 0):
        yield f"Bincount {size}", lambda s=size: r.Bincount(arr=c([1, 2, 2], i32), size=c(s, i32), weights=c([], f32))
        yield f"DenseBincount 1-D {size}", lambda s=size: r.DenseBincount(input=c([1, 2], i64), size=c(s, i64), weights=c([], f64))
        yield f"DenseBincount 2-D {size}", lambda s=size: r.DenseBincount(input=c([[1, 2], [0, 1], [1, 1]], i32), size=c(s, i32), weights=c([], f32))
    yield "MatrixDiag", lambda: r.MatrixDiag(diagonal=z([2, 3]))
    for k, rows, cols in ((0, -1, -1), (2, -1, -1), (-2, -1, -1), (0, 5, -1), (0, -1, 6), (1, 4, 5), (0, 3, 3)):
        yield f"MatrixDiagV2 k{k} r{rows} c{cols}", lambda k=k, rows=rows, cols=cols: r.MatrixDiagV2(diagonal=z([2, 3]), k=c(k, i32), num_rows=c(rows, i32), num_cols=c(cols, i32), padding_value=c(0.0))
        yield f"MatrixDiagV3 k{k} r{rows} c{cols}", lambda k=k, rows=rows, cols=cols: r.MatrixDiagV3(diagonal=z([3]), k=c(k, i32), num_rows=c(rows, i32), num_cols=c(cols, i32), padding_value=c(0.0), align="RIGHT_LEFT")
    for shape, lo, hi, rows, cols in (([2, 3], 0, 1, -1, -1), ([3, 3], -1, 1, -1, -1), ([2, 4], 1, 2, -1, -1), ([2, 2, 3], -2, -1, -1, -1), ([2, 3], 0, 1, 5, -1), ([2, 3], -1, 0, -1, 6)):
        yield f"MatrixDiagV3 band {shape} k({lo},{hi}) r{rows} c{cols}", lambda shape=shape, lo=lo, hi=hi, rows=rows, cols=cols: r.MatrixDiagV3(diagonal=z(shape), k=c([lo, hi], i32), num_rows=c(rows, i32), num_cols=c(cols, i32), padding_value=c(0.0), align="RIGHT_LEFT")
    for op in ("ResizeBilinear", "ResizeNearestNeighbor", "ResizeBicubic", "ResizeArea"):
        for dt in (u8, f16, f32, i32):
            yield f"{op} {dt.name}", lambda op=op, dt=dt: getattr(r, op)(images=z([1, 4, 4, 3], dt), size=c([6, 2], i32))
    yield "ScaleAndTranslate", lambda: r.ScaleAndTranslate(images=z([1, 4, 4, 3], u8), size=c([8, 8], i32), scale=c([2.0, 2.0]), translation=c([0.0, 0.0]))
    yield "Conv2DBackpropInput", lambda: r.Conv2DBackpropInput(input_sizes=c([1, 5, 5, 2], i32), filter=z([3, 3, 2, 4]), out_backprop=z([1, 3, 3, 4]), strides=[1, 1, 1, 1], padding="VALID")
    yield "DepthwiseConv2dNativeBackpropInput", lambda: r.DepthwiseConv2dNativeBackpropInput(input_sizes=c([1, 5, 5, 2], i32), filter=z([3, 3, 2, 1]), out_backprop=z([1, 3, 3, 2]), strides=[1, 1, 1, 1], padding="VALID")
    yield "Conv3DBackpropInputV2", lambda: r.Conv3DBackpropInputV2(input_sizes=c([1, 4, 4, 4, 2], i32), filter=z([2, 2, 2, 2, 3]), out_backprop=z([1, 3, 3, 3, 3]), strides=[1, 1, 1, 1, 1], padding="VALID")
    for n in (5, 0):
        yield f"Multinomial {n}", lambda n=n: r.Multinomial(logits=z([3, 4]), num_samples=c(n, i32), output_dtype=i32)
        yield f"StatelessMultinomial {n}", lambda n=n: r.StatelessMultinomial(logits=z([2, 4]), num_samples=c(n, i32), seed=c([1, 2], i64))
    yield "ScatterNd", lambda: r.ScatterNd(indices=c([[1], [3]], i32), updates=z([2, 4]), shape=c([5, 4], i32))
    yield "SparseToDense", lambda: r.SparseToDense(sparse_indices=c([[0, 1], [2, 3]], i64), output_shape=c([3, 6], i64), sparse_values=c([1.0, 2.0]), default_value=c(0.0))
    for a, b, d, dt in ((0, 10, 3, i32), (0, 10.0, 2.5, f32), (10, 0, -3, i64), (5, 5, 1, i32), (0, 1, 0.3, f64), (3, 0, 1, i32)):
        yield f"Range {a},{b},{d} {dt.name}", lambda a=a, b=b, d=d, dt=dt: r.Range(start=c(a, dt), limit=c(b, dt), delta=c(d, dt))
    for n in (5, 1, 0):
        yield f"LinSpace {n}", lambda n=n: r.LinSpace(start=c(0.0), stop=c(1.0), num=c(n, i32))
    for ax in (0, 1, -1):
        yield f"Pack axis {ax}", lambda ax=ax: r.Pack(values=[z([2, 3]), z([2, 3]), z([2, 3])], axis=ax)
    for ax in (0, 1, -1, -2):
        yield f"ConcatV2 axis {ax}", lambda ax=ax: r.ConcatV2(values=[z([2, 3]), z([2, 5])] if ax in (1, -1) else [z([2, 3]), z([4, 3])], axis=c(ax, i32))


def main() -> None:
    vectors = []
    for name, build in cases():
        g = tf.Graph()
        with g.as_default():
            try:
                out = build()
            except (ValueError, TypeError, tf.errors.InvalidArgumentError) as e:
                vectors.append({"name": name, "error": f"construction: {type(e).__name__}"})
                continue
            gd = g.as_graph_def()
            v = {"name": name, "graph": gd.SerializeToString().hex(), "node": out.op.name}
            try:
                with tf.compat.v1.Session(graph=g) as s:
                    val = s.run(out)
                v.update({"shape": list(np.shape(val)), "dtype": out.dtype.as_datatype_enum})
            except tf.errors.OpError as e:
                v["error"] = type(e).__name__
        vectors.append(v)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"tensorflow": tf.__version__, "vectors": vectors}, indent=0) + "\n")
    print(f"wrote {len(vectors)} vectors to {OUT}", sum("error" in v for v in vectors), "errors")


if __name__ == "__main__":
    main()
