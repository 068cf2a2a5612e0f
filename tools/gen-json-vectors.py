#!/usr/bin/env python3
"""Differential vectors for src/formats/json-bytes.ts: byte strings and what CPython's
json.loads(bytes) makes of them (the parsed value, re-serialised, or the error class).
Run with any CPython 3 (the loader's json module): python3 tools/gen-json-vectors.py
Writes tests/formats/vectors/json-bytes.json."""
import codecs
import json
import random
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "formats" / "vectors" / "json-bytes.json"

DOCS = [
    '{"class_name": "Lambda", "config": {"function": ["4wEAAAAA", null, null]}}',
    '[1, 2.5, -3e10, true, false, null, "x"]',
    ' \n\t{"module": "keras.layers", "é": "ünïcödé", "emoji": "\U0001F600"}',
    '{"a": NaN, "b": Infinity, "c": -Infinity}',
    '{"s": "\\ud800 lone escape", "t": "\\u00e9"}',
    '{"dup": 1, "dup": 2}',
    '{}',
    '[]',
    '{"k": "\u2028\u2029 line seps"}',
    '"just a string"',
    '7',
]

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]


def outcome(b: bytes):
    try:
        v = json.loads(b)
    except UnicodeDecodeError:
        return {"error": "decode"}
    except json.JSONDecodeError:
        return {"error": "json"}
    except Exception as e:  # noqa: BLE001 - any other raise is a loader failure too
        return {"error": type(e).__name__}

    def clean(x):
        if isinstance(x, float) and (x != x or x in (float("inf"), float("-inf"))):
            return None
        if isinstance(x, list):
            return [clean(y) for y in x]
        if isinstance(x, dict):
            return {k: clean(y) for k, y in x.items()}
        return x

    return {"value": json.dumps(clean(v), ensure_ascii=True)}


def main() -> None:
    rnd = random.Random(8)
    inputs: list[tuple[str, bytes]] = []
    for d in DOCS:
        for enc in ENCODINGS:
            b = d.encode(enc, "surrogatepass")
            inputs.append((f"{enc}", b))
            inputs.append((f"{enc}+trailing-byte", b + b"\x00"))
            inputs.append((f"{enc}-last-byte", b[:-1]))
            inputs.append((f"{enc}+double-bom", "\ufeff".encode(enc) + b if enc in ("utf-8-sig", "utf-16", "utf-32") else codecs.BOM_UTF8 + b))
    # encoded lone surrogates in every encoding (surrogatepass)
    for enc in ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]:
        for s in ['["\ud800"]', '["\udc00x"]', '["\ud83d\ude00"]', '["\ud800\udc00"]']:
            inputs.append((f"{enc}+surrogate", s.encode(enc, "surrogatepass")))
    # invalid UTF-8 shapes
    for raw in [b'["\xc0\xaf"]', b'["\xe0\x80\xaf"]', b'["\xf4\x90\x80\x80"]', b'["\xff"]', b'["\xed\xa0"]',
                b'["\xf0\x9f\x98"]', b'["\xc3"]', b'["\x80"]', b'["\xf5\x80\x80\x80"]', b'["\xed\x9f\xbf"]',
                b'["\xee\x80\x80"]', b'["\xef\xbf\xbf"]']:
        inputs.append(("utf-8 shape", raw))
    # UTF-32 out of range, short inputs
    inputs.append(("utf-32-le big", b'[\x00\x00\x00' + b'\x00\x00\x11\x00' + b']\x00\x00\x00'))
    inputs.append(("utf-32-be big", b'\x00\x00\x00[' + b'\x00\x11\x00\x00' + b'\x00\x00\x00]'))
    for raw in [b"", b"1", b"12", b"1\x00", b"\x001", b"[1]", b"\x00\x00", b"{}\x00", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf",
                b"\xff\xfe\x00\x00", b"\xff\xfe1\x00", b"\x00\x00\x00"]:
        inputs.append(("short", raw))
    # random mutations of encoded documents
    for _ in range(400):
        d = rnd.choice(DOCS)
        enc = rnd.choice(ENCODINGS)
        b = bytearray(d.encode(enc, "surrogatepass"))
        for _ in range(rnd.randint(1, 3)):
            op = rnd.randrange(3)
            if op == 0 and b:
                b[rnd.randrange(len(b))] = rnd.choice([0, 0xff, 0xfe, 0xed, 0xa0, 0xd8, 0xdc, rnd.randrange(256)])
            elif op == 1 and b:
                del b[rnd.randrange(len(b))]
            else:
                b.insert(rnd.randrange(len(b) + 1), rnd.choice([0, 0xff, 0xfe, 0xbb, 0xef, 0x20]))
        inputs.append(("mutated " + enc, bytes(b)))
    vectors = [{"label": label, "hex": b.hex(), **outcome(b)} for label, b in inputs]
    doc = {"generator": "tools/gen-json-vectors.py", "python": sys.version.split()[0], "vectors": vectors}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, indent=0) + "\n")
    print(f"{len(vectors)} vectors -> {OUT}")


if __name__ == "__main__":
    main()
