#!/usr/bin/env python3
"""Differential vectors for the text-file table reading of src/tf/graph.ts (textFileColumn), which gives the keys
and values a lookup table initialised from the model's own asset text file holds (InitializeTableFromTextFileV2, the
op behind tf.lookup.TextFileInitializer): what real TensorFlow's kernel puts in the table for random files (lines with
"\\n", "\\r\\n", a lone "\\r", empty lines, a missing final newline, a byte order mark, non-ASCII text, duplicates) and
every column choice (the whole line -2, a delimited column), delimiter and vocab_size. Each vector records the file,
the attrs and either the table's keys and values (exported, sorted) or the error the kernel raised.
Run with the fixture venv: ~/.cache/graphwarden/venvs/gen/bin/python tools/gen-text-table-vectors.py ->
tests/tf/vectors/text-table.json"""
import base64
import json
import os
import random
import tempfile
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "tf" / "vectors" / "text-table.json"
SEED = 20261208
COUNT = 1500
WORDS = ["a", "b", "vocab", "/tmp/x/.bashrc", "~/.ssh/id_rsa", "caf\u00e9", "x y", "", "1", "-2", "a,b", "a|b", "\u00a0z"]
DELIMS = ["\t", ",", " ", "|"]
ENDINGS = ["\n", "\n", "\n", "\r\n", "\r"]


def random_file(rng: random.Random) -> bytes:
    lines = []
    for _ in range(rng.randint(1, 6)):
        cols = [rng.choice(WORDS) for _ in range(rng.randint(1, 3))]
        lines.append(rng.choice(DELIMS if rng.random() < 0.3 else ["\t"]).join(cols))
    text = ""
    for i, line in enumerate(lines):
        text += line + (rng.choice(ENDINGS) if i < len(lines) - 1 or rng.random() < 0.7 else "")
    if rng.random() < 0.1:
        text = "\ufeff" + text
    return text.encode("utf-8")


def main() -> None:
    rng = random.Random(SEED)
    vectors = []
    with tempfile.TemporaryDirectory(prefix="gw-text-table-") as d:
        for i in range(COUNT):
            # a file of its own each time: the initializer names its table after the file (a shared table would keep
            # the first file's content)
            path = os.path.join(d, f"vocab{i}.txt")
            data = random_file(rng)
            with open(path, "wb") as f:
                f.write(data)
            key_index = rng.choice([-2, -2, 0, 1])
            value_index = rng.choice([-2, 0, 1, 2])
            delimiter = rng.choice(DELIMS)
            vocab_size = rng.choice([-1, -1, -1, 1, 2, 4])
            v = {"file": base64.b64encode(data).decode(), "key_index": key_index, "value_index": value_index,
                 "delimiter": delimiter, "vocab_size": vocab_size}
            try:
                init = tf.lookup.TextFileInitializer(path, tf.string, key_index, tf.string, value_index,
                                                     vocab_size=None if vocab_size < 0 else vocab_size, delimiter=delimiter)
                table = tf.lookup.StaticHashTable(init, default_value="")
                keys, values = table.export()
                v["keys"] = sorted(k.decode("utf-8", "surrogateescape") for k in keys.numpy().tolist())
                v["values"] = sorted(x.decode("utf-8", "surrogateescape") for x in values.numpy().tolist())
            except (tf.errors.OpError, ValueError) as e:
                v["error"] = type(e).__name__ + ": " + str(e).split("}}")[-1].strip().split("\n")[0].replace(path, "vocab.txt")[:120]
            vectors.append(v)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"generator": "tools/gen-text-table-vectors.py", "tensorflow": tf.__version__, "seed": SEED, "vectors": vectors}, indent=0) + "\n")
    print(f"{len(vectors)} vectors ({sum(1 for v in vectors if 'error' in v)} refused) -> {OUT}")


if __name__ == "__main__":
    main()
