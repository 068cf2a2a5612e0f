#!/usr/bin/env python3
"""Differential vectors for the raw LZMA1 decoder (src/formats/archive/lzma.ts): raw streams written by
CPython's lzma module (liblzma) with varied lc/lp/pb and dictionary sizes, most then damaged (bit
flips, truncations, spliced bytes, cut end markers), and what liblzma's raw LZMA1 decoder returns
for each, fed one byte at a time as zipfile's reader would: the bytes produced (up to a limit) and
whether it ended with the end marker, ran out of input, or raised (with the bytes it produced first).
Run with any CPython 3 that has lzma:  python3 tools/gen-lzma-vectors.py -> tests/formats/vectors/lzma-raw.json"""
import base64
import hashlib
import json
import lzma
import random
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "formats" / "vectors" / "lzma-raw.json"


def payloads(rnd: random.Random) -> list[tuple[str, bytes]]:
    words = [b"Lambda", b"config", b"keras", b"os.system", b"\x00\x01", b"{\"a\": 1}", b"  "]
    return [
        ("one-byte", b"x"),
        ("json", json.dumps({"class_name": "Lambda", "config": {"module": "keras.layers", "s": "\u00e9" * 40}}).encode()),
        ("words", b"".join(rnd.choice(words) for _ in range(600))),
        ("random", bytes(rnd.randrange(256) for _ in range(700))),
        ("runs", b"A" * 3000 + b"B" * 7 + bytes(range(256)) * 3 + b"\x00" * 2000),
    ]


def decode(data: bytes, props: bytes, limit: int) -> dict:
    filt = lzma._decode_filter_properties(lzma.FILTER_LZMA1, props)  # what zipfile's LZMADecompressor does
    dec = lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=[filt])
    out = bytearray()
    try:
        for i in range(len(data)):
            out += dec.decompress(data[i:i + 1])
            if len(out) >= limit or dec.eof:
                break
    except lzma.LZMAError as e:
        return {"error": str(e), "partial": len(out[:limit]), "partialSha256": hashlib.sha256(bytes(out[:limit])).hexdigest()}
    out = bytes(out[:limit])
    return {"size": len(out), "sha256": hashlib.sha256(out).hexdigest(), "eof": dec.eof}


def main() -> None:
    rnd = random.Random(20261206)
    vectors = []
    settings = [(3, 0, 2, 1 << 16), (0, 0, 0, 4096), (8, 0, 0, 1 << 20), (0, 4, 4, 1 << 16), (1, 2, 1, 8192), (4, 0, 2, 1 << 12)]
    for pname, data in payloads(rnd):
        for lc, lp, pb, dict_size in settings:
            filt = {"id": lzma.FILTER_LZMA1, "lc": lc, "lp": lp, "pb": pb, "dict_size": dict_size, "preset": rnd.choice([0, 6, 9])}
            try:
                raw = lzma.compress(data, format=lzma.FORMAT_RAW, filters=[filt])
            except lzma.LZMAError:
                continue  # liblzma refuses the combination as an encoder (lc + lp > 4)
            props = lzma._encode_filter_properties(filt)
            variants = [("as written", raw), ("marker cut", raw[:-5])]
            for k in range(6):
                b = bytearray(raw)
                for _ in range(1 + k % 3):
                    p = rnd.randrange(5, len(b))
                    b[p] ^= 1 << rnd.randrange(8)
                variants.append((f"flip{k}", bytes(b)))
            for k in range(3):
                variants.append((f"cut{k}", raw[: rnd.randrange(5, len(raw))]))
            b = bytearray(raw)
            p = rnd.randrange(6, len(b))
            variants.append(("splice", bytes(b[:p] + bytes(rnd.randrange(256) for _ in range(40)) + b[p:])))
            for tag, v in variants:
                for limit in (len(data), len(data) + 100, max(1, len(data) // 2)):
                    vectors.append({
                        "label": f"{pname} lc{lc} lp{lp} pb{pb} {tag} limit {limit}",
                        "props": base64.b64encode(props).decode(), "b64": base64.b64encode(v).decode(),
                        "limit": limit, **decode(v, props, limit),
                    })
    doc = {"generator": "tools/gen-lzma-vectors.py", "python": sys.version.split()[0], "vectors": vectors}
    OUT.write_text(json.dumps(doc, indent=0) + "\n")
    print(f"{len(vectors)} vectors, {OUT.stat().st_size} bytes -> {OUT}")


if __name__ == "__main__":
    main()
