#!/usr/bin/env python3
"""Differential vectors for the path a TensorFlow file op opens (src/tf/judge-impl.ts openedPathForms): real
TensorFlow's tf.io.read_file on spellings of planted files (URI schemes and hosts, NUL bytes, "." and "..",
repeated and trailing slashes, a symlink followed by ".."), recording which planted file it read or that it
failed. Every planted file holds its own name. Run with the fixture venv:
~/.cache/graphwarden/venvs/gen/bin/python tools/gen-open-vectors.py -> tests/tf/vectors/open.json"""
import json
import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "tf" / "vectors" / "open.json"
ROOT = "/tmp/graphwarden-open-vectors"  # spelled R in the vectors
FILES = ["etc/passwd", "cwd/x/passwd", "h/etc/passwd", "passwd", "cwd/passwd", "tmp/x"]
SPELLINGS = [
    "R/etc/passwd", "file://R/etc/passwd", "file://hR/etc/passwd", "file:R/etc/passwd", "FILE://R/etc/passwd",
    "file:///R/etc/passwd", "file://localhostR/etc/passwd", "file://user@h:80R/etc/passwd", "x/passwd", "file://x/passwd",
    "file://cwd/passwd", "R//etc/./passwd", "R/cwd/link/../passwd", "link/../passwd", "R/etc/passwd\0z", "R/etc/passwd/",
    "R/etc/passwd/.", "a.b://R/etc/passwd", "file://R/etc/passwd?x", "file://R/etc/passwd#x", "local://R/etc/passwd",
    "file:/R/etc/passwd", "R/cwd/../etc/passwd", "R/../graphwarden-open-vectors/etc/passwd", "./x/../x/passwd",
    "file://R/etc/passwd\0z", "file://\0R/etc/passwd", "R/etc\0/passwd", " R/etc/passwd", "R/etc/passwd ",
    "file://hR/cwd/link/../passwd", "x//passwd", "../passwd", "file://..R/etc/passwd", "file://R/../etc/passwd",
]


def main() -> None:
    shutil.rmtree(ROOT, ignore_errors=True)
    for f in FILES:
        os.makedirs(os.path.dirname(f"{ROOT}/{f}"), exist_ok=True)
        Path(f"{ROOT}/{f}").write_text(f)
    os.symlink(f"{ROOT}/etc", f"{ROOT}/cwd/link")
    os.chdir(f"{ROOT}/cwd")
    vectors = []
    for s in SPELLINGS:
        p = s.replace("R", ROOT) if not s.startswith("FILE") else "FILE://" + s[7:].replace("R", ROOT)
        try:
            vectors.append({"path": s, "opened": tf.io.read_file(p).numpy().decode()})
        except Exception as e:  # noqa: BLE001 - TensorFlow could not open it
            vectors.append({"path": s, "error": type(e).__name__})
    shutil.rmtree(ROOT, ignore_errors=True)
    OUT.write_text(json.dumps({"generator": "tools/gen-open-vectors.py", "tensorflow": tf.__version__, "root": ROOT, "cwd": "R/cwd", "vectors": vectors}, indent=0) + "\n")
    print(f"{len(vectors)} vectors -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
