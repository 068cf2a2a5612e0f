#!/usr/bin/env python3
"""Differential vectors for the ops the path trace evaluates besides the string folds (src/tf/graph.ts trace:
AsString of integers, DecodeCompressed, UnicodeTranscode): what real TensorFlow computes, byte for byte (hex), or
that it raises, for each dtype and attribute the trace reads and for attributes it does not (where the trace
must then leave the value opaque). Inputs include edge integers, truncated and concatenated compressed streams,
byte order marks, lone surrogates and control characters. Run with the fixture venv:
~/.cache/graphwarden/venvs/gen/bin/python tools/gen-string-op-vectors.py -> tests/tf/vectors/string-ops.json"""
import gzip
import json
import os
import sys
import zlib
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "tf" / "vectors" / "string-ops.json"

# DataType enum numbers (types.proto) of the integer dtypes AsString takes
INT_DTYPES = {"int8": 6, "int16": 5, "int32": 3, "int64": 9, "uint8": 4, "uint16": 17, "uint32": 22, "uint64": 23}
AS_STRING_ATTRS = [
    {}, {"width": 5}, {"width": 3, "fill": "0"}, {"fill": " "}, {"fill": "-"}, {"precision": 3}, {"scientific": True},
    {"shortest": True}, {"width": 1}, {"width": 0},
]


def hx(b: bytes) -> str:
    return b.hex()


def one(fn):
    try:
        out = fn().numpy()
        return {"out": hx(out)}
    except Exception as e:  # noqa: BLE001 - TensorFlow refuses the operands or attributes
        return {"error": type(e).__name__}


def ints(name: str) -> list:
    dt = tf.as_dtype(name)
    lo, hi = int(dt.min), int(dt.max)
    vs = [0, 1, -1, 7, -7, 10, 42, 255, 256, 65535, 2**31 - 1, -2**31, 2**53, 2**53 + 1, lo, hi, lo + 1, hi - 1]
    return sorted({v for v in vs if lo <= v <= hi})


def as_string_vectors() -> list:
    vectors = []
    for name, code in INT_DTYPES.items():
        for x in ints(name):
            for attrs in AS_STRING_ATTRS:
                kw = dict(attrs)
                v = {"op": "AsString", "dtype": code, "x": str(x), "attr": attrs}
                v.update(one(lambda: tf.strings.as_string(tf.constant(np.array(x, dtype=name)), **kw)))
                vectors.append(v)
    return vectors


def compressed_inputs() -> list:
    body = b"/home/user/.ssh/id_rsa"
    z = zlib.compress(body)
    g = gzip.compress(body, mtime=0)
    raw = zlib.compressobj(wbits=-15)
    deflate = raw.compress(body) + raw.flush()
    return [
        ("plain", body), ("empty", b""), ("zlib", z), ("zlib-level0", zlib.compress(body, 0)), ("gzip", g),
        ("zlib-trailing-garbage", z + b"XYZ"), ("gzip-trailing-garbage", g + b"XYZ"), ("zlib-zlib", z + z),
        ("gzip-gzip", g + gzip.compress(b"/etc/passwd", mtime=0)), ("zlib-truncated", z[:-4]), ("zlib-short", z[:5]),
        ("gzip-truncated", g[:-8]), ("gzip-bad-crc", g[:-8] + b"\0\0\0\0" + g[-4:]), ("zlib-bad-adler", z[:-4] + b"\0\0\0\0"),
        ("raw-deflate", deflate), ("zlib-as-plain-text", b"x\x9c" + b"not deflate"), ("gzip-header-only", g[:10]),
        ("zlib-empty", zlib.compress(b"")), ("gzip-empty", gzip.compress(b"", mtime=0)),
        ("zlib-big", zlib.compress(b"a/" * 3000)),
    ]


def decompress_vectors() -> list:
    vectors = []
    for label, data in compressed_inputs():
        for kind in ("", "ZLIB", "GZIP"):
            v = {"op": "DecodeCompressed", "label": label, "in": hx(data), "attr": {"compression_type": kind}}
            v.update(one(lambda: tf.io.decode_compressed(tf.constant(data), compression_type=kind)))
            vectors.append(v)
    return vectors


def transcode_inputs() -> list:
    texts = ["/home/user/.bashrc", "\u00e9t\u00e9/x", "\ufeff/home/user/.bashrc", "a\nb", "tab\tx", "nul\0x", "del\x7fx", "\u0085nel",
             "\U0001f600/x", "\u202e/etc"]
    out = []
    for t in texts:
        out += [("UTF-8", t.encode("utf-8")), ("UTF-16-BE", t.encode("utf-16-be")), ("UTF-16-LE", t.encode("utf-16-le")),
                ("UTF-32-BE", t.encode("utf-32-be")), ("UTF-32-LE", t.encode("utf-32-le"))]
    # bytes that are not valid in their encoding: bad UTF-8, a lone surrogate, an odd length, a BOM of the other order
    out += [("UTF-8", b"\xff/x"), ("UTF-8", b"\xc3"), ("UTF-8", b"\xed\xa0\x80/x"), ("UTF-8", b"\xc0\xaf/x"),
            ("UTF-16-BE", b"\xd8\x00\x00/"), ("UTF-16-LE", b"\x00\xd8/\x00"), ("UTF-16-BE", b"\x00/\x00"), ("UTF-16-BE", b"\xff\xfe\x00/"),
            ("UTF-16-LE", b"\xfe\xff/\x00"), ("UTF-8", b"\xef\xbb\xbf/x"), ("UTF-16-BE", b"\xfe\xff\x00/\x00x"), ("UTF-16-LE", b"\xff\xfe/\x00x\x00")]
    return out


def transcode_vectors() -> list:
    vectors = []
    for src, data in transcode_inputs():
        for attrs in ({}, {"errors": "strict"}, {"errors": "ignore"}, {"errors": "replace", "replacement_char": 63},
                      {"replace_control_characters": True}, {"output_encoding": "UTF-16-BE"}):
            kw = {"output_encoding": "UTF-8", **attrs}
            v = {"op": "UnicodeTranscode", "in": hx(data), "attr": {"input_encoding": src, **kw}}
            v.update(one(lambda: tf.strings.unicode_transcode(tf.constant(data), input_encoding=src, **kw)))
            vectors.append(v)
    return vectors


def main() -> None:
    vectors = as_string_vectors() + decompress_vectors() + transcode_vectors()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"generator": "tools/gen-string-op-vectors.py", "tensorflow": tf.__version__, "vectors": vectors}, indent=0) + "\n")
    print(f"{len(vectors)} vectors -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
