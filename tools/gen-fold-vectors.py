#!/usr/bin/env python3
"""Differential vectors for the string folding in the operand tracer (src/tf/graph.ts foldString): what real
TensorFlow computes for Substr, DecodeBase64, StringLower/StringUpper, StringFormat and AddV2 on strings,
byte for byte (hex), or that it raises. Inputs include bytes that are not UTF-8. Run with the fixture venv:
~/.cache/graphwarden/venvs/gen/bin/python tools/gen-fold-vectors.py -> tests/tf/vectors/fold.json"""
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "tf" / "vectors" / "fold.json"

STRINGS = [
    b"", b"abc", b"xx/etc/passwdyy", "h\u00e9llo/\u00e9t\u00e9".encode(), b"\xff/root/.ssh/id_rsa", b"\xc3", b"\xc3\xa9/tmp/x",
    "\ufffd/etc/shadow".encode(), b"A\x00B/c", b"MiXeD/Case/\xc3\x89T\xc3\x89", "\u0130stanbul/\u00df".encode(),
]
B64 = [
    b"", b"L2V0Yy9wYXNzd2Q", b"L2V0Yy9wYXNzd2Q=", b"L2V0Yy9wYXNzd2Q==", b"L2V0Yy9wYXNzd2Q===", b"L3Jvb3QvLnNzaC9pZF9yc2E",
    b"Lw+v", b"Lw-_", b"Lw", b"L", b"Lw==Lw==", b" L2V0Yw", b"L2V0Yw\n", b"_-8", b"_w", b"__8=", b"YQ=a", b"////", b"//9/", b"Lw=", b"TQ=", b"TWE=", b"TWE==", b"TWFu=", b"TWFu====", b"TWFuTQ", b"TWFuTQ=", b"TWFuTQ==",
    b"TWFuTWE", b"TWFuTWE=", b"TWFuT", b"=", b"==", b"TW=E",
]
FORMATS = [
    ("{}", "{}"), ("/tmp/{}.txt", "{}"), ("/tmp/%s", "%s"), ("{}{}", "{}"), ("{}", "X"), ("a{}b", "{}"),
]
FORMAT_ARGS = [b"x", b"a\"b", b"a\\b", b"line\nbreak", "\u00e9".encode(), b"\xff", b"", b"tab\there", b"\x01", b"'q'", b"cr\rx", b"del\x7fx", b"us\x1fx", b"q?x", b"%s", b"{}"]


def hx(b: bytes) -> str:
    return b.hex()


def one(fn):
    try:
        return {"out": hx(fn().numpy())}
    except Exception as e:  # noqa: BLE001 - TensorFlow refuses the operands
        return {"error": type(e).__name__}


def main() -> None:
    vectors = []
    for s in STRINGS:
        for pos in (-20, -3, -1, 0, 1, 2, 3, 5, 20):
            for n in (-5, -1, 0, 1, 2, 3, 11, 100):
                v = {"op": "Substr", "in": [hx(s)], "pos": pos, "len": n}
                v.update(one(lambda: tf.strings.substr(tf.constant(s), pos, n, unit="BYTE")))
                vectors.append(v)
        for op, enc in (("StringLower", ""), ("StringLower", "utf-8"), ("StringUpper", ""), ("StringUpper", "utf-8")):
            f = tf.strings.lower if op == "StringLower" else tf.strings.upper
            v = {"op": op, "in": [hx(s)], "encoding": enc}
            v.update(one(lambda: f(tf.constant(s), encoding=enc)))
            vectors.append(v)
        for t in (b"/a/", b"\xc3"):
            v = {"op": "AddV2", "in": [hx(s), hx(t)]}
            v.update(one(lambda: tf.constant(s) + tf.constant(t)))
            vectors.append(v)
    for b in B64:
        v = {"op": "DecodeBase64", "in": [hx(b)]}
        v.update(one(lambda: tf.io.decode_base64(tf.constant(b))))
        vectors.append(v)
    for template, ph in FORMATS:
        n = template.count(ph)
        for a in FORMAT_ARGS:
            args = [a] * n
            v = {"op": "StringFormat", "in": [hx(x) for x in args], "template": template, "placeholder": ph}
            v.update(one(lambda: tf.strings.format(template, [tf.constant(x) for x in args], placeholder=ph)))
            vectors.append(v)
            for rank in (1, 2):
                v = {"op": "StringFormat", "in": [hx(x) for x in args], "rank": rank, "template": template, "placeholder": ph}
                v.update(one(lambda: tf.strings.format(template, [tf.reshape(tf.constant(x), [1] * rank) for x in args], placeholder=ph)))
                vectors.append(v)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"generator": "tools/gen-fold-vectors.py", "tensorflow": tf.__version__, "vectors": vectors}, indent=0) + "\n")
    print(f"{len(vectors)} vectors -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
