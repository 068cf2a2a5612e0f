#!/usr/bin/env python3
"""Differential vectors for src/formats/npy.ts: .npy header texts and what real numpy's header
reader (numpy.lib.format, ast.literal_eval underneath) makes of them: error, or whether the dtype
holds Python objects (then np.load unpickles the data).
Run with the gen venv's python (numpy installed): $(tools/fixtures/venv.sh) tools/gen-npy-vectors.py
Writes tests/formats/vectors/npy-headers.json."""
import io
import json
import random
import struct
import sys
import warnings
from pathlib import Path

import numpy as np
from numpy.lib import format as npformat

try:  # numpy 2 keeps the implementation (and its private reader) here
    from numpy.lib import _format_impl as npimpl
except ImportError:  # numpy 1.x
    npimpl = npformat

OUT = Path(__file__).resolve().parent.parent / "tests" / "formats" / "vectors" / "npy-headers.json"

DESCRS = [
    "'<f4'", "'|O'", "'O'", '"O"', "'object'", "'object_'", "'|' 'O'", "'|'  \"O\"", "'<' 'f8'", "'O8'", "'O4'", "'>O'", "'=O'", "'<O'",
    "'i4,O'", "'i4, O'", "'(2,)O'", "'(2,3)<f4'", "'U10'", "'S5'", "'|b1'", "'<M8[ns]'", "'V8'", "'Obj'", "'o'", "'float64'",
    "[('a', '<i4'), ('b', '|O')]", "[('a', '<i4'), ('b', '<f8')]", "[('a', '|O', (2,))]", "[('a', '<f4', (2,))]",
    "[(('title', 'a'), '|O')]", "[('', '|V4'), ('x', '|O')]", "[('a', [('b', '|O')])]", "[('a', [('b', '<i2')])]",
    "('|O', (2,))", "('<f4', (2,))", "('|O', 0)", "('|O',)", "['xO']", "['a<f8']", "{'xO': 1}", "[('a', 'O'), ('a', 'i4')]",
    "[['a', 'O']]", "(('a', 'O'),)", "[('a', 'O', 2)]", "b'O'", "1", "None", "[]", "[('a',)]", "[('a', 'b', 'c', 'd')]",
    "'i4,(2,)O'", "u'O'", "r'O'", "'\\x4f'", "'\\117'", "'\\u004f'", "'O' # comment", "'O'\n", "'|''O'", "('O')",
    "[('a', '|O')] + []", "f'O'", "'O' 'bject'", "'obj' 'ect'", "'i8, object'", "'object,'", "',O'", "'O,'",
]
SHAPES = ["()", "(3,)", "(2, 3)", "(3,", "[3]", "(True,)", "(3L,)", "(-1,)", "(0x10,)", "(3.0,)", "(1_000,)"]
FORTRAN = ["False", "True", "0", "None"]


