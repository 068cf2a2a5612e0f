#!/usr/bin/env python3
"""Differential vectors for the Lambda code-string decoder (src/python/fold.ts decodeBase64Bytes,
src/python/lambda.ts decodeCodeString): what Keras' func_load (tf_keras generic_utils, Keras 3
python_utils) does with a code string before marshal.loads:

    try:    raw = codecs.decode(code.encode("ascii"), "base64")      # binascii.a2b_base64, non-strict
    except (UnicodeEncodeError, binascii.Error):
            raw = code.encode("raw_unicode_escape")

Seeded random and edge strings (pads in every quad position, junk characters, whitespace,
truncated quads, data after a complete pad, non-ASCII) are run through that exact expression by
every local CPython 3.9-3.13 (pyenv installs, or $PYTHON39 ... $PYTHON313); the script fails if two
versions disagree, and records the versions that produced each result.
Run:  python3 tools/gen-base64-vectors.py -> tests/python/vectors/base64-funcload.json
Then: node tools/check-base64-vectors-pyodide.mjs replays them in the pyodide CPythons 3.10-3.14."""
import base64
import json
import marshal
import os
import random
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "python" / "vectors" / "base64-funcload.json"
MINORS = ["3.9", "3.10", "3.11", "3.12", "3.13"]

# Runs inside each CPython: reads a JSON list of strings, prints one JSON result per string.
CHILD = r"""
import binascii, codecs, json, sys
out = []
for s in json.load(sys.stdin):
    r = {}
    try:
        b = s.encode("ascii")
    except UnicodeEncodeError:
        r["ascii"] = False
        b = None
    if b is not None:
        try:
            r["b64"] = codecs.decode(b, "base64").hex()
        except binascii.Error:
            r["b64"] = None
    if r.get("b64") is None:
        r["raw"] = s.encode("raw_unicode_escape").hex()
    out.append(r)
json.dump(out, sys.stdout)
"""


def python_for(minor: str) -> str | None:
    env = os.environ.get("PYTHON" + minor.replace(".", ""))
    if env:
        return env
    base = Path("/root/.pyenv/versions")
    if base.is_dir():
        hits = sorted(p for p in base.iterdir() if p.name.startswith(minor + "."))
        if hits:
            return str(hits[-1] / "bin" / "python")
    return None


def inputs(rnd: random.Random) -> list[str]:
    alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    junk = ["=", "==", "\n", "\r\n", " ", "\t", "!", "-", "_", ".", "*", "\x00", "\x7f", "~", "é", "\u20ac", "\U0001f600", "\\", "\\x"]
    out: list[str] = ["", "=", "==", "===", "====", "A", "AA", "AAA", "AAAA", "AA==", "AAA=", "AA=", "A===", "A=", "=A", "==AA", "=AAA", "A=AA", "AA=A", "AA==AAAA", "AAA=AAAA", "AAAA====", "AAAA=AAA", "AA=\n=", "AA=!=", "AA=A=", "AAA!=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"]
    # every short string over a small alphabet: pads in every quad position
    small = ["A", "/", "=", "!", "\n"]
    def every(prefix: str, n: int) -> None:
        if n == 0:
            return
        for c in small:
            out.append(prefix + c)
            every(prefix + c, n - 1)
    every("", 6)
    # real encodings (as func_dump writes them: newline every 76 chars), then damaged
    for n in range(0, 40):
        data = bytes(rnd.randrange(256) for _ in range(n))
        enc = base64.encodebytes(data).decode("ascii")
        out.append(enc)
        for _ in range(6):
            s = list(enc)
            for _ in range(rnd.randrange(1, 4)):
                op = rnd.randrange(4)
                pos = rnd.randrange(len(s) + 1)
                if op == 0:
                    s.insert(pos, rnd.choice(junk))
                elif op == 1 and s:
                    del s[min(pos, len(s) - 1)]
                elif op == 2:
                    s.insert(pos, rnd.choice(alpha))
                else:
                    s.insert(pos, "=" * rnd.randrange(1, 4))
            out.append("".join(s))
        # data after a complete pad, and pads dropped into the middle
        if enc.rstrip("\n").endswith("="):
            out.append(enc + "AAAA")
            out.append(enc.rstrip("\n") + "QUJD\n")
    # marshalled code objects (as func_dump writes them), damaged the same ways
    for src in ["lambda x: x", "lambda x: x * 2.0 + 1", "lambda x, y=3: (x, y)"]:
        enc = base64.encodebytes(marshal.dumps(compile(src, "<s>", "eval"))).decode("ascii")
        out += [enc, enc + "AAAA", enc.replace("\n", "=\n", 1), "!" + enc, enc[:-2], enc + "=", enc.replace("\n", ""), "==" + enc]
        for _ in range(20):
            s = list(enc)
            pos = rnd.randrange(len(s) + 1)
            s.insert(pos, rnd.choice(junk + ["=", "=="]))
            out.append("".join(s))
        raw = marshal.dumps(compile(src, "<s>", "eval")).decode("latin-1")
        out += [raw, raw + "\u20ac"]
    # random strings over alphabet + pads + junk
    pool = list(alpha) * 3 + ["="] * 6 + junk
    for _ in range(600):
        out.append("".join(rnd.choice(pool) for _ in range(rnd.randrange(0, 24))))
    seen: set[str] = set()
    uniq = []
    for s in out:
        if s not in seen:
            seen.add(s)
            uniq.append(s)
    return uniq


def main() -> None:
    strings = inputs(random.Random(20261207))
    results: dict[str, list] = {}
    for minor in MINORS:
        exe = python_for(minor)
        if not exe or not Path(exe).exists():
            print(f"no CPython {minor}: skipped", file=sys.stderr)
            continue
        proc = subprocess.run([exe, "-c", CHILD], input=json.dumps(strings), capture_output=True, text=True, check=True)
        results[minor] = json.loads(proc.stdout)
    if not results:
        sys.exit("no CPython found")
    versions = list(results)
    first = results[versions[0]]
    for v in versions[1:]:
        for s, a, b in zip(strings, first, results[v]):
            if a != b:
                sys.exit(f"CPython {versions[0]} and {v} disagree on {s!r}: {a} vs {b}")
    vectors = [{"s": s, **r} for s, r in zip(strings, first)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"about": f"GENERATED by tools/gen-base64-vectors.py: func_load's decoding of each string, identical on CPython {', '.join(versions)}", "versions": versions, "vectors": vectors}, ensure_ascii=True, indent=0) + "\n")
    print(f"{len(vectors)} vectors, CPython {', '.join(versions)} -> {OUT}")


if __name__ == "__main__":
    main()
