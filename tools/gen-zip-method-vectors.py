#!/usr/bin/env python3
"""Differential vectors for zip members compressed with bzip2 (12) and LZMA (14): small archives
written by Python's zipfile, some then damaged, and what zipfile.read() returns for each member
(sha256 of the bytes, or the exception class). Run with any CPython 3 that has bz2 and lzma:
python3 tools/gen-zip-method-vectors.py  -> tests/formats/vectors/zip-methods.json"""
import hashlib
import io
import json
import random
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "formats" / "vectors" / "zip-methods.json"


def payloads(rnd: random.Random) -> dict[str, bytes]:
    return {
        "empty": b"",
        "one-byte": b"x",
        "json": json.dumps({"class_name": "Lambda", "config": {"module": "keras.layers", "s": "é" * 50}}).encode(),
        "random-20k": bytes(rnd.randrange(256) for _ in range(20000)),
        "runs-2m": b"A" * 1_000_000 + b"B" * 5 + b"\x00" * 1_000_000,
        "text-300k": b"".join(f"line {i} {rnd.random()}\n".encode() for i in range(12000)),
    }


def archive(data: bytes, method: int, level: int | None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method, compresslevel=level) as z:
        z.writestr("m.bin", data)
    return buf.getvalue()


def outcome(raw: bytes) -> dict:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            data = z.read("m.bin")
    except Exception as e:  # noqa: BLE001 - any raise means the loader cannot read the member
        return {"error": type(e).__name__}
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def damaged(raw: bytes, rnd: random.Random) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        info = z.infolist()[0]
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    end = start + info.compress_size
    out = []
    if info.compress_size > 12:
        b = bytearray(raw)
        p = rnd.randrange(start + 10, end)
        b[p] ^= 0xFF
        out.append(("flipped", bytes(b)))
    # Declared sizes that lie (central directory and local header both).
    for delta, tag in ((-1, "size-1"), (1, "size+1")):
        if info.file_size + delta < 0:
            continue
        b = bytearray(raw)
        cd = raw.rfind(b"PK\x01\x02")
        for off in (info.header_offset + 22, cd + 24):
            b[off:off + 4] = (info.file_size + delta).to_bytes(4, "little")
        out.append((tag, bytes(b)))
    return out


def main() -> None:
    rnd = random.Random(12)
    vectors = []
    for pname, data in payloads(rnd).items():
        for mname, method, level in (("bzip2-9", zipfile.ZIP_BZIP2, 9), ("bzip2-1", zipfile.ZIP_BZIP2, 1), ("lzma", zipfile.ZIP_LZMA, None)):
            raw = archive(data, method, level)
            variants = [("as written", raw)]
            if len(raw) < 40000:
                variants += damaged(raw, rnd)
            for tag, b in variants:
                vectors.append({"label": f"{pname} {mname} {tag}", "b64": __import__("base64").b64encode(b).decode(), **outcome(b)})
    doc = {"generator": "tools/gen-zip-method-vectors.py", "python": sys.version.split()[0], "vectors": vectors}
    OUT.write_text(json.dumps(doc, indent=0) + "\n")
    print(f"{len(vectors)} vectors, {OUT.stat().st_size} bytes -> {OUT}")


if __name__ == "__main__":
    main()
