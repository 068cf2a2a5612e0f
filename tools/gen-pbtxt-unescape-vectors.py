#!/usr/bin/env python3
"""Differential vectors for text-format string literals (round 5, A5): what Python's protobuf text parser
(google.protobuf.text_format.Parse -> text_encoding.CUnescape, the reader tf.saved_model.load uses for
saved_model.pbtxt) makes of each literal, or that it rejects it. Each case also carries `cpp`, written by
hand from protobuf's C++ tokenizer rules (io/tokenizer.cc: one pass; \\a\\b\\f\\n\\r\\t\\v \\\\ \\' \\" \\? ; 1-3
octal digits truncated to a byte; \\x with 1-2 hex digits; \\u with 4 and \\U with 8 hex digits up to 10ffff, to
UTF-8; any other escape is an error): "same" when the C++ reader (TF Serving) reads Python's bytes, "differs"
when it reads other bytes, "rejects" when it refuses the literal. src/formats/pbtxt.ts must return Python's
bytes for "same" and refuse the others (tests/formats/pbtxt-unescape.test.ts).
Run: ~/.cache/graphwarden/venvs/gen/bin/python tools/gen-pbtxt-unescape-vectors.py
     -> tests/formats/vectors/pbtxt-unescape.json"""
import json
import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
from google.protobuf import __version__ as PB_VERSION  # noqa: E402
from google.protobuf import text_format  # noqa: E402
from tensorflow.core.framework import attr_value_pb2  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "formats" / "vectors" / "pbtxt-unescape.json"

# (literal body as written between the double quotes, what the C++ reader makes of it)
CASES = [
    ("plain", "same"),
    ("/tmp/a b", "same"),
    (r"tab\tnl\ncr\r", "same"),
    (r"\a\b\f\v", "same"),
    (r"q\"q\'q", "same"),
    (r"back\\slash", "same"),
    (r"\\\\two", "same"),
    (r"\x41\x2f", "same"),
    (r"\x4", "same"),
    (r"\x4g", "same"),
    (r"\x123", "same"),
    (r"\101\60\0", "same"),
    (r"\1234", "same"),
    (r"\377", "same"),
    (r"\400", "differs"),
    (r"\777", "differs"),
    (r"\u00e9", "same"),
    (r"\u4e2d", "same"),
    (r"\U0001F600", "same"),
    (r"\u0041", "same"),
    (r"\\u0041", "same"),
    (r"\\\u0041", "same"),
    ("é中😀", "same"),
    (r"\?", "differs"),
    (r"\u005c", "differs"),
    (r"\u005cx2f", "differs"),
    (r"file:\u005cx2f//tmp/p", "differs"),
    (r"std\u005cx65rr", "differs"),
    (r"Writ\u005cx65File", "differs"),
    (r"\u005cn", "differs"),
    (r"\u005c\u005c", "differs"),
    (r"\u005cu0041", "differs"),
    (r"\U0000005cx41", "differs"),
    (r"\u005c101", "differs"),
    (r"\u005cN{SOLIDUS}", "differs"),
    (r"\\u005cx41", "same"),
    (r"\x5cx41", "same"),
    (r"\134x41", "same"),
    (r"\u005c\"", "same"),
    (r"\u005cq", "same"),
    (r"\ud800", "differs"),
    (r"\ud83d\ude00", "differs"),
    (r"\U00110000", "rejects"),
    (r"\u12", "rejects"),
    (r"\q", "rejects"),
    (r"\N{SOLIDUS}", "rejects"),
]


def main() -> None:
    vectors = []
    for body, cpp in CASES:
        text = 's: "' + body + '"'
        v = {"body": body, "cpp": cpp}
        try:
            m = text_format.Parse(text, attr_value_pb2.AttrValue())
            v["python"] = m.s.hex()
        except Exception as e:  # noqa: BLE001 - any rejection is the recorded outcome
            v["python_error"] = type(e).__name__
        vectors.append(v)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"generator": "tools/gen-pbtxt-unescape-vectors.py", "protobuf": PB_VERSION, "vectors": vectors}, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(vectors)} vectors -> {OUT}")


if __name__ == "__main__":
    main()