def header_texts(rnd: random.Random) -> list[str]:
    out = []
    for d in DESCRS:
        out.append("{'descr': %s, 'fortran_order': False, 'shape': (3,), }" % d)
    for s in SHAPES:
        out.append("{'descr': '<f4', 'fortran_order': False, 'shape': %s, }" % s)
        out.append("{'descr': '|O', 'fortran_order': False, 'shape': %s, }" % s)
    for f in FORTRAN:
        out.append("{'descr': '|O', 'fortran_order': %s, 'shape': (3,), }" % f)
    out += [
        '{"descr": "|O", "fortran_order": False, "shape": (3,)}',
        "{'descr':'|O','fortran_order':False,'shape':(3,)}",
        "  {'descr': '|O', 'fortran_order': False, 'shape': (3,)}",
        "\t{'descr': '|O', 'fortran_order': False, 'shape': (3,)}",
        "\n{'descr': '|O', 'fortran_order': False, 'shape': (3,)}",
        "{'descr': '|O',\n 'fortran_order': False,\n 'shape': (3,)}   \n",
        "{'descr': '<f4', 'descr': '|O', 'fortran_order': False, 'shape': (3,)}",
        "{'descr': '|O', 'descr': '<f4', 'fortran_order': False, 'shape': (3,)}",
        "{'descr': '|O', 'fortran_order': False, 'shape': (3,), 'extra': 1}",
        "{'descr': '|O', 'fortran_order': False}",
        "{'de' 'scr': '|O', 'fortran_order': False, 'shape': (3,)}",
        "{b'descr': '|O', 'fortran_order': False, 'shape': (3,)}",
        "{'descr': '|O', 'fortran_order': False, 'shape': (3,)} # trailing comment",
        "{'descr': '|O', # c\n 'fortran_order': False, 'shape': (3,)}",
        "{'descr': '|O', \\\n 'fortran_order': False, 'shape': (3,)}",
        "{'descr': '''|O''', 'fortran_order': False, 'shape': (3,)}",
        "{'descr': \"\"\"|O\"\"\", 'fortran_order': False, 'shape': (3,)}",
        "{'descr': R'|O', 'fortran_order': False, 'shape': (3,)}",
        "{'descr': U'|O', 'fortran_order': False, 'shape': (3,)}",
        "{'descr': '|O', 'fortran_order': False, 'shape': (3,)}{",
        "['descr', '|O']",
        "{'descr': '|O', 'fortran_order': False, 'shape': (3, 4L)}",
        "{'descr': '|O', 'fortran_order': False, 'shape': (+3,)}",
        "{'descr': '|O', 'fortran_order': False, 'shape': (1+2j,)}",
        "{'descr': '|O', 'fortran_order': False, 'shape': (03,)}",
        "{'descr': '|O', 'fortran_order': False, 'shape': (3,),,}",
        "{'descr': '|O' 'fortran_order': False, 'shape': (3,)}",
        "{'descr': {'xO', }, 'fortran_order': False, 'shape': (3,)}",
        "{'descr': '|O', 'fortran_order': not False, 'shape': (3,)}",
        "{'descr': '|O', 'fortran_order': False, 'shape': (3,), 1: 2}",
        "{'descr': '|O', 'fortran_order': False, 'shape': ()}",
        "{'descr': '|\\\nO', 'fortran_order': False, 'shape': (3,)}",
    ]
    pieces = ["'|O'", "'<f8'", "'|' 'O'", "\"O\"", "'object'", "[('a', '|O')]", "[('a', '<f8')]", "('|O', (2,))", "'i4,O'"]
    for _ in range(300):
        d = rnd.choice(pieces)
        ws = lambda: rnd.choice(["", " ", "  ", "\n", "\t", " # x\n"])  # noqa: E731
        keys = [f"'descr':{ws()}{d}", f"'fortran_order':{ws()}{rnd.choice(['False', 'True'])}", f"'shape':{ws()}{rnd.choice(['(3,)', '()', '(2, 3)'])}"]
        rnd.shuffle(keys)
        q = rnd.choice(["'", '"'])
        keys = [k.replace("'", q, 2) if k.startswith("'") else k for k in keys]
        out.append("{" + ws() + ("," + ws()).join(keys) + rnd.choice(["", ",", ", "]) + ws() + "}")
    return out


def judge(text: str, version: tuple[int, int]):
    enc = "utf8" if version == (3, 0) else "latin1"
    raw = text.encode(enc, "surrogatepass") if version == (3, 0) else text.encode("latin1", "replace")
    fmt = "<H" if version == (1, 0) else "<I"
    fp = io.BytesIO(struct.pack(fmt, len(raw)) + raw)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            shape, fortran, dtype = npimpl._read_array_header(fp, version, max_header_size=10**9)
    except Exception as e:  # noqa: BLE001 - any raise means the loader fails
        return raw, {"error": type(e).__name__}
    return raw, {"hasObject": bool(dtype.hasobject)}


def main() -> None:
    rnd = random.Random(8)
    vectors = []
    for text in header_texts(rnd):
        for version in ((1, 0), (3, 0)):
            raw, res = judge(text, version)
            vectors.append({"version": f"{version[0]}.{version[1]}", "hex": raw.hex(), **res})
    # Real headers as numpy writes them.
    for dt in [np.float32, object, np.dtype([("a", "<i4"), ("b", "O")]), np.dtype([("a", "<i4"), ("b", "<f8")]), np.dtype(("O", (2,))), "U3"]:
        buf = io.BytesIO()
        npformat.write_array_header_1_0(buf, npformat.header_data_from_array_1_0(np.zeros(2, dtype=dt)))
        b = buf.getvalue()
        hlen = struct.unpack("<H", b[8:10])[0]
        text = b[10:10 + hlen].decode("latin1")
        raw, res = judge(text, (1, 0))
        vectors.append({"version": "1.0", "hex": raw.hex(), "written": True, **res})
    doc = {"generator": "tools/gen-npy-vectors.py", "numpy": np.__version__, "python": sys.version.split()[0], "vectors": vectors}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, indent=0) + "\n")
    print(f"{len(vectors)} vectors -> {OUT}")


if __name__ == "__main__":
    main()
